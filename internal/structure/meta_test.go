package structure

import "testing"

func TestParseDutchDate(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Den Haag, 17 november 2021", "2021-11-17"},
		{"Voorgesteld 6 juli 2021", "2021-07-06"},
		{"(ontvangen 12 augustus 2024)", "2024-08-12"},
		{"1 mrt. 2011", "2011-03-01"},
		{"22 jun i 2022", "2022-06-22"},
		{"17-11-2021", "2021-11-17"},
		{"Wed 9/23/2020 9:06:08 PM", "2020-09-23"},
		{"2024-01-16", "2024-01-16"},
		{"31 februari", ""},
		{"geen datum", ""},
		{"32 januari 2020", ""},
	} {
		if got := parseDutchDate(c.in); got != c.want {
			t.Errorf("parseDutchDate(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestParseDossierLine(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"29 911", "29911"},
		{"36 200 VI", "36200-VI"},
		{"21 501-20", "21501-20"},
		{"36450", "36450"},
		{"Nr. 3", ""},
		{"2024", ""},
	} {
		if got := parseDossierLine(c.in); got != c.want {
			t.Errorf("parseDossierLine(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestVergaderjaar(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Vergaderjaar 2021–2022", "2021-2022"},
		{"Vergaderjaar 2023-2024", "2023-2024"},
		{"vergaderjaar 2020/21", "2020-2021"},
		{"Vergaderjaar 2021–2021", ""},
	} {
		if got := parseVergaderjaar(c.in); got != c.want {
			t.Errorf("parseVergaderjaar(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	for _, c := range []struct{ in, want string }{
		{"2025-01-16", "2024-2025"},
		{"2024-09-16", "2023-2024"}, // the third Tuesday of September 2024 is the 17th
		{"2024-09-17", "2024-2025"},
		{"", ""},
	} {
		if got := vergaderjaarOf(c.in); got != c.want {
			t.Errorf("vergaderjaarOf(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestSplitHeadingNumber(t *testing.T) {
	for _, c := range []struct{ in, num, rest string }{
		{"2.3 Doel", "2.3", "Doel"},
		{"1. Inleiding", "1", "Inleiding"},
		{"I. Algemeen deel", "I", "Algemeen deel"},
		{"Artikel 1", "Artikel 1", ""},
		{"Artikel 1.1.5", "Artikel 1.1.5", ""},
		{"HOOFDSTUK 2 ADVIESCOLLEGE", "HOOFDSTUK 2", "ADVIESCOLLEGE"},
		{"TITEL 1.2 DEFINITIES", "TITEL 1.2", "DEFINITIES"},
		{"Inleiding", "", "Inleiding"},
	} {
		num, rest := splitHeadingNumber(c.in)
		if num != c.num || rest != c.rest {
			t.Errorf("splitHeadingNumber(%q) = %q, %q, want %q, %q", c.in, num, rest, c.num, c.rest)
		}
	}
}

func TestTypeFromTitle(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"BRIEF VAN DE MINISTER VAN JUSTITIE EN VEILIGHEID", "brief"},
		{"MOTIE VAN DE LEDEN HOLMAN EN VAN CAMPEN", "motie"},
		{"GEWIJZIGDE MOTIE VAN HET LID EERDMANS", "motie"},
		{"MEMORIE VAN TOELICHTING", "memorie van toelichting"},
		{"NOTA NAAR AANLEIDING VAN HET VERSLAG", "nota naar aanleiding van het verslag"},
		{"KONINKLIJKE BOODSCHAP", "koninklijke boodschap"},
		{"VOORSTEL VAN WET", "voorstel van wet"},
	} {
		if got := typeFromTitle(c.in); got != c.want {
			t.Errorf("typeFromTitle(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

package docid

import "testing"

func TestPublicURL(t *testing.T) {
	tests := []struct{ id, want string }{
		{"kst-29911-337", "https://zoek.officielebekendmakingen.nl/kst-29911-337.html"},
		{"ah-tk-20202021-2348", "https://zoek.officielebekendmakingen.nl/ah-tk-20202021-2348.html"},
		{"h-tk-20212022-3-2", "https://zoek.officielebekendmakingen.nl/h-tk-20212022-3-2.html"},
		{"stb-2020-278", "https://zoek.officielebekendmakingen.nl/stb-2020-278.html"},
		{"dossier-36600-XXIII", "https://zoek.officielebekendmakingen.nl/dossier/36600-XXIII"},
		{"ECLI:NL:HR:2021:384", "https://uitspraken.rechtspraak.nl/details?id=ECLI:NL:HR:2021:384"},
		{"celex:32016R0679:art=89", "https://eur-lex.europa.eu/legal-content/NL/TXT/?uri=CELEX:32016R0679"},
		{"bwb:BWBR0001941:art=13b", "https://wetten.overheid.nl/BWBR0001941"},
		{"url:https://example.org/a", "https://example.org/a"},
		{"ljn:BQ9251", ""},
		{"doc-0123456789ab", ""},
		{"kv-tk-20092010-KVR43210", "https://zoek.officielebekendmakingen.nl/kv-tk-20092010-KVR43210.html"},
		{"tkz-2021Z15715", "https://www.tweedekamer.nl/kamerstukken/detail?id=2021Z15715"},
		{"url:javascript:alert(1)", ""},
		{"kst-", ""},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			if got := PublicURL(tt.id); got != tt.want {
				t.Errorf("PublicURL(%q) = %q, want %q", tt.id, got, tt.want)
			}
		})
	}
}

func TestOfficialURL(t *testing.T) {
	for id, want := range map[string]bool{
		"kst-29911-337":            true,
		"ECLI:NL:HR:2021:384":      true,
		"url:https://example.org/": false,
		"url:https://zoek.officielebekendmakingen.nl.evil.test/": false,
		"ljn:BQ9251": false,
	} {
		if got := OfficialURL(id) != ""; got != want {
			t.Errorf("OfficialURL(%q) = %q, want official %v", id, OfficialURL(id), want)
		}
	}
}

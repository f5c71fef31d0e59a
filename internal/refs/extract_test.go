package refs

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kamerzoek/internal/realdata"
)

func readSeed(t testing.TB) string {
	t.Helper()
	dir := realdata.Dir(t)
	b, err := os.ReadFile(filepath.Join(dir, "seed", "kst-29911-337.txt"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestSeedLetter checks the letter the project started from: with Self
// set, its body and footnotes cite exactly 34 distinct Kamerstukken, never
// itself, and the impossible vergaderjaar of its footnote 36 is reported.
func TestSeedLetter(t *testing.T) {
	text := readSeed(t)
	res := Extract(text, Context{Self: "kst-29911-337"})
	checkInvariants(t, text, res)
	var kst []string
	for _, id := range distinctIDs(res) {
		if strings.HasPrefix(id, "kst-") {
			kst = append(kst, id)
		}
		if id == "kst-29911-337" {
			t.Errorf("self reference returned")
		}
	}
	if len(kst) != 34 {
		t.Errorf("got %d distinct kst ids, want 34: %v", len(kst), kst)
	}
	found := false
	for _, d := range res.Diagnostics {
		if text[d.Start:d.End] == "2021/21" && strings.Contains(d.Message, "vergaderjaar") {
			found = true
		}
	}
	if !found {
		t.Errorf("no diagnostic for the impossible vergaderjaar 2021/21: %v", res.Diagnostics)
	}
}

func TestSpansPinpointContext(t *testing.T) {
	text := "Inleiding. Zie Kamer\u00adstukken\u00a0II 2015/16, 34\u00a0442, nr.\u202f3, p.\u00a07 voor de toelichting. Einde."
	res := Extract(text, Context{})
	checkInvariants(t, text, res)
	if len(res.References) != 1 {
		t.Fatalf("got %d references, want 1: %+v", len(res.References), res.References)
	}
	r := res.References[0]
	wantRaw := "Kamer\u00adstukken\u00a0II 2015/16, 34\u00a0442, nr.\u202f3"
	if r.Raw != wantRaw || r.ID != "kst-34442-3" || r.Kind != "kamerstuk" {
		t.Errorf("got %q %q %q", r.ID, r.Kind, r.Raw)
	}
	if r.Start != strings.Index(text, "Kamer") || r.End != r.Start+len(wantRaw) {
		t.Errorf("span [%d,%d)", r.Start, r.End)
	}
	if r.Pinpoint != "p. 7" {
		t.Errorf("pinpoint %q, want %q", r.Pinpoint, "p. 7")
	}
	if want := "Zie Kamerstukken II 2015/16, 34 442, nr. 3, p. 7 voor de toelichting."; r.Context != want {
		t.Errorf("context %q, want %q", r.Context, want)
	}
}

func TestContextSelfAndKamer(t *testing.T) {
	tests := []struct {
		name string
		text string
		ctx  Context
		want string
	}{
		{"self dropped", "Kamerstuk 29 911, nr. 337 en Kamerstuk 29 911, nr. 338.", Context{Self: "kst-29911-337"}, "kst-29911-338"},
		{"self canonical", "Kamerstuk 35 564, nr. B.", Context{Self: "kst-35564-B"}, ""},
		{"self as OB writes it", "Kamerstuk 35 564, nr. B.", Context{Self: "kst-35564-b-h1"}, ""},
		{"kamer default tk", "Handelingen 2020/21, nr. 45, item 7.", Context{}, "h-tk-20202021-45-7"},
		{"kamer from context", "Handelingen 2020/21, nr. 45, item 7.", Context{Kamer: "ek"}, "h-ek-20202021-45-7"},
		{"kamer named wins", "Handelingen II 2020/21, nr. 45, item 7.", Context{Kamer: "ek"}, "h-tk-20202021-45-7"},
		{"aanhangsel kamer from context", "Aanhangsel Handelingen 2020/21, nr. 12.", Context{Kamer: "ek"}, "ah-ek-20202021-12"},
		{"running header of another paper", "tekst\nTweede Kamer, vergaderjaar 2021–2022, 29 911, nr. 337\n\n2\nmeer\nTweede Kamer, vergaderjaar 2021–2022, 29 911, nr. 337\n3\n", Context{}, ""},
		{"header form cited once", "Zie Tweede Kamer, vergaderjaar 1988–1989, 21 214 (R 1375), nr. 3.", Context{}, "kst-21214-3"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := Extract(tc.text, tc.ctx)
			checkInvariants(t, tc.text, res)
			if got := strings.Join(distinctIDs(res), ","); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestDiagnostics(t *testing.T) {
	tests := []struct {
		text, raw, msg string
	}{
		{"Aanhangsel Handelingen II 2021/21, nr. 2348", "2021/21", "impossible vergaderjaar"},
		{"Handelingen II 2020/22, nr. 3, item 2", "2020/22", "impossible vergaderjaar"},
		{"Kamerstuk 29 911, nrs. 1-200.", "1-200", "range_truncated"},
		{"wet van 7 juni 2006, Stb. 330", "Stb. 330", "year_inferred"},
	}
	for _, tc := range tests {
		res := Extract(tc.text, Context{})
		checkInvariants(t, tc.text, res)
		ok := false
		for _, d := range res.Diagnostics {
			if tc.text[d.Start:d.End] == tc.raw && d.Message == tc.msg {
				ok = true
			}
		}
		if !ok {
			t.Errorf("%q: no diagnostic %q over %q; got %+v", tc.text, tc.msg, tc.raw, res.Diagnostics)
		}
	}
}

func TestParseFormat(t *testing.T) {
	good := map[string]ID{
		"kst-29911-337":            {Family: "kst", Dossier: "29911", Number: "337"},
		"kst-36200-VI-12":          {Family: "kst", Dossier: "36200", Toevoeging: "VI", Number: "12"},
		"kst-21501-02-3174":        {Family: "kst", Dossier: "21501", Toevoeging: "02", Number: "3174"},
		"kst-35564-B":              {Family: "kst", Dossier: "35564", Number: "B"},
		"kst-CXXIV-G":              {Family: "kst", Dossier: "CXXIV", Number: "G"},
		"kst-19951996-23700-188b":  {Family: "kst", Vergaderjaar: "19951996", Dossier: "23700", Number: "188b"},
		"kst-1268678":              {Family: "kst", Number: "1268678"},
		"dossier-36600-XXIII":      {Family: "dossier", Dossier: "36600", Toevoeging: "XXIII"},
		"h-tk-20212022-3-2":        {Family: "h", Kamer: "tk", Vergaderjaar: "20212022", Vergadering: "3", Item: "2"},
		"h-tk-20072008-108":        {Family: "h", Kamer: "tk", Vergaderjaar: "20072008", Vergadering: "108"},
		"h-tk-20052006-p4567":      {Family: "h", Kamer: "tk", Vergaderjaar: "20052006", Page: "4567"},
		"ah-tk-20202021-2348":      {Family: "ah", Kamer: "tk", Vergaderjaar: "20202021", Number: "2348"},
		"ah-1271549":               {Family: "ah", Number: "1271549"},
		"stb-2021-123":             {Family: "stb", Year: "2021", Number: "123"},
		"gmb-2023-502828":          {Family: "gmb", Year: "2023", Number: "502828"},
		"blg-1093410":              {Family: "blg", Number: "1093410"},
		"ECLI:NL:HR:2021:384":      {Family: "ecli", Value: "ECLI:NL:HR:2021:384"},
		"ljn:BQ9251":               {Family: "ljn", Value: "BQ9251"},
		"celex:32016R0679:art=89":  {Family: "celex", Value: "32016R0679", Article: "89"},
		"bwb:BWBR0005537:art=5:9":  {Family: "bwb", Value: "BWBR0005537", Article: "5:9"},
		"bwb:BWBR0001941":          {Family: "bwb", Value: "BWBR0001941"},
		"tkd-2021D44589":           {Family: "tkd", Value: "2021D44589"},
		"tkz-2021Z20541":           {Family: "tkz", Value: "2021Z20541"},
		"kv-tk-20062007-KVR27039":  {Family: "kv", Kamer: "tk", Value: "20062007-KVR27039"},
		"url:https://www.acm.nl/x": {Family: "url", Value: "https://www.acm.nl/x"},
	}
	for s, want := range good {
		got, err := Parse(s)
		if err != nil {
			t.Errorf("Parse(%q): %v", s, err)
			continue
		}
		if got != want {
			t.Errorf("Parse(%q) = %+v, want %+v", s, got, want)
		}
		if f := Format(got); f != s {
			t.Errorf("Format(Parse(%q)) = %q", s, f)
		}
	}
	for _, s := range []string{"", "kst-", "kst-29911", "kst-29911-0337", "kst-29911-337-1-2", "dossier-", "h-xx-20212022-3",
		"h-tk-2021-3", "ah-vv-20212022-3", "stb-21-3", "ECLI:NL:HR", "celex:32016R679", "bwb:BWBR123", "tkd-2021Z12345",
		"url:ftp://x", "kst-29911-337 ", "foo-1"} {
		if _, err := Parse(s); !errors.Is(err, ErrInvalidID) {
			t.Errorf("Parse(%q) = %v, want ErrInvalidID", s, err)
		}
	}
}

func TestNormalizeOffsets(t *testing.T) {
	text := "a\u00a0b\u00adc\u2013d\u00b9e\xffé"
	n := normalize(text)
	if n.s != "a b"+"c-d\x1ee\x1fé" {
		t.Fatalf("normalised %q", n.s)
	}
	// every normalised byte maps into the original at a character start
	for i := range n.s {
		a, b := n.span(i, i+1)
		if a < 0 || b > len(text) || a >= b {
			t.Fatalf("byte %d maps to [%d,%d)", i, a, b)
		}
	}
	if a, b := n.span(2, 5); text[a:b] != "b\u00adc\u2013" {
		t.Errorf("span(2,5) = %q", text[a:b])
	}
}

// BenchmarkExtract measures extraction speed on the seed letter (72 KB of
// text with 50 references); MB/s is bytes of text per second.
func BenchmarkExtract(b *testing.B) {
	text := readSeed(b)
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Extract(text, Context{Self: "kst-29911-337"})
	}
}

// BenchmarkExtractParts measures extraction on the seed letter cut at its
// blank lines, one Extract per part, as a document's sections and
// footnotes are read; MB/s is bytes of text per second.
func BenchmarkExtractParts(b *testing.B) {
	parts := strings.Split(readSeed(b), "\n\n")
	n := 0
	for _, p := range parts {
		n += len(p)
	}
	b.SetBytes(int64(n))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, p := range parts {
			Extract(p, Context{Self: "kst-29911-337"})
		}
	}
}

// BenchmarkExtractLarge runs on 2 MB of text; set KAMERZOEK_BENCH_LARGE=1.
func BenchmarkExtractLarge(b *testing.B) {
	if os.Getenv("KAMERZOEK_BENCH_LARGE") != "1" {
		b.Skip("set KAMERZOEK_BENCH_LARGE=1")
	}
	seed := readSeed(b)
	text := strings.Repeat(seed+"\n\n", 2<<20/len(seed)+1)
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Extract(text, Context{Self: "kst-29911-337"})
	}
}

func TestParseOB(t *testing.T) {
	tests := map[string]string{
		"kst-26643-144-h1":          "kst-26643-144",
		"kst-cxxiv-g":               "kst-CXXIV-G",
		"kst-20082009-32024-C":      "kst-32024-C",
		"kst-32123-XIV-A-b1":        "kst-32123-XIV-A",
		"h-tk-20072008-2932-2933":   "h-tk-20072008-p2932",
		"h-tk-20182019-35-8-n1":     "h-tk-20182019-35-8",
		"kv-tk-2021Z15715":          "tkz-2021Z15715",
		"nds-tk-2022D07485":         "tkd-2022D07485",
		"stcrt-2008-115-p7-SC86194": "stcrt-2008-115",
		"ah-ek-20082009-14-n1":      "ah-ek-20082009-14",
	}
	for in, want := range tests {
		id, err := ParseOB(in)
		if err != nil || Format(id) != want {
			t.Errorf("ParseOB(%q) = %q, %v; want %q", in, Format(id), err, want)
		}
	}
	for _, in := range []string{"kst-29911", "xyz-1", "h-tk-2021-1", ""} {
		if _, err := ParseOB(in); !errors.Is(err, ErrInvalidID) {
			t.Errorf("ParseOB(%q) = %v, want ErrInvalidID", in, err)
		}
	}
}

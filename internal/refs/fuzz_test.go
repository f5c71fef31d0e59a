package refs

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"kamerzoek/internal/realdata"
)

// fuzzSeeds are inputs that exercise the normaliser and every recogniser.
var fuzzSeeds = []string{
	"Kamerstuk 29\u00a0911, nr.\u202f318\u00b9.",
	"Kamer\u00adstukken II 2019/20, 35 300 VII, nr. 8, p. 4",
	"Kamer-\nstukken I 2020/21, 35 564, A\u2013C.",
	"Aanhangsel Handelingen II 2021/21, nr. 2348",
	"Handelingen I 23 juni 2009, 36\u20131624",
	"https://zoek.officielebekendmakingen.nl/kst-cxxiv-g.html ECLI:NL:HR:2021:384.",
	"artikel 5:9, aanhef en onder b, Awb en artikel 9 van Richtlijn (EU) 2016/680",
	"Tweede Kamer, vergaderjaar 2023\u20132024, 36 450, nr. 3\n\n2\n\nTweede Kamer, vergaderjaar 2023\u20132024, 36 450, nr. 3\n",
	"(Kamerstuk 24 077, nr. 442) ter vervanging van nr. 441 \xff\xfe kst-26643-144-h1",
	"Stb. 2021, 123 en 124; wet van 7 juni 2006, Stb. 330",
}

// FuzzExtract checks the invariants of Extract on arbitrary text: no panic,
// spans inside the text, on UTF-8 boundaries and sorted, Raw equal to the
// text under the span, and every id canonical (Parse(Format(id)) == id).
func FuzzExtract(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	if dir, ok := realdata.Find(); ok {
		if b, err := os.ReadFile(filepath.Join(dir, "citations", "cases.tsv")); err == nil {
			for _, line := range strings.Split(string(b), "\n")[1:] {
				in, _, _ := strings.Cut(line, "\t")
				if in != "" {
					f.Add(in)
				}
			}
		}
	}
	f.Fuzz(func(t *testing.T, text string) {
		res := extract(text, Context{Self: "kst-29911-337"})
		checkInvariants(t, text, res)
	})
}

func checkInvariants(t *testing.T, text string, res Result) {
	t.Helper()
	prev := -1
	for _, r := range res.References {
		if r.Start < 0 || r.End > len(text) || r.Start >= r.End {
			t.Fatalf("span [%d,%d) out of bounds (len %d) for %q", r.Start, r.End, len(text), r.ID)
		}
		if text[r.Start:r.End] != r.Raw {
			t.Fatalf("raw %q != text[%d:%d] %q", r.Raw, r.Start, r.End, text[r.Start:r.End])
		}
		if r.Start < prev {
			t.Fatalf("references not sorted: %d after %d", r.Start, prev)
		}
		prev = r.Start
		if utf8.ValidString(text) && !utf8.ValidString(r.Raw) {
			t.Fatalf("raw %q cuts a character", r.Raw)
		}
		if r.Start > 0 && !utf8.RuneStart(text[r.Start]) && utf8.ValidString(text) {
			t.Fatalf("start %d inside a character", r.Start)
		}
		id, err := Parse(r.ID)
		if err != nil {
			t.Fatalf("produced id %q does not parse: %v", r.ID, err)
		}
		if Format(id) != r.ID {
			t.Fatalf("Format(Parse(%q)) = %q", r.ID, Format(id))
		}
		if id2, _ := Parse(Format(id)); id2 != id {
			t.Fatalf("Parse(Format(id)) != id for %q", r.ID)
		}
		if r.Kind == "" {
			t.Fatalf("no kind for %q", r.ID)
		}
		if r.ID == "kst-29911-337" {
			t.Fatalf("self reference returned")
		}
	}
	for _, d := range res.Diagnostics {
		if d.Start < 0 || d.End > len(text) || d.Start > d.End {
			t.Fatalf("diagnostic span [%d,%d) out of bounds", d.Start, d.End)
		}
	}
}

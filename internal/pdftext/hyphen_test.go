package pdftext

import (
	"os"
	"path/filepath"
	"testing"

	"kamerzoek/internal/realdata"
)

func line(words ...string) Line {
	l := Line{}
	for _, w := range words {
		l.Words = append(l.Words, Word{Text: w})
	}
	return l
}

func TestHyphenation(t *testing.T) {
	for _, tc := range []struct {
		name  string
		lines []Line
		want  bool
	}{
		{"line-end split", []Line{line("de", "zorgprofes-"), line("sionals", "werken")}, true},
		{"compound seen elsewhere", []Line{line("de", "rechter-"), line("commissaris", "besliste"), line("een", "rechter-commissaris")}, false},
		{"joined form seen elsewhere", []Line{line("de", "rechter-"), line("commissaris"), line("rechtercommissaris")}, true},
		{"suspended en", []Line{line("de", "in-"), line("en", "uitvoer")}, false},
		{"suspended of", []Line{line("land-"), line("of", "tuinbouw")}, false},
		{"capital next", []Line{line("Noord-"), line("Holland", "is")}, false},
		{"acronym stem", []Line{line("programma", "DG-"), line("ondermijning")}, false},
		{"vowel clash", []Line{line("zee-"), line("eend")}, false},
		{"diphthong clash", []Line{line("informatie-"), line("uitwisseling")}, false},
		{"syllable between vowels", []Line{line("re-"), line("aliteit")}, true},
		{"not a hyphen word", []Line{line("kosten", "-"), line("baten")}, false},
		{"superscript after", []Line{{Words: []Word{{Text: "Ploumen-"}, {Text: "1", Superscript: true}}}, line("achtig")}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := &Document{Pages: []Page{{Number: 1, Lines: tc.lines}}}
			markHyphenation(doc)
			if got := doc.Pages[0].Lines[0].Hyphenated; got != tc.want {
				t.Errorf("Hyphenated = %v, want %v", got, tc.want)
			}
		})
	}
}

// TestHyphenationSeed checks the seed renderings against the letter's own
// text: every line-end hyphen of a word the letter writes whole is joined,
// every hyphen it writes is kept.
func TestHyphenationSeed(t *testing.T) {
	sh := realdata.Dir(t)
	txt, err := os.ReadFile(filepath.Join(sh, "seed", "kst-29911-337.txt"))
	if err != nil {
		t.Fatal(err)
	}
	truth := map[string]bool{}
	for _, w := range splitWords(string(txt)) {
		truth[w] = true
	}
	files, _ := filepath.Glob(filepath.Join(sh, "seed", "kst-29911-337.*.pdf"))
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			doc := readFileOK(t, f)
			var lines []Line
			for _, p := range doc.Pages {
				lines = append(lines, p.Lines...)
			}
			checked, wrong := 0, 0
			for i, l := range lines {
				n := len(l.Words)
				if n == 0 || i+1 >= len(lines) || len(lines[i+1].Words) == 0 {
					continue
				}
				last := vocabKey(l.Words[n-1].Text)
				if len(last) < 2 || last[len(last)-1] != '-' {
					continue
				}
				next := vocabKey(lines[i+1].Words[0].Text)
				joined, kept := last[:len(last)-1]+next, last+next
				if truth[joined] == truth[kept] {
					continue // the letter does not tell (or the next line is not the continuation)
				}
				checked++
				if l.Hyphenated != truth[joined] {
					wrong++
					t.Logf("%q + %q: Hyphenated = %v", last, next, l.Hyphenated)
				}
			}
			t.Logf("%d line-end hyphens checked against the letter, %d wrong", checked, wrong)
			if checked == 0 {
				t.Error("no line-end hyphen checked")
			}
			// Without evidence in the letter itself a compound split at
			// its hyphen looks like any other split; allow a few.
			if wrong*20 > checked {
				t.Errorf("%d of %d line-end hyphens decided wrong", wrong, checked)
			}
		})
	}
}

// splitWords splits text into vocabKey words.
func splitWords(s string) []string {
	var out []string
	start := -1
	for i, r := range s + " " {
		if r == ' ' || r == '\n' || r == '\t' {
			if start >= 0 {
				if w := vocabKey(s[start:i]); w != "" {
					out = append(out, w)
				}
				start = -1
			}
			continue
		}
		if start < 0 {
			start = i
		}
	}
	return out
}

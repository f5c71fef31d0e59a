package pdftext

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kamerzoek/internal/realdata"
)

// markers counts the superscript footnote markers of doc: superscript
// words that follow a body word on their line (a note's own number at the
// start of its line is not a marker).
func markers(doc *Document) []string {
	var out []string
	for _, p := range doc.Pages {
		for _, l := range p.Lines {
			for i, w := range l.Words {
				if w.Superscript && i > 0 && !l.Words[i-1].Superscript {
					out = append(out, w.Text)
				}
			}
		}
	}
	return out
}

// TestSeedMarkers: every rendering of the seed letter shows its 38
// footnote markers, numbered 1..38 in order, glued to no word.
func TestSeedMarkers(t *testing.T) {
	sh := realdata.Dir(t)
	files, _ := filepath.Glob(filepath.Join(sh, "seed", "kst-29911-337.*.pdf"))
	if len(files) == 0 {
		t.Fatal("no seed renderings found")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := Read(data, Options{})
			if err != nil {
				t.Fatal(err)
			}
			m := markers(doc)
			if len(m) != 38 {
				t.Errorf("%d markers, want 38: %q", len(m), m)
			}
			var want []string
			for i := 1; i <= 38; i++ {
				want = append(want, itoa(i))
			}
			if strings.Join(m, " ") != strings.Join(want, " ") {
				t.Errorf("markers %q, want 1..38 in order", m)
			}
		})
	}
}

func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return itoa(i/10) + string(rune('0'+i%10))
}

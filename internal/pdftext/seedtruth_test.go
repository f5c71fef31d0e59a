package pdftext

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"kamerzoek/internal/realdata"
)

// TestSeedTruth compares the rendering of each seed PDF with the letter's
// own text (markers left out, typographic apostrophes as '): word recall
// at least 0.995 in both directions, independent of pdftotext.
func TestSeedTruth(t *testing.T) {
	sh := realdata.Dir(t)
	txt, err := os.ReadFile(filepath.Join(sh, "seed", "kst-29911-337.txt"))
	if err != nil {
		t.Fatal(err)
	}
	sup := regexp.MustCompile(`[¹²³⁰⁴⁵⁶⁷⁸⁹]+`)
	truth := seedWords(sup.ReplaceAllString(strings.ReplaceAll(string(txt), "*", ""), " "))
	files, _ := filepath.Glob(filepath.Join(sh, "seed", "kst-29911-337.*.pdf"))
	if len(files) == 0 {
		t.Fatal("no seed renderings")
	}
	page := regexp.MustCompile(`(?m)^--- page \d+ ---$|\^\d+`)
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			buf := fileText(t, f)
			ours := seedWords(page.ReplaceAllString(buf.String(), " "))
			counts := map[string]int{}
			for _, w := range ours {
				counts[w]++
			}
			rc, missing := recall(truth, counts)
			t.Logf("recall of the letter's words %.4f; missing %q", rc, missing[:min(len(missing), 20)])
			if rc < 0.995 {
				t.Errorf("recall %.4f < 0.995", rc)
			}
		})
	}
}

func seedWords(s string) []string {
	s = strings.NewReplacer("’", "'", "‘", "'").Replace(s)
	var out []string
	for _, f := range strings.Fields(s) {
		if w := normWord(f); w != "" {
			out = append(out, w)
		}
	}
	return out
}

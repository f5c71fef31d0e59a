package pdftext

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"kamerzoek/internal/realdata"
)

// needPdftotext returns the pdftotext path, skipping locally (failing
// under CI=true) when it is not installed.
func needPdftotext(t testing.TB) string {
	t.Helper()
	p, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("pdftotext (poppler-utils) is required under CI")
		}
		t.Skip("pdftotext not installed; skipping")
	}
	return p
}

// testPDFs lists the real PDFs and the seed renderings.
func testPDFs(t testing.TB) []string {
	sh := realdata.Dir(t)
	files, _ := filepath.Glob(filepath.Join(sh, "realdata", "pdf", "*.pdf"))
	seed, _ := filepath.Glob(filepath.Join(sh, "seed", "*.pdf"))
	files = append(files, seed...)
	if len(files) < 4 {
		t.Fatalf("expected the real PDFs and seed renderings under %s, found %d", sh, len(files))
	}
	sort.Strings(files)
	return files
}

// normWord normalises a word for comparison: NFKC, control and format
// characters (soft hyphens, BOMs, variation selectors) dropped, Unicode
// hyphens as '-', punctuation and symbols stripped at both ends.
func normWord(w string) string {
	w = norm.NFKC.String(w)
	w = strings.Map(func(r rune) rune {
		switch {
		case r == '\u2010' || r == '\u2011':
			return '-'
		case unicode.Is(unicode.Cc, r) || unicode.Is(unicode.Cf, r) || r >= 0xFE00 && r <= 0xFE0F:
			return -1
		}
		return r
	}, w)
	return strings.TrimFunc(w, func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSymbol(r) })
}

// referenceWords runs pdftotext and returns its normalised words.
func referenceWords(t testing.TB, bin, file string) []string {
	out, err := exec.Command(bin, "-enc", "UTF-8", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", file, err)
	}
	var ws []string
	for _, f := range strings.Fields(string(out)) {
		if w := normWord(f); w != "" {
			ws = append(ws, w)
		}
	}
	return ws
}

// ourWords returns the normalised words of doc as a multiset. With glued,
// it also holds runs of two to four consecutive words of a line written
// together, the form pdftotext prints where it misses the spaces of a
// broken text layer. Besides each
// word it holds the forms pdftotext writes: a superscript marker glued to
// the word before it ("aangeboden.1"), and a word broken at a line-end
// hyphen both joined with and without the hyphen (pdftotext drops the
// hyphen of compounds too).
func ourWords(doc *Document, glued bool) map[string]int {
	m := map[string]int{}
	add := func(s string) {
		if w := normWord(s); w != "" {
			m[w]++
		}
	}
	var lines []Line
	for _, p := range doc.Pages {
		lines = append(lines, p.Lines...)
	}
	for i, l := range lines {
		for j, w := range l.Words {
			add(w.Text)
			if w.Superscript && j > 0 {
				add(l.Words[j-1].Text + w.Text)
			}
			if strings.Contains(w.Text, "-") {
				add(strings.ReplaceAll(w.Text, "-", ""))
			}
			if glued {
				cat := w.Text
				for k := j + 1; k < len(l.Words) && k < j+4; k++ {
					cat += l.Words[k].Text
					add(cat)
				}
			}
		}
		if n := len(l.Words); n > 0 && strings.HasSuffix(l.Words[n-1].Text, "-") && i+1 < len(lines) && len(lines[i+1].Words) > 0 {
			a, b := l.Words[n-1].Text, lines[i+1].Words[0].Text
			add(a + b)
			add(strings.TrimSuffix(a, "-") + b)
		}
	}
	return m
}

// recall is the share of reference words (as a multiset) found in ours.
func recall(ref []string, ours map[string]int) (float64, []string) {
	have := make(map[string]int, len(ours))
	for k, v := range ours {
		have[k] = v
	}
	found := 0
	var missing []string
	for _, w := range ref {
		if have[w] > 0 {
			have[w]--
			found++
		} else {
			missing = append(missing, w)
		}
	}
	if len(ref) == 0 {
		return 1, nil
	}
	return float64(found) / float64(len(ref)), missing
}

// readingTruth returns the path of the careful reading of the PDF named
// name (testdata/truth/<name without .pdf>.p1.txt: its first page), or ""
// when there is none.
func readingTruth(name string) string {
	p := filepath.Join("testdata", "truth", strings.TrimSuffix(name, ".pdf")+".p1.txt")
	if _, err := os.Stat(p); err != nil {
		return ""
	}
	return p
}

func hasTextLayer(t testing.TB, bin, file string) bool {
	out, err := exec.Command(bin, "-enc", "UTF-8", file, "-").Output()
	if err != nil {
		return false
	}
	return len(bytes.TrimSpace(bytes.Map(func(r rune) rune {
		if r == '\f' {
			return -1
		}
		return r
	}, out))) > 0
}

// TestWordRecall compares our words with pdftotext's on every real PDF and
// seed rendering: recall at least 0.99, no control characters, and files
// without text give ErrNoTextLayer. A file with a careful reading under
// testdata/truth (an OCR layer whose widths mislead pdftotext) is held to
// that reading by TestOCRLayerTruth instead.
func TestWordRecall(t *testing.T) {
	bin := needPdftotext(t)
	var recalls, stricts []float64
	for _, file := range testPDFs(t) {
		name := filepath.Base(file)
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := Read(data, Options{})
			if !hasTextLayer(t, bin, file) {
				if !errors.Is(err, ErrNoTextLayer) {
					t.Fatalf("file without text: err = %v, want ErrNoTextLayer", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("Read: %v", err)
			}
			ours := ourWords(doc, false)
			euros := 0
			for w := range ours {
				for _, r := range w {
					if unicode.IsControl(r) || r == 0xFFFE || r == 0xFFFF {
						t.Errorf("control character %U in %q", r, w)
					}
					if r >= 0xFB00 && r <= 0xFB06 {
						t.Errorf("ligature %U left in %q", r, w)
					}
				}
			}
			// € as pdftotext reads it: ours may not lose any
			for _, p := range doc.Pages {
				for _, l := range p.Lines {
					euros += strings.Count(l.Text(), "€")
				}
			}
			refOut, _ := exec.Command(bin, "-enc", "UTF-8", file, "-").Output()
			refEuros := strings.Count(string(refOut), "€")
			if refEuros > 0 && euros < refEuros {
				t.Errorf("%d € signs, pdftotext has %d", euros, refEuros)
			}
			if truth := readingTruth(name); truth != "" {
				// pdftotext both splits and glues this layer's words:
				// TestOCRLayerTruth holds it to a careful reading instead.
				t.Logf("not compared with pdftotext: %s holds a careful reading", truth)
				return
			}
			ref := referenceWords(t, bin, file)
			strict, _ := recall(ref, ours)
			rc, missing := recall(ref, ourWords(doc, true))
			recalls = append(recalls, rc)
			stricts = append(stricts, strict)
			t.Logf("recall %.4f (strict %.4f, %d words)", rc, strict, len(ref))
			if rc < 0.999 && testing.Verbose() {
				t.Logf("missing: %q", missing[:min(len(missing), 30)])
			}
			if strict < 0.95 {
				t.Errorf("strict word recall %.4f < 0.95", strict)
			}
			if rc < 0.99 {
				if len(missing) > 40 {
					missing = missing[:40]
				}
				t.Errorf("word recall %.4f < 0.99; missing e.g. %q", rc, missing)
			}
		})
	}
	if len(recalls) > 0 {
		sort.Float64s(recalls)
		sort.Float64s(stricts)
		t.Logf("recall over %d text files: min %.4f median %.4f; strict min %.4f median %.4f",
			len(recalls), recalls[0], recalls[len(recalls)/2], stricts[0], stricts[len(stricts)/2])
	}
}

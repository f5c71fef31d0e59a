package pdftext

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Courier places its glyphs 0.6 em apart; oversizedFont is Courier with a
// width table far wider than that, as in OCR layers built with a
// mismatched font.
const courier = "<< /Type /Font /Subtype /Type1 /BaseFont /Courier /Encoding /WinAnsiEncoding >>"

var oversizedFont = "<< /Type /Font /Subtype /Type1 /BaseFont /Courier /Encoding /WinAnsiEncoding /FirstChar 32 /LastChar 126 /Widths [" +
	strings.Repeat("1500 ", 95) + "] >>"

// placedLine draws text one glyph at a time, each at its own text matrix,
// step points apart.
func placedLine(text string, step float64) string {
	var b strings.Builder
	b.WriteString("BT /F1 10 Tf ")
	for i, r := range text {
		fmt.Fprintf(&b, "1 0 0 1 %.2f 700 Tm (%c) Tj ", 72+float64(i)*step, r)
	}
	b.WriteString("ET")
	return b.String()
}

func TestPlacedWidths(t *testing.T) {
	const want = "intern netwerk intern netwerk intern netwerk"
	data := onePage(placedLine(want, 6), map[string]string{"F1": oversizedFont}, "")
	doc, err := Read(data, Options{PlacedWidths: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := pageText(doc.Pages[0]); got != want {
		t.Errorf("with PlacedWidths: got %q, want %q", got, want)
	}
	// by default the table's widths stand and the overlaps break words
	doc = readOK(t, data)
	if got := pageText(doc.Pages[0]); got == want {
		t.Errorf("without PlacedWidths: got %q, want the words broken at the overlaps", got)
	}
	// widths that match the placement are left alone
	data = onePage(placedLine(want, 6), map[string]string{"F1": courier}, "")
	doc, err = Read(data, Options{PlacedWidths: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := pageText(doc.Pages[0]); got != want {
		t.Errorf("consistent widths: got %q, want %q", got, want)
	}
}

// TestPlacedWidthsVocabulary reads every real PDF with and without
// PlacedWidths and checks, against the vocabulary of pdftotext's words in
// all the other files, that the option never makes a file's words less
// recognisable and makes at least one file's more so; it logs the word
// recall against pdftotext with the option.
func TestPlacedWidthsVocabulary(t *testing.T) {
	bin := needPdftotext(t)
	files := testPDFs(t)
	refs := map[string][]string{}
	count := map[string]int{} // in how many files a word occurs
	for _, f := range files {
		refs[f] = referenceWords(t, bin, f)
		seen := map[string]bool{}
		for _, w := range refs[f] {
			w = strings.ToLower(w)
			if !seen[w] {
				seen[w] = true
				count[w]++
			}
		}
	}
	improved := 0
	for _, f := range files {
		if len(refs[f]) == 0 {
			continue
		}
		own := map[string]bool{}
		for _, w := range refs[f] {
			own[strings.ToLower(w)] = true
		}
		// the share of words that some other file also has
		known := func(doc *Document) float64 {
			n, k := 0, 0
			for _, p := range doc.Pages {
				for _, l := range p.Lines {
					for _, w := range l.Words {
						x := strings.ToLower(normWord(w.Text))
						if x == "" {
							continue
						}
						n++
						c := count[x]
						if own[x] {
							c--
						}
						if c > 0 {
							k++
						}
					}
				}
			}
			if n == 0 {
				return 1
			}
			return float64(k) / float64(n)
		}
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		plain, err := Read(data, Options{})
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		placed, err := Read(data, Options{PlacedWidths: true})
		if err != nil {
			t.Fatalf("%s: PlacedWidths: %v", f, err)
		}
		before, after := known(plain), known(placed)
		strict, _ := recall(refs[f], ourWords(placed, false))
		loose, _ := recall(refs[f], ourWords(placed, true))
		t.Logf("%s: known words %.4f -> %.4f; with PlacedWidths recall %.4f (strict %.4f)",
			filepath.Base(f), before, after, loose, strict)
		if after < before {
			t.Errorf("%s: PlacedWidths lowers the share of known words %.4f -> %.4f", filepath.Base(f), before, after)
		}
		if after > before+0.01 {
			improved++
		}
	}
	if improved == 0 {
		t.Error("PlacedWidths made no file's words more recognisable")
	}
}

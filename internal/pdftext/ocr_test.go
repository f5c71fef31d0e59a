package pdftext

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kamerzoek/internal/realdata"
)

// TestOCRLayerTruth reads the first page of a Woo-released beslisnota whose
// OCR text layer gives every glyph run its own stand-in font with made-up
// widths, and compares its words with a careful reading of the page's
// typed text (testdata/truth; handwriting left out). pdftotext is no
// reference here: it splits those words the same way ("o n derwijs").
func TestOCRLayerTruth(t *testing.T) {
	sh := realdata.Dir(t)
	const name = "Beslisnota-met-handgeschreven-tekst.pdf"
	txt, err := os.ReadFile(readingTruth(name))
	if err != nil {
		t.Fatal(err)
	}
	truth := seedWords(string(txt))
	doc := readFileOK(t, filepath.Join(sh, "realdata", "pdf", name))
	counts := map[string]int{}
	for _, w := range seedWords(pageText(doc.Pages[0])) {
		counts[w]++
	}
	rc, missing := recall(truth, counts)
	t.Logf("recall of the page's words %.4f (%d words); missing %q", rc, len(truth), missing)
	if rc < 0.95 {
		t.Errorf("word recall %.4f < 0.95 against the careful reading", rc)
	}
}

// TestOCRLayerWordsFromPositions typesets an invisible text layer (Tr 3) as
// OCR engines write it: every glyph placed on its own, every glyph run in a
// font of its own whose width does not fit the glyph: too wide in one
// layer (widths of 1.4 em, overlapping the next glyph), too narrow in the
// other (0.3 em, leaving a gap after every letter), with and without space
// glyphs (a layer with neither spaces nor widths that fall short gives no
// sign of its word gaps but the pitch of its letters, which a proportional
// face makes too uneven to read). The words must come from the positions
// all the same.
func TestOCRLayerWordsFromPositions(t *testing.T) {
	const sentence = "Minister Wiersma heeft tijdens het debat passend onderwijs toegezegd"
	for _, tc := range []struct {
		name   string
		width  int  // the fonts' width of every glyph, in 1/1000 em
		spaces bool // the layer draws space glyphs between words
		run    int  // glyphs per run: placed one by one (1) or set by their widths within a run
	}{
		{"widths overshoot, spaces drawn", 1400, true, 1},
		{"widths fall short, spaces drawn", 300, true, 1},
		{"widths fall short, no spaces", 300, false, 1},
		{"runs of three, widths fall short, no spaces", 300, false, 3},
		{"runs of two, widths fall short, spaces drawn", 350, true, 2},
		{"whole words as runs, widths fitted", 550, false, 99},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := readOK(t, ocrLayer(sentence, tc.width, tc.spaces, tc.run))
			got := pageText(doc.Pages[0])
			if strings.TrimSpace(got) != sentence {
				t.Errorf("got %q\nwant %q", got, sentence)
			}
		})
	}
}

// ocrLayer builds a one-page PDF with sentence as an invisible OCR layer:
// 10 pt glyphs at a pitch of 0.55 em, words 0.35 em apart, each run of
// up to perRun glyphs placed with its own Tm in a font of its own, the
// glyphs within a run set by the font's widths.
func ocrLayer(sentence string, width int, spaces bool, perRun int) []byte {
	fonts := map[string]string{}
	var cs strings.Builder
	cs.WriteString("BT 3 Tr\n")
	x, y, run := 72.0, 700.0, 0
	for wi, word := range strings.Fields(sentence) {
		if wi > 0 {
			if spaces {
				name := fmt.Sprintf("F%d", run)
				fonts[name] = ocrFont(width)
				fmt.Fprintf(&cs, "/%s 10 Tf 1 0 0 1 %.2f %.2f Tm ( ) Tj\n", name, x, y)
				run++
			}
			x += 3.5
		}
		rs := []rune(word)
		for i := 0; i < len(rs); i += perRun {
			j := min(i+perRun, len(rs))
			name := fmt.Sprintf("F%d", run)
			fonts[name] = ocrFont(width)
			fmt.Fprintf(&cs, "/%s 10 Tf 1 0 0 1 %.2f %.2f Tm (%s) Tj\n", name, x, y, string(rs[i:j]))
			run++
			x += 5.5 * float64(j-i)
		}
	}
	cs.WriteString("ET")
	return onePage(cs.String(), fonts, "")
}

// ocrFont is a stand-in font giving every code the same width.
func ocrFont(width int) string {
	ws := strings.TrimSpace(strings.Repeat(fmt.Sprintf("%d ", width), 224))
	return fmt.Sprintf("<< /Type /Font /Subtype /Type1 /BaseFont /GlyphLess /FirstChar 32 /LastChar 255 /Widths [%s] /Encoding /WinAnsiEncoding >>", ws)
}

package pdftext

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kamerzoek/internal/realdata"
)

func readOK(t *testing.T, data []byte) *Document {
	t.Helper()
	doc, err := Read(data, Options{})
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	return doc
}

// readFileOK reads the PDF at path, failing t when the file cannot be
// read or Read fails.
func readFileOK(t *testing.T, path string) *Document {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return readOK(t, data)
}

// fileText reads the PDF at path and returns its text as WriteText writes
// it, failing t on any error.
func fileText(t *testing.T, path string) *bytes.Buffer {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteText(&buf, readFileOK(t, path)); err != nil {
		t.Fatal(err)
	}
	return &buf
}

func pageText(p Page) string {
	var ls []string
	for _, l := range p.Lines {
		ls = append(ls, l.Text())
	}
	return strings.Join(ls, "\n")
}

func TestGlyphText(t *testing.T) {
	for _, tc := range []struct{ name, want string }{
		{"A", "A"},
		{"Euro", "€"},
		{"Euro.001", "€"},
		{"eacute", "é"},
		{"f_t", "ft"},
		{"f_f_i", "ffi"},
		{"uni20AC", "€"},
		{"uni00660069", "fi"},
		{"u1F600", "\U0001F600"},
		{"quoteright", "\u2019"},
		{"g123", ""},
		{".notdef", ""},
	} {
		if got := glyphText(tc.name); got != tc.want {
			t.Errorf("glyphText(%q) = %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestCleanGlyph(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"ﬁ", "fi"}, {"ﬀ", "ff"}, {"ﬃ", "ffi"}, {"\x02", ""}, {"a\u200Bb", "ab"},
		{"\u00A0", " "}, {"é", "é"}, {"¹", "¹"}, {"\uFFFD", "\uFFFD"}, {"\uFFFF", "\uFFFD"}, {"€", "€"},
	} {
		if got := cleanGlyph(tc.in); got != tc.want {
			t.Errorf("cleanGlyph(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestWordsFromPositions(t *testing.T) {
	for _, tc := range []struct {
		name, content, want string
	}{
		{"spaces drawn", "BT /F1 10 Tf 72 700 Td (de werkdruk) Tj ET", "de werkdruk"},
		{"TJ kerning gap", "BT /F1 10 Tf 72 700 Td [(de) -300 (werkdruk)] TJ ET", "de werkdruk"},
		{"TJ small kern", "BT /F1 10 Tf 72 700 Td [(we) 20 (rkdruk)] TJ ET", "werkdruk"},
		{"Td moves", "BT /F1 10 Tf 72 700 Td (de) Tj 20 0 Td (werkdruk) Tj ET", "de werkdruk"},
		{"word spacing", "BT /F1 10 Tf 5 Tw 72 700 Td (a b) Tj ET", "a b"},
		{"two lines", "BT /F1 10 Tf 12 TL 72 700 Td (eerste) Tj T* (tweede) Tj ET", "eerste\ntweede"},
		{"quote operator", "BT /F1 10 Tf 12 TL 72 700 Td (een) Tj (twee) ' ET", "een\ntwee"},
		{"scaled text matrix", "BT /F1 1 Tf 10 0 0 10 72 700 Tm (de) Tj 2 0 Td (werkdruk) Tj ET", "de werkdruk"},
		{"horizontal scale", "BT /F1 10 Tf 50 Tz 72 700 Td (ab) Tj 12 0 Td (cd) Tj ET", "ab cd"},
		{"cm and q", "q 2 0 0 2 0 0 cm BT /F1 5 Tf 36 350 Td (groot) Tj ET Q", "groot"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := readOK(t, onePage(tc.content, map[string]string{"F1": helvetica}, ""))
			if got := pageText(doc.Pages[0]); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestSuperscriptFromRise(t *testing.T) {
	content := "BT /F1 10 Tf 72 700 Td (aangeboden.) Tj ET BT /F1 6 Tf 3.6 Ts 128 700 Td (1) Tj ET BT /F1 10 Tf 0 Ts 134 700 Td (De) Tj ET"
	doc := readOK(t, onePage(content, map[string]string{"F1": helvetica}, ""))
	ws := doc.Pages[0].Lines[0].Words
	if len(ws) != 3 || ws[0].Text != "aangeboden." || ws[1].Text != "1" || !ws[1].Superscript || ws[2].Text != "De" {
		t.Fatalf("words %+v", ws)
	}
	// glued to the word, raised by a Td (as XPP does): still apart
	content = "BT /F1 10 Tf 72 700 Td (Ploumen) Tj /F1 6 Tf 39.46 3.6 Td (1) Tj /F1 10 Tf 3.4 -3.6 Td ( en) Tj ET"
	doc = readOK(t, onePage(content, map[string]string{"F1": helvetica}, ""))
	ws = doc.Pages[0].Lines[0].Words
	if len(ws) < 2 || ws[0].Text != "Ploumen" || ws[1].Text != "1" || !ws[1].Superscript {
		t.Fatalf("words %+v", ws)
	}
}

func TestFontEncodings(t *testing.T) {
	diff := "<< /Type /Font /Subtype /Type1 /BaseFont /ABCDEF+Frutiger-Bold /FirstChar 1 /LastChar 3 /Widths [500 500 500] /Encoding << /Type /Encoding /Differences [1 /Euro.001 /f_t /uni00EB] >> >>"
	doc := readOK(t, onePage("BT /F1 10 Tf 72 700 Td <010203> Tj ET", map[string]string{"F1": diff}, ""))
	w := doc.Pages[0].Lines[0].Words[0]
	if w.Text != "€ftë" {
		t.Errorf("Differences: got %q", w.Text)
	}
	if w.Font != "Frutiger-Bold" || !w.Bold {
		t.Errorf("font %q bold %v", w.Font, w.Bold)
	}

	// ToUnicode wins over the Differences and handles ranges.
	var b pdfBuilder
	cat := b.add("<< /Type /Catalog /Pages 2 0 R >>")
	b.add("")
	cmap := "/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /X def\n1 begincodespacerange <0000> <FFFF> endcodespacerange\n2 beginbfchar <0001> <20AC> <0002> <00660074> endbfchar\n1 beginbfrange <0010> <0012> <0061> endbfrange\nendcmap CMapName currentdict /CMap defineresource pop end end"
	tu := b.add(stream("", cmap))
	desc := b.add("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Calibri /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 500 /W [1 [556 600] 16 18 400] >>")
	f := b.add(fmt0("<< /Type /Font /Subtype /Type0 /BaseFont /Calibri /Encoding /Identity-H /DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>", desc, tu))
	cs := b.add(stream("", "BT /F1 10 Tf 72 700 Td <0001000200100011 0012> Tj ET"))
	pg := b.add(fmt0("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>", f, cs))
	b.objs[1] = fmt0("<< /Type /Pages /Kids [%d 0 R] /Count 1 >>", pg)
	doc = readOK(t, b.bytes(cat, ""))
	if got := pageText(doc.Pages[0]); got != "€ftabc" {
		t.Errorf("Type0 ToUnicode: got %q", got)
	}
	if w := doc.Pages[0].Lines[0].Words[0]; w.X1-w.X0 < 23 || w.X1-w.X0 > 24 {
		t.Errorf("Type0 widths from /W: word width %.1f, want 23.56 (0.556+0.6+3×0.4 em)", w.X1-w.X0)
	}
}

func TestType3FontMatrix(t *testing.T) {
	t3 := "<< /Type /Font /Subtype /Type3 /FontBBox [0 0 1 1] /FontMatrix [0.01 0 0 0.01 0 0] /CharProcs << >> /Encoding << /Differences [97 /a /b] >> /FirstChar 97 /LastChar 98 /Widths [50 50] >>"
	doc := readOK(t, onePage("BT /F1 10 Tf 72 700 Td (ab) Tj 20 0 Td (ba) Tj ET", map[string]string{"F1": t3}, ""))
	if got := pageText(doc.Pages[0]); got != "ab ba" {
		t.Errorf("got %q, want %q", got, "ab ba")
	}
}

func TestRotatedPage(t *testing.T) {
	// Page rotated 90°: text drawn upwards in user space reads left to right.
	content := "BT /F1 10 Tf 0 1 -1 0 300 100 Tm (omhoog) Tj ET"
	doc := readOK(t, onePage(content, map[string]string{"F1": helvetica}, "/Rotate 90"))
	p := doc.Pages[0]
	if p.Width != 842 || p.Height != 595 {
		t.Errorf("rotated page size %vx%v", p.Width, p.Height)
	}
	if got := pageText(p); got != "omhoog" {
		t.Errorf("got %q", got)
	}
}

func TestCropBoxAndFormXObject(t *testing.T) {
	var b pdfBuilder
	cat := b.add("<< /Type /Catalog /Pages 2 0 R >>")
	b.add("")
	f := b.add(helvetica)
	// a form that draws itself: the depth limit stops it
	form := b.add("")
	b.objs[form-1] = stream(fmt0("<< /Type /XObject /Subtype /Form /BBox [0 0 500 500] /Resources << /Font << /F1 %d 0 R >> /XObject << /X1 %d 0 R >> >> >>", f, form), "BT /F1 10 Tf 72 600 Td (formulier) Tj ET /X1 Do")
	cs := b.add(stream("", "/X1 Do BT /F1 10 Tf 72 700 Td (zichtbaar) Tj 600 0 Td (buiten) Tj ET"))
	pg := b.add(fmt0("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /CropBox [50 50 545 792] /Resources << /Font << /F1 %d 0 R >> /XObject << /X1 %d 0 R >> >> /Contents %d 0 R >>", f, form, cs))
	b.objs[1] = fmt0("<< /Type /Pages /Kids [%d 0 R] /Count 1 >>", pg)
	doc := readOK(t, b.bytes(cat, ""))
	got := pageText(doc.Pages[0])
	if !strings.Contains(got, "zichtbaar") || strings.Contains(got, "buiten") || strings.Count(got, "formulier") < 1 {
		t.Errorf("got %q", got)
	}
	if w := doc.Pages[0].Lines[0].Words[0]; w.X0 != 22 {
		t.Errorf("x relative to the crop box: %v, want 22", w.X0)
	}
}

func TestOperatorLimit(t *testing.T) {
	content := strings.Repeat("BT /F1 10 Tf 72 700 Td (x) Tj ET\n", 2000)
	doc, err := Read(onePage(content, map[string]string{"F1": helvetica}, ""), Options{MaxOpsPerPage: 500})
	if err != nil {
		t.Fatal(err)
	}
	if !errors.Is(doc.Pages[0].Err, ErrTooLarge) {
		t.Errorf("page error %v, want ErrTooLarge", doc.Pages[0].Err)
	}
}

func TestErrors(t *testing.T) {
	if _, err := Read([]byte("hello, not a pdf"), Options{}); !errors.Is(err, ErrMalformed) {
		t.Errorf("text: %v", err)
	}
	if _, err := Read(nil, Options{}); !errors.Is(err, ErrMalformed) {
		t.Errorf("empty: %v", err)
	}
	data := onePage("BT /F1 10 Tf 72 700 Td (x) Tj ET", map[string]string{"F1": helvetica}, "")
	if _, err := Read(data[:len(data)/2], Options{}); !errors.Is(err, ErrMalformed) {
		t.Errorf("truncated: %v", err)
	}
	if _, err := Read(onePage("0 0 m 100 100 l S", nil, ""), Options{}); !errors.Is(err, ErrNoTextLayer) {
		t.Errorf("no text: %v", err)
	}
	// an /Encrypt entry the library cannot open
	var b pdfBuilder
	cat := b.add("<< /Type /Catalog /Pages 2 0 R >>")
	b.add("<< /Type /Pages /Kids [] /Count 0 >>")
	enc := b.add("<< /Filter /Standard /V 4 /R 4 /Length 128 /O (0123456789abcdef0123456789abcdef) /U (0123456789abcdef0123456789abcdef) /P -4 >>")
	if _, err := Read(b.bytes(cat, fmt0("/Encrypt %d 0 R /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>]", enc)), Options{}); !errors.Is(err, ErrEncrypted) {
		t.Errorf("encrypted: %v", err)
	}
}

func TestMaxPages(t *testing.T) {
	sh := realdata.Dir(t)
	data, err := os.ReadFile(filepath.Join(sh, "realdata", "pdf", "1b0f0b98-7c34-418c-98dc-43de7930e685.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Read(data, Options{MaxPages: 2}); !errors.Is(err, ErrTooLarge) {
		t.Errorf("err = %v, want ErrTooLarge", err)
	}
}

func fmt0(format string, args ...any) string { return sprintf(format, args...) }

var sprintf = fmt.Sprintf

func TestForgedSizes(t *testing.T) {
	good := onePage("BT /F1 10 Tf 72 700 Td (x) Tj ET", map[string]string{"F1": helvetica}, "")
	for _, tc := range []struct{ name, from, to string }{
		{"xref subsection", "xref\n0 ", "xref\n66666666 "},
		{"trailer size", "/Size ", "/Size 99999999"},
	} {
		data := bytes.Replace(good, []byte(tc.from), []byte(tc.to), 1)
		if _, err := Read(data, Options{}); !errors.Is(err, ErrMalformed) {
			t.Errorf("%s: err = %v, want ErrMalformed", tc.name, err)
		}
	}
	if err := checkSizes(good); err != nil {
		t.Errorf("a sound file rejected: %v", err)
	}
}

func TestPageTreeLoop(t *testing.T) {
	var b pdfBuilder
	cat := b.add("<< /Type /Catalog /Pages 2 0 R >>")
	b.add("<< /Type /Pages /Kids [3 0 R 2 0 R 4 0 R] /Count 3 >>")
	b.add("<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 1 >>")
	b.add("<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 6 0 R >> >> /Contents 5 0 R >>")
	b.add(stream("", "BT /F1 10 Tf 72 700 Td (lus) Tj ET"))
	b.add(helvetica)
	doc, err := Read(b.bytes(cat, ""), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Pages) != 1 || pageText(doc.Pages[0]) != "lus" {
		t.Errorf("%d pages: %+v", len(doc.Pages), doc.Pages)
	}
}

func TestInlineImage(t *testing.T) {
	img := string([]byte{0x00, 0xff, '(', ')', '[', '<', '<', '/', 0x80, '%', '\n', 'e', 'n', 'd', ' ', '{', ')', ']', '>'})
	content := "BT /F1 10 Tf 72 700 Td (voor) Tj ET\nBI /W 4 /H 4 /BPC 8 /CS /G ID " + img + img + "\nEI\nBT /F1 10 Tf 72 680 Td (na) Tj ET"
	doc := readOK(t, onePage(content, map[string]string{"F1": helvetica}, ""))
	if got := pageText(doc.Pages[0]); got != "voor\nna" || doc.Pages[0].Err != nil {
		t.Errorf("got %q, page error %v", got, doc.Pages[0].Err)
	}
}

// TestObjectStreams reads a file whose page and font live in an object
// stream, through the rewrite without object streams. (The file has a
// classic xref table that does not list them, so only the rewrite finds
// them.)
func TestObjectStreams(t *testing.T) {
	inner := [][2]string{
		{"5", "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 6 0 R >> >> /Contents 3 0 R >>"},
		{"6", helvetica},
	}
	var hdr, body strings.Builder
	for _, o := range inner {
		fmt.Fprintf(&hdr, "%s %d ", o[0], body.Len())
		body.WriteString(o[1])
		body.WriteString("\n")
	}
	var b pdfBuilder
	cat := b.add("<< /Type /Catalog /Pages 2 0 R >>")
	b.add("<< /Type /Pages /Kids [5 0 R] /Count 1 >>")
	b.add(stream("", "BT /F1 10 Tf 72 700 Td (in een objectstroom) Tj ET"))
	b.add(stream(fmt0("<< /Type /ObjStm /N 2 /First %d >>", hdr.Len()+1), hdr.String()+"\n"+body.String()))
	doc := readOK(t, b.bytes(cat, ""))
	if got := pageText(doc.Pages[0]); got != "in een objectstroom" {
		t.Errorf("got %q", got)
	}
}

func TestRotations(t *testing.T) {
	// text drawn so that it reads left to right once the page is turned
	for _, tc := range []struct {
		rotate string
		tm     string
	}{
		{"0", "1 0 0 1 72 700"},
		{"90", "0 1 -1 0 300 100"},
		{"180", "-1 0 0 -1 500 100"},
		{"270", "0 -1 1 0 300 700"},
	} {
		doc := readOK(t, onePage("BT /F1 10 Tf "+tc.tm+" Tm (gedraaid) Tj ET", map[string]string{"F1": helvetica}, "/Rotate "+tc.rotate))
		p := doc.Pages[0]
		if got := pageText(p); got != "gedraaid" {
			t.Errorf("rotate %s: got %q", tc.rotate, got)
			continue
		}
		w := p.Lines[0].Words[0]
		if w.X0 < 0 || w.X1 > p.Width || w.Y < 0 || w.Y > p.Height || w.X1 <= w.X0 {
			t.Errorf("rotate %s: word at %v-%v, %v outside the %vx%v page", tc.rotate, w.X0, w.X1, w.Y, p.Width, p.Height)
		}
	}
}

package pdftext

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/ledongthuc/pdf"
	"golang.org/x/text/encoding/charmap"
)

// glyphNames resolves PostScript glyph names to text. The Adobe glyph list
// itself lives inside ledongthuc/pdf (unexported); it is reached through the
// library's Differences decoder on a tiny synthetic font, once per name, and
// memoised for the life of the process (the mapping is a pure function).
var glyphNames = struct {
	sync.Mutex
	m map[string]string
}{m: map[string]string{}}

// maxGlyphNames bounds the memo of glyph names.
const maxGlyphNames = 50_000

// glyphText returns the text for a glyph name, or "" when the name is not
// known. It handles suffixed names ("Euro.001"), ligature names joined by
// underscores ("f_t"), uniXXXX and uXXXX[XX] names.
func glyphText(name string) string {
	if name == "" || name == ".notdef" {
		return ""
	}
	if i := strings.IndexByte(name, '.'); i > 0 {
		name = name[:i]
	}
	if strings.Contains(name, "_") {
		var b strings.Builder
		for _, part := range strings.Split(name, "_") {
			t := glyphText(part)
			if t == "" {
				return ""
			}
			b.WriteString(t)
		}
		return b.String()
	}
	if strings.HasPrefix(name, "uni") && len(name) >= 7 && (len(name)-3)%4 == 0 {
		var b strings.Builder
		ok := true
		for i := 3; i < len(name); i += 4 {
			v, err := strconv.ParseUint(name[i:i+4], 16, 32)
			if err != nil || (v >= 0xD800 && v < 0xE000) {
				ok = false
				break
			}
			b.WriteRune(rune(v))
		}
		if ok {
			return b.String()
		}
	}
	if name[0] == 'u' && len(name) >= 5 && len(name) <= 7 {
		if v, err := strconv.ParseUint(name[1:], 16, 32); err == nil && v <= 0x10FFFF && (v < 0xD800 || v >= 0xE000) {
			return string(rune(v))
		}
	}
	if len(name) == 1 && name[0] < utf8.RuneSelf {
		return name
	}
	glyphNames.Lock()
	t, ok := glyphNames.m[name]
	glyphNames.Unlock()
	if ok {
		return t
	}
	t = lookupGlyphNames([]string{name})[0]
	glyphNames.Lock()
	if len(glyphNames.m) >= maxGlyphNames {
		clear(glyphNames.m) // names from hostile files must not grow it forever
	}
	glyphNames.m[name] = t
	glyphNames.Unlock()
	return t
}

// lookupGlyphNames asks the library's glyph list for up to 31 names at once
// by decoding codes 1..n of a synthetic font whose Differences name them.
// The library returns the raw code for a name it does not know, so a result
// below U+0020 means "unknown".
func lookupGlyphNames(names []string) (out []string) {
	out = make([]string, len(names))
	defer func() {
		if recover() != nil {
			for i := range out {
				out[i] = ""
			}
		}
	}()
	var diff strings.Builder
	diff.WriteString("1")
	raw := make([]byte, len(names))
	for i, n := range names {
		diff.WriteString(" /")
		diff.WriteString(n)
		raw[i] = byte(i + 1)
	}
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 4 0 R >> >> >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /X /Encoding << /Differences [" + diff.String() + "] >> >>",
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offs := make([]int, len(objs))
	for i, o := range objs {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	x := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, x)
	data := b.Bytes()
	r, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return out
	}
	f := r.Page(1).Font("F1")
	dec := []rune(f.Encoder().Decode(string(raw)))
	if len(dec) != len(names) {
		return out
	}
	for i, c := range dec {
		if c >= 0x20 && c != utf8.RuneError {
			out[i] = string(c)
		}
	}
	return out
}

// standardEncoding is Adobe StandardEncoding for the codes where it differs
// from ASCII or has a glyph above 0x7F.
var standardEncoding = map[byte]rune{
	0x27: '\u2019', 0x60: '\u2018',
	0xA1: '¡', 0xA2: '¢', 0xA3: '£', 0xA4: '\u2044', 0xA5: '¥', 0xA6: 'ƒ', 0xA7: '§',
	0xA8: '¤', 0xA9: '\'', 0xAA: '\u201C', 0xAB: '«', 0xAC: '\u2039', 0xAD: '\u203A',
	0xAE: '\uFB01', 0xAF: '\uFB02', 0xB1: '\u2013', 0xB2: '\u2020', 0xB3: '\u2021',
	0xB4: '·', 0xB6: '¶', 0xB7: '\u2022', 0xB8: '\u201A', 0xB9: '\u201E', 0xBA: '\u201D',
	0xBB: '»', 0xBC: '\u2026', 0xBD: '\u2030', 0xBF: '¿', 0xC1: '`', 0xC2: '´',
	0xC3: 'ˆ', 0xC4: '˜', 0xC5: '¯', 0xC6: '˘', 0xC7: '˙', 0xC8: '¨', 0xCA: '˚',
	0xCB: '¸', 0xCD: '˝', 0xCE: '˛', 0xCF: 'ˇ', 0xD0: '\u2014', 0xE1: 'Æ', 0xE3: 'ª',
	0xE8: 'Ł', 0xE9: 'Ø', 0xEA: 'Œ', 0xEB: 'º', 0xF1: 'æ', 0xF5: 'ı', 0xF8: 'ł',
	0xF9: 'ø', 0xFA: 'œ', 0xFB: 'ß',
}

// baseEncoding is a simple font's code → text table before Differences.
type baseEncoding int

const (
	encStandard baseEncoding = iota
	encWinAnsi
	encMacRoman
	encPDFDoc
)

// baseText returns the text of code c in base encoding e, or "".
func baseText(e baseEncoding, c byte) string {
	switch e {
	case encWinAnsi, encPDFDoc:
		if c < 0x20 {
			return ""
		}
		r := charmap.Windows1252.DecodeByte(c)
		if r == utf8.RuneError {
			return ""
		}
		return string(r)
	case encMacRoman:
		if c < 0x20 {
			return ""
		}
		return string(charmap.Macintosh.DecodeByte(c))
	default:
		if r, ok := standardEncoding[c]; ok {
			return string(r)
		}
		if c >= 0x20 && c < 0x7F {
			return string(rune(c))
		}
		return ""
	}
}

// dictSource is a tiny private PDF whose catalog, parsed afresh on every
// Key, supplies empty dictionaries to the CMap interpreter ("findresource").
var dictSource struct {
	once sync.Once
	r    *pdf.Reader
}

// freshDict returns a new dictionary value nobody else holds.
func freshDict() pdf.Value {
	dictSource.once.Do(func() {
		defer func() { recover() }()
		const body = "%PDF-1.4\n1 0 obj\n<< >>\nendobj\n"
		xref := len(body)
		data := fmt.Sprintf("%sxref\n0 2\n0000000000 65535 f \n%010d 00000 n \ntrailer\n<< /Size 2 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", body, 9, xref)
		r, err := pdf.NewReader(strings.NewReader(data), int64(len(data)))
		if err == nil {
			dictSource.r = r
		}
	})
	if dictSource.r == nil {
		return pdf.Value{}
	}
	return dictSource.r.Trailer().Key("Root")
}

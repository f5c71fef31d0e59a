package pdftext

import (
	"errors"
	"math"
	"strings"
	"unicode"

	"github.com/ledongthuc/pdf"
	"golang.org/x/text/unicode/norm"
)

// matrix is a PDF transformation [a b c d e f]: x' = a x + c y + e,
// y' = b x + d y + f.
type matrix [6]float64

var identity = matrix{1, 0, 0, 1, 0, 0}

// mul returns m followed by n (m × n in PDF's row-vector convention).
func (m matrix) mul(n matrix) matrix {
	return matrix{
		m[0]*n[0] + m[1]*n[2],
		m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2],
		m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4],
		m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

// glyph is one shown character in page display space (origin top-left,
// y down).
type glyph struct {
	text      string
	x0, x1, y float64 // left, right, baseline
	size      float64
	font      *font
	rise      bool    // drawn with a positive text rise
	space     bool    // whitespace only
	rot       bool    // not upright left-to-right text
	ex, ey    float64 // end of the advance (for rotated text)
	hidden    bool    // drawn invisibly (the text layer of a scan)
	seq       int32
}

// gstate is the part of the graphics state the text layer needs.
type gstate struct {
	ctm                                    matrix
	font                                   *font
	fontSize, charSpace, wordSpace, hScale float64
	leading, rise                          float64
	render                                 int // Tr: 3 and 7 draw nothing (OCR text layers)
}

var errOpLimit = errors.New("operator limit reached")

// walker interprets content streams and collects glyphs.
type walker struct {
	doc    *docState
	gs     gstate
	stack  []gstate
	tm     matrix
	tlm    matrix
	glyphs []glyph
	ops    int
	maxOps int
	depth  int
	maxDep int
	seq    int32
}

// docState is what is shared between the pages of one document.
type docState struct {
	fonts  fontCache
	glyphs []glyph // reused between pages
}

// fontFor resolves a font of the /Font resource dictionary fonts by name,
// through the document cache.
func (w *walker) fontFor(fonts pdf.Value, name string, keys map[string]string) *font {
	key := keys[name]
	if key != "" {
		if f, ok := w.doc.fonts[key]; ok {
			return f
		}
	}
	fd := fonts.Key(name)
	var f *font
	func() {
		defer func() {
			if recover() != nil {
				f = &font{scale: 0.001, vscale: 1, dw: 1}
			}
		}()
		f = loadFont(fd)
	}()
	if key != "" {
		w.doc.fonts[key] = f
	}
	return f
}

// refKeys maps each entry of a resource sub-dictionary (such as /Font) to
// its indirect reference "N G R", read from the dictionary's printed form.
func refKeys(d pdf.Value) map[string]string {
	s := d.String()
	keys := map[string]string{}
	if !strings.HasPrefix(s, "<<") {
		return keys
	}
	s = s[2:]
	for {
		i := strings.IndexByte(s, '/')
		if i < 0 {
			break
		}
		s = s[i+1:]
		j := strings.IndexAny(s, " /<[(>")
		if j < 0 {
			break
		}
		name := s[:j]
		rest := strings.TrimLeft(s[j:], " ")
		// "N G R"
		f := strings.SplitN(rest, " ", 4)
		if len(f) >= 3 && isDigits(f[0]) && isDigits(f[1]) && strings.HasPrefix(f[2], "R") {
			keys[name] = f[0] + " " + f[1]
			s = rest
			continue
		}
		// a direct value: skip it (nested structures are rare for fonts)
		if strings.HasPrefix(rest, "<<") {
			depth := 0
			k := 0
			for k < len(rest) {
				if strings.HasPrefix(rest[k:], "<<") {
					depth++
					k += 2
					continue
				}
				if strings.HasPrefix(rest[k:], ">>") {
					depth--
					k += 2
					if depth == 0 {
						break
					}
					continue
				}
				k++
			}
			s = rest[k:]
			continue
		}
		s = rest
	}
	return keys
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// run interprets one content stream with the given resources.
func (w *walker) run(strm, res pdf.Value) {
	fontDict := res.Key("Font")
	fontKeys := refKeys(fontDict)
	local := map[string]*font{} // this resource dictionary's fonts by name
	var args []pdf.Value
	pdf.Interpret(strm, func(stk *pdf.Stack, op string) {
		w.ops++
		if w.ops > w.maxOps {
			panic(errOpLimit)
		}
		n := stk.Len()
		if cap(args) < n {
			args = make([]pdf.Value, n)
		}
		args = args[:n]
		for i := n - 1; i >= 0; i-- {
			args[i] = stk.Pop()
		}
		num := func(i int) float64 {
			if i < len(args) {
				return args[i].Float64()
			}
			return 0
		}
		switch op {
		case "q":
			if len(w.stack) < 256 {
				w.stack = append(w.stack, w.gs)
			}
		case "Q":
			if k := len(w.stack); k > 0 {
				w.gs = w.stack[k-1]
				w.stack = w.stack[:k-1]
			}
		case "cm":
			if n >= 6 {
				a := args[n-6:]
				m := matrix{a[0].Float64(), a[1].Float64(), a[2].Float64(), a[3].Float64(), a[4].Float64(), a[5].Float64()}
				w.gs.ctm = m.mul(w.gs.ctm)
			}
		case "BT":
			w.tm, w.tlm = identity, identity
		case "ET":
		case "Tf":
			if n >= 2 {
				name := args[n-2].Name()
				f, ok := local[name]
				if !ok {
					f = w.fontFor(fontDict, name, fontKeys)
					local[name] = f
				}
				w.gs.font = f
				w.gs.fontSize = args[n-1].Float64()
			}
		case "Tc":
			w.gs.charSpace = num(n - 1)
		case "Tw":
			w.gs.wordSpace = num(n - 1)
		case "Tz":
			w.gs.hScale = num(n-1) / 100
		case "TL":
			w.gs.leading = num(n - 1)
		case "Ts":
			w.gs.rise = num(n - 1)
		case "Tr":
			w.gs.render = int(num(n - 1))
		case "Td":
			if n >= 2 {
				w.td(num(n-2), num(n-1))
			}
		case "TD":
			if n >= 2 {
				w.gs.leading = -num(n - 1)
				w.td(num(n-2), num(n-1))
			}
		case "Tm":
			if n >= 6 {
				a := args[n-6:]
				w.tm = matrix{a[0].Float64(), a[1].Float64(), a[2].Float64(), a[3].Float64(), a[4].Float64(), a[5].Float64()}
				w.tlm = w.tm
			}
		case "T*":
			w.td(0, -w.gs.leading)
		case "Tj":
			if n >= 1 {
				w.show(args[n-1].RawString())
			}
		case "'":
			w.td(0, -w.gs.leading)
			if n >= 1 {
				w.show(args[n-1].RawString())
			}
		case "\"":
			if n >= 3 {
				w.gs.wordSpace = num(n - 3)
				w.gs.charSpace = num(n - 2)
				w.td(0, -w.gs.leading)
				w.show(args[n-1].RawString())
			}
		case "TJ":
			if n >= 1 {
				arr := args[n-1]
				for i, m := 0, arr.Len(); i < m; i++ {
					v := arr.Index(i)
					switch v.Kind() {
					case pdf.String:
						w.show(v.RawString())
					case pdf.Integer, pdf.Real:
						tx := -v.Float64() / 1000 * w.gs.fontSize * w.gs.hScale
						w.tm[4] += tx * w.tm[0]
						w.tm[5] += tx * w.tm[1]
					}
				}
			}
		case "Do":
			if n >= 1 {
				w.doXObject(res, args[n-1].Name())
			}
		}
		for i := range args {
			args[i] = pdf.Value{}
		}
	})
}

func (w *walker) td(tx, ty float64) {
	w.tlm = matrix{1, 0, 0, 1, tx, ty}.mul(w.tlm)
	w.tm = w.tlm
}

// doXObject follows a form XObject.
func (w *walker) doXObject(res pdf.Value, name string) {
	if w.depth >= w.maxDep {
		return
	}
	xo := res.Key("XObject").Key(name)
	if xo.Kind() != pdf.Stream || xo.Key("Subtype").Name() != "Form" {
		return
	}
	saved := w.gs
	savedStack := len(w.stack)
	savedTm, savedTlm := w.tm, w.tlm
	if m := xo.Key("Matrix"); m.Len() == 6 {
		mm := matrix{m.Index(0).Float64(), m.Index(1).Float64(), m.Index(2).Float64(), m.Index(3).Float64(), m.Index(4).Float64(), m.Index(5).Float64()}
		w.gs.ctm = mm.mul(w.gs.ctm)
	}
	r := xo.Key("Resources")
	if r.Kind() != pdf.Dict {
		r = res
	}
	w.depth++
	func() {
		defer func() {
			if x := recover(); x != nil {
				if x == errOpLimit {
					panic(x)
				}
			}
		}()
		w.runRetry(xo, r)
	}()
	w.depth--
	w.gs = saved
	if len(w.stack) > savedStack {
		w.stack = w.stack[:savedStack]
	}
	w.tm, w.tlm = savedTm, savedTlm
}

// show lays out the glyphs of one string.
func (w *walker) show(s string) {
	f := w.gs.font
	if f == nil {
		f = &font{scale: 0.001, vscale: 1, dw: 0.5}
		for c := 0; c < 256; c++ {
			f.simple[c] = baseText(encWinAnsi, byte(c))
			f.simpleW[c] = 0.5
		}
		w.gs.font = f
	}
	fs := w.gs.fontSize
	th := w.gs.hScale
	// text-space → display: [fs*th 0 0 fs 0 rise] × Tm × CTM; m is
	// Tm × CTM, advanced along with Tm.
	m := w.tm.mul(w.gs.ctm)
	size := fs * f.vscale * math.Sqrt(m[2]*m[2]+m[3]*m[3])
	ax := fs * th * m[0]
	ay := fs * th * m[1]
	upright := ax > 0 && math.Abs(ay) <= 0.05*ax && m[3] < 0
	rise := w.gs.rise
	hidden := w.gs.render == 3 || w.gs.render == 7
	for len(s) > 0 {
		code, n := f.nextCode(s)
		s = s[n:]
		wd := f.width(code)
		if t := f.text(code); t != "" && len(w.glyphs) < maxGlyphsPerPage {
			ox := rise*m[2] + m[4]
			oy := rise*m[3] + m[5]
			w.glyphs = append(w.glyphs, glyph{text: t, x0: ox, y: oy, x1: ox + wd*ax, ex: ox + wd*ax, ey: oy + wd*ay,
				size: size, font: f, rise: rise > 0.5, seq: w.seq, space: isSpace(t), rot: !upright, hidden: hidden})
			w.seq++
			if !upright {
				w.glyphs[len(w.glyphs)-1].x1 = ox + wd*math.Sqrt(ax*ax+ay*ay)
			}
		}
		tx := wd*fs + w.gs.charSpace
		if n == 1 && code == 32 {
			tx += w.gs.wordSpace
		}
		tx *= th
		w.tm[4] += tx * w.tm[0]
		w.tm[5] += tx * w.tm[1]
		m[4] += tx * m[0]
		m[5] += tx * m[1]
	}
}

// maxGlyphsPerPage bounds the glyphs kept from one page.
const maxGlyphsPerPage = 2_000_000

func isSpace(t string) bool {
	if len(t) == 1 {
		return t[0] == ' ' || t[0] == '\t' || t[0] == '\n' || t[0] == '\r'
	}
	for _, r := range t {
		if !unicode.IsSpace(r) {
			return false
		}
	}
	return true
}

// cleanGlyph normalises the text of one glyph: compatibility forms folded
// (NFKC: ligatures, no-break spaces), control characters and soft hyphens
// dropped, superscript digits kept as they are.
func cleanGlyph(t string) string {
	if t == "" {
		return ""
	}
	simple := true
	for i := 0; i < len(t); i++ {
		if c := t[i]; c < 0x20 || c >= 0x7F {
			simple = false
			break
		}
	}
	if simple {
		return t
	}
	var b strings.Builder
	for _, r := range t {
		switch {
		case r == '\t' || r == '\n' || r == '\r' || r == 0xA0 || (r >= 0x2000 && r <= 0x200A) || r == 0x202F || r == 0x3000:
			b.WriteByte(' ')
		case r < 0x20 || (r >= 0x7F && r < 0xA0) || (r >= 0x200B && r <= 0x200F) || r == 0xFEFF || (r >= 0x2060 && r <= 0x2064) || (r >= 0xE000 && r <= 0xF8FF && false):
			// dropped
		case r == 0xB2 || r == 0xB3 || r == 0xB9 || (r >= 0x2070 && r <= 0x209F):
			b.WriteRune(r)
		case r < 0x250 || r == 0xFFFD:
			b.WriteRune(r)
		case r == 0xFFFE || r == 0xFFFF || r >= 0xFDD0 && r <= 0xFDEF || r&0xFFFE == 0xFFFE:
			b.WriteRune(0xFFFD) // a noncharacter: the map does not know the glyph
		default:
			b.WriteString(norm.NFKC.String(string(r)))
		}
	}
	return b.String()
}

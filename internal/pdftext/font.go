package pdftext

import (
	"math"
	"strings"
	"unicode/utf16"

	"github.com/ledongthuc/pdf"
)

// font is a decoded font: code → text and code → width, built once per font
// object and document.
type font struct {
	name         string // base font without subset prefix
	bold, italic bool
	cid          bool // Type0: multi-byte codes
	// codespace ranges by byte length (1..4) for Type0 fonts; empty means 2 bytes.
	space [4][]codeRange
	// text per code: simple fonts use simple[], Type0 fonts the map.
	simple  [256]string
	hasText [256]bool
	cidText map[uint32]string // cleaned text per code, filled on first use
	tu      *toUnicode
	// widths in text space units (glyph width / 1000, or × FontMatrix for Type3).
	simpleW   [256]float64
	cidW      map[uint32]float64 // by CID
	cidOfCode map[uint32]uint32  // code → CID when the encoding CMap is not Identity
	dw        float64
	scale     float64 // glyph space → text space (0.001, or FontMatrix[0] for Type3)
	vscale    float64 // vertical size factor (1, or derived from a Type3 FontMatrix)
}

type codeRange struct{ lo, hi uint32 }

// nextCode splits the first code off s, returning the code and its length.
func (f *font) nextCode(s string) (code uint32, n int) {
	if !f.cid {
		return uint32(s[0]), 1
	}
	var c uint32
	for l := 1; l <= 4 && l <= len(s); l++ {
		c = c<<8 | uint32(s[l-1])
		for _, r := range f.space[l-1] {
			if c >= r.lo && c <= r.hi {
				return c, l
			}
		}
	}
	// outside every range: take two bytes, as most CID fonts use
	if len(s) >= 2 {
		return uint32(s[0])<<8 | uint32(s[1]), 2
	}
	return uint32(s[0]), 1
}

// text returns the text of a code.
func (f *font) text(code uint32) string {
	if !f.cid {
		return f.simple[code&0xFF]
	}
	if t, ok := f.cidText[code]; ok {
		return t
	}
	t := "\uFFFD"
	if f.tu != nil {
		if s, ok := f.tu.lookup(code); ok {
			if c := cleanGlyph(s); c != "" || s != "" {
				t = c
			}
		}
	}
	if len(f.cidText) < 1<<16 {
		f.cidText[code] = t
	}
	return t
}

// width returns the advance of a code in text space units (before font size).
func (f *font) width(code uint32) float64 {
	if !f.cid {
		return f.simpleW[code&0xFF]
	}
	cid := code
	if f.cidOfCode != nil {
		if c, ok := f.cidOfCode[code]; ok {
			cid = c
		}
	}
	if w, ok := f.cidW[cid]; ok {
		return w
	}
	return f.dw
}

// fontCache holds decoded fonts of one document, keyed by the font
// dictionary's indirect reference ("12 0 R") where it has one.
type fontCache map[string]*font

// loadFont decodes a font dictionary. It never panics (the caller recovers
// the library's panics around it), and always returns a usable font.
func loadFont(fd pdf.Value) *font {
	f := &font{scale: 0.001, vscale: 1, dw: 1}
	base := fd.Key("BaseFont").Name()
	if i := strings.IndexByte(base, '+'); i == 6 {
		base = base[i+1:]
	}
	f.name = base
	subtype := fd.Key("Subtype").Name()
	desc := fd.Key("FontDescriptor")
	var desc0 pdf.Value
	if subtype == "Type0" {
		desc0 = fd.Key("DescendantFonts").Index(0)
		desc = desc0.Key("FontDescriptor")
		if f.name == "" {
			f.name = desc0.Key("BaseFont").Name()
		}
	}
	lname := strings.ToLower(f.name)
	flags := desc.Key("Flags").Int64()
	f.bold = strings.Contains(lname, "bold") || strings.Contains(lname, "black") ||
		strings.Contains(lname, "heavy") || strings.Contains(lname, "semibold") ||
		strings.Contains(lname, "demi") || flags&(1<<18) != 0 || desc.Key("FontWeight").Float64() >= 600
	f.italic = strings.Contains(lname, "italic") || strings.Contains(lname, "oblique") || flags&(1<<6) != 0

	var toU *toUnicode
	var tuSpace [4][]codeRange
	if tu := fd.Key("ToUnicode"); tu.Kind() == pdf.Stream {
		toU, tuSpace = readToUnicode(tu)
	}

	if subtype == "Type0" {
		f.cid = true
		f.dw = 1
		enc := fd.Key("Encoding")
		if enc.Kind() == pdf.Stream {
			f.space, f.cidOfCode = readCIDCMap(enc)
		}
		if isEmptySpace(f.space) {
			f.space = tuSpace
		}
		if isEmptySpace(f.space) {
			f.space[1] = []codeRange{{0, 0xFFFF}}
		}
		f.tu = toU
		f.cidText = map[uint32]string{}
		if dw := desc0.Key("DW"); dw.Kind() == pdf.Integer || dw.Kind() == pdf.Real {
			f.dw = dw.Float64() / 1000
		}
		f.cidW = map[uint32]float64{}
		w := desc0.Key("W")
		for i, n := 0, w.Len(); i < n; {
			first := w.Index(i)
			if first.Kind() != pdf.Integer && first.Kind() != pdf.Real {
				break
			}
			c0 := uint32(first.Int64())
			next := w.Index(i + 1)
			if next.Kind() == pdf.Array {
				for j, m := 0, next.Len(); j < m && j < 65536; j++ {
					f.cidW[c0+uint32(j)] = next.Index(j).Float64() / 1000
				}
				i += 2
				continue
			}
			c1 := uint32(next.Int64())
			wd := w.Index(i+2).Float64() / 1000
			for c := c0; c <= c1 && c-c0 < 65536; c++ {
				f.cidW[c] = wd
			}
			i += 3
		}
		return f
	}

	// Simple fonts.
	enc := baseEncoding(encStandard)
	if subtype == "TrueType" {
		enc = encWinAnsi
	}
	var diffs pdf.Value
	switch e := fd.Key("Encoding"); e.Kind() {
	case pdf.Name:
		enc = namedEncoding(e.Name(), enc)
	case pdf.Dict:
		if b := e.Key("BaseEncoding"); b.Kind() == pdf.Name {
			enc = namedEncoding(b.Name(), enc)
		}
		diffs = e.Key("Differences")
	}
	if strings.HasPrefix(f.name, "Symbol") || strings.HasPrefix(f.name, "ZapfDingbats") {
		enc = encStandard
	}
	var names [256]string
	if diffs.Kind() == pdf.Array {
		code := 0
		for i, n := 0, diffs.Len(); i < n; i++ {
			v := diffs.Index(i)
			switch v.Kind() {
			case pdf.Integer:
				code = int(v.Int64())
			case pdf.Name:
				if code >= 0 && code < 256 {
					names[code] = v.Name()
				}
				code++
			}
		}
	}
	for c := 0; c < 256; c++ {
		t := ""
		if toU != nil {
			if s, ok := toU.lookup(uint32(c)); ok {
				t = cleanGlyph(s)
			}
		}
		if t == "" || t == "\uFFFD" {
			var t2 string
			if names[c] != "" {
				t2 = glyphText(names[c])
			}
			if t2 == "" {
				t2 = baseText(enc, byte(c))
			}
			t2 = cleanGlyph(t2)
			if t2 != "" {
				t = t2
			}
		}
		f.simple[c] = t
		f.hasText[c] = t != ""
	}
	// Widths.
	if subtype == "Type3" {
		fm := fd.Key("FontMatrix")
		if fm.Len() == 6 {
			f.scale = fm.Index(0).Float64()
			d := math.Abs(fm.Index(3).Float64())
			if bb := fd.Key("FontBBox"); bb.Len() == 4 {
				h := math.Abs(bb.Index(3).Float64()-bb.Index(1).Float64()) * d
				if h >= 0.3 && h <= 3 {
					f.vscale = h
				}
			}
		}
	}
	widths := fd.Key("Widths")
	if widths.Kind() == pdf.Array {
		first := int(fd.Key("FirstChar").Int64())
		missing := desc.Key("MissingWidth").Float64() * f.scale
		for c := 0; c < 256; c++ {
			f.simpleW[c] = missing
		}
		for i, n := 0, widths.Len(); i < n; i++ {
			c := first + i
			if c >= 0 && c < 256 {
				f.simpleW[c] = widths.Index(i).Float64() * f.scale
			}
		}
	} else {
		fixed := strings.Contains(lname, "courier") || strings.Contains(lname, "mono")
		serif := strings.Contains(lname, "times") || strings.Contains(lname, "serif") && !strings.Contains(lname, "sans")
		for c := 0; c < 256; c++ {
			if fixed {
				f.simpleW[c] = 0.6
			} else {
				f.simpleW[c] = standardWidth(f.simple[c], serif, f.bold)
			}
		}
	}
	return f
}

func isEmptySpace(s [4][]codeRange) bool {
	return s[0] == nil && s[1] == nil && s[2] == nil && s[3] == nil
}

func namedEncoding(name string, def baseEncoding) baseEncoding {
	switch name {
	case "WinAnsiEncoding":
		return encWinAnsi
	case "MacRomanEncoding", "MacExpertEncoding":
		return encMacRoman
	case "StandardEncoding":
		return encStandard
	case "PDFDocEncoding":
		return encPDFDoc
	}
	return def
}

// readToUnicode parses a ToUnicode CMap into code → text and its codespace.
func readToUnicode(strm pdf.Value) (tu *toUnicode, space [4][]codeRange) {
	tu = &toUnicode{chars: map[uint32]string{}}
	m := tu.chars
	interpretCMap(strm, &space, func(stk *pdf.Stack, op string) bool {
		switch op {
		case "endbfchar":
			vals := popAll(stk)
			for i := 0; i+1 < len(vals); i += 2 {
				src := vals[i].RawString()
				if len(src) == 0 || len(src) > 4 {
					continue
				}
				m[beUint(src)] = utf16BE(vals[i+1].RawString())
			}
		case "endbfrange":
			vals := popAll(stk)
			for i := 0; i+2 < len(vals); i += 3 {
				lo, hi := vals[i].RawString(), vals[i+1].RawString()
				if len(lo) == 0 || len(lo) > 4 || len(hi) == 0 || len(hi) > 4 {
					continue
				}
				l, h := beUint(lo), beUint(hi)
				if h < l || h-l > 65535 {
					continue
				}
				dst := vals[i+2]
				if dst.Kind() == pdf.Array {
					r := cmapRange{lo: l, hi: h}
					for c := l; c <= h; c++ {
						r.arr = append(r.arr, utf16BE(dst.Index(int(c-l)).RawString()))
					}
					tu.ranges = append(tu.ranges, r)
					continue
				}
				if d := dst.RawString(); d != "" {
					tu.ranges = append(tu.ranges, cmapRange{lo: l, hi: h, dst: []byte(d)})
				}
			}
		default:
			return false
		}
		return true
	})
	return tu, space
}

// interpretCMap runs the PostScript of a CMap stream. It answers
// findresource, reads the codespace ranges into space and drops the count
// operand of begin... operators; every other operator goes to handle, which
// says whether it took it. A malformed stream stops the run, keeping what
// was read before.
func interpretCMap(strm pdf.Value, space *[4][]codeRange, handle func(stk *pdf.Stack, op string) bool) {
	defer func() { recover() }()
	pdf.Interpret(strm, func(stk *pdf.Stack, op string) {
		switch op {
		case "findresource":
			stk.Pop()
			stk.Pop()
			stk.Push(freshDict())
		case "endcodespacerange":
			vals := popAll(stk)
			for i := 0; i+1 < len(vals); i += 2 {
				lo, hi := vals[i].RawString(), vals[i+1].RawString()
				if len(lo) >= 1 && len(lo) <= 4 && len(lo) == len(hi) {
					space[len(lo)-1] = append(space[len(lo)-1], codeRange{beUint(lo), beUint(hi)})
				}
			}
		default:
			if !handle(stk, op) && strings.HasPrefix(op, "begin") {
				stk.Pop()
			}
		}
	})
}

// toUnicode is a parsed ToUnicode CMap: single codes and ranges, the
// ranges kept as ranges (some map all 65,536 codes).
type toUnicode struct {
	chars  map[uint32]string
	ranges []cmapRange
}

type cmapRange struct {
	lo, hi uint32
	dst    []byte   // UTF-16BE of lo; later codes increment its last unit
	arr    []string // or one destination per code
}

// lookup returns the text of code c.
func (t *toUnicode) lookup(c uint32) (string, bool) {
	if s, ok := t.chars[c]; ok {
		return s, true
	}
	for i := len(t.ranges) - 1; i >= 0; i-- {
		r := &t.ranges[i]
		if c < r.lo || c > r.hi {
			continue
		}
		if r.arr != nil {
			return r.arr[c-r.lo], true
		}
		d := append([]byte(nil), r.dst...)
		// add the offset to the last byte(s), with carry
		off := c - r.lo
		for k := len(d) - 1; k >= 0 && off > 0; k-- {
			v := uint32(d[k]) + off
			d[k] = byte(v)
			off = v >> 8
		}
		return utf16BE(string(d)), true
	}
	return "", false
}

// readCIDCMap parses an embedded CMap of a Type0 font: its codespace and,
// when it maps codes to other CIDs, the code → CID table.
func readCIDCMap(strm pdf.Value) (space [4][]codeRange, cids map[uint32]uint32) {
	interpretCMap(strm, &space, func(stk *pdf.Stack, op string) bool {
		switch op {
		case "endcidchar":
			vals := popAll(stk)
			if cids == nil {
				cids = map[uint32]uint32{}
			}
			for i := 0; i+1 < len(vals); i += 2 {
				cids[beUint(vals[i].RawString())] = uint32(vals[i+1].Int64())
			}
		case "endcidrange":
			vals := popAll(stk)
			if cids == nil {
				cids = map[uint32]uint32{}
			}
			for i := 0; i+2 < len(vals); i += 3 {
				l, h := beUint(vals[i].RawString()), beUint(vals[i+1].RawString())
				c := uint32(vals[i+2].Int64())
				for k := l; k <= h && k-l < 65536; k++ {
					cids[k] = c + (k - l)
				}
			}
		default:
			return false
		}
		return true
	})
	return space, cids
}

func popAll(stk *pdf.Stack) []pdf.Value {
	n := stk.Len()
	vals := make([]pdf.Value, n)
	for i := n - 1; i >= 0; i-- {
		vals[i] = stk.Pop()
	}
	return vals
}

func beUint(s string) uint32 {
	var v uint32
	for i := 0; i < len(s) && i < 4; i++ {
		v = v<<8 | uint32(s[i])
	}
	return v
}

// utf16BE decodes a ToUnicode destination string (UTF-16BE).
func utf16BE(s string) string {
	if len(s) == 1 {
		return string(rune(s[0]))
	}
	u := make([]uint16, 0, len(s)/2)
	for i := 0; i+1 < len(s); i += 2 {
		u = append(u, uint16(s[i])<<8|uint16(s[i+1]))
	}
	return string(utf16.Decode(u))
}

package refs

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// marker is the byte a footnote marker (a superscript digit) becomes in the
// normalised text: a punctuation byte that can never join a number.
const marker = '\x1e'

// normText is the text after character normalisation, with a map from each
// of its bytes back to the character of the original text that produced it.
//
// Most characters are kept as they are, so the map is kept sparse: edits
// lists, in order, the characters that were replaced or deleted; a byte
// outside them was copied, and maps to the character of the original at
// the same offset shifted by what the edits before it changed.
type normText struct {
	s     string
	orig  string
	edits []edit
}

// edit is one character of the original, [olo, ohi), that became the
// bytes [nlo, nhi) of the normalised text (none when it was deleted).
type edit struct {
	nlo, nhi int
	olo, ohi int
}

// start returns the offset in the original of the character that
// produced byte i of the normalised text (len(orig) for i == len(s)).
func (n *normText) start(i int) int {
	a, _ := n.char(i)
	return a
}

// char returns the character of the original that produced byte i of the
// normalised text, as [a, b); i == len(s) gives [len(orig), len(orig)).
func (n *normText) char(i int) (int, int) {
	// the last edit that starts at or before i
	k := sort.Search(len(n.edits), func(k int) bool { return n.edits[k].nlo > i }) - 1
	o := i
	if k >= 0 {
		e := n.edits[k]
		if i < e.nhi {
			return e.olo, e.ohi
		}
		o = i - e.nhi + e.ohi
	}
	if o >= len(n.orig) {
		return len(n.orig), len(n.orig)
	}
	// a copied character: valid UTF-8, whole
	a := o
	for a > 0 && !utf8.RuneStart(n.orig[a]) {
		a--
	}
	_, size := utf8.DecodeRuneInString(n.orig[a:])
	return a, a + size
}

// span maps the normalised byte range [lo, hi) back to the original text.
func (n *normText) span(lo, hi int) (int, int) {
	if hi <= lo {
		a := n.start(lo)
		return a, a
	}
	a := n.start(lo)
	_, b := n.char(hi - 1)
	return a, b
}

// normalize applies the character rules of the grammar: the many spaces
// become one space, invisible characters vanish, dashes become '-', curly
// quotes become straight ones, superscript digits become marker, and each
// invalid byte becomes a lone punctuation byte.
func normalize(text string) normText {
	var b strings.Builder
	var edits []edit
	copied := 0 // text[:copied] is handled
	emit := func(s string, lo, hi int) {
		if b.Len() == 0 {
			b.Grow(len(text))
		}
		b.WriteString(text[copied:lo])
		n := b.Len()
		b.WriteString(s)
		edits = append(edits, edit{nlo: n, nhi: b.Len(), olo: lo, ohi: hi})
		copied = hi
	}
	for i := 0; i < len(text); {
		if c := text[i]; c < utf8.RuneSelf {
			if c != '\n' && (c < ' ' || c == 0x7f) {
				emit(" ", i, i+1)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		lo, hi := i, i+size
		i = hi
		switch {
		case r == utf8.RuneError && size <= 1:
			emit("\x1f", lo, hi)
		case r == 0xA0, r == 0x202F, r == 0x2007, r == 0x2009, r >= 0x2000 && r <= 0x200A, r == 0x3000, r == 0x205F, r == 0x1680:
			emit(" ", lo, hi)
		case r == 0xAD, r == 0x200B, r == 0x200C, r == 0x200D, r == 0x2060, r == 0xFEFF:
			emit("", lo, hi) // deleted
		case r >= 0x2010 && r <= 0x2015, r == 0x2212, r == 0xFE58, r == 0xFE63, r == 0xFF0D:
			emit("-", lo, hi)
		case r == 0xB9, r == 0xB2, r == 0xB3, r == 0x2070, r >= 0x2074 && r <= 0x207E:
			emit(string(marker), lo, hi)
		case r == 0xAB, r == 0xBB, r == 0x201C, r == 0x201D, r == 0x201E, r == 0x201F, r == 0x2039, r == 0x203A:
			emit(`"`, lo, hi)
		case r == 0x2018, r == 0x2019, r == 0x201A, r == 0x201B:
			emit("'", lo, hi)
		case r == 0x2028, r == 0x2029, r == 0x85:
			emit("\n", lo, hi)
		case unicode.IsSpace(r):
			emit(" ", lo, hi)
		case unicode.IsControl(r):
			emit(" ", lo, hi)
		}
	}
	if len(edits) == 0 {
		return normText{s: text, orig: text}
	}
	b.WriteString(text[copied:])
	return normText{s: b.String(), orig: text, edits: edits}
}

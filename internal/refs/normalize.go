package refs

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// marker is the byte a footnote marker (a superscript digit) becomes in the
// normalised text: a punctuation byte that can never join a number.
const marker = '\x1e'

// normText is the text after character normalisation, with a map from each
// of its bytes back to the character of the original text that produced it.
type normText struct {
	s     string
	start []int // start[i]: offset in the original of the character that produced byte i
	end   []int // end[i]: offset just after that character
}

// span maps the normalised byte range [lo, hi) back to the original text.
func (n *normText) span(lo, hi int) (int, int) {
	if hi <= lo {
		return n.start[lo], n.start[lo]
	}
	return n.start[lo], n.end[hi-1]
}

// normalize applies the character rules of the grammar: the many spaces
// become one space, invisible characters vanish, dashes become '-', curly
// quotes become straight ones, superscript digits become marker, and each
// invalid byte becomes a lone punctuation byte.
func normalize(text string) normText {
	var b strings.Builder
	b.Grow(len(text))
	start := make([]int, 0, len(text)+1)
	end := make([]int, 0, len(text)+1)
	emit := func(s string, lo, hi int) {
		for k := 0; k < len(s); k++ {
			start = append(start, lo)
			end = append(end, hi)
		}
		b.WriteString(s)
	}
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		lo, hi := i, i+size
		i = hi
		if r < utf8.RuneSelf && r != utf8.RuneError {
			switch {
			case r == '\n':
				emit("\n", lo, hi)
			case r < ' ' || r == 0x7f:
				emit(" ", lo, hi)
			default:
				emit(text[lo:hi], lo, hi)
			}
			continue
		}
		switch {
		case r == utf8.RuneError && size <= 1:
			emit("\x1f", lo, hi)
		case r == 0xA0, r == 0x202F, r == 0x2007, r == 0x2009, r >= 0x2000 && r <= 0x200A, r == 0x3000, r == 0x205F, r == 0x1680:
			emit(" ", lo, hi)
		case r == 0xAD, r == 0x200B, r == 0x200C, r == 0x200D, r == 0x2060, r == 0xFEFF:
			// deleted
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
		default:
			emit(text[lo:hi], lo, hi)
		}
	}
	start = append(start, len(text))
	end = append(end, len(text))
	return normText{s: b.String(), start: start, end: end}
}

package refs

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"kamerzoek/internal/realdata"
)

// normTextRef is the normalisation as it was first written, with a map
// entry for every byte: the reference the sparse map must agree with.
type normTextRef struct {
	s     string
	start []int // start[i]: offset in the original of the character that produced byte i
	end   []int // end[i]: offset just after that character
}

// spanRef maps the normalised byte range [lo, hi) back to the original text.
func (n *normTextRef) spanRef(lo, hi int) (int, int) {
	if hi <= lo {
		return n.start[lo], n.start[lo]
	}
	return n.start[lo], n.end[hi-1]
}

// normalizeRef applies the character rules of the grammar: the many spaces
// become one space, invisible characters vanish, dashes become '-', curly
// quotes become straight ones, superscript digits become marker, and each
// invalid byte becomes a lone punctuation byte.
func normalizeRef(text string) normTextRef {
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
	return normTextRef{s: b.String(), start: start, end: end}
}

// checkNormalize compares normalize with normalizeRef on text: the same
// normalised text, and every byte and every span mapped alike.
func checkNormalize(t *testing.T, text string) {
	t.Helper()
	got, want := normalize(text), normalizeRef(text)
	if got.s != want.s {
		t.Fatalf("normalize(%q) = %q, want %q", text, got.s, want.s)
	}
	for i := 0; i <= len(want.s); i++ {
		if a := got.start(i); a != want.start[i] {
			t.Fatalf("%q: byte %d starts at %d, want %d", text, i, a, want.start[i])
		}
		if i == len(want.s) {
			break
		}
		if a, b := got.char(i); a != want.start[i] || b != want.end[i] {
			t.Fatalf("%q: byte %d maps to [%d,%d), want [%d,%d)", text, i, a, b, want.start[i], want.end[i])
		}
	}
	step := max(1, len(want.s)/50)
	for lo := 0; lo <= len(want.s); lo += step {
		for hi := lo; hi <= len(want.s); hi += step {
			a, b := got.span(lo, hi)
			c, d := want.spanRef(lo, hi)
			if a != c || b != d {
				t.Fatalf("%q: span(%d,%d) = [%d,%d), want [%d,%d)", text, lo, hi, a, b, c, d)
			}
		}
	}
}

func FuzzNormalize(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Add("")
	f.Add("gewoon tekst, é en ë\n\nen meer")
	f.Add("\ufffd\xef\xbf\xbd\xe2\x81 \u00ad\u00ad\u2013x\u2028")
	f.Fuzz(func(t *testing.T, text string) {
		checkNormalize(t, text)
	})
}

// TestNormalizeRealText compares the normalisations on the seed letter
// and the citation cases.
func TestNormalizeRealText(t *testing.T) {
	dir, ok := realdata.Find()
	if !ok {
		t.Skip("no real data")
	}
	for _, p := range []string{filepath.Join(dir, "seed", "kst-29911-337.txt"), filepath.Join(dir, "citations", "cases.tsv")} {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, part := range strings.Split(string(b), "\n\n") {
			checkNormalize(t, part)
		}
	}
}

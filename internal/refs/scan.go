package refs

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// tokKind classifies a token of the normalised text.
type tokKind uint8

const (
	tPunct tokKind = iota // one punctuation character
	tWord                 // letters only
	tNum                  // ASCII digits only
	tAlnum                // letters and digits mixed ("188b", "2021Z20541")
)

// tok is one token: a run of letters and digits, or one other character.
// lo and hi are byte offsets into the normalised text.
type tok struct {
	kind   tokKind
	s      string // the token's text ("Kamer-stukken" joined to "Kamerstukken")
	low    string // lower-case s, for keywords
	lo, hi int
	sp     bool // whitespace before the token
	nl     int  // newlines in that whitespace
}

// hyphenJoin lists the keywords that end-of-line hyphenation may split.
var hyphenJoin = map[string]bool{
	"kamerstuk": true, "kamerstukken": true, "kamerstukdossier": true,
	"handelingen": true, "aanhangsel": true, "staatsblad": true,
	"staatscourant": true, "tractatenblad": true, "gemeenteblad": true,
	"vergaderjaar": true, "verordening": true, "richtlijn": true,
	"uitvoeringsverordening": true, "kaderbesluit": true, "wetsvoorstel": true,
}

// tokenize splits the normalised text into tokens. Whitespace is not a
// token; it is recorded on the token that follows it.
func tokenize(s string) []tok {
	toks := make([]tok, 0, len(s)/4)
	sp, nl := false, 0
	for i := 0; i < len(s); {
		c := s[i]
		if c == ' ' {
			sp = true
			i++
			continue
		}
		if c == '\n' {
			sp = true
			nl++
			i++
			continue
		}
		if isAlnumStart(s, i) {
			j, letters, digits := i, false, false
			for j < len(s) {
				if s[j] >= '0' && s[j] <= '9' {
					digits = true
					j++
					continue
				}
				r, size := utf8.DecodeRuneInString(s[j:])
				if r >= utf8.RuneSelf && r != utf8.RuneError && unicode.IsLetter(r) || r < utf8.RuneSelf && isASCIILetter(byte(r)) {
					letters = true
					j += size
					continue
				}
				break
			}
			k := tWord
			switch {
			case letters && digits:
				k = tAlnum
			case digits:
				k = tNum
			}
			toks = append(toks, tok{kind: k, s: s[i:j], lo: i, hi: j, sp: sp, nl: nl})
			sp, nl = false, 0
			i = j
			continue
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		toks = append(toks, tok{kind: tPunct, s: s[i : i+size], lo: i, hi: i + size, sp: sp, nl: nl})
		sp, nl = false, 0
		i += size
	}
	// Join keywords split by end-of-line hyphenation: "Kamer-\nstukken".
	out := toks[:0]
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if t.kind == tWord && i+2 < len(toks) && toks[i+1].s == "-" && !toks[i+1].sp &&
			toks[i+2].kind == tWord && toks[i+2].nl > 0 {
			joined := t.s + toks[i+2].s
			if hyphenJoin[strings.ToLower(joined)] {
				t.s = joined
				t.hi = toks[i+2].hi
				out = append(out, t)
				i += 2
				continue
			}
		}
		out = append(out, t)
	}
	// A text layer may glue the Kamer to the vergaderjaar after a keyword:
	// "Kamerstukken II2015–16". Split it so the grammar reads both.
	for i := 1; i < len(out); i++ {
		t := out[i]
		if t.kind != tAlnum || !hyphenJoin[strings.ToLower(out[i-1].s)] {
			continue
		}
		k := strings.IndexAny(t.s, "0123456789")
		if k <= 0 || k > 2 || strings.Trim(t.s[:k], "I") != "" || len(t.s)-k != 4 || !isDigits(t.s[k:]) {
			continue
		}
		kamer := tok{kind: tWord, s: t.s[:k], lo: t.lo, hi: t.lo + k, sp: t.sp, nl: t.nl}
		year := tok{kind: tNum, s: t.s[k:], lo: t.lo + k, hi: t.hi}
		out = append(out[:i+1], out[i:]...)
		out[i], out[i+1] = kamer, year
		i++
	}
	for i := range out {
		if out[i].kind != tPunct {
			out[i].low = strings.ToLower(out[i].s)
		} else {
			out[i].low = out[i].s
		}
	}
	return out
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func isAlnumStart(s string, i int) bool {
	c := s[i]
	if c >= '0' && c <= '9' || isASCIILetter(c) {
		return true
	}
	if c < utf8.RuneSelf {
		return false
	}
	r, size := utf8.DecodeRuneInString(s[i:])
	return !(r == utf8.RuneError && size <= 1) && unicode.IsLetter(r)
}

// isUpperWord reports whether s consists of ASCII capitals only.
func isUpperWord(s string) bool { return allBytesIn(s, 'A', 'Z') }

// isDigits reports whether s is a non-empty run of ASCII digits.
func isDigits(s string) bool { return allBytesIn(s, '0', '9') }

// allBytesIn reports whether s is non-empty and every byte of it lies in
// lo..hi.
func allBytesIn(s string, lo, hi byte) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < lo || s[i] > hi {
			return false
		}
	}
	return true
}

// atoi converts a short run of digits; it returns -1 for anything else.
func atoi(s string) int {
	if !isDigits(s) || len(s) > 9 {
		return -1
	}
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

// isRoman reports whether s is a budget-chapter numeral, optionally with an
// A or B suffix: (X{0,3})(IX|IV|V?I{0,3})[AB]?, numeral part non-empty.
func isRoman(s string) bool {
	if s == "" {
		return false
	}
	if n := len(s); n > 1 && (s[n-1] == 'A' || s[n-1] == 'B') {
		s = s[:n-1]
	}
	i := 0
	for i < len(s) && i < 3 && s[i] == 'X' {
		i++
	}
	rest := s[i:]
	switch rest {
	case "", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX":
	default:
		return false
	}
	return s != ""
}

package querylang

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// tokKind is the kind of a scanned token.
type tokKind int

const (
	tEOF    tokKind = iota
	tLParen         // (
	tRParen         // )
	tAnd            // AND, EN, &&
	tOr             // OR, OF, ||
	tNot            // NOT, NIET, !, and a leading - (see minus)
	tPlus           // a leading +
	tField          // name: (text is the name)
	tPhrase         // "…" (text is the inside, slop after ~N)
	tWord           // anything else up to a space, a parenthesis or a quote
	tIdent          // an identifier the caller recognised
)

// token is one scanned token with its byte span.
type token struct {
	kind       tokKind
	text       string
	start, end int
	slop       int    // tPhrase: proximity, 0 for an exact phrase
	norm       string // tIdent: normalised form
	minus      bool   // tNot written as "-"
}

// scanner splits a query into tokens. It keeps its position as a byte
// offset and reports problems to errh; it never stops early.
type scanner struct {
	src   string
	off   int
	errh  func(off int, msg string)
	ident func(s string) (norm string, n int, ok bool)
	// afterField is set after a tField: the next token is the field's value,
	// which is never an operator or an identifier.
	afterField bool
}

// maxSlop bounds the proximity of "…"~N.
const maxSlop = 100

// next returns the next token.
func (s *scanner) next() token {
	afterField := s.afterField
	s.afterField = false
	for s.off < len(s.src) {
		r, n := utf8.DecodeRuneInString(s.src[s.off:])
		if !unicode.IsSpace(r) {
			break
		}
		s.off += n
	}
	start := s.off
	if start >= len(s.src) {
		return token{kind: tEOF, start: start, end: start}
	}
	c := s.src[start]
	switch c {
	case '(':
		s.off++
		return token{kind: tLParen, text: "(", start: start, end: s.off}
	case ')':
		s.off++
		return token{kind: tRParen, text: ")", start: start, end: s.off}
	case '"':
		return s.phrase()
	}
	if !afterField {
		if (c == '+' || c == '-' || c == '!') && start+1 < len(s.src) {
			r, _ := utf8.DecodeRuneInString(s.src[start+1:])
			if !unicode.IsSpace(r) && r != ')' {
				if c == '+' {
					// "+29 911": an identifier after the plus is taken whole.
					s.off++
					return token{kind: tPlus, text: "+", start: start, end: s.off}
				}
				s.off++
				return token{kind: tNot, text: string(c), start: start, end: s.off, minus: c == '-'}
			}
		}
		if s.ident != nil {
			if norm, n, ok := s.ident(s.src[start:]); ok && n > 0 {
				s.off += n
				return token{kind: tIdent, text: s.src[start:s.off], norm: norm, start: start, end: s.off}
			}
		}
		if name, ok := fieldAt(s.src[start:]); ok {
			s.off += len(name) + 1
			s.afterField = true
			return token{kind: tField, text: name, start: start, end: s.off}
		}
	}
	w := s.word()
	tok := token{kind: tWord, text: w, start: start, end: s.off}
	if !afterField {
		switch w {
		case "AND", "EN", "&&":
			tok.kind = tAnd
		case "OR", "OF", "||":
			tok.kind = tOr
		case "NOT", "NIET", "!", "-", "+":
			tok.kind = tNot
			if w == "+" {
				tok.kind = tPlus
			}
			tok.minus = w == "-"
		}
	}
	return tok
}

// fieldAt reports a field name followed by ':' at the start of s.
func fieldAt(s string) (string, bool) {
	i := 0
	for i < len(s) {
		c := s[i]
		if c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || i > 0 && c >= '0' && c <= '9' {
			i++
			continue
		}
		break
	}
	if i == 0 || i >= len(s) || s[i] != ':' {
		return "", false
	}
	return s[:i], true
}

// word scans up to a space, a parenthesis or a quote; a backslash escapes
// the next character. The text keeps the escapes out.
func (s *scanner) word() string {
	var b strings.Builder
	for s.off < len(s.src) {
		r, n := utf8.DecodeRuneInString(s.src[s.off:])
		if unicode.IsSpace(r) || r == '(' || r == ')' || r == '"' {
			break
		}
		if r == '\\' && s.off+1 < len(s.src) {
			r2, n2 := utf8.DecodeRuneInString(s.src[s.off+1:])
			b.WriteRune(r2)
			s.off += 1 + n2
			continue
		}
		b.WriteString(s.src[s.off : s.off+n])
		s.off += n
	}
	return b.String()
}

// phrase scans a quoted phrase and an optional ~N after it.
func (s *scanner) phrase() token {
	start := s.off
	s.off++ // opening quote
	var b strings.Builder
	closed := false
	for s.off < len(s.src) {
		c := s.src[s.off]
		if c == '\\' && s.off+1 < len(s.src) {
			r, n := utf8.DecodeRuneInString(s.src[s.off+1:])
			b.WriteRune(r)
			s.off += 1 + n
			continue
		}
		if c == '"' {
			s.off++
			closed = true
			break
		}
		b.WriteByte(c)
		s.off++
	}
	tok := token{kind: tPhrase, text: b.String(), start: start}
	if !closed {
		s.errh(start, `unterminated quote: the " here has no closing "`)
	}
	if closed && s.off < len(s.src) && s.src[s.off] == '~' {
		at := s.off
		s.off++
		j := s.off
		for j < len(s.src) && s.src[j] >= '0' && s.src[j] <= '9' {
			j++
		}
		tok.slop = 2
		if j > s.off {
			n := 0
			for _, d := range s.src[s.off:j] {
				if n <= maxSlop {
					n = n*10 + int(d-'0')
				}
			}
			if n > maxSlop {
				s.errh(at, "proximity after ~ is at most 100")
			}
			tok.slop = n
			if n == 0 {
				tok.slop = 0
			}
		}
		s.off = j
	}
	tok.end = s.off
	return tok
}

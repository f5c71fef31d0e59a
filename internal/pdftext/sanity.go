package pdftext

import (
	"bytes"
	"fmt"
)

// The library sizes its cross-reference table from numbers in the file
// (/Size, xref subsection headers, /Index, /W) before it has read any
// object, so a forged number makes it allocate gigabytes. checkSizes looks
// at those numbers first and rejects what a file of this length cannot hold.

// maxObjects bounds object numbers for a file of n bytes: even inside a
// compressed object stream an object takes a few bytes.
func maxObjects(n int) int64 {
	return int64(n)*64 + 4096
}

// scanner reads the tokens checkSizes needs.
type numScanner struct {
	b []byte
	i int
}

func (s *numScanner) skipSpace() {
	for s.i < len(s.b) {
		switch s.b[s.i] {
		case ' ', '\t', '\r', '\n', '\f', 0:
			s.i++
		default:
			return
		}
	}
}

// int reads a non-negative integer; ok is false when none stands there.
// Values beyond 1e15 saturate.
func (s *numScanner) int() (v int64, digits int, ok bool) {
	s.skipSpace()
	for s.i < len(s.b) && s.b[s.i] >= '0' && s.b[s.i] <= '9' {
		if v < 1e15 {
			v = v*10 + int64(s.b[s.i]-'0')
		}
		s.i++
		digits++
	}
	return v, digits, digits > 0
}

// subsection reads a cross-reference subsection's "first count" pair (in
// an xref table or an /Index array); ok is false unless both stand there.
func (s *numScanner) subsection() (first, count int64, ok bool) {
	first, _, ok1 := s.int()
	count, _, ok2 := s.int()
	return first, count, ok1 && ok2
}

// checkSizes rejects files whose cross-reference numbers cannot be real.
func checkSizes(data []byte) error {
	limit := maxObjects(len(data))
	bad := func(what string) error {
		return fmt.Errorf("%w: impossible %s in a file of %d bytes", ErrMalformed, what, len(data))
	}
	for _, key := range []string{"/Size", "xref", "/Index", "/W"} {
		k := []byte(key)
		for off := 0; ; {
			j := bytes.Index(data[off:], k)
			if j < 0 {
				break
			}
			off += j + len(k)
			s := &numScanner{b: data, i: off}
			switch key {
			case "/Size":
				if v, _, ok := s.int(); ok && v > limit {
					return bad("/Size")
				}
			case "xref":
				// subsections "start count" followed by count 20-byte entries
				for n := 0; n < 100000; n++ {
					a, b, ok := s.subsection()
					if !ok {
						break
					}
					if a+b > limit {
						return bad("xref subsection")
					}
					skip := int(b) * 20
					if skip > len(data)-s.i {
						break
					}
					s.i += skip
				}
			case "/Index":
				s.skipSpace()
				if s.i < len(data) && data[s.i] == '[' {
					s.i++
					for n := 0; n < 100000; n++ {
						a, b, ok := s.subsection()
						if !ok {
							break
						}
						if a+b > limit {
							return bad("/Index")
						}
					}
				}
			case "/W":
				s.skipSpace()
				if s.i < len(data) && data[s.i] == '[' {
					s.i++
					for n := 0; n < 3; n++ {
						if v, _, ok := s.int(); ok && v > 8 {
							return bad("/W")
						}
					}
				}
			}
		}
	}
	return nil
}

package pdftext

import (
	"strings"

	"golang.org/x/text/unicode/norm"
)

// Approximate advance widths (in 1/1000 em) of the standard Times and
// Helvetica faces for ASCII, used when a simple font has no /Widths.
// Accented letters take the width of their base letter.
const (
	timesLower     = "444 500 444 500 444 333 500 500 278 278 500 278 778 500 500 500 500 333 389 278 500 500 722 500 500 444"
	timesUpper     = "722 667 667 722 611 556 722 722 333 389 722 611 889 722 722 556 722 667 556 611 722 722 944 722 722 611"
	timesBoldLower = "500 556 444 556 444 333 500 556 278 333 556 278 833 556 500 556 556 444 389 333 556 500 722 500 500 444"
	timesBoldUpper = "722 667 722 722 667 611 778 778 389 500 778 667 944 722 778 611 778 722 556 667 722 722 1000 722 722 667"
	helvLower      = "556 556 500 556 556 278 556 556 222 222 500 222 833 556 556 556 556 333 500 278 556 500 722 500 500 500"
	helvUpper      = "667 667 722 722 667 611 778 722 278 500 667 556 833 722 778 667 778 722 667 611 722 667 944 667 667 611"
	helvBoldLower  = "556 611 556 611 556 333 611 611 278 278 556 278 889 611 611 611 611 389 556 333 611 556 778 556 556 500"
	helvBoldUpper  = "722 722 722 722 667 611 778 722 278 556 722 611 833 722 778 667 778 722 667 611 722 667 944 667 667 611"
)

// standardWidth returns the approximate width in em of text t in a
// standard face, or 0 when unknown.
func standardWidth(t string, serif, bold bool) float64 {
	if t == "" {
		return 0
	}
	r := []rune(norm.NFD.String(t))[0]
	var lower, upper string
	switch {
	case serif && bold:
		lower, upper = timesBoldLower, timesBoldUpper
	case serif:
		lower, upper = timesLower, timesUpper
	case bold:
		lower, upper = helvBoldLower, helvBoldUpper
	default:
		lower, upper = helvLower, helvUpper
	}
	pick := func(table string, i int) float64 {
		f := strings.Fields(table)
		if i < 0 || i >= len(f) {
			return 0
		}
		v := 0
		for _, c := range f[i] {
			v = v*10 + int(c-'0')
		}
		return float64(v) / 1000
	}
	switch {
	case r >= 'a' && r <= 'z':
		return pick(lower, int(r-'a'))
	case r >= 'A' && r <= 'Z':
		return pick(upper, int(r-'A'))
	case r >= '0' && r <= '9':
		if serif {
			return 0.5
		}
		return 0.556
	case r == ' ':
		if serif {
			return 0.25
		}
		return 0.278
	case strings.ContainsRune(".,", r):
		if serif {
			return 0.25
		}
		return 0.278
	case strings.ContainsRune(":;/", r):
		return 0.278
	case strings.ContainsRune("-()[]'`\u2019\u2018", r):
		return 0.333
	case strings.ContainsRune("\"\u201c\u201d", r):
		return 0.444
	case r == '\u2013':
		return 0.5
	case r == '\u2014':
		return 1
	}
	return 0.5
}

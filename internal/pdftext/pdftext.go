// Package pdftext turns PDF bytes into pages of positioned lines: words with
// their position, font size and style, superscript footnote markers kept
// apart, in reading order. It is the only package that imports
// github.com/ledongthuc/pdf, and it never lets one of that library's panics
// escape: every failure comes back as an error.
package pdftext

import "errors"

// Sentinel errors callers branch on; wrapped with details via %w.
var (
	// ErrEncrypted: the file is encrypted and cannot be read.
	ErrEncrypted = errors.New("pdftext: encrypted PDF")
	// ErrNoTextLayer: the file has pages but no extractable text (a scan).
	ErrNoTextLayer = errors.New("pdftext: no text layer")
	// ErrMalformed: the file is not a readable PDF (truncated, corrupt).
	ErrMalformed = errors.New("pdftext: malformed PDF")
	// ErrTooLarge: the file exceeds a limit of Options.
	ErrTooLarge = errors.New("pdftext: PDF exceeds limits")
)

// Options bound the work done on one file. The zero value means defaults.
type Options struct {
	MaxPages        int // pages read at most (default 2000)
	MaxOpsPerPage   int // content-stream operators per page (default 2,000,000)
	MaxXObjectDepth int // nesting of form XObjects (default 8)
}

// Document is the text layer of a PDF.
type Document struct {
	Pages    []Page
	Producer string // the Info dictionary's Producer, where present
	Creator  string
	Title    string
}

// Page is one page of text lines in reading order. Coordinates are in PDF
// points with the origin at the top-left of the (cropped, rotated) page and
// Y growing downwards.
type Page struct {
	Number        int // 1-based
	Width, Height float64
	Lines         []Line
	// Err is set when this page could not be read; the other pages still are.
	Err error
}

// Line is a run of words on one baseline within one column or block.
type Line struct {
	Words []Word
	// X0, X1: left and right edge; Y: baseline; Size: dominant font size.
	X0, X1, Y, Size float64
	// Block numbers the text blocks of a page in reading order.
	Block int
	// Hyphenated is true when the last word ends in a line-end hyphen
	// ("zorgprofes-" before "sionals"): join it with the next line's first
	// word without the hyphen. It is false for a compound or suspended
	// hyphen ("rechter-" "commissaris", "in-" "en uitvoer"). The hyphen
	// stays in Word.Text either way.
	Hyphenated bool
}

// Word is a sequence of glyphs without a gap between them, or a superscript
// marker (Superscript true) kept apart from the word before it.
type Word struct {
	Text        string
	X0, X1, Y   float64 // left, right, baseline
	Size        float64 // font size in points
	Font        string  // base font name without subset prefix
	Bold        bool
	Italic      bool
	Superscript bool
}

// Text returns the line's words joined by single spaces, superscript
// markers included as they stand.
func (l Line) Text() string {
	n := 0
	for _, w := range l.Words {
		n += len(w.Text) + 1
	}
	b := make([]byte, 0, n)
	for i, w := range l.Words {
		if i > 0 {
			b = append(b, ' ')
		}
		b = append(b, w.Text...)
	}
	return string(b)
}

// Package structure turns the text of a parliamentary document (positioned
// PDF lines, a plain-text letter, or officielebekendmakingen XML) into a
// document.Document: identity and metadata, the section tree, paragraphs
// with page numbers, footnotes linked to their markers, and the references
// found by package refs. Its functions are pure: no I/O, no logging.
package structure

import (
	"errors"

	"kamerzoek/internal/document"
	"kamerzoek/internal/pdftext"
)

// ErrEmpty is returned when the input holds no text at all.
var ErrEmpty = errors.New("structure: no text")

// FromText parses a plain UTF-8 letter whose footnote markers are Unicode
// superscripts (¹ ² ³) and whose notes stand in paragraphs of their own
// that start with their marker. Source and ExtractorVersion are left for
// the caller; ID is empty when the text does not identify the document.
func FromText(text string) (*document.Document, error) {
	return nil, errors.New("structure: FromText not implemented yet")
}

// FromPDF parses the text layer of a PDF. The result's Pages is
// len(d.Pages); paragraphs and footnotes carry page numbers.
func FromPDF(d *pdftext.Document) (*document.Document, error) {
	return nil, errors.New("structure: FromPDF not implemented yet")
}

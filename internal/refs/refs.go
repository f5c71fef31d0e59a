// Package refs finds references to parliamentary and legal documents in
// Dutch text and normalises them to canonical ids ("kst-29911-318").
//
// Extract scans text and returns one document.Reference per mention, with
// byte offsets into the original text; Parse and Format convert between
// canonical id strings and their parts. The grammar follows the citation
// specification of the project (docs/citations.md).
package refs

import "kamerzoek/internal/document"

// Context is what the scanner knows about the text it reads.
type Context struct {
	// Self is the canonical id of the document being read; references to
	// it are dropped (a document never cites itself).
	Self string
	// Kamer is the default chamber ("tk" or "ek") for Handelingen and
	// Aanhangsel references that do not name one; "" means "tk".
	Kamer string
}

// Diagnostic reports something the scanner saw but could not turn into an
// id, such as an impossible vergaderjaar ("2021/21").
type Diagnostic struct {
	Start, End int
	Message    string
}

// Result is what Extract returns: references in order of appearance, and
// diagnostics.
type Result struct {
	References  []document.Reference
	Diagnostics []Diagnostic
}

// Extract returns the references in text. Start and End of each reference
// are byte offsets into text with text[Start:End] == Raw. Footnote, Section
// and Page are left for the caller to fill in.
func Extract(text string, ctx Context) Result {
	return Result{}
}

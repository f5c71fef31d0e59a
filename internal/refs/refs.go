// Package refs finds references to parliamentary and legal documents in
// Dutch text and normalises them to canonical ids ("kst-29911-318").
//
// Extract scans text and returns one document.Reference per mention, with
// byte offsets into the original text; Parse and Format convert between
// canonical id strings and their parts.
//
// The scan works like go/scanner: the text is first normalised (special
// spaces, soft hyphens, dashes, superscript footnote markers) with a map of
// every byte back to the original, then split into tokens, and then one
// recogniser per citation form reads the tokens in a fixed order (URLs,
// explicit ids, Aanhangsel, Handelingen, gazettes, Kamerstukken, EU acts,
// law articles, bare Kamerstukken, short forms). Each recogniser consumes
// what it reads so a later one cannot read it again. What cannot become an
// id (an impossible vergaderjaar such as "2021/21") is reported as a
// Diagnostic, never guessed.
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
	Start   int    `json:"start"`
	End     int    `json:"end"`
	Message string `json:"message"`
}

// Result is what Extract returns: references in order of appearance, and
// diagnostics.
type Result struct {
	References  []document.Reference
	Diagnostics []Diagnostic
}

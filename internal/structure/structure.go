// Package structure turns the text of a parliamentary document (positioned
// PDF lines, a plain-text letter, or officielebekendmakingen XML) into a
// document.Document: identity and metadata, the section tree, paragraphs
// with page numbers, footnotes linked to their markers, and the references
// found by package refs. Its functions are pure: no I/O, no logging.
package structure

import "errors"

// ErrEmpty is returned when the input holds no text at all.
var ErrEmpty = errors.New("structure: no text")

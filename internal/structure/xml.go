package structure

import (
	"errors"

	"kamerzoek/internal/document"
)

// FromXML parses an officielebekendmakingen XML document; metadata, when
// not nil, is the metadata.xml that sits beside it.
func FromXML(data, metadata []byte) (*document.Document, error) {
	return nil, errors.New("structure: FromXML not implemented yet")
}

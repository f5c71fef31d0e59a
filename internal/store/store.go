// Package store keeps every original file (by sha256) and every parsed
// document (as JSON) in a data directory, so the index and the graph can
// always be rebuilt from it.
package store

import (
	"errors"

	"kamerzoek/internal/document"
)

// ErrNotFound is returned for an id or hash the store does not hold.
var ErrNotFound = errors.New("store: not found")

// Store is a directory of originals and parsed documents. It is safe for
// concurrent use.
type Store struct {
	dir string
}

// Open opens (creating when needed) the store rooted at dir.
func Open(dir string) (*Store, error) { return &Store{dir: dir}, nil }

// PutOriginal stores data under its sha256 and returns the hex digest.
func (s *Store) PutOriginal(data []byte) (string, error) { return "", errors.New("store: not implemented") }

// Original returns the bytes stored under sha.
func (s *Store) Original(sha string) ([]byte, error) { return nil, ErrNotFound }

// PutDocument writes doc as JSON, replacing the document with the same ID.
func (s *Store) PutDocument(doc *document.Document) error { return errors.New("store: not implemented") }

// Document returns the parsed document with the given canonical id.
func (s *Store) Document(id string) (*document.Document, error) { return nil, ErrNotFound }

// IDBySHA returns the id of the document parsed from the original with
// this sha256, if any.
func (s *Store) IDBySHA(sha string) (string, bool) { return "", false }

// Documents returns every stored document.
func (s *Store) Documents() ([]*document.Document, error) { return nil, nil }

// Delete removes a document (its original is kept).
func (s *Store) Delete(id string) error { return ErrNotFound }

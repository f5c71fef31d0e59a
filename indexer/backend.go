package indexer

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"kamerzoek/internal/document"
)

// Backend is a search index that documents are written to and searched
// in: the embedded bleve Index, or an index kept by a search engine
// running beside kamerzoek (package indexer/sphinx). The store stays the
// source of truth; a Backend holds what can be rebuilt from it. Every
// Backend answers the same Request with the same Result shape, as far as
// the conformance suite in indexer/backendtest defines it.
//
// A Backend is safe for concurrent use.
type Backend interface {
	// Put adds or replaces documents. citedBy gives each one's cited-by
	// count at the time of writing (a Backend may read current counts
	// from Options.CitedBy at search time instead). Putting the same
	// document twice leaves the index as after one Put.
	Put(docs []*document.Document, citedBy func(id string) int) error
	// Delete removes documents; ids it does not hold are ignored.
	Delete(ids ...string) error
	// Has reports whether the index holds a document.
	Has(id string) (bool, error)
	// Count is the number of documents held.
	Count() (uint64, error)
	// DocIDs lists the ids of every document held, in no fixed order.
	DocIDs() ([]string, error)
	// Search answers one request.
	Search(r Request) (*Result, error)
	// SearchContext answers one request, stopping when ctx is done.
	SearchContext(ctx context.Context, r Request) (*Result, error)
	// Suggest completes what a user is typing (at most n suggestions).
	Suggest(prefix string, n int) ([]Suggestion, error)
	// Stats counts over the whole index.
	Stats() (*Stats, error)
	// Close releases the index; the data stays.
	Close() error
}

// Opener opens the indexes a data directory names. A corpus keeps one
// live index, and a reindex builds the next one beside it under a new
// name before the old one is removed; names look like "index-0003".
type Opener interface {
	// Open opens the index called name, creating it empty when absent.
	// An index written under another mapping gives ErrMappingChanged.
	Open(name string, opts Options) (Backend, error)
	// Exists reports whether an index called name was created and not
	// removed.
	Exists(name string) (bool, error)
	// Remove drops the index called name and its data. It must not be
	// open.
	Remove(name string) error
	// String describes where indexes live, for logs and messages.
	String() string
}

// UnavailableError is what a Backend returns when a part of it that an
// answer needs is not reachable: the answer would be incomplete, so none
// is given. Node names the part ("127.0.0.1:9307").
type UnavailableError struct {
	Node string
	Err  error
}

func (e *UnavailableError) Error() string {
	return fmt.Sprintf("indexer: search node %s is not answering: %v", e.Node, e.Err)
}

func (e *UnavailableError) Unwrap() error { return e.Err }

// IsUnavailable reports whether err says a part of a Backend is down, and
// names it.
func IsUnavailable(err error) (node string, ok bool) {
	var u *UnavailableError
	if errors.As(err, &u) {
		return u.Node, true
	}
	return "", false
}

// DirOpener opens embedded bleve indexes in the folders of Root, one
// folder per index name.
type DirOpener struct {
	Root string
}

// Open opens or creates the index in Root/name.
func (o DirOpener) Open(name string, opts Options) (Backend, error) {
	ix, err := Open(filepath.Join(o.Root, name), opts)
	if err != nil {
		return nil, err // not a Backend holding a nil *Index
	}
	return ix, nil
}

// Exists reports whether Root/name is there.
func (o DirOpener) Exists(name string) (bool, error) {
	_, err := os.Stat(filepath.Join(o.Root, name))
	if errors.Is(err, os.ErrNotExist) {
		return false, nil
	}
	return err == nil, err
}

// Remove deletes Root/name.
func (o DirOpener) Remove(name string) error {
	if err := os.RemoveAll(filepath.Join(o.Root, name)); err != nil {
		return fmt.Errorf("indexer: remove index %s: %w", name, err)
	}
	return nil
}

func (o DirOpener) String() string { return o.Root }

// Lister is an Opener that can list the indexes it holds, so that
// indexes an interrupted rebuild left behind can be found and removed.
// Of an Opener without it, only the names its user recorded are known.
type Lister interface {
	// List returns the names of the indexes held, in no fixed order.
	List() ([]string, error)
}

// List returns the names of the folders in Root (none when Root is
// missing).
func (o DirOpener) List() ([]string, error) {
	ents, err := os.ReadDir(o.Root)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("indexer: list indexes: %w", err)
	}
	var out []string
	for _, e := range ents {
		if e.IsDir() {
			out = append(out, e.Name())
		}
	}
	return out, nil
}

var (
	_ Backend = (*Index)(nil)
	_ Opener  = DirOpener{}
	_ Lister  = DirOpener{}
)

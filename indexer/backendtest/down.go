package backendtest

import (
	"context"
	"errors"

	"kamerzoek/indexer"
	"kamerzoek/internal/document"
)

// Down is a Backend whose search node does not answer: every call but
// Close fails with an *indexer.UnavailableError naming node, as a
// cluster backend's calls fail while one of its nodes is down. For the
// tests of what callers make of that.
func Down(node string) indexer.Backend { return down{node: node} }

type down struct{ node string }

func (b down) err() error {
	return &indexer.UnavailableError{Node: b.node, Err: errors.New("dial tcp: connection refused")}
}

func (b down) Put([]*document.Document, func(string) int) error { return b.err() }
func (b down) Delete(...string) error                           { return b.err() }
func (b down) Has(string) (bool, error)                         { return false, b.err() }
func (b down) Count() (uint64, error)                           { return 0, b.err() }
func (b down) DocIDs() ([]string, error)                        { return nil, b.err() }
func (b down) Search(indexer.Request) (*indexer.Result, error)  { return nil, b.err() }
func (b down) SearchContext(context.Context, indexer.Request) (*indexer.Result, error) {
	return nil, b.err()
}
func (b down) Suggest(string, int) ([]indexer.Suggestion, error) { return nil, b.err() }
func (b down) Stats() (*indexer.Stats, error)                    { return nil, b.err() }
func (b down) Close() error                                      { return nil }

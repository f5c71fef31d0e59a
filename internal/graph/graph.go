// Package graph is the citation graph: a node per canonical id (documents
// held in the corpus and documents only cited), an edge per (citing, cited)
// pair with its weight and the contexts of each mention. It is built from
// parsed documents and answers cites, cited-by and neighbourhood queries.
package graph

import (
	"errors"
	"sync"

	"kamerzoek/internal/document"
)

// ErrNotFound is returned for an id the graph has no node for.
var ErrNotFound = errors.New("graph: not found")

// Graph is safe for concurrent use.
type Graph struct {
	mu sync.RWMutex
}

// New returns an empty graph.
func New() *Graph { return &Graph{} }

// Add puts a held document into the graph with its outgoing citations,
// replacing what an earlier version of the same id contributed. Edges that
// pointed at doc.ID while it was not held now point at a held node.
func (g *Graph) Add(doc *document.Document) {}

// Remove takes a held document out: its outgoing edges go, and edges that
// cite it stay, pointing at a node that is no longer held.
func (g *Graph) Remove(id string) {}

// CitedByCount returns how many distinct held documents cite id.
func (g *Graph) CitedByCount(id string) int { return 0 }

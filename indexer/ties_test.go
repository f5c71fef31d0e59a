package indexer

import (
	"fmt"
	"slices"
	"testing"

	"github.com/blevesearch/bleve/v2/search"

	"kamerzoek/internal/document"
)

// TestRelevanceTiesOrderedByID pages by relevance through documents that
// score alike in groups: smaller than the margin the first page fetches
// beyond itself, and larger. Every page must list the hits by score and
// then id, as the cursor assumes, and the pages together every document
// once.
func TestRelevanceTiesOrderedByID(t *testing.T) {
	for _, group := range []int{3, tieMargin + 20} {
		t.Run(fmt.Sprint(group), func(t *testing.T) {
			var docs []*document.Document
			// Documents in reverse id order, so that the order in which
			// they were indexed is not the id order. A group shares its
			// text (and so its score); groups differ in how often the word
			// stands there.
			n := 3 * group
			for k := n - 1; k >= 0; k-- {
				text := "Over het toezicht op de havens."
				for range k / group {
					text += " Het havenbeleid en de havens."
				}
				docs = append(docs, &document.Document{
					ID: fmt.Sprintf("kst-40000-%d", 100+k), Title: "Brief", Type: "brief", Date: "2024-01-02",
					Sections: []document.Section{sec("s1", "", "", "Inleiding", 1, text)},
				})
			}
			ix := openTestIndex(t, docs)
			var seen []string
			cur := ""
			for range n {
				res, err := ix.Search(Request{Query: "havens", Size: 4, Cursor: cur, Sections: -1})
				if err != nil {
					t.Fatal(err)
				}
				for i := 1; i < len(res.Hits); i++ {
					a, b := res.Hits[i-1], res.Hits[i]
					if a.Score < b.Score || a.Score == b.Score && a.ID > b.ID {
						t.Errorf("hits %s (%v) and %s (%v) out of order", a.ID, a.Score, b.ID, b.Score)
					}
				}
				for _, h := range res.Hits {
					seen = append(seen, h.ID)
				}
				if cur = res.NextCursor; cur == "" {
					break
				}
			}
			slices.Sort(seen)
			if len(seen) != n || len(slices.Compact(seen)) != n {
				t.Errorf("pages held %d hits (%d distinct), want %d", len(seen), len(slices.Compact(slices.Clone(seen))), n)
			}
			// The first page with sections (the path that fetches beyond
			// the page) must equal the first page without.
			with, err := ix.Search(Request{Query: "havens", Size: 4})
			if err != nil {
				t.Fatal(err)
			}
			without, err := ix.Search(Request{Query: "havens", Size: 4, Sections: -1})
			if err != nil {
				t.Fatal(err)
			}
			if with.NextCursor != without.NextCursor || len(with.Hits) != len(without.Hits) {
				t.Fatalf("cursor %q vs %q", with.NextCursor, without.NextCursor)
			}
			for i := range with.Hits {
				if with.Hits[i].ID != without.Hits[i].ID {
					t.Errorf("hit %d: %s with sections, %s without", i, with.Hits[i].ID, without.Hits[i].ID)
				}
			}
		})
	}
}

func TestBreakTies(t *testing.T) {
	dm := func(id string, s float64) *search.DocumentMatch { return &search.DocumentMatch{ID: id, Score: s} }
	ids := func(hs []*search.DocumentMatch) (out []string) {
		for _, h := range hs {
			out = append(out, h.ID)
		}
		return out
	}
	// Every hit with the boundary's score is in hand: ordered by id.
	hits := []*search.DocumentMatch{dm("a", 3), dm("d", 2), dm("c", 2), dm("b", 2), dm("e", 1)}
	got, ok := breakTies(hits, 2, 5)
	if !ok || !slices.Equal(ids(got), []string{"a", "b", "c"}) {
		t.Errorf("breakTies = %v, %v; want [a b c], true", ids(got), ok)
	}
	// The last hit fetched ties with the boundary: others may too.
	hits = []*search.DocumentMatch{dm("a", 3), dm("d", 2), dm("c", 2), dm("b", 2)}
	if _, ok := breakTies(hits, 2, 4); ok {
		t.Error("breakTies must give up when the fetched hits end in the tie")
	}
	// Fewer hits than asked for: every match is in hand.
	if got, ok := breakTies(hits, 2, 10); !ok || !slices.Equal(ids(got), []string{"a", "b", "c"}) {
		t.Errorf("breakTies = %v, %v; want [a b c], true", ids(got), ok)
	}
}

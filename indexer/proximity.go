package indexer

import (
	"context"
	"slices"

	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/searcher"
	index "github.com/blevesearch/bleve_index_api"
)

// proximityQuery matches records whose field holds every word of a phrase
// within one window: the words in any order, at most slop positions more
// apart than the phrase itself ("drugs haven"~5). bleve's own phrase
// searcher allows edits within words, not distance between them.
type proximityQuery struct {
	field string
	text  string
	slop  int
	boost float64
}

func newProximityQuery(field, text string, slop int) query.Query {
	return &proximityQuery{field: field, text: text, slop: slop, boost: 1}
}

// SetBoost sets the weight of a match.
func (q *proximityQuery) SetBoost(b float64) { q.boost = b }

// Boost returns the weight of a match.
func (q *proximityQuery) Boost() float64 { return q.boost }

// Searcher analyses the text as a query word is analysed and finds records
// holding all its words, then keeps those where they stand close enough.
func (q *proximityQuery) Searcher(ctx context.Context, r index.IndexReader, m mapping.IndexMapping, opts search.SearcherOptions) (search.Searcher, error) {
	a := m.AnalyzerNamed(analyzerQuery)
	if a == nil {
		return searcher.NewMatchNoneSearcher(r)
	}
	var terms []string
	for _, tok := range a.Analyze([]byte(q.text)) {
		if !slices.Contains(terms, string(tok.Term)) {
			terms = append(terms, string(tok.Term))
		}
	}
	if len(terms) == 0 {
		return searcher.NewMatchNoneSearcher(r)
	}
	opts.IncludeTermVectors = true
	var subs []search.Searcher
	for _, t := range terms {
		s, err := searcher.NewTermSearcher(ctx, r, t, q.field, q.boost, opts)
		if err != nil {
			for _, s := range subs {
				_ = s.Close()
			}
			return nil, err
		}
		subs = append(subs, s)
	}
	conj, err := searcher.NewConjunctionSearcher(ctx, r, subs, opts)
	if err != nil {
		return nil, err
	}
	return &proximitySearcher{Searcher: conj, nterms: len(terms), window: len(terms) - 1 + q.slop}, nil
}

// proximitySearcher filters a conjunction of term searchers by where the
// terms stand.
type proximitySearcher struct {
	search.Searcher
	nterms int
	window int // largest distance between the first and last word
}

func (s *proximitySearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	for {
		dm, err := s.Searcher.Next(ctx)
		if err != nil || dm == nil {
			return dm, err
		}
		if s.close(dm) {
			return dm, nil
		}
		ctx.DocumentMatchPool.Put(dm)
	}
}

func (s *proximitySearcher) Advance(ctx *search.SearchContext, id index.IndexInternalID) (*search.DocumentMatch, error) {
	dm, err := s.Searcher.Advance(ctx, id)
	if err != nil || dm == nil || s.close(dm) {
		return dm, err
	}
	ctx.DocumentMatchPool.Put(dm)
	return s.Next(ctx)
}

// close reports whether some window of s.window+1 positions in one field
// holds all the terms.
func (s *proximitySearcher) close(dm *search.DocumentMatch) bool {
	type hit struct {
		field string
		pos   uint64
		term  string
	}
	hits := make([]hit, 0, len(dm.FieldTermLocations))
	for _, l := range dm.FieldTermLocations {
		hits = append(hits, hit{l.Field, l.Location.Pos, l.Term})
	}
	slices.SortFunc(hits, func(a, b hit) int {
		if a.field != b.field {
			if a.field < b.field {
				return -1
			}
			return 1
		}
		return int(a.pos) - int(b.pos)
	})
	count := map[string]int{}
	lo := 0
	for hi := range hits {
		count[hits[hi].term]++
		for lo < hi && (hits[lo].field != hits[hi].field || hits[hi].pos-hits[lo].pos > uint64(s.window)) {
			count[hits[lo].term]--
			if count[hits[lo].term] == 0 {
				delete(count, hits[lo].term)
			}
			lo++
		}
		if len(count) == s.nterms {
			return true
		}
	}
	return false
}

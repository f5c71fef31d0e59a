package indexer

import (
	"context"
	"strconv"

	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/searcher"
	index "github.com/blevesearch/bleve_index_api"
)

// A document's cited-by count changes whenever another document citing it
// comes in. Re-indexing the cited document for that would make the work
// per new document grow with the corpus (the more documents are held, the
// more of its citations land on held ones), so with Options.CitedBy the
// count is read at search time instead: citedBySort orders by it and
// citedByRange filters on it.

// citedBySort orders hits by their current cited-by count. It reads each
// hit's id from the id field's doc values (UpdateVisitor is called with
// them before Value), not from the stored record.
type citedBySort struct {
	count func(id string) int
	desc  bool
	id    string // of the hit being visited
}

func (s *citedBySort) UpdateVisitor(field string, term []byte) {
	if field == "id" {
		s.id = string(term)
	}
}

// Value is the count, zero-padded so that strings order as numbers.
func (s *citedBySort) Value(d *search.DocumentMatch) string {
	id := s.id
	s.id = ""
	return padCount(max(s.count(id), 0))
}

// padCount writes n (≥ 0) in ten digits, zero-padded, as
// fmt.Sprintf("%010d", n) does, without its cost for every match a sort
// by cited-by visits.
func padCount(n int) string {
	var b [20]byte
	d := strconv.AppendInt(b[:0], int64(n), 10)
	if len(d) >= 10 {
		return string(d)
	}
	var out [10]byte
	for i := range out {
		out[i] = '0'
	}
	copy(out[10-len(d):], d)
	return string(out[:])
}

func (s *citedBySort) DecodeValue(v string) string { return v }
func (s *citedBySort) Descending() bool            { return s.desc }
func (s *citedBySort) RequiresDocID() bool         { return false }
func (s *citedBySort) RequiresScoring() bool       { return false }
func (s *citedBySort) RequiresFields() []string    { return []string{"id"} }
func (s *citedBySort) Reverse()                    { s.desc = !s.desc }

func (s *citedBySort) Copy() search.SearchSort {
	c := *s
	return &c
}

// citedByRange matches the documents whose current cited-by count lies in
// the range of a cited_by: query ("cited_by:>2").
type citedByRange struct {
	r     *query.NumericRangeQuery
	count func(id string) int
}

func (q *citedByRange) Searcher(ctx context.Context, i index.IndexReader, m mapping.IndexMapping, options search.SearcherOptions) (search.Searcher, error) {
	all, err := searcher.NewMatchAllSearcher(ctx, i, 1.0, options)
	if err != nil {
		return nil, err
	}
	return searcher.NewFilteringSearcher(ctx, all, func(_ *search.SearchContext, d *search.DocumentMatch) bool {
		id, err := i.ExternalID(d.IndexInternalID)
		if err != nil {
			return false
		}
		return q.accepts(float64(q.count(id)))
	}), nil
}

func (q *citedByRange) accepts(n float64) bool {
	r := q.r
	if r.Min != nil {
		incl := r.InclusiveMin == nil || *r.InclusiveMin
		if n < *r.Min || !incl && n == *r.Min {
			return false
		}
	}
	if r.Max != nil {
		incl := r.InclusiveMax != nil && *r.InclusiveMax
		if n > *r.Max || !incl && n == *r.Max {
			return false
		}
	}
	return true
}

// liveCitedBy replaces, with Options.CitedBy set, every cited_by range in
// q by a citedByRange on the current counts. It changes q in place.
func (ix *Index) liveCitedBy(q query.Query) query.Query {
	if ix.citedBy == nil {
		return q
	}
	var walk func(q query.Query) query.Query
	walk = func(q query.Query) query.Query {
		switch q := q.(type) {
		case *query.BooleanQuery:
			if q.Must != nil {
				q.Must = walk(q.Must)
			}
			if q.Should != nil {
				q.Should = walk(q.Should)
			}
			if q.MustNot != nil {
				q.MustNot = walk(q.MustNot)
			}
		case *query.ConjunctionQuery:
			for i := range q.Conjuncts {
				q.Conjuncts[i] = walk(q.Conjuncts[i])
			}
		case *query.DisjunctionQuery:
			for i := range q.Disjuncts {
				q.Disjuncts[i] = walk(q.Disjuncts[i])
			}
		case *query.NumericRangeQuery:
			if q.FieldVal == "cited_by" {
				return &citedByRange{r: q, count: ix.citedBy}
			}
		}
		return q
	}
	return walk(q)
}

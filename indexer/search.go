package indexer

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	bdoc "github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/registry"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/highlight"
	"github.com/blevesearch/bleve/v2/search/query"
)

// Paging limits.
const (
	DefaultSize = 10
	MaxSize     = 100
	// MaxFrom is the deepest offset page/size may reach; beyond it callers
	// page with the cursor.
	MaxFrom = 10000
	// DefaultSections is how many best sections a hit lists by default.
	DefaultSections = 3
	maxSections     = 10
)

// FacetNames are the facets a request may ask for.
var FacetNames = []string{"type", "dossier", "vergaderjaar", "sender", "kamer", "year"}

// DefaultFacets are the facets "facets=true" asks for.
var DefaultFacets = []string{"type", "dossier", "vergaderjaar", "sender"}

// Sorts are the accepted sort orders: relevance (default), date (newest
// first), date_asc (oldest first) and cited_by (most cited first).
var Sorts = []string{"relevance", "date", "date_asc", "cited_by"}

// undated is the date indexed for documents without one, so that every
// document has a date to sort and page on; it sorts them last when newest
// come first.
const undated = "1800-01-01"

// Request is one search. The zero value (apart from Query) means defaults.
type Request struct {
	// Query is the query text: words, "phrases", +must, -not, field:value,
	// prefix*, fuzzy~ and identifiers such as "29 911" or "kst-29911-337".
	// Empty matches every document.
	Query string
	// Filters; each lists accepted values (any of them matches).
	Dossier, Type, Kamer, Vergaderjaar, Sender []string
	// From and To bound the date, inclusive: YYYY-MM-DD, YYYY-MM or YYYY.
	From, To string
	// IDs, when RestrictIDs is set, limits the result to these documents
	// (for "documents citing X"); an empty list then matches nothing.
	IDs         []string
	RestrictIDs bool
	// Facets names facets to count (see FacetNames).
	Facets []string
	// FacetSize is how many values each facet lists (default 10).
	FacetSize int
	// Sort is one of Sorts ("" means relevance); "-date", "newest",
	// "+date", "oldest", "-cited_by" are accepted too.
	Sort string
	// Page (from 1) and Size (default 10, at most 100).
	Page, Size int
	// Cursor continues after the last hit of an earlier page (its
	// NextCursor); Page is then ignored.
	Cursor string
	// Sections is how many best sections each hit lists (default 3);
	// negative means none.
	Sections int
}

// Result is a page of hits, grouped per document.
type Result struct {
	Query      string                  `json:"query"`
	Total      uint64                  `json:"total"`
	TookMS     float64                 `json:"took_ms"`
	Page       int                     `json:"page"`
	Size       int                     `json:"size"`
	Sort       string                  `json:"sort"`
	Hits       []Hit                   `json:"hits"`
	Facets     map[string][]FacetValue `json:"facets,omitempty"`
	NextCursor string                  `json:"next_cursor,omitempty"`
	// Relaxed is set when no document held all the words of the query
	// and the hits hold some of them instead.
	Relaxed bool `json:"relaxed,omitempty"`

	relaxable bool
}

// Hit is one matching document with its best sections.
type Hit struct {
	ID           string  `json:"id"`
	Title        string  `json:"title"`
	Type         string  `json:"type"`
	Date         string  `json:"date"`
	Dossier      string  `json:"dossier"`
	Kamer        string  `json:"kamer,omitempty"`
	Vergaderjaar string  `json:"vergaderjaar,omitempty"`
	Sender       string  `json:"sender,omitempty"`
	CitedBy      int     `json:"cited_by"`
	Score        float64 `json:"score"`
	// Fragments are highlighted passages (matches in <mark>), the best one
	// of each best section.
	Fragments []string     `json:"fragments"`
	Sections  []SectionHit `json:"sections"`
}

// SectionHit is one section of a hit that matches the query.
type SectionHit struct {
	ID      string   `json:"id"`
	Heading string   `json:"heading"`
	Path    []string `json:"path"`
	Page    int      `json:"page"`
	// URL opens the original file at the page: /api/v1/documents/{id}/file#page=N.
	URL       string   `json:"url"`
	Score     float64  `json:"score"`
	Fragments []string `json:"fragments"`
}

// FacetValue is one value of a facet with the number of documents.
type FacetValue struct {
	Value string `json:"value"`
	Count int    `json:"count"`
}

// FileURL is the API link to a document's original file, at page when
// page > 0.
func FileURL(id string, page int) string {
	u := "/api/v1/documents/" + id + "/file"
	if page > 0 {
		u += "#page=" + strconv.Itoa(page)
	}
	return u
}

func badf(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrBadQuery, fmt.Sprintf(format, args...))
}

// normSort maps the accepted spellings of a sort order to one of Sorts.
func normSort(s string) (string, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "relevance", "score", "-score", "_score":
		return "relevance", nil
	case "date", "-date", "date_desc", "newest":
		return "date", nil
	case "+date", "date_asc", "oldest":
		return "date_asc", nil
	case "cited_by", "-cited_by", "cited", "citations":
		return "cited_by", nil
	}
	return "", badf("unknown sort %q (use %s)", s, strings.Join(Sorts, ", "))
}

// sortOrder is the bleve sort of s; citedBy, when not nil, gives the
// cited-by counts sort=cited_by orders by. Equal dates and counts are
// ordered by id, not by score: filters add to bleve's score (a date range
// more for some dates than others), and every backend must give the same
// order (package indexer/backendtest).
func sortOrder(s string, citedBy func(string) int) search.SortOrder {
	// By the id field's doc values, not search.SortDocID: that loads the
	// id of every match from its stored record.
	id := &search.SortField{Field: "id", Type: search.SortFieldAsString}
	switch s {
	case "cited_by":
		if citedBy != nil {
			return search.SortOrder{&citedBySort{count: citedBy, desc: true}, id}
		}
		return search.SortOrder{&search.SortField{Field: "cited_by", Type: search.SortFieldAsNumber, Desc: true}, id}
	case "date":
		return search.SortOrder{&search.SortField{Field: "date", Type: search.SortFieldAsDate, Desc: true}, id}
	case "date_asc":
		return search.SortOrder{&search.SortField{Field: "date", Type: search.SortFieldAsDate}, id}
	}
	return search.SortOrder{&search.SortScore{Desc: true}, id}
}

// parseBound parses a From/To bound: YYYY-MM-DD, YYYY-MM or YYYY. end
// selects the last day of a month or year.
func parseBound(s string, end bool) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{time.DateOnly, "2006-01", "2006"} {
		t, err := time.Parse(layout, s)
		if err != nil {
			continue
		}
		if end {
			switch layout {
			case "2006-01":
				t = t.AddDate(0, 1, -1)
			case "2006":
				t = t.AddDate(1, 0, -1)
			}
		}
		return t, nil
	}
	return time.Time{}, badf("bad date %q (use YYYY-MM-DD, YYYY-MM or YYYY)", s)
}

// NormDossier writes a dossier number as the index keeps it: "35 300 VII"
// and "35300 vii" become "35300-VII".
func NormDossier(s string) string {
	s = strings.TrimSpace(strings.ReplaceAll(s, "\u00a0", " "))
	s = strings.TrimPrefix(strings.TrimPrefix(s, "dossier-"), "Dossier ")
	if m := reDossier.FindStringSubmatch(s); m != nil && len(m[0]) == len(s) && m[4] == "" {
		out := m[1] + m[2]
		for _, p := range strings.FieldsFunc(m[3], func(r rune) bool { return r == ' ' || r == '-' || r == '\u00a0' }) {
			out += "-" + strings.ToUpper(p)
		}
		return out
	}
	return strings.ToUpper(strings.Join(strings.Fields(strings.ReplaceAll(s, " ", "-")), "-"))
}

// normVergaderjaar accepts "2021-2022", "2021/2022", "2021/22", "20212022".
func normVergaderjaar(s string) string {
	s = strings.TrimSpace(s)
	digits := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
	switch len(digits) {
	case 8:
		return digits[:4] + "-" + digits[4:]
	case 6:
		y, err := strconv.Atoi(digits[:4])
		if err == nil {
			return digits[:4] + "-" + strconv.Itoa(y+1)
		}
	}
	return s
}

// filters builds the filter clauses of r.
func filters(r *Request) ([]query.Query, error) {
	var out []query.Query
	terms := func(field string, vals []string, norm func(string) string) {
		var qs []query.Query
		for _, v := range vals {
			if v = strings.TrimSpace(v); v == "" {
				continue
			}
			if norm != nil {
				v = norm(v)
			}
			t := query.NewTermQuery(v)
			t.SetField(field)
			qs = append(qs, t)
		}
		if len(qs) == 1 {
			out = append(out, qs[0])
		} else if len(qs) > 1 {
			out = append(out, query.NewDisjunctionQuery(qs))
		}
	}
	terms("dossier", r.Dossier, NormDossier)
	terms("type", r.Type, strings.ToLower)
	terms("kamer", r.Kamer, strings.ToLower)
	terms("vergaderjaar", r.Vergaderjaar, normVergaderjaar)
	terms("sender", r.Sender, nil)
	if r.From != "" || r.To != "" {
		var from, to time.Time
		var err error
		if r.From != "" {
			if from, err = parseBound(r.From, false); err != nil {
				return nil, err
			}
		} else {
			from, _ = time.Parse(time.DateOnly, "1801-01-01")
		}
		if r.To != "" {
			if to, err = parseBound(r.To, true); err != nil {
				return nil, err
			}
		} else {
			to = time.Date(2200, 12, 31, 0, 0, 0, 0, time.UTC)
		}
		if to.Before(from) {
			return nil, badf("to (%s) is before from (%s)", r.To, r.From)
		}
		t := true
		dq := query.NewDateRangeInclusiveQuery(from, to, &t, &t)
		dq.SetField("date")
		out = append(out, dq)
	}
	if r.RestrictIDs {
		out = append(out, query.NewDocIDQuery(slices.Clone(r.IDs)))
	}
	return out, nil
}

// Cursor is what a Result's NextCursor encodes: the sort order and the
// sort values of the page's last hit. Every Backend encodes its cursors
// so.
type Cursor struct {
	Sort  string   `json:"s"`
	After []string `json:"a"`
}

// EncodeCursor is c as an opaque URL-safe string.
func EncodeCursor(c Cursor) string {
	b, _ := json.Marshal(c)
	return base64.RawURLEncoding.EncodeToString(b)
}

// DecodeCursor reads a string EncodeCursor wrote; anything else is an
// ErrBadQuery.
func DecodeCursor(s string) (Cursor, error) {
	var c Cursor
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil || json.Unmarshal(b, &c) != nil || len(c.After) == 0 {
		return c, badf("bad cursor")
	}
	return c, nil
}

// afterValues are the search-after values of hit under order.
func afterValues(order search.SortOrder, h *search.DocumentMatch) []string {
	out := make([]string, len(order))
	for i, so := range order {
		switch so := so.(type) {
		case *search.SortScore:
			out[i] = strconv.FormatFloat(h.Score, 'g', -1, 64)
		case *search.SortDocID:
			out[i] = h.ID
		case *search.SortField:
			if so.Field == "id" {
				// A hit of the search by score alone has no sort
				// values beyond the score.
				out[i] = h.ID
			} else if i < len(h.DecodedSort) {
				out[i] = h.DecodedSort[i]
			}
		default:
			if i < len(h.DecodedSort) {
				out[i] = h.DecodedSort[i]
			}
		}
	}
	return out
}

// docFields are the stored fields a hit shows.
var docFields = []string{"title", "type", "day", "dossier", "kamer", "vergaderjaar", "sender", "cited_by"}

// Search runs r and returns a page of documents with their best sections
// and highlighted fragments. Errors wrap ErrBadQuery when r is malformed.
// When no document holds all the words of a query of plain words, it
// returns the documents holding most of them and sets Result.Relaxed.
func (ix *Index) Search(r Request) (*Result, error) {
	return ix.SearchContext(context.Background(), r)
}

// SearchContext is Search bounded by ctx: when ctx is cancelled or its
// deadline passes, the search stops and the error wraps ctx.Err().
func (ix *Index) SearchContext(ctx context.Context, r Request) (*Result, error) {
	res, err := ix.search(ctx, r, false)
	if err == nil && res.Total == 0 && res.relaxable && r.Cursor == "" {
		return ix.search(ctx, r, true)
	}
	return res, err
}

// search runs r; relax asks for any of the words instead of all of them.
func (ix *Index) search(ctx context.Context, r Request, relax bool) (*Result, error) {
	start := time.Now()
	sortName, err := normSort(r.Sort)
	if err != nil {
		return nil, err
	}
	size := r.Size
	if size == 0 {
		size = DefaultSize
	}
	if size < 0 || size > MaxSize {
		return nil, badf("size must be between 1 and %d", MaxSize)
	}
	page := r.Page
	if page == 0 {
		page = 1
	}
	if page < 0 {
		return nil, badf("page must be 1 or more")
	}
	from := (page - 1) * size
	if from > MaxFrom {
		return nil, badf("page too deep (offset %d > %d); use the cursor", from, MaxFrom)
	}
	userQ, relaxed, err := parseQuery(r.Query, ix.boosts)
	if err != nil {
		return nil, err
	}
	if relax {
		userQ = relaxed
	}
	fq, err := filters(&r)
	if err != nil {
		return nil, err
	}
	userQ = ix.liveCitedBy(userQ)
	q := conj(append([]query.Query{userQ}, fq...)...)
	req := bleve.NewSearchRequestOptions(q, size+1, from, false)
	order := sortOrder(sortName, ix.citedBy)
	req.SortByCustom(order)
	// The first page by relevance is first sorted by score alone: the
	// document id that breaks ties in order would be loaded for every
	// match. It holds the same hits as in order, and leads to the same
	// next page and cursor, unless scores tie at the page's end; then the
	// search runs again in order (below).
	byScore := sortName == "relevance" && r.Cursor == "" && from == 0
	if byScore {
		req.SortByCustom(search.SortOrder{&search.SortScore{Desc: true}})
	}
	nsec := r.Sections
	if nsec == 0 {
		nsec = DefaultSections
	}
	nsec = min(nsec, maxSections)
	var hl query.Query
	if nsec > 0 && strings.TrimSpace(r.Query) != "" {
		hl = highlightQuery(userQ)
	}
	// The first page by relevance also fetches tieMargin hits beyond it,
	// so that scores tied where the page ends can mostly be ordered by id
	// from the hits in hand (see breakTies). Only where the search loads
	// no stored fields: those of every hit fetched would be decompressed.
	if byScore && hl != nil {
		req.Size = size + 1 + tieMargin
	}
	// With sections to find, the search for them loads the page's stored
	// fields along with the text: a document's stored fields are
	// decompressed together, so loading them here as well would do it
	// twice for every hit.
	if hl == nil {
		req.Fields = docFields
	}
	if r.Cursor != "" {
		c, err := DecodeCursor(r.Cursor)
		if err != nil {
			return nil, err
		}
		if c.Sort != sortName || len(c.After) != len(order) {
			return nil, badf("cursor belongs to another sort order")
		}
		req.From = 0
		req.SetSearchAfter(c.After)
		page = 0
	}
	facetSize := r.FacetSize
	if facetSize <= 0 {
		facetSize = 10
	}
	// Facets are counted in the same pass as the page: a second search
	// for them would evaluate the query twice, which costs more than it
	// saves once more than one search runs at a time.
	for _, f := range r.Facets {
		if !slices.Contains(FacetNames, f) {
			return nil, badf("unknown facet %q (use %s)", f, strings.Join(FacetNames, ", "))
		}
		req.AddFacet(f, bleve.NewFacetRequest(facetField(f), facetSize))
	}
	res, err := ix.bi.SearchInContext(ctx, req)
	if err != nil {
		return nil, searchErr(err)
	}
	if byScore && tiesAtEnd(res.Hits, size) {
		if hits, ok := breakTies(res.Hits, size, req.Size); ok {
			res.Hits = hits
		} else {
			req.Size = size + 1
			req.SortByCustom(order)
			if res, err = ix.bi.SearchInContext(ctx, req); err != nil {
				return nil, searchErr(err)
			}
		}
	}
	if len(res.Hits) > size+1 {
		res.Hits = res.Hits[:size+1]
	}
	out := &Result{Query: r.Query, Total: res.Total, Page: page, Size: size, Sort: sortName, Hits: []Hit{},
		Relaxed: relax, relaxable: relaxed != nil}
	hits := res.Hits
	if len(hits) > size {
		hits = hits[:size]
		out.NextCursor = EncodeCursor(Cursor{Sort: sortName, After: afterValues(order, hits[len(hits)-1])})
	}
	for _, h := range hits {
		hit := hitFrom(h)
		if ix.citedBy != nil {
			hit.CitedBy = ix.citedBy(h.ID)
		}
		out.Hits = append(out.Hits, hit)
	}
	if len(r.Facets) > 0 {
		out.Facets = facetValues(r.Facets, res)
	}
	if hl != nil && len(out.Hits) > 0 {
		if err := ix.bestSections(ctx, hl, out.Hits, nsec); err != nil {
			return nil, err
		}
	}
	out.TookMS = float64(time.Since(start).Microseconds()) / 1000
	return out, nil
}

// tiesAtEnd reports whether the page of size hits ends among equal
// scores: whether another of the hits, or the first hit after the page,
// scores the same as the page's last. Only then can ordering by score
// alone differ from ordering by score and id where the page ends.
func tiesAtEnd(hits []*search.DocumentMatch, size int) bool {
	if len(hits) <= size {
		// the last page: no cursor follows, and ties among the page's
		// hits only order the page.
		return false
	}
	last := hits[size-1].Score
	for i, h := range hits[:size+1] {
		if i != size-1 && h.Score == last {
			return true
		}
	}
	return false
}

// tieMargin is how many hits beyond the page and the one after it the
// first page by relevance fetches.
const tieMargin = 40

// breakTies orders hits, the first fetched of a search sorted by score
// alone that asked for want of them, by score and then id, as a search in
// that order would have, and returns the first size+1. It can only when
// hits hold every document that scores the same as the (size+1)-th: when
// the search found fewer than want, or the last of hits scores lower.
// Otherwise ok is false and the search must run again in that order
// (loading the id of every match).
func breakTies(hits []*search.DocumentMatch, size, want int) (out []*search.DocumentMatch, ok bool) {
	if len(hits) <= size {
		return hits, true
	}
	if len(hits) >= want && hits[len(hits)-1].Score >= hits[size].Score {
		return nil, false
	}
	slices.SortStableFunc(hits, func(a, b *search.DocumentMatch) int {
		switch {
		case a.Score > b.Score:
			return -1
		case a.Score < b.Score:
			return 1
		}
		return strings.Compare(a.ID, b.ID)
	})
	return hits[:size+1], true
}

// facetValues lists the counted values of each facet in names, without
// the empty value.
func facetValues(names []string, res *bleve.SearchResult) map[string][]FacetValue {
	out := make(map[string][]FacetValue, len(names))
	for _, f := range names {
		vals := []FacetValue{}
		if fr := res.Facets[f]; fr != nil && fr.Terms != nil {
			for _, t := range fr.Terms.Terms() {
				if t.Term != "" {
					vals = append(vals, FacetValue{Value: t.Term, Count: t.Count})
				}
			}
		}
		out[f] = vals
	}
	return out
}

// searchErr classifies an error bleve returned for a search: what the
// request got wrong is a bad query, anything else is the index's fault.
func searchErr(err error) error {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("indexer: search stopped: %w", err)
	}
	msg := err.Error()
	for _, s := range []string{"search after", "parse", "invalid", "regexp", "fuzziness", "cannot"} {
		if strings.Contains(msg, s) {
			return fmt.Errorf("%w: %s", ErrBadQuery, msg)
		}
	}
	return fmt.Errorf("indexer: search: %w", err)
}

func hitFrom(h *search.DocumentMatch) Hit {
	hit := Hit{ID: h.ID, Score: h.Score, Fragments: []string{}, Sections: []SectionHit{}}
	setFields(&hit, h.Fields)
	return hit
}

// setFields fills in the stored fields of hit from fields (docFields);
// it leaves hit as it is when fields holds none of them.
func setFields(hit *Hit, fields map[string]any) {
	if len(fields) == 0 {
		return
	}
	str := func(k string) string {
		s, _ := fields[k].(string)
		return s
	}
	n, _ := fields["cited_by"].(float64)
	hit.Title, hit.Type, hit.Date, hit.Dossier = str("title"), str("type"), str("day"), str("dossier")
	hit.Kamer, hit.Vergaderjaar, hit.Sender = str("kamer"), str("vergaderjaar"), str("sender")
	hit.CitedBy = int(n)
}

// sectionFields are the stored fields the search for sections loads: the
// text and its section spans, and the fields a hit shows.
var sectionFields = append(slices.Clone(docFields), "text", secsField)

// bestSections fills in the stored fields and the best n sections of
// each hit for the highlight query hl (see highlightQuery). One search
// over the page's documents loads their stored fields and finds where the
// query's words (and phrases) stand in their text; each section is scored
// from the matches inside it, and the best ones are highlighted from the
// stored text.
func (ix *Index) bestSections(ctx context.Context, hl query.Query, hits []Hit, n int) error {
	ids := make([]string, len(hits))
	for i, h := range hits {
		ids[i] = h.ID
	}
	q := query.NewBooleanQuery([]query.Query{query.NewDocIDQuery(ids)}, []query.Query{hl}, nil)
	req := bleve.NewSearchRequestOptions(q, len(ids), 0, false)
	req.Fields = sectionFields
	req.IncludeLocations = true
	req.Score = "none"
	res, err := ix.bi.SearchInContext(ctx, req)
	if err != nil {
		return searchErr(err)
	}
	byDoc := make(map[string]*search.DocumentMatch, len(res.Hits))
	terms := map[string]bool{}
	for _, h := range res.Hits {
		byDoc[h.ID] = h
		for t := range h.Locations["text"] {
			terms[t] = true
		}
	}
	idf, err := ix.idf(ctx, terms)
	if err != nil {
		return searchErr(err)
	}
	var missing []string
	for i := range hits {
		h := byDoc[hits[i].ID]
		if h == nil {
			missing = append(missing, hits[i].ID)
			continue
		}
		cited := hits[i].CitedBy
		setFields(&hits[i], h.Fields)
		if ix.citedBy != nil {
			hits[i].CitedBy = cited
		}
		secs := sectionsOf(h, idf, n)
		hits[i].Sections = append(hits[i].Sections, secs...)
		for _, s := range secs {
			for _, f := range s.Fragments {
				if strings.Contains(f, "<mark>") {
					hits[i].Fragments = append(hits[i].Fragments, f)
					break
				}
			}
		}
	}
	if len(missing) > 0 {
		return ix.loadFields(ctx, hits, missing)
	}
	return nil
}

// loadFields fills in the stored fields of the hits whose ids are in ids.
func (ix *Index) loadFields(ctx context.Context, hits []Hit, ids []string) error {
	req := bleve.NewSearchRequestOptions(query.NewDocIDQuery(ids), len(ids), 0, false)
	req.Fields = docFields
	req.Score = "none"
	res, err := ix.bi.SearchInContext(ctx, req)
	if err != nil {
		return searchErr(err)
	}
	for _, h := range res.Hits {
		for i := range hits {
			if hits[i].ID == h.ID {
				cited := hits[i].CitedBy
				setFields(&hits[i], h.Fields)
				if ix.citedBy != nil {
					hits[i].CitedBy = cited
				}
			}
		}
	}
	return nil
}

// idf is bleve's inverse document frequency of each term of the text
// field: 1 + ln(documents / (documents holding the term + 1)).
func (ix *Index) idf(ctx context.Context, terms map[string]bool) (map[string]float64, error) {
	out := make(map[string]float64, len(terms))
	if len(terms) == 0 {
		return out, nil
	}
	ai, err := ix.bi.Advanced()
	if err != nil {
		return nil, err
	}
	r, err := ai.Reader()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	total, err := r.DocCount()
	if err != nil {
		return nil, err
	}
	for t := range terms {
		tfr, err := r.TermFieldReader(ctx, []byte(t), "text", false, false, false)
		if err != nil {
			return nil, err
		}
		df := tfr.Count()
		_ = tfr.Close()
		out[t] = 1 + math.Log(float64(total)/float64(df+1))
	}
	return out, nil
}

// sectionsOf scores the sections of one hit's record from the query's
// matches in its text and returns the best n of them, highlighted. A
// section's score is bleve's tf-idf of its matched terms (the square root
// of each term's frequency in the section times the term's idf squared),
// normalised by the square root of the section's length in words and
// weighted by the share of the query's terms it holds.
func sectionsOf(h *search.DocumentMatch, idf map[string]float64, n int) []SectionHit {
	text, _ := h.Fields["text"].(string)
	raw, _ := h.Fields[secsField].(string)
	var spans []sectionSpan
	if raw == "" || json.Unmarshal([]byte(raw), &spans) != nil || len(spans) == 0 {
		return nil
	}
	type match struct {
		term string
		loc  *search.Location
	}
	in := make([][]match, len(spans))
	for term, locs := range h.Locations["text"] {
		for _, l := range locs {
			k := sort.Search(len(spans), func(i int) bool { return spans[i].End > int(l.Start) })
			if k < len(spans) && int(l.Start) >= spans[k].Start && int(l.End) <= spans[k].End {
				in[k] = append(in[k], match{term, l})
			}
		}
	}
	type scored struct {
		i     int
		score float64
	}
	var cands []scored
	for i, ms := range in {
		if len(ms) == 0 {
			continue
		}
		tf := map[string]int{}
		for _, m := range ms {
			tf[m.term]++
		}
		var score float64
		for t, f := range tf {
			w := idf[t]
			score += math.Sqrt(float64(f)) * w * w
		}
		words := strings.Count(text[spans[i].Start:spans[i].End], " ") + 1
		score /= math.Sqrt(float64(words))
		score *= float64(len(tf)) / float64(max(len(idf), 1))
		cands = append(cands, scored{i, score})
	}
	slices.SortStableFunc(cands, func(a, b scored) int {
		switch {
		case a.score > b.score:
			return -1
		case a.score < b.score:
			return 1
		}
		return strings.Compare(spans[a.i].ID, spans[b.i].ID)
	})
	if len(cands) > n {
		cands = cands[:n]
	}
	out := make([]SectionHit, 0, len(cands))
	for _, c := range cands {
		sp := spans[c.i]
		first := -1
		tlm := search.TermLocationMap{}
		for _, m := range in[c.i] {
			l := *m.loc
			l.Start -= uint64(sp.Start)
			l.End -= uint64(sp.Start)
			tlm[m.term] = append(tlm[m.term], &l)
			if first < 0 || int(l.Start) < first {
				first = int(l.Start)
			}
		}
		page := sp.Page
		if first >= 0 {
			page = pageAt(sp.Paras, first, page)
		}
		path := []string{}
		if sp.Path != "" {
			path = strings.Split(sp.Path, pathSep)
		}
		frags := highlightFragment(text[sp.Start:sp.End], tlm)
		out = append(out, SectionHit{
			ID: sp.ID, Heading: sp.Heading, Path: path, Page: page,
			URL: FileURL(h.ID, page), Score: c.score, Fragments: frags,
		})
	}
	return out
}

// highlightFragment returns the best fragment of text with the matches at locs
// marked, as bleve's html highlighter makes it.
func highlightFragment(text string, locs search.TermLocationMap) []string {
	hl, err := htmlHighlighter()
	if err != nil {
		return []string{}
	}
	doc := bdoc.NewDocument("")
	doc.AddField(bdoc.NewTextField("text", nil, []byte(text)))
	dm := &search.DocumentMatch{Locations: search.FieldTermLocationMap{"text": locs}}
	frags := hl.BestFragmentsInField(dm, doc, "text", 1)
	if frags == nil {
		return []string{}
	}
	return frags
}

var (
	hlOnce sync.Once
	hlImpl highlight.Highlighter
	hlErr  error
)

func htmlHighlighter() (highlight.Highlighter, error) {
	hlOnce.Do(func() { hlImpl, hlErr = registry.NewCache().HighlighterNamed(highlighterName) })
	return hlImpl, hlErr
}

// Package indexer keeps the bleve full-text index of documents and their
// sections, with Dutch analysis, and answers search requests with filters,
// facets, highlights, sorting and paging.
//
// Every document is one record: its metadata, and its title, headings,
// sections and footnotes as one text, analysed once and stored. The record
// keeps where each section stands in that text, with its heading path and
// pages; the best sections of a hit and their highlighted fragments come
// from the positions of the query's words in the text.
package indexer

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"kamerzoek/internal/document"
)

// ErrBadQuery is returned when a query string cannot be parsed.
var ErrBadQuery = errors.New("indexer: bad query")

// ErrMappingChanged is returned by Open when the index in the directory was
// built with another MappingVersion; the caller rebuilds it (into a fresh
// directory) from the stored documents.
var ErrMappingChanged = errors.New("indexer: index mapping changed")

// internalVersionKey is where the mapping version is kept in the index.
var internalVersionKey = []byte("kamerzoek.mapping_version")

// Index is a bleve index in a directory. It is safe for concurrent use.
type Index struct {
	bi      bleve.Index
	dir     string
	citedBy func(id string) int
	boosts  Boosts
}

// Options configure Open. The zero value means defaults.
type Options struct {
	// InMemory keeps the index in memory only (dir is ignored); for tests
	// and benchmarks.
	InMemory bool
	// CitedBy, when set, gives each document's current cited-by count at
	// search time: hits show it and sort=cited_by and cited_by: queries
	// use it, so that a new citation needs no re-indexing of the cited
	// document. Without it the count given to Put is used. It must be safe
	// for concurrent use.
	CitedBy func(id string) int
	// Scoring replaces DefaultScoring ("tf-idf" or "bm25") for an index
	// Open creates; an existing index keeps the model it was built with.
	// An in-memory index (bleve's upsidedown engine) scores tf-idf whatever
	// the model: bleve computes BM25 on scorch indexes only.
	Scoring string
	// Boosts, when set, replace DefaultBoosts.
	Boosts *Boosts
}

// DefaultScoring is the scoring model of the index, chosen by the judged
// query set (see BENCHMARKS.md).
const DefaultScoring = "bm25"

// Open opens the index in dir, creating it when dir holds none. It returns
// an error wrapping ErrMappingChanged when the index there was built with
// another MappingVersion. An empty dir means an in-memory index.
func Open(dir string, opts Options) (*Index, error) {
	register()
	boosts := DefaultBoosts
	if opts.Boosts != nil {
		boosts = *opts.Boosts
	}
	scoring := DefaultScoring
	if opts.Scoring != "" {
		scoring = opts.Scoring
	}
	if opts.InMemory || dir == "" {
		m, err := newMappingScored(scoring)
		if err != nil {
			return nil, fmt.Errorf("indexer: mapping: %w", err)
		}
		bi, err := bleve.NewMemOnly(m)
		if err != nil {
			return nil, fmt.Errorf("indexer: %w", err)
		}
		ix := &Index{bi: bi, citedBy: opts.CitedBy, boosts: boosts}
		if err := bi.SetInternal(internalVersionKey, []byte(MappingVersion)); err != nil {
			_ = bi.Close()
			return nil, fmt.Errorf("indexer: %w", err)
		}
		return ix, nil
	}
	if _, err := os.Stat(filepath.Join(dir, "index_meta.json")); err == nil {
		bi, err := bleve.Open(dir)
		if err != nil {
			return nil, fmt.Errorf("indexer: open %s: %w", dir, err)
		}
		v, err := bi.GetInternal(internalVersionKey)
		if err != nil {
			_ = bi.Close()
			return nil, fmt.Errorf("indexer: open %s: %w", dir, err)
		}
		if string(v) != MappingVersion {
			_ = bi.Close()
			return nil, fmt.Errorf("%w: %s holds %q, want %q", ErrMappingChanged, dir, v, MappingVersion)
		}
		return &Index{bi: bi, dir: dir, citedBy: opts.CitedBy, boosts: boosts}, nil
	}
	m, err := newMappingScored(scoring)
	if err != nil {
		return nil, fmt.Errorf("indexer: mapping: %w", err)
	}
	bi, err := bleve.New(dir, m)
	if err != nil {
		return nil, fmt.Errorf("indexer: create %s: %w", dir, err)
	}
	if err := bi.SetInternal(internalVersionKey, []byte(MappingVersion)); err != nil {
		_ = bi.Close()
		return nil, fmt.Errorf("indexer: create %s: %w", dir, err)
	}
	return &Index{bi: bi, dir: dir, citedBy: opts.CitedBy, boosts: boosts}, nil
}

// Dir returns the directory of the index ("" for an in-memory index).
func (ix *Index) Dir() string { return ix.dir }

// Put indexes docs (replacing earlier versions with the same ids) in one
// batch. citedBy gives each document's cited-by count; it may be nil. The
// work per document does not depend on the size of the index: nothing is
// looked up.
func (ix *Index) Put(docs []*document.Document, citedBy func(id string) int) error {
	if len(docs) == 0 {
		return nil
	}
	b := ix.bi.NewBatch()
	m := ix.bi.Mapping()
	twin := newTwinAnalysis(m)
	for _, d := range docs {
		if d == nil || d.ID == "" {
			return fmt.Errorf("indexer: put: document without id")
		}
		n := 0
		if citedBy != nil {
			n = citedBy(d.ID)
		}
		bd, err := twin.mapDocument(m, d.ID, record(d, n))
		if err == nil {
			err = b.IndexAdvanced(bd)
		}
		if err != nil {
			return fmt.Errorf("indexer: put %s: %w", d.ID, err)
		}
	}
	if err := ix.bi.Batch(b); err != nil {
		return fmt.Errorf("indexer: put: %w", err)
	}
	return nil
}

// Delete removes documents. Ids the index does not hold are ignored.
func (ix *Index) Delete(ids ...string) error {
	if len(ids) == 0 {
		return nil
	}
	b := ix.bi.NewBatch()
	for _, id := range ids {
		b.Delete(id)
	}
	if err := ix.bi.Batch(b); err != nil {
		return fmt.Errorf("indexer: delete: %w", err)
	}
	return nil
}

// Has reports whether the index holds the document id.
func (ix *Index) Has(id string) (bool, error) {
	req := bleve.NewSearchRequestOptions(query.NewDocIDQuery([]string{id}), 0, 0, false)
	res, err := ix.bi.Search(req)
	if err != nil {
		return false, fmt.Errorf("indexer: has %s: %w", id, err)
	}
	return res.Total > 0, nil
}

// Count returns the number of documents in the index.
func (ix *Index) Count() (uint64, error) {
	n, err := ix.bi.DocCount()
	if err != nil {
		return 0, fmt.Errorf("indexer: count: %w", err)
	}
	return n, nil
}

// DocIDs returns the ids of every document in the index, sorted; for
// reconciling the index with the store after a crash.
func (ix *Index) DocIDs() ([]string, error) {
	var out []string
	err := ix.eachDoc(nil, func(h *search.DocumentMatch) { out = append(out, h.ID) })
	if err != nil {
		return nil, fmt.Errorf("indexer: doc ids: %w", err)
	}
	return out, nil
}

// eachDoc visits every document in id order, loading fields.
func (ix *Index) eachDoc(fields []string, fn func(*search.DocumentMatch)) error {
	const page = 1000
	var after []string
	for {
		req := bleve.NewSearchRequestOptions(query.NewMatchAllQuery(), page, 0, false)
		req.Fields = fields
		req.Score = "none"
		req.SortByCustom(search.SortOrder{&search.SortDocID{}})
		if after != nil {
			req.SetSearchAfter(after)
		}
		res, err := ix.bi.Search(req)
		if err != nil {
			return err
		}
		for _, h := range res.Hits {
			fn(h)
		}
		if len(res.Hits) < page {
			return nil
		}
		after = []string{res.Hits[len(res.Hits)-1].ID}
	}
}

// Close closes the index.
func (ix *Index) Close() error {
	if err := ix.bi.Close(); err != nil {
		return fmt.Errorf("indexer: close: %w", err)
	}
	return nil
}

// secsField is the stored field that says where each section stands in a
// record's text (see sectionSpan).
const secsField = "secs"

// sectionSpan is one section of a record: the bytes [Start, End) of the
// record's text hold its heading line and its text; Paras is the section's
// paragraphs as encodeParas writes them, relative to Start.
type sectionSpan struct {
	Start   int    `json:"s"`
	End     int    `json:"e"`
	ID      string `json:"id"`
	Heading string `json:"h"`
	Path    string `json:"p,omitempty"`
	Page    int    `json:"pg,omitempty"`
	Paras   string `json:"pa,omitempty"`
}

// record turns a document into its index record.
func record(d *document.Document, citedBy int) map[string]interface{} {
	doc := map[string]interface{}{
		"id":           d.ID,
		"ids":          idVariants(d),
		"type":         d.Type,
		"dossier":      d.Dossier,
		"kamer":        d.Kamer,
		"vergaderjaar": d.Vergaderjaar,
		"sender":       d.Sender,
		"number":       d.Number,
		"title":        d.Title,
		"title_words":  d.Title,
		"extractor":    d.ExtractorVersion,
		"cited_by":     float64(citedBy),
		"footnotes":    strconv.Itoa(len(d.Footnotes)),
		"references":   strconv.Itoa(len(d.References)),
		"sections":     strconv.Itoa(len(d.Sections)),
	}
	if t, ok := parseDay(d.Date); ok {
		doc["date"] = t.Format(time.RFC3339)
		doc["day"] = d.Date
	} else {
		doc["date"] = undated + "T00:00:00Z"
	}
	if len(d.Date) >= 4 {
		doc["year"] = d.Date[:4]
	}

	var all, headings strings.Builder
	all.WriteString(d.Title)
	all.WriteString("\n")
	if d.DocumentTitle != "" {
		all.WriteString(d.DocumentTitle)
		all.WriteString("\n")
	}
	byID := make(map[string]*document.Section, len(d.Sections))
	for i := range d.Sections {
		byID[d.Sections[i].ID] = &d.Sections[i]
	}
	spans := make([]sectionSpan, 0, len(d.Sections))
	for i := range d.Sections {
		s := &d.Sections[i]
		heading := sectionHeading(s)
		start := all.Len()
		all.WriteString(heading)
		all.WriteString("\n")
		all.WriteString(s.Text)
		spans = append(spans, sectionSpan{
			Start: start, End: all.Len(), ID: s.ID, Heading: heading,
			Path: strings.Join(headingPath(s, byID), pathSep), Page: s.Page,
			Paras: encodeParas(s, len(heading)+1),
		})
		all.WriteString("\n\n")
		headings.WriteString(heading)
		headings.WriteString("\n")
	}
	for _, f := range d.Footnotes {
		all.WriteString(f.Text)
		all.WriteString("\n")
	}
	doc["text"] = all.String()
	doc["words"] = doc["text"]
	doc["heading"] = headings.String()
	secs, _ := json.Marshal(spans)
	doc[secsField] = string(secs)
	return doc
}

// pathSep joins the headings of a section path in its stored form.
const pathSep = "\x1f"

// sectionHeading is the heading as printed, with its number.
func sectionHeading(s *document.Section) string {
	if s.Number != "" && !strings.HasPrefix(s.Heading, s.Number) {
		if s.Heading == "" {
			return s.Number
		}
		return s.Number + " " + s.Heading
	}
	return s.Heading
}

// headingPath lists the headings from the top-level ancestor down to s.
func headingPath(s *document.Section, byID map[string]*document.Section) []string {
	var path []string
	seen := map[string]bool{}
	for cur := s; cur != nil && !seen[cur.ID]; cur = byID[cur.Parent] {
		seen[cur.ID] = true
		path = append(path, sectionHeading(cur))
		if cur.Parent == "" {
			break
		}
	}
	for i, j := 0, len(path)-1; i < j; i, j = i+1, j-1 {
		path[i], path[j] = path[j], path[i]
	}
	return path
}

// encodeParas stores where each paragraph starts in the indexed text
// (shifted by off, the heading line) and its page: "start:page,...".
func encodeParas(s *document.Section, off int) string {
	var b strings.Builder
	for i, p := range s.Paragraphs {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.Itoa(p.Start + off))
		b.WriteByte(':')
		b.WriteString(strconv.Itoa(p.Page))
	}
	return b.String()
}

// pageAt returns the page of the paragraph holding byte offset pos, or
// def when paras says nothing about it.
func pageAt(paras string, pos int, def int) int {
	page := def
	for p := range strings.SplitSeq(paras, ",") {
		a, b, ok := strings.Cut(p, ":")
		if !ok {
			continue
		}
		start, err1 := strconv.Atoi(a)
		pg, err2 := strconv.Atoi(b)
		if err1 != nil || err2 != nil {
			continue
		}
		if start > pos {
			break
		}
		if pg > 0 {
			page = pg
		}
	}
	return page
}

// parseDay parses a YYYY-MM-DD date.
func parseDay(s string) (time.Time, bool) {
	if s == "" {
		return time.Time{}, false
	}
	t, err := time.Parse(time.DateOnly, s)
	return t, err == nil
}

// idVariants lists the ways a document can be named as written by people:
// its canonical id, its dossier (with and without toevoeging) and dossier
// plus number ("29911-337"), all lower case.
func idVariants(d *document.Document) []string {
	seen := map[string]bool{}
	var out []string
	add := func(s string) {
		s = strings.ToLower(s)
		if s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	add(d.ID)
	if d.Dossier != "" {
		dos := strings.ToLower(d.Dossier)
		add(dos)
		add("dossier-" + dos)
		if base, _, ok := strings.Cut(dos, "-"); ok {
			add(base)
		}
		if d.Number != "" {
			add(dos + "-" + d.Number)
		}
	}
	return out
}

// conj is the conjunction of qs, or qs[0] alone.
func conj(qs ...query.Query) query.Query {
	if len(qs) == 1 {
		return qs[0]
	}
	return query.NewConjunctionQuery(qs)
}

// WithBoosts returns a view of the index that ranks field-less words with
// b instead of the index's boosts; it shares the index and needs no Close.
func (ix *Index) WithBoosts(b Boosts) *Index {
	v := *ix
	v.boosts = b
	return &v
}

// Package indexer keeps the bleve full-text index of documents and their
// sections, with Dutch analysis, and answers search requests with filters,
// facets, highlights, sorting and paging.
//
// Every document is indexed twice over: once as a whole (a "doc" record
// holding its metadata and all its text, which search results, facets,
// totals and sorting count) and once per section (a "section" record with
// its heading path, page and stored text, from which the best sections of
// each hit and their highlighted fragments come).
package indexer

import (
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
	bi     bleve.Index
	dir    string
	boosts Boosts
}

// Options configure Open. The zero value means defaults.
type Options struct {
	// InMemory keeps the index in memory only (dir is ignored); for tests
	// and benchmarks.
	InMemory bool
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
		ix := &Index{bi: bi, boosts: boosts}
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
		return &Index{bi: bi, dir: dir, boosts: boosts}, nil
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
	return &Index{bi: bi, dir: dir, boosts: boosts}, nil
}

// Dir returns the directory of the index ("" for an in-memory index).
func (ix *Index) Dir() string { return ix.dir }

// Put indexes docs (replacing earlier versions with the same ids, sections
// included) in one batch. citedBy gives each document's cited-by count; it
// may be nil.
func (ix *Index) Put(docs []*document.Document, citedBy func(id string) int) error {
	if len(docs) == 0 {
		return nil
	}
	b := ix.bi.NewBatch()
	for _, d := range docs {
		if d == nil || d.ID == "" {
			return fmt.Errorf("indexer: put: document without id")
		}
		old, err := ix.sectionKeys(d.ID)
		if err != nil {
			return fmt.Errorf("indexer: put %s: %w", d.ID, err)
		}
		n := 0
		if citedBy != nil {
			n = citedBy(d.ID)
		}
		rec, secs := records(d, n)
		keep := make(map[string]bool, len(secs))
		for _, s := range secs {
			keep[s.key] = true
			if err := b.Index(s.key, s.fields); err != nil {
				return fmt.Errorf("indexer: put %s: %w", d.ID, err)
			}
		}
		for _, k := range old {
			if !keep[k] {
				b.Delete(k)
			}
		}
		if err := b.Index(d.ID, rec); err != nil {
			return fmt.Errorf("indexer: put %s: %w", d.ID, err)
		}
	}
	if err := ix.bi.Batch(b); err != nil {
		return fmt.Errorf("indexer: put: %w", err)
	}
	return nil
}

// Delete removes documents and their sections. Ids the index does not hold
// are ignored.
func (ix *Index) Delete(ids ...string) error {
	if len(ids) == 0 {
		return nil
	}
	b := ix.bi.NewBatch()
	for _, id := range ids {
		keys, err := ix.sectionKeys(id)
		if err != nil {
			return fmt.Errorf("indexer: delete %s: %w", id, err)
		}
		for _, k := range keys {
			b.Delete(k)
		}
		b.Delete(id)
	}
	if err := ix.bi.Batch(b); err != nil {
		return fmt.Errorf("indexer: delete: %w", err)
	}
	return nil
}

// Has reports whether the index holds the document id.
func (ix *Index) Has(id string) (bool, error) {
	q := query.NewDocIDQuery([]string{id})
	req := bleve.NewSearchRequestOptions(conj(q, recIs(recDoc)), 1, 0, false)
	res, err := ix.bi.Search(req)
	if err != nil {
		return false, fmt.Errorf("indexer: has %s: %w", id, err)
	}
	return res.Total > 0, nil
}

// Count returns the number of documents (not sections) in the index.
func (ix *Index) Count() (uint64, error) {
	req := bleve.NewSearchRequestOptions(recIs(recDoc), 0, 0, false)
	res, err := ix.bi.Search(req)
	if err != nil {
		return 0, fmt.Errorf("indexer: count: %w", err)
	}
	return res.Total, nil
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

// eachDoc visits every doc record in id order, loading fields.
func (ix *Index) eachDoc(fields []string, fn func(*search.DocumentMatch)) error {
	const page = 1000
	var after []string
	for {
		req := bleve.NewSearchRequestOptions(recIs(recDoc), page, 0, false)
		req.Fields = fields
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

// sectionKeys returns the keys of the section records of document id.
func (ix *Index) sectionKeys(id string) ([]string, error) {
	tq := query.NewTermQuery(id)
	tq.SetField("doc_id")
	req := bleve.NewSearchRequestOptions(conj(tq, recIs(recSection)), 100000, 0, false)
	req.SortByCustom(search.SortOrder{&search.SortDocID{}})
	res, err := ix.bi.Search(req)
	if err != nil {
		return nil, err
	}
	keys := make([]string, len(res.Hits))
	for i, h := range res.Hits {
		keys[i] = h.ID
	}
	return keys, nil
}

// section is one section record with its key.
type section struct {
	key    string
	fields map[string]interface{}
}

// sectionKeySep separates document id and section id in a section key.
const sectionKeySep = "#"

// records turns a document into its doc record and its section records.
func records(d *document.Document, citedBy int) (map[string]interface{}, []section) {
	common := map[string]interface{}{
		"ids":          idVariants(d),
		"type":         d.Type,
		"dossier":      d.Dossier,
		"kamer":        d.Kamer,
		"vergaderjaar": d.Vergaderjaar,
		"sender":       d.Sender,
		"number":       d.Number,
	}
	if t, ok := parseDay(d.Date); ok {
		common["date"] = t.Format(time.RFC3339)
		common["day"] = d.Date
	} else {
		common["date"] = undated + "T00:00:00Z"
	}
	doc := map[string]interface{}{recField: recDoc}
	for k, v := range common {
		doc[k] = v
	}
	for _, f := range facetCopied {
		doc[facetField(f)] = common[f]
	}
	doc["id"] = d.ID
	doc["title"] = d.Title
	doc["title_words"] = d.Title
	if len(d.Date) >= 4 {
		doc["year"] = d.Date[:4]
	}
	doc["extractor"] = d.ExtractorVersion
	doc["cited_by"] = float64(citedBy)
	doc["footnotes"] = float64(len(d.Footnotes))
	doc["references"] = float64(len(d.References))
	doc["sections"] = float64(len(d.Sections))

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
	secs := make([]section, 0, len(d.Sections))
	for i := range d.Sections {
		s := &d.Sections[i]
		heading := sectionHeading(s)
		all.WriteString(heading)
		all.WriteString("\n")
		all.WriteString(s.Text)
		all.WriteString("\n\n")
		headings.WriteString(heading)
		headings.WriteString("\n")
		rec := map[string]interface{}{recField: recSection}
		for k, v := range common {
			rec[k] = v
		}
		rec["doc_id"] = d.ID
		rec["sid"] = s.ID
		rec["title"] = d.Title
		rec["heading"] = heading
		rec["text"] = heading + "\n" + s.Text
		rec["text_pairs"] = rec["text"]
		rec["words"] = rec["text"]
		rec["path"] = strings.Join(headingPath(s, byID), pathSep)
		rec["paras"] = encodeParas(s, len(heading)+1)
		rec["page"] = float64(s.Page)
		secs = append(secs, section{key: d.ID + sectionKeySep + s.ID, fields: rec})
	}
	for _, f := range d.Footnotes {
		all.WriteString(f.Text)
		all.WriteString("\n")
	}
	doc["text"] = all.String()
	doc["text_pairs"] = doc["text"]
	doc["words"] = doc["text"]
	doc["heading"] = headings.String()
	return doc, secs
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

func recIs(kind string) query.Query {
	q := query.NewTermQuery(kind)
	q.SetField(recField)
	return q
}

func conj(qs ...query.Query) query.Query {
	return query.NewConjunctionQuery(qs)
}

// WithBoosts returns a view of the index that ranks field-less words with
// b instead of the index's boosts; it shares the index and needs no Close.
func (ix *Index) WithBoosts(b Boosts) *Index {
	v := *ix
	v.boosts = b
	return &v
}

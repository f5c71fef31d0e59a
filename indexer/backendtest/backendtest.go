// Package backendtest is the conformance suite of indexer.Backend: the
// cases every search backend (the embedded bleve index, a search
// cluster) passes identically, run as
//
//	func TestConformance(t *testing.T) {
//		backendtest.Run(t, func(t *testing.T) indexer.Backend {
//			b, err := open(...) // a new, empty index; closed by t.Cleanup
//			...
//			return b
//		})
//	}
//
// The suite puts a fixed set of documents (Docs: the repository's
// corpus/ parsed as ingest parses it, synthetic documents and a few
// written for the cases), with cited-by counts from CitedBy, and checks:
// Count, Has, DocIDs; Put twice is Put once; Delete; every filter giving
// exactly the documents the filter names; facet counts; sort orders;
// paging by page and by cursor; the fields of a hit; highlighted
// fragments and best sections; Suggest; Stats; the errors that wrap
// indexer.ErrBadQuery.
//
// What is checked exactly and what is not:
//
//   - Filters, facets, counts and stats are compared with what the
//     documents' fields say (an oracle in this package), not with another
//     backend.
//   - Sort orders: date (newest first; documents without a date last),
//     date_asc (oldest first; documents without a date first) and
//     cited_by (most cited first) break ties by id ascending, whatever
//     the query: the suite checks them hit by hit, with and without
//     words.
//   - Which documents words match is compared, as a set, with the
//     embedded index holding the same documents; relevance order is not
//     compared.
package backendtest

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"kamerzoek/indexer"
	"kamerzoek/internal/document"
)

// suite is the state the cases share.
type suite struct {
	docs []*document.Document
	byID map[string]*document.Document
	b    indexer.Backend // holds docs; read only
	ref  *indexer.Index  // the embedded index holding docs, for word queries
	open func(t *testing.T) indexer.Backend
}

// Run runs the conformance suite against the backends open returns. open
// is called for a new, empty index each time the suite needs one (twice);
// it closes what it opened with t.Cleanup.
func Run(t *testing.T, open func(t *testing.T) indexer.Backend) {
	f := load()
	if f.err != nil {
		t.Fatal(f.err)
	}
	s := &suite{docs: f.docs, byID: f.byID, open: open}
	ref, err := indexer.Open(t.TempDir(), indexer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ref.Close() })
	if err := ref.Put(s.docs, CitedBy); err != nil {
		t.Fatal(err)
	}
	s.ref = ref
	s.b = open(t)
	// Two batches, as a bulk ingest writes them.
	half := len(s.docs) / 2
	if err := s.b.Put(s.docs[:half], CitedBy); err != nil {
		t.Fatalf("Put: %v", err)
	}
	if err := s.b.Put(s.docs[half:], CitedBy); err != nil {
		t.Fatalf("Put: %v", err)
	}
	for _, c := range []struct {
		name string
		fn   func(t *testing.T)
	}{
		{"Count", s.count},
		{"Has", s.has},
		{"DocIDs", s.docIDs},
		{"Filters", s.filters},
		{"Facets", s.facets},
		{"Sort", s.sorts},
		{"SortWithWords", s.sortWithWords},
		{"Cursor", s.cursor},
		{"Paging", s.paging},
		{"HitFields", s.hitFields},
		{"Words", s.words},
		{"Fragments", s.fragments},
		{"Sections", s.sections},
		{"Suggest", s.suggest},
		{"Stats", s.stats},
		{"BadQuery", s.badQuery},
		{"NoMatch", s.noMatch},
		{"Context", s.context},
		{"PutTwice", s.putTwice},
		{"Delete", s.delete},
	} {
		t.Run(c.name, c.fn)
	}
}

func (s *suite) allIDs() []string {
	out := make([]string, len(s.docs))
	for i, d := range s.docs {
		out[i] = d.ID
	}
	return out
}

// search runs r on b, failing the test on an error.
func search(t *testing.T, b indexer.Backend, r indexer.Request) *indexer.Result {
	t.Helper()
	res, err := b.Search(r)
	if err != nil {
		t.Fatalf("Search(%s): %v", describe(r), err)
	}
	return res
}

// walk follows r's cursor from the first page to the last and returns
// every hit, checking that none comes twice and that their number is the
// Total each page gives.
func walk(t *testing.T, b indexer.Backend, r indexer.Request) []indexer.Hit {
	t.Helper()
	var hits []indexer.Hit
	seen := map[string]bool{}
	r.Page, r.Cursor = 0, ""
	for pages := 0; ; pages++ {
		if pages > 1000 {
			t.Fatalf("%s: the cursor does not end", describe(r))
		}
		res := search(t, b, r)
		for _, h := range res.Hits {
			if seen[h.ID] {
				t.Errorf("%s: %s comes twice while paging with the cursor", describe(r), h.ID)
			}
			seen[h.ID] = true
		}
		hits = append(hits, res.Hits...)
		if res.NextCursor == "" {
			if uint64(len(hits)) != res.Total {
				t.Errorf("%s: the cursor walked %d hits, Total is %d", describe(r), len(hits), res.Total)
			}
			return hits
		}
		if len(res.Hits) == 0 {
			t.Fatalf("%s: an empty page with a next cursor", describe(r))
		}
		r.Cursor = res.NextCursor
	}
}

func ids(hits []indexer.Hit) []string {
	out := make([]string, len(hits))
	for i, h := range hits {
		out[i] = h.ID
	}
	return out
}

// describe is a request as a test names it.
func describe(r indexer.Request) string {
	var parts []string
	add := func(k string, v any) {
		parts = append(parts, fmt.Sprintf("%s=%v", k, v))
	}
	if r.Query != "" {
		add("q", fmt.Sprintf("%q", r.Query))
	}
	for k, v := range map[string][]string{"dossier": r.Dossier, "type": r.Type, "kamer": r.Kamer, "vergaderjaar": r.Vergaderjaar, "sender": r.Sender} {
		if len(v) > 0 {
			add(k, fmt.Sprintf("%q", v))
		}
	}
	slices.Sort(parts)
	if r.From != "" {
		add("from", r.From)
	}
	if r.To != "" {
		add("to", r.To)
	}
	if r.RestrictIDs {
		add("ids", fmt.Sprintf("%q", r.IDs))
	}
	if r.Sort != "" {
		add("sort", r.Sort)
	}
	if r.Size != 0 {
		add("size", r.Size)
	}
	if r.Page != 0 {
		add("page", r.Page)
	}
	if len(parts) == 0 {
		return "(all)"
	}
	return strings.Join(parts, " ")
}

// sameSet reports the difference between got and want as sets.
func sameSet(t *testing.T, what string, got, want []string) {
	t.Helper()
	g, w := map[string]bool{}, map[string]bool{}
	for _, id := range got {
		g[id] = true
	}
	for _, id := range want {
		w[id] = true
	}
	var missing, extra []string
	for id := range w {
		if !g[id] {
			missing = append(missing, id)
		}
	}
	for id := range g {
		if !w[id] {
			extra = append(extra, id)
		}
	}
	if len(missing)+len(extra) > 0 {
		slices.Sort(missing)
		slices.Sort(extra)
		t.Errorf("%s: %d hits, want %d; missing %v; not expected %v", what, len(got), len(want), head(missing), head(extra))
	}
}

// sameOrder reports where got and want first differ.
func sameOrder(t *testing.T, what string, got, want []string) {
	t.Helper()
	for i := range min(len(got), len(want)) {
		if got[i] != want[i] {
			t.Errorf("%s: hit %d is %s, want %s\n got %v\nwant %v", what, i+1, got[i], want[i], head(got[max(0, i-2):]), head(want[max(0, i-2):]))
			return
		}
	}
	if len(got) != len(want) {
		t.Errorf("%s: %d hits, want %d", what, len(got), len(want))
	}
}

func head(ids []string) []string { return ids[:min(len(ids), 8)] }

func (s *suite) count(t *testing.T) {
	n, err := s.b.Count()
	if err != nil || n != uint64(len(s.docs)) {
		t.Errorf("Count() = %d, %v; want %d", n, err, len(s.docs))
	}
}

func (s *suite) has(t *testing.T) {
	for _, id := range []string{s.docs[0].ID, s.docs[len(s.docs)-1].ID, "kst-29911-337", "kst-40003-1"} {
		if ok, err := s.b.Has(id); err != nil || !ok {
			t.Errorf("Has(%s) = %v, %v; want true", id, ok, err)
		}
	}
	for _, id := range []string{"kst-1-1", "29911", "dossier-29911", ""} {
		if ok, err := s.b.Has(id); err != nil || ok {
			t.Errorf("Has(%q) = %v, %v; want false", id, ok, err)
		}
	}
}

func (s *suite) docIDs(t *testing.T) {
	got, err := s.b.DocIDs()
	if err != nil {
		t.Fatal(err)
	}
	got = slices.Clone(got)
	slices.Sort(got)
	sameOrder(t, "DocIDs", got, s.allIDs())
}

// filterCases are requests without words, each filter alone and in
// combination, with the spellings a user types.
func filterCases() []indexer.Request {
	return []indexer.Request{
		{},
		{Dossier: []string{"29911"}},
		{Dossier: []string{"29 911"}},
		{Dossier: []string{"40001", "40002"}},
		{Dossier: []string{"99999"}},
		{Type: []string{"brief"}},
		{Type: []string{"Motie", "kamervragen"}},
		{Kamer: []string{"ek"}},
		{Kamer: []string{"TK"}},
		{Vergaderjaar: []string{"2023-2024"}},
		{Vergaderjaar: []string{"2022-2023", "2021-2022"}},
		{Sender: []string{"Minister van Infrastructuur en Waterstaat"}},
		{Sender: []string{"Minister van Financiën", "Minister van Defensie"}},
		{From: "2022"},
		{To: "2015-06"},
		{From: "2022-09-20", To: "2024-03-05"},
		{From: "2016-02", To: "2016-02"},
		{From: "2019", To: "2019"},
		{IDs: []string{"kst-40001-1", "kst-29911-337", "kst-1-1"}, RestrictIDs: true},
		{IDs: nil, RestrictIDs: true},
		{IDs: []string{"kst-1-1"}, RestrictIDs: true},
		{Type: []string{"brief"}, Kamer: []string{"tk"}, From: "2020"},
		{Dossier: []string{"40001"}, Type: []string{"motie"}, IDs: []string{"kst-40001-1", "kst-40001-2"}, RestrictIDs: true},
	}
}

func (s *suite) filters(t *testing.T) {
	for _, r := range filterCases() {
		want := expect(s.docs, r, CitedBy)
		r.Size = indexer.MaxSize
		r.Sections = -1
		hits := walk(t, s.b, r)
		sameSet(t, describe(r), ids(hits), want)
	}
	// The set a filter keeps is the same with words in the query.
	for _, r := range []indexer.Request{
		{Query: "minister", Type: []string{"brief"}},
		{Query: "kwelschermen", Dossier: []string{"40001"}, From: "2024"},
		{Query: "criminaliteit", IDs: []string{"kst-29911-337"}, RestrictIDs: true},
		{Query: "criminaliteit", RestrictIDs: true},
	} {
		r.Size, r.Sections = indexer.MaxSize, -1
		want := ids(walk(t, s.ref, r))
		sameSet(t, describe(r), ids(walk(t, s.b, r)), want)
		for _, id := range want {
			if !keeps(r, s.byID[id]) {
				t.Errorf("the embedded index gives %s for %s", id, describe(r))
			}
		}
	}
}

func (s *suite) facets(t *testing.T) {
	for _, r := range []indexer.Request{
		{},
		{Type: []string{"brief"}},
		{From: "2020", To: "2023"},
		{Dossier: []string{"40001", "40002", "40003"}},
		{RestrictIDs: true},
	} {
		matched := expect(s.docs, r, CitedBy)
		r.Facets, r.FacetSize, r.Size, r.Sections = indexer.FacetNames, 1000, 1, -1
		res := search(t, s.b, r)
		if res.Total != uint64(len(matched)) {
			t.Errorf("%s: Total %d, want %d", describe(r), res.Total, len(matched))
		}
		for _, name := range indexer.FacetNames {
			got := map[string]int{}
			for _, v := range res.Facets[name] {
				if v.Value == "" {
					t.Errorf("%s: facet %s lists the empty value", describe(r), name)
				}
				got[v.Value] = v.Count
			}
			if want := facetCounts(name, matched, s.byID); !maps.Equal(got, want) {
				t.Errorf("%s: facet %s\n got %v\nwant %v", describe(r), name, got, want)
			}
		}
		if _, ok := res.Facets["type"]; !ok {
			t.Errorf("%s: facet type missing from the result: %v", describe(r), res.Facets)
		}
	}
	// The values of a facet come most frequent first, at most FacetSize.
	res := search(t, s.b, indexer.Request{Facets: []string{"dossier"}, FacetSize: 3, Size: 1, Sections: -1})
	vals := res.Facets["dossier"]
	all := facetCounts("dossier", s.allIDs(), s.byID)
	counts := slices.Sorted(maps.Values(all))
	slices.Reverse(counts)
	// (A backend may count documents without a dossier among the
	// FacetSize values and then leave them out: fewer values are listed.)
	if len(vals) == 0 || len(vals) > 3 {
		t.Fatalf("facet dossier with FacetSize 3: %v", vals)
	}
	for i, v := range vals {
		if v.Count != counts[i] || all[v.Value] != v.Count {
			t.Errorf("facet dossier with FacetSize 3: %v; the largest counts are %v", vals, counts[:3])
			break
		}
	}
}

// sortCases are requests without words whose hits score alike.
func sortCases() []indexer.Request {
	var out []indexer.Request
	for _, sort := range []string{"date", "date_asc", "cited_by", "-date", "oldest"} {
		for _, r := range []indexer.Request{
			{},
			{Type: []string{"brief"}},
			{Dossier: []string{"40001"}},
			{From: "2022", To: "2024"},
			{Kamer: []string{"tk"}, Vergaderjaar: []string{"2023-2024"}},
		} {
			r.Sort = sort
			out = append(out, r)
		}
	}
	return out
}

func (s *suite) sorts(t *testing.T) {
	for _, r := range sortCases() {
		want := expect(s.docs, r, CitedBy)
		r.Size, r.Sections = indexer.MaxSize, -1
		res := search(t, s.b, r)
		if res.Sort != sortName(r.Sort) {
			t.Errorf("%s: Result.Sort %q, want %q", describe(r), res.Sort, sortName(r.Sort))
		}
		sameOrder(t, describe(r), ids(walk(t, s.b, r)), want)
	}
}

func (s *suite) sortWithWords(t *testing.T) {
	for _, q := range []string{"minister", "kwelschermen", "criminaliteit", "regeling"} {
		for _, sort := range []string{"date", "date_asc", "cited_by"} {
			r := indexer.Request{Query: q, Sort: sort, Size: 9, Sections: -1}
			matched := ids(walk(t, s.ref, r))
			want := expect(s.docs, indexer.Request{Sort: sort, IDs: matched, RestrictIDs: true}, CitedBy)
			sameOrder(t, describe(r), ids(walk(t, s.b, r)), want)
			r.From, r.To = "2016", "2024-06"
			want = expect(s.docs, indexer.Request{Sort: sort, IDs: matched, RestrictIDs: true, From: r.From, To: r.To}, CitedBy)
			sameOrder(t, describe(r), ids(walk(t, s.b, r)), want)
		}
	}
}

func (s *suite) cursor(t *testing.T) {
	for _, r := range []indexer.Request{
		{Sort: "date"}, {Sort: "date_asc"}, {Sort: "cited_by"}, {Type: []string{"brief"}, Sort: "date"},
	} {
		want := expect(s.docs, r, CitedBy)
		r.Size, r.Sections = 7, -1
		sameOrder(t, describe(r)+" by cursor", ids(walk(t, s.b, r)), want)
	}
	for _, r := range []indexer.Request{
		{Query: "minister"}, {Query: "criminaliteit", Sort: "date"}, {Query: "kwelschermen dijken"},
	} {
		r.Size, r.Sections = 4, -1
		sameSet(t, describe(r)+" by cursor", ids(walk(t, s.b, r)), ids(walk(t, s.ref, r)))
	}
	// A cursor continues the sort it came from only.
	res := search(t, s.b, indexer.Request{Sort: "date", Size: 3, Sections: -1})
	if res.NextCursor == "" {
		t.Fatal("no next cursor after a first page of 3")
	}
	if _, err := s.b.Search(indexer.Request{Sort: "cited_by", Size: 3, Cursor: res.NextCursor}); !errors.Is(err, indexer.ErrBadQuery) {
		t.Errorf("a date cursor with sort=cited_by: %v, want ErrBadQuery", err)
	}
}

func (s *suite) paging(t *testing.T) {
	r := indexer.Request{Sort: "date", Sections: -1}
	want := expect(s.docs, r, CitedBy)
	res := search(t, s.b, r)
	if res.Size != indexer.DefaultSize || len(res.Hits) != indexer.DefaultSize || res.Page != 1 {
		t.Errorf("default page: size %d, %d hits, page %d; want %d, %d, 1", res.Size, len(res.Hits), res.Page, indexer.DefaultSize, indexer.DefaultSize)
	}
	if res.Total != uint64(len(want)) {
		t.Errorf("Total %d, want %d", res.Total, len(want))
	}
	for _, p := range []struct{ page, size int }{{1, 5}, {2, 5}, {3, 7}, {(len(want) + 4) / 5, 5}, {len(want)/5 + 5, 5}, {1, indexer.MaxSize}} {
		r.Page, r.Size = p.page, p.size
		res := search(t, s.b, r)
		from, to := min((p.page-1)*p.size, len(want)), min(p.page*p.size, len(want))
		sameOrder(t, describe(r), ids(res.Hits), want[from:to])
		if res.Page != p.page || res.Size != p.size || res.Total != uint64(len(want)) {
			t.Errorf("%s: page %d size %d total %d", describe(r), res.Page, res.Size, res.Total)
		}
		if (res.NextCursor != "") != (to < len(want)) {
			t.Errorf("%s: next cursor %q with %d hits after the page", describe(r), res.NextCursor, len(want)-to)
		}
	}
}

func (s *suite) hitFields(t *testing.T) {
	hits := walk(t, s.b, indexer.Request{Size: indexer.MaxSize, Sections: -1})
	sameSet(t, "every document", ids(hits), s.allIDs())
	for _, h := range hits {
		d := s.byID[h.ID]
		if d == nil {
			continue
		}
		want := indexer.Hit{ID: d.ID, Title: d.Title, Type: d.Type, Date: day(d), Dossier: d.Dossier, Kamer: d.Kamer,
			Vergaderjaar: d.Vergaderjaar, Sender: d.Sender, CitedBy: CitedBy(d.ID)}
		got := h
		got.Score, got.Fragments, got.Sections = 0, nil, nil
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("hit %s:\n got %+v\nwant %+v", h.ID, got, want)
		}
		if h.Fragments == nil || h.Sections == nil {
			t.Errorf("hit %s: Fragments and Sections are nil, want empty lists (JSON [])", h.ID)
		}
	}
}

// wordQueries are queries with words whose matches every backend finds.
var wordQueries = []string{
	"kwelschermen",
	"criminaliteit",
	"georganiseerde criminaliteit",
	`"georganiseerde criminaliteit"`,
	"term00500",
	"deltafonds kwelschermen",
	"29 911",
	"kst-29911-337",
	"encryptie",
	"-minister kwelschermen",
	"title:dijkversterking",
}

func (s *suite) words(t *testing.T) {
	for _, q := range wordQueries {
		r := indexer.Request{Query: q, Size: indexer.MaxSize, Sections: -1}
		want := ids(walk(t, s.ref, r))
		if len(want) == 0 {
			t.Errorf("%s matches nothing in the embedded index: not a useful case", describe(r))
		}
		sameSet(t, describe(r), ids(walk(t, s.b, r)), want)
		// The first hits agree too, as a set: the best of them are
		// found by every backend.
		first := search(t, s.b, indexer.Request{Query: q, Size: 3, Sections: -1})
		for _, h := range first.Hits {
			if !slices.Contains(want, h.ID) {
				t.Errorf("%s: first page holds %s, which does not match", describe(r), h.ID)
			}
		}
	}
}

func (s *suite) fragments(t *testing.T) {
	for _, c := range []struct{ q, word string }{
		{"kwelschermen", "kwelschermen"},
		{"term00500", "term00500"},
		{"deltafonds", "deltafonds"},
	} {
		res := search(t, s.b, indexer.Request{Query: c.q, Size: indexer.MaxSize})
		if res.Total == 0 {
			t.Errorf("q=%q: no hits", c.q)
		}
		marked := false
		for _, h := range res.Hits {
			if len(h.Fragments) == 0 {
				t.Errorf("q=%q: hit %s has no fragments", c.q, h.ID)
			}
			for _, f := range h.Fragments {
				if !strings.Contains(f, "<mark>") || strings.Count(f, "<mark>") != strings.Count(f, "</mark>") {
					t.Errorf("q=%q: hit %s: fragment without balanced <mark>: %q", c.q, h.ID, f)
				}
				if strings.Contains(strings.ToLower(f), "<mark>"+c.word+"</mark>") {
					marked = true
				}
			}
		}
		if !marked {
			t.Errorf("q=%q: no fragment holds <mark>%s</mark>", c.q, c.word)
		}
	}
}

func (s *suite) sections(t *testing.T) {
	res := search(t, s.b, indexer.Request{Query: "kwelwater", IDs: []string{"kst-40001-1"}, RestrictIDs: true})
	if len(res.Hits) != 1 {
		t.Fatalf("q=kwelwater in kst-40001-1: %d hits", len(res.Hits))
	}
	var got *indexer.SectionHit
	for i, sh := range res.Hits[0].Sections {
		if sh.ID == "s2" {
			got = &res.Hits[0].Sections[i]
		}
	}
	want := indexer.SectionHit{ID: "s2", Heading: "1.1 Kwelschermen", Path: []string{"1 Aanleiding", "1.1 Kwelschermen"},
		Page: 2, URL: indexer.FileURL("kst-40001-1", 2)}
	if got == nil {
		t.Fatalf("q=kwelwater: section s2 not among %+v", res.Hits[0].Sections)
	}
	if got.Heading != want.Heading || !slices.Equal(got.Path, want.Path) || got.Page != want.Page || got.URL != want.URL ||
		len(got.Fragments) == 0 || !strings.Contains(got.Fragments[0], "<mark>") {
		t.Errorf("q=kwelwater: section\n got %+v\nwant %+v with a <mark>ed fragment", *got, want)
	}
	// Every section hit names a section of its document, with a path
	// ending in its heading and the URL of its page.
	for _, q := range []string{"criminaliteit", "kwelschermen", "minister"} {
		for _, h := range search(t, s.b, indexer.Request{Query: q, Size: 20, Sections: 5}).Hits {
			d := s.byID[h.ID]
			// A match in the title or a footnote has no section.
			if len(h.Sections) > 5 {
				t.Errorf("q=%s: hit %s has %d sections, want at most 5", q, h.ID, len(h.Sections))
			}
			for _, sh := range h.Sections {
				i := slices.IndexFunc(d.Sections, func(x document.Section) bool { return x.ID == sh.ID })
				if i < 0 {
					t.Errorf("q=%s: hit %s: section %q is not the document's", q, h.ID, sh.ID)
					continue
				}
				pathOK := len(sh.Path) > 0 && sh.Path[len(sh.Path)-1] == sh.Heading || sh.Heading == "" && len(sh.Path) == 0
				if !pathOK || sh.URL != indexer.FileURL(h.ID, sh.Page) ||
					sh.Page < d.Sections[i].Page {
					t.Errorf("q=%s: hit %s: section %+v (the document's starts on page %d)", q, h.ID, sh, d.Sections[i].Page)
				}
			}
		}
	}
	// Sections: -1 asks for none.
	for _, h := range search(t, s.b, indexer.Request{Query: "kwelschermen", Sections: -1}).Hits {
		if len(h.Sections) != 0 {
			t.Errorf("Sections -1: hit %s has %d sections", h.ID, len(h.Sections))
		}
	}
}

func (s *suite) suggest(t *testing.T) {
	count := len(expect(s.docs, indexer.Request{Dossier: []string{"29911"}}, CitedBy))
	for _, p := range []string{"2991", "29 9", "29911"} {
		sug, err := s.b.Suggest(p, 10)
		if err != nil {
			t.Fatalf("Suggest(%q): %v", p, err)
		}
		i := slices.IndexFunc(sug, func(x indexer.Suggestion) bool { return x.Kind == "dossier" && x.Value == "29911" })
		if i < 0 {
			t.Errorf("Suggest(%q) = %+v, want dossier 29911", p, sug)
		} else if sug[i].Count != count || !strings.HasPrefix(sug[i].Label, "29911") {
			t.Errorf("Suggest(%q): %+v, want count %d and a label starting with the number", p, sug[i], count)
		}
		if len(sug) > 0 && sug[0].Kind != "dossier" {
			t.Errorf("Suggest(%q): dossiers come first: %+v", p, sug)
		}
	}
	sug, err := s.b.Suggest("kst-4000", 10)
	if err != nil {
		t.Fatal(err)
	}
	var docs []string
	for _, x := range sug {
		if x.Kind == "document" {
			docs = append(docs, x.Value)
		}
	}
	sameSet(t, `Suggest("kst-4000") documents`, docs, []string{"kst-40001-1", "kst-40001-2", "kst-40001-3", "kst-40002-1", "kst-40002-2", "kst-40003-1", "kst-40003-2"})
	if sug, err := s.b.Suggest("kst-4000", 2); err != nil || len(sug) != 2 {
		t.Errorf("Suggest(kst-4000, 2) = %d suggestions, %v; want 2", len(sug), err)
	}
	if sug, err := s.b.Suggest("  ", 10); err != nil || len(sug) != 0 {
		t.Errorf("Suggest(blank) = %+v, %v; want none", sug, err)
	}
	if sug, err := s.b.Suggest("zandmeerv", 10); err != nil || !slices.ContainsFunc(sug, func(x indexer.Suggestion) bool {
		return x.Kind == "title" && x.Value == "Voortgang zandmeervoudige dijken" && x.Count == 2
	}) {
		t.Errorf("Suggest(zandmeerv) = %+v, %v; want the title of kst-40002 with count 2", sug, err)
	}
}

func (s *suite) stats(t *testing.T) {
	st, err := s.b.Stats()
	if err != nil {
		t.Fatal(err)
	}
	want := indexer.Stats{Documents: uint64(len(s.docs)), ByType: map[string]int{}, ByYear: map[string]int{}, Extractors: map[string]int{}}
	for _, d := range s.docs {
		want.ByType[cmpOr(d.Type, "unknown")]++
		year := "unknown"
		if len(d.Date) >= 4 {
			year = d.Date[:4]
		}
		want.ByYear[year]++
		want.Extractors[cmpOr(d.ExtractorVersion, "unknown")]++
		want.Sections += uint64(len(d.Sections))
		want.Footnotes += len(d.Footnotes)
		want.References += len(d.References)
	}
	if st.Documents != want.Documents || st.Sections != want.Sections || st.Footnotes != want.Footnotes || st.References != want.References {
		t.Errorf("Stats: documents %d sections %d footnotes %d references %d; want %d %d %d %d",
			st.Documents, st.Sections, st.Footnotes, st.References, want.Documents, want.Sections, want.Footnotes, want.References)
	}
	for _, m := range []struct {
		name      string
		got, want map[string]int
	}{{"by_type", st.ByType, want.ByType}, {"by_year", st.ByYear, want.ByYear}, {"extractor_versions", st.Extractors, want.Extractors}} {
		if !maps.Equal(m.got, m.want) {
			t.Errorf("Stats %s:\n got %v\nwant %v", m.name, m.got, m.want)
		}
	}
	if st.IndexBytes < 0 || st.MappingVersion == "" {
		t.Errorf("Stats: index bytes %d, mapping version %q", st.IndexBytes, st.MappingVersion)
	}
}

func cmpOr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func (s *suite) badQuery(t *testing.T) {
	for _, r := range []indexer.Request{
		{Query: `"georganiseerde criminaliteit`},
		{Query: "(ondermijning"},
		{Query: "criminaliteit", Sort: "alfabet"},
		{From: "morgen"},
		{From: "2024", To: "2023"},
		{Cursor: "niet-een-cursor"},
		{Facets: []string{"kleur"}},
		{Size: indexer.MaxSize + 1},
		{Size: -1},
		{Page: -1},
	} {
		res, err := s.b.Search(r)
		if !errors.Is(err, indexer.ErrBadQuery) {
			t.Errorf("%s (cursor %q, facets %v): %v, %v; want an error wrapping ErrBadQuery", describe(r), r.Cursor, r.Facets, res, err)
		}
		if _, ok := indexer.IsUnavailable(err); ok {
			t.Errorf("%s: a bad query is reported as an unavailable node: %v", describe(r), err)
		}
	}
}

func (s *suite) noMatch(t *testing.T) {
	for _, r := range []indexer.Request{
		{Query: "zqxjwvk"},
		{RestrictIDs: true},
		{Query: "criminaliteit", RestrictIDs: true, IDs: []string{}},
		{Query: "kwelschermen", Type: []string{"kamervragen"}},
		{Dossier: []string{"99999"}, Facets: indexer.DefaultFacets},
	} {
		res := search(t, s.b, r)
		if res.Total != 0 || len(res.Hits) != 0 || res.NextCursor != "" || res.Hits == nil {
			t.Errorf("%s: total %d, hits %v (nil %v), cursor %q; want 0, an empty list, none", describe(r), res.Total, ids(res.Hits), res.Hits == nil, res.NextCursor)
		}
		for name, vals := range res.Facets {
			if len(vals) != 0 {
				t.Errorf("%s: facet %s counts %v over no hits", describe(r), name, vals)
			}
		}
	}
}

func (s *suite) context(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := s.b.SearchContext(ctx, indexer.Request{Query: "minister"}); !errors.Is(err, context.Canceled) {
		t.Errorf("SearchContext with a cancelled context: %v, want an error wrapping context.Canceled", err)
	}
	res, err := s.b.SearchContext(context.Background(), indexer.Request{Query: "kwelschermen", Sections: -1})
	if err != nil || res.Total == 0 {
		t.Errorf("SearchContext: %v, %v", res, err)
	}
}

// putTwice checks on a new index that a second Put of the same
// documents changes nothing, and that a Put of a changed document
// replaces it.
func (s *suite) putTwice(t *testing.T) {
	b := s.open(t)
	for range 2 {
		if err := b.Put(s.docs, CitedBy); err != nil {
			t.Fatal(err)
		}
	}
	if err := b.Put(s.docs[:10], CitedBy); err != nil {
		t.Fatal(err)
	}
	if n, err := b.Count(); err != nil || n != uint64(len(s.docs)) {
		t.Errorf("Count after putting every document twice: %d, %v; want %d", n, err, len(s.docs))
	}
	got, err := b.DocIDs()
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(got)
	sameOrder(t, "DocIDs after putting twice", got, s.allIDs())
	for _, r := range []indexer.Request{{Query: "kwelschermen"}, {Type: []string{"brief"}, Sort: "date"}} {
		r.Size, r.Sections = indexer.MaxSize, -1
		sameSet(t, describe(r)+" after putting twice", ids(walk(t, b, r)), ids(walk(t, s.b, r)))
	}
	// A changed document replaces the one with its id.
	d := *s.byID["kst-40002-2"]
	d.Title, d.Type = "Herziene bijlage over zeewering", "bijlage"
	d.Sections = []document.Section{{ID: "s1", Heading: "Zeewering", Level: 1, Text: "De zeewering bij Petten.",
		Paragraphs: []document.Paragraph{{Start: 0, End: 24}}}}
	if err := b.Put([]*document.Document{&d}, nil); err != nil {
		t.Fatal(err)
	}
	if n, _ := b.Count(); n != uint64(len(s.docs)) {
		t.Errorf("Count after replacing a document: %d, want %d", n, len(s.docs))
	}
	if res := search(t, b, indexer.Request{Query: "zeewering", Sections: -1}); !slices.Equal(ids(res.Hits), []string{d.ID}) || res.Hits[0].Type != "bijlage" || res.Hits[0].CitedBy != 0 {
		t.Errorf("q=zeewering after replacing %s: %+v", d.ID, res.Hits)
	}
	if res := search(t, b, indexer.Request{Query: "dijkvakken", Sections: -1}); res.Total != 0 {
		t.Errorf("q=dijkvakken still finds %v after the document was replaced", ids(res.Hits))
	}
	if err := b.Put(nil, CitedBy); err != nil {
		t.Errorf("Put(nil): %v", err)
	}
}

// delete checks on a new index that deleted documents are gone from
// every answer and that unknown ids are ignored.
func (s *suite) delete(t *testing.T) {
	b := s.open(t)
	if err := b.Put(s.docs, CitedBy); err != nil {
		t.Fatal(err)
	}
	gone := []string{"kst-40001-1", "kst-40001-3", "kst-29911-337"}
	if err := b.Delete(append(slices.Clone(gone), "kst-1-1")...); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	if err := b.Delete(); err != nil {
		t.Errorf("Delete(): %v", err)
	}
	if err := b.Delete(gone[0]); err != nil {
		t.Errorf("Delete of a deleted id: %v", err)
	}
	left := slices.DeleteFunc(s.allIDs(), func(id string) bool { return slices.Contains(gone, id) })
	if n, err := b.Count(); err != nil || n != uint64(len(left)) {
		t.Errorf("Count after Delete: %d, %v; want %d", n, err, len(left))
	}
	got, err := b.DocIDs()
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(got)
	sameOrder(t, "DocIDs after Delete", got, left)
	for _, id := range gone {
		if ok, err := b.Has(id); ok || err != nil {
			t.Errorf("Has(%s) after Delete: %v, %v", id, ok, err)
		}
	}
	res := search(t, b, indexer.Request{Dossier: []string{"40001"}, Facets: []string{"type"}, Sections: -1})
	if !slices.Equal(ids(res.Hits), []string{"kst-40001-2"}) || len(res.Facets["type"]) != 1 || res.Facets["type"][0] != (indexer.FacetValue{Value: "motie", Count: 1}) {
		t.Errorf("dossier 40001 after Delete: %v, facets %v", ids(res.Hits), res.Facets)
	}
	if res := search(t, b, indexer.Request{Query: "deltafonds", Sections: -1}); !slices.Equal(ids(res.Hits), []string{"kst-40001-2"}) {
		t.Errorf("q=deltafonds after Delete: %v", ids(res.Hits))
	}
	if st, err := b.Stats(); err != nil || st.Documents != uint64(len(left)) {
		t.Errorf("Stats after Delete: %+v, %v", st, err)
	}
}

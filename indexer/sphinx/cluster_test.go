package sphinx

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"kamerzoek/indexer"
	"kamerzoek/internal/document"
	"kamerzoek/internal/searchd"
)

// startCluster starts a local cluster of shards searchd nodes for t,
// stopped (by PID) when t ends, however it ends.
func startCluster(t testing.TB, shards int) (*searchd.Local, *Cluster) {
	t.Helper()
	bin := searchd.RequireBinary(t)
	l, err := searchd.StartLocal(bin, t.TempDir(), shards)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(l.Stop)
	var log *slog.Logger
	if testing.Verbose() {
		log = slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	}
	c, err := New(Config{Nodes: l.Nodes, Logger: log})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return l, c
}

func open(t testing.TB, c *Cluster, name string, opts indexer.Options) indexer.Backend {
	t.Helper()
	b, err := c.Open(name, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	return b
}

func sec(id, parent, heading string, page int, paras ...string) document.Section {
	s := document.Section{ID: id, Parent: parent, Heading: heading, Page: page}
	var b strings.Builder
	for i, p := range paras {
		if i > 0 {
			b.WriteString("\n\n")
		}
		start := b.Len()
		b.WriteString(p)
		s.Paragraphs = append(s.Paragraphs, document.Paragraph{Start: start, End: b.Len(), Page: page + i})
	}
	s.Text = b.String()
	return s
}

func testDocs() []*document.Document {
	return []*document.Document{
		{
			ID: "kst-29911-337", Kamer: "tk", Vergaderjaar: "2021-2022", Dossier: "29911", Number: "337",
			Date: "2021-11-15", Title: "Bestrijding georganiseerde criminaliteit", Type: "brief",
			Sender: "Minister van Justitie en Veiligheid", ExtractorVersion: "x1",
			Sections: []document.Section{
				sec("s1", "", "Inleiding", 1, "Hierbij informeer ik uw Kamer over de aanpak van ondermijning in de havens."),
				sec("s2", "", "Drugssmokkel", 2, "Eerst iets anders over de begroting.",
					"De drugssmokkel via de haven van Rotterdam blijft groot; de georganiseerde criminaliteit <b>investeert</b> in café's & reünies."),
				sec("s3", "s2", "Haven van Rotterdam", 4, "Samenwerking in de haven."),
			},
			Footnotes:  []document.Footnote{{Number: 1, Text: "Kamerstuk 29 911, nr. 300."}},
			References: []document.Reference{{ID: "kst-29911-300"}},
		},
		{
			ID: "kst-29911-300", Kamer: "tk", Vergaderjaar: "2020-2021", Dossier: "29911", Number: "300",
			Date: "2020-05-01", Title: "Bestrijding georganiseerde criminaliteit", Type: "motie", ExtractorVersion: "x1",
			Sections: []document.Section{
				sec("s1", "", "Motie", 1, "verzoekt de regering de samenwerking met gemeenten tegen witwassen te versterken"),
			},
		},
		{
			ID: "kst-36200-VI-12", Kamer: "tk", Vergaderjaar: "2022-2023", Dossier: "36200-VI", Number: "12",
			Date: "2022-10-03", Title: "Vaststelling begroting Justitie en Veiligheid", Type: "memorie van toelichting",
			Sender: "Minister van Justitie en Veiligheid", ExtractorVersion: "x2",
			Sections: []document.Section{
				sec("s1", "", "Beleidsagenda", 3, "De begroting versterkt de politie en de rechtspraak tegen ondermijnende criminaliteit."),
			},
			References: []document.Reference{{ID: "kst-29911-300"}, {ID: "kst-29911-337"}},
		},
		{
			ID: "ah-tk-20232024-1178", Kamer: "tk", Vergaderjaar: "2023-2024", Number: "1178",
			Title: "Vragen over de reünie van oud-mariniers", Type: "kamervragen",
			Sections: []document.Section{
				sec("s1", "", "Vraag 1", 1, "Bent u bekend met het bericht over de reünie in het café?"),
			},
		},
	}
}

func ids(res *indexer.Result) []string {
	out := []string{}
	for _, h := range res.Hits {
		out = append(out, h.ID)
	}
	return out
}

func search(t *testing.T, b indexer.Backend, r indexer.Request) *indexer.Result {
	t.Helper()
	res, err := b.Search(r)
	if err != nil {
		t.Fatalf("%+v: %v", r, err)
	}
	return res
}

func TestSearch(t *testing.T) {
	_, c := startCluster(t, 2)
	cited := map[string]int{"kst-29911-300": 2, "kst-29911-337": 1}
	var mu sync.Mutex
	opts := indexer.Options{CitedBy: func(id string) int { mu.Lock(); defer mu.Unlock(); return cited[id] }}
	b := open(t, c, "index-0001", opts)
	docs := testDocs()
	if err := b.Put(docs, nil); err != nil {
		t.Fatal(err)
	}
	// Putting again changes nothing.
	if err := b.Put(docs, nil); err != nil {
		t.Fatal(err)
	}
	if n, err := b.Count(); err != nil || n != 4 {
		t.Fatalf("count = %d, %v; want 4", n, err)
	}
	all, err := b.DocIDs()
	slices.Sort(all)
	if err != nil || strings.Join(all, " ") != "ah-tk-20232024-1178 kst-29911-300 kst-29911-337 kst-36200-VI-12" {
		t.Fatalf("doc ids = %v, %v", all, err)
	}
	if ok, err := b.Has("kst-29911-300"); !ok || err != nil {
		t.Fatalf("has = %v, %v", ok, err)
	}
	if ok, err := b.Has("kst-1-1"); ok || err != nil {
		t.Fatalf("has absent = %v, %v", ok, err)
	}

	cases := []struct {
		r    indexer.Request
		want string // ids in order; "*" prefix: as a set
	}{
		{indexer.Request{Query: "haven"}, "*kst-29911-337"},
		{indexer.Request{Query: "café"}, "*ah-tk-20232024-1178 kst-29911-337"},
		{indexer.Request{Query: "cafe"}, "*ah-tk-20232024-1178 kst-29911-337"},
		{indexer.Request{Query: "reünie"}, "*ah-tk-20232024-1178"},
		{indexer.Request{Query: "crimin*", Sort: "date"}, "kst-36200-VI-12 kst-29911-337 kst-29911-300"},
		{indexer.Request{Query: "crimin*", Sort: "date_asc"}, "kst-29911-300 kst-29911-337 kst-36200-VI-12"},
		{indexer.Request{Query: "criminaliteit", Sort: "cited_by"}, "kst-29911-300 kst-29911-337 kst-36200-VI-12"},
		{indexer.Request{Query: `"georganiseerde criminaliteit"`}, "*kst-29911-300 kst-29911-337"},
		{indexer.Request{Query: "29 911"}, "*kst-29911-300 kst-29911-337"},
		{indexer.Request{Query: "kst-36200-VI-12"}, "kst-36200-VI-12"},
		{indexer.Request{Query: "type:brief"}, "kst-29911-337"},
		{indexer.Request{Query: `type:"memorie van toelichting"`}, "kst-36200-VI-12"},
		{indexer.Request{Query: "dossier:36200-VI"}, "kst-36200-VI-12"},
		{indexer.Request{Query: "criminaliteit -drugssmokkel"}, "*kst-29911-300 kst-36200-VI-12"},
		{indexer.Request{Query: "-drugssmokkel"}, "*ah-tk-20232024-1178 kst-29911-300 kst-36200-VI-12"},
		{indexer.Request{Query: "NOT type:motie criminaliteit"}, "*kst-29911-337 kst-36200-VI-12"},
		{indexer.Request{Query: "witwassen OR begroting"}, "*kst-29911-300 kst-29911-337 kst-36200-VI-12"},
		{indexer.Request{Query: "(witwassen OR rechtspraak) +versterk*"}, "*kst-29911-300 kst-36200-VI-12"},
		{indexer.Request{Query: "title:begroting"}, "kst-36200-VI-12"},
		{indexer.Request{Query: "date:>=2021 criminaliteit", Sort: "date"}, "kst-36200-VI-12 kst-29911-337"},
		{indexer.Request{Query: "date:2021"}, "kst-29911-337"},
		{indexer.Request{Query: "cited_by:>=2"}, "kst-29911-300"},
		{indexer.Request{Query: `"witwassen versterken"~3`}, "kst-29911-300"},
		{indexer.Request{Query: "witwasen~"}, ""}, // fuzzy is the word itself on Sphinx
		{indexer.Request{Query: "criminaliteit", Dossier: []string{"29 911"}}, "*kst-29911-300 kst-29911-337"},
		{indexer.Request{Query: "criminaliteit", Type: []string{"Motie", "memorie van toelichting"}}, "*kst-29911-300 kst-36200-VI-12"},
		{indexer.Request{Query: "criminaliteit", Vergaderjaar: []string{"2021/22"}}, "kst-29911-337"},
		{indexer.Request{Query: "criminaliteit", Sender: []string{"Minister van Justitie en Veiligheid"}}, "*kst-29911-337 kst-36200-VI-12"},
		{indexer.Request{Query: "criminaliteit", Kamer: []string{"ek"}}, ""},
		{indexer.Request{From: "2021", To: "2022-06"}, "kst-29911-337"},
		{indexer.Request{Query: "criminaliteit", IDs: []string{"kst-29911-300", "kst-1-1"}, RestrictIDs: true}, "kst-29911-300"},
		{indexer.Request{Query: "criminaliteit", RestrictIDs: true}, ""},
		{indexer.Request{Sort: "date"}, "kst-36200-VI-12 kst-29911-337 kst-29911-300 ah-tk-20232024-1178"},
		// Words no document holds all of: the documents holding some.
		{indexer.Request{Query: "witwassen rechtspraak"}, "*kst-29911-300 kst-36200-VI-12"},
		// User text that would be syntax to SQL or to MATCH.
		{indexer.Request{Query: `"haven') OR 1=1 -- "`}, ""},
		{indexer.Request{Query: `haven\' OR 1=1`}, "kst-29911-337"},
		{indexer.Request{Query: `@kw kz_all`}, ""},
		{indexer.Request{Query: `"haven" | @sid \ / ^ $ = < "@kw (kz_all"`}, "*kst-29911-337"},
	}
	for _, tc := range cases {
		res := search(t, b, tc.r)
		got := ids(res)
		want := strings.Fields(strings.TrimPrefix(tc.want, "*"))
		if strings.HasPrefix(tc.want, "*") {
			slices.Sort(got)
			slices.Sort(want)
		}
		if !slices.Equal(got, want) {
			t.Errorf("%+v: got %v, want %v", tc.r, got, want)
		}
		if res.Total != uint64(len(res.Hits)) {
			t.Errorf("%+v: total %d for %d hits", tc.r, res.Total, len(res.Hits))
		}
	}
	if res := search(t, b, indexer.Request{Query: "witwassen rechtspraak"}); !res.Relaxed {
		t.Errorf("relaxed not set: %+v", res)
	}

	// Hits carry their fields, live cited-by counts, sections, fragments.
	res := search(t, b, indexer.Request{Query: "drugssmokkel haven", Facets: []string{"type", "dossier", "year", "sender"}})
	if len(res.Hits) != 1 {
		t.Fatalf("hits = %v", ids(res))
	}
	h := res.Hits[0]
	if h.Title != "Bestrijding georganiseerde criminaliteit" || h.Type != "brief" || h.Date != "2021-11-15" || h.Dossier != "29911" ||
		h.Kamer != "tk" || h.Vergaderjaar != "2021-2022" || h.Sender != "Minister van Justitie en Veiligheid" || h.CitedBy != 1 || h.Score <= 0 {
		t.Errorf("hit fields: %+v", h)
	}
	if len(h.Sections) < 2 || h.Sections[0].ID != "s2" {
		t.Fatalf("sections: %+v", h.Sections)
	}
	s := h.Sections[0]
	if s.Heading != "Drugssmokkel" || s.Page != 2 || s.URL != "/api/v1/documents/kst-29911-337/file#page=2" ||
		!slices.Equal(s.Path, []string{"Drugssmokkel"}) {
		t.Errorf("section: %+v", s)
	}
	if len(s.Fragments) != 1 || !strings.Contains(s.Fragments[0], "<mark>drugssmokkel</mark>") ||
		!strings.Contains(s.Fragments[0], "<mark>haven</mark>") || !strings.Contains(s.Fragments[0], "&lt;b&gt;investeert&lt;/b&gt;") ||
		!strings.Contains(s.Fragments[0], "&amp;") || strings.Contains(s.Fragments[0], "\uE000") {
		t.Errorf("fragment: %q", s.Fragments)
	}
	if sub := h.Sections[1]; sub.ID != "s3" || !slices.Equal(sub.Path, []string{"Drugssmokkel", "Haven van Rotterdam"}) || sub.Page != 4 {
		t.Errorf("subsection: %+v", sub)
	}
	if len(h.Fragments) == 0 || h.Fragments[0] != s.Fragments[0] {
		t.Errorf("hit fragments %q", h.Fragments)
	}
	if len(res.Facets["type"]) != 1 || res.Facets["type"][0] != (indexer.FacetValue{Value: "brief", Count: 1}) ||
		res.Facets["year"][0].Value != "2021" {
		t.Errorf("facets: %+v", res.Facets)
	}
	res = search(t, b, indexer.Request{Facets: []string{"dossier", "kamer"}, FacetSize: 1})
	if len(res.Facets["dossier"]) != 1 || res.Facets["dossier"][0] != (indexer.FacetValue{Value: "29911", Count: 2}) ||
		res.Facets["kamer"][0] != (indexer.FacetValue{Value: "tk", Count: 4}) {
		t.Errorf("facets: %+v", res.Facets)
	}
	if res := search(t, b, indexer.Request{Query: "haven", Sections: -1}); len(res.Hits[0].Sections) != 0 {
		t.Errorf("sections asked for none: %+v", res.Hits[0].Sections)
	}

	// Bad requests.
	for _, r := range []indexer.Request{
		{Query: `"unclosed`}, {Sort: "size"}, {Size: 1000}, {Facets: []string{"colour"}}, {From: "gisteren"},
		{Cursor: "nonsense"}, {Query: "-29911"}, {Query: "(date:2021 OR haven)"}, {Page: 2000},
	} {
		if _, err := b.Search(r); !errors.Is(err, indexer.ErrBadQuery) {
			t.Errorf("%+v: err = %v, want ErrBadQuery", r, err)
		}
	}

	// A new citation: Put updates the cited document's count.
	mu.Lock()
	cited["kst-29911-337"] = 5
	mu.Unlock()
	if err := b.Put([]*document.Document{{ID: "kst-1-1", Title: "citeert", References: []document.Reference{{ID: "kst-29911-337"}}}}, nil); err != nil {
		t.Fatal(err)
	}
	if res := search(t, b, indexer.Request{Query: "criminaliteit", Sort: "cited_by"}); ids(res)[0] != "kst-29911-337" || res.Hits[0].CitedBy != 5 {
		t.Errorf("cited_by after a new citation: %v %+v", ids(res), res.Hits[0])
	}
	if res := search(t, b, indexer.Request{Query: "cited_by:5"}); !slices.Equal(ids(res), []string{"kst-29911-337"}) {
		t.Errorf("cited_by:5 = %v", ids(res))
	}

	// Delete.
	if err := b.Delete("kst-1-1", "kst-29911-300", "not-there"); err != nil {
		t.Fatal(err)
	}
	if res := search(t, b, indexer.Request{Query: "witwassen"}); res.Total != 0 {
		t.Errorf("deleted document found: %v", ids(res))
	}
	if n, _ := b.Count(); n != 3 {
		t.Errorf("count after delete = %d", n)
	}

	// Suggest and stats.
	sug, err := b.Suggest("29 9", 5)
	if err != nil || len(sug) == 0 || sug[0] != (indexer.Suggestion{Kind: "dossier", Value: "29911", Label: "29911 Bestrijding georganiseerde criminaliteit", Count: 1}) {
		t.Errorf("suggest 29 9 = %+v, %v", sug, err)
	}
	sug, err = b.Suggest("kst-3620", 5)
	if err != nil || len(sug) == 0 || sug[0].Kind != "document" || sug[0].Value != "kst-36200-VI-12" {
		t.Errorf("suggest kst-3620 = %+v, %v", sug, err)
	}
	sug, err = b.Suggest("vaststelling begr", 5)
	if err != nil || len(sug) != 2 || sug[1] != (indexer.Suggestion{Kind: "title", Value: "Vaststelling begroting Justitie en Veiligheid", Label: "Vaststelling begroting Justitie en Veiligheid", Count: 1}) {
		t.Errorf("suggest title = %+v, %v", sug, err)
	}
	st, err := b.Stats()
	if err != nil {
		t.Fatal(err)
	}
	if st.Documents != 3 || st.Sections != 5 || st.Footnotes != 1 || st.References != 3 || st.ByType["kamervragen"] != 1 ||
		st.ByYear["unknown"] != 1 || st.ByYear["2022"] != 1 || st.Extractors["x2"] != 1 || st.IndexBytes <= 0 || st.MappingVersion != indexer.MappingVersion {
		t.Errorf("stats: %+v", st)
	}
}

// TestPaging walks a result by page and by cursor, in every sort order,
// over documents with equal dates and scores.
func TestPaging(t *testing.T) {
	_, c := startCluster(t, 2)
	b := open(t, c, "index-0002", indexer.Options{})
	docs := indexer.SyntheticDocs(230, 3, 7)
	if err := b.Put(docs, func(id string) int { return len(id) % 4 }); err != nil {
		t.Fatal(err)
	}
	for _, sort := range indexer.Sorts {
		for _, q := range []string{"", "kabinet"} {
			var byPage []string
			var total uint64
			for p := 1; ; p++ {
				res := search(t, b, indexer.Request{Query: q, Sort: sort, Page: p, Size: 25, Sections: -1})
				byPage = append(byPage, ids(res)...)
				total = res.Total
				if len(res.Hits) < 25 {
					break
				}
			}
			if uint64(len(byPage)) != total || total == 0 {
				t.Fatalf("%s %q: %d by page, total %d", sort, q, len(byPage), total)
			}
			var byCursor []string
			cur := ""
			for range 100 {
				res := search(t, b, indexer.Request{Query: q, Sort: sort, Size: 25, Cursor: cur, Sections: -1})
				byCursor = append(byCursor, ids(res)...)
				if res.NextCursor == "" {
					break
				}
				cur = res.NextCursor
			}
			if !slices.Equal(byPage, byCursor) {
				i := 0
				for i < min(len(byPage), len(byCursor)) && byPage[i] == byCursor[i] {
					i++
				}
				t.Errorf("%s %q: pages (%d hits) and cursor (%d hits) differ from hit %d on", sort, q, len(byPage), len(byCursor), i)
			}
			seen := map[string]bool{}
			for _, id := range byPage {
				if seen[id] {
					t.Errorf("%s %q: %s twice", sort, q, id)
				}
				seen[id] = true
			}
		}
	}
	res := search(t, b, indexer.Request{Sort: "date", Size: 10})
	if _, err := b.Search(indexer.Request{Sort: "cited_by", Cursor: res.NextCursor}); !errors.Is(err, indexer.ErrBadQuery) {
		t.Errorf("cursor of another sort: %v", err)
	}
}

func TestOpener(t *testing.T) {
	_, c := startCluster(t, 2)
	if ok, err := c.Exists("index-0001"); ok || err != nil {
		t.Fatalf("exists before open = %v, %v", ok, err)
	}
	b1 := open(t, c, "index-0001", indexer.Options{})
	if err := b1.Put(testDocs(), nil); err != nil {
		t.Fatal(err)
	}
	if ok, err := c.Exists("index-0001"); !ok || err != nil {
		t.Fatalf("exists = %v, %v", ok, err)
	}
	// The next index is built beside it.
	b2 := open(t, c, "index-0002", indexer.Options{})
	if n, _ := b2.Count(); n != 0 {
		t.Fatalf("new index holds %d", n)
	}
	if err := b2.Put(testDocs()[:1], nil); err != nil {
		t.Fatal(err)
	}
	// index-0003 would take index-0001's tables.
	if _, err := c.Open("index-0003", indexer.Options{}); err == nil || !strings.Contains(err.Error(), "index-0001") {
		t.Fatalf("open over a live index: %v", err)
	}
	// Reopening keeps the documents.
	b1again := open(t, c, "index-0001", indexer.Options{})
	if n, _ := b1again.Count(); n != 4 {
		t.Fatalf("reopened index holds %d", n)
	}
	if err := c.Remove("index-0001"); err != nil {
		t.Fatal(err)
	}
	if ok, _ := c.Exists("index-0001"); ok {
		t.Fatal("exists after remove")
	}
	if err := c.Remove("index-0001"); err != nil {
		t.Fatalf("remove twice: %v", err)
	}
	b3 := open(t, c, "index-0003", indexer.Options{})
	if n, _ := b3.Count(); n != 0 {
		t.Fatalf("index-0003 holds %d", n)
	}
	if n, _ := b2.Count(); n != 1 {
		t.Fatalf("index-0002 holds %d after index-0001 was removed", n)
	}
	// An index written under another schema.
	for _, n := range c.nodes {
		if _, err := n.db.Exec("REPLACE INTO "+searchd.MetaIndex+" (id, name, name_s, version, slot) VALUES (?, ?, ?, ?, ?)", 2, "index-0003", "index-0003", "kamerzoek-0/sphinx-0", 1); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := c.Open("index-0003", indexer.Options{}); !errors.Is(err, indexer.ErrMappingChanged) {
		t.Fatalf("open under another schema: %v", err)
	}
}

// TestRestart: documents survive a node's crash (SIGKILL) through its
// binary log.
func TestRestart(t *testing.T) {
	l, c := startCluster(t, 2)
	b := open(t, c, "index-0001", indexer.Options{})
	docs := indexer.SyntheticDocs(100, 2, 3)
	if err := b.Put(docs, nil); err != nil {
		t.Fatal(err)
	}
	before := search(t, b, indexer.Request{Query: "kabinet", Size: 100, Sections: -1})
	for i := range l.Procs {
		if err := l.Procs[i].Kill(); err != nil {
			t.Fatal(err)
		}
		if err := l.StartNode(i); err != nil {
			t.Fatal(err)
		}
	}
	// The pool's connections to the old processes are broken: the first
	// use may fail as unavailable, never with a wrong answer.
	var after *indexer.Result
	var err error
	for i := range 5 {
		if i > 0 {
			t.Logf("search %d after the restart: %v", i, err)
		}
		if after, err = b.Search(indexer.Request{Query: "kabinet", Size: 100, Sections: -1}); err == nil {
			break
		}
		if _, ok := indexer.IsUnavailable(err); !ok {
			t.Fatal(err)
		}
	}
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := b.Count(); n != 100 {
		t.Errorf("count after restart = %d", n)
	}
	if after.Total != before.Total || !slices.Equal(ids(after), ids(before)) {
		t.Errorf("after restart %d hits, before %d", after.Total, before.Total)
	}
	if ok, err := c.Exists("index-0001"); !ok || err != nil {
		t.Errorf("exists after restart = %v, %v", ok, err)
	}
}

// searchDuringKill calls search from n goroutines, one call after
// another in each, kills a node with kill 300 ms in, and stops them once
// settle has passed after the kill. search runs concurrently with itself:
// it guards what it records.
func searchDuringKill(t *testing.T, n int, kill func() error, settle time.Duration, search func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			for ctx.Err() == nil {
				search()
			}
		})
	}
	time.Sleep(300 * time.Millisecond)
	err := kill()
	if err == nil {
		time.Sleep(settle)
	}
	cancel()
	wg.Wait()
	if err != nil {
		t.Fatal(err)
	}
}

// TestNodeDown kills a node while searches run: every search either
// answers in full or fails with an UnavailableError naming the dead node;
// writes to its shard fail the same way.
func TestNodeDown(t *testing.T) {
	l, c := startCluster(t, 2)
	b := open(t, c, "index-0001", indexer.Options{})
	docs := indexer.SyntheticDocs(300, 2, 5)
	if err := b.Put(docs, nil); err != nil {
		t.Fatal(err)
	}
	full := search(t, b, indexer.Request{Query: "kabinet"}).Total
	dead := l.Nodes[1]

	var mu sync.Mutex
	var fails []error
	complete, unavailable := 0, 0
	searchDuringKill(t, 4, l.Procs[1].Kill, 500*time.Millisecond, func() {
		res, err := b.Search(indexer.Request{Query: "kabinet", Facets: []string{"type"}})
		mu.Lock()
		defer mu.Unlock()
		switch node, ok := indexer.IsUnavailable(err); {
		case err == nil && res.Total == full:
			complete++
		case ok && node == dead:
			unavailable++
		case err != nil:
			fails = append(fails, err)
		default:
			fails = append(fails, fmt.Errorf("partial answer: %d of %d", res.Total, full))
		}
	})
	for _, err := range fails {
		t.Error(err)
	}
	if complete == 0 || unavailable == 0 {
		t.Errorf("%d complete and %d unavailable answers; want both", complete, unavailable)
	}
	t.Logf("%d complete answers, %d unavailable", complete, unavailable)

	// Every search now fails, on whichever node it is asked.
	for range 4 {
		_, err := b.Search(indexer.Request{Query: "kabinet"})
		if node, ok := indexer.IsUnavailable(err); !ok || node != dead {
			t.Errorf("search with node 1 down: %v", err)
		}
	}
	// A write to the dead shard fails; one to the live shard does not.
	var onDead, onLive *document.Document
	for i := 0; onDead == nil || onLive == nil; i++ {
		d := &document.Document{ID: fmt.Sprintf("kst-1-%d", i), Title: "nieuw"}
		if docKey(d.ID)%2 == 1 {
			onDead = d
		} else {
			onLive = d
		}
	}
	if err := b.Put([]*document.Document{onLive}, nil); err != nil {
		t.Errorf("put on the live shard: %v", err)
	}
	if node, ok := indexer.IsUnavailable(b.Put([]*document.Document{onDead}, nil)); !ok || node != dead {
		t.Errorf("put on the dead shard: not unavailable (%s)", node)
	}
	if _, ok := indexer.IsUnavailable(b.Delete(onDead.ID)); !ok {
		t.Error("delete on the dead shard: not unavailable")
	}
	if _, err := b.Count(); err == nil {
		t.Error("count with a node down succeeded")
	}
}

// TestSectionRows: a document put again with fewer sections, or deleted,
// leaves none of its old sections behind.
func TestSectionRows(t *testing.T) {
	_, c := startCluster(t, 2)
	be := open(t, c, "index-0001", indexer.Options{})
	b := be.(*Backend)
	rows := func() int {
		total := 0
		for _, n := range c.nodes {
			var k int
			if err := n.db.QueryRow("SELECT COUNT(*) FROM " + b.sec).Scan(&k); err != nil && !errors.Is(err, sql.ErrNoRows) {
				t.Fatal(err)
			}
			total += k
		}
		return total
	}
	docs := testDocs()
	if err := b.Put(docs, nil); err != nil {
		t.Fatal(err)
	}
	if got := rows(); got != 6 {
		t.Fatalf("%d section rows, want 6", got)
	}
	shorter := *docs[0]
	shorter.Sections = shorter.Sections[:1]
	if err := b.Put([]*document.Document{&shorter}, nil); err != nil {
		t.Fatal(err)
	}
	if got := rows(); got != 4 {
		t.Fatalf("%d section rows after a put with fewer sections, want 4", got)
	}
	if res := search(t, b, indexer.Request{Query: "inleiding OR drugssmokkel"}); len(res.Hits) != 1 || len(res.Hits[0].Sections) != 1 {
		t.Errorf("sections after a shorter put: %+v", res.Hits)
	}
	if err := b.Delete(docs[0].ID, docs[1].ID); err != nil {
		t.Fatal(err)
	}
	if got := rows(); got != 2 {
		t.Fatalf("%d section rows after delete, want 2", got)
	}
}

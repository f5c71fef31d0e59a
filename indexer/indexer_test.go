package indexer

import (
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"kamerzoek/internal/document"
)

func TestPutReplacesAndDeletes(t *testing.T) {
	docs := testDocs()
	ix := openTestIndex(t, docs)
	n, err := ix.Count()
	if err != nil || n != uint64(len(docs)) {
		t.Fatalf("Count = %d, %v; want %d", n, err, len(docs))
	}
	// A new version of kst-29911-337 with one section instead of four.
	d := *docs[0]
	d.Sections = []document.Section{sec("s1", "", "", "Inleiding", 1, "Een korte versie over vreemdelingenbeleid.")}
	if err := ix.Put([]*document.Document{&d}, nil); err != nil {
		t.Fatal(err)
	}
	keys, err := sectionIDs(ix, "kst-29911-337")
	if err != nil || !slices.Equal(keys, []string{"s1"}) {
		t.Errorf("sections after re-put: %v, %v", keys, err)
	}
	res, err := ix.Search(Request{Query: "haven rotterdam"})
	if err != nil || res.Total != 0 {
		t.Errorf("old text still found: %+v, %v", res, err)
	}
	res, err = ix.Search(Request{Query: "vreemdelingenbeleid"})
	if err != nil || res.Total != 1 || len(res.Hits[0].Sections) != 1 {
		t.Errorf("new text: %+v, %v", res, err)
	}
	if err := ix.Delete("kst-29911-337", "kst-does-not-exist"); err != nil {
		t.Fatal(err)
	}
	if has, _ := ix.Has("kst-29911-337"); has {
		t.Error("Has after Delete")
	}
	if keys, _ := sectionIDs(ix, "kst-29911-337"); len(keys) != 0 {
		t.Errorf("sections left after Delete: %v", keys)
	}
	ids, err := ix.DocIDs()
	if err != nil || len(ids) != len(docs)-1 || !slices.IsSorted(ids) || slices.Contains(ids, "kst-29911-337") {
		t.Errorf("DocIDs = %v, %v", ids, err)
	}
	if has, _ := ix.Has("kst-29911-318"); !has {
		t.Error("Has(kst-29911-318) = false")
	}
	// A section key is not a document.
	if has, _ := ix.Has("kst-29911-318#s1"); has {
		t.Error("Has(section key) = true")
	}
	if err := ix.Put([]*document.Document{{}}, nil); err == nil {
		t.Error("Put of a document without id succeeded")
	}
}

// sectionIDs lists the sections the index records for document id.
func sectionIDs(ix *Index, id string) ([]string, error) {
	req := bleve.NewSearchRequest(query.NewDocIDQuery([]string{id}))
	req.Fields = []string{secsField}
	res, err := ix.bi.Search(req)
	if err != nil || len(res.Hits) == 0 {
		return nil, err
	}
	raw, _ := res.Hits[0].Fields[secsField].(string)
	var spans []sectionSpan
	if err := json.Unmarshal([]byte(raw), &spans); err != nil {
		return nil, err
	}
	var out []string
	for _, s := range spans {
		out = append(out, s.ID)
	}
	return out, nil
}

func TestCitedByReput(t *testing.T) {
	docs := testDocs()
	ix := openTestIndex(t, docs)
	res, err := ix.Search(Request{Sort: "cited_by", Size: 3})
	if err != nil {
		t.Fatal(err)
	}
	// kst-29911-337 and kst-29911-318 are cited twice, 292 once.
	if got := []string{res.Hits[0].ID, res.Hits[1].ID}; !slices.Contains(got, "kst-29911-337") || !slices.Contains(got, "kst-29911-318") || res.Hits[0].CitedBy != 2 {
		t.Errorf("cited_by order: %+v", res.Hits)
	}
	if err := ix.Put(docs[5:6], func(string) int { return 9 }); err != nil {
		t.Fatal(err)
	}
	res, _ = ix.Search(Request{Sort: "cited_by", Size: 1})
	if res.Hits[0].ID != docs[5].ID || res.Hits[0].CitedBy != 9 {
		t.Errorf("after re-put with count 9: %+v", res.Hits[0])
	}
}

func TestMappingVersion(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	ix, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.Put(testDocs()[:2], nil); err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	// Reopening the same version keeps the documents.
	ix, err = Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := ix.Count(); n != 2 {
		t.Errorf("Count after reopen = %d", n)
	}
	st, err := ix.Stats()
	if err != nil || st.IndexBytes == 0 || st.MappingVersion != MappingVersion {
		t.Errorf("Stats = %+v, %v", st, err)
	}
	// Mark the index as built by another mapping.
	if err := ix.bi.SetInternal(internalVersionKey, []byte("kamerzoek-0")); err != nil {
		t.Fatal(err)
	}
	ix.Close()
	_, err = Open(dir, Options{})
	if !errors.Is(err, ErrMappingChanged) {
		t.Fatalf("Open of an old index: %v, want ErrMappingChanged", err)
	}
	// The index was closed again: bleve can open it.
	bi, err := bleve.Open(dir)
	if err != nil {
		t.Fatalf("index left open: %v", err)
	}
	bi.Close()
}

func TestHighlightWithAccents(t *testing.T) {
	ix := openTestIndex(t, testDocs())
	res, err := ix.Search(Request{Query: "geintimideerd"})
	if err != nil || len(res.Hits) != 1 {
		t.Fatalf("%+v %v", res, err)
	}
	s := res.Hits[0].Sections[0]
	if !strings.Contains(s.Fragments[0], "worden medewerkers <mark>geïntimideerd</mark> en onder") {
		t.Errorf("fragment %q does not mark the accented word exactly", s.Fragments[0])
	}
	// The word stands in the second paragraph of s1, on page 2.
	if s.ID != "s1" || s.Page != 2 || s.URL != "/api/v1/documents/kst-29911-337/file#page=2" {
		t.Errorf("section %+v", s)
	}
	res, _ = ix.Search(Request{Query: "\"internationale samenwerking\""})
	s = res.Hits[0].Sections[0]
	if !slices.Equal(s.Path, []string{"Aanpak ondermijning: De basis op orde", "2. Internationale aanpak"}) || s.Page != 4 {
		t.Errorf("nested section %+v", s)
	}
	// The phrase is marked as one, and only where it stands whole.
	if !strings.Contains(s.Fragments[0], "<mark>internationale samenwerking</mark>") || strings.Count(s.Fragments[0], "<mark>") != 1 {
		t.Errorf("phrase fragment %q", s.Fragments[0])
	}
}

func TestSectionsLimit(t *testing.T) {
	ix := openTestIndex(t, testDocs())
	for _, n := range []int{1, 2} {
		res, err := ix.Search(Request{Query: "ondermijning aanpak", Sections: n})
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range res.Hits {
			if len(h.Sections) > n {
				t.Errorf("Sections %d: %s lists %d", n, h.ID, len(h.Sections))
			}
		}
	}
	res, _ := ix.Search(Request{Query: "ondermijning", Sections: -1})
	if len(res.Hits) == 0 || len(res.Hits[0].Sections) != 0 {
		t.Errorf("Sections -1 lists sections: %+v", res.Hits)
	}
}

func TestCursorPaging(t *testing.T) {
	ix := openTestIndex(t, testDocs())
	for _, sort := range []string{"relevance", "date", "date_asc", "cited_by"} {
		for _, q := range []string{"", "criminaliteit samenwerking aanpak"} {
			all, err := ix.Search(Request{Query: q, Sort: sort, Size: MaxSize, Sections: -1})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			cur := ""
			for range 20 {
				res, err := ix.Search(Request{Query: q, Sort: sort, Size: 3, Cursor: cur, Sections: -1})
				if err != nil {
					t.Fatalf("%s %q: %v", sort, q, err)
				}
				if res.Total != all.Total {
					t.Errorf("total %d on a cursor page, %d at once", res.Total, all.Total)
				}
				for _, h := range res.Hits {
					got = append(got, h.ID)
				}
				if res.NextCursor == "" {
					break
				}
				cur = res.NextCursor
			}
			var want []string
			for _, h := range all.Hits {
				want = append(want, h.ID)
			}
			if !slices.Equal(got, want) {
				t.Errorf("sort %s, query %q: cursor pages %v, one page %v", sort, q, got, want)
			}
		}
	}
	first, _ := ix.Search(Request{Sort: "date", Size: 2})
	if _, err := ix.Search(Request{Sort: "relevance", Cursor: first.NextCursor}); !errors.Is(err, ErrBadQuery) {
		t.Errorf("cursor of another sort: %v", err)
	}
}

func TestDateSort(t *testing.T) {
	ix := openTestIndex(t, testDocs())
	res, err := ix.Search(Request{Sort: "date", Size: MaxSize})
	if err != nil {
		t.Fatal(err)
	}
	var dates []string
	for _, h := range res.Hits {
		dates = append(dates, h.Date)
	}
	// Newest first, the undated document last.
	if dates[len(dates)-1] != "" || dates[0] != "2022-12-01" {
		t.Errorf("dates %v", dates)
	}
	for i := 1; i < len(dates)-1; i++ {
		if dates[i] > dates[i-1] {
			t.Errorf("not newest first: %v", dates)
		}
	}
}

func TestSuggest(t *testing.T) {
	ix := openTestIndex(t, testDocs())
	for _, tc := range []struct{ prefix, kind, value string }{
		{"299", "dossier", "29911"},
		{"35 3", "dossier", "35300-VII"},
		{"36200-v", "dossier", "36200-VI"},
		{"kst-3556", "document", "kst-35564-B"},
		{"ah-tk-2020", "document", "ah-tk-20202021-2348"},
		{"begrotingsstaten justi", "title", "Vaststelling van de begrotingsstaten van het Ministerie van Justitie en Veiligheid (VI) voor het jaar 2023"},
		{"geestelijke gez", "document", "kst-31839-901"},
		{"reün", "title", "Vragen over de reünie van veteranen in Den Haag"},
	} {
		got, err := ix.Suggest(tc.prefix, 10)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, s := range got {
			found = found || s.Kind == tc.kind && s.Value == tc.value
		}
		if !found {
			t.Errorf("Suggest(%q) = %+v; want %s %s", tc.prefix, got, tc.kind, tc.value)
		}
	}
	if got, _ := ix.Suggest("zzzz", 10); len(got) != 0 {
		t.Errorf("Suggest(zzzz) = %v", got)
	}
	if got, _ := ix.Suggest("b", 3); len(got) > 3 {
		t.Errorf("Suggest n=3 gave %d", len(got))
	}
}

func TestExtractIDs(t *testing.T) {
	for _, tc := range []struct {
		in, rest string
		ids      []string
	}{
		{"29 911", " ", []string{"29911"}},
		{"drugs 29911 haven", "drugs   haven", []string{"29911"}},
		{"35 300 VII", " ", []string{"35300-vii"}},
		{"36200-VI nr. 12", " ", []string{"36200-vi-12"}},
		{"29 911, nr. 337 drugs", "  drugs", []string{"29911-337"}},
		{"21501-32-1740", " ", []string{"21501-32-1740"}},
		{"+KST-29911-337", " ", []string{"kst-29911-337"}},
		{`"29 911" title:29911`, `"29 911" title:29911`, nil},
		{"2021 2022", "2021 2022", nil},
		{"123456", "123456", nil},
		{"29 911 de", "  de", []string{"29911"}},
	} {
		rest, ids := extractIDs(tc.in)
		var got []string
		for _, id := range ids {
			got = append(got, id.norm)
		}
		if rest != tc.rest || !slices.Equal(got, tc.ids) {
			t.Errorf("extractIDs(%q) = %q, %v; want %q, %v", tc.in, rest, got, tc.rest, tc.ids)
		}
	}
}

func TestNormDossier(t *testing.T) {
	for in, want := range map[string]string{
		"29 911": "29911", "29911": "29911", "35 300 VII": "35300-VII", "35300 vii": "35300-VII",
		"36200-VI": "36200-VI", "dossier-36600-XXIII": "36600-XXIII", "21501-32": "21501-32",
	} {
		if got := NormDossier(in); got != want {
			t.Errorf("NormDossier(%q) = %q, want %q", in, got, want)
		}
	}
}

// Documents whose scores tie: pages by number and by cursor list every
// document once, in the order of one big page, though the first page is
// sorted by score alone.
func TestPagingThroughTiedScores(t *testing.T) {
	var docs []*document.Document
	for i := range 23 {
		docs = append(docs, &document.Document{
			ID: fmt.Sprintf("kst-40000-%d", 100-i), Dossier: "40000", Number: fmt.Sprint(100 - i), Type: "brief",
			Title: "Gelijk", Sections: []document.Section{sec("s1", "", "", "Tekst", 1, "Een zin over stikstof en natuur.")},
		})
	}
	docs[7].Sections[0].Text += " Stikstof en nog eens stikstof."
	// one batch per document, so that the index's own order is not the
	// order of the ids
	ix := openTestIndex(t, nil)
	for i := range docs {
		if err := ix.Put(docs[len(docs)-1-i:len(docs)-i], nil); err != nil {
			t.Fatal(err)
		}
	}
	all, err := ix.Search(Request{Query: "stikstof", Size: MaxSize, Sections: -1})
	if err != nil || len(all.Hits) != len(docs) {
		t.Fatalf("one page: %d hits, %v", len(all.Hits), err)
	}
	var want []string
	for _, h := range all.Hits {
		want = append(want, h.ID)
	}
	for _, size := range []int{1, 5, 10} {
		var byPage, byCursor []string
		cur := ""
		for p := 1; p <= 30; p++ {
			res, err := ix.Search(Request{Query: "stikstof", Size: size, Page: p, Sections: -1})
			if err != nil {
				t.Fatal(err)
			}
			for _, h := range res.Hits {
				byPage = append(byPage, h.ID)
			}
			res, err = ix.Search(Request{Query: "stikstof", Size: size, Cursor: cur, Sections: -1})
			if err != nil {
				t.Fatal(err)
			}
			for _, h := range res.Hits {
				byCursor = append(byCursor, h.ID)
			}
			if res.NextCursor == "" {
				break
			}
			cur = res.NextCursor
		}
		if !slices.Equal(byPage[:min(len(byPage), len(want))], want) || !slices.Equal(byCursor, want) {
			t.Errorf("size %d:\npages   %v\ncursor  %v\nwant    %v", size, byPage, byCursor, want)
		}
	}
}

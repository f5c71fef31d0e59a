package api

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"

	"kamerzoek/indexer"
	"kamerzoek/internal/document"
	"kamerzoek/internal/graph"
	"kamerzoek/internal/ingest"
)

// searchDocs is a small corpus: a letter, the documents it cites and two
// documents citing it.
func searchDocs() []*document.Document {
	ref := func(id string) document.Reference {
		return document.Reference{ID: id, Kind: document.KindKamerstuk, Raw: id, Page: 1}
	}
	return []*document.Document{
		{ID: "kst-29911-337", Kamer: "tk", Vergaderjaar: "2021-2022", Dossier: "29911", Number: "337", Type: "brief",
			Date: "2021-11-17", Title: "Bestrijding georganiseerde criminaliteit", Sender: "Minister van Justitie en Veiligheid",
			ExtractorVersion: "t1",
			Sections: []document.Section{
				{ID: "s1", Heading: "Inleiding", Level: 1, Page: 1, Text: "De aanpak van ondermijning & drugscriminaliteit is topprioriteit.",
					Paragraphs: []document.Paragraph{{Start: 0, End: 64, Page: 1}}},
				{ID: "s2", Heading: "Regionale aanpak", Level: 1, Page: 2, Text: "Regionale versterkingsprogramma's.\n\nOndermijning wortelt in de wijken.",
					Paragraphs: []document.Paragraph{{Start: 0, End: 34, Page: 2}, {Start: 36, End: 70, Page: 3}}},
			},
			Footnotes:  []document.Footnote{{Number: 1, Page: 1, Text: "Kamerstuk 29 911, nr. 318.", Refs: []string{"kst-29911-318"}}},
			References: []document.Reference{ref("kst-29911-318")}},
		{ID: "kst-29911-318", Kamer: "tk", Vergaderjaar: "2020-2021", Dossier: "29911", Number: "318", Type: "brief",
			Date: "2021-06-30", Title: "Bestrijding georganiseerde criminaliteit", ExtractorVersion: "t1",
			Sections: []document.Section{{ID: "s1", Heading: "Evaluatie", Level: 1, Page: 1, Text: "Terugblik op 25 jaar drugsbeleid."}}},
		{ID: "kst-36200-VI-12", Kamer: "tk", Vergaderjaar: "2022-2023", Dossier: "36200-VI", Number: "12", Type: "motie",
			Date: "2022-11-10", Title: "Begroting Justitie en Veiligheid 2023", ExtractorVersion: "t1",
			Sections:   []document.Section{{ID: "s1", Heading: "Motie", Level: 1, Text: "verzoekt de regering de aanpak van ondermijning te versterken"}},
			References: []document.Reference{ref("kst-29911-337")}},
		{ID: "ah-tk-20212022-100", Kamer: "tk", Vergaderjaar: "2021-2022", Number: "100", Type: "kamervragen",
			Date: "2021-12-01", Title: "Vragen over de reünie van veteranen", ExtractorVersion: "t1",
			Sections:   []document.Section{{ID: "s1", Heading: "Vraag 1", Level: 1, Text: "Kent u het bericht over de reünie? Zie ook de brief over ondermijning."}},
			References: []document.Reference{ref("kst-29911-337")}},
	}
}

func searchServer(t *testing.T, opts Options) *Server {
	t.Helper()
	docs := searchDocs()
	ix, err := indexer.Open("", indexer.Options{InMemory: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ix.Close() })
	g := graph.New()
	g.Build(docs)
	if err := ix.Put(docs, g.CitedByCount); err != nil {
		t.Fatal(err)
	}
	return New(&ingest.Corpus{Index: ix, Graph: g}, opts)
}

// searchGet sends a GET and decodes the JSON answer into out (when not nil).
func searchGet(t *testing.T, s *Server, target string, out any) *httptest.ResponseRecorder {
	t.Helper()
	w := httptest.NewRecorder()
	s.ServeHTTP(w, httptest.NewRequest(http.MethodGet, target, nil))
	if out != nil && strings.Contains(w.Header().Get("Content-Type"), "json") {
		if err := json.Unmarshal(w.Body.Bytes(), out); err != nil {
			t.Fatalf("%s: %v\n%s", target, err, w.Body)
		}
	}
	return w
}

func hitIDs(r indexer.Result) []string {
	var ids []string
	for _, h := range r.Hits {
		ids = append(ids, h.ID)
	}
	return ids
}

func TestSearchEndpoint(t *testing.T) {
	s := searchServer(t, Options{})
	tests := []struct {
		name, query string
		want        []string // ids in order
	}{
		{"word", "q=ondermijning&sort=date", []string{"kst-36200-VI-12", "ah-tk-20212022-100", "kst-29911-337"}},
		{"accent folded", "q=reunie", []string{"ah-tk-20212022-100"}},
		{"dossier as written", "q=" + url.QueryEscape("29 911") + "&sort=date", []string{"kst-29911-337", "kst-29911-318"}},
		{"toevoeging", "q=" + url.QueryEscape("36200 VI"), []string{"kst-36200-VI-12"}},
		{"filter type", "q=ondermijning&type=motie,kamervragen&sort=date", []string{"kst-36200-VI-12", "ah-tk-20212022-100"}},
		{"filter dossier", "dossier=" + url.QueryEscape("29 911") + "&sort=date_asc", []string{"kst-29911-318", "kst-29911-337"}},
		{"dates", "from=2021-07&to=2021-12-31&sort=date", []string{"ah-tk-20212022-100", "kst-29911-337"}},
		{"cites", "cites=kst-29911-337&sort=date", []string{"kst-36200-VI-12", "ah-tk-20212022-100"}},
		{"cites nothing held", "cites=kst-1-1", nil},
		{"sort cited_by", "type=brief&sort=cited_by", []string{"kst-29911-337", "kst-29911-318"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var res indexer.Result
			w := searchGet(t, s, "/api/v1/search?"+tc.query, &res)
			if w.Code != http.StatusOK {
				t.Fatalf("status %d: %s", w.Code, w.Body)
			}
			if got := hitIDs(res); !slices.Equal(got, tc.want) {
				t.Errorf("hits %v, want %v", got, tc.want)
			}
			if res.Total != uint64(len(tc.want)) {
				t.Errorf("total %d, want %d", res.Total, len(tc.want))
			}
		})
	}
}

func TestSearchResultShape(t *testing.T) {
	s := searchServer(t, Options{})
	var raw map[string]any
	w := searchGet(t, s, "/api/v1/search?q=ondermijning+wijken&facets=true", &raw)
	if w.Code != http.StatusOK {
		t.Fatalf("status %d: %s", w.Code, w.Body)
	}
	for _, k := range []string{"query", "total", "took_ms", "page", "size", "hits", "facets"} {
		if _, ok := raw[k]; !ok {
			t.Errorf("answer lacks %q", k)
		}
	}
	hit := raw["hits"].([]any)[0].(map[string]any)
	for _, k := range []string{"id", "title", "type", "date", "dossier", "score", "fragments", "sections"} {
		if _, ok := hit[k]; !ok {
			t.Errorf("hit lacks %q", k)
		}
	}
	var res indexer.Result
	searchGet(t, s, "/api/v1/search?q=ondermijning+wijken&facets=true", &res)
	h := res.Hits[0]
	if h.ID != "kst-29911-337" || len(h.Sections) == 0 {
		t.Fatalf("first hit %+v", h)
	}
	sec := h.Sections[0]
	// "wijken" stands in the second paragraph of s2, on page 3.
	if sec.ID != "s2" || sec.Page != 3 || sec.URL != "/api/v1/documents/kst-29911-337/file#page=3" {
		t.Errorf("best section %+v, want s2 on page 3", sec)
	}
	if !slices.Equal(sec.Path, []string{"Regionale aanpak"}) {
		t.Errorf("path %v", sec.Path)
	}
	if len(h.Fragments) == 0 || !strings.Contains(h.Fragments[0], "<mark>") {
		t.Errorf("fragments %q lack <mark>", h.Fragments)
	}
	for _, s := range h.Sections {
		for _, f := range s.Fragments {
			if strings.Contains(f, "& ") {
				t.Errorf("fragment %q is not HTML-escaped", f)
			}
		}
	}
	if got := res.Facets["type"]; len(got) == 0 {
		t.Errorf("no type facet: %v", res.Facets)
	}
	for _, f := range indexer.DefaultFacets {
		if _, ok := res.Facets[f]; !ok {
			t.Errorf("facets=true lacks %s", f)
		}
	}
	// The body is JSON with the highlights written as they are, not as
	// \u003cmark\u003e.
	if ct := w.Header().Get("Content-Type"); ct != "application/json; charset=utf-8" {
		t.Errorf("content type %q", ct)
	}
	if !json.Valid(w.Body.Bytes()) || !bytes.Contains(w.Body.Bytes(), []byte("<mark>")) || bytes.Contains(w.Body.Bytes(), []byte(`\u003c`)) {
		t.Errorf("body does not carry <mark> unescaped in valid JSON: %.300s", w.Body)
	}
	var some indexer.Result
	searchGet(t, s, "/api/v1/search?q=ondermijning&facets=vergaderjaar", &some)
	if len(some.Facets) != 1 || len(some.Facets["vergaderjaar"]) != 2 {
		t.Errorf("facets=vergaderjaar: %v", some.Facets)
	}
}

func TestSearchCursor(t *testing.T) {
	s := searchServer(t, Options{})
	for _, sort := range []string{"relevance", "date", "date_asc", "cited_by"} {
		var all indexer.Result
		searchGet(t, s, "/api/v1/search?size=100&sort="+sort, &all)
		var got []string
		cursor := ""
		for range 10 {
			var page indexer.Result
			w := searchGet(t, s, "/api/v1/search?size=1&sort="+sort+"&cursor="+url.QueryEscape(cursor), &page)
			if w.Code != http.StatusOK {
				t.Fatalf("%s: %d %s", sort, w.Code, w.Body)
			}
			got = append(got, hitIDs(page)...)
			if page.NextCursor == "" {
				break
			}
			cursor = page.NextCursor
		}
		if want := hitIDs(all); !slices.Equal(got, want) || len(want) != 4 {
			t.Errorf("sort %s: cursor pages %v, one page %v", sort, got, want)
		}
	}
	var p2 indexer.Result
	searchGet(t, s, "/api/v1/search?size=2&page=2&sort=date", &p2)
	if got := hitIDs(p2); !slices.Equal(got, []string{"kst-29911-337", "kst-29911-318"}) {
		t.Errorf("page 2 %v", got)
	}
}

func TestSearchErrors(t *testing.T) {
	s := searchServer(t, Options{})
	for _, q := range []string{
		"q=" + url.QueryEscape(`"ondermijning`),
		"q=" + url.QueryEscape("auteur:jansen"),
		"q=a&sort=alphabet",
		"size=abc",
		"size=1000",
		"page=-1",
		"from=gisteren",
		"cursor=xyz",
		"facets=colour",
		"q=%FF",
		"q=title:(",
		"q=(drugs+OR+fietsen",
		"q=drugs+OR",
		"q=auteur:jansen",
	} {
		var p Problem
		w := searchGet(t, s, "/api/v1/search?"+q, &p)
		if w.Code != http.StatusBadRequest {
			t.Errorf("%s: status %d, want 400: %s", q, w.Code, w.Body)
			continue
		}
		if ct := w.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/problem+json") {
			t.Errorf("%s: content type %q", q, ct)
		}
		if p.Status != 400 || p.Detail == "" || p.Title == "" {
			t.Errorf("%s: problem %+v", q, p)
		}
		if strings.HasPrefix(q, "q=") && !strings.Contains(q, "&") && q != "q=%FF" && !strings.Contains(p.Detail, "at character ") {
			t.Errorf("%s: detail %q does not say where", q, p.Detail)
		}
	}
}

func TestSuggestEndpoint(t *testing.T) {
	s := searchServer(t, Options{})
	tests := []struct {
		q          string
		kind, want string
	}{
		{"299", "dossier", "29911"},
		{"29 9", "dossier", "29911"},
		{"362", "dossier", "36200-VI"},
		{"kst-29911-3", "document", "kst-29911-337"},
		{"georganiseerde crim", "title", "Bestrijding georganiseerde criminaliteit"},
		{"reun", "document", "ah-tk-20212022-100"},
	}
	for _, tc := range tests {
		var res struct {
			Suggestions []indexer.Suggestion `json:"suggestions"`
		}
		w := searchGet(t, s, "/api/v1/suggest?q="+url.QueryEscape(tc.q), &res)
		if w.Code != http.StatusOK {
			t.Fatalf("%q: %d %s", tc.q, w.Code, w.Body)
		}
		found := false
		for _, sg := range res.Suggestions {
			if sg.Kind == tc.kind && sg.Value == tc.want {
				found = true
			}
		}
		if !found {
			t.Errorf("suggest %q: %+v lacks %s %s", tc.q, res.Suggestions, tc.kind, tc.want)
		}
	}
	var empty struct {
		Suggestions []indexer.Suggestion `json:"suggestions"`
	}
	searchGet(t, s, "/api/v1/suggest?q=", &empty)
	if empty.Suggestions == nil || len(empty.Suggestions) != 0 {
		t.Errorf("empty prefix: %+v", empty.Suggestions)
	}
}

func TestStatsEndpoint(t *testing.T) {
	s := searchServer(t, Options{})
	var st statsResponse
	w := searchGet(t, s, "/api/v1/stats", &st)
	if w.Code != http.StatusOK {
		t.Fatalf("%d %s", w.Code, w.Body)
	}
	if st.Documents != 4 || st.Sections != 5 || st.ByType["brief"] != 2 || st.ByYear["2021"] != 3 || st.ByYear["2022"] != 1 {
		t.Errorf("stats %+v", st)
	}
	if st.Footnotes != 1 || st.ExtractorVersions["t1"] != 4 || st.MappingVersion != indexer.MappingVersion {
		t.Errorf("stats %+v", st)
	}
	if st.References.Total != 3 || st.References.Resolved != 3 || st.References.Unresolved != 0 {
		t.Errorf("references %+v", st.References)
	}
}

func TestResolver(t *testing.T) {
	s := searchServer(t, Options{})
	for _, tc := range []struct {
		id       string
		status   int
		location string
	}{
		{"kst-29911-337", 302, "/api/v1/documents/kst-29911-337"},
		{"kst-29911-292", 302, "https://zoek.officielebekendmakingen.nl/kst-29911-292.html"},
		{"ah-tk-20202021-2348", 302, "https://zoek.officielebekendmakingen.nl/ah-tk-20202021-2348.html"},
		{"dossier-29911", 302, "https://zoek.officielebekendmakingen.nl/dossier/29911"},
		{"nonsense", 400, ""},
		{"kst-29911", 400, ""},
	} {
		w := searchGet(t, s, "/api/v1/kst/"+tc.id, nil)
		if w.Code != tc.status || w.Header().Get("Location") != tc.location {
			t.Errorf("%s: %d %q, want %d %q", tc.id, w.Code, w.Header().Get("Location"), tc.status, tc.location)
		}
		if tc.status == 400 && !strings.HasPrefix(w.Header().Get("Content-Type"), "application/problem+json") {
			t.Errorf("%s: content type %q", tc.id, w.Header().Get("Content-Type"))
		}
	}
}

func TestSearchCORSAndRequestID(t *testing.T) {
	s := searchServer(t, Options{CORSOrigins: []string{"https://example.org"}})
	req := httptest.NewRequest(http.MethodGet, "/api/v1/search?q=ondermijning", nil)
	req.Header.Set("Origin", "https://example.org")
	req.Header.Set("X-Request-ID", "abc123")
	w := httptest.NewRecorder()
	s.ServeHTTP(w, req)
	if w.Code != 200 || w.Header().Get("Access-Control-Allow-Origin") != "https://example.org" || w.Header().Get("X-Request-ID") != "abc123" {
		t.Errorf("status %d, headers %v", w.Code, w.Header())
	}
	req = httptest.NewRequest(http.MethodGet, "/api/v1/search?q=ondermijning", nil)
	req.Header.Set("Origin", "https://evil.example")
	w = httptest.NewRecorder()
	s.ServeHTTP(w, req)
	if w.Header().Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("other origin allowed: %v", w.Header())
	}
}

package indexer

import (
	"encoding/json"
	"errors"
	"os"
	"slices"
	"strings"
	"testing"
)

// searchCase is one data-driven search case from testdata/search_cases.json.
type searchCase struct {
	Name         string    `json:"name"`
	Query        string    `json:"query"`
	Dossier      []string  `json:"dossier"`
	Type         []string  `json:"type"`
	Kamer        []string  `json:"kamer"`
	Vergaderjaar []string  `json:"vergaderjaar"`
	Sender       []string  `json:"sender"`
	From         string    `json:"from"`
	To           string    `json:"to"`
	IDs          *[]string `json:"ids"`
	// Want is the exact set of ids expected (order aside); Total, when
	// set, the expected total instead; First the expected top hit.
	Want  *[]string `json:"want"`
	Total *int      `json:"total"`
	First string    `json:"first"`
}

func loadCases(t *testing.T) []searchCase {
	t.Helper()
	b, err := os.ReadFile("testdata/search_cases.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []searchCase
	if err := json.Unmarshal(b, &cases); err != nil {
		t.Fatal(err)
	}
	if len(cases) == 0 {
		t.Fatal("no search cases")
	}
	return cases
}

func TestSearchCases(t *testing.T) {
	docs := testDocs()
	ix := openTestIndex(t, docs)
	for _, c := range loadCases(t) {
		t.Run(c.Name, func(t *testing.T) {
			r := Request{Query: c.Query, Dossier: c.Dossier, Type: c.Type, Kamer: c.Kamer,
				Vergaderjaar: c.Vergaderjaar, Sender: c.Sender, From: c.From, To: c.To, Size: MaxSize}
			if c.IDs != nil {
				r.IDs, r.RestrictIDs = *c.IDs, true
			}
			res, err := ix.Search(r)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, h := range res.Hits {
				got = append(got, h.ID)
			}
			if c.Want != nil {
				want := slices.Clone(*c.Want)
				slices.Sort(want)
				g := slices.Clone(got)
				slices.Sort(g)
				if !slices.Equal(g, want) {
					t.Errorf("query %q: got %v, want %v", c.Query, got, *c.Want)
				}
				if res.Total != uint64(len(want)) {
					t.Errorf("total %d, want %d", res.Total, len(want))
				}
			}
			if c.Total != nil && res.Total != uint64(*c.Total) {
				t.Errorf("total %d, want %d", res.Total, *c.Total)
			}
			if c.First != "" && (len(got) == 0 || got[0] != c.First) {
				t.Errorf("first hit: got %v, want %s first", got, c.First)
			}
		})
	}
}

func TestBadQueries(t *testing.T) {
	ix := openTestIndex(t, testDocs())
	for _, tc := range []struct {
		name string
		r    Request
		want string // in the error message
	}{
		{"unterminated quote", Request{Query: `"georganiseerde criminaliteit`}, "quote"},
		{"unknown field", Request{Query: "auteur:jansen"}, `unknown field "auteur"`},
		{"dangling field", Request{Query: "title:"}, "bad query"},
		{"bad sort", Request{Sort: "alphabet"}, "unknown sort"},
		{"bad date", Request{From: "17-11-2021"}, "bad date"},
		{"to before from", Request{From: "2022", To: "2021"}, "before"},
		{"size too big", Request{Size: 1000}, "size"},
		{"page too deep", Request{Page: 5000, Size: 100}, "cursor"},
		{"bad cursor", Request{Cursor: "!!"}, "cursor"},
		{"unknown facet", Request{Facets: []string{"colour"}}, "unknown facet"},
		{"only excluded id", Request{Query: "-29911"}, "not excluded"},
		{"invalid utf8", Request{Query: "\xff\xfe"}, "UTF-8"},
		{"bad fuzziness", Request{Query: "ondermijning~9"}, "bad query"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ix.Search(tc.r)
			if !errors.Is(err, ErrBadQuery) {
				t.Fatalf("err = %v, want ErrBadQuery", err)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %q, want it to mention %q", err, tc.want)
			}
		})
	}
}

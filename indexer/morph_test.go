package indexer

import (
	"slices"
	"strings"
	"testing"

	"kamerzoek/internal/document"
)

// TestMorphologySearch checks the Dutch morphology end to end: plural and
// singular find each other, a compound's parts find it, a fuzzy term
// matches the unstemmed word, and a phrase is marked as one.
func TestMorphologySearch(t *testing.T) {
	docs := []*document.Document{
		{ID: "kst-1-1", Title: "Stikstof", Type: "brief", Sections: []document.Section{
			sec("s1", "", "", "Uitstoot", 1, "De stikstofuitstoot van de landbouw daalt. Er waren drie arrestaties in de haven."),
		}},
		{ID: "kst-1-2", Title: "Regeldruk", Type: "brief", Sections: []document.Section{
			sec("s1", "", "", "Effecten", 1, "Het college toetst de regeldrukeffecten van elke provincie. Zie de memorie van toelichting."),
		}},
		{ID: "kst-1-3", Title: "Ondermijning", Type: "brief", Sections: []document.Section{
			sec("s1", "", "", "Aanpak", 1, "Een arrestatie door de politie; de provincies werken samen tegen ondermijning."),
		}},
	}
	ix := openTestIndex(t, docs)
	for _, c := range []struct {
		q    string
		want []string
	}{
		{"arrestatie", []string{"kst-1-1", "kst-1-3"}},
		{"arrestaties", []string{"kst-1-1", "kst-1-3"}},
		{"provincies", []string{"kst-1-2", "kst-1-3"}},
		{"stikstof", []string{"kst-1-1"}},
		{"uitstoot", []string{"kst-1-1"}},
		{"regeldruk", []string{"kst-1-2"}},
		{"regeldrukeffect", []string{"kst-1-2"}},
		{"ondermijnin~1", []string{"kst-1-3"}},
		{"arestatie~1", []string{"kst-1-3"}}, // the word, not the stem: "arrestaties" is two edits away
	} {
		res, err := ix.Search(Request{Query: c.q})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, h := range res.Hits {
			got = append(got, h.ID)
		}
		if strings.Join(sorted(got), " ") != strings.Join(sorted(c.want), " ") {
			t.Errorf("%q: got %v, want %v", c.q, got, c.want)
		}
	}
	res, err := ix.Search(Request{Query: `"memorie van toelichting"`})
	if err != nil || len(res.Hits) != 1 || len(res.Hits[0].Fragments) == 0 {
		t.Fatalf("%+v %v", res, err)
	}
	if f := res.Hits[0].Fragments[0]; !strings.Contains(f, "<mark>memorie van toelichting</mark>") {
		t.Errorf("phrase fragment %q", f)
	}
	res, err = ix.Search(Request{Query: "stikstof"})
	if err != nil || len(res.Hits) != 1 || len(res.Hits[0].Fragments) == 0 {
		t.Fatalf("%+v %v", res, err)
	}
	if f := res.Hits[0].Fragments[0]; !strings.Contains(f, "<mark>stikstofuitstoot</mark>") {
		t.Errorf("compound fragment %q", f)
	}
}

func sorted(s []string) []string {
	return slices.Sorted(slices.Values(s))
}

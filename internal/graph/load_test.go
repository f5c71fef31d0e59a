package graph

import (
	"errors"
	"slices"
	"testing"

	"kamerzoek/internal/document"
)

// TestLoadWithContextsOnDemand: a graph loaded from documents whose
// mentions carry no context answers cites and cited-by with the contexts
// its source gives, matched per target in mention order, and the same
// as a graph built from the whole documents.
func TestLoadWithContextsOnDemand(t *testing.T) {
	ref := func(id, ctx string) document.Reference {
		return document.Reference{ID: id, Kind: document.KindKamerstuk, Raw: id, Context: ctx}
	}
	full := []*document.Document{
		{ID: "kst-1-1", Title: "een", Date: "2020-01-01", References: []document.Reference{
			ref("kst-2-2", "eerste over twee"), ref("kst-3-3", "over drie"), ref("", "zonder id"), ref("kst-2-2", "tweede over twee")}},
		{ID: "kst-2-2", Title: "twee", Date: "2021-01-01", References: []document.Reference{ref("kst-3-3", "twee over drie")}},
	}
	byID := map[string]*document.Document{}
	for _, d := range full {
		byID[d.ID] = d
	}
	built := New()
	built.Build(full)

	loaded := New()
	asked := 0
	loaded.SetContexts(func(id string) ([]document.Reference, error) {
		asked++
		d, ok := byID[id]
		if !ok {
			return nil, errors.New("not there")
		}
		return d.References, nil
	})
	err := loaded.Load(func(add func(*document.Document)) error {
		for _, d := range full {
			sk := *d
			sk.References = nil
			for _, r := range d.References {
				if r.ID != "" {
					r.Context = ""
					sk.References = append(sk.References, r)
				}
			}
			add(&sk)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	contexts := func(l *EdgeList) [][]string {
		var out [][]string
		for _, e := range l.Edges {
			var cs []string
			for _, m := range e.Contexts {
				cs = append(cs, m.Context)
			}
			out = append(out, cs)
		}
		return out
	}
	for _, q := range []struct {
		name string
		f    func(g *Graph) (*EdgeList, error)
	}{
		{"cites kst-1-1", func(g *Graph) (*EdgeList, error) { return g.Cites("kst-1-1", EdgeQuery{}) }},
		{"cited-by kst-2-2", func(g *Graph) (*EdgeList, error) { return g.CitedBy("kst-2-2", EdgeQuery{}) }},
		{"cited-by kst-3-3", func(g *Graph) (*EdgeList, error) { return g.CitedBy("kst-3-3", EdgeQuery{}) }},
	} {
		want, err := q.f(built)
		if err != nil {
			t.Fatal(err)
		}
		got, err := q.f(loaded)
		if err != nil {
			t.Fatal(err)
		}
		if w, g := contexts(want), contexts(got); !slices.EqualFunc(w, g, slices.Equal) {
			t.Errorf("%s: contexts %q, want %q", q.name, g, w)
		}
	}
	if asked == 0 {
		t.Error("the context source was never asked")
	}
	// The graph's own mentions were not filled in.
	l, _ := loaded.Cites("kst-1-1", EdgeQuery{})
	if i := loaded.index["kst-1-1"]; loaded.nodes[i].mentions[0].context.n != 0 {
		t.Errorf("mention kept a context: %+v", l)
	}
}

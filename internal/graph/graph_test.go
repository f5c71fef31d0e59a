package graph

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"sync"
	"testing"

	"kamerzoek/internal/document"
)

// ref builds a reference to id as it would stand in footnote fn on page p.
func ref(id string, fn, p int, context string) document.Reference {
	return document.Reference{ID: id, Kind: KindOf(id), Raw: "raw " + id, Footnote: fn, Page: p, Context: context}
}

// fixture is a small corpus modelled on dossier 36450 (Instellingswet
// Adviescollege toetsing regeldruk) and the letters around it.
func fixture() []*document.Document {
	return []*document.Document{
		{ID: "kst-36450-2", Dossier: "36450", Number: "2", Vergaderjaar: "2023-2024", Type: "voorstel van wet",
			Title: "Regels omtrent de instelling van het Adviescollege toetsing regeldruk", Date: "2023-11-01",
			References: []document.Reference{ref("stb-2017-123", 0, 1, "Besluit van 2017")}},
		{ID: "kst-36450-3", Dossier: "36450", Number: "3", Vergaderjaar: "2023-2024", Type: "memorie van toelichting",
			Title: "Regels omtrent de instelling van het Adviescollege toetsing regeldruk", Date: "2023-11-01",
			Sections: []document.Section{{ID: "s2", Number: "2", Heading: "Doel"}},
			References: []document.Reference{
				ref("kst-32637-1", 1, 2, "Zie de brief over regeldruk."),
				ref("kst-32637-1", 4, 5, "Opnieuw die brief."),
				{ID: "kst-36450-2", Kind: document.KindKamerstuk, Raw: "het wetsvoorstel", Section: "s2", Page: 3, Context: "Het voorstel « regelt » dit & meer."},
				ref("bwb:BWBR0001840:art=81", 0, 4, "Artikel 81 Grondwet."),
				ref("ah-tk-20222023-1234", 2, 6, "Antwoord op vragen."),
				ref("kst-36450-3", 0, 1, "self"),
				{ID: "", Raw: "onleesbaar"},
			}},
		{ID: "kst-36450-4", Dossier: "36450", Number: "4", Vergaderjaar: "2023-2024", Type: "advies raad van state",
			Title: "Regels omtrent de instelling van het Adviescollege toetsing regeldruk", Date: "2023-10-15",
			References: []document.Reference{ref("kst-36450-2", 0, 1, "Het voorstel.")}},
		{ID: "kst-36450-6", Dossier: "36450", Number: "6", Vergaderjaar: "2024-2025", Type: "nota naar aanleiding van het verslag",
			Title: "Regels omtrent de instelling van het Adviescollege toetsing regeldruk", Date: "2024-03-20",
			References: []document.Reference{
				ref("kst-36450-3", 1, 2, "In de memorie van toelichting."),
				ref("kst-36450-5", 2, 2, "Het verslag."),
				ref("kst-32637-1", 3, 4, "De brief."),
				ref("dossier-32637", 0, 4, "Het dossier regeldruk."),
			}},
		{ID: "kst-36450-B", Dossier: "36450", Number: "B", Kamer: "ek", Vergaderjaar: "2024-2025", Type: "memorie van antwoord",
			Title: "Regels omtrent de instelling van het Adviescollege toetsing regeldruk", Date: "2024-09-10",
			References: []document.Reference{ref("kst-36450-6", 1, 1, "De nota.")}},
		{ID: "kst-32637-1", Dossier: "32637", Number: "1", Vergaderjaar: "2010-2011", Type: "brief",
			Title: "Vermindering regeldruk \"bedrijven\" & burgers", Date: "2011-01-20"},
		{ID: "ah-tk-20222023-1234", Vergaderjaar: "2022-2023", Type: "kamervragen",
			Title: "Vragen over regeldruk", Date: "2023-02-01",
			References: []document.Reference{ref("kst-32637-1", 0, 1, "De brief."), ref("h-tk-20222023-50-3", 0, 1, "Debat.")}},
	}
}

func build(docs []*document.Document) *Graph {
	g := New()
	g.Build(docs)
	return g
}

// snapshot is a canonical dump of everything the graph answers: the whole
// graph, every node's edges in both directions with contexts, the ledger
// and the counts.
func snapshot(t *testing.T, g *Graph) string {
	t.Helper()
	var b bytes.Buffer
	w := g.Whole()
	if err := w.Write(&b, FormatJSON); err != nil {
		t.Fatal(err)
	}
	for _, n := range w.Nodes {
		c, err := g.Cites(n.ID, EdgeQuery{Sort: "id", Limit: MaxLimit})
		if err != nil {
			t.Fatal(err)
		}
		cb, err := g.CitedBy(n.ID, EdgeQuery{Sort: "id", Limit: MaxLimit})
		if err != nil {
			t.Fatal(err)
		}
		json.NewEncoder(&b).Encode([]any{c, cb})
	}
	for k, n := range w.Nodes[:min(5, len(w.Nodes))] {
		for _, m := range w.Nodes {
			p, err := g.Path(n.ID, m.ID, []string{Out, In, Both}[k%3])
			if err != nil {
				t.Fatal(err)
			}
			json.NewEncoder(&b).Encode(p)
		}
		sg, err := g.Neighbourhood(NeighbourhoodQuery{ID: n.ID, Depth: 2, Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		r, err := g.Related(n.ID, 0, 0)
		if err != nil {
			t.Fatal(err)
		}
		json.NewEncoder(&b).Encode([]any{sg, r})
	}
	top, _ := g.Top(TopQuery{Limit: MaxLimit})
	u, _ := g.Unresolved(nil, 0, MaxLimit)
	json.NewEncoder(&b).Encode([]any{top, u, g.Stats()})
	return b.String()
}

func TestCitesAndCitedBy(t *testing.T) {
	g := build(fixture())

	c, err := g.Cites("kst-36450-3", EdgeQuery{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range c.Edges {
		got = append(got, fmt.Sprintf("%s:%d:%v", e.ID, e.Weight, e.Held))
	}
	// weight order, then id; the self-reference and the empty id make no edge.
	want := []string{"kst-32637-1:2:true", "ah-tk-20222023-1234:1:true", "bwb:BWBR0001840:art=81:1:false", "kst-36450-2:1:true"}
	if !slices.Equal(got, want) {
		t.Errorf("cites kst-36450-3 = %v, want %v", got, want)
	}
	if c.Total != 4 {
		t.Errorf("total = %d, want 4", c.Total)
	}
	// Contexts keep where each mention stood.
	e := c.Edges[0]
	if e.Contexts[0].Footnote != 1 || e.Contexts[1].Footnote != 4 || e.Contexts[1].Page != 5 || e.Contexts[0].Context != "Zie de brief over regeldruk." {
		t.Errorf("contexts = %+v", e.Contexts)
	}
	for _, e := range c.Edges {
		if e.ID == "kst-36450-2" && (e.Contexts[0].SectionTitle != "2 Doel" || e.Contexts[0].Section != "s2") {
			t.Errorf("section of mention = %+v", e.Contexts[0])
		}
	}

	cb, err := g.CitedBy("kst-32637-1", EdgeQuery{})
	if err != nil {
		t.Fatal(err)
	}
	got = nil
	for _, e := range cb.Edges {
		got = append(got, e.ID+"@"+e.Date)
	}
	want = []string{"kst-36450-6@2024-03-20", "kst-36450-3@2023-11-01", "ah-tk-20222023-1234@2023-02-01"}
	if !slices.Equal(got, want) {
		t.Errorf("cited-by (newest first) = %v, want %v", got, want)
	}
	if n := g.CitedByCount("kst-32637-1"); n != 3 {
		t.Errorf("CitedByCount = %d, want 3", n)
	}
	if ids := g.CitingIDs("kst-32637-1"); !slices.Equal(ids, []string{"ah-tk-20222023-1234", "kst-36450-3", "kst-36450-6"}) {
		t.Errorf("CitingIDs = %v", ids)
	}
	if g.CitingIDs("kst-99999-1") != nil || g.CitedByCount("kst-99999-1") != 0 {
		t.Error("unknown id has citers")
	}
}

func TestEdgeQueryFilters(t *testing.T) {
	g := build(fixture())
	yes := true
	tests := []struct {
		name string
		id   string
		q    EdgeQuery
		want []string
	}{
		{"type", "kst-32637-1", EdgeQuery{Types: []string{"kamervragen"}}, []string{"ah-tk-20222023-1234"}},
		{"dates", "kst-32637-1", EdgeQuery{From: "2023-06-01", To: "2023-12-31"}, []string{"kst-36450-3"}},
		{"dossier", "kst-32637-1", EdgeQuery{Dossier: "36 450"}, []string{"kst-36450-6", "kst-36450-3"}},
		{"sort date", "kst-32637-1", EdgeQuery{Sort: "date"}, []string{"ah-tk-20222023-1234", "kst-36450-3", "kst-36450-6"}},
		{"sort cited-by", "kst-36450-3", EdgeQuery{Sort: "cited-by"}, []string{"kst-32637-1", "kst-36450-2", "ah-tk-20222023-1234", "bwb:BWBR0001840:art=81"}},
		{"kind", "kst-36450-3", EdgeQuery{Kinds: []string{"wet"}}, []string{"bwb:BWBR0001840:art=81"}},
		{"documents", "kst-36450-6", EdgeQuery{Kinds: []string{"documents"}, Sort: "id"}, []string{"dossier-32637", "kst-32637-1", "kst-36450-3", "kst-36450-5"}},
		{"held", "kst-36450-6", EdgeQuery{Held: &yes, Sort: "id"}, []string{"kst-32637-1", "kst-36450-3"}},
		{"page", "kst-36450-3", EdgeQuery{Sort: "id", Offset: 1, Limit: 2}, []string{"bwb:BWBR0001840:art=81", "kst-32637-1"}},
		{"past the end", "kst-36450-3", EdgeQuery{Offset: 10}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var l *EdgeList
			var err error
			if tt.name == "sort cited-by" || tt.name == "kind" || tt.name == "documents" || tt.name == "held" || tt.name == "page" || tt.name == "past the end" {
				l, err = g.Cites(tt.id, tt.q)
			} else {
				l, err = g.CitedBy(tt.id, tt.q)
			}
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, e := range l.Edges {
				got = append(got, e.ID)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestErrors(t *testing.T) {
	g := build(fixture())
	tests := []struct {
		name string
		err  error
		want error
	}{
		{"unknown", errOf(g.Cites("kst-99999-1", EdgeQuery{})), ErrNotFound},
		{"malformed", errOf(g.CitedBy("foo bar", EdgeQuery{})), ErrBadParam},
		{"no prefix", errOf(g.CitedBy("29911-337", EdgeQuery{})), ErrBadParam},
		{"bad sort", errOf(g.CitedBy("kst-32637-1", EdgeQuery{Sort: "size"})), ErrBadParam},
		{"bad date", errOf(g.CitedBy("kst-32637-1", EdgeQuery{From: "2023-13-01"})), ErrBadParam},
		{"from after to", errOf(g.CitedBy("kst-32637-1", EdgeQuery{From: "2024-01-01", To: "2023-01-01"})), ErrBadParam},
		{"bad limit", errOf(g.CitedBy("kst-32637-1", EdgeQuery{Limit: MaxLimit + 1})), ErrBadParam},
		{"bad kind", errOf(g.Cites("kst-32637-1", EdgeQuery{Kinds: []string{"boek"}})), ErrBadParam},
		{"depth", errOf(g.Neighbourhood(NeighbourhoodQuery{ID: "kst-32637-1", Depth: 4})), ErrBadParam},
		{"direction", errOf(g.Neighbourhood(NeighbourhoodQuery{ID: "kst-32637-1", Direction: "up"})), ErrBadParam},
		{"neighbourhood unknown", errOf(g.Neighbourhood(NeighbourhoodQuery{ID: "kst-1-1"})), ErrNotFound},
		{"path unknown", errOf(g.Path("kst-32637-1", "kst-1-1", "")), ErrNotFound},
		{"top by", errOf(g.Top(TopQuery{By: "size"})), ErrBadParam},
		{"top year", errOf(g.Top(TopQuery{Vergaderjaar: "2023-2025"})), ErrBadParam},
		{"dossier bad", errOf(g.Dossier("abc")), ErrBadParam},
		{"dossier unknown", errOf(g.Dossier("12345")), ErrNotFound},
		{"related unknown", errOf(g.Related("kst-1-1", 0, 0)), ErrNotFound},
		{"export format", (&Subgraph{}).Write(&bytes.Buffer{}, "png"), ErrBadParam},
	}
	for _, tt := range tests {
		if !errors.Is(tt.err, tt.want) {
			t.Errorf("%s: err = %v, want %v", tt.name, tt.err, tt.want)
		}
	}
}

func errOf[T any](_ T, err error) error { return err }

func TestUnresolvedLedger(t *testing.T) {
	docs := fixture()
	var without []*document.Document
	var ah *document.Document
	for _, d := range docs {
		if d.ID == "ah-tk-20222023-1234" {
			ah = d
			continue
		}
		without = append(without, d)
	}
	g := build(without)
	ids := func() []string {
		u, err := g.Unresolved(nil, 0, 0)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, x := range u.IDs {
			out = append(out, x.ID)
		}
		return out
	}
	// External references (stb is a document kind; bwb is not) and the
	// dossier-32637 reference (a document of it is held) are not on it.
	want := []string{"ah-tk-20222023-1234", "kst-36450-5", "stb-2017-123"}
	if got := ids(); !slices.Equal(got, want) {
		t.Errorf("ledger = %v, want %v", got, want)
	}
	g.Add(ah)
	want = []string{"h-tk-20222023-50-3", "kst-36450-5", "stb-2017-123"}
	if got := ids(); !slices.Equal(got, want) {
		t.Errorf("after adding the Aanhangsel: ledger = %v, want %v", got, want)
	}
	n, err := g.Node("ah-tk-20222023-1234")
	if err != nil || !n.Held || n.Title != "Vragen over regeldruk" || n.CitedBy != 1 {
		t.Errorf("resolved node = %+v, %v", n, err)
	}
	st := g.Stats()
	if st.Held != 7 || st.Unresolved != 3 || st.External != 1 || st.UnresolvedIDs != 3 || st.Nodes != st.Held+st.CitedOnly {
		t.Errorf("stats = %+v", st)
	}
	if st.References != st.Resolved+st.Unresolved+st.External {
		t.Errorf("references %d != resolved+unresolved+external", st.References)
	}
	// The only-cited node has its public URL.
	n, _ = g.Node("kst-36450-5")
	if n.Held || n.URL != "https://zoek.officielebekendmakingen.nl/kst-36450-5.html" || n.Dossier != "36450" || n.Status != StatusUnresolved {
		t.Errorf("cited-only node = %+v", n)
	}
}

// TestOrderIndependence adds the fixture and a synthetic corpus in many
// random orders (with removals and re-adds on the way) and checks that
// every answer is the same.
func TestOrderIndependence(t *testing.T) {
	corpora := map[string][]*document.Document{"fixture": fixture(), "synthetic": synthetic(60, 6, 7)}
	for name, docs := range corpora {
		t.Run(name, func(t *testing.T) {
			want := snapshot(t, build(docs))
			rng := rand.New(rand.NewPCG(1, 2))
			for round := range 25 {
				order := slices.Clone(docs)
				rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
				g := New()
				for k, d := range order {
					g.Add(d)
					// Now and then take an earlier one out and put it back,
					// or add a document twice.
					if k > 0 && rng.IntN(4) == 0 {
						o := order[rng.IntN(k)]
						g.Remove(o.ID)
						g.Add(o)
					}
					if rng.IntN(8) == 0 {
						g.Add(d)
					}
				}
				if got := snapshot(t, g); got != want {
					t.Fatalf("round %d: graph differs from the one built in order", round)
				}
			}
		})
	}
}

func TestRemoveThenAdd(t *testing.T) {
	docs := fixture()
	g := build(docs)
	want := snapshot(t, g)
	g.Remove("kst-32637-1")
	n, err := g.Node("kst-32637-1")
	if err != nil || n.Held || n.CitedBy != 3 || n.Status != StatusUnresolved {
		t.Errorf("after remove, the cited node stays as not held: %+v %v", n, err)
	}
	g.Remove("kst-36450-4")
	// kst-36450-4 cited nothing that others cite alone, and nothing cites
	// it: its node is gone.
	if _, err := g.Node("kst-36450-4"); !errors.Is(err, ErrNotFound) {
		t.Errorf("removed uncited document still has a node: %v", err)
	}
	g.Remove("kst-36450-4") // twice is harmless
	g.Remove("kst-77777-1") // unknown is harmless
	for _, d := range docs {
		if d.ID == "kst-32637-1" || d.ID == "kst-36450-4" {
			g.Add(d)
		}
	}
	if got := snapshot(t, g); got != want {
		t.Error("remove then re-add changed the graph")
	}
	// Removing everything leaves nothing.
	for _, d := range docs {
		g.Remove(d.ID)
	}
	if st := g.Stats(); st != (Stats{}) {
		t.Errorf("empty graph stats = %+v", st)
	}
}

func TestReplaceVersion(t *testing.T) {
	g := build(fixture())
	g.Add(&document.Document{ID: "kst-36450-6", Dossier: "36450", Number: "6", Title: "nieuw",
		References: []document.Reference{ref("kst-36450-2", 0, 1, "x")}})
	c, _ := g.Cites("kst-36450-6", EdgeQuery{})
	if c.Total != 1 || c.Edges[0].ID != "kst-36450-2" || c.Node.Title != "nieuw" {
		t.Errorf("replaced version cites %+v", c)
	}
	if _, err := g.Node("kst-36450-5"); !errors.Is(err, ErrNotFound) {
		t.Error("target only the old version cited is still there")
	}
	if n := g.CitedByCount("kst-36450-3"); n != 0 {
		t.Errorf("CitedByCount(kst-36450-3) = %d after the citing version was replaced", n)
	}
}

func TestNeighbourhood(t *testing.T) {
	g := build(fixture())
	ids := func(sg *Subgraph) []string {
		var out []string
		for _, n := range sg.Nodes {
			out = append(out, n.ID)
		}
		return out
	}
	sg, err := g.Neighbourhood(NeighbourhoodQuery{ID: "kst-36450-6", Depth: 1, Direction: Out})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"dossier-32637", "kst-32637-1", "kst-36450-3", "kst-36450-5", "kst-36450-6"}; !slices.Equal(ids(sg), want) {
		t.Errorf("out 1 = %v, want %v", ids(sg), want)
	}
	if len(sg.Edges) != 5 || sg.Truncated {
		t.Errorf("edges = %v truncated=%v", sg.Edges, sg.Truncated)
	}
	sg, _ = g.Neighbourhood(NeighbourhoodQuery{ID: "kst-36450-6", Depth: 2, Direction: In})
	if want := []string{"kst-36450-6", "kst-36450-B"}; !slices.Equal(ids(sg), want) {
		t.Errorf("in 2 = %v, want %v", ids(sg), want)
	}
	sg, _ = g.Neighbourhood(NeighbourhoodQuery{ID: "kst-32637-1", Depth: 2, Direction: Both, Kinds: []string{"kamerstuk"}})
	if want := []string{"kst-32637-1", "kst-36450-2", "kst-36450-3", "kst-36450-5", "kst-36450-6", "kst-36450-B"}; !slices.Equal(ids(sg), want) {
		t.Errorf("both 2 kamerstuk = %v, want %v", ids(sg), want)
	}
	sg, _ = g.Neighbourhood(NeighbourhoodQuery{ID: "kst-32637-1", Depth: 3, Direction: Both, Limit: 3})
	// Root, then its neighbours in id order: ah-..., kst-36450-3.
	if want := []string{"ah-tk-20222023-1234", "kst-32637-1", "kst-36450-3"}; !sg.Truncated || !slices.Equal(ids(sg), want) {
		t.Errorf("limited = %v truncated=%v", ids(sg), sg.Truncated)
	}
}

func TestPath(t *testing.T) {
	g := build(fixture())
	p, err := g.Path("kst-36450-B", "kst-32637-1", "")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, n := range p.Path {
		got = append(got, n.ID)
	}
	if want := []string{"kst-36450-B", "kst-36450-6", "kst-32637-1"}; !slices.Equal(got, want) || p.Length != 2 || len(p.Edges) != 2 {
		t.Errorf("path = %v (length %d)", got, p.Length)
	}
	p, err = g.Path("kst-32637-1", "kst-36450-B", Out)
	if err != nil || p.Path != nil || p.Length != -1 || p.Reason == "" {
		t.Errorf("reverse path = %+v, %v", p, err)
	}
	p, _ = g.Path("kst-32637-1", "kst-36450-B", In)
	if p.Length != 2 {
		t.Errorf("in-path length = %d", p.Length)
	}
	p, _ = g.Path("kst-36450-4", "kst-36450-4", "")
	if p.Length != 0 || len(p.Path) != 1 {
		t.Errorf("path to itself = %+v", p)
	}
}

func TestTopDossierRelated(t *testing.T) {
	g := build(fixture())
	top, err := g.Top(TopQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if top.Nodes[0].ID != "kst-32637-1" || top.Nodes[0].CitedBy != 3 || top.Nodes[0].Mentions != 4 {
		t.Errorf("top = %+v", top.Nodes[0])
	}
	top, _ = g.Top(TopQuery{Dossier: "36450"})
	var got []string
	for _, n := range top.Nodes {
		got = append(got, n.ID)
	}
	if want := []string{"kst-36450-2", "kst-36450-3", "kst-36450-5", "kst-36450-6"}; !slices.Equal(got, want) {
		t.Errorf("top in 36450 = %v, want %v", got, want)
	}
	top, _ = g.Top(TopQuery{Vergaderjaar: "2022-2023"})
	if len(top.Nodes) != 2 || top.Nodes[0].ID != "ah-tk-20222023-1234" || top.Nodes[1].ID != "h-tk-20222023-50-3" {
		t.Errorf("top in 2022-2023 = %+v", top.Nodes)
	}

	d, err := g.Dossier("36450")
	if err != nil {
		t.Fatal(err)
	}
	got = nil
	for _, n := range d.Documents {
		got = append(got, n.Number)
	}
	if want := []string{"2", "3", "4", "6", "B"}; !slices.Equal(got, want) {
		t.Errorf("dossier documents = %v, want %v", got, want)
	}
	if len(d.Missing) != 1 || d.Missing[0].ID != "kst-36450-5" {
		t.Errorf("missing = %+v", d.Missing)
	}
	if len(d.CitesDossiers) != 1 || d.CitesDossiers[0] != (DossierCount{Dossier: "32637", Edges: 3, Mentions: 4}) {
		t.Errorf("cites dossiers = %+v", d.CitesDossiers)
	}
	if d.Internal.Edges != 5 || d.CitedBy != 0 {
		t.Errorf("internal = %+v cited by %d", d.Internal, d.CitedBy)
	}
	d, _ = g.Dossier("dossier-32637")
	if len(d.CitedByDossiers) != 2 || d.CitedByDossiers[0] != (DossierCount{Dossier: "36450", Edges: 3, Mentions: 4}) ||
		d.CitedByDossiers[1].Dossier != "-" || d.CitedBy != 3 {
		t.Errorf("32637 cited by = %+v (%d)", d.CitedByDossiers, d.CitedBy)
	}

	r, err := g.Related("kst-36450-3", 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	// kst-36450-6 and the Aanhangsel share kst-32637-1 (coupling); 36450-4
	// shares kst-36450-2; kst-36450-5, kst-32637-1 and dossier-32637 are
	// cited together with it by kst-36450-6.
	scores := map[string][2]int{}
	for _, x := range r.Related {
		scores[x.ID] = [2]int{x.Coupling, x.CoCitation}
	}
	want := map[string][2]int{"kst-36450-6": {1, 0}, "ah-tk-20222023-1234": {1, 0}, "kst-36450-4": {1, 0},
		"kst-36450-5": {0, 1}, "kst-32637-1": {0, 1}, "dossier-32637": {0, 1}}
	if !reflect.DeepEqual(scores, want) {
		t.Errorf("related = %v, want %v", scores, want)
	}
}

func TestNumberOrder(t *testing.T) {
	in := []string{"B", "10", "2", "AA", "188b", "188", "Z", "x1", "1"}
	slices.SortFunc(in, func(a, b string) int {
		if numberLess(a, b) {
			return -1
		}
		if numberLess(b, a) {
			return 1
		}
		return 0
	})
	if want := []string{"1", "2", "10", "188", "188b", "B", "Z", "AA", "x1"}; !slices.Equal(in, want) {
		t.Errorf("order = %v, want %v", in, want)
	}
}

func TestIDHelpers(t *testing.T) {
	for _, tt := range []struct{ id, dossier, number, vj string }{
		{"kst-29911-337", "29911", "337", ""},
		{"kst-36200-VI-12", "36200-VI", "12", ""},
		{"kst-21501-32-1740", "21501-32", "1740", ""},
		{"kst-19951996-23700-188b", "23700", "188b", "1995-1996"},
		{"kst-1234567", "", "", ""},
		{"dossier-36600-XXIII", "36600-XXIII", "", ""},
		{"ah-tk-20202021-2348", "", "", "2020-2021"},
		{"h-tk-20212022-3-2", "", "", "2021-2022"},
		{"doc-0123456789ab", "", "", ""},
	} {
		if d, n, vj := DossierOf(tt.id), numberOf(tt.id), vergaderjaarOf(tt.id); d != tt.dossier || n != tt.number || vj != tt.vj {
			t.Errorf("%s: dossier %q number %q vj %q", tt.id, d, n, vj)
		}
	}
	for in, want := range map[string]string{"36450": "36450", "36 450": "36450", "36200 vi": "36200-VI",
		"36200-VI": "36200-VI", "dossier-21501-32": "21501-32", "CXXIV": "CXXIV", "36.450": "36450"} {
		if got, err := NormalizeDossier(in); got != want || err != nil {
			t.Errorf("NormalizeDossier(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "abc", "36450-foo!", "1234567"} {
		if _, err := NormalizeDossier(bad); !errors.Is(err, ErrBadParam) {
			t.Errorf("NormalizeDossier(%q) err = %v", bad, err)
		}
	}
}

// synthetic returns n documents in dossiers of ten, each citing k others
// (earlier and later ones, some not held, some twice), seeded.
func synthetic(n, k int, seed uint64) []*document.Document {
	rng := rand.New(rand.NewPCG(seed, seed))
	docs := make([]*document.Document, n)
	for i := range docs {
		d := &document.Document{
			ID: fmt.Sprintf("kst-%d-%d", 30000+i/10, i%10+1), Dossier: fmt.Sprint(30000 + i/10), Number: fmt.Sprint(i%10 + 1),
			Title: fmt.Sprintf("Document «%d» & \"co\"", i), Type: []string{"brief", "motie", "nota"}[i%3],
			Date: fmt.Sprintf("20%02d-%02d-%02d", 10+i%12, 1+i%12, 1+i%28), Vergaderjaar: "2020-2021",
		}
		for range k {
			j := rng.IntN(n + n/5) // some targets beyond the held set
			id := fmt.Sprintf("kst-%d-%d", 30000+j/10, j%10+1)
			if rng.IntN(10) == 0 {
				id = fmt.Sprintf("dossier-%d", 30000+j/10)
			}
			d.References = append(d.References, document.Reference{ID: id, Kind: KindOf(id), Raw: id, Page: rng.IntN(9), Footnote: rng.IntN(5)})
		}
		docs[i] = d
	}
	return docs
}

// TestConcurrentUse reads while documents are added and removed; run with
// -race to check the locking.
func TestConcurrentUse(t *testing.T) {
	docs := synthetic(80, 5, 9)
	g := build(docs[:40])
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		for _, d := range docs[40:] {
			g.Add(d)
			g.Remove(docs[rand.IntN(40)].ID)
		}
	}()
	go func() {
		defer wg.Done()
		for k := range 200 {
			id := docs[k%len(docs)].ID
			g.CitedByCount(id)
			g.CitingIDs(id)
			g.CitedBy(id, EdgeQuery{})
			g.Neighbourhood(NeighbourhoodQuery{ID: id, Depth: 2})
			g.Stats()
		}
	}()
	wg.Wait()
	g.Build(docs)
	if want := snapshot(t, build(docs)); snapshot(t, g) != want {
		t.Error("Build after concurrent use differs from a fresh build")
	}
}

func TestContentIDDocuments(t *testing.T) {
	g := build([]*document.Document{
		{ID: "doc-0123456789ab", Title: "Brief zonder kenmerk", References: []document.Reference{ref("kst-29911-337", 1, 1, "x")}},
		{ID: "", References: []document.Reference{ref("kst-29911-337", 1, 1, "x")}},
	})
	if n := g.CitedByCount("kst-29911-337"); n != 1 {
		t.Errorf("CitedByCount = %d, want 1 (the doc- document counts, the one without id does not)", n)
	}
	n, err := g.Node("doc-0123456789ab")
	if err != nil || !n.Held || n.Kind != KindContent {
		t.Errorf("doc- node = %+v, %v", n, err)
	}
}

func TestTopK(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for range 200 {
		n := rng.IntN(300)
		s := make([]int, n)
		for k := range s {
			s[k] = rng.IntN(50)
		}
		k := rng.IntN(n + 5)
		want := slices.Clone(s)
		slices.Sort(want)
		want = want[:min(k, n)]
		top := newTopK(k, func(a, b int) int { return a - b })
		for _, x := range s {
			top.push(x)
		}
		if got := top.sorted(); !slices.Equal(got, want) {
			t.Fatalf("topK(%v, %d) = %v, want %v", s, k, got, want)
		}
	}
}

// TestPathIsShortest compares Path with a plain breadth-first search and
// checks that each path follows citations in the asked direction.
func TestPathIsShortest(t *testing.T) {
	g := build(synthetic(120, 3, 11))
	nodes := g.Whole().Nodes
	rng := rand.New(rand.NewPCG(7, 8))
	for range 400 {
		from, to := nodes[rng.IntN(len(nodes))].ID, nodes[rng.IntN(len(nodes))].ID
		dir := []string{Out, In, Both}[rng.IntN(3)]
		p, err := g.Path(from, to, dir)
		if err != nil {
			t.Fatal(err)
		}
		// Plain BFS over Cites/CitedBy.
		dist := map[string]int{from: 0}
		queue := []string{from}
		for len(queue) > 0 {
			cur := queue[0]
			queue = queue[1:]
			var next []string
			if dir != In {
				c, _ := g.Cites(cur, EdgeQuery{Limit: MaxLimit})
				for _, e := range c.Edges {
					next = append(next, e.ID)
				}
			}
			if dir != Out {
				c, _ := g.CitedBy(cur, EdgeQuery{Limit: MaxLimit})
				for _, e := range c.Edges {
					next = append(next, e.ID)
				}
			}
			for _, n := range next {
				if _, ok := dist[n]; !ok {
					dist[n] = dist[cur] + 1
					queue = append(queue, n)
				}
			}
		}
		want, ok := dist[to]
		if !ok {
			want = -1
		}
		if p.Length != want {
			t.Fatalf("path %s→%s (%s) length %d, BFS says %d", from, to, dir, p.Length, want)
		}
		if want < 0 {
			continue
		}
		if len(p.Path) != want+1 || p.Path[0].ID != from || p.Path[want].ID != to || len(p.Edges) != want {
			t.Fatalf("path %s→%s: %+v", from, to, p)
		}
		for k, e := range p.Edges {
			a, b := p.Path[k].ID, p.Path[k+1].ID
			fwd := e.From == a && e.To == b
			bwd := e.From == b && e.To == a
			if !(dir == Out && fwd || dir == In && bwd || dir == Both && (fwd || bwd)) || e.Weight < 1 {
				t.Fatalf("path %s→%s (%s): edge %d %+v does not join %s and %s", from, to, dir, k, e, a, b)
			}
		}
	}
}

// The per-mention and per-field records hold no pointers, so that the
// collector marks one string per node whatever the number of mentions.
func TestNodeRecordsHoldNoPointers(t *testing.T) {
	var hasPointers func(reflect.Type) bool
	hasPointers = func(ty reflect.Type) bool {
		switch ty.Kind() {
		case reflect.Struct:
			for i := range ty.NumField() {
				if hasPointers(ty.Field(i).Type) {
					return true
				}
			}
			return false
		case reflect.Array:
			return hasPointers(ty.Elem())
		case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
			reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Float32, reflect.Float64:
			return false
		}
		return true
	}
	for _, v := range []any{mention{}, metaSpans{}, edge{}, inRef{}} {
		if hasPointers(reflect.TypeOf(v)) {
			t.Errorf("%T holds a pointer", v)
		}
	}
}

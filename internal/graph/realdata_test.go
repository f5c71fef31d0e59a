package graph_test

import (
	"context"
	"encoding/json"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"testing"

	"kamerzoek/internal/document"
	"kamerzoek/internal/graph"
	"kamerzoek/internal/ingest"
	"kamerzoek/internal/realdata"
)

// dossier36450 are the papers of dossier 36450 (Instellingswet
// Adviescollege toetsing regeldruk) in ../shared/realdata/pdf, the last one
// a second rendering of the Raad van State advice that names no id.
var dossier36450 = []string{
	"Koninklijke boodschap.pdf",
	"Voorstel van wet.pdf",
	"Memorie van toelichting.pdf",
	"Advies Afdeling advisering Raad van State en Nader rapport.pdf",
	"Nota naar aanleiding van het verslag.pdf",
	"36450 Advies Afdeling advisering Raad van State inzake Regels omtrent de instelling van het Adviescollege toetsing regeldruk (Instellingswet Adviescollege toetsing .pdf",
}

func parse36450(t *testing.T) []*document.Document {
	t.Helper()
	dir := filepath.Join(realdata.Dir(t), "realdata", "pdf")
	var docs []*document.Document
	for _, f := range dossier36450 {
		d, err := ingest.ParseFile(context.Background(), filepath.Join(dir, f), ingest.ParseOptions{})
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		docs = append(docs, d)
	}
	return docs
}

func TestRealDossier36450(t *testing.T) {
	docs := parse36450(t)
	g := graph.New()
	g.Build(docs)

	// The dossier holds its papers in number order.
	d, err := g.Dossier("36450")
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, n := range d.Documents {
		ids = append(ids, n.ID)
	}
	if want := []string{"kst-36450-1", "kst-36450-2", "kst-36450-3", "kst-36450-4", "kst-36450-6"}; !slices.Equal(ids, want) {
		t.Errorf("dossier 36450 holds %v, want %v", ids, want)
	}
	// The nota naar aanleiding van het verslag answers with the memorie
	// van toelichting in hand: it cites it, more than once, with pages and
	// sentences.
	cb, err := g.CitedBy("kst-36450-3", graph.EdgeQuery{})
	if err != nil {
		t.Fatal(err)
	}
	var nota *graph.Edge
	for k := range cb.Edges {
		if cb.Edges[k].ID == "kst-36450-6" {
			nota = &cb.Edges[k]
		}
	}
	if nota == nil {
		t.Fatalf("kst-36450-3 is not cited by the nota: %+v", cb.Edges)
	}
	if nota.Weight < 2 || len(nota.Contexts) != nota.Weight || !nota.Held || nota.Type != "nota naar aanleiding van het verslag" {
		t.Errorf("nota edge = %+v", nota)
	}
	for _, m := range nota.Contexts {
		if m.Raw == "" || m.Page < 1 {
			t.Errorf("mention without raw text or page: %+v", m)
		}
	}
	if d.Internal.Edges < 1 {
		t.Errorf("no citations within dossier 36450: %+v", d.Internal)
	}
	// Both renderings of the Raad van State advice cite the same papers:
	// they are each other's most related document by bibliographic
	// coupling.
	r, err := g.Related("kst-36450-4", 0, 5)
	if err != nil {
		t.Fatal(err)
	}
	other := docs[len(docs)-1].ID
	if len(r.Related) == 0 || r.Related[0].ID != other || r.Related[0].Coupling < 5 {
		t.Errorf("related to kst-36450-4 = %+v, want %s first with coupling ≥ 5", r.Related, other)
	}
	// The papers of dossier 29515 (regeldruk) that the MvT and the advice
	// cite are on the ledger of unresolved references, with their citers.
	u, err := g.Unresolved([]string{"kamerstuk"}, 0, graph.MaxLimit)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, x := range u.IDs {
		if x.ID == "kst-29515-409" {
			found = true
			if !slices.Contains(x.CitingIDs, "kst-36450-3") || !slices.Contains(x.CitingIDs, "kst-36450-4") {
				t.Errorf("kst-29515-409 cited by %v", x.CitingIDs)
			}
		}
		if x.Held || x.Status != graph.StatusUnresolved {
			t.Errorf("ledger entry %+v", x)
		}
	}
	if !found {
		t.Error("kst-29515-409 is not on the ledger")
	}
	if len(d.CitesDossiers) == 0 || d.CitesDossiers[0].Dossier != "29515" {
		t.Errorf("dossier 36450 cites %+v first, want 29515", d.CitesDossiers)
	}

	// Any order of ingestion gives the same graph.
	var want []byte
	dump := func(g *graph.Graph) []byte {
		var b []byte
		for _, n := range g.Whole().Nodes {
			c, _ := g.Cites(n.ID, graph.EdgeQuery{Sort: "id", Limit: graph.MaxLimit})
			cb, _ := g.CitedBy(n.ID, graph.EdgeQuery{Sort: "id", Limit: graph.MaxLimit})
			b = append(b, jsonOf(t, c)...)
			b = append(b, jsonOf(t, cb)...)
		}
		return append(b, jsonOf(t, g.Stats())...)
	}
	want = dump(g)
	rng := rand.New(rand.NewPCG(3, 4))
	for range 20 {
		order := slices.Clone(docs)
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		g2 := graph.New()
		for _, d := range order {
			g2.Add(d)
		}
		if got := dump(g2); string(got) != string(want) {
			t.Fatal("a different order of ingestion gave a different graph")
		}
	}
}

func jsonOf(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

package graph

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"kamerzoek/internal/document"
)

// refCorpus makes n held documents with dates drawn from a few values (so
// that many tie), some undated and, when bad, some with dates that are not
// YYYY-MM-DD; each cites a few documents, a hub most of them.
func refCorpus(rng *rand.Rand, n int, bad bool) []*document.Document {
	id := func(j int) string { return fmt.Sprintf("kst-%d-%d", 40000+j%7, j) }
	dates := []string{"2020-01-05", "2020-01-06", "2019-12-31", "2021-07-01", "", "2020-01-05"}
	if bad {
		dates = append(dates, "2020", "2020-1-5x")
	}
	docs := make([]*document.Document, n)
	for i := range docs {
		d := &document.Document{ID: id(i), Dossier: fmt.Sprint(40000 + i%7), Number: fmt.Sprint(i),
			Type: []string{"brief", "motie", "nota"}[rng.IntN(3)], Date: dates[rng.IntN(len(dates))]}
		for range rng.IntN(6) {
			var t string
			switch x := rng.IntN(10); {
			case x < 4:
				t = id(rng.IntN(3)) // the hubs
			case x < 7:
				t = id(rng.IntN(n + n/3)) // some not held
			case x < 8:
				t = fmt.Sprintf("dossier-%d", 40000+rng.IntN(9))
			default:
				t = fmt.Sprintf("bwb:BWBR000%d", rng.IntN(5))
			}
			d.References = append(d.References, document.Reference{ID: t, Kind: KindOf(t), Raw: "raw " + t,
				Context: fmt.Sprintf("%s cites %s, mention %d", d.ID, t, len(d.References))})
		}
		docs[i] = d
	}
	return docs
}

// refEdge is an edge as the reference computes it.
type refEdge struct {
	id       string
	weight   int
	contexts []string
	citedBy  int
	kind     document.Kind
	held     bool
	typ      string
	date     string
	dossier  string
}

// refEdges lists the edges of id from the documents held (cites when out,
// cited-by otherwise), filtered and ordered as q asks, the straightforward
// way: everything collected, sorted by date strings.
func refEdges(held map[string]*document.Document, id string, out bool, q EdgeQuery) (total int, page []refEdge) {
	citers := map[string]map[string]bool{} // cited → citing set
	for _, d := range held {
		for _, r := range d.References {
			if r.ID == "" || r.ID == d.ID {
				continue
			}
			if citers[r.ID] == nil {
				citers[r.ID] = map[string]bool{}
			}
			citers[r.ID][d.ID] = true
		}
	}
	mk := func(other, citing, cited string) refEdge {
		e := refEdge{id: other, citedBy: len(citers[other]), kind: KindOf(other), dossier: DossierOf(other)}
		if d := held[other]; d != nil {
			e.held, e.typ, e.date, e.dossier = true, d.Type, d.Date, d.Dossier
		}
		for _, r := range held[citing].References {
			if r.ID == cited {
				e.weight++
				e.contexts = append(e.contexts, r.Context)
			}
		}
		return e
	}
	var all []refEdge
	if out {
		seen := map[string]bool{}
		for _, r := range held[id].References {
			if r.ID != id && !seen[r.ID] {
				seen[r.ID] = true
				all = append(all, mk(r.ID, id, r.ID))
			}
		}
	} else {
		for c := range citers[id] {
			all = append(all, mk(c, c, id))
		}
	}
	all = slices.DeleteFunc(all, func(e refEdge) bool {
		return len(q.Types) > 0 && !slices.Contains(q.Types, e.typ) ||
			!kindMatch(q.Kinds, e.kind) ||
			(q.From != "" || q.To != "") && (e.date == "" || q.From != "" && e.date < q.From || q.To != "" && e.date > q.To) ||
			q.Dossier != "" && e.dossier != q.Dossier ||
			q.Held != nil && e.held != *q.Held
	})
	slices.SortFunc(all, func(a, b refEdge) int {
		c := 0
		switch q.Sort {
		case "date", "-date":
			switch {
			case a.date == b.date:
			case a.date == "":
				c = 1
			case b.date == "":
				c = -1
			case q.Sort == "date":
				c = strings.Compare(a.date, b.date)
			default:
				c = strings.Compare(b.date, a.date)
			}
		case "cited-by":
			c = cmp.Compare(b.citedBy, a.citedBy)
		case "weight":
			c = cmp.Compare(b.weight, a.weight)
		}
		if c != 0 {
			return c
		}
		return strings.Compare(a.id, b.id)
	})
	return len(all), all[min(q.Offset, len(all)):min(len(all), q.Offset+q.Limit)]
}

// TestEdgesMatchReference compares Cites and CitedBy, under random filters,
// sorts and pages, with refEdges on random graphs that were changed after
// they were built (documents added again with other dates and references,
// documents removed), with the contexts read from a context source.
func TestEdgesMatchReference(t *testing.T) {
	for seed := range uint64(12) {
		rng := rand.New(rand.NewPCG(seed, 99))
		bad := seed%3 == 2
		docs := refCorpus(rng, 40+rng.IntN(200), bad)
		held := map[string]*document.Document{}
		strip := func(d *document.Document) *document.Document {
			c := *d
			c.References = slices.Clone(d.References)
			for k := range c.References {
				c.References[k].Context = ""
			}
			return &c
		}
		g := New()
		contextsTo := func(citing, cited string) ([]string, error) {
			var out []string
			for _, r := range held[citing].References {
				if r.ID == cited {
					out = append(out, r.Context)
				}
			}
			return out, nil
		}
		if seed%2 == 0 {
			g.SetContexts(func(citing string) ([]document.Reference, error) {
				return held[citing].References, nil
			})
		} else {
			g.SetContextsToMany(func(pairs [][2]string) ([][]string, error) {
				out := make([][]string, len(pairs))
				for k, p := range pairs {
					out[k], _ = contextsTo(p[0], p[1])
				}
				return out, nil
			})
		}
		for _, d := range docs {
			g.Add(strip(d))
			held[d.ID] = d
		}
		// Change some: a new version (another date, other references) or
		// gone.
		again := refCorpus(rand.New(rand.NewPCG(seed, 7)), len(docs), bad)
		for k := range len(docs) / 4 {
			j := rng.IntN(len(docs))
			if k%3 == 0 {
				g.Remove(docs[j].ID)
				delete(held, docs[j].ID)
				continue
			}
			g.Add(strip(again[j]))
			held[again[j].ID] = again[j]
		}
		var ids []string
		for _, n := range g.Whole().Nodes {
			ids = append(ids, n.ID)
		}
		yes, no := true, false
		for range 300 {
			id := ids[rng.IntN(len(ids))]
			if rng.IntN(3) == 0 {
				id = fmt.Sprintf("kst-%d-%d", 40000+rng.IntN(3)%7, rng.IntN(3)) // a hub
			}
			q := EdgeQuery{Sort: []string{"", "date", "-date", "cited-by", "weight", "id"}[rng.IntN(6)],
				Offset: []int{0, 0, rng.IntN(30), 1 << 40}[rng.IntN(4)], Limit: []int{0, 1, 3, 20, MaxLimit}[rng.IntN(5)]}
			switch rng.IntN(8) {
			case 0:
				q.Types = []string{"motie", "nota"}[:1+rng.IntN(2)]
			case 1:
				q.Kinds = [][]string{{"kamerstuk"}, {"documents"}, {"dossier", "wet"}}[rng.IntN(3)]
			case 2:
				q.From = "2020-01-05"
			case 3:
				q.To = "2020-01-06"
			case 4:
				q.Dossier = fmt.Sprint(40000 + rng.IntN(7))
			case 5:
				q.Held = []*bool{&yes, &no}[rng.IntN(2)]
			}
			out := rng.IntN(2) == 0
			var l *EdgeList
			var err error
			if out {
				l, err = g.Cites(id, q)
			} else {
				l, err = g.CitedBy(id, q)
			}
			if err != nil {
				continue // an id only some graphs have
			}
			if out && held[id] == nil {
				if len(l.Edges) != 0 || l.Total != 0 {
					t.Fatalf("seed %d: %s is not held but cites %+v", seed, id, l)
				}
				continue
			}
			if q.Sort == "" {
				q.Sort = map[bool]string{true: "weight", false: "-date"}[out]
			}
			if q.Limit == 0 {
				q.Limit = DefaultLimit
			}
			if q.Dossier != "" {
				q.Dossier, _ = NormalizeDossier(q.Dossier)
			}
			total, want := refEdges(held, id, out, q)
			if l.Total != total || len(l.Edges) != len(want) {
				t.Fatalf("seed %d: %s out=%v %+v: total %d, %d edges; want %d, %d", seed, id, out, q, l.Total, len(l.Edges), total, len(want))
			}
			for k, e := range l.Edges {
				w := want[k]
				var ctx []string
				for _, m := range e.Contexts {
					ctx = append(ctx, m.Context)
				}
				if e.ID != w.id || e.Weight != w.weight || e.CitedBy != w.citedBy || e.Held != w.held ||
					e.Date != w.date || e.Type != w.typ || !slices.Equal(ctx, w.contexts) {
					t.Fatalf("seed %d: %s out=%v %+v: edge %d is %s (weight %d, cited by %d, %q, contexts %q); want %+v",
						seed, id, out, q, k, e.ID, e.Weight, e.CitedBy, e.Date, ctx, w)
				}
			}
		}
	}
}

// refNeighbourhood is Neighbourhood the straightforward way: maps, and
// each neighbour list sorted by id when it does not all fit.
func refNeighbourhood(g *Graph, q NeighbourhoodQuery) (nodes []string, truncated bool) {
	root := g.index[q.ID]
	seen := map[int32]bool{root: true}
	order := []int32{root}
	frontier := []int32{root}
	for d := 0; d < q.Depth && len(frontier) > 0 && !truncated; d++ {
		var next []int32
		for _, i := range frontier {
			nb := g.neighbours(i, q.Direction, nil)
			if len(order)+len(nb) > q.Limit {
				slices.SortFunc(nb, g.cmpID)
			}
			for _, j := range nb {
				if seen[j] || !kindMatch(q.Kinds, g.nodes[j].kind) {
					continue
				}
				if len(order) >= q.Limit {
					truncated = true
					break
				}
				seen[j] = true
				order = append(order, j)
				next = append(next, j)
			}
			if truncated {
				break
			}
		}
		frontier = next
		slices.SortFunc(frontier, g.cmpID)
	}
	for _, i := range order {
		nodes = append(nodes, g.nodes[i].id)
	}
	slices.Sort(nodes)
	return nodes, truncated
}

// refPath is Path over maps: a breadth-first search from both ends, a
// whole level at a time on the side with the smaller frontier, until the
// two meet; then the meeting node with the smallest id and from it the
// smallest id at each step.
func refPath(g *Graph, from, to, dir string) []string {
	back := map[string]string{Out: In, In: Out, Both: Both}[dir]
	a, b := g.index[from], g.index[to]
	distA := map[int32]int32{a: 0}
	distB := map[int32]int32{b: 0}
	fa, fb := []int32{a}, []int32{b}
	best := int32(-1)
	if a == b {
		best = 0
	}
	for best < 0 && len(fa) > 0 && len(fb) > 0 {
		frontier, mine, other, d := &fa, distA, distB, dir
		if len(fb) < len(fa) {
			frontier, mine, other, d = &fb, distB, distA, back
		}
		var next []int32
		for _, i := range *frontier {
			for _, j := range g.neighbours(i, d, nil) {
				if _, ok := mine[j]; ok {
					continue
				}
				mine[j] = mine[i] + 1
				next = append(next, j)
				if od, ok := other[j]; ok && (best < 0 || mine[j]+od < best) {
					best = mine[j] + od
				}
			}
		}
		*frontier = next
	}
	if best < 0 {
		return nil
	}
	m := int32(-1)
	for x, dx := range distA {
		if dy, ok := distB[x]; ok && dx+dy == best && (m < 0 || g.nodes[x].id < g.nodes[m].id) {
			m = x
		}
	}
	step := func(cur int32, d string, dist map[int32]int32) int32 {
		next := int32(-1)
		for _, j := range g.neighbours(cur, d, nil) {
			if dj, ok := dist[j]; ok && dj == dist[cur]-1 && (next < 0 || g.nodes[j].id < g.nodes[next].id) {
				next = j
			}
		}
		return next
	}
	rev := []int32{m}
	for cur := m; cur != a; {
		cur = step(cur, back, distA)
		rev = append(rev, cur)
	}
	slices.Reverse(rev)
	for cur := m; cur != b; {
		cur = step(cur, dir, distB)
		rev = append(rev, cur)
	}
	var ids []string
	for _, i := range rev {
		ids = append(ids, g.nodes[i].id)
	}
	return ids
}

// TestWalksMatchReference compares Neighbourhood and Path with refNeighbourhood
// and refPath on random graphs with hubs, under random limits, kinds and
// directions.
func TestWalksMatchReference(t *testing.T) {
	for seed := range uint64(8) {
		rng := rand.New(rand.NewPCG(seed, 5))
		g := build(refCorpus(rng, 60+rng.IntN(300), false))
		var ids []string
		for _, n := range g.Whole().Nodes {
			ids = append(ids, n.ID)
		}
		for range 300 {
			q := NeighbourhoodQuery{ID: ids[rng.IntN(len(ids))], Depth: 1 + rng.IntN(MaxDepth),
				Direction: []string{Out, In, Both}[rng.IntN(3)], Limit: []int{1, 2, 5, 20, 60, 500}[rng.IntN(6)]}
			if rng.IntN(4) == 0 {
				q.Kinds = [][]string{{"kamerstuk"}, {"documents"}, {"dossier", "wet"}}[rng.IntN(3)]
			}
			sg, err := g.Neighbourhood(q)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, n := range sg.Nodes {
				got = append(got, n.ID)
			}
			want, trunc := refNeighbourhood(g, q)
			if !slices.Equal(got, want) || sg.Truncated != trunc {
				t.Fatalf("seed %d: neighbourhood %+v: %v (truncated %v), want %v (%v)", seed, q, got, sg.Truncated, want, trunc)
			}
			for _, e := range sg.Edges {
				if !slices.Contains(want, e.From) || !slices.Contains(want, e.To) {
					t.Fatalf("seed %d: neighbourhood %+v: edge %+v leaves the nodes", seed, q, e)
				}
			}

			from, to := ids[rng.IntN(len(ids))], ids[rng.IntN(len(ids))]
			if rng.IntN(3) == 0 {
				to = fmt.Sprintf("kst-%d-%d", 40000+rng.IntN(3)%7, rng.IntN(3)) // a hub
			}
			dir := []string{Out, In, Both}[rng.IntN(3)]
			p, err := g.Path(from, to, dir)
			if err != nil {
				continue // the hub may be missing
			}
			var path []string
			for _, n := range p.Path {
				path = append(path, n.ID)
			}
			if want := refPath(g, from, to, dir); !slices.Equal(path, want) || p.Length != len(want)-1 {
				t.Fatalf("seed %d: path %s→%s (%s): %v (length %d), want %v", seed, from, to, dir, path, p.Length, want)
			}
		}
	}
}

// TestCmpIDOrdersByID checks that ordering nodes through their id keys is
// ordering their ids, for ids that share long prefixes or are prefixes of
// each other.
func TestCmpIDOrdersByID(t *testing.T) {
	ids := []string{"kst-1", "kst-12", "kst-123", "kst-1234", "kst-12345", "kst-123456", "kst-1234567",
		"kst-12345678", "kst-123456789", "kst-2", "kst-10-1", "kst-10-10", "kst-10-2", "dossier-1", "dossier-1-A",
		"ah-tk-20222023-1234", "ah-tk-20222023-1235", "bwb:BWBR0001840:art=81", "bwb:BWBR0001840"}
	g := New()
	for _, id := range ids {
		g.ensure(id, "")
	}
	for _, a := range ids {
		for _, b := range ids {
			if got, want := g.cmpID(g.index[a], g.index[b]), strings.Compare(a, b); got != want {
				t.Errorf("cmpID(%s, %s) = %d, want %d", a, b, got, want)
			}
		}
	}
}

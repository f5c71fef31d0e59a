package graph

import (
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"os"
	"runtime"
	"slices"
	"sync"
	"syscall"
	"testing"
	"time"

	"kamerzoek/internal/document"
)

// benchCorpus makes docs held documents citing refs documents each, with a
// skewed choice of targets (a few are cited by thousands, most by a few),
// a fifth of the targets not held, and one mention with a context sentence
// per reference.
func benchCorpus(docs, refs int) []*document.Document {
	rng := rand.New(rand.NewPCG(42, 42))
	universe := docs + docs/4
	id := func(j int) string { return fmt.Sprintf("kst-%d-%d", 20000+j/100, j%100+1) }
	out := make([]*document.Document, docs)
	for i := range out {
		d := &document.Document{ID: id(i), Dossier: fmt.Sprint(20000 + i/100), Number: fmt.Sprint(i%100 + 1),
			Title: fmt.Sprintf("Wijziging van de Wet nummer %d", i/100), Type: "brief",
			Date: fmt.Sprintf("20%02d-%02d-%02d", 5+i%20, 1+i%12, 1+i%28), Vergaderjaar: "2020-2021"}
		d.References = make([]document.Reference, 0, refs)
		for k := 0; k < refs; k++ {
			u := rng.Float64()
			j := int(u * u * u * float64(universe))
			if j == i {
				j = (j + 1) % universe
			}
			t := id(j)
			d.References = append(d.References, document.Reference{ID: t, Kind: document.KindKamerstuk,
				Raw: "Kamerstuk " + t, Footnote: k + 1, Page: 1 + k/4,
				Context: "Zie hierover de brief van de minister, " + t + ", waarin de hoofdlijnen zijn uiteengezet."})
		}
		out[i] = d
	}
	return out
}

type benchGraph struct {
	g             *Graph
	ids           []string
	edges         int
	bytesPerEdge  float64
	bytesPerEdgeS float64 // structure only: without the mention texts
}

var (
	benchOnce sync.Map // size → *benchGraph
)

// benchSize is the number of held documents; each cites 10. The large run
// (KAMERZOEK_BENCH_LARGE=1) has a million edges.
func benchSize() (docs int, name string) {
	if os.Getenv("KAMERZOEK_BENCH_LARGE") == "1" {
		return 100_000, "1M-edges"
	}
	return 10_000, "100k-edges"
}

func heap() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

func getBench(b *testing.B) *benchGraph {
	docs, _ := benchSize()
	if v, ok := benchOnce.Load(docs); ok {
		return v.(*benchGraph)
	}
	// Memory: the graph keeps the documents' strings, so measure from
	// before the corpus exists to after it is dropped.
	base := heap()
	corpus := benchCorpus(docs, 10)
	g := New()
	g.Build(corpus)
	ids := make([]string, 0, 1024)
	for k := 0; k < 1024; k++ {
		ids = append(ids, corpus[(k*7919)%len(corpus)].ID)
	}
	corpus = nil
	after := heap()
	st := g.Stats()
	// Structure only: the same graph without mention texts.
	h0 := heap()
	bareDocs := benchCorpus(docs, 10)
	for _, d := range bareDocs {
		for k := range d.References {
			d.References[k].Raw, d.References[k].Context = "", ""
		}
	}
	gs := New()
	gs.Build(bareDocs)
	bareDocs = nil
	h1 := heap()
	bg := &benchGraph{g: g, ids: ids, edges: st.Edges,
		bytesPerEdge:  float64(after-base) / float64(st.Edges),
		bytesPerEdgeS: float64(int64(h1)-int64(h0)) / float64(st.Edges)}
	runtime.KeepAlive(gs)
	benchOnce.Store(docs, bg)
	return bg
}

func BenchmarkCitedBy(b *testing.B) {
	bg := getBench(b)
	_, name := benchSize()
	b.Run(name, func(b *testing.B) {
		b.ReportAllocs()
		loop(b, func(k int) {
			l, err := bg.g.CitedBy(bg.ids[k%len(bg.ids)], EdgeQuery{Sort: "cited-by", Limit: 50})
			if err != nil || l == nil {
				b.Fatal(err)
			}
		})
		b.ReportMetric(float64(bg.edges), "edges")
		b.ReportMetric(bg.bytesPerEdge, "B/edge")
		b.ReportMetric(bg.bytesPerEdgeS, "B/edge-bare")
	})
}

// BenchmarkCitedByHub lists a page of the citers of the most-cited node.
func BenchmarkCitedByHub(b *testing.B) {
	bg := getBench(b)
	_, name := benchSize()
	top, _ := bg.g.Top(TopQuery{Limit: 1})
	hub := top.Nodes[0]
	b.Run(name, func(b *testing.B) {
		b.ReportAllocs()
		loop(b, func(int) {
			if _, err := bg.g.CitedBy(hub.ID, EdgeQuery{Sort: "cited-by", Limit: 50}); err != nil {
				b.Fatal(err)
			}
		})
		b.ReportMetric(float64(hub.CitedBy), "citers")
	})
}

func BenchmarkCitedByCount(b *testing.B) {
	bg := getBench(b)
	_, name := benchSize()
	b.Run(name, func(b *testing.B) {
		loop(b, func(k int) { bg.g.CitedByCount(bg.ids[k%len(bg.ids)]) })
	})
}

func BenchmarkNeighbourhoodDepth2(b *testing.B) {
	bg := getBench(b)
	_, name := benchSize()
	for _, dir := range []string{Out, Both} {
		b.Run(name+"/"+dir, func(b *testing.B) {
			b.ReportAllocs()
			nodes, n := 0, 0
			loop(b, func(k int) {
				sg, err := bg.g.Neighbourhood(NeighbourhoodQuery{ID: bg.ids[k%len(bg.ids)], Depth: 2, Direction: dir, Limit: 500})
				if err != nil {
					b.Fatal(err)
				}
				nodes += len(sg.Nodes)
				n++
			})
			b.ReportMetric(float64(nodes)/float64(max(n, 1)), "nodes/op")
		})
	}
}

func BenchmarkBuild(b *testing.B) {
	docs, name := benchSize()
	corpus := benchCorpus(docs, 10)
	b.Run(name, func(b *testing.B) {
		loop(b, func(int) { New().Build(corpus) })
	})
}

func BenchmarkTop(b *testing.B) {
	bg := getBench(b)
	_, name := benchSize()
	b.Run(name, func(b *testing.B) {
		b.ReportAllocs()
		loop(b, func(int) {
			if _, err := bg.g.Top(TopQuery{Limit: 20}); err != nil {
				b.Fatal(err)
			}
		})
	})
}

func BenchmarkPath(b *testing.B) {
	bg := getBench(b)
	_, name := benchSize()
	b.Run(name, func(b *testing.B) {
		b.ReportAllocs()
		loop(b, func(k int) {
			if _, err := bg.g.Path(bg.ids[k%len(bg.ids)], bg.ids[(k+1)%len(bg.ids)], Both); err != nil {
				b.Fatal(err)
			}
		})
	})
}

// cpuTime returns the process's user + system CPU time. On a shared
// machine it holds still where wall-clock time follows the load.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// loop runs f b.N times and reports CPU time per op and the 99th
// percentile of the ops' wall-clock times next to ns/op.
func loop(b *testing.B, f func(k int)) {
	start := cpuTime()
	var took []time.Duration
	k := 0
	for b.Loop() {
		t := time.Now()
		f(k)
		took = append(took, time.Since(t))
		k++
	}
	if k > 0 {
		b.ReportMetric(float64(cpuTime()-start)/float64(k), "cpu-ns/op")
		slices.Sort(took)
		b.ReportMetric(float64(took[(len(took)-1)*99/100]), "p99-ns")
	}
}

// hubBench is the large graph as a server holds it: built from skeletons
// (mentions without their contexts), with a context source that decodes
// the contexts of one citing document from encoded bytes, as the store's
// catalog does.
type hubBench struct {
	g *Graph
	// hub is the most-cited node; near a held document that cites it and
	// has about as many citers as a typical letter (tens).
	hub, near Node
	// from are held documents that do not cite hub directly.
	from []string
}

var hubOnce sync.Map // size → *hubBench

func getHub(b *testing.B) *hubBench {
	docs, _ := benchSize()
	if v, ok := hubOnce.Load(docs); ok {
		return v.(*hubBench)
	}
	corpus := benchCorpus(docs, 10)
	// The contexts as the catalog keeps them: per citing document, the
	// (id, context) of each reference, length-prefixed.
	enc := make(map[string][]byte, len(corpus))
	for _, d := range corpus {
		var e []byte
		e = binary.AppendUvarint(e, uint64(len(d.References)))
		for k := range d.References {
			r := &d.References[k]
			for _, s := range []string{r.ID, r.Context} {
				e = binary.AppendUvarint(e, uint64(len(s)))
				e = append(e, s...)
			}
			r.Context = ""
		}
		enc[d.ID] = e
	}
	g := New()
	g.Build(corpus)
	contextsTo := func(citing, cited string) ([]string, error) {
		b, ok := enc[citing]
		if !ok {
			return nil, fmt.Errorf("bench: no contexts for %s", citing)
		}
		n, k := binary.Uvarint(b)
		b = b[k:]
		var out []string
		for range n {
			l, k := binary.Uvarint(b)
			id := b[k : k+int(l)]
			b = b[k+int(l):]
			l, k = binary.Uvarint(b)
			c := b[k : k+int(l)]
			b = b[k+int(l):]
			if string(id) == cited {
				out = append(out, string(c))
			}
		}
		return out, nil
	}
	// As the store's catalog answers: a page's pairs in one read.
	g.SetContextsToMany(func(pairs [][2]string) ([][]string, error) {
		out := make([][]string, len(pairs))
		for k, p := range pairs {
			out[k], _ = contextsTo(p[0], p[1])
		}
		return out, nil
	})
	top, _ := g.Top(TopQuery{Limit: 1})
	hb := &hubBench{g: g, hub: top.Nodes[0].Node}
	best := -1
	for _, d := range corpus {
		cites := slices.ContainsFunc(d.References, func(r document.Reference) bool { return r.ID == hb.hub.ID })
		if !cites {
			if len(hb.from) < 256 {
				hb.from = append(hb.from, d.ID)
			}
			continue
		}
		if c := g.CitedByCount(d.ID); best < 0 || abs(c-60) < abs(best-60) {
			best = c
			hb.near, _ = g.Node(d.ID)
		}
	}
	hubOnce.Store(docs, hb)
	return hb
}

func abs(x int) int { return max(x, -x) }

// BenchmarkCitedByHubDefault lists the first page of the citers of the
// most-cited node in the default order (-date), with contexts read from
// the context source: the heaviest cited-by a server answers.
func BenchmarkCitedByHubDefault(b *testing.B) {
	hb := getHub(b)
	_, name := benchSize()
	b.Run(name, func(b *testing.B) {
		b.ReportAllocs()
		loop(b, func(int) {
			l, err := hb.g.CitedBy(hb.hub.ID, EdgeQuery{})
			if err != nil || len(l.Edges) != DefaultLimit || l.Edges[0].Contexts[0].Context == "" {
				b.Fatal(err, l)
			}
		})
		b.ReportMetric(float64(hb.hub.CitedBy), "citers")
	})
}

// BenchmarkNeighbourhoodNearHub takes the depth-2 neighbourhood (both
// directions, default node limit) of a document that cites the most-cited
// node: the second step meets the hub's whole in-list.
func BenchmarkNeighbourhoodNearHub(b *testing.B) {
	hb := getHub(b)
	_, name := benchSize()
	b.Run(name, func(b *testing.B) {
		b.ReportAllocs()
		loop(b, func(int) {
			if _, err := hb.g.Neighbourhood(NeighbourhoodQuery{ID: hb.near.ID, Depth: 2}); err != nil {
				b.Fatal(err)
			}
		})
		b.ReportMetric(float64(hb.near.CitedBy), "root-citers")
	})
}

// BenchmarkPathToHub finds citation paths (direction out) from documents
// that do not cite the most-cited node to it.
func BenchmarkPathToHub(b *testing.B) {
	hb := getHub(b)
	_, name := benchSize()
	b.Run(name, func(b *testing.B) {
		b.ReportAllocs()
		loop(b, func(k int) {
			if _, err := hb.g.Path(hb.from[k%len(hb.from)], hb.hub.ID, Out); err != nil {
				b.Fatal(err)
			}
		})
	})
}

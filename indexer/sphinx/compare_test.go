package sphinx

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"kamerzoek/indexer"
	"kamerzoek/internal/document"
	"kamerzoek/internal/ingest"
	"kamerzoek/internal/realdata"
)

// realDocs parses the real documents the embedded index's relevance test
// searches: the seed letter and the PDFs and XML of the shared real data.
func realDocs(t *testing.T) []*document.Document {
	t.Helper()
	shared := realdata.Dir(t)
	paths := []string{filepath.Join(shared, "seed", "kst-29911-337.txt")}
	pdfs, _ := filepath.Glob(filepath.Join(shared, "realdata", "pdf", "*.pdf"))
	paths = append(paths, pdfs...)
	xmls, _ := filepath.Glob(filepath.Join(shared, "realdata", "xml", "*.xml"))
	for _, x := range xmls {
		if b := filepath.Base(x); !strings.Contains(b, "metadata") && !strings.HasPrefix(b, "sru_") {
			paths = append(paths, x)
		}
	}
	docs := make([]*document.Document, len(paths))
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.NumCPU())
	for i, p := range paths {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			if d, err := ingest.ParseFile(context.Background(), p, ingest.ParseOptions{}); err == nil {
				docs[i] = d
			}
		})
	}
	wg.Wait()
	var out []*document.Document
	seen := map[string]bool{}
	for _, d := range docs {
		if d != nil && !seen[d.ID] {
			seen[d.ID] = true
			out = append(out, d)
		}
	}
	if len(out) < 10 {
		t.Fatalf("only %d real documents parsed", len(out))
	}
	return out
}

func citedCounts(docs []*document.Document) func(string) int {
	n := map[string]int{}
	for _, d := range docs {
		seen := map[string]bool{}
		for _, r := range d.References {
			if !seen[r.ID] && r.ID != d.ID {
				seen[r.ID] = true
				n[r.ID]++
			}
		}
	}
	return func(id string) int { return n[id] }
}

// TestCompareEmbedded puts the real documents into the embedded index and
// a two-node cluster and runs the judged queries on both: it reports the
// share of the embedded index's top 10 the cluster returns in its top 10,
// how often the cluster ranks the judged best document first (MRR), the
// Put rates and the median query latencies. Run with -v to see them.
func TestCompareEmbedded(t *testing.T) {
	if testing.Short() {
		t.Skip("parses every real document; skipped with -short")
	}
	b, err := os.ReadFile("../testdata/relevance/judged.json")
	if err != nil {
		t.Fatal(err)
	}
	var qs []struct {
		Query    string         `json:"query"`
		Relevant map[string]int `json:"relevant"`
	}
	if err := json.Unmarshal(b, &qs); err != nil {
		t.Fatal(err)
	}
	docs := realDocs(t)
	cited := citedCounts(docs)
	_, c := startCluster(t, 2)

	ix, err := indexer.Open(t.TempDir(), indexer.Options{CitedBy: cited})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	sx := open(t, c, "index-0001", indexer.Options{CitedBy: cited})

	put := func(be indexer.Backend) time.Duration {
		start := time.Now()
		for i := 0; i < len(docs); i += 50 {
			if err := be.Put(docs[i:min(i+50, len(docs))], cited); err != nil {
				t.Fatal(err)
			}
		}
		return time.Since(start)
	}
	tb, ts := put(ix), put(sx)

	top := func(be indexer.Backend, q string) []string {
		res, err := be.Search(indexer.Request{Query: q, Size: 10})
		if err != nil {
			t.Fatalf("%q: %v", q, err)
		}
		return ids(res)
	}
	var overlap, rrB, rrS float64
	var low []string
	for _, q := range qs {
		a, s := top(ix, q.Query), top(sx, q.Query)
		common := 0
		for _, id := range a {
			if slices.Contains(s, id) {
				common++
			}
		}
		o := 1.0
		if len(a) > 0 {
			o = float64(common) / float64(len(a))
		}
		overlap += o
		if o < 0.5 {
			low = append(low, fmt.Sprintf("%q %.1f", q.Query, o))
		}
		rrB += rr(a, q.Relevant)
		rrS += rr(s, q.Relevant)
	}
	nq := float64(len(qs))
	overlap /= nq

	latency := func(be indexer.Backend) time.Duration {
		var ds []time.Duration
		for range 5 {
			for _, q := range qs {
				start := time.Now()
				if _, err := be.Search(indexer.Request{Query: q.Query, Size: 10, Facets: indexer.DefaultFacets}); err != nil {
					t.Fatal(err)
				}
				ds = append(ds, time.Since(start))
			}
		}
		slices.Sort(ds)
		return ds[len(ds)/2]
	}
	lb, ls := latency(ix), latency(sx)
	fanOut, dist := fanOutCost(t, sx.(*Backend), qs[0].Query)
	t.Logf("%d real documents, %d judged queries", len(docs), len(qs))
	t.Logf("top-10 overlap with the embedded index: %.3f (queries below 0.5: %s)", overlap, strings.Join(low, "; "))
	t.Logf("MRR on the judged set: embedded %.3f, cluster %.3f", rrB/nq, rrS/nq)
	t.Logf("put: embedded %.0f docs/s, cluster %.0f docs/s", float64(len(docs))/tb.Seconds(), float64(len(docs))/ts.Seconds())
	t.Logf("query p50 (size 10, sections, 4 facets): embedded %s, cluster %s", lb, ls)
	t.Logf("one page of %q, p50: distributed index %s, own fan-out to each shard (no merge) %s", qs[0].Query, dist, fanOut)

	// Put rate on more documents: the same synthetic documents into a
	// fresh embedded index and a fresh generation of the cluster.
	syn := indexer.SyntheticDocs(3000, 8, 11)
	ix2, err := indexer.Open(t.TempDir(), indexer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix2.Close() })
	sx2 := open(t, c, "index-0002", indexer.Options{})
	rate := func(be indexer.Backend) float64 {
		start := time.Now()
		for i := 0; i < len(syn); i += 200 {
			if err := be.Put(syn[i:min(i+200, len(syn))], nil); err != nil {
				t.Fatal(err)
			}
		}
		return float64(len(syn)) / time.Since(start).Seconds()
	}
	t.Logf("put of %d synthetic documents (8 sections each, batches of 200): embedded %.0f docs/s, cluster %.0f docs/s", len(syn), rate(ix2), rate(sx2))
	if overlap < 0.5 {
		t.Errorf("top-10 overlap %.3f, below 0.5", overlap)
	}
}

// fanOutCost measures one page of q asked of the distributed index of
// one node against asking each shard's own table at once (what a client
// fanning out itself would pay before merging), as medians of 50.
func fanOutCost(t *testing.T, b *Backend, q string) (fanOut, dist time.Duration) {
	ctx := context.Background()
	const sel = "SELECT id, sid, WEIGHT() AS w FROM %s WHERE MATCH(?) ORDER BY w DESC, id ASC LIMIT 11"
	one := func(n *node, table string) {
		rows, err := n.db.QueryContext(ctx, fmt.Sprintf(sel, table), q)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
		}
		rows.Close()
	}
	median := func(f func()) time.Duration {
		var ds []time.Duration
		for range 50 {
			start := time.Now()
			f()
			ds = append(ds, time.Since(start))
		}
		slices.Sort(ds)
		return ds[len(ds)/2]
	}
	dist = median(func() { one(b.c.nodes[0], b.dist) })
	fanOut = median(func() {
		var wg sync.WaitGroup
		for _, n := range b.c.nodes {
			wg.Go(func() { one(n, b.gen) })
		}
		wg.Wait()
	})
	return fanOut, dist
}

// rr is the reciprocal rank of the first document of the highest grade.
func rr(ranked []string, rel map[string]int) float64 {
	best := 0
	for _, g := range rel {
		best = max(best, g)
	}
	i := slices.IndexFunc(ranked, func(id string) bool { return rel[id] == best })
	if i < 0 {
		return 0
	}
	return 1 / float64(i+1)
}

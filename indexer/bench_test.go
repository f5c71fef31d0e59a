package indexer

import (
	"os"
	"slices"
	"sync"
	"testing"
	"time"
)

// Benchmarks of query latency over a synthetic corpus. By default the
// corpus holds 10,000 sections; KAMERZOEK_BENCH_LARGE=1 makes it 100,000
// (10,000 documents of 10 sections). Each benchmark reports the median and
// 99th percentile latency of one Search call as p50-ms and p99-ms.

var (
	benchOnce sync.Once
	benchIx   *Index
	benchDir  string
	benchErr  error
)

// benchCorpusSize returns documents and sections per document of the
// benchmark corpus.
func benchCorpusSize() (docs, secs int) {
	if os.Getenv("KAMERZOEK_BENCH_LARGE") == "1" {
		return 10000, 10
	}
	return 1000, 10
}

func benchIndex(b *testing.B) *Index {
	benchOnce.Do(func() {
		benchDir, benchErr = os.MkdirTemp("", "kamerzoek-bench-")
		if benchErr != nil {
			return
		}
		benchIx, benchErr = Open(benchDir+"/index", Options{})
		if benchErr != nil {
			return
		}
		n, secs := benchCorpusSize()
		docs := SyntheticDocs(n, secs, 1)
		start := time.Now()
		for i := 0; i < len(docs); i += 500 {
			if benchErr = benchIx.Put(docs[i:min(i+500, len(docs))], nil); benchErr != nil {
				return
			}
		}
		b.Logf("indexed %d documents, %d sections in %s", n, n*secs, time.Since(start).Round(time.Millisecond))
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchIx
}

func TestMain(m *testing.M) {
	code := m.Run()
	if benchIx != nil {
		benchIx.Close()
	}
	if benchDir != "" {
		os.RemoveAll(benchDir)
	}
	os.Exit(code)
}

// latencies records per-call durations and reports percentiles.
type latencies []time.Duration

func (l latencies) report(b *testing.B) {
	if len(l) == 0 {
		return
	}
	s := slices.Clone(l)
	slices.Sort(s)
	pct := func(p float64) float64 {
		i := int(p * float64(len(s)-1))
		return float64(s[i].Microseconds()) / 1000
	}
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
}

func benchSearch(b *testing.B, kind string) {
	ix := benchIndex(b)
	qs := SyntheticQueries[kind]
	lat := make(latencies, 0, b.N)
	for i := 0; b.Loop(); i++ {
		start := time.Now()
		res, err := ix.Search(qs[i%len(qs)])
		lat = append(lat, time.Since(start))
		if err != nil {
			b.Fatal(err)
		}
		if res.Total == 0 {
			b.Fatalf("%+v: no hits", qs[i%len(qs)])
		}
	}
	lat.report(b)
}

func BenchmarkSearchTerm(b *testing.B)    { benchSearch(b, "term") }
func BenchmarkSearchPhrase(b *testing.B)  { benchSearch(b, "phrase") }
func BenchmarkSearchFaceted(b *testing.B) { benchSearch(b, "faceted") }

func BenchmarkSuggest(b *testing.B) {
	ix := benchIndex(b)
	prefixes := []string{"300", "kst-301", "ondermij", "georganiseerde crim"}
	lat := make(latencies, 0, b.N)
	for i := 0; b.Loop(); i++ {
		start := time.Now()
		if _, err := ix.Suggest(prefixes[i%len(prefixes)], 10); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(start))
	}
	lat.report(b)
}

// BenchmarkPut indexes (and re-indexes) batches of 50 documents of 10
// sections into an on-disk index.
func BenchmarkPut(b *testing.B) {
	ix, err := Open(b.TempDir()+"/index", Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	docs := SyntheticDocs(50, 10, 7)
	for b.Loop() {
		if err := ix.Put(docs, nil); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(docs)*b.N)/b.Elapsed().Seconds(), "docs/s")
}

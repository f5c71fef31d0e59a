package api

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"kamerzoek/indexer"
	"kamerzoek/internal/graph"
	"kamerzoek/internal/ingest"
)

// Benchmarks of the HTTP layer over search: the same queries through
// Server.ServeHTTP (router, middleware, parameter parsing, JSON) and
// straight into indexer.Search, on one synthetic index of 10,000 sections,
// or 100,000 with KAMERZOEK_BENCH_LARGE=1. Each reports p50-ms and p99-ms.

var (
	benchOnce   sync.Once
	benchSrv    *Server
	benchIdx    *indexer.Index
	benchTmp    string
	benchSetErr error
)

func benchServer(b *testing.B) (*Server, *indexer.Index) {
	benchOnce.Do(func() {
		n := 1000
		if os.Getenv("KAMERZOEK_BENCH_LARGE") == "1" {
			n = 10000
		}
		benchTmp, benchSetErr = os.MkdirTemp("", "kamerzoek-api-bench-")
		if benchSetErr != nil {
			return
		}
		benchIdx, benchSetErr = indexer.Open(benchTmp+"/index", indexer.Options{})
		if benchSetErr != nil {
			return
		}
		docs := indexer.SyntheticDocs(n, 10, 1)
		for i := 0; i < len(docs); i += 500 {
			if benchSetErr = benchIdx.Put(docs[i:min(i+500, len(docs))], nil); benchSetErr != nil {
				return
			}
		}
		benchSrv = New(&ingest.Corpus{Index: benchIdx, Graph: graph.New()}, Options{})
	})
	if benchSetErr != nil {
		b.Fatal(benchSetErr)
	}
	return benchSrv, benchIdx
}

func TestMain(m *testing.M) {
	code := m.Run()
	if benchIdx != nil {
		benchIdx.Close()
	}
	if benchTmp != "" {
		os.RemoveAll(benchTmp)
	}
	os.Exit(code)
}

// searchURL writes r as a GET /api/v1/search URL.
func searchURL(r indexer.Request) string {
	v := url.Values{}
	v.Set("q", r.Query)
	if len(r.Type) > 0 {
		v.Set("type", strings.Join(r.Type, ","))
	}
	for _, s := range r.Sender {
		v.Add("sender", s)
	}
	if r.From != "" {
		v.Set("from", r.From)
	}
	if r.To != "" {
		v.Set("to", r.To)
	}
	if len(r.Facets) > 0 {
		v.Set("facets", strings.Join(r.Facets, ","))
	}
	return "/api/v1/search?" + v.Encode()
}

func reportLatency(b *testing.B, lat []time.Duration) {
	if len(lat) == 0 {
		return
	}
	slices.Sort(lat)
	pct := func(p float64) float64 { return float64(lat[int(p*float64(len(lat)-1))].Microseconds()) / 1000 }
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
}

func benchHTTP(b *testing.B, kind string) {
	s, _ := benchServer(b)
	qs := indexer.SyntheticQueries[kind]
	urls := make([]string, len(qs))
	for i, q := range qs {
		urls[i] = searchURL(q)
	}
	lat := make([]time.Duration, 0, b.N)
	for i := 0; b.Loop(); i++ {
		start := time.Now()
		w := httptest.NewRecorder()
		s.ServeHTTP(w, httptest.NewRequest(http.MethodGet, urls[i%len(urls)], nil))
		lat = append(lat, time.Since(start))
		if w.Code != http.StatusOK {
			b.Fatalf("%s: %d %s", urls[i%len(urls)], w.Code, w.Body)
		}
	}
	reportLatency(b, lat)
}

func benchDirect(b *testing.B, kind string) {
	_, ix := benchServer(b)
	qs := indexer.SyntheticQueries[kind]
	lat := make([]time.Duration, 0, b.N)
	for i := 0; b.Loop(); i++ {
		start := time.Now()
		_, err := ix.Search(qs[i%len(qs)])
		lat = append(lat, time.Since(start))
		if err != nil {
			b.Fatal(err)
		}
	}
	reportLatency(b, lat)
}

func BenchmarkSearchDirectTerm(b *testing.B)    { benchDirect(b, "term") }
func BenchmarkSearchHTTPTerm(b *testing.B)      { benchHTTP(b, "term") }
func BenchmarkSearchDirectPhrase(b *testing.B)  { benchDirect(b, "phrase") }
func BenchmarkSearchHTTPPhrase(b *testing.B)    { benchHTTP(b, "phrase") }
func BenchmarkSearchDirectFaceted(b *testing.B) { benchDirect(b, "faceted") }
func BenchmarkSearchHTTPFaceted(b *testing.B)   { benchHTTP(b, "faceted") }

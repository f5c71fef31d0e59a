package web_test

import (
	"bytes"
	"compress/gzip"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"testing"
	"time"

	"kamerzoek/api"
	"kamerzoek/internal/web"
)

// router is the API with the pages mounted, over the default corpus.
func router(tb testing.TB) http.Handler {
	tb.Helper()
	c := openCorpus(tb)
	pages, err := web.New(c, web.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	return api.New(c, api.Options{Web: pages})
}

func serve(tb testing.TB, h http.Handler, path string) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
	if rec.Code != http.StatusOK {
		tb.Fatalf("GET %s: %d", path, rec.Code)
	}
	return rec
}

// The search page against the API call it wraps (same query, facets, size
// and sections), in-process through the same router: the page's extra cost
// is the template. Compare with
//
//	go test ./internal/web -run '^$' -bench 'Search(Page|API)' -count 5
func BenchmarkSearchPage(b *testing.B) {
	h := router(b)
	b.ResetTimer()
	for b.Loop() {
		serve(b, h, "/?q=regeldruk")
	}
}

func BenchmarkSearchAPI(b *testing.B) {
	h := router(b)
	b.ResetTimer()
	for b.Loop() {
		serve(b, h, "/api/v1/search?q=regeldruk&facets=true&size=10")
	}
}

// BenchmarkSearchPageVsAPI times the search page and its API call in
// turn, so that both see the same load on a shared machine, and reports
// the ratio of their medians as page/api.
func BenchmarkSearchPageVsAPI(b *testing.B) {
	h := router(b)
	var page, apiT []time.Duration
	for b.Loop() {
		t0 := time.Now()
		serve(b, h, "/?q=regeldruk")
		t1 := time.Now()
		serve(b, h, "/api/v1/search?q=regeldruk&facets=true&size=10")
		t2 := time.Now()
		page = append(page, t1.Sub(t0))
		apiT = append(apiT, t2.Sub(t1))
	}
	median := func(d []time.Duration) time.Duration {
		slices.Sort(d)
		return d[len(d)/2]
	}
	mp, ma := median(page), median(apiT)
	b.ReportMetric(float64(mp.Microseconds()), "page-µs")
	b.ReportMetric(float64(ma.Microseconds()), "api-µs")
	b.ReportMetric(float64(mp)/float64(ma), "page/api")
}

// maxPageWeight is the budget of the CSS and JavaScript of the search and
// document pages, gzipped.
const maxPageWeight = 150 << 10

var assetRef = regexp.MustCompile(`(?:href|src)="(/static/[^"]+)"`)

// TestPageWeight sums the gzipped size of the stylesheets and scripts the
// search and document pages load.
func TestPageWeight(t *testing.T) {
	h := router(t)
	for _, path := range []string{"/?q=regeldruk", "/doc/kst-36450-6"} {
		page := serve(t, h, path).Body.Bytes()
		total := 0
		for _, m := range assetRef.FindAllSubmatch(page, -1) {
			body := serve(t, h, string(m[1])).Body.Bytes()
			var buf bytes.Buffer
			zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
			zw.Write(body)
			zw.Close()
			total += buf.Len()
			t.Logf("%s: %s %d bytes, %d gzipped", path, m[1], len(body), buf.Len())
		}
		if total == 0 || total > maxPageWeight {
			t.Errorf("%s loads %d bytes of CSS and JavaScript gzipped (budget %d)", path, total, maxPageWeight)
		}
		t.Logf("%s: %d bytes of CSS+JS gzipped; HTML %d bytes", path, total, len(page))
	}
}

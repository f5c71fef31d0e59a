package api

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// Options.Web serves every path outside /api/ and /healthz; API paths keep
// their routes and their problem+json 404.
func TestWebMount(t *testing.T) {
	pages := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte("page " + r.URL.Path))
	})
	s := New(nil, Options{Web: pages})
	for _, c := range []struct {
		path, body, ctype string
		status            int
	}{
		{"/", "page /", "text/html", 200},
		{"/doc/kst-1-1", "page /doc/kst-1-1", "text/html", 200},
		{"/healthz", `"ok"`, "application/json", 200},
		{"/api/v1/nergens", "no route", "application/problem+json", 404},
		{"/api", "no route", "application/problem+json", 404},
	} {
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, c.path, nil))
		if rec.Code != c.status || !strings.Contains(rec.Body.String(), c.body) || !strings.HasPrefix(rec.Header().Get("Content-Type"), c.ctype) {
			t.Errorf("GET %s: %d %s %q", c.path, rec.Code, rec.Header().Get("Content-Type"), rec.Body.String())
		}
	}
}

package api

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"kamerzoek/indexer/backendtest"
	"kamerzoek/internal/graph"
	"kamerzoek/internal/ingest"
)

// What reads the index answers 503 naming the node, with Retry-After,
// while a search node is down; bad requests are still 400.
func TestSearchNodeDown(t *testing.T) {
	s := New(&ingest.Corpus{Index: backendtest.Down("127.0.0.1:9307"), Graph: graph.New()}, Options{})
	for _, target := range []string{
		"/api/v1/search?q=ondermijning",
		"/api/v1/search?dossier=29911&sort=date",
		"/api/v1/suggest?q=2991",
		"/api/v1/stats",
		"/api/v1/kst/kst-29911-337",
	} {
		var p Problem
		w := searchGet(t, s, target, nil)
		if w.Code != http.StatusServiceUnavailable {
			t.Errorf("GET %s: %d, want 503: %s", target, w.Code, w.Body)
			continue
		}
		if ct := w.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/problem+json") {
			t.Errorf("GET %s: Content-Type %q", target, ct)
		}
		if w.Header().Get("Retry-After") == "" {
			t.Errorf("GET %s: no Retry-After", target)
		}
		if err := json.Unmarshal(w.Body.Bytes(), &p); err != nil {
			t.Fatal(err)
		}
		if p.Status != 503 || p.Title != "Service Unavailable" || !strings.Contains(p.Detail, "search node 127.0.0.1:9307 is not answering") {
			t.Errorf("GET %s: %+v", target, p)
		}
	}
	if w := searchGet(t, s, "/api/v1/search?q=x&size=abc", nil); w.Code != http.StatusBadRequest {
		t.Errorf("a bad parameter while the node is down: %d, want 400", w.Code)
	}
}

package web

import (
	"strings"
	"testing"

	"kamerzoek/indexer/backendtest"
	"kamerzoek/internal/graph"
	"kamerzoek/internal/ingest"
)

// The pages that read the index say that a search node is down, with
// 503 and Retry-After.
func TestSearchNodeDown(t *testing.T) {
	h, err := New(&ingest.Corpus{Index: backendtest.Down("127.0.0.1:9307"), Graph: graph.New()}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/", "/?q=ondermijning&type=brief", "/stats"} {
		res, body := get(t, h, path)
		if res.StatusCode != 503 || res.Header.Get("Retry-After") == "" {
			t.Errorf("GET %s: %d, Retry-After %q; want 503 with Retry-After", path, res.StatusCode, res.Header.Get("Retry-After"))
		}
		if !strings.Contains(body, "zoekserver 127.0.0.1:9307 antwoordt niet") || !strings.Contains(body, `role="alert"`) {
			t.Errorf("GET %s: the page does not say which search node is down:\n%.600s", path, body)
		}
	}
	// A query the server cannot parse is still the reader's to fix.
	if res, body := get(t, h, "/?q=%28ondermijning&page=0"); res.StatusCode != 400 || !strings.Contains(body, "page") {
		t.Errorf("bad page number while the node is down: %d", res.StatusCode)
	}
}

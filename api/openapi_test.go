package api

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"kamerzoek/internal/ingest"
)

var ginParam = regexp.MustCompile(`[:*]([A-Za-z_]+)`)

// TestOpenAPIMatchesRoutes checks that every route the server registers is
// in the served OpenAPI document, and every operation there is a route.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	s := New(&ingest.Corpus{}, Options{})
	w := httptest.NewRecorder()
	s.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/api/v1/openapi.json", nil))
	if w.Code != http.StatusOK {
		t.Fatalf("GET openapi.json: %d %s", w.Code, w.Body)
	}
	var doc struct {
		OpenAPI string                                `json:"openapi"`
		Paths   map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(w.Body.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Errorf("openapi = %q, want 3.x", doc.OpenAPI)
	}
	documented := map[string]bool{}
	for path, ops := range doc.Paths {
		for method := range ops {
			documented[strings.ToUpper(method)+" "+path] = true
		}
	}
	registered := map[string]bool{}
	for _, r := range s.Routes() {
		registered[r.Method+" "+ginParam.ReplaceAllString(r.Path, "{$1}")] = true
	}
	var missing, extra []string
	for k := range registered {
		if !documented[k] {
			missing = append(missing, k)
		}
	}
	for k := range documented {
		if !registered[k] {
			extra = append(extra, k)
		}
	}
	slices.Sort(missing)
	slices.Sort(extra)
	if len(missing) > 0 {
		t.Errorf("routes missing from the OpenAPI document:\n  %s", strings.Join(missing, "\n  "))
	}
	if len(extra) > 0 {
		t.Errorf("OpenAPI operations with no route:\n  %s", strings.Join(extra, "\n  "))
	}
	if len(registered) < 5 {
		t.Errorf("only %d routes registered", len(registered))
	}
}

// TestOpenAPIWellFormed checks the parts of the document clients rely on:
// unique operation ids, path parameters declared, $refs that resolve.
func TestOpenAPIWellFormed(t *testing.T) {
	doc := openAPIDocument()
	b, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	schemas := doc["components"].(map[string]any)["schemas"].(map[string]any)
	for _, m := range regexp.MustCompile(`"#/components/schemas/([A-Za-z]+)"`).FindAllStringSubmatch(string(b), -1) {
		if _, ok := schemas[m[1]]; !ok {
			t.Errorf("$ref to unknown schema %s", m[1])
		}
	}
	ids := map[string]bool{}
	for _, op := range operations() {
		if op.OperationID == "" || ids[op.OperationID] {
			t.Errorf("%s %s: operationId %q empty or repeated", op.method, op.path, op.OperationID)
		}
		ids[op.OperationID] = true
		for _, m := range regexp.MustCompile(`\{([a-z]+)\}`).FindAllStringSubmatch(op.path, -1) {
			found := false
			for _, p := range op.Parameters {
				if p.In == "path" && p.Name == m[1] {
					found = true
				}
			}
			if !found {
				t.Errorf("%s %s: path parameter %s not declared", op.method, op.path, m[1])
			}
		}
		if len(op.Responses) == 0 {
			t.Errorf("%s %s: no responses", op.method, op.path)
		}
	}
}

// TestOpenAPIDocumentsGuards: every status the guards give a route (403
// for a cross-origin write, 429 beside a parse in flight, 503 for a query
// whose client left, 421 for a foreign Host) is in that route's responses.
func TestOpenAPIDocumentsGuards(t *testing.T) {
	s := searchServer(t, Options{Hosts: []string{"example.com"}})
	doc := openAPIDocument()
	paths := doc["paths"].(map[string]map[string]operation)
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	release, _ := s.parses.acquire("192.0.2.1")
	defer release()
	for _, r := range s.Routes() {
		path := ginParam.ReplaceAllString(r.Path, "{$1}")
		op, ok := paths[path][strings.ToLower(r.Method)]
		if !ok {
			continue // TestOpenAPIMatchesRoutes reports it
		}
		target := ginParam.ReplaceAllString(r.Path, "kst-29911-337") + "?q=x&id=kst-29911-337&from=kst-29911-337&to=kst-29911-337"
		for _, tc := range []struct {
			name string
			req  func() *http.Request
		}{
			{"other origin", func() *http.Request {
				req := httptest.NewRequest(r.Method, target, nil)
				req.Header.Set("Origin", "https://evil.example")
				return req
			}},
			{"client gone", func() *http.Request {
				return httptest.NewRequest(r.Method, target, nil).WithContext(cancelled)
			}},
			{"parse in flight", func() *http.Request {
				req := httptest.NewRequest(r.Method, target, strings.NewReader("x"))
				req.Header.Set("Content-Type", "text/plain")
				return req
			}},
			{"foreign host", func() *http.Request {
				req := httptest.NewRequest(r.Method, target, nil)
				req.Host = "evil.example"
				return req
			}},
		} {
			w := do(s, tc.req())
			switch w.Code {
			case http.StatusForbidden, http.StatusTooManyRequests, http.StatusServiceUnavailable, http.StatusMisdirectedRequest:
				if _, ok := op.Responses[strconv.Itoa(w.Code)]; !ok {
					t.Errorf("%s %s (%s): answers %d, not documented", r.Method, path, tc.name, w.Code)
				}
			}
		}
	}
}

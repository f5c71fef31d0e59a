package api

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
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

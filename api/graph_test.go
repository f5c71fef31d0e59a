package api

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"kamerzoek/internal/document"
	"kamerzoek/internal/graph"
	"kamerzoek/internal/ingest"
)

func graphServer(t *testing.T) *Server {
	t.Helper()
	r := func(id string, fn int, ctx string) document.Reference {
		return document.Reference{ID: id, Kind: graph.KindOf(id), Raw: id, Footnote: fn, Page: 1, Context: ctx}
	}
	g := graph.New()
	g.Build([]*document.Document{
		{ID: "kst-36450-3", Dossier: "36450", Number: "3", Type: "memorie van toelichting", Date: "2023-11-01",
			Title:      "Instellingswet Adviescollege «toetsing» regeldruk",
			References: []document.Reference{r("kst-36450-2", 1, "Het voorstel."), r("kst-32637-1", 2, "De brief."), r("kst-32637-1", 3, "Weer.")}},
		{ID: "kst-36450-6", Dossier: "36450", Number: "6", Type: "nota naar aanleiding van het verslag", Date: "2024-03-20",
			Title:      "Instellingswet Adviescollege «toetsing» regeldruk",
			References: []document.Reference{r("kst-36450-3", 1, "De memorie."), r("kst-32637-1", 2, "De brief.")}},
		{ID: "kst-32637-1", Dossier: "32637", Number: "1", Type: "brief", Date: "2011-01-20", Title: "Regeldruk & burgers"},
	})
	return New(&ingest.Corpus{Graph: g}, Options{})
}

func get(t *testing.T, s *Server, url string) (*httptest.ResponseRecorder, map[string]any) {
	t.Helper()
	w := do(s, httptest.NewRequest(http.MethodGet, url, nil))
	var body map[string]any
	if strings.Contains(w.Header().Get("Content-Type"), "json") {
		if err := json.Unmarshal(w.Body.Bytes(), &body); err != nil {
			t.Fatalf("%s: body is not a JSON object: %v\n%s", url, err, w.Body)
		}
	}
	return w, body
}

func TestGraphEndpoints(t *testing.T) {
	s := graphServer(t)
	tests := []struct {
		url    string
		status int
		// check is a field of the answer and its value as JSON.
		field, want string
	}{
		{"/api/v1/documents/kst-36450-3/cites", 200, "total", "2"},
		{"/api/v1/documents/kst-36450-3/cites?kind=kamerstuk&held=true", 200, "total", "1"},
		{"/api/v1/documents/kst-32637-1/cited-by", 200, "total", "2"},
		{"/api/v1/documents/kst-32637-1/cited-by?from=2024-01-01", 200, "total", "1"},
		{"/api/v1/documents/kst-32637-1/cited-by?type=brief", 200, "total", "0"},
		{"/api/v1/documents/kst-32637-1/cited-by?page=2&size=1", 200, "offset", "1"},
		{"/api/v1/documents/kst-36450-3/related", 200, "total", "2"},
		{"/api/v1/graph?id=kst-36450-6&depth=2&direction=out", 200, "truncated", "false"},
		{"/api/v1/graph?id=kst-36450-6&depth=2&direction=out&limit=2", 200, "truncated", "true"},
		{"/api/v1/graph/path?from=kst-36450-6&to=kst-36450-2", 200, "length", "2"},
		{"/api/v1/graph/path?from=kst-36450-2&to=kst-36450-6", 200, "path", "null"},
		{"/api/v1/graph/top?dossier=36450", 200, "total", "2"},
		{"/api/v1/graph/top?by=mentions&limit=1", 200, "total", "3"},
		{"/api/v1/graph/unresolved", 200, "total", "1"},
		{"/api/v1/graph/stats", 200, "held", "3"},
		{"/api/v1/dossiers/36450", 200, "dossier", `"36450"`},
		{"/api/v1/dossiers/36%20450", 200, "dossier", `"36450"`},

		{"/api/v1/documents/kst-99999-1/cites", 404, "status", "404"},
		{"/api/v1/documents/nonsense/cited-by", 400, "status", "400"},
		{"/api/v1/documents/kst-32637-1/cited-by?sort=size", 400, "status", "400"},
		{"/api/v1/documents/kst-32637-1/cited-by?from=yesterday", 400, "status", "400"},
		{"/api/v1/documents/kst-32637-1/cited-by?limit=abc", 400, "status", "400"},
		{"/api/v1/documents/kst-32637-1/cited-by?limit=5000", 400, "status", "400"},
		{"/api/v1/documents/kst-32637-1/cited-by?page=0", 400, "status", "400"},
		{"/api/v1/documents/kst-32637-1/cited-by?page=1&limit=3", 400, "status", "400"},
		{"/api/v1/documents/kst-32637-1/cited-by?held=maybe", 400, "status", "400"},
		{"/api/v1/graph", 400, "status", "400"},
		{"/api/v1/graph?id=kst-36450-6&depth=4", 400, "status", "400"},
		{"/api/v1/graph?id=kst-36450-6&depth=0", 400, "status", "400"},
		{"/api/v1/graph?id=kst-36450-6&direction=sideways", 400, "status", "400"},
		{"/api/v1/graph?id=kst-1-1", 404, "status", "404"},
		{"/api/v1/graph/path?from=kst-36450-6", 400, "status", "400"},
		{"/api/v1/graph/path?from=kst-36450-6&to=kst-1-1", 404, "status", "404"},
		{"/api/v1/graph/top?by=size", 400, "status", "400"},
		{"/api/v1/graph/top?vergaderjaar=2023", 400, "status", "400"},
		{"/api/v1/graph/unresolved?kind=boek", 400, "status", "400"},
		{"/api/v1/graph/export?format=png", 400, "status", "400"},
		{"/api/v1/graph/export?format=dot&id=kst-1-1", 404, "status", "404"},
		{"/api/v1/dossiers/abc", 400, "status", "400"},
		{"/api/v1/dossiers/12345", 404, "status", "404"},
		{"/api/v1/documents/kst-1-1/related", 404, "status", "404"},
	}
	for _, tt := range tests {
		w, body := get(t, s, tt.url)
		if w.Code != tt.status {
			t.Errorf("%s: status %d, want %d\n%s", tt.url, w.Code, tt.status, w.Body)
			continue
		}
		if tt.status >= 400 {
			if ct := w.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/problem+json") {
				t.Errorf("%s: content type %q", tt.url, ct)
			}
			if d, _ := body["detail"].(string); d == "" {
				t.Errorf("%s: problem without detail: %s", tt.url, w.Body)
			}
		}
		got, _ := json.Marshal(body[tt.field])
		if string(got) != tt.want {
			t.Errorf("%s: %s = %s, want %s", tt.url, tt.field, got, tt.want)
		}
	}
}

func TestGraphCitesEdges(t *testing.T) {
	s := graphServer(t)
	_, body := get(t, s, "/api/v1/documents/kst-36450-3/cites")
	edges := body["edges"].([]any)
	first := edges[0].(map[string]any)
	// weight order: kst-32637-1 is mentioned twice.
	if first["id"] != "kst-32637-1" || first["weight"] != 2.0 || first["held"] != true || first["title"] != "Regeldruk & burgers" {
		t.Errorf("first edge = %v", first)
	}
	ctx := first["contexts"].([]any)
	if len(ctx) != 2 || ctx[0].(map[string]any)["context"] != "De brief." || ctx[1].(map[string]any)["footnote"] != 3.0 {
		t.Errorf("contexts = %v", ctx)
	}
	// Not held: the public URL is where to find it.
	for _, e := range edges {
		e := e.(map[string]any)
		if e["id"] == "kst-36450-2" && (e["held"] != false || e["url"] != "https://zoek.officielebekendmakingen.nl/kst-36450-2.html") {
			t.Errorf("not-held edge = %v", e)
		}
	}
}

func TestGraphExportEndpoint(t *testing.T) {
	s := graphServer(t)
	for _, format := range graph.Formats {
		w, _ := get(t, s, "/api/v1/graph/export?format="+format)
		if w.Code != 200 || w.Header().Get("Content-Type") != graph.ContentType(format) || w.Body.Len() == 0 {
			t.Errorf("%s: status %d, type %q, %d bytes", format, w.Code, w.Header().Get("Content-Type"), w.Body.Len())
		}
		if !strings.Contains(w.Header().Get("Content-Disposition"), "kamerzoek-graph."+format) {
			t.Errorf("%s: disposition %q", format, w.Header().Get("Content-Disposition"))
		}
	}
	w, _ := get(t, s, "/api/v1/graph/export?format=dot&id=kst-36450-6&depth=1&direction=out")
	body := w.Body.String()
	if !strings.Contains(body, `"kst-36450-6" -> "kst-36450-3"`) || strings.Contains(body, `"kst-36450-3" -> "kst-36450-2"`) {
		t.Errorf("neighbourhood export:\n%s", body)
	}
}

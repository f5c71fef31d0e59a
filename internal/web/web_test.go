package web

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kamerzoek/internal/document"
	"kamerzoek/internal/ingest"
)

func TestRenderText(t *testing.T) {
	links := func(id string) link {
		if id == "kst-1-1" {
			return link{URL: "/doc/kst-1-1"}
		}
		return link{URL: "https://example.org/" + id, External: true}
	}
	text := "Zie Kamerstuk 1, nr. 1 en <b>nr. 2</b> & verder."
	refs := []document.Reference{
		{ID: "kst-1-1", Start: 4, End: 22},
		{ID: "kst-1-2", Start: 29, End: 34},  // "nr. 2" inside the markup
		{ID: "kst-9-9", Start: 10, End: 20},  // overlaps the first: left as text
		{ID: "kst-9-8", Start: 40, End: 400}, // out of range
	}
	marks := []mark{{offset: 22, note: 3, first: true}, {offset: 999, note: 4}}
	got := string(renderText(text, refs, marks, links))
	want := `Zie <a class="ref" href="/doc/kst-1-1" title="kst-1-1">Kamerstuk 1, nr. 1</a>` +
		`<sup class="fnmark" id="fnref-3"><a href="#fn-3" aria-label="Voetnoot 3">3</a></sup> en &lt;b&gt;` +
		`<a class="ref ext" href="https://example.org/kst-1-2" rel="external noopener" title="kst-1-2 (extern)">nr. 2<span class="vh"> (externe bron)</span></a>` +
		`&lt;/b&gt; &amp; verder.`
	if got != want {
		t.Errorf("renderText:\n got %s\nwant %s", got, want)
	}
	// A span that splits a character is left as text.
	if got := string(renderText("één", []document.Reference{{ID: "kst-1-1", Start: 1, End: 3}}, nil, links)); got != "één" {
		t.Errorf("split character: %s", got)
	}
}

func TestMarkOnly(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"de <mark>regeldruk</mark> & <script>x</script>", "de <mark>regeldruk</mark> &amp; &lt;script&gt;x&lt;/script&gt;"},
		{"<mark>open", "<mark>open</mark>"},
		{"<mark><img src=x></mark>", "<mark>&lt;img src=x&gt;</mark>"},
	} {
		if got := string(markOnly(c.in)); got != c.want {
			t.Errorf("markOnly(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestParagraphs(t *testing.T) {
	s := &document.Section{Text: "een\n\n\n\ntwee\n\ndrie"}
	got := paragraphs(s)
	if len(got) != 3 || s.Text[got[1][0]:got[1][1]] != "\n\ntwee" && s.Text[got[1][0]:got[1][1]] != "twee" {
		t.Errorf("paragraphs: %v", got)
	}
	s.Paragraphs = []document.Paragraph{{Start: 0, End: 3}, {Start: 5, End: 100}}
	if got := paragraphs(s); len(got) != 3 {
		t.Errorf("spans out of range are not used: %v", got)
	}
}

// seedHandler serves the pages over a corpus holding the seed letter.
func seedHandler(t *testing.T) http.Handler {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "corpus", "kst-29911-337.txt"))
	if err != nil {
		t.Fatal(err)
	}
	c, err := ingest.Open(ingest.Options{Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	if _, err := c.IngestFiles(context.Background(), []ingest.File{{Name: "kst-29911-337.txt", Data: data}}); err != nil {
		t.Fatal(err)
	}
	h, err := New(c, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func get(t *testing.T, h http.Handler, path string) (*http.Response, string) {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
	res := rec.Result()
	b, _ := io.ReadAll(res.Body)
	return res, string(b)
}

func TestPages(t *testing.T) {
	h := seedHandler(t)
	for _, c := range []struct {
		path   string
		status int
		want   string
	}{
		{"/", 200, "kst-29911-337"},
		{"/?q=ondermijning", 200, "<mark>"},
		{"/?q=ondermijning&type=motie", 200, `href="/?q=ondermijning"`},                       // no hits: drop the filter
		{"/?q=%3Cscript%3Ealert(1)%3C/script%3E", 0, "&lt;script&gt;alert(1)&lt;/script&gt;"}, // 200, or 400 when the parser refuses it
		{"/?from=morgen", 400, "morgen"},
		{"/?q=%28ondermijning", 400, "Deze zoekvraag klopt niet"}, // an unclosed group
		{"/?page=0", 400, "page"},
		{"/doc/kst-29911-337", 200, `id="fn-1"`},
		{"/doc/kst-29911-337", 200, `class="ref ext"`},
		{"/doc/kst-1-1", 404, "Niet gevonden"},
		{"/dossier/29911", 200, "kst-29911-337"},
		{"/graph?id=kst-29911-337", 200, `data-id="kst-29911-337"`},
		{"/graph?id=kst-29911-337&depth=7", 400, "diepte"},
		{"/upload", 200, `id="upload"`},
		{"/stats", 200, "<svg"},
		{"/nergens", 404, "bestaat niet"},
	} {
		res, body := get(t, h, c.path)
		if c.status != 0 && res.StatusCode != c.status || !strings.Contains(body, c.want) {
			t.Errorf("GET %s: %d, want %d with %q\n%.400s", c.path, res.StatusCode, c.status, c.want, body)
		}
		csp := res.Header.Get("Content-Security-Policy")
		if !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe") {
			t.Errorf("GET %s: Content-Security-Policy %q", c.path, csp)
		}
		if strings.Contains(body, "<script>") || strings.Contains(body, " style=") || strings.Contains(body, " onclick=") {
			t.Errorf("GET %s: inline script, style or handler in the page", c.path)
		}
	}
}

func TestAssets(t *testing.T) {
	h := seedHandler(t)
	_, body := get(t, h, "/")
	i := strings.Index(body, `href="/static/app.`)
	if i < 0 {
		t.Fatalf("no hashed stylesheet link in the page")
	}
	path := body[i+len(`href="`):]
	path = path[:strings.IndexByte(path, '"')]
	res, css := get(t, h, path)
	if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/css") ||
		!strings.Contains(res.Header.Get("Cache-Control"), "immutable") || !strings.Contains(css, "focus-visible") {
		t.Errorf("GET %s: %d %v", path, res.StatusCode, res.Header)
	}
	if res, _ := get(t, h, "/static/app.css"); res.StatusCode != 404 {
		t.Errorf("an asset without its hash is served: %d", res.StatusCode)
	}
}

func TestHitHTMLEscapes(t *testing.T) {
	h := &hitView{Sections: []sectionLink{{Label: `<i>kop</i>`, URL: `/doc/x#"s1`, Page: 2}}}
	h.ID, h.Title, h.Type, h.Date, h.Dossier = `kst-1-1"`, `<script>alert(1)</script>`, "brief", "2024-01-01", `36 450"><b>`
	h.Fragments = []string{`de <mark>wet</mark> <img src=x onerror=alert(1)>`}
	got := string(hitHTML(h))
	for _, bad := range []string{"<script>", "<img", `"><b>`, "<i>", `#"s1`} {
		if strings.Contains(got, bad) {
			t.Errorf("hit HTML holds %q unescaped:\n%s", bad, got)
		}
	}
	if !strings.Contains(got, "<mark>wet</mark>") || !strings.Contains(got, "(p. 2)") {
		t.Errorf("hit HTML lost its highlight or page:\n%s", got)
	}
}

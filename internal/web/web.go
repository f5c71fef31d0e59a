// Package web serves kamerzoek's HTML interface: search, documents with
// their footnotes and references as links, dossiers, the citation graph,
// upload and corpus statistics. Pages are html/template with one layout
// and one template per page; the CSS and JavaScript are embedded and served
// under content-hashed names. Search and documents work without
// JavaScript; scripts only enhance (suggestions, the graph drawing, upload
// progress).
//
// The data comes from the corpus in-process (indexer, graph, store); the
// browser calls the JSON API under /api/v1 only for what scripts do.
package web

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"kamerzoek/indexer"
	"kamerzoek/internal/graph"
	"kamerzoek/internal/ingest"
	"kamerzoek/internal/store"
)

// Options configure the pages. The zero value means defaults.
type Options struct {
	Logger *slog.Logger
	// TokenRequired tells the upload page that write requests need a
	// bearer token.
	TokenRequired bool
}

// Handler serves the pages. It is an http.Handler for every path outside
// the API.
type Handler struct {
	corpus *ingest.Corpus
	opts   Options
	log    *slog.Logger
	assets *assets
	pages  map[string]*template.Template
	mux    *http.ServeMux
}

// csp is the Content-Security-Policy of every page: scripts, styles and
// connections from this origin only, nothing inline, no framing.
const csp = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"connect-src 'self'; font-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

// New builds the pages over corpus.
func New(corpus *ingest.Corpus, opts Options) (*Handler, error) {
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	a, err := loadAssets()
	if err != nil {
		return nil, err
	}
	h := &Handler{corpus: corpus, opts: opts, log: opts.Logger, assets: a, mux: http.NewServeMux()}
	if h.pages, err = parseTemplates(a); err != nil {
		return nil, err
	}
	h.mux.HandleFunc("GET /{$}", h.page("search", h.search))
	h.mux.HandleFunc("GET /doc/{id}", h.page("doc", h.document))
	h.mux.HandleFunc("GET /dossier/{nr}", h.page("dossier", h.dossier))
	h.mux.HandleFunc("GET /graph", h.page("graph", h.graph))
	h.mux.HandleFunc("GET /upload", h.page("upload", h.upload))
	h.mux.HandleFunc("GET /stats", h.page("stats", h.stats))
	h.mux.HandleFunc("GET /static/{name}", a.serve)
	h.mux.HandleFunc("/", h.page("error", func(r *http.Request) (any, error) {
		return nil, notFound("Deze pagina bestaat niet.")
	}))
	return h, nil
}

// ServeHTTP serves a page or an asset.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	hd := w.Header()
	hd.Set("Content-Security-Policy", csp)
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("Referrer-Policy", "same-origin")
	hd.Set("X-Frame-Options", "DENY")
	h.mux.ServeHTTP(w, r)
}

// pageError is an error a page shows with its status.
type pageError struct {
	status int
	msg    string
}

func (e *pageError) Error() string { return e.msg }

func notFound(msg string) error   { return &pageError{http.StatusNotFound, msg} }
func badRequest(msg string) error { return &pageError{http.StatusBadRequest, msg} }

// unavailableRetry is the Retry-After, in seconds, of a page that a
// search node did not let the server give.
const unavailableRetry = 5

// statusOf maps an error to a status and a message for the reader.
func statusOf(err error) (int, string) {
	var pe *pageError
	switch {
	case errors.As(err, &pe):
		return pe.status, pe.msg
	case errors.Is(err, store.ErrNotFound), errors.Is(err, graph.ErrNotFound):
		return http.StatusNotFound, "Niet gevonden: " + err.Error()
	case errors.Is(err, graph.ErrBadParam), errors.Is(err, indexer.ErrBadQuery):
		return http.StatusBadRequest, err.Error()
	}
	if node, ok := indexer.IsUnavailable(err); ok {
		return http.StatusServiceUnavailable, "Zoeken lukt nu even niet: zoekserver " + node +
			" antwoordt niet. Probeer het over een paar seconden opnieuw."
	}
	return http.StatusInternalServerError, "Er ging iets mis aan de kant van de server."
}

// view is what every template gets: the page's data and the layout's.
type view struct {
	Title string
	Nav   string
	Data  any
	// Status and Error for the error page; InlineError shows Error above
	// a page that still has its data (a bad parameter).
	Status      int
	Error       string
	InlineError bool
}

// titled lets a page's data name the page title.
type titled interface{ pageTitle() string }

var bufs = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// page adapts a data function to a handler that renders the named
// template, or the error page.
func (h *Handler) page(name string, data func(r *http.Request) (any, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		d, err := data(r)
		v := view{Nav: name, Data: d, Status: http.StatusOK}
		if t, ok := d.(titled); ok {
			v.Title = t.pageTitle()
		}
		tmpl := name
		if err != nil {
			v.Status, v.Error = statusOf(err)
			if v.Status >= 500 {
				h.log.Error("page failed", "path", r.URL.Path, "err", err)
			}
			if d == nil {
				tmpl = "error"
				v.Title = "Fout"
			} else {
				// The search page says itself what is wrong with a query;
				// what is wrong on the server's side shows above it.
				v.InlineError = name != "search" || v.Status >= 500
			}
		}
		buf := bufs.Get().(*bytes.Buffer)
		buf.Reset()
		defer bufs.Put(buf)
		if err := h.pages[tmpl].ExecuteTemplate(buf, "layout", v); err != nil {
			h.log.Error("rendering page", "page", tmpl, "err", err)
			http.Error(w, "internal error", http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-cache")
		if v.Status == http.StatusServiceUnavailable {
			w.Header().Set("Retry-After", strconv.Itoa(unavailableRetry))
		}
		w.WriteHeader(v.Status)
		_, _ = w.Write(buf.Bytes())
	}
}

// parseTemplates parses the layout with each page template.
func parseTemplates(a *assets) (map[string]*template.Template, error) {
	funcs := template.FuncMap{
		"asset":  a.url,
		"docURL": func(id string) string { return "/doc/" + id },
		"join":   strings.Join,
		"add":    func(a, b int) int { return a + b },
	}
	names := []string{"search", "doc", "dossier", "graph", "upload", "stats", "error"}
	out := make(map[string]*template.Template, len(names))
	for _, n := range names {
		t, err := template.New(n).Funcs(funcs).ParseFS(templateFS, "templates/layout.html", "templates/"+n+".html")
		if err != nil {
			return nil, fmt.Errorf("web: parse template %s: %w", n, err)
		}
		out[n] = t
	}
	return out, nil
}

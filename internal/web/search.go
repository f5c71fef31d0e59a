package web

import (
	"errors"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"kamerzoek/indexer"
)

// pageSize is the number of hits on a search page.
const pageSize = 10

// facetParams are the facets the search page offers as filters, with the
// URL parameter each sets and its Dutch label.
var facetParams = []struct{ param, label string }{
	{"type", "Soort"},
	{"vergaderjaar", "Vergaderjaar"},
	{"dossier", "Dossier"},
	{"sender", "Afzender"},
}

// sortOptions are the sort orders offered, with their labels.
var sortOptions = []struct{ value, label string }{
	{"", "relevantie"},
	{"date", "datum (nieuwste eerst)"},
	{"date_asc", "datum (oudste eerst)"},
	{"cited_by", "meest geciteerd"},
}

type searchPage struct {
	Q, From, To, Sort string
	Result            *indexer.Result
	Hits              []hitView
	// QueryError says what is wrong with a malformed query.
	QueryError string
	Facets     []facetGroup
	Active     []activeFilter
	Sorts      []option
	Prev, Next string
	PageNo     int
	Pages      int
	// Hidden are the filters to keep when the form is submitted again.
	Hidden []param
}

func (p *searchPage) pageTitle() string {
	if p.Q == "" {
		return "Zoeken"
	}
	return p.Q + " – Zoeken"
}

// hitView is one hit; HTML is its list item, written in Go rather than
// by the template because it is the page's hot loop (see
// BenchmarkSearchPageVsAPI).
type hitView struct {
	indexer.Hit
	Sections []sectionLink
	HTML     template.HTML
}

type sectionLink struct {
	Label, URL string
	Page       int
}

type facetGroup struct {
	Param, Label string
	Values       []facetLink
	// HTML is the list of values, written in Go as the hits are.
	HTML template.HTML
}

type facetLink struct {
	Value  string
	Count  int
	Active bool
	URL    string
}

type activeFilter struct {
	Label, Value, RemoveURL string
}

type option struct {
	Value, Label string
	Selected     bool
}

type param struct{ Name, Value string }

// search renders GET /: the query box, hits, facets and paging. The URL
// holds the whole state.
func (h *Handler) search(r *http.Request) (any, error) {
	q := r.URL.Query()
	p := &searchPage{Q: q.Get("q"), From: q.Get("from"), To: q.Get("to"), Sort: q.Get("sort")}
	page := 1
	if s := q.Get("page"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			p.QueryError = "page moet een geheel getal vanaf 1 zijn, niet " + strconv.Quote(s)
			return p, badRequest(p.QueryError)
		}
		page = n
	}
	req := indexer.Request{
		Query: p.Q, Type: q["type"], Vergaderjaar: q["vergaderjaar"], Dossier: q["dossier"],
		Sender: q["sender"], From: p.From, To: p.To, Sort: p.Sort, Page: page, Size: pageSize,
		Facets: indexer.DefaultFacets,
	}
	for _, o := range sortOptions {
		p.Sorts = append(p.Sorts, option{o.value, o.label, o.value == p.Sort})
	}
	for _, f := range facetParams {
		for _, v := range q[f.param] {
			p.Active = append(p.Active, activeFilter{Label: f.label, Value: v, RemoveURL: without(q, f.param, v)})
			p.Hidden = append(p.Hidden, param{f.param, v})
		}
	}
	if p.From != "" {
		p.Active = append(p.Active, activeFilter{Label: "Vanaf", Value: p.From, RemoveURL: without(q, "from", p.From)})
	}
	if p.To != "" {
		p.Active = append(p.Active, activeFilter{Label: "Tot en met", Value: p.To, RemoveURL: without(q, "to", p.To)})
	}
	res, err := h.corpus.CurrentIndex().Search(req)
	if err != nil {
		if errors.Is(err, indexer.ErrBadQuery) {
			p.QueryError = strings.TrimPrefix(err.Error(), indexer.ErrBadQuery.Error()+": ")
			return p, badRequest(p.QueryError)
		}
		return p, err
	}
	p.Result = res
	p.PageNo = page
	p.Pages = int((res.Total + pageSize - 1) / pageSize)
	if page > 1 {
		p.Prev = withParam(q, "page", strconv.Itoa(page-1))
	}
	if page < p.Pages {
		p.Next = withParam(q, "page", strconv.Itoa(page+1))
	}
	for _, hit := range res.Hits {
		hv := hitView{Hit: hit}
		for _, s := range hit.Sections {
			label := strings.Join(s.Path, " › ")
			if label == "" {
				label = s.Heading
			}
			if label == "" {
				continue
			}
			hv.Sections = append(hv.Sections, sectionLink{Label: label, URL: "/doc/" + url.PathEscape(hit.ID) + "#" + s.ID, Page: s.Page})
		}
		hv.HTML = hitHTML(&hv)
		p.Hits = append(p.Hits, hv)
	}
	for _, f := range facetParams {
		g := facetGroup{Param: f.param, Label: f.label}
		for _, v := range res.Facets[f.param] {
			active := contains(q[f.param], v.Value)
			u := withAdded(q, f.param, v.Value)
			if active {
				u = without(q, f.param, v.Value)
			}
			g.Values = append(g.Values, facetLink{Value: v.Value, Count: v.Count, Active: active, URL: u})
		}
		if len(g.Values) > 0 {
			g.HTML = facetHTML(g.Values)
			p.Facets = append(p.Facets, g)
		}
	}
	return p, nil
}

// esc escapes text for HTML content and quoted attribute values.
var esc = template.HTMLEscapeString

// hitHTML writes a hit's list item: title, type, date, dossier, id,
// cited-by count, highlighted fragments and links to the best sections.
func hitHTML(h *hitView) template.HTML {
	var b strings.Builder
	b.Grow(1024)
	title := h.Title
	if title == "" {
		title = h.ID
	}
	b.WriteString(`<li class="hit"><h3><a href="/doc/` + esc(url.PathEscape(h.ID)) + `">` + esc(title) + `</a></h3><p class="meta"><span class="type">` + esc(h.Type) + `</span>`)
	if h.Date != "" {
		b.WriteString(` <span>· <time datetime="` + esc(h.Date) + `">` + esc(h.Date) + `</time></span>`)
	}
	if h.Dossier != "" {
		b.WriteString(` <span>· Dossier <a href="/dossier/` + esc(url.PathEscape(h.Dossier)) + `">` + esc(h.Dossier) + `</a></span>`)
	}
	b.WriteString(` <span>· ` + esc(h.ID) + `</span> <span>· Geciteerd door ` + strconv.Itoa(h.CitedBy) + `</span></p>`)
	for _, f := range h.Fragments {
		b.WriteString(`<p class="frag">` + string(markOnly(f)) + `</p>`)
	}
	if len(h.Sections) > 0 {
		b.WriteString(`<ul class="secs" aria-label="Beste secties">`)
		for _, s := range h.Sections {
			b.WriteString(`<li><a href="` + esc(s.URL) + `">` + esc(s.Label) + `</a>`)
			if s.Page > 0 {
				b.WriteString(` <span class="pg">(p. ` + strconv.Itoa(s.Page) + `)</span>`)
			}
			b.WriteString(`</li>`)
		}
		b.WriteString(`</ul>`)
	}
	b.WriteString(`</li>`)
	return template.HTML(b.String())
}

// facetHTML writes the values of a facet as a list of links that add or
// remove the filter.
func facetHTML(values []facetLink) template.HTML {
	var b strings.Builder
	b.WriteString(`<ul>`)
	for _, v := range values {
		b.WriteString(`<li><a href="` + esc(v.URL) + `"`)
		if v.Active {
			b.WriteString(` aria-current="true" class="on"`)
		}
		b.WriteString(`>` + esc(v.Value) + ` <span class="n">(` + strconv.Itoa(v.Count) + `)</span>`)
		if v.Active {
			b.WriteString(`<span class="vh"> (actief, klik om weg te halen)</span>`)
		}
		b.WriteString(`</a></li>`)
	}
	b.WriteString(`</ul>`)
	return template.HTML(b.String())
}

// markOnly escapes a highlighted fragment except for its <mark> tags: the
// highlighter inserts them into the text as it stands, unescaped.
func markOnly(frag string) template.HTML {
	var b strings.Builder
	for frag != "" {
		i := strings.Index(frag, "<mark>")
		if i < 0 {
			b.WriteString(template.HTMLEscapeString(frag))
			break
		}
		b.WriteString(template.HTMLEscapeString(frag[:i]))
		frag = frag[i+len("<mark>"):]
		j := strings.Index(frag, "</mark>")
		if j < 0 {
			j = len(frag)
		}
		b.WriteString("<mark>" + template.HTMLEscapeString(frag[:j]) + "</mark>")
		frag = strings.TrimPrefix(frag[j:], "</mark>")
	}
	return template.HTML(b.String())
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// searchURL is "/" with the values, without empty ones and without a page
// of 1.
func searchURL(v url.Values) string {
	if v.Get("page") == "1" {
		v.Del("page")
	}
	for k, x := range v {
		if len(x) == 0 || len(x) == 1 && x[0] == "" {
			delete(v, k)
		}
	}
	if len(v) == 0 {
		return "/"
	}
	return "/?" + v.Encode()
}

// withParam sets name to value.
func withParam(q url.Values, name, value string) string {
	v := cloneValues(q)
	v.Set(name, value)
	return searchURL(v)
}

// withAdded adds a filter value and goes back to the first page.
func withAdded(q url.Values, name, value string) string {
	v := cloneValues(q)
	v.Add(name, value)
	v.Del("page")
	return searchURL(v)
}

// without drops one filter value and goes back to the first page.
func without(q url.Values, name, value string) string {
	v := cloneValues(q)
	var keep []string
	for _, x := range v[name] {
		if x != value {
			keep = append(keep, x)
		}
	}
	if len(keep) == 0 {
		v.Del(name)
	} else {
		v[name] = keep
	}
	v.Del("page")
	return searchURL(v)
}

func cloneValues(q url.Values) url.Values {
	v := make(url.Values, len(q))
	for k, x := range q {
		v[k] = append([]string(nil), x...)
	}
	return v
}

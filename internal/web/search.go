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

type hitView struct {
	indexer.Hit
	Fragments []template.HTML
	Sections  []sectionLink
}

type sectionLink struct {
	Label, URL string
	Page       int
}

type facetGroup struct {
	Param, Label string
	Values       []facetLink
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
		for _, f := range hit.Fragments {
			hv.Fragments = append(hv.Fragments, markOnly(f))
		}
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
			p.Facets = append(p.Facets, g)
		}
	}
	return p, nil
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

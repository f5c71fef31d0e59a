package backendtest

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"kamerzoek/indexer"
	"kamerzoek/internal/document"
)

// The oracle answers requests without words straight from the documents'
// fields: which documents a filter keeps, in which order a sort puts
// them, what a facet counts. It is what every backend must agree with.

// undatedKey is the date a document without one sorts under: after every
// dated one when the newest come first, before them when the oldest do.
const undatedKey = "1800-01-01"

// day is d's date when it is a valid YYYY-MM-DD, else "".
func day(d *document.Document) string {
	if _, err := time.Parse(time.DateOnly, d.Date); err != nil {
		return ""
	}
	return d.Date
}

// bound turns a From/To value (YYYY-MM-DD, YYYY-MM or YYYY) into the
// first (end false) or last day it covers.
func bound(s string, end bool) string {
	s = strings.TrimSpace(s)
	switch len(s) {
	case 4:
		if end {
			return s + "-12-31"
		}
		return s + "-01-01"
	case 7:
		if end {
			t, _ := time.Parse("2006-01", s)
			return t.AddDate(0, 1, -1).Format(time.DateOnly)
		}
		return s + "-01"
	}
	return s
}

// anyOf reports whether vals is empty or v is one of them after norm.
func anyOf(vals []string, v string, norm func(string) string) bool {
	if len(vals) == 0 {
		return true
	}
	for _, w := range vals {
		if norm != nil {
			w = norm(w)
		}
		if w == v {
			return true
		}
	}
	return false
}

// keeps reports whether the filters of r keep d (r.Query is ignored).
func keeps(r indexer.Request, d *document.Document) bool {
	if !anyOf(r.Dossier, d.Dossier, indexer.NormDossier) || !anyOf(r.Type, d.Type, strings.ToLower) ||
		!anyOf(r.Kamer, d.Kamer, strings.ToLower) || !anyOf(r.Vergaderjaar, d.Vergaderjaar, nil) ||
		!anyOf(r.Sender, d.Sender, nil) {
		return false
	}
	if r.From != "" || r.To != "" {
		dd := day(d)
		if dd == "" || r.From != "" && dd < bound(r.From, false) || r.To != "" && dd > bound(r.To, true) {
			return false
		}
	}
	if r.RestrictIDs && !slices.Contains(r.IDs, d.ID) {
		return false
	}
	return true
}

// expect lists the documents of docs that r's filters keep, in the order
// r.Sort puts them when every hit scores alike: by the sort key, then by
// id ascending.
func expect(docs []*document.Document, r indexer.Request, citedBy func(string) int) []string {
	var kept []*document.Document
	for _, d := range docs {
		if keeps(r, d) {
			kept = append(kept, d)
		}
	}
	key := func(d *document.Document) string {
		if dd := day(d); dd != "" {
			return dd
		}
		return undatedKey
	}
	slices.SortFunc(kept, func(a, b *document.Document) int {
		var c int
		switch sortName(r.Sort) {
		case "date":
			c = cmp.Compare(key(b), key(a))
		case "date_asc":
			c = cmp.Compare(key(a), key(b))
		case "cited_by":
			c = cmp.Compare(citedBy(b.ID), citedBy(a.ID))
		}
		return cmp.Or(c, cmp.Compare(a.ID, b.ID))
	})
	out := make([]string, len(kept))
	for i, d := range kept {
		out[i] = d.ID
	}
	return out
}

// sortName maps the accepted spellings of a sort order to one of
// indexer.Sorts, as the Request documents them.
func sortName(s string) string {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "date", "-date", "date_desc", "newest":
		return "date"
	case "+date", "date_asc", "oldest":
		return "date_asc"
	case "cited_by", "-cited_by", "cited", "citations":
		return "cited_by"
	}
	return "relevance"
}

// facetOf is the value document d counts under in facet name ("" for
// none).
func facetOf(name string, d *document.Document) string {
	switch name {
	case "type":
		return d.Type
	case "dossier":
		return d.Dossier
	case "vergaderjaar":
		return d.Vergaderjaar
	case "sender":
		return d.Sender
	case "kamer":
		return d.Kamer
	case "year":
		if len(d.Date) >= 4 {
			return d.Date[:4]
		}
	}
	return ""
}

// facetCounts counts the values of facet name over the documents ids
// names.
func facetCounts(name string, ids []string, byID map[string]*document.Document) map[string]int {
	out := map[string]int{}
	for _, id := range ids {
		if v := facetOf(name, byID[id]); v != "" {
			out[v]++
		}
	}
	return out
}

package indexer

import (
	"fmt"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// Suggestion is one completion of what a user is typing.
type Suggestion struct {
	// Kind is "dossier", "document" or "title".
	Kind string `json:"kind"`
	// Value is what to search for or open: a dossier number, a document
	// id or a title.
	Value string `json:"value"`
	// Label is a human-readable line to show.
	Label string `json:"label"`
	// Count is the number of documents behind a dossier or title.
	Count int `json:"count,omitempty"`
}

// Suggest completes prefix as typed: dossier numbers ("29 9" → 29911),
// document ids ("kst-2991" → kst-29911-337) and titles ("georganiseerde
// crim" → "Bestrijding georganiseerde criminaliteit"). It returns at most
// n suggestions (default 10), dossiers first, then documents, then titles.
func (ix *Index) Suggest(prefix string, n int) ([]Suggestion, error) {
	if n <= 0 {
		n = 10
	}
	out := []Suggestion{}
	p := strings.TrimSpace(prefix)
	if p == "" {
		return out, nil
	}
	var idQ query.Query
	compact := strings.ToLower(strings.NewReplacer(" ", "", "\u00a0", "", ".", "").Replace(p))
	if isIDPrefix(compact) {
		pq := query.NewPrefixQuery(compact)
		pq.SetField("ids")
		idQ = pq
	}
	words := strings.Fields(foldString(strings.ToLower(p)))
	var titleQ query.Query
	if len(words) > 0 {
		var must []query.Query
		for i, w := range words {
			if i == len(words)-1 {
				pq := query.NewPrefixQuery(w)
				pq.SetField("title_words")
				must = append(must, pq)
			} else {
				tq := query.NewTermQuery(w)
				tq.SetField("title_words")
				must = append(must, tq)
			}
		}
		titleQ = query.NewConjunctionQuery(must)
	}
	var qs []query.Query
	if idQ != nil {
		qs = append(qs, idQ)
	}
	if titleQ != nil {
		qs = append(qs, titleQ)
	}
	q := query.NewDisjunctionQuery(qs)
	req := bleve.NewSearchRequestOptions(q, n, 0, false)
	req.Fields = []string{"title", "dossier", "day"}
	req.AddFacet("dossier", bleve.NewFacetRequest(facetField("dossier"), n))
	res, err := ix.bi.Search(req)
	if err != nil {
		return nil, fmt.Errorf("indexer: suggest: %w", err)
	}
	titles := map[string]string{}
	for _, h := range res.Hits {
		d, _ := h.Fields["dossier"].(string)
		t, _ := h.Fields["title"].(string)
		if d != "" && titles[d] == "" {
			titles[d] = t
		}
	}
	if idQ != nil {
		if fr := res.Facets["dossier"]; fr != nil && fr.Terms != nil {
			for _, t := range fr.Terms.Terms() {
				if t.Term == "" || !strings.HasPrefix(strings.ToLower(t.Term), compact) && !strings.HasPrefix(compact, "dossier-") {
					continue
				}
				label := t.Term
				if ti := titles[t.Term]; ti != "" {
					label += " " + ti
				}
				out = append(out, Suggestion{Kind: "dossier", Value: t.Term, Label: label, Count: t.Count})
			}
		}
	}
	seenTitle := map[string]int{}
	var titleOrder []string
	for _, h := range res.Hits {
		t, _ := h.Fields["title"].(string)
		day, _ := h.Fields["day"].(string)
		label := h.ID
		if t != "" {
			label += " " + t
		}
		if day != "" {
			label += " (" + day + ")"
		}
		out = append(out, Suggestion{Kind: "document", Value: h.ID, Label: label})
		if t != "" {
			if _, ok := seenTitle[t]; !ok {
				titleOrder = append(titleOrder, t)
			}
			seenTitle[t]++
		}
	}
	if titleQ != nil && idQ == nil {
		for _, t := range titleOrder {
			out = append(out, Suggestion{Kind: "title", Value: t, Label: t, Count: seenTitle[t]})
		}
	}
	if len(out) > n {
		out = out[:n]
	}
	return out, nil
}

// isIDPrefix reports whether s (spaces removed, lower case) may be the
// start of a dossier number or a canonical id.
func isIDPrefix(s string) bool {
	if s == "" {
		return false
	}
	if s[0] >= '0' && s[0] <= '9' {
		return true
	}
	for _, p := range []string{"kst-", "ah-", "h-", "blg-", "stb-", "stcrt-", "trb-", "dossier-"} {
		if strings.HasPrefix(s, p) || (len(s) >= 2 && strings.HasPrefix(p, s) && strings.Contains(s, "-")) {
			return true
		}
	}
	return false
}

// Stats are counts over the index. Documents without a type or a date
// count under "unknown" in ByType and ByYear.
type Stats struct {
	Documents  uint64         `json:"documents"`
	Sections   uint64         `json:"sections"`
	ByType     map[string]int `json:"by_type"`
	ByYear     map[string]int `json:"by_year"`
	Footnotes  int            `json:"footnotes"`
	References int            `json:"references"`
	// Extractors counts documents per extractor version.
	Extractors     map[string]int `json:"extractor_versions"`
	IndexBytes     int64          `json:"index_bytes"`
	MappingVersion string         `json:"mapping_version"`
}

// Stats counts documents by type and year, sections, footnotes and
// references, and measures the index on disk.
func (ix *Index) Stats() (*Stats, error) {
	st := &Stats{ByType: map[string]int{}, ByYear: map[string]int{}, Extractors: map[string]int{}, MappingVersion: MappingVersion}
	req := bleve.NewSearchRequestOptions(query.NewMatchAllQuery(), 0, 0, false)
	req.Score = "none"
	for _, f := range []string{"type", "year", "extractor"} {
		req.AddFacet(f, bleve.NewFacetRequest(facetField(f), 1000))
	}
	for _, f := range countFields {
		// 1<<16: more distinct counts than any corpus holds
		req.AddFacet(f, bleve.NewFacetRequest(f, 1<<16))
	}
	res, err := ix.bi.Search(req)
	if err != nil {
		return nil, fmt.Errorf("indexer: stats: %w", err)
	}
	st.Documents = res.Total
	fill := func(name string, m map[string]int) {
		if fr := res.Facets[name]; fr != nil && fr.Terms != nil {
			for _, t := range fr.Terms.Terms() {
				k := t.Term
				if k == "" {
					k = "unknown"
				}
				m[k] += t.Count
			}
			if fr.Missing > 0 {
				m["unknown"] += fr.Missing
			}
		}
	}
	fill("type", st.ByType)
	fill("year", st.ByYear)
	fill("extractor", st.Extractors)
	sum := func(name string) int {
		n := 0
		if fr := res.Facets[name]; fr != nil && fr.Terms != nil {
			for _, t := range fr.Terms.Terms() {
				v, _ := strconv.Atoi(t.Term)
				n += v * t.Count
			}
		}
		return n
	}
	st.Footnotes = sum("footnotes")
	st.References = sum("references")
	st.Sections = uint64(sum("sections"))
	if ix.dir != "" {
		st.IndexBytes = dirSize(ix.dir)
	}
	return st, nil
}

// dirSize sums the sizes of the files under dir.
func dirSize(dir string) int64 {
	var n int64
	_ = filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if fi, err := d.Info(); err == nil {
				n += fi.Size()
			}
		}
		return nil
	})
	return n
}

package web

import (
	"cmp"
	"net/http"
	"slices"
	"strconv"

	"kamerzoek/indexer"
	"kamerzoek/internal/graph"
)

type statsPage struct {
	Stats  *indexer.Stats
	Graph  graph.Stats
	Top    []graph.Ranked
	Chart  chart
	Types  []typeCount
	Unres  []graph.Unresolved
	ResPct int
}

func (p *statsPage) pageTitle() string { return "Collectie" }

type typeCount struct {
	Type  string
	Count int
	Class string
}

// chart is a stacked bar chart of documents per year by type, drawn as SVG
// on the server (attributes, no inline styles).
type chart struct {
	Width, Height int
	Rows          []chartRow
	Legend        []typeCount
}

type chartRow struct {
	Year  string
	Y     int
	Total int
	TextX int
	Bars  []chartBar
}

type chartBar struct {
	X, Width int
	Class    string
	Title    string
}

// stats renders GET /stats: documents by year and type, references
// resolved and unresolved, and the most cited.
func (h *Handler) stats(r *http.Request) (any, error) {
	ix := h.corpus.CurrentIndex()
	st, err := ix.Stats()
	if err != nil {
		return nil, err
	}
	g := h.corpus.Graph
	p := &statsPage{Stats: st, Graph: g.Stats()}
	if p.Graph.References > 0 {
		p.ResPct = 100 * p.Graph.Resolved / p.Graph.References
	}
	if top, err := g.Top(graph.TopQuery{Limit: 15}); err == nil {
		p.Top = top.Nodes
	}
	if un, err := g.Unresolved(nil, 0, 10); err == nil {
		p.Unres = un.IDs
	}
	// Types by count, each with a colour class.
	for t, n := range st.ByType {
		p.Types = append(p.Types, typeCount{Type: t, Count: n})
	}
	slices.SortFunc(p.Types, func(a, b typeCount) int { return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Type, b.Type)) })
	class := map[string]string{}
	for i := range p.Types {
		p.Types[i].Class = "c" + strconv.Itoa(i%10)
		class[p.Types[i].Type] = p.Types[i].Class
	}
	// Per year, the types: one facet search per year.
	var years []string
	for y := range st.ByYear {
		years = append(years, y)
	}
	slices.Sort(years)
	maxTotal := 1
	for _, y := range years {
		maxTotal = max(maxTotal, st.ByYear[y])
	}
	const barX, barW, rowH = 70, 420, 26
	p.Chart = chart{Width: barX + barW + 50, Height: len(years)*rowH + 8, Legend: p.Types}
	for i, y := range years {
		row := chartRow{Year: y, Y: 4 + i*rowH, Total: st.ByYear[y]}
		byType := map[string]int{}
		if y == "unknown" {
			row.Year = "onbekend"
			byType["?"] = st.ByYear[y]
		} else {
			res, err := ix.Search(indexer.Request{From: y, To: y, Facets: []string{"type"}, FacetSize: 50, Size: 1, Sections: -1})
			if err != nil {
				return nil, err
			}
			for _, v := range res.Facets["type"] {
				byType[v.Value] = v.Count
			}
		}
		x := barX
		for _, t := range p.Types {
			n := byType[t.Type]
			if n == 0 {
				continue
			}
			w := n * barW / maxTotal
			row.Bars = append(row.Bars, chartBar{X: x, Width: max(w, 1), Class: t.Class, Title: t.Type + ": " + strconv.Itoa(n)})
			x += w
		}
		if n := byType["?"]; n > 0 {
			w := n * barW / maxTotal
			row.Bars = append(row.Bars, chartBar{X: x, Width: max(w, 1), Class: "cu", Title: "zonder datum: " + strconv.Itoa(n)})
			x += w
		}
		row.TextX = x + 6
		p.Chart.Rows = append(p.Chart.Rows, row)
	}
	return p, nil
}

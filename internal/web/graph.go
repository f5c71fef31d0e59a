package web

import (
	"net/http"
	"strconv"
	"strings"

	"kamerzoek/internal/graph"
)

// graphNodes caps the nodes of the graph page's neighbourhood.
const graphNodes = 150

type graphPage struct {
	ID, Direction string
	Depth         int
	// All includes laws, case law and web pages; by default the graph
	// shows documents kamerzoek can hold.
	All        bool
	Sub        *graph.Subgraph
	Root       *graph.Node
	Depths     []option
	Directions []option
}

func (p *graphPage) pageTitle() string {
	if p.ID == "" {
		return "Citatiegraaf"
	}
	return "Citatiegraaf rond " + p.ID
}

// graph renders GET /graph?id=&depth=&direction=: the neighbourhood as a
// list (the page script draws it and expands nodes).
func (h *Handler) graph(r *http.Request) (any, error) {
	q := r.URL.Query()
	p := &graphPage{ID: strings.TrimSpace(q.Get("id")), Direction: q.Get("direction"), Depth: 1, All: q.Get("all") == "1"}
	if p.Direction == "" {
		p.Direction = graph.Both
	}
	if s := q.Get("depth"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > 2 {
			return p, badRequest("diepte moet 1 of 2 zijn")
		}
		p.Depth = n
	}
	for _, d := range []int{1, 2} {
		p.Depths = append(p.Depths, option{strconv.Itoa(d), strconv.Itoa(d), d == p.Depth})
	}
	for _, d := range []struct{ v, l string }{{graph.Both, "beide richtingen"}, {graph.Out, "citeert (uitgaand)"}, {graph.In, "geciteerd door (inkomend)"}} {
		p.Directions = append(p.Directions, option{d.v, d.l, d.v == p.Direction})
	}
	if p.ID == "" {
		return p, nil
	}
	var kinds []string
	if !p.All {
		kinds = []string{"documents"}
	}
	sub, err := h.corpus.Graph.Neighbourhood(graph.NeighbourhoodQuery{ID: p.ID, Depth: p.Depth, Direction: p.Direction, Limit: graphNodes, Kinds: kinds})
	if err != nil {
		return p, err
	}
	p.Sub = sub
	for i := range sub.Nodes {
		if sub.Nodes[i].ID == p.ID {
			p.Root = &sub.Nodes[i]
		}
	}
	return p, nil
}

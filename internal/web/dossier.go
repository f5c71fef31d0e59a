package web

import (
	"net/http"

	"kamerzoek/internal/graph"
)

type dossierPage struct {
	*graph.DossierView
}

func (p *dossierPage) pageTitle() string {
	if p.Title != "" {
		return "Dossier " + p.Dossier + ": " + p.Title
	}
	return "Dossier " + p.Dossier
}

// dossier renders GET /dossier/{nr}: the held documents in number order,
// the cited numbers not held, and citations to and from other dossiers.
func (h *Handler) dossier(r *http.Request) (any, error) {
	v, err := h.corpus.Graph.Dossier(r.PathValue("nr"))
	if err != nil {
		return nil, err
	}
	return &dossierPage{v}, nil
}

package web

import "net/http"

type uploadPage struct {
	TokenRequired bool
}

func (p *uploadPage) pageTitle() string { return "Uploaden" }

// upload renders GET /upload. The page script sends the files to POST
// /api/v1/documents from this origin, with X-Requested-With and, when
// given, the bearer token; the page itself changes nothing.
func (h *Handler) upload(r *http.Request) (any, error) {
	return &uploadPage{TokenRequired: h.opts.TokenRequired}, nil
}

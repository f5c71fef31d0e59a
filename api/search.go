package api

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"kamerzoek/indexer"
	"kamerzoek/internal/docid"
	"kamerzoek/internal/graph"
	"kamerzoek/internal/refs"
)

// searchRoutes registers search, suggest, stats and the resolver.
func (s *Server) searchRoutes(r *gin.RouterGroup) {
	r.GET("/search", s.query(s.search))
	r.GET("/suggest", s.query(s.suggest))
	r.GET("/stats", s.query(s.stats))
	r.GET("/kst/:id", s.handle(s.resolve))
	r.GET("/openapi.json", s.handle(s.openAPI))
}

// queryList collects a filter given as repeated parameters and/or as a
// comma-separated list.
func queryList(c *gin.Context, name string) []string {
	var out []string
	for _, v := range c.QueryArray(name) {
		for p := range strings.SplitSeq(v, ",") {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, p)
			}
		}
	}
	return out
}

// queryInt reads an optional integer parameter.
func queryInt(c *gin.Context, name string) (int, error) {
	v := strings.TrimSpace(c.Query(name))
	if v == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		return 0, badRequest(name + " must be a non-negative integer, got " + strconv.Quote(v))
	}
	return n, nil
}

// searchRequest turns the query parameters into an indexer request.
func (s *Server) searchRequest(c *gin.Context) (indexer.Request, error) {
	r := indexer.Request{
		Query:        c.Query("q"),
		Dossier:      queryList(c, "dossier"),
		Type:         queryList(c, "type"),
		Kamer:        queryList(c, "kamer"),
		Vergaderjaar: queryList(c, "vergaderjaar"),
		Sender:       c.QueryArray("sender"),
		From:         c.Query("from"),
		To:           c.Query("to"),
		Sort:         c.Query("sort"),
		Cursor:       c.Query("cursor"),
	}
	var err error
	if r.Page, err = queryInt(c, "page"); err != nil {
		return r, err
	}
	if r.Size, err = queryInt(c, "size"); err != nil {
		return r, err
	}
	if r.Sections, err = queryInt(c, "sections"); err != nil {
		return r, err
	}
	if c.Query("sections") == "0" {
		r.Sections = -1 // none
	}
	switch f := strings.TrimSpace(c.Query("facets")); f {
	case "", "false", "0", "no":
	case "true", "1", "yes", "all":
		r.Facets = indexer.DefaultFacets
	default:
		r.Facets = queryList(c, "facets")
	}
	if cites := strings.TrimSpace(c.Query("cites")); cites != "" {
		r.RestrictIDs = true
		r.IDs = s.corpus.Graph.CitingIDs(cites)
	}
	return r, nil
}

// search answers GET /search: documents with their best sections,
// highlights, facets, total and took.
func (s *Server) search(c *gin.Context) (any, error) {
	r, err := s.searchRequest(c)
	if err != nil {
		return nil, err
	}
	ix, release := s.corpus.AcquireIndex()
	defer release()
	return ix.SearchContext(c.Request.Context(), r)
}

// suggest answers GET /suggest?q=: completions of dossier numbers, ids and
// titles as typed.
func (s *Server) suggest(c *gin.Context) (any, error) {
	n, err := queryInt(c, "size")
	if err != nil {
		return nil, err
	}
	if n > 50 {
		return nil, badRequest("size must be at most 50")
	}
	ix, release := s.corpus.AcquireIndex()
	defer release()
	sug, err := ix.Suggest(c.Query("q"), n)
	if err != nil {
		return nil, err
	}
	return gin.H{"query": c.Query("q"), "suggestions": sug}, nil
}

// statsResponse is GET /stats.
type statsResponse struct {
	Documents uint64         `json:"documents"`
	Sections  uint64         `json:"sections"`
	ByType    map[string]int `json:"by_type"`
	ByYear    map[string]int `json:"by_year"`
	Footnotes int            `json:"footnotes"`
	// References counts the mentions the documents make, split by target:
	// resolved to a held document, unresolved (not held yet) and external.
	References        referenceStats `json:"references"`
	Graph             graph.Stats    `json:"graph"`
	IndexBytes        int64          `json:"index_bytes"`
	MappingVersion    string         `json:"mapping_version"`
	ExtractorVersions map[string]int `json:"extractor_versions"`
}

type referenceStats struct {
	Total      int `json:"total"`
	Resolved   int `json:"resolved"`
	Unresolved int `json:"unresolved"`
	External   int `json:"external"`
}

// stats answers GET /stats.
func (s *Server) stats(c *gin.Context) (any, error) {
	ix, release := s.corpus.AcquireIndex()
	defer release()
	st, err := ix.Stats()
	if err != nil {
		return nil, err
	}
	gs := s.corpus.Graph.Stats()
	return statsResponse{
		Documents: st.Documents, Sections: st.Sections, ByType: st.ByType, ByYear: st.ByYear,
		Footnotes: st.Footnotes,
		References: referenceStats{
			Total: gs.References, Resolved: gs.Resolved, Unresolved: gs.Unresolved, External: gs.External,
		},
		Graph: gs, IndexBytes: st.IndexBytes, MappingVersion: st.MappingVersion,
		ExtractorVersions: st.Extractors,
	}, nil
}

// resolve answers GET /kst/{id}: a redirect to the document when it is held
// and to its public page when not.
func (s *Server) resolve(c *gin.Context) (any, error) {
	id := strings.TrimSpace(c.Param("id"))
	ix, release := s.corpus.AcquireIndex()
	defer release()
	held, err := ix.Has(id)
	if err != nil {
		return nil, err
	}
	if held {
		c.Redirect(http.StatusFound, "/api/v1/documents/"+url.PathEscape(id))
		return nil, nil
	}
	if _, err := refs.Parse(id); err != nil {
		if errors.Is(err, refs.ErrInvalidID) {
			return nil, badRequest("not a canonical id: " + strconv.Quote(id) + " (e.g. kst-29911-337, ah-tk-20202021-2348, h-tk-20212022-3-2)")
		}
		return nil, err
	}
	// Only the official public hosts: a url: id names any address, and
	// this server does not redirect browsers to addresses taken from a link.
	u := docid.OfficialURL(id)
	if u == "" {
		return nil, &Problem{Status: http.StatusNotFound, Title: "Not Found", Detail: "no document " + strconv.Quote(id) + " here and no official public page for it"}
	}
	c.Redirect(http.StatusFound, u)
	return nil, nil
}

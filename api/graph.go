package api

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"kamerzoek/internal/graph"
)

// graphRoutes registers cites, cited-by, related, the neighbourhood, path,
// top, unresolved, stats and export queries of the citation graph, and the
// dossier resource.
//
// Lists are paged with limit (default 50, at most 1000) and offset, or with
// page (from 1) and size; every list answer carries total, offset and limit.
// A malformed id or parameter is a 400 problem saying what is wrong; an id
// the graph does not know (neither held nor cited) is a 404 problem.
func (s *Server) graphRoutes(r *gin.RouterGroup) {
	r.GET("/documents/:id/cites", s.query(s.getCites))
	r.GET("/documents/:id/cited-by", s.query(s.getCitedBy))
	r.GET("/documents/:id/related", s.query(s.getRelated))
	r.GET("/graph", s.query(s.getNeighbourhood))
	r.GET("/graph/path", s.query(s.getPath))
	r.GET("/graph/top", s.query(s.getTop))
	r.GET("/graph/unresolved", s.query(s.getUnresolved))
	r.GET("/graph/stats", s.handle(s.getGraphStats))
	r.GET("/graph/export", s.handle(s.getExport))
	r.GET("/dossiers/:nr", s.query(s.getDossier))
}

// getCites serves GET /documents/{id}/cites: the ids the document cites,
// one edge each with the cited document's title, type, date, held flag,
// weight and contexts.
//
// Query parameters: sort (weight (default), date, -date, cited-by, id),
// type (document types, comma-separated), kind (id kinds such as kamerstuk,
// wet, ecli, or "documents"), from and to (YYYY-MM-DD), dossier, held
// (true|false), limit/offset or page/size.
func (s *Server) getCites(c *gin.Context) (any, error) {
	q, err := graphEdgeQuery(c)
	if err != nil {
		return nil, err
	}
	return s.corpus.Graph.Cites(c.Param("id"), q)
}

// getCitedBy serves GET /documents/{id}/cited-by: the held documents citing
// the id, one edge each with weight and contexts. Parameters as for cites;
// the default sort is -date (newest first).
func (s *Server) getCitedBy(c *gin.Context) (any, error) {
	q, err := graphEdgeQuery(c)
	if err != nil {
		return nil, err
	}
	return s.corpus.Graph.CitedBy(c.Param("id"), q)
}

// getRelated serves GET /documents/{id}/related: documents that cite the
// same documents (coupling) or are cited together with it (co_citation),
// ranked by score. Parameters: limit (default 20)/offset or page/size.
func (s *Server) getRelated(c *gin.Context) (any, error) {
	offset, limit, err := graphPage(c)
	if err != nil {
		return nil, err
	}
	if limit == 0 {
		limit = graph.DefaultTopLimit
	}
	return s.corpus.Graph.Related(c.Param("id"), offset, limit)
}

// getNeighbourhood serves GET /graph?id=&depth=&direction=&limit=&kind=:
// the nodes within depth (1–3, default 1) citation steps of id, following
// citations out, in or both (default), at most limit nodes (default 200,
// at most 5000; truncated says when the limit cut it), and the edges among
// them.
func (s *Server) getNeighbourhood(c *gin.Context) (any, error) {
	q, err := graphNeighbourhoodQuery(c)
	if err != nil {
		return nil, err
	}
	if q.ID == "" {
		return nil, badRequest("id is required (use /api/v1/graph/export for the whole graph)")
	}
	return s.corpus.Graph.NeighbourhoodContext(c.Request.Context(), q)
}

// getPath serves GET /graph/path?from=&to=&direction=: a shortest citation
// path from one id to another following citations out (default), in or
// both. When there is none the answer is 200 with "path": null, "length":
// -1 and a "reason"; an unknown id is 404.
func (s *Server) getPath(c *gin.Context) (any, error) {
	from, to := c.Query("from"), c.Query("to")
	if from == "" || to == "" {
		return nil, badRequest("from and to are both required")
	}
	return s.corpus.Graph.PathContext(c.Request.Context(), from, to, c.Query("direction"))
}

// getTop serves GET /graph/top?by=&dossier=&vergaderjaar=&kind=&held=&limit=:
// the most-cited documents, by cited-by (distinct citing documents, the
// default) or mentions, overall or within a dossier ("36450", "36200-VI")
// or a vergaderjaar ("2023-2024"). kind defaults to every document kind.
func (s *Server) getTop(c *gin.Context) (any, error) {
	offset, limit, err := graphPage(c)
	if err != nil {
		return nil, err
	}
	held, err := graphBool(c, "held")
	if err != nil {
		return nil, err
	}
	return s.corpus.Graph.Top(graph.TopQuery{By: c.Query("by"), Dossier: c.Query("dossier"),
		Vergaderjaar: c.Query("vergaderjaar"), Kinds: graphList(c, "kind"), Held: held, Offset: offset, Limit: limit})
}

// getUnresolved serves GET /graph/unresolved?kind=&limit=&offset=: the
// ledger of ids that held documents cite but the corpus does not hold,
// most-cited first, each with the citing ids.
func (s *Server) getUnresolved(c *gin.Context) (any, error) {
	offset, limit, err := graphPage(c)
	if err != nil {
		return nil, err
	}
	return s.corpus.Graph.Unresolved(graphList(c, "kind"), offset, limit)
}

// getGraphStats serves GET /graph/stats: the graph's counts (nodes held and
// only cited, edges, references resolved, unresolved and external).
func (s *Server) getGraphStats(c *gin.Context) (any, error) {
	return s.corpus.Graph.Stats(), nil
}

// getExport serves GET /graph/export?format=json|csv|graphml|gexf|dot, of
// the whole graph or, with id (and depth, direction, limit, kind as for
// /graph), of a neighbourhood. The file is sent as an attachment.
func (s *Server) getExport(c *gin.Context) (any, error) {
	format := c.DefaultQuery("format", graph.FormatJSON)
	if err := graph.CheckFormat(format); err != nil {
		return nil, err
	}
	sg := (*graph.Subgraph)(nil)
	name := "kamerzoek-graph"
	if c.Query("id") != "" {
		q, err := graphNeighbourhoodQuery(c)
		if err != nil {
			return nil, err
		}
		if sg, err = s.corpus.Graph.NeighbourhoodContext(c.Request.Context(), q); err != nil {
			return nil, err
		}
		name += "-" + graphFileName(q.ID)
	} else {
		sg = s.corpus.Graph.Whole()
	}
	c.Header("Content-Type", graph.ContentType(format))
	c.Header("Content-Disposition", fmt.Sprintf("attachment; filename=%q", name+"."+format))
	c.Status(200)
	if err := sg.Write(c.Writer, format); err != nil {
		s.log.Error("graph export failed", "format", format, "err", err)
	}
	return nil, nil
}

// getDossier serves GET /dossiers/{nr} ("36450", "36200-VI"): the dossier's
// held documents in number order, the cited documents of it not held, and
// its citations to and from other dossiers with counts.
func (s *Server) getDossier(c *gin.Context) (any, error) {
	return s.corpus.Graph.Dossier(c.Param("nr"))
}

func graphEdgeQuery(c *gin.Context) (graph.EdgeQuery, error) {
	offset, limit, err := graphPage(c)
	if err != nil {
		return graph.EdgeQuery{}, err
	}
	held, err := graphBool(c, "held")
	if err != nil {
		return graph.EdgeQuery{}, err
	}
	return graph.EdgeQuery{Sort: c.Query("sort"), Types: graphList(c, "type"), Kinds: graphList(c, "kind"),
		From: c.Query("from"), To: c.Query("to"), Dossier: c.Query("dossier"), Held: held,
		Offset: offset, Limit: limit}, nil
}

func graphNeighbourhoodQuery(c *gin.Context) (graph.NeighbourhoodQuery, error) {
	depth, err := graphInt(c, "depth")
	if err != nil {
		return graph.NeighbourhoodQuery{}, err
	}
	limit, err := graphInt(c, "limit")
	if err != nil {
		return graph.NeighbourhoodQuery{}, err
	}
	if c.Query("depth") != "" && depth == 0 || c.Query("limit") != "" && limit == 0 {
		return graph.NeighbourhoodQuery{}, badRequest("depth and limit must be at least 1")
	}
	return graph.NeighbourhoodQuery{ID: c.Query("id"), Depth: depth, Direction: c.Query("direction"),
		Limit: limit, Kinds: graphList(c, "kind")}, nil
}

// graphPage reads limit/offset or page/size (page counts from 1). Zero
// limit means the query's default.
func graphPage(c *gin.Context) (offset, limit int, err error) {
	if c.Query("page") != "" || c.Query("size") != "" {
		if c.Query("limit") != "" || c.Query("offset") != "" {
			return 0, 0, badRequest("use either page and size or limit and offset, not both")
		}
		page, err := graphInt(c, "page")
		if err != nil {
			return 0, 0, err
		}
		size, err := graphInt(c, "size")
		if err != nil {
			return 0, 0, err
		}
		if c.Query("page") != "" && page < 1 {
			return 0, 0, badRequest("page counts from 1")
		}
		if size == 0 {
			if c.Query("size") != "" {
				return 0, 0, badRequest("size must be at least 1")
			}
			size = graph.DefaultLimit
		}
		if page == 0 {
			page = 1
		}
		if size > graph.MaxLimit {
			return 0, 0, badRequest(fmt.Sprintf("size %d: at most %d", size, graph.MaxLimit))
		}
		return (page - 1) * size, size, nil
	}
	if offset, err = graphInt(c, "offset"); err != nil {
		return 0, 0, err
	}
	if limit, err = graphInt(c, "limit"); err != nil {
		return 0, 0, err
	}
	if c.Query("limit") != "" && limit == 0 {
		return 0, 0, badRequest("limit must be at least 1")
	}
	return offset, limit, nil
}

func graphInt(c *gin.Context, name string) (int, error) {
	v := c.Query(name)
	if v == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		return 0, badRequest(fmt.Sprintf("%s %q: want a whole number ≥ 0", name, v))
	}
	return n, nil
}

func graphBool(c *gin.Context, name string) (*bool, error) {
	v := c.Query(name)
	if v == "" {
		return nil, nil
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		return nil, badRequest(fmt.Sprintf("%s %q: want true or false", name, v))
	}
	return &b, nil
}

// graphList reads a parameter given as a comma-separated list, repeated, or
// both.
func graphList(c *gin.Context, name string) []string {
	var out []string
	for _, v := range c.QueryArray(name) {
		for _, p := range strings.Split(v, ",") {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, p)
			}
		}
	}
	return out
}

// graphFileName keeps the characters of id that are safe in a file name.
func graphFileName(id string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '.' {
			return r
		}
		return '_'
	}, id)
}

package api

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"
)

// The OpenAPI 3 document of the API, served at GET /api/v1/openapi.json.
// Every route the server registers has an operation here, and every
// operation here is a registered route (TestOpenAPIMatchesRoutes).

// param is one parameter of an operation.
type param struct {
	Name        string         `json:"name"`
	In          string         `json:"in"`
	Description string         `json:"description,omitempty"`
	Required    bool           `json:"required,omitempty"`
	Schema      map[string]any `json:"schema"`
}

// operation is one method on one path.
type operation struct {
	method, path string
	Summary      string              `json:"summary"`
	Description  string              `json:"description,omitempty"`
	OperationID  string              `json:"operationId"`
	Tags         []string            `json:"tags"`
	Parameters   []param             `json:"parameters,omitempty"`
	RequestBody  map[string]any      `json:"requestBody,omitempty"`
	Responses    map[string]response `json:"responses"`
}

type response struct {
	Description string                    `json:"description"`
	Headers     map[string]map[string]any `json:"headers,omitempty"`
	Content     map[string]map[string]any `json:"content,omitempty"`
}

func str() map[string]any     { return map[string]any{"type": "string"} }
func integer() map[string]any { return map[string]any{"type": "integer"} }
func ref(name string) map[string]any {
	return map[string]any{"$ref": "#/components/schemas/" + name}
}
func arrayOf(items map[string]any) map[string]any {
	return map[string]any{"type": "array", "items": items}
}
func enum(vals ...string) map[string]any {
	return map[string]any{"type": "string", "enum": vals}
}
func obj(props map[string]any, required ...string) map[string]any {
	o := map[string]any{"type": "object", "properties": props}
	if len(required) > 0 {
		o["required"] = required
	}
	return o
}

func pathParam(name, desc string) param {
	return param{Name: name, In: "path", Description: desc, Required: true, Schema: str()}
}
func queryParam(name, desc string, schema map[string]any) param {
	return param{Name: name, In: "query", Description: desc, Schema: schema}
}

func jsonResponse(desc string, schema map[string]any) response {
	return response{Description: desc, Content: map[string]map[string]any{"application/json": {"schema": schema}}}
}

func problemResponse(desc string) response {
	return response{Description: desc, Content: map[string]map[string]any{"application/problem+json": {"schema": ref("Problem")}}}
}

func redirect(desc string) response {
	return response{Description: desc, Headers: map[string]map[string]any{"Location": {"schema": str()}}}
}

// ok is the usual 200 with the given schema, plus the problem responses.
func ok(desc string, schema map[string]any, problems ...int) map[string]response {
	r := map[string]response{"200": jsonResponse(desc, schema)}
	for _, p := range problems {
		r[strconv.Itoa(p)] = problemResponse(http.StatusText(p))
	}
	r["500"] = problemResponse("Internal Server Error")
	return r
}

var idParam = pathParam("id", "canonical id, e.g. kst-29911-337")

// searchParams are the parameters of GET /search.
var searchParams = []param{
	queryParam("q", `query: words, "phrases", +must, -not, field:value (title, text, heading, type, dossier, kamer, vergaderjaar, sender, number, date, cited_by), prefix*, fuzzy~, and identifiers as written ("29 911", "kst-29911-337", "35 300 VII"); empty matches every document`, str()),
	queryParam("dossier", "dossier filter, e.g. 29911 or 36200-VI; comma-separated or repeated for several", str()),
	queryParam("type", "document type filter, e.g. brief, motie, kamervragen", str()),
	queryParam("kamer", "tk or ek", enum("tk", "ek")),
	queryParam("vergaderjaar", "parliamentary year, e.g. 2021-2022", str()),
	queryParam("sender", "sender filter, exact (e.g. Minister van Justitie en Veiligheid); repeat for several", str()),
	queryParam("from", "first date, inclusive: YYYY-MM-DD, YYYY-MM or YYYY", str()),
	queryParam("to", "last date, inclusive: YYYY-MM-DD, YYYY-MM or YYYY", str()),
	queryParam("cites", "only documents that cite this canonical id", str()),
	queryParam("facets", "true for type, dossier, vergaderjaar and sender, or a comma-separated list of type, dossier, vergaderjaar, sender, kamer, year", str()),
	queryParam("sort", "relevance (default), date (newest first), date_asc, cited_by", enum("relevance", "date", "date_asc", "cited_by")),
	queryParam("page", "page number from 1 (default 1)", integer()),
	queryParam("size", "hits per page, 1-100 (default 10)", integer()),
	queryParam("cursor", "next_cursor of the previous page, for deep paging (page is then ignored)", str()),
	queryParam("sections", "best sections per hit (default 3, at most 10)", integer()),
}

// operations lists every operation of the API.
func operations() []operation {
	docErr := []int{400, 404}
	return []operation{
		{method: "GET", path: "/healthz", Summary: "Liveness check", OperationID: "healthz", Tags: []string{"meta"},
			Responses: ok("the server is up", obj(map[string]any{"status": str()}))},
		{method: "GET", path: "/api/v1/openapi.json", Summary: "This OpenAPI document", OperationID: "openapi", Tags: []string{"meta"},
			Responses: ok("OpenAPI 3 document", map[string]any{"type": "object"})},
		{method: "GET", path: "/api/v1/search", Summary: "Full-text search", OperationID: "search", Tags: []string{"search"},
			Description: "Documents matching the query, each with its best sections (heading path, page, link to the page of the original) and highlighted fragments (<mark>), with optional facets. A query that cannot be parsed is a 400 saying what is wrong.",
			Parameters:  searchParams, Responses: ok("a page of hits", ref("SearchResult"), 400)},
		{method: "GET", path: "/api/v1/suggest", Summary: "Complete titles, dossier numbers and ids as typed", OperationID: "suggest", Tags: []string{"search"},
			Parameters: []param{queryParam("q", "what has been typed so far", str()), queryParam("size", "most suggestions to return (default 10, at most 50)", integer())},
			Responses:  ok("suggestions", obj(map[string]any{"query": str(), "suggestions": arrayOf(ref("Suggestion"))}), 400)},
		{method: "GET", path: "/api/v1/stats", Summary: "Corpus statistics", OperationID: "stats", Tags: []string{"meta"},
			Responses: ok("documents by type and year, footnotes, references resolved and unresolved, index size, versions", ref("Stats"))},
		{method: "GET", path: "/api/v1/kst/{id}", Summary: "Resolve a canonical id", OperationID: "resolve", Tags: []string{"search"},
			Description: "Redirects to /api/v1/documents/{id} when the document is held, else to its public page (officielebekendmakingen.nl and others).",
			Parameters:  []param{idParam},
			Responses: map[string]response{
				"302": redirect("to the held document or its public page"),
				"400": problemResponse("not a canonical id"),
				"404": problemResponse("not held and no public page known"),
				"500": problemResponse("Internal Server Error"),
			}},
		{method: "GET", path: "/api/v1/documents/{id}", Summary: "A parsed document", OperationID: "getDocument", Tags: []string{"documents"},
			Description: "Metadata, sections, footnotes and references with their locations.",
			Parameters:  []param{idParam}, Responses: ok("the document", ref("Document"), docErr...)},
	}
}

// openAPIDocument assembles the document from operations.
func openAPIDocument() map[string]any {
	paths := map[string]map[string]operation{}
	for _, op := range operations() {
		m := paths[op.path]
		if m == nil {
			m = map[string]operation{}
			paths[op.path] = m
		}
		m[strings.ToLower(op.method)] = op
	}
	return map[string]any{
		"openapi": "3.0.3",
		"info": map[string]any{
			"title":       "kamerzoek API",
			"version":     "1",
			"description": "Full-text search and citation graph over Dutch parliamentary documents. Errors are application/problem+json (RFC 9457) with type, title, status and detail.",
		},
		"servers": []map[string]any{{"url": "/"}},
		"paths":   paths,
		"components": map[string]any{
			"schemas": schemas(),
		},
	}
}

func schemas() map[string]any {
	return map[string]any{
		"Problem": obj(map[string]any{
			"type": str(), "title": str(), "status": integer(), "detail": str(),
		}, "type", "title", "status"),
		"SearchResult": obj(map[string]any{
			"query":       str(),
			"total":       map[string]any{"type": "integer", "description": "number of matching documents"},
			"took_ms":     map[string]any{"type": "number"},
			"page":        map[string]any{"type": "integer", "description": "0 when the page was reached by cursor"},
			"size":        integer(),
			"sort":        str(),
			"hits":        arrayOf(ref("Hit")),
			"facets":      map[string]any{"type": "object", "additionalProperties": arrayOf(ref("FacetValue"))},
			"next_cursor": map[string]any{"type": "string", "description": "pass as cursor for the next page; absent on the last page"},
		}, "query", "total", "took_ms", "hits"),
		"Hit": obj(map[string]any{
			"id": str(), "title": str(), "type": str(),
			"date":    map[string]any{"type": "string", "description": "YYYY-MM-DD or empty"},
			"dossier": str(), "kamer": str(), "vergaderjaar": str(), "sender": str(),
			"cited_by":  integer(),
			"score":     map[string]any{"type": "number"},
			"fragments": map[string]any{"type": "array", "items": str(), "description": "HTML-escaped text with matches in <mark>"},
			"sections":  arrayOf(ref("SectionHit")),
		}, "id", "title", "type", "date", "score", "fragments"),
		"SectionHit": obj(map[string]any{
			"id": str(), "heading": str(), "path": arrayOf(str()),
			"page":      integer(),
			"url":       map[string]any{"type": "string", "description": "/api/v1/documents/{id}/file#page=N"},
			"score":     map[string]any{"type": "number"},
			"fragments": arrayOf(str()),
		}),
		"FacetValue": obj(map[string]any{"value": str(), "count": integer()}),
		"Suggestion": obj(map[string]any{
			"kind": enum("dossier", "document", "title"), "value": str(), "label": str(), "count": integer(),
		}),
		"Stats": obj(map[string]any{
			"documents": integer(), "sections": integer(),
			"by_type":            map[string]any{"type": "object", "additionalProperties": integer()},
			"by_year":            map[string]any{"type": "object", "additionalProperties": integer()},
			"footnotes":          integer(),
			"references":         obj(map[string]any{"total": integer(), "resolved": integer(), "unresolved": integer(), "external": integer()}),
			"graph":              map[string]any{"type": "object"},
			"index_bytes":        integer(),
			"mapping_version":    str(),
			"extractor_versions": map[string]any{"type": "object", "additionalProperties": integer()},
		}),
		"Document": obj(map[string]any{
			"id": str(), "kamer": str(), "vergaderjaar": str(), "dossier": str(), "number": str(),
			"title": str(), "type": str(), "date": str(), "sender": str(), "signatory": str(),
			"pages": integer(), "source": map[string]any{"type": "object"},
			"sections":   arrayOf(map[string]any{"type": "object"}),
			"footnotes":  arrayOf(map[string]any{"type": "object"}),
			"references": arrayOf(map[string]any{"type": "object"}),
		}, "id"),
	}
}

// openAPI serves the document.
func (s *Server) openAPI(c *gin.Context) (any, error) {
	return openAPIDocument(), nil
}

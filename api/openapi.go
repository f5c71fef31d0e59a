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
	queryParam("q", `query. Several words find documents with all of them (AND or EN between them says the same); OR (or OF) widens; NOT, NIET or a leading - excludes; parentheses group: (drugs OR wapens) haven. "A phrase" finds the phrase, "two words"~N the words within N positions. field:value on title, text, heading, id, type, dossier, kamer, vergaderjaar, sender, number, date, cited_by (title:(a OR b), type:"memorie van toelichting"); date:>=2021-01-01 and cited_by:>2 compare. prefix* and fuzzy~ or fuzzy~2 (edits against the words as written). Operators count in capitals only. Identifiers as written ("29 911", "kst-29911-337", "35 300 VII") match the documents they name, as alternatives to the words unless +required. When no document has all the plain words, those with most of them come back with "relaxed": true. Dutch analysis: singular finds plural, compound parts find the compound (stikstof finds stikstofuitstoot). Empty matches every document. A malformed query (unbalanced parenthesis or quote, unknown field, dangling operator) is a 400 whose detail says what is wrong at which character.`, str()),
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
	queryParam("sections", "best sections per hit (default 3, at most 10, 0 for none)", integer()),
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
			Description: "Documents matching the query, each with its best sections (heading path, page, link to the page of the original) and highlighted fragments (<mark>), with optional facets. A query that cannot be parsed is a 400 saying what is wrong; so are regular expressions (/.../) and wildcards before the second letter of a word (*mijning). A query runs at most the server's query timeout (503 after).",
			Parameters:  searchParams, Responses: ok("a page of hits", ref("SearchResult"), 400)},
		{method: "GET", path: "/api/v1/suggest", Summary: "Complete titles, dossier numbers and ids as typed", OperationID: "suggest", Tags: []string{"search"},
			Parameters: []param{queryParam("q", "what has been typed so far", str()), queryParam("size", "most suggestions to return (default 10, at most 50)", integer())},
			Responses:  ok("suggestions", obj(map[string]any{"query": str(), "suggestions": arrayOf(ref("Suggestion"))}), 400)},
		{method: "GET", path: "/api/v1/stats", Summary: "Corpus statistics", OperationID: "stats", Tags: []string{"meta"},
			Responses: ok("documents by type and year, footnotes, references resolved and unresolved, index size, versions", ref("Stats"))},
		{method: "GET", path: "/api/v1/kst/{id}", Summary: "Resolve a canonical id", OperationID: "resolve", Tags: []string{"search"},
			Description: "Redirects to /api/v1/documents/{id} when the document is held, else to its page on an official public host (officielebekendmakingen.nl, tweedekamer.nl, rechtspraak.nl, eur-lex.europa.eu, wetten.overheid.nl); never to an address taken from a url: id.",
			Parameters:  []param{idParam},
			Responses: map[string]response{
				"302": redirect("to the held document or its public page"),
				"400": problemResponse("not a canonical id"),
				"404": problemResponse("not held and no official public page known"),
				"500": problemResponse("Internal Server Error"),
			}},
		{method: "GET", path: "/api/v1/documents/{id}", Summary: "A parsed document", OperationID: "getDocument", Tags: []string{"documents"},
			Description: "Metadata, sections, footnotes and references with their locations.",
			Parameters:  []param{idParam}, Responses: ok("the document", ref("Document"), docErr...)},
		{method: "GET", path: "/api/v1/documents/{id}/file", Summary: "The original file", OperationID: "getDocumentFile", Tags: []string{"documents"},
			Description: "The original PDF, XML or text as ingested, with an ETag of its sha256: a PDF inline, anything else as an attachment, always with X-Content-Type-Options: nosniff and a Content-Security-Policy that lets it load and run nothing. Append #page=N to open a PDF at a page.",
			Parameters:  []param{idParam, queryParam("sha256", "an earlier version of the original, by its sha256", str())},
			Responses: map[string]response{
				"200": {Description: "the file", Content: map[string]map[string]any{
					"application/pdf": {"schema": binary()}, "application/xml": {"schema": binary()}, "text/plain": {"schema": binary()}}},
				"404": problemResponse("no such document or version"),
				"500": problemResponse("Internal Server Error"),
			}},
		{method: "POST", path: "/api/v1/documents", Summary: "Upload documents", OperationID: "uploadDocuments", Tags: []string{"documents"},
			Description: "Multipart upload of one or more files in field \"file\" (PDF, officielebekendmakingen XML or UTF-8 text). Every file is checked before any is stored. Needs the bearer token when the server has one.",
			RequestBody: map[string]any{"required": true, "content": map[string]any{"multipart/form-data": map[string]any{
				"schema": obj(map[string]any{"file": arrayOf(binary())}, "file")}}},
			Responses: map[string]response{
				"200": jsonResponse("every file was already held", ref("UploadResult")),
				"201": {Description: "documents were added", Headers: map[string]map[string]any{"Location": {"schema": str()}},
					Content: map[string]map[string]any{"application/json": {"schema": ref("UploadResult")}}},
				"400": problemResponse("not a multipart upload, or no file"),
				"401": problemResponse("missing or wrong bearer token"),
				"413": problemResponse("file or request too large"),
				"415": problemResponse("not a PDF, XML or text file"),
				"500": problemResponse("a file could not be parsed or stored; nothing was stored"),
			}},
		{method: "DELETE", path: "/api/v1/documents/{id}", Summary: "Delete a document", OperationID: "deleteDocument", Tags: []string{"documents"},
			Description: "Removes the document from store, index and graph (its original is kept). Needs the bearer token when the server has one.",
			Parameters:  []param{idParam},
			Responses:   withProblems(ok("deleted", obj(map[string]any{"id": str(), "deleted": map[string]any{"type": "boolean"}}), 404), 401)},
		{method: "POST", path: "/api/v1/reindex", Summary: "Re-extract and rebuild the index", OperationID: "reindex", Tags: []string{"admin"},
			Description: "Re-parses every stored original and swaps in a fresh index and graph; answers when done, with counts. Searches keep working meanwhile. Needs the bearer token when the server has one.",
			Responses:   withProblems(ok("counts of the rebuild", map[string]any{"type": "object"}), 401)},

		{method: "POST", path: "/api/v1/refs", Summary: "Extract references", OperationID: "postRefs", Tags: []string{"refs"},
			Description: "References in a text (JSON {\"text\", \"self\", \"kamer\"} or text/plain with ?self=&kamer=) or an uploaded PDF, XML or text file (multipart field \"file\"), each with canonical id, kind, raw text, byte span and location. For text, start and end are byte offsets into it. A JSON or text body may hold at most the server's text limit (default 8 MB), a multipart body the upload limit (default 50 MB) plus 1 MB; larger is 413.",
			Parameters: []param{
				queryParam("self", "for text/plain: the id of the document the text is from", str()),
				queryParam("kamer", "for text/plain: tk or ek, the Kamer of the text", enum("tk", "ek")),
			},
			RequestBody: map[string]any{"required": true, "content": map[string]any{
				"application/json": map[string]any{"schema": obj(map[string]any{
					"text": str(), "self": str(), "kamer": enum("tk", "ek")}, "text")},
				"text/plain": map[string]any{"schema": str()},
				"multipart/form-data": map[string]any{"schema": obj(map[string]any{
					"file": binary(), "self": str(), "kamer": enum("tk", "ek")}, "file")},
			}},
			Responses: ok("the references in order of appearance", obj(map[string]any{
				"id": str(), "references": arrayOf(ref("Reference")), "diagnostics": arrayOf(map[string]any{"type": "object"})}),
				400, 413, 415, 422)},
		{method: "GET", path: "/api/v1/documents/{id}/cites", Summary: "What a document cites", OperationID: "getCites", Tags: []string{"graph"},
			Description: "The ids the document cites, one edge each with the cited document's title, type, date, held flag, weight and contexts.",
			Parameters:  append([]param{idParam}, edgeParams("weight (default), date, -date, cited-by, id")...),
			Responses:   ok("edges", ref("EdgeList"), 400, 404)},
		{method: "GET", path: "/api/v1/documents/{id}/cited-by", Summary: "What cites a document", OperationID: "getCitedBy", Tags: []string{"graph"},
			Description: "The held documents citing the id (held or not), one edge each with weight and contexts.",
			Parameters:  append([]param{idParam}, edgeParams("-date (default), date, weight, cited-by, id")...),
			Responses:   ok("edges", ref("EdgeList"), 400, 404)},
		{method: "GET", path: "/api/v1/documents/{id}/related", Summary: "Related documents", OperationID: "getRelated", Tags: []string{"graph"},
			Description: "Documents that cite the same documents (bibliographic coupling) or are cited together with it (co-citation), ranked by score.",
			Parameters:  append([]param{idParam}, pageParams()...),
			Responses:   ok("related documents", map[string]any{"type": "object"}, 400, 404)},
		{method: "GET", path: "/api/v1/graph", Summary: "Citation neighbourhood", OperationID: "getNeighbourhood", Tags: []string{"graph"},
			Parameters: []param{
				{Name: "id", In: "query", Description: "canonical id at the centre", Required: true, Schema: str()},
				queryParam("depth", "citation steps, 1-3 (default 1)", integer()),
				queryParam("direction", "out, in or both (default)", enum("out", "in", "both")),
				queryParam("limit", "most nodes (default 200, at most 5000); truncated says when it cut", integer()),
				queryParam("kind", "id kinds to keep (kamerstuk, wet, ecli, ...), comma-separated", str()),
			},
			Responses: ok("nodes and the edges among them", ref("Subgraph"), 400, 404)},
		{method: "GET", path: "/api/v1/graph/path", Summary: "Shortest citation path", OperationID: "getPath", Tags: []string{"graph"},
			Description: "A shortest path from one id to another; 200 with path null, length -1 and a reason when there is none.",
			Parameters: []param{
				{Name: "from", In: "query", Required: true, Schema: str(), Description: "canonical id to start from"},
				{Name: "to", In: "query", Required: true, Schema: str(), Description: "canonical id to reach"},
				queryParam("direction", "out (default), in or both", enum("out", "in", "both")),
			},
			Responses: ok("the path", map[string]any{"type": "object"}, 400, 404)},
		{method: "GET", path: "/api/v1/graph/top", Summary: "Most-cited documents", OperationID: "getTop", Tags: []string{"graph"},
			Parameters: append([]param{
				queryParam("by", "cited-by (distinct citing documents, default) or mentions", enum("cited-by", "mentions")),
				queryParam("dossier", "within a dossier, e.g. 36450 or 36200-VI", str()),
				queryParam("vergaderjaar", "within a parliamentary year, e.g. 2023-2024", str()),
				queryParam("kind", "id kinds, comma-separated (default every document kind)", str()),
				queryParam("held", "only held (true) or only not held (false) documents", map[string]any{"type": "boolean"}),
			}, pageParams()...),
			Responses: ok("ranked documents", map[string]any{"type": "object"}, 400)},
		{method: "GET", path: "/api/v1/graph/unresolved", Summary: "Cited but not held", OperationID: "getUnresolved", Tags: []string{"graph"},
			Description: "The ledger of ids that held documents cite but the corpus does not hold, most-cited first, each with the citing ids.",
			Parameters:  append([]param{queryParam("kind", "id kinds, comma-separated", str())}, pageParams()...),
			Responses:   ok("unresolved ids", map[string]any{"type": "object"}, 400)},
		{method: "GET", path: "/api/v1/graph/stats", Summary: "Graph counts", OperationID: "getGraphStats", Tags: []string{"graph"},
			Responses: ok("nodes held and only cited, edges, references resolved, unresolved and external", map[string]any{"type": "object"})},
		{method: "GET", path: "/api/v1/graph/export", Summary: "Export the graph", OperationID: "getExport", Tags: []string{"graph"},
			Description: "The whole graph or, with id, a neighbourhood (depth, direction, limit, kind as for /graph), as an attachment.",
			Parameters: []param{
				queryParam("format", "json (default), csv, graphml, gexf or dot", enum("json", "csv", "graphml", "gexf", "dot")),
				queryParam("id", "centre of a neighbourhood; omit for the whole graph", str()),
				queryParam("depth", "citation steps, 1-3", integer()),
				queryParam("direction", "out, in or both", enum("out", "in", "both")),
				queryParam("limit", "most nodes", integer()),
				queryParam("kind", "id kinds, comma-separated", str()),
			},
			Responses: map[string]response{
				"200": {Description: "the graph file", Content: map[string]map[string]any{
					"application/json": {"schema": map[string]any{"type": "object"}}, "text/csv": {"schema": str()},
					"application/graphml+xml": {"schema": str()}, "application/gexf+xml": {"schema": str()},
					"text/vnd.graphviz": {"schema": str()}}},
				"400": problemResponse("unknown format or bad parameter"),
				"404": problemResponse("unknown id"),
				"500": problemResponse("Internal Server Error"),
			}},
		{method: "GET", path: "/api/v1/dossiers/{nr}", Summary: "A dossier", OperationID: "getDossier", Tags: []string{"graph"},
			Description: "The dossier's held documents in number order, its cited documents not held, and its citations to and from other dossiers with counts.",
			Parameters:  []param{pathParam("nr", "dossier number, e.g. 36450 or 36200-VI")},
			Responses:   ok("the dossier", map[string]any{"type": "object"}, 400, 404)},
	}
}

// binary is the schema of a file.
func binary() map[string]any { return map[string]any{"type": "string", "format": "binary"} }

// withProblems adds problem responses to rs.
func withProblems(rs map[string]response, statuses ...int) map[string]response {
	for _, p := range statuses {
		rs[strconv.Itoa(p)] = problemResponse(http.StatusText(p))
	}
	return rs
}

// pageParams are the paging parameters of the graph lists.
func pageParams() []param {
	return []param{
		queryParam("limit", "page length (default 50, at most 1000)", integer()),
		queryParam("offset", "items to skip", integer()),
		queryParam("page", "page from 1 (instead of offset)", integer()),
		queryParam("size", "page length (instead of limit)", integer()),
	}
}

// edgeParams are the parameters of cites and cited-by.
func edgeParams(sorts string) []param {
	return append([]param{
		queryParam("sort", sorts, str()),
		queryParam("type", "document types, comma-separated", str()),
		queryParam("kind", "id kinds such as kamerstuk, wet, ecli, or documents", str()),
		queryParam("from", "first date, YYYY-MM-DD", str()),
		queryParam("to", "last date, YYYY-MM-DD", str()),
		queryParam("dossier", "only this dossier", str()),
		queryParam("held", "only held (true) or not held (false) documents", map[string]any{"type": "boolean"}),
	}, pageParams()...)
}

// Operations the guards can answer for: queries stop with 503 when the
// client leaves or QueryTimeout passes; parses give 429 beyond
// MaxParsesPerClient; what reads the index gives 503 while a search node
// is down.
var (
	queryOps = map[string]bool{"search": true, "suggest": true, "stats": true, "getCites": true, "getCitedBy": true,
		"getRelated": true, "getNeighbourhood": true, "getPath": true, "getTop": true, "getUnresolved": true,
		"getDossier": true, "getExport": true}
	parseOps = map[string]bool{"postRefs": true, "uploadDocuments": true}
	// indexOps read the search index, which may live on search nodes
	// beside the server: 503 with Retry-After while one does not answer.
	indexOps = map[string]bool{"search": true, "suggest": true, "stats": true, "resolve": true}
)

// guarded adds the answers of the guards every request passes: 421 for a
// Host the server does not serve, 403 for a write a page of another site
// sends, 429 and 503 as above.
func guarded(op operation) operation {
	rs := make(map[string]response, len(op.Responses)+4)
	for k, v := range op.Responses {
		rs[k] = v
	}
	rs["421"] = problemResponse("the Host header names a host this server does not serve")
	if op.method != "GET" {
		rs["403"] = problemResponse("a browser request from a page of another origin (send X-Requested-With: kamerzoek from pages of this origin)")
	}
	if parseOps[op.OperationID] {
		rs["429"] = problemResponse("this client already has its parses in flight; retry after Retry-After seconds")
	}
	switch {
	case queryOps[op.OperationID] && indexOps[op.OperationID]:
		rs["503"] = problemResponse("the query took longer than the server allows, or the client went away, or a search node is not answering (the detail names it; retry after Retry-After seconds)")
	case queryOps[op.OperationID]:
		rs["503"] = problemResponse("the query took longer than the server allows, or the client went away")
	case indexOps[op.OperationID]:
		rs["503"] = problemResponse("a search node is not answering (the detail names it); retry after Retry-After seconds")
	}
	op.Responses = rs
	return op
}

// openAPIDocument assembles the document from operations.
func openAPIDocument() map[string]any {
	paths := map[string]map[string]operation{}
	for _, op := range operations() {
		op = guarded(op)
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
			"relaxed":     map[string]any{"type": "boolean", "description": "true when no document held all the words and the hits hold some of them"},
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
		"Reference": obj(map[string]any{
			"id": str(), "kind": str(), "raw": str(), "start": integer(), "end": integer(),
			"footnote": integer(), "section": str(), "page": integer(), "pinpoint": str(), "context": str(),
		}, "id", "kind", "raw", "start", "end"),
		"UploadResult": obj(map[string]any{
			"ids":       arrayOf(str()),
			"documents": arrayOf(obj(map[string]any{"file": str(), "id": str(), "status": str(), "reason": str()})),
		}),
		"EdgeList": obj(map[string]any{
			"node":  map[string]any{"type": "object"},
			"total": integer(), "offset": integer(), "limit": integer(), "sort": str(),
			"edges": arrayOf(map[string]any{"type": "object"}),
		}),
		"Subgraph": obj(map[string]any{
			"root": str(), "depth": integer(), "direction": str(),
			"nodes": arrayOf(map[string]any{"type": "object"}), "edges": arrayOf(map[string]any{"type": "object"}),
			"truncated": map[string]any{"type": "boolean"},
		}),
		"Document": obj(map[string]any{
			"id": str(), "kamer": str(), "vergaderjaar": str(), "dossier": str(), "number": str(),
			"title": str(), "type": str(), "date": str(), "sender": str(), "signatory": str(),
			"pages": integer(), "source": map[string]any{"type": "object"},
			"sections":   arrayOf(map[string]any{"type": "object"}),
			"footnotes":  arrayOf(map[string]any{"type": "object"}),
			"references": arrayOf(map[string]any{"type": "object"}),
			"versions":   map[string]any{"type": "array", "items": map[string]any{"type": "object"}, "description": "the originals the document was parsed from, oldest first"},
		}, "id"),
	}
}

// openAPI serves the document.
func (s *Server) openAPI(c *gin.Context) (any, error) {
	return openAPIDocument(), nil
}

package api

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"sync"

	"github.com/gin-gonic/gin"

	"kamerzoek/indexer"
	"kamerzoek/internal/graph"
	"kamerzoek/internal/ingest"
	"kamerzoek/internal/store"
)

// Problem is an RFC 9457 problem detail, written as application/problem+json.
type Problem struct {
	Type   string `json:"type"`
	Title  string `json:"title"`
	Status int    `json:"status"`
	Detail string `json:"detail,omitempty"`
	// RetryAfter, when above 0, is sent as the Retry-After header
	// (seconds).
	RetryAfter int `json:"-"`
}

func (p *Problem) Error() string { return p.Title + ": " + p.Detail }

// badRequest is the error a handler returns for a bad parameter.
func badRequest(detail string) error {
	return &Problem{Status: http.StatusBadRequest, Title: "Bad Request", Detail: detail}
}

// errorStatus maps the sentinel errors of the lower packages to statuses:
// the one table where errors become HTTP.
var errorStatus = []struct {
	err    error
	status int
}{
	{store.ErrNotFound, http.StatusNotFound},
	{graph.ErrNotFound, http.StatusNotFound},
	{graph.ErrBadParam, http.StatusBadRequest},
	{indexer.ErrBadQuery, http.StatusBadRequest},
	{ingest.ErrTooLarge, http.StatusRequestEntityTooLarge},
	{ingest.ErrUnsupported, http.StatusUnsupportedMediaType},
	{ingest.ErrUnparsable, http.StatusUnprocessableEntity},
}

// unavailableRetry is the Retry-After, in seconds, of an answer that a
// search node did not let the server give.
const unavailableRetry = 5

// problemFor turns any error into a Problem.
func problemFor(err error) *Problem {
	var p *Problem
	if errors.As(err, &p) {
		return p
	}
	if node, ok := indexer.IsUnavailable(err); ok {
		return &Problem{Status: http.StatusServiceUnavailable,
			Detail: "search node " + node + " is not answering; the results would be incomplete, so none are given", RetryAfter: unavailableRetry}
	}
	for _, e := range errorStatus {
		if errors.Is(err, e.err) {
			return &Problem{Status: e.status, Title: http.StatusText(e.status), Detail: err.Error()}
		}
	}
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		return &Problem{Status: http.StatusServiceUnavailable, Detail: "the query took longer than the server allows; narrow it down"}
	case errors.Is(err, context.Canceled):
		return &Problem{Status: http.StatusServiceUnavailable, Detail: "the request was cancelled"}
	}
	// The detail of anything else stays in the log: it may name files.
	return &Problem{Status: http.StatusInternalServerError}
}

// internalError is the answer to a request that failed on the server's
// side: it names the request id, under which the detail is logged.
func internalError(c *gin.Context) *Problem {
	return &Problem{Status: http.StatusInternalServerError,
		Detail: "internal error; request id " + c.GetString("request_id")}
}

func writeProblem(c *gin.Context, p *Problem) {
	if p.Type == "" {
		p.Type = "about:blank"
	}
	if p.Title == "" {
		p.Title = http.StatusText(p.Status)
	}
	if p.RetryAfter > 0 {
		c.Header("Retry-After", strconv.Itoa(p.RetryAfter))
	}
	c.Header("Content-Type", "application/problem+json")
	// gin keeps a Content-Type that is already set.
	c.AbortWithStatusJSON(p.Status, p)
}

// handlerFunc is what every handler is: data or an error.
type handlerFunc func(c *gin.Context) (any, error)

// handle adapts a handlerFunc to gin: data becomes 200 JSON (or nothing,
// when the handler wrote its own response), an error becomes problem+json.
func (s *Server) handle(h handlerFunc) gin.HandlerFunc {
	return func(c *gin.Context) {
		data, err := h(c)
		if err != nil {
			p := problemFor(err)
			if node, ok := indexer.IsUnavailable(err); ok {
				s.log.Warn("search node not answering", "node", node, "path", c.Request.URL.Path, "request_id", c.GetString("request_id"), "err", err)
			}
			if p.Status == http.StatusInternalServerError {
				s.log.Error("request failed", "path", c.Request.URL.Path, "request_id", c.GetString("request_id"), "err", err)
				p = internalError(c)
			}
			writeProblem(c, p)
			return
		}
		if c.Writer.Written() || data == nil {
			return
		}
		if err := writeJSON(c, http.StatusOK, data); err != nil {
			s.log.Error("encoding response", "path", c.Request.URL.Path, "request_id", c.GetString("request_id"), "err", err)
			writeProblem(c, internalError(c))
		}
	}
}

// query adapts a handler that queries the index or the graph: it runs
// under the request's context bounded by QueryTimeout, so that a client
// that leaves, or a query that runs too long, stops the work (503).
func (s *Server) query(h handlerFunc) gin.HandlerFunc {
	return s.handle(func(c *gin.Context) (any, error) {
		ctx, cancel := context.WithTimeout(c.Request.Context(), s.opts.QueryTimeout)
		defer cancel()
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		c.Request = c.Request.WithContext(ctx)
		return h(c)
	})
}

// jsonBufs recycles the buffers responses are encoded into.
var jsonBufs = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// maxPooledBuf is the largest buffer put back into jsonBufs, so that one
// huge response does not stay pinned.
const maxPooledBuf = 1 << 20

// writeJSON encodes data into a pooled buffer and writes it as the
// response with status. HTML is not escaped: fragments keep their <mark>
// as written (still valid JSON). Nothing is written when encoding fails;
// the error is returned.
func writeJSON(c *gin.Context, status int, data any) error {
	buf := jsonBufs.Get().(*bytes.Buffer)
	buf.Reset()
	defer func() {
		if buf.Cap() <= maxPooledBuf {
			jsonBufs.Put(buf)
		}
	}()
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(data); err != nil {
		return fmt.Errorf("api: encode response: %w", err)
	}
	c.Data(status, "application/json; charset=utf-8", buf.Bytes())
	return nil
}

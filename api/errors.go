package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
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

// problemFor turns any error into a Problem.
func problemFor(err error) *Problem {
	var p *Problem
	if errors.As(err, &p) {
		return p
	}
	for _, e := range errorStatus {
		if errors.Is(err, e.err) {
			return &Problem{Status: e.status, Title: http.StatusText(e.status), Detail: err.Error()}
		}
	}
	return &Problem{Status: http.StatusInternalServerError, Title: http.StatusText(http.StatusInternalServerError), Detail: err.Error()}
}

func writeProblem(c *gin.Context, p *Problem) {
	if p.Type == "" {
		p.Type = "about:blank"
	}
	if p.Title == "" {
		p.Title = http.StatusText(p.Status)
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
			if p.Status >= 500 {
				s.log.Error("request failed", "path", c.Request.URL.Path, "err", err)
			}
			writeProblem(c, p)
			return
		}
		if c.Writer.Written() || data == nil {
			return
		}
		if err := writeJSON(c, http.StatusOK, data); err != nil {
			s.log.Error("encoding response", "path", c.Request.URL.Path, "err", err)
			writeProblem(c, &Problem{Status: http.StatusInternalServerError, Detail: "internal error"})
		}
	}
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

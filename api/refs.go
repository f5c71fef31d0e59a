package api

import (
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"kamerzoek/internal/document"
	"kamerzoek/internal/ingest"
	"kamerzoek/internal/refs"
)

// refsRoutes registers POST /refs.
func (s *Server) refsRoutes(r *gin.RouterGroup) {
	r.POST("/refs", s.parseSlot(), s.handle(s.postRefs))
}

// refsRequest is the JSON body of POST /refs.
type refsRequest struct {
	Text  string `json:"text" binding:"required"`
	Self  string `json:"self"`
	Kamer string `json:"kamer" binding:"omitempty,oneof=tk ek"`
}

// refsResponse lists the references found, in order of appearance.
type refsResponse struct {
	ID          string               `json:"id,omitempty"`
	References  []document.Reference `json:"references"`
	Diagnostics []refs.Diagnostic    `json:"diagnostics,omitempty"`
}

// postRefs extracts references from text (JSON {"text": ...} or
// text/plain) or from an uploaded PDF, XML or text file (multipart field
// "file"). For text, start and end are byte offsets into it; for a parsed
// file, into the footnote or section text the reference stood in.
func (s *Server) postRefs(c *gin.Context) (any, error) {
	mediaType, _, _ := mime.ParseMediaType(c.ContentType())
	switch {
	case mediaType == "application/json":
		// A JSON string may escape every byte in six: allow for that.
		c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, 6*s.opts.MaxTextBytes+1<<10)
		var req refsRequest
		if err := c.ShouldBindJSON(&req); err != nil {
			if tooBig(err) {
				return nil, s.textTooLarge()
			}
			return nil, badRequest("body must be JSON {\"text\": \"...\"}: " + err.Error())
		}
		if int64(len(req.Text)) > s.opts.MaxTextBytes {
			return nil, s.textTooLarge()
		}
		return extractText(req.Text, refs.Context{Self: req.Self, Kamer: req.Kamer}), nil
	case mediaType == "text/plain":
		body, err := io.ReadAll(http.MaxBytesReader(c.Writer, c.Request.Body, s.opts.MaxTextBytes))
		if err != nil {
			if tooBig(err) {
				return nil, s.textTooLarge()
			}
			return nil, badRequest("cannot read the body: " + err.Error())
		}
		return extractText(string(body), refs.Context{Self: c.Query("self"), Kamer: c.Query("kamer")}), nil
	case strings.HasPrefix(mediaType, "multipart/"):
		return s.postRefsFile(c)
	}
	return nil, &Problem{Status: http.StatusUnsupportedMediaType,
		Detail: "send application/json {\"text\": ...}, text/plain, or multipart/form-data with a field \"file\""}
}

// postRefsFile reads a multipart body part by part, the whole body bounded
// by MaxUploadBytes and 1 MB for the other fields, and extracts the
// references of its field "file".
func (s *Server) postRefsFile(c *gin.Context) (any, error) {
	max := s.opts.MaxUploadBytes
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, max+1<<20)
	mr, err := c.Request.MultipartReader()
	if err != nil {
		return nil, badRequest("multipart body needs a field \"file\"")
	}
	var (
		data        []byte
		name        string
		found       bool
		self, kamer string
	)
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, uploadReadError(err, max)
		}
		switch part.FormName() {
		case "file":
			if found {
				return nil, badRequest("send one field \"file\"")
			}
			found, name = true, part.FileName()
			if data, err = io.ReadAll(io.LimitReader(part, max+1)); err != nil {
				return nil, uploadReadError(err, max)
			}
			if int64(len(data)) > max {
				return nil, &Problem{Status: http.StatusRequestEntityTooLarge, Detail: fmt.Sprintf("file is larger than the limit of %d bytes", max)}
			}
		case "self", "kamer":
			v, err := io.ReadAll(io.LimitReader(part, 256))
			if err != nil {
				return nil, uploadReadError(err, max)
			}
			if part.FormName() == "self" {
				self = string(v)
			} else {
				kamer = string(v)
			}
		default:
			if _, err := io.Copy(io.Discard, part); err != nil {
				return nil, uploadReadError(err, max)
			}
		}
	}
	if !found {
		return nil, badRequest("multipart body needs a field \"file\"")
	}
	if ingest.Sniff(data) == document.FormatText {
		return extractText(string(data), refs.Context{Self: self, Kamer: kamer}), nil
	}
	doc, err := ingest.Parse(c.Request.Context(), name, data, s.corpus.ParseOptions())
	if err != nil {
		return nil, &Problem{Status: http.StatusUnprocessableEntity, Detail: err.Error()}
	}
	return refsResponse{ID: doc.ID, References: nonNil(doc.References)}, nil
}

func extractText(text string, ctx refs.Context) refsResponse {
	res := refs.Extract(text, ctx)
	return refsResponse{References: nonNil(res.References), Diagnostics: res.Diagnostics}
}

func nonNil(r []document.Reference) []document.Reference {
	if r == nil {
		return []document.Reference{}
	}
	return r
}

// tooBig reports whether err says a body passed its MaxBytesReader limit.
func tooBig(err error) bool {
	var mb *http.MaxBytesError
	return errors.As(err, &mb)
}

func (s *Server) textTooLarge() error {
	return &Problem{Status: http.StatusRequestEntityTooLarge,
		Detail: fmt.Sprintf("text is larger than the limit of %d bytes", s.opts.MaxTextBytes)}
}

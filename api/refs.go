package api

import (
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
	r.POST("/refs", s.handle(s.postRefs))
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
		var req refsRequest
		if err := c.ShouldBindJSON(&req); err != nil {
			return nil, badRequest("body must be JSON {\"text\": \"...\"}: " + err.Error())
		}
		return extractText(req.Text, refs.Context{Self: req.Self, Kamer: req.Kamer}), nil
	case mediaType == "text/plain":
		body, err := io.ReadAll(http.MaxBytesReader(c.Writer, c.Request.Body, s.opts.MaxUploadBytes))
		if err != nil {
			return nil, tooLarge(err)
		}
		return extractText(string(body), refs.Context{Self: c.Query("self"), Kamer: c.Query("kamer")}), nil
	case strings.HasPrefix(mediaType, "multipart/"):
		fh, err := c.FormFile("file")
		if err != nil {
			return nil, badRequest("multipart body needs a field \"file\"")
		}
		if fh.Size > s.opts.MaxUploadBytes {
			return nil, &Problem{Status: http.StatusRequestEntityTooLarge, Detail: "file is larger than the upload limit"}
		}
		f, err := fh.Open()
		if err != nil {
			return nil, err
		}
		defer f.Close()
		data, err := io.ReadAll(f)
		if err != nil {
			return nil, err
		}
		if ingest.Sniff(data) == document.FormatText {
			return extractText(string(data), refs.Context{Self: c.PostForm("self"), Kamer: c.PostForm("kamer")}), nil
		}
		doc, err := ingest.Parse(c.Request.Context(), fh.Filename, data, s.corpus.ParseOptions())
		if err != nil {
			return nil, &Problem{Status: http.StatusUnprocessableEntity, Detail: err.Error()}
		}
		return refsResponse{ID: doc.ID, References: nonNil(doc.References)}, nil
	}
	return nil, &Problem{Status: http.StatusUnsupportedMediaType,
		Detail: "send application/json {\"text\": ...}, text/plain, or multipart/form-data with a field \"file\""}
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

func tooLarge(err error) error {
	return &Problem{Status: http.StatusRequestEntityTooLarge, Detail: err.Error()}
}

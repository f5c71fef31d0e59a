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
)

// maxUploadFiles bounds the files of one upload request; the request as
// a whole may be at most four times MaxUploadBytes.
const maxUploadFiles = 16

// documentRoutes registers the document resource: show, original file,
// upload and delete.
func (s *Server) documentRoutes(r *gin.RouterGroup) {
	r.GET("/documents/:id", s.handle(s.getDocument))
	r.GET("/documents/:id/file", s.handle(s.getDocumentFile))
	r.POST("/documents", s.requireToken(), s.parseSlot(), s.handle(s.uploadDocuments))
	r.DELETE("/documents/:id", s.requireToken(), s.handle(s.deleteDocument))
}

// getDocument answers with the stored record: the document and the
// versions it was parsed from.
func (s *Server) getDocument(c *gin.Context) (any, error) {
	return s.corpus.Store.Record(c.Param("id"))
}

// getDocumentFile sends the current original (or the version named by
// ?sha256=) with the content type of its format.
func (s *Server) getDocumentFile(c *gin.Context) (any, error) {
	rec, err := s.corpus.Store.Record(c.Param("id"))
	if err != nil {
		return nil, err
	}
	v := rec.Current()
	if want := c.Query("sha256"); want != "" {
		found := false
		for _, x := range rec.Versions {
			if x.SHA256 == want {
				v, found = x, true
			}
		}
		if !found {
			return nil, &Problem{Status: http.StatusNotFound, Detail: fmt.Sprintf("%s has no version %s", rec.ID, want)}
		}
	}
	data, err := s.corpus.Store.Original(v.SHA256)
	if err != nil {
		return nil, err
	}
	name := v.File
	if name == "" {
		name = rec.ID
	}
	ct := ingest.ContentType(v.Format)
	c.Header("Content-Disposition", mime.FormatMediaType(fileDisposition(ct), map[string]string{"filename": name}))
	c.Header("Content-Security-Policy", fileCSP(ct))
	c.Header("ETag", `"`+v.SHA256+`"`)
	c.Data(http.StatusOK, ct, data)
	return nil, nil
}

// uploadResponse answers an upload: the ids of the documents and what
// happened to each file.
type uploadResponse struct {
	IDs       []string         `json:"ids"`
	Documents []ingest.Outcome `json:"documents"`
}

// uploadDocuments ingests the files of the multipart field "file" (one or
// more). Every file is checked (size, type by content, parse) before any
// is stored; 201 when a document was added, 200 when all were duplicates.
func (s *Server) uploadDocuments(c *gin.Context) (any, error) {
	max := s.opts.MaxUploadBytes
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, 4*max+1<<20)
	mr, err := c.Request.MultipartReader()
	if err != nil {
		return nil, badRequest(`expected multipart/form-data with the file in field "file"`)
	}
	var files []ingest.File
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, uploadReadError(err, max)
		}
		if part.FormName() != "file" {
			_, _ = io.Copy(io.Discard, part)
			continue
		}
		if len(files) == maxUploadFiles {
			return nil, &Problem{Status: http.StatusRequestEntityTooLarge, Detail: fmt.Sprintf("at most %d files per request", maxUploadFiles)}
		}
		name := part.FileName()
		if name == "" {
			name = fmt.Sprintf("upload-%d", len(files)+1)
		}
		data, err := io.ReadAll(io.LimitReader(part, max+1))
		if err != nil {
			return nil, uploadReadError(err, max)
		}
		if int64(len(data)) > max {
			return nil, &Problem{Status: http.StatusRequestEntityTooLarge,
				Detail: fmt.Sprintf("%s is larger than the limit of %d bytes", name, max)}
		}
		switch ingest.Sniff(data) {
		case document.FormatPDF, document.FormatXML, document.FormatText:
		default:
			return nil, &Problem{Status: http.StatusUnsupportedMediaType,
				Detail: fmt.Sprintf("%s is not a PDF, an officielebekendmakingen XML document or UTF-8 text", name)}
		}
		files = append(files, ingest.File{Name: name, Data: data})
	}
	if len(files) == 0 {
		return nil, badRequest(`no file in field "file"`)
	}
	outs, err := s.corpus.IngestFiles(c.Request.Context(), files)
	if err != nil {
		var others []string
		for _, o := range outs {
			if o.Err != nil {
				others = append(others, o.File+": "+o.Reason)
			}
		}
		if others = others[1:]; len(others) > 0 {
			err = fmt.Errorf("%w; also %s", err, strings.Join(others, "; "))
		}
		return nil, fmt.Errorf("%w; nothing was stored", err)
	}
	resp := uploadResponse{Documents: outs}
	status := http.StatusOK
	for _, o := range outs {
		resp.IDs = append(resp.IDs, o.ID)
		if o.Status == ingest.StatusIngested {
			status = http.StatusCreated
		} else if !o.OK() {
			// Stored, but the index lags (the next start repairs it).
			return nil, fmt.Errorf("api: %s: %s", o.File, o.Reason)
		}
	}
	if status == http.StatusCreated && len(resp.IDs) > 0 {
		c.Header("Location", "/api/v1/documents/"+resp.IDs[0])
	}
	return nil, writeJSON(c, status, resp)
}

func uploadReadError(err error, max int64) error {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return &Problem{Status: http.StatusRequestEntityTooLarge, Detail: fmt.Sprintf("request larger than %d bytes", mbe.Limit)}
	}
	return badRequest("cannot read the upload: " + err.Error())
}

// deleteDocument removes a document from store, index and graph.
func (s *Server) deleteDocument(c *gin.Context) (any, error) {
	id := c.Param("id")
	if err := s.corpus.Delete(id); err != nil {
		return nil, err
	}
	return gin.H{"id": id, "deleted": true}, nil
}

package api

import (
	"bytes"
	"encoding/json"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"kamerzoek/internal/ingest"
	"kamerzoek/internal/realdata"
)

func docLetter(nr int) string {
	return fmt.Sprintf(`
Vergaderjaar 2021–2022

29 911

Bestrijding georganiseerde criminaliteit

Nr. %d

BRIEF VAN DE MINISTER VAN JUSTITIE EN VEILIGHEID

Aan de Voorzitter van de Tweede Kamer der Staten-Generaal

Den Haag, 17 november 2021

Inleiding

In deze brief informeer ik u over de voortgang van de aanpak van ondermijnende criminaliteit.
`, nr)
}

// corpusServer serves a fresh corpus in a temporary data directory.
func corpusServer(t *testing.T, opts Options) (*Server, *ingest.Corpus) {
	t.Helper()
	c, err := ingest.Open(ingest.Options{Dir: t.TempDir(), Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return New(c, opts), c
}

type upload struct {
	name string
	data []byte
}

func uploadReq(t *testing.T, token string, files ...upload) *http.Request {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for _, f := range files {
		w, err := mw.CreateFormFile("file", f.name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(f.data)
	}
	mw.Close()
	r := httptest.NewRequest(http.MethodPost, "/api/v1/documents", &body)
	r.Header.Set("Content-Type", mw.FormDataContentType())
	if token != "" {
		r.Header.Set("Authorization", "Bearer "+token)
	}
	return r
}

func do(s *Server, r *http.Request) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	s.ServeHTTP(w, r)
	return w
}

func wantProblem(t *testing.T, w *httptest.ResponseRecorder, status int) Problem {
	t.Helper()
	if w.Code != status {
		t.Fatalf("status %d, want %d: %s", w.Code, status, w.Body)
	}
	if ct := w.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/problem+json") {
		t.Errorf("content type %q", ct)
	}
	var p Problem
	if err := json.Unmarshal(w.Body.Bytes(), &p); err != nil || p.Status != status || p.Title == "" {
		t.Errorf("problem %+v, %v", p, err)
	}
	return p
}

func TestUploadShowFileDelete(t *testing.T) {
	s, c := corpusServer(t, Options{})
	l1, l2 := []byte(docLetter(900)), []byte(docLetter(901))

	w := do(s, uploadReq(t, "", upload{"een.txt", l1}, upload{"twee.txt", l2}))
	if w.Code != http.StatusCreated {
		t.Fatalf("upload: %d %s", w.Code, w.Body)
	}
	var resp uploadResponse
	json.Unmarshal(w.Body.Bytes(), &resp)
	if strings.Join(resp.IDs, " ") != "kst-29911-900 kst-29911-901" || w.Header().Get("Location") != "/api/v1/documents/kst-29911-900" {
		t.Fatalf("response %s, location %q", w.Body, w.Header().Get("Location"))
	}

	// The same bytes again (under another name): 200, the existing id.
	w = do(s, uploadReq(t, "", upload{"andere-naam.pdf", l1}))
	if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), `"status":"duplicate"`) || !strings.Contains(w.Body.String(), "kst-29911-900") {
		t.Fatalf("duplicate: %d %s", w.Code, w.Body)
	}

	w = do(s, httptest.NewRequest(http.MethodGet, "/api/v1/documents/kst-29911-900", nil))
	if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), `"versions":[{"sha256"`) {
		t.Fatalf("show: %d %s", w.Code, w.Body)
	}

	w = do(s, httptest.NewRequest(http.MethodGet, "/api/v1/documents/kst-29911-900/file", nil))
	if w.Code != http.StatusOK || !bytes.Equal(w.Body.Bytes(), l1) || w.Header().Get("Content-Type") != "text/plain; charset=utf-8" {
		t.Fatalf("file: %d %q %q", w.Code, w.Header().Get("Content-Type"), w.Body.String()[:40])
	}

	w = do(s, httptest.NewRequest(http.MethodDelete, "/api/v1/documents/kst-29911-900", nil))
	if w.Code != http.StatusOK {
		t.Fatalf("delete: %d %s", w.Code, w.Body)
	}
	wantProblem(t, do(s, httptest.NewRequest(http.MethodGet, "/api/v1/documents/kst-29911-900", nil)), http.StatusNotFound)
	wantProblem(t, do(s, httptest.NewRequest(http.MethodDelete, "/api/v1/documents/kst-29911-900", nil)), http.StatusNotFound)
	if ids, _ := c.CurrentIndex().DocIDs(); strings.Join(ids, " ") != "kst-29911-901" {
		t.Errorf("index after delete: %v", ids)
	}

	w = do(s, httptest.NewRequest(http.MethodPost, "/api/v1/reindex", nil))
	if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), `"documents":1`) {
		t.Fatalf("reindex: %d %s", w.Code, w.Body)
	}
}

func TestUploadPDFContentType(t *testing.T) {
	data, err := os.ReadFile(realdata.Path(t, "seed", "kst-29911-337.latex.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	s, _ := corpusServer(t, Options{})
	// Named .txt: the content decides.
	w := do(s, uploadReq(t, "", upload{"brief.txt", data}))
	if w.Code != http.StatusCreated {
		t.Fatalf("upload: %d %s", w.Code, w.Body)
	}
	var resp uploadResponse
	json.Unmarshal(w.Body.Bytes(), &resp)
	w = do(s, httptest.NewRequest(http.MethodGet, "/api/v1/documents/"+resp.IDs[0]+"/file", nil))
	if w.Header().Get("Content-Type") != "application/pdf" || !bytes.Equal(w.Body.Bytes(), data) {
		t.Errorf("file: %q, %d bytes", w.Header().Get("Content-Type"), w.Body.Len())
	}

	// Over the page limit: 413.
	c, err := ingest.Open(ingest.Options{Dir: t.TempDir(), Parse: ingest.ParseOptions{MaxPages: 1}})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	wantProblem(t, do(New(c, Options{}), uploadReq(t, "", upload{"lang.pdf", data})), http.StatusRequestEntityTooLarge)
}

func TestUploadRejections(t *testing.T) {
	s, c := corpusServer(t, Options{MaxUploadBytes: 4096})
	tests := []struct {
		name   string
		files  []upload
		status int
	}{
		{"too large", []upload{{"groot.txt", []byte(strings.Repeat("ondermijning ", 1000))}}, http.StatusRequestEntityTooLarge},
		{"not a document", []upload{{"foto.pdf", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR")}}, http.StatusUnsupportedMediaType},
		{"latin-1 text", []upload{{"oud.txt", []byte("caf\xe9")}}, http.StatusUnsupportedMediaType},
		{"broken pdf", []upload{{"kapot.pdf", []byte("%PDF-1.4\n1 0 obj << /Type /Catalog")}}, http.StatusUnprocessableEntity},
		{"one bad file spoils the request", []upload{{"goed.txt", []byte(docLetter(910))}, {"kapot.pdf", []byte("%PDF-1.4\nxx")}}, http.StatusUnprocessableEntity},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantProblem(t, do(s, uploadReq(t, "", tt.files...)), tt.status)
		})
	}
	if n := c.Store.Len(); n != 0 {
		t.Errorf("rejected uploads stored %d documents", n)
	}
	r := httptest.NewRequest(http.MethodPost, "/api/v1/documents", strings.NewReader("{}"))
	r.Header.Set("Content-Type", "application/json")
	wantProblem(t, do(s, r), http.StatusBadRequest)
	wantProblem(t, do(s, uploadReq(t, "")), http.StatusBadRequest)
}

func TestWriteEndpointsNeedToken(t *testing.T) {
	s, _ := corpusServer(t, Options{Token: "geheim"})
	letter := upload{"brief.txt", []byte(docLetter(920))}

	p := wantProblem(t, do(s, uploadReq(t, "", letter)), http.StatusUnauthorized)
	if !strings.Contains(p.Detail, "Bearer") {
		t.Errorf("detail %q", p.Detail)
	}
	wantProblem(t, do(s, uploadReq(t, "fout", letter)), http.StatusUnauthorized)
	wantProblem(t, do(s, httptest.NewRequest(http.MethodDelete, "/api/v1/documents/kst-29911-920", nil)), http.StatusUnauthorized)
	wantProblem(t, do(s, httptest.NewRequest(http.MethodPost, "/api/v1/reindex", nil)), http.StatusUnauthorized)

	if w := do(s, uploadReq(t, "geheim", letter)); w.Code != http.StatusCreated {
		t.Fatalf("with token: %d %s", w.Code, w.Body)
	}
	// Reading needs no token.
	if w := do(s, httptest.NewRequest(http.MethodGet, "/api/v1/documents/kst-29911-920", nil)); w.Code != http.StatusOK {
		t.Errorf("read: %d", w.Code)
	}
	r := httptest.NewRequest(http.MethodDelete, "/api/v1/documents/kst-29911-920", nil)
	r.Header.Set("Authorization", "Bearer geheim")
	if w := do(s, r); w.Code != http.StatusOK {
		t.Errorf("delete with token: %d %s", w.Code, w.Body)
	}
}

package api

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime/multipart"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/gin-gonic/gin"
)

// TestHTTPServerTimeouts: the server built for serve has read, write and
// idle timeouts, and a client that sends its body slowly is cut off.
func TestHTTPServerTimeouts(t *testing.T) {
	s := searchServer(t, Options{ReadTimeout: 300 * time.Millisecond})
	hs := s.HTTPServer()
	if hs.ReadHeaderTimeout <= 0 || hs.ReadTimeout <= 0 || hs.WriteTimeout <= 0 || hs.IdleTimeout <= 0 {
		t.Fatalf("timeouts: header %v read %v write %v idle %v", hs.ReadHeaderTimeout, hs.ReadTimeout, hs.WriteTimeout, hs.IdleTimeout)
	}
	if d := New(nil, Options{}).HTTPServer(); d.ReadTimeout <= 0 || d.WriteTimeout <= 0 || d.IdleTimeout <= 0 {
		t.Fatalf("default timeouts missing: %+v", d)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go hs.Serve(ln)
	defer hs.Close()
	conn, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "POST /api/v1/refs HTTP/1.1\r\nHost: %s\r\nContent-Type: text/plain\r\nContent-Length: 100000\r\n\r\nKamerstuk", ln.Addr())
	conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	start := time.Now()
	_, err = bufio.NewReader(conn).ReadString('\n')
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		t.Fatalf("a stalled body held the connection for %v", time.Since(start))
	}
}

// TestQueriesTakeTheRequestContext: a search or graph query whose client
// has gone, or whose deadline passed, stops and answers 503.
func TestQueriesTakeTheRequestContext(t *testing.T) {
	s := searchServer(t, Options{})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, target := range []string{
		"/api/v1/search?q=ondermijning",
		"/api/v1/graph?id=kst-29911-337&depth=2",
		"/api/v1/graph/path?from=kst-36200-VI-12&to=kst-29911-337",
	} {
		w := do(s, httptest.NewRequest(http.MethodGet, target, nil).WithContext(ctx))
		if w.Code != http.StatusServiceUnavailable {
			t.Errorf("%s with the client gone: %d %s", target, w.Code, w.Body)
		}
	}
	s = searchServer(t, Options{QueryTimeout: time.Nanosecond})
	w := do(s, httptest.NewRequest(http.MethodGet, "/api/v1/search?q=ondermijning", nil))
	if w.Code != http.StatusServiceUnavailable || !strings.Contains(w.Body.String(), "longer than") {
		t.Errorf("search past its deadline: %d %s", w.Code, w.Body)
	}
}

// TestExpensiveQueriesRefused: regular expressions and leading wildcards
// get a 400 that says why; an ordinary prefix query still works.
func TestExpensiveQueriesRefused(t *testing.T) {
	s := searchServer(t, Options{})
	for q, want := range map[string]string{
		"/ond.*/":         "regular expression",
		"title:/.*/":      "regular expression",
		"*mijning":        "wildcard",
		"?ndermijning":    "wildcard",
		"brief +*ijning":  "wildcard",
		"reünie -*mijnin": "wildcard",
	} {
		w := searchGet(t, s, "/api/v1/search?q="+urlQuery(q), nil)
		if w.Code != http.StatusBadRequest || !strings.Contains(w.Body.String(), want) {
			t.Errorf("%q: %d %s", q, w.Code, w.Body)
		}
	}
	if w := searchGet(t, s, "/api/v1/search?q=ondermijn*", nil); w.Code != http.StatusOK {
		t.Errorf("prefix query: %d %s", w.Code, w.Body)
	}
}

func urlQuery(s string) string {
	r := strings.NewReplacer(" ", "%20", "+", "%2B", "/", "%2F", "?", "%3F", "*", "%2A")
	return r.Replace(s)
}

// TestRefsBodiesBounded: a JSON or text body past the text limit and a
// multipart body past the upload limit are refused with 413 before they
// are read whole.
func TestRefsBodiesBounded(t *testing.T) {
	s := searchServer(t, Options{MaxTextBytes: 1024, MaxUploadBytes: 64 << 10})
	big := strings.Repeat("Kamerstuk 29 911, nr. 337. ", 200)
	r := httptest.NewRequest(http.MethodPost, "/api/v1/refs", strings.NewReader(`{"text":"`+big+`"}`))
	r.Header.Set("Content-Type", "application/json")
	wantProblem(t, do(s, r), http.StatusRequestEntityTooLarge)
	r = httptest.NewRequest(http.MethodPost, "/api/v1/refs", strings.NewReader(big))
	r.Header.Set("Content-Type", "text/plain")
	wantProblem(t, do(s, r), http.StatusRequestEntityTooLarge)

	// A small file beside a large other field: the body as a whole counts.
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, _ := mw.CreateFormField("junk")
	fw.Write(bytes.Repeat([]byte("x"), 2<<20))
	ff, _ := mw.CreateFormFile("file", "brief.txt")
	ff.Write([]byte("Kamerstuk 29 911, nr. 337."))
	mw.Close()
	r = httptest.NewRequest(http.MethodPost, "/api/v1/refs", &body)
	r.Header.Set("Content-Type", mw.FormDataContentType())
	wantProblem(t, do(s, r), http.StatusRequestEntityTooLarge)

	// Within the limits it works.
	r = httptest.NewRequest(http.MethodPost, "/api/v1/refs", strings.NewReader(`{"text":"Kamerstuk 29 911, nr. 337."}`))
	r.Header.Set("Content-Type", "application/json")
	if w := do(s, r); w.Code != http.StatusOK || !strings.Contains(w.Body.String(), "kst-29911-337") {
		t.Errorf("small JSON: %d %s", w.Code, w.Body)
	}
	body.Reset()
	mw = multipart.NewWriter(&body)
	ff, _ = mw.CreateFormFile("file", "brief.txt")
	ff.Write([]byte("Kamerstuk 29 911, nr. 337."))
	mw.Close()
	r = httptest.NewRequest(http.MethodPost, "/api/v1/refs", &body)
	r.Header.Set("Content-Type", mw.FormDataContentType())
	if w := do(s, r); w.Code != http.StatusOK || !strings.Contains(w.Body.String(), "kst-29911-337") {
		t.Errorf("small multipart: %d %s", w.Code, w.Body)
	}
}

// TestParsesCappedPerClient: a client with its parses in flight gets 429
// for the next one; another client is not held up.
func TestParsesCappedPerClient(t *testing.T) {
	s, _ := corpusServer(t, Options{MaxParsesPerClient: 1})
	release, ok := s.parses.acquire("192.0.2.1")
	if !ok {
		t.Fatal("first slot refused")
	}
	defer release()
	refsReq := func(addr string) *http.Request {
		r := httptest.NewRequest(http.MethodPost, "/api/v1/refs", strings.NewReader("Kamerstuk 29 911, nr. 337."))
		r.Header.Set("Content-Type", "text/plain")
		r.RemoteAddr = addr
		return r
	}
	w := do(s, refsReq("192.0.2.1:4000"))
	if w.Code != http.StatusTooManyRequests || w.Header().Get("Retry-After") == "" {
		t.Errorf("second parse of one client: %d %v %s", w.Code, w.Header(), w.Body)
	}
	up := uploadReq(t, "", upload{"brief.txt", []byte(docLetter(930))})
	up.RemoteAddr = "192.0.2.1:4001"
	if w := do(s, up); w.Code != http.StatusTooManyRequests {
		t.Errorf("upload beside a parse of the same client: %d %s", w.Code, w.Body)
	}
	if w := do(s, refsReq("192.0.2.2:4000")); w.Code != http.StatusOK {
		t.Errorf("other client: %d %s", w.Code, w.Body)
	}
}

// TestCrossOriginWritesRefused: a mutating request a browser sends for
// another origin is refused; same-origin pages, the kamerzoek header and
// clients without Origin (curl, the CLI) pass.
func TestCrossOriginWritesRefused(t *testing.T) {
	s, _ := corpusServer(t, Options{CORSOrigins: []string{"https://partner.example"}})
	for _, tc := range []struct {
		name    string
		method  string
		target  string
		headers map[string]string
		refused bool
	}{
		{"other origin reindex", "POST", "/api/v1/reindex", map[string]string{"Origin": "https://evil.example"}, true},
		{"other origin delete", "DELETE", "/api/v1/documents/kst-29911-1", map[string]string{"Origin": "http://evil.example"}, true},
		{"other port", "POST", "/api/v1/reindex", map[string]string{"Origin": "http://example.com:8081"}, true},
		{"null origin", "POST", "/api/v1/reindex", map[string]string{"Origin": "null"}, true},
		{"cross-site fetch", "POST", "/api/v1/reindex", map[string]string{"Sec-Fetch-Site": "cross-site"}, true},
		{"same origin", "POST", "/api/v1/reindex", map[string]string{"Origin": "http://example.com", "Sec-Fetch-Site": "same-origin"}, false},
		{"kamerzoek header", "POST", "/api/v1/reindex", map[string]string{"X-Requested-With": "kamerzoek", "Sec-Fetch-Site": "same-origin"}, false},
		{"configured CORS origin", "POST", "/api/v1/reindex", map[string]string{"Origin": "https://partner.example"}, false},
		{"no origin (curl)", "POST", "/api/v1/reindex", nil, false},
		{"other origin GET", "GET", "/api/v1/stats", map[string]string{"Origin": "https://evil.example"}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest(tc.method, tc.target, nil)
			for k, v := range tc.headers {
				r.Header.Set(k, v)
			}
			w := do(s, r)
			if tc.refused {
				wantProblem(t, w, http.StatusForbidden)
			} else if w.Code == http.StatusForbidden {
				t.Errorf("refused: %s", w.Body)
			}
		})
	}
	up := uploadReq(t, "", upload{"brief.txt", []byte(docLetter(931))})
	up.Header.Set("Origin", "https://evil.example")
	wantProblem(t, do(s, up), http.StatusForbidden)
}

// TestHostChecked: with the served hosts configured, a request naming
// another Host (DNS rebinding) is refused.
func TestHostChecked(t *testing.T) {
	s := searchServer(t, Options{Hosts: []string{"127.0.0.1:8080", "localhost:8080", "kamerzoek.example"}})
	for host, ok := range map[string]bool{
		"127.0.0.1:8080":    true,
		"localhost:8080":    true,
		"LOCALHOST:8080":    true,
		"kamerzoek.example": true,
		"evil.example:8080": false,
		"evil.example":      false,
		"127.0.0.1:9999":    false,
	} {
		r := httptest.NewRequest(http.MethodGet, "/api/v1/stats", nil)
		r.Host = host
		w := do(s, r)
		if ok && w.Code != http.StatusOK || !ok && w.Code != http.StatusMisdirectedRequest {
			t.Errorf("Host %q: %d %s", host, w.Code, w.Body)
		}
	}
}

// TestFileResponseHeaders: every answer says nosniff; an original is sent
// with a restrictive CSP, and as an attachment unless it is a PDF.
func TestFileResponseHeaders(t *testing.T) {
	s, _ := corpusServer(t, Options{})
	if w := do(s, uploadReq(t, "", upload{"brief.txt", []byte(docLetter(932))})); w.Code != http.StatusCreated {
		t.Fatalf("upload: %d %s", w.Code, w.Body)
	}
	w := do(s, httptest.NewRequest(http.MethodGet, "/api/v1/documents/kst-29911-932/file", nil))
	if w.Code != http.StatusOK {
		t.Fatalf("file: %d", w.Code)
	}
	h := w.Header()
	if h.Get("X-Content-Type-Options") != "nosniff" || !strings.Contains(h.Get("Content-Security-Policy"), "default-src 'none'") ||
		!strings.HasPrefix(h.Get("Content-Disposition"), "attachment") {
		t.Errorf("file headers: %v", h)
	}
	if w := do(s, httptest.NewRequest(http.MethodGet, "/healthz", nil)); w.Header().Get("X-Content-Type-Options") != "nosniff" {
		t.Errorf("healthz headers: %v", w.Header())
	}
	if got := fileDisposition("application/pdf"); got != "inline" {
		t.Errorf("PDF disposition %q", got)
	}
}

// TestInternalErrorsCarryOnlyRequestID: a 500 answer names the request id
// and nothing of the error; the log has the detail under that id.
func TestInternalErrorsCarryOnlyRequestID(t *testing.T) {
	var logBuf bytes.Buffer
	s := searchServer(t, Options{Logger: slog.New(slog.NewTextHandler(&logBuf, nil))})
	s.engine.GET("/boom", s.handle(func(c *gin.Context) (any, error) {
		return nil, errors.New("store: open /srv/kamerzoek/data/docs/x.json: permission denied")
	}))
	s.engine.GET("/panic", s.handle(func(c *gin.Context) (any, error) { panic("/srv/secret") }))
	for _, target := range []string{"/boom", "/panic"} {
		r := httptest.NewRequest(http.MethodGet, target, nil)
		r.Header.Set("X-Request-ID", "rid-42")
		w := do(s, r)
		body := w.Body.String()
		if w.Code != http.StatusInternalServerError || strings.Contains(body, "/srv") || !strings.Contains(body, "rid-42") {
			t.Errorf("%s: %d %s", target, w.Code, body)
		}
	}
	if log := logBuf.String(); !strings.Contains(log, "/srv/kamerzoek/data") || !strings.Contains(log, "request_id=rid-42") {
		t.Errorf("log lacks the detail under the request id:\n%s", log)
	}
}

// TestResolverRedirectsOnlyToOfficialHosts: /kst/{id} never sends a
// browser to an address taken from the id.
func TestResolverRedirectsOnlyToOfficialHosts(t *testing.T) {
	s := searchServer(t, Options{})
	for _, id := range []string{"url:https://evil.example/phish", "url:http://zoek.officielebekendmakingen.nl.evil.example/"} {
		w := httptest.NewRecorder()
		c, _ := gin.CreateTestContext(w)
		c.Request = httptest.NewRequest(http.MethodGet, "/api/v1/kst/x", nil)
		c.Params = gin.Params{{Key: "id", Value: id}}
		s.handle(s.resolve)(c)
		if loc := w.Header().Get("Location"); loc != "" || w.Code == http.StatusFound {
			t.Errorf("%s: %d to %q", id, w.Code, loc)
		}
	}
	if w := searchGet(t, s, "/api/v1/kst/ECLI:NL:HR:2021:384", nil); w.Code != http.StatusFound ||
		!strings.HasPrefix(w.Header().Get("Location"), "https://uitspraken.rechtspraak.nl/") {
		t.Errorf("ECLI: %d %q", w.Code, w.Header().Get("Location"))
	}
}

var _ = io.Discard

package api

import (
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/gin-gonic/gin"
)

// requestedWithHeader is the header kamerzoek's own web pages send with
// fetch. A browser sends a custom header cross-origin only after a CORS
// preflight the server approved, so it proves the page is allowed.
const (
	requestedWithHeader = "X-Requested-With"
	requestedWithValue  = "kamerzoek"
)

// securityHeaders marks every answer nosniff, so that no browser reads a
// JSON or text answer as HTML or script.
func securityHeaders() gin.HandlerFunc {
	return func(c *gin.Context) {
		c.Header("X-Content-Type-Options", "nosniff")
		c.Next()
	}
}

// checkHost refuses, with 421, a request whose Host is not one of hosts
// (compared without regard to case; an entry without a port matches any
// port). A page on another name that resolves to this server (DNS
// rebinding) names its own host, so it is refused. An empty list accepts
// every Host.
func checkHost(hosts []string) gin.HandlerFunc {
	if len(hosts) == 0 {
		return func(c *gin.Context) { c.Next() }
	}
	allowed := map[string]bool{}
	for _, h := range hosts {
		allowed[strings.ToLower(strings.TrimSpace(h))] = true
	}
	return func(c *gin.Context) {
		h := strings.ToLower(c.Request.Host)
		if allowed[h] {
			c.Next()
			return
		}
		if name, _, err := net.SplitHostPort(h); err == nil && allowed[name] {
			c.Next()
			return
		}
		writeProblem(c, &Problem{Status: http.StatusMisdirectedRequest, Title: "Misdirected Request",
			Detail: "this server does not answer for host " + c.Request.Host})
	}
}

// mutating reports whether method changes state.
func mutating(method string) bool {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodOptions:
		return false
	}
	return true
}

// sameOrigin refuses, with 403, a state-changing request that a browser
// sends on behalf of a page of another origin: its Origin names another
// host than the one served (and not one of the CORS origins), it is
// "null", or Sec-Fetch-Site says cross-site. The header X-Requested-With:
// kamerzoek passes (browsers send it cross-origin only after an approved
// preflight), and so does a request without Origin or Sec-Fetch-Site: a
// client that is not a browser (curl, the CLI).
func sameOrigin(corsOrigins []string) gin.HandlerFunc {
	anyOrigin := slices.Contains(corsOrigins, "*")
	return func(c *gin.Context) {
		r := c.Request
		if !mutating(r.Method) || r.Header.Get(requestedWithHeader) == requestedWithValue {
			c.Next()
			return
		}
		refuse := func(why string) {
			writeProblem(c, &Problem{Status: http.StatusForbidden, Title: "Forbidden",
				Detail: why + "; pages of other sites may not change this server (send " + requestedWithHeader + ": " + requestedWithValue + " from kamerzoek's own pages)"})
		}
		if origin := r.Header.Get("Origin"); origin != "" {
			if anyOrigin || slices.Contains(corsOrigins, origin) {
				c.Next()
				return
			}
			u, err := url.Parse(origin)
			if origin == "null" || err != nil || u.Host == "" || !strings.EqualFold(u.Host, r.Host) {
				refuse("Origin " + origin + " is not this server")
				return
			}
			c.Next()
			return
		}
		if r.Header.Get("Sec-Fetch-Site") == "cross-site" {
			refuse("a cross-site request")
			return
		}
		c.Next()
	}
}

// fileDisposition is how an original of content type ct is offered: a PDF
// inline (the browser's viewer shows it), anything else as a download, so
// that an uploaded XML or HTML file never runs on the API's origin.
func fileDisposition(ct string) string {
	if ct == "application/pdf" {
		return "inline"
	}
	return "attachment"
}

// fileCSP is the Content-Security-Policy of an original: it may load
// nothing and run nothing; a non-PDF is sandboxed besides.
func fileCSP(ct string) string {
	if ct == "application/pdf" {
		return "default-src 'none'; object-src 'self'; frame-ancestors 'self'"
	}
	return "default-src 'none'; frame-ancestors 'none'; sandbox"
}

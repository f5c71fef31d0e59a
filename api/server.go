// Package api serves kamerzoek over HTTP: a gin router with JSON handlers
// under /api/v1, one file per resource. Handlers return data or an error;
// one adapter writes the JSON and maps errors to problem+json responses.
package api

import (
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"kamerzoek/internal/ingest"
)

// Options configure the server. The zero value means defaults.
type Options struct {
	Logger *slog.Logger
	// Token, when set, is the bearer token that write endpoints require.
	Token string
	// CORSOrigins lists origins allowed to call the API from a browser;
	// "*" allows any.
	CORSOrigins []string
	// MaxUploadBytes limits one uploaded file (default 50 MB).
	MaxUploadBytes int64
	// MaxTextBytes limits a JSON or plain-text body (default 8 MB).
	MaxTextBytes int64
	// MaxParsesPerClient bounds the parses (uploads and POST /refs) one
	// client address runs at once (default 2); more get 429.
	MaxParsesPerClient int
	// Hosts lists the Host header values the server answers to (host or
	// host:port, compared without regard to case); a request naming any
	// other host gets 421. Empty accepts every Host.
	Hosts []string
	// QueryTimeout bounds every search and graph query (default 10 s).
	QueryTimeout time.Duration
	// ReadTimeout, WriteTimeout and IdleTimeout configure HTTPServer
	// (defaults 2 min, 2 min, 2 min); ReadHeaderTimeout is 10 s.
	ReadTimeout, WriteTimeout, IdleTimeout time.Duration
	// Web, when set, serves every path outside /api/ and /healthz: the
	// HTML pages. Without it such paths are 404 problems.
	Web http.Handler
}

// Server is the HTTP API over one corpus.
type Server struct {
	corpus *ingest.Corpus
	opts   Options
	log    *slog.Logger
	engine *gin.Engine
	parses *clientLimiter
}

// HTTPServer returns the http.Server to serve s with: headers must arrive
// within 10 s, a whole request within ReadTimeout, a response must be
// written within WriteTimeout (POST /reindex lifts it for itself) and an
// idle keep-alive connection is closed after IdleTimeout.
func (s *Server) HTTPServer() *http.Server {
	return &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       s.opts.ReadTimeout,
		WriteTimeout:      s.opts.WriteTimeout,
		IdleTimeout:       s.opts.IdleTimeout,
		MaxHeaderBytes:    64 << 10,
	}
}

// New builds the router for corpus.
func New(corpus *ingest.Corpus, opts Options) *Server {
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.MaxUploadBytes <= 0 {
		opts.MaxUploadBytes = 50 << 20
	}
	if opts.MaxTextBytes <= 0 {
		opts.MaxTextBytes = 8 << 20
	}
	if opts.MaxParsesPerClient <= 0 {
		opts.MaxParsesPerClient = 2
	}
	if opts.QueryTimeout <= 0 {
		opts.QueryTimeout = 10 * time.Second
	}
	if opts.ReadTimeout <= 0 {
		opts.ReadTimeout = 2 * time.Minute
	}
	if opts.WriteTimeout <= 0 {
		opts.WriteTimeout = 2 * time.Minute
	}
	if opts.IdleTimeout <= 0 {
		opts.IdleTimeout = 2 * time.Minute
	}
	gin.SetMode(gin.ReleaseMode)
	s := &Server{corpus: corpus, opts: opts, log: opts.Logger, engine: gin.New(), parses: newClientLimiter(opts.MaxParsesPerClient)}
	s.engine.Use(requestID(), accessLog(s.log), recovery(s.log), securityHeaders(),
		checkHost(opts.Hosts), cors(opts.CORSOrigins), sameOrigin(opts.CORSOrigins))
	s.engine.NoRoute(func(c *gin.Context) {
		if p := c.Request.URL.Path; opts.Web != nil && !strings.HasPrefix(p, "/api/") && p != "/api" {
			c.Status(http.StatusOK) // gin presets 404 for unrouted paths
			opts.Web.ServeHTTP(c.Writer, c.Request)
			return
		}
		writeProblem(c, &Problem{Status: http.StatusNotFound, Title: "Not Found", Detail: "no route for " + c.Request.Method + " " + c.Request.URL.Path})
	})
	s.engine.GET("/healthz", s.handle(s.healthz))
	v1 := s.engine.Group("/api/v1")
	s.documentRoutes(v1)
	s.searchRoutes(v1)
	s.graphRoutes(v1)
	s.refsRoutes(v1)
	s.adminRoutes(v1)
	return s
}

// ServeHTTP makes Server an http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.engine.ServeHTTP(w, r) }

// Routes lists the registered routes as "METHOD path", for the OpenAPI check.
func (s *Server) Routes() []gin.RouteInfo { return s.engine.Routes() }

func (s *Server) healthz(c *gin.Context) (any, error) {
	return gin.H{"status": "ok"}, nil
}

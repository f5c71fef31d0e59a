package api

import (
	"context"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
)

// adminRoutes registers POST /reindex.
func (s *Server) adminRoutes(r *gin.RouterGroup) {
	r.POST("/reindex", s.requireToken(), s.handle(s.reindex))
}

// reindex re-extracts every stored document and swaps in a new index; it
// answers when done, with the counts. Searches keep working meanwhile. A
// client that disconnects does not stop it.
func (s *Server) reindex(c *gin.Context) (any, error) {
	// Reindexing may take longer than the server's write timeout: lift it
	// for this response alone.
	_ = http.NewResponseController(c.Writer).SetWriteDeadline(time.Time{})
	return s.corpus.Reindex(context.WithoutCancel(c.Request.Context()))
}

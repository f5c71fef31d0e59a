package api

import (
	"github.com/gin-gonic/gin"
)

// documentRoutes registers the document resource: show, original file,
// upload and delete.
func (s *Server) documentRoutes(r *gin.RouterGroup) {
	r.GET("/documents/:id", s.handle(s.getDocument))
}

func (s *Server) getDocument(c *gin.Context) (any, error) {
	return s.corpus.Store.Document(c.Param("id"))
}

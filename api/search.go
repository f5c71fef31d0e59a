package api

import "github.com/gin-gonic/gin"

// searchRoutes registers search, suggest, stats and the resolver.
func (s *Server) searchRoutes(r *gin.RouterGroup) {}

package api

import "github.com/gin-gonic/gin"

// refsRoutes registers POST /refs.
func (s *Server) refsRoutes(r *gin.RouterGroup) {}

package api

import (
	"crypto/subtle"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"
)

// requireToken guards a write endpoint: when a token is configured, the
// request must carry "Authorization: Bearer <token>"; otherwise it gets a
// 401 problem. Without a configured token every request passes (serve
// refuses to listen beyond loopback in that case).
func (s *Server) requireToken() gin.HandlerFunc {
	want := []byte(s.opts.Token)
	return func(c *gin.Context) {
		if len(want) == 0 {
			c.Next()
			return
		}
		h := c.GetHeader("Authorization")
		got, ok := strings.CutPrefix(h, "Bearer ")
		if !ok || subtle.ConstantTimeCompare([]byte(strings.TrimSpace(got)), want) != 1 {
			c.Header("WWW-Authenticate", `Bearer realm="kamerzoek"`)
			detail := "this endpoint needs Authorization: Bearer <token>"
			if ok {
				detail = "the bearer token is not valid"
			}
			writeProblem(c, &Problem{Status: http.StatusUnauthorized, Title: "Unauthorized", Detail: detail})
			return
		}
		c.Next()
	}
}

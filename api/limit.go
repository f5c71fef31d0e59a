package api

import (
	"net"
	"net/http"
	"strconv"
	"sync"

	"github.com/gin-gonic/gin"
)

// clientLimiter bounds the work each client address has in flight.
type clientLimiter struct {
	max  int
	mu   sync.Mutex
	busy map[string]int
}

func newClientLimiter(max int) *clientLimiter {
	return &clientLimiter{max: max, busy: map[string]int{}}
}

// acquire takes a slot for client; ok is false when its slots are all in
// use. release gives the slot back; it may be called once.
func (l *clientLimiter) acquire(client string) (release func(), ok bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.busy[client] >= l.max {
		return nil, false
	}
	l.busy[client]++
	var once sync.Once
	return func() {
		once.Do(func() {
			l.mu.Lock()
			defer l.mu.Unlock()
			if l.busy[client]--; l.busy[client] <= 0 {
				delete(l.busy, client)
			}
		})
	}, true
}

// clientKey is the address a request came from, without its port. It is
// the connection's address, not X-Forwarded-For, which a client can write.
func clientKey(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// parseSlot guards an endpoint that parses what the client sends: at most
// MaxParsesPerClient such requests per client address run at once, the
// next gets 429 with Retry-After.
func (s *Server) parseSlot() gin.HandlerFunc {
	return func(c *gin.Context) {
		release, ok := s.parses.acquire(clientKey(c.Request))
		if !ok {
			c.Header("Retry-After", strconv.Itoa(1))
			writeProblem(c, &Problem{Status: http.StatusTooManyRequests,
				Detail: "this client already has " + strconv.Itoa(s.parses.max) + " parses in flight; retry when one is done"})
			return
		}
		defer release()
		c.Next()
	}
}

package benchscale

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// client talks to a running `kamerzoek serve` through its HTTP API, with
// GET requests only.
type client struct {
	base string // http://127.0.0.1:port
	hc   *http.Client
}

func newClient(addr string) *client {
	return &client{base: "http://" + addr, hc: &http.Client{
		Timeout:   2 * time.Minute,
		Transport: &http.Transport{MaxIdleConnsPerHost: 16, DisableCompression: true},
	}}
}

// get fetches path (with its query) and decodes the JSON answer into v
// (when v is not nil); a status other than 200 is an error.
func (c *client) get(ctx context.Context, path string, v any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.base+path, nil)
	if err != nil {
		return err
	}
	return c.do(c.hc, req, v)
}

// do sends req with hc and decodes the JSON answer into v (when v is not
// nil); a status other than 200 is an error.
func (c *client) do(hc *http.Client, req *http.Request, v any) error {
	resp, err := hc.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s %s: %s: %s", req.Method, req.URL.RequestURI(), resp.Status, tail(string(body), 300))
	}
	if v == nil {
		return nil
	}
	return json.Unmarshal(body, v)
}

type searchAnswer struct {
	Total      int    `json:"total"`
	NextCursor string `json:"next_cursor"`
}

// search runs q (continuing after q.cursor when set).
func (c *client) search(ctx context.Context, q Query) (searchAnswer, error) {
	p := q.Params()
	if q.cursor != "" {
		p.Set("cursor", q.cursor)
	}
	var a searchAnswer
	err := c.get(ctx, "/api/v1/search?"+p.Encode(), &a)
	return a, err
}

// deepCursor walks q's hits a hundred at a time to depth q.Deep and
// returns the cursor that continues there ("" when there are fewer hits).
func (c *client) deepCursor(ctx context.Context, q Query) (string, error) {
	cur := ""
	for got := 0; got < q.Deep; got += 100 {
		p := q.Params()
		p.Set("size", strconv.Itoa(min(100, q.Deep-got)))
		if cur != "" {
			p.Set("cursor", cur)
		}
		var a searchAnswer
		if err := c.get(ctx, "/api/v1/search?"+p.Encode(), &a); err != nil {
			return "", err
		}
		if a.NextCursor == "" {
			return "", nil
		}
		cur = a.NextCursor
	}
	return cur, nil
}

// freeAddr returns a loopback address with a port that was free a moment
// ago.
func freeAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr, nil
}

// server is a running `kamerzoek serve`.
type server struct {
	cmd     *exec.Cmd
	started time.Time
	c       *client
	done    chan error
}

// startServe starts bin serve (with backendArgs) on dataDir at a free
// loopback port, with an empty first-start corpus folder, and waits until
// q is answered. It
// returns the server and how long the first answer took from the start.
func startServe(ctx context.Context, bin, dataDir, emptyCorpus string, backendArgs []string, q Query, logTo io.Writer) (*server, time.Duration, error) {
	addr, err := freeAddr()
	if err != nil {
		return nil, 0, fmt.Errorf("benchscale: %w", err)
	}
	if err := os.MkdirAll(emptyCorpus, 0o755); err != nil {
		return nil, 0, fmt.Errorf("benchscale: %w", err)
	}
	cmd := exec.Command(bin, append(append([]string{"serve"}, backendArgs...), "--data", dataDir, "--addr", addr, "--corpus", emptyCorpus)...)
	cmd.Stdout, cmd.Stderr = logTo, logTo
	s := &server{cmd: cmd, c: newClient(addr), done: make(chan error, 1)}
	s.started = time.Now()
	if err := cmd.Start(); err != nil {
		return nil, 0, fmt.Errorf("benchscale: serve: %w", err)
	}
	go func() { s.done <- cmd.Wait() }()
	for {
		pctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		_, err := s.c.search(pctx, q)
		cancel()
		if err == nil {
			return s, time.Since(s.started), nil
		}
		select {
		case werr := <-s.done:
			return nil, 0, fmt.Errorf("benchscale: serve exited before answering: %v (last error: %w)", werr, err)
		case <-ctx.Done():
			s.stop()
			return nil, 0, fmt.Errorf("benchscale: %w", ctx.Err())
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// stop interrupts the server and waits for it (killing it after 30 s).
func (s *server) stop() error {
	_ = s.cmd.Process.Signal(syscall.SIGINT)
	select {
	case err := <-s.done:
		var ee *exec.ExitError
		if err != nil && !errors.As(err, &ee) {
			return err
		}
		return nil
	case <-time.After(30 * time.Second):
		_ = s.cmd.Process.Kill()
		<-s.done
		return errors.New("benchscale: serve did not stop on SIGINT; killed")
	}
}

type statsAnswer struct {
	Documents  uint64 `json:"documents"`
	IndexBytes int64  `json:"index_bytes"`
}

// graphQueries are the graph calls that are timed: cited-by of the most
// cited letter, the depth-2 neighbourhood of a well-cited one, a path
// from the last letter that cites to the most cited.
func graphQueries(mostCited, hub, from string) map[string]string {
	return map[string]string{
		"cited-by":        "/api/v1/documents/" + url.PathEscape(mostCited) + "/cited-by",
		"neighbourhood-2": "/api/v1/graph?" + url.Values{"id": {hub}, "depth": {"2"}}.Encode(),
		"path":            "/api/v1/graph/path?" + url.Values{"from": {from}, "to": {mostCited}}.Encode(),
	}
}

// timeGraph runs each graph query once to warm up (its time is the
// query's cold figure), then all of them in turn, rounds times, and
// returns the latencies of those timed runs and the cold times, by name.
// Taking the kinds in turn spreads a passing disturbance (a collection
// cycle, another process) over all of them instead of the runs of one.
func (c *client) timeGraph(ctx context.Context, qs map[string]string, rounds int) (map[string]Latency, map[string]float64, error) {
	names := make([]string, 0, len(qs))
	for name := range qs {
		names = append(names, name)
	}
	sort.Strings(names)
	run := func(name string) (float64, error) {
		t0 := time.Now()
		if err := c.get(ctx, qs[name], nil); err != nil {
			return 0, fmt.Errorf("benchscale: graph %s: %w", name, err)
		}
		return float64(time.Since(t0).Microseconds()) / 1000, nil
	}
	cold := map[string]float64{}
	for _, name := range names {
		ms, err := run(name)
		if err != nil {
			return nil, nil, err
		}
		cold[name] = ms
	}
	times := map[string][]float64{}
	for range rounds {
		for _, name := range names {
			ms, err := run(name)
			if err != nil {
				return nil, nil, err
			}
			times[name] = append(times[name], ms)
		}
	}
	return latencies(times), cold, nil
}

// ingestFailures reads the "failed" count of `kamerzoek ingest`'s summary
// table (0 when there is none).
func ingestFailures(stdout string) int {
	for _, line := range strings.Split(stdout, "\n") {
		f := strings.Fields(line)
		if len(f) == 2 && (f[0] == "failed") {
			n, _ := strconv.Atoi(f[1])
			return n
		}
	}
	return 0
}

package main

import (
	"bytes"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"kamerzoek/internal/ingest"
)

// faultStats counts what the clients of the load-and-fault test saw.
type faultStats struct {
	mu        sync.Mutex
	ok        map[string]int // requests answered 2xx, by client kind
	status    map[string]int // other answers, by "kind status"
	cut       map[string]int // transport errors (connection refused or reset), by kind
	acked     []string       // ids of acknowledged uploads
	late5xx   []string       // 5xx answers outside the kill window
	recovered time.Duration  // from the kill to the first search answered after
}

func (s *faultStats) add(m map[string]int, k string) {
	s.mu.Lock()
	m[k]++
	s.mu.Unlock()
}

// A load-and-fault run against a real `kamerzoek serve`: four clients
// search and one uploads letters for a bounded time; the server is killed
// with SIGKILL mid-run and started again. Afterwards every acknowledged
// upload is held, store, index and graph agree by version, and no request
// got a 5xx answer. It logs requests served, errors by kind and the time
// to recover.
func TestServeLoadAndKill(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and starts the binary")
	}
	tmp := t.TempDir()
	bin := buildBinary(t, tmp)
	addr := freeAddr(t)
	data := filepath.Join(tmp, "data")
	base := "http://" + addr
	logs := &syncBuffer{}
	start := func() *exec.Cmd {
		cmd := exec.Command(bin, "serve", "--addr", addr, "--data", data, "--corpus", filepath.Join(tmp, "nocorpus"))
		cmd.Stderr = logs
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		return cmd
	}
	server := start()
	defer func() {
		if server.ProcessState == nil {
			server.Process.Kill()
			server.Wait()
		}
	}()
	waitFor(t, "the server to answer", func() bool {
		r, err := http.Get(base + "/healthz")
		if err == nil {
			r.Body.Close()
		}
		return err == nil && r.StatusCode == 200
	})

	const runFor = 8 * time.Second
	const killAt = 3 * time.Second
	st := &faultStats{ok: map[string]int{}, status: map[string]int{}, cut: map[string]int{}}
	client := &http.Client{Timeout: 30 * time.Second}
	var window struct {
		sync.Mutex
		killed, back time.Time
	}
	inWindow := func(sent time.Time) bool {
		window.Lock()
		defer window.Unlock()
		return !window.killed.IsZero() && !sent.Before(window.killed.Add(-time.Second)) && (window.back.IsZero() || sent.Before(window.back))
	}
	// do sends one request and files its outcome; it returns the body of a
	// 2xx answer.
	do := func(kind string, req func() (*http.Response, error)) []byte {
		sent := time.Now()
		r, err := req()
		if err != nil {
			st.add(st.cut, kind)
			time.Sleep(20 * time.Millisecond) // the server is down: do not spin
			return nil
		}
		defer r.Body.Close()
		b, _ := io.ReadAll(r.Body)
		switch {
		case r.StatusCode < 300:
			st.add(st.ok, kind)
			return b
		case r.StatusCode >= 500 && !inWindow(sent):
			st.mu.Lock()
			st.late5xx = append(st.late5xx, fmt.Sprintf("%s %d: %.200s", kind, r.StatusCode, b))
			st.mu.Unlock()
		}
		st.add(st.status, fmt.Sprintf("%s %d", kind, r.StatusCode))
		return nil
	}

	t0 := time.Now()
	deadline := t0.Add(runFor)
	var wg sync.WaitGroup
	queries := []string{"criminaliteit", "ondermijning", "brief minister", "\"georganiseerde criminaliteit\"", "kst-29911-337"}
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; time.Now().Before(deadline); i++ {
				q := queries[(w+i)%len(queries)]
				do("search", func() (*http.Response, error) {
					return client.Get(base + "/api/v1/search?q=" + url.QueryEscape(q))
				})
			}
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		for nr := 5000; time.Now().Before(deadline); nr++ {
			var body bytes.Buffer
			mw := multipart.NewWriter(&body)
			fw, _ := mw.CreateFormFile("file", fmt.Sprintf("brief-%d.txt", nr))
			fw.Write([]byte(letterText(nr)))
			mw.Close()
			b := do("upload", func() (*http.Response, error) {
				req, _ := http.NewRequest(http.MethodPost, base+"/api/v1/documents", &body)
				req.Header.Set("Content-Type", mw.FormDataContentType())
				return client.Do(req)
			})
			if b != nil {
				st.mu.Lock()
				st.acked = append(st.acked, fmt.Sprintf("kst-29911-%d", nr))
				st.mu.Unlock()
			}
		}
	}()

	time.Sleep(killAt)
	window.Lock()
	window.killed = time.Now()
	window.Unlock()
	if err := server.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	server.Wait()
	killed := time.Now()
	server = start()
	// Recovered: the first search answered after the restart.
	for time.Since(killed) < time.Minute {
		r, err := http.Get(base + "/api/v1/search?q=criminaliteit")
		if err == nil {
			r.Body.Close()
			if r.StatusCode == 200 {
				break
			}
		}
		time.Sleep(10 * time.Millisecond)
	}
	st.recovered = time.Since(killed)
	window.Lock()
	window.back = time.Now()
	window.Unlock()
	wg.Wait()

	server.Process.Signal(syscall.SIGTERM)
	if err := server.Wait(); err != nil {
		t.Errorf("exit after SIGTERM: %v", err)
	}

	served := 0
	for _, n := range st.ok {
		served += n
	}
	var kinds []string
	for k, n := range st.status {
		kinds = append(kinds, fmt.Sprintf("%s: %d", k, n))
	}
	for k, n := range st.cut {
		kinds = append(kinds, fmt.Sprintf("%s cut by the kill: %d", k, n))
	}
	sort.Strings(kinds)
	t.Logf("%s of load, SIGKILL at %s: %d requests served (%d searches, %d uploads acknowledged); errors: %s; recovered in %s",
		runFor, killAt, served, st.ok["search"], len(st.acked), strings.Join(kinds, ", "), st.recovered.Round(time.Millisecond))
	if len(st.late5xx) > 0 {
		t.Errorf("5xx answers outside the kill: %v", st.late5xx)
	}
	if st.ok["search"] == 0 || len(st.acked) == 0 {
		t.Fatalf("no load: %+v", st.ok)
	}

	c, err := ingest.Open(ingest.Options{Dir: data})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := c.Check(); err != nil {
		t.Errorf("after the run: %v", err)
	}
	var missing []string
	for _, id := range st.acked {
		if !c.Store.Has(id) {
			missing = append(missing, id)
		}
	}
	if len(missing) > 0 {
		t.Errorf("%d acknowledged uploads missing: %v\n%s", len(missing), missing, logs.String())
	}
}

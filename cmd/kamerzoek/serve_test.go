package main

import (
	"bytes"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"kamerzoek/internal/ingest"
	"kamerzoek/internal/store"
)

func TestLoopback(t *testing.T) {
	for addr, want := range map[string]bool{
		"127.0.0.1:8080": true,
		"localhost:80":   true,
		"[::1]:8080":     true,
		"127.1.2.3:9":    true,
		":8080":          false,
		"0.0.0.0:8080":   false,
		"[::]:8080":      false,
		"10.0.0.5:8080":  false,
		"example.org:80": false,
		"nonsense":       false,
	} {
		if got := loopback(addr); got != want {
			t.Errorf("loopback(%q) = %v, want %v", addr, got, want)
		}
	}
}

func TestServeRefusesOpenAddressWithoutToken(t *testing.T) {
	data := t.TempDir()
	code, _, errOut := runCLI("serve", "--addr", "0.0.0.0:0", "--token", "", "--data", data)
	if code != 2 || !strings.Contains(errOut, "without a token") {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
}

func TestServeRefusesOpenDebugAddress(t *testing.T) {
	data := t.TempDir()
	code, _, errOut := runCLI("serve", "--addr", "127.0.0.1:0", "--debug-addr", "0.0.0.0:0", "--data", data)
	if code != 2 || !strings.Contains(errOut, "loopback address only") {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
}

func TestTuneGCLeavesGOGCAlone(t *testing.T) {
	prev := debug.SetGCPercent(100)
	defer debug.SetGCPercent(prev)
	t.Setenv("GOGC", "50")
	if tuneGC() || debug.SetGCPercent(100) != 100 {
		t.Error("tuneGC changed the collector's target with GOGC set")
	}
	os.Unsetenv("GOGC") // t.Setenv restores it
	if !tuneGC() || debug.SetGCPercent(100) != serveGCPercent {
		t.Errorf("tuneGC without GOGC: want the target at %d", serveGCPercent)
	}
}

func TestServedHosts(t *testing.T) {
	got := servedHosts("127.0.0.1:8080", []string{"kamerzoek.example", " "})
	for _, want := range []string{"127.0.0.1:8080", "localhost:8080", "[::1]:8080", "kamerzoek.example"} {
		if !slices.Contains(got, want) {
			t.Errorf("servedHosts lacks %q: %v", want, got)
		}
	}
	if slices.Contains(got, "") {
		t.Errorf("empty host in %v", got)
	}
}

func TestCorpusPathsFollowManifest(t *testing.T) {
	dir := t.TempDir()
	manifest := "file\tid\tformat\na.txt\tkst-1-1\ttext\nsub/b.pdf\tkst-1-2\tpdf\n\n"
	if err := os.WriteFile(dir+"/MANIFEST.tsv", []byte(manifest), 0o644); err != nil {
		t.Fatal(err)
	}
	got := corpusPaths(dir)
	if len(got) != 2 || got[0] != dir+"/a.txt" || got[1] != dir+"/sub/b.pdf" {
		t.Errorf("paths %v", got)
	}
	if got := corpusPaths(t.TempDir() + "/none"); len(got) != 1 {
		t.Errorf("without manifest: %v", got)
	}
}

// `kamerzoek serve` as `make run` starts it: on first start it ingests the
// corpus, serves it on a loopback address, ingests what lands in the watch
// folder, and stops cleanly on SIGTERM.
func TestServeFirstStartAndWatch(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and starts the binary")
	}
	tmp := t.TempDir()
	bin := buildBinary(t, tmp)
	addr := freeAddr(t)
	watch := filepath.Join(tmp, "inbox")
	// The folder exists before the server starts, as a user's would: the
	// server creates it too, but only once the first start is done.
	if err := os.MkdirAll(watch, 0o755); err != nil {
		t.Fatal(err)
	}
	corpus, _ := filepath.Abs(filepath.Join("..", "..", "corpus"))
	logs := &syncBuffer{}
	debugAddr := freeAddr(t)
	cmd := exec.Command(bin, "serve", "--addr", addr, "--data", filepath.Join(tmp, "data"), "--corpus", corpus, "--watch", watch,
		"--debug-addr", debugAddr)
	cmd.Stderr = logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
			cmd.Wait()
		}
	}()
	base := "http://" + addr
	waitFor(t, "the server to answer", func() bool {
		r, err := http.Get(base + "/healthz")
		if err == nil {
			r.Body.Close()
		}
		return err == nil && r.StatusCode == 200
	})
	r, err := http.Get(base + "/api/v1/documents/kst-29911-337")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(r.Body)
	r.Body.Close()
	if r.StatusCode != 200 || !strings.Contains(string(body), `"versions"`) {
		t.Fatalf("corpus document: %d %.200s\n%s", r.StatusCode, body, logs.String())
	}

	// Runtime profiles are served on the debug address, not on the API's.
	for u, want := range map[string]int{"http://" + debugAddr + "/debug/pprof/cmdline": 200, base + "/debug/pprof/cmdline": 404} {
		if r, err := http.Get(u); err != nil || r.StatusCode != want {
			t.Errorf("GET %s: %v %v, want %d", u, r, err, want)
		} else {
			r.Body.Close()
		}
	}

	// A page on a rebound DNS name, or another site posting here, is refused.
	req, _ := http.NewRequest(http.MethodGet, base+"/healthz", nil)
	req.Host = "rebound.example:" + addr[strings.LastIndexByte(addr, ':')+1:]
	if r, err := http.DefaultClient.Do(req); err != nil || r.StatusCode != http.StatusMisdirectedRequest {
		t.Errorf("foreign Host: %v %v", r, err)
	} else {
		r.Body.Close()
	}
	req, _ = http.NewRequest(http.MethodPost, base+"/api/v1/reindex", nil)
	req.Header.Set("Origin", "https://evil.example")
	if r, err := http.DefaultClient.Do(req); err != nil || r.StatusCode != http.StatusForbidden {
		t.Errorf("cross-origin reindex: %v %v", r, err)
	} else {
		r.Body.Close()
	}
	for _, h := range []string{"localhost", "127.0.0.1"} {
		req, _ = http.NewRequest(http.MethodGet, base+"/healthz", nil)
		req.Host = h + ":" + addr[strings.LastIndexByte(addr, ':')+1:]
		if r, err := http.DefaultClient.Do(req); err != nil || r.StatusCode != http.StatusOK {
			t.Errorf("Host %s: %v %v", req.Host, r, err)
		} else {
			r.Body.Close()
		}
	}

	// While the server holds the data directory, `search` asks the server.
	code, out, errOut := runCLI("search", "ondermijning", "--data", filepath.Join(tmp, "data"), "--json")
	if code != 0 || !strings.Contains(out, `"id": "kst-29911-337"`) {
		t.Fatalf("search while serving: exit %d\n%s\n%s", code, out, errOut)
	}

	if err := os.WriteFile(filepath.Join(watch, "brief.txt"), []byte(letterText(950)), 0o644); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the watched file to be ingested", func() bool {
		_, err := os.Stat(filepath.Join(watch, "done", "brief.txt"))
		return err == nil
	})
	r, err = http.Get(base + "/api/v1/documents/kst-29911-950")
	if err != nil {
		t.Fatal(err)
	}
	r.Body.Close()
	if r.StatusCode != 200 {
		t.Errorf("watched document: %d", r.StatusCode)
	}

	cmd.Process.Signal(syscall.SIGTERM)
	if err := cmd.Wait(); err != nil {
		t.Errorf("exit after SIGTERM: %v\n%s", err, logs.String())
	}

	// As if an older extractor had parsed the watched letter: the next
	// start re-extracts it in the background while serving.
	st, err := store.Open(filepath.Join(tmp, "data", "store"))
	if err != nil {
		t.Fatal(err)
	}
	rec, err := st.Record("kst-29911-950")
	if err != nil {
		t.Fatal(err)
	}
	if rec.ExtractorVersion != ingest.ExtractorVersion {
		t.Fatalf("record has extractor version %q", rec.ExtractorVersion)
	}
	rec.ExtractorVersion = "0"
	rec.Versions[len(rec.Versions)-1].ExtractorVersion = "0"
	if err := st.PutRecord(rec); err != nil {
		t.Fatal(err)
	}
	st.Close()
	logs = &syncBuffer{}
	cmd = exec.Command(bin, "serve", "--addr", addr, "--data", filepath.Join(tmp, "data"), "--corpus", corpus)
	cmd.Stderr = logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "re-extraction at start-up", func() bool {
		if !strings.Contains(logs.String(), "re-extraction done") {
			return false
		}
		r, err := http.Get(base + "/api/v1/documents/kst-29911-950")
		if err != nil {
			return false
		}
		defer r.Body.Close()
		var rec struct {
			ExtractorVersion string `json:"extractor_version"`
		}
		return json.NewDecoder(r.Body).Decode(&rec) == nil && rec.ExtractorVersion == ingest.ExtractorVersion
	})
	cmd.Process.Signal(syscall.SIGTERM)
	if err := cmd.Wait(); err != nil {
		t.Errorf("second exit: %v\n%s", err, logs.String())
	}
}

// syncBuffer is a bytes.Buffer safe to read while a process writes to it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// waitFor polls cond until it holds, failing after a minute.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatalf("timed out waiting for %s", what)
}

// buildBinary builds the kamerzoek command into dir and returns its path.
func buildBinary(t *testing.T, dir string) string {
	t.Helper()
	bin := filepath.Join(dir, "kamerzoek")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	return bin
}

// freeAddr returns a loopback address with a port that was free a moment
// ago, for a server the test starts.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"kamerzoek/indexer"
)

// serveAddrFile names the file in a data directory where a running
// `kamerzoek serve` writes the address it listens on, so that commands
// that cannot open the data directory while it is served can ask the
// server instead.
const serveAddrFile = "serve.addr"

// writeServeAddr records addr in dataDir, whole or not at all, before the
// server answers its first request; the returned func removes it.
func writeServeAddr(dataDir, addr string) (remove func(), err error) {
	p := filepath.Join(dataDir, serveAddrFile)
	tmp := p + ".tmp"
	if err := os.WriteFile(tmp, []byte(addr+"\n"), 0o644); err != nil {
		return func() {}, err
	}
	if err := os.Rename(tmp, p); err != nil {
		return func() {}, err
	}
	return func() { _ = os.Remove(p) }, nil
}

// runningServer returns the base URL of the server that serves dataDir,
// when one has recorded its address there.
func runningServer(dataDir string) (string, bool) {
	b, err := os.ReadFile(filepath.Join(dataDir, serveAddrFile))
	if err != nil {
		return "", false
	}
	addr := strings.TrimSpace(string(b))
	if addr == "" {
		return "", false
	}
	return "http://" + addr, true
}

// remoteSearch runs r, with cites as the cites= filter, through the search
// endpoint of the server at base.
func remoteSearch(base string, r indexer.Request, cites string) (*indexer.Result, error) {
	q := url.Values{}
	set := func(k, v string) {
		if v != "" {
			q.Set(k, v)
		}
	}
	set("q", r.Query)
	set("dossier", strings.Join(r.Dossier, ","))
	set("type", strings.Join(r.Type, ","))
	set("kamer", strings.Join(r.Kamer, ","))
	set("vergaderjaar", strings.Join(r.Vergaderjaar, ","))
	for _, s := range r.Sender {
		q.Add("sender", s)
	}
	set("from", r.From)
	set("to", r.To)
	set("cites", cites)
	set("sort", r.Sort)
	set("cursor", r.Cursor)
	set("facets", strings.Join(r.Facets, ","))
	if r.Size > 0 {
		q.Set("size", strconv.Itoa(r.Size))
	}
	if r.Page > 0 {
		q.Set("page", strconv.Itoa(r.Page))
	}
	switch {
	case r.Sections < 0:
		q.Set("sections", "0")
	case r.Sections > 0:
		q.Set("sections", strconv.Itoa(r.Sections))
	}
	client := &http.Client{Timeout: 30 * time.Second}
	resp, err := client.Get(base + "/api/v1/search?" + q.Encode())
	if err != nil {
		return nil, fmt.Errorf("asking the running server: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		var p struct {
			Detail string `json:"detail"`
		}
		_ = json.NewDecoder(resp.Body).Decode(&p)
		return nil, fmt.Errorf("server answered %s: %s", resp.Status, p.Detail)
	}
	var res indexer.Result
	if err := json.NewDecoder(resp.Body).Decode(&res); err != nil {
		return nil, fmt.Errorf("reading the server's answer: %w", err)
	}
	return &res, nil
}

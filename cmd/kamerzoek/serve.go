package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	"kamerzoek/api"
	"kamerzoek/internal/ingest"
	"kamerzoek/internal/store"
	"kamerzoek/internal/web"
)

func cmdServe(e *env, fs *flag.FlagSet, args []string) int {
	addr := fs.String("addr", "127.0.0.1:8080", "listen address")
	watch := fs.String("watch", "", "ingest files that appear in this folder")
	corpusDir := fs.String("corpus", "corpus", "folder ingested on first start with an empty data directory")
	token := fs.String("token", os.Getenv("KAMERZOEK_TOKEN"), "bearer token required by write endpoints (default $KAMERZOEK_TOKEN)")
	maxUpload := fs.Int64("max-upload", 50<<20, "largest accepted upload in bytes")
	cors := fs.String("cors", "", "comma-separated origins allowed to call the API from a browser (* for any)")
	workers := fs.Int("workers", 0, "parallel parsers (default: one per CPU)")
	maxPages := fs.Int("max-pages", 0, "pages limit of one PDF, uploads included (default 2000)")
	publicHosts := fs.String("public-host", "", "comma-separated host names (with :port when not the default) under which the server is reached besides its own address")
	queryTimeout := fs.Duration("query-timeout", 10*time.Second, "longest a search or graph query may run")
	debugAddr := fs.String("debug-addr", "", "also serve Go runtime profiles (/debug/pprof/) on this loopback address")
	backend := addBackendFlags(fs)
	if _, ok := parse(fs, args); !ok {
		return 2
	}
	level := slog.LevelInfo
	if f := fs.Lookup("v"); f != nil && f.Value.String() == "true" {
		level = slog.LevelDebug
	}
	log := slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: level}))
	indexes, code := backend.openerOrExit(e, log)
	if code != 0 {
		return code
	}

	if *token == "" && !loopback(*addr) {
		fmt.Fprintf(e.stderr, "kamerzoek: serve: refusing to listen on %s without a token: set KAMERZOEK_TOKEN or --token, or listen on 127.0.0.1\n", *addr)
		return 2
	}
	if tuneGC() {
		log.Debug("collector target set", "gc_percent", serveGCPercent)
	}
	if *debugAddr != "" {
		if err := serveDebug(*debugAddr, log); err != nil {
			fmt.Fprintln(e.stderr, "kamerzoek: serve:", err)
			return 2
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	// Searches are answered as soon as the index is open; the graph loads
	// (and writes wait) beside them.
	c, err := ingest.Open(ingest.Options{Dir: e.dataDir, Logger: log, Workers: *workers,
		Parse: ingest.ParseOptions{MaxPages: *maxPages}, Background: true, Indexes: indexes})
	if err != nil {
		fmt.Fprintln(e.stderr, "kamerzoek:", err)
		return 1
	}
	defer c.Close()
	opened := time.Now()
	go func() {
		<-c.Ready()
		log.Info("graph loaded and index in line with the store", "elapsed", time.Since(opened).Round(time.Millisecond))
	}()

	// First start: ingest corpus/. A marker file records that it was done,
	// so an interrupted first ingest resumes and a later start does not
	// bring back documents deleted since.
	seeded := filepath.Join(e.dataDir, "corpus.ingested")
	if _, err := os.Stat(seeded); err != nil {
		if fi, err := os.Stat(*corpusDir); err == nil && fi.IsDir() {
			log.Info("first start: ingesting the corpus", "dir", *corpusDir)
			sum := c.Ingest(ctx, corpusPaths(*corpusDir), nil)
			for _, o := range sum.Outcomes {
				if !o.OK() {
					log.Warn("corpus file not ingested", "file", o.File, "status", o.Status, "reason", o.Reason)
				}
			}
			log.Info("corpus ingested", "ingested", sum.Ingested, "duplicates", sum.Duplicates, "failed", sum.Failed+sum.NoText, "elapsed", sum.Elapsed)
			if ctx.Err() != nil {
				return 1
			}
		} else {
			log.Warn("no corpus folder to ingest on first start", "dir", *corpusDir)
		}
		if err := store.WriteFileAtomic(seeded, []byte(time.Now().UTC().Format(time.RFC3339)+"\n")); err != nil {
			log.Error("cannot write marker", "err", err)
		}
	}

	var origins []string
	for _, o := range strings.Split(*cors, ",") {
		if o = strings.TrimSpace(o); o != "" {
			origins = append(origins, o)
		}
	}
	pages, err := web.New(c, web.Options{Logger: log, TokenRequired: *token != ""})
	if err != nil {
		fmt.Fprintln(e.stderr, "kamerzoek: serve:", err)
		return 1
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintln(e.stderr, "kamerzoek: serve:", err)
		return 1
	}
	srv := api.New(c, api.Options{Logger: log, Token: *token, CORSOrigins: origins, MaxUploadBytes: *maxUpload,
		QueryTimeout: *queryTimeout, Hosts: servedHosts(ln.Addr().String(), strings.Split(*publicHosts, ",")), Web: pages})
	hs := srv.HTTPServer()
	if remove, err := writeServeAddr(e.dataDir, ln.Addr().String()); err != nil {
		log.Warn("cannot record the address for other commands", "err", err)
	} else {
		defer remove()
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	log.Info("serving", "addr", ln.Addr().String(), "documents", c.Store.Len(), "data", e.dataDir, "auth", *token != "")

	// Documents parsed by an older extractor are re-extracted while the
	// old index keeps answering.
	if stale, err := c.Stale(); err == nil && len(stale) > 0 {
		go func() {
			log.Info("extractor version changed: re-extracting", "documents", len(stale), "version", ingest.ExtractorVersion)
			st, err := c.Reindex(ctx)
			if err != nil {
				log.Error("re-extraction failed", "err", err)
				return
			}
			log.Info("re-extraction done", "documents", st.Documents, "index", st.Index, "failed", len(st.Failed))
		}()
	}
	if *watch != "" {
		go func() {
			log.Info("watching folder", "dir", *watch)
			if err := c.Watch(ctx, *watch, 2*time.Second); err != nil {
				log.Error("watch stopped", "err", err)
			}
		}()
	}

	select {
	case err := <-errc:
		if err != nil && !errors.Is(err, http.ErrServerClosed) {
			fmt.Fprintln(e.stderr, "kamerzoek: serve:", err)
			return 1
		}
	case <-ctx.Done():
		log.Info("shutting down")
		sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = hs.Shutdown(sctx)
	}
	return 0
}

// corpusPaths returns the files a corpus folder lists in the first column
// of its MANIFEST.tsv, or the folder itself when it has no manifest.
func corpusPaths(dir string) []string {
	b, err := os.ReadFile(filepath.Join(dir, "MANIFEST.tsv"))
	if err != nil {
		return []string{dir}
	}
	var paths []string
	for i, line := range strings.Split(string(b), "\n") {
		f, _, _ := strings.Cut(strings.TrimRight(line, "\r"), "\t")
		if f = strings.TrimSpace(f); f == "" || (i == 0 && f == "file") || strings.HasPrefix(f, "#") {
			continue
		}
		paths = append(paths, filepath.Join(dir, filepath.FromSlash(f)))
	}
	return paths
}

// loopback reports whether addr listens on a loopback address only.
// servedHosts lists the Host values the server answers to: its bound
// address, the loopback names with its port, every interface address when
// it listens on all of them, and the configured public names.
func servedHosts(bound string, public []string) []string {
	var out []string
	add := func(h string) {
		if h = strings.TrimSpace(h); h != "" && !slices.Contains(out, h) {
			out = append(out, h)
		}
	}
	add(bound)
	host, port, err := net.SplitHostPort(bound)
	if err == nil {
		for _, h := range []string{"localhost", "127.0.0.1", "::1"} {
			add(net.JoinHostPort(h, port))
		}
		if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
			if addrs, err := net.InterfaceAddrs(); err == nil {
				for _, a := range addrs {
					if n, ok := a.(*net.IPNet); ok {
						add(net.JoinHostPort(n.IP.String(), port))
					}
				}
			}
		}
	}
	for _, h := range public {
		add(h)
	}
	return out
}

func loopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"kamerzoek/indexer"
	"kamerzoek/indexer/sphinx"
)

// Search backends: where the full-text index lives.
const (
	backendBleve  = "bleve"  // embedded, in <data>/index
	backendSphinx = "sphinx" // kept by a cluster of Sphinx/Manticore searchd nodes
)

// backendSettings are the flags of the commands that open the index:
// which search backend, its nodes, and a config file that sets either.
type backendSettings struct {
	fs      *flag.FlagSet
	backend string
	nodes   string
	config  string
}

// addBackendFlags binds --search-backend, --sphinx-nodes and --config on
// fs.
func addBackendFlags(fs *flag.FlagSet) *backendSettings {
	b := &backendSettings{fs: fs}
	fs.StringVar(&b.backend, "search-backend", backendBleve, "where the full-text index lives: bleve (embedded, in the data directory) or sphinx (a searchd cluster)")
	fs.StringVar(&b.nodes, "sphinx-nodes", "", "searchd nodes of the sphinx backend, one per shard: host:port,host:port; the mirrors of a shard separated by |: host:port|host:port,...")
	fs.StringVar(&b.config, "config", "", "file of key = value lines setting search-backend and sphinx-nodes (flags given override it)")
	return b
}

// usageError is a mistake in the flags or the config file: the command
// exits with status 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return &usageError{fmt.Sprintf(format, args...)}
}

// configKeys are the settings a config file may hold, by flag name.
var configKeys = []string{"search-backend", "sphinx-nodes"}

// readConfig reads a config file: one "key = value" a line, blank lines
// and lines starting with # ignored, keys among configKeys.
func readConfig(path string) (map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, usagef("--config: %v", err)
	}
	defer f.Close()
	out := map[string]string{}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		k, v, ok := strings.Cut(line, "=")
		k, v = strings.TrimSpace(k), strings.TrimSpace(v)
		if !ok || k == "" {
			return nil, usagef("%s:%d: want key = value, got %q", path, n, line)
		}
		known := false
		for _, c := range configKeys {
			known = known || c == k
		}
		if !known {
			return nil, usagef("%s:%d: unknown setting %q (use %s)", path, n, k, strings.Join(configKeys, ", "))
		}
		out[k] = v
	}
	if err := sc.Err(); err != nil {
		return nil, usagef("--config: %v", err)
	}
	return out, nil
}

// resolve applies the config file under the flags given on the command
// line and checks the settings: the backend's name and its nodes.
func (b *backendSettings) resolve() (backend string, nodes []string, err error) {
	if b.config != "" {
		conf, err := readConfig(b.config)
		if err != nil {
			return "", nil, err
		}
		given := map[string]bool{}
		b.fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
		if v, ok := conf["search-backend"]; ok && !given["search-backend"] {
			b.backend = v
		}
		if v, ok := conf["sphinx-nodes"]; ok && !given["sphinx-nodes"] {
			b.nodes = v
		}
	}
	shards, err := sphinx.ParseNodes(b.nodes)
	if err != nil {
		return "", nil, usagef("--sphinx-nodes: %s (want host:port[|mirror...],host:port...)", strings.TrimPrefix(err.Error(), "sphinx: "))
	}
	for _, m := range shards {
		nodes = append(nodes, strings.Join(m, "|"))
	}
	switch backend = strings.ToLower(strings.TrimSpace(b.backend)); backend {
	case backendBleve:
	case backendSphinx:
		if len(nodes) == 0 {
			return "", nil, usagef("--search-backend sphinx needs --sphinx-nodes host:port[|mirror...][,host:port...]")
		}
	default:
		return "", nil, usagef("--search-backend: unknown backend %q (use %s or %s)", b.backend, backendBleve, backendSphinx)
	}
	return backend, nodes, nil
}

// opener builds the Opener of the indexes of the data directory dataDir
// from the settings: the one place where a backend's name becomes its
// implementation.
func (b *backendSettings) opener(dataDir string, log *slog.Logger) (indexer.Opener, error) {
	backend, nodes, err := b.resolve()
	if err != nil {
		return nil, err
	}
	if backend == backendSphinx {
		return newSphinxOpener(nodes, log)
	}
	return indexer.DirOpener{Root: filepath.Join(dataDir, "index")}, nil
}

// newSphinxOpener opens the indexes a searchd cluster keeps on nodes,
// logging to log.
func newSphinxOpener(nodes []string, log *slog.Logger) (indexer.Opener, error) {
	return opened(sphinx.New(sphinx.Config{Nodes: nodes, Logger: log}))
}

// opened turns what a constructor of an Opener returns into an
// indexer.Opener and an error, never an Opener holding a nil pointer.
func opened[O indexer.Opener](o O, err error) (indexer.Opener, error) {
	if err != nil {
		return nil, err
	}
	return o, nil
}

// openerOrExit is opener for a command: it reports a problem on stderr
// and returns the command's exit status (2 for a usage error, 1 for
// another), or 0 with the Opener.
func (b *backendSettings) openerOrExit(e *env, log *slog.Logger) (indexer.Opener, int) {
	o, err := b.opener(e.dataDir, log)
	var ue *usageError
	switch {
	case errors.As(err, &ue):
		fmt.Fprintf(e.stderr, "kamerzoek: %v\n", err)
		b.fs.Usage()
		return nil, 2
	case err != nil:
		fmt.Fprintf(e.stderr, "kamerzoek: search backend: %v\n", err)
		return nil, 1
	}
	return o, 0
}

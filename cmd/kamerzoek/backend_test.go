package main

import (
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"kamerzoek/indexer"
)

// settings parses args with the backend flags bound and resolves them.
func settings(t *testing.T, args ...string) (string, []string, error) {
	t.Helper()
	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	b := addBackendFlags(fs)
	if err := fs.Parse(args); err != nil {
		t.Fatal(err)
	}
	return b.resolve()
}

func writeConfig(t *testing.T, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "kamerzoek.conf")
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestBackendSettings(t *testing.T) {
	conf := writeConfig(t, "# the search cluster\nsearch-backend = sphinx\n\nsphinx-nodes = 10.0.0.1:9312, 10.0.0.2:9312\n")
	bleveConf := writeConfig(t, "search-backend=bleve\n")
	for _, c := range []struct {
		name    string
		args    []string
		backend string
		nodes   []string
		err     string // part of the usage error, "" for none
	}{
		{"default", nil, "bleve", nil, ""},
		{"bleve", []string{"--search-backend", "bleve"}, "bleve", nil, ""},
		{"sphinx", []string{"--search-backend=sphinx", "--sphinx-nodes", "127.0.0.1:9307,127.0.0.1:9308"}, "sphinx", []string{"127.0.0.1:9307", "127.0.0.1:9308"}, ""},
		{"case and spaces", []string{"--search-backend", " Sphinx ", "--sphinx-nodes", " a:1 , [::1]:2 ,"}, "sphinx", []string{"a:1", "[::1]:2"}, ""},
		{"config", []string{"--config", conf}, "sphinx", []string{"10.0.0.1:9312", "10.0.0.2:9312"}, ""},
		{"flag over config", []string{"--config", conf, "--sphinx-nodes", "10.0.0.9:9312"}, "sphinx", []string{"10.0.0.9:9312"}, ""},
		{"backend flag over config", []string{"--search-backend", "bleve", "--config", conf}, "bleve", []string{"10.0.0.1:9312", "10.0.0.2:9312"}, ""},
		{"config backend, flag nodes", []string{"--config", bleveConf, "--search-backend", "sphinx", "--sphinx-nodes", "h:1"}, "sphinx", []string{"h:1"}, ""},
		{"unknown backend", []string{"--search-backend", "elastic"}, "", nil, `unknown backend "elastic"`},
		{"sphinx without nodes", []string{"--search-backend", "sphinx"}, "", nil, "needs --sphinx-nodes"},
		{"sphinx with blank nodes", []string{"--search-backend", "sphinx", "--sphinx-nodes", " , "}, "", nil, "needs --sphinx-nodes"},
		{"node without port", []string{"--search-backend", "sphinx", "--sphinx-nodes", "127.0.0.1"}, "", nil, `"127.0.0.1" is not host:port`},
		{"mirrors", []string{"--search-backend", "sphinx", "--sphinx-nodes", "h:1 | h:3, h:2|h:4"}, "sphinx", []string{"h:1|h:3", "h:2|h:4"}, ""},
		{"empty mirror", []string{"--search-backend", "sphinx", "--sphinx-nodes", "h:1|,h:2"}, "", nil, `"" is not host:port (shard 0)`},
		{"mirror without port", []string{"--search-backend", "sphinx", "--sphinx-nodes", "h:1,h:2|h"}, "", nil, `"h" is not host:port (shard 1)`},
		{"node twice", []string{"--search-backend", "sphinx", "--sphinx-nodes", "h:1|h:2,h:2"}, "", nil, "h:2 is listed twice"},
		{"config missing", []string{"--config", filepath.Join(t.TempDir(), "nope")}, "", nil, "--config"},
		{"config unknown key", []string{"--config", writeConfig(t, "search-backend = sphinx\nsphinx-node = h:1\n")}, "", nil, `:2: unknown setting "sphinx-node"`},
		{"config without =", []string{"--config", writeConfig(t, "sphinx\n")}, "", nil, ":1: want key = value"},
		{"config backend unknown", []string{"--config", writeConfig(t, "search-backend = solr\n")}, "", nil, `unknown backend "solr"`},
	} {
		t.Run(c.name, func(t *testing.T) {
			backend, nodes, err := settings(t, c.args...)
			var ue *usageError
			if c.err != "" {
				if !errors.As(err, &ue) || !strings.Contains(err.Error(), c.err) {
					t.Fatalf("error %v, want a usage error with %q", err, c.err)
				}
				return
			}
			if err != nil || backend != c.backend || !slices.Equal(nodes, c.nodes) {
				t.Errorf("got %q %q %v, want %q %q", backend, nodes, err, c.backend, c.nodes)
			}
		})
	}
}

func TestBackendOpener(t *testing.T) {
	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	b := addBackendFlags(fs)
	data := t.TempDir()
	o, err := b.opener(data, nil)
	if d, ok := o.(indexer.DirOpener); err != nil || !ok || d.Root != filepath.Join(data, "index") {
		t.Errorf("bleve opener: %#v, %v", o, err)
	}
	if err := fs.Parse([]string{"--search-backend", "sphinx", "--sphinx-nodes", "127.0.0.1:9307"}); err != nil {
		t.Fatal(err)
	}
	// Without the searchd client built in, an error says so; with it, an
	// Opener or an error, never both nor neither.
	o, err = b.opener(data, nil)
	if (o == nil) == (err == nil) {
		t.Errorf("sphinx opener: %#v, %v", o, err)
	}
}

// opened never gives an Opener holding a nil pointer.
func TestOpened(t *testing.T) {
	var nilOpener *indexer.DirOpener
	if o, err := opened(nilOpener, errors.New("refused")); o != nil || err == nil {
		t.Errorf("opened(nil, err) = %#v, %v", o, err)
	}
	if o, err := opened(indexer.DirOpener{Root: "x"}, nil); err != nil || o.String() != "x" {
		t.Errorf("opened(opener, nil) = %#v, %v", o, err)
	}
}

// Every command that opens the index takes the backend flags, and a
// mistake in them is a usage error (status 2) that says what is wrong.
func TestBackendFlagsCLI(t *testing.T) {
	data := t.TempDir()
	src := filepath.Join(t.TempDir(), "brief-901.txt")
	if err := os.WriteFile(src, []byte(searchLetter(901, "17 november 2021", "Kwelwater onder de dijk.")), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"serve", "--addr", "127.0.0.1:0"},
		{"ingest", src},
		{"reindex"},
		{"search", "kwelwater"},
	} {
		args = append(args, "--data", data)
		code, _, errOut := searchCLI(append(slices.Clone(args), "--search-backend", "elastic")...)
		if code != 2 || !strings.Contains(errOut, `unknown backend "elastic"`) || !strings.Contains(errOut, "-sphinx-nodes") {
			t.Errorf("%s --search-backend elastic: %d\n%s", args[0], code, errOut)
		}
		code, _, errOut = searchCLI(append(slices.Clone(args), "--search-backend", "sphinx")...)
		if code != 2 || !strings.Contains(errOut, "needs --sphinx-nodes") {
			t.Errorf("%s --search-backend sphinx: %d\n%s", args[0], code, errOut)
		}
	}
	// bleve from a config file is the embedded index, as without it.
	conf := writeConfig(t, "search-backend = bleve\n")
	if code, _, errOut := searchCLI("ingest", "-q", src, "--data", data, "--config", conf); code != 0 {
		t.Fatalf("ingest --config: %d %s", code, errOut)
	}
	code, out, errOut := searchCLI("search", "kwelwater", "--data", data, "--config", conf, "--search-backend", "bleve")
	if code != 0 || !strings.Contains(out, "kst-29911-901") {
		t.Errorf("search with the bleve backend: %d\n%s%s", code, out, errOut)
	}
	if _, err := os.Stat(filepath.Join(data, "index", "ix-1")); err != nil {
		t.Errorf("the embedded index is not in the data directory: %v", err)
	}
	if code, out, _ := searchCLI("help"); code != 0 || !strings.Contains(out, "--search-backend bleve|sphinx") {
		t.Errorf("help does not name the backend flags:\n%s", out)
	}
}

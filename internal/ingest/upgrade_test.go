package ingest

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"kamerzoek/indexer"
	"kamerzoek/internal/document"
	"kamerzoek/internal/graph"
	"kamerzoek/internal/store"
)

// copyDir copies the tree at src to dst.
func copyDir(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// A data directory written by the previous version (records as plain JSON,
// no catalog, an index without a version table, a journal left by a crash
// naming a document the index lacks) opens: the store is catalogued with a
// progress line, nothing is re-parsed or lost, and store, index and graph
// agree.
func TestOpenUpgradesOlderDataDirectory(t *testing.T) {
	dir := t.TempDir()
	copyDir(t, filepath.Join("testdata", "v1data"), dir)
	_ = os.Remove(filepath.Join(dir, "README"))

	// The index the previous version kept: the same indexer, named in
	// CURRENT, missing kst-29911-903, which its journal names.
	var docs []*document.Document
	for _, id := range []string{"kst-29911-901", "kst-29911-902"} {
		b, err := os.ReadFile(filepath.Join(dir, "store", "docs", id+".json"))
		if err != nil {
			t.Fatal(err)
		}
		var r store.Record
		if err := json.Unmarshal(b, &r); err != nil {
			t.Fatal(err)
		}
		docs = append(docs, &r.Document)
	}
	g := graph.New()
	g.Build(docs)
	ix, err := indexer.Open(filepath.Join(dir, "index", "ix-1"), indexer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.Put(docs, g.CitedByCount); err != nil {
		t.Fatal(err)
	}
	ix.Close()
	writeFile(t, filepath.Join(dir, "index", "CURRENT"), "ix-1\n")
	writeFile(t, filepath.Join(dir, "journal.json"), `{"ids":["kst-29911-903","kst-29911-902"]}`)

	var logs bytes.Buffer
	c, err := Open(Options{Dir: dir, Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Check(); err != nil {
		t.Error(err)
	}
	for _, want := range []string{"older version", "cataloguing stored documents", "done=3 total=3"} {
		if !strings.Contains(logs.String(), want) {
			t.Errorf("log lacks %q:\n%s", want, logs.String())
		}
	}
	if got := strings.Join(c.Store.IDs(), " "); got != "kst-29911-901 kst-29911-902 kst-29911-903" {
		t.Errorf("held %s", got)
	}
	if got := hits(t, c, "ondermijnende"); len(got) != 3 {
		t.Errorf("search finds %v", got)
	}
	if got := citedByInIndex(t, c, "kst-29911-902"); got != 1 {
		t.Errorf("kst-29911-902 cited_by %d", got)
	}
	l, err := c.Graph.CitedBy("kst-29911-901", graph.EdgeQuery{})
	if err != nil || len(l.Edges) != 1 || l.Edges[0].ID != "kst-29911-902" {
		t.Fatalf("cited-by %+v, %v", l, err)
	}
	// The graph holds skeletons: the contexts come from the catalog.
	rec, err := c.Store.Record("kst-29911-902")
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, r := range rec.References {
		if r.ID == "kst-29911-901" {
			want = append(want, r.Context)
		}
	}
	var got []string
	for _, m := range l.Edges[0].Contexts {
		got = append(got, m.Context)
	}
	if len(want) == 0 || want[0] == "" || !slices.Equal(got, want) {
		t.Errorf("cited-by contexts %q, the stored document's %q", got, want)
	}
	for _, id := range c.Store.IDs() {
		rec, err := c.Store.Record(id)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.Store.Original(rec.Current().SHA256); err != nil {
			t.Errorf("%s: original: %v", id, err)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "journal.json")); !os.IsNotExist(err) {
		t.Errorf("journal left: %v", err)
	}
	if cur, _ := c.currentIndex(); cur != "ix-1" {
		t.Errorf("index %s: the old one was usable", cur)
	}
	c.Close()

	// The second open is the ordinary one.
	logs.Reset()
	c, err = Open(Options{Dir: dir, Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if strings.Contains(logs.String(), "older version") || strings.Contains(logs.String(), "in line") {
		t.Errorf("second open:\n%s", logs.String())
	}
	if err := c.Check(); err != nil {
		t.Error(err)
	}
}

package ingest

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"

	"kamerzoek/indexer"
)

// remoteOpener stands for indexes kept outside the data directory (a
// search cluster): embedded indexes in a folder of their own, opened,
// found and removed only through the Opener, which lists nothing. It
// records what it was asked.
type remoteOpener struct {
	root string
	down error // when set, Open and Exists fail with it

	mu      sync.Mutex
	removed []string
}

func (o *remoteOpener) Open(name string, opts indexer.Options) (indexer.Backend, error) {
	if o.down != nil {
		return nil, o.down
	}
	return indexer.DirOpener{Root: o.root}.Open(name, opts)
}

func (o *remoteOpener) Exists(name string) (bool, error) {
	if o.down != nil {
		return false, o.down
	}
	return indexer.DirOpener{Root: o.root}.Exists(name)
}

func (o *remoteOpener) Remove(name string) error {
	o.mu.Lock()
	o.removed = append(o.removed, name)
	o.mu.Unlock()
	return indexer.DirOpener{Root: o.root}.Remove(name)
}

func (o *remoteOpener) String() string { return "remote " + o.root }

// An Opener that keeps the indexes elsewhere serves ingest, reindex and
// reopen: nothing of the index is in the data directory but index/CURRENT,
// a replaced index is removed through the Opener, and one left behind by
// an interrupted rebuild is found by its table.
func TestOpenerElsewhere(t *testing.T) {
	dir, remote := t.TempDir(), t.TempDir()
	o := &remoteOpener{root: remote}
	open := func() *Corpus {
		c, err := Open(Options{Dir: dir, Workers: 2, BatchSize: 4, Indexes: o})
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	c := open()
	for i, nr := range []int{501, 502, 503} {
		p := writeFile(t, filepath.Join(dir, "in", "l.txt"), letter(nr, []string{"kwelwater", "dijken", "zand"}[i]))
		if sum := c.Ingest(context.Background(), []string{p}, nil); sum.Ingested != 1 {
			t.Fatalf("ingest %d: %+v", nr, sum.Outcomes)
		}
	}
	checkConsistent(t, c)
	if ents, _ := os.ReadDir(filepath.Join(dir, "index")); len(ents) != 1 || ents[0].Name() != "CURRENT" {
		t.Errorf("data dir index/ holds %v, want CURRENT alone", ents)
	}
	before, _ := c.currentIndex()
	if ok, _ := o.Exists(before); !ok {
		t.Fatalf("the live index %q is not where the Opener keeps them", before)
	}
	st, err := c.Reindex(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if st.Index == before {
		t.Errorf("reindex kept the index name %q", before)
	}
	if ok, _ := o.Exists(before); ok || !slices.Contains(o.removed, before) {
		t.Errorf("the replaced index %s is still there (removed %v)", before, o.removed)
	}
	res, err := c.CurrentIndex().Search(indexer.Request{Query: "kwelwater"})
	if err != nil || res.Total != 1 {
		t.Errorf("search after reindex: %v, %v", res, err)
	}
	checkConsistent(t, c)
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}

	// An index left behind by a rebuild cut short: it has a table and no
	// CURRENT names it. The next Open removes it.
	c = open()
	name, ix, err := c.newIndex()
	if err != nil {
		t.Fatal(err)
	}
	ix.Close()
	c.Close()
	c = open()
	defer c.Close()
	if ok, _ := o.Exists(name); ok {
		t.Errorf("the abandoned index %s was not removed (removed %v)", name, o.removed)
	}
	if next, err := c.nextIndexName(); err != nil || next == st.Index {
		t.Errorf("next index name %q, %v while %s is live", next, err, st.Index)
	}
	checkConsistent(t, c)
}

// A search node that does not answer fails Open with an error that names
// it; the index is not rebuilt elsewhere.
func TestOpenerUnavailable(t *testing.T) {
	dir := t.TempDir()
	o := &remoteOpener{root: t.TempDir()}
	c, err := Open(Options{Dir: dir, Indexes: o})
	if err != nil {
		t.Fatal(err)
	}
	c.Close()
	o.down = &indexer.UnavailableError{Node: "127.0.0.1:9307", Err: errors.New("connection refused")}
	_, err = Open(Options{Dir: dir, Indexes: o})
	if node, ok := indexer.IsUnavailable(err); !ok || node != "127.0.0.1:9307" {
		t.Fatalf("Open with the node down: %v", err)
	}
	if cur, _ := os.ReadFile(filepath.Join(dir, "index", "CURRENT")); string(cur) != "ix-1\n" {
		t.Errorf("CURRENT changed to %q while the node was down", cur)
	}
}

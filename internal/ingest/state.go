package ingest

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"time"

	"kamerzoek/indexer"
	"kamerzoek/internal/document"
	"kamerzoek/internal/graph"
	"kamerzoek/internal/store"
)

// indexTable names the store table that records what index name holds.
func indexTable(name string) string { return "index/" + name }

// indexedAs is what an index's table records for a document indexed from
// version v. Cited-by counts are not recorded: the index reads them from
// the graph at search time (indexer.Options.CitedBy).
func indexedAs(v store.Version) []byte {
	return []byte(v.SHA256 + " " + v.ExtractorVersion)
}

// liveIndex is an open index with the count of searches using it.
type liveIndex struct {
	ix   indexer.Backend
	name string
	// guarded by Corpus.ixMu
	refs    int
	retired bool
}

// close closes the index; a retired one is removed.
func (l *liveIndex) close(c *Corpus) error {
	err := l.ix.Close()
	if l.retired {
		if cur, _ := c.currentIndex(); cur != l.name {
			if rerr := c.opts.Indexes.Remove(l.name); rerr != nil {
				c.log.Warn("cannot remove a replaced index", "dir", l.name, "err", rerr)
			}
		}
	}
	return err
}

// AcquireIndex returns the live index and a func to call when done with
// it. An index that a Reindex replaces stays open until the last search
// that acquired it has released it; then it is closed and removed.
func (c *Corpus) AcquireIndex() (indexer.Backend, func()) {
	c.ixMu.Lock()
	l := c.live
	if l == nil {
		// A Corpus assembled by hand (tests): its Index, uncounted.
		c.ixMu.Unlock()
		return c.Index, func() {}
	}
	l.refs++
	c.ixMu.Unlock()
	var once sync.Once
	return l.ix, func() { once.Do(func() { c.release(l) }) }
}

func (c *Corpus) release(l *liveIndex) {
	c.ixMu.Lock()
	l.refs--
	done := l.retired && l.refs == 0 && !c.closed
	if done {
		for i, r := range c.retired {
			if r == l {
				c.retired = append(c.retired[:i], c.retired[i+1:]...)
				break
			}
		}
	}
	c.ixMu.Unlock()
	if done {
		_ = l.close(c)
	}
}

// CurrentIndex returns the live index without counting a use of it: a
// Reindex may close it under a caller that keeps it. Searches use
// AcquireIndex.
func (c *Corpus) CurrentIndex() indexer.Backend {
	c.ixMu.Lock()
	defer c.ixMu.Unlock()
	if c.live == nil {
		return c.Index
	}
	return c.live.ix
}

// swapIndex makes l the live index and retires the one it replaces, which
// is closed at once when no search holds it. The caller holds c.mu.
func (c *Corpus) swapIndex(l *liveIndex) {
	c.ixMu.Lock()
	old := c.live
	c.live, c.Index = l, l.ix
	old.retired = true
	idle := old.refs == 0
	if !idle {
		c.retired = append(c.retired, old)
	}
	c.ixMu.Unlock()
	if err := c.Store.DropState(indexTable(old.name)); err != nil {
		c.log.Warn("cannot drop the table of a replaced index", "err", err)
	}
	if idle {
		_ = old.close(c)
	}
}

// newIndex creates an index under a fresh name, with an empty table.
func (c *Corpus) newIndex() (string, indexer.Backend, error) {
	name, err := c.nextIndexName()
	if err != nil {
		return "", nil, err
	}
	ix, err := c.opts.Indexes.Open(name, c.opts.Index)
	if err != nil {
		return "", nil, fmt.Errorf("ingest: create index %s: %w", name, err)
	}
	if err := c.Store.DropState(indexTable(name)); err != nil {
		ix.Close()
		return "", nil, err
	}
	if err := c.Store.SetState(indexTable(name), nil); err != nil {
		ix.Close()
		return "", nil, err
	}
	return name, ix, nil
}

// adoptIndex records, for an index written by an older version (which
// kept no table), that it holds the current version of each document it
// has, except for those a journal it left names: they, and whatever it
// lacks, are then put by reconcile.
func (c *Corpus) adoptIndex(l *liveIndex) error {
	c.log.Info("index written by an older version: recording the versions it holds", "dir", l.name)
	ids, err := l.ix.DocIDs()
	if err != nil {
		return fmt.Errorf("ingest: list index: %w", err)
	}
	lags := map[string]bool{}
	jp := filepath.Join(c.dir, "journal.json")
	if b, err := os.ReadFile(jp); err == nil {
		var j struct {
			IDs []string `json:"ids"`
		}
		if json.Unmarshal(b, &j) != nil {
			ids = nil // unreadable: every entry is checked
		}
		for _, id := range j.IDs {
			lags[id] = true
		}
	}
	entries := map[string][]byte{}
	flush := func() error {
		err := c.Store.SetState(indexTable(l.name), entries)
		clear(entries)
		return err
	}
	if err := flush(); err != nil { // the table exists from here on
		return err
	}
	for _, id := range ids {
		if lags[id] {
			continue
		}
		if v, ok := c.Store.Current(id); ok {
			entries[id] = indexedAs(v)
		} else {
			entries[id] = []byte("-") // not held: reconcile deletes it
		}
		if len(entries) == 4096 {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if err := flush(); err != nil {
		return err
	}
	if err := os.Remove(jp); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("ingest: %w", err)
	}
	return nil
}

// reconcile brings index l in line with the store and the graph: every
// document whose recorded version differs from the store's is put again, and every one the store no longer
// holds is deleted. When the index's document count disagrees with its
// table (entries the table does not know), the index's ids are listed
// too. The caller holds c.mu, or is Open.
func (c *Corpus) reconcile(l *liveIndex, progress bool) error {
	want := func(id string, v store.Version) []byte { return indexedAs(v) }
	differ, extra, n, err := c.Store.CompareState(indexTable(l.name), want)
	if err != nil {
		return err
	}
	if count, err := l.ix.Count(); err != nil {
		return fmt.Errorf("ingest: count index: %w", err)
	} else if int(count) != n {
		ids, err := l.ix.DocIDs()
		if err != nil {
			return fmt.Errorf("ingest: list index: %w", err)
		}
		seen := map[string]bool{}
		for _, id := range append(differ, extra...) {
			seen[id] = true
		}
		for _, id := range ids {
			if !seen[id] && c.Store.GetState(indexTable(l.name), id) == nil {
				extra = append(extra, id)
			}
		}
	}
	ids := append(differ, extra...)
	if len(ids) == 0 {
		return nil
	}
	sort.Strings(ids)
	if progress {
		c.log.Info("bringing the index in line with the store", "documents", len(ids))
	}
	return c.syncIndex(l, ids, progress)
}

// syncIndex puts the held documents among ids into index l and deletes
// the others from it, a batch at a time.
func (c *Corpus) syncIndex(l *liveIndex, ids []string, progress bool) error {
	return c.syncIndexWith(l, ids, progress, nil)
}

// syncIndexWith is syncIndex for a caller that holds some of the
// documents already, as the store has them (a commit that has just
// written them): those are indexed from have instead of being read back
// from the store; the others are read.
func (c *Corpus) syncIndexWith(l *liveIndex, ids []string, progress bool, have map[string]*document.Document) error {
	last := time.Now()
	for i := 0; i < len(ids); i += c.opts.BatchSize {
		var put []*document.Document
		var del []string
		for _, id := range ids[i:min(i+c.opts.BatchSize, len(ids))] {
			if d := have[id]; d != nil {
				put = append(put, d)
				continue
			}
			d, err := c.Store.Document(id)
			if errors.Is(err, store.ErrNotFound) {
				del = append(del, id)
				continue
			}
			if err != nil {
				return err
			}
			put = append(put, d)
		}
		if err := c.deindex(l, del); err != nil {
			return err
		}
		if err := c.putIndex(l, put); err != nil {
			return err
		}
		if progress && time.Since(last) > 5*time.Second {
			last = time.Now()
			c.log.Info("indexing", "done", i+len(put)+len(del), "total", len(ids))
		}
	}
	return nil
}

// putIndex indexes docs in l and records their versions in l's table.
func (c *Corpus) putIndex(l *liveIndex, docs []*document.Document) error {
	if len(docs) == 0 {
		return nil
	}
	if err := l.ix.Put(docs, c.citedBy); err != nil {
		return fmt.Errorf("ingest: index put: %w", err)
	}
	entries := make(map[string][]byte, len(docs))
	for _, d := range docs {
		if v, ok := c.Store.Current(d.ID); ok {
			entries[d.ID] = indexedAs(v)
		}
	}
	return c.Store.SetState(indexTable(l.name), entries)
}

// deindex deletes ids from l and from its table.
func (c *Corpus) deindex(l *liveIndex, ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	if err := l.ix.Delete(ids...); err != nil {
		return fmt.Errorf("ingest: index delete: %w", err)
	}
	entries := make(map[string][]byte, len(ids))
	for _, id := range ids {
		entries[id] = nil
	}
	return c.Store.SetState(indexTable(l.name), entries)
}

// indexes returns the indexes a write goes to: the live one and the one a
// Reindex is building. The caller holds c.mu.
func (c *Corpus) indexes() []*liveIndex {
	c.ixMu.Lock()
	out := []*liveIndex{c.live}
	c.ixMu.Unlock()
	if c.building != nil {
		out = append(out, c.building)
	}
	return out
}

// syncIndexes brings every index a write goes to in line with the store
// for ids; ids it could not write are marked lagging, retried by the next
// write (and, at the latest, by the next Open). The caller holds c.mu.
func (c *Corpus) syncIndexes(ids []string) error {
	return c.syncIndexesWith(ids, nil)
}

// syncIndexesWith is syncIndexes with documents in hand (see
// syncIndexWith). The caller holds c.mu.
func (c *Corpus) syncIndexesWith(ids []string, have map[string]*document.Document) error {
	var errs []error
	for _, l := range c.indexes() {
		if err := c.syncIndexWith(l, ids, false, have); err != nil {
			errs = append(errs, err)
		}
	}
	if err := errors.Join(errs...); err != nil {
		for _, id := range ids {
			c.lagging[id] = true
		}
		return err
	}
	return nil
}

// catchUp retries the index writes that failed earlier; it reports whether
// the indexes are now in line with the store. The caller holds c.mu.
func (c *Corpus) catchUp() bool {
	if len(c.lagging) == 0 {
		return true
	}
	ids := make([]string, 0, len(c.lagging))
	for id := range c.lagging {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	clear(c.lagging)
	if err := c.syncIndexes(ids); err != nil {
		c.log.Error("index still behind the store", "ids", len(ids), "err", err)
		return false
	}
	return true
}

// Check reports whether store, index and graph agree: every held document
// is in the index at its current version, the index
// holds nothing else, and the graph holds every held document with a
// graph id and no other. It reads every index id; for tests and for
// operators after a failure.
func (c *Corpus) Check() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	l := c.indexes()[0]
	want := func(id string, v store.Version) []byte { return indexedAs(v) }
	differ, extra, n, err := c.Store.CompareState(indexTable(l.name), want)
	if err != nil {
		return err
	}
	var errs []error
	if len(differ) > 0 {
		errs = append(errs, fmt.Errorf("ingest: index lags the store for %d documents: %v", len(differ), head(differ)))
	}
	if len(extra) > 0 {
		errs = append(errs, fmt.Errorf("ingest: index holds %d documents the store does not: %v", len(extra), head(extra)))
	}
	ids, err := l.ix.DocIDs()
	if err != nil {
		return err
	}
	if len(ids) != n {
		errs = append(errs, fmt.Errorf("ingest: index holds %d documents, its table %d", len(ids), n))
	}
	// The graph: each held document with its metadata and out-edges as
	// the store's skeleton has them, and no other.
	held := 0
	err = c.Store.EachSkeleton(func(sk *document.Document) error {
		if graph.ValidID(sk.ID) != nil {
			return nil
		}
		held++
		n, err := c.Graph.Node(sk.ID)
		targets := map[string]bool{}
		for _, r := range sk.References {
			if graph.ValidID(r.ID) == nil {
				targets[r.ID] = true
			}
		}
		if err != nil || !n.Held || n.Title != sk.Title || n.Cites != len(targets) {
			errs = append(errs, fmt.Errorf("ingest: graph node %s (%+v, %v) is not the stored document's (%q, cites %d)", sk.ID, n, err, sk.Title, len(targets)))
		}
		return nil
	})
	if err != nil {
		return err
	}
	if gs := c.Graph.Stats(); gs.Held != held {
		errs = append(errs, fmt.Errorf("ingest: graph holds %d documents, the store %d with graph ids", gs.Held, held))
	}
	return errors.Join(errs...)
}

func head(ids []string) []string { return ids[:min(len(ids), 5)] }

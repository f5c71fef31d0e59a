package ingest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"

	"kamerzoek/indexer"
	"kamerzoek/internal/document"
	"kamerzoek/internal/store"
)

// The index called <name> lives where Options.Indexes keeps it (by
// default in index/<name>); index/CURRENT names the live one. A new index
// is built under a fresh name and named in CURRENT only once it is
// complete, so readers keep the old index until the swap.

func (c *Corpus) indexRoot() string   { return filepath.Join(c.dir, "index") }
func (c *Corpus) currentFile() string { return filepath.Join(c.indexRoot(), "CURRENT") }

// currentIndex returns the name in index/CURRENT, "" when there is none.
func (c *Corpus) currentIndex() (string, error) {
	b, err := os.ReadFile(c.currentFile())
	if errors.Is(err, os.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("ingest: %w", err)
	}
	name := strings.TrimSpace(string(b))
	if name == "" || strings.ContainsAny(name, `/\`) || strings.HasPrefix(name, ".") {
		return "", nil
	}
	return name, nil
}

func (c *Corpus) setCurrentIndex(name string) error {
	return store.WriteFileAtomic(c.currentFile(), []byte(name+"\n"))
}

// knownIndexes lists the names of the indexes there may be: those the
// Opener lists (when it can), the current one and those with a table in
// the store.
func (c *Corpus) knownIndexes() ([]string, error) {
	var names []string
	if l, ok := c.opts.Indexes.(indexer.Lister); ok {
		ns, err := l.List()
		if err != nil {
			return nil, fmt.Errorf("ingest: %w", err)
		}
		names = ns
	}
	if cur, _ := c.currentIndex(); cur != "" {
		names = append(names, cur)
	}
	for _, t := range c.Store.States() {
		if name, ok := strings.CutPrefix(t, "index/"); ok {
			names = append(names, name)
		}
	}
	return names, nil
}

// nextIndexName returns "ix-N" for an N above every known index's, and
// not taken.
func (c *Corpus) nextIndexName() (string, error) {
	names, err := c.knownIndexes()
	if err != nil {
		return "", err
	}
	n := 0
	for _, name := range names {
		if v, err := strconv.Atoi(strings.TrimPrefix(name, "ix-")); err == nil && strings.HasPrefix(name, "ix-") && v > n {
			n = v
		}
	}
	for {
		n++
		name := "ix-" + strconv.Itoa(n)
		taken, err := c.opts.Indexes.Exists(name)
		if err != nil {
			return "", fmt.Errorf("ingest: index %s in %s: %w", name, c.opts.Indexes, err)
		}
		if !taken {
			return name, nil
		}
	}
}

// removeStaleIndexes deletes indexes other than the current one and the
// one a Reindex is building (left by an interrupted rebuild, or replaced
// by a swap), and the tables of indexes that are gone.
func (c *Corpus) removeStaleIndexes() {
	cur, _ := c.currentIndex()
	keep := map[string]bool{cur: true}
	c.ixMu.Lock()
	for _, l := range c.retired {
		keep[l.name] = true
	}
	c.ixMu.Unlock()
	if c.building != nil {
		keep[c.building.name] = true
	}
	names, err := c.knownIndexes()
	if err != nil {
		c.log.Warn("cannot list the indexes", "err", err)
	}
	removed := map[string]bool{}
	for _, name := range names {
		if !strings.HasPrefix(name, "ix-") || keep[name] || removed[name] {
			continue
		}
		removed[name] = true
		if ok, err := c.opts.Indexes.Exists(name); err != nil || !ok {
			continue
		}
		if err := c.opts.Indexes.Remove(name); err != nil {
			c.log.Warn("cannot remove an old index", "dir", name, "err", err)
		}
	}
	for _, t := range c.Store.States() {
		if name, ok := strings.CutPrefix(t, "index/"); ok && !keep[name] {
			if err := c.Store.DropState(t); err != nil {
				c.log.Warn("cannot drop the table of an old index", "table", t, "err", err)
			}
		}
	}
}

// ReindexStats summarises a re-extraction.
type ReindexStats struct {
	Documents int       `json:"documents"`
	Changed   int       `json:"changed"` // documents whose id changed
	Failed    []Outcome `json:"failed"`  // originals that no longer parse (old document kept)
	Index     string    `json:"index"`   // the new index directory
	Stale     int       `json:"stale"`   // documents that had another extractor version
	From      string    `json:"from"`    // the oldest extractor version found
	To        string    `json:"to"`      // ExtractorVersion
}

// reparsed is one record parsed again: doc, or err when its original no
// longer parses.
type reparsed struct {
	rec *store.Record
	doc *document.Document
	err error
}

// Reindex re-parses every stored document from its current original with
// this ExtractorVersion, writes the results to the store and the graph,
// and builds a new index in a new directory, which replaces the live one
// when complete: searches keep using the old index until then, and an
// index that searches still hold is closed when the last one releases it.
//
// Writes do not wait for it: parsing runs without the write lock, and the
// results are written a batch at a time under it, each record only when no
// write replaced it meanwhile. Writes made during the reindex go to both
// indexes. At the end the new index is compared by version with the store
// (under the lock, for the few documents that changed last) and swapped
// in. Memory stays flat: records are read one at a time. A crash leaves
// the live index, which the next Open reconciles with the store.
func (c *Corpus) Reindex(ctx context.Context) (ReindexStats, error) {
	c.reindex.Lock()
	defer c.reindex.Unlock()
	st := ReindexStats{To: ExtractorVersion}
	err := c.Store.EachCurrent(func(_ string, v store.Version) error {
		if v.ExtractorVersion != ExtractorVersion {
			st.Stale++
			if st.From == "" || v.ExtractorVersion < st.From {
				st.From = v.ExtractorVersion
			}
		}
		return nil
	})
	if err != nil {
		return st, err
	}

	c.mu.Lock()
	if err := store.WriteFileAtomic(c.reindexMarker(), []byte("reindex\n")); err != nil {
		c.mu.Unlock()
		return st, err
	}
	name, ix, err := c.newIndex()
	if err != nil {
		c.mu.Unlock()
		return st, err
	}
	b := &liveIndex{ix: ix, name: name}
	c.building = b
	c.mu.Unlock()
	done := false
	defer func() {
		if done {
			return
		}
		// Abandoned: drop the new index, and bring the live one in line
		// with the records rewritten so far.
		c.mu.Lock()
		c.building = nil
		if err := c.reconcile(c.indexes()[0], false); err != nil {
			c.log.Error("reconciling the index after an abandoned reindex", "err", err)
		}
		c.mu.Unlock()
		ix.Close()
		if err := c.opts.Indexes.Remove(name); err != nil {
			c.log.Warn("cannot remove an abandoned index", "dir", name, "err", err)
		}
		_ = c.Store.DropState(indexTable(name))
		_ = os.Remove(c.reindexMarker())
	}()

	// Parse without the lock, on Workers goroutines, records streamed
	// from the store.
	jobs := make(chan string, c.opts.Workers)
	results := make(chan reparsed, c.opts.Workers)
	var wg sync.WaitGroup
	for w := 0; w < c.opts.Workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for id := range jobs {
				// Re-parsing needs the versions only: they come from
				// the catalog, and the record file (a gunzip and a JSON
				// decode) is not read.
				vs, ok := c.Store.Versions(id)
				if !ok {
					continue // deleted meanwhile
				}
				rec := &store.Record{Document: document.Document{ID: id}, Versions: vs}
				doc, err := c.reparse(ctx, rec)
				results <- reparsed{rec: rec, doc: doc, err: err}
			}
		}()
	}
	feedErr := make(chan error, 1)
	go func() {
		defer close(jobs)
		feedErr <- c.Store.EachCurrent(func(id string, _ store.Version) error {
			select {
			case jobs <- id:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
	}()
	go func() {
		wg.Wait()
		close(results)
	}()
	var batch []reparsed
	var applyErr error
	for r := range results {
		if applyErr != nil || ctx.Err() != nil {
			continue // drain
		}
		batch = append(batch, r)
		if len(batch) >= c.opts.BatchSize {
			applyErr = c.applyReparsed(b, batch, &st)
			batch = batch[:0]
		}
	}
	if applyErr == nil && ctx.Err() == nil {
		applyErr = c.applyReparsed(b, batch, &st)
	}
	if err := errors.Join(<-feedErr, applyErr); err != nil {
		return st, fmt.Errorf("ingest: reindex: %w", err)
	}
	if err := ctx.Err(); err != nil {
		return st, fmt.Errorf("ingest: reindex: %w", err)
	}

	// Bring the new index in line (cited-by counts moved as documents
	// were re-parsed), a batch at a time, then once more under the lock
	// for what changed meanwhile, and swap.
	want := func(id string, v store.Version) []byte { return indexedAs(v) }
	differ, extra, _, err := c.Store.CompareState(indexTable(name), want)
	if err != nil {
		return st, err
	}
	ids := append(differ, extra...)
	for i := 0; i < len(ids); i += c.opts.BatchSize {
		c.mu.Lock()
		err := c.syncIndex(b, ids[i:min(i+c.opts.BatchSize, len(ids))], false)
		c.mu.Unlock()
		if err != nil {
			return st, err
		}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if err := c.reconcile(b, false); err != nil {
		return st, err
	}
	if err := c.setCurrentIndex(name); err != nil {
		return st, err
	}
	done = true
	c.building = nil
	c.swapIndex(b)
	_ = os.Remove(c.reindexMarker())
	st.Index = name
	return st, nil
}

// applyReparsed writes a batch of re-parsed records to the store, the
// graph and the index being built, under the write lock. A record that a
// write replaced since it was read is left alone: that write put its
// document in both indexes. A record whose original no longer parses
// keeps its document. A document whose id changed moves to the new id,
// merged with a record already held there (the one with the most recent
// version being current); the move is one store change.
func (c *Corpus) applyReparsed(b *liveIndex, batch []reparsed, st *ReindexStats) error {
	if len(batch) == 0 {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	var puts []*store.Record
	var dels, ids []string
	byID := map[string]*store.Record{}
	for _, r := range batch {
		was := r.rec.Current()
		if cur, ok := c.Store.Current(r.rec.ID); !ok || !sameVersion(cur, was) {
			continue
		}
		st.Documents++
		if r.err != nil {
			st.Failed = append(st.Failed, Outcome{File: was.File, ID: r.rec.ID, Status: StatusFailed, Reason: r.err.Error(), Err: r.err})
			ids = append(ids, r.rec.ID)
			continue
		}
		vs := append([]store.Version(nil), r.rec.Versions...)
		if n := len(vs); n > 0 {
			vs[n-1].ExtractorVersion = ExtractorVersion
		}
		rec := &store.Record{Document: *r.doc, Versions: vs}
		if r.doc.ID != r.rec.ID {
			st.Changed++
			dels = append(dels, r.rec.ID)
			other := byID[rec.ID]
			if other == nil {
				other, _ = c.Store.Record(rec.ID)
			}
			if other != nil {
				all := append(append([]store.Version(nil), other.Versions...), rec.Versions...)
				sort.SliceStable(all, func(a, b int) bool { return all[a].Ingested.Before(all[b].Ingested) })
				cur := other.Document
				if other.Current().Ingested.Before(rec.Current().Ingested) {
					cur = rec.Document
				}
				rec = &store.Record{Document: cur, Versions: all}
			}
		}
		if byID[rec.ID] == nil {
			puts = append(puts, rec)
		} else {
			for i := range puts {
				if puts[i].ID == rec.ID {
					puts[i] = rec
				}
			}
		}
		byID[rec.ID] = rec
	}
	// A moved record's old id may be another's new id in the same batch.
	var realDels []string
	for _, id := range dels {
		if byID[id] == nil {
			realDels = append(realDels, id)
		}
	}
	err := c.Store.Apply(puts, realDels)
	for _, rec := range puts {
		if cur, ok := c.Store.Current(rec.ID); ok && sameVersion(cur, rec.Current()) && cur.ExtractorVersion == rec.ExtractorVersion {
			c.graphAdd(&rec.Document)
			ids = append(ids, rec.ID)
		}
	}
	for _, id := range realDels {
		if !c.Store.Has(id) {
			c.graphRemove(id)
			ids = append(ids, id)
		}
	}
	if err != nil {
		return err
	}
	sort.Strings(ids)
	// The records just written are indexed as they are in hand, not read
	// back from the store.
	have := make(map[string]*document.Document, len(puts))
	for _, rec := range puts {
		have[rec.ID] = &rec.Document
	}
	return c.syncIndexWith(b, ids, false, have)
}

// sameVersion reports whether a and b record the same ingestion of the
// same original (whatever extractor parsed it since).
func sameVersion(a, b store.Version) bool {
	return a.SHA256 == b.SHA256 && a.Ingested.Equal(b.Ingested)
}

// reparse parses a record's current original again.
func (c *Corpus) reparse(ctx context.Context, r *store.Record) (*document.Document, error) {
	v := r.Current()
	if v.SHA256 == "" {
		return nil, fmt.Errorf("ingest: %s has no original", r.ID)
	}
	data, err := c.Store.Original(v.SHA256)
	if err != nil {
		return nil, err
	}
	po := c.opts.Parse
	if v.MetadataSHA256 != "" {
		if po.Metadata, err = c.Store.Original(v.MetadataSHA256); err != nil {
			return nil, err
		}
	}
	return Parse(ctx, v.File, data, po)
}

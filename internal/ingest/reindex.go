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
	"time"

	"kamerzoek/indexer"
	"kamerzoek/internal/document"
	"kamerzoek/internal/store"
)

// The index lives in index/<name>; index/CURRENT names the live one. A new
// index is built in a fresh directory and named in CURRENT only once it
// is complete, so readers keep the old index until the swap.

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

// nextIndexName returns "ix-N" for an N above every existing directory's.
func (c *Corpus) nextIndexName() string {
	n := 0
	ents, _ := os.ReadDir(c.indexRoot())
	for _, e := range ents {
		if v, err := strconv.Atoi(strings.TrimPrefix(e.Name(), "ix-")); err == nil && strings.HasPrefix(e.Name(), "ix-") && v > n {
			n = v
		}
	}
	return "ix-" + strconv.Itoa(n+1)
}

// buildIndex creates a new index directory holding docs, with cited-by
// counts from the corpus graph. The caller names it in CURRENT.
func (c *Corpus) buildIndex(docs []*document.Document) (string, *indexer.Index, error) {
	name := c.nextIndexName()
	dir := filepath.Join(c.indexRoot(), name)
	ix, err := indexer.Open(dir, c.opts.Index)
	if err != nil {
		return "", nil, fmt.Errorf("ingest: create index %s: %w", name, err)
	}
	for i := 0; i < len(docs); i += c.opts.BatchSize {
		j := min(i+c.opts.BatchSize, len(docs))
		if err := ix.Put(docs[i:j], c.Graph.CitedByCount); err != nil {
			ix.Close()
			os.RemoveAll(dir)
			return "", nil, fmt.Errorf("ingest: build index %s: %w", name, err)
		}
	}
	return name, ix, nil
}

// removeStaleIndexes deletes index directories other than the current
// one (left by an interrupted rebuild, or replaced by a swap).
func (c *Corpus) removeStaleIndexes() {
	cur, _ := c.currentIndex()
	ents, _ := os.ReadDir(c.indexRoot())
	for _, e := range ents {
		if e.IsDir() && strings.HasPrefix(e.Name(), "ix-") && e.Name() != cur {
			if err := os.RemoveAll(filepath.Join(c.indexRoot(), e.Name())); err != nil {
				c.log.Warn("cannot remove an old index", "dir", e.Name(), "err", err)
			}
		}
	}
}

// swapper is what an index offers when it can take over another index's
// content in place, so that readers holding it see the new content.
type swapper interface {
	Swap(next *indexer.Index) error
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

// Reindex re-parses every stored document from its current original with
// this ExtractorVersion, writes the results to the store, brings the graph
// up to date and builds a new index in a new directory, which replaces the
// live one only when complete: searches keep using the old index until
// then. Writes wait; reads do not. A crash during Reindex is finished by
// the next Open, which rebuilds the index from the store.
func (c *Corpus) Reindex(ctx context.Context) (ReindexStats, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	var st ReindexStats
	st.To = ExtractorVersion
	if err := store.WriteFileAtomic(c.reindexMarker(), []byte("reindex\n")); err != nil {
		return st, err
	}
	recs, err := c.Store.Records()
	if err != nil {
		return st, err
	}
	st.Documents = len(recs)
	for _, r := range recs {
		if r.ExtractorVersion != ExtractorVersion {
			st.Stale++
			if st.From == "" || r.ExtractorVersion < st.From {
				st.From = r.ExtractorVersion
			}
		}
	}

	// Parse in parallel; a record whose original no longer parses keeps
	// its old document.
	docs := make([]*document.Document, len(recs))
	errs := make([]error, len(recs))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < c.opts.Workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				docs[i], errs[i] = c.reparse(ctx, recs[i])
			}
		}()
	}
	for i := range recs {
		if ctx.Err() != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return st, fmt.Errorf("ingest: reindex: %w", err)
	}

	// Write the store: same id → replace the document, keep the versions;
	// a new id → the record moves (merging with a record already there,
	// the one with the most recent version being current).
	byID := map[string]*store.Record{}
	for i, r := range recs {
		rec := r
		if errs[i] != nil {
			st.Failed = append(st.Failed, Outcome{File: r.Current().File, ID: r.ID, Status: StatusFailed, Reason: errs[i].Error(), Err: errs[i]})
		} else {
			vs := append([]store.Version(nil), r.Versions...)
			if n := len(vs); n > 0 {
				vs[n-1].ExtractorVersion = ExtractorVersion
			}
			rec = &store.Record{Document: *docs[i], Versions: vs}
			if docs[i].ID != r.ID {
				st.Changed++
			}
		}
		other, ok := byID[rec.ID]
		if !ok {
			byID[rec.ID] = rec
			continue
		}
		all := append(append([]store.Version(nil), other.Versions...), rec.Versions...)
		sort.SliceStable(all, func(a, b int) bool { return all[a].Ingested.Before(all[b].Ingested) })
		cur := other.Document
		if other.Current().Ingested.Before(rec.Current().Ingested) {
			cur = rec.Document
		}
		byID[rec.ID] = &store.Record{Document: cur, Versions: all}
	}
	var moved []string
	for _, r := range recs {
		if _, ok := byID[r.ID]; !ok {
			moved = append(moved, r.ID)
		}
	}
	ids := make([]string, 0, len(byID))
	for id := range byID {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		if err := c.Store.PutRecord(byID[id]); err != nil {
			return st, err
		}
	}
	for _, id := range moved {
		if err := c.Store.Delete(id); err != nil {
			return st, err
		}
	}

	// Graph: rebuilt under its own lock, so readers never see it empty.
	all := make([]*document.Document, 0, len(ids))
	for _, id := range ids {
		d := byID[id].Document
		all = append(all, &d)
	}
	c.Graph.Build(all)

	name, ix, err := c.buildIndex(all)
	if err != nil {
		return st, err
	}
	if err := c.setCurrentIndex(name); err != nil {
		ix.Close()
		return st, err
	}
	st.Index = name
	if sw, ok := any(c.Index).(swapper); ok {
		if err := sw.Swap(ix); err != nil {
			return st, fmt.Errorf("ingest: swap index: %w", err)
		}
		_ = os.Remove(c.reindexMarker())
		_ = c.clearJournal()
		c.removeStaleIndexes()
		return st, nil
	}
	c.ixMu.Lock()
	old := c.Index
	c.Index = ix
	c.ixMu.Unlock()
	_ = os.Remove(c.reindexMarker())
	_ = c.clearJournal()
	if old != nil {
		c.retire(old)
	}
	return st, nil
}

// retire closes a replaced index once the searches that may still hold it
// are done (after Options.RetireAfter), and removes its directory; Close
// does so at once.
func (c *Corpus) retire(old *indexer.Index) {
	c.retMu.Lock()
	c.retired = append(c.retired, old)
	c.retMu.Unlock()
	time.AfterFunc(c.opts.RetireAfter, func() { c.closeRetired(old) })
}

// closeRetired closes the given retired index, or all of them when old is
// nil, and removes their directories.
func (c *Corpus) closeRetired(old *indexer.Index) {
	c.retMu.Lock()
	var keep, done []*indexer.Index
	for _, ix := range c.retired {
		if old == nil || ix == old {
			done = append(done, ix)
		} else {
			keep = append(keep, ix)
		}
	}
	c.retired = keep
	c.retMu.Unlock()
	for _, ix := range done {
		_ = ix.Close()
		if d := ix.Dir(); d != "" && filepath.Dir(d) == c.indexRoot() {
			if cur, _ := c.currentIndex(); filepath.Base(d) != cur {
				_ = os.RemoveAll(d)
			}
		}
	}
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

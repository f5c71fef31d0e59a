// Package ingest is the pipeline that feeds the corpus: it opens a data
// directory (store, index, graph), turns files into documents (PDF, OB XML,
// plain text, sniffed by content), and writes each document to store, index
// and graph. Failures are reported per file; a batch never aborts.
//
// Layout of a data directory:
//
//	store/            originals and parsed documents (package store): the truth
//	index/CURRENT     the name of the live index directory, e.g. "ix-3"
//	index/ix-3/       the bleve index (package indexer), derived from the store
//	journal.json      ids whose index entries may lag the store (write-ahead)
//	reindex.pending   a re-extraction was interrupted: rebuild the index
//
// The citation graph is held in memory and rebuilt from the store at Open.
// A write first names the ids it touches in journal.json, then writes the
// store, the graph and the index, then removes the journal; Open replays
// a journal it finds, so after a crash a document is in store, index and
// graph or in none of them.
package ingest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"sync"
	"time"

	"kamerzoek/indexer"
	"kamerzoek/internal/document"
	"kamerzoek/internal/graph"
	"kamerzoek/internal/pdftext"
	"kamerzoek/internal/store"
)

// ErrLocked is returned by Open when another process has the data
// directory open (a running server, say): stop it, or use its HTTP API.
var ErrLocked = errors.New("ingest: data directory in use by another kamerzoek process")

// ErrUnparsable wraps the reason a file could not be turned into a
// document (other than ErrUnsupported and ErrTooLarge).
var ErrUnparsable = errors.New("ingest: cannot parse")

// Options configure Open. The zero value of each field means its default.
type Options struct {
	Dir     string       // data directory (default "./data")
	Logger  *slog.Logger // default: discard
	Workers int          // parallel parsers (default: number of CPUs)
	// BatchSize is the number of documents written to the index at once
	// by a bulk ingest and a rebuild (default 256).
	BatchSize int
	// Parse bounds the work on one file (size, pages, time).
	Parse ParseOptions
	// Index is passed to indexer.Open.
	Index indexer.Options
	// RetireAfter is how long an index replaced by Reindex stays open for
	// searches that started on it (default 1 minute).
	RetireAfter time.Duration
}

// Corpus is an opened data directory: the store of originals and parsed
// documents, the search index and the citation graph, kept consistent.
// Reads (search, show, graph queries) may run at any time; writes
// (ingest, delete, reindex) are serialised by the corpus.
type Corpus struct {
	Store *store.Store
	Index *indexer.Index
	Graph *graph.Graph
	log   *slog.Logger
	opts  Options
	dir   string

	mu   sync.Mutex   // serialises writes to store, index and graph
	ixMu sync.RWMutex // guards the Index field across a swap

	retMu   sync.Mutex
	retired []*indexer.Index // replaced indexes still open for searches
	closed  bool
	unlock  func()

	lagging map[string]bool // ids whose index write failed; guarded by mu
}

// CurrentIndex returns the live index. After a Reindex swaps in a new
// index directory, readers that keep the Corpus should ask for it here
// rather than hold on to the Index field.
func (c *Corpus) CurrentIndex() *indexer.Index {
	c.ixMu.RLock()
	defer c.ixMu.RUnlock()
	return c.Index
}

// Status is the outcome of ingesting one file.
type Status string

// Outcomes of ingesting one file.
const (
	StatusIngested  Status = "ingested"
	StatusDuplicate Status = "duplicate"
	StatusNoText    Status = "no-text-layer"
	StatusFailed    Status = "failed"
)

// Outcome is what happened to one file.
type Outcome struct {
	File   string `json:"file"`
	ID     string `json:"id,omitempty"`
	Status Status `json:"status"`
	Reason string `json:"reason,omitempty"`
	// Replaced is true when the file became a new version of a document
	// already held under the same id.
	Replaced bool `json:"replaced,omitempty"`
	Pages    int  `json:"pages,omitempty"`
	// Err is the error behind StatusFailed and StatusNoText; it wraps
	// ErrUnsupported, ErrTooLarge or ErrUnparsable.
	Err error `json:"-"`
}

// OK reports whether the file is now held: ingested or a duplicate.
func (o Outcome) OK() bool { return o.Status == StatusIngested || o.Status == StatusDuplicate }

func failed(file string, err error) Outcome {
	st := StatusFailed
	if errors.Is(err, pdftext.ErrNoTextLayer) {
		st = StatusNoText
	}
	if !errors.Is(err, ErrUnsupported) && !errors.Is(err, ErrTooLarge) && !errors.Is(err, ErrUnparsable) {
		err = fmt.Errorf("%w: %w", ErrUnparsable, err)
	}
	return Outcome{File: file, Status: st, Reason: reason(err), Err: err}
}

// reason is an error's message without the wrapping sentinel prefixes
// that say nothing to a reader of the summary.
func reason(err error) string {
	msg := err.Error()
	for _, p := range []string{ErrUnparsable.Error() + ": "} {
		if len(msg) > len(p) && msg[:len(p)] == p {
			msg = msg[len(p):]
		}
	}
	return msg
}

// Open opens (creating when needed) the corpus in opts.Dir: it opens the
// store, rebuilds the graph from it, opens the index named by
// index/CURRENT (building it from the store when there is none or a
// rebuild was interrupted) and replays a write-ahead journal left by a
// crash.
func Open(opts Options) (*Corpus, error) {
	if opts.Dir == "" {
		opts.Dir = "./data"
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.Workers <= 0 {
		opts.Workers = runtime.NumCPU()
	}
	if opts.BatchSize <= 0 {
		opts.BatchSize = 256
	}
	if opts.RetireAfter <= 0 {
		opts.RetireAfter = time.Minute
	}
	opts.Parse = opts.Parse.withDefaults()
	if err := os.MkdirAll(filepath.Join(opts.Dir, "index"), 0o755); err != nil {
		return nil, fmt.Errorf("ingest: %w", err)
	}
	unlock, err := lockDir(opts.Dir)
	if err != nil {
		return nil, err
	}
	c, err := open(opts)
	if err != nil {
		unlock()
		return nil, err
	}
	c.unlock = unlock
	return c, nil
}

func open(opts Options) (*Corpus, error) {
	st, err := store.Open(filepath.Join(opts.Dir, "store"))
	if err != nil {
		return nil, err
	}
	c := &Corpus{Store: st, Graph: graph.New(), log: opts.Logger, dir: opts.Dir, lagging: map[string]bool{}}
	// Search reads cited-by counts from the graph, so a new citation
	// re-indexes nothing.
	opts.Index.CitedBy = func(id string) int { return c.Graph.CitedByCount(id) }
	c.opts = opts
	docs, err := st.Documents()
	if err != nil {
		return nil, err
	}
	c.Graph.Build(docs)

	cur, err := c.currentIndex()
	if err != nil {
		return nil, err
	}
	_, pendingErr := os.Stat(c.reindexMarker())
	rebuild := cur == "" || pendingErr == nil
	if cur != "" {
		if _, err := os.Stat(filepath.Join(c.indexRoot(), cur)); err != nil {
			c.log.Warn("index directory missing; rebuilding from the store", "dir", cur)
			rebuild = true
		}
	}
	if rebuild {
		if len(docs) > 0 {
			c.log.Info("building the index from the store", "documents", len(docs))
		}
		if err := c.rebuildInto(docs); err != nil {
			return nil, err
		}
	} else {
		ix, err := indexer.Open(filepath.Join(c.indexRoot(), cur), opts.Index)
		if err != nil {
			// The index is derived: when it cannot be used (another
			// mapping version, damaged files), build a new one.
			if errors.Is(err, indexer.ErrMappingChanged) {
				c.log.Info("index mapping changed; rebuilding the index from the store", "documents", len(docs))
			} else {
				c.log.Warn("cannot open the index; rebuilding it from the store", "dir", cur, "err", err, "documents", len(docs))
			}
			if err := c.rebuildInto(docs); err != nil {
				return nil, err
			}
			c.removeStaleIndexes()
			return c, nil
		}
		c.Index = ix
		if err := c.replayJournal(); err != nil {
			ix.Close()
			return nil, err
		}
		if err := c.reconcile(docs); err != nil {
			ix.Close()
			return nil, err
		}
	}
	c.removeStaleIndexes()
	return c, nil
}

// rebuildInto builds a new index of docs, makes it current and sets
// c.Index; the journal and an interrupted re-extraction are then done.
func (c *Corpus) rebuildInto(docs []*document.Document) error {
	name, ix, err := c.buildIndex(docs)
	if err != nil {
		return err
	}
	if err := c.setCurrentIndex(name); err != nil {
		ix.Close()
		return err
	}
	c.Index = ix
	_ = os.Remove(c.reindexMarker())
	return c.clearJournal()
}

// Close closes the index (and indexes replaced by Reindex). Closing
// twice is harmless.
func (c *Corpus) Close() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.closeRetired(nil)
	if c.Index == nil || c.closed {
		return nil
	}
	c.closed = true
	err := c.Index.Close()
	if c.unlock != nil {
		c.unlock()
	}
	return err
}

// Dir returns the data directory.
func (c *Corpus) Dir() string { return c.dir }

// ParseOptions returns the limits the corpus applies to one file.
func (c *Corpus) ParseOptions() ParseOptions { return c.opts.Parse }

// Stale returns the ids of stored documents parsed by another extractor
// version than ExtractorVersion: Reindex re-extracts them.
func (c *Corpus) Stale() ([]string, error) {
	recs, err := c.Store.Records()
	if err != nil {
		return nil, err
	}
	var ids []string
	for _, r := range recs {
		if r.ExtractorVersion != ExtractorVersion {
			ids = append(ids, r.ID)
		}
	}
	return ids, nil
}

// journal is the write-ahead marker: the ids whose index entries may not
// match the store while a write is under way.
type journal struct {
	IDs []string `json:"ids"`
}

func (c *Corpus) journalPath() string   { return filepath.Join(c.dir, "journal.json") }
func (c *Corpus) reindexMarker() string { return filepath.Join(c.dir, "reindex.pending") }

func (c *Corpus) writeJournal(ids []string) error {
	b, _ := json.Marshal(journal{IDs: ids})
	return store.WriteFileAtomic(c.journalPath(), b)
}

func (c *Corpus) clearJournal() error {
	if err := os.Remove(c.journalPath()); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("ingest: %w", err)
	}
	return nil
}

// replayJournal makes the index agree with the store for every id named
// by a journal that a crash left behind: held documents are put again,
// the others deleted.
func (c *Corpus) replayJournal() error {
	b, err := os.ReadFile(c.journalPath())
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("ingest: %w", err)
	}
	var j journal
	if err := json.Unmarshal(b, &j); err != nil {
		// A torn journal cannot be: it is written atomically. Treat an
		// unreadable one as "everything may lag".
		c.log.Warn("unreadable journal; reconciling every document", "err", err)
		j.IDs = c.Store.IDs()
	}
	c.log.Info("replaying the write-ahead journal", "ids", len(j.IDs))
	if err := c.syncIndex(j.IDs); err != nil {
		return err
	}
	return c.clearJournal()
}

// syncIndex puts the held documents among ids into the index and deletes
// the others from it.
func (c *Corpus) syncIndex(ids []string) error {
	var put []*document.Document
	var del []string
	for _, id := range ids {
		if !c.Store.Has(id) {
			del = append(del, id)
			continue
		}
		d, err := c.Store.Document(id)
		if err != nil {
			return err
		}
		put = append(put, d)
	}
	if len(del) > 0 {
		if err := c.Index.Delete(del...); err != nil {
			return fmt.Errorf("ingest: index delete: %w", err)
		}
	}
	for i := 0; i < len(put); i += c.opts.BatchSize {
		j := min(i+c.opts.BatchSize, len(put))
		if err := c.Index.Put(put[i:j], c.Graph.CitedByCount); err != nil {
			return fmt.Errorf("ingest: index put: %w", err)
		}
	}
	return nil
}

// reconcile compares the index's documents with the store's: documents
// only in the index are deleted, documents only in the store are indexed.
func (c *Corpus) reconcile(docs []*document.Document) error {
	have, err := c.Index.DocIDs()
	if err != nil {
		return fmt.Errorf("ingest: list index: %w", err)
	}
	in := make(map[string]bool, len(have))
	var ids []string
	for _, id := range have {
		in[id] = true
		if !c.Store.Has(id) {
			ids = append(ids, id)
		}
	}
	for _, d := range docs {
		if !in[d.ID] {
			ids = append(ids, d.ID)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	c.log.Info("reconciling index with store", "ids", len(ids))
	return c.syncIndex(ids)
}

// parsed is a document ready to be committed with the bytes it came from.
type parsed struct {
	file string
	doc  *document.Document
	data []byte
	meta []byte
}

// refTargets returns the distinct ids doc refers to, other than itself.
func refTargets(doc *document.Document) []string {
	if doc == nil {
		return nil
	}
	seen := map[string]bool{}
	var out []string
	for _, r := range doc.References {
		if r.ID != "" && r.ID != doc.ID && !seen[r.ID] {
			seen[r.ID] = true
			out = append(out, r.ID)
		}
	}
	return out
}

// commit writes parsed documents to store, graph and index as one batch
// under the write lock, and returns one outcome per document. A document
// whose bytes the store already holds is a duplicate; one with the id of
// a held document replaces it as its newest version.
func (c *Corpus) commit(ps []parsed) []Outcome {
	c.mu.Lock()
	defer c.mu.Unlock()
	outs := make([]Outcome, len(ps))

	// Name every id this batch may touch before touching anything.
	touched := map[string]bool{}
	for _, p := range ps {
		touched[p.doc.ID] = true
		for _, t := range refTargets(p.doc) {
			touched[t] = true
		}
		if old, err := c.Store.Document(p.doc.ID); err == nil {
			for _, t := range refTargets(old) {
				touched[t] = true
			}
		}
	}
	for id := range c.lagging {
		touched[id] = true
	}
	ids := make([]string, 0, len(touched))
	for id := range touched {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	if err := c.writeJournal(ids); err != nil {
		for i, p := range ps {
			outs[i] = failed(p.file, err)
		}
		return outs
	}

	final := map[string]*document.Document{}
	var order []string
	recs := map[string]*store.Record{} // records of this batch, by id
	shas := map[string]string{}        // hashes of this batch → id
	for i, p := range ps {
		doc := p.doc
		sha := doc.Source.SHA256
		if id, ok := c.Store.IDBySHA(sha); ok {
			outs[i] = Outcome{File: p.file, ID: id, Status: StatusDuplicate}
			continue
		}
		if id, ok := shas[sha]; ok {
			outs[i] = Outcome{File: p.file, ID: id, Status: StatusDuplicate}
			continue
		}
		rec, replaced := recs[doc.ID], true
		if rec == nil {
			var err error
			rec, err = c.Store.Record(doc.ID)
			if errors.Is(err, store.ErrNotFound) {
				rec, err, replaced = &store.Record{}, nil, false
			}
			if err != nil {
				outs[i] = failed(p.file, err)
				continue
			}
		}
		if _, err := c.Store.PutOriginal(p.data); err != nil {
			outs[i] = failed(p.file, err)
			continue
		}
		v := store.Version{SHA256: sha, File: doc.Source.File, Format: doc.Source.Format,
			Size: doc.Source.Size, Ingested: time.Now().UTC(), ExtractorVersion: doc.ExtractorVersion}
		if p.meta != nil {
			msha, err := c.Store.PutOriginal(p.meta)
			if err != nil {
				outs[i] = failed(p.file, err)
				continue
			}
			v.MetadataSHA256 = msha
		}
		rec = &store.Record{Document: *doc, Versions: append(append([]store.Version(nil), rec.Versions...), v)}
		recs[doc.ID] = rec
		shas[sha] = doc.ID
		if _, ok := final[doc.ID]; !ok {
			order = append(order, doc.ID)
		}
		final[doc.ID] = doc
		outs[i] = Outcome{File: p.file, ID: doc.ID, Status: StatusIngested, Replaced: replaced, Pages: doc.Pages}
	}
	batch := make([]*store.Record, 0, len(order))
	for _, id := range order {
		batch = append(batch, recs[id])
	}
	if err := c.Store.PutRecords(batch); err != nil {
		// Some records may be written: the journal stays, and the next
		// Open brings the index in line with whatever the store holds.
		for i := range outs {
			if outs[i].Status == StatusIngested {
				outs[i] = failed(outs[i].File, err)
			}
		}
		return outs
	}
	for _, id := range order {
		c.Graph.Add(final[id])
	}

	// The documents they cite are not put again: the index reads cited-by
	// counts from the graph (indexer.Options.CitedBy).
	put := make([]*document.Document, 0, len(final))
	for _, id := range order {
		put = append(put, final[id])
	}
	if len(put) > 0 {
		if err := c.Index.Put(put, c.Graph.CitedByCount); err != nil {
			// The store holds the batch; the index catches up on the next
			// write (lagging) or, at the latest, the next Open (journal).
			c.log.Error("index write failed; retried with the next write", "err", err)
			for _, d := range put {
				c.lagging[d.ID] = true
			}
			for i := range outs {
				if outs[i].Status == StatusIngested {
					outs[i].Reason = "stored; index update deferred: " + err.Error()
				}
			}
			return outs
		}
	}
	if !c.catchUp() {
		return outs
	}
	if err := c.clearJournal(); err != nil {
		c.log.Error("cannot clear the journal", "err", err)
	}
	return outs
}

// catchUp retries the index writes that failed earlier; it reports whether
// the index is now in line with the store.
func (c *Corpus) catchUp() bool {
	if len(c.lagging) == 0 {
		return true
	}
	ids := make([]string, 0, len(c.lagging))
	for id := range c.lagging {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	if err := c.syncIndex(ids); err != nil {
		c.log.Error("index still behind the store", "ids", len(ids), "err", err)
		return false
	}
	clear(c.lagging)
	return true
}

// IngestBytes parses one file's bytes and adds the document to the
// corpus; name is recorded as the source file name only. Bytes the store
// already holds are a duplicate and are not parsed again.
func (c *Corpus) IngestBytes(ctx context.Context, name string, data []byte) Outcome {
	return c.ingestOne(ctx, name, data, nil)
}

func (c *Corpus) ingestOne(ctx context.Context, name string, data, meta []byte) Outcome {
	if id, ok := c.Store.IDBySHA(store.SHA256(data)); ok {
		return Outcome{File: name, ID: id, Status: StatusDuplicate}
	}
	po := c.opts.Parse
	po.Metadata = meta
	doc, err := Parse(ctx, name, data, po)
	if err != nil {
		return failed(name, err)
	}
	return c.commit([]parsed{{file: name, doc: doc, data: data, meta: meta}})[0]
}

// Delete removes a document from index, store and graph. Edges that cite
// it stay in the graph, pointing at a node that is no longer held; its
// originals stay in the store. It returns store.ErrNotFound for an id the
// corpus does not hold.
func (c *Corpus) Delete(id string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	doc, err := c.Store.Document(id)
	if err != nil {
		return err
	}
	ids := append([]string{id}, refTargets(doc)...)
	for l := range c.lagging {
		ids = append(ids, l)
	}
	if err := c.writeJournal(ids); err != nil {
		return err
	}
	if err := c.Store.Delete(id); err != nil {
		return err
	}
	c.Graph.Remove(id)
	if err := c.syncIndex(ids); err != nil {
		for _, l := range ids {
			c.lagging[l] = true
		}
		return err
	}
	clear(c.lagging)
	return c.clearJournal()
}

// File is one file handed to IngestFiles.
type File struct {
	Name     string // recorded as the document's source file name
	Data     []byte
	Metadata []byte // OB metadata.xml for an XML document, or nil
}

// IngestFiles parses every file first and adds them to the corpus only
// when all of them parse (duplicates count as parsed): one bad file in an
// upload changes nothing. The outcomes are in input order; when any file
// failed, the others are reported as not ingested and err wraps the first
// failure's error (ErrTooLarge, ErrUnsupported or ErrUnparsable).
func (c *Corpus) IngestFiles(ctx context.Context, files []File) ([]Outcome, error) {
	outs := make([]Outcome, len(files))
	var ps []parsed
	var at []int
	var firstErr error
	for i, f := range files {
		if id, ok := c.Store.IDBySHA(store.SHA256(f.Data)); ok {
			outs[i] = Outcome{File: f.Name, ID: id, Status: StatusDuplicate}
			continue
		}
		po := c.opts.Parse
		po.Metadata = f.Metadata
		doc, err := Parse(ctx, f.Name, f.Data, po)
		if err != nil {
			outs[i] = failed(f.Name, err)
			if firstErr == nil {
				firstErr = fmt.Errorf("%s: %w", f.Name, outs[i].Err)
			}
			continue
		}
		ps = append(ps, parsed{file: f.Name, doc: doc, data: f.Data, meta: f.Metadata})
		at = append(at, i)
	}
	if firstErr != nil {
		for k, i := range at {
			outs[i] = Outcome{File: files[i].Name, ID: ps[k].doc.ID, Status: StatusFailed,
				Reason: "not ingested: another file of the request failed"}
		}
		return outs, firstErr
	}
	if len(ps) > 0 {
		for k, o := range c.commit(ps) {
			outs[at[k]] = o
		}
	}
	return outs, nil
}

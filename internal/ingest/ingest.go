// Package ingest is the pipeline that feeds the corpus: it opens a data
// directory (store, index, graph), turns files into documents (PDF, OB XML,
// plain text, sniffed by content), and writes each document to store, index
// and graph. Failures are reported per file; a batch never aborts.
//
// Layout of a data directory:
//
//	store/            originals, parsed documents and their catalog
//	                  (package store): the truth
//	index/CURRENT     the name of the live index, e.g. "ix-3"
//	index/ix-3/       the bleve index (package indexer), derived from the
//	                  store; with another indexer.Opener (Options.Indexes),
//	                  the index called ix-3 lives where that one keeps it
//	reindex.pending   a re-extraction is under way (or was interrupted)
//
// The citation graph is held in memory, loaded at Open from the skeletons
// in the store's catalog (no stored document is read), with mention
// contexts read from the catalog when a query returns them.
//
// A write goes to the store first, then to the graph and the index. Beside
// the store, in its catalog, a table per index ("index/ix-3") records the
// version of each document that the index holds (its original's hash and
// its extractor version), written after each index write; cited-by counts
// the index reads from the graph at search time. Open compares that table
// with the store's versions, and puts or deletes whatever differs:
// after a crash at any point, store, index and graph agree again.
package ingest

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"sync"
	"sync/atomic"
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
	// by a bulk ingest (default 256).
	BatchSize int
	// Parse bounds the work on one file (size, pages, time).
	Parse ParseOptions
	// Index is passed to Indexes.Open.
	Index indexer.Options
	// Indexes opens, finds and removes the indexes by name (default:
	// embedded indexes in the folders of <Dir>/index).
	Indexes indexer.Opener
	// WithoutGraph leaves the citation graph unloaded, for a process that
	// only writes (a command-line ingest): cited-by counts come from the
	// store's catalog, and Graph stays empty. Loading the graph costs
	// seconds and hundreds of MB per hundred thousand documents, and
	// keeping the documents written in it memory that grows with every
	// one, which such a process would not use.
	WithoutGraph bool
	// Background makes Open return once the index is open, and load the
	// graph and bring the index in line with the store on another
	// goroutine: searches are answered at once, graph queries and writes
	// wait until that is done (Ready). For a server.
	Background bool
}

// Corpus is an opened data directory: the store of originals and parsed
// documents, the search index and the citation graph, kept consistent.
// Reads (search, show, graph queries) may run at any time; writes
// (ingest, delete) are serialised by the corpus; a reindex runs beside
// them.
type Corpus struct {
	Store *store.Store
	// Index is the index that was live when the corpus was opened. After
	// a Reindex it is closed: use AcquireIndex (or CurrentIndex).
	Index indexer.Backend
	Graph *graph.Graph
	log   *slog.Logger
	opts  Options
	dir   string

	mu       sync.Mutex // serialises writes to store, index and graph
	building *liveIndex // the index a Reindex is building, or nil; guarded by mu
	reindex  sync.Mutex // one Reindex at a time

	ixMu    sync.Mutex // guards live and retired
	live    *liveIndex
	retired []*liveIndex // replaced, still in use by searches
	closed  bool
	unlock  func()

	lagging map[string]bool // ids whose index write failed; guarded by mu
	// graphLoaded is set once Graph holds every stored document; until
	// then cited-by counts come from the store's catalog.
	graphLoaded atomic.Bool
	ready       chan struct{} // closed when Open's work is done
}

// citedBy is a held document's current cited-by count, for search and
// for the index: from the graph once it is loaded, and from the catalog's
// counts before (so that a server answers searches while its graph loads)
// or without a graph (Options.WithoutGraph).
func (c *Corpus) citedBy(id string) int {
	if !c.graphLoaded.Load() {
		if n, ok := c.Store.CitedByCount(id); ok {
			if graph.ValidID(id) != nil {
				return 0
			}
			return n
		}
	}
	return c.Graph.CitedByCount(id)
}

// Ready returns a channel closed when the graph is loaded and the index in
// line with the store: at once, unless Options.Background.
func (c *Corpus) Ready() <-chan struct{} { return c.ready }

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
// store (cataloguing a store written by an older version, with progress
// logged), loads the graph from the store's catalog, opens the index
// named by index/CURRENT (building one from the store when there is none
// or it cannot be used) and brings it in line with the store by version.
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
	opts.Parse = opts.Parse.withDefaults()
	if opts.Indexes == nil {
		opts.Indexes = indexer.DirOpener{Root: filepath.Join(opts.Dir, "index")}
	}
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
	log := opts.Logger
	var last time.Time
	st, err := store.OpenWith(filepath.Join(opts.Dir, "store"), store.Options{Progress: func(done, total int) {
		if done == total || time.Since(last) > 2*time.Second {
			if last.IsZero() {
				log.Info("data directory written by an older version: cataloguing the stored documents (nothing is re-parsed)", "documents", total)
			}
			last = time.Now()
			log.Info("cataloguing stored documents", "done", done, "total", total)
		}
	}})
	if err != nil {
		return nil, err
	}
	c := &Corpus{Store: st, Graph: graph.New(), log: log, dir: opts.Dir, lagging: map[string]bool{},
		ready: make(chan struct{})}
	// Search reads cited-by counts from the graph, so a new citation
	// re-indexes nothing.
	opts.Index.CitedBy = c.citedBy
	c.opts = opts
	if err := c.open(); err != nil {
		c.closeAll()
		return nil, err
	}
	return c, nil
}

func (c *Corpus) open() error {
	st := c.Store
	c.Graph.SetContextsToMany(st.ContextsToMany)
	load := c.Graph.BeginLoad() // graph queries wait from here
	loaded := false
	defer func() {
		if !loaded {
			_ = load(func(func(*document.Document)) error { return nil })
		}
	}()

	// An interrupted re-extraction left records of both extractor
	// versions: the live index is reconciled with them like after any
	// crash, and serve finishes the re-extraction.
	if _, err := os.Stat(c.reindexMarker()); err == nil {
		c.log.Info("a re-extraction was interrupted; its index is dropped")
		_ = os.Remove(c.reindexMarker())
	}
	cur, err := c.currentIndex()
	if err != nil {
		return err
	}
	if cur != "" {
		ok, err := c.opts.Indexes.Exists(cur)
		if err != nil {
			return fmt.Errorf("ingest: index %s in %s: %w", cur, c.opts.Indexes, err)
		}
		if !ok {
			c.log.Warn("index missing; rebuilding it from the store", "dir", cur, "indexes", c.opts.Indexes.String())
			cur = ""
		}
	}
	var ix indexer.Backend
	if cur != "" {
		ix, err = c.opts.Indexes.Open(cur, c.opts.Index)
		if _, down := indexer.IsUnavailable(err); down {
			// A search node that does not answer says nothing about the
			// index: rebuilding would not help.
			return fmt.Errorf("ingest: open index %s: %w", cur, err)
		}
		if err != nil {
			// The index is derived: when it cannot be used (another
			// mapping version, damaged files), build a new one.
			if errors.Is(err, indexer.ErrMappingChanged) {
				c.log.Info("index mapping changed; rebuilding the index from the store", "documents", st.Len())
			} else {
				c.log.Warn("cannot open the index; rebuilding it from the store", "dir", cur, "err", err, "documents", st.Len())
			}
			cur, ix = "", nil
		}
	}
	if ix == nil {
		// A new index is named current at once: its table records what
		// it holds, so a build cut short resumes where it stopped.
		if cur, ix, err = c.newIndex(); err != nil {
			return err
		}
		if err := c.setCurrentIndex(cur); err != nil {
			ix.Close()
			return err
		}
		if st.Len() > 0 {
			c.log.Info("building the index from the store", "documents", st.Len())
		}
	}
	l := &liveIndex{ix: ix, name: cur}
	c.live, c.Index = l, ix

	// The rest needs the graph: writes wait for it (c.mu), searches not.
	c.mu.Lock()
	loaded = true
	finish := func() error {
		defer close(c.ready)
		defer c.mu.Unlock()
		start := time.Now()
		err := load(func(add func(*document.Document)) error {
			if c.opts.WithoutGraph {
				return nil
			}
			return st.EachSkeleton(func(sk *document.Document) error {
				add(sk)
				return nil
			})
		})
		if err != nil {
			return err
		}
		c.graphLoaded.Store(!c.opts.WithoutGraph)
		c.log.Debug("graph loaded", "documents", st.Len(), "elapsed", time.Since(start))
		if !st.HasState(indexTable(cur)) {
			if err := c.adoptIndex(l); err != nil {
				return err
			}
		}
		if err := c.reconcile(l, true); err != nil {
			return err
		}
		c.removeStaleIndexes()
		// Loading the graph and comparing the index read the whole
		// catalog: its pages need not stay resident.
		st.ReleaseMapped()
		return nil
	}
	if c.opts.Background {
		go func() {
			if err := finish(); err != nil {
				c.log.Error("opening the corpus: the index may lag the store until the next start", "err", err)
			}
		}()
		return nil
	}
	return finish()
}

// Close closes the index (and indexes replaced by Reindex) and the store.
// Closing twice is harmless.
func (c *Corpus) Close() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.ixMu.Lock()
	if c.closed {
		c.ixMu.Unlock()
		return nil
	}
	c.closed = true
	c.ixMu.Unlock()
	err := c.closeAll()
	if c.unlock != nil {
		c.unlock()
	}
	return err
}

// closeAll closes every open index and the store.
func (c *Corpus) closeAll() error {
	c.ixMu.Lock()
	all := append([]*liveIndex{c.live}, c.retired...)
	c.retired = nil
	c.ixMu.Unlock()
	var errs []error
	for _, l := range all {
		if l != nil {
			errs = append(errs, l.close(c))
		}
	}
	errs = append(errs, c.Store.Close())
	return errors.Join(errs...)
}

// Dir returns the data directory.
func (c *Corpus) Dir() string { return c.dir }

// ParseOptions returns the limits the corpus applies to one file.
func (c *Corpus) ParseOptions() ParseOptions { return c.opts.Parse }

// Stale returns the ids of stored documents parsed by another extractor
// version than ExtractorVersion: Reindex re-extracts them. It reads the
// store's catalog only.
func (c *Corpus) Stale() ([]string, error) {
	var ids []string
	err := c.Store.EachCurrent(func(id string, v store.Version) error {
		if v.ExtractorVersion != ExtractorVersion {
			ids = append(ids, id)
		}
		return nil
	})
	return ids, err
}

func (c *Corpus) reindexMarker() string { return filepath.Join(c.dir, "reindex.pending") }

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

// storedTargets returns the distinct ids the held document id refers to,
// from the store's catalog.
func (c *Corpus) storedTargets(id string) []string {
	refs, err := c.Store.Contexts(id)
	if err != nil {
		return nil
	}
	return refTargets(&document.Document{ID: id, References: refs})
}

// commit writes parsed documents to store, graph and index as one batch
// under the write lock, and returns one outcome per document. A document
// whose bytes the store already holds is a duplicate; one with the id of
// a held document replaces it as its newest version. When the store write
// fails partway, the documents it did write are ingested (in graph and
// index too) and the others failed: store, index and graph agree by
// version after any failure.
func (c *Corpus) commit(ps []parsed) []Outcome {
	c.mu.Lock()
	defer c.mu.Unlock()
	// What a batch reads and writes of the catalog (random leaves of
	// every table) need not stay resident after it: a bulk ingest keeps
	// the catalog pages of one batch, not of all it touched.
	defer c.Store.ReleaseMapped()
	outs := make([]Outcome, len(ps))

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
		var versions []store.Version
		replaced := false
		if rec := recs[doc.ID]; rec != nil {
			versions, replaced = rec.Versions, true
		} else if vs, ok := c.Store.Versions(doc.ID); ok {
			versions, replaced = vs, true
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
		recs[doc.ID] = &store.Record{Document: *doc, Versions: append(append([]store.Version(nil), versions...), v)}
		shas[sha] = doc.ID
		if _, ok := final[doc.ID]; !ok {
			order = append(order, doc.ID)
		}
		final[doc.ID] = doc
		outs[i] = Outcome{File: p.file, ID: doc.ID, Status: StatusIngested, Replaced: replaced, Pages: doc.Pages}
	}
	if len(order) == 0 {
		return outs
	}
	batch := make([]*store.Record, 0, len(order))
	for _, id := range order {
		batch = append(batch, recs[id])
	}
	landed := order
	if err := c.Store.PutRecords(batch); err != nil {
		// Which records the store now holds, by version: those are in.
		landed = nil
		in := map[string]bool{}
		for _, id := range order {
			if cur, ok := c.Store.Current(id); ok && cur.SHA256 == recs[id].Current().SHA256 {
				landed = append(landed, id)
				in[id] = true
			}
		}
		c.log.Error("store write failed", "err", err, "written", len(landed), "of", len(order))
		for i := range outs {
			if outs[i].Status == StatusIngested && !in[outs[i].ID] {
				outs[i] = failed(outs[i].File, err)
			}
		}
	}
	if len(landed) == 0 {
		return outs
	}

	// The documents they cite are not put again: the index reads cited-by
	// counts from the graph (indexer.Options.CitedBy).
	for _, id := range landed {
		c.graphAdd(final[id])
	}
	ids := append([]string(nil), landed...)
	sort.Strings(ids)
	// The documents just stored are indexed as they are in hand: reading
	// each record back (a gunzip and a JSON decode per document) cost
	// about a twentieth of a bulk ingest's CPU.
	have := make(map[string]*document.Document, len(landed))
	for _, id := range landed {
		have[id] = &recs[id].Document
	}
	if err := c.syncIndexesWith(ids, have); err != nil {
		// The store holds the batch; the index catches up on the next
		// write (lagging) or, at the latest, the next Open.
		c.log.Error("index write failed; retried with the next write", "err", err)
		for i := range outs {
			if outs[i].Status == StatusIngested {
				outs[i].Reason = "stored; index update deferred: " + err.Error()
			}
		}
		return outs
	}
	c.catchUp()
	return outs
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

// graphAdd adds doc's skeleton to the graph, unless the corpus was opened
// without its graph: then the graph stays empty (Options.WithoutGraph).
func (c *Corpus) graphAdd(doc *document.Document) {
	if !c.opts.WithoutGraph {
		c.Graph.Add(store.Skeleton(doc))
	}
}

// graphRemove takes id out of the graph, unless the corpus was opened
// without its graph.
func (c *Corpus) graphRemove(id string) {
	if !c.opts.WithoutGraph {
		c.Graph.Remove(id)
	}
}

// Delete removes a document from index, store and graph. Edges that cite
// it stay in the graph, pointing at a node that is no longer held; its
// originals stay in the store. It returns store.ErrNotFound for an id the
// corpus does not hold.
func (c *Corpus) Delete(id string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.Store.Has(id) {
		return fmt.Errorf("%w: document %q", store.ErrNotFound, id)
	}
	ids := append([]string{id}, c.storedTargets(id)...)
	if err := c.Store.Delete(id); err != nil {
		return err
	}
	c.graphRemove(id)
	if err := c.syncIndexes(ids); err != nil {
		return err
	}
	c.catchUp()
	return nil
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

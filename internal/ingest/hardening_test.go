package ingest

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"kamerzoek/indexer"
	"kamerzoek/internal/graph"
	"kamerzoek/internal/pdftext"
	"kamerzoek/internal/realdata"
	"kamerzoek/internal/store"
)

// hits returns the ids of the documents a search of the live index finds.
func hits(t testing.TB, c *Corpus, q string) []string {
	t.Helper()
	ix, release := c.AcquireIndex()
	defer release()
	res, err := ix.Search(indexer.Request{Query: q, Sections: -1})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, h := range res.Hits {
		ids = append(ids, h.ID)
	}
	return ids
}

// crash ends a corpus as a killed process would: nothing is flushed
// beyond what each write already made durable (bleve's batches are
// persisted before they return), and the locks go.
func crash(c *Corpus) {
	c.ixMu.Lock()
	ix := c.live.ix
	c.ixMu.Unlock()
	ix.Close()
	c.Store.Close()
	c.unlock()
}

// When the store write of a batch fails partway, the records it wrote are
// ingested everywhere (the graph and the index have the new version of a
// replaced document at once), the others fail, and later writes and a
// crash change nothing to that: store, index and graph agree by version.
func TestStoreFailurePartwayKeepsAllInStep(t *testing.T) {
	dir := t.TempDir()
	c := openCorpus(t, dir)
	c.commit([]parsed{handDoc("kst-8-1", "eerste versie")})
	// A directory where kst-8-2's record file belongs: its write fails.
	if err := os.MkdirAll(filepath.Join(dir, "store", "docs", "kst-8-2.json.gz", "x"), 0o755); err != nil {
		t.Fatal(err)
	}
	outs := c.commit([]parsed{handDoc("kst-8-1", "tweede versie hazelnoot", "kst-8-3"), handDoc("kst-8-2", "nooit")})
	if outs[0].Status != StatusIngested || !outs[0].Replaced || outs[1].Status != StatusFailed {
		t.Fatalf("outcomes %+v", outs)
	}
	if got := hits(t, c, "hazelnoot"); strings.Join(got, " ") != "kst-8-1" {
		t.Errorf("index after the failure: %v", got)
	}
	if l, err := c.Graph.Cites("kst-8-1", graph.EdgeQuery{}); err != nil || len(l.Edges) != 1 || l.Edges[0].ID != "kst-8-3" {
		t.Errorf("graph after the failure: %+v, %v", l, err)
	}
	if err := c.Check(); err != nil {
		t.Errorf("after the failure: %v", err)
	}
	// A later write goes through; then the process dies.
	if o := c.commit([]parsed{handDoc("kst-8-4", "later")})[0]; o.Status != StatusIngested {
		t.Fatal(o)
	}
	crash(c)

	c = openCorpus(t, dir)
	defer c.Close()
	if err := c.Check(); err != nil {
		t.Errorf("after reopening: %v", err)
	}
	if got := hits(t, c, "hazelnoot"); strings.Join(got, " ") != "kst-8-1" {
		t.Errorf("index after reopening: %v", got)
	}
	if c.Store.Has("kst-8-2") {
		t.Error("kst-8-2 held")
	}
}

// A record replaced in the store behind the index's back (a crash after
// the store write) is re-indexed at the next Open: the index is compared
// with the store by version, not by which ids it holds.
func TestOpenComparesVersions(t *testing.T) {
	dir := t.TempDir()
	c := openCorpus(t, dir)
	c.commit([]parsed{handDoc("kst-9-1", "oud", "kst-9-2"), handDoc("kst-9-2", "doel")})
	// The new version reaches the store only.
	p := handDoc("kst-9-1", "nieuw walnoot")
	vs, _ := c.Store.Versions("kst-9-1")
	rec := &store.Record{Document: *p.doc, Versions: append(vs, store.Version{SHA256: p.doc.Source.SHA256, File: "n.txt",
		Ingested: time.Now().UTC(), ExtractorVersion: ExtractorVersion})}
	if err := c.Store.PutRecord(rec); err != nil {
		t.Fatal(err)
	}
	crash(c)

	c = openCorpus(t, dir)
	defer c.Close()
	if got := hits(t, c, "walnoot"); strings.Join(got, " ") != "kst-9-1" {
		t.Errorf("new version not indexed: %v", got)
	}
	if got := citedByInIndex(t, c, "kst-9-2"); got != 0 {
		t.Errorf("kst-9-2 cited_by %d, want 0", got)
	}
	if l, _ := c.Graph.Cites("kst-9-1", graph.EdgeQuery{}); len(l.Edges) != 0 {
		t.Errorf("graph keeps the old version's edges: %+v", l.Edges)
	}
	if err := c.Check(); err != nil {
		t.Error(err)
	}
}

// Writes do not wait for a reindex: while its parsers are held, a commit
// goes through; it reaches the new index too.
func TestReindexDoesNotBlockWrites(t *testing.T) {
	c := openCorpus(t, t.TempDir())
	defer c.Close()
	ctx := context.Background()
	for _, nr := range []int{430, 431} {
		if o := c.IngestBytes(ctx, "l.txt", []byte(letter(nr, ""))); o.Status != StatusIngested {
			t.Fatal(o)
		}
	}
	gate := make(chan struct{})
	var parsing atomic.Int32
	c.opts.Parse.stall = func(context.Context) {
		parsing.Add(1)
		<-gate
	}
	type result struct {
		st  ReindexStats
		err error
	}
	done := make(chan result, 1)
	go func() {
		st, err := c.Reindex(ctx)
		done <- result{st, err}
	}()
	for parsing.Load() == 0 {
		time.Sleep(time.Millisecond)
	}
	wrote := make(chan Outcome, 1)
	go func() {
		wrote <- c.commit([]parsed{handDoc("kst-29911-439", "geschreven tijdens de herindexering pecannoot")})[0]
	}()
	select {
	case o := <-wrote:
		if o.Status != StatusIngested {
			t.Fatal(o)
		}
	case <-time.After(20 * time.Second):
		close(gate)
		t.Fatal("a write waited for the reindex")
	}
	close(gate)
	r := <-done
	if r.err != nil {
		t.Fatal(r.err)
	}
	if got := hits(t, c, "pecannoot"); strings.Join(got, " ") != "kst-29911-439" {
		t.Errorf("the write is not in the new index: %v", got)
	}
	if err := c.Check(); err != nil {
		t.Error(err)
	}
}

// An index replaced by a reindex stays open while a search holds it, and
// is closed and removed when the last one releases it.
func TestRetiredIndexCountsReferences(t *testing.T) {
	dir := t.TempDir()
	c := openCorpus(t, dir)
	defer c.Close()
	c.commit([]parsed{handDoc("kst-10-1", "amandel")})
	old, release := c.AcquireIndex()
	oldName, _ := c.currentIndex()
	if _, err := c.Reindex(context.Background()); err != nil {
		t.Fatal(err)
	}
	if now, _ := c.currentIndex(); now == oldName {
		t.Fatal("no new index")
	}
	// Long after any timer would have fired, the held index still answers.
	res, err := old.Search(indexer.Request{Query: "amandel"})
	if err != nil || res.Total != 1 {
		t.Fatalf("search on the held index: %+v, %v", res, err)
	}
	if _, err := os.Stat(filepath.Join(dir, "index", oldName)); err != nil {
		t.Fatalf("held index removed: %v", err)
	}
	release()
	release() // a second release is harmless
	if _, err := os.Stat(filepath.Join(dir, "index", oldName)); !os.IsNotExist(err) {
		t.Errorf("released index kept: %v", err)
	}
	if _, err := old.Search(indexer.Request{Query: "amandel"}); err == nil {
		t.Error("released index still open")
	}
}

// A parser that honours its context stops when Parse gives up on it:
// nothing is left running.
func TestParseStopsParserOnTimeout(t *testing.T) {
	stopped := make(chan struct{})
	_, err := Parse(context.Background(), "slow.txt", []byte("tekst"), ParseOptions{
		Timeout: 20 * time.Millisecond,
		stall: func(ctx context.Context) {
			<-ctx.Done()
			close(stopped)
		},
	})
	if !errors.Is(err, ErrTimeout) {
		t.Fatalf("err = %v", err)
	}
	select {
	case <-stopped:
	case <-time.After(5 * time.Second):
		t.Fatal("parser still running")
	}
	if n := Abandoned(); n != 0 {
		t.Errorf("%d parsers abandoned", n)
	}
}

// The PDF reader stops between pages once its context is done.
func TestPDFReaderTakesContext(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(realdata.Path(t, "seed"), "kst-29911-337.latex.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := pdftext.ReadContext(ctx, data, pdftext.Options{}); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
	if _, err := Parse(ctx, "a.pdf", data, ParseOptions{}); err == nil {
		t.Error("Parse with a cancelled context: no error")
	}
}

// Parsers that ignore their context are abandoned at most MaxAbandoned at
// a time; further timed-out parses wait for theirs.
func TestAbandonedParsesBounded(t *testing.T) {
	for deadline := time.Now().Add(5 * time.Second); Abandoned() > 0 && time.Now().Before(deadline); {
		time.Sleep(5 * time.Millisecond) // parsers other tests left
	}
	release := make(chan struct{})
	const n = MaxAbandoned + 3
	var returned atomic.Int32
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := Parse(context.Background(), "stuck.txt", []byte("tekst"), ParseOptions{
				Timeout: 10 * time.Millisecond,
				stall:   func(context.Context) { <-release },
			})
			if !errors.Is(err, ErrTimeout) {
				t.Errorf("err = %v", err)
			}
			returned.Add(1)
		}()
	}
	deadline := time.Now().Add(10 * time.Second)
	for returned.Load() < MaxAbandoned && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	time.Sleep(300 * time.Millisecond) // time for more to return, were they not bounded
	if got := returned.Load(); got != MaxAbandoned {
		t.Errorf("%d parses returned with their parser left running, want %d", got, MaxAbandoned)
	}
	if a := Abandoned(); a > MaxAbandoned {
		t.Errorf("%d abandoned", a)
	}
	close(release)
	wg.Wait()
	for deadline := time.Now().Add(5 * time.Second); Abandoned() > 0 && time.Now().Before(deadline); {
		time.Sleep(5 * time.Millisecond)
	}
	if a := Abandoned(); a != 0 {
		t.Errorf("%d still abandoned after release", a)
	}
}

// Opened with Background, the corpus answers searches at once, and graph
// queries, writes and Check once the graph is loaded, as a foreground
// Open would.
func TestOpenInBackground(t *testing.T) {
	dir := t.TempDir()
	c := openCorpus(t, dir)
	c.commit([]parsed{handDoc("kst-11-1", "kastanje"), handDoc("kst-11-2", "beuk", "kst-11-1")})
	crash(c)
	c, err := Open(Options{Dir: dir, Background: true})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if got := hits(t, c, "kastanje"); strings.Join(got, " ") != "kst-11-1" {
		t.Errorf("search: %v", got)
	}
	if n := c.Graph.CitedByCount("kst-11-1"); n != 1 {
		t.Errorf("cited-by %d", n)
	}
	<-c.Ready()
	if err := c.Check(); err != nil {
		t.Error(err)
	}
}

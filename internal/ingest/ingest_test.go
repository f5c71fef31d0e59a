package ingest

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"kamerzoek/indexer"
	"kamerzoek/internal/document"
	"kamerzoek/internal/pdftext"
	"kamerzoek/internal/realdata"
	"kamerzoek/internal/store"
)

func TestSniff(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"pdf", "%PDF-1.7\n...", document.FormatPDF},
		{"pdf after junk", "\x00\x01garbage%PDF-1.4", document.FormatPDF},
		{"xml declaration", "<?xml version=\"1.0\"?><officiele-publicatie/>", document.FormatXML},
		{"xml with bom and space", "\xef\xbb\xbf\n  <kamerstuk>", document.FormatXML},
		{"ob metadata", "<?xml version=\"1.0\"?><metadata_gegevens/>", document.FormatXML},
		{"html", "<!DOCTYPE html><html><body>Kamerstuk</body></html>", ""},
		{"other xml", "<?xml version=\"1.0\"?><rss/>", ""},
		{"json", "{\"id\": \"kst-1-2\"}", ""},
		{"json lines", "{\"a\":1}\n{\"a\":2}\n", ""},
		{"text in braces", "[Concept] Brief aan de Kamer\n", document.FormatText},
		{"text", "Vergaderjaar 2021–2022\n\nNr. 1\n", document.FormatText},
		{"zip", "PK\x03\x04rest", "zip"},
		{"binary", "\x89PNG\r\n\x1a\n\x00\x00", ""},
		{"latin-1", "caf\xe9 au lait", ""},
		{"empty", "", ""},
		{"whitespace", " \n\t", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Sniff([]byte(tt.in)); got != tt.want {
				t.Errorf("Sniff(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseIDFromContentNotName(t *testing.T) {
	ctx := context.Background()
	body := []byte("Een tekst zonder kenmerk van een Kamerstuk.\n\nTweede alinea.\n")
	a, err := Parse(ctx, "kst-1-2.txt", body, ParseOptions{})
	if err != nil {
		t.Fatal(err)
	}
	b, err := Parse(ctx, "other/name.pdf", body, ParseOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := "doc-" + store.SHA256(body)[:12]
	if a.ID != want || b.ID != want {
		t.Errorf("ids %q, %q; want %q for both", a.ID, b.ID, want)
	}
	if a.ExtractorVersion != ExtractorVersion || a.Source.SHA256 != store.SHA256(body) || a.Source.Format != document.FormatText || a.Source.File != "kst-1-2.txt" {
		t.Errorf("source/version not set: %+v %q", a.Source, a.ExtractorVersion)
	}

	own, err := Parse(ctx, "x.txt", []byte(letter(401, "")), ParseOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if own.ID != "kst-29911-401" {
		t.Errorf("own id = %q, want kst-29911-401", own.ID)
	}
}

func TestParseErrors(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name string
		data []byte
		opts ParseOptions
		want error
	}{
		{"binary", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00"), ParseOptions{}, ErrUnsupported},
		{"zip", []byte("PK\x03\x04\x00\x00"), ParseOptions{}, ErrUnsupported},
		{"too large", []byte(strings.Repeat("tekst ", 100)), ParseOptions{MaxBytes: 10}, ErrTooLarge},
		{"truncated pdf", []byte("%PDF-1.4\n1 0 obj\n<<"), ParseOptions{}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(ctx, tt.name, tt.data, tt.opts)
			if err == nil {
				t.Fatal("no error")
			}
			if tt.want != nil && !errors.Is(err, tt.want) {
				t.Errorf("err = %v, want %v", err, tt.want)
			}
		})
	}
}

// A parser that never returns is abandoned after the timeout.
func TestParseTimeout(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	_, err := Parse(context.Background(), "slow.txt", []byte("tekst"), ParseOptions{
		Timeout: 20 * time.Millisecond,
		stall:   func(context.Context) { <-release },
	})
	if !errors.Is(err, ErrTimeout) {
		t.Fatalf("err = %v, want ErrTimeout", err)
	}
	o := failed("slow.txt", err)
	if o.Status != StatusFailed || !strings.Contains(o.Reason, "timed out") {
		t.Errorf("outcome %+v", o)
	}
}

func TestIngestVersionsAndDuplicates(t *testing.T) {
	dir := t.TempDir()
	src := t.TempDir()
	c := openCorpus(t, dir)
	defer c.Close()
	ctx := context.Background()

	v1 := letter(401, "Eerste druk.")
	v2 := letter(401, "Herdruk met een correctie.")
	o := c.IngestBytes(ctx, "v1.txt", []byte(v1))
	if o.Status != StatusIngested || o.ID != "kst-29911-401" || o.Replaced {
		t.Fatalf("v1: %+v", o)
	}
	if o := c.IngestBytes(ctx, "again.txt", []byte(v1)); o.Status != StatusDuplicate || o.ID != "kst-29911-401" {
		t.Fatalf("v1 again: %+v", o)
	}
	o = c.IngestBytes(ctx, "v2.txt", []byte(v2))
	if o.Status != StatusIngested || !o.Replaced {
		t.Fatalf("v2: %+v", o)
	}
	rec, err := c.Store.Record("kst-29911-401")
	if err != nil {
		t.Fatal(err)
	}
	if len(rec.Versions) != 2 || rec.Versions[0].File != "v1.txt" || rec.Versions[1].File != "v2.txt" {
		t.Fatalf("versions %+v", rec.Versions)
	}
	if !strings.Contains(rec.Sections[len(rec.Sections)-1].Text, "Herdruk") && !strings.Contains(allText(&rec.Document), "Herdruk") {
		t.Errorf("current document is not the newest version")
	}
	for _, v := range rec.Versions {
		if _, err := c.Store.Original(v.SHA256); err != nil {
			t.Errorf("original %s of %s not kept: %v", v.SHA256, v.File, err)
		}
	}
	// The older bytes are still a duplicate, and change nothing.
	if o := c.IngestBytes(ctx, "v1-later.txt", []byte(v1)); o.Status != StatusDuplicate {
		t.Fatalf("v1 after v2: %+v", o)
	}
	if rec2, _ := c.Store.Record("kst-29911-401"); len(rec2.Versions) != 2 {
		t.Fatalf("versions after duplicate: %+v", rec2.Versions)
	}
	checkConsistent(t, c)

	// The same through the bulk path, from files.
	writeFile(t, filepath.Join(src, "a.txt"), letter(402, ""))
	writeFile(t, filepath.Join(src, "sub", "b.txt"), letter(403, ""))
	writeFile(t, filepath.Join(src, "sub", "copy-of-a.txt"), letter(402, ""))
	writeFile(t, filepath.Join(src, "plaatje.png"), "\x89PNG\r\n\x1a\n\x00\x00\x00")
	writeFile(t, filepath.Join(src, ".hidden.txt"), letter(404, ""))
	sum := c.Ingest(ctx, []string{src}, nil)
	if sum.Ingested != 2 || sum.Duplicates != 1 || sum.Failed != 1 || len(sum.Outcomes) != 4 || sum.OK() {
		t.Fatalf("summary %+v", sum)
	}
	for _, o := range sum.Outcomes {
		if o.Status == StatusFailed && (!strings.HasSuffix(o.File, "plaatje.png") || !errors.Is(o.Err, ErrUnsupported)) {
			t.Errorf("failure %+v", o)
		}
	}
	ids := checkConsistent(t, c)
	if strings.Join(ids, " ") != "kst-29911-401 kst-29911-402 kst-29911-403" {
		t.Errorf("ids %v", ids)
	}
}

func allText(d *document.Document) string {
	var b strings.Builder
	for _, s := range d.Sections {
		b.WriteString(s.Heading + "\n" + s.Text + "\n")
	}
	return b.String()
}

func TestIngestZipAndMetadataPairing(t *testing.T) {
	src := t.TempDir()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, body := range map[string]string{
		"brieven/a.txt":            letter(410, ""),
		"brieven/b.txt":            letter(411, ""),
		"brieven/b.metadata.xml":   "<metadata/>",
		"__MACOSX/brieven/._a.txt": "junk",
		"brieven/kapot.bin":        "\x00\x01\x02",
	} {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(body))
	}
	zw.Close()
	// Named .dat: a zip is known by its content.
	writeFile(t, filepath.Join(src, "archief.dat"), buf.String())
	writeFile(t, filepath.Join(src, "los", "c.xml"), "<kamerstuk/>")
	writeFile(t, filepath.Join(src, "los", "c.metadata.xml"), "<metadata_gegevens>c</metadata_gegevens>")
	writeFile(t, filepath.Join(src, "los", "d.xml"), "<owms-metadata/>")

	items, bad := Expand([]string{src}, 1<<20)
	if len(bad) != 0 {
		t.Fatalf("bad: %+v", bad)
	}
	var names []string
	meta := map[string]string{}
	for _, it := range items {
		n := strings.TrimPrefix(filepath.ToSlash(it.Name), filepath.ToSlash(src)+"/")
		names = append(names, n)
		meta[n] = string(it.Metadata())
	}
	want := "archief.dat!brieven/a.txt archief.dat!brieven/b.txt archief.dat!brieven/kapot.bin los/c.xml"
	if strings.Join(names, " ") != want {
		t.Fatalf("items\n got %s\nwant %s", strings.Join(names, " "), want)
	}
	if meta["archief.dat!brieven/b.txt"] != "<metadata/>" || meta["los/c.xml"] != "<metadata_gegevens>c</metadata_gegevens>" || meta["archief.dat!brieven/a.txt"] != "" {
		t.Errorf("metadata pairing: %q", meta)
	}

	c := openCorpus(t, t.TempDir())
	defer c.Close()
	sum := c.Ingest(context.Background(), []string{filepath.Join(src, "archief.dat")}, nil)
	if sum.Ingested != 2 || sum.Failed != 1 {
		t.Fatalf("summary %+v", sum)
	}
	checkConsistent(t, c)
}

func TestDeleteRemovesFromStoreIndexAndGraph(t *testing.T) {
	c := openCorpus(t, t.TempDir())
	defer c.Close()
	outs := c.commit([]parsed{
		handDoc("kst-1-1", "één"),
		handDoc("kst-1-2", "twee", "kst-1-1"),
	})
	for _, o := range outs {
		if o.Status != StatusIngested {
			t.Fatalf("%+v", o)
		}
	}
	if n := c.Graph.CitedByCount("kst-1-1"); n != 1 {
		t.Fatalf("cited by %d", n)
	}
	if got := citedByInIndex(t, c, "kst-1-1"); got != 1 {
		t.Fatalf("index cited_by = %d, want 1", got)
	}
	if err := c.Delete("kst-1-2"); err != nil {
		t.Fatal(err)
	}
	if err := c.Delete("kst-1-2"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("second delete: %v", err)
	}
	if ids := checkConsistent(t, c); strings.Join(ids, " ") != "kst-1-1" {
		t.Fatalf("ids %v", ids)
	}
	// The deleted document's citation is gone, and the index knows.
	if got := citedByInIndex(t, c, "kst-1-1"); got != 0 {
		t.Errorf("index cited_by after delete = %d, want 0", got)
	}
	// The same bytes can come back.
	if o := c.commit([]parsed{handDoc("kst-1-2", "twee", "kst-1-1")})[0]; o.Status != StatusIngested {
		t.Errorf("re-ingest after delete: %+v", o)
	}
}

// A document that cites one already held raises that one's cited-by count
// in the index, not only in the graph.
func TestCitedByCountsFollowNewDocuments(t *testing.T) {
	c := openCorpus(t, t.TempDir())
	defer c.Close()
	c.commit([]parsed{handDoc("kst-2-1", "doel")})
	c.commit([]parsed{handDoc("kst-2-2", "a", "kst-2-1")})
	c.commit([]parsed{handDoc("kst-2-3", "b", "kst-2-1", "kst-2-2")})
	for id, want := range map[string]int{"kst-2-1": 2, "kst-2-2": 1, "kst-2-3": 0} {
		if got := citedByInIndex(t, c, id); got != want {
			t.Errorf("%s: index cited_by = %d, want %d", id, got, want)
		}
	}
	// A new version of kst-2-3 that no longer cites kst-2-2.
	c.commit([]parsed{handDoc("kst-2-3", "b, herzien", "kst-2-1")})
	if got := citedByInIndex(t, c, "kst-2-2"); got != 0 {
		t.Errorf("kst-2-2 after the new version: cited_by %d, want 0", got)
	}
	c.commit([]parsed{handDoc("kst-2-4", "c", "kst-2-3", "kst-2-3", "kst-2-4", "kst-9-9")})
	if err := c.Delete("kst-2-1"); err != nil {
		t.Fatal(err)
	}

	// Before the graph is loaded, search reads the counts the catalog
	// keeps: they must be the graph's.
	c.graphLoaded.Store(false)
	defer c.graphLoaded.Store(true)
	for _, id := range []string{"kst-2-1", "kst-2-2", "kst-2-3", "kst-2-4", "kst-9-9"} {
		if got, want := c.citedBy(id), c.Graph.CitedByCount(id); got != want {
			t.Errorf("%s: cited-by from the catalog %d, from the graph %d", id, got, want)
		}
	}
	if got := citedByInIndex(t, c, "kst-2-3"); got != 1 {
		t.Errorf("kst-2-3 while the graph loads: cited_by %d, want 1", got)
	}
}

func citedByInIndex(t testing.TB, c *Corpus, id string) int {
	t.Helper()
	res, err := c.CurrentIndex().Search(indexer.Request{IDs: []string{id}, RestrictIDs: true, Sections: -1})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) != 1 {
		t.Fatalf("search for %s: %d hits", id, len(res.Hits))
	}
	return res.Hits[0].CitedBy
}

// What a crash leaves: the store ahead of the index, or an index with a
// document the store does not hold. Open repairs both.
func TestOpenRepairsAfterCrash(t *testing.T) {
	dir := t.TempDir()
	c := openCorpus(t, dir)
	c.commit([]parsed{handDoc("kst-3-1", "een")})

	// Crash after the store write, before the index write.
	p := handDoc("kst-3-2", "twee", "kst-3-1")
	if _, err := c.Store.PutOriginal(p.data); err != nil {
		t.Fatal(err)
	}
	if err := c.Store.PutRecord(&store.Record{Document: *p.doc}); err != nil {
		t.Fatal(err)
	}
	// And a document in the index that the store never got.
	if err := c.Index.Put([]*document.Document{handDoc("kst-3-9", "spook").doc}, nil); err != nil {
		t.Fatal(err)
	}
	c.Close()

	c = openCorpus(t, dir)
	defer c.Close()
	ids := checkConsistent(t, c)
	if strings.Join(ids, " ") != "kst-3-1 kst-3-2" {
		t.Fatalf("ids %v", ids)
	}
	if err := c.Check(); err != nil {
		t.Error(err)
	}
	if got := citedByInIndex(t, c, "kst-3-1"); got != 1 {
		t.Errorf("cited_by after replay = %d", got)
	}
}

// Without an index directory (deleted, or never completed) Open builds
// one from the store.
func TestOpenRebuildsMissingIndex(t *testing.T) {
	dir := t.TempDir()
	c := openCorpus(t, dir)
	c.commit([]parsed{handDoc("kst-4-1", "een"), handDoc("kst-4-2", "twee")})
	c.Close()
	if err := os.RemoveAll(filepath.Join(dir, "index")); err != nil {
		t.Fatal(err)
	}
	c = openCorpus(t, dir)
	defer c.Close()
	if ids := checkConsistent(t, c); len(ids) != 2 {
		t.Fatalf("ids %v", ids)
	}
}

func TestReindexSwapsIndexAndUpdatesVersion(t *testing.T) {
	dir := t.TempDir()
	c := openCorpus(t, dir)
	defer c.Close()
	ctx := context.Background()
	for _, nr := range []int{420, 421, 422} {
		if o := c.IngestBytes(ctx, "l.txt", []byte(letter(nr, ""))); o.Status != StatusIngested {
			t.Fatal(o)
		}
	}
	// Pretend an older extractor parsed them.
	recs, _ := c.Store.Records()
	for _, r := range recs {
		r.ExtractorVersion = "0"
		r.Title = "oud"
		if err := c.Store.PutRecord(r); err != nil {
			t.Fatal(err)
		}
	}
	if st, _ := c.Stale(); len(st) != 3 {
		t.Fatalf("stale %v", st)
	}
	before, _ := c.currentIndex()

	// Searches run throughout the reindex and never fail.
	stop := make(chan struct{})
	var wg sync.WaitGroup
	var searchErr error
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			select {
			case <-stop:
				return
			default:
			}
			ix, release := c.AcquireIndex()
			if _, err := ix.Search(indexer.Request{Query: "criminaliteit"}); err != nil && searchErr == nil {
				searchErr = err
			}
			release()
		}
	}()
	st, err := c.Reindex(ctx)
	close(stop)
	wg.Wait()
	if err != nil {
		t.Fatal(err)
	}
	if searchErr != nil {
		t.Errorf("search during reindex: %v", searchErr)
	}
	if st.Documents != 3 || st.Stale != 3 || st.From != "0" || st.To != ExtractorVersion || len(st.Failed) != 0 {
		t.Errorf("stats %+v", st)
	}
	after, _ := c.currentIndex()
	if after == before || st.Index != after {
		t.Errorf("index dir %q → %q (stats %q)", before, after, st.Index)
	}
	if s, _ := c.Stale(); len(s) != 0 {
		t.Errorf("still stale: %v", s)
	}
	rec, _ := c.Store.Record("kst-29911-420")
	if rec.Title == "oud" || rec.Current().ExtractorVersion != ExtractorVersion {
		t.Errorf("record not re-extracted: %q %+v", rec.Title, rec.Versions)
	}
	checkConsistent(t, c)
	// The old index goes when the last searches on it are over (at the
	// latest when the corpus closes).
	c.Close()
	if _, err := os.Stat(filepath.Join(dir, "index", before)); !os.IsNotExist(err) {
		t.Errorf("old index dir kept: %v", err)
	}
	c = openCorpus(t, dir)
	checkConsistent(t, c)
}

// Ingests, searches, reads and deletes at the same time: no errors, and a
// consistent corpus at the end.
func TestConcurrentIngestAndSearch(t *testing.T) {
	c := openCorpus(t, t.TempDir())
	defer c.Close()
	ctx := context.Background()
	var wg sync.WaitGroup
	errc := make(chan error, 100)
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; i < 8; i++ {
				nr := 500 + w*10 + i
				if o := c.IngestBytes(ctx, "x.txt", []byte(letter(nr, ""))); o.Status != StatusIngested {
					errc <- errors.New(o.Reason)
				}
			}
		}(w)
	}
	for r := 0; r < 3; r++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 30; i++ {
				if _, err := c.CurrentIndex().Search(indexer.Request{Query: "ondermijnende"}); err != nil {
					errc <- err
				}
				for _, id := range c.Store.IDs() {
					if _, err := c.Store.Record(id); err != nil && !errors.Is(err, store.ErrNotFound) {
						errc <- err
					}
				}
				c.Graph.CitedByCount("kst-29911-500")
			}
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; i < 5; i++ {
			_ = c.Delete("kst-29911-500")
			time.Sleep(time.Millisecond)
		}
	}()
	wg.Wait()
	close(errc)
	for err := range errc {
		t.Error(err)
	}
	checkConsistent(t, c)
}

func TestWatchFolder(t *testing.T) {
	c := openCorpus(t, t.TempDir())
	defer c.Close()
	w := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- c.Watch(ctx, w, 10*time.Millisecond) }()
	writeFile(t, filepath.Join(w, "goed.txt"), letter(430, ""))
	writeFile(t, filepath.Join(w, "fout.bin"), "\x00\x01\x02\x03")

	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		_, e1 := os.Stat(filepath.Join(w, "done", "goed.txt"))
		_, e2 := os.Stat(filepath.Join(w, "failed", "fout.bin.error.txt"))
		if e1 == nil && e2 == nil {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	cancel()
	<-done
	if !c.Store.Has("kst-29911-430") {
		t.Error("goed.txt not ingested")
	}
	if _, err := os.Stat(filepath.Join(w, "done", "goed.txt")); err != nil {
		t.Error(err)
	}
	if _, err := os.Stat(filepath.Join(w, "failed", "fout.bin")); err != nil {
		t.Error(err)
	}
	msg, err := os.ReadFile(filepath.Join(w, "failed", "fout.bin.error.txt"))
	if err != nil || !strings.Contains(string(msg), "unsupported format") {
		t.Errorf("error file: %q, %v", msg, err)
	}
	if ents, _ := os.ReadDir(w); len(ents) != 2 {
		t.Errorf("left in the watch folder: %v", ents)
	}
}

// Every real and seed PDF goes through ingest (scans as no-text-layer);
// the text PDFs, ingested again, are all duplicates and change nothing on
// disk.
func TestIngestRealPDFsTwice(t *testing.T) {
	if testing.Short() {
		t.Skip("parses the whole real PDF set")
	}
	shared := realdata.Dir(t)
	inputs := []string{filepath.Join(shared, "realdata", "pdf")}
	seeds, _ := filepath.Glob(filepath.Join(shared, "seed", "*.pdf"))
	if len(seeds) == 0 {
		t.Fatal("no seed PDFs")
	}
	inputs = append(inputs, seeds...)
	dir := t.TempDir()
	c := openCorpus(t, dir)
	ctx := context.Background()
	first := c.Ingest(ctx, inputs, nil)
	var text []string
	for _, o := range first.Outcomes {
		switch {
		case o.OK():
			text = append(text, o.File)
		case o.Status == StatusNoText:
			if !errors.Is(o.Err, pdftext.ErrNoTextLayer) {
				t.Errorf("%s: no-text-layer without the sentinel: %v", o.File, o.Err)
			}
		default:
			t.Logf("%s: %s: %s", filepath.Base(o.File), o.Status, o.Reason)
		}
	}
	if first.Ingested < 10 {
		t.Fatalf("only %d of %d real PDFs ingested: %+v", first.Ingested, len(first.Outcomes), first)
	}
	checkConsistent(t, c)
	before := snapshot(t, filepath.Join(dir, "store"))
	ixBefore, _ := c.CurrentIndex().DocIDs()

	second := c.Ingest(ctx, text, nil)
	if second.Duplicates != len(text) || !second.OK() {
		t.Fatalf("second run: %d duplicates of %d files: %+v", second.Duplicates, len(text), second)
	}
	if after := snapshot(t, filepath.Join(dir, "store")); after != before {
		t.Errorf("the second run changed the store")
	}
	ixAfter, _ := c.CurrentIndex().DocIDs()
	if strings.Join(ixAfter, " ") != strings.Join(ixBefore, " ") {
		t.Errorf("the second run changed the index")
	}
	c.Close()
}

// snapshot lists every file under dir with size and modification time.
func snapshot(t testing.TB, dir string) string {
	t.Helper()
	var lines []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		lines = append(lines, fmt.Sprint(p, " ", fi.ModTime(), " ", fi.Size()))
		return nil
	})
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

// Two versions of one document in one bulk run: the later file in input
// order is current, however the parsing interleaves.
func TestBulkVersionsFollowInputOrder(t *testing.T) {
	src := t.TempDir()
	var paths []string
	for i := 0; i < 6; i++ {
		paths = append(paths, writeFile(t, filepath.Join(src, fmt.Sprintf("v%d.txt", i)), letter(440, fmt.Sprintf("Versie %d.", i))))
	}
	c := openCorpus(t, t.TempDir())
	defer c.Close()
	sum := c.Ingest(context.Background(), []string{src}, nil)
	if sum.Ingested != 6 {
		t.Fatalf("summary %+v", sum)
	}
	for i, o := range sum.Outcomes {
		if o.File != paths[i] || o.Replaced != (i > 0) {
			t.Errorf("outcome %d: %+v", i, o)
		}
	}
	rec, err := c.Store.Record("kst-29911-440")
	if err != nil {
		t.Fatal(err)
	}
	if len(rec.Versions) != 6 || rec.Current().File != "v5.txt" || !strings.Contains(allText(&rec.Document), "Versie 5.") {
		t.Errorf("current %q of %d versions", rec.Current().File, len(rec.Versions))
	}
}

// A second opener of a data directory in use fails at once instead of
// waiting on the index's file lock.
func TestOpenFailsWhenDirectoryInUse(t *testing.T) {
	dir := t.TempDir()
	c := openCorpus(t, dir)
	if _, err := Open(Options{Dir: dir}); !errors.Is(err, ErrLocked) {
		t.Fatalf("second Open: %v, want ErrLocked", err)
	}
	c.Close()
	c2, err := Open(Options{Dir: dir})
	if err != nil {
		t.Fatalf("Open after Close: %v", err)
	}
	c2.Close()
}

// An index write that fails leaves the document stored and the id marked
// as lagging; the next Open brings the index in line.
func TestIndexFailureRepairedOnReopen(t *testing.T) {
	dir := t.TempDir()
	c := openCorpus(t, dir)
	c.Index.Close() // every index write now fails
	o := c.commit([]parsed{handDoc("kst-5-1", "een")})[0]
	if o.Status != StatusIngested || !strings.Contains(o.Reason, "deferred") || !c.lagging["kst-5-1"] {
		t.Fatalf("outcome %+v, lagging %v", o, c.lagging)
	}
	c.Store.Close()
	c.unlock() // the process ends here

	c = openCorpus(t, dir)
	defer c.Close()
	if ids := checkConsistent(t, c); strings.Join(ids, " ") != "kst-5-1" {
		t.Fatalf("ids %v", ids)
	}
}

// A re-extraction cut short (its marker and its half-built index still
// there) is dropped by the next Open, which keeps the live index in line
// with the store; the records it rewrote stay rewritten.
func TestOpenFinishesInterruptedReindex(t *testing.T) {
	dir := t.TempDir()
	c := openCorpus(t, dir)
	c.commit([]parsed{handDoc("kst-6-1", "een"), handDoc("kst-6-2", "twee", "kst-6-1")})
	before, _ := c.currentIndex()
	half, ix, err := c.newIndex()
	if err != nil {
		t.Fatal(err)
	}
	ix.Close()
	c.Close()
	writeFile(t, filepath.Join(dir, "reindex.pending"), "reindex\n")

	c = openCorpus(t, dir)
	defer c.Close()
	if after, _ := c.currentIndex(); after != before {
		t.Errorf("index %s, want %s", after, before)
	}
	if _, err := os.Stat(filepath.Join(dir, "reindex.pending")); !os.IsNotExist(err) {
		t.Errorf("marker left: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "index", half)); !os.IsNotExist(err) {
		t.Errorf("half-built index left: %v", err)
	}
	if c.Store.HasState(indexTable(half)) {
		t.Error("table of the half-built index left")
	}
	checkConsistent(t, c)
	if got := citedByInIndex(t, c, "kst-6-1"); got != 1 {
		t.Errorf("cited_by %d", got)
	}
}

// A damaged index directory is rebuilt from the store.
func TestOpenRebuildsDamagedIndex(t *testing.T) {
	dir := t.TempDir()
	c := openCorpus(t, dir)
	c.commit([]parsed{handDoc("kst-7-1", "een"), handDoc("kst-7-2", "twee")})
	cur, _ := c.currentIndex()
	c.Close()
	// Clobber every file of the index.
	filepath.WalkDir(filepath.Join(dir, "index", cur), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			os.WriteFile(p, []byte("kapot"), 0o644)
		}
		return nil
	})
	c = openCorpus(t, dir)
	defer c.Close()
	if ids := checkConsistent(t, c); len(ids) != 2 {
		t.Fatalf("ids %v", ids)
	}
	if now, _ := c.currentIndex(); now == cur {
		t.Errorf("still on the damaged index %s", cur)
	}
}

// A corpus opened without its graph (a command-line ingest) writes and
// counts citations from the catalog; a corpus opened later with the graph
// agrees with it and with the store.
func TestWithoutGraphCountsFromTheCatalog(t *testing.T) {
	dir := t.TempDir()
	c := openCorpus(t, dir)
	c.commit([]parsed{handDoc("kst-3-1", "eik"), handDoc("kst-3-2", "es", "kst-3-1")})
	c.Close()

	c, err := Open(Options{Dir: dir, Workers: 2, BatchSize: 4, WithoutGraph: true})
	if err != nil {
		t.Fatal(err)
	}
	if n := c.Graph.Stats().Held; n != 0 {
		t.Errorf("graph loaded anyway: %d documents held", n)
	}
	c.commit([]parsed{handDoc("kst-3-3", "iep", "kst-3-1", "kst-3-2")})
	if got := citedByInIndex(t, c, "kst-3-1"); got != 2 {
		t.Errorf("kst-3-1 without the graph: cited_by %d, want 2", got)
	}
	if st := c.Graph.Stats(); st.Nodes != 0 {
		t.Errorf("a corpus without its graph kept %d nodes of what it wrote", st.Nodes)
	}
	c.Close()

	c = openCorpus(t, dir)
	defer c.Close()
	for id, want := range map[string]int{"kst-3-1": 2, "kst-3-2": 1, "kst-3-3": 0} {
		if got := c.Graph.CitedByCount(id); got != want {
			t.Errorf("%s: graph cited-by %d, want %d", id, got, want)
		}
		if got := citedByInIndex(t, c, id); got != want {
			t.Errorf("%s: index cited_by %d, want %d", id, got, want)
		}
	}
	if err := c.Check(); err != nil {
		t.Error(err)
	}
}

// Package store keeps every original file (by sha256) and every parsed
// document in a data directory, so the index and the graph can always be
// rebuilt from it.
//
// Layout under the store's root:
//
//	originals/ab/abcdef...      the original bytes, named by their sha256;
//	originals/ab/abcdef....gz   gzip-compressed where that saves space
//	docs/<id>.json.gz           one Record per held document (gzip JSON):
//	                            the parsed document and the versions it was
//	                            parsed from (docs/<id>.json: an older layout,
//	                            still read)
//	catalog.db                  what start-up needs without reading any
//	                            record (see catalog.go); rebuilt from the
//	                            record files when missing or damaged
//
// Every file is written atomically (temporary file, fsync, rename, fsync of
// the directory). A write names its ids in the catalog's pending table
// before it renames any file, and the catalog is brought up to date in one
// transaction after, so a crash at any point leaves a write that the next
// Open finishes (or, for what cannot be finished, undoes). The store is the
// source of truth of a corpus: the search index and the citation graph are
// derived from it.
package store

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/klauspost/compress/gzip"
	bolt "go.etcd.io/bbolt"

	"kamerzoek/internal/document"
)

// ErrNotFound is returned for an id or hash the store does not hold.
var ErrNotFound = errors.New("store: not found")

// ErrBadID is returned for an id that cannot name a document (empty).
var ErrBadID = errors.New("store: bad id")

// errUnreadable marks a record file that could not be read.
var errUnreadable = errors.New("store: unreadable record file")

// ErrLocked is returned by Open when another process has the store open.
var ErrLocked = errors.New("store: in use by another process")

// Version is one original a document was parsed from. A document that was
// ingested again as a different file with the same canonical id (a
// herdruk, a corrected version) has several; the last one is current.
type Version struct {
	SHA256           string    `json:"sha256"`
	File             string    `json:"file"`
	Format           string    `json:"format"`
	Size             int64     `json:"size"`
	Ingested         time.Time `json:"ingested"`
	ExtractorVersion string    `json:"extractor_version,omitempty"`
	// MetadataSHA256 names the stored metadata.xml an XML document was
	// parsed with, when there was one.
	MetadataSHA256 string `json:"metadata_sha256,omitempty"`
}

// Record is what the store keeps per document: the parsed document (its
// fields inline in the JSON) and the originals it was parsed from, oldest
// first. Its JSON is what `kamerzoek show` and GET /api/v1/documents/{id}
// serve.
type Record struct {
	document.Document
	Versions []Version `json:"versions"`
}

// Current returns the current (last) version; the zero Version when there
// is none.
func (r *Record) Current() Version {
	if len(r.Versions) == 0 {
		return Version{}
	}
	return r.Versions[len(r.Versions)-1]
}

// Options configure OpenWith.
type Options struct {
	// Progress, when set, is called while Open builds the catalog from
	// the record files (the first open of a data directory written by an
	// older version, or after the catalog was lost): files done, total.
	Progress func(done, total int)
	// LockTimeout bounds the wait for another process's lock on the
	// catalog (default 2 s); then Open fails with ErrLocked.
	LockTimeout time.Duration
}

// Store is a directory of originals and parsed documents. It is safe for
// concurrent use; writes are serialised.
type Store struct {
	dir   string
	db    *bolt.DB
	wmu   sync.Mutex // serialises writes
	count atomic.Int64
}

// Open opens (creating when needed) the store rooted at dir with the
// default options.
func Open(dir string) (*Store, error) { return OpenWith(dir, Options{}) }

// OpenWith opens (creating when needed) the store rooted at dir: it removes
// temporary files left by an interrupted write, finishes a write that a
// crash interrupted, and builds the catalog from the record files when it
// is missing or unusable. Close releases it.
func OpenWith(dir string, o Options) (*Store, error) {
	if o.LockTimeout <= 0 {
		o.LockTimeout = 2 * time.Second
	}
	s := &Store{dir: dir}
	for _, d := range []string{s.docsDir(), filepath.Join(dir, "originals"), s.tmpDir()} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return nil, fmt.Errorf("store: %w", err)
		}
	}
	db, err := openCatalog(s.catalogPath(), o.LockTimeout)
	if err != nil {
		return nil, err
	}
	s.db = db
	// First finish an interrupted write (its new record files are
	// temporary files), then drop the other temporary files. A record
	// file that cannot be read keeps its id pending and its catalogued
	// state; the store opens.
	if err := s.repair(); err != nil && !errors.Is(err, errUnreadable) {
		db.Close()
		return nil, err
	}
	if err := s.removeTemps(); err != nil {
		db.Close()
		return nil, err
	}
	complete, counted := false, false
	_ = db.View(func(tx *bolt.Tx) error {
		complete = string(tx.Bucket(bMeta).Get(kFormat)) == catalogFormat
		counted = string(tx.Bucket(bMeta).Get(kInCounts)) == inCountsFormat
		s.count.Store(int64(catCount(tx)))
		return nil
	})
	if !complete {
		if err := s.rebuildCatalog(o.Progress); err != nil {
			db.Close()
			return nil, err
		}
	} else if !counted {
		// A catalog from before the cited-by counts were kept.
		if err := s.countCitations(); err != nil {
			db.Close()
			return nil, err
		}
	}
	return s, nil
}

// openCatalog opens the catalog database; a damaged one is set aside and
// an empty one created (the record files rebuild it).
func openCatalog(p string, timeout time.Duration) (*bolt.DB, error) {
	open := func() (*bolt.DB, error) {
		db, err := bolt.Open(p, 0o644, &bolt.Options{Timeout: timeout, FreelistType: bolt.FreelistMapType})
		if err != nil {
			return nil, err
		}
		if err := db.Update(createBuckets); err != nil {
			db.Close()
			return nil, err
		}
		return db, nil
	}
	db, err := open()
	if errors.Is(err, bolt.ErrTimeout) {
		return nil, fmt.Errorf("%w: %s", ErrLocked, p)
	}
	if err != nil {
		// The catalog is derived from the record files: start afresh.
		_ = os.Rename(p, p+".damaged")
		if db, err = open(); err != nil {
			return nil, fmt.Errorf("store: catalog: %w", err)
		}
	}
	return db, nil
}

// Close releases the catalog. Closing twice is harmless.
func (s *Store) Close() error {
	if s == nil || s.db == nil {
		return nil
	}
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("store: close: %w", err)
	}
	return nil
}

// Dir returns the store's root directory.
func (s *Store) Dir() string { return s.dir }

func (s *Store) docsDir() string     { return filepath.Join(s.dir, "docs") }
func (s *Store) catalogPath() string { return filepath.Join(s.dir, "catalog.db") }

func (s *Store) originalPath(sha string) string {
	return filepath.Join(s.dir, "originals", sha[:2], sha)
}

// fileName turns an id into a file name (without extension) that cannot
// escape the docs directory: path-escaped, with a leading dot escaped too.
func fileName(id string) string {
	n := url.PathEscape(id)
	if strings.HasPrefix(n, ".") {
		n = "%2E" + n[1:]
	}
	return n
}

// idOfFile is the inverse of fileName for a record file's name; ok is
// false for a name that is not a record file.
func idOfFile(name string) (id string, gz, ok bool) {
	base, gz := strings.CutSuffix(name, ".json.gz")
	if !gz {
		var json bool
		if base, json = strings.CutSuffix(name, ".json"); !json {
			return "", false, false
		}
	}
	id, err := url.PathUnescape(base)
	if err != nil || id == "" {
		return "", false, false
	}
	return id, gz, true
}

func (s *Store) docPath(id string) string {
	return filepath.Join(s.docsDir(), fileName(id)+".json.gz")
}

// legacyPath is where the older layout kept a record (plain JSON).
func (s *Store) legacyPath(id string) string {
	return filepath.Join(s.docsDir(), fileName(id)+".json")
}

func (s *Store) tmpDir() string { return filepath.Join(s.dir, "tmp") }

// removeTemps deletes the temporary files an interrupted write left: the
// contents of tmp/ and *.tmp files in the root.
func (s *Store) removeTemps() error {
	for _, d := range []string{s.tmpDir(), s.dir} {
		ents, err := os.ReadDir(d)
		if err != nil {
			return fmt.Errorf("store: %w", err)
		}
		for _, e := range ents {
			if !e.IsDir() && (d == s.tmpDir() || strings.HasSuffix(e.Name(), ".tmp")) {
				_ = os.Remove(filepath.Join(d, e.Name()))
			}
		}
	}
	return nil
}

// writeAtomic writes data to path through a synced temporary file in
// tmp/, renamed over path; path's directory is synced after.
func (s *Store) writeAtomic(path string, data []byte) error {
	tmp, err := writeTempIn(s.tmpDir(), path, data)
	if err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		_ = os.Remove(tmp)
		return fmt.Errorf("store: rename %s: %w", path, err)
	}
	return syncDir(filepath.Dir(path))
}

// SHA256 returns the hex sha256 of data.
func SHA256(data []byte) string {
	h := sha256.Sum256(data)
	return hex.EncodeToString(h[:])
}

// gzPool holds gzip writers at the fastest level. The gzip package is a
// faster implementation of the standard format than compress/gzip (about
// twice the speed at its fastest level, files a little smaller): every
// original and every record is compressed once, which made compression a
// sixteenth of the CPU of a bulk ingest of text letters. What it writes
// any gzip reader reads, and it reads what compress/gzip wrote.
var gzPool = sync.Pool{New: func() any {
	w, _ := gzip.NewWriterLevel(nil, gzip.BestSpeed)
	return w
}}

// gzipBytes compresses b.
func gzipBytes(b []byte) []byte {
	var buf bytes.Buffer
	buf.Grow(len(b)/2 + 64)
	w := gzPool.Get().(*gzip.Writer)
	w.Reset(&buf)
	_, _ = w.Write(b)
	_ = w.Close()
	gzPool.Put(w)
	return buf.Bytes()
}

func gunzip(b []byte) ([]byte, error) {
	r, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	return io.ReadAll(r)
}

// PutOriginal stores data under its sha256 and returns the hex digest;
// compressed when that saves a tenth or more. Storing the same bytes again
// is a no-op.
func (s *Store) PutOriginal(data []byte) (string, error) {
	sha := SHA256(data)
	p := s.originalPath(sha)
	if fi, err := os.Stat(p); err == nil && fi.Size() == int64(len(data)) {
		return sha, nil
	}
	if _, err := os.Stat(p + ".gz"); err == nil {
		return sha, nil
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return "", fmt.Errorf("store: %w", err)
	}
	if z := gzipBytes(data); len(z) < len(data)-len(data)/10 {
		return sha, s.writeAtomic(p+".gz", z)
	}
	return sha, s.writeAtomic(p, data)
}

// Original returns the bytes stored under sha.
func (s *Store) Original(sha string) ([]byte, error) {
	if len(sha) != 64 {
		return nil, fmt.Errorf("%w: original %q", ErrNotFound, sha)
	}
	if _, err := hex.DecodeString(sha); err != nil {
		return nil, fmt.Errorf("%w: original %q", ErrNotFound, sha)
	}
	p := s.originalPath(sha)
	b, err := os.ReadFile(p)
	if errors.Is(err, os.ErrNotExist) {
		z, zerr := os.ReadFile(p + ".gz")
		if errors.Is(zerr, os.ErrNotExist) {
			return nil, fmt.Errorf("%w: original %s", ErrNotFound, sha)
		}
		if zerr != nil {
			return nil, fmt.Errorf("store: %w", zerr)
		}
		if b, err = gunzip(z); err != nil {
			return nil, fmt.Errorf("store: original %s: %w", sha, err)
		}
		return b, nil
	}
	if err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	return b, nil
}

// encodeRecord returns a record file's bytes.
func encodeRecord(rec *Record) ([]byte, error) {
	b, err := json.Marshal(rec)
	if err != nil {
		return nil, fmt.Errorf("store: encode %s: %w", rec.ID, err)
	}
	return gzipBytes(b), nil
}

// readRecordFile reads the record of id from its file (either layout).
func (s *Store) readRecordFile(id string) (*Record, error) {
	b, err := os.ReadFile(s.docPath(id))
	if err == nil {
		if b, err = gunzip(b); err != nil {
			return nil, fmt.Errorf("store: read %s: %w", id, err)
		}
	} else if errors.Is(err, os.ErrNotExist) {
		b, err = os.ReadFile(s.legacyPath(id))
	}
	if errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("%w: document %q", ErrNotFound, id)
	}
	if err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	var r Record
	if err := json.Unmarshal(b, &r); err != nil {
		return nil, fmt.Errorf("store: decode %s: %w", id, err)
	}
	return &r, nil
}

// PutRecord writes rec atomically, replacing the record with the same ID,
// and makes every version's hash known.
func (s *Store) PutRecord(rec *Record) error { return s.Apply([]*Record{rec}, nil) }

// PutRecords writes several records like PutRecord, syncing their files
// in parallel and the directory once: the batch form for bulk ingestion.
// After an error, Current tells which of them were written.
func (s *Store) PutRecords(recs []*Record) error { return s.Apply(recs, nil) }

// Apply writes the records puts and deletes the records of the ids dels as
// one change: after a crash the next Open finishes it, so a record moved
// to another id is never held under both (nor under neither). When a
// record cannot be written, the deletions are not made; Current tells
// which records were written. The originals of deleted records are kept;
// their hashes are forgotten, so the same bytes can be ingested again.
func (s *Store) Apply(puts []*Record, dels []string) error {
	last := map[string]int{}
	for i, rec := range puts {
		if rec == nil || rec.ID == "" {
			return ErrBadID
		}
		last[rec.ID] = i
	}
	var uniq []*Record
	for i, rec := range puts {
		if last[rec.ID] == i {
			uniq = append(uniq, rec)
		}
	}
	puts = uniq
	var delIDs []string
	for _, id := range dels {
		if id == "" {
			return ErrBadID
		}
		if _, ok := last[id]; !ok {
			delIDs = append(delIDs, id)
		}
	}
	dels = delIDs

	// The new record files, complete and synced, beside the old ones.
	news := make([]string, len(puts))
	errs := make([]error, len(puts))
	var wg sync.WaitGroup
	for i, rec := range puts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			b, err := encodeRecord(rec)
			if err != nil {
				errs[i] = err
				return
			}
			news[i], errs[i] = writeTempIn(s.tmpDir(), s.docPath(rec.ID), b)
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		for _, n := range news {
			if n != "" {
				_ = os.Remove(n)
			}
		}
		return err
	}

	s.wmu.Lock()
	defer s.wmu.Unlock()
	// A change an earlier failure left unfinished is settled first (best
	// effort: what stays unreadable stays pending, for the next Open).
	_ = s.repairLocked()
	// Name the change before making it: the pending table maps each id
	// to its new file (or to "" for a deletion).
	err := s.db.Update(func(tx *bolt.Tx) error {
		p := tx.Bucket(bPending)
		for i, rec := range puts {
			if err := p.Put([]byte(rec.ID), []byte(filepath.Base(news[i]))); err != nil {
				return err
			}
		}
		for _, id := range dels {
			if err := p.Put([]byte(id), []byte{}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		for _, n := range news {
			_ = os.Remove(n)
		}
		return fmt.Errorf("store: catalog: %w", err)
	}
	var ferr error
	for i, rec := range puts {
		if err := os.Rename(news[i], s.docPath(rec.ID)); err != nil {
			ferr = fmt.Errorf("store: rename %s: %w", rec.ID, err)
			break
		}
		_ = os.Remove(s.legacyPath(rec.ID))
	}
	if ferr == nil {
		ferr = s.removeRecordFiles(dels)
	}
	if ferr == nil {
		ferr = syncDir(s.docsDir())
	}
	if ferr != nil {
		// Finish what can be finished, undo the rest, from the files.
		return errors.Join(ferr, s.repairLocked())
	}
	err = s.db.Update(func(tx *bolt.Tx) error {
		p := tx.Bucket(bPending)
		for _, rec := range puts {
			if err := catPut(tx, rec); err != nil {
				return err
			}
			if err := p.Delete([]byte(rec.ID)); err != nil {
				return err
			}
		}
		for _, id := range dels {
			if err := catDelete(tx, id); err != nil {
				return err
			}
			if err := p.Delete([]byte(id)); err != nil {
				return err
			}
		}
		s.count.Store(int64(catCount(tx)))
		return nil
	})
	if err != nil {
		return errors.Join(fmt.Errorf("store: catalog: %w", err), s.repairLocked())
	}
	return nil
}

func (s *Store) removeRecordFiles(ids []string) error {
	for _, id := range ids {
		for _, p := range []string{s.docPath(id), s.legacyPath(id)} {
			if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
				return fmt.Errorf("store: %w", err)
			}
		}
	}
	return nil
}

// repair finishes a change that a crash or a failure interrupted.
func (s *Store) repair() error {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	return s.repairLocked()
}

// repairLocked finishes the change named in the pending table: a new
// record file still beside the old one is renamed over it (or, when that
// fails, removed: the old record stays); deletions are made only when
// every new record is in place; then the catalog is set from the files of
// the pending ids.
func (s *Store) repairLocked() error {
	pend := map[string]string{}
	err := s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bPending).ForEach(func(k, v []byte) error {
			pend[string(k)] = string(v)
			return nil
		})
	})
	if err != nil {
		return fmt.Errorf("store: catalog: %w", err)
	}
	if len(pend) == 0 {
		return nil
	}
	allPut := true
	var dels []string
	for id, news := range pend {
		if news == "" {
			dels = append(dels, id)
			continue
		}
		n := filepath.Join(s.tmpDir(), news)
		if _, err := os.Stat(n); err != nil {
			continue // renamed before the interruption
		}
		if err := os.Rename(n, s.docPath(id)); err != nil {
			_ = os.Remove(n)
			allPut = false
			continue
		}
		_ = os.Remove(s.legacyPath(id))
	}
	if allPut {
		if err := s.removeRecordFiles(dels); err != nil {
			return err
		}
	}
	if err := syncDir(s.docsDir()); err != nil {
		return err
	}
	// An unreadable record file keeps its id pending (retried by the next
	// Open); the others are settled.
	recs := map[string]*Record{}
	var rerr error
	for id := range pend {
		rec, err := s.readRecordFile(id)
		if err != nil && !errors.Is(err, ErrNotFound) {
			rerr = errors.Join(rerr, fmt.Errorf("%w: %w", errUnreadable, err))
			continue
		}
		recs[id] = rec
	}
	err = s.db.Update(func(tx *bolt.Tx) error {
		for id, rec := range recs {
			var err error
			if rec == nil {
				err = catDelete(tx, id)
			} else {
				err = catPut(tx, rec)
			}
			if err != nil {
				return err
			}
			if err := tx.Bucket(bPending).Delete([]byte(id)); err != nil {
				return err
			}
		}
		s.count.Store(int64(catCount(tx)))
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: catalog: %w", err)
	}
	return rerr
}

// rebuildCatalog builds the catalog from the record files, converting
// records of the older layout (plain JSON) to the current one, and marks
// it complete. Interrupted, it starts again at the next Open.
func (s *Store) rebuildCatalog(progress func(done, total int)) error {
	ents, err := os.ReadDir(s.docsDir())
	if err != nil {
		return fmt.Errorf("store: %w", err)
	}
	files := map[string]bool{} // id → has a .json.gz
	for _, e := range ents {
		if e.IsDir() {
			continue
		}
		if strings.HasSuffix(e.Name(), ".tmp") {
			// Left by an older version's interrupted write.
			_ = os.Remove(filepath.Join(s.docsDir(), e.Name()))
			continue
		}
		if id, gz, ok := idOfFile(e.Name()); ok {
			files[id] = files[id] || gz
		}
	}
	ids := make([]string, 0, len(files))
	for id := range files {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	err = s.db.Update(func(tx *bolt.Tx) error {
		for _, b := range [][]byte{bDocs, bSHA, bGraph, bCtx, bIn} {
			if err := tx.DeleteBucket(b); err != nil {
				return err
			}
			if _, err := tx.CreateBucket(b); err != nil {
				return err
			}
		}
		if err := tx.Bucket(bMeta).Delete(kInCounts); err != nil {
			return err
		}
		return tx.Bucket(bMeta).Put(kCount, []byte("0"))
	})
	if err != nil {
		return fmt.Errorf("store: catalog: %w", err)
	}
	const batch = 256
	for i := 0; i < len(ids); i += batch {
		chunk := ids[i:min(i+batch, len(ids))]
		recs := make([]*Record, 0, len(chunk))
		for _, id := range chunk {
			rec, err := s.readRecordFile(id)
			if err != nil {
				return err
			}
			if rec.ID != id {
				return fmt.Errorf("store: record file of %q holds %q", id, rec.ID)
			}
			if !files[id] {
				// The older layout: rewrite compressed.
				b, err := encodeRecord(rec)
				if err != nil {
					return err
				}
				if err := s.writeAtomic(s.docPath(id), b); err != nil {
					return err
				}
			}
			recs = append(recs, rec)
		}
		err := s.db.Update(func(tx *bolt.Tx) error {
			for _, rec := range recs {
				if err := catPut(tx, rec); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("store: catalog: %w", err)
		}
		for _, id := range chunk {
			if !files[id] {
				_ = os.Remove(s.legacyPath(id))
			}
		}
		if progress != nil {
			progress(i+len(chunk), len(ids))
		}
	}
	err = s.db.Update(func(tx *bolt.Tx) error {
		s.count.Store(int64(catCount(tx)))
		// catPut counted the citations of every record it put.
		if err := tx.Bucket(bMeta).Put(kInCounts, []byte(inCountsFormat)); err != nil {
			return err
		}
		return tx.Bucket(bMeta).Put(kFormat, []byte(catalogFormat))
	})
	if err != nil {
		return fmt.Errorf("store: catalog: %w", err)
	}
	return syncDir(s.docsDir())
}

// PutDocument writes doc, replacing the document with the same ID and
// keeping the versions already recorded for it; doc.Source becomes the
// current version when its hash is new.
func (s *Store) PutDocument(doc *document.Document) error {
	rec, err := s.Record(doc.ID)
	if errors.Is(err, ErrNotFound) {
		rec, err = &Record{}, nil
	}
	if err != nil {
		return err
	}
	rec.Document = *doc
	if doc.Source.SHA256 != "" && (len(rec.Versions) == 0 || rec.Current().SHA256 != doc.Source.SHA256) {
		rec.Versions = append(rec.Versions, Version{
			SHA256: doc.Source.SHA256, File: doc.Source.File, Format: doc.Source.Format,
			Size: doc.Source.Size, Ingested: time.Now().UTC(), ExtractorVersion: doc.ExtractorVersion,
		})
	}
	return s.PutRecord(rec)
}

// Record returns the record of the document with the given id.
func (s *Store) Record(id string) (*Record, error) {
	if id == "" {
		return nil, fmt.Errorf("%w: empty id", ErrNotFound)
	}
	return s.readRecordFile(id)
}

// ReadRecord reads the record of id from the store rooted at dir without
// opening it: for a reader beside a process that holds the store.
func ReadRecord(dir, id string) (*Record, error) {
	if id == "" {
		return nil, fmt.Errorf("%w: empty id", ErrNotFound)
	}
	return (&Store{dir: dir}).readRecordFile(id)
}

// Document returns the parsed document with the given canonical id.
func (s *Store) Document(id string) (*document.Document, error) {
	r, err := s.Record(id)
	if err != nil {
		return nil, err
	}
	return &r.Document, nil
}

// Has reports whether the store holds a document with this id.
func (s *Store) Has(id string) bool {
	_, ok := s.Current(id)
	return ok
}

// IDs returns the ids of every held document, sorted.
func (s *Store) IDs() []string {
	var ids []string
	_ = s.EachCurrent(func(id string, _ Version) error {
		ids = append(ids, id)
		return nil
	})
	return ids
}

// Len returns the number of held documents.
func (s *Store) Len() int { return int(s.count.Load()) }

// IDBySHA returns the id of the document parsed from the original with
// this sha256 (current or earlier version), if any.
func (s *Store) IDBySHA(sha string) (string, bool) {
	var id string
	_ = s.db.View(func(tx *bolt.Tx) error {
		id = string(tx.Bucket(bSHA).Get([]byte(sha)))
		return nil
	})
	return id, id != ""
}

// Each calls fn with every stored record, in id order, reading one at a
// time: memory stays flat whatever the size of the store. fn may use the
// store.
func (s *Store) Each(fn func(*Record) error) error {
	return s.EachCurrent(func(id string, _ Version) error {
		rec, err := s.Record(id)
		if errors.Is(err, ErrNotFound) {
			return nil // deleted meanwhile
		}
		if err != nil {
			return err
		}
		return fn(rec)
	})
}

// Records returns every stored record, sorted by id. It holds them all in
// memory: use Each on a corpus of any size.
func (s *Store) Records() ([]*Record, error) {
	var out []*Record
	err := s.Each(func(r *Record) error {
		out = append(out, r)
		return nil
	})
	return out, err
}

// Documents returns every stored document, sorted by id; like Records, it
// holds them all in memory.
func (s *Store) Documents() ([]*document.Document, error) {
	recs, err := s.Records()
	if err != nil {
		return nil, err
	}
	docs := make([]*document.Document, len(recs))
	for i, r := range recs {
		docs[i] = &r.Document
	}
	return docs, nil
}

// Delete removes a document's record. Its originals are kept; their
// hashes are forgotten, so the same bytes can be ingested again.
func (s *Store) Delete(id string) error {
	if !s.Has(id) {
		return fmt.Errorf("%w: document %q", ErrNotFound, id)
	}
	return s.Apply(nil, []string{id})
}

// WriteFileAtomic writes data to path through a temporary file in the same
// directory that is synced and renamed over path; the directory is synced
// after the rename. Readers see the old or the new content, never a mix.
func WriteFileAtomic(path string, data []byte) error {
	tmp, err := writeTemp(path, data)
	if err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		_ = os.Remove(tmp)
		return fmt.Errorf("store: rename %s: %w", path, err)
	}
	return syncDir(filepath.Dir(path))
}

// writeTemp writes data to a synced temporary file beside path and
// returns its name; the caller renames it over path.
func writeTemp(path string, data []byte) (string, error) {
	return writeTempIn(filepath.Dir(path), path, data)
}

// writeTempIn writes data to a synced temporary file in dir, named after
// path, and returns its name.
func writeTempIn(dir, path string, data []byte) (string, error) {
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return "", fmt.Errorf("store: %w", err)
	}
	tmp := f.Name()
	fail := func(what string, err error) (string, error) {
		f.Close()
		_ = os.Remove(tmp)
		return "", fmt.Errorf("store: %s %s: %w", what, path, err)
	}
	if _, err := f.Write(data); err != nil {
		return fail("write", err)
	}
	if err := f.Sync(); err != nil {
		return fail("sync", err)
	}
	if err := f.Close(); err != nil {
		_ = os.Remove(tmp)
		return "", fmt.Errorf("store: close %s: %w", path, err)
	}
	return tmp, nil
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("store: %w", err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("store: sync %s: %w", dir, err)
	}
	return nil
}

// EachRecordFile calls fn with every record in the store rooted at dir,
// read from the record files without opening the store (whose catalog
// another process may hold), one at a time, in directory order.
func EachRecordFile(dir string, fn func(*Record) error) error {
	s := &Store{dir: dir}
	ents, err := os.ReadDir(s.docsDir())
	if err != nil {
		return fmt.Errorf("store: %w", err)
	}
	seen := map[string]bool{}
	for _, e := range ents {
		id, _, ok := idOfFile(e.Name())
		if e.IsDir() || !ok || seen[id] {
			continue
		}
		seen[id] = true
		rec, err := s.readRecordFile(id)
		if errors.Is(err, ErrNotFound) {
			continue
		}
		if err != nil {
			return err
		}
		if err := fn(rec); err != nil {
			return err
		}
	}
	return nil
}

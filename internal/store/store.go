// Package store keeps every original file (by sha256) and every parsed
// document (as JSON) in a data directory, so the index and the graph can
// always be rebuilt from it.
//
// Layout under the store's root:
//
//	originals/ab/abcdef...   the original bytes, named by their sha256
//	docs/<id>.json           one Record per held document: the parsed
//	                         document and the versions it was parsed from
//
// Every file is written atomically (temporary file, fsync, rename, fsync of
// the directory), so a crash leaves either the old or the new file, never a
// torn one. The store is the source of truth of a corpus: the search index
// and the citation graph are derived from it.
package store

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"kamerzoek/internal/document"
)

// ErrNotFound is returned for an id or hash the store does not hold.
var ErrNotFound = errors.New("store: not found")

// ErrBadID is returned for an id that cannot name a document (empty).
var ErrBadID = errors.New("store: bad id")

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

// Store is a directory of originals and parsed documents. It is safe for
// concurrent use.
type Store struct {
	dir string

	mu    sync.RWMutex
	bySHA map[string]string // sha256 of every version → document id
	ids   map[string]bool   // held document ids
}

// Open opens (creating when needed) the store rooted at dir. It removes
// temporary files left by an interrupted write and loads the hash table
// from the records.
func Open(dir string) (*Store, error) {
	s := &Store{dir: dir, bySHA: map[string]string{}, ids: map[string]bool{}}
	for _, d := range []string{s.docsDir(), filepath.Join(dir, "originals")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return nil, fmt.Errorf("store: %w", err)
		}
	}
	if err := s.removeTemps(); err != nil {
		return nil, err
	}
	err := s.eachRecordFile(func(name string, b []byte) error {
		// Only the id and the versions: the rest is decoded on demand.
		var r struct {
			ID       string    `json:"id"`
			Versions []Version `json:"versions"`
		}
		if err := json.Unmarshal(b, &r); err != nil {
			return fmt.Errorf("store: decode %s: %w", name, err)
		}
		s.ids[r.ID] = true
		for _, v := range r.Versions {
			s.bySHA[v.SHA256] = r.ID
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return s, nil
}

// eachRecordFile calls f with the name and contents of every record file
// in the docs directory, in directory order, and stops at the first error.
func (s *Store) eachRecordFile(f func(name string, b []byte) error) error {
	ents, err := os.ReadDir(s.docsDir())
	if err != nil {
		return fmt.Errorf("store: %w", err)
	}
	for _, e := range ents {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".json") {
			continue
		}
		b, err := os.ReadFile(filepath.Join(s.docsDir(), e.Name()))
		if err != nil {
			return fmt.Errorf("store: %w", err)
		}
		if err := f(e.Name(), b); err != nil {
			return err
		}
	}
	return nil
}

// Dir returns the store's root directory.
func (s *Store) Dir() string { return s.dir }

func (s *Store) docsDir() string { return filepath.Join(s.dir, "docs") }

func (s *Store) originalPath(sha string) string {
	return filepath.Join(s.dir, "originals", sha[:2], sha)
}

// fileName turns an id into a file name that cannot escape the docs
// directory: path-escaped, with a leading dot escaped too.
func fileName(id string) string {
	n := url.PathEscape(id)
	if strings.HasPrefix(n, ".") {
		n = "%2E" + n[1:]
	}
	return n + ".json"
}

func (s *Store) docPath(id string) string { return filepath.Join(s.docsDir(), fileName(id)) }

// removeTemps deletes *.tmp files an interrupted WriteFileAtomic left.
func (s *Store) removeTemps() error {
	return filepath.WalkDir(s.dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(d.Name(), ".tmp") {
			_ = os.Remove(p)
		}
		return nil
	})
}

// SHA256 returns the hex sha256 of data.
func SHA256(data []byte) string {
	h := sha256.Sum256(data)
	return hex.EncodeToString(h[:])
}

// PutOriginal stores data under its sha256 and returns the hex digest.
// Storing the same bytes again is a no-op.
func (s *Store) PutOriginal(data []byte) (string, error) {
	sha := SHA256(data)
	p := s.originalPath(sha)
	if fi, err := os.Stat(p); err == nil && fi.Size() == int64(len(data)) {
		return sha, nil
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return "", fmt.Errorf("store: %w", err)
	}
	if err := WriteFileAtomic(p, data); err != nil {
		return "", err
	}
	return sha, nil
}

// Original returns the bytes stored under sha.
func (s *Store) Original(sha string) ([]byte, error) {
	if len(sha) != 64 {
		return nil, fmt.Errorf("%w: original %q", ErrNotFound, sha)
	}
	if _, err := hex.DecodeString(sha); err != nil {
		return nil, fmt.Errorf("%w: original %q", ErrNotFound, sha)
	}
	b, err := os.ReadFile(s.originalPath(sha))
	if errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("%w: original %s", ErrNotFound, sha)
	}
	if err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	return b, nil
}

// PutRecord writes rec atomically, replacing the record with the same ID,
// and makes every version's hash known.
func (s *Store) PutRecord(rec *Record) error {
	if rec.ID == "" {
		return ErrBadID
	}
	b, err := json.Marshal(rec)
	if err != nil {
		return fmt.Errorf("store: encode %s: %w", rec.ID, err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := WriteFileAtomic(s.docPath(rec.ID), b); err != nil {
		return err
	}
	s.ids[rec.ID] = true
	for _, v := range rec.Versions {
		s.bySHA[v.SHA256] = rec.ID
	}
	return nil
}

// PutRecords writes several records like PutRecord, syncing their files
// in parallel and the directory once: the batch form for bulk ingestion.
// Each record is written atomically; after an error some may be written.
func (s *Store) PutRecords(recs []*Record) error {
	type enc struct {
		path, tmp string
		data      []byte
	}
	encs := make([]enc, len(recs))
	for i, rec := range recs {
		if rec.ID == "" {
			return ErrBadID
		}
		b, err := json.Marshal(rec)
		if err != nil {
			return fmt.Errorf("store: encode %s: %w", rec.ID, err)
		}
		encs[i] = enc{path: s.docPath(rec.ID), data: b}
	}
	errs := make([]error, len(encs))
	var wg sync.WaitGroup
	for i := range encs {
		wg.Add(1)
		go func(e *enc, err *error) {
			defer wg.Done()
			e.tmp, *err = writeTemp(e.path, e.data)
		}(&encs[i], &errs[i])
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		for _, e := range encs {
			if e.tmp != "" {
				_ = os.Remove(e.tmp)
			}
		}
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, e := range encs {
		if err := os.Rename(e.tmp, e.path); err != nil {
			for _, e := range encs[i:] {
				_ = os.Remove(e.tmp)
			}
			return fmt.Errorf("store: rename %s: %w", e.path, err)
		}
		s.ids[recs[i].ID] = true
		for _, v := range recs[i].Versions {
			s.bySHA[v.SHA256] = recs[i].ID
		}
	}
	return syncDir(s.docsDir())
}

// PutDocument writes doc as JSON, replacing the document with the same ID
// and keeping the versions already recorded for it; doc.Source becomes
// the current version when its hash is new.
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
	b, err := os.ReadFile(s.docPath(id))
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
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.ids[id]
}

// IDs returns the ids of every held document, sorted.
func (s *Store) IDs() []string {
	s.mu.RLock()
	ids := make([]string, 0, len(s.ids))
	for id := range s.ids {
		ids = append(ids, id)
	}
	s.mu.RUnlock()
	sort.Strings(ids)
	return ids
}

// Len returns the number of held documents.
func (s *Store) Len() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return len(s.ids)
}

// IDBySHA returns the id of the document parsed from the original with
// this sha256 (current or earlier version), if any.
func (s *Store) IDBySHA(sha string) (string, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	id, ok := s.bySHA[sha]
	return id, ok
}

// Records returns every stored record, sorted by id.
func (s *Store) Records() ([]*Record, error) {
	var out []*Record
	err := s.eachRecordFile(func(name string, b []byte) error {
		var r Record
		if err := json.Unmarshal(b, &r); err != nil {
			return fmt.Errorf("store: decode %s: %w", name, err)
		}
		out = append(out, &r)
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

// Documents returns every stored document, sorted by id.
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
	rec, err := s.Record(id)
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := os.Remove(s.docPath(id)); err != nil {
		return fmt.Errorf("store: %w", err)
	}
	if err := syncDir(s.docsDir()); err != nil {
		return err
	}
	delete(s.ids, id)
	for _, v := range rec.Versions {
		if s.bySHA[v.SHA256] == id {
			delete(s.bySHA, v.SHA256)
		}
	}
	return nil
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
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
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

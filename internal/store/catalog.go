package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"

	bolt "go.etcd.io/bbolt"

	"kamerzoek/internal/document"
)

// The catalog (store/catalog.db, a bbolt database) holds what start-up
// needs without reading any stored document: per held id its versions, its
// graph skeleton and its references' contexts; per original hash the id
// parsed from it; the ids of a write under way (pending); and tables of
// derived state that other packages keep beside the store. Record files
// stay the truth: the catalog can always be rebuilt from them.
var (
	bMeta    = []byte("meta")
	bDocs    = []byte("docs")    // id → JSON []Version
	bSHA     = []byte("sha")     // sha256 → id
	bGraph   = []byte("graph")   // id → encoded Skeleton
	bCtx     = []byte("ctx")     // id → encoded SkeletonContexts
	bPending = []byte("pending") // id → "put" or "del"

	kFormat = []byte("format")
	kCount  = []byte("count")
)

// catalogFormat is written to meta/format once the catalog is complete.
const catalogFormat = "2"

const tablePrefix = "t/"

func createBuckets(tx *bolt.Tx) error {
	for _, b := range [][]byte{bMeta, bDocs, bSHA, bGraph, bCtx, bPending, bIn} {
		if _, err := tx.CreateBucketIfNotExists(b); err != nil {
			return err
		}
	}
	return nil
}

// catPut makes the catalog describe rec.
func catPut(tx *bolt.Tx, rec *Record) error {
	id := []byte(rec.ID)
	docs := tx.Bucket(bDocs)
	if err := catForgetHashes(tx, rec.ID); err != nil {
		return err
	}
	if docs.Get(id) == nil {
		if err := catAddCount(tx, 1); err != nil {
			return err
		}
	}
	// The current version as catalogued names the extractor that parsed
	// the held document.
	cat := rec.Versions
	if n := len(cat); n > 0 && rec.ExtractorVersion != "" && cat[n-1].ExtractorVersion != rec.ExtractorVersion {
		cat = append([]Version(nil), cat...)
		cat[n-1].ExtractorVersion = rec.ExtractorVersion
	}
	vs, err := json.Marshal(cat)
	if err != nil {
		return err
	}
	if err := docs.Put(id, vs); err != nil {
		return err
	}
	for _, v := range rec.Versions {
		if v.SHA256 != "" {
			if err := tx.Bucket(bSHA).Put([]byte(v.SHA256), id); err != nil {
				return err
			}
		}
	}
	sk := Skeleton(&rec.Document)
	if err := catAdjustIn(tx, rec.ID, tx.Bucket(bGraph).Get(id), sk.References); err != nil {
		return err
	}
	if err := tx.Bucket(bGraph).Put(id, encodeSkeleton(sk)); err != nil {
		return err
	}
	return tx.Bucket(bCtx).Put(id, encodeContexts(SkeletonContexts(&rec.Document)))
}

// catDelete removes id from the catalog.
func catDelete(tx *bolt.Tx, id string) error {
	k := []byte(id)
	if tx.Bucket(bDocs).Get(k) == nil {
		return nil
	}
	if err := catForgetHashes(tx, id); err != nil {
		return err
	}
	if err := catAdjustIn(tx, id, tx.Bucket(bGraph).Get(k), nil); err != nil {
		return err
	}
	for _, b := range [][]byte{bDocs, bGraph, bCtx} {
		if err := tx.Bucket(b).Delete(k); err != nil {
			return err
		}
	}
	return catAddCount(tx, -1)
}

// catForgetHashes drops the hash entries of id's catalogued versions.
func catForgetHashes(tx *bolt.Tx, id string) error {
	old := tx.Bucket(bDocs).Get([]byte(id))
	if old == nil {
		return nil
	}
	var vs []Version
	if err := json.Unmarshal(old, &vs); err != nil {
		return fmt.Errorf("%w: %s: %w", errCorrupt, id, err)
	}
	sha := tx.Bucket(bSHA)
	for _, v := range vs {
		if string(sha.Get([]byte(v.SHA256))) == id {
			if err := sha.Delete([]byte(v.SHA256)); err != nil {
				return err
			}
		}
	}
	return nil
}

func catCount(tx *bolt.Tx) int {
	n, _ := strconv.Atoi(string(tx.Bucket(bMeta).Get(kCount)))
	return n
}

func catAddCount(tx *bolt.Tx, d int) error {
	return tx.Bucket(bMeta).Put(kCount, []byte(strconv.Itoa(catCount(tx)+d)))
}

// catVersions returns id's catalogued versions; ok is false when id is
// not held.
func catVersions(tx *bolt.Tx, id string) ([]Version, bool, error) {
	b := tx.Bucket(bDocs).Get([]byte(id))
	if b == nil {
		return nil, false, nil
	}
	var vs []Version
	if err := json.Unmarshal(b, &vs); err != nil {
		return nil, false, fmt.Errorf("%w: %s: %w", errCorrupt, id, err)
	}
	return vs, true, nil
}

// eachChunk visits the keys and values of bucket in key order, a chunk of
// entries per read transaction, calling fn outside any transaction (so fn
// may use the store, writes included).
func (s *Store) eachChunk(bucket []byte, fn func(k string, v []byte) error) error {
	const chunk = 1024
	var after []byte
	for {
		type kv struct {
			k string
			v []byte
		}
		var got []kv
		err := s.db.View(func(tx *bolt.Tx) error {
			b := tx.Bucket(bucket)
			if b == nil {
				return nil
			}
			c := b.Cursor()
			var k, v []byte
			if after == nil {
				k, v = c.First()
			} else if k, v = c.Seek(after); k != nil && string(k) == string(after) {
				k, v = c.Next()
			}
			for ; k != nil && len(got) < chunk; k, v = c.Next() {
				got = append(got, kv{string(k), append([]byte(nil), v...)})
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("store: catalog: %w", err)
		}
		for _, e := range got {
			if err := fn(e.k, e.v); err != nil {
				return err
			}
		}
		if len(got) < chunk {
			return nil
		}
		after = []byte(got[len(got)-1].k)
	}
}

// Current returns the current version of the document id as catalogued,
// and whether the store holds it.
func (s *Store) Current(id string) (Version, bool) {
	vs, ok := s.Versions(id)
	if !ok || len(vs) == 0 {
		return Version{}, ok
	}
	return vs[len(vs)-1], true
}

// EachCurrent calls fn with every held id, in id order, and its current
// version, from the catalog alone. fn may use the store.
func (s *Store) EachCurrent(fn func(id string, cur Version) error) error {
	return s.eachChunk(bDocs, func(k string, v []byte) error {
		var vs []Version
		if err := json.Unmarshal(v, &vs); err != nil {
			return fmt.Errorf("%w: %s: %w", errCorrupt, k, err)
		}
		var cur Version
		if len(vs) > 0 {
			cur = vs[len(vs)-1]
		}
		return fn(k, cur)
	})
}

// EachSkeleton calls fn with the Skeleton of every held document, in id
// order, from the catalog alone: what the citation graph is loaded from.
func (s *Store) EachSkeleton(fn func(sk *document.Document) error) error {
	return s.eachChunk(bGraph, func(k string, v []byte) error {
		sk, err := decodeSkeleton(v)
		if err != nil {
			return fmt.Errorf("store: skeleton of %s: %w", k, err)
		}
		return fn(sk)
	})
}

// Contexts returns SkeletonContexts of the held document id from the
// catalog: the contexts of its references, without reading the document.
func (s *Store) Contexts(id string) ([]document.Reference, error) {
	var b []byte
	_ = s.db.View(func(tx *bolt.Tx) error {
		b = append([]byte(nil), tx.Bucket(bCtx).Get([]byte(id))...)
		return nil
	})
	if b == nil {
		return nil, fmt.Errorf("%w: document %q", ErrNotFound, id)
	}
	refs, err := decodeContexts(b)
	if err != nil {
		return nil, fmt.Errorf("store: contexts of %s: %w", id, err)
	}
	return refs, nil
}

// ContextsTo returns the contexts of the references that the held
// document citing makes to cited, in document order (nil when it makes
// none): Contexts narrowed to one target, read without building the
// other references.
func (s *Store) ContextsTo(citing, cited string) ([]string, error) {
	var out []string
	var err error
	found := false
	_ = s.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bCtx).Get([]byte(citing))
		if b == nil {
			return nil
		}
		found = true
		out, err = contextsTo(b, cited)
		return nil
	})
	if !found {
		return nil, fmt.Errorf("%w: document %q", ErrNotFound, citing)
	}
	if err != nil {
		return nil, fmt.Errorf("store: contexts of %s: %w", citing, err)
	}
	return out, nil
}

// ContextsToMany is ContextsTo for several (citing, cited) pairs, all
// read in one transaction: the i-th result holds the contexts of
// pairs[i], nil when the citing document is not held or its entry does not
// decode. The error joins what went wrong with each pair; the results
// are complete all the same.
func (s *Store) ContextsToMany(pairs [][2]string) ([][]string, error) {
	out := make([][]string, len(pairs))
	var errs []error
	_ = s.db.View(func(tx *bolt.Tx) error {
		bucket := tx.Bucket(bCtx)
		for k, p := range pairs {
			b := bucket.Get([]byte(p[0]))
			if b == nil {
				errs = append(errs, fmt.Errorf("%w: document %q", ErrNotFound, p[0]))
				continue
			}
			ctxs, err := contextsTo(b, p[1])
			if err != nil {
				errs = append(errs, fmt.Errorf("store: contexts of %s: %w", p[0], err))
				continue
			}
			if ctxs == nil {
				ctxs = []string{}
			}
			out[k] = ctxs
		}
		return nil
	})
	return out, errors.Join(errs...)
}

// Tables of derived state: other packages keep per-id facts beside the
// store (the index keeps which version of each document it holds), in the
// same database, so that they are as durable as the catalog.

// SetState writes entries into the named table, creating it; a nil value
// deletes its key. All entries are written in one transaction.
func (s *Store) SetState(table string, entries map[string][]byte) error {
	err := s.db.Update(func(tx *bolt.Tx) error {
		b, err := tx.CreateBucketIfNotExists([]byte(tablePrefix + table))
		if err != nil {
			return err
		}
		for k, v := range entries {
			if v == nil {
				err = b.Delete([]byte(k))
			} else {
				err = b.Put([]byte(k), v)
			}
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: state %s: %w", table, err)
	}
	return nil
}

// HasState reports whether the named table exists.
func (s *Store) HasState(table string) bool {
	ok := false
	_ = s.db.View(func(tx *bolt.Tx) error {
		ok = tx.Bucket([]byte(tablePrefix+table)) != nil
		return nil
	})
	return ok
}

// GetState returns the value of key in the named table, nil when absent.
func (s *Store) GetState(table, key string) []byte {
	var v []byte
	_ = s.db.View(func(tx *bolt.Tx) error {
		if b := tx.Bucket([]byte(tablePrefix + table)); b != nil {
			v = append([]byte(nil), b.Get([]byte(key))...)
		}
		return nil
	})
	if len(v) == 0 {
		return nil
	}
	return v
}

// EachState calls fn with every entry of the named table in key order
// (none when the table does not exist). fn may use the store.
func (s *Store) EachState(table string, fn func(key string, v []byte) error) error {
	return s.eachChunk([]byte(tablePrefix+table), fn)
}

// DropState deletes the named table.
func (s *Store) DropState(table string) error {
	err := s.db.Update(func(tx *bolt.Tx) error {
		err := tx.DeleteBucket([]byte(tablePrefix + table))
		if errors.Is(err, bolt.ErrBucketNotFound) {
			return nil
		}
		return err
	})
	if err != nil {
		return fmt.Errorf("store: drop state %s: %w", table, err)
	}
	return nil
}

// States returns the names of the existing tables.
func (s *Store) States() []string {
	var out []string
	_ = s.db.View(func(tx *bolt.Tx) error {
		return tx.ForEach(func(name []byte, _ *bolt.Bucket) error {
			if n := string(name); len(n) > len(tablePrefix) && n[:len(tablePrefix)] == tablePrefix {
				out = append(out, n[len(tablePrefix):])
			}
			return nil
		})
	})
	return out
}

// CompareState compares the named table with the catalog, walking both in
// key order a chunk at a time: differ are the held ids whose entry in the
// table is missing or not want(id, current version); extra are the keys
// of the table that are not held ids; n is the number of keys in the
// table. A missing table differs everywhere. want is called outside any
// transaction, so it may take other locks.
func (s *Store) CompareState(table string, want func(id string, cur Version) []byte) (differ, extra []string, n int, err error) {
	const chunk = 1024
	type pair struct {
		id    string
		vs    []byte // catalogued versions; nil when not held
		state []byte // the table's value; nil when absent
	}
	var after []byte // resume strictly after this key
	for {
		var got []pair
		err := s.db.View(func(tx *bolt.Tx) error {
			dc := tx.Bucket(bDocs).Cursor()
			var tc *bolt.Cursor
			if b := tx.Bucket([]byte(tablePrefix + table)); b != nil {
				tc = b.Cursor()
			}
			seek := func(c *bolt.Cursor) ([]byte, []byte) {
				if c == nil {
					return nil, nil
				}
				if after == nil {
					return c.First()
				}
				k, v := c.Seek(after)
				if k != nil && bytes.Equal(k, after) {
					k, v = c.Next()
				}
				return k, v
			}
			dk, dv := seek(dc)
			tk, tv := seek(tc)
			for (dk != nil || tk != nil) && len(got) < chunk {
				switch c := compareKeys(dk, tk); {
				case c < 0:
					got = append(got, pair{id: string(dk), vs: bytes.Clone(dv)})
					dk, dv = dc.Next()
				case c > 0:
					got = append(got, pair{id: string(tk), state: bytes.Clone(tv)})
					tk, tv = tc.Next()
				default:
					got = append(got, pair{id: string(dk), vs: bytes.Clone(dv), state: bytes.Clone(tv)})
					dk, dv = dc.Next()
					tk, tv = tc.Next()
				}
			}
			return nil
		})
		if err != nil {
			return nil, nil, 0, fmt.Errorf("store: compare %s: %w", table, err)
		}
		for _, p := range got {
			if p.state != nil {
				n++
			}
			if p.vs == nil {
				extra = append(extra, p.id)
				continue
			}
			var vs []Version
			if err := json.Unmarshal(p.vs, &vs); err != nil {
				return nil, nil, 0, fmt.Errorf("%w: %s: %w", errCorrupt, p.id, err)
			}
			var cur Version
			if len(vs) > 0 {
				cur = vs[len(vs)-1]
			}
			if p.state == nil || !bytes.Equal(want(p.id, cur), p.state) {
				differ = append(differ, p.id)
			}
		}
		if len(got) < chunk {
			return differ, extra, n, nil
		}
		after = []byte(got[len(got)-1].id)
	}
}

// compareKeys orders cursor keys, a nil key (an exhausted cursor) last.
func compareKeys(a, b []byte) int {
	switch {
	case a == nil:
		return 1
	case b == nil:
		return -1
	}
	return bytes.Compare(a, b)
}

// Versions returns the catalogued versions of id, oldest first, and
// whether the store holds it.
func (s *Store) Versions(id string) ([]Version, bool) {
	var vs []Version
	var ok bool
	_ = s.db.View(func(tx *bolt.Tx) error {
		var err error
		vs, ok, err = catVersions(tx, id)
		return err
	})
	return vs, ok
}

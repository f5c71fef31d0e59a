package store

import (
	"encoding/binary"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"kamerzoek/internal/document"
)

// The catalog keeps, per cited id, how many held documents cite it: the
// cited-by count the citation graph gives once it is loaded. Search needs
// that count for every hit, and loading the graph takes seconds per
// hundred thousand documents, so a server answers from these counts until
// its graph is in memory. They change in the same transaction as the
// skeletons they are counted from, so they are never behind them.
var (
	bIn       = []byte("in")        // cited id → uint32 count of held citers
	kInCounts = []byte("in-counts") // meta: set once bIn covers every skeleton
)

// inCountsFormat is written to meta/in-counts once bIn is complete.
const inCountsFormat = "1"

// citedIDs returns the distinct ids doc's references name, other than its
// own: the documents whose cited-by count doc adds one to.
func citedIDs(id string, refs []document.Reference) []string {
	var out []string
	seen := make(map[string]bool, len(refs))
	for _, r := range refs {
		if r.ID == "" || r.ID == id || seen[r.ID] {
			continue
		}
		seen[r.ID] = true
		out = append(out, r.ID)
	}
	return out
}

// catAdjustIn moves the counts of bIn from the citations of the skeleton
// stored for id (old, nil when none) to those of refs (nil for a delete).
func catAdjustIn(tx *bolt.Tx, id string, old []byte, refs []document.Reference) error {
	delta := map[string]int{}
	if old != nil {
		sk, err := decodeSkeleton(old)
		if err != nil {
			return fmt.Errorf("%w: skeleton of %s: %w", errCorrupt, id, err)
		}
		for _, t := range citedIDs(id, sk.References) {
			delta[t]--
		}
	}
	for _, t := range citedIDs(id, refs) {
		delta[t]++
	}
	b := tx.Bucket(bIn)
	for t, d := range delta {
		if d == 0 {
			continue
		}
		n := int(inCount(b, t)) + d
		var err error
		if n <= 0 {
			err = b.Delete([]byte(t))
		} else {
			err = b.Put([]byte(t), binary.BigEndian.AppendUint32(nil, uint32(n)))
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func inCount(b *bolt.Bucket, id string) uint32 {
	v := b.Get([]byte(id))
	if len(v) != 4 {
		return 0
	}
	return binary.BigEndian.Uint32(v)
}

// CitedByCount returns how many held documents cite id, from the catalog;
// ok is false while the counts are not complete (a catalog written by an
// older version, until Open has counted them).
func (s *Store) CitedByCount(id string) (n int, ok bool) {
	_ = s.db.View(func(tx *bolt.Tx) error {
		if string(tx.Bucket(bMeta).Get(kInCounts)) != inCountsFormat {
			return nil
		}
		n, ok = int(inCount(tx.Bucket(bIn), id)), true
		return nil
	})
	return n, ok
}

// countCitations fills bIn from every skeleton in the catalog, replacing
// what it held, and marks it complete: the upgrade of a catalog written
// before the counts were kept.
func (s *Store) countCitations() error {
	counts := map[string]uint32{}
	err := s.eachChunk(bGraph, func(k string, v []byte) error {
		sk, err := decodeSkeleton(v)
		if err != nil {
			return fmt.Errorf("store: skeleton of %s: %w", k, err)
		}
		for _, t := range citedIDs(k, sk.References) {
			counts[t]++
		}
		return nil
	})
	if err != nil {
		return err
	}
	err = s.db.Update(func(tx *bolt.Tx) error {
		if err := tx.Bucket(bMeta).Delete(kInCounts); err != nil {
			return err
		}
		if err := tx.DeleteBucket(bIn); err != nil {
			return err
		}
		_, err := tx.CreateBucket(bIn)
		return err
	})
	if err != nil {
		return fmt.Errorf("store: catalog: %w", err)
	}
	const chunk = 16384
	batch := make([]string, 0, chunk)
	write := func(last bool) error {
		err := s.db.Update(func(tx *bolt.Tx) error {
			b := tx.Bucket(bIn)
			for _, t := range batch {
				if err := b.Put([]byte(t), binary.BigEndian.AppendUint32(nil, counts[t])); err != nil {
					return err
				}
			}
			if last {
				return tx.Bucket(bMeta).Put(kInCounts, []byte(inCountsFormat))
			}
			return nil
		})
		batch = batch[:0]
		if err != nil {
			return fmt.Errorf("store: catalog: %w", err)
		}
		return nil
	}
	for t := range counts {
		batch = append(batch, t)
		if len(batch) == chunk {
			if err := write(false); err != nil {
				return err
			}
		}
	}
	return write(true)
}

package store

import (
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"kamerzoek/internal/document"
)

// TestCitedByCountsFollowWrites checks the catalog's cited-by counts
// against counts made from the documents themselves, through new
// documents, new versions that cite others, deletes, a reopen and the
// upgrade of a catalog that has no counts.
func TestCitedByCountsFollowWrites(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	held := map[string][]string{} // id → ids it cites
	put := func(id string, cites ...string) {
		t.Helper()
		d := &document.Document{ID: id, Title: id, Source: document.Source{SHA256: SHA256([]byte(id + "|" + strings.Join(cites, ","))), Format: "text"}}
		for _, c := range cites {
			d.References = append(d.References, document.Reference{ID: c, Kind: document.KindKamerstuk, Raw: c})
		}
		if err := s.PutDocument(d); err != nil {
			t.Fatal(err)
		}
		held[id] = cites
	}
	check := func(when string) {
		t.Helper()
		want := map[string]int{}
		for id, cites := range held {
			seen := map[string]bool{}
			for _, c := range cites {
				if c != id && !seen[c] {
					seen[c] = true
					want[c]++
				}
			}
		}
		for _, id := range []string{"kst-1-1", "kst-1-2", "kst-1-3", "kst-1-4", "kst-9-9"} {
			got, ok := s.CitedByCount(id)
			if !ok || got != want[id] {
				t.Errorf("%s: CitedByCount(%s) = %d, %v; want %d", when, id, got, ok, want[id])
			}
		}
	}
	put("kst-1-1")
	put("kst-1-2", "kst-1-1", "kst-1-1", "kst-9-9") // twice, and one not held
	put("kst-1-3", "kst-1-1", "kst-1-2", "kst-1-3") // and itself
	check("after puts")
	put("kst-1-3", "kst-1-1", "kst-1-4") // a new version cites others
	check("after a new version")
	if err := s.Delete("kst-1-2"); err != nil {
		t.Fatal(err)
	}
	delete(held, "kst-1-2")
	check("after a delete")
	put("kst-1-4", "kst-1-1")
	s.Close()

	if s, err = Open(dir); err != nil {
		t.Fatal(err)
	}
	check("reopened")

	// A catalog written before the counts were kept has neither the
	// bucket nor the mark: Open counts them.
	err = s.db.Update(func(tx *bolt.Tx) error {
		if err := tx.DeleteBucket(bIn); err != nil {
			return err
		}
		return tx.Bucket(bMeta).Delete(kInCounts)
	})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if s, err = Open(dir); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	check("upgraded")
}

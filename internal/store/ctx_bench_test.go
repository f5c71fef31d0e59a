package store

import (
	"fmt"
	"testing"

	"kamerzoek/internal/document"
)

// BenchmarkContextsToPage reads the contexts of a page of 50 citing
// documents' references to one target, one read transaction each
// (ContextsTo) and all in one (ContextsToMany).
func BenchmarkContextsToPage(b *testing.B) {
	s, err := Open(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	var recs []*Record
	for i := range 500 {
		d := document.Document{ID: fmt.Sprintf("kst-%d-1", 30000+i)}
		for k := range 10 {
			t := fmt.Sprintf("kst-%d-2", 20000+k*(i%7))
			d.References = append(d.References, document.Reference{ID: t,
				Context: "Zie hierover de brief van de minister, " + t + ", waarin de hoofdlijnen zijn uiteengezet."})
		}
		recs = append(recs, &Record{Document: d, Versions: []Version{{SHA256: SHA256([]byte(d.ID))}}})
	}
	if err := s.PutRecords(recs); err != nil {
		b.Fatal(err)
	}
	b.Run("each", func(b *testing.B) {
		b.ReportAllocs()
		for n := 0; b.Loop(); n++ {
			for k := range 50 {
				if _, err := s.ContextsTo(recs[(n*50+k)%len(recs)].ID, "kst-20000-2"); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("many", func(b *testing.B) {
		b.ReportAllocs()
		pairs := make([][2]string, 50)
		for n := 0; b.Loop(); n++ {
			for k := range pairs {
				pairs[k] = [2]string{recs[(n*50+k)%len(recs)].ID, "kst-20000-2"}
			}
			if _, err := s.ContextsToMany(pairs); err != nil {
				b.Fatal(err)
			}
		}
	})
}

package store

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kamerzoek/internal/document"
)

func TestOriginalRoundTrip(t *testing.T) {
	s, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	data := []byte("%PDF-1.4 not really")
	sha, err := s.PutOriginal(data)
	if err != nil {
		t.Fatal(err)
	}
	if sha != SHA256(data) || len(sha) != 64 {
		t.Fatalf("sha = %q", sha)
	}
	// Same bytes again: same name, no error.
	if sha2, err := s.PutOriginal(data); err != nil || sha2 != sha {
		t.Fatalf("second put: %q, %v", sha2, err)
	}
	got, err := s.Original(sha)
	if err != nil || string(got) != string(data) {
		t.Fatalf("Original = %q, %v", got, err)
	}
	for _, bad := range []string{"", "../../etc/passwd", strings.Repeat("z", 64), strings.Repeat("0", 64)} {
		if _, err := s.Original(bad); !errors.Is(err, ErrNotFound) {
			t.Errorf("Original(%q) err = %v, want ErrNotFound", bad, err)
		}
	}
}

func TestRecordsVersionsAndDelete(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	doc := &document.Document{ID: "kst-29911-337", Title: "eerste", Source: document.Source{SHA256: SHA256([]byte("a")), File: "a.txt", Format: "text"}}
	if err := s.PutDocument(doc); err != nil {
		t.Fatal(err)
	}
	doc2 := *doc
	doc2.Title = "tweede"
	doc2.Source.SHA256 = SHA256([]byte("b"))
	if err := s.PutDocument(&doc2); err != nil {
		t.Fatal(err)
	}
	rec, err := s.Record("kst-29911-337")
	if err != nil {
		t.Fatal(err)
	}
	if rec.Title != "tweede" || len(rec.Versions) != 2 || rec.Current().SHA256 != SHA256([]byte("b")) {
		t.Fatalf("record = %+v", rec)
	}
	for _, b := range []string{"a", "b"} {
		if id, ok := s.IDBySHA(SHA256([]byte(b))); !ok || id != "kst-29911-337" {
			t.Errorf("IDBySHA(%s) = %q, %v", b, id, ok)
		}
	}

	// A reopened store knows the same.
	s2, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if !s2.Has("kst-29911-337") || s2.Len() != 1 {
		t.Fatalf("reopened: ids %v", s2.IDs())
	}
	if id, ok := s2.IDBySHA(SHA256([]byte("a"))); !ok || id != "kst-29911-337" {
		t.Errorf("reopened IDBySHA = %q, %v", id, ok)
	}

	if err := s2.Delete("kst-29911-337"); err != nil {
		t.Fatal(err)
	}
	if _, err := s2.Document("kst-29911-337"); !errors.Is(err, ErrNotFound) {
		t.Errorf("after delete: %v", err)
	}
	if _, ok := s2.IDBySHA(SHA256([]byte("a"))); ok {
		t.Error("hash of a deleted document is still known")
	}
	if err := s2.Delete("kst-29911-337"); !errors.Is(err, ErrNotFound) {
		t.Errorf("second delete: %v", err)
	}
}

func TestIDsCannotEscape(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(filepath.Join(dir, "store"))
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"../escape", "..", "a/b", `c:\x`, "ECLI:NL:HR:2020:1"} {
		if err := s.PutDocument(&document.Document{ID: id}); err != nil {
			t.Fatalf("%q: %v", id, err)
		}
		d, err := s.Document(id)
		if err != nil || d.ID != id {
			t.Fatalf("%q: %+v, %v", id, d, err)
		}
	}
	// Nothing was written outside docs/.
	ents, _ := os.ReadDir(dir)
	if len(ents) != 1 {
		t.Fatalf("files outside the store: %v", ents)
	}
	if err := s.PutDocument(&document.Document{}); !errors.Is(err, ErrBadID) {
		t.Errorf("empty id: %v", err)
	}
}

func TestOpenRemovesTemporaryFiles(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.PutDocument(&document.Document{ID: "kst-1-2"}); err != nil {
		t.Fatal(err)
	}
	// What a crash inside WriteFileAtomic leaves behind.
	torn := filepath.Join(dir, "docs", ".kst-1-3.json.123.tmp")
	if err := os.WriteFile(torn, []byte(`{"id":"kst-1`), 0o644); err != nil {
		t.Fatal(err)
	}
	s2, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(torn); !os.IsNotExist(err) {
		t.Errorf("temporary file survived Open: %v", err)
	}
	if ids := s2.IDs(); len(ids) != 1 || ids[0] != "kst-1-2" {
		t.Errorf("ids = %v", ids)
	}
}

func TestWriteFileAtomicReplaces(t *testing.T) {
	p := filepath.Join(t.TempDir(), "f.json")
	for _, c := range []string{"one", "two, longer"} {
		if err := WriteFileAtomic(p, []byte(c)); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(p)
		if err != nil || string(b) != c {
			t.Fatalf("read %q, %v; want %q", b, err, c)
		}
	}
	ents, _ := os.ReadDir(filepath.Dir(p))
	if len(ents) != 1 {
		t.Errorf("left files: %v", ents)
	}
}

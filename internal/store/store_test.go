package store

import (
	"encoding/json"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unsafe"

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
	s.Close()
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
	// Nothing was written outside the store.
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
	s.Close()
	// What a crash inside a write leaves behind.
	torn := filepath.Join(dir, "tmp", ".kst-1-3.json.gz.123.tmp")
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

// TestApplyFinishedAfterCrash: a move (a record written under a new id,
// the old id deleted) that a crash interrupted after naming it in the
// pending table is finished by Open, so the document is never held under
// both ids, nor under neither.
func TestApplyFinishedAfterCrash(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	old := &Record{Document: document.Document{ID: "doc-aaaaaaaaaaaa", Title: "oud"},
		Versions: []Version{{SHA256: SHA256([]byte("x"))}}}
	if err := s.PutRecord(old); err != nil {
		t.Fatal(err)
	}
	moved := &Record{Document: document.Document{ID: "kst-29911-337", Title: "nieuw",
		References: []document.Reference{{ID: "kst-29911-318", Context: "Zie de brief."}}}, Versions: old.Versions}
	// What Apply has done when a crash stops it before any rename: the
	// new file complete in tmp/, the change named in the pending table.
	b, err := encodeRecord(moved)
	if err != nil {
		t.Fatal(err)
	}
	tmp, err := writeTempIn(s.tmpDir(), s.docPath(moved.ID), b)
	if err != nil {
		t.Fatal(err)
	}
	err = s.db.Update(func(tx *bolt.Tx) error {
		p := tx.Bucket(bPending)
		if err := p.Put([]byte(moved.ID), []byte(filepath.Base(tmp))); err != nil {
			return err
		}
		return p.Put([]byte(old.ID), []byte{})
	})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()

	s, err = Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if s.Has(old.ID) {
		t.Error("the old id is still held")
	}
	if _, err := s.Record(old.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("old record file: %v", err)
	}
	r, err := s.Record(moved.ID)
	if err != nil || r.Title != "nieuw" {
		t.Fatalf("moved record: %+v, %v", r, err)
	}
	if id, _ := s.IDBySHA(SHA256([]byte("x"))); id != moved.ID {
		t.Errorf("hash names %q", id)
	}
	if s.Len() != 1 {
		t.Errorf("Len = %d", s.Len())
	}
	ctx, err := s.Contexts(moved.ID)
	if err != nil || len(ctx) != 1 || ctx[0].Context != "Zie de brief." {
		t.Errorf("contexts = %+v, %v", ctx, err)
	}
}

// TestApplyFailurePartway: when one record of a batch cannot be written,
// the others that were are held, the catalog says which, and a deletion
// in the same change is not made.
func TestApplyFailurePartway(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	a := &Record{Document: document.Document{ID: "kst-1-1", Title: "een"}, Versions: []Version{{SHA256: SHA256([]byte("a1"))}}}
	gone := &Record{Document: document.Document{ID: "kst-1-9"}, Versions: []Version{{SHA256: SHA256([]byte("g"))}}}
	if err := s.PutRecords([]*Record{a, gone}); err != nil {
		t.Fatal(err)
	}
	// A directory where kst-1-2's record file belongs: its rename fails.
	if err := os.Mkdir(s.docPath("kst-1-2"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(s.docPath("kst-1-2"), "x"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	a2 := &Record{Document: document.Document{ID: "kst-1-1", Title: "twee"},
		Versions: []Version{a.Versions[0], {SHA256: SHA256([]byte("a2"))}}}
	b := &Record{Document: document.Document{ID: "kst-1-2"}, Versions: []Version{{SHA256: SHA256([]byte("b"))}}}
	if err := s.Apply([]*Record{a2, b}, []string{"kst-1-9"}); err == nil {
		t.Fatal("no error")
	}
	if cur, ok := s.Current("kst-1-1"); !ok || cur.SHA256 != SHA256([]byte("a2")) {
		t.Errorf("kst-1-1 current = %+v, %v", cur, ok)
	}
	if r, err := s.Record("kst-1-1"); err != nil || r.Title != "twee" {
		t.Errorf("kst-1-1 = %+v, %v", r, err)
	}
	if s.Has("kst-1-2") {
		t.Error("kst-1-2 catalogued")
	}
	if !s.Has("kst-1-9") {
		t.Error("kst-1-9 deleted although the change was not complete")
	}
	if ents, _ := os.ReadDir(s.tmpDir()); len(ents) != 0 {
		t.Errorf("left in tmp/: %v", ents)
	}
}

// TestOpenMigratesPlainJSONRecords: a store written in the older layout
// (plain JSON records, no catalog) opens with every record held,
// catalogued and rewritten compressed, and progress reported.
func TestOpenMigratesPlainJSONRecords(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "docs"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"kst-29911-337", "ah-tk-20202021-2348"} {
		rec := Record{Document: document.Document{ID: id, Title: "t " + id,
			References: []document.Reference{{ID: "kst-1-1", Raw: "1 1", Context: "c"}}},
			Versions: []Version{{SHA256: SHA256([]byte(id)), File: id + ".txt"}}}
		b, _ := json.Marshal(rec)
		if err := os.WriteFile(filepath.Join(dir, "docs", fileName(id)+".json"), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "docs", ".x.json.1.tmp"), []byte("{"), 0o644); err != nil {
		t.Fatal(err)
	}
	var last [2]int
	s, err := OpenWith(dir, Options{Progress: func(d, n int) { last = [2]int{d, n} }})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if last != [2]int{2, 2} {
		t.Errorf("progress %v", last)
	}
	if s.Len() != 2 || !s.Has("kst-29911-337") {
		t.Fatalf("ids %v", s.IDs())
	}
	if id, ok := s.IDBySHA(SHA256([]byte("kst-29911-337"))); !ok || id != "kst-29911-337" {
		t.Errorf("IDBySHA = %q", id)
	}
	ents, _ := os.ReadDir(filepath.Join(dir, "docs"))
	for _, e := range ents {
		if !strings.HasSuffix(e.Name(), ".json.gz") {
			t.Errorf("left in docs/: %s", e.Name())
		}
	}
	var sks []string
	if err := s.EachSkeleton(func(sk *document.Document) error {
		sks = append(sks, sk.ID+":"+sk.References[0].ID)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if strings.Join(sks, ",") != "ah-tk-20202021-2348:kst-1-1,kst-29911-337:kst-1-1" {
		t.Errorf("skeletons %v", sks)
	}
}

func TestSkeletonRoundTrip(t *testing.T) {
	doc := &document.Document{ID: "kst-36450-3", Kamer: "tk", Vergaderjaar: "2023-2024", Dossier: "36450", Number: "3",
		Title: "Titel «x»", Type: "memorie van toelichting", Date: "2023-11-01",
		Sections: []document.Section{{ID: "s1", Number: "1", Heading: "Inleiding", Text: "lang"}, {ID: "s2", Heading: "Niet geciteerd"}},
		References: []document.Reference{{ID: "kst-32637-1", Kind: "kamerstuk", Raw: "32 637, nr. 1", Footnote: 2, Section: "s1", Page: 3, Pinpoint: "p. 4", Context: "ctx"},
			{ID: "", Raw: "zonder id"}, {ID: "kst-36450-3", Raw: "zelf"}}}
	sk := Skeleton(doc)
	got, err := decodeSkeleton(encodeSkeleton(sk))
	if err != nil {
		t.Fatal(err)
	}
	want, _ := json.Marshal(sk)
	have, _ := json.Marshal(got)
	if string(want) != string(have) {
		t.Errorf("round trip:\n%s\n%s", have, want)
	}
	if len(got.References) != 1 || len(got.Sections) != 1 || got.References[0].Context != "" {
		t.Errorf("skeleton %+v", got)
	}
	for i := range encodeSkeleton(sk) {
		if _, err := decodeSkeleton(encodeSkeleton(sk)[:i]); err == nil {
			t.Fatalf("truncated at %d: no error", i)
		}
	}
}

// CompareState walks the catalog and a table in step across chunks:
// missing and different entries differ, entries of ids not held are extra.
func TestCompareStateAcrossChunks(t *testing.T) {
	s, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	const n = 2500
	var recs []*Record
	state := map[string][]byte{}
	for i := 0; i < n; i++ {
		id := fmt.Sprintf("kst-1-%04d", i)
		sha := SHA256([]byte(id))
		recs = append(recs, &Record{Document: document.Document{ID: id}, Versions: []Version{{SHA256: sha}}})
		switch {
		case i%100 == 7: // missing from the table
		case i%100 == 8:
			state[id] = []byte("old")
		default:
			state[id] = []byte(sha)
		}
	}
	for i := 0; i < 30; i++ {
		state[fmt.Sprintf("kst-1-%04da", i*80)] = []byte("x") // not held
	}
	if err := s.PutRecords(recs); err != nil {
		t.Fatal(err)
	}
	if err := s.SetState("t", state); err != nil {
		t.Fatal(err)
	}
	differ, extra, m, err := s.CompareState("t", func(id string, v Version) []byte { return []byte(v.SHA256) })
	if err != nil {
		t.Fatal(err)
	}
	if len(differ) != 50 || len(extra) != 30 || m != len(state) {
		t.Errorf("differ %d, extra %d, n %d (want 50, 30, %d)", len(differ), len(extra), m, len(state))
	}
	for _, id := range differ {
		if !strings.HasSuffix(id, "07") && !strings.HasSuffix(id, "08") {
			t.Errorf("differs: %s", id)
		}
	}
}

// TestContextsTo: the contexts of one document's references to one
// target, in order, and nothing for a target it does not cite.
func TestContextsTo(t *testing.T) {
	s, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	r := &Record{Document: document.Document{ID: "kst-1-1", References: []document.Reference{
		{ID: "kst-2-1", Context: "Eerst."}, {ID: "kst-3-1", Context: "Tussendoor."}, {ID: "kst-2-1", Context: "Dan."},
		{ID: "kst-2-1"},
	}}, Versions: []Version{{SHA256: SHA256([]byte("a"))}}}
	if err := s.PutRecords([]*Record{r}); err != nil {
		t.Fatal(err)
	}
	got, err := s.ContextsTo("kst-1-1", "kst-2-1")
	if err != nil || !slices.Equal(got, []string{"Eerst.", "Dan.", ""}) {
		t.Errorf("ContextsTo = %q, %v", got, err)
	}
	if got, err := s.ContextsTo("kst-1-1", "kst-9-1"); err != nil || len(got) != 0 {
		t.Errorf("ContextsTo of a target not cited = %q, %v", got, err)
	}
	if _, err := s.ContextsTo("kst-8-1", "kst-2-1"); !errors.Is(err, ErrNotFound) {
		t.Errorf("ContextsTo of a document not held: %v", err)
	}
	// The same pairs at once: a result per pair, nil for the document not
	// held, which the error names.
	many, err := s.ContextsToMany([][2]string{{"kst-1-1", "kst-2-1"}, {"kst-8-1", "kst-2-1"}, {"kst-1-1", "kst-9-1"}, {"kst-1-1", "kst-3-1"}})
	if !errors.Is(err, ErrNotFound) || len(many) != 4 || !slices.Equal(many[0], []string{"Eerst.", "Dan.", ""}) ||
		many[1] != nil || many[2] == nil || len(many[2]) != 0 || !slices.Equal(many[3], []string{"Tussendoor."}) {
		t.Errorf("ContextsToMany = %q, %v", many, err)
	}
}

// TestReleaseMappedKeepsData: dropping the catalog's pages from the
// resident set, also while writes grow the catalog, changes nothing that
// reads see.
func TestReleaseMappedKeepsData(t *testing.T) {
	s, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	put := func(k int) {
		id := fmt.Sprintf("kst-7-%d", k)
		r := &Record{Document: document.Document{ID: id, Title: strings.Repeat("titel ", 50),
			References: []document.Reference{{ID: "kst-8-1", Context: fmt.Sprintf("Zin %d.", k)}}},
			Versions: []Version{{SHA256: SHA256([]byte(id))}}}
		if err := s.PutRecords([]*Record{r}); err != nil {
			t.Error(err)
		}
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		for k := range 100 {
			put(k)
		}
	}()
	for {
		s.ReleaseMapped()
		select {
		case <-done:
		default:
			continue
		}
		break
	}
	s.ReleaseMapped()
	for k := range 100 {
		got, err := s.ContextsTo(fmt.Sprintf("kst-7-%d", k), "kst-8-1")
		if err != nil || len(got) != 1 || got[0] != fmt.Sprintf("Zin %d.", k) {
			t.Fatalf("contexts of kst-7-%d = %q, %v", k, got, err)
		}
	}
	if s.Len() != 100 {
		t.Errorf("Len = %d, want 100", s.Len())
	}
}

// TestSkeletonKeepsNoTextAlive checks that a skeleton shares no memory with
// the document it was made of: its fields are often slices of the whole
// text, which the graph would otherwise keep for the life of the process.
func TestSkeletonKeepsNoTextAlive(t *testing.T) {
	text := strings.Repeat("Gelet op de brief van de minister, Kamerstuk 29 911, nr. 318. ", 200)
	at := func(s string) string { i := strings.Index(text, s); return text[i : i+len(s)] }
	doc := &document.Document{ID: "kst-1-1", Title: at("brief van de minister"), Dossier: "1", Number: "1",
		Date: "2024-01-02", Type: "brief", Vergaderjaar: "2023-2024", Kamer: "tk",
		Sections: []document.Section{{ID: "s1", Number: "1", Heading: at("Gelet op")}},
		References: []document.Reference{{ID: "kst-29911-318", Kind: document.KindKamerstuk,
			Raw: at("Kamerstuk 29 911, nr. 318"), Section: "s1", Pinpoint: at("nr. 318"), Context: text}}}
	sk := Skeleton(doc)
	lo := uintptr(unsafe.Pointer(unsafe.StringData(text)))
	hi := lo + uintptr(len(text))
	check := func(name, s string) {
		if s == "" {
			return
		}
		if p := uintptr(unsafe.Pointer(unsafe.StringData(s))); p >= lo && p < hi {
			t.Errorf("%s %q points into the document's text", name, s)
		}
	}
	check("title", sk.Title)
	check("heading", sk.Sections[0].Heading)
	check("raw", sk.References[0].Raw)
	check("pinpoint", sk.References[0].Pinpoint)
	if sk.Title != doc.Title || sk.References[0].Raw != doc.References[0].Raw || sk.Sections[0].Heading != doc.Sections[0].Heading {
		t.Errorf("skeleton %+v lost its values", sk)
	}
}

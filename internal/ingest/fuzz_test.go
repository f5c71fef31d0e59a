package ingest

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"kamerzoek/internal/store"
)

// minimalPDF is a one-page PDF with one line of text.
const minimalPDF = "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n" +
	"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n" +
	"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Resources<</Font<</F1 4 0 R>>>>/Contents 5 0 R>>endobj\n" +
	"4 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj\n" +
	"5 0 obj<</Length 44>>stream\nBT /F1 12 Tf 72 720 Td (Kamerstuk 29 911) Tj ET\nendstream endobj\n" +
	"trailer<</Root 1 0 R/Size 6>>\n%%EOF\n"

// FuzzParse feeds arbitrary and mutated PDF bytes through the whole parse
// path (sniffing, pdftext, structure): an error is fine, a panic or a hang
// is not, and a document that comes out is well-formed.
func FuzzParse(f *testing.F) {
	f.Add([]byte(minimalPDF))
	f.Add([]byte("%PDF-1.7\n"))
	f.Add([]byte("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 1 0 R>>endobj trailer<</Root 1 0 R>>"))
	f.Add([]byte(letter(1, "")))
	f.Add([]byte("<?xml version=\"1.0\"?><officiele-publicatie><kamerstuk/></officiele-publicatie>"))
	if dir := seedPDFDir(); dir != "" {
		files, _ := filepath.Glob(filepath.Join(dir, "*.pdf"))
		sort.Slice(files, func(i, j int) bool { return fileSize(files[i]) < fileSize(files[j]) })
		for _, p := range files[:min(4, len(files))] {
			b, err := os.ReadFile(p)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(b)
			f.Add(b[:len(b)/2])
			m := append([]byte(nil), b...)
			for i := len(m) / 3; i < len(m); i += len(m) / 7 {
				m[i] ^= 0x5a
			}
			f.Add(m)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := Parse(context.Background(), "fuzz.pdf", data, ParseOptions{Timeout: 20 * time.Second, MaxPages: 50})
		if errors.Is(err, ErrTimeout) {
			t.Fatalf("parse hangs on %d bytes", len(data))
		}
		if errors.Is(err, ErrParse) {
			t.Fatalf("a parser panicked: %v", err)
		}
		if err != nil {
			return
		}
		if doc.ID == "" || doc.ExtractorVersion != ExtractorVersion || doc.Source.SHA256 != store.SHA256(data) || doc.Source.Size != int64(len(data)) {
			t.Fatalf("ill-formed document: id %q version %q source %+v", doc.ID, doc.ExtractorVersion, doc.Source)
		}
	})
}

// seedPDFDir returns ../shared/realdata/pdf when it is there; fuzzing does
// without it.
func seedPDFDir() string {
	dir, _ := filepath.Abs(".")
	for {
		cand := filepath.Join(dir, "..", "shared", "realdata", "pdf")
		if _, err := os.Stat(cand); err == nil {
			return cand
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

func fileSize(p string) int64 {
	fi, err := os.Stat(p)
	if err != nil {
		return 0
	}
	return fi.Size()
}

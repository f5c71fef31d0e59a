package structure

import (
	"os"
	"path/filepath"
	"testing"

	"kamerzoek/internal/pdftext"
	"kamerzoek/internal/realdata"
)

// BenchmarkFromText parses the seed letter as text.
func BenchmarkFromText(b *testing.B) {
	data, err := os.ReadFile(filepath.Join(realdata.Dir(b), "seed", "kst-29911-337.txt"))
	if err != nil {
		b.Fatal(err)
	}
	text := string(data)
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := FromText(text); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFromPDF structures the text layer of a 29-page memorie van
// toelichting (the PDF is read once, outside the timing).
func BenchmarkFromPDF(b *testing.B) {
	data, err := os.ReadFile(filepath.Join(realdata.Dir(b), "realdata", "pdf", "Memorie van toelichting.pdf"))
	if err != nil {
		b.Fatal(err)
	}
	pd, err := pdftext.Read(data, pdftext.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := FromPDF(pd); err != nil {
			b.Fatal(err)
		}
	}
}

package pdftext

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"kamerzoek/internal/realdata"
)

// FuzzRead feeds arbitrary and mutated PDF bytes to Read: it must return
// pages or an error wrapping one of the sentinels, never panic or hang.
// The seeds are small synthetic files and the smallest real PDFs. A
// watchdog turns a hang into a crash, which the engine records.
func FuzzRead(f *testing.F) {
	f.Add(onePage("BT /F1 10 Tf 72 700 Td [(de) -300 (werkdruk)] TJ ET", map[string]string{"F1": helvetica}, ""))
	f.Add(onePage("BT /F1 10 Tf 72 700 Td (aangeboden.) Tj /F1 6 Tf 3.6 Ts (1) Tj ET", map[string]string{"F1": helvetica}, "/Rotate 90"))
	f.Add(onePage("q 1 0 0 1 0 0 cm BT /F1 10 Tf 12 TL (a) ' 1 2 (b) \" T* ET Q", map[string]string{
		"F1": "<< /Type /Font /Subtype /Type1 /BaseFont /X /Encoding << /Differences [1 /Euro.001 /f_t /uni00EB] >> >>"}, ""))
	f.Add(onePage("BT /F1 10 Tf 72 700 Td (voor) Tj ET BI /W 2 /H 1 /BPC 8 /CS /G ID \x00\xff)\nEI BT (na) Tj ET", map[string]string{"F1": helvetica}, ""))
	f.Add([]byte("%PDF-1.4\n%%EOF\n"))
	if dir, ok := realdata.Find(); ok {
		for _, name := range []string{"besluitenlijst_example4.pdf", "01bf9f06-42d0-48a6-a85f-12c9c8e14c57.pdf", "Koninklijke boodschap.pdf"} {
			if data, err := os.ReadFile(filepath.Join(dir, "realdata", "pdf", name)); err == nil {
				f.Add(data)
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		done := make(chan struct{})
		defer close(done)
		go func() {
			select {
			case <-done:
			case <-time.After(20 * time.Second):
				// crash the worker so that the engine keeps the input
				panic("pdftext: Read did not return within 20s")
			}
		}()
		doc, err := Read(data, Options{MaxPages: 20, MaxOpsPerPage: 20000, MaxXObjectDepth: 4})
		if err != nil {
			if !errors.Is(err, ErrMalformed) && !errors.Is(err, ErrEncrypted) && !errors.Is(err, ErrNoTextLayer) && !errors.Is(err, ErrTooLarge) {
				t.Fatalf("error wraps no sentinel: %v", err)
			}
			return
		}
		if doc == nil || len(doc.Pages) == 0 {
			t.Fatal("no error and no pages")
		}
		for _, p := range doc.Pages {
			for _, l := range p.Lines {
				if len(l.Words) == 0 {
					t.Fatal("empty line")
				}
				for _, w := range l.Words {
					if w.Text == "" {
						t.Fatal("empty word")
					}
				}
			}
		}
	})
}

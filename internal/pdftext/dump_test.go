package pdftext

import (
	"os"
	"testing"
)

// TestDump prints the text layer of the file named by PDFTEXT_DUMP; a
// debugging aid that does nothing otherwise.
func TestDump(t *testing.T) {
	name := os.Getenv("PDFTEXT_DUMP")
	if name == "" {
		t.Skip("set PDFTEXT_DUMP=file.pdf to print its text layer")
	}
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := Read(data, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := WriteText(os.Stdout, doc); err != nil {
		t.Fatal(err)
	}
}

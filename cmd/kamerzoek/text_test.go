package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kamerzoek/internal/realdata"
)

// textCLI runs `kamerzoek text` with args.
func textCLI(args ...string) (int, string, string) {
	return runCLI(append([]string{"text"}, args...)...)
}

func TestTextCommandErrors(t *testing.T) {
	dir := t.TempDir()
	notPDF := filepath.Join(dir, "brief.pdf")
	if err := os.WriteFile(notPDF, []byte("Dit is geen PDF."), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"not a PDF", []string{notPDF}, 1, "not a PDF file"},
		{"missing file", []string{filepath.Join(dir, "weg.pdf")}, 1, "no such file"},
		{"no argument", nil, 2, "usage: kamerzoek text"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errs := textCLI(tc.args...)
			if code != tc.code || !strings.Contains(errs, tc.msg) || out != "" {
				t.Errorf("exit %d, stderr %q, stdout %q; want exit %d and %q on stderr", code, errs, out, tc.code, tc.msg)
			}
		})
	}
}

func TestTextCommandSeed(t *testing.T) {
	sh := realdata.Path(t, "seed", "kst-29911-337.latex.pdf")
	code, out, errs := textCLI(sh)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"--- page 1 ---", "--- page 15 ---", "aangeboden.^1 De evaluatie", "^1 Kamerstuk 29 911, nr. 318."} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
}

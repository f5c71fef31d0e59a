package refs

import (
	"os"
	"os/exec"
	"strings"
	"testing"

	"kamerzoek/internal/realdata"
)

// pdfText runs poppler's pdftotext (with args) on a real PDF of
// ../shared/realdata.
func pdfText(t *testing.T, name string, args ...string) string {
	t.Helper()
	pdf := realdata.PDF(t, name)
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("pdftotext not installed")
		}
		t.Skip("pdftotext not installed; skipping")
	}
	args = append(append([]string{"-enc", "UTF-8"}, args...), pdf, "-")
	out, err := exec.Command(bin, args...).Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", name, err)
	}
	return string(out)
}

// TestRealPDFRunningHeaders reads XPP-typeset papers whose every page
// repeats "Tweede Kamer, vergaderjaar 2023–2024, 36 450, nr. N", as
// pdftotext writes them in reading order and in layout: with or without
// Self, that header and the colophon id are never references, and the
// footnote citations are found.
func TestRealPDFRunningHeaders(t *testing.T) {
	tests := []struct {
		file, self string
		want       []string
	}{
		{"Memorie van toelichting.pdf", "kst-36450-3", []string{"kst-28362-44", "kst-35925-XIII-20", "kst-16040-3", "kst-16040-4", "stcrt-2011-12119", "celex:32018R0848"}},
		{"Advies Afdeling advisering Raad van State en Nader rapport.pdf", "kst-36450-4", []string{"kst-24503-3", "kst-35570-VI-115", "kst-29515-412", "stb-1996-378"}},
		{"Nota naar aanleiding van het verslag.pdf", "kst-36450-6", []string{"kst-36410-VI-26", "kst-36450-3", "kst-32637-476"}},
	}
	for _, tc := range tests {
		for _, mode := range []string{"raw", "layout"} {
			t.Run(tc.self+"/"+mode, func(t *testing.T) {
				var args []string
				if mode == "layout" {
					args = []string{"-layout"}
				}
				text := pdfText(t, tc.file, args...)
				for _, self := range []string{tc.self, ""} {
					res := Extract(text, Context{Self: self})
					checkInvariants(t, text, res)
					got := map[string]bool{}
					for _, r := range res.References {
						got[r.ID] = true
						if r.ID == tc.self {
							t.Errorf("Self=%q: own id returned from %q", self, r.Raw)
						}
						if strings.HasPrefix(r.Raw, "Tweede Kamer, vergaderjaar 2023") {
							t.Errorf("Self=%q: running header returned as %s", self, r.ID)
						}
					}
					for _, w := range tc.want {
						if !got[w] {
							t.Errorf("Self=%q: %s not found", self, w)
						}
					}
				}
			})
		}
	}
}

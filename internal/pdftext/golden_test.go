package pdftext

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kamerzoek/internal/realdata"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// TestRenderGolden renders the seed renderings and compares with
// testdata/golden/<name>.txt (regenerate with -update).
func TestRenderGolden(t *testing.T) {
	sh := realdata.Dir(t)
	goldens, _ := filepath.Glob(filepath.Join("testdata", "golden", "*.txt"))
	if len(goldens) == 0 && !*update {
		t.Fatal("no golden files match testdata/golden/*.txt")
	}
	files, _ := filepath.Glob(filepath.Join(sh, "seed", "*.pdf"))
	if len(files) == 0 {
		t.Fatal("no seed renderings")
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".pdf") + ".txt"
		t.Run(name, func(t *testing.T) {
			buf := fileText(t, f)
			golden := filepath.Join("testdata", "golden", name)
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if got := buf.String(); got != string(want) {
				gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
				for i := 0; i < len(gl) || i < len(wl); i++ {
					var g, w string
					if i < len(gl) {
						g = gl[i]
					}
					if i < len(wl) {
						w = wl[i]
					}
					if g != w {
						t.Fatalf("line %d differs:\n got: %q\nwant: %q\n(run with -update if the change is intended)", i+1, g, w)
					}
				}
			}
		})
	}
}

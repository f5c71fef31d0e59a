package ingest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"kamerzoek/internal/realdata"
)

// BenchmarkParseSeedPDF parses the XeLaTeX rendering of the seed letter
// (sniff, pdftext, structure, refs), without storing it.
func BenchmarkParseSeedPDF(b *testing.B) {
	data, err := os.ReadFile(filepath.Join(realdata.Dir(b), "seed", "kst-29911-337.latex.pdf"))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	ctx := context.Background()
	for b.Loop() {
		if _, err := Parse(ctx, "seed.pdf", data, ParseOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkIngestOne ingests one small plain-text letter per operation
// into a growing corpus: the cost of a commit (store files, journal,
// index batch, graph) for a single upload.
func BenchmarkIngestOne(b *testing.B) {
	c := openCorpus(b, b.TempDir())
	defer c.Close()
	ctx := context.Background()
	i := 0
	for b.Loop() {
		i++
		if o := c.IngestBytes(ctx, "l.txt", []byte(letter(10000+i, ""))); o.Status != StatusIngested {
			b.Fatal(o)
		}
	}
}

// BenchmarkIngestRealPDFs ingests every PDF of ../shared/realdata/pdf into
// a fresh data directory per operation, with the default workers and
// batches. Set KAMERZOEK_BENCH_LARGE=1 to run it.
func BenchmarkIngestRealPDFs(b *testing.B) {
	if os.Getenv("KAMERZOEK_BENCH_LARGE") != "1" {
		b.Skip("set KAMERZOEK_BENCH_LARGE=1")
	}
	dir := filepath.Join(realdata.Dir(b), "realdata", "pdf")
	ctx := context.Background()
	var files, pages int
	for b.Loop() {
		c, err := Open(Options{Dir: b.TempDir()})
		if err != nil {
			b.Fatal(err)
		}
		sum := c.Ingest(ctx, []string{dir}, nil)
		c.Close()
		if sum.Failed > 0 {
			b.Fatal(fmt.Sprintf("%d failed", sum.Failed))
		}
		files += len(sum.Outcomes)
		pages += sum.Pages
	}
	s := b.Elapsed().Seconds()
	b.ReportMetric(float64(files)/s, "files/s")
	b.ReportMetric(float64(pages)/s, "pages/s")
}

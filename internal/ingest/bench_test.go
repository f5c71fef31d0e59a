package ingest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"kamerzoek/internal/document"
	"kamerzoek/internal/graph"
	"kamerzoek/internal/realdata"
	"kamerzoek/internal/store"
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
// into a growing corpus: the cost of a commit (store files and catalog,
// index batch and its version table, graph) for a single upload.
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

// startupDocs returns n synthetic letters of a realistic record size
// (about 1,500 words in six sections, six footnotes citing earlier
// letters with a context sentence each).
func startupDocs(n int) []*store.Record {
	words := strings.Fields("de het een van in op voor met aan minister kamer brief ondermijning criminaliteit aanpak " +
		"beleid wet regering uitvoering gemeenten politie justitie veiligheid maatregelen onderzoek evaluatie")
	rng := rand.New(rand.NewPCG(1, 2))
	recs := make([]*store.Record, n)
	for i := range recs {
		id := fmt.Sprintf("kst-%d-%d", 30000+i/100, i%100+1)
		d := document.Document{ID: id, Kamer: "tk", Vergaderjaar: "2021-2022", Dossier: fmt.Sprint(30000 + i/100),
			Number: fmt.Sprint(i%100 + 1), Title: "Bestrijding georganiseerde criminaliteit", Type: "brief",
			Date: "2021-11-17", ExtractorVersion: ExtractorVersion}
		for s := 0; s < 6; s++ {
			var b strings.Builder
			for w := 0; w < 250; w++ {
				b.WriteString(words[rng.IntN(len(words))])
				b.WriteByte(' ')
			}
			d.Sections = append(d.Sections, document.Section{ID: fmt.Sprintf("s%d", s+1), Number: fmt.Sprint(s + 1),
				Heading: "Paragraaf", Level: 1, Text: b.String()})
		}
		for k := 0; k < 6 && i > 0; k++ {
			u := rng.Float64()
			j := int(u * u * float64(i))
			t := fmt.Sprintf("kst-%d-%d", 30000+j/100, j%100+1)
			d.Footnotes = append(d.Footnotes, document.Footnote{Number: k + 1, Text: "Kamerstuk " + t, Refs: []string{t}})
			d.References = append(d.References, document.Reference{ID: t, Kind: document.KindKamerstuk, Raw: "Kamerstuk " + t,
				Footnote: k + 1, Section: "s1", Context: "Zie hierover de brief van de minister, " + t + ", waarin de hoofdlijnen zijn uiteengezet."})
		}
		sha := store.SHA256([]byte(id))
		d.Source = document.Source{File: id + ".txt", SHA256: sha, Format: document.FormatText}
		recs[i] = &store.Record{Document: d, Versions: []store.Version{{SHA256: sha, File: id + ".txt", Format: "text", ExtractorVersion: ExtractorVersion}}}
	}
	return recs
}

// BenchmarkStartup measures what opening a corpus costs besides opening
// the index: the store and the graph (and the version check of the
// index's table). "catalog" is this version's start-up (store catalog,
// graph from skeletons, contexts left on disk); "records" is the previous
// version's (decode every record, build the graph from the documents),
// measured on the same store in the same run. Set
// KAMERZOEK_BENCH_STARTUP=N for a store of N letters.
func BenchmarkStartup(b *testing.B) {
	n, _ := strconv.Atoi(os.Getenv("KAMERZOEK_BENCH_STARTUP"))
	if n <= 0 {
		b.Skip("set KAMERZOEK_BENCH_STARTUP=N (letters)")
	}
	dir := b.TempDir()
	st, err := store.Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	recs := startupDocs(n)
	for i := 0; i < len(recs); i += 500 {
		if err := st.PutRecords(recs[i:min(i+500, len(recs))]); err != nil {
			b.Fatal(err)
		}
	}
	recs = nil
	st.Close()
	b.Run(fmt.Sprintf("catalog/%d", n), func(b *testing.B) {
		defer cpuPerOp(b)()
		for b.Loop() {
			st, err := store.Open(dir)
			if err != nil {
				b.Fatal(err)
			}
			g := graph.New()
			g.SetContexts(st.Contexts)
			err = g.Load(func(add func(*document.Document)) error {
				return st.EachSkeleton(func(sk *document.Document) error {
					add(sk)
					return nil
				})
			})
			if err != nil {
				b.Fatal(err)
			}
			// The version check of an index table that agrees.
			want := func(id string, v store.Version) []byte { return indexedAs(v) }
			if _, _, _, err := st.CompareState("index/none", want); err != nil {
				b.Fatal(err)
			}
			st.Close()
		}
	})
	b.Run(fmt.Sprintf("records/%d", n), func(b *testing.B) {
		defer cpuPerOp(b)()
		for b.Loop() {
			st, err := store.Open(dir)
			if err != nil {
				b.Fatal(err)
			}
			docs, err := st.Documents()
			if err != nil {
				b.Fatal(err)
			}
			graph.New().Build(docs)
			st.Close()
		}
	})
}

// cpuPerOp returns a func that reports the process's CPU time per op
// since cpuPerOp was called: on a shared machine it holds still where
// wall-clock time follows the load.
func cpuPerOp(b *testing.B) func() {
	cpu := func() time.Duration {
		var ru syscall.Rusage
		_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
		return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	start := cpu()
	return func() {
		if b.N > 0 {
			b.ReportMetric(float64(cpu()-start)/float64(b.N), "cpu-ns/op")
		}
	}
}

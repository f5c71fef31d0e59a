package indexer

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/lang/nl"
	"github.com/blevesearch/bleve/v2/mapping"

	"kamerzoek/internal/document"
	"kamerzoek/internal/realdata"
)

// BenchmarkScale indexes realistic letters (lognormal lengths around 1,500
// words, sentences drawn from the seed letter and the real XML documents,
// numbered sections, about six footnotes citing earlier letters) with Put,
// and the same letters into a plain bleve index (nl analyzer, term vectors,
// text stored, each letter indexed once, batches of 500), in the same run.
// It reports both rates, their ratio (by the wall clock and by CPU time),
// the rate of the last tenth of the letters against the first (by CPU
// time, background merges included), and index bytes per byte of text.
//
// KAMERZOEK_SCALE_N sets the number of letters (default 2,000).
// KAMERZOEK_SCALE_REPUT=1 also puts again, after each batch, the earlier
// letters the batch cites: what keeping a cited-by count in the record
// would cost. KAMERZOEK_SCALE_BATCH sets the letters per Put (default 500,
// as plain bleve's batches). KAMERZOEK_SCALE_CPUPROFILE=FILE writes a CPU
// profile of kamerzoek's Put. Run with -benchtime=1x:
//
//	KAMERZOEK_SCALE_N=20000 go test ./indexer -run '^$' -bench Scale -benchtime=1x
func BenchmarkScale(b *testing.B) {
	n := 2000
	if s := os.Getenv("KAMERZOEK_SCALE_N"); s != "" {
		v, err := strconv.Atoi(s)
		if err != nil || v < 10 {
			b.Fatalf("KAMERZOEK_SCALE_N=%q: want a number ≥ 10", s)
		}
		n = v
	}
	sents := scaleSentences(b)
	docs := scaleLetters(n, sents, 42)
	var textBytes int64
	for _, d := range docs {
		textBytes += int64(len(plainText(d)))
	}
	cb := citedByOf(docs)
	reput := os.Getenv("KAMERZOEK_SCALE_REPUT") == "1"
	kzBatch := 500
	if s := os.Getenv("KAMERZOEK_SCALE_BATCH"); s != "" {
		v, err := strconv.Atoi(s)
		if err != nil || v < 1 {
			b.Fatalf("KAMERZOEK_SCALE_BATCH=%q: want a number ≥ 1", s)
		}
		kzBatch = v
	}
	for b.Loop() {
		dir := b.TempDir()

		bi, err := bleve.New(filepath.Join(dir, "plain"), plainMapping())
		if err != nil {
			b.Fatal(err)
		}
		start, cpu0 := time.Now(), cpuTime()
		tenth := max(len(docs)/10, 1)
		var pFirst, pLast time.Duration
		for i := 0; i < len(docs); i += 500 {
			t0 := cpuTime()
			j := min(i+500, len(docs))
			batch := bi.NewBatch()
			for _, d := range docs[i:j] {
				if err := batch.Index(d.ID, plainDoc(d)); err != nil {
					b.Fatal(err)
				}
			}
			if err := bi.Batch(batch); err != nil {
				b.Fatal(err)
			}
			if i < tenth {
				pFirst += cpuTime() - t0
			}
			if j > len(docs)-tenth {
				pLast += cpuTime() - t0
			}
		}
		if err := bi.Close(); err != nil {
			b.Fatal(err)
		}
		plainDur, plainCPU := time.Since(start), cpuTime()-cpu0

		ix, err := Open(filepath.Join(dir, "kz"), Options{})
		if err != nil {
			b.Fatal(err)
		}
		var first, last time.Duration
		start, cpu0 = time.Now(), cpuTime()
		if p := os.Getenv("KAMERZOEK_SCALE_CPUPROFILE"); p != "" {
			f, err := os.Create(p)
			if err != nil {
				b.Fatal(err)
			}
			if err := pprof.StartCPUProfile(f); err != nil {
				b.Fatal(err)
			}
		}
		for i := 0; i < len(docs); i += kzBatch {
			t0 := cpuTime()
			j := min(i+kzBatch, len(docs))
			if err := ix.Put(docs[i:j], cb); err != nil {
				b.Fatal(err)
			}
			if reput {
				if err := ix.Put(citedHeld(docs, i, j), cb); err != nil {
					b.Fatal(err)
				}
			}
			d := cpuTime() - t0
			// a tenth is counted in whole batches
			if i < tenth {
				first += d
			}
			if j > len(docs)-tenth {
				last += d
			}
		}
		if err := ix.Close(); err != nil {
			b.Fatal(err)
		}
		pprof.StopCPUProfile()
		kzDur, kzCPU := time.Since(start), cpuTime()-cpu0
		plainRate := float64(len(docs)) / plainDur.Seconds()
		kzRate := float64(len(docs)) / kzDur.Seconds()
		b.ReportMetric(plainRate, "plain-letters/s")
		b.ReportMetric(kzRate, "kz-letters/s")
		b.ReportMetric(kzRate/plainRate, "kz/plain-rate")
		b.ReportMetric(plainCPU.Seconds()/kzCPU.Seconds(), "kz/plain-cpu-rate")
		b.ReportMetric(kzCPU.Seconds()*1e3/float64(len(docs)), "kz-cpu-ms/letter")
		b.ReportMetric(plainCPU.Seconds()*1e3/float64(len(docs)), "plain-cpu-ms/letter")
		b.ReportMetric(float64(textBytes)/1e6/kzDur.Seconds(), "kz-MB/s")
		if pLast > 0 {
			b.ReportMetric(pFirst.Seconds()/pLast.Seconds(), "plain-last/first-rate")
		}
		if last > 0 {
			b.ReportMetric(first.Seconds()/last.Seconds(), "kz-last/first-rate")
		}
		b.ReportMetric(float64(dirSize(filepath.Join(dir, "plain")))/float64(textBytes), "plain-index-x")
		b.ReportMetric(float64(dirSize(filepath.Join(dir, "kz")))/float64(textBytes), "kz-index-x")

	}
	b.ReportMetric(float64(textBytes)/float64(len(docs)), "text-bytes/letter")
}

func (l latencies) pct(p float64) float64 {
	s := slices.Clone(l)
	slices.Sort(s)
	return float64(s[int(p*float64(len(s)-1))].Microseconds()) / 1000
}

// plainMapping is the reference: one text field, nl analyzer, stored, with
// term vectors, and a keyword type for the facet.
func plainMapping() *mapping.IndexMappingImpl {
	m := bleve.NewIndexMapping()
	dm := bleve.NewDocumentStaticMapping()
	t := bleve.NewTextFieldMapping()
	t.Analyzer = nl.AnalyzerName
	t.Store = true
	t.IncludeTermVectors = true
	t.IncludeInAll = false
	dm.AddFieldMappingsAt("text", t)
	k := bleve.NewKeywordFieldMapping()
	k.IncludeInAll = false
	dm.AddFieldMappingsAt("type", k)
	m.DefaultMapping = dm
	m.DefaultAnalyzer = nl.AnalyzerName
	m.DefaultField = "text"
	return m
}

func plainDoc(d *document.Document) map[string]any {
	return map[string]any{"text": plainText(d), "type": d.Type}
}

// plainText is a letter's text as one string: title, headings and
// paragraphs, footnotes.
func plainText(d *document.Document) string {
	var b strings.Builder
	b.WriteString(d.Title)
	b.WriteByte('\n')
	for _, s := range d.Sections {
		b.WriteString(sectionHeading(&s))
		b.WriteByte('\n')
		b.WriteString(s.Text)
		b.WriteString("\n\n")
	}
	for _, f := range d.Footnotes {
		b.WriteString(f.Text)
		b.WriteByte('\n')
	}
	return b.String()
}

var (
	reTag      = regexp.MustCompile(`<[^>]*>`)
	reSentence = regexp.MustCompile(`[^.!?]{40,400}[.!?]`)
)

// scaleSentences reads sentences from the seed letter and the real XML
// documents.
func scaleSentences(tb testing.TB) []string {
	shared := realdata.Dir(tb)
	paths := []string{filepath.Join(shared, "seed", "kst-29911-337.txt")}
	xmls, _ := filepath.Glob(filepath.Join(shared, "realdata", "xml", "*.xml"))
	for _, x := range xmls {
		if !strings.Contains(x, "metadata") && !strings.Contains(filepath.Base(x), "sru_") {
			paths = append(paths, x)
		}
	}
	seen := map[string]bool{}
	var out []string
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		text := reTag.ReplaceAllString(string(b), " ")
		for _, s := range reSentence.FindAllString(text, -1) {
			s = strings.Join(strings.Fields(s), " ")
			if len(strings.Fields(s)) >= 6 && !seen[s] {
				seen[s] = true
				out = append(out, s)
			}
		}
	}
	if len(out) < 200 {
		tb.Fatalf("only %d sentences from %d files", len(out), len(paths))
	}
	return out
}

// scaleLetters makes n letters from sents: lognormal lengths around 1,500
// words, a numbered section every 150–400 words, about six footnotes each
// citing an earlier letter (earlier letters cited with a power law).
func scaleLetters(n int, sents []string, seed uint64) []*document.Document {
	rng := rand.New(rand.NewPCG(seed, seed+1))
	const sigma = 0.6
	mu := math.Log(1500) - sigma*sigma/2
	docs := make([]*document.Document, n)
	for i := range docs {
		dossier := strconv.Itoa(29000 + rng.IntN(2000))
		year := 2000 + rng.IntN(24)
		d := &document.Document{
			ID: fmt.Sprintf("kst-%s-%d", dossier, i+1), Kamer: "tk", Dossier: dossier, Number: strconv.Itoa(i + 1),
			Vergaderjaar: fmt.Sprintf("%d-%d", year, year+1),
			Date:         fmt.Sprintf("%d-%02d-%02d", year, 1+rng.IntN(12), 1+rng.IntN(28)),
			Title:        sents[rng.IntN(len(sents))], Type: synthTypes[rng.IntN(len(synthTypes))],
			Sender: synthSenders[rng.IntN(len(synthSenders))], ExtractorVersion: "scale",
		}
		words := int(math.Exp(mu + sigma*rng.NormFloat64()))
		page := 1
		for w, s := 0, 0; w < words; s++ {
			secWords := 150 + rng.IntN(250)
			var b strings.Builder
			var paras []document.Paragraph
			for sw := 0; sw < secWords && w < words; {
				if b.Len() > 0 {
					b.WriteString("\n\n")
				}
				start := b.Len()
				for range 3 + rng.IntN(4) {
					t := sents[rng.IntN(len(sents))]
					if b.Len() > start {
						b.WriteByte(' ')
					}
					b.WriteString(t)
					k := strings.Count(t, " ") + 1
					sw += k
					w += k
				}
				paras = append(paras, document.Paragraph{Start: start, End: b.Len(), Page: page})
				if rng.IntN(3) == 0 {
					page++
				}
			}
			head := sents[rng.IntN(len(sents))]
			head = strings.Join(strings.Fields(head)[:3], " ")
			d.Sections = append(d.Sections, document.Section{
				ID: fmt.Sprintf("s%d", s+1), Number: strconv.Itoa(s+1) + ".", Heading: head, Level: 1,
				Page: paras[0].Page, Text: b.String(), Paragraphs: paras,
			})
		}
		if i > 0 {
			nf := rng.IntN(13)
			for f := range nf {
				// power law over earlier letters: low numbers are cited most
				t := docs[int(float64(i)*math.Pow(rng.Float64(), 3))]
				d.Footnotes = append(d.Footnotes, document.Footnote{
					Number: f + 1, Page: page,
					Text: fmt.Sprintf("Kamerstukken II %s, %s, nr. %s.", strings.ReplaceAll(t.Vergaderjaar, "-", "/"), t.Dossier, t.Number),
					Refs: []string{t.ID},
				})
				d.References = append(d.References, document.Reference{ID: t.ID})
			}
		}
		docs[i] = d
	}
	return docs
}

// citedHeld returns the letters before docs[i] that docs[i:j] cite.
func citedHeld(docs []*document.Document, i, j int) []*document.Document {
	pos := make(map[string]int, j)
	for k, d := range docs[:i] {
		pos[d.ID] = k
	}
	seen := map[string]bool{}
	var out []*document.Document
	for _, d := range docs[i:j] {
		for _, r := range d.References {
			if k, ok := pos[r.ID]; ok && !seen[r.ID] {
				seen[r.ID] = true
				out = append(out, docs[k])
			}
		}
	}
	return out
}

// cpuTime is the CPU time (user and system) the process has used: on a
// shared machine a steadier measure than the wall clock.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkScaleSearch measures search over the letters of BenchmarkScale
// (KAMERZOEK_SCALE_N of them), in kamerzoek's index and in plain bleve's,
// query by query in turns: p50 and p99 of one client, for a term, a phrase
// and three words, each with highlights of the top 10 and a facet, and the
// throughput of four clients against one. KAMERZOEK_SCALE_DIR keeps the
// two indexes there between runs (built when absent);
// KAMERZOEK_SCALE_SEARCHPROFILE=FILE writes a CPU profile of the searches.
func BenchmarkScaleSearch(b *testing.B) {
	n := 2000
	if s := os.Getenv("KAMERZOEK_SCALE_N"); s != "" {
		v, err := strconv.Atoi(s)
		if err != nil || v < 10 {
			b.Fatalf("KAMERZOEK_SCALE_N=%q: want a number ≥ 10", s)
		}
		n = v
	}
	dir := os.Getenv("KAMERZOEK_SCALE_DIR")
	if dir == "" {
		dir = b.TempDir()
	}
	dir = filepath.Join(dir, fmt.Sprintf("%s-%d", MappingVersion, n))
	if _, err := os.Stat(filepath.Join(dir, "done")); err != nil {
		_ = os.RemoveAll(dir)
		docs := scaleLetters(n, scaleSentences(b), 42)
		cb := citedByOf(docs)
		bi, err := bleve.New(filepath.Join(dir, "plain"), plainMapping())
		if err != nil {
			b.Fatal(err)
		}
		ix, err := Open(filepath.Join(dir, "kz"), Options{})
		if err != nil {
			b.Fatal(err)
		}
		for i := 0; i < len(docs); i += 500 {
			batch := bi.NewBatch()
			for _, d := range docs[i:min(i+500, len(docs))] {
				if err := batch.Index(d.ID, plainDoc(d)); err != nil {
					b.Fatal(err)
				}
			}
			if err := bi.Batch(batch); err != nil {
				b.Fatal(err)
			}
			if err := ix.Put(docs[i:min(i+500, len(docs))], cb); err != nil {
				b.Fatal(err)
			}
		}
		_ = bi.Close()
		_ = ix.Close()
		if err := os.WriteFile(filepath.Join(dir, "done"), nil, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	bi, err := bleve.Open(filepath.Join(dir, "plain"))
	if err != nil {
		b.Fatal(err)
	}
	defer bi.Close()
	ix, err := Open(filepath.Join(dir, "kz"), Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	queries := []struct{ name, q string }{
		{"term", "ondermijning"}, {"phrase", `"georganiseerde criminaliteit"`}, {"three", "aanpak drugs haven"},
	}
	plain := func(q string) {
		req := bleve.NewSearchRequestOptions(bleve.NewQueryStringQuery(q), 10, 0, false)
		req.Highlight = bleve.NewHighlightWithStyle("html")
		req.Highlight.AddField("text")
		req.AddFacet("type", bleve.NewFacetRequest("type", 10))
		if _, err := bi.Search(req); err != nil {
			b.Fatal(err)
		}
	}
	kz := func(q string) {
		if _, err := ix.Search(Request{Query: q, Facets: []string{"type"}}); err != nil {
			b.Fatal(err)
		}
	}
	for _, q := range queries { // warm up
		plain(q.q)
		kz(q.q)
	}
	if p := os.Getenv("KAMERZOEK_SCALE_SEARCHPROFILE"); p != "" {
		f, err := os.Create(p)
		if err != nil {
			b.Fatal(err)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			b.Fatal(err)
		}
		defer pprof.StopCPUProfile()
	}
	for b.Loop() {
		for _, q := range queries {
			var pl, kl latencies
			for range 100 {
				t0 := time.Now()
				plain(q.q)
				pl = append(pl, time.Since(t0))
				t0 = time.Now()
				kz(q.q)
				kl = append(kl, time.Since(t0))
			}
			b.ReportMetric(pl.pct(0.5), q.name+"-plain-p50-ms")
			b.ReportMetric(pl.pct(0.99), q.name+"-plain-p99-ms")
			b.ReportMetric(kl.pct(0.5), q.name+"-kz-p50-ms")
			b.ReportMetric(kl.pct(0.99), q.name+"-kz-p99-ms")
		}
		// throughput: the same 120 searches by one client, then by four
		run := func(clients int, search func(string)) float64 {
			const total = 120
			start := time.Now()
			var wg sync.WaitGroup
			for c := range clients {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for i := c; i < total; i += clients {
						search(queries[i%len(queries)].q)
					}
				}()
			}
			wg.Wait()
			return total / time.Since(start).Seconds()
		}
		b.ReportMetric(run(4, kz)/run(1, kz), "kz-4/1-throughput")
		b.ReportMetric(run(4, plain)/run(1, plain), "plain-4/1-throughput")
	}
}

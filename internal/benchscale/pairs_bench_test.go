package benchscale

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/token/shingle"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/mapping"

	"kamerzoek/internal/scalecorpus"
)

// BenchmarkWordPairs measures what an index of word pairs would cost and
// give: the plain bleve reference's mapping, and the same with a field of
// adjacent word pairs (a shingle filter; not stored, no term vectors), in
// which a two-word phrase is one term. It builds both from the first
// KAMERZOEK_PAIRS_N letters (default 8,000) of the bench-scale corpus in
// KAMERZOEK_PAIRS_CORPUS, and reports the ingest time and index size of
// the second against the first, and the median time of each phrase of
// the mix below as a phrase search and as a pair term.
//
//	KAMERZOEK_PAIRS_CORPUS=bench-scale/corpus go test -run '^$' -bench WordPairs -benchtime 1x ./internal/benchscale
func BenchmarkWordPairs(b *testing.B) {
	dir := os.Getenv("KAMERZOEK_PAIRS_CORPUS")
	if dir == "" {
		b.Skip("set KAMERZOEK_PAIRS_CORPUS to a bench-scale corpus folder")
	}
	n := 8000
	if s := os.Getenv("KAMERZOEK_PAIRS_N"); s != "" {
		var err error
		if n, err = strconv.Atoi(s); err != nil || n < 1 {
			b.Fatalf("KAMERZOEK_PAIRS_N=%q: want a positive number", s)
		}
	}
	var texts []string
	var textBytes int64
	errEnough := errors.New("enough")
	err := eachLetter(dir, func(l *scalecorpus.Letter) error {
		t, err := os.ReadFile(filepath.Join(dir, l.File))
		if err != nil {
			return err
		}
		texts = append(texts, string(t))
		textBytes += int64(len(t))
		if len(texts) == n {
			return errEnough
		}
		return nil
	})
	if err != nil && !errors.Is(err, errEnough) {
		b.Fatal(err)
	}
	phrases := []string{"algemene maatregel", "kennis gebracht", "wettelijke regeling", "huidige praktijk"}
	for b.Loop() {
		tmp := b.TempDir()
		plainIx, plainTime := buildPairsBench(b, filepath.Join(tmp, "plain"), false, texts)
		pairIx, pairTime := buildPairsBench(b, filepath.Join(tmp, "pairs"), true, texts)
		b.ReportMetric(pairTime.Seconds()/plainTime.Seconds(), "ingest-time-ratio")
		b.ReportMetric(float64(dirSize(filepath.Join(tmp, "plain")))/float64(textBytes), "plain-index/text")
		b.ReportMetric(float64(dirSize(filepath.Join(tmp, "pairs")))/float64(textBytes), "pairs-index/text")
		var phraseMS, pairMS []float64
		for _, p := range phrases {
			var pt, qt []float64
			for range 15 {
				pq := bleve.NewMatchPhraseQuery(p)
				pq.SetField("text")
				t0 := time.Now()
				if _, err := plainIx.Search(bleve.NewSearchRequest(pq)); err != nil {
					b.Fatal(err)
				}
				pt = append(pt, float64(time.Since(t0).Microseconds())/1000)
				tq := bleve.NewTermQuery(p)
				tq.SetField("pairs")
				t0 = time.Now()
				if _, err := pairIx.Search(bleve.NewSearchRequest(tq)); err != nil {
					b.Fatal(err)
				}
				qt = append(qt, float64(time.Since(t0).Microseconds())/1000)
			}
			phraseMS, pairMS = append(phraseMS, Percentile(pt, 50)), append(pairMS, Percentile(qt, 50))
		}
		b.ReportMetric(slices.Max(phraseMS), "worst-phrase-ms")
		b.ReportMetric(slices.Max(pairMS), "worst-pair-term-ms")
		_ = plainIx.Close()
		_ = pairIx.Close()
	}
}

// buildPairsBench indexes texts into a new index at dir with the plain
// reference's text field, and with pairs a field of adjacent word pairs
// too; it returns the index and the time the batches took.
func buildPairsBench(b *testing.B, dir string, pairs bool, texts []string) (bleve.Index, time.Duration) {
	im := plainMapping().(*mapping.IndexMappingImpl)
	if pairs {
		if err := im.AddCustomTokenFilter("pair2", map[string]any{"type": shingle.Name, "min": 2.0, "max": 2.0,
			"output_original": false, "separator": " "}); err != nil {
			b.Fatal(err)
		}
		if err := im.AddCustomAnalyzer("pairs", map[string]any{"type": custom.Name, "tokenizer": unicode.Name,
			"token_filters": []string{lowercase.Name, "pair2"}}); err != nil {
			b.Fatal(err)
		}
		f := bleve.NewTextFieldMapping()
		f.Analyzer = "pairs"
		f.Store, f.IncludeTermVectors, f.IncludeInAll = false, false, false
		im.DefaultMapping.AddFieldMappingsAt("pairs", f)
	}
	ix, err := bleve.New(dir, im)
	if err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	batch := ix.NewBatch()
	for i, t := range texts {
		doc := map[string]any{"text": t}
		if pairs {
			doc["pairs"] = t
		}
		if err := batch.Index(strconv.Itoa(i), doc); err != nil {
			b.Fatal(err)
		}
		if batch.Size() >= PlainBatch || i == len(texts)-1 {
			if err := ix.Batch(batch); err != nil {
				b.Fatal(err)
			}
			batch.Reset()
		}
	}
	return ix, time.Since(start)
}

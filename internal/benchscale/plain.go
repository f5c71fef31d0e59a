package benchscale

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/lang/nl"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search/query"

	"kamerzoek/internal/scalecorpus"
)

// PlainBatch is the batch size of the plain bleve reference.
const PlainBatch = 500

// plainDoc is what the plain bleve reference indexes per letter: the
// whole text once (nl analyzer, term vectors, stored) and the fields the
// query mix filters, facets and sorts on.
type plainDoc struct {
	Text         string    `json:"text"`
	Title        string    `json:"title"`
	Dossier      string    `json:"dossier"`
	Type         string    `json:"type"`
	Vergaderjaar string    `json:"vergaderjaar"`
	Sender       string    `json:"sender"`
	Date         time.Time `json:"date"`
	CitedBy      float64   `json:"cited_by"`
}

// plainMapping is a plain bleve mapping: nl for text and title, keywords
// for the facet fields, a date and a number.
func plainMapping() mapping.IndexMapping {
	text := bleve.NewTextFieldMapping()
	text.Analyzer = nl.AnalyzerName
	text.Store = true
	text.IncludeTermVectors = true
	title := bleve.NewTextFieldMapping()
	title.Analyzer = nl.AnalyzerName
	title.Store = true
	kw := bleve.NewKeywordFieldMapping()
	kw.Analyzer = keyword.Name
	kw.DocValues = true
	date := bleve.NewDateTimeFieldMapping()
	num := bleve.NewNumericFieldMapping()

	dm := bleve.NewDocumentStaticMapping()
	dm.AddFieldMappingsAt("text", text)
	dm.AddFieldMappingsAt("title", title)
	for _, f := range []string{"dossier", "type", "vergaderjaar", "sender"} {
		dm.AddFieldMappingsAt(f, kw)
	}
	dm.AddFieldMappingsAt("date", date)
	dm.AddFieldMappingsAt("cited_by", num)
	im := bleve.NewIndexMapping()
	im.DefaultMapping = dm
	im.DefaultAnalyzer = nl.AnalyzerName
	return im
}

// InDegrees reads the manifest of the corpus in dir and counts the
// citations each letter receives from the others; it returns those counts
// and the number of letters.
func InDegrees(dir string) (map[string]int, int, error) {
	in := map[string]int{}
	n := 0
	err := eachLetter(dir, func(l *scalecorpus.Letter) error {
		n++
		for _, c := range l.Cites {
			in[c]++
		}
		return nil
	})
	return in, n, err
}

// eachLetter calls fn for each manifest line of the corpus in dir, in
// order, without holding the manifest in memory.
func eachLetter(dir string, fn func(*scalecorpus.Letter) error) error {
	f, err := os.Open(filepath.Join(dir, scalecorpus.ManifestName))
	if err != nil {
		return fmt.Errorf("benchscale: %w", err)
	}
	defer f.Close()
	dec := json.NewDecoder(bufio.NewReaderSize(f, 1<<20))
	for dec.More() {
		var l scalecorpus.Letter
		if err := dec.Decode(&l); err != nil {
			return fmt.Errorf("benchscale: manifest: %w", err)
		}
		if err := fn(&l); err != nil {
			return err
		}
	}
	return nil
}

// PlainIngest indexes the letters of parts [from, to) of the corpus in
// corpusDir into the plain bleve index at indexDir (created when absent),
// each letter once, in batches of PlainBatch. It returns the number of
// letters indexed.
func PlainIngest(ctx context.Context, indexDir, corpusDir string, from, to int) (int, error) {
	in, total, err := InDegrees(corpusDir)
	if err != nil {
		return 0, err
	}
	var ix bleve.Index
	if _, err := os.Stat(indexDir); err == nil {
		ix, err = bleve.Open(indexDir)
		if err != nil {
			return 0, fmt.Errorf("benchscale: plain: %w", err)
		}
	} else {
		ix, err = bleve.New(indexDir, plainMapping())
		if err != nil {
			return 0, fmt.Errorf("benchscale: plain: %w", err)
		}
	}
	n := 0
	b := ix.NewBatch()
	flush := func() error {
		if b.Size() == 0 {
			return nil
		}
		if err := ix.Batch(b); err != nil {
			return fmt.Errorf("benchscale: plain: %w", err)
		}
		b.Reset()
		return nil
	}
	err = eachLetter(corpusDir, func(l *scalecorpus.Letter) error {
		part := l.Seq * scalecorpus.Parts / total
		if part < from || part >= to {
			return nil
		}
		text, err := os.ReadFile(filepath.Join(corpusDir, l.File))
		if err != nil {
			return fmt.Errorf("benchscale: %w", err)
		}
		date, _ := time.Parse("2006-01-02", l.Date)
		if err := b.Index(l.ID, plainDoc{Text: string(text), Title: l.Title, Dossier: l.Dossier, Type: l.Type,
			Vergaderjaar: l.Vergaderjaar, Sender: l.Sender, Date: date, CitedBy: float64(in[l.ID])}); err != nil {
			return fmt.Errorf("benchscale: plain: %w", err)
		}
		n++
		if b.Size() >= PlainBatch {
			return flush()
		}
		return ctx.Err()
	})
	if err == nil {
		err = flush()
	}
	if cerr := ix.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("benchscale: plain: %w", cerr)
	}
	return n, err
}

// plainRequest turns a query of the mix into a plain bleve request: the
// same words on the text field (any of several words, as kamerzoek's
// query string reads them), the same filters, facets, sort and cursor, the top 10 with
// the text highlighted.
func plainRequest(q Query) *bleve.SearchRequest {
	var main query.Query
	if q.Phrase {
		main = bleve.NewMatchPhraseQuery(q.Words)
	} else {
		main = bleve.NewMatchQuery(q.Words)
	}
	if q.Dossier != "" || q.From != "" {
		c := bleve.NewConjunctionQuery(main)
		if q.Dossier != "" {
			t := bleve.NewTermQuery(q.Dossier)
			t.SetField("dossier")
			c.AddQuery(t)
		}
		if q.From != "" {
			from, _ := time.Parse("2006-01-02", q.From)
			to, _ := time.Parse("2006-01-02", q.To)
			d := bleve.NewDateRangeQuery(from, to.AddDate(0, 0, 1))
			d.SetField("date")
			c.AddQuery(d)
		}
		main = c
	}
	r := bleve.NewSearchRequestOptions(main, 10, 0, false)
	r.Highlight = bleve.NewHighlightWithStyle("html")
	r.Highlight.AddField("text")
	if q.Facets {
		for _, f := range []string{"type", "dossier", "vergaderjaar", "sender"} {
			r.AddFacet(f, bleve.NewFacetRequest(f, 10))
		}
	}
	switch q.Sort {
	case "date":
		r.SortBy([]string{"-date", "_id"})
	case "cited_by":
		r.SortBy([]string{"-cited_by", "-_score", "_id"})
	}
	return r
}

// PlainServe opens the plain index at indexDir, answers the mix's first
// query (recording when), then runs the mix as RunMix does, and reports.
func PlainServe(ctx context.Context, indexDir string, mix []Query, o MixOptions) (*SideResult, error) {
	ix, err := bleve.Open(indexDir)
	if err != nil {
		return nil, fmt.Errorf("benchscale: plain: %w", err)
	}
	defer ix.Close()
	if len(mix) == 0 {
		return nil, fmt.Errorf("benchscale: plain: empty query mix")
	}
	if _, err := ix.SearchInContext(ctx, plainRequest(mix[0])); err != nil {
		return nil, fmt.Errorf("benchscale: plain: %w", err)
	}
	res := &SideResult{FirstAnswer: time.Now()}
	// Deep pages continue after the sort values of the hit at their depth.
	for i := range mix {
		if mix[i].Deep == 0 {
			continue
		}
		r := plainRequest(mix[i])
		r.From, r.Size = mix[i].Deep-1, 1
		r.Highlight = nil
		sr, err := ix.SearchInContext(ctx, r)
		if err != nil {
			return nil, fmt.Errorf("benchscale: plain: %w", err)
		}
		if len(sr.Hits) == 1 {
			mix[i].after = sr.Hits[0].Sort
		}
	}
	do := func(ctx context.Context, q Query) (int, error) {
		r := plainRequest(q)
		if q.after != nil {
			r.SearchAfter = q.after
		}
		sr, err := ix.SearchInContext(ctx, r)
		if err != nil {
			return 0, err
		}
		return int(sr.Total), nil
	}
	if err := RunMix(ctx, mix, o, do, res); err != nil {
		return nil, err
	}
	res.RSS, res.PeakRSS = procRSS(os.Getpid())
	return res, nil
}

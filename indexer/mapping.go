package indexer

import (
	"slices"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/char/asciifolding"
	"github.com/blevesearch/bleve/v2/analysis/lang/nl"
	"github.com/blevesearch/bleve/v2/analysis/token/apostrophe"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/token/shingle"
	kwtokenizer "github.com/blevesearch/bleve/v2/analysis/tokenizer/single"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/registry"
)

// MappingVersion names the version of the index mapping and of the way
// documents are turned into index records. It is stored in the index; Open
// returns ErrMappingChanged when an existing index carries another version,
// and the caller rebuilds the index from the store.
const MappingVersion = "kamerzoek-4"

// Names of the analysis components this package defines.
const (
	// foldFilterName is a token filter that folds accents and other
	// diacritics to ASCII ("reünie" → "reunie"). It works on tokens, not on
	// the raw text, so term offsets stay valid for highlighting.
	foldFilterName = "kamerzoek_fold"
	// analyzerText is the Dutch analyzer of titles and running text:
	// unicode words, lower case, cut at the apostrophe ("programma's" →
	// "programma"), folded, compounds split into their known parts
	// (decompoundFilterName), Dutch stop words, the Dutch stemmer of
	// nlmorph (stemFilterName).
	analyzerText = "kamerzoek_nl"
	// analyzerWords is the text analyzer without stop words and stemming,
	// for completing titles as they are typed.
	analyzerWords = "kamerzoek_words"
	// analyzerID keeps identifiers whole and lower-cases them.
	analyzerID = "kamerzoek_id"
	// analyzerPairs is analyzerText followed by pairs of adjacent words
	// ("georganiseerd criminaliteit"; a dropped stop word leaves "_"). A
	// phrase on the text is searched as the conjunction of its pairs: plain
	// terms, where bleve's phrase searcher would read the positions of
	// every record holding all the words.
	analyzerPairs = "kamerzoek_nl_pairs"
	pairsFilter   = "kamerzoek_pairs"
	// analyzerQuery analyses the words of a query on the text and title
	// fields: analyzerText without the compound splitting, so that
	// "stikstofuitstoot" in a query asks for the compound and "stikstof"
	// finds it in the text.
	analyzerQuery = "kamerzoek_nl_query"
)

// Record kinds, stored in the field named by recField.
const (
	recField   = "rec"
	recDoc     = "doc"
	recSection = "section"
)

var registerOnce sync.Once

// register adds the fold token filter to bleve's registry. bleve looks
// analyzers up by name when an index is opened, so it must run before any
// index is created or opened.
func register() {
	registerOnce.Do(func() {
		_ = registry.RegisterTokenFilter(foldFilterName, func(map[string]interface{}, *registry.Cache) (analysis.TokenFilter, error) {
			return foldFilter{asciifolding.New()}, nil
		})
		registerHighlighter()
		registerMorphology()
	})
}

// foldFilter applies bleve's ASCII folding to each token's term.
type foldFilter struct {
	f *asciifolding.AsciiFoldingFilter
}

func (f foldFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	for _, tok := range in {
		tok.Term = f.fold(tok.Term)
	}
	return in
}

// fold returns b with diacritics folded; ASCII input is returned as is.
func (f foldFilter) fold(b []byte) []byte {
	if isASCII(b) {
		return b
	}
	if f.f == nil {
		return asciifolding.New().Filter(b)
	}
	return f.f.Filter(b)
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return false
		}
	}
	return true
}

// newMapping builds the index mapping: one document mapping for whole
// documents (rec "doc") and one for their sections (rec "section").
func newMapping() (*mapping.IndexMappingImpl, error) {
	return newMappingScored(DefaultScoring)
}

// newMappingScored is newMapping with the given scoring model ("tfidf" or
// "bm25").
func newMappingScored(scoring string) (*mapping.IndexMappingImpl, error) {
	register()
	im := bleve.NewIndexMapping()
	im.ScoringModel = scoring
	if err := im.AddCustomAnalyzer(analyzerText, map[string]interface{}{
		"type":          custom.Name,
		"tokenizer":     unicode.Name,
		"token_filters": []string{lowercase.Name, apostrophe.Name, foldFilterName, decompoundFilterName, nl.StopName, stemFilterName},
	}); err != nil {
		return nil, err
	}
	if err := im.AddCustomAnalyzer(analyzerQuery, map[string]interface{}{
		"type":          custom.Name,
		"tokenizer":     unicode.Name,
		"token_filters": []string{lowercase.Name, apostrophe.Name, foldFilterName, nl.StopName, stemFilterName},
	}); err != nil {
		return nil, err
	}
	if err := im.AddCustomTokenFilter(pairsFilter, map[string]interface{}{
		"type": shingle.Name, "min": 2.0, "max": 2.0, "output_original": false, "separator": " ", "filler": "_",
	}); err != nil {
		return nil, err
	}
	if err := im.AddCustomAnalyzer(analyzerPairs, map[string]interface{}{
		"type":          custom.Name,
		"tokenizer":     unicode.Name,
		"token_filters": []string{lowercase.Name, apostrophe.Name, foldFilterName, nl.StopName, stemFilterName, pairsFilter},
	}); err != nil {
		return nil, err
	}
	if err := im.AddCustomAnalyzer(analyzerWords, map[string]interface{}{
		"type":          custom.Name,
		"tokenizer":     unicode.Name,
		"token_filters": []string{lowercase.Name, foldFilterName},
	}); err != nil {
		return nil, err
	}
	if err := im.AddCustomAnalyzer(analyzerID, map[string]interface{}{
		"type":          custom.Name,
		"tokenizer":     kwtokenizer.Name,
		"token_filters": []string{lowercase.Name},
	}); err != nil {
		return nil, err
	}
	im.TypeField = recField
	im.DefaultAnalyzer = analyzerText
	im.DefaultField = "text"
	im.DefaultMapping.Enabled = false
	im.StoreDynamic = false
	im.IndexDynamic = false
	im.DocValuesDynamic = false

	// Every analyzed text field keeps term vectors: phrase queries need
	// the positions, highlighting the offsets.
	text := func(store bool) *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = analyzerText
		f.Store = store
		f.IncludeTermVectors = true
		f.IncludeInAll = false
		f.DocValues = false
		return f
	}
	kw := func(store bool) *mapping.FieldMapping {
		f := bleve.NewKeywordFieldMapping()
		f.Analyzer = keyword.Name
		f.Store = store
		f.IncludeInAll = false
		// positions make quoted values work: type:"memorie van toelichting"
		f.IncludeTermVectors = true
		f.DocValues = true
		return f
	}
	// filter is a keyword both record kinds carry for filtering and
	// fielded queries. It keeps no doc values: facets count the doc
	// record's facet_ copy (see facetField), so a facet search decodes
	// the values of documents only, not those of their sections too.
	filter := func() *mapping.FieldMapping {
		f := kw(true)
		f.DocValues = false
		return f
	}
	// facet is a doc record's facet value: doc values only.
	facet := func() *mapping.FieldMapping {
		f := bleve.NewKeywordFieldMapping()
		f.Analyzer = keyword.Name
		f.Store = false
		f.IncludeInAll = false
		f.IncludeTermVectors = false
		f.DocValues = true
		return f
	}
	ids := func() *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = analyzerID
		f.Store = false
		f.IncludeInAll = false
		f.IncludeTermVectors = false
		f.DocValues = false
		return f
	}
	num := func(store bool) *mapping.FieldMapping {
		f := bleve.NewNumericFieldMapping()
		f.Store = store
		f.IncludeInAll = false
		f.DocValues = true
		return f
	}
	date := func() *mapping.FieldMapping {
		f := bleve.NewDateTimeFieldMapping()
		f.Store = false
		f.IncludeInAll = false
		f.DocValues = true
		return f
	}
	stored := func() *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Index = false
		f.Store = true
		f.IncludeInAll = false
		f.DocValues = false
		return f
	}
	words := func() *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = analyzerWords
		f.Store = false
		f.IncludeInAll = false
		f.IncludeTermVectors = false
		f.DocValues = false
		return f
	}

	pairs := func() *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = analyzerPairs
		f.Store = false
		f.IncludeInAll = false
		f.IncludeTermVectors = false
		f.DocValues = false
		return f
	}

	// Fields both record kinds carry, so that filters and fielded queries
	// mean the same on a document and on its sections.
	common := func(dm *mapping.DocumentMapping) {
		dm.Dynamic = false
		dm.AddFieldMappingsAt(recField, kw(false))
		dm.AddFieldMappingsAt("ids", ids())
		for _, f := range facetCopied {
			dm.AddFieldMappingsAt(f, filter())
		}
		dm.AddFieldMappingsAt("number", kw(false))
		dm.AddFieldMappingsAt("date", date())
		dm.AddFieldMappingsAt("day", stored())
	}

	doc := bleve.NewDocumentMapping()
	common(doc)
	for _, f := range facetCopied {
		doc.AddFieldMappingsAt(facetField(f), facet())
	}
	doc.AddFieldMappingsAt("id", kw(true))
	doc.AddFieldMappingsAt("title", text(true))
	doc.AddFieldMappingsAt("heading", text(false))
	doc.AddFieldMappingsAt("title_words", words())
	doc.AddFieldMappingsAt("text", text(false))
	doc.AddFieldMappingsAt("text_pairs", pairs())
	doc.AddFieldMappingsAt("words", words())
	doc.AddFieldMappingsAt("year", kw(false))
	doc.AddFieldMappingsAt("extractor", kw(true))
	doc.AddFieldMappingsAt("cited_by", num(true))
	doc.AddFieldMappingsAt("footnotes", num(true))
	doc.AddFieldMappingsAt("references", num(true))
	doc.AddFieldMappingsAt("sections", num(true))
	im.AddDocumentMapping(recDoc, doc)

	sec := bleve.NewDocumentMapping()
	common(sec)
	sec.AddFieldMappingsAt("doc_id", kw(true))
	sec.AddFieldMappingsAt("sid", stored())
	sec.AddFieldMappingsAt("title", text(false))
	sec.AddFieldMappingsAt("heading", text(true))
	sec.AddFieldMappingsAt("text", text(true))
	sec.AddFieldMappingsAt("text_pairs", pairs())
	sec.AddFieldMappingsAt("words", words())
	sec.AddFieldMappingsAt("path", stored())
	sec.AddFieldMappingsAt("paras", stored())
	sec.AddFieldMappingsAt("page", num(true))
	im.AddDocumentMapping(recSection, sec)
	return im, nil
}

// facetCopied are the fields both record kinds carry whose facets are
// counted on a doc-record-only copy.
var facetCopied = []string{"type", "dossier", "kamer", "vergaderjaar", "sender"}

// facetField is the field a facet on name counts: the doc record's facet_
// copy for the fields in facetCopied, name itself for fields only doc
// records carry (year, extractor).
func facetField(name string) string {
	if slices.Contains(facetCopied, name) {
		return "facet_" + name
	}
	return name
}

var (
	analysisOnce sync.Once
	analysisMap  *mapping.IndexMappingImpl
)

// analysisMapping is a mapping to analyse text with outside an index.
func analysisMapping() *mapping.IndexMappingImpl {
	analysisOnce.Do(func() { analysisMap, _ = newMapping() })
	return analysisMap
}

// countTokens is the number of tokens the query analyzer makes of s.
func countTokens(s string) int {
	m := analysisMapping()
	if m == nil {
		return 0
	}
	a := m.AnalyzerNamed(analyzerQuery)
	if a == nil {
		return 0
	}
	return len(a.Analyze([]byte(s)))
}

package indexer

import (
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/char/asciifolding"
	"github.com/blevesearch/bleve/v2/analysis/lang/nl"
	"github.com/blevesearch/bleve/v2/analysis/token/apostrophe"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	kwtokenizer "github.com/blevesearch/bleve/v2/analysis/tokenizer/single"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/registry"
)

// MappingVersion names the version of the index mapping and of the way
// documents are turned into index records. It is stored in the index; Open
// returns ErrMappingChanged when an existing index carries another version,
// and the caller rebuilds the index from the store.
const MappingVersion = "kamerzoek-5"

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
	// analyzerQuery analyses the words of a query on the text and title
	// fields: analyzerText without the compound splitting, so that
	// "stikstofuitstoot" in a query asks for the compound and "stikstof"
	// finds it in the text.
	analyzerQuery = "kamerzoek_nl_query"
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
	im.DefaultAnalyzer = analyzerText
	im.DefaultField = "text"
	im.StoreDynamic = false
	im.IndexDynamic = false
	im.DocValuesDynamic = false

	// Analyzed text keeps term vectors: phrase queries need the positions,
	// highlighting the offsets.
	text := func(store bool) *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = analyzerText
		f.Store = store
		f.IncludeTermVectors = true
		f.IncludeInAll = false
		f.DocValues = false
		return f
	}
	// kw is a keyword for filters and fielded queries; docValues for the
	// ones facets count or sorts read.
	kw := func(store, docValues bool) *mapping.FieldMapping {
		f := bleve.NewKeywordFieldMapping()
		f.Analyzer = keyword.Name
		f.Store = store
		f.IncludeInAll = false
		// positions make quoted values work: type:"memorie van toelichting"
		f.IncludeTermVectors = true
		f.DocValues = docValues
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
	num := func() *mapping.FieldMapping {
		f := bleve.NewNumericFieldMapping()
		f.Store = true
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

	// One record per document. Its text is analysed once; where each
	// section stands in it is kept in secsField (see records).
	doc := bleve.NewDocumentStaticMapping()
	// The id has doc values: sorts break ties by it, which by _id would
	// read the stored record of every match.
	doc.AddFieldMappingsAt("id", kw(true, true))
	doc.AddFieldMappingsAt("ids", ids())
	for _, f := range facetFields {
		doc.AddFieldMappingsAt(f, kw(true, true))
	}
	doc.AddFieldMappingsAt("number", kw(false, false))
	doc.AddFieldMappingsAt("date", date())
	doc.AddFieldMappingsAt("day", stored())
	doc.AddFieldMappingsAt("year", kw(false, true))
	doc.AddFieldMappingsAt("extractor", kw(true, true))
	doc.AddFieldMappingsAt("title", text(true))
	doc.AddFieldMappingsAt("heading", text(false))
	doc.AddFieldMappingsAt("title_words", words())
	doc.AddFieldMappingsAt("text", text(true))
	// The unstemmed words of the text, which fuzzy terms are compared with.
	doc.AddFieldMappingsAt("words", words())
	doc.AddFieldMappingsAt(secsField, stored())
	doc.AddFieldMappingsAt("cited_by", num())
	// Counts as keywords with doc values only: Stats sums them from a
	// facet over every document (value × documents), reading no stored
	// record.
	for _, f := range countFields {
		cf := kw(false, true)
		cf.IncludeTermVectors = false
		doc.AddFieldMappingsAt(f, cf)
	}
	im.DefaultMapping = doc
	return im, nil
}

// facetFields are the keyword fields with doc values for facets, besides
// year and extractor.
var facetFields = []string{"type", "dossier", "kamer", "vergaderjaar", "sender"}

// countFields hold a document's number of footnotes, references and
// sections.
var countFields = []string{"footnotes", "references", "sections"}

// facetField is the field a facet on name counts.
func facetField(name string) string { return name }

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

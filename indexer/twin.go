package indexer

import (
	"bytes"
	"reflect"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/mapping"
)

// twinAnalysis analyses a record's text once for its two fields: "text"
// (analyzerText) and "words" (analyzerWords, the unstemmed words fuzzy
// terms are compared with). Both analyzers begin alike, with the unicode
// tokenizer and lower case, and those two steps were about a third of
// the CPU of indexing a document: a twinAnalysis runs them once and hands
// each field a copy of the tokens to finish with its own filters. The
// fields get exactly the tokens their analyzers would give.
type twinAnalysis struct {
	tokenizer analysis.Tokenizer
	shared    []analysis.TokenFilter // the filters both analyzers begin with
	textRest  []analysis.TokenFilter
	wordsRest []analysis.TokenFilter
}

// Fields a twinAnalysis serves: the first is analysed with analyzerText,
// the second with analyzerWords, and the record gives both the same text.
const (
	twinText  = "text"
	twinWords = "words"
)

// newTwinAnalysis returns the twin analysis of the analyzers m names, or
// nil when they do not begin with the same tokenizer and filters (then
// each field is analysed on its own).
func newTwinAnalysis(m mapping.IndexMapping) *twinAnalysis {
	text, ok1 := m.AnalyzerNamed(analyzerText).(*analysis.DefaultAnalyzer)
	words, ok2 := m.AnalyzerNamed(analyzerWords).(*analysis.DefaultAnalyzer)
	if !ok1 || !ok2 || len(text.CharFilters) > 0 || len(words.CharFilters) > 0 ||
		text.Tokenizer == nil || !sameStage(text.Tokenizer, words.Tokenizer) {
		return nil
	}
	n := 0
	for n < len(text.TokenFilters) && n < len(words.TokenFilters) && sameStage(text.TokenFilters[n], words.TokenFilters[n]) {
		n++
	}
	return &twinAnalysis{
		tokenizer: text.Tokenizer,
		shared:    text.TokenFilters[:n],
		textRest:  text.TokenFilters[n:],
		wordsRest: words.TokenFilters[n:],
	}
}

// sameStage reports whether two tokenizers or filters do the same work:
// the same type with the same configuration.
func sameStage(a, b any) bool {
	return a != nil && b != nil && reflect.TypeOf(a) == reflect.TypeOf(b) && reflect.DeepEqual(a, b)
}

// share gives the text and words fields of bd (as the mapping made them)
// analyzers that tokenize the text once between them. A document without
// both fields, or whose two fields differ, is left as it is.
func (tw *twinAnalysis) share(bd *document.Document) {
	ti, wi := -1, -1
	for i, f := range bd.Fields {
		switch f.Name() {
		case twinText:
			ti = i
		case twinWords:
			wi = i
		}
	}
	if ti < 0 || wi < 0 {
		return
	}
	tf, ok1 := bd.Fields[ti].(*document.TextField)
	wf, ok2 := bd.Fields[wi].(*document.TextField)
	if !ok1 || !ok2 || !bytes.Equal(tf.Value(), wf.Value()) {
		return
	}
	p := &twinPair{tw: tw}
	bd.Fields[ti] = document.NewTextFieldCustom(tf.Name(), tf.ArrayPositions(), tf.Value(), tf.Options(), twinSide{p, false})
	bd.Fields[wi] = document.NewTextFieldCustom(wf.Name(), wf.ArrayPositions(), wf.Value(), wf.Options(), twinSide{p, true})
}

// twinPair is the analysis one document's two fields share. Both fields
// of a document are analysed on one goroutine, one after the other.
type twinPair struct {
	tw          *twinAnalysis
	done        bool
	text, words analysis.TokenStream // each handed out once
}

// run tokenizes input once, applies the shared filters, and finishes a
// copy of the tokens for each field. The words are finished at once:
// the text's filters that come after replace terms and never write into
// them, but the words must not depend on that.
func (p *twinPair) run(input []byte) {
	p.done = true
	toks := p.tw.tokenizer.Tokenize(input)
	for _, f := range p.tw.shared {
		toks = f.Filter(toks)
	}
	cp := make([]analysis.Token, len(toks))
	words := make(analysis.TokenStream, len(toks))
	for i, t := range toks {
		cp[i] = *t
		words[i] = &cp[i]
	}
	for _, f := range p.tw.wordsRest {
		words = f.Filter(words)
	}
	p.text, p.words = toks, words
}

// twinSide is the analyzer of one of the two fields.
type twinSide struct {
	p     *twinPair
	words bool
}

func (s twinSide) Analyze(input []byte) analysis.TokenStream {
	p := s.p
	if !p.done {
		p.run(input)
	}
	if s.words {
		out := p.words
		p.words = nil
		return out
	}
	out := p.text
	p.text = nil
	for _, f := range p.tw.textRest {
		out = f.Filter(out)
	}
	return out
}

// mapDocument turns a record into the bleve document the mapping makes of
// it, with the text and words fields sharing their analysis when tw is
// not nil.
func (tw *twinAnalysis) mapDocument(m mapping.IndexMapping, id string, rec map[string]interface{}) (*document.Document, error) {
	bd := document.NewDocument(id)
	if err := m.MapDocument(bd, rec); err != nil {
		return nil, err
	}
	if tw != nil {
		tw.share(bd)
	}
	return bd, nil
}

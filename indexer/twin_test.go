package indexer

import (
	"reflect"
	"testing"

	bdoc "github.com/blevesearch/bleve/v2/document"
	index "github.com/blevesearch/bleve_index_api"

	"kamerzoek/internal/document"
	"kamerzoek/internal/realdata"
)

// analysed maps a record the way Put does (shared when tw is not nil),
// analyses every field as the index would, and returns each field's
// token count and frequencies by name.
func analysed(t *testing.T, tw *twinAnalysis, d *document.Document) map[string]struct {
	n     int
	freqs index.TokenFrequencies
} {
	t.Helper()
	m, err := newMapping()
	if err != nil {
		t.Fatal(err)
	}
	bd, err := tw.mapDocument(m, d.ID, record(d, 3))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]struct {
		n     int
		freqs index.TokenFrequencies
	}{}
	// The index analyses a document's fields in their order; the words
	// field comes before or after the text depending on the mapping's
	// walk, so both orders are tried by the callers.
	bd.VisitFields(func(f index.Field) {
		if !f.Options().IsIndexed() {
			return
		}
		f.Analyze()
		out[f.Name()] = struct {
			n     int
			freqs index.TokenFrequencies
		}{f.AnalyzedLength(), f.AnalyzedTokenFrequencies()}
	})
	return out
}

func twinDocs(t *testing.T) []*document.Document {
	docs := testDocs()
	docs = append(docs, &document.Document{
		ID: "kst-1-1", Title: "Programma’s", Sections: []document.Section{{ID: "s1",
			Text: "De Stikstofuitstoot van programma's en programma’s: reünie, ÉÉN Ⱥⱥ Ⱦ, ΣΟΦΟΣ, naïeve coördinatie, 2021Z20541, 3,5% — (hierna: Awb) D'66 ’t Hooge Raad."}},
		Footnotes: []document.Footnote{{Number: 1, Text: "Kamerstukken II 2019/20, 35 300, nr. 3."}},
	})
	if _, ok := realdata.Find(); ok {
		docs = append(docs, scaleLetters(40, scaleSentences(t), 7)...)
	}
	return docs
}

// TestTwinAnalysis checks that sharing the analysis of the text and words
// fields gives every field exactly the tokens of its own analyzer, in
// either order of analysis.
func TestTwinAnalysis(t *testing.T) {
	m, err := newMapping()
	if err != nil {
		t.Fatal(err)
	}
	tw := newTwinAnalysis(m)
	if tw == nil {
		t.Fatal("the text and words analyzers share no analysis")
	}
	if len(tw.shared) == 0 {
		t.Fatal("no filter shared")
	}
	for _, d := range twinDocs(t) {
		want := analysed(t, nil, d)
		got := analysed(t, tw, d)
		if len(want["words"].freqs) == 0 || len(want["text"].freqs) == 0 {
			t.Fatalf("%s: no text or words analysed", d.ID)
		}
		if !reflect.DeepEqual(got, want) {
			for name := range want {
				if !reflect.DeepEqual(got[name], want[name]) {
					t.Errorf("%s: field %s analysed differently when shared", d.ID, name)
				}
			}
		}
	}
}

// TestTwinAnalysisWordsFirst analyses the words field before the text.
func TestTwinAnalysisWordsFirst(t *testing.T) {
	m, err := newMapping()
	if err != nil {
		t.Fatal(err)
	}
	tw := newTwinAnalysis(m)
	for _, d := range twinDocs(t) {
		want := analysed(t, nil, d)
		bd, err := tw.mapDocument(m, d.ID, record(d, 3))
		if err != nil {
			t.Fatal(err)
		}
		var text, words bdoc.Field
		for _, f := range bd.Fields {
			switch f.Name() {
			case "text":
				text = f
			case "words":
				words = f
			}
		}
		words.Analyze()
		text.Analyze()
		for _, f := range []bdoc.Field{text, words} {
			ff := f.(index.Field)
			if ff.AnalyzedLength() != want[f.Name()].n || !reflect.DeepEqual(ff.AnalyzedTokenFrequencies(), want[f.Name()].freqs) {
				t.Errorf("%s: field %s analysed differently when the words come first", d.ID, f.Name())
			}
		}
	}
}

package indexer

import (
	"sync"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"

	"kamerzoek/internal/nlmorph"
)

// Token filters of Dutch morphology, registered by name in register.
const (
	// stemFilterName stems with nlmorph.Stem: Snowball Dutch under which
	// singular and plural meet.
	stemFilterName = "kamerzoek_nl_stem"
	// decompoundFilterName adds, after each compound, its known parts at
	// the compound's position and offsets: "stikstofuitstoot" is indexed
	// as itself and as "stikstof" and "uitstoot", so both find it and a
	// highlight marks the whole word.
	decompoundFilterName = "kamerzoek_decompound"
)

var (
	decompounderOnce sync.Once
	decompounder     *nlmorph.Decompounder
)

func registerMorphology() {
	_ = registry.RegisterTokenFilter(stemFilterName, func(map[string]interface{}, *registry.Cache) (analysis.TokenFilter, error) {
		return stemFilter{}, nil
	})
	_ = registry.RegisterTokenFilter(decompoundFilterName, func(map[string]interface{}, *registry.Cache) (analysis.TokenFilter, error) {
		decompounderOnce.Do(func() { decompounder = nlmorph.NewDecompounder() })
		return decompoundFilter{decompounder}, nil
	})
}

// stemFilter replaces each token's term with its nlmorph stem.
type stemFilter struct{}

func (stemFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	for _, tok := range in {
		tok.Term = []byte(nlmorph.Stem(string(tok.Term)))
	}
	return in
}

// decompoundFilter adds the parts of compounds to the stream.
type decompoundFilter struct {
	d *nlmorph.Decompounder
}

func (f decompoundFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	var out analysis.TokenStream
	for i, tok := range in {
		if len(tok.Term) < nlmorph.MinCompound || tok.Type != analysis.AlphaNumeric {
			if out != nil {
				out = append(out, tok)
			}
			continue
		}
		parts := f.d.Split(string(tok.Term))
		if parts == nil {
			if out != nil {
				out = append(out, tok)
			}
			continue
		}
		if out == nil {
			out = make(analysis.TokenStream, 0, len(in)+4)
			out = append(out, in[:i]...)
		}
		out = append(out, tok)
		for _, p := range parts {
			out = append(out, &analysis.Token{
				Term: []byte(p), Start: tok.Start, End: tok.End,
				Position: tok.Position, Type: tok.Type, KeyWord: tok.KeyWord,
			})
		}
	}
	if out == nil {
		return in
	}
	return out
}

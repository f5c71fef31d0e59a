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

// memoLimit bounds each memo; past it, words are worked out each time.
const memoLimit = 1 << 18

// memo remembers what a pure function of a word gave: words follow Zipf's
// law, so most tokens are words seen before, and stemming or splitting
// them again is most of what analysis costs.
type memo[V any] struct {
	mu sync.RWMutex
	m  map[string]V
}

func (c *memo[V]) get(w []byte, f func(string) V) V {
	c.mu.RLock()
	v, ok := c.m[string(w)]
	c.mu.RUnlock()
	if ok {
		return v
	}
	k := string(w)
	v = f(k)
	c.mu.Lock()
	if c.m == nil {
		c.m = make(map[string]V)
	}
	if len(c.m) < memoLimit {
		c.m[k] = v
	}
	c.mu.Unlock()
	return v
}

var (
	stems  = &memo[string]{}
	splits = &memo[[]string]{}
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
		tok.Term = []byte(stems.get(tok.Term, nlmorph.Stem))
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
		parts := splits.get(tok.Term, f.d.Split)
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

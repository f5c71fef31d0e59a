package indexer

import (
	"html"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/registry"
	"github.com/blevesearch/bleve/v2/search/highlight"
	simplefrag "github.com/blevesearch/bleve/v2/search/highlight/fragmenter/simple"
	simplehl "github.com/blevesearch/bleve/v2/search/highlight/highlighter/simple"
	"github.com/blevesearch/bleve/v2/search/query"
)

// highlighterName is the highlighter of section text: fragments of about
// fragmentSize characters that begin and end at word boundaries, each run
// of matched words (a phrase) in one <mark>.
const highlighterName = "kamerzoek_html"

const fragmentSize = 200

// registerHighlighter adds the highlighter to bleve's registry; register
// calls it once.
func registerHighlighter() {
	_ = registry.RegisterHighlighter(highlighterName, func(map[string]interface{}, *registry.Cache) (highlight.Highlighter, error) {
		return simplehl.NewHighlighter(wordFragmenter{simplefrag.NewFragmenter(fragmentSize)}, markFormatter{}, simplehl.DefaultSeparator), nil
	})
}

// wordFragmenter moves the fragments of another fragmenter to word
// boundaries: a fragment that would begin or end inside a word drops the
// part word, never a matched term.
type wordFragmenter struct {
	f highlight.Fragmenter
}

func (w wordFragmenter) Fragment(orig []byte, ot highlight.TermLocations) []*highlight.Fragment {
	frags := w.f.Fragment(orig, ot)
	for _, f := range frags {
		first, last := f.End, f.Start
		for _, tl := range ot {
			if tl != nil && tl.Start >= f.Start && tl.End <= f.End {
				first = min(first, tl.Start)
				last = max(last, tl.End)
			}
		}
		f.Start = wordStart(orig, f.Start, first)
		f.End = wordEnd(orig, f.End, last)
	}
	return frags
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// wordStart moves start forward past a part word and the spaces after it,
// no further than limit.
func wordStart(b []byte, start, limit int) int {
	if start <= 0 || start >= len(b) {
		return start
	}
	prev, _ := utf8.DecodeLastRune(b[:start])
	cur, _ := utf8.DecodeRune(b[start:])
	i := start
	if isWordRune(prev) && isWordRune(cur) {
		for {
			if i >= limit {
				return start // the part word runs into the first match
			}
			r, n := utf8.DecodeRune(b[i:])
			if !isWordRune(r) {
				break
			}
			i += n
		}
	}
	for i < limit {
		r, n := utf8.DecodeRune(b[i:])
		if !unicode.IsSpace(r) && !unicode.IsPunct(r) {
			break
		}
		i += n
	}
	if i > limit {
		return start
	}
	return i
}

// wordEnd moves end back before a part word, no further than limit.
func wordEnd(b []byte, end, limit int) int {
	if end <= 0 || end >= len(b) {
		return end
	}
	prev, _ := utf8.DecodeLastRune(b[:end])
	next, _ := utf8.DecodeRune(b[end:])
	if !isWordRune(prev) || !isWordRune(next) {
		return end
	}
	i := end
	for i > limit {
		r, n := utf8.DecodeLastRune(b[:i])
		if !isWordRune(r) {
			break
		}
		i -= n
	}
	for i > limit {
		r, n := utf8.DecodeLastRune(b[:i])
		if !unicode.IsSpace(r) {
			break
		}
		i -= n
	}
	if i < limit {
		return end
	}
	return i
}

// markFormatter writes a fragment as HTML with the matched terms in
// <mark>; terms separated only by spaces and stop words ("Wetboek van
// Strafvordering") share one <mark>.
type markFormatter struct{}

func (markFormatter) Format(f *highlight.Fragment, locs highlight.TermLocations) string {
	var b strings.Builder
	curr := f.Start
	open := false
	for _, tl := range locs {
		if tl == nil || !tl.ArrayPositions.Equals(f.ArrayPositions) || tl.Start < curr {
			continue
		}
		if tl.End > f.End {
			break
		}
		gap := f.Orig[curr:tl.Start]
		if open && joins(gap) {
			b.WriteString(html.EscapeString(string(gap)))
		} else {
			if open {
				b.WriteString("</mark>")
			}
			b.WriteString(html.EscapeString(string(gap)))
			b.WriteString("<mark>")
			open = true
		}
		b.WriteString(html.EscapeString(string(f.Orig[tl.Start:tl.End])))
		curr = tl.End
	}
	if open {
		b.WriteString("</mark>")
	}
	b.WriteString(html.EscapeString(string(f.Orig[curr:f.End])))
	return b.String()
}

// joins reports whether gap, between two marked terms, is only spaces
// and stop words: letters and spaces that analyse to nothing.
func joins(gap []byte) bool {
	if len(gap) == 0 {
		return true
	}
	for _, r := range string(gap) {
		if !unicode.IsSpace(r) && !unicode.IsLetter(r) {
			return false
		}
	}
	return len(gap) <= 24 && countTokens(string(gap)) == 0
}

// highlightQuery returns a query that marks, in the text of a section,
// the words q searches for; nil when q searches the text for nothing.
// Excluded words are left out. Fuzzy terms, which q compares with the
// unstemmed words, are marked where a stem lies within one more edit.
func highlightQuery(q query.Query) query.Query {
	var leaves []query.Query
	text := func(s string) {
		m := query.NewMatchQuery(s)
		m.SetField("text")
		m.Analyzer = analyzerQuery
		leaves = append(leaves, m)
	}
	var walk func(q query.Query)
	walk = func(q query.Query) {
		switch q := q.(type) {
		case *query.BooleanQuery:
			walk(q.Must)
			walk(q.Should)
		case *query.ConjunctionQuery:
			for _, c := range q.Conjuncts {
				walk(c)
			}
		case *query.DisjunctionQuery:
			for _, c := range q.Disjuncts {
				walk(c)
			}
		case *query.MatchQuery:
			switch q.FieldVal {
			case "text":
				text(q.Match)
			}
		case *query.MatchPhraseQuery:
			if q.FieldVal == "text" {
				// A phrase: marked where it stands whole.
				m := query.NewMatchPhraseQuery(q.MatchPhrase)
				m.SetField("text")
				m.Analyzer = analyzerQuery
				leaves = append(leaves, m)
			}
		case *proximityQuery:
			if q.field == "text" {
				text(q.text)
			}
		case *query.WildcardQuery:
			if q.FieldVal == "text" {
				leaves = append(leaves, q)
			}
		case *query.PrefixQuery:
			if q.FieldVal == "text" {
				leaves = append(leaves, q)
			}
		case *query.FuzzyQuery:
			if q.FieldVal == "words" {
				stem := q.Term
				if a := analysisMapping().AnalyzerNamed(analyzerQuery); a != nil {
					if toks := a.Analyze([]byte(q.Term)); len(toks) == 1 {
						stem = string(toks[0].Term)
					}
				}
				f := query.NewFuzzyQuery(stem)
				f.SetField("text")
				f.SetFuzziness(min(q.Fuzziness+1, 2))
				leaves = append(leaves, f)
			}
		}
	}
	walk(q)
	if len(leaves) == 0 {
		return nil
	}
	return query.NewDisjunctionQuery(leaves)
}

package indexer

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2/search/query"

	"kamerzoek/internal/querylang"
)

// Fields a query may name ("title:drugs", "type:brief"), in the order the
// error message lists them.
var queryFieldNames = []string{
	"title", "text", "heading", "id", "ids", "type", "dossier", "kamer",
	"vergaderjaar", "sender", "number", "date", "cited_by",
}

// rangeFields take comparisons: date:>=2021-01-01, cited_by:>2.
var rangeFields = []string{"date", "cited_by"}

// Boosts weigh a match of a field-less word or phrase in the title and in
// the section headings against one in the text (which holds both too).
// Zero means the field is not searched separately.
type Boosts struct {
	Title   float64
	Heading float64
}

// DefaultBoosts are the boosts Search uses unless Options say otherwise;
// chosen by the judged query set (see BENCHMARKS.md).
var DefaultBoosts = Boosts{Title: 1.5, Heading: 0}

// ParseQuery turns the user's query text into a bleve query with the
// default boosts. The language is querylang's: words (all of them must
// match), OR/OF, NOT/NIET/-, +, parentheses, "phrases", "…"~N proximity,
// field:value, prefix*, fuzzy~N, date and cited_by ranges, and
// identifiers as written ("29 911", "kst-29911-337", "35 300 VII"), which
// match the documents they name. An empty text matches everything. Errors
// wrap ErrBadQuery and say what is wrong at which character.
func ParseQuery(text string) (query.Query, error) {
	q, _, err := parseQuery(text, DefaultBoosts)
	return q, err
}

// parseQuery is ParseQuery with boosts. For a query of two or more plain
// words and phrases it also returns relaxed, the query for any of them
// (more of them ranking higher), to fall back on when none holds all.
func parseQuery(text string, boosts Boosts) (q, relaxed query.Query, err error) {
	if strings.TrimSpace(text) == "" {
		return query.NewMatchAllQuery(), nil, nil
	}
	n, err := querylang.Parse(text, querylang.Options{
		Fields:      queryFieldNames,
		RangeFields: rangeFields,
		Ident: func(s string) (string, int, bool) {
			cl, n, ok := matchID(s)
			return cl.norm, n, ok
		},
	})
	if err != nil {
		var l querylang.ErrorList
		if errors.As(err, &l) {
			msgs := make([]string, len(l))
			for i, e := range l {
				msgs[i] = e.Error()
			}
			return nil, nil, fmt.Errorf("%w: %s", ErrBadQuery, strings.Join(msgs, "; "))
		}
		return nil, nil, fmt.Errorf("%w: %v", ErrBadQuery, err)
	}
	if onlyExcludedIDs(n) {
		return nil, nil, fmt.Errorf("%w: a query needs at least one term that is not excluded", ErrBadQuery)
	}
	tr := translator{boosts: boosts}
	q, err = tr.node(n)
	if err != nil {
		return nil, nil, err
	}
	if q == nil {
		// Only stop words: nothing can match.
		return query.NewMatchNoneQuery(), nil, nil
	}
	if a, ok := n.(*querylang.And); ok && querylang.PlainClauses(a.Clauses) {
		var anyOf []query.Query
		for _, c := range a.Clauses {
			cq, err := tr.node(c)
			if err != nil {
				return nil, nil, err
			}
			if cq != nil {
				anyOf = append(anyOf, cq)
			}
		}
		if len(anyOf) > 1 {
			relaxed = query.NewDisjunctionQuery(anyOf)
		}
	}
	return q, relaxed, nil
}

// onlyExcludedIDs reports a query that only excludes identifiers ("-29911"):
// all documents but a dossier is no search anyone means.
func onlyExcludedIDs(n querylang.Node) bool {
	isNotID := func(c querylang.Node) bool {
		nt, ok := c.(*querylang.Not)
		if !ok {
			return false
		}
		_, ok = nt.Clause.(*querylang.Ident)
		return ok
	}
	if a, ok := n.(*querylang.And); ok {
		for _, c := range a.Clauses {
			if !isNotID(c) {
				return false
			}
		}
		return len(a.Clauses) > 0
	}
	return isNotID(n)
}

// translator turns a querylang tree into a bleve query.
type translator struct {
	boosts Boosts
}

// node translates n; a nil query means n searches for nothing (a stop
// word), which its parent leaves out.
func (tr translator) node(n querylang.Node) (query.Query, error) {
	switch n := n.(type) {
	case nil:
		return nil, nil
	case *querylang.And:
		return tr.and(n.Clauses)
	case *querylang.Or:
		var qs []query.Query
		for _, c := range n.Clauses {
			q, err := tr.node(c)
			if err != nil {
				return nil, err
			}
			if q != nil {
				qs = append(qs, q)
			}
		}
		return disj(qs), nil
	case *querylang.Not, *querylang.Must, *querylang.Ident:
		return tr.and([]querylang.Node{n})
	case *querylang.Term:
		return tr.term(n)
	case *querylang.Phrase:
		return tr.phrase(n)
	case *querylang.Range:
		return tr.rangeQuery(n)
	}
	return nil, fmt.Errorf("%w: cannot search %T", ErrBadQuery, n)
}

// and translates clauses that must all hold. Identifiers written without
// + are alternatives to the rest ("29911 explosieven": the dossier, or
// documents about explosives), as they name documents rather than
// describe them; NOT clauses exclude.
func (tr translator) and(clauses []querylang.Node) (query.Query, error) {
	var must, ids, not []query.Query
	for _, c := range clauses {
		switch c := c.(type) {
		case *querylang.Not:
			q, err := tr.node(c.Clause)
			if err != nil {
				return nil, err
			}
			if q != nil {
				not = append(not, q)
			}
		case *querylang.Must:
			q, err := tr.node(c.Clause)
			if err != nil {
				return nil, err
			}
			if q != nil {
				must = append(must, q)
			}
		case *querylang.Ident:
			ids = append(ids, identQuery(c))
		default:
			q, err := tr.node(c)
			if err != nil {
				return nil, err
			}
			if q != nil {
				must = append(must, q)
			}
		}
	}
	if len(ids) > 0 {
		// The identifiers, or all the other required clauses.
		alt := ids
		if len(must) > 0 {
			alt = append(alt, conjOf(must))
		}
		must = []query.Query{disj(alt)}
	}
	if len(must) == 0 && len(not) == 0 {
		return nil, nil
	}
	if len(not) == 0 {
		return conjOf(must), nil
	}
	if len(must) == 0 {
		must = []query.Query{query.NewMatchAllQuery()}
	}
	return query.NewBooleanQuery(must, nil, not), nil
}

// identQuery finds a document by an identifier: its id variants, or the
// identifier as written in the text.
func identQuery(id *querylang.Ident) query.Query {
	t := query.NewTermQuery(strings.ToLower(id.Norm))
	t.SetField("ids")
	t.SetBoost(5)
	return query.NewDisjunctionQuery([]query.Query{t, phraseOnText(id.Raw)})
}

// term translates a word, prefix or fuzzy term.
func (tr translator) term(t *querylang.Term) (query.Query, error) {
	switch t.Field {
	case "":
		return tr.onDefault(func(field string) query.Query { return termOn(field, t) }), nil
	case "text", "title", "heading":
		return termOn(t.Field, t), nil
	case "date", "cited_by":
		return tr.rangeQuery(&querylang.Range{Field: t.Field, Op: "=", Value: t.Text, Start: t.Start, End: t.End})
	}
	// Keyword fields: the value as the index keeps it.
	v := t.Text
	switch t.Field {
	case "dossier":
		v = NormDossier(v)
	case "vergaderjaar":
		v = normVergaderjaar(v)
	case "sender", "number", "id":
		// As the document has it: "kst-36200-VI-12", "B".
	default:
		v = strings.ToLower(v)
	}
	switch t.Kind {
	case querylang.Prefix:
		q := query.NewPrefixQuery(v)
		q.SetField(t.Field)
		return q, nil
	case querylang.Fuzzy:
		q := query.NewFuzzyQuery(v)
		q.SetField(t.Field)
		q.SetFuzziness(t.Fuzziness)
		return q, nil
	}
	q := query.NewTermQuery(v)
	q.SetField(t.Field)
	return q, nil
}

// termOn is t on one analysed field (text, title or heading). A word is
// analysed as the field's text is, without splitting compounds; a prefix
// is compared with the field's terms, a fuzzy term with the unstemmed
// words.
func termOn(field string, t *querylang.Term) query.Query {
	folded := foldString(strings.ToLower(t.Text))
	switch t.Kind {
	case querylang.Prefix:
		q := query.NewPrefixQuery(folded)
		q.SetField(field)
		return q
	case querylang.Fuzzy:
		q := query.NewFuzzyQuery(folded)
		q.SetField(wordsField(field))
		q.SetFuzziness(t.Fuzziness)
		return q
	}
	if countTokens(t.Text) == 0 {
		return nil
	}
	m := query.NewMatchQuery(t.Text)
	m.SetField(field)
	m.Analyzer = analyzerQuery
	m.SetOperator(query.MatchQueryOperatorAnd)
	return m
}

// wordsField is the field holding field's words unstemmed.
func wordsField(field string) string {
	if field == "title" {
		return "title_words"
	}
	return "words"
}

// phrase translates a quoted phrase, or proximity when it has a slop.
func (tr translator) phrase(p *querylang.Phrase) (query.Query, error) {
	on := func(field string) query.Query {
		if countTokens(p.Text) == 0 {
			return nil
		}
		if p.Slop > 0 {
			return newProximityQuery(field, p.Text, p.Slop)
		}
		if field == "text" {
			return phraseOnText(p.Text)
		}
		m := query.NewMatchPhraseQuery(p.Text)
		m.SetField(field)
		m.Analyzer = analyzerQuery
		return m
	}
	switch p.Field {
	case "":
		return tr.onDefault(on), nil
	case "text", "title", "heading":
		return on(p.Field), nil
	}
	// A keyword field takes the quoted text as one value.
	return tr.term(&querylang.Term{Field: p.Field, Text: p.Text, Start: p.Start, End: p.End})
}

// onDefault searches what a field-less clause searches: the text, and the
// title and headings with their boosts.
func (tr translator) onDefault(on func(field string) query.Query) query.Query {
	text := on("text")
	if text == nil {
		return nil
	}
	qs := []query.Query{text}
	for _, fb := range []struct {
		field string
		boost float64
	}{{"title", tr.boosts.Title}, {"heading", tr.boosts.Heading}} {
		if fb.boost <= 0 {
			continue
		}
		q := on(fb.field)
		if q == nil {
			continue
		}
		if b, ok := q.(query.BoostableQuery); ok {
			b.SetBoost(fb.boost)
		}
		qs = append(qs, q)
	}
	return disj(qs)
}

// rangeQuery translates date and cited_by comparisons; Op "=" is a date's
// day, month or year, or an exact count.
func (tr translator) rangeQuery(r *querylang.Range) (query.Query, error) {
	t := true
	f := false
	switch r.Field {
	case "date":
		lo, err := parseBound(r.Value, false)
		if err != nil {
			return nil, err
		}
		hi, err := parseBound(r.Value, true)
		if err != nil {
			return nil, err
		}
		var q *query.DateRangeQuery
		switch r.Op {
		case ">":
			q = query.NewDateRangeInclusiveQuery(hi.Add(24*time.Hour), time.Time{}, &t, nil)
		case ">=":
			q = query.NewDateRangeInclusiveQuery(lo, time.Time{}, &t, nil)
		case "<":
			q = query.NewDateRangeInclusiveQuery(time.Time{}, lo, nil, &f)
		case "<=":
			q = query.NewDateRangeInclusiveQuery(time.Time{}, hi, nil, &t)
		default:
			q = query.NewDateRangeInclusiveQuery(lo, hi, &t, &t)
		}
		q.SetField("date")
		return q, nil
	case "cited_by":
		v, err := strconv.ParseFloat(r.Value, 64)
		if err != nil || v < 0 || v > 1e9 {
			return nil, badf("cited_by takes a number, not %q", r.Value)
		}
		var q *query.NumericRangeQuery
		switch r.Op {
		case ">":
			q = query.NewNumericRangeInclusiveQuery(&v, nil, &f, nil)
		case ">=":
			q = query.NewNumericRangeInclusiveQuery(&v, nil, &t, nil)
		case "<":
			q = query.NewNumericRangeInclusiveQuery(nil, &v, nil, &f)
		case "<=":
			q = query.NewNumericRangeInclusiveQuery(nil, &v, nil, &t)
		default:
			q = query.NewNumericRangeInclusiveQuery(&v, &v, &t, &t)
		}
		q.SetField("cited_by")
		return q, nil
	}
	return nil, badf("%s takes no comparison", r.Field)
}

// disj is the disjunction of qs, or its only clause.
func disj(qs []query.Query) query.Query {
	switch len(qs) {
	case 0:
		return nil
	case 1:
		return qs[0]
	}
	return query.NewDisjunctionQuery(qs)
}

// conjOf is the conjunction of qs, or its only clause.
func conjOf(qs []query.Query) query.Query {
	if len(qs) == 1 {
		return qs[0]
	}
	return query.NewConjunctionQuery(qs)
}

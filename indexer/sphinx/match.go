package sphinx

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"

	"kamerzoek/indexer"
	"kamerzoek/internal/querylang"
)

// query is a request's query text as Sphinx takes it.
type query struct {
	// match is the MATCH() expression in Sphinx's extended syntax; empty
	// matches every document.
	match string
	// relaxed is the expression for any of the clauses of a query of
	// plain words and phrases, tried when none holds all of them.
	relaxed string
	// where are attribute conditions (date and cited_by comparisons at
	// the top of the query), with numbers only.
	where []string
	// words are the positive words, prefixes and phrases of the text
	// fields, as CALL SNIPPETS takes them, to highlight.
	words []string
}

// defaultFields are what a field-less word or phrase searches: the text
// (with the title) and the parts of its compound words.
const defaultFields = "@(title,body,parts)"

// textFields maps the query language's text fields to Sphinx fields.
var textFields = map[string]string{"title": "@title", "text": "@(body,parts)", "heading": "@heading"}

// parseQuery parses text with the query language and translates it. The
// user's text never reaches the expression as written: only words made of
// letters and digits do, with the operators this function writes, so
// nothing a user types can change the expression's syntax. Fuzzy terms
// (word~) match the word itself: Sphinx 2.2 has no edit-distance search.
func parseQuery(text string) (*query, error) {
	q := &query{}
	if strings.TrimSpace(text) == "" {
		return q, nil
	}
	n, err := querylang.Parse(text, querylang.Options{
		Fields:      indexer.QueryFieldNames(),
		RangeFields: indexer.RangeFieldNames(),
		Ident:       indexer.MatchIdent,
	})
	if err != nil {
		var l querylang.ErrorList
		if errors.As(err, &l) {
			msgs := make([]string, len(l))
			for i, e := range l {
				msgs[i] = e.Error()
			}
			return nil, fmt.Errorf("%w: %s", indexer.ErrBadQuery, strings.Join(msgs, "; "))
		}
		return nil, fmt.Errorf("%w: %v", indexer.ErrBadQuery, err)
	}
	if indexer.OnlyExcludedIDs(n) {
		return nil, fmt.Errorf("%w: a query needs at least one term that is not excluded", indexer.ErrBadQuery)
	}
	t := &translator{q: q}
	var clauses []querylang.Node
	if a, ok := n.(*querylang.And); ok {
		clauses = a.Clauses
	} else {
		clauses = []querylang.Node{n}
	}
	m, err := t.and(clauses, true)
	if err != nil {
		return nil, err
	}
	q.match = m
	if len(clauses) > 1 && querylang.PlainClauses(clauses) {
		var any []string
		for _, c := range clauses {
			s, err := (&translator{q: &query{}}).node(c)
			if err != nil {
				return nil, err
			}
			if s != "" {
				any = append(any, s)
			}
		}
		if len(any) > 1 {
			q.relaxed = strings.Join(any, " | ")
		}
	}
	return q, nil
}

type translator struct {
	q *query
	// neg is set below a NOT: its words are not highlighted.
	neg bool
}

// node translates n; "" means n searches for nothing, which its parent
// leaves out.
func (t *translator) node(n querylang.Node) (string, error) {
	switch n := n.(type) {
	case nil:
		return "", nil
	case *querylang.And:
		return t.and(n.Clauses, false)
	case *querylang.Or:
		var parts []string
		for _, c := range n.Clauses {
			s, err := t.node(c)
			if err != nil {
				return "", err
			}
			if s != "" {
				parts = append(parts, s)
			}
		}
		switch len(parts) {
		case 0:
			return "", nil
		case 1:
			return parts[0], nil
		}
		return "(" + strings.Join(parts, " | ") + ")", nil
	case *querylang.Not, *querylang.Must, *querylang.Ident:
		return t.and([]querylang.Node{n}, false)
	case *querylang.Term:
		return t.term(n)
	case *querylang.Phrase:
		return t.phrase(n)
	case *querylang.Range:
		return "", indexer.BadQueryf("%s:%s%s can only stand beside the other words of the query on this search backend, not inside OR or parentheses", n.Field, n.Op, n.Value)
	}
	return "", fmt.Errorf("%w: cannot search %T", indexer.ErrBadQuery, n)
}

// and translates clauses that must all hold, as the embedded index does:
// identifiers written without + are alternatives to the other required
// clauses; NOT clauses exclude. At the top of the query, date and
// cited_by comparisons become attribute conditions.
func (t *translator) and(clauses []querylang.Node, top bool) (string, error) {
	var must, ids, not []string
	for _, c := range clauses {
		if top {
			if ok, err := t.where(c); ok || err != nil {
				if err != nil {
					return "", err
				}
				continue
			}
		}
		switch c := c.(type) {
		case *querylang.Not:
			sub := &translator{q: t.q, neg: !t.neg}
			s, err := sub.node(c.Clause)
			if err != nil {
				return "", err
			}
			if s != "" {
				not = append(not, s)
			}
		case *querylang.Must:
			s, err := t.node(c.Clause)
			if err != nil {
				return "", err
			}
			if s != "" {
				must = append(must, s)
			}
		case *querylang.Ident:
			ids = append(ids, t.ident(c))
		default:
			s, err := t.node(c)
			if err != nil {
				return "", err
			}
			if s != "" {
				must = append(must, s)
			}
		}
	}
	if len(ids) > 0 {
		alt := ids
		if len(must) > 0 {
			alt = append(alt, "("+strings.Join(must, " ")+")")
		}
		must = []string{"(" + strings.Join(alt, " | ") + ")"}
	}
	if len(must) == 0 && len(not) == 0 {
		return "", nil
	}
	if len(must) == 0 {
		must = []string{"(@kw " + allToken + ")"}
	}
	out := strings.Join(must, " ")
	for _, n := range not {
		out += " -" + n
	}
	if len(must)+len(not) > 1 {
		out = "(" + out + ")"
	}
	return out, nil
}

// where turns a top-level date or cited_by comparison (or its negation)
// into an attribute condition; ok reports whether c was one.
func (t *translator) where(c querylang.Node) (ok bool, err error) {
	neg := false
	if n, isNot := c.(*querylang.Not); isNot {
		neg, c = true, n.Clause
	}
	if m, isMust := c.(*querylang.Must); isMust {
		c = m.Clause
	}
	var r *querylang.Range
	switch c := c.(type) {
	case *querylang.Range:
		r = c
	case *querylang.Term:
		if c.Field == "date" || c.Field == "cited_by" {
			r = &querylang.Range{Field: c.Field, Op: "=", Value: c.Text}
		}
	case *querylang.Phrase:
		if c.Field == "date" || c.Field == "cited_by" {
			r = &querylang.Range{Field: c.Field, Op: "=", Value: c.Text}
		}
	}
	if r == nil {
		return false, nil
	}
	cond, err := rangeCond(r)
	if err != nil {
		return true, err
	}
	if neg {
		cond = "NOT (" + cond + ")"
	}
	t.q.where = append(t.q.where, cond)
	return true, nil
}

// rangeCond is the attribute condition of a comparison; Op "=" is a
// date's day, month or year, or an exact count.
func rangeCond(r *querylang.Range) (string, error) {
	switch r.Field {
	case "date":
		lo, err := indexer.ParseBound(r.Value, false)
		if err != nil {
			return "", err
		}
		hi, err := indexer.ParseBound(r.Value, true)
		if err != nil {
			return "", err
		}
		l := strconv.Itoa(dateNum(lo.Year(), int(lo.Month()), lo.Day()))
		h := strconv.Itoa(dateNum(hi.Year(), int(hi.Month()), hi.Day()))
		switch r.Op {
		case ">":
			return "date > " + h, nil
		case ">=":
			return "date >= " + l, nil
		case "<":
			return "date < " + l, nil
		case "<=":
			return "date <= " + h, nil
		}
		return "date BETWEEN " + l + " AND " + h, nil
	case "cited_by":
		v, err := strconv.ParseFloat(r.Value, 64)
		if err != nil || v < 0 || v > 1e9 {
			return "", indexer.BadQueryf("cited_by takes a number, not %q", r.Value)
		}
		fl, ce := strconv.Itoa(int(math.Floor(v))), strconv.Itoa(int(math.Ceil(v)))
		switch r.Op {
		case ">":
			return "cited_by > " + fl, nil
		case ">=":
			return "cited_by >= " + ce, nil
		case "<":
			return "cited_by < " + ce, nil
		case "<=":
			return "cited_by <= " + fl, nil
		}
		if fl != ce {
			return "cited_by > 4294967295", nil // matches nothing
		}
		return "cited_by = " + fl, nil
	}
	return "", indexer.BadQueryf("%s takes no comparison", r.Field)
}

// ident finds a document by an identifier: its id variants, or the
// identifier as written in the text.
func (t *translator) ident(id *querylang.Ident) string {
	alt := []string{}
	if tok := token(id.Norm); tok != "" {
		alt = append(alt, "(@ids "+tok+")")
	}
	if ws := words(id.Raw); len(ws) > 0 {
		alt = append(alt, "("+defaultFields+" "+phraseOf(ws, 0)+")")
		t.highlight(strings.Join(ws, " "))
	}
	if len(alt) == 0 {
		return ""
	}
	return "(" + strings.Join(alt, " | ") + ")"
}

// term translates a word, prefix or fuzzy term.
func (t *translator) term(n *querylang.Term) (string, error) {
	switch n.Field {
	case "", "title", "text", "heading":
		ws := words(n.Text)
		if len(ws) == 0 {
			return "", nil
		}
		star := ""
		if n.Kind == querylang.Prefix {
			star = "*"
		}
		var expr string
		if len(ws) == 1 {
			expr = ws[0] + star
		} else {
			expr = phraseOf(ws, 0)
			if star != "" {
				expr = "\"" + strings.Join(ws, " ") + star + "\""
			}
		}
		t.highlight(strings.Join(ws, " ") + star)
		return "(" + fieldOf(n.Field) + " " + expr + ")", nil
	case "date", "cited_by":
		return "", indexer.BadQueryf("%s: can only stand beside the other words of the query on this search backend, not inside OR or parentheses", n.Field)
	}
	v := n.Text
	switch n.Field {
	case "dossier":
		v = indexer.NormDossier(v)
	case "vergaderjaar":
		v = indexer.NormVergaderjaar(v)
	}
	field := "@kw "
	var tok string
	if n.Field == "ids" {
		field, tok = "@ids ", token(v)
	} else {
		tok = kwToken(n.Field, v)
	}
	if tok == "" {
		return "", nil
	}
	if n.Kind == querylang.Prefix {
		tok += "*"
	}
	return "(" + field + tok + ")", nil
}

// phrase translates a quoted phrase, or proximity when it has a slop.
func (t *translator) phrase(p *querylang.Phrase) (string, error) {
	switch p.Field {
	case "", "title", "text", "heading":
		ws := words(p.Text)
		if len(ws) == 0 {
			return "", nil
		}
		t.highlight(strings.Join(ws, " "))
		return "(" + fieldOf(p.Field) + " " + phraseOf(ws, p.Slop) + ")", nil
	}
	return t.term(&querylang.Term{Field: p.Field, Text: p.Text, Start: p.Start, End: p.End})
}

// highlight adds words to the query's words to highlight, unless they
// stand below a NOT.
func (t *translator) highlight(w string) {
	if !t.neg {
		t.q.words = append(t.q.words, w)
	}
}

// fieldOf is the field limit of a text field ("" for the default ones).
func fieldOf(field string) string {
	if f, ok := textFields[field]; ok {
		return f
	}
	return defaultFields
}

// phraseOf quotes words as a phrase, with a proximity slop when > 0; a
// single word stays a word.
func phraseOf(ws []string, slop int) string {
	if len(ws) == 1 {
		return ws[0]
	}
	s := "\"" + strings.Join(ws, " ") + "\""
	if slop > 0 {
		// Sphinx's proximity counts the words between, plus the words
		// of the phrase.
		s += "~" + strconv.Itoa(slop+len(ws))
	}
	return s
}

// words splits text into words of letters and digits, lower case: the
// only user text that reaches a MATCH expression.
func words(text string) []string {
	return strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

package indexer

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/search/query"

	"kamerzoek/internal/docid"
)

// Fields a query may name ("title:drugs", "+type:brief").
var queryFields = map[string]bool{
	"text": true, "title": true, "heading": true, "id": true, "ids": true,
	"type": true, "dossier": true, "kamer": true, "vergaderjaar": true,
	"sender": true, "number": true, "date": true, "cited_by": true,
}

// reDossier matches a dossier number as people write it, with an optional
// toevoeging and number: "29 911", "29911", "29.911", "35 300 VII",
// "36200-VI", "29 911, nr. 337", "29911-337", "21501-32-1740".
var reDossier = regexp.MustCompile(`^(\d{2})[ .\x{00A0}]?(\d{3})((?:[ \x{00A0}-](?:[IVXLC]{1,6}|[A-Z]{1,2})\b|-\d{1,4}[a-z]?\b)*)(?:,?\s*(?i:nrs?\.?|nummer)\s*([0-9]{1,4}[a-z]?|[A-Z]{1,3})\b)?`)

// idClause is one identifier found in a query, with its +/- mode.
type idClause struct {
	raw  string // as written
	norm string // the ids term it stands for
	mode byte   // '+', '-' or 0
}

// extractIDs takes identifier-looking parts out of a query string (outside
// quotes and not after a field name) and returns the rest and the ids.
func extractIDs(q string) (string, []idClause) {
	var rest strings.Builder
	var ids []idClause
	inQuote := false
	i := 0
	atStart := true // at the start of a term
	for i < len(q) {
		c := q[i]
		if c == '\\' && i+1 < len(q) {
			rest.WriteString(q[i : i+2])
			i += 2
			atStart = false
			continue
		}
		if c == '"' {
			inQuote = !inQuote
			rest.WriteByte(c)
			i++
			atStart = false
			continue
		}
		if inQuote || !atStart {
			rest.WriteByte(c)
			atStart = c == ' ' || c == '\t' || c == '\n'
			i++
			continue
		}
		if c == ' ' || c == '\t' || c == '\n' {
			rest.WriteByte(c)
			i++
			continue
		}
		// At the start of a term outside quotes.
		var mode byte
		j := i
		if c == '+' || c == '-' {
			mode = c
			j++
		}
		if cl, n, ok := matchID(q[j:]); ok {
			cl.mode = mode
			ids = append(ids, cl)
			i = j + n
			rest.WriteByte(' ')
			continue
		}
		rest.WriteByte(c)
		atStart = false
		i++
	}
	return rest.String(), ids
}

// matchID recognises an identifier at the start of s, ending at a term
// boundary; n is how many bytes it used.
func matchID(s string) (idClause, int, bool) {
	end := strings.IndexAny(s, " \t\n")
	if end < 0 {
		end = len(s)
	}
	// A canonical id typed into a query ("kst-29911-337", "ECLI:NL:HR:2021:384").
	if tok := s[:end]; docid.Recognize(tok) {
		return idClause{raw: tok, norm: strings.ToLower(tok)}, end, true
	}
	m := reDossier.FindStringSubmatchIndex(s)
	if m == nil {
		return idClause{}, 0, false
	}
	n := m[1]
	if n < len(s) && !isBoundary(s[n]) {
		return idClause{}, 0, false
	}
	norm := s[m[2]:m[3]] + s[m[4]:m[5]]
	if m[6] >= 0 {
		for _, part := range strings.FieldsFunc(s[m[6]:m[7]], func(r rune) bool { return r == ' ' || r == '-' || r == '\u00a0' }) {
			norm += "-" + part
		}
	}
	if m[8] >= 0 {
		norm += "-" + s[m[8]:m[9]]
	}
	return idClause{raw: s[:n], norm: strings.ToLower(norm)}, n, true
}

func isBoundary(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == ',' || c == ';' || c == ')' || c == '.'
}

// reFieldRef finds "name:" at the start of a term outside quotes.
var reFieldRef = regexp.MustCompile(`(?:^|[\s+\-])([A-Za-z_][A-Za-z0-9_]*):`)

// checkFields reports a field name the index does not know.
func checkFields(q string) error {
	// blank out quoted parts
	b := []byte(q)
	in := false
	for i, c := range b {
		if c == '"' && (i == 0 || b[i-1] != '\\') {
			in = !in
			continue
		}
		if in {
			b[i] = ' '
		}
	}
	for _, m := range reFieldRef.FindAllSubmatch(b, -1) {
		name := string(m[1])
		if !queryFields[name] {
			return fmt.Errorf("%w: unknown field %q (known: title, text, heading, id, type, dossier, kamer, vergaderjaar, sender, number, date, cited_by)", ErrBadQuery, name)
		}
	}
	return nil
}

// foldWildcards lower-cases and folds the terms bleve does not analyze:
// wildcard (ondermijn*), fuzzy (crimineel~) and regexp terms.
func foldWildcards(q string) string {
	fields := strings.Fields(q)
	changed := false
	for i, f := range fields {
		if strings.ContainsAny(f, "*?~") && !strings.Contains(f, "\"") {
			name, term, ok := strings.Cut(f, ":")
			if !ok {
				term, name = f, ""
			}
			folded := foldString(strings.ToLower(term))
			if folded != term {
				changed = true
				if ok {
					fields[i] = name + ":" + folded
				} else {
					fields[i] = folded
				}
			}
		}
	}
	if !changed {
		return q
	}
	return strings.Join(fields, " ")
}

// foldString applies the index's accent folding to s.
func foldString(s string) string {
	for _, r := range s {
		if r >= 0x80 {
			register()
			return string(foldFilter{}.fold([]byte(s)))
		}
	}
	return s
}

// ParseQuery turns the user's query text into a bleve query: identifiers
// ("29 911", "kst-29911-337", "35 300 VII") become exact matches on the
// identifier variants of documents, the rest is bleve query-string syntax
// (words, "phrases", +must, -not, field:value, prefix*, fuzzy~). An empty
// text matches everything. Errors wrap ErrBadQuery and say what is wrong.
func ParseQuery(text string) (query.Query, error) {
	if strings.TrimSpace(text) == "" {
		return query.NewMatchAllQuery(), nil
	}
	if !utf8.ValidString(text) {
		return nil, fmt.Errorf("%w: query is not valid UTF-8", ErrBadQuery)
	}
	rest, ids := extractIDs(text)
	rest = strings.TrimSpace(rest)
	var main query.Query
	if rest != "" {
		if err := checkFields(rest); err != nil {
			return nil, err
		}
		rest = foldWildcards(rest)
		qs := query.NewQueryStringQuery(rest)
		q, err := qs.Parse()
		if err != nil {
			return nil, fmt.Errorf("%w: %s", ErrBadQuery, cleanParseError(err))
		}
		if err := validate(q); err != nil {
			return nil, err
		}
		main = withTitle(q)
	}
	if len(ids) == 0 {
		if main == nil {
			return nil, fmt.Errorf("%w: empty query", ErrBadQuery)
		}
		return main, nil
	}
	var must, should, not []query.Query
	if main != nil {
		// Merge the query-string clauses with the identifiers', so that
		// +, - and plain terms keep their meaning across both.
		if bq, ok := main.(*query.BooleanQuery); ok {
			must = append(must, clauses(bq.Must)...)
			should = append(should, clauses(bq.Should)...)
			not = append(not, clauses(bq.MustNot)...)
		} else {
			should = append(should, main)
		}
	}
	for _, id := range ids {
		t := query.NewTermQuery(id.norm)
		t.SetField("ids")
		t.SetBoost(5)
		var q query.Query = query.NewDisjunctionQuery([]query.Query{t, phraseOnText(id.raw)})
		switch id.mode {
		case '+':
			must = append(must, q)
		case '-':
			not = append(not, q)
		default:
			should = append(should, q)
		}
	}
	if len(must) == 0 && len(should) == 0 {
		return nil, fmt.Errorf("%w: a query needs at least one term that is not excluded", ErrBadQuery)
	}
	bq := query.NewBooleanQuery(must, should, not)
	if len(must) == 0 {
		bq.SetMinShould(1)
	}
	return bq, nil
}

// titleBoost weighs a match in the title against one in the text.
const titleBoost = 1.5

// withTitle rewrites every term, phrase, prefix, wildcard and fuzzy query on
// the default field into "in the text or in the title", the title match
// weighing more: a query that names a dossier's subject ranks the
// documents of that dossier first. It changes q in place and returns it.
func withTitle(q query.Query) query.Query {
	leaf := func(text, title query.Query) query.Query {
		if b, ok := title.(query.BoostableQuery); ok {
			b.SetBoost(titleBoost)
		}
		return query.NewDisjunctionQuery([]query.Query{text, title})
	}
	switch q := q.(type) {
	case *query.BooleanQuery:
		q.Must = withTitle(q.Must)
		q.Should = withTitle(q.Should)
		q.MustNot = withTitle(q.MustNot)
	case *query.ConjunctionQuery:
		for i := range q.Conjuncts {
			q.Conjuncts[i] = withTitle(q.Conjuncts[i])
		}
	case *query.DisjunctionQuery:
		for i := range q.Disjuncts {
			q.Disjuncts[i] = withTitle(q.Disjuncts[i])
		}
	case *query.MatchQuery:
		if q.FieldVal == "" {
			return onTextAndTitle(q, leaf)
		}
	case *query.MatchPhraseQuery:
		if q.FieldVal == "" {
			t := *q
			t.SetField("title")
			text := phraseOnText(q.MatchPhrase)
			if b, ok := text.(query.BoostableQuery); ok && q.BoostVal != nil {
				b.SetBoost(q.BoostVal.Value())
			}
			return leaf(text, &t)
		}
	case *query.WildcardQuery:
		if q.FieldVal == "" {
			return onTextAndTitle(q, leaf)
		}
	case *query.FuzzyQuery:
		if q.FieldVal == "" {
			return onTextAndTitle(q, leaf)
		}
	case *query.PrefixQuery:
		if q.FieldVal == "" {
			return onTextAndTitle(q, leaf)
		}
	}
	return q
}

// onTextAndTitle turns a query on the default field into leaf of the query
// on the text and a copy of it on the title: the one rewrite withTitle
// applies to every kind of single-field query but the phrase.
func onTextAndTitle[T any, P interface {
	*T
	query.FieldableQuery
}](q P, leaf func(text, title query.Query) query.Query) query.Query {
	t := P(new(T))
	*t = *q
	q.SetField("text")
	t.SetField("title")
	return leaf(q, t)
}

// phraseOnText finds a phrase in the text.
func phraseOnText(phrase string) query.Query {
	return phraseQuery("text", strings.Fields(phrase))
}

// phraseQuery finds words, analysed as field analyses them, one after the
// other in field (a dropped stop word leaves a gap that any word fills).
// bleve's phrase searcher reads the term vectors of the text.
func phraseQuery(field string, words []string) query.Query {
	m := query.NewMatchPhraseQuery(strings.Join(words, " "))
	m.SetField(field)
	return m
}

// highlightQuery returns a query that finds in a record's text the words
// and phrases q searches for in the text or the headings (which stand in
// the text too); nil when q searches for neither. Excluded words are left
// out.
func highlightQuery(q query.Query) query.Query {
	var leaves []query.Query
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
			if q.FieldVal == "text" || q.FieldVal == "heading" {
				m := query.NewMatchQuery(q.Match)
				m.SetField("text")
				leaves = append(leaves, m)
			}
		case *query.MatchPhraseQuery:
			if q.FieldVal == "text" || q.FieldVal == "heading" {
				leaves = append(leaves, phraseQuery("text", strings.Fields(q.MatchPhrase)))
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
			if q.FieldVal == "text" {
				leaves = append(leaves, q)
			}
		}
	}
	walk(q)
	if len(leaves) == 0 {
		return nil
	}
	return query.NewDisjunctionQuery(leaves)
}

// clauses lists the parts of a conjunction or disjunction, or q itself.
func clauses(q query.Query) []query.Query {
	switch q := q.(type) {
	case nil:
		return nil
	case *query.ConjunctionQuery:
		return q.Conjuncts
	case *query.DisjunctionQuery:
		return q.Disjuncts
	}
	return []query.Query{q}
}

// validate checks what the query-string parser lets through but bleve
// cannot search, such as a query of only excluded terms.
func validate(q query.Query) error {
	if v, ok := q.(query.ValidatableQuery); ok {
		if err := v.Validate(); err != nil {
			return fmt.Errorf("%w: %v", ErrBadQuery, err)
		}
	}
	return refuseExpensive(q)
}

// refuseExpensive refuses the query forms whose cost grows with the whole
// term dictionary: regular expressions (/.../) and wildcards that do not
// start with a letter or digit (*mijning, ?nder), which must visit every
// term of a field. A trailing wildcard (ondermijn*) stays: it walks only
// the terms that share its prefix.
func refuseExpensive(q query.Query) error {
	switch q := q.(type) {
	case *query.RegexpQuery:
		return fmt.Errorf("%w: regular expressions (/%s/) are not supported; use a word, a \"phrase\" or a prefix (word*)", ErrBadQuery, q.Regexp)
	case *query.WildcardQuery:
		if strings.IndexAny(q.Wildcard, "*?") < 2 {
			return fmt.Errorf("%w: a wildcard must follow at least two letters of a word (%q); leading wildcards are not supported", ErrBadQuery, q.Wildcard)
		}
	case *query.BooleanQuery:
		for _, sub := range []query.Query{q.Must, q.Should, q.MustNot} {
			if sub != nil {
				if err := refuseExpensive(sub); err != nil {
					return err
				}
			}
		}
	case *query.ConjunctionQuery:
		for _, sub := range q.Conjuncts {
			if err := refuseExpensive(sub); err != nil {
				return err
			}
		}
	case *query.DisjunctionQuery:
		for _, sub := range q.Disjuncts {
			if err := refuseExpensive(sub); err != nil {
				return err
			}
		}
	}
	return nil
}

// cleanParseError makes the query-string parser's message readable.
func cleanParseError(err error) string {
	msg := err.Error()
	msg = strings.TrimPrefix(msg, "parse error: ")
	if strings.Contains(msg, "syntax error") {
		return "cannot parse query (" + msg + "); check quotes, field names (title:word) and +/- prefixes"
	}
	return msg
}

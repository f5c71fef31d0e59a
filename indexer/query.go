package indexer

import (
	"regexp"
	"strings"

	"github.com/blevesearch/bleve/v2/search/query"

	"kamerzoek/internal/docid"
)

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

// phraseOnText finds a phrase in the text; a phrase of one word is that
// word.
func phraseOnText(phrase string) query.Query {
	if countTokens(phrase) < 2 {
		m := query.NewMatchQuery(phrase)
		m.SetField("text")
		m.Analyzer = analyzerQuery
		return m
	}
	return phraseQuery("text", strings.Fields(phrase))
}

// phraseQuery finds words, analysed as a query on the text is, one after
// the other in field (a dropped stop word leaves a gap that any word
// fills). bleve's phrase searcher reads the term vectors of the field.
func phraseQuery(field string, words []string) query.Query {
	m := query.NewMatchPhraseQuery(strings.Join(words, " "))
	m.SetField(field)
	m.Analyzer = analyzerQuery
	return m
}

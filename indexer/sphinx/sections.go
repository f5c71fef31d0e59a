package sphinx

import (
	"context"
	"database/sql"
	"fmt"
	"html"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"kamerzoek/indexer"
)

// Markers CALL SNIPPETS puts around matches: characters of Unicode's
// private use area, which no document text holds, so that the text
// around them can be HTML-escaped before they become <mark>.
const (
	markOpen  = "\uE000"
	markClose = "\uE001"
)

// fragmentSize is about how many bytes a fragment holds, as in the
// embedded index.
const fragmentSize = 200

// span is one match in a document's text: bytes [start, end).
type span struct{ start, end int }

// sections fills in the best n sections of each hit and their fragments.
// The section table finds and ranks the hits' sections that hold any of
// the query's words (Sphinx's own ranking, over sections) and gives the
// best ones' headings, paths, pages and text; CALL SNIPPETS marks the
// words in them, stemming as the index does.
func (b *Backend) sections(ctx context.Context, conn *sql.Conn, n *node, hits []indexer.Hit, words []string, nsec int) error {
	keys := make([]string, len(hits))
	for i, h := range hits {
		keys[i] = strconv.FormatUint(docKey(h.ID), 10)
	}
	in := strings.Join(keys, ", ")
	anyWord := make([]string, len(words))
	for i, w := range words {
		if strings.Contains(w, " ") {
			w = "\"" + w + "\""
		}
		anyWord[i] = w
	}
	type section struct {
		page                           int
		w                              float64
		id, heading, path, paras, text string
	}
	// The best nsec sections of each hit, in one query.
	limit := strconv.Itoa(len(hits) * nsec)
	rows, err := conn.QueryContext(ctx, "SELECT id, doc, WEIGHT() AS w, page, sec, heading, path, paras, text FROM "+b.secDist+
		" WHERE MATCH(?) AND doc IN ("+in+") GROUP "+strconv.Itoa(nsec)+" BY doc WITHIN GROUP ORDER BY w DESC, id ASC"+
		" ORDER BY w DESC, id ASC LIMIT "+limit+" OPTION max_matches="+limit+", ranker=proximity_bm25; SHOW META",
		strings.Join(anyWord, " | "))
	if err != nil {
		return n.err("sections", err)
	}
	defer rows.Close()
	chosen := map[uint64][]string{} // document key → its best section keys
	secs := map[string]section{}
	for rows.Next() {
		var k, doc, w uint64
		var s section
		if err := rows.Scan(&k, &doc, &w, &s.page, &s.id, &s.heading, &s.path, &s.paras, &s.text); err != nil {
			return n.err("sections", err)
		}
		sk := strconv.FormatUint(k, 10)
		s.w = float64(w)
		chosen[doc] = append(chosen[doc], sk)
		secs[sk] = s
	}
	if !rows.NextResultSet() {
		return n.err("sections", fmt.Errorf("no meta: %w", rows.Err()))
	}
	if _, err := b.readMeta(rows, n); err != nil {
		return err
	}
	rows.Close()
	var secKeys []string
	for _, h := range hits {
		secKeys = append(secKeys, chosen[docKey(h.ID)]...)
	}
	if len(secKeys) == 0 {
		return nil
	}
	order := make([]string, len(secKeys))
	for i, k := range secKeys {
		order[i] = secs[k].text
	}
	marked, err := b.snippets(ctx, conn, n, order, strings.Join(words, " "))
	if err != nil {
		return err
	}
	j := 0
	for i := range hits {
		for _, sk := range chosen[docKey(hits[i].ID)] {
			sp := secs[sk]
			var ms []span
			if j < len(marked) {
				ms, _ = unmark(marked[j], sp.text)
			}
			j++
			page := sp.page
			if len(ms) > 0 {
				page = indexer.PageAt(sp.paras, ms[0].start, page)
			}
			path := []string{}
			if sp.path != "" {
				path = strings.Split(sp.path, indexer.PathSep)
			}
			frag := fragment(sp.text, ms)
			hits[i].Sections = append(hits[i].Sections, indexer.SectionHit{
				ID: sp.id, Heading: sp.heading, Path: path, Page: page,
				URL: indexer.FileURL(hits[i].ID, page), Score: sp.w, Fragments: []string{frag},
			})
			if strings.Contains(frag, "<mark>") {
				hits[i].Fragments = append(hits[i].Fragments, frag)
			}
		}
	}
	return nil
}

// snippets asks the node to mark words in each text (whole texts, no
// passages) with markOpen and markClose.
func (b *Backend) snippets(ctx context.Context, conn *sql.Conn, n *node, texts []string, words string) ([]string, error) {
	var q strings.Builder
	q.WriteString("CALL SNIPPETS((")
	args := make([]any, 0, len(texts)+3)
	for i, t := range texts {
		if i > 0 {
			q.WriteString(", ")
		}
		q.WriteString("?")
		args = append(args, t)
	}
	q.WriteString("), ?, ?, ? AS before_match, ? AS after_match, 0 AS limit, 0 AS limit_passages, 0 AS limit_words, 'none' AS html_strip_mode, '' AS chunk_separator)")
	args = append(args, b.gen, words, markOpen, markClose)
	rows, err := conn.QueryContext(ctx, q.String(), args...)
	if err != nil {
		return nil, n.err("snippets", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, n.err("snippets", err)
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return nil, n.err("snippets", err)
	}
	return out, nil
}

// unmark takes the markers out of marked and returns where the marked
// words stand in text; ok is false when marked is not text with markers.
func unmark(marked, text string) ([]span, bool) {
	var out []span
	var plain strings.Builder
	plain.Grow(len(text))
	start := -1
	for i := 0; i < len(marked); {
		switch {
		case strings.HasPrefix(marked[i:], markOpen):
			start = plain.Len()
			i += len(markOpen)
		case strings.HasPrefix(marked[i:], markClose):
			if start >= 0 {
				out = append(out, span{start, plain.Len()})
			}
			start = -1
			i += len(markClose)
		default:
			plain.WriteByte(marked[i])
			i++
		}
	}
	return out, plain.String() == text
}

// fragment is about fragmentSize bytes of text around its densest run of
// matches, from word boundary to word boundary, HTML-escaped, with the
// matches (runs of them separated by spaces only as one) in <mark>.
func fragment(text string, ms []span) string {
	if len(ms) == 0 {
		end := wordEnd(text, min(len(text), fragmentSize))
		return html.EscapeString(text[:end])
	}
	best, bestN := 0, 0
	for i, m := range ms {
		c := 0
		for _, o := range ms[i:] {
			if o.end <= m.start+fragmentSize {
				c++
			}
		}
		if c > bestN {
			best, bestN = i, c
		}
	}
	from := ms[best].start
	lead := 0
	if from > fragmentSize/5 {
		lead = fragmentSize / 5
	} else {
		lead = from
	}
	start := wordStart(text, from-lead, from)
	end := wordEnd(text, min(len(text), max(start+fragmentSize, ms[best].end)))
	var b strings.Builder
	cur := start
	open := false
	for _, m := range ms[best:] {
		if m.start < cur {
			continue
		}
		if m.end > end {
			break
		}
		gap := text[cur:m.start]
		if open && strings.TrimSpace(gap) == "" {
			b.WriteString(html.EscapeString(gap))
		} else {
			if open {
				b.WriteString("</mark>")
			}
			b.WriteString(html.EscapeString(gap))
			b.WriteString("<mark>")
			open = true
		}
		b.WriteString(html.EscapeString(text[m.start:m.end]))
		cur = m.end
	}
	if open {
		b.WriteString("</mark>")
	}
	b.WriteString(html.EscapeString(text[cur:end]))
	return strings.TrimSpace(b.String())
}

// wordStart moves i forward to the start of a word (no further than
// limit) unless it already is at one.
func wordStart(text string, i, limit int) int {
	if i <= 0 {
		return 0
	}
	for !utf8.RuneStart(text[i]) {
		i++
	}
	r, _ := utf8.DecodeLastRuneInString(text[:i])
	if !isWordRune(r) {
		return i
	}
	for i < limit {
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		if !isWordRune(r) {
			break
		}
	}
	return i
}

// wordEnd moves i forward to the end of the word it stands in.
func wordEnd(text string, i int) int {
	for i < len(text) && !utf8.RuneStart(text[i]) {
		i++
	}
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !isWordRune(r) {
			break
		}
		i += size
	}
	return i
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

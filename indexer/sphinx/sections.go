package sphinx

import (
	"context"
	"database/sql"
	"encoding/json"
	"html"
	"math"
	"sort"
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
// It reads the hits' text and section spans (one query to the
// distributed index), lets Sphinx find the query's words in each text
// (CALL SNIPPETS of the whole text, which stems as the index does), and
// scores each section from the matches inside it: the square root of
// each word's count, normalised by the square root of the section's
// length in words and weighted by the share of the query's words it
// holds.
func (b *Backend) sections(ctx context.Context, conn *sql.Conn, n *node, hits []indexer.Hit, words []string, nsec int) error {
	keys := make([]string, len(hits))
	for i, h := range hits {
		keys[i] = strconv.FormatUint(docKey(h.ID), 10)
	}
	rows, err := conn.QueryContext(ctx, "SELECT id, text, secs FROM "+b.dist+" WHERE id IN ("+strings.Join(keys, ", ")+
		") LIMIT "+strconv.Itoa(len(keys))+" OPTION max_matches="+strconv.Itoa(max(len(keys), 1)))
	if err != nil {
		return n.err("sections", err)
	}
	type rec struct{ text, secs string }
	byKey := map[string]rec{}
	for rows.Next() {
		var k uint64
		var r rec
		if err := rows.Scan(&k, &r.text, &r.secs); err != nil {
			rows.Close()
			return n.err("sections", err)
		}
		byKey[strconv.FormatUint(k, 10)] = r
	}
	err = rows.Err()
	rows.Close()
	if err != nil {
		return n.err("sections", err)
	}
	if _, err := b.meta(ctx, conn, n); err != nil {
		return err
	}
	texts := make([]string, len(hits))
	for i, k := range keys {
		texts[i] = byKey[k].text
	}
	marked, err := b.snippets(ctx, conn, n, texts, strings.Join(words, " "))
	if err != nil {
		return err
	}
	for i := range hits {
		r := byKey[keys[i]]
		if r.secs == "" || i >= len(marked) {
			continue
		}
		var spans []indexer.SectionSpan
		if json.Unmarshal([]byte(r.secs), &spans) != nil || len(spans) == 0 {
			continue
		}
		matches, ok := unmark(marked[i], r.text)
		if !ok {
			continue
		}
		hits[i].Sections = bestSections(hits[i].ID, r.text, spans, matches, nsec)
		for _, s := range hits[i].Sections {
			for _, f := range s.Fragments {
				if strings.Contains(f, "<mark>") {
					hits[i].Fragments = append(hits[i].Fragments, f)
					break
				}
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

// bestSections scores the sections holding matches and returns the best
// n, highlighted.
func bestSections(id, text string, spans []indexer.SectionSpan, matches []span, n int) []indexer.SectionHit {
	in := make([][]span, len(spans))
	allTerms := map[string]bool{}
	for _, m := range matches {
		k := sort.Search(len(spans), func(i int) bool { return spans[i].End > m.start })
		if k < len(spans) && m.start >= spans[k].Start && m.end <= spans[k].End {
			in[k] = append(in[k], m)
			allTerms[termOf(text[m.start:m.end])] = true
		}
	}
	type scored struct {
		i     int
		score float64
	}
	var cands []scored
	for i, ms := range in {
		if len(ms) == 0 {
			continue
		}
		tf := map[string]int{}
		for _, m := range ms {
			tf[termOf(text[m.start:m.end])]++
		}
		var score float64
		for _, f := range tf {
			score += math.Sqrt(float64(f))
		}
		words := strings.Count(text[spans[i].Start:spans[i].End], " ") + 1
		score /= math.Sqrt(float64(words))
		score *= float64(len(tf)) / float64(max(len(allTerms), 1))
		cands = append(cands, scored{i, score})
	}
	sort.SliceStable(cands, func(a, b int) bool {
		if cands[a].score != cands[b].score {
			return cands[a].score > cands[b].score
		}
		return spans[cands[a].i].ID < spans[cands[b].i].ID
	})
	if len(cands) > n {
		cands = cands[:n]
	}
	out := make([]indexer.SectionHit, 0, len(cands))
	for _, c := range cands {
		sp := spans[c.i]
		rel := make([]span, len(in[c.i]))
		for j, m := range in[c.i] {
			rel[j] = span{m.start - sp.Start, m.end - sp.Start}
		}
		page := sp.Page
		if len(rel) > 0 {
			page = indexer.PageAt(sp.Paras, rel[0].start, page)
		}
		path := []string{}
		if sp.Path != "" {
			path = strings.Split(sp.Path, indexer.PathSep)
		}
		out = append(out, indexer.SectionHit{
			ID: sp.ID, Heading: sp.Heading, Path: path, Page: page,
			URL: indexer.FileURL(id, page), Score: c.score,
			Fragments: []string{fragment(text[sp.Start:sp.End], rel)},
		})
	}
	return out
}

// termOf is the word a match counts as: lower case, folded.
func termOf(s string) string { return strings.ToLower(indexer.FoldString(s)) }

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

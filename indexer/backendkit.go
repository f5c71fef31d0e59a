package indexer

import (
	"strings"
	"time"
	"unicode"

	"kamerzoek/internal/document"
	"kamerzoek/internal/nlmorph"
	"kamerzoek/internal/querylang"
)

// This file exports the parts of the embedded index that another Backend
// needs to answer a Request as the embedded index does: how a document
// becomes text with section spans, how request values are normalised, and
// the query language's fields.

// SectionSpan is where one section stands in a document's text (see
// DocumentText), with its heading, heading path (joined by PathSep), page
// and paragraphs (for PageAt).
type SectionSpan = sectionSpan

// PathSep joins the headings of SectionSpan.Path.
const PathSep = pathSep

// DocumentText is the text the index searches for d (its title, headings,
// sections and footnotes), its section headings one a line, and its
// sections as a JSON list of SectionSpan over text.
func DocumentText(d *document.Document) (text, headings, sections string) {
	r := record(d, 0)
	text, _ = r["text"].(string)
	headings, _ = r["heading"].(string)
	sections, _ = r[secsField].(string)
	return text, headings, sections
}

// IDVariants lists the lower-case names people use for d: its id, its
// dossier with and without toevoeging, dossier-number.
func IDVariants(d *document.Document) []string { return idVariants(d) }

// PageAt is the page of the paragraph of a SectionSpan (its Paras) that
// holds byte offset pos of the section, or def.
func PageAt(paras string, pos, def int) int { return pageAt(paras, pos, def) }

// NormSort maps the accepted spellings of Request.Sort to one of Sorts;
// the error wraps ErrBadQuery.
func NormSort(s string) (string, error) { return normSort(s) }

// ParseBound parses a date bound (YYYY-MM-DD, YYYY-MM or YYYY); end picks
// the last day of a month or year. The error wraps ErrBadQuery.
func ParseBound(s string, end bool) (time.Time, error) { return parseBound(s, end) }

// NormVergaderjaar writes a vergaderjaar as the index keeps it
// ("2021/22" → "2021-2022").
func NormVergaderjaar(s string) string { return normVergaderjaar(s) }

// MatchIdent recognises an identifier at the start of s ("29 911",
// "kst-29911-337") as the query language does: norm is the lower-case id
// variant it names, n the bytes it used.
func MatchIdent(s string) (norm string, n int, ok bool) {
	cl, n, ok := matchID(s)
	return cl.norm, n, ok
}

// QueryFieldNames are the fields a query may name; RangeFieldNames those
// that take comparisons.
func QueryFieldNames() []string { return append([]string(nil), queryFieldNames...) }

// RangeFieldNames are the query fields that take comparisons.
func RangeFieldNames() []string { return append([]string(nil), rangeFields...) }

// OnlyExcludedIDs reports a query tree that only excludes identifiers,
// which the embedded index refuses as a bad query.
func OnlyExcludedIDs(n querylang.Node) bool { return onlyExcludedIDs(n) }

// BadQueryf is an error wrapping ErrBadQuery.
func BadQueryf(format string, args ...any) error { return badf(format, args...) }

// FoldString folds diacritics as the index does ("reünie" → "reunie").
func FoldString(s string) string { return foldString(s) }

// IsIDPrefix reports whether s (spaces removed, lower case) may be the
// start of a dossier number or a canonical id, as Suggest completes them.
func IsIDPrefix(s string) bool { return isIDPrefix(s) }

// CompoundParts lists the known parts of the compound words of text, as
// the index splits them ("stikstofuitstoot" → "stikstof", "uitstoot"),
// each once: another backend indexes them beside the text so that a
// query for a part finds the compound, as the embedded index does.
func CompoundParts(text string) []string {
	decompounderOnce.Do(func() { decompounder = nlmorph.NewDecompounder() })
	seen := map[string]bool{}
	var out []string
	for w := range strings.FieldsFuncSeq(text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if len(w) < nlmorph.MinCompound {
			continue
		}
		w = foldString(strings.ToLower(w))
		for _, p := range splits.get([]byte(w), decompounder.Split) {
			if !seen[p] {
				seen[p] = true
				out = append(out, p)
			}
		}
	}
	return out
}

package indexer

import (
	"errors"
	"testing"
	"unicode/utf8"
)

// FuzzSearch checks that any query text either searches or is a bad query
// (a 400), never another error (a 500) or a panic.
func FuzzSearch(f *testing.F) {
	for _, s := range []string{
		"ondermijning", `"georganiseerde criminaliteit"`, "+29 911 -drugs", "title:", "type:\"memorie van toelichting\"",
		"ondermijn*", "explosiven~1", "kst-29911-337", "35 300 VII", "/[a-z]+/", `\"`, "date:>\"2021-01-01\"",
		"cited_by:>2", "-", "+", "~", "*", "(a OR b)", "a^2", `"`, "29 911, nr. 337",
		"title:(", "(drugs OR fietsen) ondermijning", "ondermijning NIET drugs", `"drugs haven"~5`,
		"title:(munitie OF reünie)", "date:>=2021-01", "ondermijnin~2", "a OR", "NOT", "((", "))",
		"+29 911 -(drugs OR haven)", "type:\"nota\"~3", "stikstofuitstoot",
	} {
		f.Add(s)
	}
	ix := openTestIndex(f, testDocs())
	f.Fuzz(func(t *testing.T, q string) {
		_, err := ix.Search(Request{Query: q, Facets: DefaultFacets})
		if err != nil && !errors.Is(err, ErrBadQuery) {
			t.Fatalf("Search(%q): %v is not a bad query", q, err)
		}
		if err == nil && !utf8.ValidString(q) {
			t.Fatalf("Search(%q) accepted invalid UTF-8", q)
		}
	})
}

package indexer

import (
	"strings"
	"testing"

	"kamerzoek/internal/document"
)

// TestFragmentsStartAtWords checks that a fragment cut out of a long
// section begins and ends at word boundaries, and keeps its match.
func TestFragmentsStartAtWords(t *testing.T) {
	long := strings.Repeat("De minister beantwoordt vragen over het toezicht op woningcorporaties in Groningen. ", 8) +
		"Het kabinet wil de aardbevingsschade sneller vergoeden. " +
		strings.Repeat("Daarnaast komt er een onafhankelijke commissie die de uitvoering volgt en rapporteert. ", 8)
	ix := openTestIndex(t, []*document.Document{{ID: "kst-2-1", Title: "Groningen", Type: "brief",
		Sections: []document.Section{sec("s1", "", "", "Herstel", 1, long)}}})
	res, err := ix.Search(Request{Query: "aardbevingsschade"})
	if err != nil || len(res.Hits) != 1 || len(res.Hits[0].Fragments) == 0 {
		t.Fatalf("%+v %v", res, err)
	}
	f := res.Hits[0].Fragments[0]
	if !strings.Contains(f, "<mark>aardbevingsschade</mark>") {
		t.Fatalf("fragment %q lost its match", f)
	}
	text := "Herstel\n" + long
	inner := strings.TrimSuffix(strings.TrimPrefix(f, "…"), "…")
	inner = strings.NewReplacer("<mark>", "", "</mark>", "").Replace(inner)
	i := strings.Index(text, inner)
	if i < 0 {
		t.Fatalf("fragment %q is not a piece of the text", inner)
	}
	if i > 0 && isWordByte(text[i-1]) && isWordByte(text[i]) {
		t.Errorf("fragment starts inside a word: %q", f)
	}
	if j := i + len(inner); j < len(text) && isWordByte(text[j-1]) && isWordByte(text[j]) {
		t.Errorf("fragment ends inside a word: %q", f)
	}
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func TestWordBoundaries(t *testing.T) {
	b := []byte("een woord hier")
	if got := wordStart(b, 6, 10); got != 10 {
		t.Errorf("wordStart inside a word = %d, want 10", got)
	}
	if got := wordStart(b, 4, 10); got != 4 {
		t.Errorf("wordStart at a word = %d, want 4", got)
	}
	if got := wordStart(b, 6, 7); got != 6 {
		t.Errorf("wordStart past its limit = %d, want 6", got)
	}
	if got := wordEnd(b, 12, 5); got != 9 {
		t.Errorf("wordEnd inside a word = %d, want 9", got)
	}
	if got := wordEnd(b, 9, 5); got != 9 {
		t.Errorf("wordEnd at a word end = %d, want 9", got)
	}
}

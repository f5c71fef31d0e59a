package indexer_test

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"

	"kamerzoek/internal/nlmorph"
)

var updateVocab = flag.Bool("update-vocab", false, "rewrite internal/nlmorph/vocab.txt from the real documents")

// vocabMinCount is how often a word must occur in the real documents to
// count as known to the decompounder.
const vocabMinCount = 2

// TestVocabularyFile rebuilds the decompounder's vocabulary from the words
// of the real documents (lower-cased, folded, letters only, at least
// nlmorph.MinPart long, occurring at least vocabMinCount times, each with
// its count) and
// compares it with internal/nlmorph/vocab.txt; -update-vocab rewrites the
// file.
func TestVocabularyFile(t *testing.T) {
	if testing.Short() {
		t.Skip("parses every real document; skipped with -short")
	}
	docs := realCorpus(t)
	count := map[string]int{}
	add := func(s string) {
		for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) }) {
			w = foldLower(w)
			if len(w) >= nlmorph.MinPart {
				count[w]++
			}
		}
	}
	for _, d := range docs {
		add(d.Title)
		for _, s := range d.Sections {
			add(s.Heading)
			add(s.Text)
		}
		for _, f := range d.Footnotes {
			add(f.Text)
		}
	}
	var words []string
	for w, n := range count {
		if n >= vocabMinCount {
			words = append(words, w)
		}
	}
	slices.Sort(words)
	var b strings.Builder
	for _, w := range words {
		fmt.Fprintf(&b, "%s %d\n", w, count[w])
	}
	got := b.String()
	if len(words) < 1000 {
		t.Fatalf("only %d words", len(words))
	}
	path := filepath.Join("..", "internal", "nlmorph", "vocab.txt")
	if *updateVocab {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// Extraction improves and the words move a little; the file must
	// still be the vocabulary of these documents, not another's.
	var have []string
	for _, l := range strings.Split(string(want), "\n") {
		if w, _, ok := strings.Cut(l, " "); ok {
			have = append(have, w)
		}
	}
	common := 0
	for _, w := range have {
		if _, ok := slices.BinarySearch(words, w); ok {
			common++
		}
	}
	if j := float64(common) / float64(len(have)+len(words)-common); j < 0.9 {
		t.Errorf("%s shares %.2f of its words with the vocabulary of the real documents (want 0.9; -update-vocab rewrites it)", path, j)
	}
}

// foldLower lower-cases w and drops its diacritics, as the index does.
func foldLower(w string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(w) {
		switch r {
		case 'à', 'á', 'â', 'ä':
			r = 'a'
		case 'è', 'é', 'ê', 'ë':
			r = 'e'
		case 'ì', 'í', 'î', 'ï':
			r = 'i'
		case 'ò', 'ó', 'ô', 'ö':
			r = 'o'
		case 'ù', 'ú', 'û', 'ü':
			r = 'u'
		case 'ç':
			r = 'c'
		}
		if r > unicode.MaxASCII {
			return ""
		}
		b.WriteRune(r)
	}
	return b.String()
}

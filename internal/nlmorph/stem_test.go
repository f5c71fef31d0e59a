package nlmorph

import (
	"os"
	"strings"
	"testing"
)

// readPairs reads a tab-separated file of word pairs with a third column
// (the form, or why they differ); # starts a comment line.
func readPairs(t *testing.T, path string) [][3]string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out [][3]string
	for _, l := range strings.Split(string(b), "\n") {
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		f := strings.Split(l, "\t")
		if len(f) != 3 {
			t.Fatalf("%s: bad line %q", path, l)
		}
		out = append(out, [3]string{f[0], f[1], f[2]})
	}
	if len(out) == 0 {
		t.Fatalf("%s: no pairs", path)
	}
	return out
}

// TestConflate checks that every singular in testdata/conflate.tsv shares
// its stem with its plural (and diminutive), and that the list covers
// every plural form with at least 150 pairs.
func TestConflate(t *testing.T) {
	pairs := readPairs(t, "testdata/conflate.tsv")
	if len(pairs) < 150 {
		t.Errorf("%d pairs, want at least 150", len(pairs))
	}
	forms := map[string]int{}
	for _, p := range pairs {
		forms[p[2]]++
		if a, b := Stem(fold(p[0])), Stem(fold(p[1])); a != b {
			t.Errorf("%s (%s): %q → %q, %q → %q", p[2], p[0], p[0], a, p[1], b)
		}
	}
	for _, f := range []string{"-s", "-en", "-ies", "-heden", "-ingen", "-'s"} {
		if forms[f] == 0 {
			t.Errorf("no pairs for %s", f)
		}
	}
}

// TestApart checks that the different words of testdata/apart.tsv keep
// different stems.
func TestApart(t *testing.T) {
	for _, p := range readPairs(t, "testdata/apart.tsv") {
		if a, b := Stem(p[0]), Stem(p[1]); a == b {
			t.Errorf("%q and %q (%s) share the stem %q", p[0], p[1], p[2], a)
		}
	}
}

// fold drops the diacritics the index folds before stemming.
func fold(s string) string {
	return strings.NewReplacer("è", "e", "é", "e", "ë", "e", "ï", "i", "ç", "c").Replace(s)
}

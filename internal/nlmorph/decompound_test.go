package nlmorph

import (
	"os"
	"strings"
	"testing"
)

// TestDecompoundPrecision splits every word of conflate.tsv, apart.tsv and
// compounds.tsv and judges each split against compounds.tsv: a split is
// right when its first two parts are the parts a reader means. Precision
// (right splits over all splits) must stay at 0.9 or more, every split
// must be judged, and the compounds search depends on must split.
func TestDecompoundPrecision(t *testing.T) {
	d := NewDecompounder()
	if d.Len() < 1000 {
		t.Fatalf("vocabulary of %d words", d.Len())
	}
	gold := map[string]string{}
	for _, l := range lines(t, "testdata/compounds.tsv") {
		w, g, ok := strings.Cut(l, "\t")
		if !ok {
			t.Fatalf("bad line %q", l)
		}
		gold[w] = g
	}
	words := map[string]bool{}
	for w := range gold {
		words[w] = true
	}
	for _, f := range []string{"testdata/conflate.tsv", "testdata/apart.tsv"} {
		for _, p := range readPairs(t, f) {
			words[p[0]], words[p[1]] = true, true
		}
	}
	splits, right, compounds, found := 0, 0, 0, 0
	for w := range words {
		g, judged := gold[w]
		if judged && g != "-" {
			compounds++
		}
		parts := d.Split(w)
		if parts == nil {
			continue
		}
		splits++
		if !judged {
			t.Errorf("%q splits into %v, not judged in compounds.tsv", w, parts)
			continue
		}
		if g == strings.Join(parts[:2], " ") {
			right++
			found++
		}
	}
	precision := float64(right) / float64(splits)
	t.Logf("%d words, %d splits, %d right: precision %.3f; %d of %d judged compounds found", len(words), splits, right, precision, found, compounds)
	if precision < 0.9 {
		t.Errorf("precision %.3f, want at least 0.9", precision)
	}
	for w, want := range map[string]string{"stikstofuitstoot": "stikstof uitstoot", "regeldrukeffecten": "regeldruk effecten"} {
		if got := d.Split(w); len(got) < 2 || strings.Join(got[:2], " ") != want {
			t.Errorf("Split(%q) = %v, want %s", w, got, want)
		}
	}
}

func lines(t *testing.T, path string) []string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, l := range strings.Split(string(b), "\n") {
		if l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	return out
}

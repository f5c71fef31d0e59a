package scalecorpus

import (
	"context"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"

	"kamerzoek/internal/realdata"
	"kamerzoek/internal/structure"
)

var (
	matOnce sync.Once
	mat     *Material
	matErr  error
)

// material reads the seed letter and the real documents once per test
// binary.
func material(t *testing.T) *Material {
	t.Helper()
	seed := realdata.Path(t, "seed")
	real := realdata.Path(t, "realdata")
	matOnce.Do(func() { mat, matErr = LoadMaterial(context.Background(), []string{seed, real}) })
	if matErr != nil {
		t.Fatal(matErr)
	}
	return mat
}

func generate(t *testing.T, m *Material, o Options) []*Letter {
	t.Helper()
	g, err := New(m, o)
	if err != nil {
		t.Fatal(err)
	}
	var out []*Letter
	for {
		l, ok := g.Next()
		if !ok {
			return out
		}
		out = append(out, l)
	}
}

func TestMaterial(t *testing.T) {
	m := material(t)
	if len(m.Sentences) < 1000 || len(m.Headings) < 20 || len(m.Titles) < 5 {
		t.Fatalf("material too thin: %d sentences, %d headings, %d titles", len(m.Sentences), len(m.Headings), len(m.Titles))
	}
	for _, s := range m.Sentences[:50] {
		if !usableSentence(s) {
			t.Errorf("unusable sentence kept: %q", s)
		}
	}
}

// TestLettersParse runs generated letters through kamerzoek's text reader
// and checks that it reads back what the generator meant: identity,
// metadata, sections, footnotes and every reference.
func TestLettersParse(t *testing.T) {
	m := material(t)
	letters := generate(t, m, Options{N: 300, Seed: 7, Dossiers: 6})
	for _, l := range letters {
		doc, err := structure.FromText(l.Text)
		if err != nil {
			t.Fatalf("%s: %v", l.ID, err)
		}
		got := []string{doc.ID, doc.Kamer, doc.Dossier, doc.Number, doc.Title, doc.Type, doc.Date, doc.Vergaderjaar, doc.Sender, doc.Signatory}
		want := []string{l.ID, l.Kamer, l.Dossier, l.Number, l.Title, l.Type, l.Date, l.Vergaderjaar, l.Sender, l.Signatory}
		if !slices.Equal(got, want) {
			t.Errorf("%s: metadata\n got %q\nwant %q", l.ID, got, want)
		}
		var heads []string
		for _, s := range doc.Sections {
			h := s.Heading
			if s.Number != "" {
				h = s.Number + ". " + h
			}
			heads = append(heads, h)
		}
		if !slices.Equal(heads, l.Headings) {
			t.Errorf("%s: sections\n got %q\nwant %q", l.ID, heads, l.Headings)
		}
		if len(doc.Footnotes) != l.Footnotes {
			t.Errorf("%s: %d footnotes, want %d", l.ID, len(doc.Footnotes), l.Footnotes)
		}
		for _, f := range doc.Footnotes {
			if f.Anchor == nil {
				t.Errorf("%s: footnote %d has no anchor", l.ID, f.Number)
			}
		}
		refIDs := map[string]bool{}
		for _, r := range doc.References {
			refIDs[r.ID] = true
		}
		wantIDs := map[string]bool{}
		for _, id := range append(slices.Clone(l.Cites), l.External...) {
			wantIDs[id] = true
		}
		if !mapsEqual(refIDs, wantIDs) {
			t.Errorf("%s: references\n got %v\nwant %v", l.ID, keys(refIDs), keys(wantIDs))
		}
		if t.Failed() {
			t.Logf("text of %s:\n%s", l.ID, l.Text)
			return
		}
	}
}

func mapsEqual(a, b map[string]bool) bool {
	if len(a) != len(b) {
		return false
	}
	for k := range a {
		if !b[k] {
			return false
		}
	}
	return true
}

func keys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// synthMaterial is enough material for the shape tests without real data.
func synthMaterial() *Material {
	m := &Material{Headings: []string{"Inleiding", "Aanpak", "Tot slot"}, Titles: []string{"Rijksbegroting voor het jaar"}}
	for i := range 200 {
		m.Sentences = append(m.Sentences, "Dit is zin nummer "+strings.Repeat("x", 1+i%7)+" van de synthetische brief.")
	}
	return m
}

func TestDeterministic(t *testing.T) {
	a := generate(t, synthMaterial(), Options{N: 50, Seed: 3, MedianWords: 200})
	b := generate(t, synthMaterial(), Options{N: 50, Seed: 3, MedianWords: 200})
	c := generate(t, synthMaterial(), Options{N: 50, Seed: 4, MedianWords: 200})
	same := true
	for i := range a {
		if a[i].Text != b[i].Text {
			t.Fatalf("letter %d differs between two runs with the same seed", i)
		}
		same = same && a[i].Text == c[i].Text
	}
	if same {
		t.Fatal("another seed gave the same corpus")
	}
}

// TestShape checks the corpus's statistics: lengths around the median,
// about six notes a letter, citations only backwards, and a heavy-tailed
// in-degree (the most cited letter far above the mean, the top 1 % of
// letters holding a large share of all citations).
func TestShape(t *testing.T) {
	const n = 4000
	letters := generate(t, synthMaterial(), Options{N: n, Seed: 11, MedianWords: 300})
	seen := map[string]int{}
	in := map[string]int{}
	var words []int
	notes, cites := 0, 0
	for i, l := range letters {
		for _, c := range l.Cites {
			j, ok := seen[c]
			if !ok || j >= i {
				t.Fatalf("letter %d cites %s, which is not an earlier letter", i, c)
			}
			in[c]++
			cites++
		}
		seen[l.ID] = i
		words = append(words, l.Words)
		notes += l.Footnotes
	}
	sort.Ints(words)
	if med := words[n/2]; med < 250 || med > 360 {
		t.Errorf("median length %d words, want about 300", med)
	}
	if avg := float64(notes) / n; avg < 5 || avg > 8 {
		t.Errorf("%.2f footnotes a letter on average, want about 6", avg)
	}
	deg := make([]int, 0, n)
	for _, l := range letters {
		deg = append(deg, in[l.ID])
	}
	sort.Sort(sort.Reverse(sort.IntSlice(deg)))
	mean := float64(cites) / n
	if float64(deg[0]) < 25*mean {
		t.Errorf("most cited letter has %d citations, mean %.1f: tail not heavy", deg[0], mean)
	}
	top := 0
	for _, d := range deg[:n/100] {
		top += d
	}
	if share := float64(top) / float64(cites); share < 0.10 {
		t.Errorf("top 1%% of letters hold %.1f%% of citations, want ≥ 10%%", 100*share)
	}
	if deg[n/2] > int(2*mean) {
		t.Errorf("median in-degree %d above twice the mean %.1f", deg[n/2], mean)
	}
	t.Logf("mean in-degree %.2f, max %d, top 1%% share %.1f%%, median %d", mean, deg[0], 100*float64(top)/float64(cites), deg[n/2])
}

func TestUsableSentence(t *testing.T) {
	for s, want := range map[string]bool{
		"De verdachte krijgt de gelegenheid om als laatste het woord te voeren.":        true,
		"De verdachte krijgt de gelegenheid om als laatste het woord te voeren. 4.":     false,
		"Zie de brief van 17 november 2021 over de aanpak van ondermijning.":            true,
		"Dit staat in Kamerstuk 29 911, nr. 337 over de aanpak van ondermijning.":       false,
		"Zo is het gegaan. Daarna kwam de minister met een nieuw voorstel voor de wet.": false,
		"de kleine letter aan het begin maakt dit een voortzetting van iets anders.":    false,
		"Te kort.": false,
	} {
		if got := usableSentence(s); got != want {
			t.Errorf("usableSentence(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestUsableSentenceYear(t *testing.T) {
	if s := "De salderingsregeling voor kleinverbruikers wordt met ingang van 1 januari 2027 beëindigd in 2027."; !usableSentence(s) {
		t.Errorf("a sentence ending in a year was dropped: %q", s)
	}
}

package refs

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"kamerzoek/internal/document"
)

// found is a reference before it is mapped back to the original text.
// lo and hi are byte offsets into the normalised text.
type found struct {
	id     ID
	lo, hi int
	pin    string
	drop   bool
	seq    int
	antec  bool // a dossier-bearing reference that short forms may resolve against
}

// scanner holds the state of one Extract call: the normalised text, its
// tokens, which tokens a recogniser has consumed, and what was found.
type scanner struct {
	orig  string
	n     normText
	s     string
	lower string // s with ASCII letters in lower case, made on demand
	toks  []tok
	used  []bool
	taken []bool // per byte of s: consumed by a character-level recogniser
	ctx   Context
	kamer string
	found []found
	diags []Diagnostic
	unit  []int // unit number per token (sentence or footnote)
	// aliases bound by "(hierna: X)" in this text.
	aliases map[string]lawTarget
	// euAt maps the first token of an EU act reference to its index in found.
	euRef map[int]int
	// lineCount caches how often a running-header candidate ends a line.
	lineCount map[string]int
	// colophonIDs are the ids printed in the colophon of the text.
	colophonIDs map[string]bool
}

func newScanner(text string, ctx Context) *scanner {
	n := normalize(text)
	sc := &scanner{orig: text, n: n, s: n.s, ctx: ctx, euRef: map[int]int{}}
	sc.toks = tokenize(n.s)
	sc.used = make([]bool, len(sc.toks))
	sc.taken = make([]bool, len(n.s))
	sc.kamer = "tk"
	if ctx.Kamer == "ek" || ctx.Kamer == "tk" {
		sc.kamer = ctx.Kamer
	}
	sc.units()
	return sc
}

// t returns token i, or an empty punctuation token when i is out of range.
func (sc *scanner) t(i int) tok {
	if i < 0 || i >= len(sc.toks) {
		return tok{kind: tPunct, s: "", low: "", lo: len(sc.s), hi: len(sc.s), nl: 2}
	}
	return sc.toks[i]
}

// is reports whether token i is one of words (compared in lower case).
func (sc *scanner) is(i int, words ...string) bool {
	if i < 0 || i >= len(sc.toks) {
		return false
	}
	l := sc.toks[i].low
	for _, w := range words {
		if l == w {
			return true
		}
	}
	return false
}

// p reports whether token i is the punctuation c.
func (sc *scanner) p(i int, c string) bool {
	return i >= 0 && i < len(sc.toks) && sc.toks[i].kind == tPunct && sc.toks[i].s == c
}

// free reports whether tokens [i, j) are unconsumed.
func (sc *scanner) free(i, j int) bool {
	if i < 0 || j > len(sc.toks) {
		return false
	}
	for k := i; k < j; k++ {
		if sc.used[k] {
			return false
		}
	}
	return true
}

func (sc *scanner) use(i, j int) {
	for k := i; k < j && k < len(sc.toks); k++ {
		if k >= 0 {
			sc.used[k] = true
		}
	}
}

// useBytes consumes the bytes [lo, hi) of the normalised text and every
// token that overlaps them.
func (sc *scanner) useBytes(lo, hi int) {
	for k := lo; k < hi; k++ {
		sc.taken[k] = true
	}
	k := sort.Search(len(sc.toks), func(k int) bool { return sc.toks[k].hi > lo })
	for ; k < len(sc.toks) && sc.toks[k].lo < hi; k++ {
		sc.used[k] = true
	}
}

func (sc *scanner) bytesFree(lo, hi int) bool {
	for k := lo; k < hi; k++ {
		if sc.taken[k] {
			return false
		}
	}
	return true
}

// add records a reference spanning tokens [i, j) (j exclusive).
func (sc *scanner) add(id ID, i, j int, pin string) int {
	lo, hi := sc.t(i).lo, sc.t(j-1).hi
	return sc.addBytes(id, lo, hi, pin)
}

func (sc *scanner) addBytes(id ID, lo, hi int, pin string) int {
	if !valid(id) || hi <= lo {
		return -1
	}
	f := found{id: id, lo: lo, hi: hi, pin: pin, seq: len(sc.found)}
	f.antec = id.Family == FamKamerstuk && id.Dossier != "" || id.Family == FamDossier
	sc.found = append(sc.found, f)
	return len(sc.found) - 1
}

// diag records a diagnostic over tokens [i, j).
func (sc *scanner) diag(i, j int, msg string) {
	lo, hi := sc.t(i).lo, sc.t(j-1).hi
	if hi < lo {
		hi = lo
	}
	a, b := sc.n.span(lo, hi)
	sc.diags = append(sc.diags, Diagnostic{Start: a, End: b, Message: msg})
}

// abbrev lists words that end in a full stop without ending a sentence.
var abbrev = map[string]bool{
	"nr": true, "nrs": true, "p": true, "pp": true, "blz": true, "kst": true, "hand": true,
	"aanh": true, "stb": true, "stcrt": true, "trb": true, "art": true, "jo": true, "jl": true,
	"resp": true, "vgl": true, "bijv": true, "zgn": true, "ca": true, "mr": true, "dr": true,
	"ir": true, "prof": true, "drs": true, "ing": true, "nl": true, "enz": true, "etc": true,
	"pag": true, "par": true, "no": true, "fig": true, "mevr": true, "dhr": true, "id": true,
	"ibid": true, "idem": true, "red": true, "ed": true, "bijl": true, "hr": true, "rb": true,
}

// units numbers the citation units: a new unit starts at a blank line, at a
// line that opens with a footnote number or marker, and after a full stop
// that ends a sentence.
func (sc *scanner) units() {
	sc.unit = make([]int, len(sc.toks))
	u := 0
	for i := range sc.toks {
		t := sc.toks[i]
		if i > 0 {
			switch {
			case t.nl >= 2:
				u++
			case t.nl == 1 && t.s == string(marker):
				u++
			case t.nl == 1 && t.kind == tNum && sc.toks[i-1].kind == tPunct &&
				!(sc.toks[i-1].s == "." && abbrev[sc.t(i-2).low]) && sc.toks[i-1].s != "," &&
				(sc.t(i+1).nl > 0 || i+1 >= len(sc.toks) || sc.sentenceEndBefore(i) || sc.toks[i-1].s == ")"):
				// a footnote number on a line of its own, or opening a line
				// after a sentence ended
				u++
			case startsUpper(t.s) && sc.sentenceEndBefore(i):
				u++
			}
		}
		sc.unit[i] = u
	}
}

func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// sentenceEndBefore reports whether a sentence ends just before token i.
func (sc *scanner) sentenceEndBefore(i int) bool {
	k := i - 1
	for k >= 0 && (sc.toks[k].s == string(marker) || sc.toks[k].s == `"` || sc.toks[k].s == ")") {
		k--
	}
	if k < 0 || !sc.t(i).sp && k == i-1 {
		return false
	}
	switch sc.toks[k].s {
	case "?", "!":
		return true
	case ".":
	default:
		return false
	}
	w := sc.t(k - 1)
	if w.kind == tWord && (abbrev[w.low] || utf8.RuneCountInString(w.s) == 1) {
		return false
	}
	return true
}

// Extract returns the references in text in order of appearance, one per
// mention, and the diagnostics of the scan. Start and End of each reference
// are byte offsets into text with text[Start:End] == Raw. ID, Kind, Raw,
// Start, End, Pinpoint and Context are filled; Footnote, Section and Page
// are left for the caller. References to ctx.Self are dropped, and so are
// running headers ("Tweede Kamer, vergaderjaar 2023–2024, 36 450, nr. 3"
// on a line of its own). Extract never panics.
func Extract(text string, ctx Context) (res Result) {
	defer func() {
		if r := recover(); r != nil {
			res = Result{Diagnostics: []Diagnostic{{Message: "refs: internal error; references dropped"}}}
		}
	}()
	return extract(text, ctx)
}

// extract is Extract without the recover, so tests see every panic.
func extract(text string, ctx Context) Result {
	sc := newScanner(text, ctx)
	sc.run()
	return sc.result()
}

// run applies the recognisers in the order of the grammar: each consumes
// what it reads, so later ones cannot reuse it.
func (sc *scanner) run() {
	sc.scanURLs()
	sc.scanExplicit()
	sc.scanAanhangsel()
	sc.scanHandelingen()
	sc.scanGazettes()
	sc.scanKamerstukken()
	sc.scanEU()
	sc.scanLaw()
	sc.scanBareKamerstukken()
	sc.scanShortForms()
}

func (sc *scanner) result() Result {
	fs := make([]found, 0, len(sc.found))
	self := strings.TrimSpace(sc.ctx.Self)
	if id, err := Parse(self); err == nil {
		self = Format(id)
	} else if id, ok := parseOB(self); ok {
		self = Format(id)
	}
	for _, f := range sc.found {
		if f.drop {
			continue
		}
		if self != "" && Format(f.id) == self {
			continue
		}
		fs = append(fs, f)
	}
	sort.SliceStable(fs, func(a, b int) bool {
		if fs[a].lo != fs[b].lo {
			return fs[a].lo < fs[b].lo
		}
		if fs[a].hi != fs[b].hi {
			return fs[a].hi < fs[b].hi
		}
		return fs[a].seq < fs[b].seq
	})
	out := Result{Diagnostics: sc.diags}
	for _, f := range fs {
		a, b := sc.n.span(f.lo, f.hi)
		out.References = append(out.References, document.Reference{
			ID:       Format(f.id),
			Kind:     f.id.Kind(),
			Raw:      sc.orig[a:b],
			Start:    a,
			End:      b,
			Pinpoint: f.pin,
			Context:  sc.sentence(f.lo, f.hi),
		})
	}
	return out
}

// sentence returns the sentence around the normalised span [lo, hi), with
// whitespace collapsed, at most a few hundred bytes either side.
func (sc *scanner) sentence(lo, hi int) string {
	const max = 300
	s := sc.s
	a := lo
	for a > 0 && lo-a < max {
		if s[a-1] == '\n' && a >= 2 && s[a-2] == '\n' {
			break
		}
		if a >= 2 && (s[a-1] == ' ' || s[a-1] == '\n') && (s[a-2] == '.' || s[a-2] == '?' || s[a-2] == '!') && a < len(s) && startsUpper(s[a:]) && !abbrevBefore(s, a-2) {
			break
		}
		a--
	}
	b := hi
	for b < len(s) && b-hi < max {
		if s[b] == '\n' && b+1 < len(s) && s[b+1] == '\n' {
			break
		}
		if (s[b] == '.' || s[b] == '?' || s[b] == '!') && (b+1 == len(s) || s[b+1] == ' ' || s[b+1] == '\n') && !abbrevBefore(s, b) {
			b++
			break
		}
		b++
	}
	for a < lo && !utf8.RuneStart(s[a]) {
		a++
	}
	for b > hi && b < len(s) && !utf8.RuneStart(s[b]) {
		b--
	}
	oa, ob := sc.n.span(a, b)
	return strings.Join(strings.Fields(strings.ReplaceAll(sc.orig[oa:ob], "\u00ad", "")), " ")
}

// abbrevBefore reports whether the full stop at s[dot] closes an
// abbreviation or a single letter.
func abbrevBefore(s string, dot int) bool {
	j := dot
	for j > 0 && isASCIILetter(s[j-1]) {
		j--
	}
	w := strings.ToLower(s[j:dot])
	return len(w) == 1 || abbrev[w]
}

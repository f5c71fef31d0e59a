package refs

// Kamerstukken (§3 of the grammar) and whole dossiers (§4).

import (
	"regexp"
	"strings"
)

// subDossiers are the dossiers whose "-NN" suffix is a sub-dossier, not an
// ondernummer (K5).
var subDossiers = map[string]bool{"21501": true}

// doss is one dossier of a citation with its toevoeging.
type doss struct {
	nr, toev string
	lo, hi   int // token range
	// ekLetter is an Eerste Kamer letter read in the dossier position
	// ("35.673 EK B", "36 200 A" in an EK citation).
	ekLetters []numItem
}

// dossierStart reports whether a dossier number (five digits, "29 911" or
// "29.911") starts at token i.
func (sc *scanner) dossierStart(i int) bool {
	_, _, ok := sc.dossierNumAt(i, false)
	return ok
}

// dossierNumAt reads a dossier number at i. With short set, 1–4-digit
// numbers are accepted too (only right after a Kamerstuk keyword).
func (sc *scanner) dossierNumAt(i int, short bool) (string, int, bool) {
	t := sc.t(i)
	if t.kind != tNum || t.s[0] == '0' {
		return "", i, false
	}
	// Not a part of a larger number: "€ 29.911.000", "1.250".
	if pv := sc.t(i - 1); i > 0 && pv.kind == tPunct && !t.sp && (pv.s == "." || pv.s == ",") && sc.t(i-2).kind == tNum {
		return "", i, false
	}
	if len(t.s) == 5 {
		if sc.gluedNumber(i + 1) {
			return "", i, false
		}
		return t.s, i + 1, true
	}
	if len(t.s) == 2 {
		u := sc.t(i + 1)
		if u.kind == tNum && len(u.s) == 3 && u.sp && u.nl <= 1 {
			if sc.gluedNumber(i+2) || sc.p(i+2, ",") && sc.t(i+3).kind == tNum && len(sc.t(i+3).s) == 2 && !sc.t(i+3).sp {
				return "", i, false
			}
			return t.s + u.s, i + 2, true
		}
		if sc.p(i+1, ".") && !sc.t(i+1).sp {
			v := sc.t(i + 2)
			if v.kind == tNum && len(v.s) == 3 && !v.sp && !sc.gluedNumber(i+3) {
				return t.s + v.s, i + 3, true
			}
		}
	}
	if short && len(t.s) <= 4 && !sc.gluedNumber(i+1) && !(len(t.s) == 4 && atoi(t.s) >= 1900 && atoi(t.s) <= 2100) {
		return t.s, i + 1, true
	}
	return "", i, false
}

// gluedNumber reports whether token i continues a number: ".000", ",50".
func (sc *scanner) gluedNumber(i int) bool {
	t := sc.t(i)
	if t.kind == tPunct && !t.sp && (t.s == "." || t.s == ",") {
		n := sc.t(i + 1)
		return n.kind == tNum && !n.sp
	}
	return false
}

// rijkswetAt skips a rijkswet number "(R2145)", "(R 1375)" (K7).
func (sc *scanner) rijkswetAt(i int) int {
	if !sc.p(i, "(") {
		return i
	}
	t := sc.t(i + 1)
	if t.kind == tAlnum && len(t.s) > 1 && t.s[0] == 'R' && isDigits(t.s[1:]) && sc.p(i+2, ")") {
		return i + 3
	}
	if t.s == "R" && sc.t(i+2).kind == tNum && sc.p(i+3, ")") {
		return i + 4
	}
	return i
}

// dossAt reads a dossier with its toevoeging: "36 200 VI", "35 300-XIII",
// "21 501-32", "36 410-A", "35 099 (R2114)". ek tells that the citation is
// an Eerste Kamer one (a lone capital after a space is then a paper letter).
func (sc *scanner) dossAt(i int, short, ek bool) (doss, int, bool) {
	nr, j, ok := sc.dossierNumAt(i, short)
	if !ok {
		return doss{}, i, false
	}
	d := doss{nr: nr, lo: i}
	j = sc.rijkswetAt(j)
	t := sc.t(j)
	switch {
	case sc.p(j, "-") && !sc.t(j+1).sp && t.nl == 0:
		u := sc.t(j + 1)
		switch {
		case u.kind == tWord && isUpperWord(u.s) && (isRoman(u.s) || len(u.s) == 1):
			d.toev = u.s
			j += 2
		case u.kind == tNum && len(u.s) == 2 && subDossiers[nr]:
			d.toev = u.s
			j += 2
		}
	case t.kind == tWord && t.sp && t.nl <= 1 && isUpperWord(t.s) && (t.nl == 0 || t.s == "EK" || isRoman(t.s) && len(t.s) > 1 || len(t.s) == 1 && sc.nrFollows(j+1)):
		if t.s == "EK" {
			// "35.673 EK B"
			items, k, _ := sc.numListAt(j+1, true, 0)
			if len(items) > 0 {
				d.ekLetters = items
				j = k
			}
			break
		}
		if isRoman(t.s) {
			d.toev = t.s
			j++
			break
		}
		if len(t.s) == 1 {
			// K3: a lone capital after a space.
			k := j + 1
			if sc.p(k, ",") {
				k++
			}
			if _, ok := sc.nrAt(k); ok || !ek {
				d.toev = t.s
				j++
			} else {
				items, k2, _ := sc.numListAt(j, true, 0)
				d.ekLetters = items
				j = k2
			}
		}
	}
	j = sc.rijkswetAt(j)
	d.hi = j
	return d, j, true
}

// kstCite is the state of one Kamerstuk citation while it is read.
type kstCite struct {
	start   int    // first token
	kamer   string // "ek" makes numeric numbers legacy (K9)
	vj      string // the single vergaderjaar, if one was given
	vjBad   bool
	compact bool // the compact form "31865-207" is allowed
	dossier bool // "Kamerstukdossier": a dossier, never a paper
	keyword bool // triggered by "Kamerstuk(ken)" or "Kst.": a bare number may follow
	needNr  bool // only a citation with a number counts (bare forms)
}

// scanKamerstukken reads every keyword-triggered Kamerstuk citation.
func (sc *scanner) scanKamerstukken() {
	for i := 0; i < len(sc.toks); i++ {
		if sc.used[i] {
			continue
		}
		if j, ok := sc.kstTrigger(i); ok {
			i = j - 1
		}
	}
}

// kstTrigger tries the keyword forms at token i. It returns the index after
// the citation.
func (sc *scanner) kstTrigger(i int) (int, bool) {
	t := sc.toks[i]
	c := kstCite{start: i, compact: true}
	j := i
	header := false
	switch {
	case t.low == "kamerstuk" || t.low == "kamerstukken" || t.low == "kamerstukdossier":
		c.dossier = t.low == "kamerstukdossier"
		c.keyword = !c.dossier
		j = i + 1
		if k, n := sc.kamerAt(j); k != "" {
			c.kamer, j = k, n
		}
	case t.low == "kst" && (sc.p(i+1, ".") || startsUpper(t.s) && sc.dossierStart(i+1)):
		c.keyword = true
		j = i + 1
		if sc.p(j, ".") {
			j++
		}
		if k, n := sc.kamerAt(j); k != "" {
			c.kamer, j = k, n
		}
	case t.s == "TK" || t.s == "EK":
		c.kamer = map[string]string{"TK": "tk", "EK": "ek"}[t.s]
		j = i + 1
		if sc.p(j, ",") {
			j++
		}
		if _, _, sh, _ := sc.vjAt(j); !sh && !sc.dossierStart(j) {
			return i, false
		}
	case (t.low == "tweede" || t.low == "eerste") && sc.is(i+1, "kamer"):
		k := i + 2
		if sc.p(k, ",") {
			k++
		}
		if !sc.is(k, "vergaderjaar") {
			// "Tweede Kamer, 2019–2020, 35 300, nr. 3": a vergaderjaar must follow
			if _, _, sh, _ := sc.vjAt(k); !sh {
				return i, false
			}
		}
		c.kamer, _ = sc.kamerAt(i)
		j = k
		// at the start of a line, or after a column gap of a layout text layer
		header = t.nl > 0 || i == 0 || t.lo >= 3 && sc.s[t.lo-3:t.lo] == "   "
	case t.low == "dossier" || t.low == "wetsvoorstel" || t.low == "kamerstukdossiers":
		if !sc.dossierStart(i + 1) {
			return i, false
		}
		j = i + 1
	case t.low == "motie" || t.low == "amendement" || t.low == "moties" || t.low == "amendementen" ||
		t.low == "wijziging" && sc.is(i-1, "van") && sc.is(i-2, "nota"):
		if !sc.dossierStart(i + 1) {
			return i, false
		}
		j = i + 1
		c.needNr = true
	default:
		return i, false
	}
	if sc.p(j, ",") {
		j++
	}
	if sc.is(j, "vergaderjaar") {
		j++
	}
	if vj, k, sh, bad := sc.vjListAt(j); sh {
		c.vj, c.vjBad, j = vj, bad, k
		if sc.p(j, ",") || sc.p(j, ";") {
			j++
		}
	}
	end, emitted := sc.kstBody(&c, j, header)
	if !emitted {
		return i, false
	}
	return end, true
}

// kstBody reads DOSSLIST NUMPART (and further dossier groups) at j for the
// citation c, emits the references and consumes the tokens.
func (sc *scanner) kstBody(c *kstCite, j int, header bool) (int, bool) {
	type group struct {
		dossiers []doss
		nums     []numItem
		pins     []string // pinpoint per number
		vj       string
		vjBad    bool
		broken   bool // a number keyword without a readable number
	}
	ek := c.kamer == "ek"
	var groups []group
	for {
		d, k, ok := sc.dossAt(j, false, ek)
		if !ok && len(groups) == 0 {
			// 1–4-digit dossiers only right after a Kamerstuk keyword and
			// with an explicit number.
			d, k, ok = sc.dossAt(j, true, ek)
			if ok {
				m := k
				if sc.p(m, ",") {
					m++
				}
				if _, okn := sc.nrAt(m); !okn {
					ok = false
				}
			}
		}
		if !ok && len(groups) == 0 && ek {
			d, k, ok = sc.romanDossAt(j)
		}
		if !ok {
			break
		}
		g := group{dossiers: []doss{d}, vj: c.vj, vjBad: c.vjBad}
		j = k
		// more dossiers in the head: "29 911 en 29 279, nr. 290"
		for len(d.ekLetters) == 0 {
			m := j
			if sc.is(m, "en") || sc.p(m, ",") {
				m++
			} else {
				break
			}
			d2, m2, ok2 := sc.dossAt(m, false, ek)
			if !ok2 {
				break
			}
			g.dossiers = append(g.dossiers, d2)
			j = m2
			if len(d2.ekLetters) > 0 {
				break
			}
		}
		if len(d.ekLetters) > 0 {
			g.nums = d.ekLetters
		}
		// NUMPART
		for len(g.nums) == 0 {
			m := j
			comma := false
			if sc.p(m, ",") {
				m++
				comma = true
			} else if sc.p(m, ".") {
				// "29 911. Nr. 81"
				if n, ok := sc.nrAt(m + 1); ok && sc.t(m+1).s == "Nr" {
					items, n2, _ := sc.numListAt(n, true, 4)
					if len(items) > 0 {
						g.nums, j = items, n2
					}
				}
				break
			}
			if n, ok := sc.nrAt(m); ok {
				items, n2, _ := sc.numListAt(n, true, 4)
				if len(items) > 0 {
					g.nums, j = items, n2
				} else {
					g.broken = true
					sc.diag(m, n+1, "unreadable ondernummer")
				}
				break
			}
			if comma {
				// EK letters after a comma: "35 447, D en G", "33802, C";
				// in an Eerste Kamer citation also where the sentence
				// goes on ("35 564, E en de memorie van antwoord").
				if items, n2, _ := sc.numListAt(m, true, 0); len(items) > 0 && (sc.lettersEnd(n2) || ek && sc.proseGoesOn(n2)) && singleLetters(items) {
					g.nums, j = items, n2
					break
				}
				// A number with only a comma after "Kamerstuk(ken)":
				// "Kamerstukken II 2009/10, 29911, 249".
				if items, n2, ok := sc.bareNumbers(c, g.dossiers[0], m); ok {
					g.nums, j = items, n2
				}
				break
			}
			if c.keyword && sc.p(m, "-") && (sc.t(m).sp || sc.t(m+1).sp) {
				// A number after a spaced dash: "Kamerstuk 34682 – 134".
				if items, n2, ok := sc.bareNumbers(c, g.dossiers[0], m+1); ok {
					g.nums, j = items, n2
				}
				break
			}
			if c.compact && sc.p(m, "-") && !sc.t(m).sp && !sc.t(m+1).sp {
				// compact form "31865-207", "36200-VI-12"
				if s, ok := sc.numAt(m+1, false, 4); ok {
					g.nums, j = []numItem{{s, m + 1, m + 2}}, m+2
				} else if s, ok := sc.numAt(m+1, true, 0); ok && len(g.dossiers[0].toev) > 0 && !sc.p(m+2, "-") {
					g.nums, j = []numItem{{s, m + 1, m + 2}}, m+2
				}
				break
			}
			if ek && sc.p(m, "(") {
				// legacy EK numbers "26 855 (250, 250a)"
				if items, n2, _ := sc.numListAt(m+1, false, 4); len(items) > 0 && sc.p(n2, ")") {
					g.nums, j = items, n2+1
				}
			}
			break
		}
		g.pins = make([]string, len(g.nums))
		// pinpoints and further numbers of the same dossier
		for len(g.nums) > 0 {
			if pin, n, ok := sc.pinAt(j, false); ok {
				for k := range g.pins {
					if g.pins[k] == "" {
						g.pins[k] = pin
					}
				}
				j = n
				continue
			}
			if sc.p(j, "(") && sc.is(j+1, "herdruk", "nadruk") && sc.p(j+2, ")") {
				j += 3
				continue
			}
			m, ok := sc.listSep(j)
			if !ok {
				break
			}
			if n, ok := sc.nrAt(m); ok {
				items, n2, _ := sc.numListAt(n, true, 4)
				if len(items) == 0 {
					break
				}
				g.nums = append(g.nums, items...)
				g.pins = append(g.pins, make([]string, len(items))...)
				j = n2
				continue
			}
			break
		}
		groups = append(groups, g)
		// a further dossier group: "nr. 78 en 35 830 XV, nr. 5";
		// "; 2001/2002, 26 855 (16, 16a)" keeps the Kamer.
		m := j
		if sc.p(m, ",") || sc.is(m, "en") || sc.p(m, ";") {
			semi := sc.p(m, ";")
			m++
			if semi {
				if vj, k, sh, bad := sc.vjListAt(m); sh {
					c.vj, c.vjBad = vj, bad
					m = k
					if sc.p(m, ",") {
						m++
					}
				} else if !sc.numberedDossAt(m, ek) {
					// "; 36 200 XII, nr. 9" goes on with a dossier only when it
					// carries its own number.
					break
				}
			}
			if _, _, ok := sc.dossAt(m, false, ek); ok && len(g.nums) > 0 {
				j = m
				continue
			}
		}
		break
	}
	if len(groups) == 0 {
		return j, false
	}
	end := j
	// A running header or footer: "Tweede Kamer, vergaderjaar 2023–2024,
	// 36 450, nr. 3" alone on its line (perhaps with a page number).
	if header && (sc.runningHeader(c.start, end) || sc.colophonOf(groups[0].dossiers[0], groups[0].nums)) {
		sc.use(c.start, end)
		return end, true
	}
	emitted := false
	for gi, g := range groups {
		d0 := g.dossiers[0]
		if g.broken {
			continue
		}
		if len(g.nums) == 0 {
			if c.needNr {
				continue
			}
			for _, d := range g.dossiers {
				s := c.start
				if gi > 0 {
					s = d.lo
				}
				if sc.add(ID{Family: FamDossier, Dossier: d.nr, Toevoeging: d.toev}, s, d.hi, "") >= 0 {
					emitted = true
				}
			}
			continue
		}
		for k, n := range g.nums {
			id := ID{Family: FamKamerstuk, Dossier: d0.nr, Toevoeging: d0.toev, Number: n.s}
			if ek && isDigits(n.s[:1]) {
				// K9: legacy EK numbers are per vergaderjaar.
				switch {
				case g.vj != "":
					id.Vergaderjaar = g.vj
				case g.vjBad:
					continue
				default:
					sc.diag(c.start, n.hi, "ek_legacy_unqualified")
				}
			}
			s := c.start
			if gi > 0 {
				s = d0.lo
			}
			if sc.add(id, s, n.hi, g.pins[k]) >= 0 {
				emitted = true
			}
		}
	}
	if emitted {
		sc.use(c.start, end)
	}
	return end, emitted
}

// reRomanDossier is a Roman numeral of two or more letters: the internal
// dossiers of the Eerste Kamer ("CXXIV").
var reRomanDossier = regexp.MustCompile(`^M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$`)

// romanDossAt reads an Eerste Kamer dossier numbered in Roman numerals
// ("Kamerstukken I 2017/18, CXXIV, H"). The caller has seen Eerste Kamer
// context; the numeral must be followed by paper letters, after a comma
// or "nr.", so a chapter or a list marker is not read as a dossier.
func (sc *scanner) romanDossAt(i int) (doss, int, bool) {
	t := sc.t(i)
	if t.kind != tWord || len(t.s) < 2 || t.s == "II" || !reRomanDossier.MatchString(t.s) {
		return doss{}, i, false
	}
	k := i + 1
	if !sc.p(k, ",") {
		return doss{}, i, false
	}
	k++
	if n, ok := sc.nrAt(k); ok {
		k = n
	}
	items, n2, _ := sc.numListAt(k, true, 0)
	if len(items) == 0 || !sc.lettersEnd(n2) || !singleLetters(items) {
		return doss{}, i, false
	}
	return doss{nr: t.s, lo: i, hi: i + 1}, i + 1, true
}

// numberedDossAt reports whether a dossier with an explicit number part
// stands at i: "36 200 XII, nr. 9", or with ek "35 570, C".
func (sc *scanner) numberedDossAt(i int, ek bool) bool {
	d, k, ok := sc.dossAt(i, false, ek)
	if !ok {
		return false
	}
	if len(d.ekLetters) > 0 {
		return true
	}
	comma := sc.p(k, ",")
	if comma {
		k++
	}
	if n, ok := sc.nrAt(k); ok {
		items, _, _ := sc.numListAt(n, true, 4)
		return len(items) > 0
	}
	if ek && comma {
		items, n2, _ := sc.numListAt(k, true, 0)
		return len(items) > 0 && sc.lettersEnd(n2) && singleLetters(items)
	}
	return false
}

// lettersEnd reports whether EK letters read up to i end the citation: what
// follows is punctuation, a pinpoint or the end, not a word going on.
func (sc *scanner) lettersEnd(i int) bool {
	t := sc.t(i)
	if i >= len(sc.toks) {
		return true
	}
	if t.kind == tPunct {
		if t.s == "-" || t.s == "." && startsUpper(sc.t(i+1).s) && !sc.t(i+1).sp {
			return false
		}
		if t.s == "." && sc.t(i+1).kind == tWord && !sc.t(i+1).sp {
			return false
		}
		return true
	}
	return false
}

// proseGoesOn reports whether the sentence goes on in lower case at i
// ("en", "blz."): so the capital before it cannot start a new sentence.
func (sc *scanner) proseGoesOn(i int) bool {
	t := sc.t(i)
	return i < len(sc.toks) && t.kind == tWord && t.s != "" && t.s[0] >= 'a' && t.s[0] <= 'z'
}

// bareNumbers reads ondernummers that stand at i after a dossier with no
// number keyword, only a comma or a dash before them: "29911, 249",
// "34682 – 134", "29 911, 249 en 250". It takes them only after the
// keyword "Kamerstuk(ken)" or "Kst.", as numbers of at most four digits
// that are no year, no dossier, no date ("29911, 12 maart") and, after
// dossier 21501, no sub-dossier; and only where the citation ends after
// them: punctuation, a pinpoint, the end of the text or a word in lower
// case. Without a keyword "Kamerstuk" a comma after a dossier can
// introduce anything.
func (sc *scanner) bareNumbers(c *kstCite, d doss, i int) ([]numItem, int, bool) {
	if !c.keyword || c.needNr || sc.dossierStart(i) || sc.t(i).kind == tWord {
		return nil, i, false
	}
	if subDossiers[d.nr] && d.toev == "" {
		return nil, i, false
	}
	items, n, bad := sc.numListAt(i, false, 4)
	if len(items) == 0 || bad {
		return nil, i, false
	}
	for _, it := range items {
		if len(it.s) == 4 && atoi(it.s) >= 1900 && atoi(it.s) <= 2100 {
			return nil, i, false
		}
	}
	if _, ok := months[sc.t(n).low]; ok {
		return nil, i, false
	}
	if _, _, ok := sc.pinAt(n, false); ok || sc.lettersEnd(n) || sc.proseGoesOn(n) {
		return items, n, true
	}
	return nil, i, false
}

// scanBareKamerstukken reads the forms without a Kamerstuk keyword: the
// parenthesised "(35925-XVI, nr. 32)" of Handelingen and vote lists, and
// "35.673 EK B".
func (sc *scanner) scanBareKamerstukken() {
	for i := 0; i < len(sc.toks); i++ {
		if sc.used[i] {
			continue
		}
		if sc.p(i, "(") && sc.dossierStart(i+1) && sc.free(i+1, i+2) {
			c := kstCite{start: i + 1, compact: false, needNr: true}
			d, k, ok := sc.dossAt(i+1, false, false)
			if !ok {
				continue
			}
			m := k
			if sc.p(m, ",") {
				m++
			}
			if _, ok := sc.nrAt(m); !ok || len(d.ekLetters) > 0 {
				continue
			}
			if end, ok := sc.kstBody(&c, i+1, false); ok {
				i = end - 1
			}
			continue
		}
		// Handelingen: "Zij krijgt nr. 199 (31311)." names motie 199 of 31311.
		if n, ok := sc.nrAt(i); ok && sc.free(i, n) {
			items, k, bad := sc.numListAt(n, false, 4)
			if len(items) > 0 && !bad && sc.p(k, "(") {
				d, m, ok := sc.dossAt(k+1, false, false)
				if ok && sc.p(m, ")") && len(d.ekLetters) == 0 {
					for _, it := range items {
						sc.add(ID{Family: FamKamerstuk, Dossier: d.nr, Toevoeging: d.toev, Number: it.s}, i, m+1, "")
					}
					sc.use(i, m+1)
					i = m
					continue
				}
			}
		}
		if sc.dossierStart(i) {
			_, k, _ := sc.dossierNumAt(i, false)
			if sc.t(k).s == "EK" {
				// "35.673 EK B" names a paper; without letters it is nothing.
				c := kstCite{start: i, kamer: "ek", needNr: true}
				if end, ok := sc.kstBody(&c, i, false); ok {
					i = end - 1
				}
			}
		}
	}
}

// runningHeader reports whether tokens [i, end) end their line (a page
// number may follow) and the same words end a line more than once in the
// text: the running header or footer of a printed paper, repeated on every
// page. A footnote written in the same words stands once.
func (sc *scanner) runningHeader(i, end int) bool {
	n := sc.t(end)
	if !(end >= len(sc.toks) || n.nl > 0 || n.kind == tNum && (sc.t(end+1).nl > 0 || end+1 >= len(sc.toks))) {
		return false
	}
	line := sc.s[sc.t(i).lo:sc.t(end-1).hi]
	if strings.Contains(line, "\n") {
		return false
	}
	if sc.lineCount == nil {
		sc.lineCount = map[string]int{}
	}
	cnt, ok := sc.lineCount[line]
	if !ok {
		for off := 0; ; {
			k := strings.Index(sc.s[off:], line)
			if k < 0 {
				break
			}
			e := off + k + len(line)
			rest := sc.s[e:]
			if nl := strings.IndexByte(rest, '\n'); nl >= 0 {
				rest = rest[:nl]
			}
			if isPageNumber(strings.TrimSpace(rest)) {
				cnt++
			}
			off = e
		}
		sc.lineCount[line] = cnt
	}
	return cnt >= 2
}

func isPageNumber(s string) bool {
	return s == "" || isDigits(s) && len(s) <= 4
}

// colophonOf reports whether the one paper d, nums names is the id printed
// in the text's colophon ("kst-32545-143" above "ISSN 0921 - 7371"): then a
// "Tweede Kamer, vergaderjaar ..." line naming it is the paper's own footer.
func (sc *scanner) colophonOf(d doss, nums []numItem) bool {
	if len(nums) != 1 || sc.colophonIDs == nil {
		return false
	}
	return sc.colophonIDs[Format(ID{Family: FamKamerstuk, Dossier: d.nr, Toevoeging: d.toev, Number: nums[0].s})]
}

// nrFollows reports whether a number keyword stands at i, perhaps after a
// comma.
func (sc *scanner) nrFollows(i int) bool {
	if sc.p(i, ",") {
		i++
	}
	_, ok := sc.nrAt(i)
	return ok
}

// singleLetters reports whether the items may be Eerste Kamer letters after
// a bare comma ("35 447, F", "34430, AB"): one capital, or two starting
// with A–C (the letters run A…Z, AA…AZ, BA…); "NB" or "EU" after a comma
// are something else.
func singleLetters(items []numItem) bool {
	for _, it := range items {
		if len(it.s) == 2 && (it.s[0] < 'A' || it.s[0] > 'C') || len(it.s) > 2 {
			return false
		}
	}
	return true
}

package refs

import (
	"sort"
	"strings"
)

// Law articles (§10): "artikel 13b van de Opiumwet", "artikel 5:9, aanhef
// en onder b, Awb", "Artikel 5, lid 1 sub b juncto artikel 89, lid 1 AVG",
// "artikel 9 van Richtlijn (EU) 2016/680".

// lawTarget is what a law name resolves to: a family (bwb or celex) and the
// id within it. BW marks the Burgerlijk Wetboek, whose book comes from the
// article number.
type lawTarget struct {
	fam, value string
	bw         bool
}

type lawAlias struct {
	words []string
	fold  bool // compare case-insensitively (full names); abbreviations compare exactly
	t     lawTarget
}

// lawTable is the seed alias table of the grammar (§10.2). Never guess an
// id: a law that is not here yields nothing.
var lawTable = func() []lawAlias {
	bwb := func(v string) lawTarget { return lawTarget{fam: FamBWB, value: v} }
	rows := []struct {
		name string
		fold bool
		t    lawTarget
	}{
		{"Algemene wet bestuursrecht", true, bwb("BWBR0005537")},
		{"Awb", false, bwb("BWBR0005537")},
		{"Wetboek van Strafrecht", true, bwb("BWBR0001854")},
		{"Sr", false, bwb("BWBR0001854")},
		{"Wetboek van Strafvordering", true, bwb("BWBR0001903")},
		{"Sv", false, bwb("BWBR0001903")},
		{"Grondwet", true, bwb("BWBR0001840")},
		{"Gw", false, bwb("BWBR0001840")},
		{"Burgerlijk Wetboek", true, lawTarget{fam: FamBWB, bw: true}},
		{"BW", false, lawTarget{fam: FamBWB, bw: true}},
		{"Opiumwet", true, bwb("BWBR0001941")},
		{"Uitvoeringswet Algemene verordening gegevensbescherming", true, bwb("BWBR0040940")},
		{"UAVG", false, bwb("BWBR0040940")},
		{"Wet open overheid", true, bwb("BWBR0045754")},
		{"Woo", false, bwb("BWBR0045754")},
		{"Wet openbaarheid van bestuur", true, bwb("BWBR0005252")},
		{"Wob", false, bwb("BWBR0005252")},
		{"Wet bescherming persoonsgegevens", true, bwb("BWBR0011468")},
		{"Wbp", false, bwb("BWBR0011468")},
		{"Wet ter voorkoming van witwassen en financieren van terrorisme", true, bwb("BWBR0024282")},
		{"Wwft", false, bwb("BWBR0024282")},
		{"Vreemdelingenwet 2000", true, bwb("BWBR0011823")},
		{"Vw 2000", false, bwb("BWBR0011823")},
		{"Wet wapens en munitie", true, bwb("BWBR0008804")},
		{"WWM", false, bwb("BWBR0008804")},
		{"Participatiewet", true, bwb("BWBR0015703")},
		{"Wet werk en bijstand", true, bwb("BWBR0015703")},
		{"WWB", false, bwb("BWBR0015703")},
		{"Archiefwet 1995", true, bwb("BWBR0007376")},
		{"Wet marktordening gezondheidszorg", true, bwb("BWBR0020078")},
		{"Wmg", false, bwb("BWBR0020078")},
		{"Aanwijzingen voor de regelgeving", true, bwb("BWBR0005730")},
		{"EVRM", false, bwb("BWBV0001000")},
		{"Verdrag tot bescherming van de rechten van de mens en de fundamentele vrijheden", true, bwb("BWBV0001000")},
		{"Algemene verordening gegevensbescherming", true, lawTarget{fam: FamCELEX, value: "32016R0679"}},
		{"AVG", false, lawTarget{fam: FamCELEX, value: "32016R0679"}},
	}
	out := make([]lawAlias, 0, len(rows))
	for _, r := range rows {
		w := strings.Fields(r.name)
		if r.fold {
			for k := range w {
				w[k] = strings.ToLower(w[k])
			}
		}
		out = append(out, lawAlias{words: w, fold: r.fold, t: r.t})
	}
	sort.SliceStable(out, func(a, b int) bool { return len(out[a].words) > len(out[b].words) })
	return out
}()

// bwBooks maps a book of the Burgerlijk Wetboek to its BWB id.
var bwBooks = map[string]string{"1": "BWBR0002656", "2": "BWBR0003045", "3": "BWBR0005291", "6": "BWBR0005289"}

// lawNameAt matches a law name at token i.
func (sc *scanner) lawNameAt(i int) (lawTarget, int, bool) {
	for _, a := range lawTable {
		if sc.wordsAt(i, a.words, a.fold) {
			return a.t, i + len(a.words), true
		}
	}
	if sc.aliases != nil {
		// local aliases, longest first (at most four words)
		for n := 4; n >= 1; n-- {
			var ws []string
			for k := 0; k < n; k++ {
				t := sc.t(i + k)
				if t.kind != tWord && t.kind != tAlnum {
					ws = nil
					break
				}
				ws = append(ws, t.s)
			}
			if ws == nil {
				continue
			}
			if t, ok := sc.aliases[strings.Join(ws, " ")]; ok {
				return t, i + n, true
			}
		}
	}
	return lawTarget{}, i, false
}

func (sc *scanner) wordsAt(i int, words []string, fold bool) bool {
	for k, w := range words {
		t := sc.t(i + k)
		if t.kind == tPunct {
			return false
		}
		if fold {
			if t.low != w {
				return false
			}
			// a full name starts with a capital ("de Grondwet", not "grondwet"
			// inside a word list) except in the middle of the name
			if k == 0 && !startsUpper(t.s) {
				return false
			}
		} else if t.s != w {
			return false
		}
	}
	// the name must end there: "Woo" but not "Woo-verzoek"
	n := sc.t(i + len(words))
	if n.kind == tPunct && n.s == "-" && !n.sp && sc.t(i+len(words)+1).kind != tPunct && !sc.t(i+len(words)+1).sp {
		return false
	}
	return true
}

// lawAt reads LAW with its optional article words: "van de Opiumwet",
// "Awb", "van Richtlijn (EU) 2016/680", "van die wet".
func (sc *scanner) lawAt(i int, last *lawTarget) (lawTarget, int, int, bool) {
	j := i
	switch {
	case sc.is(j, "van", "uit") && sc.is(j+1, "de", "het"):
		j += 2
	case sc.is(j, "van", "uit", "der"):
		j++
	}
	if k, ok := sc.euRef[j]; ok {
		f := &sc.found[k]
		end := j
		for end < len(sc.toks) && sc.toks[end].hi <= f.hi {
			end++
		}
		return lawTarget{fam: FamCELEX, value: f.id.Value}, end, k, true
	}
	if sc.is(j, "die", "dezelfde") {
		// "van die wet", "van dezelfde wet": the last law of the sentence
		if sc.is(j+1, "wet") && last != nil && last.fam != "" {
			return *last, j + 2, -1, true
		}
		return lawTarget{}, i, -1, false
	}
	t, end, ok := sc.lawNameAt(j)
	if !ok {
		return lawTarget{}, i, -1, false
	}
	// "(hierna: Uitvoeringswet)", "(hierna: de Awb)" binds a local alias.
	if sc.p(end, "(") && sc.is(end+1, "hierna") {
		k := end + 2
		if sc.is(k, "te") && sc.is(k+1, "noemen") {
			k += 2
		}
		if sc.p(k, ":") {
			k++
			if sc.is(k, "de", "het") {
				k++
			}
			var ws []string
			m := k
			for m < k+4 && (sc.t(m).kind == tWord || sc.t(m).kind == tAlnum) {
				ws = append(ws, sc.t(m).s)
				m++
			}
			if len(ws) > 0 && sc.p(m, ")") {
				if sc.aliases == nil {
					sc.aliases = map[string]lawTarget{}
				}
				sc.aliases[strings.Join(ws, " ")] = t
			}
		}
	}
	return t, end, -1, true
}

// artNumAt reads an article number: "13b", "5:9", "6:162", "5.1", "1a".
func (sc *scanner) artNumAt(i int) (string, int, bool) {
	t := sc.t(i)
	if t.kind != tNum && t.kind != tAlnum || t.s[0] < '1' || t.s[0] > '9' {
		return "", i, false
	}
	if t.kind == tAlnum {
		k := 0
		for k < len(t.s) && t.s[k] >= '0' && t.s[k] <= '9' {
			k++
		}
		if len(t.s)-k > 2 || !isLowerASCII(t.s[k:]) {
			return "", i, false
		}
	}
	if len(t.s) > 6 {
		return "", i, false
	}
	s := t.s
	j := i + 1
	for (sc.p(j, ":") || sc.p(j, ".")) && !sc.t(j).sp && (sc.t(j+1).kind == tNum || sc.t(j+1).kind == tAlnum) && !sc.t(j+1).sp && len(s) < 12 {
		s += sc.t(j).s + sc.t(j+1).s
		j += 2
	}
	if sc.p(j, "°") && !sc.t(j).sp {
		j++
	}
	return strings.ToLower(s), j, true
}

func isLowerASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return s != ""
}

var ordinals = map[string]bool{
	"eerste": true, "tweede": true, "derde": true, "vierde": true, "vijfde": true, "zesde": true,
	"zevende": true, "achtste": true, "negende": true, "tiende": true, "elfde": true, "twaalfde": true,
	"dertiende": true, "veertiende": true, "vijftiende": true, "laatste": true,
}

// qualAt skips the qualifiers of an article: ", eerste lid", "lid 1",
// "sub b", "onder b", "aanhef en onder e", "onderdeel c", ", tweede volzin",
// "(oud)".
func (sc *scanner) qualAt(i int) int {
	j := i
	for {
		t := sc.t(j)
		switch {
		case t.s == "," && (ordinals[sc.t(j+1).low] || sc.is(j+1, "lid", "leden", "sub", "onder", "onderdeel", "onderdelen", "aanhef")):
			j++
		case t.s == "," && sc.lawStartsAt(j+1):
			return j + 1
		case ordinals[t.low] && sc.is(j+1, "lid", "leden", "volzin", "zin", "alinea"):
			j += 2
		case sc.is(j, "lid", "leden") && sc.t(j+1).kind == tNum:
			j += 2
			for (sc.is(j, "en") || sc.p(j, ",")) && sc.t(j+1).kind == tNum && len(sc.t(j+1).s) <= 2 {
				j += 2
			}
		case sc.is(j, "sub", "onder", "onderdeel", "onderdelen") && sc.qualValue(j+1):
			j += 2
			if sc.p(j, "°") {
				j++
			}
			// "onder 1°, 2°, 4° en 5°", "onderdelen b t/m d"
			for {
				m := j
				if r, ok := sc.rangeSep(m); ok && !sc.p(m, "-") {
					m = r
				} else if sc.p(m, ",") || sc.is(m, "en") {
					m++
				} else {
					break
				}
				if !sc.qualValue(m) || sc.t(m).kind == tNum && !sc.p(m+1, "°") {
					break
				}
				j = m + 1
				if sc.p(j, "°") {
					j++
				}
			}
		case sc.is(j, "aanhef"):
			j++
		case sc.is(j, "en") && sc.is(j+1, "onder", "sub", "onderdeel"):
			j++
		case sc.p(j, "(") && sc.is(j+1, "oud") && sc.p(j+2, ")"):
			j += 3
		default:
			return j
		}
	}
}

func (sc *scanner) qualValue(i int) bool {
	t := sc.t(i)
	switch t.kind {
	case tNum:
		return len(t.s) <= 2
	case tWord:
		return len(t.s) == 1 && t.s[0] >= 'a' && t.s[0] <= 'z'
	case tAlnum:
		return len(t.s) <= 3
	}
	return false
}

func (sc *scanner) lawStartsAt(i int) bool {
	var last lawTarget
	_, _, _, ok := sc.lawAt(i, &last)
	return ok
}

// headAt reads "artikel"/"artikelen"/"art." at i.
func (sc *scanner) headAt(i int) (int, bool) {
	if sc.is(i, "artikel", "artikelen") {
		return i + 1, true
	}
	if sc.is(i, "art") && sc.p(i+1, ".") {
		return i + 2, true
	}
	return i, false
}

type artHead struct {
	lo    int
	arts  []string
	law   lawTarget
	lawOK bool
	end   int // token after the law (or after the articles)
}

// scanLaw reads chains of article heads with their laws.
func (sc *scanner) scanLaw() {
	var last lawTarget
	lastUnit := -1
	for i := 0; i < len(sc.toks); i++ {
		if sc.used[i] {
			continue
		}
		j, ok := sc.headAt(i)
		if !ok {
			continue
		}
		if sc.unit[i] != lastUnit {
			last, lastUnit = lawTarget{}, sc.unit[i]
		}
		var heads []artHead
		var drops []int
		k := i
		for {
			h := artHead{lo: k}
			a, n, ok := sc.artNumAt(j)
			if !ok {
				break
			}
			h.arts = append(h.arts, a)
			for {
				m := n
				if r, ok := sc.rangeSep(m); ok {
					if a2, n2, ok2 := sc.artNumAt(r); ok2 {
						h.arts = append(h.arts, a2) // endpoints only
						n = n2
						continue
					}
					break
				}
				m, ok := sc.listSep(m)
				if !ok {
					break
				}
				a2, n2, ok2 := sc.artNumAt(m)
				if !ok2 {
					break
				}
				h.arts = append(h.arts, a2)
				n = n2
			}
			n = sc.qualAt(n)
			h.end = n
			if t, e, drop, ok := sc.lawAt(n, &last); ok {
				h.law, h.lawOK, h.end = t, true, e
				last = t
				if drop >= 0 {
					drops = append(drops, drop)
				}
				n = sc.qualAt(e)
			}
			heads = append(heads, h)
			// connector
			m := n
			switch {
			case sc.is(m, "juncto"):
				m++
			case sc.is(m, "jo") && sc.p(m+1, "."):
				m += 2
			case sc.is(m, "j") && sc.p(m+1, "°"):
				m += 2
			case sc.is(m, "in") && sc.is(m+1, "samenhang") && sc.is(m+2, "met"):
				m += 3
			case sc.is(m, "en") || sc.p(m, ","):
				m++
			default:
				m = -1
			}
			if m < 0 {
				break
			}
			j2, ok := sc.headAt(m)
			if !ok {
				break
			}
			k, j = m, j2
		}
		if len(heads) == 0 {
			continue
		}
		// back-propagation of the last law
		end := heads[len(heads)-1].end
		emitted := false
		var carry *artHead
		for k := len(heads) - 1; k >= 0; k-- {
			if heads[k].lawOK {
				carry = &heads[k]
			} else if carry != nil {
				heads[k].law, heads[k].lawOK, heads[k].end = carry.law, true, carry.end
			}
		}
		for _, h := range heads {
			law, lawEnd := h.law, h.end
			if !h.lawOK {
				continue
			}
			for _, a := range h.arts {
				id := ID{Family: law.fam, Value: law.value, Article: a}
				if law.bw {
					book, art, ok := strings.Cut(a, ":")
					if !ok || bwBooks[book] == "" {
						continue
					}
					id.Value, id.Article = bwBooks[book], art
				}
				if sc.add(id, h.lo, lawEnd, "") >= 0 {
					emitted = true
				}
			}
		}
		if emitted {
			for _, d := range drops {
				sc.found[d].drop = true
			}
			sc.use(i, end)
		}
		if end > i {
			i = end - 1
		}
	}
}

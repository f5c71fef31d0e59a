package refs

import "strconv"

// EU legislation named by number (§9): "Verordening (EU) 2016/679",
// "Richtlijn 95/46/EG", "Verordening (EG) nr. 1907/2006", "Kaderbesluit
// 2002/584/JBZ".

// euType maps the act word to the CELEX type letter.
var euType = map[string]byte{
	"verordening": 'R', "uitvoeringsverordening": 'R',
	"richtlijn": 'L', "uitvoeringsrichtlijn": 'L',
	"besluit": 'D', "uitvoeringsbesluit": 'D',
	"kaderbesluit": 'F',
}

var euSuffix = map[string]bool{"EG": true, "EEG": true, "EU": true, "JBZ": true, "GBVB": true, "EGKS": true}

// euPlural maps the plural act words ("Richtlijnen 2014/24/EU en
// 2014/25/EU") to their singular.
var euPlural = map[string]string{
	"verordeningen": "verordening", "richtlijnen": "richtlijn", "besluiten": "besluit",
	"uitvoeringsverordeningen": "uitvoeringsverordening", "kaderbesluiten": "kaderbesluit",
}

// euAt reads an EU act at token i and returns its CELEX id and the index
// after it.
func (sc *scanner) euAt(i int) (ID, int, bool) {
	w := sc.t(i).low
	if s, ok := euPlural[w]; ok {
		w = s
	}
	typ, ok := euType[w]
	if !ok {
		return ID{}, i, false
	}
	j := i + 1
	marked := false
	if sc.p(j, "(") {
		k := j + 1
		for k < j+6 && !sc.p(k, ")") {
			w := sc.t(k).s
			if w != "EU" && w != "EG" && w != "EEG" && w != "Euratom" && w != "GBVB" && w != "," {
				break
			}
			k++
		}
		if sc.p(k, ")") && k > j+1 {
			marked = true
			j = k + 1
		}
	}
	id, e, ok := sc.euNumAt(i, j, typ, marked)
	if !ok {
		return ID{}, i, false
	}
	return id, e, true
}

// euNumAt reads the number part of an EU act at j ("(EU) 2016/679",
// "nr. 1907/2006", "95/46/EG") for an act of type typ; head is the act
// word's token, for diagnostics.
func (sc *scanner) euNumAt(head, j int, typ byte, marked bool) (ID, int, bool) {
	i := head
	nr := false
	if n, ok := sc.nrAt(j); ok {
		nr, j = true, n
	}
	a, sl, b := sc.t(j), sc.t(j+1), sc.t(j+2)
	if a.kind != tNum || sl.s != "/" || sl.sp || b.kind != tNum || b.sp {
		return ID{}, i, false
	}
	j += 3
	suffix := ""
	if sc.p(j, "/") && !sc.t(j).sp && euSuffix[sc.t(j+1).s] && !sc.t(j+1).sp {
		suffix = sc.t(j + 1).s
		j += 2
	}
	if sc.gluedNumber(j) || sc.p(j, "/") && !sc.t(j).sp {
		return ID{}, i, false
	}
	yearOf := func(s string) int {
		switch len(s) {
		case 4:
			y := atoi(s)
			if y >= 1950 && y <= 2100 {
				return y
			}
		case 2:
			if y := atoi(s); y >= 50 {
				return 1900 + y
			}
		}
		return 0
	}
	var year, num int
	if !marked && suffix == "" {
		// "Verordening nr. 12/2021" of a municipality, "verordening
		// 2021/22" (a vergaderjaar): without (EU)/(EG) or /EG nothing says
		// that this is an EU act.
		if nr {
			return ID{}, i, false
		}
		if x, y := atoi(a.s), atoi(b.s); len(a.s) == 4 && (len(b.s) == 2 && y == (x+1)%100 || len(b.s) == 4 && y == x+1) {
			return ID{}, i, false
		}
	}
	switch {
	case nr:
		year, num = yearOf(b.s), atoi(a.s)
	case suffix != "":
		year, num = yearOf(a.s), atoi(b.s)
	case marked && sc.t(head+2).s == "EU":
		year, num = yearOf(a.s), atoi(b.s)
	case typ == 'D' && !marked:
		return ID{}, i, false
	default:
		if y := yearOf(a.s); y >= 2015 && len(a.s) == 4 {
			year, num = y, atoi(b.s)
		} else if y := yearOf(b.s); y != 0 {
			year, num = y, atoi(a.s)
		}
	}
	if year == 0 || num <= 0 || num > 9999 || len(a.s) > 4 || len(b.s) > 4 {
		if len(a.s) > 4 || len(b.s) > 4 {
			sc.diag(i, j, "EU act number too long (footnote marker glued?)")
		}
		return ID{}, i, false
	}
	return ID{Family: FamCELEX, Value: "3" + strconv.Itoa(year) + string(typ) + pad4(num)}, j, true
}

// scanEU records every EU act named by number.
func (sc *scanner) scanEU() {
	for i := 0; i < len(sc.toks); i++ {
		if sc.used[i] {
			continue
		}
		id, end, ok := sc.euAt(i)
		if !ok || !sc.free(i, end) {
			continue
		}
		start := i
		if sc.is(i-1, "gedelegeerde", "gedelegeerd") && !sc.used[i-1] {
			start = i - 1
		}
		if k := sc.add(id, start, end, ""); k >= 0 {
			sc.euAt2(start, i, k)
		}
		sc.use(start, end)
		// "Richtlijnen 2014/24/EU en 2014/25/EU"
		if _, plural := euPlural[sc.t(i).low]; plural {
			typ := euType[euPlural[sc.t(i).low]]
			marked := sc.p(i+1, "(")
			for sc.p(end, ",") || sc.is(end, "en") {
				id2, e2, ok := sc.euNumAt(i, end+1, typ, marked)
				if !ok || !sc.free(end+1, e2) {
					break
				}
				sc.add(id2, end+1, e2, "")
				sc.use(end, e2)
				end = e2
			}
		}
		i = end - 1
	}
}

func (sc *scanner) euAt2(start, head, k int) {
	sc.euRef[start] = k
	sc.euRef[head] = k
}

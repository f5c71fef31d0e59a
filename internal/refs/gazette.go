package refs

import "strconv"

// Official gazettes (§7): Staatsblad, Staatscourant, Tractatenblad and the
// decentral gazettes.

// gazetteAt reads a gazette keyword at i and returns its family and the
// index after it.
func (sc *scanner) gazetteAt(i int) (string, int) {
	t := sc.t(i)
	dot := sc.p(i+1, ".")
	switch t.low {
	case "staatsblad":
		return FamStb, i + 1
	case "staatscourant":
		return FamStcrt, i + 1
	case "tractatenblad":
		return FamTrb, i + 1
	case "gemeenteblad":
		return FamGmb, i + 1
	case "waterschapsblad":
		return FamWsb, i + 1
	case "provinciaalblad":
		return FamPrb, i + 1
	case "provinciaal":
		if sc.is(i+1, "blad") {
			return FamPrb, i + 2
		}
	case "blad":
		if t.s == "Blad" && sc.is(i+1, "gemeenschappelijke") && sc.is(i+2, "regeling") {
			return FamBgr, i + 3
		}
	}
	// "Stb 2019, 33": without its full stop only before a year and a comma
	noDot := !dot && sc.t(i+1).kind == tNum && len(sc.t(i+1).s) == 4 && sc.p(i+2, ",")
	if (dot || noDot) && t.kind == tWord && startsUpper(t.s) {
		n := 2
		if noDot {
			n = 1
		}
		if fam, ok := map[string]string{"stb": FamStb, "stcrt": FamStcrt, "trb": FamTrb, "gmb": FamGmb, "prb": FamPrb, "wsb": FamWsb}[t.low]; ok {
			return fam, i + n
		}
	}
	return "", i
}

// scanGazettes reads "Stb. 2021, 123", "Staatsblad 2021, nr. 123",
// "Stb. 2021, 123 en 124", "Staatscourant van 16 juni 2005, nr. 114",
// "(Trb. 2007, 169 en Trb. 2014, 113)" and "wet van 7 juni 2006, Stb. 330"
// (year from the date in the same clause).
func (sc *scanner) scanGazettes() {
	for i := 0; i < len(sc.toks); i++ {
		if sc.used[i] {
			continue
		}
		fam, j := sc.gazetteAt(i)
		if fam == "" {
			continue
		}
		year := ""
		inferred := false
		k := j
		if sc.is(k, "van") {
			if d, e, ok := sc.dateAt(k + 1); ok {
				year, k = strconv.Itoa(d.Year()), e
			} else if y := sc.t(k + 1); y.kind == tNum && len(y.s) == 4 && atoi(y.s) >= 1800 && atoi(y.s) <= 2100 && (sc.p(k+2, ",") || sc.is(k+2, "nr")) {
				// "Staatsblad van 2019, nr. 33"
				year, k = y.s, k+2
			}
		} else if t := sc.t(k); t.kind == tNum && len(t.s) == 4 && atoi(t.s) >= 1800 && atoi(t.s) <= 2100 && (sc.p(k+1, ",") || sc.is(k+1, "nr") || sc.p(k+1, "/")) {
			year, k = t.s, k+1
		} else if t.kind == tNum && len(t.s) <= 6 && !sc.gluedNumber(k+1) {
			// "wet van 7 juni 2006, Stb. 330": year from the clause's date.
			if y := sc.clauseYear(i); y != "" {
				year, inferred = y, true
			}
		}
		if year == "" {
			continue
		}
		if !inferred {
			if sc.p(k, ",") || sc.p(k, "/") {
				k++
			}
			if n, ok := sc.nrAt(k); ok {
				k = n
			}
		}
		items, end, _ := sc.numListAt(k, false, 7)
		if len(items) == 0 {
			continue
		}
		sc.use(i, end)
		for _, it := range items {
			sc.add(ID{Family: fam, Year: year, Number: it.s}, i, it.hi, "")
		}
		if inferred {
			sc.diag(i, end, "year_inferred")
		}
		i = end - 1
	}
}

// clauseYear looks back from token i, within the clause, for a date
// ("wet van 7 juni 2006, Stb. 330") and returns its year.
func (sc *scanner) clauseYear(i int) string {
	for k := i - 1; k >= 0 && k >= i-8; k-- {
		t := sc.toks[k]
		if t.kind == tPunct && (t.s == "." || t.s == ";" || t.s == "(" || t.s == ")") {
			return ""
		}
		if _, ok := months[t.low]; ok {
			if d, _, ok := sc.dateAt(k - 1); ok {
				return strconv.Itoa(d.Year())
			}
		}
	}
	return ""
}

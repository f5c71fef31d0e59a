package refs

import (
	"strconv"
	"time"
)

// This file holds the pieces of grammar that several forms share:
// vergaderjaar, Kamer, dates, number keywords, number lists and pinpoints.
// Each function takes a token index and returns the index after what it
// read; none of them consumes tokens.

// vjAt reads a vergaderjaar at token i: "2021/22", "2021/2022",
// "2021-2022", "2021 – 2022", "20212022". shape reports that something
// vergaderjaar-shaped stands there; ok that it is a possible one (the second
// year follows the first).
func (sc *scanner) vjAt(i int) (vj8 string, next int, shape, ok bool) {
	t := sc.t(i)
	if t.kind != tNum {
		return "", i, false, false
	}
	if len(t.s) == 8 {
		a, b := atoi(t.s[:4]), atoi(t.s[4:])
		if a < 1800 || a > 2100 {
			return "", i, false, false
		}
		return t.s, i + 1, true, b == a+1
	}
	if len(t.s) != 4 {
		return "", i, false, false
	}
	a := atoi(t.s)
	if a < 1800 || a > 2100 {
		return "", i, false, false
	}
	sep := sc.t(i + 1)
	if sep.kind != tPunct || sep.s != "/" && sep.s != "-" {
		return "", i, false, false
	}
	if sep.s == "/" && (sep.sp || sc.t(i+2).sp) {
		return "", i, false, false
	}
	u := sc.t(i + 2)
	if u.kind != tNum || len(u.s) != 2 && len(u.s) != 4 || u.nl > 0 {
		return "", i, false, false
	}
	// "2021-2022-..." or "2021/22/33" are something else.
	if n := sc.t(i + 3); n.kind == tPunct && (n.s == "/" || n.s == "-") && !n.sp && sc.t(i+4).kind == tNum && !sc.t(i+4).sp {
		if _, _, sh, _ := sc.vjAt(i + 4); !sh || n.s == "/" {
			return "", i, false, false
		}
	}
	b := atoi(u.s)
	full := b
	if len(u.s) == 2 {
		full = (a/100)*100 + b
		if b < a%100 {
			full += 100
		}
		ok = b == (a+1)%100
	} else {
		ok = b == a+1
	}
	return t.s + pad4(full), i + 3, true, ok
}

func pad4(n int) string {
	s := strconv.Itoa(n)
	for len(s) < 4 {
		s = "0" + s
	}
	return s
}

// vjListAt reads one or more vergaderjaren: a single one, a range
// ("1993/94-1996/97") or a list ("1999/2000, 2000/2001"). vj8 is set only
// for a single possible vergaderjaar; bad reports an impossible one.
func (sc *scanner) vjListAt(i int) (vj8 string, next int, shape, bad bool) {
	v, j, sh, ok := sc.vjAt(i)
	if !sh {
		return "", i, false, false
	}
	if !ok {
		sc.diag(i, j, "impossible vergaderjaar")
		bad = true
	}
	count := 1
	for {
		k := j
		if sc.p(k, "-") || sc.p(k, ",") {
			k++
		} else {
			break
		}
		_, k2, sh2, ok2 := sc.vjAt(k)
		if !sh2 {
			break
		}
		if !ok2 {
			sc.diag(k, k2, "impossible vergaderjaar")
			bad = true
		}
		count++
		j = k2
	}
	if count == 1 && ok {
		vj8 = v
	}
	return vj8, j, true, bad
}

// kamerAt reads a Kamer indicator: II, TK, Tweede Kamer → tk; I, EK,
// Eerste Kamer → ek; VV, Verenigde Vergadering → vv.
func (sc *scanner) kamerAt(i int) (k string, next int) {
	t := sc.t(i)
	switch t.s {
	case "II", "TK":
		return "tk", i + 1
	case "I", "EK":
		return "ek", i + 1
	case "ll", "Il", "lI":
		// "Kamerstukken ll": II as a text layer sometimes renders it
		if sc.is(i-1, "kamerstuk", "kamerstukken", "handelingen") {
			return "tk", i + 1
		}
	case "VV":
		return "vv", i + 1
	}
	if t.low == "tweede" && sc.is(i+1, "kamer") {
		return "tk", i + 2
	}
	if t.low == "eerste" && sc.is(i+1, "kamer") {
		return "ek", i + 2
	}
	if t.low == "verenigde" && sc.is(i+1, "vergadering") {
		return "vv", i + 2
	}
	return "", i
}

var months = map[string]time.Month{
	"januari": 1, "februari": 2, "maart": 3, "april": 4, "mei": 5, "juni": 6, "juli": 7,
	"augustus": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
}

// dateAt reads a date "23 juni 2009".
func (sc *scanner) dateAt(i int) (d time.Time, next int, ok bool) {
	day := atoi(sc.t(i).s)
	m, okm := months[sc.t(i+1).low]
	y := sc.t(i + 2)
	if sc.t(i).kind != tNum || day < 1 || day > 31 || !okm || y.kind != tNum || len(y.s) != 4 {
		return time.Time{}, i, false
	}
	yr := atoi(y.s)
	if yr < 1800 || yr > 2100 {
		return time.Time{}, i, false
	}
	return time.Date(yr, m, day, 0, 0, 0, 0, time.UTC), i + 3, true
}

// vjOfDate returns the vergaderjaar containing d: a vergaderjaar starts on
// the third Tuesday of September.
func vjOfDate(d time.Time) string {
	y := d.Year()
	sep1 := time.Date(y, time.September, 1, 0, 0, 0, 0, time.UTC)
	off := (int(time.Tuesday) - int(sep1.Weekday()) + 7) % 7
	prinsjesdag := sep1.AddDate(0, 0, off+14)
	if d.Before(prinsjesdag) {
		return strconv.Itoa(y-1) + strconv.Itoa(y)
	}
	return strconv.Itoa(y) + strconv.Itoa(y+1)
}

// nrAt reads a number keyword: nr, nr., Nr., nr:, nrs., nummer, nummers,
// optionally preceded by "stuk".
func (sc *scanner) nrAt(i int) (next int, ok bool) {
	if sc.is(i, "stuk", "stukken") && sc.t(i+1).kind == tWord {
		i++
	}
	if !sc.is(i, "nr", "nrs", "nummer", "nummers", "no") {
		return i, false
	}
	if sc.is(i, "no") && !sc.p(i+1, ".") {
		return i, false
	}
	if sc.p(i+1, ".") || sc.p(i+1, ":") {
		return i + 2, true
	}
	return i + 1, true
}

// numItem is one number of a list, with the tokens it came from.
type numItem struct {
	s      string
	lo, hi int // token range [lo, hi)
}

// numAt reads one ondernummer-like number at i: 1–4 digits with an optional
// lower-case letter ("188b"), or with letters allowed one or two capitals
// (Eerste Kamer letters).
func (sc *scanner) numAt(i int, letters bool, maxDigits int) (string, bool) {
	t := sc.t(i)
	switch t.kind {
	case tNum:
		if len(t.s) > maxDigits || t.s[0] == '0' {
			return "", false
		}
	case tAlnum:
		n := len(t.s)
		if n < 2 || n-1 > maxDigits || t.s[0] == '0' || !isDigits(t.s[:n-1]) || t.s[n-1] < 'a' || t.s[n-1] > 'z' {
			return "", false
		}
	case tWord:
		if !letters || len(t.s) > 2 || !isUpperWord(t.s) {
			return "", false
		}
		// "EU-landen" is not a paper letter
		// (a range "A-C" goes on with a single letter)
		if n, m := sc.t(i+1), sc.t(i+2); n.s == "-" && !n.sp && m.kind != tPunct && !m.sp && !(m.kind == tWord && len(m.s) == 1) {
			return "", false
		}
	default:
		return "", false
	}
	// A number glued to what follows is something else: "1907/2006",
	// "3.1", "2021-000123".
	n := sc.t(i + 1)
	if n.kind == tPunct && !n.sp && (n.s == "/" || n.s == "." || n.s == ":" || n.s == ",") && sc.t(i+2).kind == tNum && !sc.t(i+2).sp {
		return "", false
	}
	if n.kind != tPunct && !n.sp && n.lo < len(sc.s) {
		return "", false
	}
	return t.s, true
}

// numListAt reads a list of numbers: "308, 319 en 327", "12-15",
// "200 tot en met 202", "A–C", "5 e.v.". It stops before anything that
// starts a new dossier or a pinpoint. bad reports a malformed range.
func (sc *scanner) numListAt(i int, letters bool, maxDigits int) (items []numItem, next int, bad bool) {
	s, ok := sc.numAt(i, letters, maxDigits)
	if !ok {
		return nil, i, false
	}
	items = append(items, numItem{s, i, i + 1})
	j := i + 1
	for {
		// range
		if k, ok := sc.rangeSep(j); ok {
			hi, ok2 := sc.numAt(k, letters, maxDigits)
			if !ok2 {
				return items, j, true
			}
			last := items[len(items)-1]
			exp, okr := sc.expand(last.s, hi)
			if !okr {
				return items, j, true
			}
			if atoi(last.s) > 0 && atoi(hi)-atoi(last.s) > 50 {
				sc.diag(last.lo, k+1, "range_truncated")
			}
			for _, e := range exp {
				items = append(items, numItem{e, last.lo, k + 1})
			}
			j = k + 1
			continue
		}
		// e.v.
		if sc.is(j, "e") && sc.p(j+1, ".") && sc.is(j+2, "v") {
			j += 3
			if sc.p(j, ".") {
				j++
			}
			break
		}
		k, ok := sc.listSep(j)
		if !ok {
			return items, j, false
		}
		if sc.dossierStart(k) {
			return items, j, false
		}
		s, ok := sc.numAt(k, letters, maxDigits)
		if !ok || isDigitByte(s[0]) != isDigitByte(items[0].s[0]) {
			// a list does not mix numbers and Eerste Kamer letters
			return items, j, false
		}
		// "nr. 12, 2021" is not a list of numbers.
		if sc.t(k).kind == tNum && len(s) == 4 && atoi(s) >= 1900 && atoi(s) <= 2100 && len(items) == 1 && atoi(items[0].s) < 1000 {
			return items, j, false
		}
		items = append(items, numItem{s, k, k + 1})
		j = k + 1
	}
	return items, j, false
}

// rangeSep reads a range separator at j: "-", "t/m", "tot en met".
func (sc *scanner) rangeSep(j int) (int, bool) {
	switch {
	case sc.p(j, "-"):
		return j + 1, true
	case sc.is(j, "t") && sc.p(j+1, "/") && sc.is(j+2, "m"):
		return j + 3, true
	case sc.is(j, "tot") && sc.is(j+1, "en") && sc.is(j+2, "met"):
		return j + 3, true
	}
	return j, false
}

// expand turns a range into its members: every integer when it holds at
// most 51 numbers, else the two endpoints; single capitals alphabetically.
func (sc *scanner) expand(lo, hi string) ([]string, bool) {
	a, b := atoi(lo), atoi(hi)
	if a > 0 && b > 0 {
		if b <= a {
			return nil, false
		}
		if b-a > 50 {
			return []string{hi}, true
		}
		var out []string
		for k := a + 1; k <= b; k++ {
			out = append(out, strconv.Itoa(k))
		}
		return out, true
	}
	if len(lo) == 1 && len(hi) == 1 && isUpperWord(lo) && isUpperWord(hi) && hi[0] > lo[0] && hi[0]-lo[0] <= 25 {
		var out []string
		for c := lo[0] + 1; c <= hi[0]; c++ {
			out = append(out, string(c))
		}
		return out, true
	}
	return nil, false
}

// pinKeywords open a pinpoint: a place inside the cited document.
var pinKeywords = map[string]bool{
	"p": true, "pp": true, "pag": true, "blz": true, "bladzijde": true, "bladzijden": true,
	"par": true, "paragraaf": true, "§": true, "bijlage": true, "noot": true, "voetnoot": true,
	"lid": true, "onder": true, "sub": true, "hoofdstuk": true, "item": true, "items": true,
	"r": true, "punt": true,
}

// pinAt reads a pinpoint at i ("p. 12-14", "p. 3, 5 en 7", "par. 4.2",
// "r.o. 4.3"), with an optional comma before it. It returns the pinpoint
// text and the index after it.
func (sc *scanner) pinAt(i int, allowItem bool) (pin string, next int, ok bool) {
	j := i
	if sc.p(j, ",") {
		j++
	}
	kw := sc.t(j)
	if !pinKeywords[kw.low] || !allowItem && (kw.low == "item" || kw.low == "items") {
		return "", i, false
	}
	if kw.low == "r" && !(sc.p(j+1, ".") && sc.is(j+2, "o")) {
		return "", i, false
	}
	start := j
	k := j + 1
	if kw.low == "r" {
		k = j + 3
	}
	if sc.p(k, ".") {
		k++
	}
	// bijlage without a number ("bijlage bij") is not a pinpoint.
	tk := sc.t(k)
	if tk.kind != tNum && tk.kind != tAlnum && !(tk.kind == tWord && len(tk.s) == 1) {
		return "", i, false
	}
	end := k + 1
	k++
	for {
		switch {
		case (sc.p(k, ".") || sc.p(k, ":")) && sc.t(k+1).kind == tNum && !sc.t(k+1).sp:
			k += 2
			end = k
			continue
		case sc.p(k, "-") && sc.t(k+1).kind == tNum:
			k += 2
			end = k
			continue
		case sc.is(k, "e") && sc.p(k+1, ".") && sc.is(k+2, "v"):
			k += 3
			if sc.p(k, ".") {
				k++
			}
			end = k
		case (sc.p(k, ",") || sc.is(k, "en")) && sc.t(k+1).kind == tNum && !sc.dossierStart(k+1):
			k += 2
			end = k
			continue
		}
		break
	}
	lo, hi := sc.t(start).lo, sc.t(end-1).hi
	return collapse(sc.s[lo:hi]), end, true
}

// collapse turns whitespace runs into one space.
func collapse(s string) string {
	b := make([]byte, 0, len(s))
	sp := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == ' ' || c == '\n' {
			sp = true
			continue
		}
		if sp && len(b) > 0 {
			b = append(b, ' ')
		}
		sp = false
		b = append(b, c)
	}
	return string(b)
}

// listSep reports whether a list separator (", en", "," or "en") starts at
// token i, and returns the index of the token after it.
func (sc *scanner) listSep(i int) (next int, ok bool) {
	switch {
	case sc.p(i, ",") && sc.is(i+1, "en"):
		return i + 2, true
	case sc.p(i, ",") || sc.is(i, "en"):
		return i + 1, true
	}
	return i, false
}

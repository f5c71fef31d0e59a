package refs

// Short forms (§12): "nr. 9", "nrs. 12 en 15", "op stuk nrs. 12 en 15",
// "idem, nr. 320" without a dossier resolve to the nearest explicit dossier
// before them in the same unit, else the first one after them in the same
// unit; without one they yield nothing.

func (sc *scanner) scanShortForms() {
	// antecedents per unit, in text order
	type ante struct {
		lo      int
		dossier string
		toev    string
	}
	byUnit := map[int][]ante{}
	for _, f := range sc.found {
		if f.drop || !f.antec || f.id.Vergaderjaar != "" {
			continue
		}
		k := sc.tokAt(f.lo)
		if k < 0 {
			continue
		}
		u := sc.unit[k]
		byUnit[u] = append(byUnit[u], ante{f.lo, f.id.Dossier, f.id.Toevoeging})
	}
	for i := 0; i < len(sc.toks); i++ {
		if sc.used[i] {
			continue
		}
		start := i
		j := i
		if sc.is(j, "idem") || sc.is(j, "id") && sc.p(j+1, ".") {
			if sc.is(j, "id") {
				j++
			}
			j++
			if sc.p(j, ",") {
				j++
			}
		}
		n, ok := sc.nrAt(j)
		if !ok || sc.is(j, "no") || !sc.free(start, n) {
			continue
		}
		// "bijlage nr. 3", "kenmerk nr. 12": a number of something else.
		if start == j && (notPaperNr[sc.t(j-1).low] || sc.p(j-1, ".") && notPaperNr[sc.t(j-2).low]) {
			continue
		}
		// "36 200 XII, nr. 9": the number belongs to the dossier written
		// right before it, which no recogniser took; never to an earlier one.
		if start == j && sc.dossierEndsAt(j) {
			continue
		}
		// "Nr. 337" as a heading line of a printed paper is the paper's own
		// number, not a citation.
		if sc.t(j).s == "Nr" && sc.t(j).nl > 0 {
			continue
		}
		items, end, bad := sc.numListAt(n, true, 4)
		if len(items) == 0 || bad || !sc.free(n, end) {
			continue
		}
		// "nr. 3, item 2" belongs to Handelingen; "nr. 12/2021" to something else
		if sc.is(end, "item", "items") || sc.p(end, ",") && sc.is(end+1, "item", "items") {
			continue
		}
		u := sc.unit[start]
		var d *ante
		for k := len(byUnit[u]) - 1; k >= 0; k-- {
			if byUnit[u][k].lo < sc.toks[start].lo {
				d = &byUnit[u][k]
				break
			}
		}
		if d == nil {
			for k := range byUnit[u] {
				if byUnit[u][k].lo > sc.toks[start].lo {
					d = &byUnit[u][k]
					break
				}
			}
		}
		if d == nil {
			continue
		}
		sc.use(start, end)
		for _, it := range items {
			sc.add(ID{Family: FamKamerstuk, Dossier: d.dossier, Toevoeging: d.toev, Number: it.s}, start, it.hi, "")
		}
		i = end - 1
	}
}

// tokAt returns the index of the token that starts at byte lo of the
// normalised text, or -1.
func (sc *scanner) tokAt(lo int) int {
	a, b := 0, len(sc.toks)
	for a < b {
		m := (a + b) / 2
		if sc.toks[m].lo < lo {
			a = m + 1
		} else {
			b = m
		}
	}
	if a < len(sc.toks) && sc.toks[a].lo == lo {
		return a
	}
	return -1
}

// notPaperNr are words after which "nr." numbers something that is not a
// parliamentary paper.
var notPaperNr = map[string]bool{
	"bijlage": true, "bijlagen": true, "bijl": true, "kenmerk": true, "zaak": true, "document": true,
	"registratie": true, "artikel": true, "art": true, "item": true, "punt": true, "vraag": true,
	"vragen": true, "noot": true, "voetnoot": true, "hoofdstuk": true, "paragraaf": true,
	"versie": true, "jaargang": true, "editie": true, "uitgave": true, "besluit": true,
	"beschikking": true, "aanvraag": true, "rapport": true, "factuur": true, "project": true,
	"lijst": true, "tabel": true, "figuur": true, "huis": true, "telefoon": true, "pagina": true,
	"blz": true, "p": true, "verordening": true, "richtlijn": true, "regeling": true, "stb": true,
	"stcrt": true, "trb": true, "kabinetsmissive": true, "missive": true, "advies": true,
	"zaaknummer": true, "brief": true, "bericht": true, "actiepunt": true, "agendapunt": true,
}

// dossierEndsAt reports whether a dossier number, with its toevoeging and
// perhaps a comma, ends right before token j.
func (sc *scanner) dossierEndsAt(j int) bool {
	for k := j - 1; k >= 0 && k >= j-5; k-- {
		if _, end, ok := sc.dossAt(k, false, false); ok && (end == j || end == j-1 && sc.p(j-1, ",")) {
			return true
		}
	}
	return false
}

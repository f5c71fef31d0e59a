package refs

// Handelingen (§5) and Aanhangsel Handelingen (§6).

// kamerVJAt reads the part shared by both: an optional Kamer, optional
// commas, an optional "vergaderjaar" and a vergaderjaar (or a date). It
// returns the Kamer ("" when none was given), vj8, and ok=false when no
// vergaderjaar stands there; bad when it is impossible.
func (sc *scanner) kamerVJAt(j int) (kamer, vj string, next int, ok, bad bool) {
	kamer, j = sc.kamerAt(j)
	if sc.p(j, ",") {
		j++
	}
	if sc.is(j, "vergaderjaar") {
		j++
	}
	if v, k, sh, okv := sc.vjAt(j); sh {
		if !okv {
			sc.diag(j, k, "impossible vergaderjaar")
			return kamer, "", k, true, true
		}
		return kamer, v, k, true, false
	}
	if d, k, okd := sc.dateAt(j); okd {
		return kamer, vjOfDate(d), k, true, false
	}
	return kamer, "", j, false, false
}

func (sc *scanner) defKamer(k string) string {
	if k == "" {
		return sc.kamer
	}
	return k
}

// scanAanhangsel reads "Aanhangsel Handelingen II 2020/21, nr. 2348",
// "Aanh. Hand. II 2019/20, nr. 3012", "Aanhangsel Handelingen, vergaderjaar
// 2024–2025, nrs. 1016 en 1044".
func (sc *scanner) scanAanhangsel() {
	for i := 0; i < len(sc.toks); i++ {
		if sc.used[i] {
			continue
		}
		j := -1
		switch {
		case sc.is(i, "aanhangsel"):
			j = i + 1
			if sc.is(j, "bij", "van") && sc.is(j+1, "de") {
				j += 2
			}
		case sc.is(i, "aanh") && sc.p(i+1, "."):
			j = i + 2
		default:
			continue
		}
		switch {
		case sc.is(j, "handelingen"):
			j++
		case sc.is(j, "hand") && sc.p(j+1, "."):
			j += 2
		default:
			continue
		}
		kamer, vj, k, ok, bad := sc.kamerVJAt(j)
		if !ok || kamer == "vv" {
			continue
		}
		if sc.p(k, ",") {
			k++
		}
		n, okn := sc.nrAt(k)
		if !okn {
			// "Zie ook Aanhangsel Handelingen, vergaderjaar 2023–2024, 1028"
			if !sc.p(k-1, ",") || sc.t(k).kind != tNum {
				continue
			}
			n = k
		}
		items, end, _ := sc.numListAt(n, false, 5)
		if len(items) == 0 {
			continue
		}
		// "nr. 1234 en nr. 1235"
		for sc.is(end, "en") || sc.p(end, ",") {
			n2, ok := sc.nrAt(end + 1)
			if !ok {
				break
			}
			more, e2, _ := sc.numListAt(n2, false, 5)
			if len(more) == 0 {
				break
			}
			items, end = append(items, more...), e2
		}
		sc.use(i, end)
		if bad {
			i = end - 1
			continue
		}
		pin, e2, okp := sc.pinAt(end, false)
		for _, it := range items {
			p := ""
			if okp {
				p = pin
			}
			sc.add(ID{Family: FamAanhangsel, Kamer: sc.defKamer(kamer), Vergaderjaar: vj, Number: it.s}, i, it.hi, p)
		}
		if okp {
			sc.use(end, e2)
			end = e2
		}
		i = end - 1
	}
}

// scanHandelingen reads "Handelingen II 2021/22, nr. 3, items 2 en 5",
// "Hand. II 2019/20, nr. 62, item 8, p. 3", "Handelingen II 2007/08, nr.
// 108, p. 7909-7943", "Handelingen II 1999/2000, p. 4567", "Handelingen I
// 23 juni 2009, 36–1624".
func (sc *scanner) scanHandelingen() {
	for i := 0; i < len(sc.toks); i++ {
		if sc.used[i] {
			continue
		}
		j := -1
		switch {
		case sc.is(i, "handelingen"):
			j = i + 1
		case sc.is(i, "hand") && sc.p(i+1, ".") && sc.t(i).s[0] == 'H':
			j = i + 2
		default:
			continue
		}
		if sc.is(i-1, "aanhangsel") || sc.p(i-1, ".") && sc.is(i-2, "aanh") {
			continue
		}
		kamer, vj, k, ok, bad := sc.kamerVJAt(j)
		if !ok {
			continue
		}
		kamer = sc.defKamer(kamer)
		if sc.p(k, ",") {
			k++
		}
		type hid struct {
			id  ID
			end int
			pin string
		}
		var ids []hid
		end := k
		if n, okn := sc.nrAt(k); okn {
			m := n
			for {
				v, okv := sc.numAt(m, false, 4)
				if !okv {
					break
				}
				vend := m + 1
				m++
				var items []numItem
				mm := m
				if sc.p(mm, ",") {
					mm++
				}
				if sc.is(mm, "item", "items") {
					x := mm + 1
					if sc.p(x, ".") {
						x++
					}
					its, e, _ := sc.numListAt(x, false, 3)
					if len(its) > 0 {
						items, m = its, e
					}
				}
				pin := ""
				if p, e, okp := sc.pinAt(m, false); okp {
					pin, m = p, e
				}
				if len(items) == 0 {
					ids = append(ids, hid{ID{Family: FamHandelingen, Kamer: kamer, Vergaderjaar: vj, Vergadering: v}, vend, pin})
				}
				for _, it := range items {
					ids = append(ids, hid{ID{Family: FamHandelingen, Kamer: kamer, Vergaderjaar: vj, Vergadering: v, Item: it.s}, it.hi, pin})
				}
				end = m
				// "nr. 45, item 7 en nr. 46, item 3"
				x := m
				if sc.p(x, ",") || sc.is(x, "en") || sc.p(x, ";") {
					x++
				} else {
					break
				}
				if n2, ok2 := sc.nrAt(x); ok2 {
					m = n2
					continue
				}
				break
			}
		} else if sc.is(k, "p", "blz", "pag", "bladzijde") {
			x := k + 1
			if sc.p(x, ".") {
				x++
			}
			if pg, okp := sc.numAt(x, false, 5); okp {
				pin, e, _ := sc.pinAt(k, false)
				ids = append(ids, hid{ID{Family: FamHandelingen, Kamer: kamer, Vergaderjaar: vj, Page: pg}, x + 1, pin})
				end = e
			}
		} else if sc.t(k).kind == tNum && sc.p(k+1, "-") && sc.t(k+2).kind == tNum && !sc.t(k+1).sp && !sc.t(k+2).sp {
			// old Eerste Kamer style "36–1624": vergadering 36, page 1624
			v := sc.t(k).s
			if atoi(v) > 0 && atoi(v) <= 200 && len(v) <= 3 {
				ids = append(ids, hid{ID{Family: FamHandelingen, Kamer: kamer, Vergaderjaar: vj, Vergadering: v}, k + 3, "p. " + sc.t(k+2).s})
				end = k + 3
			}
		}
		if len(ids) == 0 {
			continue
		}
		sc.use(i, end)
		if !bad {
			for _, h := range ids {
				sc.add(h.id, i, h.end, h.pin)
			}
		}
		i = end - 1
	}
}

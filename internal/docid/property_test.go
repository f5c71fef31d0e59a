package docid_test

import (
	"bufio"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/search/query"

	"kamerzoek/indexer"
	"kamerzoek/internal/docid"
	"kamerzoek/internal/graph"
	"kamerzoek/internal/realdata"
	"kamerzoek/internal/refs"
)

// genID returns a random id of one family with fields in the grammar's
// ranges; the caller keeps only those Parse accepts back unchanged.
func genID(r *rand.Rand) refs.ID {
	pick := func(xs ...string) string { return xs[r.IntN(len(xs))] }
	num := func(lo, hi int) string { return strconv.Itoa(lo + r.IntN(hi-lo+1)) }
	vj := func() string { y := 1990 + r.IntN(36); return strconv.Itoa(y) + strconv.Itoa(y+1) }
	dossier := func() string { return pick(num(10000, 36999), num(1, 999), "CXXIV", "XIV") }
	toev := func() string { return pick("", "", "VI", "A", "02", "XXIII", "B") }
	switch pick("kst", "kst-opaque", "kst-legacy", "dossier", "h", "h-page", "ah", "ah-opaque", "kv",
		"blg", "stb", "stcrt", "trb", "gmb", "prb", "wsb", "bgr", "ecli", "ljn", "celex", "bwb", "tkd", "tkz", "url") {
	case "kst":
		return refs.ID{Family: refs.FamKamerstuk, Dossier: dossier(), Toevoeging: toev(), Number: pick(num(1, 400), "B", "AA", num(1, 99)+"a")}
	case "kst-opaque":
		return refs.ID{Family: refs.FamKamerstuk, Number: num(100000, 9999999)}
	case "kst-legacy":
		return refs.ID{Family: refs.FamKamerstuk, Vergaderjaar: vj(), Dossier: dossier(), Toevoeging: toev(), Number: num(1, 300)}
	case "dossier":
		return refs.ID{Family: refs.FamDossier, Dossier: dossier(), Toevoeging: toev()}
	case "h":
		return refs.ID{Family: refs.FamHandelingen, Kamer: pick("tk", "ek", "vv"), Vergaderjaar: vj(), Vergadering: num(1, 110), Item: pick("", num(1, 30))}
	case "h-page":
		return refs.ID{Family: refs.FamHandelingen, Kamer: pick("tk", "ek"), Vergaderjaar: vj(), Page: num(1, 6000)}
	case "ah":
		return refs.ID{Family: refs.FamAanhangsel, Kamer: pick("tk", "ek"), Vergaderjaar: vj(), Number: num(1, 3500)}
	case "ah-opaque":
		return refs.ID{Family: refs.FamAanhangsel, Number: num(100000, 9999999)}
	case "kv":
		return refs.ID{Family: refs.FamKamervragen, Kamer: pick("tk", "ek"), Value: vj() + "-" + pick("KVR", "EK", "TK") + num(1, 99999)}
	case "blg":
		return refs.ID{Family: refs.FamBijlage, Number: num(100000, 999999)}
	case "stb", "stcrt", "trb", "gmb", "prb", "wsb", "bgr":
		return refs.ID{Family: pick(refs.FamStb, refs.FamStcrt, refs.FamTrb, refs.FamGmb, refs.FamPrb, refs.FamWsb, refs.FamBgr), Year: num(1814, 2025), Number: num(1, 99999)}
	case "ecli":
		return refs.ID{Family: refs.FamECLI, Value: "ECLI:NL:" + pick("HR", "RVS", "CBB", "GHDHA") + ":" + num(1990, 2025) + ":" + pick(num(1, 9999), "BX1234", "AB"+num(10, 99))}
	case "ljn":
		return refs.ID{Family: refs.FamLJN, Value: pick("AB", "BX", "ZZ") + num(1000, 9999)}
	case "celex":
		return refs.ID{Family: refs.FamCELEX, Value: pick("3", "6", "C", "E") + num(1990, 2025) + pick("L", "R", "CJ") + num(1000, 9999), Article: pick("", num(1, 99))}
	case "bwb":
		return refs.ID{Family: refs.FamBWB, Value: pick("BWBR", "BWBV") + num(1000000, 9999999), Article: pick("", num(1, 400), num(1, 9)+"a", "IV", "3.1")}
	case "tkd":
		return refs.ID{Family: refs.FamTKDocument, Value: num(2008, 2025) + "D" + num(10000, 99999)}
	case "tkz":
		return refs.ID{Family: refs.FamTKZaak, Value: num(2008, 2025) + "Z" + num(10000, 99999)}
	default:
		return refs.ID{Family: refs.FamURL, Value: pick("https://", "http://") + pick("www.rijksoverheid.nl", "example.org", "evil.test") + "/" + pick("a", "b/c", "d?e=f")}
	}
}

// emitted returns ids package refs can emit: generated ids that Parse
// takes back unchanged, and the ids refs extracts from the citation table.
func emitted(t *testing.T) []string {
	r := rand.New(rand.NewPCG(13, 13))
	var out []string
	for len(out) < 4000 {
		id := genID(r)
		s := refs.Format(id)
		if p, err := refs.Parse(s); err == nil && p == id {
			out = append(out, s)
		}
	}
	if dir, ok := realdata.Find(); ok {
		f, err := os.Open(filepath.Join(dir, "citations", "cases.tsv"))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			in, _, _ := strings.Cut(sc.Text(), "\t")
			for _, ref := range refs.Extract(strings.ReplaceAll(in, `\n`, "\n"), refs.Context{}).References {
				out = append(out, ref.ID)
			}
		}
	}
	return out
}

// idTerm reports whether q holds a term query on the ids field for term.
func idTerm(q query.Query, term string) bool {
	switch q := q.(type) {
	case *query.TermQuery:
		return q.FieldVal == "ids" && q.Term == term
	case *query.BooleanQuery:
		for _, sub := range []query.Query{q.Must, q.Should, q.MustNot} {
			if sub != nil && idTerm(sub, term) {
				return true
			}
		}
	case *query.DisjunctionQuery:
		for _, c := range q.Disjuncts {
			if idTerm(c, term) {
				return true
			}
		}
	case *query.ConjunctionQuery:
		for _, c := range q.Conjuncts {
			if idTerm(c, term) {
				return true
			}
		}
	}
	return false
}

// TestEmittedIDsAccepted: every id refs can emit is a graph node of the
// family's kind, an exact id match in a search query, and has a public
// address (or its family has none by design).
func TestEmittedIDsAccepted(t *testing.T) {
	ids := emitted(t)
	bad := map[string]int{}
	for _, id := range ids {
		p, err := refs.Parse(id)
		if err != nil {
			t.Errorf("refs emitted %q that refs.Parse rejects: %v", id, err)
			continue
		}
		fail := func(what string, args ...any) {
			if bad[p.Family]++; bad[p.Family] <= 3 {
				t.Errorf("%s: "+what, append([]any{id}, args...)...)
			}
		}
		if err := graph.ValidID(id); err != nil {
			fail("graph.ValidID: %v", err)
		}
		if k := graph.KindOf(id); k != p.Kind() {
			fail("graph.KindOf = %q, want %q", k, p.Kind())
		}
		q, err := indexer.ParseQuery(id)
		if err != nil {
			fail("indexer.ParseQuery: %v", err)
		} else if !idTerm(q, strings.ToLower(id)) {
			fail("indexer.ParseQuery does not match the ids field exactly")
		}
		if u := docid.PublicURL(id); u == "" && p.Family != refs.FamLJN && p.Family != refs.FamTKDocument {
			fail("no public URL")
		}
	}
	if len(bad) > 0 {
		t.Logf("failures by family: %v", bad)
	}
}

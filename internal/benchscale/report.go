package benchscale

import (
	"fmt"
	"sort"
	"strings"
)

// Target is one of the scale targets with what this run measured.
type Target struct {
	Name     string
	Measured string
	// Met is "met", "not met" or "not measured".
	Met string
}

func met(ok bool) string {
	if ok {
		return "met"
	}
	return "not met"
}

// queryOrder is the order of the query kinds in the report.
var queryOrder = []string{"term", "phrase", "three words", "facets", "filters", "sort date", "sort cited-by", "deep cursor"}

func kinds(m map[string]Latency) []string {
	var out []string
	for _, k := range queryOrder {
		if _, ok := m[k]; ok {
			out = append(out, k)
		}
	}
	var rest []string
	for k := range m {
		if !contains(queryOrder, k) {
			rest = append(rest, k)
		}
	}
	sort.Strings(rest)
	return append(out, rest...)
}

func contains(s []string, x string) bool {
	for _, v := range s {
		if v == x {
			return true
		}
	}
	return false
}

// Targets judges the result against the scale targets. Memory during
// ingest counts as bounded when the run over the last tenth peaks at no
// more than 1.25 times the run over the first tenth.
func Targets(r *Result) []Target {
	var t []Target
	ing := ratio(r.KZ.Rate(), r.Plain.Rate())
	t = append(t, Target{"ingest ≥ 0.5 × plain bleve's letters/s", fmt.Sprintf("%.2f ×", ing), met(ing >= 0.5)})
	lf := ratio(r.KZ.PhaseRate(2), r.KZ.PhaseRate(0))
	t = append(t, Target{"last 10 % ingested at ≥ 0.8 × the first 10 %'s rate", fmt.Sprintf("%.2f ×", lf), met(lf >= 0.8)})
	text := float64(r.Corpus.Bytes)
	ix := ratio(float64(r.KZ.IndexBytes), text)
	t = append(t, Target{"index ≤ 2.5 × the text", fmt.Sprintf("%.2f ×", ix), met(r.KZ.IndexBytes > 0 && ix <= 2.5)})
	dd := ratio(float64(r.KZ.DataBytes), text)
	t = append(t, Target{"data directory ≤ 4 × the text", fmt.Sprintf("%.2f ×", dd), met(dd <= 4)})
	t = append(t, Target{"first search ≤ 5 s after `serve` starts", fmt.Sprintf("%.2f s", r.KZFirst), met(r.KZFirst <= 5)})
	rss := max(r.KZServe.RSS, r.KZServe.PeakRSS)
	t = append(t, Target{"RSS ≤ 1.5 GB serving (high-water mark)", mb(rss), met(rss <= 1536<<20)})
	if ph := r.KZ.Phases; len(ph) == 3 {
		// Judged on anonymous memory where it was sampled: the resident
		// set also holds the pages of index segments and catalog that the
		// run read through its mappings, which the kernel drops at will.
		g := ratio(float64(ph[2].PeakRSS), float64(ph[0].PeakRSS))
		measured := fmt.Sprintf("resident %s vs %s (%.2f ×)", mb(ph[2].PeakRSS), mb(ph[0].PeakRSS), g)
		if ph[0].PeakAnon > 0 && ph[2].PeakAnon > 0 {
			g = ratio(float64(ph[2].PeakAnon), float64(ph[0].PeakAnon))
			measured = fmt.Sprintf("anonymous %s vs %s (%.2f ×); %s", mb(ph[2].PeakAnon), mb(ph[0].PeakAnon), g, measured)
		}
		t = append(t, Target{"ingest memory bounded (peak of last tenth ≤ 1.25 × first tenth)", measured, met(g <= 1.25)})
	}
	worst, worstRatio, worstAbs, worstAbsKind := "", 0.0, 0.0, ""
	for _, k := range kinds(r.KZServe.Search) {
		kz, pl := r.KZServe.Search[k], r.PlainServe.Search[k]
		if q := ratio(kz.P99, pl.P99); q > worstRatio {
			worst, worstRatio = k, q
		}
		if kz.P99 > worstAbs {
			worstAbs, worstAbsKind = kz.P99, k
		}
	}
	t = append(t, Target{"search p99 ≤ 2 × plain bleve's p99, every query", fmt.Sprintf("worst %.2f × (%s)", worstRatio, worst), met(worstRatio > 0 && worstRatio <= 2)})
	t = append(t, Target{"search p99 ≤ 50 ms, every query", fmt.Sprintf("worst %.1f ms (%s)", worstAbs, worstAbsKind), met(worstAbs > 0 && worstAbs <= 50)})
	sc := ratio(r.KZServe.QPS4, r.KZServe.QPS1)
	t = append(t, Target{"four clients ≥ 1.6 × the throughput of one", fmt.Sprintf("%.2f ×", sc), met(sc >= 1.6)})
	gw, gk := 0.0, ""
	for k, l := range r.Graph {
		if l.P99 > gw || l.P99 == gw && k < gk {
			gw, gk = l.P99, k
		}
	}
	t = append(t, Target{"graph queries p99 ≤ 5 ms", fmt.Sprintf("worst %.1f ms (%s)", gw, gk), met(len(r.Graph) > 0 && gw <= 5)})
	if ri := r.Reindex; ri != nil {
		rr := ratio(ri.Rate(), r.KZ.Rate())
		t = append(t, Target{"`reindex` at ≥ the ingest rate, search answering throughout",
			fmt.Sprintf("%.2f ×; %d searches during it, %d failed", rr, ri.Searches, ri.Errors),
			met(rr >= 1 && ri.Searches > 0 && ri.Errors == 0)})
	} else {
		t = append(t, Target{"`reindex` at ≥ the ingest rate, search answering throughout", "–", "not measured"})
	}
	return t
}

func mb(b int64) string { return fmt.Sprintf("%.0f MB", float64(b)/(1<<20)) }

func f1(x float64) string { return fmt.Sprintf("%.1f", x) }

func x2(a, b float64) string {
	if b == 0 || a == 0 {
		return "–"
	}
	return fmt.Sprintf("%.2f", a/b)
}

// Report renders r as Markdown: the corpus, ingest, serving, search,
// throughput and graph tables, kamerzoek beside plain bleve with the
// ratio kamerzoek / plain, then the targets.
func Report(r *Result) string {
	var b strings.Builder
	text := float64(r.Corpus.Bytes)
	fmt.Fprintf(&b, "## Scale: %d letters\n\n", r.N)
	fmt.Fprintf(&b, "Corpus: %d synthetic letters (seed %d), %.1f MB of text, %d words, %d footnotes, %d citations between letters; "+
		"most cited %s (%d citations). Run started %s on %d CPUs, load %s.\n\n",
		r.N, r.Seed, text/1e6, r.Corpus.Words, r.Corpus.Footnotes, r.Corpus.Citations, r.MostCited, r.MostCitedIn,
		r.Started.Format("2006-01-02 15:04 MST"), r.CPUs, r.Load)
	if r.IngestedAt != nil {
		fmt.Fprintf(&b, "Serving only (`-serve-only`): the data directories and the ingest figures are those of the run started %s.\n\n",
			r.IngestedAt.Format("2006-01-02 15:04 MST"))
	}

	b.WriteString("### Ingest\n\n| measure | kamerzoek | plain bleve | kamerzoek / plain |\n|---|---:|---:|---:|\n")
	row := func(name string, kz, pl float64, f func(float64) string) {
		fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", name, f(kz), f(pl), x2(kz, pl))
	}
	row("letters/s", r.KZ.Rate(), r.Plain.Rate(), f1)
	row("MB/s", ratio(text/1e6, r.KZ.Seconds), ratio(text/1e6, r.Plain.Seconds), func(x float64) string { return fmt.Sprintf("%.2f", x) })
	row("CPU ms per letter", ratio(1000*r.KZ.CPUSeconds, float64(r.KZ.Letters)), ratio(1000*r.Plain.CPUSeconds, float64(r.Plain.Letters)), f1)
	row("first 10 %: letters/s", r.KZ.PhaseRate(0), r.Plain.PhaseRate(0), f1)
	row("last 10 %: letters/s", r.KZ.PhaseRate(2), r.Plain.PhaseRate(2), f1)
	row("last 10 % / first 10 %", ratio(r.KZ.PhaseRate(2), r.KZ.PhaseRate(0)), ratio(r.Plain.PhaseRate(2), r.Plain.PhaseRate(0)), func(x float64) string { return fmt.Sprintf("%.2f", x) })
	row("peak RSS while ingesting, MB", float64(r.KZ.PeakRSS)/(1<<20), float64(r.Plain.PeakRSS)/(1<<20), func(x float64) string { return fmt.Sprintf("%.0f", x) })
	row("peak anonymous memory while ingesting, MB", float64(r.KZ.PeakAnon)/(1<<20), float64(r.Plain.PeakAnon)/(1<<20), func(x float64) string { return fmt.Sprintf("%.0f", x) })
	row("index bytes / text bytes", ratio(float64(r.KZ.IndexBytes), text), ratio(float64(r.Plain.IndexBytes), text), func(x float64) string { return fmt.Sprintf("%.2f", x) })
	row("data directory bytes / text bytes", ratio(float64(r.KZ.DataBytes), text), ratio(float64(r.Plain.DataBytes), text), func(x float64) string { return fmt.Sprintf("%.2f", x) })
	fmt.Fprintf(&b, "\nIngest runs: first tenth, next eight tenths, last tenth, each a separate process (%d failed letters on kamerzoek's side).\n", r.KZ.Failed)

	b.WriteString("\n### Serving\n\n| measure | kamerzoek | plain bleve | kamerzoek / plain |\n|---|---:|---:|---:|\n")
	row("process start to first answered search, s", r.KZFirst, r.PlainFirst, func(x float64) string { return fmt.Sprintf("%.2f", x) })
	row("RSS after the query mix, MB", float64(r.KZServe.RSS)/(1<<20), float64(r.PlainServe.RSS)/(1<<20), func(x float64) string { return fmt.Sprintf("%.0f", x) })
	row("RSS high-water mark serving, MB", float64(r.KZServe.PeakRSS)/(1<<20), float64(r.PlainServe.PeakRSS)/(1<<20), func(x float64) string { return fmt.Sprintf("%.0f", x) })

	fmt.Fprintf(&b, "\n### Search, one client (ms; %d runs of each kind)\n\n", r.KZServe.Search[queryOrder[0]].N)
	b.WriteString("| query | hits kamerzoek | hits plain | kamerzoek p50 | kamerzoek p99 | plain p50 | plain p99 | p50 ratio | p99 ratio |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, k := range kinds(r.KZServe.Search) {
		kz, pl := r.KZServe.Search[k], r.PlainServe.Search[k]
		fmt.Fprintf(&b, "| %s | %d | %d | %.1f | %.1f | %.1f | %.1f | %s | %s |\n", k, r.KZServe.Hits[k], r.PlainServe.Hits[k],
			kz.P50, kz.P99, pl.P50, pl.P99, x2(kz.P50, pl.P50), x2(kz.P99, pl.P99))
	}
	if len(r.KZServe.Cold) > 0 {
		b.WriteString("\nEvery query of the mix runs once before the timed runs, on both sides. The slowest of these first runs of each kind, which may read the index from disk (ms):\n\n")
		b.WriteString("| query | kamerzoek | plain bleve | kamerzoek / plain |\n|---|---:|---:|---:|\n")
		for _, k := range kinds(r.KZServe.Search) {
			kz, pl := r.KZServe.Cold[k], r.PlainServe.Cold[k]
			fmt.Fprintf(&b, "| %s | %.1f | %.1f | %s |\n", k, kz, pl, x2(kz, pl))
		}
	}
	fmt.Fprintf(&b, "\n### Search, %d clients (ms)\n\n", r.Mixes.Clients)
	b.WriteString("| query | kamerzoek p50 | kamerzoek p99 | plain p50 | plain p99 | p99 ratio |\n|---|---:|---:|---:|---:|---:|\n")
	for _, k := range kinds(r.KZServe.Search4) {
		kz, pl := r.KZServe.Search4[k], r.PlainServe.Search4[k]
		fmt.Fprintf(&b, "| %s | %.1f | %.1f | %.1f | %.1f | %s |\n", k, kz.P50, kz.P99, pl.P50, pl.P99, x2(kz.P99, pl.P99))
	}
	b.WriteString("\n| throughput, queries/s | kamerzoek | plain bleve | kamerzoek / plain |\n|---|---:|---:|---:|\n")
	row("one client", r.KZServe.QPS1, r.PlainServe.QPS1, f1)
	row(fmt.Sprintf("%d clients", r.Mixes.Clients), r.KZServe.QPS4, r.PlainServe.QPS4, f1)
	row(fmt.Sprintf("%d clients / one", r.Mixes.Clients), ratio(r.KZServe.QPS4, r.KZServe.QPS1), ratio(r.PlainServe.QPS4, r.PlainServe.QPS1), func(x float64) string { return fmt.Sprintf("%.2f", x) })

	b.WriteString("\n### Graph (kamerzoek only, ms)\n\n")
	if len(r.GraphCold) > 0 {
		b.WriteString("Each query runs once before the timed runs (first run), then the three in turn.\n\n" +
			"| query | first run | p50 | p99 |\n|---|---:|---:|---:|\n")
	} else {
		b.WriteString("| query | p50 | p99 |\n|---|---:|---:|\n")
	}
	var gk []string
	for k := range r.Graph {
		gk = append(gk, k)
	}
	sort.Strings(gk)
	for _, k := range gk {
		if len(r.GraphCold) > 0 {
			fmt.Fprintf(&b, "| %s | %.2f | %.2f | %.2f |\n", k, r.GraphCold[k], r.Graph[k].P50, r.Graph[k].P99)
		} else {
			fmt.Fprintf(&b, "| %s | %.2f | %.2f |\n", k, r.Graph[k].P50, r.Graph[k].P99)
		}
	}
	fmt.Fprintf(&b, "\ncited-by of %s (%d citations); depth-2 neighbourhood of %s (%d citations); path from %s to %s.\n",
		r.MostCited, r.MostCitedIn, r.Hub, r.HubIn, r.PathFrom, r.MostCited)

	if ri := r.Reindex; ri != nil {
		fmt.Fprintf(&b, "\n### Reindex while searching (kamerzoek only)\n\n"+
			"POST /api/v1/reindex to the serving process re-extracted %d documents in %.1f s: %.1f letters/s, %.2f × the ingest rate "+
			"(%.1f letters/s); peak RSS of the serving process %s. One client ran the search mix, %s, "+
			"for 10 s before (quiet) and throughout the reindex: %d searches, %d failed.",
			ri.Documents, ri.Seconds, ri.Rate(), ratio(ri.Rate(), r.KZ.Rate()), r.KZ.Rate(), mb(ri.PeakRSS), pace(ri.EveryMS), ri.Searches, ri.Errors)
		if ri.FirstError != "" {
			fmt.Fprintf(&b, " First error: %s.", ri.FirstError)
		}
		if ri.PeakAnon > 0 {
			fmt.Fprintf(&b, " Anonymous memory of the serving process (without mapped index and catalog pages): %s before, "+
				"peak %s during, %s after.", mb(ri.AnonBefore), mb(ri.PeakAnon), mb(ri.AnonAfter))
		}
		b.WriteString("\n\n| query | quiet p50 | quiet p99 | during p50 | during p99 | p50 ratio |\n|---|---:|---:|---:|---:|---:|\n")
		for _, k := range kinds(ri.Search) {
			q, d := ri.Quiet[k], ri.Search[k]
			fmt.Fprintf(&b, "| %s | %.1f | %.1f | %.1f | %.1f | %s |\n", k, q.P50, q.P99, d.P50, d.P99, x2(d.P50, q.P50))
		}
		fmt.Fprintf(&b, "| all (%d quiet, %d during) | %.1f | %.1f | %.1f | %.1f | %s |\n", ri.QuietAll.N, ri.All.N,
			ri.QuietAll.P50, ri.QuietAll.P99, ri.All.P50, ri.All.P99, x2(ri.All.P50, ri.QuietAll.P50))
	}

	b.WriteString("\n### Targets (set for 100,000 letters)\n\n| target | measured | |\n|---|---|---|\n")
	for _, t := range Targets(r) {
		fmt.Fprintf(&b, "| %s | %s | %s |\n", t.Name, t.Measured, t.Met)
	}
	return b.String()
}

// pace says how the reindex's search client was paced.
func pace(everyMS float64) string {
	if everyMS <= 0 {
		return "one query after another"
	}
	return fmt.Sprintf("a query every %.0f ms", everyMS)
}

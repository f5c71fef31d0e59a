package benchscale

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"kamerzoek/internal/scalecorpus"
)

func TestPercentile(t *testing.T) {
	v := []float64{5, 1, 4, 2, 3, 10, 9, 8, 7, 6}
	for _, c := range []struct {
		p    float64
		want float64
	}{{50, 5}, {99, 10}, {10, 1}, {100, 10}, {0, 1}} {
		if got := Percentile(append([]float64(nil), v...), c.p); got != c.want {
			t.Errorf("Percentile(%v) = %v, want %v", c.p, got, c.want)
		}
	}
	if Percentile(nil, 50) != 0 {
		t.Error("empty input must give 0")
	}
}

// sample is a result with round figures: kamerzoek ingests at a tenth of
// plain bleve's rate, its last tenth at 0.9 of its first, and so on.
func sample() *Result {
	run := func(sec, cpu float64, rss int64) ChildRun {
		return ChildRun{Seconds: sec, CPUSeconds: cpu, PeakRSS: rss}
	}
	r := &Result{N: 1000, Seed: 1, CPUs: 2, Corpus: scalecorpus.Summary{Letters: 1000, Bytes: 10_000_000},
		MostCited: "kst-29911-1", MostCitedIn: 50, Hub: "kst-29911-2", HubIn: 9, PathFrom: "kst-29911-999",
		KZFirst: 6, PlainFirst: 0.5, Mixes: MixOptions{Rounds: 20, Clients: 4}}
	r.KZ = IngestResult{PhaseLetters: []int{100, 800, 100}, IndexBytes: 20_000_000, DataBytes: 50_000_000}
	r.KZ.add(run(10, 8, 100<<20), 100)
	r.KZ.add(run(80, 70, 110<<20), 800)
	r.KZ.add(run(100.0/9, 9, 120<<20), 100)
	r.Plain = IngestResult{PhaseLetters: []int{100, 800, 100}, IndexBytes: 18_000_000, DataBytes: 18_000_000}
	r.Plain.add(run(1, 1, 50<<20), 100)
	r.Plain.add(run(8, 7, 60<<20), 800)
	r.Plain.add(run(1, 1, 60<<20), 100)
	r.KZServe = SideResult{Search: map[string]Latency{"term": {N: 100, P50: 4, P99: 30}, "phrase": {N: 100, P50: 5, P99: 60}},
		Hits: map[string]int{"term": 7, "phrase": 3}, QPS1: 100, QPS4: 170, RSS: 200 << 20, PeakRSS: 300 << 20}
	r.KZServe.Search4 = r.KZServe.Search
	r.PlainServe = SideResult{Search: map[string]Latency{"term": {N: 100, P50: 2, P99: 20}, "phrase": {N: 100, P50: 2, P99: 20}},
		Hits: map[string]int{"term": 7, "phrase": 3}, QPS1: 300, QPS4: 500, RSS: 50 << 20, PeakRSS: 60 << 20}
	r.PlainServe.Search4 = r.PlainServe.Search
	r.Graph = map[string]Latency{"cited-by": {N: 10, P50: 0.5, P99: 2}, "path": {N: 10, P50: 1, P99: 7}}
	return r
}

func TestTargets(t *testing.T) {
	want := map[string]string{
		"ingest ≥ 0.5 × plain bleve's letters/s":                          "0.10 × not met",
		"last 10 % ingested at ≥ 0.8 × the first 10 %'s rate":             "0.90 × met",
		"index ≤ 2.5 × the text":                                          "2.00 × met",
		"data directory ≤ 4 × the text":                                   "5.00 × not met",
		"first search ≤ 5 s after `serve` starts":                         "6.00 s not met",
		"RSS ≤ 1.5 GB serving (high-water mark)":                          "300 MB met",
		"ingest memory bounded (peak of last tenth ≤ 1.25 × first tenth)": "resident 120 MB vs 100 MB (1.20 ×) met",
		"search p99 ≤ 2 × plain bleve's p99, every query":                 "worst 3.00 × (phrase) not met",
		"search p99 ≤ 50 ms, every query":                                 "worst 60.0 ms (phrase) not met",
		"four clients ≥ 1.6 × the throughput of one":                      "1.70 × met",
		"graph queries p99 ≤ 5 ms":                                        "worst 7.0 ms (path) not met",
		"`reindex` at ≥ the ingest rate, search answering throughout":     "– not measured",
	}
	got := Targets(sample())
	if len(got) != len(want) {
		t.Fatalf("%d targets, want %d", len(got), len(want))
	}
	for _, tg := range got {
		if w, ok := want[tg.Name]; !ok || tg.Measured+" "+tg.Met != w {
			t.Errorf("%s: %q, want %q", tg.Name, tg.Measured+" "+tg.Met, w)
		}
	}
	// With anonymous memory sampled, it decides, the resident set beside it.
	r := sample()
	r.KZ.Phases[0].PeakAnon, r.KZ.Phases[2].PeakAnon = 100<<20, 130<<20
	for _, tg := range Targets(r) {
		if strings.HasPrefix(tg.Name, "ingest memory") {
			if w := "anonymous 130 MB vs 100 MB (1.30 ×); resident 120 MB vs 100 MB (1.20 ×) not met"; tg.Measured+" "+tg.Met != w {
				t.Errorf("%q, want %q", tg.Measured+" "+tg.Met, w)
			}
		}
	}
}

func TestReport(t *testing.T) {
	rep := Report(sample())
	for _, line := range []string{
		"## Scale: 1000 letters",
		"| letters/s | 9.9 | 100.0 | 0.10 |",
		"| first 10 %: letters/s | 10.0 | 100.0 | 0.10 |",
		"| last 10 % / first 10 % | 0.90 | 1.00 | 0.90 |",
		"| index bytes / text bytes | 2.00 | 1.80 | 1.11 |",
		"| process start to first answered search, s | 6.00 | 0.50 | 12.00 |",
		"| term | 7 | 7 | 4.0 | 30.0 | 2.0 | 20.0 | 2.00 | 1.50 |",
		"| 4 clients / one | 1.70 | 1.67 | 1.02 |",
		"| path | 1.00 | 7.00 |",
		"| graph queries p99 ≤ 5 ms | worst 7.0 ms (path) | not met |",
	} {
		if !strings.Contains(rep, line) {
			t.Errorf("report lacks %q\n%s", line, rep)
		}
	}
	// The query kinds come in the fixed order.
	if strings.Index(rep, "| term |") > strings.Index(rep, "| phrase |") {
		t.Error("term should come before phrase")
	}
}

// TestPlainSide ingests a small generated corpus into plain bleve in the
// three runs Run uses and answers a mix on it.
func TestPlainSide(t *testing.T) {
	m := &scalecorpus.Material{Headings: []string{"Inleiding", "Aanpak"}, Titles: []string{"Rijksbegroting voor het jaar"}}
	for i := range 80 {
		m.Sentences = append(m.Sentences, "De gemeentelijke samenwerking in regio "+strings.Repeat("noord", 1+i%5)+" verloopt goed volgens het kabinet.")
	}
	dir := t.TempDir()
	sum, err := scalecorpus.Write(context.Background(), dir, m, scalecorpus.Options{N: 60, Seed: 2, MedianWords: 120})
	if err != nil {
		t.Fatal(err)
	}
	in, n, err := InDegrees(dir)
	if err != nil || n != 60 {
		t.Fatalf("InDegrees: %d letters, %v", n, err)
	}
	total := 0
	for _, c := range in {
		total += c
	}
	if int64(total) != sum.Citations {
		t.Errorf("in-degrees sum to %d, the corpus has %d citations", total, sum.Citations)
	}
	idx := filepath.Join(t.TempDir(), "plain")
	got := 0
	for _, ph := range [][2]int{{0, 1}, {1, 9}, {9, 10}} {
		k, err := PlainIngest(context.Background(), idx, dir, ph[0], ph[1])
		if err != nil {
			t.Fatal(err)
		}
		got += k
	}
	if got != 60 {
		t.Fatalf("indexed %d letters, want 60", got)
	}
	mix := []Query{
		{Name: "term", Words: "samenwerking"},
		{Name: "phrase", Words: "gemeentelijke samenwerking", Phrase: true},
		{Name: "facets", Words: "kabinet", Facets: true},
		{Name: "sort date", Words: "kabinet", Sort: "date"},
		{Name: "deep cursor", Words: "kabinet", Sort: "date", Deep: 20},
		{Name: "none", Words: "onvindbaarwoord"},
	}
	res, err := PlainServe(context.Background(), idx, mix, MixOptions{Rounds: 3, Clients: 2})
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]int{"term": 60, "phrase": 60, "facets": 60, "none": 0} {
		if res.Hits[name] != want {
			t.Errorf("%s: %d hits, want %d", name, res.Hits[name], want)
		}
	}
	if l := res.Search["term"]; l.N != 3 || l.P99 < l.P50 {
		t.Errorf("term latencies %+v", l)
	}
	if res.QPS1 <= 0 || res.QPS4 <= 0 || res.FirstAnswer.IsZero() {
		t.Errorf("throughput %v/%v, first answer %v", res.QPS1, res.QPS4, res.FirstAnswer)
	}
}

func TestParams(t *testing.T) {
	q := Query{Words: "drugs smokkel", Phrase: true, Facets: true, Dossier: "29911", From: "2020-01-01", To: "2021-12-31", Sort: "cited_by"}
	if got, want := q.Params().Encode(), "dossier=29911&facets=true&from=2020-01-01&q=%22drugs+smokkel%22&size=10&sort=cited_by&to=2021-12-31"; got != want {
		t.Errorf("Params = %s, want %s", got, want)
	}
}

func TestIngestFailures(t *testing.T) {
	out := "outcome      files\ningested       9\nduplicate      0\nno text layer  0\nfailed         3\ntotal         12\n"
	if n := ingestFailures(out); n != 3 {
		t.Errorf("ingestFailures = %d, want 3", n)
	}
}

// TestChooseMix checks that the mix's phrases are words that stand next
// to each other in the letters (not across a number or a full stop) and
// that every kind of query is there five times.
func TestChooseMix(t *testing.T) {
	long := strings.Fields(`ministerie beleidsdoelen uitvoering toezichthouders verantwoordelijkheid wetsvoorstel
		evaluatie rapportage handhaving financiering begroting samenleving veiligheid ondernemers huishoudens`)
	m := &scalecorpus.Material{Headings: []string{"Inleiding", "Aanpak"}, Titles: []string{"Rijksbegroting voor het jaar"}}
	for i := range 80 {
		m.Sentences = append(m.Sentences,
			"Volgens artikel "+strings.Repeat("1", 1+i%3)+" eerste lid verloopt de gemeentelijke samenwerking in regio "+strings.Repeat("noord", 1+i%5)+" uitstekend.",
			"Het kabinet ondersteunt structurele investeringen. Gemeentelijke begrotingen blijven onveranderd.")
		var ws []string
		for k := range 5 {
			ws = append(ws, long[(i+k)%len(long)])
		}
		m.Sentences = append(m.Sentences, "Daarom "+strings.Join(ws, " ")+" vandaag.")
	}
	dir := t.TempDir()
	if _, err := scalecorpus.Write(context.Background(), dir, m, scalecorpus.Options{N: 200, Seed: 5, MedianWords: 150}); err != nil {
		t.Fatal(err)
	}
	mix, err := ChooseMix(dir, 200)
	if err != nil {
		t.Fatal(err)
	}
	var sb strings.Builder
	files, _ := filepath.Glob(filepath.Join(dir, "letters", "*", "*.txt"))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		sb.WriteString(strings.ToLower(string(b)))
	}
	all := sb.String()
	count := map[string]int{}
	for _, q := range mix {
		count[q.Name]++
		if q.Phrase && !strings.Contains(all, q.Words) {
			t.Errorf("phrase %q does not stand in the text", q.Words)
		}
	}
	for _, k := range queryOrder {
		if count[k] != 5 {
			t.Errorf("%d queries of kind %s, want 5", count[k], k)
		}
	}
}

// TestReindexUnderLoad runs reindexUnderLoad against a stand-in for the
// server: searches succeed except while a slow reindex is half done, and
// the result counts them and reads the reindex's answer.
func TestReindexUnderLoad(t *testing.T) {
	var mu sync.Mutex
	failing := false
	h := http.NewServeMux()
	h.HandleFunc("GET /api/v1/search", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		f := failing
		mu.Unlock()
		if f {
			http.Error(w, "busy", http.StatusServiceUnavailable)
			return
		}
		_, _ = w.Write([]byte(`{"total":3}`))
	})
	h.HandleFunc("POST /api/v1/reindex", func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(100 * time.Millisecond)
		mu.Lock()
		failing = true
		mu.Unlock()
		time.Sleep(100 * time.Millisecond)
		mu.Lock()
		failing = false
		mu.Unlock()
		_, _ = w.Write([]byte(`{"documents":40,"changed":0}`))
	})
	ts := httptest.NewServer(h)
	defer ts.Close()
	// The "serving process" whose memory is sampled is this one.
	self, err := os.FindProcess(os.Getpid())
	if err != nil {
		t.Fatal(err)
	}
	srv := &server{c: newClient(strings.TrimPrefix(ts.URL, "http://")), cmd: &exec.Cmd{Process: self}}
	mix := []Query{{Name: "term", Words: "a"}, {Name: "phrase", Words: "a b", Phrase: true}}
	res, err := reindexUnderLoad(context.Background(), srv, mix, 50*time.Millisecond, 0)
	if err != nil {
		t.Fatal(err)
	}
	// Paced: a search every 40 ms gives at most 6 in 200 ms of quiet.
	paced, err := reindexUnderLoad(context.Background(), srv, mix, 200*time.Millisecond, 40*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	if paced.QuietAll.N < 2 || paced.QuietAll.N > 6 || paced.EveryMS != 40 {
		t.Errorf("paced client ran %d quiet searches in 200 ms at every %.0f ms, want 2 to 6", paced.QuietAll.N, paced.EveryMS)
	}
	if rep := Report(&Result{Reindex: paced}); !strings.Contains(rep, "a query every 40 ms") {
		t.Errorf("report does not say the pace:\n%s", rep)
	}
	if res.Documents != 40 || res.Seconds < 0.2 {
		t.Errorf("documents %d in %.2f s, want 40 in ≥ 0.2 s", res.Documents, res.Seconds)
	}
	if res.QuietAll.N == 0 || res.Quiet["term"].N == 0 {
		t.Errorf("no quiet searches: %+v", res.Quiet)
	}
	if res.Errors == 0 || res.Errors >= res.Searches || res.FirstError == "" || res.All.N != res.Searches-res.Errors {
		t.Errorf("searches %d, errors %d (%q), timed %d", res.Searches, res.Errors, res.FirstError, res.All.N)
	}
	want := []string{"### Reindex while searching", "| term |", "failed. First error:"}
	if _, err := os.Stat("/proc/self/status"); err == nil {
		if res.PeakAnon <= 0 || res.AnonBefore <= 0 || res.AnonAfter <= 0 {
			t.Errorf("anonymous memory before %d, peak %d, after %d: not sampled", res.AnonBefore, res.PeakAnon, res.AnonAfter)
		}
		want = append(want, "Anonymous memory of the serving process")
	}
	r := sample()
	r.Reindex = res
	rep := Report(r)
	for _, s := range want {
		if !strings.Contains(rep, s) {
			t.Errorf("report lacks %q\n%s", s, rep)
		}
	}
	for _, tg := range Targets(r) {
		if strings.HasPrefix(tg.Name, "`reindex`") && tg.Met != "not met" {
			t.Errorf("%s: %s %s, want not met (searches failed)", tg.Name, tg.Measured, tg.Met)
		}
	}
}

// TestRunMixWarmsEveryQuery checks that each query of the mix runs once
// before the timed runs, that its first run is kept out of the timed ones,
// and that hits come from the first query of each kind.
func TestRunMixWarmsEveryQuery(t *testing.T) {
	mix := []Query{
		{Name: "term", Words: "een"}, {Name: "phrase", Words: "twee drie", Phrase: true},
		{Name: "term", Words: "vier"},
	}
	var mu sync.Mutex
	calls := map[string]int{}
	do := func(_ context.Context, q Query) (int, error) {
		mu.Lock()
		defer mu.Unlock()
		calls[q.Words]++
		if calls[q.Words] == 1 && q.Words == "vier" {
			time.Sleep(20 * time.Millisecond) // a cold first run
		}
		return len(q.Words), nil
	}
	var res SideResult
	if err := RunMix(context.Background(), mix, MixOptions{Rounds: 4, Clients: 2}, do, &res); err != nil {
		t.Fatal(err)
	}
	for _, q := range mix {
		if calls[q.Words] != 1+4+4 {
			t.Errorf("%q ran %d times, want a warm-up and 8 timed runs", q.Words, calls[q.Words])
		}
	}
	if res.Hits["term"] != 3 || res.Hits["phrase"] != 9 {
		t.Errorf("hits %v, want those of the first query of each kind", res.Hits)
	}
	if res.Cold["term"] < 20 {
		t.Errorf("cold term %.1f ms, want the slowest first run (≥ 20 ms)", res.Cold["term"])
	}
	if l := res.Search["term"]; l.N != 8 || l.P99 >= 20 {
		t.Errorf("timed term runs %+v: want 8, none of them the cold first run", l)
	}
}

// TestRunChildSamplesMemory checks that a child's anonymous memory is
// sampled while it runs (Linux only: it reads /proc).
func TestRunChildSamplesMemory(t *testing.T) {
	if _, err := os.Stat("/proc/self/status"); err != nil {
		t.Skip("no /proc here")
	}
	cr, err := runChild(context.Background(), "sh", "-c", "sleep 0.3")
	if err != nil {
		t.Skip("no sh:", err)
	}
	if cr.PeakAnon <= 0 || cr.PeakRSS < cr.PeakAnon || cr.Seconds < 0.3 {
		t.Errorf("peak anonymous %d, resident %d, %.2f s", cr.PeakAnon, cr.PeakRSS, cr.Seconds)
	}
	if _, err := runChild(context.Background(), "sh", "-c", "exit 3"); err == nil {
		t.Error("a failing child gave no error")
	}
}

// TestRunMixKeepsEveryClientBusy checks that the clients of the
// throughput run share one queue of queries: six rounds over four clients
// end after a round and a half of work, not after two rounds of the
// clients that a fixed share would give two.
func TestRunMixKeepsEveryClientBusy(t *testing.T) {
	mix := []Query{{Name: "term", Words: "een"}, {Name: "term", Words: "twee"}}
	const each = 50 * time.Millisecond
	do := func(context.Context, Query) (int, error) {
		time.Sleep(each)
		return 1, nil
	}
	var res SideResult
	if err := RunMix(context.Background(), mix, MixOptions{Rounds: 6, Clients: 4}, do, &res); err != nil {
		t.Fatal(err)
	}
	// 12 queries: three after one another per client (150 ms); a fixed
	// share of rounds would take four (200 ms).
	if elapsed := 12 / res.QPS4; elapsed >= 0.175 {
		t.Errorf("12 queries over 4 clients took %.0f ms, want about 150 (one queue), not 200 (a share each)", elapsed*1000)
	}
	if n := res.Search4["term"].N; n != 12 {
		t.Errorf("%d timed runs with 4 clients, want 12", n)
	}
}

// TestTimeGraphWarmsAndTakesTurns checks that each graph query runs once
// untimed, that its slow first run stays out of its percentiles, and that
// the timed runs take the queries in turn.
func TestTimeGraphWarmsAndTakesTurns(t *testing.T) {
	var mu sync.Mutex
	var order []string
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		order = append(order, r.URL.Path)
		first := slices.Index(order, r.URL.Path) == len(order)-1
		mu.Unlock()
		if first && r.URL.Path == "/b" {
			time.Sleep(30 * time.Millisecond)
		}
		_, _ = w.Write([]byte(`{}`))
	})
	ts := httptest.NewServer(h)
	defer ts.Close()
	c := newClient(strings.TrimPrefix(ts.URL, "http://"))
	lat, cold, err := c.timeGraph(context.Background(), map[string]string{"a": "/a", "b": "/b", "c": "/c"}, 4)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"/a", "/b", "/c", "/a", "/b", "/c", "/a", "/b", "/c", "/a", "/b", "/c", "/a", "/b", "/c"}; !slices.Equal(order, want) {
		t.Errorf("calls %v, want a warm-up of each, then the three in turn", order)
	}
	if cold["b"] < 30 || lat["b"].N != 4 || lat["b"].P99 >= 30 {
		t.Errorf("b: cold %.1f ms, timed %+v: want the slow first run as cold only", cold["b"], lat["b"])
	}
	if rep := Report(&Result{Graph: lat, GraphCold: cold}); !strings.Contains(rep, "| query | first run | p50 | p99 |") {
		t.Errorf("report lacks the first runs:\n%s", rep)
	}
}

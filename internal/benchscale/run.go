// Package benchscale measures kamerzoek at scale against plain bleve on
// one synthetic corpus (package scalecorpus): it ingests the corpus with
// the real `kamerzoek ingest`, serves it with `kamerzoek serve` and times
// searches and graph queries over the HTTP API, does the same with a
// plain bleve index (each letter indexed once, nl analyzer, term vectors,
// text stored, batches of 500) in a child process, and reports both side
// by side with their ratios and the scale targets met or not.
package benchscale

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"

	"kamerzoek/internal/scalecorpus"
)

// Options configure one benchmark run.
type Options struct {
	// N letters generated from Seed (default 10000, seed 1).
	N    int
	Seed uint64
	// Out is the folder that receives the corpus, both data directories,
	// the logs, result.json and report.md.
	Out string
	// Bin is the kamerzoek binary to measure.
	Bin string
	// Plain is the command that runs the plain bleve side: Plain followed
	// by "plain-ingest" or "plain-serve" and their flags (see cmd/kamerzoek-bench).
	Plain []string
	// Sources are the files or folders the letters' sentences come from.
	Sources []string
	// Mix says how often the search mix runs; GraphRounds how often each
	// graph query does (default 200).
	Mix         MixOptions
	GraphRounds int
	// Reindex also reindexes the whole corpus through the serving process
	// (POST /api/v1/reindex) while one client keeps searching, after the
	// graph queries.
	Reindex bool
	// ReindexEvery paces the client that searches during the reindex: a
	// search starts at most every ReindexEvery (0: one after the other,
	// which leaves the reindex one of two cores).
	ReindexEvery time.Duration
	// BackendArgs are flags given to every kamerzoek command that opens
	// the index (ingest, serve, reindex), such as "--search-backend
	// sphinx --sphinx-nodes ..." to measure a search cluster.
	BackendArgs []string
	// ServeOnly skips ingesting: the data directories and the ingest
	// figures are those of the earlier run whose result.json is in Out
	// (with the same N and seed). It measures a new binary's serving on a
	// corpus too large to ingest again for each change; the binary opens
	// the data directory as an upgrade would.
	ServeOnly bool
	Logger    *slog.Logger
}

// IngestResult is what ingesting the corpus on one side measured. The
// corpus goes in three runs: the first tenth, the next eight tenths, the
// last tenth.
type IngestResult struct {
	Letters    int        `json:"letters"`
	Failed     int        `json:"failed"`
	Seconds    float64    `json:"seconds"`
	CPUSeconds float64    `json:"cpu_seconds"`
	Phases     []ChildRun `json:"phases"`
	// PhaseLetters are the letters of each phase.
	PhaseLetters []int `json:"phase_letters"`
	// PeakRSS is the largest resident set of any of the runs, PeakAnon
	// the largest anonymous memory (see ChildRun).
	PeakRSS    int64 `json:"peak_rss"`
	PeakAnon   int64 `json:"peak_anon"`
	IndexBytes int64 `json:"index_bytes"`
	DataBytes  int64 `json:"data_bytes"`
}

// Rate is letters a second over the whole corpus.
func (r IngestResult) Rate() float64 { return ratio(float64(r.Letters), r.Seconds) }

// PhaseRate is letters a second of phase k.
func (r IngestResult) PhaseRate(k int) float64 {
	if k >= len(r.Phases) || k >= len(r.PhaseLetters) {
		return 0
	}
	return ratio(float64(r.PhaseLetters[k]), r.Phases[k].Seconds)
}

// Result is everything one run measured.
type Result struct {
	N       int                 `json:"n"`
	Seed    uint64              `json:"seed"`
	Started time.Time           `json:"started"`
	CPUs    int                 `json:"cpus"`
	Load    string              `json:"load"`
	Corpus  scalecorpus.Summary `json:"corpus"`
	// MostCited is the letter with the most citations (MostCitedIn of
	// them), Hub the one at the first percentile, PathFrom the last
	// letter that cites anything.
	MostCited   string  `json:"most_cited"`
	MostCitedIn int     `json:"most_cited_in"`
	Hub         string  `json:"hub"`
	HubIn       int     `json:"hub_in"`
	PathFrom    string  `json:"path_from"`
	Mix         []Query `json:"mix"`

	KZ    IngestResult `json:"kamerzoek_ingest"`
	Plain IngestResult `json:"plain_ingest"`
	// KZFirst and PlainFirst are the seconds from the start of the serving
	// process to the first answered search.
	KZFirst    float64            `json:"kamerzoek_first_s"`
	PlainFirst float64            `json:"plain_first_s"`
	KZServe    SideResult         `json:"kamerzoek_serve"`
	PlainServe SideResult         `json:"plain_serve"`
	Graph      map[string]Latency `json:"graph"`
	// GraphCold is each graph query's first, untimed run, in milliseconds.
	GraphCold map[string]float64 `json:"graph_cold_ms,omitempty"`
	// Reindex is the reindex under search load, when it was timed.
	Reindex *ReindexResult `json:"reindex,omitempty"`
	Mixes   MixOptions     `json:"mix_options"`
	// IngestedAt, when set, is when the earlier run that ingested the
	// data directories started (Options.ServeOnly).
	IngestedAt *time.Time `json:"ingested_at,omitempty"`
}

// Run generates the corpus (or reuses the one in Out made with the same
// N and seed), measures both sides and returns the result; it also writes
// Out/result.json.
func Run(ctx context.Context, o Options) (*Result, error) {
	if o.N <= 0 {
		o.N = 10000
	}
	if o.GraphRounds <= 0 {
		o.GraphRounds = 200
	}
	o.Mix = o.Mix.withDefaults()
	log := o.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	res := &Result{N: o.N, Seed: o.Seed, Started: time.Now().UTC(), CPUs: runtime.NumCPU(), Load: loadAvg(), Mixes: o.Mix}
	corpus := filepath.Join(o.Out, "corpus")
	sum, err := ensureCorpus(ctx, corpus, o, log)
	if err != nil {
		return nil, err
	}
	res.Corpus = sum
	in, n, err := InDegrees(corpus)
	if err != nil {
		return nil, err
	}
	if n != o.N {
		return nil, fmt.Errorf("benchscale: corpus holds %d letters, want %d", n, o.N)
	}
	res.MostCited, res.MostCitedIn, res.Hub, res.HubIn, res.PathFrom, err = graphTargets(corpus, in)
	if err != nil {
		return nil, err
	}
	if res.Mix, err = ChooseMix(corpus, o.N); err != nil {
		return nil, err
	}

	kzData := filepath.Join(o.Out, "kamerzoek-data")
	plainIdx := filepath.Join(o.Out, "plain-index")
	if o.ServeOnly {
		if err := reuseIngest(res, filepath.Join(o.Out, "result.json"), kzData, plainIdx); err != nil {
			return nil, err
		}
	} else if err := ingestBoth(ctx, o, res, corpus, kzData, plainIdx, log); err != nil {
		return nil, err
	}
	res.KZ.DataBytes = dirSize(kzData)

	// kamerzoek: serve, first answer, search mix, graph.
	logf, err := os.Create(filepath.Join(o.Out, "serve.log"))
	if err != nil {
		return nil, fmt.Errorf("benchscale: %w", err)
	}
	defer logf.Close()
	log.Info("kamerzoek serve")
	srv, first, err := startServe(ctx, o.Bin, kzData, filepath.Join(o.Out, "empty-corpus"), o.BackendArgs, res.Mix[0], logf)
	if err != nil {
		return nil, err
	}
	res.KZFirst = first.Seconds()
	res.KZServe.FirstAnswer = srv.started.Add(first)
	err = func() error {
		var st statsAnswer
		if err := srv.c.get(ctx, "/api/v1/stats", &st); err != nil {
			return fmt.Errorf("benchscale: stats: %w", err)
		}
		res.KZ.IndexBytes = st.IndexBytes
		mix := append([]Query(nil), res.Mix...)
		for i := range mix {
			if mix[i].Deep > 0 {
				if mix[i].cursor, err = srv.c.deepCursor(ctx, mix[i]); err != nil {
					return fmt.Errorf("benchscale: deep cursor: %w", err)
				}
			}
		}
		log.Info("kamerzoek search mix", "queries", len(mix), "rounds", o.Mix.Rounds)
		do := func(ctx context.Context, q Query) (int, error) {
			a, err := srv.c.search(ctx, q)
			return a.Total, err
		}
		if err := RunMix(ctx, mix, o.Mix, do, &res.KZServe); err != nil {
			return err
		}
		log.Info("kamerzoek graph queries", "rounds", o.GraphRounds)
		if res.Graph, res.GraphCold, err = srv.c.timeGraph(ctx, graphQueries(res.MostCited, res.Hub, res.PathFrom), o.GraphRounds); err != nil {
			return err
		}
		res.KZServe.RSS, res.KZServe.PeakRSS = procRSS(srv.cmd.Process.Pid)
		if o.Reindex {
			log.Info("kamerzoek reindex while searching")
			if res.Reindex, err = reindexUnderLoad(ctx, srv, mix, 10*time.Second, o.ReindexEvery); err != nil {
				return err
			}
			log.Info("kamerzoek reindex done", "seconds", res.Reindex.Seconds, "searches", res.Reindex.Searches, "errors", res.Reindex.Errors)
		}
		return nil
	}()
	if serr := srv.stop(); err == nil && serr != nil {
		err = serr
	}
	if err != nil {
		return nil, err
	}

	// plain bleve: open, first answer, the same mix.
	mixFile := filepath.Join(o.Out, "mix.json")
	if err := writeJSON(mixFile, res.Mix); err != nil {
		return nil, err
	}
	log.Info("plain bleve search mix")
	args := append(append([]string(nil), o.Plain[1:]...), "plain-serve", "-index", plainIdx, "-mix", mixFile,
		"-rounds", strconv.Itoa(o.Mix.Rounds), "-clients", strconv.Itoa(o.Mix.Clients))
	t0 := time.Now()
	cr, err := runChild(ctx, o.Plain[0], args...)
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(cr.Stdout), &res.PlainServe); err != nil {
		return nil, fmt.Errorf("benchscale: plain-serve output: %w", err)
	}
	res.PlainFirst = res.PlainServe.FirstAnswer.Sub(t0).Seconds()
	if err := writeJSON(filepath.Join(o.Out, "result.json"), res); err != nil {
		return nil, err
	}
	return res, nil
}

// ingestBoth ingests the corpus into fresh data directories with
// kamerzoek and with plain bleve, in the same three runs each, and
// records the figures in res.
func ingestBoth(ctx context.Context, o Options, res *Result, corpus, kzData, plainIdx string, log *slog.Logger) error {
	phases := [][]int{{0}, {1, 2, 3, 4, 5, 6, 7, 8}, {9}}
	phaseLetters := make([]int, len(phases))
	for i := 0; i < o.N; i++ {
		p := i * scalecorpus.Parts / o.N
		switch {
		case p == 0:
			phaseLetters[0]++
		case p == scalecorpus.Parts-1:
			phaseLetters[2]++
		default:
			phaseLetters[1]++
		}
	}

	for _, d := range []string{kzData, plainIdx} {
		if err := os.RemoveAll(d); err != nil {
			return fmt.Errorf("benchscale: %w", err)
		}
	}
	res.KZ.PhaseLetters, res.Plain.PhaseLetters = phaseLetters, phaseLetters
	for k, ph := range phases {
		args := append(append([]string{"ingest"}, o.BackendArgs...), "--data", kzData, "-q")
		for _, p := range ph {
			args = append(args, scalecorpus.PartDir(corpus, p))
		}
		log.Info("kamerzoek ingest", "phase", k+1, "letters", phaseLetters[k])
		cr, err := runChild(ctx, o.Bin, args...)
		if err != nil && !strings.Contains(cr.Stdout, "ingested") {
			return err
		}
		res.KZ.Failed += ingestFailures(cr.Stdout)
		res.KZ.add(cr, phaseLetters[k])
		log.Info("kamerzoek ingest done", "phase", k+1, "seconds", cr.Seconds, "peak_rss_mb", cr.PeakRSS>>20, "peak_anon_mb", cr.PeakAnon>>20)
	}

	// plain bleve: the same three runs in a child process.
	for k, ph := range phases {
		args := append(append([]string(nil), o.Plain[1:]...), "plain-ingest", "-index", plainIdx, "-corpus", corpus,
			"-from", strconv.Itoa(ph[0]), "-to", strconv.Itoa(ph[len(ph)-1]+1))
		log.Info("plain bleve ingest", "phase", k+1, "letters", phaseLetters[k])
		cr, err := runChild(ctx, o.Plain[0], args...)
		if err != nil {
			return err
		}
		res.Plain.add(cr, phaseLetters[k])
		log.Info("plain bleve ingest done", "phase", k+1, "seconds", cr.Seconds)
	}
	res.Plain.IndexBytes = dirSize(plainIdx)
	res.Plain.DataBytes = res.Plain.IndexBytes
	return nil
}

// reuseIngest takes the ingest figures of the earlier run recorded in
// resultFile, whose data directories must still be there.
func reuseIngest(res *Result, resultFile, kzData, plainIdx string) error {
	b, err := os.ReadFile(resultFile)
	if err != nil {
		return fmt.Errorf("benchscale: serve-only needs an earlier run in the same folder: %w", err)
	}
	var prev Result
	if err := json.Unmarshal(b, &prev); err != nil {
		return fmt.Errorf("benchscale: %s: %w", resultFile, err)
	}
	if prev.N != res.N || prev.Seed != res.Seed {
		return fmt.Errorf("benchscale: the earlier run in %s had %d letters (seed %d), not %d (seed %d)",
			resultFile, prev.N, prev.Seed, res.N, res.Seed)
	}
	for _, d := range []string{kzData, plainIdx} {
		if _, err := os.Stat(d); err != nil {
			return fmt.Errorf("benchscale: serve-only: %w", err)
		}
	}
	res.KZ, res.Plain = prev.KZ, prev.Plain
	at := prev.Started
	if prev.IngestedAt != nil {
		at = *prev.IngestedAt
	}
	res.IngestedAt = &at
	return nil
}

func (r *IngestResult) add(cr ChildRun, letters int) {
	r.Phases = append(r.Phases, cr)
	r.Letters += letters
	r.Seconds += cr.Seconds
	r.CPUSeconds += cr.CPUSeconds
	r.PeakRSS = max(r.PeakRSS, cr.PeakRSS)
	r.PeakAnon = max(r.PeakAnon, cr.PeakAnon)
}

func writeJSON(path string, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return fmt.Errorf("benchscale: %w", err)
	}
	if err := os.WriteFile(path, append(b, '\n'), 0o644); err != nil {
		return fmt.Errorf("benchscale: %w", err)
	}
	return nil
}

// corpusStamp records with which options a corpus folder was written.
type corpusStamp struct {
	N       int                 `json:"n"`
	Seed    uint64              `json:"seed"`
	Summary scalecorpus.Summary `json:"summary"`
}

// ensureCorpus writes the corpus into dir unless dir already holds the
// one of o.N and o.Seed.
func ensureCorpus(ctx context.Context, dir string, o Options, log *slog.Logger) (scalecorpus.Summary, error) {
	stampFile := filepath.Join(dir, "corpus.json")
	var st corpusStamp
	if b, err := os.ReadFile(stampFile); err == nil && json.Unmarshal(b, &st) == nil && st.N == o.N && st.Seed == o.Seed {
		log.Info("reusing the corpus", "dir", dir, "letters", st.N)
		return st.Summary, nil
	}
	if err := os.RemoveAll(dir); err != nil {
		return scalecorpus.Summary{}, fmt.Errorf("benchscale: %w", err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return scalecorpus.Summary{}, fmt.Errorf("benchscale: %w", err)
	}
	log.Info("reading the material", "sources", o.Sources)
	m, err := scalecorpus.LoadMaterial(ctx, o.Sources)
	if err != nil {
		return scalecorpus.Summary{}, err
	}
	log.Info("generating the corpus", "letters", o.N, "sentences", len(m.Sentences), "headings", len(m.Headings))
	sum, err := scalecorpus.Write(ctx, dir, m, scalecorpus.Options{N: o.N, Seed: o.Seed})
	if err != nil {
		return sum, err
	}
	return sum, writeJSON(stampFile, corpusStamp{N: o.N, Seed: o.Seed, Summary: sum})
}

// graphTargets picks the letters of the graph queries from the in-degrees.
func graphTargets(corpus string, in map[string]int) (most string, mostIn int, hub string, hubIn int, from string, err error) {
	type kv struct {
		id string
		n  int
	}
	var all []kv
	for id, n := range in {
		all = append(all, kv{id, n})
	}
	sort.Slice(all, func(i, j int) bool { return all[i].n > all[j].n || all[i].n == all[j].n && all[i].id < all[j].id })
	if len(all) == 0 {
		return "", 0, "", 0, "", fmt.Errorf("benchscale: the corpus has no citations")
	}
	most, mostIn = all[0].id, all[0].n
	h := all[min(len(all)-1, len(all)/100)]
	hub, hubIn = h.id, h.n
	err = eachLetter(corpus, func(l *scalecorpus.Letter) error {
		if len(l.Cites) > 0 {
			from = l.ID
		}
		return nil
	})
	return most, mostIn, hub, hubIn, from, err
}

// ChooseMix picks the query mix from the corpus: words that many letters
// share (from a sample of the letters), the largest dossier, a four-year
// window of dates. Five queries of each kind, with other words.
func ChooseMix(corpus string, n int) ([]Query, error) {
	df := map[string]int{}
	pairs := map[string]int{}
	dossiers := map[string]int{}
	var dates []string
	sample := 0
	err := eachLetter(corpus, func(l *scalecorpus.Letter) error {
		dossiers[l.Dossier]++
		dates = append(dates, l.Date)
		if l.Seq%max(1, n/300) != 0 {
			return nil
		}
		b, err := os.ReadFile(filepath.Join(corpus, l.File))
		if err != nil {
			return fmt.Errorf("benchscale: %w", err)
		}
		sample++
		seen := map[string]bool{}
		for _, line := range strings.Split(strings.ToLower(string(b)), "\n") {
			var prev string // the previous field of the line when it was a bare word
			for _, f := range strings.Fields(line) {
				w := strings.TrimFunc(f, func(r rune) bool { return !unicode.IsLetter(r) })
				if w != "" && !seen[w] {
					seen[w] = true
					df[w]++
				}
				// A phrase is two bare words in a row on one line: nothing
				// between them that the analyzer would keep or that ends a
				// sentence.
				bare := w == f && w != ""
				if bare && len(prev) >= 6 && len(w) >= 6 && !seen[prev+" "+w] {
					seen[prev+" "+w] = true
					pairs[prev+" "+w]++
				}
				prev = ""
				if bare {
					prev = w
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	pick := func(m map[string]int, minLen int, lo, hi float64, k int) []string {
		var c []string
		for w, d := range m {
			f := float64(d) / float64(sample)
			if len(w) >= minLen && f >= lo && f <= hi && !strings.Contains(w, "'") {
				c = append(c, w)
			}
		}
		sort.Slice(c, func(i, j int) bool { return m[c[i]] > m[c[j]] || m[c[i]] == m[c[j]] && c[i] < c[j] })
		if len(c) > k {
			// Spread over the band rather than the k most frequent.
			step := len(c) / k
			out := make([]string, 0, k)
			for i := 0; i < k; i++ {
				out = append(out, c[i*step])
			}
			c = out
		}
		return c
	}
	terms := pick(df, 8, 0.10, 0.40, 5)
	common := pick(df, 7, 0.35, 0.90, 15)
	phrases := pick(pairs, 13, 0.05, 0.60, 5)
	if len(terms) < 5 || len(common) < 15 || len(phrases) < 1 {
		return nil, fmt.Errorf("benchscale: too few query words in the corpus (%d terms, %d common, %d phrases)", len(terms), len(common), len(phrases))
	}
	var bigD string
	for d, c := range dossiers {
		if c > dossiers[bigD] || c == dossiers[bigD] && d < bigD {
			bigD = d
		}
	}
	sort.Strings(dates)
	from, to := dates[len(dates)/4], dates[len(dates)/2]
	deep := min(1000, max(10, n/20))
	var mix []Query
	for i := 0; i < 5; i++ {
		t := terms[i]
		mix = append(mix,
			Query{Name: "term", Words: t},
			Query{Name: "phrase", Words: phrases[i%len(phrases)], Phrase: true},
			Query{Name: "three words", Words: strings.Join(common[3*i:3*i+3], " ")},
			Query{Name: "facets", Words: t, Facets: true},
			Query{Name: "filters", Words: t, Dossier: bigD, From: from, To: to},
			Query{Name: "sort date", Words: t, Sort: "date"},
			Query{Name: "sort cited-by", Words: t, Sort: "cited_by"},
			Query{Name: "deep cursor", Words: common[i], Sort: "date", Deep: deep},
		)
	}
	return mix, nil
}

// loadAvg returns the 1-minute load average ("" where unknown).
func loadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return ""
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return ""
	}
	return strings.Join(f[:3], " ")
}

func ratio(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}

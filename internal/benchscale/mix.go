package benchscale

import (
	"context"
	"fmt"
	"net/url"
	"sort"
	"sync"
	"sync/atomic"
	"time"
)

// Query is one query of the search mix, in terms both sides understand.
type Query struct {
	// Name is the kind of query ("term", "phrase", ...); several queries of
	// a kind (other words) share it.
	Name string `json:"name"`
	// Words are the query words; Phrase asks for them in a row.
	Words  string `json:"words"`
	Phrase bool   `json:"phrase,omitempty"`
	// Facets asks for counts by type, dossier, vergaderjaar and sender.
	Facets bool `json:"facets,omitempty"`
	// Dossier, From and To (YYYY-MM-DD, inclusive) filter.
	Dossier string `json:"dossier,omitempty"`
	From    string `json:"from,omitempty"`
	To      string `json:"to,omitempty"`
	// Sort is "" (relevance), "date" (newest first) or "cited_by".
	Sort string `json:"sort,omitempty"`
	// Deep, when positive, asks for the page of ten after the first Deep
	// hits, reached with a cursor.
	Deep int `json:"deep,omitempty"`

	// Where a deep page continues: kamerzoek's cursor, bleve's sort values.
	cursor string
	after  []string
}

// Params returns the query as kamerzoek's GET /api/v1/search parameters
// (without a cursor).
func (q Query) Params() url.Values {
	v := url.Values{}
	w := q.Words
	if q.Phrase {
		w = `"` + w + `"`
	}
	v.Set("q", w)
	v.Set("size", "10")
	if q.Facets {
		v.Set("facets", "true")
	}
	if q.Dossier != "" {
		v.Set("dossier", q.Dossier)
	}
	if q.From != "" {
		v.Set("from", q.From)
		v.Set("to", q.To)
	}
	if q.Sort != "" {
		v.Set("sort", q.Sort)
	}
	return v
}

// MixOptions says how often the mix runs.
type MixOptions struct {
	// Rounds is how many times one client runs the whole mix (default 50);
	// the four clients together run it as often.
	Rounds int `json:"rounds"`
	// Clients is the number of concurrent clients of the second run
	// (default 4).
	Clients int `json:"clients"`
}

func (o MixOptions) withDefaults() MixOptions {
	if o.Rounds <= 0 {
		o.Rounds = 50
	}
	if o.Clients <= 0 {
		o.Clients = 4
	}
	return o
}

// Latency is a set of timings of one kind of query.
type Latency struct {
	N   int     `json:"n"`
	P50 float64 `json:"p50_ms"`
	P99 float64 `json:"p99_ms"`
}

// SideResult is what serving and querying one side measured.
type SideResult struct {
	// FirstAnswer is when the first search was answered.
	FirstAnswer time.Time `json:"first_answer"`
	// Search holds the one-client latencies by query kind, Search4 those
	// under Clients concurrent clients.
	Search  map[string]Latency `json:"search"`
	Search4 map[string]Latency `json:"search4"`
	// Hits is the total of the first query of each kind (a check that the
	// query finds something).
	Hits map[string]int `json:"hits"`
	// Cold is, by query kind, the slowest first run of a query of that
	// kind: the warm-up run, on pages of the index that may not be in
	// memory yet. It is reported beside the timed runs, not in them.
	Cold map[string]float64 `json:"cold_ms"`
	// QPS1 and QPS4 are the throughputs, queries a second, of one and of
	// Clients clients.
	QPS1 float64 `json:"qps1"`
	QPS4 float64 `json:"qps4"`
	// RSS and PeakRSS are the serving process's resident memory after the
	// mix and its high-water mark, in bytes.
	RSS     int64 `json:"rss"`
	PeakRSS int64 `json:"peak_rss"`
}

// RunMix runs every query of mix once to warm up (recording the hits of
// the first of each kind and the slowest warm-up of each kind in
// res.Cold), then the mix o.Rounds times with one client, then as many
// times with o.Clients clients taking its queries from one queue, timing
// each call of do (which answers a query and returns its total), and
// fills res. The warm-up
// keeps the first read of a query's postings from disk out of the
// percentiles of both sides alike: those measure a query on an index that
// is in memory, the warm-up column one that is not.
func RunMix(ctx context.Context, mix []Query, o MixOptions, do func(context.Context, Query) (int, error), res *SideResult) error {
	o = o.withDefaults()
	res.Hits = map[string]int{}
	res.Cold = map[string]float64{}
	for _, q := range mix {
		t0 := time.Now()
		n, err := do(ctx, q)
		ms := float64(time.Since(t0).Microseconds()) / 1000
		if err != nil {
			return fmt.Errorf("benchscale: %s %q: %w", q.Name, q.Words, err)
		}
		if _, ok := res.Hits[q.Name]; !ok {
			res.Hits[q.Name] = n
		}
		res.Cold[q.Name] = max(res.Cold[q.Name], ms)
	}
	// The clients take the queries of the rounds from one queue, in the
	// order one client runs them, so that all of them stay busy to the
	// end: with a fixed share each, the clients that finish first would
	// leave the last ones running alone and lower the throughput.
	run := func(clients int) (map[string][]float64, float64, error) {
		var mu sync.Mutex
		times := map[string][]float64{}
		var firstErr error
		var wg sync.WaitGroup
		var next atomic.Int64
		total := int64(o.Rounds * len(mix))
		start := time.Now()
		for c := 0; c < clients; c++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				local := map[string][]float64{}
				defer func() {
					mu.Lock()
					for k, v := range local {
						times[k] = append(times[k], v...)
					}
					mu.Unlock()
				}()
				for {
					j := next.Add(1) - 1
					if j >= total {
						return
					}
					r, k := int(j)/len(mix), int(j)%len(mix)
					q := mix[(k+r)%len(mix)]
					t0 := time.Now()
					_, err := do(ctx, q)
					d := time.Since(t0)
					if err != nil {
						mu.Lock()
						if firstErr == nil {
							firstErr = fmt.Errorf("benchscale: %s %q: %w", q.Name, q.Words, err)
						}
						mu.Unlock()
						next.Store(total) // the others stop too
						return
					}
					local[q.Name] = append(local[q.Name], float64(d.Microseconds())/1000)
				}
			}()
		}
		wg.Wait()
		el := time.Since(start).Seconds()
		n := 0
		for _, v := range times {
			n += len(v)
		}
		return times, float64(n) / el, firstErr
	}
	t1, qps1, err := run(1)
	if err != nil {
		return err
	}
	t4, qps4, err := run(o.Clients)
	if err != nil {
		return err
	}
	res.Search, res.Search4 = latencies(t1), latencies(t4)
	res.QPS1, res.QPS4 = qps1, qps4
	return nil
}

func latencies(times map[string][]float64) map[string]Latency {
	out := map[string]Latency{}
	for k, v := range times {
		out[k] = Latency{N: len(v), P50: Percentile(v, 50), P99: Percentile(v, 99)}
	}
	return out
}

// Percentile returns the p-th percentile of v (nearest rank), 0 for none.
// v is sorted in place.
func Percentile(v []float64, p float64) float64 {
	if len(v) == 0 {
		return 0
	}
	sort.Float64s(v)
	k := int(p/100*float64(len(v))+0.999999) - 1
	return v[min(max(k, 0), len(v)-1)]
}

package benchscale

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"time"
)

// ReindexResult is what a reindex through the serving process measured:
// POST /api/v1/reindex re-extracts every stored document into a new index
// while the old one answers, and one client keeps running the search mix
// until the reindex answers: one query after the other, or one query every
// Every.
type ReindexResult struct {
	Seconds float64 `json:"seconds"`
	// EveryMS is the client's pace in milliseconds: a search starts at
	// most every EveryMS (0: one after the other).
	EveryMS float64 `json:"every_ms"`
	// Documents is the count the reindex reports.
	Documents int `json:"documents"`
	// Search holds the latencies of the searches made during the reindex
	// by query kind; Searches and Errors count them (an error is any
	// answer but 200, or no answer).
	Search     map[string]Latency `json:"search"`
	All        Latency            `json:"all"`
	Searches   int                `json:"searches"`
	Errors     int                `json:"errors"`
	FirstError string             `json:"first_error,omitempty"`
	// Quiet is the same client's loop over the mix for a while just
	// before the reindex, with nothing else running: the reference.
	Quiet    map[string]Latency `json:"quiet"`
	QuietAll Latency            `json:"quiet_all"`
	// PeakRSS is the serving process's high-water mark after the reindex.
	PeakRSS int64 `json:"peak_rss"`
	// AnonBefore, PeakAnon and AnonAfter are the serving process's
	// anonymous memory (without mapped index and catalog pages) just
	// before the reindex, its largest sample during it (every anonEvery),
	// and just after it.
	AnonBefore int64 `json:"anon_before"`
	PeakAnon   int64 `json:"peak_anon"`
	AnonAfter  int64 `json:"anon_after"`
}

// Rate is documents reindexed a second.
func (r *ReindexResult) Rate() float64 { return ratio(float64(r.Documents), r.Seconds) }

// reindexStats is the part of POST /reindex's answer the bench reads.
type reindexStats struct {
	Documents int `json:"documents"`
}

// post sends an empty POST to path and decodes the JSON answer into v.
func (c *client) post(ctx context.Context, path string, v any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.base+path, bytes.NewReader(nil))
	if err != nil {
		return err
	}
	// A reindex takes longer than the client's usual timeout.
	hc := *c.hc
	hc.Timeout = 0
	return c.do(&hc, req, v)
}

// searchLoop runs mix until stop is closed (or ctx is done), a query
// starting at most every every (0: one after the other), and returns the latencies by kind and of all
// together, the number of searches, of errors and the first error.
func searchLoop(ctx context.Context, c *client, mix []Query, every time.Duration, stop <-chan struct{}) (map[string]Latency, Latency, int, int, string) {
	times := map[string][]float64{}
	var all []float64
	n, errs, first := 0, 0, ""
	for k := 0; ctx.Err() == nil; k++ {
		select {
		case <-stop:
			return latencies(times), latency(all), n, errs, first
		default:
		}
		q := mix[k%len(mix)]
		t0 := time.Now()
		_, err := c.search(ctx, q)
		d := float64(time.Since(t0).Microseconds()) / 1000
		n++
		if err != nil {
			errs++
			if first == "" {
				first = tail(err.Error(), 300)
			}
		} else {
			times[q.Name] = append(times[q.Name], d)
			all = append(all, d)
		}
		if wait := every - time.Since(t0); wait > 0 {
			select {
			case <-stop:
			case <-ctx.Done():
			case <-time.After(wait):
			}
		}
	}
	return latencies(times), latency(all), n, errs, first
}

func latency(v []float64) Latency {
	return Latency{N: len(v), P50: Percentile(v, 50), P99: Percentile(v, 99)}
}

// reindexUnderLoad runs mix for quiet with one client, a query at most
// every every, then asks srv to reindex and runs mix the same way until the
// reindex has answered.
func reindexUnderLoad(ctx context.Context, srv *server, mix []Query, quiet, every time.Duration) (*ReindexResult, error) {
	res := &ReindexResult{EveryMS: float64(every.Microseconds()) / 1000}
	stop := make(chan struct{})
	timer := time.AfterFunc(quiet, func() { close(stop) })
	defer timer.Stop()
	var n, errs int
	var first string
	res.Quiet, res.QuietAll, n, errs, _ = searchLoop(ctx, srv.c, mix, every, stop)
	if errs > 0 {
		return nil, fmt.Errorf("benchscale: %d of %d searches failed before the reindex", errs, n)
	}
	done := make(chan struct{})
	pid := srv.cmd.Process.Pid
	res.AnonBefore = procAnon(pid)
	peak := anonPeak(pid, done)
	var rerr error
	start := time.Now()
	go func() {
		defer close(done)
		var st reindexStats
		rerr = srv.c.post(ctx, "/api/v1/reindex", &st)
		res.Seconds = time.Since(start).Seconds()
		res.Documents = st.Documents
	}()
	res.Search, res.All, res.Searches, res.Errors, first = searchLoop(ctx, srv.c, mix, every, done)
	<-done
	res.FirstError = first
	if rerr != nil {
		return nil, fmt.Errorf("benchscale: reindex: %w", rerr)
	}
	res.PeakAnon, res.AnonAfter = <-peak, procAnon(pid)
	_, res.PeakRSS = procRSS(pid)
	return res, nil
}

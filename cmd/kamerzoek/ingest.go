package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"kamerzoek/internal/ingest"
)

func cmdIngest(e *env, fs *flag.FlagSet, args []string) int {
	workers := fs.Int("workers", 0, "parallel parsers (default: one per CPU)")
	batch := fs.Int("batch", 0, "documents per index batch (default 256)")
	timeout := fs.Duration("timeout", 0, "time limit for parsing one file (default 2m)")
	maxPages := fs.Int("max-pages", 0, "pages limit of one PDF (default 2000)")
	quiet := fs.Bool("q", false, "no progress output")
	jsonOut := fs.Bool("json", false, "print one JSON line per file as it finishes (file, status, id, pages, reason) instead of the summary table")
	backend := addBackendFlags(fs)
	paths, ok := parse(fs, args)
	if !ok {
		return 2
	}
	if len(paths) == 0 {
		fs.Usage()
		return 2
	}
	indexes, code := backend.openerOrExit(e, e.log)
	if code != 0 {
		return code
	}
	c, err := ingest.Open(ingest.Options{Dir: e.dataDir, Logger: e.log, Workers: *workers, BatchSize: *batch,
		Parse: ingest.ParseOptions{Timeout: *timeout, MaxPages: *maxPages}, Indexes: indexes,
		// It only writes: the server loads the graph from the catalog.
		WithoutGraph: true})
	if err != nil {
		fmt.Fprintln(e.stderr, "kamerzoek:", err)
		if base, ok := runningServer(e.dataDir); ok && errors.Is(err, ingest.ErrLocked) {
			fmt.Fprintf(e.stderr, "kamerzoek: it is served at %s: upload there (curl -F file=@FILE %s/api/v1/documents) or use serve --watch\n", base, base)
		}
		return 1
	}
	defer c.Close()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	var progress func(ingest.Progress)
	if !*quiet {
		progress = newProgress(e.stderr, isTerminal(e.stderr))
	}
	if *jsonOut {
		lines := jsonLines(e.stdout)
		show := progress
		progress = func(p ingest.Progress) {
			lines(p)
			if show != nil {
				show(p)
			}
		}
	}
	sum := c.Ingest(ctx, paths, progress)
	if !*jsonOut {
		writeSummary(e.stdout, &sum)
	}
	if ctx.Err() != nil {
		fmt.Fprintln(e.stderr, "kamerzoek: ingest: interrupted; run it again to finish")
		return 1
	}
	if !sum.OK() {
		return 1
	}
	return 0
}

func cmdReindex(e *env, fs *flag.FlagSet, args []string) int {
	workers := fs.Int("workers", 0, "parallel parsers (default: one per CPU)")
	backend := addBackendFlags(fs)
	if _, ok := parse(fs, args); !ok {
		return 2
	}
	indexes, code := backend.openerOrExit(e, e.log)
	if code != 0 {
		return code
	}
	c, err := ingest.Open(ingest.Options{Dir: e.dataDir, Logger: e.log, Workers: *workers, Indexes: indexes})
	if err != nil {
		fmt.Fprintln(e.stderr, "kamerzoek:", err)
		return 1
	}
	defer c.Close()
	start := time.Now()
	st, err := c.Reindex(context.Background())
	if err != nil {
		fmt.Fprintln(e.stderr, "kamerzoek: reindex:", err)
		return 1
	}
	fmt.Fprintf(e.stdout, "reindexed %d documents in %.1fs (extractor version %s; %d were stale, %d changed id) into %s\n",
		st.Documents, time.Since(start).Seconds(), st.To, st.Stale, st.Changed, st.Index)
	for _, f := range st.Failed {
		fmt.Fprintf(e.stdout, "  kept the old parse of %s (%s): %s\n", f.ID, f.File, f.Reason)
	}
	return 0
}

// isTerminal reports whether w is a character device (a terminal).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// newProgress returns a progress reporter: a bar with rate and ETA
// redrawn in place on a terminal, a plain line every few seconds
// otherwise.
func newProgress(w io.Writer, tty bool) func(ingest.Progress) {
	var last time.Time
	return func(p ingest.Progress) {
		now := time.Now()
		final := p.Done == p.Total
		if !final && now.Sub(last) < map[bool]time.Duration{true: 100 * time.Millisecond, false: 5 * time.Second}[tty] {
			return
		}
		last = now
		el := now.Sub(p.Started).Seconds()
		rate := 0.0
		if el > 0 {
			rate = float64(max(p.Parsed, p.Done)) / el
		}
		eta := "?"
		if rate > 0 {
			eta = (time.Duration(float64(p.Total-max(p.Parsed, p.Done))/rate) * time.Second).Round(time.Second).String()
		}
		if !tty {
			fmt.Fprintf(w, "ingest: %d/%d files parsed, %d stored or failed, %d pages, %.1f files/s, eta %s\n",
				max(p.Parsed, p.Done), p.Total, p.Done, p.Pages, rate, eta)
			return
		}
		const width = 30
		n, m := width, width
		if p.Total > 0 {
			n, m = width*p.Done/p.Total, width*max(p.Parsed, p.Done)/p.Total
		}
		bar := strings.Repeat("=", n) + strings.Repeat("-", m-n) + strings.Repeat(" ", width-m)
		fmt.Fprintf(w, "\r[%s] %d/%d  %.1f files/s  %.0f pages/s  eta %-8s", bar, p.Done, p.Total, rate, float64(p.Pages)/max(el, 1e-9), eta)
		if final {
			fmt.Fprintln(w)
		}
	}
}

// writeSummary prints the counts, the speed and every file that was not
// ingested with its reason.
func writeSummary(w io.Writer, s *ingest.Summary) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "outcome\tfiles\t")
	fmt.Fprintf(tw, "ingested\t%d\t\n", s.Ingested)
	fmt.Fprintf(tw, "duplicate\t%d\t\n", s.Duplicates)
	fmt.Fprintf(tw, "no text layer\t%d\t\n", s.NoText)
	fmt.Fprintf(tw, "failed\t%d\t\n", s.Failed)
	fmt.Fprintf(tw, "total\t%d\t\n", len(s.Outcomes))
	tw.Flush()
	secs := s.Elapsed.Seconds()
	if secs > 0 {
		fmt.Fprintf(w, "%d pages ingested in %.2fs: %.1f files/s, %.1f pages/s\n",
			s.Pages, secs, float64(len(s.Outcomes))/secs, float64(s.Pages)/secs)
	}
	var bad []ingest.Outcome
	for _, o := range s.Outcomes {
		if !o.OK() {
			bad = append(bad, o)
		}
	}
	if len(bad) == 0 {
		return
	}
	fmt.Fprintln(w, "\nnot ingested:")
	tw = tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for _, o := range bad {
		fmt.Fprintf(tw, "  %s\t%s\t%s\n", o.File, o.Status, oneLine(o.Reason))
	}
	tw.Flush()
}

func oneLine(s string) string {
	s = strings.ReplaceAll(s, "\n", " ")
	if len(s) > 200 {
		s = s[:200] + "…"
	}
	return s
}

// fileLine is one line of ingest --json.
type fileLine struct {
	File   string `json:"file"`
	Status string `json:"status"`
	ID     string `json:"id"`
	Pages  int    `json:"pages"`
	Reason string `json:"reason"`
}

// jsonLines returns a progress function that writes one JSON line to w for
// every file as it finishes, each in one write.
func jsonLines(w io.Writer) func(ingest.Progress) {
	done := 0
	return func(p ingest.Progress) {
		if p.Done == done {
			return // a file parsed, not yet finished
		}
		done = p.Done
		o := p.Last
		b, err := json.Marshal(fileLine{File: o.File, Status: string(o.Status), ID: o.ID, Pages: o.Pages, Reason: o.Reason})
		if err != nil {
			return
		}
		_, _ = w.Write(append(b, '\n'))
	}
}

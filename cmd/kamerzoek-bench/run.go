package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"kamerzoek/internal/benchscale"
	"kamerzoek/internal/scalecorpus"
	"kamerzoek/internal/searchd"
)

const usage = `usage: kamerzoek-bench <command> [flags]

commands:
  run        generate the corpus, measure kamerzoek and plain bleve, write the report
  generate   only write the corpus
  plain-ingest, plain-serve   the plain bleve side (run by "run" as child processes)
`

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	log := slog.New(slog.NewTextHandler(stderr, nil))
	fs := flag.NewFlagSet("kamerzoek-bench "+args[0], flag.ContinueOnError)
	fs.SetOutput(stderr)
	switch args[0] {
	case "run":
		return cmdRun(ctx, fs, args[1:], stdout, stderr, log)
	case "generate":
		return cmdGenerate(ctx, fs, args[1:], stdout, stderr)
	case "plain-ingest":
		return cmdPlainIngest(ctx, fs, args[1:], stdout, stderr)
	case "plain-serve":
		return cmdPlainServe(ctx, fs, args[1:], stdout, stderr)
	}
	fmt.Fprint(stderr, usage)
	return 2
}

func sourcesFlag(fs *flag.FlagSet) *string {
	return fs.String("sources", "../shared/seed,../shared/realdata", "comma-separated files or folders whose sentences the letters are made of")
}

func split(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func cmdRun(ctx context.Context, fs *flag.FlagSet, args []string, stdout, stderr io.Writer, log *slog.Logger) int {
	n := fs.Int("n", 10000, "letters in the corpus")
	seed := fs.Uint64("seed", 1, "corpus seed")
	out := fs.String("out", "bench-scale", "output folder (corpus, data directories, result.json, report.md)")
	bin := fs.String("bin", "bin/kamerzoek", "kamerzoek binary to measure")
	rounds := fs.Int("rounds", 20, "times one client runs the search mix (40 queries)")
	clients := fs.Int("clients", 4, "concurrent clients of the throughput run")
	graphRounds := fs.Int("graph-rounds", 200, "times each graph query runs")
	reindex := fs.Bool("reindex", false, "also reindex the whole corpus through the serving process (POST /api/v1/reindex) while a client keeps searching")
	reindexEvery := fs.Duration("reindex-every", 500*time.Millisecond, "with -reindex: start a search at most this often during the reindex (0: one after the other)")
	serveOnly := fs.Bool("serve-only", false, "skip ingesting: measure serving on the data directories of the earlier run in -out (same -n and -seed), reporting that run's ingest figures")
	backend := fs.String("backend", "bleve", "search backend of kamerzoek: bleve, or sphinx (a two-node searchd cluster started on loopback ports in OUT/sphinx-cluster)")
	sources := sourcesFlag(fs)
	if fs.Parse(args) != nil {
		return 2
	}
	var backendArgs []string
	switch *backend {
	case "bleve":
	case "sphinx":
		bin, err := searchd.Binary()
		if err != nil {
			fmt.Fprintln(stderr, "kamerzoek-bench:", err)
			return 1
		}
		dir := filepath.Join(*out, "sphinx-cluster")
		if err := os.RemoveAll(dir); err != nil {
			fmt.Fprintln(stderr, "kamerzoek-bench:", err)
			return 1
		}
		cluster, err := searchd.StartLocal(bin, dir, 2)
		if err != nil {
			fmt.Fprintln(stderr, "kamerzoek-bench:", err)
			return 1
		}
		defer cluster.Stop()
		log.Info("sphinx cluster", "nodes", strings.Join(cluster.Nodes, ","))
		backendArgs = []string{"--search-backend", "sphinx", "--sphinx-nodes", strings.Join(cluster.Nodes, ",")}
	default:
		fmt.Fprintf(stderr, "kamerzoek-bench: unknown backend %q (bleve or sphinx)\n", *backend)
		return 2
	}
	exe, err := os.Executable()
	if err != nil {
		fmt.Fprintln(stderr, "kamerzoek-bench:", err)
		return 1
	}
	absBin, err := filepath.Abs(*bin)
	if err != nil {
		fmt.Fprintln(stderr, "kamerzoek-bench:", err)
		return 1
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		fmt.Fprintln(stderr, "kamerzoek-bench:", err)
		return 1
	}
	res, err := benchscale.Run(ctx, benchscale.Options{N: *n, Seed: *seed, Out: *out, Bin: absBin, Plain: []string{exe},
		Sources: split(*sources), Mix: benchscale.MixOptions{Rounds: *rounds, Clients: *clients}, GraphRounds: *graphRounds, Reindex: *reindex, ReindexEvery: *reindexEvery, ServeOnly: *serveOnly, BackendArgs: backendArgs, Logger: log})
	if err != nil {
		fmt.Fprintln(stderr, "kamerzoek-bench:", err)
		return 1
	}
	rep := benchscale.Report(res)
	fmt.Fprint(stdout, rep)
	if err := os.WriteFile(filepath.Join(*out, "report.md"), []byte(rep), 0o644); err != nil {
		fmt.Fprintln(stderr, "kamerzoek-bench:", err)
		return 1
	}
	return 0
}

func cmdGenerate(ctx context.Context, fs *flag.FlagSet, args []string, stdout, stderr io.Writer) int {
	n := fs.Int("n", 1000, "letters in the corpus")
	seed := fs.Uint64("seed", 1, "corpus seed")
	out := fs.String("out", "", "folder to write the corpus into (required, must not exist)")
	sources := sourcesFlag(fs)
	if fs.Parse(args) != nil {
		return 2
	}
	if *out == "" {
		fmt.Fprintln(stderr, "kamerzoek-bench generate: -out is required")
		return 2
	}
	if _, err := os.Stat(*out); err == nil {
		fmt.Fprintf(stderr, "kamerzoek-bench generate: %s exists\n", *out)
		return 1
	}
	m, err := scalecorpus.LoadMaterial(ctx, split(*sources))
	if err != nil {
		fmt.Fprintln(stderr, "kamerzoek-bench:", err)
		return 1
	}
	sum, err := scalecorpus.Write(ctx, *out, m, scalecorpus.Options{N: *n, Seed: *seed})
	if err != nil {
		fmt.Fprintln(stderr, "kamerzoek-bench:", err)
		return 1
	}
	fmt.Fprintf(stdout, "%d letters, %.1f MB, %d words, %d footnotes, %d citations in %s\n",
		sum.Letters, float64(sum.Bytes)/1e6, sum.Words, sum.Footnotes, sum.Citations, *out)
	return 0
}

func cmdPlainIngest(ctx context.Context, fs *flag.FlagSet, args []string, stdout, stderr io.Writer) int {
	index := fs.String("index", "", "plain bleve index folder")
	corpus := fs.String("corpus", "", "corpus folder")
	from := fs.Int("from", 0, "first part")
	to := fs.Int("to", scalecorpus.Parts, "part after the last")
	if fs.Parse(args) != nil || *index == "" || *corpus == "" {
		return 2
	}
	n, err := benchscale.PlainIngest(ctx, *index, *corpus, *from, *to)
	if err != nil {
		fmt.Fprintln(stderr, "kamerzoek-bench:", err)
		return 1
	}
	fmt.Fprintf(stdout, "indexed %d letters\n", n)
	return 0
}

func cmdPlainServe(ctx context.Context, fs *flag.FlagSet, args []string, stdout, stderr io.Writer) int {
	index := fs.String("index", "", "plain bleve index folder")
	mixFile := fs.String("mix", "", "query mix (JSON)")
	rounds := fs.Int("rounds", 20, "times one client runs the mix")
	clients := fs.Int("clients", 4, "concurrent clients")
	if fs.Parse(args) != nil || *index == "" || *mixFile == "" {
		return 2
	}
	b, err := os.ReadFile(*mixFile)
	if err != nil {
		fmt.Fprintln(stderr, "kamerzoek-bench:", err)
		return 1
	}
	var mix []benchscale.Query
	if err := json.Unmarshal(b, &mix); err != nil {
		fmt.Fprintln(stderr, "kamerzoek-bench:", err)
		return 1
	}
	res, err := benchscale.PlainServe(ctx, *index, mix, benchscale.MixOptions{Rounds: *rounds, Clients: *clients})
	if err != nil {
		fmt.Fprintln(stderr, "kamerzoek-bench:", err)
		return 1
	}
	if err := json.NewEncoder(stdout).Encode(res); err != nil {
		fmt.Fprintln(stderr, "kamerzoek-bench:", err)
		return 1
	}
	return 0
}

package main

import (
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"sort"

	"kamerzoek/indexer"
	"kamerzoek/internal/ingest"
)

// env is what every command gets: its streams and the common flags.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	dataDir        string
	log            *slog.Logger
	// indexes opens the indexes of dataDir (nil: embedded, in dataDir);
	// commands that open the index set it from their backend flags.
	indexes indexer.Opener
}

// command is one `kamerzoek <name>` subcommand. run parses its own flags
// from args (the common ones already bound on fs) and returns the exit code.
type command struct {
	usage string
	help  string
	run   func(e *env, fs *flag.FlagSet, args []string) int
}

// commands lists every subcommand; each is defined in a file of its own.
var commands = map[string]command{
	"serve":    {"serve [--addr HOST:PORT] [--watch DIR] [backend flags]", "serve the HTTP API (ingests corpus/ on first start)", cmdServe},
	"ingest":   {"ingest [backend flags] PATH...", "ingest files, folders and zip archives", cmdIngest},
	"reindex":  {"reindex [backend flags]", "re-parse stored originals and rebuild index and graph", cmdReindex},
	"show":     {"show ID", "print a document as JSON", cmdShow},
	"text":     {"text FILE.pdf", "print the text layer of a PDF as kamerzoek reads it", cmdText},
	"search":   {"search [backend flags] QUERY", "full-text search", cmdSearch},
	"refs":     {"refs [FILE|-]", "list the references in a text, PDF or XML file, one JSON object per line", cmdRefs},
	"cites":    {"cites ID", "documents that ID cites", cmdCites},
	"cited-by": {"cited-by ID", "documents that cite ID", cmdCitedBy},
	"graph":    {"graph export --format json|csv|graphml|gexf|dot", "citation graph queries and exports", cmdGraph},

	"cluster-config": {"cluster-config --shards N --dir DIR [--port P] [--host H]", "write the configuration of a Sphinx searchd cluster for the search index", cmdClusterConfig},
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		printUsage(stdout)
		return 0
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "kamerzoek: unknown command %q\n\n", args[0])
		printUsage(stderr)
		return 2
	}
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr}
	fs := flag.NewFlagSet("kamerzoek "+args[0], flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&e.dataDir, "data", "./data", "data directory (store, index)")
	verbose := fs.Bool("v", false, "verbose logging")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: kamerzoek %s\n\n%s\n\nflags:\n", cmd.usage, cmd.help)
		fs.PrintDefaults()
	}
	level := slog.LevelWarn
	e.log = slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: &dynamicLevel{&level, verbose}}))
	return cmd.run(e, fs, args[1:])
}

// dynamicLevel reads -v after flag parsing.
type dynamicLevel struct {
	base    *slog.Level
	verbose *bool
}

func (d *dynamicLevel) Level() slog.Level {
	if *d.verbose {
		return slog.LevelDebug
	}
	return *d.base
}

func printUsage(w io.Writer) {
	fmt.Fprintln(w, "kamerzoek: search and citation graph for Dutch parliamentary documents")
	fmt.Fprintln(w, "\nusage: kamerzoek <command> [flags] [args]\n\ncommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-10s %s\n", n, commands[n].help)
	}
	fmt.Fprintln(w, "\nEvery command takes --data DIR (default ./data). `kamerzoek <command> -h` for its flags.")
	fmt.Fprintln(w, "The commands that open the index (serve, ingest, reindex, search) take the backend flags:")
	fmt.Fprintln(w, "  --search-backend bleve|sphinx (default bleve), --sphinx-nodes host:port,host:port,")
	fmt.Fprintln(w, "  --config FILE (lines \"search-backend = sphinx\", \"sphinx-nodes = ...\"; flags override it).")
}

// parse parses fs, allowing flags after positional arguments
// ("search ondermijning --type brief"), and returns the positional ones.
// ok is false on a usage error, which fs has already reported.
func parse(fs *flag.FlagSet, args []string) (positional []string, ok bool) {
	for {
		if err := fs.Parse(args); err != nil {
			return nil, false
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return positional, true
		}
		if rest[0] == "--" {
			return append(positional, rest[1:]...), true
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
}

// parseCount is parse for a command that takes exactly n positional
// arguments: on any other number it prints fs's usage. ok is false when the
// caller should exit with status 2.
func parseCount(fs *flag.FlagSet, args []string, n int) (positional []string, ok bool) {
	positional, ok = parse(fs, args)
	if !ok {
		return nil, false
	}
	if len(positional) != n {
		fs.Usage()
		return nil, false
	}
	return positional, true
}

// openCorpus opens the corpus in e.dataDir.
func openCorpus(e *env) (*ingest.Corpus, error) {
	if err := os.MkdirAll(e.dataDir, 0o755); err != nil {
		return nil, err
	}
	return ingest.Open(ingest.Options{Dir: e.dataDir, Logger: e.log, Indexes: e.indexes})
}

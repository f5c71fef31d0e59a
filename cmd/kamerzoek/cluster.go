package main

import (
	"flag"
	"fmt"
	"strings"

	"kamerzoek/internal/searchd"
)

// cmdClusterConfig writes the searchd configuration of a cluster of
// Sphinx (or Manticore) nodes that keeps the search index, one folder per
// shard, prints how to start each node, and prints the --sphinx-nodes
// value on its last line.
func cmdClusterConfig(e *env, fs *flag.FlagSet, args []string) int {
	shards := fs.Int("shards", 2, "number of shards (one searchd node each)")
	dir := fs.String("dir", "", "folder to write shard-<i>/searchd.conf into (required)")
	port := fs.Int("port", 9306, "SphinxQL port of shard 0; shard i listens on port+i, and for its agents on port+shards+i")
	host := fs.String("host", "127.0.0.1", "address the nodes listen on and reach each other at")
	if _, ok := parseCount(fs, args, 0); !ok {
		return 2
	}
	if *dir == "" {
		fmt.Fprintln(e.stderr, "kamerzoek: cluster-config: --dir is required")
		return 2
	}
	nodes, err := searchd.WriteConfigs(*dir, *shards, *host, *port)
	if err != nil {
		fmt.Fprintf(e.stderr, "kamerzoek: cluster-config: %v\n", err)
		return 1
	}
	fmt.Fprintf(e.stdout, "wrote the configuration of %d shards under %s; start each node with:\n", *shards, *dir)
	for i := range nodes {
		fmt.Fprintf(e.stdout, "  searchd --config %s\n", searchd.ConfigPath(*dir, i))
	}
	fmt.Fprintln(e.stdout, "and give kamerzoek the nodes with --search-backend sphinx --sphinx-nodes:")
	fmt.Fprintln(e.stdout, strings.Join(nodes, ","))
	return 0
}

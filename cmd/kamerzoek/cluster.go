package main

import (
	"flag"
	"fmt"

	"kamerzoek/internal/searchd"
)

// cmdClusterConfig writes the searchd configuration of a cluster of
// Sphinx (or Manticore) nodes that keeps the search index, one folder per
// node, prints how to start each node, and prints the --sphinx-nodes
// value on its last line (the mirrors of a shard separated by "|").
func cmdClusterConfig(e *env, fs *flag.FlagSet, args []string) int {
	shards := fs.Int("shards", 2, "number of shards")
	mirrors := fs.Int("mirrors", 1, "number of nodes keeping each shard (mirrors, for failover)")
	dir := fs.String("dir", "", "folder to write shard-<i>/searchd.conf (shard-<i>-<m>/searchd.conf with mirrors) into (required)")
	port := fs.Int("port", 9306, "SphinxQL port of the first node; node k = shard*mirrors+mirror listens on port+k, and for its agents on port+shards*mirrors+k")
	host := fs.String("host", "127.0.0.1", "address the nodes listen on and reach each other at")
	if _, ok := parseCount(fs, args, 0); !ok {
		return 2
	}
	if *dir == "" {
		fmt.Fprintln(e.stderr, "kamerzoek: cluster-config: --dir is required")
		return 2
	}
	if *mirrors < 1 {
		fmt.Fprintf(e.stderr, "kamerzoek: cluster-config: --mirrors must be 1 or more, not %d\n", *mirrors)
		return 2
	}
	nodes, err := searchd.WriteMirroredConfigs(*dir, *shards, *mirrors, *host, *port)
	if err != nil {
		fmt.Fprintf(e.stderr, "kamerzoek: cluster-config: %v\n", err)
		return 1
	}
	if *mirrors == 1 {
		fmt.Fprintf(e.stdout, "wrote the configuration of %d shards under %s; start each node with:\n", *shards, *dir)
	} else {
		fmt.Fprintf(e.stdout, "wrote the configuration of %d shards of %d mirrors each under %s; start each node with:\n", *shards, *mirrors, *dir)
	}
	for i := range nodes {
		for m := range nodes[i] {
			fmt.Fprintf(e.stdout, "  searchd --config %s\n", searchd.NodeConfigPath(*dir, i, m, *mirrors))
		}
	}
	fmt.Fprintln(e.stdout, "and give kamerzoek the nodes with --search-backend sphinx --sphinx-nodes:")
	fmt.Fprintln(e.stdout, searchd.NodesFlag(nodes))
	return 0
}

package main

import (
	"flag"
	"fmt"
)

func cmdCites(e *env, fs *flag.FlagSet, args []string) int {
	fmt.Fprintln(e.stderr, "kamerzoek: cmdCites: not available yet")
	return 1
}

func cmdCitedBy(e *env, fs *flag.FlagSet, args []string) int {
	fmt.Fprintln(e.stderr, "kamerzoek: cmdCitedBy: not available yet")
	return 1
}

func cmdGraph(e *env, fs *flag.FlagSet, args []string) int {
	fmt.Fprintln(e.stderr, "kamerzoek: cmdGraph: not available yet")
	return 1
}

package main

import (
	"flag"
	"fmt"
)

func cmdIngest(e *env, fs *flag.FlagSet, args []string) int {
	fmt.Fprintln(e.stderr, "kamerzoek: cmdIngest: not available yet")
	return 1
}

func cmdReindex(e *env, fs *flag.FlagSet, args []string) int {
	fmt.Fprintln(e.stderr, "kamerzoek: cmdReindex: not available yet")
	return 1
}

package main

import (
	"flag"
	"fmt"
)

func cmdSearch(e *env, fs *flag.FlagSet, args []string) int {
	fmt.Fprintln(e.stderr, "kamerzoek: cmdSearch: not available yet")
	return 1
}

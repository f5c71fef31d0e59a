package main

import (
	"flag"
	"fmt"
)

func cmdServe(e *env, fs *flag.FlagSet, args []string) int {
	fmt.Fprintln(e.stderr, "kamerzoek: cmdServe: not available yet")
	return 1
}

package main

import (
	"flag"
	"fmt"
)

func cmdRefs(e *env, fs *flag.FlagSet, args []string) int {
	fmt.Fprintln(e.stderr, "kamerzoek: cmdRefs: not available yet")
	return 1
}

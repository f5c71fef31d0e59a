package main

import (
	"flag"
	"fmt"
)

func cmdText(e *env, fs *flag.FlagSet, args []string) int {
	fmt.Fprintln(e.stderr, "kamerzoek: cmdText: not available yet")
	return 1
}

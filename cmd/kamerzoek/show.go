package main

import (
	"flag"
	"fmt"
)

func cmdShow(e *env, fs *flag.FlagSet, args []string) int {
	fmt.Fprintln(e.stderr, "kamerzoek: cmdShow: not available yet")
	return 1
}

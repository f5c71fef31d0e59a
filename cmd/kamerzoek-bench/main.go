// Command kamerzoek-bench generates a synthetic corpus and measures
// kamerzoek on it against plain bleve (see package benchscale).
//
//	kamerzoek-bench run -n 10000 -out bench-scale -bin bin/kamerzoek
//	kamerzoek-bench generate -n 1000 -out corpus-dir
package main

import "os"

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

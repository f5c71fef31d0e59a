// Command kamerzoek ingests Dutch parliamentary documents and serves
// full-text search and a citation graph over them. Run `kamerzoek help`.
package main

import "os"

func main() { os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) }

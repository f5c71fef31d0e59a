package main

import (
	"flag"
	"fmt"
	"os"

	"kamerzoek/internal/pdftext"
)

// cmdText prints the text layer of one PDF as kamerzoek reads it: pages in
// reading order with page markers, superscript markers as ^N, line-end
// hyphenation joined.
func cmdText(e *env, fs *flag.FlagSet, args []string) int {
	pos, ok := parseCount(fs, args, 1)
	if !ok {
		return 2
	}
	data, err := os.ReadFile(pos[0])
	if err != nil {
		fmt.Fprintf(e.stderr, "kamerzoek: text: %v\n", err)
		return 1
	}
	doc, err := pdftext.Read(data, pdftext.Options{})
	if err != nil {
		fmt.Fprintf(e.stderr, "kamerzoek: text: %s: %v\n", pos[0], err)
		return 1
	}
	for _, p := range doc.Pages {
		if p.Err != nil {
			e.log.Warn("page not fully read", "file", pos[0], "page", p.Number, "err", p.Err)
		}
	}
	if err := pdftext.WriteText(e.stdout, doc); err != nil {
		fmt.Fprintf(e.stderr, "kamerzoek: text: %v\n", err)
		return 1
	}
	return 0
}

package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"

	"kamerzoek/internal/document"
	"kamerzoek/internal/ingest"
	"kamerzoek/internal/refs"
)

// cmdRefs prints the references in a file or standard input, one JSON
// object per line. Plain text is scanned as it is, with offsets into the
// input; a PDF or XML file is parsed into a document first, so references
// carry their footnote, section and page, with offsets into that text.
func cmdRefs(e *env, fs *flag.FlagSet, args []string) int {
	self := fs.String("self", "", "canonical id of the text's own document; references to it are dropped")
	kamer := fs.String("kamer", "", `default chamber for Handelingen and Aanhangsel: "tk" or "ek"`)
	args, ok := parse(fs, args)
	if !ok {
		return 2
	}
	if len(args) > 1 {
		fs.Usage()
		return 2
	}
	name := "-"
	if len(args) == 1 {
		name = args[0]
	}
	var data []byte
	var err error
	if name == "-" {
		data, err = io.ReadAll(e.stdin)
	} else {
		data, err = os.ReadFile(name)
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "kamerzoek refs: %v\n", err)
		return 1
	}

	var found []document.Reference
	if ingest.Sniff(data) == document.FormatText {
		res := refs.Extract(string(data), refs.Context{Self: *self, Kamer: *kamer})
		for _, d := range res.Diagnostics {
			fmt.Fprintf(e.stderr, "%s:%d: %s\n", name, d.Start, d.Message)
		}
		found = res.References
	} else {
		var doc *document.Document
		if name == "-" {
			doc, err = ingest.Parse(context.Background(), "stdin", data, ingest.ParseOptions{})
		} else {
			doc, err = ingest.ParseFile(context.Background(), name, ingest.ParseOptions{})
		}
		if err != nil {
			fmt.Fprintf(e.stderr, "kamerzoek refs: %s: %v\n", name, err)
			return 1
		}
		found = doc.References
	}

	w := bufio.NewWriter(e.stdout)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, r := range found {
		if err := enc.Encode(r); err != nil {
			fmt.Fprintf(e.stderr, "kamerzoek refs: %v\n", err)
			return 1
		}
	}
	if err := w.Flush(); err != nil {
		fmt.Fprintf(e.stderr, "kamerzoek refs: %v\n", err)
		return 1
	}
	return 0
}

package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"path/filepath"

	"kamerzoek/internal/store"
)

func cmdShow(e *env, fs *flag.FlagSet, args []string) int {
	ids, ok := parseCount(fs, args, 1)
	if !ok {
		return 2
	}
	// The store alone answers: no index is opened, so show works while a
	// server holds the data directory.
	st, err := store.Open(filepath.Join(e.dataDir, "store"))
	if err != nil {
		fmt.Fprintln(e.stderr, "kamerzoek: show:", err)
		return 1
	}
	rec, err := st.Record(ids[0])
	if err != nil {
		fmt.Fprintln(e.stderr, "kamerzoek: show:", err)
		return 1
	}
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(rec); err != nil {
		fmt.Fprintln(e.stderr, "kamerzoek: show:", err)
		return 1
	}
	return 0
}

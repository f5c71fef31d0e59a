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
	// The record file alone answers: nothing is opened, so show works
	// while a server holds the data directory.
	rec, err := store.ReadRecord(filepath.Join(e.dataDir, "store"), ids[0])
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

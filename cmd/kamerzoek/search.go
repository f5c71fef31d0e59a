package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"html"
	"io"
	"os"
	"strings"

	"kamerzoek/indexer"
	"kamerzoek/internal/ingest"
)

// listFlag is a flag that may be repeated and takes comma-separated values.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error {
	for p := range strings.SplitSeq(v, ",") {
		if p = strings.TrimSpace(p); p != "" {
			*l = append(*l, p)
		}
	}
	return nil
}

func cmdSearch(e *env, fs *flag.FlagSet, args []string) int {
	var dossier, typ, kamer, vj, facets listFlag
	var sender []string
	fs.Var(&dossier, "dossier", "only this dossier (29911, \"36200 VI\"); repeat or comma-separate for several")
	fs.Var(&typ, "type", "only this document type (brief, motie, kamervragen, ...)")
	fs.Var(&kamer, "kamer", "only tk or ek")
	fs.Var(&vj, "vergaderjaar", "only this parliamentary year (2021-2022)")
	fs.Func("sender", "only documents from this sender (exact); repeatable", func(v string) error {
		sender = append(sender, v)
		return nil
	})
	from := fs.String("from", "", "first date, YYYY-MM-DD, YYYY-MM or YYYY")
	to := fs.String("to", "", "last date, YYYY-MM-DD, YYYY-MM or YYYY")
	cites := fs.String("cites", "", "only documents that cite this canonical id")
	sortBy := fs.String("sort", "relevance", "relevance, date (newest first), date_asc or cited_by")
	size := fs.Int("size", indexer.DefaultSize, "hits per page (at most 100)")
	page := fs.Int("page", 1, "page number")
	cursor := fs.String("cursor", "", "continue after a page (its next_cursor)")
	sections := fs.Int("sections", indexer.DefaultSections, "best sections per hit")
	fs.Var(&facets, "facets", "count facets: type, dossier, vergaderjaar, sender, kamer, year (or \"all\")")
	asJSON := fs.Bool("json", false, "print the result as JSON (fragments keep their <mark> tags)")
	backend := addBackendFlags(fs)
	pos, ok := parse(fs, args)
	if !ok {
		return 2
	}
	var code int
	if e.indexes, code = backend.openerOrExit(e, e.log); code != 0 {
		return code
	}
	if len(pos) == 0 && len(dossier)+len(typ)+len(kamer)+len(vj)+len(sender) == 0 && *from == "" && *to == "" && *cites == "" {
		fs.Usage()
		return 2
	}
	if len(facets) == 1 && (facets[0] == "all" || facets[0] == "true") {
		facets = indexer.DefaultFacets
	}
	r := indexer.Request{
		Query: strings.Join(pos, " "), Dossier: dossier, Type: typ, Kamer: kamer, Vergaderjaar: vj,
		Sender: sender, From: *from, To: *to, Sort: *sortBy, Size: *size, Page: *page,
		Cursor: *cursor, Facets: facets, Sections: *sections,
	}
	if *sections == 0 {
		r.Sections = -1
	}
	res, err := searchCorpus(e, r, *cites)
	if err != nil {
		fmt.Fprintln(e.stderr, "kamerzoek: search:", err)
		return 1
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(res); err != nil {
			fmt.Fprintln(e.stderr, "kamerzoek: search:", err)
			return 1
		}
		return 0
	}
	printResult(e.stdout, res, searchTTY(e.stdout))
	return 0
}

// searchCorpus runs r on the corpus in e.dataDir, or, while a server
// holds that directory, through the server's API.
func searchCorpus(e *env, r indexer.Request, cites string) (*indexer.Result, error) {
	c, err := openCorpus(e)
	if errors.Is(err, ingest.ErrLocked) {
		if base, ok := runningServer(e.dataDir); ok {
			return remoteSearch(base, r, cites)
		}
	}
	if err != nil {
		return nil, err
	}
	defer c.Close()
	if cites != "" {
		r.RestrictIDs = true
		r.IDs = c.Graph.CitingIDs(cites)
	}
	return c.CurrentIndex().Search(r)
}

// searchTTY reports whether w is a terminal, where matches are printed bold.
func searchTTY(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// renderFragment turns a highlighted fragment into text: matches in bold
// on a terminal, else between ** **; whitespace collapsed.
func renderFragment(f string, tty bool) string {
	on, off := "**", "**"
	if tty {
		on, off = "\x1b[1m", "\x1b[0m"
	}
	f = strings.ReplaceAll(f, "<mark>", "\x00")
	f = strings.ReplaceAll(f, "</mark>", "\x01")
	f = html.UnescapeString(f)
	f = strings.Join(strings.Fields(f), " ")
	f = strings.ReplaceAll(f, "\x00", on)
	return strings.ReplaceAll(f, "\x01", off)
}

// printResult writes a readable list of hits.
func printResult(w io.Writer, res *indexer.Result, tty bool) {
	noun := "documents"
	if res.Total == 1 {
		noun = "document"
	}
	fmt.Fprintf(w, "%d %s (%.1f ms)\n", res.Total, noun, res.TookMS)
	first := (res.Page - 1) * res.Size
	if res.Page == 0 {
		first = 0
	}
	for i, h := range res.Hits {
		fmt.Fprintln(w)
		meta := []string{h.ID}
		for _, m := range []string{h.Type, h.Date} {
			if m != "" {
				meta = append(meta, m)
			}
		}
		if h.Dossier != "" {
			meta = append(meta, "dossier "+h.Dossier)
		}
		if h.CitedBy > 0 {
			meta = append(meta, fmt.Sprintf("cited by %d", h.CitedBy))
		}
		fmt.Fprintf(w, "%3d. %s\n", first+i+1, strings.Join(meta, "  "))
		if h.Title != "" {
			fmt.Fprintf(w, "     %s\n", h.Title)
		}
		for _, s := range h.Sections {
			loc := strings.Join(s.Path, " › ")
			if loc == "" {
				loc = s.Heading
			}
			if s.Page > 0 {
				loc += fmt.Sprintf(" (p. %d)", s.Page)
			}
			fmt.Fprintf(w, "     § %s\n", loc)
			for _, f := range s.Fragments {
				if strings.Contains(f, "<mark>") {
					fmt.Fprintf(w, "       %s\n", renderFragment(f, tty))
				}
			}
		}
	}
	for _, name := range indexer.FacetNames {
		vals, ok := res.Facets[name]
		if !ok {
			continue
		}
		var parts []string
		for _, v := range vals {
			parts = append(parts, fmt.Sprintf("%s (%d)", v.Value, v.Count))
		}
		fmt.Fprintf(w, "\n%s: %s", name, strings.Join(parts, ", "))
	}
	if len(res.Facets) > 0 {
		fmt.Fprintln(w)
	}
	if res.NextCursor != "" {
		fmt.Fprintf(w, "\nmore: --cursor %s\n", res.NextCursor)
	}
}

package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"kamerzoek/internal/document"
	"kamerzoek/internal/graph"
	"kamerzoek/internal/store"
)

// openGraph loads the citation graph from the store's catalog; while a
// server holds the store, from the record files themselves. No index is
// opened, so graph commands work while a server holds the data directory.
// The returned func releases the store.
func openGraph(e *env) (*graph.Graph, func(), error) {
	dir := filepath.Join(e.dataDir, "store")
	g := graph.New()
	st, err := store.OpenWith(dir, store.Options{LockTimeout: 200 * time.Millisecond})
	if errors.Is(err, store.ErrLocked) {
		err = g.Load(func(add func(*document.Document)) error {
			return store.EachRecordFile(dir, func(r *store.Record) error {
				add(&r.Document)
				return nil
			})
		})
		return g, func() {}, err
	}
	if err != nil {
		return nil, nil, err
	}
	// The contexts are read while the graph answers, so the store stays
	// open until the command ends.
	g.SetContextsToMany(st.ContextsToMany)
	err = g.Load(func(add func(*document.Document)) error {
		return st.EachSkeleton(func(sk *document.Document) error {
			add(sk)
			return nil
		})
	})
	if err != nil {
		st.Close()
		return nil, nil, err
	}
	return g, func() { st.Close() }, nil
}

// edgeFlags are the flags of cites and cited-by.
type edgeFlags struct {
	asJSON, contexts                   *bool
	sort, typ, kind, from, to, dossier *string
	held                               *string
	limit, offset                      *int
}

func bindEdgeFlags(fs *flag.FlagSet, defSort string) *edgeFlags {
	return &edgeFlags{
		asJSON:   fs.Bool("json", false, "print JSON instead of a table"),
		contexts: fs.Bool("contexts", false, "print each mention's context under its row"),
		sort:     fs.String("sort", "", "date, -date, cited-by, weight or id (default "+defSort+")"),
		typ:      fs.String("type", "", "keep documents of these types (comma-separated)"),
		kind:     fs.String("kind", "", "keep ids of these kinds (kamerstuk, aanhangsel, wet, ecli, ... or documents)"),
		from:     fs.String("from", "", "keep documents dated on or after YYYY-MM-DD"),
		to:       fs.String("to", "", "keep documents dated on or before YYYY-MM-DD"),
		dossier:  fs.String("dossier", "", "keep documents of this dossier (36450, 36200-VI)"),
		held:     fs.String("held", "", "true: only documents in the corpus; false: only those not held"),
		limit:    fs.Int("limit", graph.DefaultLimit, "rows per page"),
		offset:   fs.Int("offset", 0, "rows to skip"),
	}
}

func (f *edgeFlags) query() (graph.EdgeQuery, error) {
	q := graph.EdgeQuery{Sort: *f.sort, Types: graphSplit(*f.typ), Kinds: graphSplit(*f.kind),
		From: *f.from, To: *f.to, Dossier: *f.dossier, Offset: *f.offset, Limit: *f.limit}
	held, err := graphHeld(*f.held)
	q.Held = held
	return q, err
}

// graphHeld reads a --held flag: nil for "" (no filter), else the boolean it
// names; anything else is an ErrBadParam.
func graphHeld(s string) (*bool, error) {
	if s == "" {
		return nil, nil
	}
	b, err := strconv.ParseBool(s)
	if err != nil {
		return nil, fmt.Errorf("%w: --held %q: want true or false", graph.ErrBadParam, s)
	}
	return &b, nil
}

func graphSplit(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func cmdCites(e *env, fs *flag.FlagSet, args []string) int {
	return graphEdgeCommand(e, fs, args, "cites", "weight", (*graph.Graph).Cites)
}

func cmdCitedBy(e *env, fs *flag.FlagSet, args []string) int {
	return graphEdgeCommand(e, fs, args, "cited-by", "-date", (*graph.Graph).CitedBy)
}

func graphEdgeCommand(e *env, fs *flag.FlagSet, args []string, name, defSort string,
	list func(*graph.Graph, string, graph.EdgeQuery) (*graph.EdgeList, error)) int {
	f := bindEdgeFlags(fs, defSort)
	pos, ok := parseCount(fs, args, 1)
	if !ok {
		return 2
	}
	q, err := f.query()
	if err != nil {
		return graphFail(e, name, err)
	}
	g, done, err := openGraph(e)
	if err != nil {
		return graphFail(e, name, err)
	}
	defer done()
	l, err := list(g, pos[0], q)
	if err != nil {
		return graphFail(e, name, err)
	}
	if *f.asJSON {
		return graphJSON(e, name, l)
	}
	verb := "cites"
	if name == "cited-by" {
		verb = "is cited by"
	}
	fmt.Fprintf(e.stdout, "%s %s %d %s", l.Node.ID, verb, l.Total, graphPlural(l.Total, "document", "documents"))
	if l.Total > len(l.Edges) {
		fmt.Fprintf(e.stdout, " (%d–%d shown)", min(l.Offset+1, l.Total), l.Offset+len(l.Edges))
	}
	fmt.Fprintln(e.stdout)
	if len(l.Edges) == 0 {
		return 0
	}
	// The rows are aligned as one table first; the contexts go under
	// their row afterwards, so that they do not break the columns.
	var table bytes.Buffer
	tw := tabwriter.NewWriter(&table, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tHELD\tWEIGHT\tCITED-BY\tDATE\tTYPE\tTITLE")
	for _, ed := range l.Edges {
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%s\t%s\t%s\n", ed.ID, graphYesNo(ed.Held), ed.Weight, ed.CitedBy,
			graphDash(ed.Date), graphDash(ed.Type), graphDash(graphShorten(ed.Title, 60)))
	}
	tw.Flush()
	lines := strings.SplitAfter(table.String(), "\n")
	fmt.Fprint(e.stdout, lines[0])
	for k, ed := range l.Edges {
		fmt.Fprint(e.stdout, lines[k+1])
		if *f.contexts {
			for _, m := range ed.Contexts {
				fmt.Fprintf(e.stdout, "    %s\n", graphMention(m))
			}
		}
	}
	return 0
}

func graphMention(m graph.Mention) string {
	var where []string
	if m.Footnote > 0 {
		where = append(where, fmt.Sprintf("fn. %d", m.Footnote))
	}
	if m.SectionTitle != "" {
		where = append(where, "§ "+graphShorten(m.SectionTitle, 30))
	}
	if m.Page > 0 {
		where = append(where, fmt.Sprintf("p. %d", m.Page))
	}
	text := m.Context
	if text == "" {
		text = m.Raw
	}
	return "[" + strings.Join(where, ", ") + "] " + graphShorten(text, 100)
}

// graphUsage is printed for `kamerzoek graph` without a subcommand.
const graphUsage = `usage: kamerzoek graph <subcommand> [flags]

subcommands:
  export --format json|csv|graphml|gexf|dot [--id ID --depth N --direction out|in|both] [-o FILE]
  show ID [--depth N --direction out|in|both --limit N]   the neighbourhood of ID
  path FROM TO [--direction out|in|both]                  a shortest citation path
  top [--by cited-by|mentions --dossier NR --vergaderjaar 2023-2024 --held true|false --limit N]
  dossier NR                                             a dossier's documents and citations
  related ID [--limit N]                                 documents sharing references with ID
  unresolved [--kind KIND --limit N --offset N]          cited ids not in the corpus
  stats                                                  counts

Every subcommand takes --json (except export) and --data DIR.
`

func cmdGraph(e *env, fs *flag.FlagSet, args []string) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(e.stderr, graphUsage)
		return 2
	}
	sub, args := args[0], args[1:]
	fs.Init("kamerzoek graph "+sub, flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprint(e.stderr, graphUsage+"\nflags:\n")
		fs.PrintDefaults()
	}
	switch sub {
	case "export":
		return graphExport(e, fs, args)
	case "show", "neighbourhood":
		return graphShow(e, fs, args)
	case "path":
		return graphPath(e, fs, args)
	case "top":
		return graphTop(e, fs, args)
	case "dossier":
		return graphDossier(e, fs, args)
	case "related":
		return graphRelated(e, fs, args)
	case "unresolved":
		return graphUnresolved(e, fs, args)
	case "stats":
		return graphStats(e, fs, args)
	}
	fmt.Fprintf(e.stderr, "kamerzoek graph: unknown subcommand %q\n\n%s", sub, graphUsage)
	return 2
}

type neighbourhoodFlags struct {
	depth, limit     *int
	direction, kinds *string
}

func bindNeighbourhood(fs *flag.FlagSet, defDepth int) *neighbourhoodFlags {
	return &neighbourhoodFlags{
		depth:     fs.Int("depth", defDepth, "citation steps from the id (1 to 3)"),
		limit:     fs.Int("limit", graph.DefaultNodes, "at most this many nodes"),
		direction: fs.String("direction", graph.Both, "out (what it cites), in (what cites it) or both"),
		kinds:     fs.String("kind", "", "keep nodes of these kinds (comma-separated, or documents)"),
	}
}

func (f *neighbourhoodFlags) query(id string) graph.NeighbourhoodQuery {
	return graph.NeighbourhoodQuery{ID: id, Depth: *f.depth, Direction: *f.direction, Limit: *f.limit, Kinds: graphSplit(*f.kinds)}
}

func graphExport(e *env, fs *flag.FlagSet, args []string) int {
	format := fs.String("format", graph.FormatJSON, "json, csv, graphml, gexf or dot")
	id := fs.String("id", "", "export the neighbourhood of this id instead of the whole graph")
	out := fs.String("o", "", "write to this file instead of standard output")
	nf := bindNeighbourhood(fs, 1)
	if _, ok := parseCount(fs, args, 0); !ok {
		return 2
	}
	if err := graph.CheckFormat(*format); err != nil {
		return graphFail(e, "graph export", err)
	}
	g, done, err := openGraph(e)
	if err != nil {
		return graphFail(e, "graph export", err)
	}
	defer done()
	sg := (*graph.Subgraph)(nil)
	if *id != "" {
		if sg, err = g.Neighbourhood(nf.query(*id)); err != nil {
			return graphFail(e, "graph export", err)
		}
	} else {
		sg = g.Whole()
	}
	var w io.Writer = e.stdout
	if *out != "" {
		f, err := os.Create(*out)
		if err != nil {
			return graphFail(e, "graph export", err)
		}
		defer f.Close()
		w = f
	}
	if err := sg.Write(w, *format); err != nil {
		return graphFail(e, "graph export", err)
	}
	if *out != "" {
		if err := w.(*os.File).Close(); err != nil {
			return graphFail(e, "graph export", err)
		}
		fmt.Fprintf(e.stderr, "wrote %d nodes and %d edges to %s\n", len(sg.Nodes), len(sg.Edges), *out)
	}
	return 0
}

func graphShow(e *env, fs *flag.FlagSet, args []string) int {
	asJSON := fs.Bool("json", false, "print JSON")
	nf := bindNeighbourhood(fs, 1)
	pos, g, code := graphArgs(e, fs, args, 1, "graph show")
	if g == nil {
		return code
	}
	sg, err := g.Neighbourhood(nf.query(pos[0]))
	if err != nil {
		return graphFail(e, "graph show", err)
	}
	if *asJSON {
		return graphJSON(e, "graph show", sg)
	}
	fmt.Fprintf(e.stdout, "%d nodes and %d edges within %d %s of %s (%s)", len(sg.Nodes), len(sg.Edges),
		sg.Depth, graphPlural(sg.Depth, "step", "steps"), sg.Root, sg.Direction)
	if sg.Truncated {
		fmt.Fprint(e.stdout, ", cut at the node limit")
	}
	fmt.Fprintln(e.stdout)
	graphNodeTable(e.stdout, sg.Nodes)
	fmt.Fprintln(e.stdout)
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "FROM\tTO\tWEIGHT")
	for _, l := range sg.Edges {
		fmt.Fprintf(tw, "%s\t%s\t%d\n", l.From, l.To, l.Weight)
	}
	tw.Flush()
	return 0
}

func graphNodeTable(w io.Writer, nodes []graph.Node) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tHELD\tCITED-BY\tDATE\tTYPE\tTITLE")
	for _, n := range nodes {
		fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%s\t%s\n", n.ID, graphYesNo(n.Held), n.CitedBy, graphDash(n.Date), graphDash(n.Type), graphDash(graphShorten(n.Title, 60)))
	}
	tw.Flush()
}

func graphPath(e *env, fs *flag.FlagSet, args []string) int {
	asJSON := fs.Bool("json", false, "print JSON")
	dir := fs.String("direction", graph.Out, "out (FROM cites ... cites TO), in, or both")
	pos, g, code := graphArgs(e, fs, args, 2, "graph path")
	if g == nil {
		return code
	}
	p, err := g.Path(pos[0], pos[1], *dir)
	if err != nil {
		return graphFail(e, "graph path", err)
	}
	if *asJSON {
		return graphJSON(e, "graph path", p)
	}
	if p.Path == nil {
		fmt.Fprintln(e.stdout, p.Reason)
		return 1
	}
	fmt.Fprintf(e.stdout, "path of %d %s:\n", p.Length, graphPlural(p.Length, "step", "steps"))
	graphNodeTable(e.stdout, p.Path)
	return 0
}

func graphTop(e *env, fs *flag.FlagSet, args []string) int {
	asJSON := fs.Bool("json", false, "print JSON")
	by := fs.String("by", "cited-by", "cited-by (citing documents) or mentions")
	dossier := fs.String("dossier", "", "only documents of this dossier")
	vj := fs.String("vergaderjaar", "", "only documents of this vergaderjaar (2023-2024)")
	kinds := fs.String("kind", "", "kinds to rank (default: every document kind)")
	held := fs.String("held", "", "true: only documents in the corpus; false: only those not held")
	limit := fs.Int("limit", graph.DefaultTopLimit, "rows")
	offset := fs.Int("offset", 0, "rows to skip")
	_, g, code := graphArgs(e, fs, args, 0, "graph top")
	if g == nil {
		return code
	}
	q := graph.TopQuery{By: *by, Dossier: *dossier, Vergaderjaar: *vj, Kinds: graphSplit(*kinds), Offset: *offset, Limit: *limit}
	h, err := graphHeld(*held)
	if err != nil {
		return graphFail(e, "graph top", err)
	}
	q.Held = h
	l, err := g.Top(q)
	if err != nil {
		return graphFail(e, "graph top", err)
	}
	if *asJSON {
		return graphJSON(e, "graph top", l)
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "RANK\tID\tHELD\tCITED-BY\tMENTIONS\tDATE\tTITLE")
	for k, n := range l.Nodes {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%d\t%d\t%s\t%s\n", l.Offset+k+1, n.ID, graphYesNo(n.Held), n.CitedBy, n.Mentions, graphDash(n.Date), graphDash(graphShorten(n.Title, 60)))
	}
	tw.Flush()
	return 0
}

func graphDossier(e *env, fs *flag.FlagSet, args []string) int {
	asJSON := fs.Bool("json", false, "print JSON")
	pos, g, code := graphArgs(e, fs, args, 1, "graph dossier")
	if g == nil {
		return code
	}
	d, err := g.Dossier(pos[0])
	if err != nil {
		return graphFail(e, "graph dossier", err)
	}
	if *asJSON {
		return graphJSON(e, "graph dossier", d)
	}
	fmt.Fprintf(e.stdout, "dossier %s  %s\n%s\n\n", d.Dossier, d.Title, d.URL)
	fmt.Fprintf(e.stdout, "%d %s held:\n", len(d.Documents), graphPlural(len(d.Documents), "document", "documents"))
	graphNodeTable(e.stdout, d.Documents)
	if len(d.Missing) > 0 {
		fmt.Fprintf(e.stdout, "\n%d cited but not held:\n", len(d.Missing))
		graphNodeTable(e.stdout, d.Missing)
	}
	fmt.Fprintf(e.stdout, "\ncitations within the dossier: %d (%d mentions)\n", d.Internal.Edges, d.Internal.Mentions)
	for _, part := range []struct {
		title string
		cs    []graph.DossierCount
	}{{"cites dossiers", d.CitesDossiers}, {"cited by dossiers (- is documents without a dossier)", d.CitedByDossiers}} {
		if len(part.cs) == 0 {
			continue
		}
		fmt.Fprintf(e.stdout, "\n%s:\n", part.title)
		tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "DOSSIER\tEDGES\tMENTIONS")
		for _, c := range part.cs {
			fmt.Fprintf(tw, "%s\t%d\t%d\n", c.Dossier, c.Edges, c.Mentions)
		}
		tw.Flush()
	}
	return 0
}

func graphRelated(e *env, fs *flag.FlagSet, args []string) int {
	asJSON := fs.Bool("json", false, "print JSON")
	limit := fs.Int("limit", graph.DefaultTopLimit, "rows")
	offset := fs.Int("offset", 0, "rows to skip")
	pos, g, code := graphArgs(e, fs, args, 1, "graph related")
	if g == nil {
		return code
	}
	l, err := g.Related(pos[0], *offset, *limit)
	if err != nil {
		return graphFail(e, "graph related", err)
	}
	if *asJSON {
		return graphJSON(e, "graph related", l)
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tSCORE\tCOUPLING\tCO-CITATION\tHELD\tDATE\tTITLE")
	for _, r := range l.Related {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%s\t%s\t%s\n", r.ID, r.Score, r.Coupling, r.CoCitation, graphYesNo(r.Held), graphDash(r.Date), graphDash(graphShorten(r.Title, 60)))
	}
	tw.Flush()
	return 0
}

func graphUnresolved(e *env, fs *flag.FlagSet, args []string) int {
	asJSON := fs.Bool("json", false, "print JSON")
	kinds := fs.String("kind", "", "only ids of these kinds (comma-separated)")
	limit := fs.Int("limit", graph.DefaultLimit, "rows")
	offset := fs.Int("offset", 0, "rows to skip")
	_, g, code := graphArgs(e, fs, args, 0, "graph unresolved")
	if g == nil {
		return code
	}
	l, err := g.Unresolved(graphSplit(*kinds), *offset, *limit)
	if err != nil {
		return graphFail(e, "graph unresolved", err)
	}
	if *asJSON {
		return graphJSON(e, "graph unresolved", l)
	}
	fmt.Fprintf(e.stdout, "%d cited %s not in the corpus\n", l.Total, graphPlural(l.Total, "id", "ids"))
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tKIND\tCITED-BY\tMENTIONS\tCITED IN\tURL")
	for _, u := range l.IDs {
		cited := strings.Join(u.CitingIDs[:min(3, len(u.CitingIDs))], ", ")
		if len(u.CitingIDs) > 3 {
			cited += fmt.Sprintf(", +%d", len(u.CitingIDs)-3)
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%s\t%s\n", u.ID, u.Kind, u.CitedBy, u.Mentions, cited, u.URL)
	}
	tw.Flush()
	return 0
}

func graphStats(e *env, fs *flag.FlagSet, args []string) int {
	asJSON := fs.Bool("json", false, "print JSON")
	if _, ok := parse(fs, args); !ok {
		return 2
	}
	g, done, err := openGraph(e)
	if err != nil {
		return graphFail(e, "graph stats", err)
	}
	defer done()
	st := g.Stats()
	if *asJSON {
		return graphJSON(e, "graph stats", st)
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	for _, r := range []struct {
		k string
		v int
	}{{"nodes", st.Nodes}, {"held", st.Held}, {"cited only", st.CitedOnly}, {"dossiers", st.Dossiers},
		{"edges", st.Edges}, {"references", st.References}, {"resolved", st.Resolved},
		{"unresolved", st.Unresolved}, {"external", st.External}, {"unresolved ids", st.UnresolvedIDs}} {
		fmt.Fprintf(tw, "%s\t%d\n", r.k, r.v)
	}
	tw.Flush()
	return 0
}

// graphArgs parses the flags and the n positional arguments of graph
// subcommand cmd and builds the graph. g is nil when the command is done,
// and code is then its exit status.
func graphArgs(e *env, fs *flag.FlagSet, args []string, n int, cmd string) (pos []string, g *graph.Graph, code int) {
	pos, ok := parseCount(fs, args, n)
	if !ok {
		return nil, nil, 2
	}
	g, done, err := openGraph(e)
	if err != nil {
		return nil, nil, graphFail(e, cmd, err)
	}
	done() // these commands show no contexts
	return pos, g, 0
}

// graphFail reports err and returns the exit status: 2 for a bad id or
// parameter, 1 otherwise.
func graphFail(e *env, cmd string, err error) int {
	fmt.Fprintf(e.stderr, "kamerzoek %s: %v\n", cmd, err)
	if errors.Is(err, graph.ErrBadParam) {
		return 2
	}
	return 1
}

func graphJSON(e *env, cmd string, v any) int {
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return graphFail(e, cmd, err)
	}
	return 0
}

func graphYesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func graphDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func graphPlural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func graphShorten(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

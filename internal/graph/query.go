package graph

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"strings"

	"kamerzoek/internal/docid"
	"kamerzoek/internal/document"
)

// Node is a node as queries return it: a document held in the corpus (with
// its metadata) or one only cited (with where to find it).
type Node struct {
	ID   string        `json:"id"`
	Kind document.Kind `json:"kind"`
	// Held is true when the document is in the corpus.
	Held bool `json:"held"`
	// Status is StatusHeld, StatusDossier, StatusUnresolved or StatusExternal.
	Status       string `json:"status"`
	Title        string `json:"title,omitempty"`
	Type         string `json:"type,omitempty"`
	Date         string `json:"date,omitempty"`
	Dossier      string `json:"dossier,omitempty"`
	Vergaderjaar string `json:"vergaderjaar,omitempty"`
	Number       string `json:"number,omitempty"`
	// URL is where the document can be read on the web ("" when unknown).
	URL string `json:"url,omitempty"`
	// CitedBy is the number of held documents citing it; Cites the number
	// of distinct ids it cites.
	CitedBy int `json:"cited_by"`
	Cites   int `json:"cites"`
}

func (g *Graph) view(i int32) Node {
	n := &g.nodes[i]
	v := Node{ID: n.id, Kind: n.kind, Status: g.status(i), URL: docid.PublicURL(n.id),
		CitedBy: len(n.in), Cites: len(n.out)}
	if n.held {
		m := n.metaOf()
		v.Held = true
		v.Title, v.Type, v.Date = m.Title, m.Type, m.Date
		v.Dossier, v.Vergaderjaar, v.Number = m.Dossier, m.Vergaderjaar, m.Number
	} else {
		v.Dossier = DossierOf(n.id)
		v.Vergaderjaar = vergaderjaarOf(n.id)
		v.Number = numberOf(n.id)
	}
	return v
}

// Node returns the node for id, or an error wrapping ErrBadParam (malformed
// id) or ErrNotFound (no such node).
func (g *Graph) Node(id string) (Node, error) {
	g.mu.RLock()
	defer g.mu.RUnlock()
	i, err := g.lookup(id)
	if err != nil {
		return Node{}, err
	}
	return g.view(i), nil
}

func (g *Graph) lookup(id string) (int32, error) {
	if err := ValidID(id); err != nil {
		return 0, err
	}
	i, ok := g.index[id]
	if !ok {
		return 0, fmt.Errorf("%w: %s is neither held nor cited", ErrNotFound, id)
	}
	return i, nil
}

// Edge is one citation as cites and cited-by list it: the other document
// (the cited one for cites, the citing one for cited-by), the number of
// mentions and each mention's context.
type Edge struct {
	Node
	Weight   int       `json:"weight"`
	Contexts []Mention `json:"contexts"`
}

// EdgeQuery selects, orders and pages the edges of Cites and CitedBy. The
// filters apply to the other document of each edge; the zero value lists
// everything in the default order.
type EdgeQuery struct {
	// Sort is "date" (oldest first), "-date" (newest first), "cited-by"
	// (the other document's own cited-by count, highest first), "weight"
	// (most mentions first) or "id". Default: "weight" for Cites, "-date"
	// for CitedBy. Ties are broken by id.
	Sort string
	// Types keeps documents of these types ("brief", "motie", ...).
	Types []string
	// Kinds keeps ids of these kinds ("kamerstuk", "wet", ...); the word
	// "documents" stands for every kind kamerzoek can hold.
	Kinds []string
	// From and To (YYYY-MM-DD, inclusive) keep documents dated in range;
	// documents without a date are left out when either is set.
	From, To string
	// Dossier keeps documents of this dossier ("36450", "36200-VI").
	Dossier string
	// Held, when not nil, keeps only held (true) or only not-held documents.
	Held *bool
	// Offset and Limit page the result; Limit 0 means 50, at most 1000.
	Offset, Limit int
}

// EdgeList is a page of edges of one document.
type EdgeList struct {
	Node   Node   `json:"node"`
	Total  int    `json:"total"`
	Offset int    `json:"offset"`
	Limit  int    `json:"limit"`
	Sort   string `json:"sort"`
	Edges  []Edge `json:"edges"`
}

// Query limits.
const (
	DefaultLimit    = 50
	MaxLimit        = 1000
	MaxDepth        = 3
	DefaultNodes    = 200
	MaxNodes        = 5000
	DefaultTopLimit = 20
)

func (q *EdgeQuery) check(defSort string) error {
	if q.Sort == "" {
		q.Sort = defSort
	}
	switch q.Sort {
	case "date", "-date", "cited-by", "weight", "id":
	default:
		return fmt.Errorf("%w: sort %q: want date, -date, cited-by, weight or id", ErrBadParam, q.Sort)
	}
	for _, d := range []string{q.From, q.To} {
		if d != "" && !validDate(d) {
			return fmt.Errorf("%w: date %q: want YYYY-MM-DD", ErrBadParam, d)
		}
	}
	if q.From != "" && q.To != "" && q.From > q.To {
		return fmt.Errorf("%w: from %s is after to %s", ErrBadParam, q.From, q.To)
	}
	if q.Dossier != "" {
		d, err := NormalizeDossier(q.Dossier)
		if err != nil {
			return err
		}
		q.Dossier = d
	}
	if err := checkKinds(q.Kinds); err != nil {
		return err
	}
	return checkPage(&q.Offset, &q.Limit, DefaultLimit, MaxLimit)
}

func checkPage(offset, limit *int, def, max int) error {
	if *offset < 0 {
		return fmt.Errorf("%w: offset %d is negative", ErrBadParam, *offset)
	}
	if *limit < 0 || *limit > max {
		return fmt.Errorf("%w: limit %d: want 1 to %d", ErrBadParam, *limit, max)
	}
	if *limit == 0 {
		*limit = def
	}
	return nil
}

// window returns the page of s that offset and limit (as checkPage leaves
// them) select; it is empty when offset is past the end.
func window[T any](s []T, offset, limit int) []T {
	lo := min(offset, len(s))
	return s[lo : lo+min(limit, len(s)-lo)]
}

var allKinds = []document.Kind{
	document.KindKamerstuk, document.KindDossier, document.KindHandelingen, document.KindAanhangsel,
	document.KindBijlage, document.KindStaatsblad, document.KindStaatscourant, document.KindTractatenblad,
	document.KindGazette, document.KindECLI, document.KindLJN, document.KindCELEX, document.KindLaw,
	document.KindTKDocument, document.KindTKZaak, document.KindURL, KindContent,
}

func checkKinds(kinds []string) error {
	for _, k := range kinds {
		if k != "documents" && !slices.Contains(allKinds, document.Kind(k)) {
			return fmt.Errorf("%w: kind %q: want documents or one of %v", ErrBadParam, k, allKinds)
		}
	}
	return nil
}

func kindMatch(kinds []string, k document.Kind) bool {
	if len(kinds) == 0 {
		return true
	}
	for _, w := range kinds {
		if w == string(k) || w == "documents" && IsDocumentKind(k) {
			return true
		}
	}
	return false
}

func validDate(d string) bool {
	if len(d) != 10 || d[4] != '-' || d[7] != '-' {
		return false
	}
	if !allDigits(d[:4]) || !allDigits(d[5:7]) || !allDigits(d[8:]) {
		return false
	}
	return d[5:7] >= "01" && d[5:7] <= "12" && d[8:] >= "01" && d[8:] <= "31"
}

// facts are the fields of a node that filters and sorts read, without
// building its Node.
type facts struct {
	typ, date, dossier string
	held               bool
}

func (g *Graph) facts(i int32) facts {
	n := &g.nodes[i]
	if n.held {
		return facts{typ: n.str(n.meta.typ), date: n.str(n.meta.date), dossier: n.str(n.meta.dossier), held: true}
	}
	return facts{dossier: DossierOf(n.id)}
}

func (q *EdgeQuery) keep(k document.Kind, f facts) bool {
	if len(q.Types) > 0 && !slices.Contains(q.Types, f.typ) {
		return false
	}
	if !kindMatch(q.Kinds, k) {
		return false
	}
	if q.From != "" || q.To != "" {
		if f.date == "" || q.From != "" && f.date < q.From || q.To != "" && f.date > q.To {
			return false
		}
	}
	if q.Dossier != "" && f.dossier != q.Dossier {
		return false
	}
	if q.Held != nil && f.held != *q.Held {
		return false
	}
	return true
}

// cand is an edge before it is paged: the other node, the edge (the
// edge-th of citing's out list, to cited), the other node's cited-by count
// (under the cited-by sort only) and its day. It holds no pointer: ids,
// dates and mentions are looked up when compared or paged.
type cand struct {
	other   int32
	citing  int32
	cited   int32
	edge    int32
	citedBy int32
	// key is the other node's day (noDay when it is not held) as the
	// collector gives it; under a date sort, page turns it into a number
	// ordered as the sort asks (see dateKey).
	key int32
}

// dateKey returns day as a number ordered as sort asks ("date" oldest
// first, "-date" newest first, undated last either way), so that ordering
// compares numbers instead of looking up and comparing date strings; false
// when the date is not YYYY-MM-DD.
func dateKey(day int32, sort string) (int32, bool) {
	switch {
	case day == noDay:
		return math.MaxInt32, true
	case day == badDay:
		return 0, false
	case sort == "-date":
		return -day, true
	}
	return day, true
}

// dayOfNode returns node i's day, noDay when it is not held.
func (g *Graph) dayOfNode(i int32) int32 {
	n := &g.nodes[i]
	if !n.held {
		return noDay
	}
	return n.day
}

// dateOf returns node i's date, "" when not held.
func (g *Graph) dateOf(i int32) string {
	if n := &g.nodes[i]; n.held {
		return n.str(n.meta.date)
	}
	return ""
}

// needsFacts reports whether q filters on the other node's facts.
func (q *EdgeQuery) needsFacts() bool {
	return len(q.Types) > 0 || q.From != "" || q.To != "" || q.Dossier != "" || q.Held != nil
}

// needsNode reports whether q reads the other node of an edge beyond its
// day: to filter it or to order by its cited-by count.
func (q *EdgeQuery) needsNode() bool {
	return q.needsFacts() || len(q.Kinds) > 0 || q.Sort == "cited-by"
}

// keepNode reports whether q keeps the edge to or from other, reading the
// node only when a filter asks for it.
func (g *Graph) keepNode(q *EdgeQuery, needFacts bool, other int32) bool {
	if needFacts {
		return q.keep(g.nodes[other].kind, g.facts(other))
	}
	return kindMatch(q.Kinds, g.nodes[other].kind)
}

// weight returns the number of mentions of c's edge.
func (g *Graph) weight(c cand) int { return int(g.nodes[c.citing].out[c.edge].n) }

// collector calls yield with every edge of node i that q keeps, each as a
// cand with its key set to the other node's day, until yield returns false.
type collector func(i int32, q *EdgeQuery, yield func(cand) bool)

// Cites returns the documents id cites, one edge per cited id.
func (g *Graph) Cites(id string, q EdgeQuery) (*EdgeList, error) {
	outs := func(i int32) int { return len(g.nodes[i].out) }
	return g.edges(id, q, "weight", outs, func(i int32, q *EdgeQuery, yield func(cand) bool) {
		needFacts, byCitedBy := q.needsFacts(), q.Sort == "cited-by"
		out := g.nodes[i].out
		for k, e := range out {
			if !g.keepNode(q, needFacts, e.to) {
				continue
			}
			c := cand{other: e.to, citing: i, cited: e.to, edge: int32(k), key: g.dayOfNode(e.to)}
			if byCitedBy {
				c.citedBy = int32(len(g.nodes[e.to].in))
			}
			if !yield(c) {
				break
			}
		}
	})
}

// CitedBy returns the held documents that cite id, one edge per citing
// document.
//
// A much-cited document has tens of thousands of citers: in the default
// query (no filter, a date sort) they are ordered by the day each
// in-reference keeps, without visiting the citing nodes, and streamed into
// a bounded selection of the page.
func (g *Graph) CitedBy(id string, q EdgeQuery) (*EdgeList, error) {
	ins := func(i int32) int { return len(g.nodes[i].in) }
	return g.edges(id, q, "-date", ins, func(i int32, q *EdgeQuery, yield func(cand) bool) {
		needFacts, needNode, byCitedBy := q.needsFacts(), q.needsNode(), q.Sort == "cited-by"
		in := g.nodes[i].in
		for _, r := range in {
			c := cand{other: r.from, citing: r.from, cited: i, edge: r.idx, key: r.day}
			if needNode {
				if !g.keepNode(q, needFacts, r.from) {
					continue
				}
				if byCitedBy {
					c.citedBy = int32(len(g.nodes[r.from].in))
				}
			}
			if !yield(c) {
				break
			}
		}
	})
}

// edges checks q (defSort when it names no order), looks up id under the
// read lock and pages the edges collect yields for id's node under the
// checked query; bound is how many edges a node has (at most what collect
// yields).
func (g *Graph) edges(id string, q EdgeQuery, defSort string, bound func(i int32) int, collect collector) (*EdgeList, error) {
	if err := q.check(defSort); err != nil {
		return nil, err
	}
	g.mu.RLock()
	defer g.mu.RUnlock()
	i, err := g.lookup(id)
	if err != nil {
		return nil, err
	}
	return g.page(i, bound(i), collect, q), nil
}

// page selects the page q asks of the edges collect yields for node i,
// keeping at most offset+limit of them: the total is counted as they
// stream by. Under a date sort the days are compared as numbers; when one
// of the kept edges has a date that is not YYYY-MM-DD the edges are
// collected again and compared as date strings.
func (g *Graph) page(i int32, bound int, collect collector, q EdgeQuery) *EdgeList {
	keyed := q.Sort == "date" || q.Sort == "-date"
	byID := func(a, b cand) int { return g.cmpID(a.other, b.other) }
	var order func(a, b cand) int
	switch q.Sort {
	case "date", "-date":
		order = func(a, b cand) int {
			if c := cmp.Compare(a.key, b.key); c != 0 {
				return c
			}
			return byID(a, b)
		}
	case "cited-by":
		order = func(a, b cand) int {
			if c := cmp.Compare(b.citedBy, a.citedBy); c != 0 {
				return c
			}
			return byID(a, b)
		}
	case "weight":
		order = func(a, b cand) int {
			if c := cmp.Compare(g.weight(b), g.weight(a)); c != 0 {
				return c
			}
			return byID(a, b)
		}
	default:
		order = byID
	}
	// The page needs the first offset+limit edges in order; the bound on
	// the edges caps what is kept, whatever the offset.
	k := bound
	if q.Offset < bound {
		k = min(bound, q.Offset+q.Limit)
	}
	best := newTopK(k, order)
	total := 0
	bad := false
	collect(i, &q, func(c cand) bool {
		if keyed {
			var ok bool
			if c.key, ok = dateKey(c.key, q.Sort); !ok {
				bad = true
				return false
			}
		}
		total++
		if keyed && best.k > 0 && len(best.h) == best.k && c.key > best.h[0].key {
			return true // after the last kept: no need to compare ids
		}
		best.push(c)
		return true
	})
	if bad {
		// A date that is not YYYY-MM-DD: compare date strings.
		best = newTopK(k, func(a, b cand) int {
			ad, bd := g.dateOf(a.other), g.dateOf(b.other)
			c := cmpDate(ad, bd)
			if q.Sort == "-date" {
				c = cmpDate(bd, ad)
				if ad == "" || bd == "" {
					c = -c // undated last either way
				}
			}
			if c != 0 {
				return c
			}
			return byID(a, b)
		})
		total = 0
		collect(i, &q, func(c cand) bool {
			total++
			best.push(c)
			return true
		})
	}
	win := window(best.sorted(), q.Offset, q.Limit)
	l := &EdgeList{Node: g.view(i), Total: total, Offset: q.Offset, Limit: q.Limit, Sort: q.Sort, Edges: make([]Edge, 0, len(win))}
	for _, c := range win {
		ms := g.mentionsOf(c.citing, g.nodes[c.citing].out[c.edge])
		l.Edges = append(l.Edges, Edge{Node: g.view(c.other), Weight: len(ms), Contexts: ms})
	}
	g.fillContexts(l.Edges, win)
	return l
}

// missingContext reports whether a mention of ms was kept without its
// context.
func missingContext(ms []Mention) bool {
	return slices.ContainsFunc(ms, func(m Mention) bool { return m.Context == "" })
}

// fillContexts gives the edges of a page (edges[k] is the edge of win[k])
// the contexts that were not kept in memory, read from contextsToMany in
// one call. The edges' mentions are the page's own (see mentionsOf).
func (g *Graph) fillContexts(edges []Edge, win []cand) {
	if g.contextsToMany == nil {
		return
	}
	var need []int
	var pairs [][2]string
	for k, c := range win {
		if missingContext(edges[k].Contexts) {
			need = append(need, k)
			pairs = append(pairs, [2]string{g.nodes[c.citing].id, g.nodes[c.cited].id})
		}
	}
	if len(pairs) == 0 {
		return
	}
	ctxs, _ := g.contextsToMany(pairs)
	if len(ctxs) != len(pairs) {
		return
	}
	for x, k := range need {
		setContexts(edges[k].Contexts, ctxs[x])
	}
}

// setContexts gives each mention of ms without a context the context of
// the same rank in ctxs.
func setContexts(ms []Mention, ctxs []string) {
	for k := range min(len(ms), len(ctxs)) {
		if ms[k].Context == "" {
			ms[k].Context = ctxs[k]
		}
	}
}

// topK keeps the k first of the values pushed, in the order of cmp.
type topK[T any] struct {
	k   int
	cmp func(a, b T) int
	h   []T // a max-heap by cmp once it holds k values
}

func newTopK[T any](k int, cmp func(a, b T) int) *topK[T] {
	return &topK[T]{k: k, cmp: cmp, h: make([]T, 0, k)}
}

func (t *topK[T]) push(x T) {
	if t.k <= 0 {
		return
	}
	if len(t.h) < t.k {
		t.h = append(t.h, x)
		if len(t.h) == t.k {
			for j := len(t.h)/2 - 1; j >= 0; j-- {
				t.down(j)
			}
		}
		return
	}
	if t.cmp(x, t.h[0]) < 0 {
		t.h[0] = x
		t.down(0)
	}
}

func (t *topK[T]) down(j int) {
	h := t.h
	for {
		c := 2*j + 1
		if c >= len(h) {
			return
		}
		if c+1 < len(h) && t.cmp(h[c+1], h[c]) > 0 {
			c++
		}
		if t.cmp(h[c], h[j]) <= 0 {
			return
		}
		h[j], h[c] = h[c], h[j]
		j = c
	}
}

// sorted returns the values kept, in order.
func (t *topK[T]) sorted() []T {
	slices.SortFunc(t.h, t.cmp)
	return t.h
}

// cmpDate orders dates ascending with undated entries last.
func cmpDate(a, b string) int {
	switch {
	case a == b:
		return 0
	case a == "":
		return 1
	case b == "":
		return -1
	}
	return strings.Compare(a, b)
}

// Direction values for Neighbourhood and Path: follow citations out (what
// a document cites), in (what cites it) or both ways.
const (
	Out  = "out"
	In   = "in"
	Both = "both"
)

// Link is an edge of a subgraph: citing id, cited id, weight and the cited
// id's kind.
type Link struct {
	From   string        `json:"from"`
	To     string        `json:"to"`
	Weight int           `json:"weight"`
	Kind   document.Kind `json:"kind"`
}

// Subgraph is a set of nodes and the edges among them, sorted by id and by
// (from, to): the result of Neighbourhood and Whole, and what exports write.
type Subgraph struct {
	// Root is the id the neighbourhood was taken around ("" for the whole
	// graph); Depth and Direction as asked.
	Root      string `json:"root,omitempty"`
	Depth     int    `json:"depth,omitempty"`
	Direction string `json:"direction,omitempty"`
	// Truncated is true when the node limit cut the neighbourhood short.
	Truncated bool   `json:"truncated"`
	Nodes     []Node `json:"nodes"`
	Edges     []Link `json:"edges"`
}

// NeighbourhoodQuery asks for the nodes within Depth steps of ID.
type NeighbourhoodQuery struct {
	ID string
	// Depth is 1 to MaxDepth (default 1).
	Depth int
	// Direction is Out, In or Both (default Both).
	Direction string
	// Limit caps the number of nodes, root included (default DefaultNodes,
	// at most MaxNodes); nearer nodes come first.
	Limit int
	// Kinds keeps only nodes of these kinds (the root always stays), as in
	// EdgeQuery.Kinds.
	Kinds []string
}

func checkDirection(d *string) error {
	switch *d {
	case "":
		*d = Both
	case Out, In, Both:
	default:
		return fmt.Errorf("%w: direction %q: want out, in or both", ErrBadParam, *d)
	}
	return nil
}

// Neighbourhood returns the nodes within q.Depth citation steps of q.ID and
// the edges among them.
func (g *Graph) Neighbourhood(q NeighbourhoodQuery) (*Subgraph, error) {
	return g.NeighbourhoodContext(context.Background(), q)
}

// NeighbourhoodContext is Neighbourhood stopped by ctx: when ctx is done
// the walk ends and the error wraps ctx.Err().
func (g *Graph) NeighbourhoodContext(ctx context.Context, q NeighbourhoodQuery) (*Subgraph, error) {
	if q.Depth == 0 {
		q.Depth = 1
	}
	if q.Depth < 1 || q.Depth > MaxDepth {
		return nil, fmt.Errorf("%w: depth %d: want 1 to %d", ErrBadParam, q.Depth, MaxDepth)
	}
	if err := checkDirection(&q.Direction); err != nil {
		return nil, err
	}
	if q.Limit == 0 {
		q.Limit = DefaultNodes
	}
	if q.Limit < 1 || q.Limit > MaxNodes {
		return nil, fmt.Errorf("%w: limit %d: want 1 to %d", ErrBadParam, q.Limit, MaxNodes)
	}
	if err := checkKinds(q.Kinds); err != nil {
		return nil, err
	}
	g.mu.RLock()
	defer g.mu.RUnlock()
	root, err := g.lookup(q.ID)
	if err != nil {
		return nil, err
	}
	w := g.walk(2)
	defer g.walks.Put(w)
	// A node is seen once it is in the neighbourhood; listed while it is a
	// candidate neighbour of the node being expanded.
	seen, listed := w.gen-1, w.gen
	mark := w.stamp
	mark[root] = seen
	order := make([]int32, 1, min(q.Limit, 1024))
	order[0] = root
	frontier := []int32{root}
	truncated := false
	next, nb := w.a[:0], w.b[:0]
	for d := 0; d < q.Depth && len(frontier) > 0 && !truncated; d++ {
		next = next[:0]
		for k, i := range frontier {
			if k%ctxCheckEvery == 0 && ctx.Err() != nil {
				return nil, fmt.Errorf("graph: neighbourhood of %s: %w", q.ID, ctx.Err())
			}
			// The neighbours not seen yet and of a kind asked for, each
			// once.
			nb = g.neighbours(i, q.Direction, nb[:0])
			fresh := nb[:0]
			for _, j := range nb {
				if mark[j] == seen || mark[j] == listed || !kindMatch(q.Kinds, g.nodes[j].kind) {
					continue
				}
				mark[j] = listed
				fresh = append(fresh, j)
			}
			// When not all fit, those that do are the first by id, so that
			// a cut is the same whatever the order of ingestion.
			if room := q.Limit - len(order); len(fresh) > room {
				fresh = g.firstByID(fresh, room)
				truncated = true
			}
			for _, j := range fresh {
				mark[j] = seen
				order = append(order, j)
				next = append(next, j)
			}
			if truncated {
				break
			}
		}
		frontier, next = next, frontier
		// Sort the next frontier by id for the same reason.
		slices.SortFunc(frontier, g.cmpID)
	}
	w.a, w.b = next[:0], nb[:0]
	sg := g.induced(order, func(j int32) bool { return mark[j] == seen })
	sg.Root, sg.Depth, sg.Direction, sg.Truncated = q.ID, q.Depth, q.Direction, truncated
	return sg, nil
}

// cmpID orders nodes by id.
func (g *Graph) cmpID(a, b int32) int {
	if c := cmp.Compare(g.idKeys[a], g.idKeys[b]); c != 0 {
		return c
	}
	return strings.Compare(g.nodes[a].id, g.nodes[b].id)
}

// firstByID returns the k nodes of s with the smallest ids, in id order,
// without sorting all of s (a hub's thousands of citers when a few more
// nodes fit).
func (g *Graph) firstByID(s []int32, k int) []int32 {
	if k <= 0 {
		return nil
	}
	t := newTopK(k, g.cmpID)
	for _, j := range s {
		t.push(j)
	}
	return t.sorted()
}

// walkState is the scratch of one walk over the graph: a stamp per node,
// current where it equals gen (or, for a walk that asked for several
// stamps, one of the values below gen it reserved), a distance per node
// and buffers. Walks take one from the graph's pool, so that a query
// allocates nothing in proportion to the graph.
type walkState struct {
	stamp []uint32
	dist  []int32
	gen   uint32
	// seen lists the nodes stamped, for walks that need them again.
	seen []int32
	// a, b and nb are buffers: frontiers and neighbour lists.
	a, b, nb []int32
}

// walk returns a walkState with stamps and distances for every node and
// n fresh stamp values: gen-n+1 to gen. Put it back in g.walks when done.
func (g *Graph) walk(n uint32) *walkState {
	w, _ := g.walks.Get().(*walkState)
	if w == nil {
		w = &walkState{}
	}
	if len(w.stamp) < len(g.nodes) {
		size := len(g.nodes) + len(g.nodes)/8
		w.stamp, w.dist, w.gen = make([]uint32, size), make([]int32, size), 0
	}
	if w.gen > math.MaxUint32-n {
		clear(w.stamp)
		w.gen = 0
	}
	w.gen += n
	w.seen = w.seen[:0]
	return w
}

// neighbours appends the nodes one step from i in direction dir to buf.
func (g *Graph) neighbours(i int32, dir string, buf []int32) []int32 {
	n := &g.nodes[i]
	if dir != In {
		for _, e := range n.out {
			buf = append(buf, e.to)
		}
	}
	if dir != Out {
		for _, r := range n.in {
			buf = append(buf, r.from)
		}
	}
	return buf
}

// induced builds the subgraph of nodes, whose members in tells (nil: every
// node is).
// The node indexes and the edges are sorted before the nodes and links
// are built: sorting int32s moves less than sorting Nodes.
func (g *Graph) induced(nodes []int32, in func(int32) bool) *Subgraph {
	byID := g.cmpID
	sorted := slices.SortedFunc(slices.Values(nodes), byID)
	type pair struct{ from, to, n int32 }
	var pairs []pair
	for _, i := range sorted {
		start := len(pairs)
		for _, e := range g.nodes[i].out {
			if in == nil || in(e.to) {
				pairs = append(pairs, pair{i, e.to, e.n})
			}
		}
		// The citing node's edges come together, in the order of the
		// sorted nodes: only their targets need sorting.
		slices.SortFunc(pairs[start:], func(a, b pair) int { return byID(a.to, b.to) })
	}
	sg := &Subgraph{Nodes: make([]Node, len(sorted)), Edges: make([]Link, len(pairs))}
	for k, i := range sorted {
		sg.Nodes[k] = g.view(i)
	}
	for k, p := range pairs {
		t := &g.nodes[p.to]
		sg.Edges[k] = Link{From: g.nodes[p.from].id, To: t.id, Weight: int(p.n), Kind: t.kind}
	}
	return sg
}

// Whole returns the whole graph as a Subgraph (every node, every edge).
func (g *Graph) Whole() *Subgraph {
	g.mu.RLock()
	defer g.mu.RUnlock()
	all := make([]int32, 0, len(g.index))
	for i := range g.nodes {
		if g.nodes[i].id != "" {
			all = append(all, int32(i))
		}
	}
	return g.induced(all, nil)
}

// PathResult is the answer to Path: the nodes of a shortest path from From
// to To (both included) and its edges, or Path nil with the Reason why
// there is none.
type PathResult struct {
	From      string `json:"from"`
	To        string `json:"to"`
	Direction string `json:"direction"`
	// Length is the number of edges on the path; -1 when there is none.
	Length int    `json:"length"`
	Path   []Node `json:"path"`
	Edges  []Link `json:"edges"`
	Reason string `json:"reason,omitempty"`
}

// Path returns a shortest citation path from one id to another, following
// citations in direction dir (Out: from cites ... cites to; In: the other
// way; Both: either way at each step; default Out). When several shortest
// paths exist, one is chosen by id, the same whatever the order in which
// documents were added.
func (g *Graph) Path(from, to, dir string) (*PathResult, error) {
	return g.PathContext(context.Background(), from, to, dir)
}

// ctxCheckEvery is how many nodes a walk visits between looks at its
// context.
const ctxCheckEvery = 256

// PathContext is Path stopped by ctx: when ctx is done the search ends and
// the error wraps ctx.Err().
func (g *Graph) PathContext(ctx context.Context, from, to, dir string) (*PathResult, error) {
	if dir == "" {
		dir = Out
	}
	if err := checkDirection(&dir); err != nil {
		return nil, err
	}
	g.mu.RLock()
	defer g.mu.RUnlock()
	a, err := g.lookup(from)
	if err != nil {
		return nil, err
	}
	b, err := g.lookup(to)
	if err != nil {
		return nil, err
	}
	res := &PathResult{From: from, To: to, Direction: dir, Length: -1}
	back := map[string]string{Out: In, In: Out, Both: Both}[dir]
	// Breadth-first from both ends, a whole level at a time on the side
	// with the smaller frontier, until the two searches meet. Each side
	// keeps its distances in a walkState.
	wa, wb := g.walk(1), g.walk(1)
	defer g.walks.Put(wa)
	defer g.walks.Put(wb)
	visit := func(w *walkState, j, d int32) {
		w.stamp[j], w.dist[j] = w.gen, d
		w.seen = append(w.seen, j)
	}
	has := func(w *walkState, j int32) bool { return w.stamp[j] == w.gen }
	visit(wa, a, 0)
	visit(wb, b, 0)
	fa, fb := append(wa.a[:0], a), append(wb.a[:0], b)
	nextA, nextB := wa.b[:0], wb.b[:0]
	best := int32(-1)
	if a == b {
		best = 0
	}
	nb := wa.nb[:0]
	defer func() { wa.nb = nb[:0] }()
	for best < 0 && len(fa) > 0 && len(fb) > 0 {
		frontier, next, mine, other, d := &fa, &nextA, wa, wb, dir
		if len(fb) < len(fa) {
			frontier, next, mine, other, d = &fb, &nextB, wb, wa, back
		}
		*next = (*next)[:0]
		for k, i := range *frontier {
			if k%ctxCheckEvery == 0 && ctx.Err() != nil {
				return nil, fmt.Errorf("graph: path from %s to %s: %w", from, to, ctx.Err())
			}
			nb = g.neighbours(i, d, nb[:0])
			for _, j := range nb {
				if has(mine, j) {
					continue
				}
				visit(mine, j, mine.dist[i]+1)
				*next = append(*next, j)
				if has(other, j) && (best < 0 || mine.dist[j]+other.dist[j] < best) {
					best = mine.dist[j] + other.dist[j]
				}
			}
		}
		*frontier, *next = *next, *frontier
	}
	wa.a, wa.b, wb.a, wb.b = fa[:0], nextA[:0], fb[:0], nextB[:0]
	if best < 0 {
		res.Reason = fmt.Sprintf("no citation path from %s to %s following citations %s", from, to, dir)
		return res, nil
	}
	// The meeting node with the smallest id, then from it back to a and on
	// to b, taking the smallest id at each step: the levels searched depend
	// on the graph alone, so the path is the same whatever the order of
	// ingestion.
	small, big := wa, wb
	if len(big.seen) < len(small.seen) {
		small, big = big, small
	}
	m := int32(-1)
	for _, x := range small.seen {
		if has(big, x) && small.dist[x]+big.dist[x] == best && (m < 0 || g.nodes[x].id < g.nodes[m].id) {
			m = x
		}
	}
	step := func(cur int32, d string, w *walkState) int32 {
		next := int32(-1)
		nb = g.neighbours(cur, d, nb[:0])
		for _, j := range nb {
			if has(w, j) && w.dist[j] == w.dist[cur]-1 && (next < 0 || g.nodes[j].id < g.nodes[next].id) {
				next = j
			}
		}
		return next
	}
	rev := []int32{m}
	for cur := m; cur != a; {
		cur = step(cur, back, wa)
		rev = append(rev, cur)
	}
	slices.Reverse(rev)
	for cur := m; cur != b; {
		cur = step(cur, dir, wb)
		rev = append(rev, cur)
	}
	res.Length = int(best)
	res.Path = make([]Node, len(rev))
	res.Edges = []Link{}
	for k, i := range rev {
		res.Path[k] = g.view(i)
		if k > 0 {
			res.Edges = append(res.Edges, g.link(rev[k-1], i, dir))
		}
	}
	return res, nil
}

// link returns the edge between x and y that a step from x to y in
// direction dir follows: x cites y (Out), y cites x (In), either (Both, x
// citing y first).
func (g *Graph) link(x, y int32, dir string) Link {
	if dir != In {
		for _, e := range g.nodes[x].out {
			if e.to == y {
				return Link{From: g.nodes[x].id, To: g.nodes[y].id, Weight: int(e.n), Kind: g.nodes[y].kind}
			}
		}
	}
	for _, e := range g.nodes[y].out {
		if e.to == x {
			return Link{From: g.nodes[y].id, To: g.nodes[x].id, Weight: int(e.n), Kind: g.nodes[x].kind}
		}
	}
	return Link{}
}

// TopQuery asks for the most-cited documents.
type TopQuery struct {
	// By is "cited-by" (distinct citing documents, the default) or
	// "mentions" (the sum of the weights of the incoming edges).
	By string
	// Dossier and Vergaderjaar ("2023-2024") restrict to one dossier or year.
	Dossier      string
	Vergaderjaar string
	// Kinds restricts the kinds, as in EdgeQuery.Kinds; default "documents".
	Kinds []string
	// Held, when not nil, keeps only held or only not-held documents.
	Held          *bool
	Offset, Limit int
}

// Ranked is a node with its score in a ranking.
type Ranked struct {
	Node
	Mentions int `json:"mentions"`
}

// TopList is a page of the most-cited documents.
type TopList struct {
	By     string   `json:"by"`
	Total  int      `json:"total"`
	Offset int      `json:"offset"`
	Limit  int      `json:"limit"`
	Nodes  []Ranked `json:"nodes"`
}

// Top returns the most-cited nodes, highest first (ties by id). Nodes that
// nothing cites are left out.
func (g *Graph) Top(q TopQuery) (*TopList, error) {
	if q.By == "" {
		q.By = "cited-by"
	}
	if q.By != "cited-by" && q.By != "mentions" {
		return nil, fmt.Errorf("%w: by %q: want cited-by or mentions", ErrBadParam, q.By)
	}
	if q.Dossier != "" {
		d, err := NormalizeDossier(q.Dossier)
		if err != nil {
			return nil, err
		}
		q.Dossier = d
	}
	if q.Vergaderjaar != "" && !validVergaderjaar(q.Vergaderjaar) {
		return nil, fmt.Errorf("%w: vergaderjaar %q: want YYYY-YYYY with consecutive years", ErrBadParam, q.Vergaderjaar)
	}
	if len(q.Kinds) == 0 {
		q.Kinds = []string{"documents"}
	}
	if err := checkKinds(q.Kinds); err != nil {
		return nil, err
	}
	if err := checkPage(&q.Offset, &q.Limit, DefaultTopLimit, MaxLimit); err != nil {
		return nil, err
	}
	g.mu.RLock()
	defer g.mu.RUnlock()
	type cand struct {
		i          int32
		by, second int
	}
	total := 0
	best := newTopK(q.Offset+q.Limit, func(a, b cand) int {
		if c := cmp.Compare(b.by, a.by); c != 0 {
			return c
		}
		if c := cmp.Compare(b.second, a.second); c != 0 {
			return c
		}
		return strings.Compare(g.nodes[a.i].id, g.nodes[b.i].id)
	})
	for k := range g.nodes {
		n := &g.nodes[k]
		if n.id == "" || len(n.in) == 0 || !kindMatch(q.Kinds, n.kind) {
			continue
		}
		if q.Held != nil && n.held != *q.Held {
			continue
		}
		if q.Dossier != "" || q.Vergaderjaar != "" {
			d, vj := DossierOf(n.id), vergaderjaarOf(n.id)
			if n.held {
				d, vj = n.str(n.meta.dossier), n.str(n.meta.vergaderjaar)
			}
			if q.Dossier != "" && d != q.Dossier || q.Vergaderjaar != "" && vj != q.Vergaderjaar {
				continue
			}
		}
		c := cand{i: int32(k), by: len(n.in), second: n.inMentions}
		if q.By == "mentions" {
			c.by, c.second = c.second, c.by
		}
		total++
		best.push(c)
	}
	cs := best.sorted()
	l := &TopList{By: q.By, Total: total, Offset: q.Offset, Limit: q.Limit, Nodes: []Ranked{}}
	for _, c := range window(cs, q.Offset, q.Limit) {
		l.Nodes = append(l.Nodes, Ranked{Node: g.view(c.i), Mentions: g.nodes[c.i].inMentions})
	}
	return l, nil
}

func validVergaderjaar(vj string) bool {
	if len(vj) != 9 || vj[4] != '-' || !allDigits(vj[:4]) || !allDigits(vj[5:]) {
		return false
	}
	var a, b int
	fmt.Sscan(vj[:4], &a)
	fmt.Sscan(vj[5:], &b)
	return b == a+1
}

// DossierCount is a count of citations between two dossiers.
type DossierCount struct {
	Dossier string `json:"dossier"`
	// Edges is the number of (citing, cited) document pairs, Mentions the
	// sum of their weights.
	Edges    int `json:"edges"`
	Mentions int `json:"mentions"`
}

// DossierView is a dossier with its held documents and its citations to and
// from other dossiers.
type DossierView struct {
	Dossier string `json:"dossier"`
	ID      string `json:"id"`
	URL     string `json:"url"`
	// Title is the dossier title of its held documents.
	Title string `json:"title,omitempty"`
	// Documents are the held documents in number order (numbers, then
	// Eerste Kamer letters).
	Documents []Node `json:"documents"`
	// Missing are documents of the dossier that are cited but not held.
	Missing []Node `json:"missing"`
	// CitesDossiers counts citations from this dossier's documents to
	// documents of other dossiers (and to those dossiers as a whole);
	// CitedByDossiers the other way. Highest count first.
	CitesDossiers   []DossierCount `json:"cites_dossiers"`
	CitedByDossiers []DossierCount `json:"cited_by_dossiers"`
	// Internal counts the citations between documents of this dossier.
	Internal DossierCount `json:"internal"`
	// CitedBy is the number of held documents outside the dossier that cite
	// the dossier or one of its documents.
	CitedBy int `json:"cited_by"`
}

// Dossier returns the dossier view for nr ("36450", "36200-VI"). It returns
// ErrNotFound when the graph knows nothing of the dossier.
func (g *Graph) Dossier(nr string) (*DossierView, error) {
	d, err := NormalizeDossier(nr)
	if err != nil {
		return nil, err
	}
	g.mu.RLock()
	defer g.mu.RUnlock()
	v := &DossierView{Dossier: d, ID: "dossier-" + d, URL: docid.PublicURL("dossier-" + d),
		Documents: []Node{}, Missing: []Node{}, CitesDossiers: []DossierCount{}, CitedByDossiers: []DossierCount{}}
	v.Internal.Dossier = d
	members := g.members[d]
	dossierNode, hasNode := g.index["dossier-"+d]
	// dossierOfNode is the dossier a node belongs to.
	dossierOfNode := func(i int32) string {
		if n := &g.nodes[i]; n.held {
			return n.str(n.meta.dossier)
		}
		return DossierOf(g.nodes[i].id)
	}
	outC := map[string]*DossierCount{}
	inC := map[string]*DossierCount{}
	citers := map[int32]bool{}
	bump := func(m map[string]*DossierCount, key string, w int) {
		c := m[key]
		if c == nil {
			c = &DossierCount{Dossier: key}
			m[key] = c
		}
		c.Edges++
		c.Mentions += w
	}
	countIn := func(t int32) {
		for _, r := range g.nodes[t].in {
			src := dossierOfNode(r.from)
			w := int(g.nodes[r.from].out[r.idx].n)
			if src == d {
				continue // counted as internal from the out side
			}
			citers[r.from] = true
			if src == "" {
				src = "-"
			}
			bump(inC, src, w)
		}
	}
	for _, i := range members {
		v.Documents = append(v.Documents, g.view(i))
		if v.Title == "" {
			v.Title = g.nodes[i].str(g.nodes[i].meta.title)
		}
		for _, e := range g.nodes[i].out {
			t := dossierOfNode(e.to)
			if t == "" {
				continue
			}
			if t == d {
				v.Internal.Edges++
				v.Internal.Mentions += int(e.n)
				continue
			}
			bump(outC, t, int(e.n))
		}
		countIn(i)
	}
	// Cited documents of the dossier that are not held, and the dossier node.
	for k := range g.nodes {
		n := &g.nodes[k]
		if n.id == "" || n.held || n.kind != document.KindKamerstuk || DossierOf(n.id) != d {
			continue
		}
		v.Missing = append(v.Missing, g.view(int32(k)))
		countIn(int32(k))
	}
	if hasNode {
		countIn(dossierNode)
	}
	if len(members) == 0 && len(v.Missing) == 0 && !hasNode {
		return nil, fmt.Errorf("%w: dossier %s is neither held nor cited", ErrNotFound, d)
	}
	byNumber := func(a, b Node) int {
		if numberLess(a.Number, b.Number) {
			return -1
		}
		if numberLess(b.Number, a.Number) {
			return 1
		}
		return strings.Compare(a.ID, b.ID)
	}
	slices.SortFunc(v.Documents, byNumber)
	slices.SortFunc(v.Missing, byNumber)
	v.CitesDossiers = sortCounts(outC)
	v.CitedByDossiers = sortCounts(inC)
	v.CitedBy = len(citers)
	return v, nil
}

func sortCounts(m map[string]*DossierCount) []DossierCount {
	out := make([]DossierCount, 0, len(m))
	for _, c := range m {
		out = append(out, *c)
	}
	slices.SortFunc(out, func(a, b DossierCount) int {
		if c := cmp.Compare(b.Edges, a.Edges); c != 0 {
			return c
		}
		if c := cmp.Compare(b.Mentions, a.Mentions); c != 0 {
			return c
		}
		return strings.Compare(a.Dossier, b.Dossier)
	})
	return out
}

// RelatedDoc is a document related to another by shared references.
type RelatedDoc struct {
	Node
	// Score is Coupling + CoCitation.
	Score int `json:"score"`
	// Coupling is the number of ids both documents cite (bibliographic
	// coupling); CoCitation the number of held documents citing both.
	Coupling   int `json:"coupling"`
	CoCitation int `json:"co_citation"`
}

// RelatedList is the answer to Related.
type RelatedList struct {
	Node    Node         `json:"node"`
	Total   int          `json:"total"`
	Offset  int          `json:"offset"`
	Limit   int          `json:"limit"`
	Related []RelatedDoc `json:"related"`
}

// Related returns the documents that share references with id (cite the
// same documents) or are cited together with it, ranked by the number of
// shared references plus co-citing documents, ties by id. Only references to
// documents kamerzoek can hold count for coupling: sharing a citation of the
// Grondwet says little.
func (g *Graph) Related(id string, offset, limit int) (*RelatedList, error) {
	if err := checkPage(&offset, &limit, DefaultTopLimit, MaxLimit); err != nil {
		return nil, err
	}
	g.mu.RLock()
	defer g.mu.RUnlock()
	i, err := g.lookup(id)
	if err != nil {
		return nil, err
	}
	coupling := map[int32]int{}
	cocite := map[int32]int{}
	for _, e := range g.nodes[i].out {
		if !IsDocumentKind(g.nodes[e.to].kind) {
			continue
		}
		for _, r := range g.nodes[e.to].in {
			if r.from != i {
				coupling[r.from]++
			}
		}
	}
	for _, r := range g.nodes[i].in {
		for _, e := range g.nodes[r.from].out {
			if e.to != i {
				cocite[e.to]++
			}
		}
	}
	all := make([]RelatedDoc, 0, len(coupling)+len(cocite))
	for j, c := range coupling {
		all = append(all, RelatedDoc{Node: g.view(j), Coupling: c, CoCitation: cocite[j], Score: c + cocite[j]})
	}
	for j, c := range cocite {
		if _, ok := coupling[j]; !ok {
			all = append(all, RelatedDoc{Node: g.view(j), CoCitation: c, Score: c})
		}
	}
	slices.SortFunc(all, func(a, b RelatedDoc) int {
		if c := cmp.Compare(b.Score, a.Score); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	l := &RelatedList{Node: g.view(i), Total: len(all), Offset: offset, Limit: limit, Related: []RelatedDoc{}}
	if offset < len(all) {
		l.Related = window(all, offset, limit)
	}
	return l, nil
}

// Unresolved is one id on the ledger of unresolved references: a document
// kamerzoek could hold, cited by held documents, not held itself.
type Unresolved struct {
	Node
	Mentions int `json:"mentions"`
	// CitingIDs are the held documents that cite it, sorted.
	CitingIDs []string `json:"citing_ids"`
}

// UnresolvedList is a page of the ledger.
type UnresolvedList struct {
	Total  int          `json:"total"`
	Offset int          `json:"offset"`
	Limit  int          `json:"limit"`
	IDs    []Unresolved `json:"unresolved"`
}

// Unresolved returns the ledger of unresolved references: the ids of the
// given kinds (all document kinds when none are given) that held documents
// cite but that are not held, most-cited first, ties by id. An id leaves the
// ledger by itself when its document is added.
func (g *Graph) Unresolved(kinds []string, offset, limit int) (*UnresolvedList, error) {
	if err := checkKinds(kinds); err != nil {
		return nil, err
	}
	if err := checkPage(&offset, &limit, DefaultLimit, MaxLimit); err != nil {
		return nil, err
	}
	g.mu.RLock()
	defer g.mu.RUnlock()
	var ids []int32
	for k := range g.nodes {
		if g.nodes[k].id != "" && g.status(int32(k)) == StatusUnresolved && kindMatch(kinds, g.nodes[k].kind) {
			ids = append(ids, int32(k))
		}
	}
	slices.SortFunc(ids, func(a, b int32) int {
		if c := cmp.Compare(len(g.nodes[b].in), len(g.nodes[a].in)); c != 0 {
			return c
		}
		return strings.Compare(g.nodes[a].id, g.nodes[b].id)
	})
	l := &UnresolvedList{Total: len(ids), Offset: offset, Limit: limit, IDs: []Unresolved{}}
	for _, k := range window(ids, offset, limit) {
		u := Unresolved{Node: g.view(k), Mentions: g.nodes[k].inMentions}
		for _, r := range g.nodes[k].in {
			u.CitingIDs = append(u.CitingIDs, g.nodes[r.from].id)
		}
		slices.Sort(u.CitingIDs)
		l.IDs = append(l.IDs, u)
	}
	return l, nil
}

// Package graph is the citation graph: a node per canonical id (documents
// held in the corpus and documents only cited), an edge per (citing, cited)
// pair with its weight and the contexts of each mention. It is built from
// parsed documents and answers cites, cited-by, neighbourhood, path, top,
// dossier and related-document queries, and writes exports.
//
// The graph is derived state: it is rebuilt from the stored documents with
// Build and kept current with Add and Remove. Its answers never depend on
// the order in which documents were added.
package graph

import (
	"errors"
	"slices"
	"sync"

	"kamerzoek/internal/document"
)

// ErrNotFound is returned for an id the graph has no node for.
var ErrNotFound = errors.New("graph: not found")

// ErrBadParam is returned for a malformed id or a bad query parameter; the
// error text says what is wrong.
var ErrBadParam = errors.New("graph: bad parameter")

// Meta is what the graph keeps of a held document.
type Meta struct {
	Title        string
	Type         string
	Date         string
	Dossier      string
	Vergaderjaar string
	Number       string
	Kamer        string
}

// Mention is one place where a document cites another: the reference's raw
// text, where it stood (footnote number or section, page) and the sentence
// around it.
type Mention struct {
	Raw      string `json:"raw"`
	Footnote int    `json:"footnote,omitempty"`
	// Section is the section id ("s3"); SectionTitle its number and heading
	// as printed ("2.1 Doel van het wetsvoorstel").
	Section      string `json:"section,omitempty"`
	SectionTitle string `json:"section_title,omitempty"`
	Page         int    `json:"page,omitempty"`
	Pinpoint     string `json:"pinpoint,omitempty"`
	Context      string `json:"context,omitempty"`
}

// edge is one (citing, cited) pair, stored in the citing node's out list;
// its mentions are mentions[off:off+n] of the citing node.
type edge struct {
	to, off, n int32
}

// inRef points back at an edge: the citing node and the edge's index in its
// out list (stable until that node's out list is replaced), and the citing
// node's day. A citing node is always held and its day changes only when it
// is added again, which replaces its in-references: a cited-by query orders
// tens of thousands of citers by date without visiting them.
type inRef struct {
	from int32
	idx  int32
	day  int32
}

type node struct {
	id   string
	kind document.Kind
	// held is set while the document is in the corpus; meta is then its
	// metadata.
	held bool
	// strs holds the node's metadata and mention strings end to end; meta
	// and mentions are spans of it. The garbage collector then visits one
	// string per node rather than one per field and mention: at 10^5
	// documents that is 0.2 rather than 3 million objects, which every
	// collection cycle of a serving process marks.
	strs string
	meta metaSpans
	// day is the date as a number (see dayOf), kept beside it so that
	// ordering by date reads no metadata.
	day int32
	out []edge
	// mentions holds the mentions of all out edges, grouped by edge.
	mentions []mention
	in       []inRef
	// inMentions is the sum of the weights of the edges in in.
	inMentions int
}

// span is a string kept as a range of its node's strs.
type span struct{ off, n uint32 }

// metaSpans is a Meta kept as spans of its node's strs.
type metaSpans struct {
	title, typ, date, dossier, vergaderjaar, number, kamer span
}

// mention is a Mention kept as spans of its citing node's strs.
type mention struct {
	raw, section, sectionTitle, pinpoint, context span
	footnote, page                                int32
}

// str returns the string sp of n's strs.
func (n *node) str(sp span) string { return n.strs[sp.off : sp.off+sp.n] }

// metaOf returns n's metadata (zero when n is not held).
func (n *node) metaOf() Meta {
	m := &n.meta
	return Meta{Title: n.str(m.title), Type: n.str(m.typ), Date: n.str(m.date), Dossier: n.str(m.dossier),
		Vergaderjaar: n.str(m.vergaderjaar), Number: n.str(m.number), Kamer: n.str(m.kamer)}
}

// strsBuilder lays a node's strings end to end.
type strsBuilder struct{ b []byte }

func (sb *strsBuilder) add(s string) span {
	if s == "" {
		return span{}
	}
	sp := span{off: uint32(len(sb.b)), n: uint32(len(s))}
	sb.b = append(sb.b, s...)
	return sp
}

// Graph is safe for concurrent use.
type Graph struct {
	mu    sync.RWMutex
	nodes []node
	// idKeys holds, per node, the first 8 bytes of its id as a big-endian
	// number: ordering nodes by id compares these first and reads the id
	// only on a tie (see cmpID), which keeps a walk that orders thousands
	// of neighbours from visiting each node.
	idKeys []uint64
	index  map[string]int32
	free   []int32
	// members maps a dossier ("36450") to the held documents in it.
	members map[string][]int32
	// contextsToMany, when set, supplies the contexts of mentions kept
	// without one (see SetContextsToMany and SetContexts).
	contextsToMany func(pairs [][2]string) ([][]string, error)
	// walks holds the scratch of neighbourhood and path walks
	// (*walkState).
	walks sync.Pool
}

// New returns an empty graph.
func New() *Graph {
	return &Graph{index: map[string]int32{}, members: map[string][]int32{}}
}

// Build replaces the whole graph with one built from docs, as Open does
// with every stored document. Documents without an id are skipped; when two
// share an id the later one wins. The new graph is built aside and swapped
// in, so queries keep being answered from the old one meanwhile; an Add or
// Remove made while Build runs is lost with the old graph, so callers
// serialise their writes.
func (g *Graph) Build(docs []*document.Document) {
	n := &Graph{
		nodes:   make([]node, 0, len(docs)+len(docs)/2),
		idKeys:  make([]uint64, 0, len(docs)+len(docs)/2),
		index:   make(map[string]int32, len(docs)+len(docs)/2),
		members: map[string][]int32{},
	}
	for _, d := range docs {
		n.add(d)
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	g.nodes, g.idKeys, g.index, g.free, g.members = n.nodes, n.idKeys, n.index, n.free, n.members
}

// Load replaces the whole graph with one built from the documents each
// yields, as Build does, without holding them all at once: each is added
// and dropped. It returns each's error; the graph is then unchanged.
func (g *Graph) Load(each func(add func(*document.Document)) error) error {
	n := &Graph{index: map[string]int32{}, members: map[string][]int32{}}
	if err := each(n.add); err != nil {
		return err
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	g.nodes, g.idKeys, g.index, g.free, g.members = n.nodes, n.idKeys, n.index, n.free, n.members
	return nil
}

// BeginLoad starts replacing the whole graph in place: from now until the
// returned func has returned, every query and write waits. The func adds
// the documents each yields, as Load does, and may run on another
// goroutine: a server answers what needs no graph while the graph loads.
// It must be called exactly once.
func (g *Graph) BeginLoad() func(each func(add func(*document.Document)) error) error {
	g.mu.Lock()
	g.nodes, g.idKeys, g.index, g.free, g.members = nil, nil, map[string]int32{}, nil, map[string][]int32{}
	return func(each func(add func(*document.Document)) error) error {
		defer g.mu.Unlock()
		return each(g.add)
	}
}

// SetContextsToMany makes the graph ask src for the contexts of mentions
// that were added without one (documents added in skeleton form, whose
// contexts stay on disk), a page of edges at a time: given (citing, cited)
// id pairs, src returns the contexts of the citing document's references
// to cited, in document order, for each pair (nil for a pair it has none
// for); the k-th mention of an edge takes the k-th context. Answers fill
// in contexts for the edges they return only; an answer without a result
// per pair leaves them empty. A store reads a page's contexts in one
// transaction this way.
func (g *Graph) SetContextsToMany(src func(pairs [][2]string) ([][]string, error)) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.contextsToMany = src
}

// SetContexts is SetContextsToMany with a source that returns all the
// references of one citing document, in document order, with at least
// their id and context; an error from src leaves that document's contexts
// empty.
func (g *Graph) SetContexts(src func(citing string) ([]document.Reference, error)) {
	g.SetContextsToMany(func(pairs [][2]string) ([][]string, error) {
		out := make([][]string, len(pairs))
		for k, p := range pairs {
			refs, err := src(p[0])
			if err != nil {
				continue
			}
			for _, r := range refs {
				if r.ID == p[1] {
					out[k] = append(out[k], r.Context)
				}
			}
		}
		return out, nil
	})
}

// Add puts a held document into the graph with its outgoing citations,
// replacing what an earlier version of the same id contributed. Edges that
// pointed at doc.ID while it was not held now point at a held node.
// A document without a valid id is ignored. References without an id, and
// references to the document itself, make no edge.
func (g *Graph) Add(doc *document.Document) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.add(doc)
}

// AddAll adds several documents under one lock, as Add does for each.
func (g *Graph) AddAll(docs []*document.Document) {
	g.mu.Lock()
	defer g.mu.Unlock()
	for _, d := range docs {
		g.add(d)
	}
}

func (g *Graph) add(doc *document.Document) {
	if doc == nil || ValidID(doc.ID) != nil {
		return
	}
	i := g.ensure(doc.ID, "")
	n := &g.nodes[i]
	if n.held {
		g.removeOut(i)
		g.leaveDossier(i)
	}
	n = &g.nodes[i]
	n.kind = KindOf(doc.ID)
	vj := doc.Vergaderjaar
	if vj == "" {
		vj = vergaderjaarOf(doc.ID)
	}
	dossier := doc.Dossier
	if dossier == "" {
		dossier = DossierOf(doc.ID)
	}
	number := doc.Number
	if number == "" {
		number = numberOf(doc.ID)
	}
	var sb strsBuilder
	n.held = true
	n.meta = metaSpans{title: sb.add(doc.Title), typ: sb.add(doc.Type), date: sb.add(doc.Date),
		dossier: sb.add(dossier), vergaderjaar: sb.add(vj), number: sb.add(number), kamer: sb.add(doc.Kamer)}
	n.day = dayOf(doc.Date)
	if dossier != "" {
		g.members[dossier] = append(g.members[dossier], i)
	}

	// Each section's id and title, laid down once for all its mentions.
	type sectionSpans struct{ id, title span }
	var sections map[string]sectionSpans
	sectionOf := func(id string) sectionSpans {
		if id == "" {
			return sectionSpans{}
		}
		if ss, ok := sections[id]; ok {
			return ss
		}
		if sections == nil {
			sections = map[string]sectionSpans{}
		}
		ss := sectionSpans{id: sb.add(id)}
		title := ""
		for _, s := range doc.Sections { // the last of equal ids, as before
			if s.ID == id {
				title = s.Heading
				if s.Number != "" {
					title = s.Number + " " + title
				}
			}
		}
		ss.title = sb.add(title)
		sections[id] = ss
		return ss
	}

	// One edge per distinct target, in order of first mention; the
	// mentions grouped by edge in one slice.
	slot := make([]int32, len(doc.References)) // edge of each reference, -1 for none
	var targets []int32
	var counts []int32
	pos := make(map[string]int32, len(doc.References))
	for x, r := range doc.References {
		slot[x] = -1
		if r.ID == "" || r.ID == doc.ID || ValidID(r.ID) != nil {
			continue
		}
		k, ok := pos[r.ID]
		if !ok {
			k = int32(len(targets))
			pos[r.ID] = k
			targets = append(targets, g.ensure(r.ID, r.Kind))
			counts = append(counts, 0)
		}
		slot[x] = k
		counts[k]++
	}
	out := make([]edge, len(targets))
	var total int32
	for k, t := range targets {
		out[k] = edge{to: t, off: total}
		total += counts[k]
	}
	mentions := make([]mention, total)
	for x, r := range doc.References {
		k := slot[x]
		if k < 0 {
			continue
		}
		sec := sectionOf(r.Section)
		mentions[out[k].off+out[k].n] = mention{raw: sb.add(r.Raw), section: sec.id, sectionTitle: sec.title,
			pinpoint: sb.add(r.Pinpoint), context: sb.add(r.Context), footnote: int32(r.Footnote), page: int32(r.Page)}
		out[k].n++
	}
	day := g.nodes[i].day
	for k := range out {
		t := &g.nodes[out[k].to]
		t.in = append(t.in, inRef{from: i, idx: int32(k), day: day})
		t.inMentions += int(out[k].n)
	}
	n = &g.nodes[i] // ensure may have grown g.nodes
	n.strs = string(sb.b)
	n.out = out
	n.mentions = mentions
}

// Values of node.day besides a date's YYYYMMDD: no date (or not held), and
// a date that is not YYYY-MM-DD.
const (
	noDay  int32 = -1
	badDay int32 = -2
)

// dayOf returns a YYYY-MM-DD date as the number YYYYMMDD, noDay for ""
// and badDay for anything else.
func dayOf(d string) int32 {
	if d == "" {
		return noDay
	}
	if len(d) != 10 || d[4] != '-' || d[7] != '-' {
		return badDay
	}
	n := int32(0)
	for x := 0; x < 10; x++ {
		if x == 4 || x == 7 {
			continue
		}
		c := d[x]
		if c < '0' || c > '9' {
			return badDay
		}
		n = n*10 + int32(c-'0')
	}
	return n
}

// mentionsOf returns the mentions of node i's edge e, in a new slice.
func (g *Graph) mentionsOf(i int32, e edge) []Mention {
	n := &g.nodes[i]
	out := make([]Mention, e.n)
	for k, m := range n.mentions[e.off : e.off+e.n] {
		out[k] = Mention{Raw: n.str(m.raw), Footnote: int(m.footnote), Section: n.str(m.section),
			SectionTitle: n.str(m.sectionTitle), Page: int(m.page), Pinpoint: n.str(m.pinpoint), Context: n.str(m.context)}
	}
	return out
}

// Remove takes a held document out: its outgoing edges go, and edges that
// cite it stay, pointing at a node that is no longer held.
func (g *Graph) Remove(id string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	i, ok := g.index[id]
	if !ok || !g.nodes[i].held {
		return
	}
	g.removeOut(i)
	g.leaveDossier(i)
	n := &g.nodes[i]
	n.held, n.strs, n.meta = false, "", metaSpans{}
	n.day = noDay
	g.gc(i)
}

// ensure returns the index of id's node, creating it (with kind k, or the
// kind of its prefix) when there is none.
func (g *Graph) ensure(id string, k document.Kind) int32 {
	if i, ok := g.index[id]; ok {
		if g.nodes[i].kind == "" {
			g.nodes[i].kind = k
		}
		return i
	}
	if pk := KindOf(id); pk != "" {
		k = pk
	}
	var i int32
	if n := len(g.free); n > 0 {
		i = g.free[n-1]
		g.free = g.free[:n-1]
		g.nodes[i] = node{id: id, kind: k}
		g.idKeys[i] = idKey(id)
	} else {
		i = int32(len(g.nodes))
		g.nodes = append(g.nodes, node{id: id, kind: k})
		g.idKeys = append(g.idKeys, idKey(id))
	}
	g.index[id] = i
	return i
}

// idKey returns the first 8 bytes of id as a big-endian number, shorter
// ids padded with zero bytes: ids hold no zero byte, so idKey(a) < idKey(b)
// implies a < b, and a > b likewise.
func idKey(id string) uint64 {
	var k uint64
	for x := range 8 {
		k <<= 8
		if x < len(id) {
			k |= uint64(id[x])
		}
	}
	return k
}

// removeOut drops node i's outgoing edges and the in-references to them.
func (g *Graph) removeOut(i int32) {
	for _, e := range g.nodes[i].out {
		t := &g.nodes[e.to]
		for k, r := range t.in {
			if r.from == i {
				last := len(t.in) - 1
				t.in[k] = t.in[last]
				t.in = t.in[:last]
				break
			}
		}
		t.inMentions -= int(e.n)
		g.gc(e.to)
	}
	g.nodes[i].out = nil
	g.nodes[i].mentions = nil
}

func (g *Graph) leaveDossier(i int32) {
	n := &g.nodes[i]
	d := n.str(n.meta.dossier)
	if d == "" {
		return
	}
	m := g.members[d]
	if k := slices.Index(m, i); k >= 0 {
		m = slices.Delete(m, k, k+1)
	}
	if len(m) == 0 {
		delete(g.members, d)
	} else {
		g.members[d] = m
	}
}

// gc frees node i when nothing keeps it: not held and not cited.
func (g *Graph) gc(i int32) {
	n := &g.nodes[i]
	if n.held || len(n.in) > 0 || n.id == "" {
		return
	}
	delete(g.index, n.id)
	*n = node{}
	g.free = append(g.free, i)
}

// CitedByCount returns how many distinct held documents cite id.
func (g *Graph) CitedByCount(id string) int {
	g.mu.RLock()
	defer g.mu.RUnlock()
	if i, ok := g.index[id]; ok {
		return len(g.nodes[i].in)
	}
	return 0
}

// CitingIDs returns the ids of the held documents that cite id, sorted; nil
// when none do.
func (g *Graph) CitingIDs(id string) []string {
	g.mu.RLock()
	defer g.mu.RUnlock()
	i, ok := g.index[id]
	if !ok || len(g.nodes[i].in) == 0 {
		return nil
	}
	out := make([]string, 0, len(g.nodes[i].in))
	for _, r := range g.nodes[i].in {
		out = append(out, g.nodes[r.from].id)
	}
	slices.Sort(out)
	return out
}

// Has reports whether the graph has a node for id (held or only cited).
func (g *Graph) Has(id string) bool {
	g.mu.RLock()
	defer g.mu.RUnlock()
	_, ok := g.index[id]
	return ok
}

// Status values of a node: held in the corpus; a dossier of which
// documents are held; a document that can be held but is not (yet), which
// puts its edges on the ledger of unresolved references; or external (a
// law, a court ruling, an EU act, a web page).
const (
	StatusHeld       = "held"
	StatusDossier    = "dossier"
	StatusUnresolved = "unresolved"
	StatusExternal   = "external"
)

func (g *Graph) status(i int32) string {
	n := &g.nodes[i]
	switch {
	case n.held:
		return StatusHeld
	case n.kind == document.KindDossier && len(g.members[DossierOf(n.id)]) > 0:
		return StatusDossier
	case IsDocumentKind(n.kind):
		return StatusUnresolved
	}
	return StatusExternal
}

// Stats are the graph's counts, for GET /api/v1/stats.
type Stats struct {
	// Nodes is every node; Held the documents held; CitedOnly the nodes
	// only cited (Nodes = Held + CitedOnly).
	Nodes     int `json:"nodes"`
	Held      int `json:"held"`
	CitedOnly int `json:"cited_only"`
	// Dossiers is the number of dossiers with a held document.
	Dossiers int `json:"dossiers"`
	// Edges is the number of (citing, cited) pairs; References the number
	// of mentions (the sum of edge weights).
	Edges      int `json:"edges"`
	References int `json:"references"`
	// Resolved, Unresolved and External split References by the target:
	// held (or a dossier with held documents), a document not held yet, or
	// outside what kamerzoek holds (laws, case law, EU acts, web pages).
	Resolved   int `json:"resolved"`
	Unresolved int `json:"unresolved"`
	External   int `json:"external"`
	// UnresolvedIDs is the number of distinct ids on the ledger.
	UnresolvedIDs int `json:"unresolved_ids"`
}

// Stats returns the graph's counts.
func (g *Graph) Stats() Stats {
	g.mu.RLock()
	defer g.mu.RUnlock()
	var s Stats
	s.Dossiers = len(g.members)
	for i := range g.nodes {
		n := &g.nodes[i]
		if n.id == "" {
			continue
		}
		s.Nodes++
		if n.held {
			s.Held++
		} else {
			s.CitedOnly++
		}
		s.Edges += len(n.in)
		s.References += n.inMentions
		switch g.status(int32(i)) {
		case StatusHeld, StatusDossier:
			s.Resolved += n.inMentions
		case StatusUnresolved:
			s.Unresolved += n.inMentions
			s.UnresolvedIDs++
		default:
			s.External += n.inMentions
		}
	}
	return s
}

package web

import (
	"cmp"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"kamerzoek/internal/docid"
	"kamerzoek/internal/document"
	"kamerzoek/internal/graph"
	"kamerzoek/internal/store"
)

type docPage struct {
	Rec       *store.Record
	Meta      []metaRow
	TOC       []tocEntry
	Sections  []sectionView
	Footnotes []noteView
	CitedBy   []graph.Edge
	// CitedByTotal counts every citing document, also those not listed.
	CitedByTotal int
	Cites        []citeGroup
	CitesTotal   int
	Related      []graph.RelatedDoc
	FileURL      string
	DossierURL   string
}

func (p *docPage) pageTitle() string {
	t := p.Rec.Title
	if t == "" {
		t = p.Rec.DocumentTitle
	}
	if t == "" {
		return p.Rec.ID
	}
	return p.Rec.ID + ": " + t
}

type metaRow struct {
	Label, Value, URL string
	External          bool
}

type tocEntry struct {
	ID, Label string
	Level     int
}

type sectionView struct {
	ID, Number, Heading, Kind string
	Level, Page               int
	// HeadingTag is h2…h4 by level.
	HeadingTag string
	Paras      []template.HTML
	FileURL    string
}

type noteView struct {
	Number    int
	Page      int
	Text      template.HTML
	HasAnchor bool
}

type citeGroup struct {
	Label, URL string
	Edges      []graph.Edge
}

// maxEdges is how many citing and cited documents a document page lists.
const maxEdges = 500

// document renders GET /doc/{id}.
func (h *Handler) document(r *http.Request) (any, error) {
	id := r.PathValue("id")
	rec, err := h.corpus.Store.Record(id)
	if err != nil {
		return nil, err
	}
	p := &docPage{Rec: rec, FileURL: "/api/v1/documents/" + url.PathEscape(rec.ID) + "/file"}
	d := &rec.Document
	add := func(label, value, u string) {
		if value != "" {
			p.Meta = append(p.Meta, metaRow{Label: label, Value: value, URL: u})
		}
	}
	add("Id", d.ID, docid.PublicURL(d.ID))
	if len(p.Meta) > 0 && p.Meta[0].URL != "" {
		p.Meta[0].External = true
	}
	add("Soort", d.Type, "")
	add("Kamer", map[string]string{"tk": "Tweede Kamer", "ek": "Eerste Kamer"}[d.Kamer], "")
	add("Vergaderjaar", d.Vergaderjaar, "")
	if d.Dossier != "" {
		p.DossierURL = "/dossier/" + url.PathEscape(d.Dossier)
		add("Dossier", d.Dossier, p.DossierURL)
	}
	for _, nr := range d.CoDossiers {
		add("Ook in dossier", nr, "/dossier/"+url.PathEscape(nr))
	}
	add("Nummer", d.Number, "")
	add("Datum", d.Date, "")
	add("Ingezonden", d.Submitted, "")
	add("Afzender", d.Sender, "")
	add("Ondertekend door", d.Signatory, "")
	add("Geadresseerd aan", d.Addressee, "")
	add("Vragensteller(s)", strings.Join(d.Questioners, ", "), "")
	if d.Pages > 0 {
		add("Pagina's", strconv.Itoa(d.Pages), "")
	}

	links := h.linker()
	for i := range d.Sections {
		s := &d.Sections[i]
		number := s.Number
		if strings.HasSuffix(s.Heading, " "+number) {
			number = "" // "Vraag 1" numbered 1
		}
		label := strings.TrimSpace(number + " " + s.Heading)
		if label != "" {
			p.TOC = append(p.TOC, tocEntry{ID: s.ID, Label: label, Level: s.Level})
		}
		sv := sectionView{ID: s.ID, Number: number, Heading: s.Heading, Kind: s.Kind, Level: s.Level, Page: s.Page,
			HeadingTag: "h" + strconv.Itoa(min(max(s.Level, 1), 3)+2)}
		if s.Page > 0 && d.Source.Format == document.FormatPDF {
			sv.FileURL = p.FileURL + "#page=" + strconv.Itoa(s.Page)
		}
		sv.Paras = renderSection(s, d, links)
		p.Sections = append(p.Sections, sv)
	}
	for _, n := range d.Footnotes {
		var refs []document.Reference
		for _, ref := range d.References {
			if ref.Footnote == n.Number {
				refs = append(refs, ref)
			}
		}
		p.Footnotes = append(p.Footnotes, noteView{Number: n.Number, Page: n.Page, HasAnchor: n.Anchor != nil,
			Text: renderText(n.Text, refs, nil, links)})
	}

	g := h.corpus.Graph
	if cb, err := g.CitedBy(rec.ID, graph.EdgeQuery{Limit: maxEdges}); err == nil {
		p.CitedBy, p.CitedByTotal = cb.Edges, cb.Total
	}
	if c, err := g.Cites(rec.ID, graph.EdgeQuery{Sort: "id", Limit: maxEdges}); err == nil {
		p.Cites, p.CitesTotal = groupCites(c.Edges), c.Total
	}
	if rel, err := g.Related(rec.ID, 0, 10); err == nil {
		p.Related = rel.Related
	}
	return p, nil
}

// groupCites groups the cited documents by dossier (dossiers first, in
// number order), the rest by kind.
func groupCites(edges []graph.Edge) []citeGroup {
	byKey := map[string]*citeGroup{}
	var keys []string
	for _, e := range edges {
		key, label, u := "~"+string(e.Kind), kindLabel(e.Kind), ""
		if e.Dossier != "" {
			key, label, u = e.Dossier, "Dossier "+e.Dossier, "/dossier/"+url.PathEscape(e.Dossier)
		}
		g, ok := byKey[key]
		if !ok {
			g = &citeGroup{Label: label, URL: u}
			byKey[key] = g
			keys = append(keys, key)
		}
		g.Edges = append(g.Edges, e)
	}
	sort.Strings(keys)
	out := make([]citeGroup, 0, len(keys))
	for _, k := range keys {
		out = append(out, *byKey[k])
	}
	return out
}

// kindLabel names an id family in Dutch.
func kindLabel(k document.Kind) string {
	switch k {
	case document.KindKamerstuk:
		return "Kamerstukken"
	case document.KindDossier:
		return "Dossiers"
	case document.KindHandelingen:
		return "Handelingen"
	case document.KindAanhangsel:
		return "Kamervragen (Aanhangsel)"
	case document.KindBijlage:
		return "Bijlagen"
	case document.KindStaatsblad:
		return "Staatsblad"
	case document.KindStaatscourant:
		return "Staatscourant"
	case document.KindTractatenblad:
		return "Tractatenblad"
	case document.KindLaw:
		return "Wetten en regelingen"
	case document.KindECLI, document.KindLJN:
		return "Rechtspraak"
	case document.KindCELEX:
		return "Europese regelgeving"
	case document.KindURL:
		return "Webpagina's"
	}
	return "Overig"
}

// link is how a reference to an id is shown.
type link struct {
	URL      string
	External bool
}

// linker returns the link of an id: a held document opens its page, a
// dossier its dossier page, anything else its official public page.
func (h *Handler) linker() func(id string) link {
	cache := map[string]link{}
	return func(id string) link {
		if l, ok := cache[id]; ok {
			return l
		}
		var l link
		switch {
		case h.corpus.Store.Has(id):
			l = link{URL: "/doc/" + url.PathEscape(id)}
		case strings.HasPrefix(id, "dossier-"):
			l = link{URL: "/dossier/" + url.PathEscape(strings.TrimPrefix(id, "dossier-"))}
		default:
			l = link{URL: docid.PublicURL(id), External: true}
		}
		cache[id] = l
		return l
	}
}

// renderSection renders a section's text as paragraphs with its body
// references as links and its footnote markers.
func renderSection(s *document.Section, d *document.Document, links func(string) link) []template.HTML {
	var refs []document.Reference
	for _, r := range d.References {
		if r.Footnote == 0 && r.Section == s.ID {
			refs = append(refs, r)
		}
	}
	var marks []mark
	seen := map[int]bool{}
	for _, n := range d.Footnotes {
		if n.Anchor != nil && n.Anchor.Section == s.ID {
			marks = append(marks, mark{offset: n.Anchor.Offset, note: n.Number, first: !seen[n.Number]})
			seen[n.Number] = true
		}
	}
	var out []template.HTML
	for _, span := range paragraphs(s) {
		var pr []document.Reference
		for _, r := range refs {
			if r.Start >= span[0] && r.End <= span[1] {
				r.Start -= span[0]
				r.End -= span[0]
				pr = append(pr, r)
			}
		}
		var pm []mark
		for _, m := range marks {
			if m.offset >= span[0] && m.offset <= span[1] {
				m.offset -= span[0]
				pm = append(pm, m)
			}
		}
		out = append(out, renderText(s.Text[span[0]:span[1]], pr, pm, links))
	}
	return out
}

// paragraphs returns the byte spans of a section's paragraphs: as recorded,
// or split at blank lines.
func paragraphs(s *document.Section) [][2]int {
	var out [][2]int
	ok := len(s.Paragraphs) > 0
	for _, p := range s.Paragraphs {
		if p.Start < 0 || p.End > len(s.Text) || p.Start > p.End {
			ok = false
			break
		}
	}
	if ok {
		for _, p := range s.Paragraphs {
			out = append(out, [2]int{p.Start, p.End})
		}
		return out
	}
	start := 0
	for start <= len(s.Text) {
		i := strings.Index(s.Text[start:], "\n\n")
		end := len(s.Text)
		if i >= 0 {
			end = start + i
		}
		if strings.TrimSpace(s.Text[start:end]) != "" {
			out = append(out, [2]int{start, end})
		}
		if i < 0 {
			break
		}
		start = end + 2
	}
	return out
}

// mark is a footnote marker at a byte offset.
type mark struct {
	offset, note int
	first        bool
}

// renderText escapes text and turns the references (byte spans of text)
// into links and the marks into footnote markers. Spans that overlap an
// earlier one, fall outside text or split a character are left as text.
func renderText(text string, refs []document.Reference, marks []mark, links func(string) link) template.HTML {
	type ins struct {
		start, end int
		ref        *document.Reference
		mark       *mark
	}
	var all []ins
	for i := range refs {
		r := &refs[i]
		if r.Start < 0 || r.End > len(text) || r.Start >= r.End || !boundary(text, r.Start) || !boundary(text, r.End) {
			continue
		}
		all = append(all, ins{r.Start, r.End, r, nil})
	}
	for i := range marks {
		m := &marks[i]
		if m.offset < 0 || m.offset > len(text) || !boundary(text, m.offset) {
			continue
		}
		all = append(all, ins{m.offset, m.offset, nil, m})
	}
	slices.SortStableFunc(all, func(a, b ins) int {
		return cmp.Or(cmp.Compare(a.start, b.start), cmp.Compare(b.end, a.end))
	})
	var b strings.Builder
	pos := 0
	for _, x := range all {
		if x.start < pos {
			continue // overlaps the previous link
		}
		b.WriteString(template.HTMLEscapeString(text[pos:x.start]))
		pos = x.start
		if x.mark != nil {
			m := x.mark
			n := strconv.Itoa(m.note)
			id := ""
			if m.first {
				id = ` id="fnref-` + n + `"`
			}
			b.WriteString(`<sup class="fnmark"` + id + `><a href="#fn-` + n + `" aria-label="Voetnoot ` + n + `">` + n + `</a></sup>`)
			continue
		}
		r := x.ref
		l := links(r.ID)
		raw := template.HTMLEscapeString(text[r.Start:r.End])
		title := template.HTMLEscapeString(r.ID)
		switch {
		case l.URL == "":
			b.WriteString(`<span class="ref" title="` + title + `">` + raw + `</span>`)
		case l.External:
			b.WriteString(`<a class="ref ext" href="` + template.HTMLEscapeString(l.URL) + `" rel="external noopener" title="` + title +
				` (extern)">` + raw + `<span class="vh"> (externe bron)</span></a>`)
		default:
			b.WriteString(`<a class="ref" href="` + template.HTMLEscapeString(l.URL) + `" title="` + title + `">` + raw + `</a>`)
		}
		pos = r.End
	}
	b.WriteString(template.HTMLEscapeString(text[pos:]))
	return template.HTML(b.String())
}

func boundary(s string, i int) bool {
	return i == len(s) || utf8.RuneStart(s[i])
}

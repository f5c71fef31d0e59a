package structure

import (
	"sort"
	"strconv"
	"strings"

	"kamerzoek/internal/document"
	"kamerzoek/internal/refs"
)

// mark is a footnote marker removed from a block's text: the note number
// and the byte offset in the text where it stood.
type mark struct {
	num, off int
}

// block is one paragraph or heading of the body in reading order, as the
// text and PDF readers hand it to assemble.
type block struct {
	text    string
	page    int
	marks   []mark
	heading bool
	// kind is the section kind a heading opens ("bijlage", "vraag",
	// "antwoord"); level, when > 0, overrides the level derived from the
	// heading's number.
	kind  string
	level int
	// number, when set on a heading, is its number as printed; heading
	// text is then taken as is.
	number string
}

// note is one footnote's text with its number and page.
type note struct {
	num, page int
	text      string
}

// assemble builds doc's Sections and Footnotes from the body blocks and
// notes, links markers to notes and runs the reference scanner.
func assemble(doc *document.Document, blocks []block, notes []note) {
	type pending struct {
		num     int
		section string
		off     int
	}
	var anchors []pending
	var secs []document.Section
	var texts []*strings.Builder // each section's Text while it is built
	// topKind is how the last level-1 heading was numbered: "" (none
	// yet), "num" (1, 2, ...), "plain" (no number), "roman" (I, II, A,
	// Hoofdstuk 1): numbered headings under a plain or roman one sit a
	// level deeper.
	topKind := ""
	var openDiv [7]bool // divisions of a law open at this point
	cur := -1
	newSection := func(b block) {
		id := "s" + strconv.Itoa(len(secs)+1)
		s := document.Section{ID: id, Page: b.page, Level: 1, Kind: b.kind}
		if b.heading {
			num, rest := b.number, b.text
			if num == "" {
				num, rest = splitHeadingNumber(b.text)
			}
			if rest == "" {
				rest = num
			}
			s.Number, s.Heading = num, rest
			lvl := b.level
			if lvl == 0 {
				switch {
				case num == "":
					lvl = 1
				case num[0] >= '0' && num[0] <= '9':
					lvl = numberDepth(num)
					if topKind == "plain" || topKind == "roman" {
						lvl++
					}
				case divisionRank(num) > 0:
					// Divisions of a law nest by rank: Boek, Hoofdstuk,
					// Titel, Afdeling, Paragraaf, Artikel.
					rk := divisionRank(num)
					lvl = 1
					for q := 1; q < rk; q++ {
						if openDiv[q] {
							lvl++
						}
					}
					for q := rk; q < len(openDiv); q++ {
						openDiv[q] = false
					}
					openDiv[rk] = true
					if topKind == "roman" {
						lvl++
					}
				default:
					lvl = 1
				}
			}
			s.Level = lvl
			if lvl == 1 && b.level == 0 {
				switch {
				case num == "":
					topKind = "plain"
				case num[0] >= '0' && num[0] <= '9':
					topKind = "num"
				case divisionRank(num) > 0:
				default:
					topKind = "roman"
					openDiv = [7]bool{}
				}
			}
			for i := len(secs) - 1; i >= 0; i-- {
				if secs[i].Level < lvl {
					s.Parent = secs[i].ID
					break
				}
			}
			for _, m := range b.marks {
				anchors = append(anchors, pending{m.num, id, 0})
			}
		}
		secs = append(secs, s)
		texts = append(texts, &strings.Builder{})
		cur = len(secs) - 1
	}
	for _, b := range blocks {
		if b.heading {
			newSection(b)
			continue
		}
		if strings.TrimSpace(b.text) == "" {
			continue
		}
		if cur < 0 {
			newSection(block{page: b.page})
		}
		s := &secs[cur]
		sb := texts[cur]
		base := sb.Len()
		if base > 0 {
			sb.WriteString("\n\n")
			base += 2
		}
		sb.WriteString(b.text)
		s.Paragraphs = append(s.Paragraphs, document.Paragraph{Start: base, End: sb.Len(), Page: b.page})
		for _, m := range b.marks {
			anchors = append(anchors, pending{m.num, s.ID, base + m.off})
		}
	}
	for i := range secs {
		secs[i].Text = texts[i].String()
	}
	if secs == nil {
		secs = []document.Section{}
	}
	doc.Sections = secs

	doc.Footnotes = make([]document.Footnote, 0, len(notes))
	used := make([]bool, len(anchors))
	for _, n := range notes {
		fn := document.Footnote{Number: n.num, Page: n.page, Text: n.text, Refs: []string{}}
		for i, a := range anchors {
			if !used[i] && a.num == n.num {
				used[i] = true
				fn.Anchor = &document.Anchor{Section: a.section, Offset: a.off}
				break
			}
		}
		if fn.Anchor == nil {
			doc.Diagnostics = append(doc.Diagnostics, "footnote "+strconv.Itoa(n.num)+": marker not found in the text")
		}
		doc.Footnotes = append(doc.Footnotes, fn)
	}
	for i, a := range anchors {
		if !used[i] {
			doc.Diagnostics = append(doc.Diagnostics, "marker "+strconv.Itoa(a.num)+" in "+a.section+": no note with that number")
		}
	}
	attachRefs(doc)
}

// refsContext is the scanner context for references in doc: the document
// itself, and its chamber, the Tweede Kamer when it names none.
func refsContext(doc *document.Document) refs.Context {
	ctx := refs.Context{Self: doc.ID, Kamer: doc.Kamer}
	if ctx.Kamer == "" {
		ctx.Kamer = "tk"
	}
	return ctx
}

// attachRefs runs the reference scanner over every section's Text and
// every footnote's Text, fills in where each reference stood, sets each
// footnote's Refs to the distinct ids it cites and collects all mentions
// in doc.References in document order (a note's references follow the
// paragraph its marker stands in). It replaces doc.References.
func attachRefs(doc *document.Document) {
	ctx := refsContext(doc)
	type keyed struct {
		ref        document.Reference
		sec, off   int
		noteOrder  int
		inNoteText int
	}
	var all []keyed
	secIndex := map[string]int{}
	for i, s := range doc.Sections {
		secIndex[s.ID] = i
		res := refs.Extract(s.Text, ctx)
		for _, dg := range res.Diagnostics {
			doc.Diagnostics = append(doc.Diagnostics, "section "+s.ID+": "+dg.Message)
		}
		for _, r := range res.References {
			r.Footnote = 0
			r.Section = s.ID
			r.Page = pageAt(s, r.Start)
			all = append(all, keyed{ref: r, sec: i, off: r.Start, noteOrder: -1, inNoteText: r.Start})
		}
	}
	for ni := range doc.Footnotes {
		fn := &doc.Footnotes[ni]
		res := refs.Extract(fn.Text, ctx)
		for _, dg := range res.Diagnostics {
			doc.Diagnostics = append(doc.Diagnostics, "footnote "+strconv.Itoa(fn.Number)+": "+dg.Message)
		}
		seen := map[string]bool{}
		fn.Refs = []string{}
		sec, off := len(doc.Sections), 0
		secID := ""
		if fn.Anchor != nil {
			if i, ok := secIndex[fn.Anchor.Section]; ok {
				sec, off, secID = i, fn.Anchor.Offset, fn.Anchor.Section
			}
		}
		for _, r := range res.References {
			r.Footnote = fn.Number
			r.Section = secID
			r.Page = fn.Page
			if !seen[r.ID] {
				seen[r.ID] = true
				fn.Refs = append(fn.Refs, r.ID)
			}
			all = append(all, keyed{ref: r, sec: sec, off: off, noteOrder: ni, inNoteText: r.Start})
		}
	}
	sort.SliceStable(all, func(i, j int) bool {
		a, b := all[i], all[j]
		if a.sec != b.sec {
			return a.sec < b.sec
		}
		if a.off != b.off {
			return a.off < b.off
		}
		if a.noteOrder != b.noteOrder {
			return a.noteOrder < b.noteOrder
		}
		return a.inNoteText < b.inNoteText
	})
	doc.References = make([]document.Reference, len(all))
	for i, k := range all {
		doc.References[i] = k.ref
	}
}

// pageAt returns the page of the paragraph of s holding byte offset off.
func pageAt(s document.Section, off int) int {
	i := sort.Search(len(s.Paragraphs), func(i int) bool { return s.Paragraphs[i].Start > off })
	if i == 0 {
		return s.Page
	}
	return s.Paragraphs[i-1].Page
}

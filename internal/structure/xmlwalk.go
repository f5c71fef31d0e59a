package structure

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"kamerzoek/internal/document"
)

// xmlSection is a section being built.
type xmlSection struct {
	sec document.Section
	buf xmlTextBuf
}

// xmlNote is a footnote being built.
type xmlNote struct {
	fn  document.Footnote
	buf xmlTextBuf
}

// xmlWalker turns the body of an OB document into sections and footnotes.
// Block-level text goes to the innermost open section, or to the base
// section (the preamble under the document's own title) when none is open;
// inside a <noot> it goes to the note.
type xmlWalker struct {
	sections []*xmlSection
	stack    []*xmlSection
	base     *xmlSection
	notes    []*xmlNote
	noteBuf  *xmlTextBuf
	noteNums map[int]bool
	maxNote  int
	diags    []string

	// signer and office of the first <ondertekening>
	signer, office string

	// debate is the dossier a Handelingen item debates ("31311"), which
	// "op stuk nr. 200" refers to; "" when it is not known or not one.
	debate string
}

// xmlSkip names elements whose content is metadata, not running text: the
// reader takes what it needs from them directly.
var xmlSkip = map[string]bool{
	"metadata": true, "meta": true, "kamerstukkop": true, "kamervraagkop": true,
	"vergadering": true, "stuknr": true, "datumtekst": true, "kamervraagnummer": true,
	"plaatje": true, "illustratie": true, "colspec": true, "spanspec": true,
}

// xmlParaElems are elements that always make one paragraph of their inline
// content.
var xmlParaElems = map[string]bool{
	"al": true, "considerans.al": true, "noot.al": true, "tekstregel": true,
	"kamervraagomschrijving": true, "wie": true, "titel": true, "entry": true,
	"spreker": true, "dagtekening": true, "slotformule": true,
}

func newXMLWalker() *xmlWalker {
	return &xmlWalker{noteNums: map[int]bool{}}
}

func (w *xmlWalker) diag(msg string) { w.diags = append(w.diags, msg) }

func (w *xmlWalker) newSection(number, heading, kind string, level int, parent string) *xmlSection {
	s := &xmlSection{sec: document.Section{
		ID:      "s" + strconv.Itoa(len(w.sections)+1),
		Number:  number,
		Heading: heading,
		Level:   level,
		Parent:  parent,
		Kind:    kind,
	}}
	w.sections = append(w.sections, s)
	return s
}

// setBase creates the base section with the given heading.
func (w *xmlWalker) setBase(heading string) {
	if w.base == nil {
		w.base = w.newSection("", heading, "", 1, "")
	}
}

// target is the section block-level text goes to.
func (w *xmlWalker) target() *xmlSection {
	if n := len(w.stack); n > 0 {
		return w.stack[n-1]
	}
	w.setBase("")
	return w.base
}

// out is the buffer text goes to: the open note, or the target section.
func (w *xmlWalker) out() *xmlTextBuf {
	if w.noteBuf != nil {
		return w.noteBuf
	}
	return &w.target().buf
}

// open starts a section nested in the innermost open one.
func (w *xmlWalker) open(number, heading, kind string) *xmlSection {
	parent := ""
	if n := len(w.stack); n > 0 {
		w.stack[n-1].buf.endPara()
		parent = w.stack[n-1].sec.ID
	} else if w.base != nil {
		w.base.buf.endPara()
	}
	s := w.newSection(number, heading, kind, len(w.stack)+1, parent)
	w.stack = append(w.stack, s)
	return s
}

// close ends s and every section opened inside it.
func (w *xmlWalker) close(s *xmlSection) {
	for i := len(w.stack) - 1; i >= 0; i-- {
		if w.stack[i] == s {
			for _, o := range w.stack[i:] {
				o.buf.endPara()
			}
			w.stack = w.stack[:i]
			return
		}
	}
}

// block handles an element or character data at block level.
func (w *xmlWalker) block(n *xnode) {
	if n.Name == "" {
		if strings.TrimSpace(n.Text) != "" {
			w.out().write(n.Text)
		}
		return
	}
	if xmlSkip[n.Name] {
		return
	}
	inNote := w.noteBuf != nil
	switch n.Name {
	case "noot":
		w.note(n, true)
		return
	case "li.nr", "lidnr":
		b := w.out()
		b.startPara()
		w.inline(n)
		b.glue = true
		return
	case "ondertekening":
		w.signature(n)
		return
	case "vraag", "antwoord", "mededeling":
		if !inNote {
			w.question(n)
			return
		}
	case "spreekbeurt":
		if !inNote {
			w.speech(n)
			return
		}
	}
	if !inNote && n.child("kop") != nil {
		w.kopSection(n)
		return
	}
	if xmlParaElems[n.Name] || n.hasOwnText() {
		b := w.out()
		b.startPara()
		w.inline(n)
		b.endPara()
		return
	}
	w.blockKids(n)
}

// blockKids handles the children of a container. A <tussenkop> opens an
// unnumbered section that runs to the next one or to the container's end.
func (w *xmlWalker) blockKids(n *xnode, skip ...string) {
	var sub *xmlSection
	for _, k := range n.Kids {
		if k.Name != "" && xmlIn(k.Name, skip) {
			continue
		}
		if k.Name == "tussenkop" && w.noteBuf == nil {
			if sub != nil {
				w.close(sub)
			}
			sub = w.open("", xmlCleanHeading(xmlFlat(k)), "")
			w.headingNotes(k)
			continue
		}
		w.block(k)
	}
	if sub != nil {
		w.close(sub)
	}
}

func xmlIn(s string, list []string) bool {
	for _, l := range list {
		if s == l {
			return true
		}
	}
	return false
}

// inline writes the inline content of n to the current buffer.
func (w *xmlWalker) inline(n *xnode) {
	for _, k := range n.Kids {
		w.inlineOne(k)
	}
}

func (w *xmlWalker) inlineOne(k *xnode) {
	b := w.out()
	switch k.Name {
	case "":
		b.write(k.Text)
	case "noot":
		w.note(k, true)
	case "extref":
		doc := k.attr("doc")
		if doc == "" {
			doc = k.attr("href")
		}
		r := b.openRef(doc)
		w.inline(k)
		b.closeRef(r)
	case "br":
		b.space()
	case "voornaam", "voorvoegsels":
		w.inline(k)
		b.space()
	case "al", "li", "lijst", "li.nr", "lid", "lidnr", "entry", "row", "tekstregel", "noot.al":
		b.space()
		w.inline(k)
		b.space()
	default:
		if !xmlSkip[k.Name] {
			w.inline(k)
		}
	}
}

// note reads a <noot>: its number from <noot.nr>, its text from the rest.
// With anchored set, the marker's place in the current section is kept.
func (w *xmlWalker) note(n *xnode, anchored bool) {
	label := strings.TrimSpace(xmlFlat(xmlOrEmpty(n.child("noot.nr"))))
	num, err := strconv.Atoi(label)
	if err != nil || num <= 0 || w.noteNums[num] {
		next := w.maxNote + 1
		w.diag("footnote " + strconv.Quote(label) + " numbered " + strconv.Itoa(next))
		num = next
	}
	w.noteNums[num] = true
	if num > w.maxNote {
		w.maxNote = num
	}
	nt := &xmlNote{fn: document.Footnote{Number: num, Refs: []string{}}}
	if anchored && w.noteBuf == nil {
		s := w.target()
		nt.fn.Anchor = &document.Anchor{Section: s.sec.ID, Offset: len(s.buf.b)}
	}
	w.notes = append(w.notes, nt)
	prev := w.noteBuf
	w.noteBuf = &nt.buf
	for _, k := range n.Kids {
		if k.Name == "noot.nr" {
			continue
		}
		w.block(k)
	}
	nt.buf.endPara()
	w.noteBuf = prev
}

// headingNotes reads the notes that stand in a heading; their markers are
// not in any section text, so they carry no anchor.
func (w *xmlWalker) headingNotes(n *xnode) {
	for _, k := range n.Kids {
		if k.Name == "noot" {
			w.note(k, false)
		} else if k.Name != "" {
			w.headingNotes(k)
		}
	}
}

func xmlOrEmpty(n *xnode) *xnode {
	if n == nil {
		return &xnode{}
	}
	return n
}

// kopSection reads an element with a <kop> (divisie, hoofdstuk, artikel,
// bijlage, a motie in Handelingen, ...) as a section.
func (w *xmlWalker) kopSection(n *xnode) {
	kop := n.child("kop")
	label := xmlFlat(xmlOrEmpty(kop.child("label")))
	nr := strings.TrimSuffix(xmlFlat(xmlOrEmpty(kop.child("nr"))), ".")
	number := strings.TrimSpace(label + " " + nr)
	heading := xmlCleanHeading(xmlFlat(xmlOrEmpty(kop.child("titel"))))
	if heading == "" {
		heading = number
	}
	if heading == "" {
		heading = xmlCleanHeading(xmlFlat(kop))
	}
	kind := ""
	if n.Name == "bijlage" {
		kind = "bijlage"
	}
	s := w.open(number, heading, kind)
	w.headingNotes(kop)
	w.blockKids(n, "kop")
	w.close(s)
}

// question reads a <vraag>, <antwoord> or <mededeling> of Kamervragen.
func (w *xmlWalker) question(n *xnode) {
	label := xmlCleanHeading(xmlFlat(xmlOrEmpty(n.child("nr"))))
	if label == "" {
		label = xmlUpperFirst(n.Name)
	}
	number := ""
	if f := strings.Fields(label); len(f) > 1 {
		number = f[len(f)-1]
	}
	kind := n.Name
	if kind == "mededeling" {
		kind, number = "", ""
	}
	s := w.open(number, label, kind)
	w.blockKids(n, "nr")
	w.close(s)
}

// speech reads a <spreekbeurt> of Handelingen: a section headed by its
// speaker as printed ("De heer Wörsdörfer (VVD)").
func (w *xmlWalker) speech(n *xnode) {
	s := w.open("", xmlCleanHeading(xmlFlat(xmlOrEmpty(n.child("spreker")))), "")
	w.blockKids(n, "spreker")
	w.close(s)
}

// item reads an item of Handelingen (agendapunt, opening, ...).
func (w *xmlWalker) item(n *xnode) *xmlSection {
	heading := xmlCleanHeading(xmlFlat(xmlOrEmpty(n.child("item-titel"))))
	if heading == "" {
		if kop := n.child("kop"); kop != nil {
			heading = xmlCleanHeading(xmlFlat(xmlOrEmpty(kop.child("titel"))))
		}
	}
	if heading == "" {
		heading = xmlUpperFirst(strings.ReplaceAll(n.Name, "-", " "))
	}
	s := w.open(strings.TrimSpace(xmlFlat(xmlOrEmpty(n.child("nr")))), heading, "")
	w.blockKids(n, "nr", "item-titel", "kop")
	w.close(s)
	return s
}

// signature reads an <ondertekening>: the office ("De Minister van ...")
// and the name each as a paragraph; the first one gives the document's
// sender and signatory.
func (w *xmlWalker) signature(n *xnode) {
	b := w.out()
	b.startPara()
	var office strings.Builder
	name := ""
	for _, k := range n.Kids {
		if k.Name == "naam" {
			b.endPara()
			b.startPara()
			w.inline(k)
			b.endPara()
			b.startPara()
			if name == "" {
				name = xmlFlat(k)
			}
			continue
		}
		if name == "" {
			if k.Name == "" {
				office.WriteString(k.Text)
			} else {
				office.WriteString(" " + xmlFlat(k) + " ")
			}
		}
		w.inlineOne(k)
	}
	b.endPara()
	if w.signer == "" && w.noteBuf == nil {
		w.signer = strings.TrimSpace(name)
		w.office = xmlOffice(office.String())
	}
}

// xmlOffice turns "De Minister van Justitie en Veiligheid," into
// "Minister van Justitie en Veiligheid".
func xmlOffice(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	s = strings.TrimRight(s, ",.; ")
	if len(s) > 3 && strings.EqualFold(s[:3], "de ") {
		s = s[3:]
	}
	return xmlUpperFirst(s)
}

// xmlUpperFirst upper-cases the first letter of s.
func xmlUpperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || r == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

package structure

import (
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"

	"kamerzoek/internal/document"
	"kamerzoek/internal/pdftext"
)

// pline is one line of a PDF page with what the reader decided about it.
type pline struct {
	pdftext.Line
	page int
	text string
	// role: body, furniture (running header/footer, side column), note,
	// header (identity block of the first page).
	role    int
	endnote bool
}

const (
	roleBody = iota
	roleFurniture
	roleNote
	roleHeader
)

var (
	reRunningFooter = regexp.MustCompile(`^(?:Tweede|Eerste) Kamer, vergaderjaar \d{4}\s*[–-]\s*\d{4}`)
	reKstFooter     = regexp.MustCompile(`^kst-(\d{4,6}(?:-[A-Za-z0-9]{1,6})?)-([0-9]+[A-Za-z]?|[A-Z]{1,3})$`)
	reAhFooter      = regexp.MustCompile(`^ah-(tk|ek)-(\d{8})-(\d+)$`)
	reISSN          = regexp.MustCompile(`^ISSN \d{4}\s*-\s*\d{3}[\dX]$`)
	reGravenhage    = regexp.MustCompile(`^[’']s-Gravenhage \d{4}$`)
	rePageOnly      = regexp.MustCompile(`^(?:[-–]\s*)?\d{1,4}(?:\s*[-–])?$|^(?i:pagina|blad|page)\s+\d+(?:\s+(?:van|of)\s+\d+)?$|^\d+\s*/\s*\d+$`)
	reVraagKop      = regexp.MustCompile(`^(Vraag|Vragen|Antwoord|Antwoorden)\s+(\d{1,3}[a-z]?(?:\s*(?:,|en|t/m|tot en met|-|–)\s*\d{1,3}[a-z]?)*)\s*[:.]?$`)
	reMarkerWord    = regexp.MustCompile(`^\d{1,3}$`)
	reNoteStart     = regexp.MustCompile(`^(\d{1,3})[.)]?$`)
	reBijlageKop    = regexp.MustCompile(`^(?:BIJLAGE|Bijlage)(?:\s+(?:\d{1,2}|[IVX]{1,4}|[A-Z]))?\b`)
	reAhNumber      = regexp.MustCompile(`^\d{1,5}$`)
)

// FromPDF parses the text layer of a PDF. The result's Pages is
// len(d.Pages); paragraphs and footnotes carry page numbers. Of Source it
// fills in Format and Producer; the file's name, hash and size and
// ExtractorVersion are left for the caller. ID is empty when the document
// does not identify itself. It returns ErrEmpty when d holds no text.
func FromPDF(d *pdftext.Document) (*document.Document, error) {
	if d == nil {
		return nil, ErrEmpty
	}
	var lines []*pline
	for pi, p := range d.Pages {
		num := p.Number
		if num <= 0 {
			num = pi + 1
		}
		for _, l := range p.Lines {
			t := collapseSpace(strings.ToValidUTF8(l.Text(), "\uFFFD"))
			if t == "" {
				continue
			}
			lines = append(lines, &pline{Line: l, page: num, text: t})
		}
	}
	if len(lines) == 0 {
		return nil, ErrEmpty
	}
	lines = joinNumberLines(lines)
	doc := &document.Document{Pages: len(d.Pages)}
	doc.Source.Format = document.FormatPDF
	doc.Source.Producer = d.Producer
	r := &pdfReader{doc: doc, lines: lines, pages: d.Pages}
	r.ocr = reOCRProducer.MatchString(d.Producer + " " + d.Creator)
	r.bodySize = dominantSize(lines)
	r.markFurniture()
	r.identity()
	if r.family == "" && r.footer != nil {
		f := r.footer
		doc.Kamer, doc.Vergaderjaar, doc.Dossier, doc.Number = f.Kamer, f.Vergaderjaar, f.Dossier, f.Number
		doc.ID = kstID(f.Dossier, f.Number)
		r.family = "kst"
	}
	if r.family == "" {
		r.letterHead()
	}
	notes := r.findNotes()
	blocks := r.bodyBlocks(notes)
	if len(r.headerMarks) > 0 && len(blocks) > 0 {
		var ms []mark
		for _, n := range r.headerMarks {
			ms = append(ms, mark{num: n})
		}
		blocks[0].marks = append(ms, blocks[0].marks...)
	}
	if r.family == "" {
		blocks = r.frontMatter(blocks)
	}
	r.metadata(blocks)
	if r.family == "" && !r.hasStyledHeadings(blocks) {
		var paras []textPara
		for _, b := range blocks {
			if b.kind == "meta" {
				continue
			}
			paras = append(paras, textPara{wrapped: true, page: b.page, text: b.text, marks: b.marks, lines: len(b.lines)})
		}
		assemble(doc, classifyPlain(doc, paras), notes)
		return doc, nil
	}
	assemble(doc, r.classify(blocks), notes)
	return doc, nil
}

// joinNumberLines joins a number standing alone ("I.", "2.") to the text
// that follows it on the same baseline: producers often set the two as
// separate runs, and the reading order may put the text after the next
// paragraph.
func joinNumberLines(lines []*pline) []*pline {
	drop := map[*pline]bool{}
	for i, l := range lines {
		if drop[l] || len(l.text) > 5 || !reBareNumber.MatchString(l.text) {
			continue
		}
		for j := i + 1; j < len(lines) && lines[j].page == l.page; j++ {
			o := lines[j]
			if drop[o] || math.Abs(o.Y-l.Y) > 1.5 || o.X0 < l.X1 || o.X0-l.X1 > 60 || reBareNumber.MatchString(o.text) {
				continue
			}
			merged := *l
			merged.Words = append(append([]pdftext.Word(nil), l.Words...), o.Words...)
			merged.X1 = o.X1
			merged.text = l.text + " " + o.text
			// Keep the place in the reading order whose line before
			// stands closest above.
			if gapAbove(lines, j) < gapAbove(lines, i) {
				merged.Block = o.Block
				*o = merged
				drop[l] = true
			} else {
				*l = merged
				drop[o] = true
			}
			break
		}
	}
	if len(drop) == 0 {
		return lines
	}
	out := lines[:0:0]
	for _, l := range lines {
		if !drop[l] {
			out = append(out, l)
		}
	}
	return out
}

// gapAbove is how far line i stands below the line before it in reading
// order on the same page; +Inf when that line is below it or on another
// page.
func gapAbove(lines []*pline, i int) float64 {
	if i == 0 || lines[i-1].page != lines[i].page || reBareNumber.MatchString(lines[i-1].text) {
		return math.Inf(1)
	}
	if d := lines[i].Y - lines[i-1].Y; d > 0 {
		return d
	}
	return math.Inf(1)
}

type pdfReader struct {
	doc      *document.Document
	lines    []*pline
	pages    []pdftext.Page
	bodySize float64
	family   string // "kst", "ah" or ""
	// headerMarks are note markers in the head of the first page (after
	// the paper's title); they are anchored at the start of the text.
	headerMarks []int
	qa          bool               // "Vraag N" and "Antwoord N" open sections
	footer      *document.Document // identity from a running footer
	ocr         bool               // the text layer comes from character recognition
}

var reOCRProducer = regexp.MustCompile(`(?i)tesseract|zylab|abbyy|omnipage|ocr|readiris|finereader`)

func (r *pdfReader) page(n int) (w, h float64) {
	if n >= 1 && n <= len(r.pages) {
		p := r.pages[n-1]
		if p.Width > 0 && p.Height > 0 {
			return p.Width, p.Height
		}
	}
	return 595, 842
}

// dominantSize is the font size carrying most words, rounded to 0.5 pt.
func dominantSize(lines []*pline) float64 {
	count := map[float64]int{}
	for _, l := range lines {
		count[math.Round(l.Size*2)/2] += len(l.Words)
	}
	best, bestN := 10.0, -1
	for s, n := range count {
		if n > bestN || n == bestN && s < best {
			best, bestN = s, n
		}
	}
	return best
}

// markFurniture marks running headers and footers, page numbers, the
// officielebekendmakingen footer block and lines repeated on most pages
// (the side column of a ministry letter).
func (r *pdfReader) markFurniture() {
	npages := len(r.pages)
	type key struct {
		text string
		x    int
	}
	seen := map[key]map[int]bool{}
	for _, l := range r.lines {
		_, h := r.page(l.page)
		k := key{l.text, int(l.X0 / 8)}
		if l.Y < 0.12*h || l.Y > 0.88*h {
			k = key{digitsOut(l.text), -1}
		}
		if seen[k] == nil {
			seen[k] = map[int]bool{}
		}
		seen[k][l.page] = true
	}
	psize := r.pageSizes()
	for _, l := range r.lines {
		_, h := r.page(l.page)
		t := l.text
		edge := l.Y < 0.1*h || l.Y > 0.9*h
		switch {
		case reRunningFooter.MatchString(t) && len(t) < 120:
			l.role = roleFurniture
			r.footerIdentity(t)
		case edge && rePageOnly.MatchString(t) && !r.hasTextBeside(l):
			l.role = roleFurniture
		case reKstFooter.MatchString(t), reAhFooter.MatchString(t):
			l.role = roleFurniture
			r.footerID(t)
		case reISSN.MatchString(t), reGravenhage.MatchString(t):
			l.role = roleFurniture
		case l.page == 1 && l.Size > 30 && len(t) <= 2:
			l.role = roleFurniture // the large chamber figure of XPP
		case strings.HasPrefix(t, "> Retouradres") || strings.HasPrefix(t, "Retouradres "):
			l.role = roleFurniture
		}
		if w, _ := r.page(l.page); l.X0 > 0.7*w && l.Size <= psize[l.page]-1.5 && l.role == roleBody {
			l.role = roleFurniture // the side column of a ministry letter
		}
		if l.role != roleBody || npages < 2 || len(t) > 90 || reVraagKop.MatchString(t) {
			continue
		}
		k := key{t, int(l.X0 / 8)}
		if l.Y < 0.12*h || l.Y > 0.88*h {
			k = key{digitsOut(t), -1}
		}
		n := len(seen[k])
		w, _ := r.page(l.page)
		margin := l.Y < 0.12*h || l.Y > 0.88*h || l.X0 > 0.6*w
		if margin && n >= 2 && (n*2 >= npages || n >= 3 && n*3 >= npages) {
			l.role = roleFurniture
		}
	}
}

// hasTextBeside reports whether a text line starts just right of l on
// about the same baseline: l is then a note number, not a page number.
func (r *pdfReader) hasTextBeside(l *pline) bool {
	for _, o := range r.lines {
		if o.page == l.page && o != l && math.Abs(o.Y-l.Y) < 8 && o.X0 >= l.X1-1 && o.X0-l.X1 < 30 && len(o.text) > 3 {
			return true
		}
	}
	return false
}

// pageSizes returns the body font size of each page: the dominant size
// of its body lines when the page has enough words, else the document's.
func (r *pdfReader) pageSizes() map[int]float64 {
	pageLines := map[int][]*pline{}
	for _, l := range r.lines {
		if l.role == roleBody {
			pageLines[l.page] = append(pageLines[l.page], l)
		}
	}
	out := map[int]float64{}
	for pg, ls := range pageLines {
		words := 0
		for _, l := range ls {
			words += len(l.Words)
		}
		out[pg] = r.bodySize
		if words >= 60 {
			out[pg] = dominantSize(ls)
		}
	}
	return out
}

func digitsOut(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return '#'
		}
		return r
	}, s)
}

var reFooterIdentity = regexp.MustCompile(`^(Tweede|Eerste) Kamer, vergaderjaar (\d{4})\s*[–-]\s*(\d{4}), (\d{2} ?\d{3})(?:[ -]([A-Z]{1,5}|\d{1,3}))?, nr\. (\d+[A-Za-z]?|[A-Z]{1,3})\b`)

// footerIdentity reads the running footer of an officielebekendmakingen
// page ("Tweede Kamer, vergaderjaar 2018–2019, 35 000 I, nr. 2"): the
// identity of a file that lacks the first page. The first page's head
// and footer block, where present, take precedence.
func (r *pdfReader) footerIdentity(t string) {
	m := reFooterIdentity.FindStringSubmatch(t)
	if m == nil || r.footer != nil {
		return
	}
	dossier := strings.ReplaceAll(m[4], " ", "")
	if m[5] != "" {
		dossier += "-" + m[5]
	}
	r.footer = &document.Document{
		Kamer:        map[string]string{"Tweede": "tk", "Eerste": "ek"}[m[1]],
		Vergaderjaar: normVergaderjaar(m[2], m[3]),
		Dossier:      dossier,
		Number:       m[6],
	}
}

func (r *pdfReader) footerID(t string) {
	if m := reKstFooter.FindStringSubmatch(t); m != nil && r.doc.ID == "" {
		r.doc.ID = "kst-" + m[1] + "-" + m[2]
		r.doc.Dossier, r.doc.Number = m[1], m[2]
		r.family = "kst"
	}
	if m := reAhFooter.FindStringSubmatch(t); m != nil && r.doc.ID == "" {
		r.doc.ID = t
		r.doc.Kamer = m[1]
		r.doc.Vergaderjaar = m[2][:4] + "-" + m[2][4:]
		r.doc.Number = m[3]
		r.family = "ah"
	}
}

// identity reads the head of an officielebekendmakingen first page:
// chamber, vergaderjaar, dossier number and title, "Nr. N" and the title of
// the paper, and marks those lines as header.
func (r *pdfReader) identity() {
	var first []*pline
	for _, l := range r.lines {
		if l.page != r.lines[0].page {
			break
		}
		if l.role == roleBody {
			first = append(first, l)
		}
	}
	_, h := r.page(r.lines[0].page)
	doc := r.doc
	official := r.family != ""
	for _, l := range first {
		if (l.text == "Tweede Kamer der Staten-Generaal" || l.text == "Eerste Kamer der Staten-Generaal") && l.Y < 0.15*h && l.Size > r.bodySize+3 {
			official = true
		}
	}
	if !official {
		return
	}
	var dossierLine, nrLine *pline
	for _, l := range first {
		if l.Y > 0.5*h {
			continue
		}
		t := l.text
		switch {
		case (t == "Tweede Kamer der Staten-Generaal" || t == "Eerste Kamer der Staten-Generaal") && l.Y < 0.15*h:
			doc.Kamer = kamerOf(t)
			l.role = roleHeader
		case strings.HasPrefix(t, "Vergaderjaar ") && parseVergaderjaar(t) != "" && len(t) < 60:
			if doc.Vergaderjaar == "" {
				doc.Vergaderjaar = parseVergaderjaar(t)
			}
			l.role = roleHeader
		case t == "Aanhangsel van de Handelingen" || strings.HasPrefix(t, "Vragen gesteld door de leden der Kamer") || t == "regering gegeven antwoorden":
			l.role = roleHeader
			r.family = "ah"
		case parseDossierLine(t) != "" && dossierLine == nil && nrLine == nil && l.Bold():
			dossierLine = l
			l.role = roleHeader
			if doc.Dossier == "" {
				doc.Dossier = parseDossierLine(t)
			}
		case parseNrLine(t) != "" && nrLine == nil:
			nrLine = l
			l.role = roleHeader
			if doc.Number == "" {
				doc.Number = parseNrLine(t)
			}
		case r.family == "ah" && reMarkerWord.MatchString(t) || r.family == "ah" && reAhNumber.MatchString(t) && l.Size > r.bodySize+2:
			l.role = roleHeader
			if doc.Number == "" {
				doc.Number = t
			}
		}
	}
	if dossierLine != nil {
		// The dossier title stands beside and under the dossier number,
		// down to "Nr. N".
		stop := h / 2
		if nrLine != nil {
			stop = nrLine.Y - 2
		}
		var title []string
		for _, l := range first {
			if l.role == roleBody && l.Y >= dossierLine.Y-2 && l.Y < stop && l.X0 > dossierLine.X0+20 {
				title = append(title, l.text)
				l.role = roleHeader
			}
		}
		doc.Title = joinLines(title)
	}
	if nrLine != nil {
		// The paper's title: upper-case lines from the height of "Nr. N".
		var dt []string
		for _, l := range first {
			if l.role != roleBody || l.Y < nrLine.Y-2 {
				continue
			}
			if !isUpperText(l.text) || len(dt) > 0 && l.Y-lastY(first, dt) > 3*l.Size {
				break
			}
			var ws []string
			for _, w := range l.Words {
				if w.Superscript && reMarkerWord.MatchString(w.Text) {
					n, _ := strconv.Atoi(w.Text)
					r.headerMarks = append(r.headerMarks, n)
					continue
				}
				ws = append(ws, w.Text)
			}
			dt = append(dt, strings.Join(ws, " "))
			l.role = roleHeader
		}
		doc.DocumentTitle = joinLines(dt)
		doc.Type = typeFromTitle(doc.DocumentTitle)
	}
	if doc.ID == "" && r.family != "ah" {
		doc.ID = kstID(doc.Dossier, doc.Number)
		if doc.ID != "" {
			r.family = "kst"
		}
	}
	if r.family == "ah" {
		doc.Type = "kamervragen"
		doc.Dossier = ""
		if doc.ID == "" && doc.Vergaderjaar != "" && doc.Number != "" {
			doc.ID = "ah-" + orDefault(doc.Kamer, "tk") + "-" + strings.ReplaceAll(doc.Vergaderjaar, "-", "") + "-" + doc.Number
		}
	}
}

// frontMatter reads the identity lines of a letter typeset without the
// officielebekendmakingen layout (vergaderjaar, dossier, "Nr. N", title,
// addressee, date) from the first one-line paragraphs and drops them.
func (r *pdfReader) frontMatter(blocks []*pblock) []*pblock {
	if r.doc.Dossier != "" || r.doc.Number != "" || r.doc.ID != "" {
		return blocks // the head was read already
	}
	var raw []string
	for _, b := range blocks {
		if len(b.lines) != 1 || b.page != blocks[0].page || len(raw) >= 12 {
			break
		}
		raw = append(raw, b.text)
	}
	if len(raw) == 0 {
		return blocks
	}
	probe := &document.Document{}
	n := frontMatter(probe, raw)
	if probe.Vergaderjaar == "" && probe.Number == "" && probe.Dossier == "" {
		return blocks
	}
	d := r.doc
	d.Vergaderjaar, d.Dossier, d.Number, d.Title = probe.Vergaderjaar, probe.Dossier, probe.Number, probe.Title
	d.DocumentTitle, d.Addressee, d.Date, d.ID, d.Type = probe.DocumentTitle, probe.Addressee, probe.Date, probe.ID, probe.Type
	if probe.Kamer != "" {
		d.Kamer = probe.Kamer
	}
	return blocks[n:]
}

// hasStyledHeadings reports whether some short paragraphs are set in
// bold or italic: the document marks its headings typographically.
func (r *pdfReader) hasStyledHeadings(blocks []*pblock) bool {
	n := 0
	for _, b := range blocks {
		if b.styled && len(b.lines) <= 2 && len(b.text) < 160 {
			n++
		}
	}
	return n >= 2
}

var (
	rePostbus     = regexp.MustCompile(`\s(?:Postbus|Binnenhof)\b|\s\d{4} ?[A-Z]{2}\b`)
	reLabel       = regexp.MustCompile(`^(Datum|Onderwerp|Betreft|Date|Sent|Subject)\b\s*:?\s*(.*)$`)
	reNrTitle     = regexp.MustCompile(`^Nr\.\s*(\d+[A-Z]?)\s+(\S.*)$`)
	reOCRDossier  = regexp.MustCompile(`^(\d{5})\s*-\s*(\d{1,4})\b`)
	reWetVoorstel = regexp.MustCompile(`voorstel van wet (?:houdende )?(.+?)(?:, met memorie van toelichting|\.\s)`)
	reRvSNo       = regexp.MustCompile(`^No\. W\d{2}\.\d{2}\.\d{4,5}/[IVX]+`)
	rePlaceDate   = regexp.MustCompile(`(?:Den Haag|[’']s-Gravenhage|Utrecht|Rijswijk),?\s+(\d{1,2} \p{L}+ \d{4})`)
)

// letterHead reads the head of a document that is not in the
// officielebekendmakingen layout: "Datum" and "Onderwerp"/"Betreft"
// labels with their values beside or under them, the place and date line,
// a dossier and "Nr. N" head as on tweedekamer.nl, and the title in the
// largest type of the first page. The lines it reads are taken out of the
// body text.
func (r *pdfReader) letterHead() {
	doc := r.doc
	var first []*pline
	for _, l := range r.lines {
		if l.page == r.lines[0].page {
			first = append(first, l)
		}
	}
	_, h := r.page(r.lines[0].page)
	valueOf := func(l *pline, rest string) (string, *pline) {
		if rest != "" {
			return rest, nil
		}
		// the value to the right on the same baseline, else just below
		var best *pline
		for _, o := range first {
			if o != l && math.Abs(o.Y-l.Y) < 2 && o.X0 > l.X1 && (best == nil || o.X0 < best.X0) {
				best = o
			}
		}
		if best == nil {
			for _, o := range first {
				if o != l && o.Y > l.Y && o.Y-l.Y < 2.2*l.Size && math.Abs(o.X0-l.X0) < 4 {
					best = o
					break
				}
			}
		}
		if best == nil {
			return "", nil
		}
		v := best.text
		for _, o := range first {
			if o != best && o != l && math.Abs(o.Y-best.Y) < 3 && o.X0 > best.X1 && o.X0-best.X1 < 40 {
				v += " " + o.text
			}
		}
		return v, best
	}
	for _, l := range first {
		m := reLabel.FindStringSubmatch(l.text)
		if m == nil || l.Y > 0.6*h {
			continue
		}
		v, vl := valueOf(l, m[2])
		if v == "" {
			continue
		}
		switch m[1] {
		case "Datum", "Date", "Sent":
			if d := parseDutchDate(v); d != "" && doc.Date == "" {
				doc.Date = d
				l.role = roleHeader
				if vl != nil {
					vl.role = roleHeader
				}
			}
		default:
			if doc.Title == "" {
				doc.Title = v
				l.role = roleHeader
				if vl != nil {
					vl.role = roleHeader
				}
			}
		}
	}
	// Rows of the top of the page, words left to right.
	for _, l := range first {
		if l.Y > 0.3*h {
			continue
		}
		row := l.text
		for _, o := range first {
			if o != l && math.Abs(o.Y-l.Y) < 2.5 && o.X0 >= l.X1-1 {
				row += " " + o.text
			}
		}
		if m := reOCRDossier.FindStringSubmatch(row); m != nil && doc.Dossier == "" {
			doc.Dossier, doc.Number = m[1], m[2]
		}
		if reRvSNo.MatchString(l.text) && doc.Type == "" {
			doc.Type = "advies raad van state"
		}
	}
	for i, l := range first {
		if l.Y > 0.5*h {
			break
		}
		if d := parseDossierLine(l.text); d != "" && doc.Dossier == "" && l.Bold() {
			doc.Dossier = d
			l.role = roleHeader
			// the dossier title beside it
			for _, o := range first {
				if o != l && math.Abs(o.Y-l.Y) < 2 && o.X0 > l.X1 && doc.Title == "" {
					doc.Title = o.text
					o.role = roleHeader
				}
			}
		}
		if m := reNrTitle.FindStringSubmatch(l.text); m != nil && doc.Number == "" {
			doc.Number = m[1]
			doc.DocumentTitle = m[2]
			doc.Type = typeFromTitle(m[2])
			l.role = roleHeader
			if i+1 < len(first) && strings.HasPrefix(first[i+1].text, "Vastgesteld ") {
				doc.Date = parseDutchDate(first[i+1].text)
				first[i+1].role = roleHeader
			}
		}
		if isUpperText(l.text) && strings.HasPrefix(l.text, "MOTIE") && doc.DocumentTitle == "" {
			doc.DocumentTitle = l.text
			doc.Type = "motie"
			l.role = roleHeader
			// the dossier title stands above it
			var t []string
			for _, o := range first[:i] {
				if o.Y > 45 && o.Y < l.Y && o.role == roleBody && !reOCRDossier.MatchString(o.text) && (parseDutchDate(o.text) == "" || len(o.text) > 30) {
					t = append(t, o.text)
					o.role = roleHeader
				}
			}
			if doc.Title == "" {
				doc.Title = joinLines(t)
			}
		}
	}
	if doc.Date == "" {
		for _, l := range first {
			if m := rePlaceDate.FindStringSubmatch(l.text); m != nil && l.Y < 0.5*h {
				doc.Date = parseDutchDate(m[1])
				break
			}
		}
	}
	if doc.Title == "" {
		// A besluitenlijst names itself; else the largest type on the
		// first page.
		for _, l := range first {
			if strings.HasPrefix(l.text, "Besluitenlijst ") && l.Y < 0.5*h {
				t := []string{l.text}
				for _, o := range first {
					if o.Block == l.Block && o.Y > l.Y && o.Y-l.Y < 3*l.Size && len(t) < 3 && !strings.HasPrefix(o.text, "_") && parseDutchDate(joinLines(t)) == "" {
						t = append(t, o.text)
					}
				}
				doc.Title = joinLines(t)
				if doc.Date == "" {
					doc.Date = parseDutchDate(doc.Title)
				}
				break
			}
		}
	}
	if doc.Title == "" && !r.ocr {
		var big *pline
		for _, l := range first {
			if l.role == roleBody && plausibleTitle(l.text) && l.Size >= r.bodySize+2 && len(l.text) >= 8 && l.Y < 0.75*h && !isUpperText(l.text) && (big == nil || l.Size > big.Size+0.5) {
				big = l
			}
		}
		if big != nil {
			var t []string
			for _, o := range first {
				if o.Block == big.Block && math.Abs(o.Size-big.Size) < 0.5 {
					t = append(t, o.text)
				}
			}
			doc.Title = joinLines(t)
			if !plausibleTitle(doc.Title) {
				doc.Title = ""
				big = nil
			}
		}
		if big != nil {
			// a subtitle in the next size down
			for _, o := range first {
				if o.Block != big.Block && o.Y > big.Y && o.Size >= r.bodySize*2 && o.Size < big.Size && !isUpperText(o.text) && parseDutchDate(o.text) == "" {
					var st []string
					for _, p := range first {
						if p.Block == o.Block && math.Abs(p.Size-o.Size) < 0.5 {
							st = append(st, p.text)
						}
					}
					doc.Title += ". " + joinLines(st)
					break
				}
			}
		}
	}
	if doc.Title == "" && !r.ocr {
		for _, l := range first {
			if l.role == roleBody && plausibleTitle(l.text) && l.Bold() && len(l.text) >= 12 && !isUpperText(l.text) && l.Y < 0.4*h && !strings.HasSuffix(l.text, ":") {
				doc.Title = l.text
				break
			}
		}
	}
	if doc.Title == "" && !r.ocr {
		// A nota's subject stands indented beside its (printed) kind.
		left := 1e9
		for _, l := range first {
			if l.role == roleBody && l.X0 < left {
				left = l.X0
			}
		}
		w, _ := r.page(r.lines[0].page)
		for _, l := range first {
			if l.role != roleBody || l.Y > 0.45*h || l.X0 < left+60 || l.X1 > 0.75*w || !plausibleTitle(l.text) || len(strings.Fields(l.text)) < 3 || math.Abs(l.Size-r.bodySize) > 0.6 {
				continue
			}
			var t []string
			for _, o := range first {
				if o.Block == l.Block && o.role == roleBody && len(t) < 3 && math.Abs(o.X0-l.X0) < 5 && !isUpperText(o.text) {
					t = append(t, o.text)
					o.role = roleHeader
				}
			}
			doc.Title = joinLines(t)
			break
		}
	}
	if doc.Date == "" {
		for i, l := range first {
			if (l.Y < 0.5*h || l.Size > r.bodySize+2) && !strings.Contains(l.text, "Retouradres") {
				if i > 0 && strings.Contains(first[i-1].text, "ontvangst") {
					continue // the date a proposal was received
				}
				if d := parseDutchDate(l.text); d != "" && len(l.text) < 60 {
					doc.Date = d
					break
				}
			}
		}
	}
	if doc.Kamer == "" && doc.Dossier != "" {
		for _, l := range first {
			lt := strings.ToLower(l.text)
			if strings.Contains(lt, "tweede kamer") || strings.Contains(lt, "vaste commissie") || strings.Contains(lt, "tweeminutendebat") {
				doc.Kamer = "tk"
				break
			}
		}
	}
	if doc.Vergaderjaar == "" && doc.Dossier != "" {
		doc.Vergaderjaar = vergaderjaarOf(doc.Date)
	}
	switch lt := strings.ToLower(doc.Title); {
	case strings.HasPrefix(lt, "besluitenlijst"):
		doc.Type = "besluitenlijst"
	case strings.HasPrefix(lt, "fiche ") && doc.Type == "":
		doc.Type = "bnc-fiche"
	}
	if doc.Type == "advies raad van state" && doc.Title == "" {
		var all strings.Builder
		for _, l := range first {
			all.WriteString(l.text + " ")
		}
		if m := reWetVoorstel.FindStringSubmatch(all.String()); m != nil {
			doc.Title = upperFirst(m[1])
		}
	}
	if doc.ID == "" && doc.Dossier != "" && doc.Number != "" {
		doc.ID = kstID(doc.Dossier, doc.Number)
	}
}

// plausibleTitle rejects OCR debris: a title has mostly letters and
// words of more than a letter or two.
func plausibleTitle(t string) bool {
	if strings.HasSuffix(t, ",") || strings.HasPrefix(t, "Ministerie van") {
		return false
	}
	letters, n := 0, 0
	for _, r := range t {
		n++
		if unicode.IsLetter(r) {
			letters++
		}
	}
	f := strings.Fields(t)
	return n > 0 && letters*10 >= n*7 && len(f) > 0 && letters/len(f) >= 4
}

// vergaderjaarOf returns the parliamentary year a date (YYYY-MM-DD) falls
// in; a year starts on the third Tuesday of September.
func vergaderjaarOf(date string) string {
	t, err := time.Parse("2006-01-02", date)
	if err != nil {
		return ""
	}
	y := t.Year()
	start := time.Date(y, time.September, 1, 0, 0, 0, 0, time.UTC)
	for start.Weekday() != time.Tuesday {
		start = start.AddDate(0, 0, 1)
	}
	start = start.AddDate(0, 0, 14)
	if t.Before(start) {
		y--
	}
	return strconv.Itoa(y) + "-" + strconv.Itoa(y+1)
}

// lastY is a helper for identity: the Y of the line holding the last text
// in dt.
func lastY(lines []*pline, dt []string) float64 {
	last := dt[len(dt)-1]
	y := 0.0
	for _, l := range lines {
		if l.text == last {
			y = l.Y
		}
	}
	return y
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// Bold reports whether most of the line's characters are bold.
func (l *pline) Bold() bool {
	n, b := 0, 0
	for _, w := range l.Words {
		n += len(w.Text)
		if w.Bold {
			b += len(w.Text)
		}
	}
	return n > 0 && b*2 > n
}

func (l *pline) styled() bool {
	n, b := 0, 0
	for _, w := range l.Words {
		if w.Superscript {
			continue
		}
		n += len(w.Text)
		if w.Bold || w.Italic {
			b += len(w.Text)
		}
	}
	return n > 0 && b == n
}

// joinLines joins printed lines, undoing line-end hyphenation where the
// next line starts in lower case.
func joinLines(ls []string) string {
	var b strings.Builder
	for i, l := range ls {
		if i > 0 {
			prev := b.String()
			if strings.HasSuffix(prev, "-") && unicode.IsLower(firstRune(l)) && len(prev) > 1 && unicode.IsLower(lastRune(prev[:len(prev)-1])) {
				s := prev[:len(prev)-1]
				b.Reset()
				b.WriteString(s)
			} else {
				b.WriteByte(' ')
			}
		}
		b.WriteString(l)
	}
	return b.String()
}

// noteNumber returns the number a note line starts with, and the rest of
// the line, or -1.
func noteNumber(l *pline) (int, string) {
	if len(l.Words) == 0 {
		return -1, ""
	}
	w0 := l.Words[0]
	if m := reNoteStart.FindStringSubmatch(w0.Text); m != nil {
		n, _ := strconv.Atoi(m[1])
		rest := make([]string, 0, len(l.Words)-1)
		for _, w := range l.Words[1:] {
			rest = append(rest, w.Text)
		}
		return n, strings.Join(rest, " ")
	}
	return -1, ""
}

// findNotes finds the footnote area at the foot of each page (lines in a
// smaller size than the body, or the last text block of the page, from a
// line that starts with a note number down to the page end), and notes
// gathered at the end of the document (endnotes), and returns the notes
// in order. A page's notes are kept only when the body holds a
// superscript marker for one of them.
func (r *pdfReader) findNotes() []note {
	// Small is smaller than the body text of the page (pages of one
	// file may be scaled differently).
	pageSize := r.pageSizes()
	small := func(l *pline) bool { return l.Size <= pageSize[l.page]-0.9 }
	markers := map[int]bool{}
	for _, l := range r.lines {
		if l.role != roleBody {
			continue
		}
		for i, w := range l.Words {
			if w.Superscript && reMarkerWord.MatchString(w.Text) && (i > 0 || !small(l)) {
				n, _ := strconv.Atoi(w.Text)
				markers[n] = true
			}
		}
	}
	for _, n := range r.headerMarks {
		markers[n] = true
	}
	var notes []note
	byPage := map[int][]*pline{}
	var order []int
	for _, l := range r.lines {
		if l.role != roleBody {
			continue
		}
		if byPage[l.page] == nil {
			order = append(order, l.page)
		}
		byPage[l.page] = append(byPage[l.page], l)
	}
	expect := 1
	for _, pg := range order {
		all := byPage[pg]
		_, h := r.page(pg)
		// The zone: small lines in the lower part of the page, top to
		// bottom (in two columns the notes need not end the page in
		// reading order).
		var ls []*pline
		for _, l := range all {
			if small(l) && l.Y >= 0.4*h {
				ls = append(ls, l)
			}
		}
		sort.SliceStable(ls, func(i, j int) bool { return ls[i].Y < ls[j].Y })
		start := 0
		// When notes start with superscript numbers, only those lines
		// start a note (a small table above the notes is no note).
		supStyle := false
		for i := start; i < len(ls); i++ {
			if n, _ := noteNumber(ls[i]); n > 0 && ls[i].Words[0].Superscript {
				supStyle = true
			}
		}
		isStart := func(l *pline) bool {
			n, _ := noteNumber(l)
			return n > 0 && (!supStyle || l.Words[0].Superscript)
		}
		hasStart := false
		for i := start; i < len(ls); i++ {
			if isStart(ls[i]) {
				hasStart = true
				// Lines right above the first note continue a note of
				// the page before; text further up is not in the zone.
				k := i
				for k > start && ls[k].Y-ls[k-1].Y < 1.6*ls[k].Size {
					k--
				}
				start = k
				break
			}
		}
		if !hasStart {
			ls = all
			// Notes in the body size: from a line in the lowest part of
			// the page that starts with the next note number, after a
			// gap or a change of text block, down to the page end.
			start = len(ls)
			for i := len(ls) - 1; i >= 0 && ls[i].Y >= 0.7*h; i-- {
				n, _ := noteNumber(ls[i])
				if n != expect || !markers[n] || !reMarkerWord.MatchString(ls[i].Words[0].Text) {
					continue
				}
				if i == 0 || ls[i-1].Block != ls[i].Block || ls[i].Y-ls[i-1].Y > 1.3*ls[i].Size {
					start = i
				}
				break
			}
			if start >= len(ls) {
				continue
			}
		}
		// Parse the zone into a trial copy, kept when one of its notes
		// has a marker.
		trial := append([]note(nil), notes...)
		cur := len(trial) - 1
		texp := expect
		var taken []*pline
		ok := false
		zy := 0.0
		for i := start; i < len(ls); i++ {
			l := ls[i]
			if l.Y < zy-1 {
				continue // out of reading order: not part of the notes
			}
			zy = l.Y
			n, rest := noteNumber(l)
			if n > 0 && (isStart(l) || !hasStart) && (n == texp || n > texp && n <= texp+3 || len(trial) == 0) {
				trial = append(trial, note{num: n, page: pg, text: rest})
				cur = len(trial) - 1
				texp = n + 1
				taken = append(taken, l)
				if markers[n] {
					ok = true
				}
				continue
			}
			if cur < 0 {
				continue
			}
			trial[cur].text = joinNote(trial[cur].text, l)
			taken = append(taken, l)
		}
		if !ok {
			continue
		}
		notes, expect = trial, texp
		for _, l := range taken {
			l.role = roleNote
		}
	}
	if len(notes)*2 < len(markers) {
		en := r.endnotes()
		marked := 0
		for _, n := range en {
			if markers[n.num] {
				marked++
			}
		}
		if len(en) > len(notes) && marked*2 >= len(en) {
			for _, l := range r.lines {
				if l.role == roleNote && !l.endnote {
					l.role = roleBody
				}
			}
			notes = en
		}
	}
	for i := range notes {
		notes[i].text = strings.TrimRight(collapseSpace(notes[i].text), " ↩")
	}
	return notes
}

func joinNote(text string, l *pline) string {
	t := l.text
	if text == "" {
		return t
	}
	if urlGoesOn(text, t) {
		return text + t // a web address keeps its hyphens
	}
	if strings.HasSuffix(text, "-") && unicode.IsLower(firstRune(t)) && unicode.IsLetter(lastRune(text[:len(text)-1])) {
		return text[:len(text)-1] + t
	}
	if strings.HasSuffix(text, "/") || urlGoesOn(text, t) {
		return text + t
	}
	return text + " " + t
}

// urlGoesOn reports whether the next line's first word continues a web
// address that ends the text before it.
func urlGoesOn(text, next string) bool {
	last := text[strings.LastIndexAny(text, " \n")+1:]
	if !strings.Contains(last, "://") && !strings.HasPrefix(last, "www.") {
		return false
	}
	w := next
	if i := strings.IndexByte(next, ' '); i >= 0 {
		w = next[:i]
	}
	if w == "" {
		return false
	}
	r := firstRune(w)
	return strings.ContainsAny(w, "/%=&?_") || strings.HasSuffix(last, "/") || strings.HasSuffix(last, "-") || !unicode.IsLetter(r) && r != '(' && r != '«'
}

// endnotes finds notes gathered at the end of a document: a tail of lines
// starting with the numbers 1, 2, 3, ... in order.
func (r *pdfReader) endnotes() []note {
	var body []*pline
	for _, l := range r.lines {
		if l.role == roleBody {
			body = append(body, l)
		}
	}
	// Find the last line that starts note 1 such that notes follow in
	// sequence to the end.
	for i := len(body) - 1; i >= 0; i-- {
		n, _ := noteNumber(body[i])
		if n != 1 {
			continue
		}
		var notes []note
		expect := 1
		ok := true
		for _, l := range body[i:] {
			n, rest := noteNumber(l)
			if n == expect {
				notes = append(notes, note{num: n, page: l.page, text: rest})
				expect++
				continue
			}
			if len(notes) == 0 {
				ok = false
				break
			}
			notes[len(notes)-1].text = joinNote(notes[len(notes)-1].text, l)
		}
		if ok && len(notes) >= 2 {
			for _, l := range body[i:] {
				l.role = roleNote
				l.endnote = true
			}
			return notes
		}
		break
	}
	return nil
}

// pblock is a body block while the PDF reader builds it.
type pblock struct {
	block
	lines  []*pline
	styled bool
	size   float64
	x0     float64
	hyph   bool // the last line ended in a line-end hyphen
}

// bodyBlocks groups the body lines into paragraphs: a new paragraph at a
// change of text block, a vertical gap wider than the page's line pitch,
// a change between plain and styled text, or a question or answer label;
// a paragraph split by a page break or a gap is joined again when the next
// line goes on with it.
func (r *pdfReader) bodyBlocks(notes []note) []*pblock {
	noteNums := map[int]bool{}
	for _, n := range notes {
		noteNums[n.num] = true
	}
	// Question and answer labels open sections in Kamervragen and in
	// documents that use them throughout.
	nkop := 0
	for _, l := range r.lines {
		if l.role == roleBody && reVraagKop.MatchString(l.text) {
			nkop++
		}
	}
	r.qa = r.family == "ah" || nkop >= 6
	pitch := r.pitches()
	right := map[int]float64{}
	for _, l := range r.lines {
		if l.role == roleBody && l.X1 > right[l.page] {
			right[l.page] = l.X1
		}
	}
	var out []*pblock
	var cur *pblock
	lastPage, lastBlock := -1, -1
	var lastY float64
	for _, l := range r.lines {
		if l.role != roleBody {
			continue
		}
		newPage := l.page != lastPage
		kop := r.qa && reVraagKop.MatchString(l.text)
		split, soft := cur == nil, false
		if !split {
			dy := l.Y - lastY
			switch {
			case kop:
				split = true
			case newPage:
				split, soft = true, true
			case cur.styled && !l.styled():
				split = true
			case !cur.styled && l.styled():
				// Styled text inside a paragraph (a title in italics)
				// does not end it; a styled line after a finished one
				// starts a heading.
				prev := cur.lines[len(cur.lines)-1]
				if isTerminal(lastRune(prev.text)) || prev.X1 < right[l.page]-0.08*(right[l.page]-prev.X0) {
					split = true
				}
			case l.Block != lastBlock:
				split, soft = true, true
			case dy < -1:
				split, soft = true, true
			case dy > 1.2*pitch[l.page] && dy > pitch[l.page]+2:
				// A gap ends a paragraph only after a line that stops
				// short of the right edge or ends a sentence.
				prev := cur.lines[len(cur.lines)-1]
				if dy > 1.3*pitch[l.page] || isTerminal(lastRune(prev.text)) || prev.X1 < right[l.page]-0.08*(right[l.page]-prev.X0) {
					split, soft = true, true
				}
			}
		}
		if split && soft && continues(cur, l, newPage) && !numberedHeadingLine(cur) && (newPage || !shortSingleLine(cur, right[l.page])) {
			split = false
		}
		if split {
			cur = &pblock{block: block{page: l.page}, styled: l.styled(), size: l.Size, x0: l.X0}
			out = append(out, cur)
		}
		cur.add(l, noteNums)
		if kop {
			cur = nil
		}
		lastPage, lastBlock, lastY = l.page, l.Block, l.Y
	}
	return out
}

// numberedHeadingLine reports whether b is one line that reads as a
// numbered heading ("6. Uitzonderingen op kerntaken"): the next block does
// not continue it even when it starts in lower case ("a. Toetsing ...").
func numberedHeadingLine(b *pblock) bool {
	if len(b.lines) != 1 || b.hyph {
		return false
	}
	num, rest := splitHeadingNumber(b.text)
	return num != "" && rest != "" && !unicode.IsLower(firstRune(rest))
}

// mostlyLetters reports whether most non-space characters of s are
// letters.
func mostlyLetters(s string) bool {
	letters, n := 0, 0
	for _, r := range s {
		if unicode.IsSpace(r) {
			continue
		}
		n++
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters*2 >= n
}

// shortSingleLine reports whether b is one line ending well before the
// right edge of the text ("De Kamer,"): a paragraph of its own.
func shortSingleLine(b *pblock, right float64) bool {
	if len(b.lines) != 1 || b.hyph {
		return false
	}
	l := b.lines[0]
	return l.X1 < right-0.25*(right-l.X0)
}

// pitches returns the usual distance between the baselines of two lines
// of one paragraph, per page.
func (r *pdfReader) pitches() map[int]float64 {
	ds := map[int][]float64{}
	var prev *pline
	for _, l := range r.lines {
		if l.role != roleBody {
			continue
		}
		if prev != nil && prev.page == l.page && prev.Block == l.Block {
			if dy := l.Y - prev.Y; dy > 0.5*l.Size && dy < 3*l.Size {
				ds[l.page] = append(ds[l.page], dy)
			}
		}
		prev = l
	}
	out := map[int]float64{}
	for pg, d := range ds {
		sort.Float64s(d)
		out[pg] = d[len(d)/4] // the lower quartile: paragraph gaps do not count
	}
	for _, l := range r.lines {
		if out[l.page] == 0 {
			out[l.page] = 1.25 * math.Max(l.Size, r.bodySize)
		}
	}
	return out
}

// continues reports whether line l goes on with paragraph b across a page
// break (newPage) or a gap.
func continues(b *pblock, l *pline, newPage bool) bool {
	if b == nil || reVraagKop.MatchString(l.text) {
		return false
	}
	if newPage {
		return continuesAcrossPage(b, l)
	}
	if b.styled || len(b.lines) == 0 || reVraagKop.MatchString(b.lines[0].text) {
		return false
	}
	return b.hyph || unicode.IsLower(firstRune(l.text)) && !isTerminal(lastRune(b.text)) && lastRune(b.text) != 0
}

// continuesAcrossPage reports whether the first line l of a page goes on
// with the paragraph b that ended the page before.
func continuesAcrossPage(b *pblock, l *pline) bool {
	if b.styled || len(b.lines) == 0 || reVraagKop.MatchString(b.lines[0].text) {
		return false
	}
	if b.hyph {
		return true
	}
	fr := firstRune(l.text)
	if unicode.IsLower(fr) {
		return true
	}
	lr := lastRune(b.text)
	return !isTerminal(lr) && lr != 0 && !l.styled() && len(b.lines) > 1
}

// add appends line l to b: words joined by spaces, a line-end hyphen
// undone, superscript note numbers taken out as markers.
func (b *pblock) add(l *pline, noteNums map[int]bool) {
	if len(b.lines) > 0 && !b.hyph && l.page != b.lines[len(b.lines)-1].page && len(l.Words) > 0 {
		// pdftext cannot see a word broken across a page: "lucht-" …
		// "havens".
		t := b.text
		w := l.Words[0].Text
		b.hyph = strings.HasSuffix(t, "-") && len(t) > 1 && unicode.IsLower(lastRune(t[:len(t)-1])) && unicode.IsLower(firstRune(w)) && !isConjunction(w)
	}
	var sb strings.Builder
	sb.WriteString(b.text)
	if len(b.lines) > 0 && sb.Len() > 0 {
		prev := sb.String()
		switch {
		case urlGoesOn(prev, l.text):
		case b.hyph:
			sb.Reset()
			sb.WriteString(strings.TrimSuffix(prev, "-"))
		case strings.HasSuffix(prev, "/") || strings.HasSuffix(prev, "-") && len(l.Words) > 0 && !isConjunction(l.Words[0].Text) && (unicode.IsLetter(lastRune(prev[:len(prev)-1])) || unicode.IsDigit(lastRune(prev[:len(prev)-1]))):
			// "Klaver/" "Ploumen", "Staten-" "Generaal": no space.
		default:
			sb.WriteByte(' ')
		}
	}
	afterMark := false
	for i, w := range l.Words {
		t := strings.ToValidUTF8(w.Text, "\uFFFD")
		if w.Superscript && reMarkerWord.MatchString(t) {
			n, _ := strconv.Atoi(t)
			if noteNums[n] {
				s := strings.TrimRight(sb.String(), " ")
				sb.Reset()
				sb.WriteString(s)
				b.marks = append(b.marks, mark{num: n, off: sb.Len()})
				afterMark = true
				continue
			}
		}
		if i > 0 && sb.Len() > 0 {
			glue := w.Superscript || afterMark && strings.ContainsRune(".,;:)!?»", firstRune(t))
			if !glue && !strings.HasSuffix(sb.String(), " ") {
				sb.WriteByte(' ')
			}
		}
		afterMark = false
		sb.WriteString(t)
	}
	b.text = sb.String()
	b.lines = append(b.lines, l)
	b.hyph = l.Hyphenated
}

// isConjunction reports whether w joins a suspended compound: "zee- en
// luchthavens", "in- of uitvoer".
func isConjunction(w string) bool {
	switch w {
	case "en", "of", "tot", "noch", "als", "and", "or", ",":
		return true
	}
	return false
}

// merge appends paragraph o to b.
func (b *pblock) merge(o *pblock) {
	base := len(b.text) + 1
	b.text += " " + o.text
	for _, m := range o.marks {
		b.marks = append(b.marks, mark{m.num, m.off + base})
	}
	b.lines = append(b.lines, o.lines...)
}

// metadata reads dates, sender, signatory and the Kamervragen head from
// the body blocks, marking the blocks it consumes.
func (r *pdfReader) metadata(blocks []*pblock) {
	doc := r.doc
	if r.family == "ah" {
		r.kamervragen(blocks)
	}
	for i, b := range blocks {
		t := b.text
		switch {
		case doc.Date == "" && strings.HasPrefix(t, "Voorgesteld ") && len(t) < 40:
			doc.Date = parseDutchDate(t)
			b.heading = false
			b.kind = "meta"
		case doc.Date == "" && reDateLine.MatchString(t) && parseDutchDate(t) != "" && i < 6:
			doc.Date = parseDutchDate(t)
			b.kind = "meta"
		case doc.Addressee == "" && (strings.HasPrefix(t, "Aan de ") || strings.HasPrefix(t, "Aan het ")) && len(t) < 140 && i < 4:
			if k := rePostbus.FindStringIndex(t); k != nil {
				t = strings.TrimSpace(t[:k[0]])
			}
			a := strings.TrimPrefix(t, "Aan ")
			a = strings.TrimPrefix(strings.TrimPrefix(a, "de "), "het ")
			doc.Addressee = a
			b.kind = "meta"
		}
	}
	// The signature: "De Minister van ...," and a name.
	for i := len(blocks) - 1; i >= 0; i-- {
		b := blocks[i]
		var ls []string
		for _, l := range b.lines {
			ls = append(ls, l.text)
		}
		for j := 0; j+1 < len(ls); j++ {
			if s, n, ok := signature(ls[j] + "\n" + ls[j+1]); ok && doc.Signatory == "" {
				doc.Sender, doc.Signatory = s, n
			}
		}
		if len(ls) == 1 && i+1 < len(blocks) && doc.Signatory == "" {
			nb := blocks[i+1]
			if s, n, ok := signature(ls[0] + "\n" + nb.lines[0].text); ok {
				doc.Sender, doc.Signatory = s, n
			}
		}
	}
	if kb := strings.HasPrefix(strings.ToLower(doc.DocumentTitle), "koninklijke boodschap"); kb {
		for _, b := range blocks {
			if strings.Contains(b.text, "’s-Gravenhage,") || strings.Contains(b.text, "'s-Gravenhage,") {
				if doc.Date == "" {
					doc.Date = parseDutchDate(b.text)
				}
				if k := strings.LastIndex(b.text, parseDutchDateRaw(b.text)); k >= 0 {
					name := strings.TrimSpace(b.text[k+len(parseDutchDateRaw(b.text)):])
					if name == "" && len(b.lines) > 0 {
						// the King signs beside the place and date
						last := b.lines[len(b.lines)-1]
						for _, o := range r.lines {
							if o.page == last.page && o != last && math.Abs(o.Y-last.Y) < 3 && o.X0 > last.X1 {
								name = o.text
							}
						}
					}
					if name != "" && len(name) < 40 {
						doc.Signatory = name
					}
				}
			}
		}
	}
	if doc.Sender == "" && doc.DocumentTitle != "" {
		doc.Sender = senderFromTitle(doc.DocumentTitle)
	}
	if doc.Date == "" && doc.Type == "advies raad van state" {
		// "... en het nader rapport d.d. 10 oktober 2023": the date of
		// the paper itself.
		for _, b := range blocks[:min(len(blocks), 5)] {
			if k := strings.Index(b.text, "nader rapport d.d. "); k >= 0 {
				doc.Date = parseDutchDate(b.text[k:])
				break
			}
		}
	}
	if doc.Kamer == "" {
		doc.Kamer = kamerOf(doc.Addressee)
	}
	if doc.Type == "" && doc.Signatory != "" && strings.HasPrefix(doc.Addressee, "Voorzitter van de") {
		doc.Type = "brief"
	}
	if doc.Type == "motie" && doc.Signatory == "" && len(blocks) > 0 {
		// The members who moved it sign under "en gaat over tot de orde
		// van de dag."
		for i, b := range blocks {
			if strings.HasSuffix(b.text, "gaat over tot de orde van de dag.") || strings.HasSuffix(b.text, "gaat over tot de orde van de dag") {
				var names []string
				for _, nb := range blocks[i+1:] {
					for _, l := range nb.lines {
						if len(l.text) < 40 {
							names = append(names, l.text)
						}
					}
				}
				doc.Signatory = strings.Join(names, ", ")
				break
			}
		}
	}
}

// parseDutchDateRaw returns the date text parseDutchDate found in s.
func parseDutchDateRaw(s string) string {
	return reDutchDate.FindString(s)
}

var (
	reQuestioners = regexp.MustCompile(`^Vragen van (?:het lid|de leden) (.+?) (?:aan de|aan het) `)
	reSubject     = regexp.MustCompile(`(?s) over (.+?)\s*\(ingezonden ([^)]*)\)`)
	reAnswerBy    = regexp.MustCompile(`(?:Antwoord|Mededeling) van (?:de )?((?:Minister|Staatssecretaris|minister|staatssecretaris)(?:-[Pp]resident)?(?: voor [A-Z][\p{L}]+(?: [\p{L}]+)*?)?) ([^()]+?) \(([^()]+)\)`)
	reOntvangen   = regexp.MustCompile(`\(ontvangen ([^)]*)\)`)
	reParens      = regexp.MustCompile(`\s*\([^()]*\)`)
	reNameSep     = regexp.MustCompile(`,\s*|\s+en\s+`)
)

// ministries spells out the abbreviations used for ministries.
var ministries = map[string]string{
	"AZ": "Algemene Zaken", "BZ": "Buitenlandse Zaken", "BZK": "Binnenlandse Zaken en Koninkrijksrelaties",
	"EZ": "Economische Zaken", "EZK": "Economische Zaken en Klimaat", "Fin": "Financiën", "IenW": "Infrastructuur en Waterstaat",
	"JenV": "Justitie en Veiligheid", "LNV": "Landbouw, Natuur en Voedselkwaliteit", "OCW": "Onderwijs, Cultuur en Wetenschap",
	"SZW": "Sociale Zaken en Werkgelegenheid", "VWS": "Volksgezondheid, Welzijn en Sport", "Def": "Defensie",
}

// kamervragen reads the head paragraph of an Aanhangsel: who asked whom
// about what, when sent in and when answered.
func (r *pdfReader) kamervragen(blocks []*pblock) {
	doc := r.doc
	for i, b := range blocks {
		if !strings.HasPrefix(b.text, "Vragen van ") {
			continue
		}
		// The head runs on to the first question, over lines set in
		// italics and the paragraph of the answer.
		for _, nb := range blocks[i+1:] {
			if nb.kind == "meta" || len(nb.lines) > 0 && reVraagKop.MatchString(nb.lines[0].text) || nb.page != b.page {
				break
			}
			b.merge(nb)
			nb.kind = "meta"
		}
		t := b.text
		if m := reQuestioners.FindStringSubmatch(t); m != nil {
			who := reParens.ReplaceAllString(m[1], " ")
			who = strings.ReplaceAll(who, " c.s.", " ")
			for _, part := range reNameSep.Split(who, -1) {
				if n := collapseSpace(part); n != "" {
					doc.Questioners = append(doc.Questioners, n)
				}
			}
		}
		if m := reSubject.FindStringSubmatch(t); m != nil {
			doc.Title = collapseSpace(m[1])
			doc.Submitted = parseDutchDate(m[2])
		}
		if m := reOntvangen.FindStringSubmatch(t); m != nil {
			doc.Date = parseDutchDate(m[1])
		}
		if m := reAnswerBy.FindStringSubmatch(t); m != nil {
			office := m[1]
			ministry := strings.TrimSpace(strings.SplitN(m[3], " – ", 2)[0])
			if full, ok := ministries[ministry]; ok {
				ministry = full
			}
			if !strings.Contains(office, " voor ") {
				office += " van " + ministry
			}
			doc.Sender = upperFirst(office)
			doc.Signatory = strings.TrimSpace(m[2])
		}
		break
	}
}

// classify turns the PDF blocks into assemble's blocks: headings by style
// and number, question and answer labels, the head lines dropped.
func (r *pdfReader) classify(pbs []*pblock) []block {
	var out []block
	inBijlage := false
	// A table of contents lists headings; it has none of its own.
	toc := map[int]bool{}
	for _, l := range r.lines {
		switch strings.TrimSuffix(l.text, ":") {
		case "Inhoud", "Inhoudsopgave", "INHOUD", "INHOUDSOPGAVE":
			toc[l.page] = true
		}
	}
	for _, b := range pbs {
		if b.kind == "meta" {
			continue
		}
		t := strings.TrimSpace(b.text)
		if m := reVraagKop.FindStringSubmatch(t); m != nil && r.qa {
			kind := "vraag"
			if strings.HasPrefix(m[1], "Antwoord") {
				kind = "antwoord"
			}
			out = append(out, block{text: t, page: b.page, heading: true, kind: kind, level: 1, number: m[2], marks: b.marks})
			continue
		}
		if r.family != "ah" && !toc[b.page] && r.isPDFHeading(b, t) {
			b.heading = true
			b.text = t
			if reBijlageKop.MatchString(t) {
				inBijlage = true
				b.kind, b.level = "bijlage", 1
			} else if inBijlage {
				b.kind, b.level = "bijlage", 2
			}
			out = append(out, b.block)
			continue
		}
		out = append(out, b.block)
	}
	// A number printed on a line of its own ("I.") belongs to the
	// heading after it.
	for i := 0; i+1 < len(out); i++ {
		if out[i].heading && out[i+1].heading && out[i].kind == "" && out[i+1].kind == "" && reBareNumber.MatchString(out[i].text) && mostlyLetters(out[i+1].text) {
			out[i+1].text = out[i].text + " " + out[i+1].text
			out = append(out[:i], out[i+1:]...)
		}
	}
	for i := range out {
		if out[i].heading && out[i].kind == "" && !mostlyLetters(out[i].text) && !strings.HasPrefix(strings.ToLower(out[i].text), "artikel") {
			out[i].heading = false // a figure in a table
		}
	}
	return out
}

var reBareNumber = regexp.MustCompile(`^(?:\d{1,2}(?:\.\d{1,2})*|[IVX]{1,6}|[A-Z])\.?$`)

func (r *pdfReader) isPDFHeading(b *pblock, t string) bool {
	if len(b.lines) > 3 || len(t) > 160 || t == "" || len(b.marks) > 0 {
		return false
	}
	switch lastRune(t) {
	case ',', ';', ':':
		return false // a label ("Zaak:") or a sentence going on
	}
	num, rest := splitHeadingNumber(t)
	if rest == "" && num != "" && strings.HasPrefix(strings.ToLower(num), "artikel") {
		return true
	}
	if num != "" && rest != "" && unicode.IsLower(firstRune(rest)) {
		return false // "13 september 2024"
	}
	if !mostlyLetters(t) && !reBareNumber.MatchString(t) {
		return false // a row of figures
	}
	if b.styled {
		if lastRune(t) == '.' && num == "" && !isUpperText(t) {
			return false
		}
		if (lastRune(t) == '?' || lastRune(t) == '!') && len(t) > 90 {
			return false // a question set in bold, not a heading
		}
		return unicode.IsUpper(firstRune(t)) || unicode.IsDigit(firstRune(t)) || firstRune(t) == '§'
	}
	if b.size >= r.bodySize+1.5 && len(b.lines) <= 2 && !isTerminal(lastRune(t)) {
		return true
	}
	return false
}

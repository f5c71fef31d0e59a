package structure

import (
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
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
		if margin && n >= 2 && (n*2 >= npages || n >= 3 && n*3 >= npages) && !(reNoteStart.MatchString(t) && r.hasTextBeside(l)) {
			l.role = roleFurniture
		}
	}
}

// hasTextBeside reports whether a text line starts just right of l on
// about the same baseline, or, indented, on the line below it (a word
// processor's note number raised on a line of its own above the note
// text): l is then a note number, not a page number.
func (r *pdfReader) hasTextBeside(l *pline) bool {
	for _, o := range r.lines {
		if o.page != l.page || o == l || len(o.text) <= 3 {
			continue
		}
		if math.Abs(o.Y-l.Y) < 8 && o.X0 >= l.X1-1 && o.X0-l.X1 < 30 {
			return true
		}
		// below: flush with the number or indented up to a tab stop
		if o.Y > l.Y && o.Y-l.Y < 1.6*math.Max(o.Size, l.Size) && o.X0 >= l.X0-1 && o.X0-l.X1 < 60 {
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

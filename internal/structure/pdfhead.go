// The head of a PDF document: identity from the officielebekendmakingen
// layout, the running footer or a letterhead, and the metadata read from
// the body (dates, sender, signatory, Kamervragen).

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
)

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
	var moreDossiers []*pline // a joint paper's further dossier numbers
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
		case parseDossierLine(t) != "" && dossierLine != nil && nrLine == nil && l.Bold() && math.Abs(l.X0-dossierLine.X0) < 4:
			moreDossiers = append(moreDossiers, l)
			l.role = roleHeader
			doc.CoDossiers = appendDossier(doc.CoDossiers, doc.Dossier, parseDossierLine(t))
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
		// down to "Nr. N" or to the next dossier number of a joint paper,
		// whose own title is not this paper's.
		stop := h / 2
		if nrLine != nil {
			stop = nrLine.Y - 2
		}
		next := stop
		if len(moreDossiers) > 0 {
			next = moreDossiers[0].Y - 2
		}
		var title []string
		for _, l := range first {
			if l.role == roleBody && l.Y >= dossierLine.Y-2 && l.Y < stop && l.X0 > dossierLine.X0+20 {
				if l.Y < next {
					title = append(title, l.text)
				}
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
	d.CoDossiers = probe.CoDossiers
	d.DocumentTitle, d.Addressee, d.Date, d.ID, d.Type = probe.DocumentTitle, probe.Addressee, probe.Date, probe.ID, probe.Type
	if probe.Kamer != "" {
		d.Kamer = probe.Kamer
	}
	return blocks[n:]
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
				l.role = roleHeader
				if vl != nil {
					vl.role = roleHeader
				}
				if vl == nil && m[2] != "" {
					vl = l // the value stands after the label
				}
				doc.Title = v + subjectGoesOn(first, l, vl)
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
		if d := parseDossierLine(l.text); d != "" && l.Bold() && (doc.Dossier == "" || doc.Number == "" && l.role == roleBody) {
			// A joint paper prints a further dossier number with its own
			// title under the first.
			if doc.Dossier == "" {
				doc.Dossier = d
			} else {
				doc.CoDossiers = appendDossier(doc.CoDossiers, doc.Dossier, d)
			}
			l.role = roleHeader
			// the dossier title beside it
			for _, o := range first {
				if o != l && math.Abs(o.Y-l.Y) < 2 && o.X0 > l.X1 {
					if doc.Title == "" {
						doc.Title = o.text
					}
					o.role = roleHeader
				}
			}
		}
		if m := reNrTitle.FindStringSubmatch(l.text); m != nil && doc.Number == "" {
			doc.Number = m[1]
			doc.DocumentTitle = m[2]
			doc.Type = typeFromTitle(m[2])
			l.role = roleHeader
			if doc.Dossier == "" {
				r.dossiersAbove(first, l)
			}
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
	if doc.Title == "" {
		doc.Title = r.titleAfterKind(first, h)
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

// reHeadLabel is a label of a letterhead's other fields, which ends a
// subject.
var reHeadLabel = regexp.MustCompile(`^(?:Ons kenmerk|Uw kenmerk|Kenmerk|Uw brief|Uw bericht|Bijlage\(?n?\)?|Bijlagen|Contactpersoon|Doorkiesnummer|Behandeld door|Referentie|Pagina|Aan|Van|Kopie aan|Afschrift aan)\b`)

// subjectGoesOn returns the lines that continue a subject ("Betreft",
// "Onderwerp") below its first line vl, each prefixed with a space, and
// marks them as header: lines aligned with vl (or, when the label and its
// value share a line, indented like the value or flush with the label),
// each within a line's distance of the one above, up to a gap, another
// label or a line that has a label beside it.
func subjectGoesOn(first []*pline, label, vl *pline) string {
	if vl == nil {
		return ""
	}
	x := vl.X0
	if vl == label && len(vl.Words) > 1 {
		x = vl.Words[1].X0 // "Betreft  Subject": the value's column
	}
	var out strings.Builder
	prev := vl
	for n := 0; n < 3; n++ {
		var next *pline
		for _, o := range first {
			if o == prev || o == label || o.role != roleBody || o.Y <= prev.Y+1 || o.Y-prev.Y > 1.6*math.Max(prev.Size, o.Size) {
				continue
			}
			if math.Abs(o.X0-x) > 4 && !(vl == label && math.Abs(o.X0-label.X0) < 4) {
				continue
			}
			if math.Abs(o.Size-vl.Size) > 0.6 || (next != nil && o.Y >= next.Y) {
				continue
			}
			next = o
		}
		if next == nil || reLabel.MatchString(next.text) || reHeadLabel.MatchString(next.text) || reDearReader.MatchString(next.text) || parseDutchDate(next.text) != "" && len(next.text) < 30 {
			break
		}
		beside := false
		for _, o := range first {
			if o != next && math.Abs(o.Y-next.Y) < 2 && o.X1 < next.X0 && reLabel.MatchString(o.text) {
				beside = true
			}
		}
		if beside {
			break
		}
		out.WriteString(" " + next.text)
		next.role = roleHeader
		prev = next
	}
	return out.String()
}

// titleAfterKind reads the subject of a document that prints its kind
// as a word of its own in large type at the top of its first page
// ("Notitie", "nota", "Rapport"): the words after the kind on its line
// ("nota  Wetsvoorstel terugdringen verzuim"), else the first line below
// it and the lines of that block in the same type. It returns "" when
// there is no such kind word.
func (r *pdfReader) titleAfterKind(first []*pline, h float64) string {
	for _, l := range first {
		if l.role != roleBody || l.Y > 0.5*h || len(l.Words) == 0 || l.Words[0].Size < r.bodySize+4 || kindWord(l.Words[0].Text) == "" {
			continue
		}
		if len(l.Words) > 1 && !strings.Contains(strings.TrimSuffix(l.Words[0].Text, "."), ".") {
			w := l.Words[0]
			if l.Words[1].X0-w.X1 > w.Size || l.Words[1].Size < w.Size-2 {
				// the subject beside the kind, in its own type
				var rest []string
				for _, x := range l.Words[1:] {
					rest = append(rest, x.Text)
				}
				l.role = roleHeader
				return strings.Join(rest, " ")
			}
			continue // a title that starts with a kind word: read elsewhere
		}
		var below *pline
		for _, o := range first {
			if o.role == roleBody && o.Y > l.Y && o.Y-l.Y < 3*l.Size && (below == nil || o.Y < below.Y) {
				below = o
			}
		}
		if below == nil || !plausibleTitle(below.text) || splitNumberedHeading(below.text) {
			continue
		}
		t := []string{below.text}
		below.role = roleHeader
		for _, o := range first {
			if o != below && o.role == roleBody && o.Block == below.Block && o.Y > below.Y && o.Y-below.Y < 3*below.Size && math.Abs(o.Size-below.Size) < 0.5 {
				t = append(t, o.text)
				o.role = roleHeader
			}
		}
		l.role = roleHeader
		return joinLines(t)
	}
	return ""
}

// splitNumberedHeading reports whether t is a numbered heading ("1.
// Aanleiding"), which is no subject.
func splitNumberedHeading(t string) bool {
	n, _ := splitHeadingNumber(t)
	return n != ""
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
		case doc.Date == "" && (strings.HasPrefix(t, "Ontvangen ") || strings.HasPrefix(t, "Vastgesteld ")) && len(t) < 40 && i < 3 && parseDutchDate(t) != "":
			// "Ontvangen 27 maart 2024" under the title of a nota
			doc.Date = parseDutchDate(t)
			b.kind = "meta"
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
			t = cutAfterStatenGeneraal(t)
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
	if doc.Addressee == "" && r.family == "" {
		doc.Addressee = r.chairAddressee(blocks)
	}
	if doc.Kamer == "" {
		doc.Kamer = kamerOf(doc.Addressee)
	}
	if doc.Type == "" && r.family == "" {
		doc.Type = r.sentType()
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

// reChairAddressee is the address of a letter to either Kamer: "Aan de
// Voorzitter van de Tweede Kamer der Staten-Generaal", also "Aan de
// voorzitter der Eerste Kamer" or "Aan de vaste commissie voor Financiën
// van de Tweede Kamer".
var reChairAddressee = regexp.MustCompile(`^Aan:? de (?:[Vv]oorzitter|[Vv]aste [Cc]ommissie|[Cc]ommissie)\b[^.;]{0,120}?\b(?:Tweede|Eerste) Kamer\b`)

// chairAddressee finds the address to the Voorzitter of a Kamer anywhere
// on the first page of a letter as sent (the letterhead's logo and side
// column may come first in reading order), joined with the lines under it
// down to the postal address, and marks its block. It returns "" when
// there is none.
func (r *pdfReader) chairAddressee(blocks []*pblock) string {
	for _, b := range blocks {
		if b.page != r.lines[0].page {
			break
		}
		if b.kind == "meta" || !reChairAddressee.MatchString(b.text) {
			continue
		}
		t := b.text
		if k := rePostbus.FindStringIndex(t); k != nil {
			t = strings.TrimSpace(t[:k[0]])
		}
		t = cutAfterStatenGeneraal(t)
		if len(t) > 140 {
			continue
		}
		b.kind = "meta"
		return strings.TrimPrefix(strings.TrimPrefix(t, "Aan: de "), "Aan de ")
	}
	return ""
}

// dossiersAbove reads the dossier numbers that stand in the column of
// "Nr. N" above it, in whatever type ("29 338" over "Nr. 289 Verslag
// ..."): the first is the dossier, with its title beside it; a joint
// paper's further numbers are co-dossiers, and their titles are not the
// paper's.
func (r *pdfReader) dossiersAbove(first []*pline, nr *pline) {
	doc := r.doc
	var above []*pline
	for _, l := range first {
		if parseDossierLine(l.text) != "" && l.Y < nr.Y && nr.Y-l.Y <= 12*nr.Size && math.Abs(l.X0-nr.X0) <= 4 {
			above = append(above, l)
		}
	}
	sort.SliceStable(above, func(i, j int) bool { return above[i].Y < above[j].Y })
	for _, l := range above {
		d := parseDossierLine(l.text)
		if doc.Dossier == "" {
			doc.Dossier = d
		} else {
			doc.CoDossiers = appendDossier(doc.CoDossiers, doc.Dossier, d)
		}
		l.role = roleHeader
		for _, o := range first {
			if o != l && math.Abs(o.Y-l.Y) < 2 && o.X0 > l.X1 && o.role == roleBody {
				if doc.Title == "" && len(doc.CoDossiers) == 0 {
					doc.Title = o.text
				}
				o.role = roleHeader
			}
		}
	}
}

// appendDossier adds the further dossier d of a joint paper to co, unless
// it is the first dossier or already listed.
func appendDossier(co []string, first, d string) []string {
	if d == first {
		return co
	}
	for _, c := range co {
		if c == d {
			return co
		}
	}
	return append(co, d)
}

// cutAfterStatenGeneraal ends an address to a Kamer after "der
// Staten-Generaal": what follows is its postal address.
func cutAfterStatenGeneraal(t string) string {
	const sg = "Staten-Generaal"
	if k := strings.Index(t, sg); k >= 0 && kamerOf(t[:k]) != "" {
		return t[:k+len(sg)]
	}
	return t
}

// sentType types a document that is not a Kamerstuk or Kamervragen: a
// letter addressed to the Voorzitter of either Kamer is a "brief";
// otherwise the kind the document prints for itself decides, as the first
// word of its subject or title or of a line set larger than the body in
// the top half of its first page ("nota Wetsvoorstel ..."): see kindWord.
// It returns "" when the document names no kind.
func (r *pdfReader) sentType() string {
	doc := r.doc
	kind := kindWord(doc.Title)
	if kamerOf(doc.Addressee) != "" && reKamerOrgan.MatchString(doc.Addressee) {
		// An advice or a decision sent to a Kamer by whoever gave it;
		// a minister's letter whose subject names a report or an advice
		// only covers it.
		if (kind == "advies" || kind == "besluit") && !reMinisterSender.MatchString(doc.Sender) {
			return kind
		}
		return "brief"
	}
	if kind != "" {
		return kind
	}
	if r.wooDecision() {
		return "besluit"
	}
	_, h := r.page(r.lines[0].page)
	for _, l := range r.lines {
		if l.page != r.lines[0].page || l.Y > 0.5*h || len(l.Words) == 0 || l.role == roleFurniture {
			continue
		}
		if l.Words[0].Size >= 1.2*r.bodySize && len(l.Words) <= 12 {
			if k := kindWord(l.text); k != "" {
				return k
			}
		}
	}
	return ""
}

// reKamerOrgan starts an address to a Kamer's Voorzitter or committee.
var reKamerOrgan = regexp.MustCompile(`^(?i:voorzitter|vaste commissie|commissie)\b`)

// reMinisterSender is the sender of a minister's letter.
var reMinisterSender = regexp.MustCompile(`(?i)^(?:de )?(?:minister|staatssecretaris|minister-president)\b`)

var (
	reWooAct     = regexp.MustCompile(`(?i)\b(?:wet open overheid|wet openbaarheid van bestuur)\b`)
	reIDecided   = regexp.MustCompile(`(?i)\b(?:ik heb besloten|besluit ik|heb ik besloten|mijn besluit|dit besluit)\b`)
	reDearReader = regexp.MustCompile(`^Geachte\b`)
)

// wooDecision reports whether a letter's first page decides a request
// under the Wet open overheid (or the Wob): it names the act and says it
// decides ("Ik heb besloten ...") in the letter's body, after "Geachte".
func (r *pdfReader) wooDecision() bool {
	var page strings.Builder
	dear := false
	for _, l := range r.lines {
		if l.page != r.lines[0].page {
			break
		}
		if reDearReader.MatchString(l.text) {
			dear = true
		}
		page.WriteString(l.text + " ")
	}
	t := page.String()
	return dear && reWooAct.MatchString(t) && reIDecided.MatchString(t)
}

// reWooRequest names a request under the Wet open overheid or its
// predecessor, the Wet openbaarheid van bestuur.
var reWooRequest = regexp.MustCompile(`(?i)\b(?:woo|wob)[- ]?(?:verzoek|besluit)|\bverzoek (?:op grond van|in het kader van) de (?:wet open overheid|wet openbaarheid van bestuur|woo|wob)\b`)

// kindWord returns the type label a government document's title or
// subject gives by its first word: "besluit" (a decision, a Woo or Wob
// decision), "advies" ("Advies", "Ongevraagd advies", "Briefadvies"),
// "rapport" ("Rapport", "Eindrapport", "Voortgangsrapportage"),
// "notitie" ("Notitie", "Nota", "Beslisnota", "Memo"); else "".
func kindWord(t string) string {
	f := strings.Fields(strings.ToLower(t))
	if len(f) == 0 {
		return ""
	}
	w := strings.Trim(f[0], ".,:;()")
	if w == "ongevraagd" && len(f) > 1 {
		w = strings.Trim(f[1], ".,:;()")
	}
	switch {
	case w == "besluit" || w == "beslissing" || reWooRequest.MatchString(t):
		return "besluit"
	case w == "advies" || w == "briefadvies" || w == "adviesrapport":
		return "advies"
	case strings.HasSuffix(w, "rapport") || strings.HasSuffix(w, "rapportage"):
		return "rapport"
	case w == "notitie" || w == "memo" || w == "nota" || strings.HasSuffix(w, "nota") && len(w) > 6:
		return "notitie"
	}
	return ""
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

// The head of a PDF document: identity from the officielebekendmakingen
// layout, the running footer or a letterhead, and the metadata read from
// the body (dates, sender, signatory, Kamervragen).

package structure

import (
	"math"
	"regexp"
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

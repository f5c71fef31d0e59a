package structure

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"kamerzoek/internal/document"
)

// supDigit maps a Unicode superscript digit to its value, or -1.
func supDigit(r rune) int {
	switch r {
	case '⁰':
		return 0
	case '¹':
		return 1
	case '²':
		return 2
	case '³':
		return 3
	}
	if r >= '⁴' && r <= '⁹' {
		return int(r-'⁴') + 4
	}
	return -1
}

// leadingSup parses a run of superscript digits at the start of s and
// returns its value and byte length (0 when there is none).
func leadingSup(s string) (num, n int) {
	for i, r := range s {
		d := supDigit(r)
		if d < 0 {
			return num, i
		}
		if num < 1e6 {
			num = num*10 + d
		}
		n = i + len(string(r))
	}
	return num, n
}

var (
	reMdEmph        = regexp.MustCompile(`\*([^*\n]+)\*`)
	reMdLink        = regexp.MustCompile(`<(https?://[^>\s]+)>`)
	reListNo        = regexp.MustCompile(`^(\d{1,2})[.)] `)
	reSigner        = regexp.MustCompile(`^(?:De|Het|de|het) ((?:[Mm]inister|[Ss]taatssecretaris|[Mm]inister-[Pp]resident|[Ss]ecretaris-[Gg]eneraal|[Vv]oorzitter)\b[^,\n]*),?$`)
	reSignerOneLine = regexp.MustCompile(`^(?:De|Het) ((?:[Mm]inister|[Ss]taatssecretaris)\b[^,\n]{0,80}), ((?:[A-Z]\.\s?)+(?:[a-z]+ )*[A-Z][\p{L}'’-]+(?: [A-Z][\p{L}'’-]+)*)$`)
	reDateLine      = regexp.MustCompile(`^[A-Z][\p{L}' -]{1,30}, (\d{1,2} \p{L}+ \d{4})$`)
)

// textPara is a body paragraph of a plain-text letter while it is built.
type textPara struct {
	// parts and n hold the text while the paragraph is built from blocks
	// (joined once at the end: no quadratic copying); then text.
	parts []string
	n     int
	// wrapped: the text comes from a typeset page, where a long heading
	// may take two lines.
	wrapped bool
	page    int
	text    string
	marks   []mark
	merged  bool // text from a later block was joined to it
	lines   int
}

// FromText parses a plain UTF-8 letter whose footnote markers are Unicode
// superscripts (¹ ² ³) and whose notes stand in paragraphs of their own
// that start with their marker. Of Source only Format is set; the rest of
// Source and ExtractorVersion are left for the caller. ID is empty when
// the text does not identify the document. It returns ErrEmpty for text
// that is only white space.
func FromText(text string) (*document.Document, error) {
	text = strings.ToValidUTF8(text, "\uFFFD")
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	text = strings.TrimPrefix(text, "\uFEFF")
	text = reMdEmph.ReplaceAllString(text, "$1")
	text = reMdLink.ReplaceAllString(text, "$1")
	if strings.TrimSpace(text) == "" {
		return nil, ErrEmpty
	}
	raw := splitBlocks(text)

	// Notes first, so that body markers are only taken for numbers that
	// have a note.
	noteNums := map[int]bool{}
	for _, b := range raw {
		if n, l := leadingSup(b); l > 0 && n > 0 {
			noteNums[n] = true
		}
	}

	doc := &document.Document{Source: document.Source{Format: document.FormatText}}
	i := frontMatter(doc, raw)

	var paras []textPara
	var notes []note
	var noteParts [][]string // the text of each note while it is built
	lastWasNote := false
	for _, b := range raw[i:] {
		if n, l := leadingSup(b); l > 0 && n > 0 {
			notes = append(notes, note{num: n})
			noteParts = append(noteParts, []string{collapseSpace(b[l:])})
			lastWasNote = true
			continue
		}
		t, marks := stripMarkers(b, noteNums)
		if t == "" {
			continue
		}
		fr := firstRune(t)
		if len(paras) > 0 {
			p := &paras[len(paras)-1]
			tail := p.tail()
			lr := lastRune(tail)
			switch {
			case unicode.IsLower(fr) && lr == '-' && len(tail) > 1 && unicode.IsLetter(lastRune(tail[:len(tail)-1])):
				// A word broken across a page: "lucht-" … "havens".
				p.join(t, marks, "", 1)
				lastWasNote = false
				continue
			case unicode.IsLower(fr) && !isTerminal(lr):
				p.join(t, marks, " ", 0)
				lastWasNote = false
				continue
			case lastWasNote && continuesList(tail, t):
				p.join(t, marks, "\n", 0)
				lastWasNote = false
				continue
			}
		}
		if lastWasNote && len(notes) > 0 && unicode.IsLower(fr) && !isTerminal(lastRune(noteParts[len(notes)-1][len(noteParts[len(notes)-1])-1])) {
			// A note that goes on after a page break.
			ps := &noteParts[len(notes)-1]
			last := (*ps)[len(*ps)-1]
			next := collapseSpace(t)
			if j := joinText(last, next); len(j) == len(last)+len(next)-1 {
				(*ps)[len(*ps)-1] = last[:len(last)-1] // the hyphen goes
				*ps = append(*ps, next)
			} else {
				*ps = append(*ps, " ", next)
			}
			continue
		}
		paras = append(paras, textPara{parts: []string{t}, n: len(t), marks: marks, lines: strings.Count(t, "\n") + 1})
		lastWasNote = false
	}
	for i := range paras {
		paras[i].text = strings.Join(paras[i].parts, "")
		paras[i].parts = nil
	}
	for i := range notes {
		notes[i].text = strings.Join(noteParts[i], "")
	}

	assemble(doc, classifyPlain(doc, paras), notes)
	return doc, nil
}

// classifyPlain turns paragraphs of a document without typographic
// headings into assemble's blocks: headings are short lines that do not
// end like a sentence; the closing signature gives sender and signatory,
// and the headings after it open appendices.
func classifyPlain(doc *document.Document, paras []textPara) []block {
	var blocks []block
	afterSig := false
	firstAfterSig := false
	for _, p := range paras {
		if !afterSig {
			if sender, signer, ok := signature(p.text); ok {
				doc.Sender, doc.Signatory = sender, signer
				blocks = append(blocks, block{text: p.text, marks: p.marks, page: p.page})
				afterSig, firstAfterSig = true, true
				continue
			}
		}
		b := block{text: p.text, marks: p.marks, page: p.page}
		if isTextHeading(p, firstAfterSig) {
			b.heading = true
			b.text = strings.TrimSuffix(strings.TrimSpace(b.text), ":")
			if afterSig {
				b.kind = "bijlage"
				b.level = 1
			}
		}
		firstAfterSig = false
		blocks = append(blocks, b)
	}
	if doc.Sender == "" && doc.DocumentTitle != "" {
		doc.Sender = senderFromTitle(doc.DocumentTitle)
	}
	return blocks
}

// tail returns the end of a paragraph being built: its last line or more.
func (p *textPara) tail() string {
	k := len(p.parts) - 1
	for k > 0 && !strings.Contains(p.parts[k], "\n") && len(p.parts)-k < 8 {
		k--
	}
	return strings.Join(p.parts[k:], "")
}

// maxLines is the number of lines a heading may take.
func (p *textPara) maxLines() int {
	if p.wrapped {
		return 2
	}
	return 1
}

// join appends t (with its markers) to p after sep, first dropping cut
// bytes from the end of p (a hyphen).
func (p *textPara) join(t string, marks []mark, sep string, cut int) {
	last := len(p.parts) - 1
	p.parts[last] = p.parts[last][:len(p.parts[last])-cut]
	p.parts = append(p.parts, sep, t)
	base := p.n - cut + len(sep)
	p.n = base + len(t)
	for _, m := range marks {
		p.marks = append(p.marks, mark{m.num, m.off + base})
	}
	p.merged = true
	p.lines += strings.Count(t, "\n") + 1
}

func joinText(a, b string) string {
	if strings.HasSuffix(a, "-") && len(a) > 1 && unicode.IsLetter(lastRune(a[:len(a)-1])) && unicode.IsLower(firstRune(b)) {
		return a[:len(a)-1] + b
	}
	return a + " " + b
}

// continuesList reports whether t goes on with the list that ends prev:
// another "- " item, or the next number.
func continuesList(prev, t string) bool {
	last := prev[strings.LastIndexByte(prev, '\n')+1:]
	if strings.HasPrefix(last, "- ") && strings.HasPrefix(t, "- ") {
		return true
	}
	a := reListNo.FindStringSubmatch(last)
	b := reListNo.FindStringSubmatch(t)
	if a == nil || b == nil {
		return false
	}
	x, _ := strconv.Atoi(a[1])
	y, _ := strconv.Atoi(b[1])
	return y == x+1
}

// splitBlocks splits text at blank lines; each block's lines are trimmed
// of trailing space and joined by "\n".
func splitBlocks(text string) []string {
	var out []string
	var cur []string
	flush := func() {
		if len(cur) > 0 {
			out = append(out, strings.Join(cur, "\n"))
			cur = cur[:0]
		}
	}
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimRightFunc(line, unicode.IsSpace)
		if strings.TrimSpace(line) == "" {
			flush()
			continue
		}
		cur = append(cur, line)
	}
	flush()
	return out
}

// stripMarkers removes superscript-digit runs that name an existing note
// from s and returns the text with the markers' numbers and offsets.
// Superscript digits begin with the byte 0xC2 (¹²³) or 0xE2 (⁰⁴–⁹),
// which never occur inside another character: the text between them is
// copied whole.
func stripMarkers(s string, noteNums map[int]bool) (string, []mark) {
	var b strings.Builder
	var marks []mark
	copied := 0 // s[:copied] is written to b, or dropped
	for i := 0; i < len(s); {
		if c := s[i]; c != 0xC2 && c != 0xE2 {
			i++
			continue
		}
		n, l := leadingSup(s[i:])
		if l == 0 {
			i++
			continue
		}
		if noteNums[n] {
			if b.Len() == 0 {
				b.Grow(len(s))
			}
			b.WriteString(s[copied:i])
			marks = append(marks, mark{num: n, off: b.Len()})
			copied = i + l
		}
		i += l
	}
	if copied == 0 {
		return s, marks
	}
	b.WriteString(s[copied:])
	return b.String(), marks
}

// frontMatter reads the identity lines at the top of a letter (vergaderjaar,
// dossier number and title, "Nr. N", the document title, addressee and
// date) into doc and returns the index of the first body block.
func frontMatter(doc *document.Document, raw []string) int {
	i := 0
	var afterNr bool
	// titles is the number of dossier numbers read whose title has not
	// been: a joint paper prints two dossiers, each with its title, as
	// "35 334 / title / 30 252 / title" or, read by columns, as "35 334 /
	// 30 252 / title / title". The first dossier's title is the title.
	titles := 0
loop:
	for ; i < len(raw) && i < 20; i++ {
		line := collapseSpace(raw[i])
		switch {
		case strings.Contains(raw[i], "\n"):
			break loop
		case parseVergaderjaar(line) != "" && len(line) < 40:
			doc.Vergaderjaar = parseVergaderjaar(line)
		case line == "Tweede Kamer der Staten-Generaal" || line == "Eerste Kamer der Staten-Generaal":
			doc.Kamer = kamerOf(line)
		case parseDossierLine(line) != "" && doc.Number == "":
			if doc.Dossier == "" {
				doc.Dossier = parseDossierLine(line)
			} else {
				doc.CoDossiers = appendDossier(doc.CoDossiers, doc.Dossier, parseDossierLine(line))
			}
			titles++
			continue
		case titles > 0 && parseNrLine(line) == "":
			if doc.Title == "" {
				doc.Title = line
			}
			titles--
			continue
		case parseNrLine(line) != "":
			doc.Number = parseNrLine(line)
			afterNr = true
			continue
		case afterNr && isUpperText(line):
			if doc.DocumentTitle != "" {
				doc.DocumentTitle += " "
			}
			doc.DocumentTitle += line
			continue
		case strings.HasPrefix(line, "Aan de ") || strings.HasPrefix(line, "Aan het "):
			doc.Addressee = strings.TrimPrefix(strings.TrimPrefix(line, "Aan "), "")
			doc.Addressee = strings.TrimPrefix(strings.TrimPrefix(doc.Addressee, "de "), "het ")
			if doc.Kamer == "" {
				doc.Kamer = kamerOf(line)
			}
		case reDateLine.MatchString(line) && parseDutchDate(line) != "":
			doc.Date = parseDutchDate(line)
		default:
			break loop
		}
		titles = 0
		afterNr = false
	}
	doc.ID = kstID(doc.Dossier, doc.Number)
	doc.Type = typeFromTitle(doc.DocumentTitle)
	return i
}

// signature recognises the closing block of a letter: "De Minister van
// Justitie en Veiligheid," followed by the signer's name.
func signature(t string) (sender, signer string, ok bool) {
	if m := reSignerOneLine.FindStringSubmatch(strings.TrimSpace(t)); m != nil {
		return upperFirst(m[1]), m[2], true
	}
	lines := strings.Split(t, "\n")
	if len(lines) < 2 || len(lines) > 4 {
		return "", "", false
	}
	m := reSigner.FindStringSubmatch(strings.TrimSpace(lines[0]))
	if m == nil || !strings.HasSuffix(strings.TrimSpace(lines[0]), ",") {
		return "", "", false
	}
	name := strings.TrimSpace(lines[1])
	if name == "" || len(name) > 60 || isTerminal(lastRune(name)) && !strings.HasSuffix(name, ".") {
		return "", "", false
	}
	return upperFirst(m[1]), name, true
}

// senderFromTitle turns "BRIEF VAN DE MINISTER VAN JUSTITIE EN
// VEILIGHEID" into "Minister van Justitie en Veiligheid".
func senderFromTitle(t string) string {
	l := strings.ToLower(collapseSpace(t))
	for _, p := range []string{"brief van de ", "brief van het "} {
		if strings.HasPrefix(l, p) {
			return titleCaseOffice(l[len(p):])
		}
	}
	return ""
}

// titleCaseOffice capitalises an office name the Dutch way: "minister van
// justitie en veiligheid" → "Minister van Justitie en Veiligheid".
func titleCaseOffice(s string) string {
	small := map[string]bool{"van": true, "en": true, "voor": true, "de": true, "het": true, "der": true, "op": true, "in": true}
	f := strings.Fields(s)
	for i, w := range f {
		if i > 0 && small[w] {
			continue
		}
		f[i] = upperFirst(w)
	}
	return strings.Join(f, " ")
}

func upperFirst(s string) string {
	r := firstRune(s)
	if r == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[len(string(r)):]
}

// isTextHeading decides whether a paragraph of a plain-text letter is a
// heading: one short line, not continued by the next block, starting with
// a capital or a section number, and not ending like a sentence. loose
// accepts a trailing colon (the first line of an appendix).
func isTextHeading(p textPara, loose bool) bool {
	t := strings.TrimSpace(p.text)
	if p.merged || p.lines > p.maxLines() || len(t) > 150 || len(p.marks) > 0 || t == "" {
		return false
	}
	if strings.HasPrefix(t, "- ") || strings.HasPrefix(t, "• ") {
		return false
	}
	lr := lastRune(t)
	switch lr {
	case '.', ',', ';', '!', '?':
		return false
	case ':':
		if !loose {
			return false
		}
	}
	num, rest := splitHeadingNumber(t)
	if num != "" {
		if rest == "" {
			return true
		}
		t = rest
	}
	r := firstRune(t)
	return unicode.IsUpper(r) || unicode.IsDigit(r) || r == '«' || r == '"'
}

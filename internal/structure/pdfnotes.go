// Footnotes of a PDF document: the note area at the foot of each page, or
// endnotes gathered at the end.

package structure

import (
	"sort"
	"strconv"
	"strings"
	"unicode"
)

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
			// A number standing alone above or beside its indented text
			// starts a note in either style: a word processor raises
			// some numbers onto a line of their own.
			return n > 0 && (!supStyle || l.Words[0].Superscript || len(l.Words) == 1 && r.hasTextBeside(l))
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

package pdftext

import (
	"math"
	"strings"
	"unicode"
	"unicode/utf8"
)

// markHyphenation sets Line.Hyphenated on lines whose last word ends in a
// line-end hyphen. Evidence comes from the document's own vocabulary: a
// compound the document writes with a hyphen inside a line keeps it
// ("rechter-commissaris"), a word it writes whole is joined
// ("zorgprofessionals"); a suspended hyphen before "en"/"of" ("in- en
// uitvoer") is never joined.
func markHyphenation(doc *Document) {
	vocab := map[string]int{}
	order := readingLines(doc)
	for _, r := range order {
		pi, li := r.p, r.l
		{
			ws := doc.Pages[pi].Lines[li].Words
			for wi, w := range ws {
				if w.Superscript {
					continue
				}
				k := vocabKey(w.Text)
				if k == "" {
					continue
				}
				if wi == len(ws)-1 && strings.HasSuffix(k, "-") {
					continue // line-end hyphen: not evidence
				}
				vocab[k]++
			}
		}
	}
	for oi, r := range order {
		line := &doc.Pages[r.p].Lines[r.l]
		last := lastBodyWord(line.Words)
		if last < 0 {
			continue
		}
		w := line.Words[last].Text
		if !strings.HasSuffix(w, "-") && !strings.HasSuffix(w, "\u2010") {
			continue
		}
		stem := strings.TrimRight(w, "-\u2010")
		stemKey := vocabKey(stem)
		if stemKey == "" || !endsWithLetter(stem) {
			continue
		}
		ni := continuation(doc, order, oi)
		if ni < 0 {
			continue
		}
		next := order[ni].line(doc)
		first := next.Words[0].Text
		firstKey := vocabKey(first)
		if firstKey == "" {
			continue
		}
		switch strings.ToLower(firstKey) {
		case "en", "of", "tot", "en/of", "and", "or":
			continue // suspended compound: "in- en uitvoer"
		}
		r0, _ := utf8.DecodeRuneInString(firstKey)
		if !unicode.IsLetter(r0) {
			continue
		}
		joined := stemKey + firstKey
		hyph := stemKey + "-" + firstKey
		if vocab[hyph] > 0 && vocab[hyph] >= vocab[joined] {
			continue
		}
		if vocab[joined] > 0 || vocab[strings.ToLower(joined)] > 0 {
			line.Hyphenated = true
			continue
		}
		if unicode.IsUpper(r0) {
			continue // "Noord-" "Holland"
		}
		if lr, _ := utf8.DecodeLastRuneInString(stemKey); unicode.IsUpper(lr) || unicode.IsDigit(lr) {
			continue // "DG-" "ondermijning", "COVID-" "19"
		}
		// Dutch writes a hyphen where two vowels would read as one sound
		// ("zee-eend", "informatie-uitwisseling").
		lr, _ := utf8.DecodeLastRuneInString(stemKey)
		if vowelClash(unicode.ToLower(lr), unicode.ToLower(r0)) {
			continue
		}
		line.Hyphenated = true
	}
}

// lineRef names a line by page and line index.
type lineRef struct{ p, l int }

func (r lineRef) line(doc *Document) *Line { return &doc.Pages[r.p].Lines[r.l] }

// readingLines lists all lines of doc in reading order.
func readingLines(doc *Document) []lineRef {
	var order []lineRef
	for pi := range doc.Pages {
		for li := range doc.Pages[pi].Lines {
			order = append(order, lineRef{pi, li})
		}
	}
	return order
}

// continuation returns the index in order of the line that continues the
// line order[oi] after a line-end hyphen, or -1: the next line of the same
// block, else (at a column or page break, past page numbers, running heads
// and footnotes) the next line of about the same size that starts with a
// lower-case letter.
func continuation(doc *Document, order []lineRef, oi int) int {
	r := order[oi]
	line := r.line(doc)
	for k := oi + 1; k < len(order) && k <= oi+60; k++ {
		nr := order[k]
		cand := nr.line(doc)
		if len(cand.Words) == 0 {
			continue
		}
		if k == oi+1 && nr.p == r.p && cand.Block == line.Block {
			return k
		}
		if math.Abs(cand.Size-line.Size) > 0.15*line.Size {
			continue
		}
		if r, _ := utf8.DecodeRuneInString(vocabKey(cand.Words[0].Text)); !unicode.IsLower(r) {
			continue
		}
		return k
	}
	return -1
}

func lastBodyWord(ws []Word) int {
	for i := len(ws) - 1; i >= 0; i-- {
		if !ws[i].Superscript {
			if i == len(ws)-1 {
				return i
			}
			return -1
		}
	}
	return -1
}

func endsWithLetter(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return unicode.IsLetter(r)
}

// vocabKey strips punctuation around a word (but not a final hyphen).
func vocabKey(s string) string {
	s = strings.TrimLeftFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	s = strings.TrimRightFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' && r != '\u2010'
	})
	return s
}

// vowelClash reports whether vowels a and b written together would form a
// Dutch double vowel or diphthong, which a compound separates by a hyphen.
func vowelClash(a, b rune) bool {
	switch string([]rune{a, b}) {
	case "aa", "ae", "ai", "au", "ee", "ei", "eu", "ie", "ii", "oe", "oi", "oo", "ou", "ui", "uu":
		return true
	}
	return false
}

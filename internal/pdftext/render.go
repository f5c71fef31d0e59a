package pdftext

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// WriteText writes the text layer of doc for reading: pages in order, each
// introduced by a line "--- page N ---", lines in reading order, a blank
// line between blocks, superscript markers as "^1" after the word they
// follow, and a word hyphenated at a line end written whole at the end of
// its line (its rest taken from the line that continues it, also across a
// page break). A page that failed is noted.
func WriteText(w io.Writer, doc *Document) error {
	bw := bufio.NewWriter(w)
	order := readingLines(doc)
	index := make(map[lineRef]int, len(order))
	for i, r := range order {
		index[r] = i
	}
	joinNext := map[lineRef]string{} // hyphenated line → the first word of its continuation
	consumed := map[lineRef]bool{}   // continuation lines whose first word moved up
	for i, r := range order {
		l := r.line(doc)
		if !l.Hyphenated {
			continue
		}
		if ni := continuation(doc, order, i); ni >= 0 && !consumed[order[ni]] && len(order[ni].line(doc).Words) > 0 {
			joinNext[r] = order[ni].line(doc).Words[0].Text
			consumed[order[ni]] = true
		}
	}
	var b strings.Builder
	for pi, p := range doc.Pages {
		fmt.Fprintf(bw, "--- page %d ---\n", p.Number)
		if p.Err != nil {
			fmt.Fprintf(bw, "[page error: %v]\n", p.Err)
		}
		for li, l := range p.Lines {
			r := lineRef{pi, li}
			if li > 0 && l.Block != p.Lines[li-1].Block {
				bw.WriteByte('\n')
			}
			b.Reset()
			words := l.Words
			if consumed[r] {
				words = words[1:]
			}
			rest, join := joinNext[r]
			for j, wd := range words {
				if wd.Superscript && b.Len() > 0 {
					b.WriteString("^")
					b.WriteString(wd.Text)
					continue
				}
				if b.Len() > 0 {
					b.WriteByte(' ')
				}
				if wd.Superscript {
					b.WriteString("^")
				}
				if join && j == len(words)-1 {
					b.WriteString(strings.TrimRight(wd.Text, "-\u2010"))
					b.WriteString(rest)
					continue
				}
				b.WriteString(wd.Text)
			}
			if b.Len() == 0 && consumed[r] {
				continue
			}
			bw.WriteString(b.String())
			bw.WriteByte('\n')
		}
	}
	return bw.Flush()
}

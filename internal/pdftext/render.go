package pdftext

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// WriteText writes the text layer of doc for reading: pages in order, each
// introduced by a line "--- page N ---", lines in reading order, a blank
// line between blocks, superscript markers as "^1", and words hyphenated at
// a line end joined with the next line. A page that failed is noted.
func WriteText(w io.Writer, doc *Document) error {
	bw := bufio.NewWriter(w)
	carry := "" // the joined remainder of a hyphenated word
	for _, p := range doc.Pages {
		fmt.Fprintf(bw, "--- page %d ---\n", p.Number)
		if p.Err != nil {
			fmt.Fprintf(bw, "[page error: %v]\n", p.Err)
		}
		for i, l := range p.Lines {
			if i > 0 && l.Block != p.Lines[i-1].Block && carry == "" {
				bw.WriteByte('\n')
			}
			words := l.Words
			var b strings.Builder
			b.WriteString(carry)
			skipFirst := carry != ""
			carry = ""
			for j, wd := range words {
				if wd.Superscript {
					b.WriteString("^")
					b.WriteString(wd.Text)
					continue
				}
				if j == 0 && skipFirst {
					b.WriteString(wd.Text)
					continue
				}
				if b.Len() > 0 {
					b.WriteByte(' ')
				}
				if l.Hyphenated && j == len(words)-1 {
					carry = strings.TrimRight(wd.Text, "-\u2010")
					continue
				}
				b.WriteString(wd.Text)
			}
			if carry != "" {
				s := strings.TrimRight(b.String(), " ")
				if s != "" {
					bw.WriteString(s)
					bw.WriteByte('\n')
				}
				continue
			}
			bw.WriteString(b.String())
			bw.WriteByte('\n')
		}
	}
	if carry != "" {
		bw.WriteString(carry)
		bw.WriteByte('\n')
	}
	return bw.Flush()
}

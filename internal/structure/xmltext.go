package structure

import (
	"strings"
	"unicode/utf8"

	"kamerzoek/internal/document"
)

// xmlTaggedRef is an <extref> met while writing text: its doc attribute and
// the byte span its content took in the text.
type xmlTaggedRef struct {
	doc        string
	start, end int // start is -1 until the first byte of the content is written
}

// xmlTextBuf builds the Text of one section or footnote from XML character
// data: runs of XML whitespace collapse to one space, paragraphs are
// separated by "\n\n" and recorded as spans, and the spans of <extref>
// elements are kept as byte offsets into the text.
type xmlTextBuf struct {
	b            []byte
	inPara       bool // a paragraph is open
	hasText      bool // the open paragraph has text
	paraStart    int
	pendingSpace bool
	pendingNL    bool // the pending space came from a line break of the XML layout
	glue         bool // the next paragraph continues the open one (after a list marker)
	paras        []document.Paragraph
	refs         []*xmlTaggedRef
	waiting      []*xmlTaggedRef
}

// xmlSpaceAt returns the length of the whitespace character at s[i], and
// whether it is a line break: XML whitespace, a no-break or other Unicode
// space (OB files put U+00A0 inside dossier numbers and U+200A after
// names), or an invisible character that is dropped (zero-width space, soft
// hyphen, byte order mark), for which it returns n > 0 with drop set.
func xmlSpaceAt(s string, i int) (n int, newline, drop bool) {
	switch c := s[i]; {
	case c == ' ' || c == '\t':
		return 1, false, false
	case c == '\n' || c == '\r':
		return 1, true, false
	case c < 0xC2:
		return 0, false, false
	}
	r, w := utf8.DecodeRuneInString(s[i:])
	switch {
	case r == 0x00A0 || r >= 0x2000 && r <= 0x200A || r == 0x202F || r == 0x205F || r == 0x3000:
		return w, false, false
	case r == 0x00AD || r == 0x200B || r == 0xFEFF:
		return w, false, true
	}
	return 0, false, false
}

// startPara opens a paragraph; an open one is closed first unless a list
// marker asked for the next paragraph to continue it.
func (t *xmlTextBuf) startPara() {
	if t.inPara {
		if t.glue {
			t.glue = false
			t.space()
			return
		}
		t.endPara()
	}
	t.inPara = true
}

// endPara closes the open paragraph, recording its span when it has text.
func (t *xmlTextBuf) endPara() {
	if t.inPara && t.hasText {
		t.paras = append(t.paras, document.Paragraph{Start: t.paraStart, End: len(t.b)})
	}
	t.inPara, t.hasText, t.pendingSpace, t.pendingNL, t.glue = false, false, false, false, false
}

// space asks for a space before the next text of the paragraph.
func (t *xmlTextBuf) space() {
	if t.hasText {
		t.pendingSpace = true
	}
}

// write appends character data, collapsing whitespace.
func (t *xmlTextBuf) write(s string) {
	if !t.inPara {
		t.startPara()
	}
	for i := 0; i < len(s); {
		if w, nl, drop := xmlSpaceAt(s, i); w > 0 {
			if !drop {
				t.space()
				t.pendingNL = t.pendingNL || nl && t.pendingSpace
			}
			i += w
			continue
		}
		j := i
		var run []byte
		for j < len(s) {
			w, _, drop := xmlSpaceAt(s, j)
			if w > 0 && !drop {
				break
			}
			if w == 0 {
				_, w = utf8.DecodeRuneInString(s[j:])
				run = append(run, s[j:j+w]...)
			}
			j += w
		}
		if len(run) == 0 {
			i = j
			continue
		}
		if t.pendingNL && strings.IndexByte(",.;:)", run[0]) >= 0 {
			// Layout whitespace of the XML before punctuation ("</naam>:").
			t.pendingSpace = false
		}
		t.pendingNL = false
		if !t.hasText {
			if len(t.b) > 0 {
				t.b = append(t.b, '\n', '\n')
			}
			t.paraStart, t.hasText = len(t.b), true
		} else if t.pendingSpace {
			t.b = append(t.b, ' ')
		}
		t.pendingSpace = false
		for _, r := range t.waiting {
			r.start = len(t.b)
		}
		t.waiting = t.waiting[:0]
		t.b = append(t.b, run...)
		i = j
	}
}

// openRef starts the span of a tagged reference at the next byte written.
func (t *xmlTextBuf) openRef(doc string) *xmlTaggedRef {
	r := &xmlTaggedRef{doc: doc, start: -1}
	t.refs = append(t.refs, r)
	t.waiting = append(t.waiting, r)
	return r
}

// closeRef ends the span of r at the last byte written.
func (t *xmlTextBuf) closeRef(r *xmlTaggedRef) {
	if r.start < 0 {
		for i, w := range t.waiting {
			if w == r {
				t.waiting = append(t.waiting[:i], t.waiting[i+1:]...)
				break
			}
		}
		r.start = len(t.b)
	}
	r.end = len(t.b)
}

// xmlFlat returns the text of n on one line: whitespace collapsed, notes
// left out, a space between a first name and a surname.
func xmlFlat(n *xnode) string {
	var t xmlTextBuf
	xmlFlatInto(&t, n)
	return string(t.b)
}

func xmlFlatInto(t *xmlTextBuf, n *xnode) {
	for _, k := range n.Kids {
		switch {
		case k.Name == "":
			t.write(k.Text)
		case k.Name == "noot":
		case k.Name == "voornaam", k.Name == "voorvoegsels", k.Name == "br":
			xmlFlatInto(t, k)
			t.space()
		default:
			xmlFlatInto(t, k)
		}
	}
}

// xmlCleanHeading trims a heading or name as printed: surrounding spaces
// and a trailing colon ("De heer Wörsdörfer (VVD):").
func xmlCleanHeading(s string) string {
	s = strings.TrimSpace(s)
	s = strings.TrimSpace(strings.TrimSuffix(s, ":"))
	return s
}

package structure

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// xmlMaxDepth bounds the element nesting the XML reader accepts. Real
// officielebekendmakingen documents nest some twenty deep; the bound keeps
// the recursive walks over the tree cheap on hostile input.
const xmlMaxDepth = 256

// xnode is one node of the small DOM the XML reader builds: an element
// (Name set) or a run of character data (Name empty, Text set).
type xnode struct {
	Name  string // local name; "" for character data
	Space string // namespace URL as resolved by encoding/xml
	Attr  []xml.Attr
	Text  string
	Kids  []*xnode
}

// attr returns the value of the attribute with the given local name.
func (n *xnode) attr(name string) string {
	for _, a := range n.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// child returns the first child element with the given local name.
func (n *xnode) child(name string) *xnode {
	for _, k := range n.Kids {
		if k.Name == name {
			return k
		}
	}
	return nil
}

// find returns the first element with the given local name in n's subtree
// (n itself included), in document order.
func (n *xnode) find(name string) *xnode {
	if n.Name == name {
		return n
	}
	for _, k := range n.Kids {
		if k.Name == "" {
			continue
		}
		if f := k.find(name); f != nil {
			return f
		}
	}
	return nil
}

// hasOwnText reports whether n has character data of its own that is not
// only whitespace.
func (n *xnode) hasOwnText() bool {
	for _, k := range n.Kids {
		if k.Name == "" && strings.TrimSpace(k.Text) != "" {
			return true
		}
	}
	return false
}

// xmlBOM is the UTF-8 byte order mark some OB files start with.
var xmlBOM = []byte{0xEF, 0xBB, 0xBF}

// xmlDecoder returns a decoder over data (without its byte order mark) that
// knows the HTML entities and the single-byte charsets OB files declare.
func xmlDecoder(data []byte) *xml.Decoder {
	d := xml.NewDecoder(bytes.NewReader(bytes.TrimPrefix(data, xmlBOM)))
	d.Strict = true
	d.Entity = xml.HTMLEntity
	d.CharsetReader = xmlCharsetReader
	return d
}

// parseXMLTree reads data into a DOM. Comments, processing instructions
// (XPP typesetting hints such as <?xpp afbm?> stand inside words) and
// directives are dropped. It fails on malformed XML, on nesting deeper than
// xmlMaxDepth and on input without a root element.
func parseXMLTree(data []byte) (*xnode, error) {
	d := xmlDecoder(data)
	var root *xnode
	var stack []*xnode
	// Character data that processing instructions or comments split
	// arrives in pieces: they are gathered in text and written to the open
	// text node once, when an element starts or ends, so that joining them
	// costs time linear in their length.
	var (
		open *xnode
		text []byte
	)
	flush := func() {
		if open != nil {
			open.Text = string(text)
			open, text = nil, text[:0]
		}
	}
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			flush()
			if len(stack) >= xmlMaxDepth {
				return nil, fmt.Errorf("elements nested deeper than %d", xmlMaxDepth)
			}
			n := &xnode{Name: t.Name.Local, Space: t.Name.Space, Attr: t.Attr}
			if len(stack) == 0 {
				if root != nil {
					return nil, errors.New("more than one root element")
				}
				root = n
			} else {
				p := stack[len(stack)-1]
				p.Kids = append(p.Kids, n)
			}
			stack = append(stack, n)
		case xml.EndElement:
			flush()
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) == 0 {
				continue
			}
			if open == nil {
				p := stack[len(stack)-1]
				open = &xnode{}
				p.Kids = append(p.Kids, open)
			}
			text = append(text, t...)
		}
	}
	flush()
	if root == nil {
		return nil, errors.New("no root element")
	}
	return root, nil
}

// xmlSniffRoot returns the root element of data without reading further than
// its start tag, looking at no more than the first 64 KiB.
func xmlSniffRoot(data []byte) (xml.Name, bool) {
	const window = 64 << 10
	if len(data) > window {
		data = data[:window]
	}
	d := xmlDecoder(data)
	for {
		tok, err := d.Token()
		if err != nil {
			return xml.Name{}, false
		}
		switch t := tok.(type) {
		case xml.StartElement:
			return t.Name, true
		case xml.CharData:
			if len(bytes.TrimSpace(t)) > 0 {
				return xml.Name{}, false
			}
		}
	}
}

// xmlCharsetReader decodes the single-byte charsets OB files declare
// (ISO-8859-1, Windows-1252) to UTF-8; UTF-8 and US-ASCII pass through.
func xmlCharsetReader(charset string, input io.Reader) (io.Reader, error) {
	switch strings.ToLower(strings.TrimSpace(charset)) {
	case "utf-8", "utf8", "us-ascii", "ascii":
		return input, nil
	case "iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1":
		return &xmlSingleByteReader{r: input}, nil
	case "windows-1252", "cp1252", "x-cp1252":
		return &xmlSingleByteReader{r: input, cp1252: true}, nil
	}
	return nil, fmt.Errorf("unsupported charset %q", charset)
}

// xmlCP1252High maps the bytes 0x80-0x9F of Windows-1252 to runes; the other
// bytes are the same as in ISO-8859-1. Undefined bytes map to U+FFFD.
var xmlCP1252High = [32]rune{
	'€', '\uFFFD', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\uFFFD', 'Ž', '\uFFFD',
	'\uFFFD', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\uFFFD', 'ž', 'Ÿ',
}

// xmlSingleByteReader turns ISO-8859-1 or Windows-1252 bytes into UTF-8.
type xmlSingleByteReader struct {
	r      io.Reader
	cp1252 bool
	in     [512]byte
	out    []byte
}

func (s *xmlSingleByteReader) Read(p []byte) (int, error) {
	for len(s.out) == 0 {
		n, err := s.r.Read(s.in[:])
		for _, c := range s.in[:n] {
			r := rune(c)
			if s.cp1252 && c >= 0x80 && c < 0xA0 {
				r = xmlCP1252High[c-0x80]
			}
			s.out = utf8.AppendRune(s.out, r)
		}
		if n == 0 && err != nil {
			return 0, err
		}
	}
	n := copy(p, s.out)
	s.out = s.out[n:]
	return n, nil
}

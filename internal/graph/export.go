package graph

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Export formats.
const (
	FormatJSON    = "json"
	FormatCSV     = "csv"
	FormatGraphML = "graphml"
	FormatGEXF    = "gexf"
	FormatDOT     = "dot"
)

// Formats lists the export formats.
var Formats = []string{FormatJSON, FormatCSV, FormatGraphML, FormatGEXF, FormatDOT}

// ContentType returns the media type of an export format.
func ContentType(format string) string {
	switch format {
	case FormatJSON:
		return "application/json"
	case FormatCSV:
		return "text/csv; charset=utf-8"
	case FormatGraphML:
		return "application/graphml+xml"
	case FormatGEXF:
		return "application/gexf+xml"
	case FormatDOT:
		return "text/vnd.graphviz; charset=utf-8"
	}
	return "application/octet-stream"
}

// CheckFormat returns an error wrapping ErrBadParam when format is not one
// of Formats.
func CheckFormat(format string) error {
	for _, f := range Formats {
		if f == format {
			return nil
		}
	}
	return fmt.Errorf("%w: format %q: want one of %s", ErrBadParam, format, strings.Join(Formats, ", "))
}

// Write writes sg to w in format: JSON (the Subgraph as served by the
// API), CSV (one row per edge with both ends' titles), GraphML and GEXF
// (for Gephi and networkx) or DOT (for Graphviz).
func (sg *Subgraph) Write(w io.Writer, format string) error {
	if err := CheckFormat(format); err != nil {
		return err
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	var err error
	switch format {
	case FormatJSON:
		enc := json.NewEncoder(bw)
		enc.SetEscapeHTML(false)
		err = enc.Encode(sg)
	case FormatCSV:
		err = sg.writeCSV(bw)
	case FormatGraphML:
		err = sg.writeGraphML(bw)
	case FormatGEXF:
		err = sg.writeGEXF(bw)
	case FormatDOT:
		err = sg.writeDOT(bw)
	}
	if err != nil {
		return fmt.Errorf("graph: export %s: %w", format, err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("graph: export %s: %w", format, err)
	}
	return nil
}

func (sg *Subgraph) titles() map[string]*Node {
	m := make(map[string]*Node, len(sg.Nodes))
	for k := range sg.Nodes {
		m[sg.Nodes[k].ID] = &sg.Nodes[k]
	}
	return m
}

func (sg *Subgraph) writeCSV(w io.Writer) error {
	nodes := sg.titles()
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"source", "target", "weight", "kind", "source_title", "source_date",
		"target_title", "target_date", "target_held"})
	for _, e := range sg.Edges {
		s, t := nodes[e.From], nodes[e.To]
		_ = cw.Write([]string{e.From, e.To, strconv.Itoa(e.Weight), string(e.Kind),
			s.Title, s.Date, t.Title, t.Date, strconv.FormatBool(t.Held)})
	}
	cw.Flush()
	return cw.Error()
}

// xmlText escapes s for XML character data and attribute values, dropping
// characters XML 1.0 does not allow.
func xmlText(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(validXML(s)))
	return b.String()
}

func validXML(s string) string {
	ok := true
	for _, r := range s {
		if !xmlChar(r) {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	return strings.Map(func(r rune) rune {
		if xmlChar(r) {
			return r
		}
		return -1
	}, s)
}

func xmlChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D || r >= 0x20 && r <= 0xD7FF && r != utf8.RuneError ||
		r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

// nodeAttrs are the node attributes written to GraphML and GEXF.
var nodeAttrs = []struct{ name, typ string }{
	{"label", "string"}, {"kind", "string"}, {"held", "boolean"}, {"status", "string"},
	{"title", "string"}, {"type", "string"}, {"date", "string"}, {"dossier", "string"},
	{"vergaderjaar", "string"}, {"url", "string"}, {"cited_by", "int"},
}

func nodeValues(n *Node) []string {
	return []string{n.ID, string(n.Kind), strconv.FormatBool(n.Held), n.Status, n.Title, n.Type,
		n.Date, n.Dossier, n.Vergaderjaar, n.URL, strconv.Itoa(n.CitedBy)}
}

func (sg *Subgraph) writeGraphML(w *bufio.Writer) error {
	w.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	w.WriteString(`<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">` + "\n")
	for k, a := range nodeAttrs {
		fmt.Fprintf(w, "  <key id=\"n%d\" for=\"node\" attr.name=\"%s\" attr.type=\"%s\"/>\n", k, a.name, a.typ)
	}
	w.WriteString("  <key id=\"e0\" for=\"edge\" attr.name=\"weight\" attr.type=\"int\"/>\n")
	w.WriteString("  <key id=\"e1\" for=\"edge\" attr.name=\"kind\" attr.type=\"string\"/>\n")
	w.WriteString("  <graph id=\"kamerzoek\" edgedefault=\"directed\">\n")
	for k := range sg.Nodes {
		n := &sg.Nodes[k]
		fmt.Fprintf(w, "    <node id=\"%s\">\n", xmlText(n.ID))
		for a, v := range nodeValues(n) {
			if v == "" {
				continue
			}
			fmt.Fprintf(w, "      <data key=\"n%d\">%s</data>\n", a, xmlText(v))
		}
		w.WriteString("    </node>\n")
	}
	for _, e := range sg.Edges {
		fmt.Fprintf(w, "    <edge source=\"%s\" target=\"%s\"><data key=\"e0\">%d</data><data key=\"e1\">%s</data></edge>\n",
			xmlText(e.From), xmlText(e.To), e.Weight, xmlText(string(e.Kind)))
	}
	_, err := w.WriteString("  </graph>\n</graphml>\n")
	return err
}

func (sg *Subgraph) writeGEXF(w *bufio.Writer) error {
	w.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	w.WriteString(`<gexf xmlns="http://www.gexf.net/1.2draft" version="1.2">` + "\n")
	w.WriteString("  <meta><creator>kamerzoek</creator><description>citation graph</description></meta>\n")
	w.WriteString("  <graph mode=\"static\" defaultedgetype=\"directed\">\n")
	w.WriteString("    <attributes class=\"node\">\n")
	for k, a := range nodeAttrs[1:] {
		typ := a.typ
		if typ == "int" {
			typ = "integer"
		}
		fmt.Fprintf(w, "      <attribute id=\"%d\" title=\"%s\" type=\"%s\"/>\n", k, a.name, typ)
	}
	w.WriteString("    </attributes>\n")
	w.WriteString("    <attributes class=\"edge\">\n      <attribute id=\"0\" title=\"kind\" type=\"string\"/>\n    </attributes>\n")
	w.WriteString("    <nodes>\n")
	for k := range sg.Nodes {
		n := &sg.Nodes[k]
		label := n.ID
		if n.Title != "" {
			label = n.ID + " " + n.Title
		}
		fmt.Fprintf(w, "      <node id=\"%s\" label=\"%s\"><attvalues>", xmlText(n.ID), xmlText(label))
		for a, v := range nodeValues(n)[1:] {
			if v == "" {
				continue
			}
			fmt.Fprintf(w, "<attvalue for=\"%d\" value=\"%s\"/>", a, xmlText(v))
		}
		w.WriteString("</attvalues></node>\n")
	}
	w.WriteString("    </nodes>\n    <edges>\n")
	for k, e := range sg.Edges {
		fmt.Fprintf(w, "      <edge id=\"%d\" source=\"%s\" target=\"%s\" weight=\"%d\"><attvalues><attvalue for=\"0\" value=\"%s\"/></attvalues></edge>\n",
			k, xmlText(e.From), xmlText(e.To), e.Weight, xmlText(string(e.Kind)))
	}
	_, err := w.WriteString("    </edges>\n  </graph>\n</gexf>\n")
	return err
}

// dotQuote returns s as a DOT double-quoted string.
func dotQuote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r < 0x20 || r == 0x7f || r == utf8.RuneError:
			// dropped
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// dotLabel shortens a title for a node label.
func dotLabel(n *Node) string {
	t := n.Title
	if r := []rune(t); len(r) > 60 {
		t = string(r[:59]) + "…"
	}
	if t == "" {
		return n.ID
	}
	return n.ID + "\n" + t
}

func (sg *Subgraph) writeDOT(w *bufio.Writer) error {
	w.WriteString("digraph kamerzoek {\n  charset=\"UTF-8\";\n  node [shape=box, fontsize=10];\n")
	for k := range sg.Nodes {
		n := &sg.Nodes[k]
		style := "solid"
		if !n.Held {
			style = "dashed"
		}
		fmt.Fprintf(w, "  %s [label=%s, tooltip=%s, style=%s];\n", dotQuote(n.ID), dotQuote(dotLabel(n)), dotQuote(n.Title), style)
	}
	for _, e := range sg.Edges {
		fmt.Fprintf(w, "  %s -> %s [weight=%d, label=\"%d\"];\n", dotQuote(e.From), dotQuote(e.To), e.Weight, e.Weight)
	}
	_, err := w.WriteString("}\n")
	return err
}

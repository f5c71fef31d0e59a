package graph

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"kamerzoek/internal/document"
)

// hostile is a fixture whose titles hold everything XML and DOT must
// escape.
func hostile() []*document.Document {
	docs := fixture()
	docs = append(docs, &document.Document{ID: "kst-36450-7", Dossier: "36450", Number: "7",
		Title: "Quotes \" and 'single', <tags> & «guillemets» \\ backslash \\N\nnewline\x01control",
		Type:  "brief", Date: "2024-05-01",
		References: []document.Reference{ref("kst-32637-1", 1, 1, "x"), ref("url:https://example.org/a?b=1&c=\"2\"", 2, 1, "y")}})
	return docs
}

// requireTool skips when a reference tool is missing, except in CI where it
// must be there.
func requireTool(t *testing.T, ok bool, what string) {
	t.Helper()
	if ok {
		return
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s is missing (install graphviz and python3-networkx)", what)
	}
	t.Skipf("%s is missing; skipping (CI=true makes this a failure)", what)
}

func writeExport(t *testing.T, sg *Subgraph, format string) (string, []byte) {
	t.Helper()
	var b bytes.Buffer
	if err := sg.Write(&b, format); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "graph."+format)
	if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return p, b.Bytes()
}

func TestExportDOTRenders(t *testing.T) {
	_, err := exec.LookPath("dot")
	requireTool(t, err == nil, "graphviz dot")
	sg := build(hostile()).Whole()
	p, _ := writeExport(t, sg, FormatDOT)
	out, err := exec.Command("dot", "-Tsvg", p).CombinedOutput()
	if err != nil {
		t.Fatalf("dot -Tsvg: %v\n%s", err, out)
	}
	// The svg has a <title> per node and edge, naming it as in the graph.
	titles := map[string]bool{}
	dec := xml.NewDecoder(bytes.NewReader(out))
	dec.Strict = false
	inTitle := false
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			inTitle = tok.Name.Local == "title"
		case xml.EndElement:
			inTitle = false
		case xml.CharData:
			if inTitle {
				titles[string(tok)] = true
			}
		}
	}
	for _, n := range sg.Nodes {
		if !titles[n.ID] {
			t.Errorf("svg lacks node %s", n.ID)
		}
	}
	for _, e := range sg.Edges {
		if !titles[e.From+"->"+e.To] {
			t.Errorf("svg lacks edge %s->%s", e.From, e.To)
		}
	}
	if !bytes.Contains(out, []byte("«guillemets»")) {
		t.Error("svg lacks the title with guillemets")
	}
}

const networkxScript = `
import sys, json, networkx as nx
path, fmt = sys.argv[1], sys.argv[2]
g = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
out = {"directed": g.is_directed(), "nodes": {}, "edges": []}
for n, d in g.nodes(data=True):
    out["nodes"][n] = {"title": d.get("title", ""), "held": bool(d.get("held", False)), "cited_by": int(d.get("cited_by", 0))}
for a, b, d in g.edges(data=True):
    out["edges"].append([a, b, int(float(d.get("weight", 0))), d.get("kind", "")])
out["edges"].sort()
print(json.dumps(out))
`

func TestExportGraphMLAndGEXFLoad(t *testing.T) {
	const py = "/usr/bin/python3"
	ok := exec.Command(py, "-c", "import networkx").Run() == nil
	requireTool(t, ok, "Debian python3-networkx ("+py+")")
	sg := build(hostile()).Whole()
	for _, format := range []string{FormatGraphML, FormatGEXF} {
		t.Run(format, func(t *testing.T) {
			p, data := writeExport(t, sg, format)
			// Well-formed XML by Go's own parser too.
			dec := xml.NewDecoder(bytes.NewReader(data))
			for {
				if _, err := dec.Token(); err != nil {
					if err.Error() != "EOF" {
						t.Fatalf("not well-formed XML: %v", err)
					}
					break
				}
			}
			out, err := exec.Command(py, "-c", networkxScript, p, format).Output()
			if err != nil {
				var stderr []byte
				if ee, ok := err.(*exec.ExitError); ok {
					stderr = ee.Stderr
				}
				t.Fatalf("networkx could not read the %s: %v\n%s", format, err, stderr)
			}
			var got struct {
				Directed bool
				Nodes    map[string]struct {
					Title   string
					Held    bool
					CitedBy int `json:"cited_by"`
				}
				Edges [][]any
			}
			if err := json.Unmarshal(out, &got); err != nil {
				t.Fatal(err)
			}
			if !got.Directed || len(got.Nodes) != len(sg.Nodes) || len(got.Edges) != len(sg.Edges) {
				t.Fatalf("networkx read %d nodes, %d edges (directed %v); want %d, %d", len(got.Nodes), len(got.Edges), got.Directed, len(sg.Nodes), len(sg.Edges))
			}
			for _, n := range sg.Nodes {
				r, ok := got.Nodes[n.ID]
				if !ok {
					t.Errorf("node %s missing", n.ID)
					continue
				}
				// Control characters are dropped; everything else survives.
				if want := validXML(n.Title); r.Title != want || r.Held != n.Held || r.CitedBy != n.CitedBy {
					t.Errorf("node %s read back as %+v, want title %q held %v cited_by %d", n.ID, r, want, n.Held, n.CitedBy)
				}
			}
			var want [][]any
			for _, e := range sg.Edges {
				want = append(want, []any{e.From, e.To, float64(e.Weight), string(e.Kind)})
			}
			if !reflect.DeepEqual(got.Edges, want) {
				t.Errorf("edges read back:\n%v\nwant\n%v", got.Edges, want)
			}
		})
	}
}

func TestExportJSONAndCSV(t *testing.T) {
	sg := build(hostile()).Whole()
	_, data := writeExport(t, sg, FormatJSON)
	var back Subgraph
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(&back, sg) {
		t.Error("JSON export does not read back to the same subgraph")
	}
	_, data = writeExport(t, sg, FormatCSV)
	rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(sg.Edges)+1 || strings.Join(rows[0][:3], ",") != "source,target,weight" {
		t.Fatalf("csv has %d rows, header %v", len(rows), rows[0])
	}
	for k, e := range sg.Edges {
		if rows[k+1][0] != e.From || rows[k+1][1] != e.To {
			t.Errorf("row %d = %v, want %s -> %s", k+1, rows[k+1], e.From, e.To)
		}
	}
}

func TestDOTQuote(t *testing.T) {
	for in, want := range map[string]string{
		`a"b`:     `"a\"b"`,
		`back\`:   `"back\\"`,
		"l1\nl2":  `"l1\nl2"`,
		"x\x01y":  `"xy"`,
		"«a» & b": `"«a» & b"`,
	} {
		if got := dotQuote(in); got != want {
			t.Errorf("dotQuote(%q) = %s, want %s", in, got, want)
		}
	}
}

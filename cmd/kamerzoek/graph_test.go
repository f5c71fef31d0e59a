package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kamerzoek/internal/document"
	"kamerzoek/internal/store"
)

// graphData writes a small corpus straight into a store and returns the
// data directory.
func graphData(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	st, err := store.Open(filepath.Join(dir, "store"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	r := func(id string, kind document.Kind, fn int, ctx string) document.Reference {
		return document.Reference{ID: id, Kind: kind, Raw: id, Footnote: fn, Page: 2, Context: ctx}
	}
	for _, d := range []*document.Document{
		{ID: "kst-36450-3", Dossier: "36450", Number: "3", Type: "memorie van toelichting", Date: "2023-11-01",
			Title: "Instellingswet Adviescollege toetsing regeldruk",
			References: []document.Reference{r("kst-32637-1", document.KindKamerstuk, 1, "Zie de brief."),
				r("kst-29515-409", document.KindKamerstuk, 2, "Het kabinet."), r("kst-32637-1", document.KindKamerstuk, 3, "Weer.")}},
		{ID: "kst-36450-6", Dossier: "36450", Number: "6", Type: "nota naar aanleiding van het verslag", Date: "2024-03-20",
			Title:      "Instellingswet Adviescollege toetsing regeldruk",
			References: []document.Reference{r("kst-36450-3", document.KindKamerstuk, 1, "In de memorie.")}},
		{ID: "kst-32637-1", Dossier: "32637", Number: "1", Type: "brief", Date: "2011-01-20", Title: "Regeldruk & «burgers»"},
	} {
		if err := st.PutDocument(d); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestGraphCommands(t *testing.T) {
	dir := graphData(t)
	tests := []struct {
		args []string
		code int
		// want are substrings of stdout (or of stderr for failures).
		want []string
	}{
		{[]string{"cites", "kst-36450-3"}, 0, []string{"kst-36450-3 cites 2 documents", "kst-32637-1", "Regeldruk & «burgers»", "kst-29515-409"}},
		{[]string{"cites", "kst-36450-3", "--contexts"}, 0, []string{"[fn. 1, p. 2] Zie de brief."}},
		{[]string{"cited-by", "kst-36450-3"}, 0, []string{"is cited by 1 document", "kst-36450-6"}},
		{[]string{"cited-by", "kst-32637-1", "--from", "2024-01-01"}, 0, []string{"is cited by 0 documents"}},
		{[]string{"graph", "show", "kst-36450-6", "--depth", "2", "--direction", "out"}, 0, []string{"4 nodes and 3 edges", "kst-29515-409"}},
		{[]string{"graph", "path", "kst-36450-6", "kst-32637-1"}, 0, []string{"path of 2 steps"}},
		{[]string{"graph", "path", "kst-32637-1", "kst-36450-6"}, 1, []string{"no citation path"}},
		{[]string{"graph", "top"}, 0, []string{"1     kst-32637-1"}},
		{[]string{"graph", "dossier", "36450"}, 0, []string{"2 documents held", "32637"}},
		{[]string{"graph", "related", "kst-32637-1"}, 0, []string{"kst-29515-409"}},
		{[]string{"graph", "unresolved"}, 0, []string{"1 cited id not in the corpus", "kst-29515-409", "https://zoek.officielebekendmakingen.nl/kst-29515-409.html"}},
		{[]string{"graph", "stats"}, 0, []string{"held", "3"}},
		{[]string{"graph", "export", "--format", "dot"}, 0, []string{`"kst-36450-6" -> "kst-36450-3"`}},
		{[]string{"graph", "export", "--format", "csv", "--id", "kst-36450-6"}, 0, []string{"source,target,weight"}},

		{[]string{"cites", "kst-99999-1"}, 1, []string{"not found"}},
		{[]string{"cites", "rubbish"}, 2, []string{"no known prefix"}},
		{[]string{"cited-by", "kst-32637-1", "--sort", "size"}, 2, []string{"sort"}},
		{[]string{"cited-by", "kst-32637-1", "--held", "maybe"}, 2, []string{"--held"}},
		{[]string{"cites"}, 2, []string{"usage"}},
		{[]string{"graph", "show", "kst-36450-6", "--depth", "9"}, 2, []string{"depth"}},
		{[]string{"graph", "export", "--format", "png"}, 2, []string{"format"}},
		{[]string{"graph", "dossier", "abc"}, 2, []string{"not a dossier number"}},
		{[]string{"graph", "frobnicate"}, 2, []string{"unknown subcommand"}},
		{[]string{"graph"}, 2, []string{"subcommands"}},
	}
	for _, tt := range tests {
		args := append(append([]string{}, tt.args...), "--data", dir)
		code, out, errOut := runCLI(args...)
		if code != tt.code {
			t.Errorf("%v: exit %d, want %d\nstdout:\n%s\nstderr:\n%s", tt.args, code, tt.code, out, errOut)
			continue
		}
		text := out
		if code != 0 {
			text = out + errOut
		}
		for _, w := range tt.want {
			if !strings.Contains(text, w) {
				t.Errorf("%v: output lacks %q:\n%s", tt.args, w, text)
			}
		}
	}
}

func TestGraphCommandsJSON(t *testing.T) {
	dir := graphData(t)
	code, out, errOut := runCLI("cited-by", "kst-32637-1", "--json", "--data", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var l struct {
		Total int
		Edges []struct {
			ID       string
			Weight   int
			Held     bool
			Contexts []struct{ Footnote int }
		}
	}
	if err := json.Unmarshal([]byte(out), &l); err != nil {
		t.Fatal(err)
	}
	if l.Total != 1 || l.Edges[0].ID != "kst-36450-3" || l.Edges[0].Weight != 2 || !l.Edges[0].Held || l.Edges[0].Contexts[1].Footnote != 3 {
		t.Errorf("cited-by --json = %+v", l)
	}
	// export -o writes a file.
	p := filepath.Join(t.TempDir(), "g.graphml")
	if code, _, errOut := runCLI("graph", "export", "--format", "graphml", "-o", p, "--data", dir); code != 0 {
		t.Fatalf("export: %s", errOut)
	}
	if b, err := os.ReadFile(p); err != nil || !bytes.Contains(b, []byte("<graphml")) {
		t.Errorf("export file: %v %.80s", err, b)
	}
}

package ingest

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"kamerzoek/internal/document"
	"kamerzoek/internal/graph"
	"kamerzoek/internal/store"
)

// letter returns a small plain-text Kamerstuk 29 911 nr. nr, with body
// text made distinct by extra.
func letter(nr int, extra string) string {
	return fmt.Sprintf(`
Vergaderjaar 2021–2022

29 911

Bestrijding georganiseerde criminaliteit

Nr. %d

BRIEF VAN DE MINISTER VAN JUSTITIE EN VEILIGHEID

Aan de Voorzitter van de Tweede Kamer der Staten-Generaal

Den Haag, 17 november 2021

Inleiding

In deze brief informeer ik u over de voortgang van de aanpak van ondermijnende criminaliteit. %s
`, nr, extra)
}

func openCorpus(t testing.TB, dir string) *Corpus {
	t.Helper()
	c, err := Open(Options{Dir: dir, Workers: 2, BatchSize: 4})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func writeFile(t testing.TB, path, content string) string {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// checkConsistent fails unless the store, the index and the graph hold
// the same documents.
func checkConsistent(t testing.TB, c *Corpus) []string {
	t.Helper()
	want := c.Store.IDs()
	got, err := c.CurrentIndex().DocIDs()
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(got)
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("index holds %v, store holds %v", got, want)
	}
	for _, id := range want {
		if graph.ValidID(id) != nil {
			// Content ids ("doc-…") are not graph ids (yet).
			continue
		}
		n, err := c.Graph.Node(id)
		if err != nil || !n.Held {
			t.Fatalf("graph: %s not held (%+v, %v)", id, n, err)
		}
	}
	return want
}

// handDoc builds a document by hand, as if parsed from content.
func handDoc(id, content string, cites ...string) parsed {
	data := []byte(content)
	d := &document.Document{ID: id, Title: "t " + id, Type: "brief", ExtractorVersion: ExtractorVersion,
		Source:   document.Source{File: id + ".txt", SHA256: store.SHA256(data), Format: document.FormatText, Size: int64(len(data))},
		Sections: []document.Section{{ID: "s1", Level: 1, Text: content}}}
	for _, c := range cites {
		d.References = append(d.References, document.Reference{ID: c, Kind: document.KindKamerstuk, Raw: c})
	}
	return parsed{file: id + ".txt", doc: d, data: data}
}

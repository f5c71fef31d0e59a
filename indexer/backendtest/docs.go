package backendtest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"

	"kamerzoek/indexer"
	"kamerzoek/internal/document"
	"kamerzoek/internal/ingest"
)

// fixture is the document set every case searches: the real documents of
// the repository's corpus/ folder parsed as ingest parses them, a
// deterministic synthetic set (indexer.SyntheticDocs) and a few documents
// written here for what the others lack (equal dates, no date, no type,
// citations between them).
type fixture struct {
	docs    []*document.Document
	byID    map[string]*document.Document
	citedBy map[string]int
	err     error
}

var (
	loadOnce sync.Once
	loaded   fixture
)

// load parses the fixture once per test binary.
func load() *fixture {
	loadOnce.Do(func() {
		loaded = build()
	})
	return &loaded
}

// Docs returns the documents the suite puts into a backend, in id order.
// They are shared: callers must not change them.
func Docs() ([]*document.Document, error) {
	f := load()
	return f.docs, f.err
}

// CitedBy is the number of distinct documents of Docs that cite id. Run
// passes it to Put; a backend that reads cited-by counts at search time
// (indexer.Options.CitedBy) is opened with it.
func CitedBy(id string) int {
	return load().citedBy[id]
}

// corpusDir is the repository's corpus/ folder, found from this source
// file so that the suite runs from any package's tests.
func corpusDir() string {
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		return filepath.Join("..", "..", "corpus")
	}
	return filepath.Join(filepath.Dir(file), "..", "..", "corpus")
}

func build() fixture {
	f := fixture{byID: map[string]*document.Document{}, citedBy: map[string]int{}}
	add := func(d *document.Document) {
		if _, dup := f.byID[d.ID]; dup {
			return // a second rendering of a document: the first is kept
		}
		f.byID[d.ID] = d
		f.docs = append(f.docs, d)
	}
	real, err := corpusDocs(corpusDir())
	if err != nil {
		f.err = err
		return f
	}
	for _, d := range real {
		add(d)
	}
	for _, d := range indexer.SyntheticDocs(60, 3, 7) {
		add(d)
	}
	for _, d := range handDocs() {
		add(d)
	}
	slices.SortFunc(f.docs, func(a, b *document.Document) int { return strings.Compare(a.ID, b.ID) })
	for _, d := range f.docs {
		seen := map[string]bool{}
		for _, r := range d.References {
			if r.ID != d.ID && !seen[r.ID] {
				seen[r.ID] = true
				f.citedBy[r.ID]++
			}
		}
	}
	return f
}

// corpusDocs parses every document of dir (MANIFEST.tsv aside), in name
// order.
func corpusDocs(dir string) ([]*document.Document, error) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("backendtest: corpus: %w", err)
	}
	var out []*document.Document
	for _, e := range ents {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".pdf") && !strings.HasSuffix(e.Name(), ".xml") && !strings.HasSuffix(e.Name(), ".txt") {
			continue
		}
		d, err := ingest.ParseFile(context.Background(), filepath.Join(dir, e.Name()), ingest.ParseOptions{})
		if err != nil {
			return nil, fmt.Errorf("backendtest: corpus %s: %w", e.Name(), err)
		}
		out = append(out, d)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("backendtest: no documents in %s", dir)
	}
	return out, nil
}

// handDocs are documents with what the corpus and the synthetic set may
// lack: two pairs of equal dates (for the tiebreak of sorts), a document
// without a date and one without a type, nested sections with pages, and
// citations that give cited-by counts with ties.
func handDocs() []*document.Document {
	ref := func(id string) document.Reference {
		return document.Reference{ID: id, Kind: document.KindKamerstuk, Raw: id, Page: 1}
	}
	sec := func(id, number, heading, parent string, page int, text string) document.Section {
		return document.Section{ID: id, Number: number, Heading: heading, Level: 1 + len(parent)/2, Parent: parent, Page: page, Text: text,
			Paragraphs: []document.Paragraph{{Start: 0, End: len(text), Page: page}}}
	}
	return []*document.Document{
		{ID: "kst-40001-1", Kamer: "tk", Vergaderjaar: "2023-2024", Dossier: "40001", Number: "1", Type: "brief",
			Date: "2024-03-05", Title: "Kwelwater en dijkversterking", Sender: "Minister van Infrastructuur en Waterstaat",
			ExtractorVersion: "backendtest",
			Sections: []document.Section{
				sec("s1", "1", "Aanleiding", "", 1, "De zandmeervoudige dijkversterking langs de Lek vraagt om kwelschermen."),
				sec("s2", "1.1", "Kwelschermen", "s1", 2, "Kwelschermen houden het kwelwater tegen; de waterschappen betalen mee."),
			},
			Footnotes:  []document.Footnote{{Number: 1, Page: 1, Text: "Kamerstuk 29 911, nr. 337."}},
			References: []document.Reference{ref("kst-29911-337"), ref("kst-40001-2")}},
		{ID: "kst-40001-2", Kamer: "tk", Vergaderjaar: "2023-2024", Dossier: "40001", Number: "2", Type: "motie",
			Date: "2024-03-05", Title: "Kwelwater en dijkversterking", ExtractorVersion: "backendtest",
			Sections:   []document.Section{sec("s1", "", "Motie", "", 1, "verzoekt de regering kwelschermen te financieren uit het deltafonds")},
			References: []document.Reference{ref("kst-29911-337")}},
		{ID: "kst-40001-3", Kamer: "ek", Vergaderjaar: "2023-2024", Dossier: "40001", Number: "A", Type: "memorie van antwoord",
			Date: "2024-03-05", Title: "Kwelwater en dijkversterking", Sender: "Minister van Infrastructuur en Waterstaat",
			ExtractorVersion: "backendtest",
			Sections:         []document.Section{sec("s1", "2", "Financiering", "", 3, "Het deltafonds draagt de kosten van de kwelschermen.")},
			References:       []document.Reference{ref("kst-40001-1"), ref("kst-40001-2")}},
		{ID: "kst-40002-1", Kamer: "tk", Vergaderjaar: "2022-2023", Dossier: "40002", Number: "1", Type: "brief",
			Date: "2022-09-20", Title: "Voortgang zandmeervoudige dijken", ExtractorVersion: "backendtest",
			Sections:   []document.Section{sec("s1", "", "Voortgang", "", 1, "Voortgangsrapportage over kwelschermen en dijken.")},
			References: []document.Reference{ref("kst-40001-1")}},
		{ID: "kst-40002-2", Kamer: "tk", Vergaderjaar: "2022-2023", Dossier: "40002", Number: "2", Type: "brief",
			Date: "2022-09-20", Title: "Voortgang zandmeervoudige dijken", ExtractorVersion: "backendtest",
			Sections: []document.Section{sec("s1", "", "Bijlage", "", 1, "Overzicht van de dijkvakken.")}},
		{ID: "kst-40003-1", Kamer: "tk", Dossier: "40003", Number: "1", Title: "Ongedateerd stuk zonder soort",
			ExtractorVersion: "backendtest",
			Sections:         []document.Section{sec("s1", "", "Tekst", "", 0, "Een stuk over kwelschermen zonder datum en zonder soort.")}},
		{ID: "kst-40003-2", Kamer: "tk", Dossier: "40003", Number: "2", Type: "brief", Title: "Ongedateerde brief",
			ExtractorVersion: "backendtest",
			Sections:         []document.Section{sec("s1", "", "Tekst", "", 0, "Nog een stuk zonder datum.")}},
	}
}

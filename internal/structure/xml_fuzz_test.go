package structure

import (
	"os"
	"path/filepath"
	"testing"

	"kamerzoek/internal/refs"
)

// FuzzFromXML feeds arbitrary bytes to the XML reader (without the recover
// of FromXML, so that a panic fails the test): it must return a document
// that satisfies the invariants, or an error; never both, never neither.
func FuzzFromXML(f *testing.F) {
	f.Add([]byte(xmlLetter), []byte(nil))
	f.Add([]byte(`<officiele-publicatie><kamervragen><kamervraagnummer>1</kamervraagnummer><vraag><nr>Vraag 1</nr><al>Is dit <extref doc="kst-1-2">zo</extref>?</al></vraag></kamervragen></officiele-publicatie>`), []byte(nil))
	f.Add([]byte(`<handelingen><agendapunt><nr>3</nr><spreekbeurt><spreker>X:</spreker><tekst><al>a<noot><noot.nr>1</noot.nr><noot.al>b <extref doc="dossier/36600-XXIII">c</extref></noot.al></noot></al></tekst></spreekbeurt></agendapunt></handelingen>`), []byte(`<metadata_gegevens><metadata name="DC.identifier" content="h-tk-20212022-3-2"/></metadata_gegevens>`))
	f.Add([]byte(`<kamerstuk><stuk><titel>T</titel><al><li.nr>–</li.nr></al><tussenkop>K</tussenkop><extref doc="https://x.nl/"></extref></stuk></kamerstuk>`), []byte(`<owms-metadata/>`))
	f.Add([]byte("\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"windows-1252\"?><kamerstuk><al>\x93x\x94</al></kamerstuk>"), []byte(nil))
	if dir, err := filepath.Abs(filepath.Join("..", "..", "..", "shared", "realdata", "xml")); err == nil {
		files, _ := filepath.Glob(filepath.Join(dir, "*.xml"))
		for _, p := range files {
			if data, err := os.ReadFile(p); err == nil && len(data) < 16<<10 {
				f.Add(data, []byte(nil))
			}
		}
	}
	f.Fuzz(func(t *testing.T, data, meta []byte) {
		d, err := parseOBXML(data, meta, refs.Extract)
		if (d == nil) == (err == nil) {
			t.Fatalf("document %v with error %v", d != nil, err)
		}
		if d != nil {
			checkXMLInvariants(t, d)
		}
		SniffXML(data)
	})
}

package structure

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kamerzoek/internal/document"
)

// TestTypesetPatterns reads the documents typeset for the patterns of
// real documents that the real data lacks (testdata/typeset/README.md) and
// checks the fields each pattern is about.
func TestTypesetPatterns(t *testing.T) {
	type want struct {
		kamer, typ, title, dossier, number, addressee string
		coDossiers                                    []string
		notes                                         int
		noteRefs                                      map[int]string // a note's number → an id it must cite
	}
	for _, tc := range []struct {
		file string
		want want
	}{
		// A letter as sent to the Eerste Kamer: its subject over two lines,
		// note numbers on a line of their own above the note text (some at
		// the foot of the page, where a lone number is otherwise a page
		// number), and on page 2 numbers raised beside indented text.
		{"brief-ek.pdf", want{kamer: "ek", typ: "brief", addressee: "Voorzitter van de Eerste Kamer der Staten-Generaal",
			title: "Toezegging over de evaluatie van de Wet versterking decentrale rekenkamers en de positie van de griffie",
			notes: 6, noteRefs: map[int]string{1: "kst-35298-E", 3: "kst-35298-14", 4: "url:https://www.raadvanstate.nl/adviezen/@12345/w04-19-0123-i/", 5: "kst-29911-249",
				6: "url:https://www.rekenkamer.nl/publicaties/rapporten/2023/05/10/decentrale-rekenkamers-in-beeld"}}},
		// To the Tweede Kamer, its address on one line with the street
		// after it, no signatory's name.
		{"brief-tk.pdf", want{kamer: "tk", typ: "brief", addressee: "Voorzitter van de Tweede Kamer der Staten-Generaal",
			title: "Voortgangsrapportage over de aanpak van personeelstekorten in de langdurige zorg en de inzet van zorgtechnologie"}},
		// Labels above their values, the subject's second line right
		// above the next label.
		{"brief-labels.pdf", want{kamer: "tk", typ: "brief", addressee: "Voorzitter van de Tweede Kamer der Staten-Generaal",
			title: "Reactie op het verzoek van de vaste commissie over de capaciteit van het gevangeniswezen"}},
		{"besluit-woo.pdf", want{typ: "besluit",
			title: "Besluit op uw verzoek op grond van de Wet open overheid over de onderhoudsplanning van de Afsluitdijk"}},
		// A Woo decision whose subject does not say so; its body does.
		{"besluit-woo-2.pdf", want{typ: "besluit", title: "Uw verzoek om informatie over de onderhoudsplanning van de Afsluitdijk"}},
		{"advies.pdf", want{typ: "advies", addressee: "Minister van Economische Zaken",
			title: "Advies over het conceptwetsvoorstel tot wijziging van de Omgevingswet in verband met de versnelling van de woningbouw"}},
		{"notitie.pdf", want{typ: "notitie", title: "Uitgangspunten voor de herziening van de begrotingsregels"}},
		{"rapport.pdf", want{typ: "rapport", title: "Eindrapport evaluatie van de Wet langer doorwerken"}},
		// A joint letter: both dossiers, the first one's title.
		{"kst-joint.pdf", want{kamer: "tk", typ: "brief", dossier: "35334", number: "271", coDossiers: []string{"30252"},
			title: "Problematiek rondom stikstof en PAS", addressee: "Voorzitter van de Tweede Kamer der Staten-Generaal"}},
		{"kst-joint-tk.pdf", want{kamer: "tk", typ: "brief", dossier: "35334", number: "280", coDossiers: []string{"30252"},
			title: "Problematiek rondom stikstof en PAS", addressee: "Voorzitter van de Tweede Kamer der Staten-Generaal"}},
	} {
		t.Run(tc.file, func(t *testing.T) {
			d, err := readPDF(t, filepath.Join("testdata", "typeset", tc.file))
			if err != nil {
				t.Fatal(err)
			}
			checkInvariants(t, d)
			w := tc.want
			for _, f := range []struct{ name, got, want string }{
				{"kamer", d.Kamer, w.kamer}, {"type", d.Type, w.typ}, {"title", d.Title, w.title},
				{"dossier", d.Dossier, w.dossier}, {"number", d.Number, w.number}, {"addressee", d.Addressee, w.addressee},
				{"co_dossiers", strings.Join(d.CoDossiers, ","), strings.Join(w.coDossiers, ",")},
			} {
				if f.got != f.want {
					t.Errorf("%s = %q, want %q", f.name, f.got, f.want)
				}
			}
			if w.notes > 0 && len(d.Footnotes) != w.notes {
				t.Errorf("%d footnotes, want %d: %s", len(d.Footnotes), w.notes, noteNumbers(d))
			}
			for n, id := range w.noteRefs {
				if !noteCites(d, n, id) {
					t.Errorf("note %d does not cite %s", n, id)
				}
			}
			for _, f := range d.Footnotes {
				if f.Anchor == nil {
					t.Errorf("note %d has no marker in the text", f.Number)
				}
			}
		})
	}
}

func noteNumbers(d *document.Document) string {
	var b strings.Builder
	for _, f := range d.Footnotes {
		fmt.Fprintf(&b, " %d:%s", f.Number, firstWords(f.Text, 4))
	}
	return b.String()
}

func noteCites(d *document.Document, n int, id string) bool {
	for _, f := range d.Footnotes {
		if f.Number != n {
			continue
		}
		for _, r := range f.Refs {
			if r == id {
				return true
			}
		}
	}
	return false
}

// TestJointPaperText reads a joint Kamerstuk as plain text, its head in
// the order a text layer gives it when it reads the dossier numbers'
// column before their titles, and in the order of the page.
func TestJointPaperText(t *testing.T) {
	body := "\n\nNr. 271\n\nBRIEF VAN DE MINISTER VAN LANDBOUW, NATUUR EN VOEDSELKWALITEIT\n\n" +
		"Aan de Voorzitter van de Tweede Kamer der Staten-Generaal\n\nDen Haag, 12 april 2024\n\n" +
		"Met deze brief informeer ik uw Kamer over de voortgang.\n"
	for name, head := range map[string]string{
		"by columns": "Vergaderjaar 2023–2024\n\n35 334\n\n30 252\n\nProblematiek rondom stikstof en PAS\n\nVergroening van de landbouw",
		"by rows":    "Vergaderjaar 2023–2024\n\n35 334\n\nProblematiek rondom stikstof en PAS\n\n30 252\n\nVergroening van de landbouw",
	} {
		t.Run(name, func(t *testing.T) {
			d, err := FromText(head + body)
			if err != nil {
				t.Fatal(err)
			}
			if d.ID != "kst-35334-271" || d.Title != "Problematiek rondom stikstof en PAS" || strings.Join(d.CoDossiers, ",") != "30252" || d.Type != "brief" {
				t.Errorf("id %q title %q co_dossiers %v type %q", d.ID, d.Title, d.CoDossiers, d.Type)
			}
			var all strings.Builder
			for _, sec := range d.Sections {
				all.WriteString(sec.Heading + "\n" + sec.Text + "\n")
			}
			if s := all.String(); !strings.Contains(s, "voortgang") || strings.Contains(s, "Vergroening") {
				t.Errorf("the second dossier's title is in the body: %q", s)
			}
		})
	}
}

// TestKindWord pins the type labels of government documents by the word
// they start with.
func TestKindWord(t *testing.T) {
	for in, want := range map[string]string{
		"Besluit op uw Woo-verzoek":              "besluit",
		"Uw Wob-verzoek over de Afsluitdijk":     "besluit",
		"Ongevraagd advies over de zorgkosten":   "advies",
		"Advies: regeldruk":                      "advies",
		"Voortgangsrapportage aanpak regeldruk":  "rapport",
		"Eindrapport evaluatie":                  "rapport",
		"nota Wetsvoorstel terugdringen verzuim": "notitie",
		"Contourennota intrekking Spreidingswet": "notitie",
		"Notitie":                                "notitie",
		"Toezegging over de evaluatie":           "",
		"Rapporteur":                             "",
		"Notaris":                                "",
		"Adviezen":                               "",
	} {
		if got := kindWord(in); got != want {
			t.Errorf("kindWord(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestTypesetSources fails when a typeset PDF has no source beside it.
func TestTypesetSources(t *testing.T) {
	pdfs, _ := filepath.Glob(filepath.Join("testdata", "typeset", "*.pdf"))
	if len(pdfs) == 0 {
		t.Fatal("no typeset PDFs")
	}
	for _, p := range pdfs {
		if _, err := os.Stat(strings.TrimSuffix(p, ".pdf") + ".html"); err != nil {
			t.Errorf("%s: no HTML source: %v", p, err)
		}
	}
}

// TestChairAddressee pins the addresses that make a letter one to a Kamer.
func TestChairAddressee(t *testing.T) {
	for in, want := range map[string]string{
		"Aan de Voorzitter van de Tweede Kamer der Staten-Generaal Postbus 20018 2500 EA DEN HAAG":            "tk",
		"Aan de Voorzitter van de Eerste Kamer der Staten-Generaal Prinses Irenestraat 6":                     "ek",
		"Aan: de voorzitter der Eerste Kamer":                                                                 "ek",
		"Aan de vaste commissie voor Financiën van de Tweede Kamer der Staten-Generaal":                       "tk",
		"Aan de Minister van Economische Zaken":                                                               "",
		"Aan de Voorzitter van de Raad van State. De Tweede Kamer heeft gevraagd":                             "",
		"De voorzitter van de Tweede Kamer heeft mij gevraagd om een reactie op de motie van het lid Jansen.": "",
	} {
		got := ""
		if reChairAddressee.MatchString(in) {
			got = kamerOf(cutAfterStatenGeneraal(in))
		}
		if got != want {
			t.Errorf("%q: kamer %q, want %q", in, got, want)
		}
	}
}

package structure

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"kamerzoek/internal/document"
	"kamerzoek/internal/pdftext"
	"kamerzoek/internal/realdata"
	"kamerzoek/internal/refs"
)

// The -update flag rewrites golden files. Other test files of the package
// may define it too (they sort before this one and so register first).
var _ = func() bool {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite the golden files under testdata/")
	}
	return true
}()

// xmlUpdating reports whether -update was given.
func xmlUpdating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// xmlSidecar returns the metadata file beside path, or "" when none exists.
func xmlSidecar(path string) string {
	for _, m := range XMLMetadataNames(path) {
		if m == path {
			continue
		}
		if st, err := os.Stat(m); err == nil && !st.IsDir() {
			return m
		}
	}
	return ""
}

// xmlSummary is the readable form a golden file holds.
type xmlSummary struct {
	File          string           `json:"file"`
	Metadata      string           `json:"metadata"`
	ID            string           `json:"id"`
	Kamer         string           `json:"kamer"`
	Vergaderjaar  string           `json:"vergaderjaar"`
	Dossier       string           `json:"dossier"`
	Number        string           `json:"number"`
	Title         string           `json:"title"`
	DocumentTitle string           `json:"document_title"`
	Type          string           `json:"type"`
	Date          string           `json:"date"`
	Submitted     string           `json:"submitted"`
	Sender        string           `json:"sender"`
	Signatory     string           `json:"signatory"`
	Addressee     string           `json:"addressee"`
	Questioners   []string         `json:"questioners"`
	Producer      string           `json:"producer"`
	Sections      []xmlSumSection  `json:"sections"`
	Footnotes     []xmlSumFootnote `json:"footnotes"`
	References    []string         `json:"references"`
	Diagnostics   []string         `json:"diagnostics"`
}

type xmlSumSection struct {
	Where      string `json:"where"` // id, level, parent, kind
	Number     string `json:"number"`
	Heading    string `json:"heading"`
	Paragraphs int    `json:"paragraphs"`
	Bytes      int    `json:"bytes"`
	Start      string `json:"start"`
}

type xmlSumFootnote struct {
	Number int      `json:"number"`
	Anchor string   `json:"anchor"`
	Text   string   `json:"text"`
	Refs   []string `json:"refs"`
}

func xmlCut(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "…"
}

func xmlSummarize(file, meta string, d *document.Document) xmlSummary {
	s := xmlSummary{
		File: file, Metadata: meta, ID: d.ID, Kamer: d.Kamer, Vergaderjaar: d.Vergaderjaar,
		Dossier: d.Dossier, Number: d.Number, Title: d.Title, DocumentTitle: d.DocumentTitle,
		Type: d.Type, Date: d.Date, Submitted: d.Submitted, Sender: d.Sender, Signatory: d.Signatory,
		Addressee: d.Addressee, Questioners: d.Questioners, Producer: d.Source.Producer,
		Diagnostics: d.Diagnostics,
	}
	for _, sec := range d.Sections {
		where := fmt.Sprintf("%s L%d", sec.ID, sec.Level)
		if sec.Parent != "" {
			where += " in " + sec.Parent
		}
		if sec.Kind != "" {
			where += " " + sec.Kind
		}
		s.Sections = append(s.Sections, xmlSumSection{
			Where: where, Number: sec.Number, Heading: sec.Heading,
			Paragraphs: len(sec.Paragraphs), Bytes: len(sec.Text), Start: xmlCut(sec.Text, 70),
		})
	}
	for _, fn := range d.Footnotes {
		a := ""
		if fn.Anchor != nil {
			a = fmt.Sprintf("%s@%d", fn.Anchor.Section, fn.Anchor.Offset)
		}
		s.Footnotes = append(s.Footnotes, xmlSumFootnote{Number: fn.Number, Anchor: a, Text: xmlCut(fn.Text, 120), Refs: fn.Refs})
	}
	for _, r := range d.References {
		where := r.Section
		if r.Footnote > 0 {
			where = fmt.Sprintf("fn%d(%s)", r.Footnote, r.Section)
		}
		line := fmt.Sprintf("%s %s %q @%s[%d:%d]", r.ID, r.Kind, r.Raw, where, r.Start, r.End)
		if r.Pinpoint != "" {
			line += " pin " + r.Pinpoint
		}
		s.References = append(s.References, line)
	}
	return s
}

func xmlMarshal(t *testing.T, v any) []byte {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestXMLGolden reads every real OB XML file: documents must match their
// golden summary under testdata/xml/, metadata records must be refused
// with ErrNotADocument. Run with -update to rewrite the goldens.
func TestXMLGolden(t *testing.T) {
	dir := realdata.Path(t, "realdata", "xml")
	files, err := filepath.Glob(filepath.Join(dir, "*.xml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no XML files in %s", dir)
	}
	want := map[string]bool{}
	for _, path := range files {
		name := filepath.Base(path)
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		switch SniffXML(data) {
		case XMLMetadata:
			if _, err := FromXML(data, nil); !errors.Is(err, ErrNotADocument) {
				t.Errorf("%s: FromXML error = %v, want ErrNotADocument", name, err)
			}
			continue
		case XMLNone:
			t.Errorf("%s: SniffXML = XMLNone, want a document or metadata", name)
			continue
		}
		golden := filepath.Join("testdata", "xml", strings.TrimSuffix(name, ".xml")+".golden")
		want[filepath.Base(golden)] = true
		t.Run(name, func(t *testing.T) {
			var meta []byte
			metaName := ""
			if m := xmlSidecar(path); m != "" {
				if meta, err = os.ReadFile(m); err != nil {
					t.Fatal(err)
				}
				metaName = filepath.Base(m)
			}
			doc, err := FromXML(data, meta)
			if err != nil {
				t.Fatalf("FromXML: %v", err)
			}
			checkXMLInvariants(t, doc)
			got := xmlMarshal(t, xmlSummarize(name, metaName, doc))
			if xmlUpdating() {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			exp, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./internal/structure -run TestXMLGolden -update)", err)
			}
			if !bytes.Equal(got, exp) {
				t.Errorf("summary differs from %s (after a change in package refs, rerun with -update and review the diff):\n%s",
					golden, xmlDiff(string(exp), string(got)))
			}
		})
	}
	goldens, err := filepath.Glob(filepath.Join("testdata", "xml", "*.golden"))
	if err != nil || len(goldens) == 0 {
		t.Fatalf("no golden files match testdata/xml/*.golden")
	}
	for _, g := range goldens {
		if !want[filepath.Base(g)] {
			t.Errorf("%s has no XML document in %s", g, dir)
		}
	}
}

// xmlDiff lists the lines of want and got that differ.
func xmlDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	for i := 0; i < len(w) || i < len(g); i++ {
		var a, c string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			c = g[i]
		}
		if a != c {
			fmt.Fprintf(&b, "line %d\n  want %s\n  got  %s\n", i+1, a, c)
			if b.Len() > 4000 {
				break
			}
		}
	}
	return b.String()
}

// checkXMLInvariants checks what every parsed document must satisfy.
func checkXMLInvariants(t testing.TB, d *document.Document) {
	t.Helper()
	secs := map[string]document.Section{}
	for _, s := range d.Sections {
		if _, dup := secs[s.ID]; dup {
			t.Errorf("section id %s twice", s.ID)
		}
		secs[s.ID] = s
		if s.Parent != "" {
			if _, ok := secs[s.Parent]; !ok {
				t.Errorf("section %s: parent %s not before it", s.ID, s.Parent)
			}
		}
		last := 0
		for _, p := range s.Paragraphs {
			if p.Start < last || p.End > len(s.Text) || p.Start >= p.End {
				t.Errorf("section %s: paragraph %v out of order or bounds (len %d)", s.ID, p, len(s.Text))
				continue
			}
			last = p.End
		}
		if !utf8.ValidString(s.Text) {
			t.Errorf("section %s: text is not UTF-8", s.ID)
		}
	}
	notes := map[int]document.Footnote{}
	for _, fn := range d.Footnotes {
		if _, dup := notes[fn.Number]; dup {
			t.Errorf("footnote %d twice", fn.Number)
		}
		notes[fn.Number] = fn
		if fn.Anchor != nil {
			s, ok := secs[fn.Anchor.Section]
			if !ok || fn.Anchor.Offset < 0 || fn.Anchor.Offset > len(s.Text) {
				t.Errorf("footnote %d: anchor %+v out of bounds", fn.Number, *fn.Anchor)
			}
		}
	}
	for _, r := range d.References {
		var text string
		if r.Footnote > 0 {
			fn, ok := notes[r.Footnote]
			if !ok {
				t.Errorf("reference %s: footnote %d missing", r.ID, r.Footnote)
				continue
			}
			text = fn.Text
		} else {
			s, ok := secs[r.Section]
			if !ok {
				t.Errorf("reference %s: section %q missing", r.ID, r.Section)
				continue
			}
			text = s.Text
		}
		if r.Start < 0 || r.End > len(text) || r.Start > r.End || text[r.Start:r.End] != r.Raw {
			t.Errorf("reference %s: span [%d:%d] does not hold %q", r.ID, r.Start, r.End, r.Raw)
		}
		if r.ID == "" || r.ID == d.ID {
			t.Errorf("reference with id %q in %s", r.ID, d.ID)
		}
		if r.Page != 0 {
			t.Errorf("reference %s: page %d in XML input", r.ID, r.Page)
		}
	}
}

// TestXMLRealIdentity checks the identity of each real document against
// what its XML says, read by hand, with and without the metadata beside it.
func TestXMLRealIdentity(t *testing.T) {
	dir := realdata.Path(t, "realdata", "xml")
	tests := []struct {
		file                                             string
		id, kamer, vj, dossier, number, typ, date, title string
	}{
		{"kst-32545-143.xml", "kst-32545-143", "tk", "2020-2021", "32545", "143", "motie", "2021-07-06", "Wet- en regelgeving financiële markten"},
		{"ah-tk-20202021-3235.xml", "ah-tk-20202021-3235", "tk", "2020-2021", "", "3235", "kamervragen", "2021-06-21", "de TOZO"},
		{"h-tk-20172018-61-10.xml", "h-tk-20172018-61-10", "tk", "2017-2018", "", "", "handelingen", "", "Ondernemen en Bedrijfsfinanciering"},
		{"h-tk-20172018-50-1.xml", "h-tk-20172018-50-1", "tk", "2017-2018", "", "", "handelingen", "2018-02-08", "Opening"},
		{"000997f1-f677-4f1a-9be2-7f0faf8479a7.xml", "kst-34104-439", "tk", "2024-2025", "34104", "439", "motie", "2025-04-24", "Langdurige zorg"},
		{"000cb880-e10b-47d7-a019-fafb49522520.xml", "kst-24515-782", "tk", "2024-2025", "24515", "782", "motie", "2025-02-06", "Preventie en bestrijding van stille armoede en sociale uitsluiting"},
		{"0037dc14-ffaa-4d74-ade5-18b94967fc12.xml", "kst-36372-23", "tk", "2023-2024", "36372", "23", "motie", "2024-03-12", "Wijziging van de Penitentiaire beginselenwet in verband met aanvullende maatregelen tegen georganiseerde criminaliteit tijdens detentie"},
		{"059e2bff-2906-468c-88a7-f26e0c9e1866.xml", "kst-36725-XVII-52", "tk", "2024-2025", "36725-XVII", "52", "motie", "2025-07-03", "Wijziging van de begrotingsstaat voor Buitenlandse Handel en Ontwikkelingshulp (XVII) voor het jaar 2025 (wijziging samenhangende met de Voorjaarsnota)"},
		{"0dc74710-0bd2-4df1-895e-d9e4e453f617.xml", "kst-21501-20-2051", "tk", "2023-2024", "21501-20", "2051", "motie", "2024-03-19", "Europese Raad"},
		{"a4a688a4-4954-4f84-83ad-2bf96d90eb1c.xml", "kst-36755-24", "tk", "2024-2025", "36755", "24", "motie", "2025-09-10", "Wijziging van de Omgevingswet (maatwerkaanpak PAS-projecten)"},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			path := filepath.Join(dir, tc.file)
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			metas := [][]byte{nil}
			names := []string{"none"}
			for _, m := range XMLMetadataNames(path) {
				if b, err := os.ReadFile(m); err == nil {
					metas = append(metas, b)
					names = append(names, filepath.Base(m))
				}
			}
			for i, meta := range metas {
				d, err := FromXML(data, meta)
				if err != nil {
					t.Fatal(err)
				}
				got := []string{d.ID, d.Kamer, d.Vergaderjaar, d.Dossier, d.Number, d.Type, d.Date, d.Title}
				exp := []string{tc.id, tc.kamer, tc.vj, tc.dossier, tc.number, tc.typ, tc.date, tc.title}
				for j := range got {
					if got[j] != exp[j] {
						t.Errorf("with metadata %s: field %d = %q, want %q", names[i], j, got[j], exp[j])
					}
				}
			}
		})
	}
}

// TestXMLKamervragen checks the question/answer structure of the real
// Kamervragen file field by field.
func TestXMLKamervragen(t *testing.T) {
	dir := realdata.Path(t, "realdata", "xml")
	data, err := os.ReadFile(filepath.Join(dir, "ah-tk-20202021-3235.xml"))
	if err != nil {
		t.Fatal(err)
	}
	d, err := FromXML(data, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Join(d.Questioners, "|"), "Van Weyenberg|Romke de Jong|Kat"; got != want {
		t.Errorf("Questioners = %q, want %q", got, want)
	}
	if d.Submitted != "2021-06-03" || d.Date != "2021-06-21" {
		t.Errorf("Submitted, Date = %q, %q; want 2021-06-03, 2021-06-21", d.Submitted, d.Date)
	}
	if d.Sender != "Minister van Sociale Zaken en Werkgelegenheid" || d.Signatory != "Koolmees" {
		t.Errorf("Sender, Signatory = %q, %q", d.Sender, d.Signatory)
	}
	var kinds []string
	for _, s := range d.Sections {
		if s.Kind != "" {
			kinds = append(kinds, s.Kind+" "+s.Number)
		}
	}
	if len(kinds) != 18 || kinds[0] != "vraag 1" || kinds[1] != "antwoord 1" || kinds[17] != "antwoord 9" {
		t.Errorf("question sections = %v", kinds)
	}
	var stb []document.Reference
	for _, r := range d.References {
		if r.ID == "stb-2020-118" {
			stb = append(stb, r)
		}
	}
	if len(stb) != 1 || stb[0].Raw != "Staatsblad 2020, 118" || stb[0].Kind != document.KindStaatsblad {
		t.Errorf("stb-2020-118 references = %+v, want one with raw %q", stb, "Staatsblad 2020, 118")
	}
}

// xmlFakeExtract finds "Kamerstuk 29 911, nr. 3" style mentions and the
// literal "Staatsblad 2020, 118", to test the merging without depending on
// package refs.
func xmlFakeExtract(text string, ctx refs.Context) refs.Result {
	var res refs.Result
	for _, c := range []struct{ raw, id string }{
		{"Kamerstukken II 2025/26, 36 800 XIV, nr. 80", "kst-36800-XIV-80"},
		{"Kamerstuk 29 911, nr. 3", "kst-29911-3"},
		{"Kamerstuk 29 911, nr. 1", "kst-29911-1"},
		{"Staatsblad 2020, 118", "stb-2020-118"},
	} {
		for off := 0; ; {
			i := strings.Index(text[off:], c.raw)
			if i < 0 {
				break
			}
			s := off + i
			if c.id != ctx.Self {
				res.References = append(res.References, document.Reference{ID: c.id, Raw: c.raw, Start: s, End: s + len(c.raw), Kind: document.KindKamerstuk})
			}
			off = s + len(c.raw)
		}
	}
	sort.Slice(res.References, func(i, j int) bool { return res.References[i].Start < res.References[j].Start })
	return res
}

const xmlLetter = `<?xml version="1.0" encoding="utf-8"?>
<officiele-publicatie>
 <metadata><meta name="DC.identifier" scheme="OVERHEIDop.ParlID" content="kst-29911-1"/></metadata>
 <kamerstuk>
  <kamerstukkop><tekstregel inhoud="vergaderjaar">Vergaderjaar 2025–2026</tekstregel>
   <tekstregel inhoud="kameraanduiding">Tweede Kamer der Staten-Generaal</tekstregel></kamerstukkop>
  <dossier><dossiernummer><dossiernr>29 911</dossiernr></dossiernummer><titel>Bestrijding georganiseerde criminaliteit</titel></dossier>
  <stuk><stuknr>Nr. <ondernummer kamer="2">1</ondernummer></stuknr>
   <titel>BRIEF VAN DE MINISTER VAN JUSTITIE EN VEILIGHEID<noot id="t" type="voet"><noot.nr>1</noot.nr><noot.al>Titelnoot.</noot.al></noot></titel>
   <algemeen><vrije-tekst><tekst>
    <al>Aan de Voorzitter van de Tweede Kamer der Staten-Generaal</al>
    <datumtekst>Den Haag, <datum isodatum="2025-10-02">2 oktober 2025</datum></datumtekst>
    <al>Hierbij de brief.</al>
    <divisie><kop><nr>1.</nr><titel>Inleiding</titel></kop>
     <tekst><al>De UZI-server<?xpp afbm?>certificaten zijn <nadruk type="cur">nodig</nadruk>.<noot id="a" type="voet"><noot.nr>2</noot.nr><noot.al><nadruk type="cur">Kamerstukken II</nadruk> 2025/26, <extref doc="kst-36800-XIV-80" soort="document" status="actief">36 800 XIV, nr. 80</extref>.</noot.al></noot> Zie ook Kamerstuk 29 911, nr. 3 en <extref doc="dossier/36600-XXIII" soort="document">36600-XXIII</extref>.</al>
     <lijst type="expliciet"><li><li.nr>–</li.nr><al>Eerste punt met <extref soort="URL" doc="https://zoek.officielebekendmakingen.nl/stb-2020-118.html">Staatsblad 2020, 118</extref>;</al></li>
      <li><li.nr>–</li.nr><al>tweede punt, over Kamerstuk 29 911, nr. 1 (deze brief).</al></li></lijst>
     <tussenkop>Verder</tussenkop><al>Zie <extref soort="URL" doc="https://www.example.org/a(b)/">de site</extref> en <extref href="https://zoek.officielebekendmakingen.nl/kst-29911-337.html">de brief</extref>.</al></tekst>
     <divisie><kop><nr>1.1</nr><titel>Onderdeel</titel></kop><al>Diep.</al></divisie>
    </divisie>
   </tekst></vrije-tekst></algemeen>
   <tekst-sluiting><ondertekening><functie>De Minister van Justitie en Veiligheid,</functie><naam><voornaam>D.M.</voornaam><achternaam>van Weel</achternaam></naam></ondertekening></tekst-sluiting>
  </stuk>
  <bijlage><kop><titel>Overzicht</titel></kop><al>Bijlagetekst.</al></bijlage>
 </kamerstuk>
</officiele-publicatie>`

// TestXMLLetter checks sections, footnotes, anchors and the merging of
// tagged and scanned references on a small letter.
func TestXMLLetter(t *testing.T) {
	d, err := parseOBXML([]byte(xmlLetter), nil, xmlFakeExtract)
	if err != nil {
		t.Fatal(err)
	}
	checkXMLInvariants(t, d)
	if d.ID != "kst-29911-1" || d.Dossier != "29911" || d.Number != "1" || d.Vergaderjaar != "2025-2026" || d.Kamer != "tk" {
		t.Errorf("identity = %s %s %s %s %s", d.ID, d.Dossier, d.Number, d.Vergaderjaar, d.Kamer)
	}
	if d.Type != "brief" || d.Date != "2025-10-02" || d.Title != "Bestrijding georganiseerde criminaliteit" {
		t.Errorf("type, date, title = %q, %q, %q", d.Type, d.Date, d.Title)
	}
	if d.Sender != "Minister van Justitie en Veiligheid" || d.Signatory != "D.M. van Weel" {
		t.Errorf("sender, signatory = %q, %q", d.Sender, d.Signatory)
	}
	if d.Addressee != "de Voorzitter van de Tweede Kamer der Staten-Generaal" {
		t.Errorf("addressee = %q", d.Addressee)
	}
	var heads []string
	for _, s := range d.Sections {
		heads = append(heads, fmt.Sprintf("%s|%s|%s|%d|%s|%s", s.ID, s.Number, s.Heading, s.Level, s.Parent, s.Kind))
	}
	wantHeads := []string{
		"s1|||1||",
		"s2|1|Inleiding|1||",
		"s3||Verder|2|s2|",
		"s4|1.1|Onderdeel|2|s2|",
		"s5||Overzicht|1||bijlage",
	}
	if strings.Join(heads, "\n") != strings.Join(wantHeads, "\n") {
		t.Errorf("sections:\n%s\nwant:\n%s", strings.Join(heads, "\n"), strings.Join(wantHeads, "\n"))
	}
	s2 := d.Sections[1].Text
	if !strings.HasPrefix(s2, "De UZI-servercertificaten zijn nodig. Zie ook") {
		t.Errorf("s2 text = %q", s2)
	}
	if !strings.Contains(s2, "\n\n– Eerste punt met Staatsblad 2020, 118;\n\n– tweede punt") {
		t.Errorf("list items not one paragraph each with their marker: %q", s2)
	}
	if len(d.Footnotes) != 2 || d.Footnotes[0].Anchor != nil || d.Footnotes[1].Anchor == nil {
		t.Fatalf("footnotes = %+v", d.Footnotes)
	}
	if a := d.Footnotes[1].Anchor; a.Section != "s2" || s2[:a.Offset] != "De UZI-servercertificaten zijn nodig." {
		t.Errorf("anchor of note 2 = %+v", *a)
	}
	if fn := d.Footnotes[1]; fn.Text != "Kamerstukken II 2025/26, 36 800 XIV, nr. 80." || strings.Join(fn.Refs, ",") != "kst-36800-XIV-80" {
		t.Errorf("note 2 = %+v", fn)
	}
	var got []string
	for _, r := range d.References {
		got = append(got, fmt.Sprintf("%s %q %s/%d", r.ID, r.Raw, r.Section, r.Footnote))
	}
	want := []string{
		`kst-29911-3 "Kamerstuk 29 911, nr. 3" s2/0`,
		`dossier-36600-XXIII "36600-XXIII" s2/0`,
		`stb-2020-118 "Staatsblad 2020, 118" s2/0`,
		`kst-36800-XIV-80 "Kamerstukken II 2025/26, 36 800 XIV, nr. 80" s2/2`,
		`url:https://www.example.org/a(b) "de site" s3/0`,
		`kst-29911-337 "de brief" s3/0`,
	}
	sort.Strings(got)
	sort.Strings(want)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("references:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestXMLTaggedPieces checks that one mention tagged in two pieces
// ("nr. 199 (31311)" in Handelingen) counts once.
func TestXMLTaggedPieces(t *testing.T) {
	src := `<officiele-publicatie><metadata><meta name="OVERHEIDop.externMetadataRecord" content="https://zoek.officielebekendmakingen.nl/h-tk-20172018-61-10/metadata.xml"/></metadata>
<handelingen><agendapunt><nr>10</nr><item-titel>Ondernemen</item-titel>
<spreekbeurt><spreker><voorvoegsels>De</voorvoegsels><naam><achternaam>voorzitter</achternaam></naam>:</spreker>
<tekst><al>Zij krijgt nr. <extref soort="document" doc="kst-31311-199">199</extref> (<extref soort="document" doc="kst-31311-199">31311</extref>).</al>
<al>Eigen <extref doc="h-tk-20172018-61-10">verslag</extref>.</al></tekst></spreekbeurt>
<spreekbeurt><spreker>Staatssecretaris <naam><achternaam>Keijzer</achternaam></naam>:</spreker>
<tekst><al>De motie op stuk nr. 198 en de moties op stukken nrs. 200, 201 en 202. Nr. 5 niet.</al></tekst></spreekbeurt></agendapunt></handelingen></officiele-publicatie>`
	d, err := parseOBXML([]byte(src), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	checkXMLInvariants(t, d)
	var got []string
	for _, r := range d.References {
		got = append(got, r.ID+" "+r.Raw)
	}
	want := "kst-31311-199 199 (31311)|kst-31311-198 stuk nr. 198|kst-31311-200 stukken nrs. 200|kst-31311-201 201|kst-31311-202 202"
	if strings.Join(got, "|") != want {
		t.Errorf("references = %q\nwant %q", strings.Join(got, "|"), want)
	}
	// The metadata names the debated dossier; without tagged papers it is
	// the only source.
	bare := strings.NewReplacer(`<extref soort="document" doc="kst-31311-199">`, "", `<extref doc="h-tk-20172018-61-10">`, "", "</extref>", "").Replace(src)
	meta := `<metadata_gegevens><metadata name="OVERHEIDop.behandeldDossier" content="31311;199"/></metadata_gegevens>`
	for _, m := range []string{"", meta} {
		d, err := parseOBXML([]byte(bare), []byte(m), nil)
		if err != nil {
			t.Fatal(err)
		}
		if n := len(d.References); n != map[string]int{"": 0, meta: 4}[m] {
			t.Errorf("metadata %q: %d references: %+v", m, n, d.References)
		}
	}
	if d.ID != "h-tk-20172018-61-10" || d.Kamer != "tk" || d.Vergaderjaar != "2017-2018" {
		t.Errorf("identity = %q %q %q", d.ID, d.Kamer, d.Vergaderjaar)
	}
	if len(d.Sections) != 3 || d.Sections[1].Heading != "De voorzitter" || d.Sections[1].Parent != "s1" {
		t.Errorf("sections = %+v", d.Sections)
	}
}

// TestXMLMetadataMismatch checks that metadata about another publication is
// ignored with a diagnostic.
func TestXMLMetadataMismatch(t *testing.T) {
	meta := `<metadata_gegevens><metadata name="DC.identifier" content="kst-99999-1"/><metadata name="DCTERMS.issued" content="1999-01-01"/></metadata_gegevens>`
	d, err := parseOBXML([]byte(xmlLetter), []byte(meta), nil)
	if err != nil {
		t.Fatal(err)
	}
	if d.ID != "kst-29911-1" || d.Date != "2025-10-02" {
		t.Errorf("id, date = %q, %q", d.ID, d.Date)
	}
	found := false
	for _, m := range d.Diagnostics {
		found = found || strings.Contains(m, "kst-99999-1")
	}
	if !found {
		t.Errorf("no diagnostic about the foreign metadata: %q", d.Diagnostics)
	}
}

// TestXMLMetadataFills checks that a bare publication takes what it lacks
// from the OWMS metadata beside it.
func TestXMLMetadataFills(t *testing.T) {
	src := `<officiele-publicatie><handelingen><opening><nr>1</nr><tekst><al>Aanwezig zijn 142 leden.</al></tekst></opening></handelingen></officiele-publicatie>`
	meta := `<?xml version="1.0" encoding="windows-1252"?>
<owms-metadata xmlns:dcterms="http://purl.org/dc/terms/" xmlns:overheidop="http://standaarden.overheid.nl/oep/meta/">
 <owmskern><dcterms:identifier>h-ek-20202021-1-1</dcterms:identifier><dcterms:title>Presentie en opening</dcterms:title>
 <dcterms:creator scheme="OVERHEID.StatenGeneraal">Eerste Kamer der Staten-Generaal</dcterms:creator></owmskern>
 <oep><overheidop:datumVergadering>2020-09-22</overheidop:datumVergadering><overheidop:vergaderjaar>2020-2021</overheidop:vergaderjaar></oep>
</owms-metadata>`
	d, err := parseOBXML([]byte(src), []byte(meta), nil)
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join([]string{d.ID, d.Kamer, d.Vergaderjaar, d.Date, d.Type, d.Title}, "|")
	if want := "h-ek-20202021-1-1|ek|2020-2021|2020-09-22|handelingen|Opening"; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

// TestXMLErrors checks the sentinels FromXML wraps.
func TestXMLErrors(t *testing.T) {
	tests := []struct {
		name, in string
		want     error
	}{
		{"empty", "", ErrEmpty},
		{"blank", " \n\t", ErrEmpty},
		{"not xml", "%PDF-1.4 ...", ErrBadXML},
		{"unclosed", "<officiele-publicatie><kamerstuk>", ErrBadXML},
		{"metadata.xml", `<metadata_gegevens><metadata name="DC.identifier" content="kst-1-1"/></metadata_gegevens>`, ErrNotADocument},
		{"owms", `<owms-metadata><owmskern/></owms-metadata>`, ErrNotADocument},
		{"sru", `<sru:record xmlns:sru="http://docs.oasis-open.org/ns/search-ws/sruResponse"/>`, ErrNotADocument},
		{"other vocabulary", `<html><body>x</body></html>`, ErrNotADocument},
		{"edmx", `<?xml version="1.0"?><edmx:Edmx xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"/>`, ErrNotADocument},
		{"no content", `<officiele-publicatie><metadata/></officiele-publicatie>`, ErrEmpty},
		{"no text", `<officiele-publicatie><kamerstuk><stuk><titel>MOTIE</titel></stuk></kamerstuk></officiele-publicatie>`, ErrEmpty},
		{"only a heading", `<officiele-publicatie><kamerstuk><stuk><titel>T</titel><divisie><kop><titel>K</titel></kop></divisie></stuk></kamerstuk></officiele-publicatie>`, ErrEmpty},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, err := FromXML([]byte(tc.in), nil)
			if !errors.Is(err, tc.want) {
				t.Errorf("err = %v, want %v", err, tc.want)
			}
			if d != nil {
				t.Errorf("document with an error")
			}
		})
	}
}

// TestSniffXML checks the cheap format sniffing.
func TestSniffXML(t *testing.T) {
	tests := []struct {
		in   string
		want XMLKind
	}{
		{"\xEF\xBB\xBF<?xml version=\"1.0\"?>\n<!-- c -->\n<officiele-publicatie>", XMLDocument},
		{`<kamervragen>`, XMLDocument},
		{`<?xml version="1.0" encoding="windows-1252"?><owms-metadata>`, XMLMetadata},
		{`<metadata_gegevens>`, XMLMetadata},
		{`<sru:searchRetrieveResponse xmlns:sru="http://docs.oasis-open.org/ns/search-ws/sruResponse">`, XMLMetadata},
		{`<record>`, XMLNone},
		{`<html>`, XMLNone},
		{`%PDF-1.7`, XMLNone},
		{``, XMLNone},
		{`Kamerstuk 29 911, nr. 3`, XMLNone},
	}
	for _, tc := range tests {
		if got := SniffXML([]byte(tc.in)); got != tc.want {
			t.Errorf("SniffXML(%q) = %v, want %v", tc.in, got, tc.want)
		}
		if got := LooksLikeOBXML([]byte(tc.in)); got != (tc.want != XMLNone) {
			t.Errorf("LooksLikeOBXML(%q) = %v", tc.in, got)
		}
	}
}

// TestXMLMetadataNames checks the pairing of a document with its metadata.
func TestXMLMetadataNames(t *testing.T) {
	got := XMLMetadataNames(filepath.Join("a", "kst", "1", "xml", "kst-32545-143.xml"))
	want := []string{
		filepath.Join("a", "kst", "1", "xml", "kst-32545-143.metadata.xml"),
		filepath.Join("a", "kst", "1", "xml", "kst-32545-143.metadata_owms.xml"),
		filepath.Join("a", "kst", "1", "xml", "kst-32545-143", "metadata.xml"),
		filepath.Join("a", "kst", "1", "metadata", "metadata.xml"),
		filepath.Join("a", "kst", "1", "metadataowms", "metadata_owms.xml"),
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("XMLMetadataNames = %q, want %q", got, want)
	}
	got = XMLMetadataNames("kst-1-2.xml")
	want = []string{"kst-1-2.metadata.xml", "kst-1-2.metadata_owms.xml", filepath.Join("kst-1-2", "metadata.xml"),
		filepath.Join("..", "metadata", "metadata.xml"), filepath.Join("..", "metadataowms", "metadata_owms.xml")}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("XMLMetadataNames = %q, want %q", got, want)
	}
}

// TestXMLDocRef checks the normalisation of <extref doc="..."> values.
func TestXMLDocRef(t *testing.T) {
	tests := []struct{ in, want string }{
		{"kst-36800-XIV-80", "kst-36800-XIV-80"},
		{"KST-36800-xiv-80", "kst-36800-XIV-80"},
		{"kst-36800-XIV-80-n1", "kst-36800-XIV-80"},
		{"dossier/36600-XXIII", "dossier-36600-XXIII"},
		{"stb-2020-118", "stb-2020-118"},
		{"ah-tk-20202021-3235", "ah-tk-20202021-3235"},
		{"https://zoek.officielebekendmakingen.nl/kst-29911-337.html", "kst-29911-337"},
		{"https://zoek.officielebekendmakingen.nl/dossier/35564", "dossier-35564"},
		{"jci1.3:c:BWBR0001854&artikel=287", "bwb:BWBR0001854:art=287"},
		{"https://wetten.overheid.nl/BWBR0001941/2024-01-01", "bwb:BWBR0001941"},
		{"HTTPS://WWW.Example.org/x/", "url:https://www.example.org/x"},
		{"www.tweedekamer.nl", ""},
		{"", ""},
		{"onzin", ""},
	}
	for _, tc := range tests {
		got, ok := xmlDocRef(tc.in, nil)
		if got != tc.want || ok != (tc.want != "") {
			t.Errorf("xmlDocRef(%q) = %q, %v; want %q", tc.in, got, ok, tc.want)
		}
	}
}

func TestXMLVergaderjaar(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Vergaderjaar 2020-2021", "2020-2021"},
		{"2025–2026", "2025-2026"},
		{"1999/00", "1999-2000"},
		{"2021/21", ""},
	}
	for _, tc := range tests {
		if got := xmlVJ(tc.in); got != tc.want {
			t.Errorf("xmlVJ(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	dates := []struct{ in, want string }{
		{"2018-02-08", "2017-2018"},
		{"2024-09-16", "2023-2024"}, // Prinsjesdag 2024 is 17 September
		{"2024-09-17", "2024-2025"},
		{"bad", ""},
	}
	for _, tc := range dates {
		if got := xmlVJOfDate(tc.in); got != tc.want {
			t.Errorf("xmlVJOfDate(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// BenchmarkFromXML parses the largest real XML file (a Handelingen item).
func BenchmarkFromXML(b *testing.B) {
	dir := realdata.Path(b, "realdata", "xml")
	data, err := os.ReadFile(filepath.Join(dir, "h-tk-20172018-61-10.xml"))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := FromXML(data, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// TestXMLWhitespace checks how character data becomes text: layout
// whitespace collapses, Unicode spaces count as spaces, invisible
// characters are dropped, and a line break of the XML layout before
// punctuation leaves no space.
func TestXMLWhitespace(t *testing.T) {
	tests := []struct{ in, want string }{
		{"<al>  a \n\t b  </al>", "a b"},
		{"<al>32\u00a0545</al>", "32 545"},
		{"<al><nadruk>Voorzitter: Arib</nadruk>\u200a</al>", "Voorzitter: Arib"},
		{"<al>Advies\u00adcollege\u200b</al>", "Adviescollege"},
		{"<al><naam>\n <achternaam>voorzitter</achternaam>\n</naam>:</al>", "voorzitter:"},
		{"<al>a , b</al>", "a , b"},
		{"<al><naam><voornaam>S.</voornaam><achternaam>Dekker</achternaam></naam></al>", "S. Dekker"},
		{"<al>De UZI-server<?xpp afbm?>certificaten</al>", "De UZI-servercertificaten"},
	}
	for _, tc := range tests {
		src := "<kamerstuk><stuk><titel>T</titel>" + tc.in + "</stuk></kamerstuk>"
		d, err := parseOBXML([]byte(src), nil, nil)
		if err != nil {
			t.Errorf("%q: %v", tc.in, err)
			continue
		}
		if got := d.Sections[0].Text; got != tc.want {
			t.Errorf("%q: text %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestXMLKamervragenSmall checks an Eerste Kamer answer by a minister
// "voor" a portfolio, a notice in place of an answer and a note.
func TestXMLKamervragenSmall(t *testing.T) {
	src := `<officiele-publicatie><kamervragen>
 <kamervraagkop><tekstregel inhoud="vergaderjaar">Vergaderjaar 2019-2020</tekstregel><tekstregel inhoud="kameraanduiding">Eerste Kamer der Staten-Generaal</tekstregel></kamervraagkop>
 <kamervraagnummer>10</kamervraagnummer>
 <kamervraagomschrijving type="vraag">Vragen van het lid <naam><achternaam>Van Rooijen</achternaam></naam> (50PLUS) op <datum isodatum="2020-04-29">29 april 2020</datum> medegedeeld aan de Minister van Sociale Zaken en Werkgelegenheid inzake <kamervraagonderwerp>de juridische houdbaarheid</kamervraagonderwerp>.</kamervraagomschrijving>
 <kamervraagomschrijving type="antwoord">Antwoord van minister <naam><achternaam>Dekker</achternaam></naam> (<organisatie>Rechtsbescherming</organisatie>), mede namens de minister <naam><achternaam>Koolmees</achternaam></naam> (<organisatie>Sociale Zaken en Werkgelegenheid</organisatie>) (ontvangen <datum isodatum="2020-06-10">10 juni 2020</datum>).</kamervraagomschrijving>
 <mededeling><al>De vragen kunnen niet binnen de termijn worden beantwoord.</al></mededeling>
 <vraag><nr>Vraag 1</nr><al>Klopt het?<noot><noot.nr>1</noot.nr><noot.al>Zie Kamerstuk 29 911, nr. 3.</noot.al></noot></al></vraag>
 <antwoord><nr>Antwoord 1</nr><al>Ja.</al><al>Tabel<noot type="tabel"><noot.nr>1</noot.nr><noot.al>Tweede noot 1.</noot.al></noot></al></antwoord>
</kamervragen></officiele-publicatie>`
	d, err := parseOBXML([]byte(src), nil, xmlFakeExtract)
	if err != nil {
		t.Fatal(err)
	}
	checkXMLInvariants(t, d)
	got := strings.Join([]string{d.ID, d.Kamer, d.Number, d.Date, d.Submitted, d.Title, d.Sender, d.Signatory, strings.Join(d.Questioners, ",")}, "|")
	want := "ah-ek-20192020-10|ek|10|2020-06-10|2020-04-29|de juridische houdbaarheid|Minister voor Rechtsbescherming|Dekker|Van Rooijen"
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	var heads []string
	for _, s := range d.Sections {
		heads = append(heads, s.Kind+":"+s.Heading)
	}
	if strings.Join(heads, ",") != ":,:Mededeling,vraag:Vraag 1,antwoord:Antwoord 1" {
		t.Errorf("sections %q", heads)
	}
	if len(d.Footnotes) != 2 || d.Footnotes[1].Number != 2 || len(d.Diagnostics) != 1 {
		t.Errorf("footnotes %+v, diagnostics %q", d.Footnotes, d.Diagnostics)
	}
	if len(d.References) != 1 || d.References[0].Footnote != 1 || d.References[0].Section != d.Sections[2].ID {
		t.Errorf("references %+v", d.References)
	}
}

// TestXMLMatchesPDF checks that the XML and the PDF of the same
// publication give the same metadata and cite the same documents.
func TestXMLMatchesPDF(t *testing.T) {
	dir := realdata.Path(t, "realdata", "xml")
	pdfDir := filepath.Join(filepath.Dir(dir), "pdf")
	for _, id := range []string{"kst-32545-143", "ah-tk-20202021-3235"} {
		t.Run(id, func(t *testing.T) {
			x, err := os.ReadFile(filepath.Join(dir, id+".xml"))
			if err != nil {
				t.Fatal(err)
			}
			p, err := os.ReadFile(filepath.Join(pdfDir, id+".pdf"))
			if err != nil {
				t.Fatal(err)
			}
			fromXML, err := FromXML(x, nil)
			if err != nil {
				t.Fatal(err)
			}
			pd, err := pdftext.Read(p, pdftext.Options{})
			if err != nil {
				t.Fatal(err)
			}
			fromPDF, err := FromPDF(pd)
			if err != nil {
				t.Fatal(err)
			}
			fields := func(d *document.Document) []string {
				var cited []string
				for _, r := range d.References {
					cited = append(cited, r.ID)
				}
				sort.Strings(cited)
				return []string{"id " + d.ID, "kamer " + d.Kamer, "vergaderjaar " + d.Vergaderjaar, "dossier " + d.Dossier,
					"number " + d.Number, "title " + d.Title, "type " + d.Type, "date " + d.Date, "sender " + d.Sender,
					"signatory " + d.Signatory, "document_title " + d.DocumentTitle, "submitted " + d.Submitted,
					"questioners " + strings.Join(d.Questioners, ","), "cites " + strings.Join(cited, ",")}
			}
			fx, fp := fields(fromXML), fields(fromPDF)
			for i := range fx {
				if fx[i] != fp[i] {
					t.Errorf("XML and PDF disagree:\n  xml %s\n  pdf %s", fx[i], fp[i])
				}
			}
		})
	}
}

// TestXMLOtherPublication checks a publication of another family, read
// generically with its identity from its own metadata.
func TestXMLOtherPublication(t *testing.T) {
	src := `<officiele-publicatie><metadata><meta name="DC.identifier" content="stb-2020-118"/><meta name="DCTERMS.issued" content="2020-03-31"/></metadata>
<staatsblad><wettekst><artikel><kop><label>Artikel</label><nr>1</nr></kop><lid><lidnr>1.</lidnr><al>Deze regeling geldt.</al></lid></artikel></wettekst></staatsblad></officiele-publicatie>`
	d, err := parseOBXML([]byte(src), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	checkXMLInvariants(t, d)
	if d.ID != "stb-2020-118" || d.Type != "staatsblad" || d.Date != "2020-03-31" {
		t.Errorf("id, type, date = %q, %q, %q", d.ID, d.Type, d.Date)
	}
	if len(d.Sections) != 1 || d.Sections[0].Number != "Artikel 1" || d.Sections[0].Heading != "Artikel 1" || d.Sections[0].Text != "1. Deze regeling geldt." {
		t.Errorf("sections = %+v", d.Sections)
	}
}

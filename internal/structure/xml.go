package structure

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"kamerzoek/internal/document"
	"kamerzoek/internal/refs"
)

// ErrNotADocument is returned (wrapped) by FromXML for well-formed XML that
// is not an officielebekendmakingen publication: a metadata record
// (metadata.xml, metadata_owms.xml, an SRU record) or another vocabulary.
var ErrNotADocument = errors.New("structure: not a document")

// ErrBadXML is returned (wrapped, together with the decoder's error) by
// FromXML for input that is not well-formed XML.
var ErrBadXML = errors.New("structure: malformed XML")

// XMLKind is what SniffXML finds at the root of a file.
type XMLKind int

// Kinds of XML file.
const (
	// XMLNone: not XML, or XML of a vocabulary kamerzoek does not read.
	XMLNone XMLKind = iota
	// XMLDocument: an officielebekendmakingen publication; FromXML reads it.
	XMLDocument
	// XMLMetadata: an officielebekendmakingen metadata record; it belongs
	// beside a document and is not one itself.
	XMLMetadata
)

// Root elements of OB publications and of OB metadata records.
var (
	obDocumentRoots = map[string]bool{
		"officiele-publicatie": true, "kamerstuk": true, "kamervragen": true, "handelingen": true,
	}
	obMetadataRoots = map[string]bool{
		"metadata_gegevens": true, "owms-metadata": true,
	}
)

func xmlKindOf(local, space string) XMLKind {
	switch {
	case obDocumentRoots[local]:
		return XMLDocument
	case obMetadataRoots[local]:
		return XMLMetadata
	case (local == "record" || local == "searchRetrieveResponse") && strings.Contains(space, "search-ws"):
		return XMLMetadata
	}
	return XMLNone
}

// SniffXML reports what kind of officielebekendmakingen XML data holds,
// looking only at its root element. It is cheap: it reads at most the
// first 64 KiB and stops at the root's start tag.
func SniffXML(data []byte) XMLKind {
	name, ok := xmlSniffRoot(data)
	if !ok {
		return XMLNone
	}
	return xmlKindOf(name.Local, name.Space)
}

// LooksLikeOBXML reports whether data is officielebekendmakingen XML, a
// publication or a metadata record; FromXML reads the former and returns
// ErrNotADocument for the latter.
func LooksLikeOBXML(data []byte) bool { return SniffXML(data) != XMLNone }

// XMLMetadataNames returns the paths where the metadata of the OB XML
// document at path may stand, most specific first: "<id>.metadata.xml"
// and "<id>.metadata_owms.xml" beside it, "<id>/metadata.xml" (the layout
// of zoek.officielebekendmakingen.nl), and "../metadata/metadata.xml" and
// "../metadataowms/metadata_owms.xml" (the layout of repository.overheid.nl,
// where the document sits in ".../1/xml/"). It does no I/O; FromXML checks
// that the metadata names the same publication and ignores it otherwise.
func XMLMetadataNames(path string) []string {
	dir, file := filepath.Split(path)
	base := strings.TrimSuffix(file, filepath.Ext(file))
	return []string{
		filepath.Join(dir, base+".metadata.xml"),
		filepath.Join(dir, base+".metadata_owms.xml"),
		filepath.Join(dir, base, "metadata.xml"),
		filepath.Join(dir, "..", "metadata", "metadata.xml"),
		filepath.Join(dir, "..", "metadataowms", "metadata_owms.xml"),
	}
}

// FromXML parses an officielebekendmakingen XML publication (a Kamerstuk,
// Kamervragen with their answers, or an item of the Handelingen) into a
// document. metadata, when not nil, is the metadata record that sits
// beside it (metadata.xml or metadata_owms.xml); it fills in what the
// publication itself does not print and is ignored, with a diagnostic,
// when it names another publication.
//
// References come from <extref> tags and from the text (package refs); a
// mention found both ways counts once. Pages is 0 and so is every page
// number. Source.Format is FormatXML and Source.Producer the schema the
// file names; the rest of Source and ExtractorVersion are left for the
// caller.
//
// Errors wrap ErrBadXML for input that is not well-formed XML,
// ErrNotADocument for metadata records and other vocabularies, and ErrEmpty
// for a publication without text.
func FromXML(data, metadata []byte) (doc *document.Document, err error) {
	defer func() {
		if r := recover(); r != nil {
			doc, err = nil, fmt.Errorf("structure: xml: internal error: %v", r)
		}
	}()
	return parseOBXML(data, metadata, refs.Extract)
}

// xmlExtractor finds references in text; refs.Extract in production.
type xmlExtractor func(text string, ctx refs.Context) refs.Result

// parseOBXML is FromXML without the recover, so that tests see panics.
func parseOBXML(data, metadata []byte, extract xmlExtractor) (*document.Document, error) {
	if len(bytes.TrimSpace(bytes.TrimPrefix(data, xmlBOM))) == 0 {
		return nil, fmt.Errorf("structure: xml: %w", ErrEmpty)
	}
	root, err := parseXMLTree(data)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrBadXML, err)
	}
	var body *xnode
	switch xmlKindOf(root.Name, root.Space) {
	case XMLMetadata:
		return nil, fmt.Errorf("structure: xml: <%s> is a metadata record: %w", root.Name, ErrNotADocument)
	case XMLNone:
		return nil, fmt.Errorf("structure: xml: root element <%s> is not an officielebekendmakingen publication: %w", root.Name, ErrNotADocument)
	}
	own := obMeta{}
	if root.Name == "officiele-publicatie" {
		for _, k := range root.Kids {
			switch {
			case k.Name == "metadata":
				own.collect(k)
			case k.Name != "" && body == nil:
				body = k
			}
		}
	} else {
		body = root
	}
	if body == nil {
		return nil, fmt.Errorf("structure: xml: publication without content: %w", ErrEmpty)
	}

	doc := &document.Document{
		Sections:   []document.Section{},
		Footnotes:  []document.Footnote{},
		References: []document.Reference{},
		Source:     document.Source{Format: document.FormatXML, Producer: xmlSchemaName(root)},
	}
	w := newXMLWalker()
	var f xmlFacts
	switch body.Name {
	case "kamerstuk":
		f = w.kamerstuk(body)
	case "kamervragen":
		f = w.kamervragen(body)
	case "handelingen":
		f = w.handelingen(body)
	default:
		w.block(body)
	}
	w.finish(doc)
	if !xmlHasText(doc) {
		return nil, fmt.Errorf("structure: xml: <%s> holds no text: %w", body.Name, ErrEmpty)
	}

	var side obMeta
	if len(metadata) > 0 {
		if side = parseOBMeta(metadata); side == nil {
			w.diag("metadata beside the document is not XML; ignored")
		}
	}
	xmlIdentify(doc, &f, own, side, w)
	xmlReferences(doc, w, extract)
	doc.Diagnostics = append(doc.Diagnostics, w.diags...)
	return doc, nil
}

// xmlHasText reports whether any section or footnote of doc has text.
func xmlHasText(doc *document.Document) bool {
	for _, s := range doc.Sections {
		if s.Text != "" {
			return true
		}
	}
	for _, f := range doc.Footnotes {
		if f.Text != "" {
			return true
		}
	}
	return false
}

// xmlFacts is what the body of a publication says about itself.
type xmlFacts struct {
	id, kamer, vergaderjaar, dossier, number string
	title, docTitle, docType, date           string
	submitted, sender, signatory, addressee  string
	questioners                              []string
	// Handelingen: the number of the vergadering and of the only item.
	vergadering, item string
}

// xmlSchemaName is the file name of the schema the root names.
func xmlSchemaName(root *xnode) string {
	s := root.attr("noNamespaceSchemaLocation")
	if s == "" {
		s = root.attr("schemaLocation")
	}
	if i := strings.LastIndexAny(s, "/ "); i >= 0 {
		s = s[i+1:]
	}
	return s
}

// xmlIdentify settles the identity and metadata of doc from the facts of
// the body, then the document's own <metadata>, then the metadata file.
func xmlIdentify(doc *document.Document, f *xmlFacts, own, side obMeta, w *xmlWalker) {
	doc.ID = f.id
	if id := own.id(); id != "" {
		if doc.ID == "" {
			doc.ID = id
		} else if id != doc.ID {
			w.diag("the document's metadata names " + id + ", its text " + doc.ID)
		}
	}
	if id := side.id(); id != "" && side != nil {
		switch {
		case doc.ID == "":
			doc.ID = id
		case id != doc.ID:
			w.diag("metadata file is about " + id + ", not " + doc.ID + "; ignored")
			side = nil
		}
	}
	get := func(key string) string {
		if v := own.first(key); v != "" {
			return v
		}
		return side.first(key)
	}
	all := func(key string) []string {
		if v := own[key]; len(v) > 0 {
			return v
		}
		return side[key]
	}

	fam, idKamer, idVJ := xmlIDParts(doc.ID)
	doc.Kamer = xmlFirst(f.kamer, idKamer, kamerOf(get("creator")))
	doc.Vergaderjaar = xmlFirst(f.vergaderjaar, xmlVJ(get("vergaderjaar")), idVJ)
	if fam == "h" && doc.Vergaderjaar == "" {
		doc.Vergaderjaar = xmlVJOfDate(f.date)
	}

	// A Handelingen item names itself only through its metadata; with the
	// number of the vergadering, the item and the chamber it can be built.
	if doc.ID == "" && f.vergadering != "" && f.item != "" && doc.Kamer != "" && doc.Vergaderjaar != "" {
		doc.ID = "h-" + doc.Kamer + "-" + strings.ReplaceAll(doc.Vergaderjaar, "-", "") + "-" + f.vergadering + "-" + f.item
		fam = "h"
	}

	doc.Dossier, doc.Number = f.dossier, f.number
	if id, err := refs.Parse(doc.ID); err == nil {
		switch id.Family {
		case refs.FamKamerstuk:
			if doc.Dossier == "" && id.Dossier != "" {
				doc.Dossier = xmlJoinNonEmpty("-", id.Dossier, id.Toevoeging)
			}
			if doc.Number == "" {
				doc.Number = id.Number
			}
		case refs.FamAanhangsel:
			if doc.Number == "" {
				doc.Number = id.Number
			}
		}
	}
	if fam == "kst" && doc.Dossier == "" {
		doc.Dossier = get("dossiernummer")
	}

	doc.Title = f.title
	doc.DocumentTitle = xmlFirst(f.docTitle, get("documenttitel"))
	doc.Type = xmlFirst(f.docType, xmlTypeFromMeta(own), xmlTypeFromMeta(side))
	if doc.Type == "" {
		switch fam {
		case "kst":
			doc.Type = "kamerstuk"
		case "ah", "kv":
			doc.Type = "kamervragen"
		case "h":
			doc.Type = "handelingen"
		case "stb":
			doc.Type = "staatsblad"
		case "stcrt":
			doc.Type = "staatscourant"
		case "trb":
			doc.Type = "tractatenblad"
		case "blg":
			doc.Type = "bijlage"
		}
	}
	if doc.Title == "" {
		switch doc.Type {
		case "kamervragen", "handelingen":
			doc.Title = get("title")
		default:
			doc.Title = get("dossiertitel")
		}
	}
	doc.Date = f.date
	if doc.Date == "" {
		switch doc.Type {
		case "kamervragen":
			doc.Date = xmlFirst(get("datumontvangst"), get("issued"))
		case "handelingen":
			doc.Date = xmlFirst(get("datumvergadering"), get("date"), get("issued"))
		default:
			doc.Date = get("issued")
		}
		doc.Date = xmlISODate(doc.Date)
	}
	doc.Submitted = f.submitted
	doc.Questioners = f.questioners
	if doc.Type == "kamervragen" {
		if doc.Submitted == "" {
			doc.Submitted = xmlISODate(get("datumindiening"))
		}
		if len(doc.Questioners) == 0 {
			doc.Questioners = all("indiener")
		}
	}
	doc.Sender = xmlFirst(f.sender, w.office)
	doc.Signatory = xmlFirst(f.signatory, w.signer)
	if doc.Type == "kamervragen" && doc.Signatory == "" {
		doc.Signatory = get("ontvanger")
	}
	doc.Addressee = f.addressee
	if doc.Type == "handelingen" {
		w.debate = xmlDebateDossier(all("behandelddossier"), w)
	}
}

// xmlIDParts returns the family of an OB id and, for h- and ah- ids, the
// chamber and vergaderjaar ("2017-2018") it carries.
func xmlIDParts(id string) (fam, kamer, vj string) {
	fam, _, _ = strings.Cut(id, "-")
	if fam != "h" && fam != "ah" {
		return fam, "", ""
	}
	p, err := refs.Parse(id)
	if err != nil {
		return fam, "", ""
	}
	if len(p.Vergaderjaar) == 8 {
		vj = p.Vergaderjaar[:4] + "-" + p.Vergaderjaar[4:]
	}
	return fam, p.Kamer, vj
}

// xmlTypeFromMeta derives the type label from the DC.type values of m.
func xmlTypeFromMeta(m obMeta) string {
	if t := m.first("type@overheidop.kamerstuktypen"); t != "" {
		t = strings.ToLower(t)
		if i := strings.Index(t, " ("); i > 0 {
			t = t[:i]
		}
		if l := typeFromTitle(t); l != "" {
			return l
		}
		if t != "overig" {
			return t
		}
	}
	p := strings.ToLower(m.first("type@overheidop.parlementair"))
	switch {
	case strings.HasPrefix(p, "handeling"):
		return "handelingen"
	case strings.Contains(p, "aanhangsel"), strings.Contains(p, "kamervragen"):
		return "kamervragen"
	}
	return ""
}

func xmlFirst(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}

func xmlJoinNonEmpty(sep string, parts ...string) string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}

var reXMLVJ = regexp.MustCompile(`(\d{4})\s*[-–—/]\s*(\d{2}|\d{4})\b`)

// xmlVJ finds a vergaderjaar in s ("Vergaderjaar 2020-2021", "2020/21")
// and returns it as "2020-2021", or "" when the years do not follow.
func xmlVJ(s string) string {
	m := reXMLVJ.FindStringSubmatch(s)
	if m == nil {
		return ""
	}
	a, _ := strconv.Atoi(m[1])
	b, _ := strconv.Atoi(m[2])
	if len(m[2]) == 2 {
		b += a / 100 * 100
		if b < a {
			b += 100
		}
	}
	if b != a+1 {
		return ""
	}
	return strconv.Itoa(a) + "-" + strconv.Itoa(b)
}

// xmlVJOfDate returns the vergaderjaar a YYYY-MM-DD date falls in: it
// starts on Prinsjesdag, the third Tuesday of September.
func xmlVJOfDate(date string) string {
	t, err := time.Parse("2006-01-02", date)
	if err != nil {
		return ""
	}
	y := t.Year()
	first := time.Date(y, time.September, 1, 0, 0, 0, 0, time.UTC)
	offset := (int(time.Tuesday) - int(first.Weekday()) + 7) % 7
	prinsjesdag := first.AddDate(0, 0, offset+14)
	if t.Before(prinsjesdag) {
		y--
	}
	return strconv.Itoa(y) + "-" + strconv.Itoa(y+1)
}

// xmlISODate returns s when it is a valid YYYY-MM-DD date (a time part
// after it is dropped), else "".
func xmlISODate(s string) string {
	s = strings.TrimSpace(s)
	if len(s) > 10 {
		s = s[:10]
	}
	if _, err := time.Parse("2006-01-02", s); err != nil {
		return ""
	}
	return s
}

// xmlDateOf returns the isodatum of the first <datum> in n's subtree.
func xmlDateOf(n *xnode) string {
	if n == nil {
		return ""
	}
	if d := n.find("datum"); d != nil {
		if v := xmlISODate(d.attr("isodatum")); v != "" {
			return v
		}
		return parseDutchDate(xmlFlat(d))
	}
	return ""
}

// xmlKamerOfKop reads the chamber from the head lines of a publication.
func xmlKamerOfKop(kop *xnode) string {
	if kop == nil {
		return ""
	}
	for _, k := range kop.Kids {
		if k.Name != "tekstregel" {
			continue
		}
		switch k.attr("inhoud") {
		case "kameraanduiding":
			if v := kamerOf(xmlFlat(k)); v != "" {
				return v
			}
		case "kamernummer":
			switch strings.TrimSpace(xmlFlat(k)) {
			case "1":
				return "ek"
			case "2":
				return "tk"
			}
		}
	}
	return ""
}

// xmlVJOfKop reads the vergaderjaar from the head lines of a publication.
func xmlVJOfKop(kop *xnode) string {
	if kop == nil {
		return ""
	}
	for _, k := range kop.Kids {
		if k.Name == "tekstregel" && k.attr("inhoud") == "vergaderjaar" {
			return xmlVJ(xmlFlat(k))
		}
	}
	return ""
}

var reXMLDossierNr = regexp.MustCompile(`^\s*(\d[\d .\x{00A0}]*\d|\d)\s*(?:[- ]\s*([A-Za-z]{1,6}|\d{2}))?\s*$`)

// xmlDossier reads a <dossiernummer>: the number of <dossiernr> with the
// toevoeging of <begrotingshoofdstuk>, <raadnr> or a letter after it;
// a rijkswet number is not part of it.
func xmlDossier(dn *xnode) string {
	if dn == nil {
		return ""
	}
	nr := dn.child("dossiernr")
	if nr == nil {
		m := reXMLDossierNr.FindStringSubmatch(xmlFlat(dn))
		if m == nil {
			return ""
		}
		return xmlJoinNonEmpty("-", xmlDigits(m[1]), strings.ToUpper(m[2]))
	}
	d := xmlDigits(xmlFlat(nr))
	if d == "" {
		return ""
	}
	toev := ""
	for _, k := range dn.Kids {
		if k.Name == "" || k.Name == "dossiernr" || strings.HasPrefix(k.Name, "rijkswet") {
			continue
		}
		if t := strings.TrimSpace(xmlFlat(k)); t != "" && toev == "" {
			toev = strings.ToUpper(strings.ReplaceAll(t, " ", ""))
		}
	}
	return xmlJoinNonEmpty("-", d, toev)
}

// xmlDigits keeps the digits of s ("32 545" → "32545"), dropping leading
// zeros.
func xmlDigits(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return strings.TrimLeft(b.String(), "0")
}

// kamerstuk reads <kamerstuk>: head lines, dossier and the stuk.
func (w *xmlWalker) kamerstuk(n *xnode) xmlFacts {
	var f xmlFacts
	kop := n.child("kamerstukkop")
	f.kamer, f.vergaderjaar = xmlKamerOfKop(kop), xmlVJOfKop(kop)
	if d := n.child("dossier"); d != nil {
		f.dossier = xmlDossier(d.child("dossiernummer"))
		f.title = xmlCleanHeading(xmlFlat(xmlOrEmpty(d.child("titel"))))
	}
	stuk := n.child("stuk")
	if stuk == nil {
		w.blockKids(n, "kamerstukkop", "dossier")
		return f
	}
	if sn := stuk.child("stuknr"); sn != nil {
		if o := sn.find("ondernummer"); o != nil {
			f.number = strings.TrimSpace(xmlFlat(o))
			if f.kamer == "" {
				switch o.attr("kamer") {
				case "1":
					f.kamer = "ek"
				case "2":
					f.kamer = "tk"
				}
			}
		} else {
			f.number = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(xmlFlat(sn)), "Nr."))
		}
		if f.number != "" && strings.Trim(f.number, "0123456789") == f.number {
			f.number = strings.ToUpper(f.number) // an Eerste Kamer letter
		}
	}
	if t := stuk.child("titel"); t != nil {
		f.docTitle = xmlCleanHeading(xmlFlat(t))
	}
	f.docType = typeFromTitle(f.docTitle)
	f.date = xmlDateOf(stuk.child("datumtekst"))
	if f.date == "" {
		f.date = xmlDateOf(stuk.find("datumtekst"))
	}
	if f.date == "" {
		f.date = xmlDateOf(stuk.find("dagtekening"))
	}
	if f.dossier != "" && f.number != "" {
		f.id = "kst-" + f.dossier + "-" + f.number
	}
	// The stuk's own title is DocumentTitle; the preamble section has no
	// heading, as on the PDF path.
	w.setBase("")
	if t := stuk.child("titel"); t != nil {
		w.headingNotes(t)
	}
	w.blockKids(stuk, "stuknr", "titel", "datumtekst")
	// What follows the stuk inside <kamerstuk> (bijlagen) comes after it.
	w.blockKids(n, "kamerstukkop", "dossier", "stuk")
	if f.docType == "motie" {
		f.signatory = strings.Join(xmlMotieSigners(w.base), ", ")
	}
	if f.addressee == "" && w.base != nil {
		f.addressee = xmlAddressee(w.base)
	}
	return f
}

// xmlMotieSigners returns the names under a motie: the short paragraphs
// after "en gaat over tot de orde van de dag".
func xmlMotieSigners(s *xmlSection) []string {
	if s == nil {
		return nil
	}
	var names []string
	after := false
	for _, p := range s.buf.paras {
		t := string(s.buf.b[p.Start:p.End])
		if strings.HasPrefix(strings.ToLower(t), "en gaat over tot de orde van de dag") {
			after, names = true, nil
			continue
		}
		if !after {
			continue
		}
		if len(strings.Fields(t)) > 6 || strings.ContainsAny(t, ".;:") && !strings.HasSuffix(t, ".") {
			break
		}
		names = append(names, t)
	}
	return names
}

// xmlAddressee finds "Aan de Voorzitter van de Tweede Kamer ..." among the
// first paragraphs of a letter.
func xmlAddressee(s *xmlSection) string {
	for i, p := range s.buf.paras {
		if i > 3 {
			break
		}
		t := string(s.buf.b[p.Start:p.End])
		if strings.HasPrefix(t, "Aan de ") && len(t) < 200 {
			return strings.TrimRight(strings.TrimPrefix(t, "Aan "), ".,")
		}
	}
	return ""
}

// kamervragen reads <kamervragen>: the descriptions of the questions and
// of the answer, then each question and answer as a section.
func (w *xmlWalker) kamervragen(n *xnode) xmlFacts {
	f := xmlFacts{docType: "kamervragen"}
	kop := n.child("kamervraagkop")
	f.kamer, f.vergaderjaar = xmlKamerOfKop(kop), xmlVJOfKop(kop)
	if nr := n.child("kamervraagnummer"); nr != nil {
		f.number = xmlDigits(xmlFlat(nr))
	}
	for _, k := range n.Kids {
		if k.Name != "kamervraagomschrijving" {
			continue
		}
		switch k.attr("type") {
		case "vraag":
			if f.submitted != "" || len(f.questioners) > 0 {
				continue
			}
			f.submitted = xmlDateOf(k)
			for _, c := range k.Kids {
				if c.Name == "naam" {
					f.questioners = append(f.questioners, xmlFlat(c))
				}
			}
			if o := k.find("kamervraagonderwerp"); o != nil {
				f.title = xmlFlat(o)
			}
		case "antwoord":
			if f.date != "" {
				continue
			}
			f.date = xmlDateOf(k)
			f.sender, f.signatory = xmlAnswerer(k)
		}
	}
	if f.kamer != "" && f.vergaderjaar != "" && f.number != "" {
		f.id = "ah-" + f.kamer + "-" + strings.ReplaceAll(f.vergaderjaar, "-", "") + "-" + f.number
	}
	w.setBase("")
	w.blockKids(n, "kamervraagkop", "kamervraagnummer")
	return f
}

// xmlVoorPortfolios are offices of ministers "voor" a portfolio rather than
// "van" a ministry.
var xmlVoorPortfolios = []string{
	"rechtsbescherming", "medische zorg", "basis- en voortgezet onderwijs", "primair en voortgezet onderwijs",
	"klimaat en energie", "migratie", "langdurige zorg", "volkshuisvesting", "natuur en stikstof",
	"buitenlandse handel", "armoedebeleid", "milieu en wonen", "wonen en rijksdienst",
}

// xmlAnswerer reads "Antwoord van Minister Koolmees (Sociale Zaken en
// Werkgelegenheid)": the office ("Minister van Sociale Zaken en
// Werkgelegenheid") and the name ("Koolmees") of the first who answered.
func xmlAnswerer(n *xnode) (office, name string) {
	var role strings.Builder
	var org string
	for _, k := range n.Kids {
		switch {
		case k.Name == "naam" && name == "":
			name = xmlFlat(k)
		case k.Name == "organisatie" && org == "":
			org = xmlFlat(k)
		case k.Name == "" && name == "":
			role.WriteString(k.Text)
		}
	}
	r := strings.Join(strings.Fields(role.String()), " ")
	for _, p := range []string{"Antwoord van de ", "Antwoord van ", "Antwoord "} {
		if strings.HasPrefix(r, p) {
			r = r[len(p):]
			break
		}
	}
	r = xmlUpperFirst(strings.TrimSpace(r))
	if r == "" || org == "" || len(strings.Fields(r)) > 3 {
		return "", name
	}
	link := " van "
	lo := strings.ToLower(org)
	for _, v := range xmlVoorPortfolios {
		if strings.HasPrefix(lo, v) {
			link = " voor "
		}
	}
	return r + link + org, name
}

// handelingen reads <handelingen>: the vergadering and its items.
func (w *xmlWalker) handelingen(n *xnode) xmlFacts {
	f := xmlFacts{docType: "handelingen"}
	if v := n.child("vergadering"); v != nil {
		f.date = parseDutchDate(xmlFlat(xmlOrEmpty(v.child("vergaderdatum"))))
		f.vergadering = xmlDigits(xmlFlat(xmlOrEmpty(v.child("vergadering-nummer"))))
	}
	var items []*xmlSection
	for _, k := range n.Kids {
		switch {
		case k.Name == "" || xmlSkip[k.Name]:
			w.block(k)
		case k.child("nr") != nil || k.child("item-titel") != nil:
			items = append(items, w.item(k))
		default:
			w.block(k)
		}
	}
	if len(items) == 1 {
		f.item = xmlDigits(items[0].sec.Number)
		f.title = items[0].sec.Heading
	}
	return f
}

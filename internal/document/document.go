// Package document holds kamerzoek's domain types: a parsed parliamentary
// document with its metadata, section tree, footnotes and the references it
// makes to other documents. It sits at the bottom of the import graph and
// imports only the standard library.
package document

// Document is one parsed parliamentary document. Its JSON form is the
// contract served by `kamerzoek show ID` and GET /api/v1/documents/{id}.
type Document struct {
	// ID is the canonical id ("kst-29911-337", "ah-tk-20232024-2271"),
	// taken from the document's own text, never from its file name.
	ID string `json:"id"`
	// Kamer is "tk" or "ek" (empty when the document names neither).
	Kamer string `json:"kamer"`
	// Vergaderjaar is the parliamentary year as "2021-2022".
	Vergaderjaar string `json:"vergaderjaar"`
	// Dossier is the dossier number with its toevoeging ("36450", "36200-VI");
	// empty when there is none (Kamervragen, Handelingen).
	Dossier string `json:"dossier"`
	// CoDossiers are the further dossiers a paper printed under more than
	// one dossier number names after Dossier (a joint letter on "35 334"
	// and "30 252" has Dossier "35334" and CoDossiers ["30252"]); OB
	// publishes the paper under the first. Empty for most documents.
	CoDossiers []string `json:"co_dossiers,omitempty"`
	// Number is the ondernummer ("337", "B"), or for Kamervragen the
	// Aanhangsel number ("2271").
	Number string `json:"number"`
	// Title is the dossier title as printed; for a letter as sent its
	// "Betreft"/"Onderwerp"; for Kamervragen the subject of the questions.
	Title string `json:"title"`
	// Type is a short lower-case Dutch label: "brief", "motie",
	// "memorie van toelichting", "kamervragen", ...
	Type string `json:"type"`
	// Date is YYYY-MM-DD: a letter's own date, for Kamervragen the date the
	// answer was received, for a motie the date it was moved.
	Date string `json:"date"`
	// Sender is the office that sends the document ("Minister van Justitie
	// en Veiligheid"); Signatory the person who signed it.
	Sender    string `json:"sender"`
	Signatory string `json:"signatory"`
	// Addressee is to whom the document is addressed, where printed.
	Addressee string `json:"addressee,omitempty"`
	// DocumentTitle is the title of this paper within its dossier as printed
	// under "Nr. N" ("MEMORIE VAN TOELICHTING", "BRIEF VAN DE MINISTER ...").
	DocumentTitle string `json:"document_title,omitempty"`
	// Questioners are the members who asked Kamervragen.
	Questioners []string `json:"questioners,omitempty"`
	// Submitted is the date Kamervragen were sent in ("ingezonden"),
	// YYYY-MM-DD; Date holds the date the answer was received.
	Submitted string `json:"submitted,omitempty"`
	// Pages is the number of pages (0 for text and XML input).
	Pages int `json:"pages"`

	Source     Source      `json:"source"`
	Sections   []Section   `json:"sections"`
	Footnotes  []Footnote  `json:"footnotes"`
	References []Reference `json:"references"`

	// Diagnostics are non-fatal findings of the parse (a footnote marker
	// without a note, an impossible vergaderjaar in a reference, ...).
	Diagnostics []string `json:"diagnostics,omitempty"`
	// ExtractorVersion names the version of the extraction pipeline that
	// produced this document; a change triggers re-extraction.
	ExtractorVersion string `json:"extractor_version,omitempty"`
}

// Source describes the original file a document was parsed from.
type Source struct {
	File   string `json:"file"`   // file name as given at ingestion
	SHA256 string `json:"sha256"` // hex sha256 of the original bytes
	Format string `json:"format"` // FormatPDF, FormatXML or FormatText
	Size   int64  `json:"size,omitempty"`
	// Producer is the PDF producer or XML schema, where known.
	Producer string `json:"producer,omitempty"`
}

// Input formats.
const (
	FormatPDF  = "pdf"
	FormatXML  = "xml"
	FormatText = "text"
)

// Section is one node of the section tree, flattened in document order.
// Level 1 sections are top-level; Parent names the enclosing section.
type Section struct {
	ID      string `json:"id"`     // stable within the document: "s1", "s2", ...
	Number  string `json:"number"` // as printed: "1", "2.3", "IV", "Artikel 1"; may be empty
	Heading string `json:"heading"`
	Level   int    `json:"level"`
	Page    int    `json:"page"` // page the heading stands on (0 for text input)
	Text    string `json:"text"` // body text, paragraphs separated by "\n\n"
	Parent  string `json:"parent,omitempty"`
	// Kind is "bijlage" for appendices, "vraag"/"antwoord" for Kamervragen,
	// empty for ordinary sections.
	Kind string `json:"kind,omitempty"`
	// Paragraphs locate the paragraphs of Text as byte spans with the page
	// each starts on.
	Paragraphs []Paragraph `json:"paragraphs,omitempty"`
}

// Paragraph is a byte span [Start, End) of its section's Text.
type Paragraph struct {
	Start int `json:"start"`
	End   int `json:"end"`
	Page  int `json:"page"`
}

// Footnote is one note with its text and the ids it cites.
type Footnote struct {
	Number int      `json:"number"`
	Page   int      `json:"page"`
	Text   string   `json:"text"`
	Refs   []string `json:"refs"`
	// Anchor is where the note's marker stands in the body; nil when the
	// marker was not found.
	Anchor *Anchor `json:"anchor,omitempty"`
}

// Anchor is a position in a section's text: the byte offset at which a
// footnote marker stands (just after the word it follows).
type Anchor struct {
	Section string `json:"section"`
	Offset  int    `json:"offset"`
}

// Reference is one mention of another document.
//
// Start and End are byte offsets of Raw in the text it was found in: the
// footnote's Text when Footnote > 0, else the Text of Section. For
// `kamerzoek refs` and POST /api/v1/refs they are offsets into the input.
type Reference struct {
	ID       string `json:"id"`   // canonical id, "kst-29911-318"
	Kind     Kind   `json:"kind"` // family of the id
	Raw      string `json:"raw"`  // the text as it stands
	Start    int    `json:"start"`
	End      int    `json:"end"`
	Footnote int    `json:"footnote"`          // footnote number; 0 in the body
	Section  string `json:"section,omitempty"` // section id
	Page     int    `json:"page"`
	// Pinpoint is a location inside the cited document ("p. 4", "art. 3").
	Pinpoint string `json:"pinpoint,omitempty"`
	// Context is the sentence around the mention.
	Context string `json:"context,omitempty"`
}

// Kind names the family of a canonical id.
type Kind string

// Kinds of reference, one per id family of the citation grammar.
const (
	KindKamerstuk     Kind = "kamerstuk"
	KindDossier       Kind = "dossier"
	KindHandelingen   Kind = "handelingen"
	KindAanhangsel    Kind = "aanhangsel"
	KindBijlage       Kind = "bijlage"
	KindStaatsblad    Kind = "staatsblad"
	KindStaatscourant Kind = "staatscourant"
	KindTractatenblad Kind = "tractatenblad"
	KindGazette       Kind = "gazette" // gmb, prb, wsb, bgr
	KindECLI          Kind = "ecli"
	KindLJN           Kind = "ljn"
	KindCELEX         Kind = "celex"
	KindLaw           Kind = "wet" // bwb ids and their articles
	KindTKDocument    Kind = "tk-document"
	KindTKZaak        Kind = "tk-zaak"
	KindURL           Kind = "url"
)

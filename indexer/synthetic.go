package indexer

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"kamerzoek/internal/document"
)

// synthWords is the vocabulary synthetic documents are drawn from: common
// words of parliamentary Dutch, most frequent first, followed by generated
// rarer words.
var synthWords = strings.Fields(`de het van een en in is dat op te voor met niet zijn aan
	door ook worden wordt om bij als er naar deze over kabinet minister kamer motie
	regering aanpak beleid wet voorstel brief samenwerking gemeenten jaar veiligheid
	onderzoek uitvoering maatregelen middelen zorg onderwijs criminaliteit georganiseerde
	ondermijning politie justitie rechtspraak begroting financiering regeldruk toezicht
	informatie gegevens bescherming burgers ondernemers rapport evaluatie programma
	regionale internationale europese landelijke structurele verbetering versterking
	huisvesting woningbouw stikstof klimaat energie netbeheer arbeidsmarkt pensioen
	toeslagen belastingdienst defensie migratie asiel opvang gezondheid jongeren
	ouderen wijken havens drugs smokkel witwassen ondermijnende integriteit democratie`)

var synthTypes = []string{"brief", "brief", "brief", "motie", "memorie van toelichting", "kamervragen", "nota naar aanleiding van het verslag", "verslag"}

var synthSenders = []string{"Minister van Justitie en Veiligheid", "Minister van Financiën", "Minister van Volksgezondheid, Welzijn en Sport",
	"Staatssecretaris van Financiën", "Minister van Binnenlandse Zaken en Koninkrijksrelaties", "Minister van Defensie"}

// SyntheticDocs returns n reproducible synthetic documents of
// sectionsPerDoc sections each (about 80 words a section, Zipf-distributed
// over a vocabulary of some 20,000 words, with the phrase "georganiseerde
// criminaliteit" in one section of forty), spread over 500 dossiers, eight
// types, six senders and twelve years. It serves benchmarks and load tests.
func SyntheticDocs(n, sectionsPerDoc int, seed uint64) []*document.Document {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	vocab := make([]string, 0, 20000)
	vocab = append(vocab, synthWords...)
	for i := len(vocab); i < 20000; i++ {
		vocab = append(vocab, fmt.Sprintf("term%05d", i))
	}
	zipf := rand.NewZipf(rand.New(rand.NewPCG(seed+1, seed+2)), 1.1, 2, uint64(len(vocab)-1))
	text := func(words int) string {
		var b strings.Builder
		for i := range words {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(vocab[zipf.Uint64()])
		}
		return b.String()
	}
	docs := make([]*document.Document, n)
	for i := range docs {
		dossier := fmt.Sprintf("%d", 30000+rng.IntN(500))
		year := 2012 + rng.IntN(12)
		d := &document.Document{
			ID: fmt.Sprintf("kst-%s-%d", dossier, i+1), Kamer: "tk", Dossier: dossier, Number: fmt.Sprint(i + 1),
			Vergaderjaar: fmt.Sprintf("%d-%d", year, year+1),
			Date:         fmt.Sprintf("%d-%02d-%02d", year, 1+rng.IntN(12), 1+rng.IntN(28)),
			Title:        text(6), Type: synthTypes[rng.IntN(len(synthTypes))],
			Sender: synthSenders[rng.IntN(len(synthSenders))], ExtractorVersion: "synthetic",
		}
		for j := range sectionsPerDoc {
			body := text(40 + rng.IntN(80))
			if rng.IntN(40) == 0 {
				body += " de aanpak van georganiseerde criminaliteit " + text(10)
			}
			d.Sections = append(d.Sections, document.Section{
				ID: fmt.Sprintf("s%d", j+1), Heading: text(3), Level: 1, Page: 1 + j,
				Text: body, Paragraphs: []document.Paragraph{{Start: 0, End: len(body), Page: 1 + j}},
			})
		}
		docs[i] = d
	}
	return docs
}

// SyntheticQueries are query mixes over SyntheticDocs, by kind: "term"
// (single words, frequent to rare), "phrase" and "faceted" (a word, four
// facets and a filter). Benchmarks of the indexer and of the HTTP layer
// use the same.
var SyntheticQueries = map[string][]Request{
	"term": {
		{Query: "ondermijning"}, {Query: "criminaliteit"}, {Query: "regeldruk"}, {Query: "term00500"},
		{Query: "stikstof"}, {Query: "politie"}, {Query: "term03000"}, {Query: "migratie"},
	},
	"phrase": {
		{Query: `"georganiseerde criminaliteit"`}, {Query: `"aanpak van georganiseerde"`},
		{Query: `"regionale samenwerking"`}, {Query: `"minister kamer"`},
	},
	"faceted": {
		{Query: "criminaliteit", Facets: DefaultFacets, Type: []string{"brief"}},
		{Query: "ondermijning", Facets: DefaultFacets, From: "2015", To: "2020"},
		{Query: "regeldruk", Facets: DefaultFacets, Sender: []string{"Minister van Financiën"}},
	},
}

package indexer

import (
	"strings"
	"testing"

	"kamerzoek/internal/document"
)

// para builds a section text from paragraphs and their spans, each
// paragraph on the given page.
func sec(id, parent, number, heading string, page int, paras ...string) document.Section {
	s := document.Section{ID: id, Parent: parent, Number: number, Heading: heading, Page: page, Level: 1}
	if parent != "" {
		s.Level = 2
	}
	var b strings.Builder
	for i, p := range paras {
		if i > 0 {
			b.WriteString("\n\n")
		}
		start := b.Len()
		b.WriteString(p)
		s.Paragraphs = append(s.Paragraphs, document.Paragraph{Start: start, End: b.Len(), Page: page + i})
	}
	s.Text = b.String()
	return s
}

// testDocs is a small hand-made corpus with the features search must
// handle: accents, toevoegingen, Kamervragen without dossier, Eerste Kamer
// letters, documents without a date, nested sections over several pages.
func testDocs() []*document.Document {
	return []*document.Document{
		{
			ID: "kst-29911-337", Kamer: "tk", Vergaderjaar: "2021-2022", Dossier: "29911", Number: "337",
			Title: "Bestrijding georganiseerde criminaliteit", Type: "brief", Date: "2021-11-17",
			Sender: "Minister van Justitie en Veiligheid", ExtractorVersion: "test-1",
			Sections: []document.Section{
				sec("s1", "", "", "Inleiding", 1,
					"Veiligheid is de voorwaarde voor een leefbare samenleving. De gevolgen van drugscriminaliteit doen zich voelen tot in onze steden en dorpen.",
					"Om de in- en uitvoer van drugs mogelijk te maken worden medewerkers geïntimideerd en onder druk gezet."),
				sec("s2", "", "", "Aanpak ondermijning: De basis op orde", 2,
					"Het programma-DG Ondermijning werkt op verschillende manieren aan het verstevigen van het fundament onder de structurele aanpak van ondermijning."),
				sec("s3", "s2", "1.", "Regionale versterkingsprogramma's", 3,
					"Ondermijning wortelt in de straten en in de wijken. In mijn brief van 13 november 2020 constateerde ik dat de versterkingsprogramma's zorgen voor regionale samenwerking.",
					"Met de structurele gelden die vanaf 2022 beschikbaar komen, kunnen succesvolle projecten worden doorgezet."),
				sec("s4", "s2", "2.", "Internationale aanpak", 4,
					"De aanpak van drugssmokkel via de haven van Rotterdam vraagt om internationale samenwerking met bronlanden en doorvoerlanden."),
			},
			Footnotes: []document.Footnote{
				{Number: 1, Page: 1, Text: "Kamerstuk 29 911, nr. 318.", Refs: []string{"kst-29911-318"}},
				{Number: 2, Page: 3, Text: "Kamerstuk 29 911, nr. 292.", Refs: []string{"kst-29911-292"}},
			},
			References: []document.Reference{{ID: "kst-29911-318"}, {ID: "kst-29911-292"}},
		},
		{
			ID: "kst-29911-318", Kamer: "tk", Vergaderjaar: "2020-2021", Dossier: "29911", Number: "318",
			Title: "Bestrijding georganiseerde criminaliteit", Type: "brief", Date: "2021-06-30",
			Sender: "Minister van Justitie en Veiligheid", ExtractorVersion: "test-1",
			Sections: []document.Section{
				sec("s1", "", "", "Evaluatie drugsbeleid", 1,
					"Het rapport Aanpak georganiseerde drugscriminaliteit, een terugblik op 25 jaar beleid en uitvoering, laat zien dat de inzet vaak te incidenteel was."),
			},
		},
		{
			ID: "kst-29911-292", Kamer: "tk", Vergaderjaar: "2020-2021", Dossier: "29911", Number: "292",
			Title: "Bestrijding georganiseerde criminaliteit", Type: "brief", Date: "2020-11-13",
			Sender: "Minister van Justitie en Veiligheid", ExtractorVersion: "test-1",
			Sections: []document.Section{
				sec("s1", "", "", "Voortgang versterkingsprogramma's", 1,
					"De tussentijdse review van de regionale versterkingsprogramma's laat verstevigde samenwerking zien. Door de coronacrisis zijn minder meters gemaakt."),
			},
		},
		{
			ID: "kst-35300-VII-8", Kamer: "tk", Vergaderjaar: "2019-2020", Dossier: "35300-VII", Number: "8",
			Title: "Vaststelling van de begrotingsstaten van het Ministerie van Binnenlandse Zaken en Koninkrijksrelaties (VII) voor het jaar 2020",
			Type:  "motie", Date: "2019-11-12", ExtractorVersion: "test-1",
			Sections: []document.Section{
				sec("s1", "", "", "Motie van het lid Van der Molen", 1,
					"De Kamer, gehoord de beraadslaging, verzoekt de regering een reünie van oud-burgemeesters te organiseren over bedreigingen van lokale bestuurders."),
			},
		},
		{
			ID: "kst-36200-VI-12", Kamer: "tk", Vergaderjaar: "2022-2023", Dossier: "36200-VI", Number: "12",
			Title: "Vaststelling van de begrotingsstaten van het Ministerie van Justitie en Veiligheid (VI) voor het jaar 2023",
			Type:  "brief", Date: "2022-10-20", Sender: "Minister van Justitie en Veiligheid", ExtractorVersion: "test-1",
			Sections: []document.Section{
				sec("s1", "", "", "Investeringen in de rechtsstaat", 1,
					"Het kabinet investeert structureel in de politie, het Openbaar Ministerie en de rechtspraak om ondermijnende criminaliteit te bestrijden."),
				sec("s2", "", "", "Gevangeniswezen", 2,
					"De capaciteit van het gevangeniswezen staat onder druk; extra cellen zijn nodig."),
			},
			References: []document.Reference{{ID: "kst-29911-337"}},
		},
		{
			ID: "kst-36200-VI-3", Kamer: "tk", Vergaderjaar: "2022-2023", Dossier: "36200-VI", Number: "3",
			Title: "Vaststelling van de begrotingsstaten van het Ministerie van Justitie en Veiligheid (VI) voor het jaar 2023",
			Type:  "memorie van toelichting", Date: "2022-09-20", Sender: "Minister van Justitie en Veiligheid", ExtractorVersion: "test-1",
			Sections: []document.Section{
				sec("s1", "", "", "Beleidsagenda", 1,
					"De beleidsagenda richt zich op een veilige samenleving, een sterke rechtsstaat en de aanpak van georganiseerde misdaad.",
					"Artikel 33 van de begroting bevat de middelen voor de politie."),
			},
		},
		{
			ID: "ah-tk-20202021-2348", Kamer: "tk", Vergaderjaar: "2020-2021", Number: "2348",
			Title: "Vragen over de reünie van veteranen in Den Haag", Type: "kamervragen", Date: "2021-04-02",
			Sender: "Minister van Defensie", ExtractorVersion: "test-1",
			Sections: []document.Section{
				{ID: "s1", Number: "1", Heading: "Vraag 1", Kind: "vraag", Page: 1, Level: 1,
					Text: "Bent u bekend met het bericht dat de jaarlijkse reünie van veteranen niet doorgaat?"},
				{ID: "s2", Number: "1", Heading: "Antwoord 1", Kind: "antwoord", Page: 1, Level: 1,
					Text: "Ja. De reünie wordt verplaatst naar het najaar vanwege de coronamaatregelen."},
			},
		},
		{
			ID: "kst-35564-B", Kamer: "ek", Vergaderjaar: "2020-2021", Dossier: "35564", Number: "B",
			Title: "Wijziging van de Wet wapens en munitie", Type: "memorie van antwoord", Date: "2021-03-09",
			Sender: "Minister van Justitie en Veiligheid", ExtractorVersion: "test-1",
			Sections: []document.Section{
				sec("s1", "", "", "Algemeen", 1,
					"De regering dankt de leden van de Eerste Kamer voor hun vragen over het verbod op het bezit van explosieven en zwaar vuurwerk."),
			},
			References: []document.Reference{{ID: "kst-29911-337"}, {ID: "kst-29911-318"}},
		},
		{
			ID: "kst-35564-3", Kamer: "tk", Vergaderjaar: "2020-2021", Dossier: "35564", Number: "3",
			Title: "Wijziging van de Wet wapens en munitie", Type: "memorie van toelichting",
			Sender: "Minister van Justitie en Veiligheid", ExtractorVersion: "test-1",
			Sections: []document.Section{
				sec("s1", "", "1.", "Inleiding", 1,
					"Dit wetsvoorstel strekt tot aanscherping van de regels over explosieven. Criminelen gebruiken zwaar vuurwerk bij aanslagen op woningen en bedrijfspanden."),
				sec("s2", "", "2.", "Verhouding tot ander recht", 2,
					"Het voorstel sluit aan bij de Europese richtlijn over precursoren voor explosieven."),
			},
		},
		{
			ID: "kst-31839-901", Kamer: "tk", Vergaderjaar: "2022-2023", Dossier: "31839", Number: "901",
			Title: "Geestelijke gezondheidszorg", Type: "brief", Date: "2022-12-01",
			Sender: "Staatssecretaris van Volksgezondheid, Welzijn en Sport", ExtractorVersion: "test-1",
			Sections: []document.Section{
				sec("s1", "", "", "Wachttijden in de ggz", 1,
					"De wachttijden in de geestelijke gezondheidszorg zijn nog altijd te lang. Cliënten wachten soms maanden op een intake."),
				sec("s2", "", "", "Preventie", 2,
					"Preventie voorkomt dat jongeren in de criminaliteit belanden; de samenwerking tussen ggz en gemeenten wordt versterkt."),
			},
		},
	}
}

// citedByOf counts, for each id, how many documents of docs reference it.
func citedByOf(docs []*document.Document) func(string) int {
	n := map[string]int{}
	for _, d := range docs {
		seen := map[string]bool{}
		for _, r := range d.References {
			if !seen[r.ID] {
				seen[r.ID] = true
				n[r.ID]++
			}
		}
	}
	return func(id string) int { return n[id] }
}

// openTestIndex returns an in-memory index holding docs.
func openTestIndex(t testing.TB, docs []*document.Document) *Index {
	t.Helper()
	ix, err := Open("", Options{InMemory: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ix.Close() })
	if err := ix.Put(docs, citedByOf(docs)); err != nil {
		t.Fatal(err)
	}
	return ix
}

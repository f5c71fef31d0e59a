package scalecorpus

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Options shape a synthetic corpus. Zero fields take the defaults named.
type Options struct {
	// N is the number of letters (required, > 0).
	N int
	// Seed makes the corpus reproducible (any value; 0 is a seed too).
	Seed uint64
	// MedianWords is the median body length in words (default 1500);
	// lengths are lognormal with shape Sigma (default 0.5).
	MedianWords int
	Sigma       float64
	// Notes is the mean number of footnotes of a letter of median length
	// (default 6); a longer letter has proportionally more.
	Notes float64
	// Dossiers is the number of dossiers (default 30 + N/200).
	Dossiers int
	// Start is the date of the first letter (default 2008-01-07); the
	// letters are spread over Years years (default 16) in order.
	Start time.Time
	Years int
}

func (o Options) withDefaults() Options {
	if o.MedianWords <= 0 {
		o.MedianWords = 1500
	}
	if o.Sigma <= 0 {
		o.Sigma = 0.5
	}
	if o.Notes <= 0 {
		o.Notes = 6
	}
	if o.Dossiers <= 0 {
		o.Dossiers = 30 + o.N/200
	}
	if o.Start.IsZero() {
		o.Start = time.Date(2008, 1, 7, 0, 0, 0, 0, time.UTC)
	}
	if o.Years <= 0 {
		o.Years = 16
	}
	return o
}

// Letter is one generated letter: its text and what a correct parse of it
// yields. Its JSON form is one line of a corpus manifest.
type Letter struct {
	// Seq is the letter's place in the corpus, from 0.
	Seq          int    `json:"seq"`
	ID           string `json:"id"`
	Kamer        string `json:"kamer"`
	Dossier      string `json:"dossier"`
	Number       string `json:"number"`
	Title        string `json:"title"`
	Type         string `json:"type"`
	Date         string `json:"date"`
	Vergaderjaar string `json:"vergaderjaar"`
	Sender       string `json:"sender"`
	Signatory    string `json:"signatory"`
	// Headings are the section headings in order, numbers included as
	// printed ("2. Internationale aanpak").
	Headings  []string `json:"headings"`
	Footnotes int      `json:"footnotes"`
	// Cites are the ids of the earlier letters this one cites, each once,
	// in order of first mention; External the other ids it cites
	// (Handelingen, Aanhangsel), which no letter of the corpus holds.
	Cites    []string `json:"cites"`
	External []string `json:"external,omitempty"`
	Words    int      `json:"words"`
	Bytes    int      `json:"bytes"`
	// File is the letter's path relative to the corpus folder, set by Write.
	File string `json:"file,omitempty"`
	Text string `json:"-"`
}

type sender struct{ office, name string }

var senders = []sender{
	{"Minister van Justitie en Veiligheid", "D. Yeşilgöz-Zegerius"},
	{"Minister van Financiën", "W.B. Hoekstra"},
	{"Staatssecretaris van Financiën", "M.L.A. van Rij"},
	{"Minister van Binnenlandse Zaken en Koninkrijksrelaties", "H.G.J. Bruins Slot"},
	{"Minister van Infrastructuur en Waterstaat", "M.G.J. Harbers"},
	{"Minister voor Rechtsbescherming", "F.M. Weerwind"},
	{"Minister van Defensie", "K.H. Ollongren"},
	{"Minister van Sociale Zaken en Werkgelegenheid", "C.E.G. van Gennip"},
	{"Minister van Economische Zaken en Klimaat", "M.A.M. Adriaansens"},
	{"Staatssecretaris van Justitie en Veiligheid", "E. van der Burg"},
}

// docTitles are the printed document titles besides a minister's letter,
// with the type each yields.
var docTitles = []struct{ title, typ string }{
	{"NOTA NAAR AANLEIDING VAN HET VERSLAG", "nota naar aanleiding van het verslag"},
	{"MEMORIE VAN TOELICHTING", "memorie van toelichting"},
}

var toevoegingen = []string{"VI", "VII", "VIII", "IX", "X", "XII", "XIII", "XIV", "XV", "XVI", "XVII", "XVIII"}

var months = []string{"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"}

var fallbackTitles = []string{"Bestrijding georganiseerde criminaliteit", "Rijksbegroting", "Klimaatbeleid",
	"Toekomst pensioenstelsel", "Woningbouwopgave", "Onderwijsbeleid", "Vreemdelingenbeleid", "Zorgverzekeringsstelsel"}

var fallbackHeadings = []string{"Inleiding", "Achtergrond", "Stand van zaken", "Vervolg", "Tot slot", "Financiën", "Uitvoering", "Planning"}

type dossier struct {
	nr, toev, printed, title string
	next                     int
	letters                  []int32 // letters of this dossier so far
}

func (d *dossier) id(number int) string {
	if d.toev != "" {
		return "kst-" + d.nr + "-" + d.toev + "-" + strconv.Itoa(number)
	}
	return "kst-" + d.nr + "-" + strconv.Itoa(number)
}

type held struct {
	dossier int32
	number  int32
	date    time.Time
}

// Generator produces the letters of one corpus in order, each citing only
// letters before it. Its memory grows by a few machine words per letter
// and citation, never by the text.
type Generator struct {
	m        *Material
	o        Options
	rng      *rand.Rand
	zipf     *rand.Zipf
	dossiers []*dossier
	held     []held
	// urn holds each letter once, plus once more for every citation it
	// received: a uniform draw from it is preferential attachment.
	urn  []int32
	seq  int
	cur  int32   // dossier of the letter being made
	span float64 // days between the first and the last letter
}

// New returns a generator of o.N letters made of m's material.
func New(m *Material, o Options) (*Generator, error) {
	o = o.withDefaults()
	if o.N <= 0 {
		return nil, fmt.Errorf("scalecorpus: N must be positive, got %d", o.N)
	}
	if m == nil || len(m.Sentences) < minSentences {
		return nil, ErrNoMaterial
	}
	rng := rand.New(rand.NewPCG(o.Seed, o.Seed^0x5bd1e9955bd1e995))
	g := &Generator{m: m, o: o, rng: rng, span: float64(o.Years) * 365.25}
	titles := m.Titles
	if len(titles) == 0 {
		titles = fallbackTitles
	}
	used := map[int]bool{}
	for i := 0; i < o.Dossiers; i++ {
		n := 28000 + rng.IntN(9000)
		for used[n] {
			n = 28000 + rng.IntN(9000)
		}
		used[n] = true
		d := &dossier{nr: strconv.Itoa(n), title: titles[rng.IntN(len(titles))], next: 1 + rng.IntN(200)}
		d.printed = d.nr[:2] + " " + d.nr[2:]
		if rng.IntN(7) == 0 {
			d.toev = toevoegingen[rng.IntN(len(toevoegingen))]
			d.printed += " " + d.toev
		}
		g.dossiers = append(g.dossiers, d)
	}
	g.zipf = rand.NewZipf(rng, 1.2, 3, uint64(len(g.dossiers)-1))
	return g, nil
}

// Next returns the next letter, or false when all N have been made.
func (g *Generator) Next() (*Letter, bool) {
	if g.seq >= g.o.N {
		return nil, false
	}
	i := g.seq
	g.seq++
	rng := g.rng
	di := int32(g.zipf.Uint64())
	d := g.dossiers[di]
	g.cur = di
	number := d.next
	d.next++
	day := g.span * float64(i) / float64(g.o.N)
	date := g.o.Start.AddDate(0, 0, int(day))
	snd := senders[rng.IntN(len(senders))]
	l := &Letter{Seq: i, ID: d.id(number), Kamer: "tk", Dossier: d.nr, Number: strconv.Itoa(number), Title: d.title,
		Type: "brief", Date: date.Format("2006-01-02"), Vergaderjaar: vergaderjaar(date), Sender: snd.office, Signatory: snd.name}
	if d.toev != "" {
		l.Dossier += "-" + d.toev
	}
	docTitle := "BRIEF VAN DE " + strings.ToUpper(snd.office)
	if rng.IntN(100) < 12 {
		t := docTitles[rng.IntN(len(docTitles))]
		docTitle, l.Type = t.title, t.typ
	}

	words := int(float64(g.o.MedianWords) * math.Exp(g.o.Sigma*rng.NormFloat64()))
	words = min(max(words, 150), 30*g.o.MedianWords)
	body := g.body(words, l)
	nNotes := poisson(rng, g.o.Notes*float64(words)/float64(g.o.MedianWords))
	notes := g.notes(nNotes, i, date, l)
	g.bodyRef(body, i, l)

	var b strings.Builder
	b.WriteString("Tweede Kamer der Staten-Generaal\n\n")
	fmt.Fprintf(&b, "Vergaderjaar %s\n\n", strings.Replace(l.Vergaderjaar, "-", "–", 1))
	fmt.Fprintf(&b, "%s\n\n%s\n\nNr. %d\n\n%s\n\n", d.printed, d.title, number, docTitle)
	b.WriteString("Aan de Voorzitter van de Tweede Kamer der Staten-Generaal\n\n")
	fmt.Fprintf(&b, "Den Haag, %s\n\n", dutchDate(date))
	g.render(&b, body, notes)
	fmt.Fprintf(&b, "De %s,\n%s\n", snd.office, snd.name)
	l.Text = b.String()
	l.Bytes = len(l.Text)
	l.Footnotes = len(notes)

	g.held = append(g.held, held{dossier: di, number: int32(number), date: date})
	d.letters = append(d.letters, int32(i))
	g.urn = append(g.urn, int32(i))
	return l, true
}

// section is a heading and its paragraphs, each a list of sentences.
type section struct {
	heading string
	paras   [][]string
}

// body draws sections of 2–6 paragraphs of 3–7 sentences until the letter
// has about words words, and records the headings in l.
func (g *Generator) body(words int, l *Letter) []section {
	rng := g.rng
	heads := g.m.Headings
	if len(heads) < 5 {
		heads = append(append([]string(nil), heads...), fallbackHeadings...)
	}
	numbered := rng.IntN(2) == 0
	var secs []section
	n := 0
	for n < words {
		s := section{heading: heads[rng.IntN(len(heads))]}
		if numbered {
			s.heading = strconv.Itoa(len(secs)+1) + ". " + s.heading
		}
		for p := 2 + rng.IntN(5); p > 0 && n < words; p-- {
			var para []string
			for k := 3 + rng.IntN(5); k > 0; k-- {
				sent := g.m.Sentences[rng.IntN(len(g.m.Sentences))]
				para = append(para, sent)
				n += strings.Count(sent, " ") + 1
			}
			s.paras = append(s.paras, para)
		}
		secs = append(secs, s)
		l.Headings = append(l.Headings, s.heading)
	}
	l.Words = n
	return secs
}

// note is a footnote's text and where its marker stands.
type note struct {
	text       string
	para, sent int // flat paragraph index, sentence index
}

// cite draws an earlier letter: mostly by preferential attachment, some
// of the time a recent letter of the citing letter's own dossier.
func (g *Generator) cite() int32 {
	if d := g.dossiers[g.cur]; len(d.letters) > 0 && g.rng.IntN(10) < 3 {
		t := d.letters[len(d.letters)-1-g.rng.IntN(min(len(d.letters), 20))]
		g.urn = append(g.urn, t)
		return t
	}
	t := g.urn[g.rng.IntN(len(g.urn))]
	g.urn = append(g.urn, t)
	return t
}

// notes makes n footnotes for letter self and adds what they cite to l.
func (g *Generator) notes(n, self int, date time.Time, l *Letter) []note {
	rng := g.rng
	out := make([]note, 0, n)
	for k := 0; k < n; k++ {
		if self == 0 || rng.IntN(100) < 12 {
			out = append(out, note{text: g.external(date, l)})
			continue
		}
		t := g.cite()
		h := g.held[t]
		d := g.dossiers[h.dossier]
		l.addCite(d.id(int(h.number)))
		if rng.IntN(100) < 12 && len(d.letters) > 1 {
			// A second paper of the same dossier: "nrs. a en b".
			u := d.letters[rng.IntN(len(d.letters))]
			if hu := g.held[u]; hu.number != h.number {
				a, b := min(h.number, hu.number), max(h.number, hu.number)
				l.addCite(d.id(int(hu.number)))
				g.urn = append(g.urn, u)
				out = append(out, note{text: fmt.Sprintf("Kamerstuk %s, nrs. %d en %d.", d.printed, a, b)})
				continue
			}
		}
		out = append(out, note{text: g.kstForm(d, h)})
	}
	return out
}

// kstForm writes a reference to held letter h of dossier d in one of the
// citation grammar's forms.
func (g *Generator) kstForm(d *dossier, h held) string {
	vj := vergaderjaar(h.date)
	y1, y2 := vj[:4], vj[5:]
	switch g.rng.IntN(6) {
	case 0:
		return fmt.Sprintf("Kamerstukken II %s/%s, %s, nr. %d.", y1, y2[2:], d.printed, h.number)
	case 1:
		return fmt.Sprintf("Kamerstukken II %s–%s, %s, nr. %d.", y1, y2, d.printed, h.number)
	case 2:
		return fmt.Sprintf("Zie ook Kamerstuk %s, nr. %d, p. %d.", d.printed, h.number, 1+g.rng.IntN(12))
	case 3:
		return fmt.Sprintf("Brief van %s, Kamerstuk %s, nr. %d.", dutchDate(h.date), d.printed, h.number)
	case 4:
		return fmt.Sprintf("Kamerstuk %s nr. %d.", d.printed, h.number)
	}
	return fmt.Sprintf("Kamerstuk %s, nr. %d.", d.printed, h.number)
}

// external writes a reference to a Handelingen or Aanhangsel item of the
// letter's vergaderjaar or the one before, and records its id.
func (g *Generator) external(date time.Time, l *Letter) string {
	vj := vergaderjaar(date.AddDate(0, -g.rng.IntN(12), 0))
	y1, y2 := vj[:4], vj[5:]
	vj8 := y1 + y2
	if g.rng.IntN(2) == 0 {
		nr := 1 + g.rng.IntN(3500)
		l.addExternal(fmt.Sprintf("ah-tk-%s-%d", vj8, nr))
		return fmt.Sprintf("Aanhangsel Handelingen II %s/%s, nr. %d.", y1, y2[2:], nr)
	}
	v, item := 1+g.rng.IntN(110), 1+g.rng.IntN(20)
	l.addExternal(fmt.Sprintf("h-tk-%s-%d-%d", vj8, v, item))
	return fmt.Sprintf("Handelingen II %s/%s, nr. %d, item %d.", y1, y2[2:], v, item)
}

// bodyRef puts a reference in parentheses at the end of one sentence of
// the body of three letters in ten.
func (g *Generator) bodyRef(body []section, self int, l *Letter) {
	if self == 0 || g.rng.IntN(10) >= 3 {
		return
	}
	s := &body[g.rng.IntN(len(body))]
	p := s.paras[g.rng.IntN(len(s.paras))]
	k := g.rng.IntN(len(p))
	t := g.cite()
	h := g.held[t]
	d := g.dossiers[h.dossier]
	l.addCite(d.id(int(h.number)))
	p[k] = strings.TrimSuffix(p[k], ".") + fmt.Sprintf(" (Kamerstuk %s, nr. %d).", d.printed, h.number)
}

// render writes the sections with the notes' markers after the sentences
// they belong to, and each note after its paragraph.
func (g *Generator) render(b *strings.Builder, body []section, notes []note) {
	type pos struct{ para, sent int }
	var all []pos
	flat := 0
	for _, s := range body {
		for _, p := range s.paras {
			for k := range p {
				all = append(all, pos{flat, k})
			}
			flat++
		}
	}
	if len(notes) > len(all) {
		notes = notes[:len(all)]
	}
	picks := g.rng.Perm(len(all))[:len(notes)]
	sort.Ints(picks)
	for i := range notes {
		notes[i].para, notes[i].sent = all[picks[i]].para, all[picks[i]].sent
	}
	ni := 0
	flat = 0
	for _, s := range body {
		b.WriteString(s.heading)
		b.WriteString("\n\n")
		for _, p := range s.paras {
			first := ni
			for k, sent := range p {
				if k > 0 {
					b.WriteByte(' ')
				}
				b.WriteString(sent)
				if ni < len(notes) && notes[ni].para == flat && notes[ni].sent == k {
					b.WriteString(superscript(ni + 1))
					ni++
				}
			}
			b.WriteString("\n\n")
			for j := first; j < ni; j++ {
				fmt.Fprintf(b, "%s %s\n\n", superscript(j+1), notes[j].text)
			}
			flat++
		}
	}
}

func (l *Letter) addCite(id string) {
	for _, c := range l.Cites {
		if c == id {
			return
		}
	}
	l.Cites = append(l.Cites, id)
}

func (l *Letter) addExternal(id string) {
	for _, c := range l.External {
		if c == id {
			return
		}
	}
	l.External = append(l.External, id)
}

// vergaderjaar returns the parliamentary year of date ("2021-2022"); a
// year starts in September.
func vergaderjaar(t time.Time) string {
	y := t.Year()
	if t.Month() < time.September {
		y--
	}
	return strconv.Itoa(y) + "-" + strconv.Itoa(y+1)
}

func dutchDate(t time.Time) string {
	return fmt.Sprintf("%d %s %d", t.Day(), months[t.Month()-1], t.Year())
}

var supDigits = []string{"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"}

func superscript(n int) string {
	var b strings.Builder
	for _, c := range strconv.Itoa(n) {
		b.WriteString(supDigits[c-'0'])
	}
	return b.String()
}

// poisson draws from a Poisson distribution with mean lambda.
func poisson(rng *rand.Rand, lambda float64) int {
	if lambda <= 0 {
		return 0
	}
	if lambda > 30 {
		return max(0, int(math.Round(lambda+math.Sqrt(lambda)*rng.NormFloat64())))
	}
	l, k, p := math.Exp(-lambda), 0, 1.0
	for {
		p *= rng.Float64()
		if p <= l {
			return k
		}
		k++
	}
}

package nlmorph

import (
	_ "embed"
	"math"
	"strconv"
	"strings"
)

// vocabularyFile holds the known words, one a line with its count: the
// words of the real parliamentary documents the project is tested on that
// occur at least twice, lower-cased and folded, at least MinPart letters
// long. It is written by the indexer's TestVocabularyFile with
// -update-vocab.
//
//go:embed vocab.txt
var vocabularyFile string

// MinPart is the shortest part a compound is split into.
const MinPart = 4

// MinCompound is the shortest word the decompounder tries to split.
const MinCompound = 2 * MinPart

// Decompounder splits compounds into known words.
type Decompounder struct {
	words map[string]int // word → count
}

// NewDecompounder returns a decompounder over the embedded vocabulary.
func NewDecompounder() *Decompounder {
	words := map[string]int{}
	for _, l := range strings.Split(vocabularyFile, "\n") {
		w, n, ok := strings.Cut(l, " ")
		if !ok {
			continue
		}
		c, err := strconv.Atoi(n)
		if err == nil {
			words[w] = c
		}
	}
	return NewDecompounderWords(words)
}

// NewDecompounderWords returns a decompounder that knows words (lower case,
// folded) with how often they occur; words shorter than MinPart, affixes
// and particles are ignored.
func NewDecompounderWords(words map[string]int) *Decompounder {
	d := &Decompounder{words: make(map[string]int, len(words))}
	for w, n := range words {
		if len(w) >= MinPart && !notParts[w] && n > 0 {
			d.words[w] = n
		}
	}
	return d
}

// Len is the number of known words.
func (d *Decompounder) Len() int { return len(d.words) }

// notParts are strings that are words or frequent word ends but no part a
// reader means: suffixes ("heid", "schap"), prefixes and particles that
// make verbs and nouns of other words ("over", "onder", "voor").
var notParts = map[string]bool{
	"heid": true, "heden": true, "schap": true, "schappen": true, "lijk": true, "lijke": true,
	"baar": true, "bare": true, "isch": true, "ische": true, "loos": true, "loze": true,
	"zaam": true, "zame": true, "ingen": true, "achtig": true, "tjes": true, "teit": true,
	"over": true, "onder": true, "voor": true, "door": true, "tegen": true, "achter": true,
	"boven": true, "binnen": true, "buiten": true, "mede": true, "terug": true, "samen": true,
	"weder": true, "weer": true, "toch": true, "naar": true, "maar": true, "waar": true,
	"elke": true, "ieder": true, "iedere": true, "deze": true, "niet": true, "geen": true,
	"meer": true, "veel": true, "zeer": true, "ende": true, "erin": true, "eren": true,
	"ering": true, "atie": true, "aties": true, "ings": true, "lande": true,
}

// links are the linking sounds between the parts of a compound
// ("veiligheid-s-dienst", "ziekte-n-huis", "boek-en-kast").
var links = []string{"", "s", "en", "e", "n"}

// Split returns the known parts of w when it is a compound of known words,
// joined with or without a linking s, e, en or n; nil when it is not. The
// first part is the longest known word w starts with; the rest is a known
// word or itself split, and its parts follow it: "stikstofuitstoot" →
// [stikstof uitstoot], "regeldrukeffecten" → [regeldruk effecten],
// "energieleveringszekerheid" → [energie leveringszekerheid levering
// zekerheid].
//
// A split must be likelier than the whole (Koehn and Knight's measure): the
// geometric mean of the parts' counts at least the count of the word, so
// that a word used as one ("maatregel", "hoofdstuk") is not read as "maat"
// and "regel".
func (d *Decompounder) Split(w string) []string {
	parts, _ := d.split(w)
	return parts
}

// split returns the parts of w and the count that stands for them: the
// geometric mean of the parts' counts.
func (d *Decompounder) split(w string) ([]string, float64) {
	if len(w) < MinCompound {
		return nil, 0
	}
	whole := float64(d.words[w])
	for i := len(w) - MinPart; i >= MinPart; i-- {
		head := w[:i]
		hn := d.words[head]
		if hn == 0 {
			continue
		}
		for _, l := range links {
			rest := w[i:]
			if !strings.HasPrefix(rest, l) || len(rest)-len(l) < MinPart {
				continue
			}
			tail := rest[len(l):]
			tn := float64(d.words[tail])
			sub, subn := d.split(tail)
			if tn == 0 {
				tn = subn
			}
			if tn == 0 {
				continue
			}
			if gm := math.Sqrt(float64(hn) * tn); gm >= whole {
				return append([]string{head, tail}, sub...), gm
			}
		}
	}
	return nil, 0
}

// Package nlmorph is the Dutch morphology of kamerzoek's search: a stemmer
// under which singular and plural nouns meet, and a decompounder that
// finds the known parts of compounds ("stikstofuitstoot" → "stikstof",
// "uitstoot"). It works on lower-cased, accent-folded words and knows
// nothing of indexes.
package nlmorph

import (
	"strings"

	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/dutch"
)

// Stem returns the stem of a lower-case word. It is the Snowball Dutch
// stemmer with what that stemmer leaves apart put together:
//
//   - plurals in -s after a vowel: "provincies" and "provincie", "waardes"
//     and "waarde", "gegevens" and "gegeven";
//   - -en plurals with a doubled consonant ("tabellen", "plannen"), with
//     z for s ("huizen", "adviezen") and v for f ("brieven");
//   - singulars that end in a consonant and s ("mens", "grens", "plaats"),
//     which Snowball cuts to "men" while it cuts "mensen" to "mens".
//
// The stem is not a word; two words share one when they are forms of one.
func Stem(w string) string {
	if len(w) < 3 || keep[w] {
		return w
	}
	s := snowball(singular(diminutive(w)))
	// The Snowball stem of a Snowball stem can be shorter still ("mensen"
	// → "mens" → "men", the stem of "mens"): stem until nothing changes, so
	// that a plural and its singular arrive at one stem.
	for i := 0; i < 3; i++ {
		next := snowball(canon(s))
		if next == s {
			break
		}
		s = next
	}
	return s
}

// keep are words in -s that are no plurals: prepositions and adverbs
// ("tijdens" is not "tijden", "volgens" not "volgen"). They stem to
// themselves.
var keep = map[string]bool{
	"tijdens": true, "volgens": true, "wegens": true, "krachtens": true,
	"blijkens": true, "behoudens": true, "middels": true, "slechts": true,
	"langs": true, "nieuws": true, "ondanks": true, "steeds": true,
	"elders": true, "anders": true, "eens": true,
}

func snowball(w string) string {
	env := snowballstem.NewEnv(w)
	dutch.Stem(env)
	return env.Current()
}

// singular undoes the plurals in -s that Snowball leaves: after a vowel
// ("provincies", "colleges", "niveaus") and after "en" ("gegevens").
func singular(w string) string {
	n := len(w)
	switch {
	case strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "’s"):
		// "programma's", "regio's": the apostrophe filter cuts these in
		// analysis; Stem takes them whole too.
		return w[:strings.LastIndexAny(w, "'’")]
	case n >= 5 && strings.HasSuffix(w, "ies") && !endsWithAny(w, "advies", "verlies", "kies"):
		return w[:n-1]
	case n >= 5 && strings.HasSuffix(w, "es") && strings.IndexByte("bdfgklmnpstvz", w[n-3]) >= 0,
		n >= 6 && endsWithAny(w, "ures", "ores", "ieres", "ches"):
		// "waardes", "periodes", "colleges", "keuzes", "procedures",
		// "scores", "fiches"; not "proces", "adres", "congres", "succes".
		return w[:n-1]
	case n >= 7 && strings.HasSuffix(w, "ens") && !endsWithAny(w, "mens", "wens", "grens", "lens", "pens"):
		// "gegevens", "voornemens", "inkomens".
		return w[:n-1]
	case n >= 5 && strings.HasSuffix(w, "aus"):
		// "niveaus", "bureaus".
		return w[:n-1]
	}
	return w
}

// diminutive undoes the diminutive: "briefje", "stukjes" → "brief",
// "stuk"; "plannetje" → "plan".
func diminutive(w string) string {
	n := len(w)
	cut := 0
	switch {
	case n >= 7 && strings.HasSuffix(w, "jes"):
		cut = 3
	case n >= 6 && strings.HasSuffix(w, "je"):
		cut = 2
	default:
		return w
	}
	if isVowel(w[n-cut-1]) {
		return w
	}
	s := w[:n-cut]
	if m := len(s); m >= 5 && strings.HasSuffix(s, "et") && s[m-3] == s[m-4] && !isVowel(s[m-3]) {
		s = s[:m-3]
	}
	return s
}

// canon evens out the spellings an -en plural gives a stem: a doubled
// final consonant ("tabell" → "tabel"), z for s ("huiz" → "huis"), v for f
// ("briev" → "brief").
func canon(s string) string {
	n := len(s)
	if n < 3 {
		return s
	}
	if strings.HasSuffix(s, "iaal") {
		// "materiaal", "materialen" → "material"
		return s[:n-2] + "l"
	}
	last := s[n-1]
	if last == s[n-2] && !isVowel(last) {
		return s[:n-1]
	}
	switch last {
	case 'z':
		return s[:n-1] + "s"
	case 'v':
		return s[:n-1] + "f"
	}
	return s
}

func isVowel(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u', 'y':
		return true
	}
	return false
}

func endsWithAny(w string, suffixes ...string) bool {
	for _, s := range suffixes {
		if strings.HasSuffix(w, s) {
			return true
		}
	}
	return false
}

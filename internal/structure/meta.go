package structure

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Helpers shared by the text, PDF and XML readers. Their signatures are
// stable: other files of this package call them.

var dutchMonths = map[string]int{
	"januari": 1, "februari": 2, "maart": 3, "april": 4, "mei": 5, "juni": 6,
	"juli": 7, "augustus": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
	"jan": 1, "feb": 2, "febr": 2, "mrt": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
	"sep": 9, "sept": 9, "okt": 10, "nov": 11, "dec": 12,
}

var (
	reDutchDate   = regexp.MustCompile(`(?i)\b(\d{1,2})\s*(?:e\s+)?(januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|jan|febr?|mrt|apr|jun|jul|aug|sept?|okt|nov|dec)\.?\s+(\d{4})\b`)
	reNumericDate = regexp.MustCompile(`\b(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\b`)
	reISODate     = regexp.MustCompile(`\b(\d{4})-(\d{2})-(\d{2})\b`)
)

// parseDutchDate finds the first date in s written as "17 november 2021",
// "1 mrt. 2011", "17-11-2021" or "2021-11-17" and returns it as
// YYYY-MM-DD, or "" when s holds no valid date.
func parseDutchDate(s string) string {
	if d := parseDate(s); d != "" {
		return d
	}
	// OCR and broken text layers split words: "22 jun i 2022".
	return parseDate(joinLetterRuns(s))
}

// joinLetterRuns removes single spaces between two lower-case letters.
func joinLetterRuns(s string) string {
	b := []rune(s)
	out := make([]rune, 0, len(b))
	for i, r := range b {
		if r == ' ' && i > 0 && i+1 < len(b) && unicode.IsLower(b[i-1]) && unicode.IsLower(b[i+1]) {
			continue
		}
		out = append(out, r)
	}
	return string(out)
}

func parseDate(s string) string {
	best, bestPos := "", len(s)+1
	if m := reDutchDate.FindStringSubmatchIndex(s); m != nil {
		d, _ := strconv.Atoi(s[m[2]:m[3]])
		mo := dutchMonths[strings.ToLower(s[m[4]:m[5]])]
		y, _ := strconv.Atoi(s[m[6]:m[7]])
		if v := formatDate(y, mo, d); v != "" {
			best, bestPos = v, m[0]
		}
	}
	if m := reNumericDate.FindStringSubmatchIndex(s); m != nil && m[0] < bestPos {
		d, _ := strconv.Atoi(s[m[2]:m[3]])
		mo, _ := strconv.Atoi(s[m[4]:m[5]])
		y, _ := strconv.Atoi(s[m[6]:m[7]])
		if mo > 12 && d <= 12 {
			d, mo = mo, d // an American month/day/year
		}
		if v := formatDate(y, mo, d); v != "" {
			best, bestPos = v, m[0]
		}
	}
	if m := reISODate.FindStringSubmatchIndex(s); m != nil && m[0] < bestPos {
		y, _ := strconv.Atoi(s[m[2]:m[3]])
		mo, _ := strconv.Atoi(s[m[4]:m[5]])
		d, _ := strconv.Atoi(s[m[6]:m[7]])
		if v := formatDate(y, mo, d); v != "" {
			best = v
		}
	}
	return best
}

func formatDate(y, m, d int) string {
	if y < 1800 || y > 2200 || m < 1 || m > 12 || d < 1 || d > 31 {
		return ""
	}
	return strconv.Itoa(y) + "-" + pad2(m) + "-" + pad2(d)
}

func pad2(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

var reVergaderjaar = regexp.MustCompile(`(?i)vergaderjaar\s+(\d{4})\s*[–—\-/]\s*(\d{2,4})`)

// parseVergaderjaar finds "Vergaderjaar 2021–2022" (any dash, or a slash)
// in s and returns "2021-2022", or "".
func parseVergaderjaar(s string) string {
	m := reVergaderjaar.FindStringSubmatch(s)
	if m == nil {
		return ""
	}
	return normVergaderjaar(m[1], m[2])
}

// normVergaderjaar turns the two years of a vergaderjaar ("2021", "22" or
// "2022") into "2021-2022"; "" when they do not follow each other.
func normVergaderjaar(a, b string) string {
	y1, err1 := strconv.Atoi(a)
	y2, err2 := strconv.Atoi(b)
	if err1 != nil || err2 != nil {
		return ""
	}
	if y2 < 100 {
		y2 += y1 / 100 * 100
		if y2 < y1 {
			y2 += 100
		}
	}
	if y2 != y1+1 {
		return ""
	}
	return strconv.Itoa(y1) + "-" + strconv.Itoa(y2)
}

// reDossierLine matches a dossier number as printed on its own line:
// "29 911", "36 200 VI", "21 501-20", "36 450".
var reDossierLine = regexp.MustCompile(`^(\d{2}) ?(\d{3})(?:[ -]?((?:[A-Z]{1,5})|(?:\d{1,3})))?$`)

// parseDossierLine returns the normalised dossier number ("29911",
// "36200-VI", "21501-20") when line is nothing but a dossier number.
func parseDossierLine(line string) string {
	m := reDossierLine.FindStringSubmatch(strings.TrimSpace(line))
	if m == nil {
		return ""
	}
	d := m[1] + m[2]
	if m[3] != "" {
		d += "-" + m[3]
	}
	return d
}

var reNrLine = regexp.MustCompile(`^Nr\.\s*([0-9]+[A-Za-z]?|[A-Z]{1,3})$`)

// parseNrLine returns "337" for the line "Nr. 337", else "".
func parseNrLine(line string) string {
	m := reNrLine.FindStringSubmatch(strings.TrimSpace(line))
	if m == nil {
		return ""
	}
	return m[1]
}

// kstID returns the canonical id of a Kamerstuk, "kst-29911-337", or ""
// when dossier or number is missing.
func kstID(dossier, number string) string {
	if dossier == "" || number == "" {
		return ""
	}
	return "kst-" + dossier + "-" + number
}

// kamerOf returns "tk" or "ek" when s names the Tweede or Eerste Kamer.
func kamerOf(s string) string {
	ls := strings.ToLower(s)
	ti := strings.Index(ls, "tweede kamer")
	ei := strings.Index(ls, "eerste kamer")
	switch {
	case ti >= 0 && (ei < 0 || ti < ei):
		return "tk"
	case ei >= 0:
		return "ek"
	}
	return ""
}

// typeFromTitle derives the short type label from the document title as
// printed under "Nr. N" ("BRIEF VAN DE MINISTER ..." → "brief").
func typeFromTitle(t string) string {
	l := strings.ToLower(strings.Join(strings.Fields(t), " "))
	switch {
	case l == "":
		return ""
	case strings.HasPrefix(l, "brief"):
		return "brief"
	case strings.HasPrefix(l, "motie"), strings.Contains(l, "gewijzigde motie"):
		return "motie"
	case strings.HasPrefix(l, "memorie van toelichting"):
		return "memorie van toelichting"
	case strings.HasPrefix(l, "memorie van antwoord"):
		return "memorie van antwoord"
	case strings.HasPrefix(l, "nota naar aanleiding van het verslag"):
		return "nota naar aanleiding van het verslag"
	case strings.Contains(l, "nota van wijziging"):
		return "nota van wijziging"
	case strings.HasPrefix(l, "advies"), strings.Contains(l, "nader rapport"):
		return "advies raad van state"
	case strings.HasPrefix(l, "koninklijke boodschap"):
		return "koninklijke boodschap"
	case strings.HasPrefix(l, "voorstel van wet"), strings.HasPrefix(l, "gewijzigd voorstel van wet"):
		return "voorstel van wet"
	case strings.Contains(l, "amendement"):
		return "amendement"
	case strings.HasPrefix(l, "verslag van een schriftelijk overleg"):
		return "verslag schriftelijk overleg"
	case strings.HasPrefix(l, "verslag"):
		return "verslag"
	case strings.HasPrefix(l, "lijst van vragen"):
		return "lijst van vragen en antwoorden"
	case strings.HasPrefix(l, "nota"):
		return "nota"
	}
	return ""
}

// isTerminal reports whether r ends a sentence or clause so that the next
// block cannot continue it.
func isTerminal(r rune) bool {
	switch r {
	case '.', '!', '?', ':', ';', '»', '"', '”', ')':
		return true
	}
	return false
}

// lastRune and firstRune return the last / first rune of s, or 0.
func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	if r == utf8.RuneError {
		return 0
	}
	return r
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return 0
	}
	return r
}

var reHeadingNumber = regexp.MustCompile(`^((?:\d{1,2}\.)+\d{0,2}|\d{1,2}|[IVX]{1,6}\.?|[A-Z]\.|Artikel [0-9]+[a-z]?|ARTIKEL [0-9IVX]+[a-z]?|Hoofdstuk [0-9IVX]+|HOOFDSTUK [0-9IVX]+|Paragraaf [0-9.]+|§ ?[0-9.]+)\s+(\S.*)$`)

// splitHeadingNumber splits "2.3 Doel" into ("2.3", "Doel"), "I. Algemeen"
// into ("I", "Algemeen") and "Artikel 1" into ("Artikel 1", ""). A line
// without a number gives ("", line).
func splitHeadingNumber(line string) (num, rest string) {
	line = strings.TrimSpace(line)
	if m := reDivision.FindStringSubmatch(line); m != nil {
		return m[1] + " " + m[2], strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(m[3]), "."))
	}
	if m := reArtikelOnly.FindStringSubmatch(line); m != nil {
		return m[1], ""
	}
	m := reHeadingNumber.FindStringSubmatch(line)
	if m == nil {
		return "", line
	}
	return strings.TrimSuffix(m[1], "."), m[2]
}

// reDivision matches the divisions of a law: "BOEK 1 ...", "TITEL 1.2
// ...", "Afdeling 3", "Artikel 1.1.5".
var reDivision = regexp.MustCompile(`^(BOEK|Boek|DEEL|Deel|HOOFDSTUK|Hoofdstuk|TITEL|Titel|AFDELING|Afdeling|PARAGRAAF|Paragraaf|ARTIKEL|Artikel)\s+([0-9]{1,3}(?:\.[0-9]{1,3})*[a-z]?|[IVXLC]{1,6})\.?(?:\s+(\S.*))?$`)

// divisionRank orders the divisions of a law from the largest (1) down;
// 0 for a number that is no division.
func divisionRank(num string) int {
	w := strings.ToLower(num)
	if i := strings.IndexByte(w, ' '); i > 0 {
		w = w[:i]
	}
	switch w {
	case "boek", "deel":
		return 1
	case "hoofdstuk":
		return 2
	case "titel":
		return 3
	case "afdeling":
		return 4
	case "paragraaf":
		return 5
	case "artikel":
		return 6
	}
	return 0
}

var reArtikelOnly = regexp.MustCompile(`^((?:Artikel|ARTIKEL|Hoofdstuk|HOOFDSTUK) [0-9IVX]+[a-z]?)\.?$`)

// numberDepth is the depth of a heading number: "2" → 1, "2.3" → 2.
func numberDepth(num string) int {
	if num == "" {
		return 0
	}
	if num[0] >= '0' && num[0] <= '9' {
		return strings.Count(strings.Trim(num, "."), ".") + 1
	}
	return 1
}

// isUpperText reports whether s has letters and none of them lower case.
func isUpperText(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			if unicode.IsLower(r) {
				return false
			}
			letters++
		}
	}
	return letters > 0
}

// collapseSpace trims s and replaces runs of white space by one space.
func collapseSpace(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

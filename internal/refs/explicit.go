package refs

import (
	"net/url"
	"regexp"
	"sort"
	"strings"
)

// URLs (§11) and explicit identifiers: ECLI and LJN (§8), CELEX, BWB ids,
// OB ids (§11.4) and TK document and zaak numbers (§6).

var (
	reURLStart = regexp.MustCompile(`(?i)\b(https?://|www\.|zoek\.officielebekendmakingen\.nl/|wetten\.overheid\.nl/|repository\.overheid\.nl/)`)
	reECLI     = regexp.MustCompile(`(?i)\bECLI:[ \n]?([A-Z]{2}):[ \n]?([A-Z0-9]{1,7}):[ \n]?(\d{4}):[ \n]?([A-Z0-9.]{1,25})`)
	reLJN      = regexp.MustCompile(`\bLJN:?[ \n]?([A-Z]{2}\d{4})\b`)
	reCELEX    = regexp.MustCompile(`(?i)\bCELEX(?:-nummer| nummer|-nr\.?)?(?::[ \n]?|[ \n])([0-9CE]\d{4}[A-Z]{1,2}\d{4})\b`)
	reBWB      = regexp.MustCompile(`\bBWB[RV]\d{7}\b`)
	reCanon    = regexp.MustCompile(`(?i)\b(bwb|celex):([0-9A-Z]{9,11})(?::art=([0-9a-z][0-9a-z.:]{0,15}[0-9a-z]|[0-9a-z]))?\b`)
	reTKNum    = regexp.MustCompile(`\b(?:19|20)\d{2}[DZ]\d{5}\b`)
	reOBID     = regexp.MustCompile(`(?i)\b(?:kst|ah-tk|ah-ek|ah|h-tk|h-ek|h-vv|kv-tk|nds-tk|blg|stb|stcrt|trb|gmb|prb|wsb|bgr)-[0-9a-z][0-9a-z-]*`)
	reVersion  = regexp.MustCompile(`-[hn]\d{1,2}$`)
	reBijlage  = regexp.MustCompile(`-b\d{1,2}$`)
	reDossGlue = regexp.MustCompile(`^([1-9]\d{4})([A-Z])$`)
	reObDoss   = regexp.MustCompile(`(?i)^([1-9]\d{0,4})(?:-([a-z]{1,6}|\d{2}))?$`)
)

// portalHosts are sites whose bare host name is a pointer ("raadpleegbaar
// via www.tweedekamer.nl"), not a citation.
var portalHosts = map[string]bool{
	"www.tweedekamer.nl": true, "tweedekamer.nl": true, "www.eerstekamer.nl": true,
	"eerstekamer.nl": true, "www.overheid.nl": true, "overheid.nl": true,
	"www.rijksoverheid.nl": true, "rijksoverheid.nl": true,
	"zoek.officielebekendmakingen.nl": true, "www.officielebekendmakingen.nl": true,
}

// scanURLs finds web addresses and turns those of known hosts into family ids.
func (sc *scanner) scanURLs() {
	s := sc.s
	for _, m := range sc.findAll(reURLStart, []string{"http://", "https://", "www.", "zoek.officielebekendmakingen.nl/", "wetten.overheid.nl/", "repository.overheid.nl/"}, true, 40) {
		lo := m[0]
		if !sc.bytesFree(lo, lo+1) {
			continue
		}
		if lo > 0 && (s[lo-1] == '@' || s[lo-1] == '/' || isASCIILetter(s[lo-1]) || s[lo-1] == '.') {
			continue
		}
		if raw, hi, ok := bracketedURL(s, lo); ok {
			// "<https://…>": the brackets delimit the address, whatever
			// line breaks the layout put inside it.
			sc.useBytes(lo, hi)
			if id, ok := classifyURL(raw); ok && hi-lo > m[1]-m[0] && strings.Contains(raw, ".") {
				sc.addBytes(id, lo, hi, "")
			}
			continue
		}
		hi := lo
		for hi < len(s) {
			c := s[hi]
			if c == ' ' || c == '\n' || c == '<' || c == '>' || c == '"' || c == marker || c == '\x1f' || c == '\\' || c == '{' || c == '}' || c == '|' || c == '^' || c == '`' {
				break
			}
			if c >= 0x80 && !urlRuneOK(s[hi:]) {
				break
			}
			hi++
		}
		// trailing punctuation and unbalanced closers
		for hi > lo {
			c := s[hi-1]
			if strings.IndexByte(".,;:!?'", c) >= 0 {
				hi--
				continue
			}
			if c == ')' && strings.Count(s[lo:hi], "(") < strings.Count(s[lo:hi], ")") ||
				c == ']' && strings.Count(s[lo:hi], "[") < strings.Count(s[lo:hi], "]") {
				hi--
				continue
			}
			break
		}
		for hi > lo && hi < len(s) && s[hi]&0xC0 == 0x80 {
			hi--
		}
		raw := s[lo:hi]
		if hi-lo <= m[1]-m[0] || !strings.Contains(raw, ".") {
			continue
		}
		// A text layer breaks long addresses at the end of a line.
		if next, nhi, ok := urlContinuation(s, hi); ok && strings.HasSuffix(raw, "/") {
			raw, hi = raw+next, nhi
		} else if strings.HasSuffix(raw, "-") && ok {
			// "www.inter-\nnetconsultatie.nl": hyphenated or not, the
			// address cannot be told; better none than a wrong one.
			sc.useBytes(lo, hi)
			continue
		}
		sc.useBytes(lo, hi)
		if id, ok := classifyURL(raw); ok {
			sc.addBytes(id, lo, hi, "")
		}
	}
}

// maxBracketedURL bounds the bytes between "<" and ">" read as one address.
const maxBracketedURL = 600

// bracketedURL reads an address that starts at lo right after a "<" up to
// its closing ">", the delimiters RFC 3986 (appendix C) recommends for
// addresses in running text. Inside them, white space is the layout's
// (a line broken after "did=", "www." or a hyphen) and is dropped; a
// hyphen before a line break stays, since the address breaks there
// without hyphenation. It reports false when no ">" closes the address
// within the paragraph, and returns the joined address and the end of the
// span (after the ">"'s contents, the ">" itself excluded).
func bracketedURL(s string, lo int) (string, int, bool) {
	if lo == 0 || s[lo-1] != '<' {
		return "", lo, false
	}
	var b strings.Builder
	breaks := 0
	for k := lo; k < len(s) && k-lo <= maxBracketedURL; k++ {
		switch c := s[k]; c {
		case '>':
			raw := strings.TrimRight(b.String(), ".,;:")
			return raw, k, raw != ""
		case '<', '"', marker, '\x1f':
			return "", lo, false
		case '\n':
			if breaks++; breaks > 4 || k+1 < len(s) && s[k+1] == '\n' {
				return "", lo, false
			}
		case ' ', '\t', '\r':
		default:
			b.WriteByte(c)
		}
	}
	return "", lo, false
}

// urlRuneOK allows letters outside ASCII inside a URL path, but not
// typographic punctuation.
func urlRuneOK(s string) bool {
	for _, p := range []string{"…", "»", "«", "“", "”", "’", "‘"} {
		if strings.HasPrefix(s, p) {
			return false
		}
	}
	return true
}

// normURL applies the URL normalisation: scheme and host in lower case,
// https:// added to www. addresses, a lone trailing slash dropped.
func normURL(raw string) (string, *url.URL, bool) {
	if !strings.Contains(raw, "://") {
		raw = "https://" + raw
	}
	scheme, rest, ok := strings.Cut(raw, "://")
	if !ok {
		return "", nil, false
	}
	host, path := rest, ""
	if k := strings.IndexAny(rest, "/?#"); k >= 0 {
		host, path = rest[:k], rest[k:]
	}
	host = strings.ToLower(host)
	if host == "" || !strings.Contains(host, ".") {
		return "", nil, false
	}
	if path == "/" {
		path = ""
	}
	out := strings.ToLower(scheme) + "://" + host + path
	u, err := url.Parse(out)
	if err != nil {
		u = &url.URL{Host: host}
	}
	return out, u, true
}

// classifyURL maps a URL to its id: an OB, TK, wetten.overheid.nl,
// rechtspraak or EUR-Lex id where the address names one, else url:<...>.
func classifyURL(raw string) (ID, bool) {
	norm, u, ok := normURL(raw)
	if !ok {
		return ID{}, false
	}
	host := strings.TrimPrefix(u.Host, "www.")
	path := u.Path
	if u.Path == "" && u.RawQuery == "" && u.Fragment == "" {
		if portalHosts[u.Host] {
			return ID{}, false
		}
	}
	low := strings.ToLower(norm)
	switch {
	case host == "zoek.officielebekendmakingen.nl" || host == "officielebekendmakingen.nl":
		p := strings.TrimPrefix(path, "/")
		p = strings.TrimPrefix(p, "dossier/")
		seg, _, _ := strings.Cut(p, "/")
		for _, ext := range []string{".html", ".pdf", ".xml", ".htm"} {
			seg = strings.TrimSuffix(seg, ext)
		}
		if id, ok := parseOB(seg); ok {
			return id, true
		}
		if strings.HasPrefix(path, "/dossier/") {
			if m := reObDoss.FindStringSubmatch(seg); m != nil {
				return ID{Family: FamDossier, Dossier: m[1], Toevoeging: strings.ToUpper(m[2])}, true
			}
		}
	case host == "repository.overheid.nl":
		parts := strings.Split(path, "/")
		for _, p := range parts {
			if id, ok := parseOB(p); ok {
				return id, true
			}
		}
	case host == "tweedekamer.nl" || strings.HasSuffix(host, ".tweedekamer.nl"):
		q := u.Query()
		if d := q.Get("did"); reTKDoc.MatchString(d) {
			return ID{Family: FamTKDocument, Value: d}, true
		}
		if d := q.Get("id"); reTKDoc.MatchString(d) {
			return ID{Family: FamTKDocument, Value: d}, true
		} else if reTKZaak.MatchString(d) {
			return ID{Family: FamTKZaak, Value: d}, true
		}
	case host == "wetten.overheid.nl":
		if m := reBWB.FindString(path); m != "" {
			id := ID{Family: FamBWB, Value: m}
			if k := strings.Index(norm, "artikel="); k >= 0 {
				a := norm[k+len("artikel="):]
				if e := strings.IndexAny(a, "&#/"); e >= 0 {
					a = a[:e]
				}
				id.Article = strings.ToLower(a)
			} else if k := strings.LastIndex(path, "/Artikel"); k >= 0 {
				id.Article = strings.ToLower(strings.TrimSuffix(path[k+len("/Artikel"):], "/"))
			}
			if id.Article != "" && !reArticle.MatchString(id.Article) {
				id.Article = ""
			}
			return id, true
		}
	case strings.HasSuffix(host, "rechtspraak.nl"):
		if m := reECLI.FindStringSubmatch(norm); m != nil {
			if id, ok := ecliID(m); ok {
				return id, true
			}
		}
	case host == "eur-lex.europa.eu":
		if k := strings.Index(strings.ToUpper(norm), "CELEX"); k >= 0 {
			rest := norm[k+5:]
			rest = strings.TrimPrefix(strings.TrimPrefix(rest, "%3A"), ":")
			rest = strings.TrimPrefix(rest, "%3a")
			if m := reCELEXCode.FindString(strings.ToUpper(firstField(rest))); m != "" {
				return ID{Family: FamCELEX, Value: m}, true
			}
		}
		if k := strings.Index(low, "/eli/"); k >= 0 {
			parts := strings.Split(low[k+5:], "/")
			if len(parts) >= 3 {
				t := map[string]string{"reg": "R", "dir": "L", "dec": "D", "reg_impl": "R", "reg_del": "R", "dir_impl": "L", "dir_del": "L", "dec_impl": "D"}[parts[0]]
				y, n := atoi(parts[1]), atoi(parts[2])
				if t != "" && y >= 1950 && y <= 2100 && n > 0 && n < 10000 {
					return ID{Family: FamCELEX, Value: "3" + parts[1] + t + pad4(n)}, true
				}
			}
		}
	}
	id := ID{Family: FamURL, Value: norm}
	return id, valid(id)
}

func firstField(s string) string {
	if k := strings.IndexAny(s, "&#/;"); k >= 0 {
		return s[:k]
	}
	return s
}

func ecliID(m []string) (ID, bool) {
	ord := strings.ToUpper(strings.TrimRight(m[4], "."))
	v := "ECLI:" + strings.ToUpper(m[1]) + ":" + strings.ToUpper(m[2]) + ":" + m[3] + ":" + ord
	id := ID{Family: FamECLI, Value: v}
	return id, ord != "" && valid(id)
}

// scanExplicit finds explicit identifiers in running text.
func (sc *scanner) scanExplicit() {
	s := sc.s
	for _, m := range sc.findAll(reECLI, []string{"ecli"}, true, 80) {
		lo, hi := m[0], m[1]
		sub := []string{s[lo:hi], s[m[2]:m[3]], s[m[4]:m[5]], s[m[6]:m[7]], s[m[8]:m[9]]}
		// a trailing full stop ends the sentence
		for hi > lo && s[hi-1] == '.' {
			hi--
		}
		if !sc.bytesFree(lo, hi) {
			continue
		}
		// glued to more letters: not an ECLI we can read
		if hi < len(s) && isAlnumStart(s, hi) {
			continue
		}
		id, ok := ecliID(sub)
		if !ok {
			continue
		}
		end := hi
		for _, suf := range []string{":DOC", ":INH"} {
			if strings.HasPrefix(strings.ToUpper(s[hi:]), suf) {
				end = hi + len(suf)
			}
		}
		sc.useBytes(lo, end)
		sc.addBytes(id, lo, hi, "")
	}
	sc.scanRegexp(reCanon, []string{"bwb:", "celex:"}, true, 60, func(m []string) (ID, bool) {
		id := ID{Family: strings.ToLower(m[1]), Value: strings.ToUpper(m[2]), Article: strings.ToLower(m[3])}
		return id, true
	})
	sc.scanRegexp(reLJN, []string{"LJN"}, false, 16, func(m []string) (ID, bool) { return ID{Family: FamLJN, Value: m[1]}, true })
	sc.scanRegexp(reCELEX, []string{"celex"}, true, 24, func(m []string) (ID, bool) {
		return ID{Family: FamCELEX, Value: strings.ToUpper(m[1])}, true
	})
	sc.scanRegexp(reOBID, obTriggers, true, 120, func(m []string) (ID, bool) {
		return parseOB(strings.TrimRight(m[0], "-"))
	})
	sc.scanRegexp(reBWB, []string{"BWB"}, false, 16, func(m []string) (ID, bool) { return ID{Family: FamBWB, Value: m[0]}, true })
	sc.scanRegexp(reTKNum, nil, false, 16, func(m []string) (ID, bool) {
		if strings.IndexByte(m[0], 'D') >= 0 {
			return ID{Family: FamTKDocument, Value: m[0]}, true
		}
		return ID{Family: FamTKZaak, Value: m[0]}, true
	})
}

// scanRegexp runs re over the free parts of the text and records the ids mk
// makes of the matches.
func (sc *scanner) scanRegexp(re *regexp.Regexp, triggers []string, fold bool, window int, mk func([]string) (ID, bool)) {
	s := sc.s
	for _, m := range sc.findAll(re, triggers, fold, window) {
		lo, hi := m[0], m[1]
		if !sc.bytesFree(lo, hi) {
			continue
		}
		if lo > 0 && (s[lo-1] == '-' || s[lo-1] == '/' || s[lo-1] == '.' || s[lo-1] == ':') && re == reOBID {
			continue
		}
		sub := make([]string, len(m)/2)
		for k := range sub {
			if m[2*k] >= 0 {
				sub[k] = s[m[2*k]:m[2*k+1]]
			}
		}
		id, ok := mk(sub)
		if !ok {
			continue
		}
		// a colophon footer "kst-36450-3" above "ISSN 0921 - 7371"
		if re == reOBID && sc.colophon(lo, hi) {
			if sc.colophonIDs == nil {
				sc.colophonIDs = map[string]bool{}
			}
			sc.colophonIDs[Format(id)] = true
			sc.useBytes(lo, hi)
			continue
		}
		sc.useBytes(lo, hi)
		sc.addBytes(id, lo, hi, "")
	}
}

// colophon reports whether [lo, hi) is a line of its own followed by an
// ISSN line: the printed paper's own id in its colophon.
func (sc *scanner) colophon(lo, hi int) bool {
	s := sc.s
	if lo > 0 && s[lo-1] != '\n' {
		return false
	}
	rest := strings.TrimLeft(s[hi:], " ")
	if !strings.HasPrefix(rest, "\n") {
		return false
	}
	rest = strings.TrimLeft(rest, " \n")
	return strings.HasPrefix(rest, "ISSN")
}

// parseOB turns an OB identifier as it stands in text or a URL into its
// canonical id: version suffixes (-h1, -n1) and bijlage suffixes (-b1) are
// dropped, an 8-digit vergaderjaar in a kst id is dropped, case is
// canonicalised.
func parseOB(s string) (ID, bool) {
	low := strings.ToLower(s)
	for {
		t := reVersion.ReplaceAllString(low, "")
		t = reBijlage.ReplaceAllString(t, "")
		if t == low {
			break
		}
		low = t
	}
	fam, rest, ok := strings.Cut(low, "-")
	if !ok {
		return ID{}, false
	}
	segs := strings.Split(rest, "-")
	var id ID
	switch fam {
	case "kst":
		if len(segs) == 1 {
			id = ID{Family: FamKamerstuk, Number: segs[0]}
			break
		}
		vj := ""
		if len(segs) >= 3 && reVJ8.MatchString(segs[0]) {
			vj, segs = segs[0], segs[1:]
		}
		d := strings.ToUpper(segs[0])
		var toev string
		if m := reDossGlue.FindStringSubmatch(d); m != nil {
			d, toev = m[1], m[2]
		}
		id = ID{Family: FamKamerstuk, Dossier: d}
		switch {
		case len(segs) == 2 && toev == "":
			id.Number = obNumber(segs[1])
		case len(segs) == 2:
			id.Toevoeging, id.Number = toev, obNumber(segs[1])
		case len(segs) == 3 && toev == "":
			id.Toevoeging, id.Number = strings.ToUpper(segs[1]), obNumber(segs[2])
		default:
			return ID{}, false
		}
		// K9: a legacy Eerste Kamer number is only unique per vergaderjaar,
		// so a numeric ondernummer keeps the vergaderjaar it was given with.
		if vj != "" && id.Number != "" && isDigitByte(id.Number[0]) {
			id.Vergaderjaar = vj
		}
	case "ah", "h", "kv", "nds":
		if fam == "ah" && len(segs) == 1 {
			id = ID{Family: FamAanhangsel, Number: segs[0]}
			break
		}
		if len(segs) < 2 {
			return ID{}, false
		}
		k := segs[0]
		segs = segs[1:]
		switch fam {
		case "ah":
			if len(segs) != 2 {
				return ID{}, false
			}
			id = ID{Family: FamAanhangsel, Kamer: k, Vergaderjaar: segs[0], Number: segs[1]}
		case "h":
			id = obHandelingen(k, segs)
		case "kv":
			v := strings.ToUpper(strings.Join(segs, "-"))
			if reTKZaak.MatchString(v) {
				id = ID{Family: FamTKZaak, Value: v}
			} else {
				if len(segs) == 2 {
					v = segs[0] + "-" + strings.ToUpper(segs[1])
				}
				id = ID{Family: FamKamervragen, Kamer: k, Value: v}
			}
		case "nds":
			id = ID{Family: FamTKDocument, Value: strings.ToUpper(strings.Join(segs, "-"))}
		}
	case "blg":
		id = ID{Family: FamBijlage, Number: rest}
	case "stb", "stcrt", "trb", "gmb", "prb", "wsb", "bgr":
		if len(segs) < 2 {
			return ID{}, false
		}
		id = ID{Family: fam, Year: segs[0], Number: segs[1]}
	default:
		return ID{}, false
	}
	return id, valid(id)
}

// obNumber canonicalises an ondernummer from an OB id: EK letters upper
// case, a letter glued to digits ("188b") lower case.
func obNumber(s string) string {
	if s != "" && s[0] >= '0' && s[0] <= '9' {
		return s
	}
	return strings.ToUpper(s)
}

// obHandelingen maps an OB Handelingen id to its canonical form (§5.3
// step 6): from 2011 vergadering-item; before, vergadering + page or a page
// range become a vergadering or page id.
func obHandelingen(k string, segs []string) ID {
	if len(segs) < 2 || len(segs) > 3 {
		return ID{}
	}
	id := ID{Family: FamHandelingen, Kamer: k, Vergaderjaar: segs[0]}
	if len(segs) == 2 {
		id.Vergadering = segs[1]
		return id
	}
	a, b := atoi(segs[1]), atoi(segs[2])
	if segs[0] <= "20102011" {
		switch {
		case a > 200 && b > 200:
			id.Page = segs[1]
			return id
		case a <= 200 && b > 200:
			id.Vergadering = segs[1]
			return id
		}
	}
	id.Vergadering, id.Item = segs[1], segs[2]
	return id
}

var obTriggers = []string{"kst-", "ah-", "h-tk-", "h-ek-", "h-vv-", "kv-tk-", "nds-tk-", "blg-", "stb-", "stcrt-", "trb-", "gmb-", "prb-", "wsb-", "bgr-"}

// findAll returns the submatch indexes of re's matches that start at an
// occurrence of one of triggers (compared in ASCII lower case when fold is
// set) at a word boundary, each matched within window bytes. It is a fast
// path for FindAllStringSubmatchIndex: the literal search is cheap and the
// regexp runs only where a match can start. Without triggers, positions
// four bytes before a D or Z between digits are tried (TK numbers).
func (sc *scanner) findAll(re *regexp.Regexp, triggers []string, fold bool, window int) [][]int {
	s := sc.s
	if fold {
		if sc.lower == "" && s != "" {
			sc.lower = asciiLower(s)
		}
		s = sc.lower
	}
	var starts []int
	if triggers == nil {
		for i := 4; i+1 < len(s); i++ {
			if (s[i] == 'D' || s[i] == 'Z') && isDigitByte(s[i-1]) && isDigitByte(s[i+1]) {
				starts = append(starts, i-4)
			}
		}
	}
	for _, tr := range triggers {
		for off := 0; ; {
			k := strings.Index(s[off:], tr)
			if k < 0 {
				break
			}
			starts = append(starts, off+k)
			off += k + 1
		}
	}
	if len(starts) == 0 {
		return nil
	}
	sort.Ints(starts)
	var out [][]int
	last := -1
	for _, p := range starts {
		if p < last || p > 0 && isWordByte(sc.s[p-1]) {
			continue
		}
		end := p + window
		if end > len(sc.s) {
			end = len(sc.s)
		}
		m := re.FindStringSubmatchIndex(sc.s[p:end])
		if m == nil || m[0] != 0 {
			continue
		}
		for k := range m {
			if m[k] >= 0 {
				m[k] += p
			}
		}
		out = append(out, m)
		last = m[1]
	}
	return out
}

func isDigitByte(c byte) bool { return c >= '0' && c <= '9' }

func isWordByte(c byte) bool { return isDigitByte(c) || isASCIILetter(c) || c == '_' }

// asciiLower lower-cases ASCII letters only, so byte offsets stay the same.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// urlContinuation reads the rest of an address that a line break cut at
// hi: the first word of the next line when it looks like a path
// ("ATR_jaarverslag2022_WT_Web.pdf"). It returns that word without
// trailing punctuation and the offset after it.
func urlContinuation(s string, hi int) (string, int, bool) {
	k := hi
	for k < len(s) && s[k] == ' ' {
		k++
	}
	if k >= len(s) || s[k] != '\n' {
		return "", hi, false
	}
	k++
	for k < len(s) && s[k] == ' ' {
		k++
	}
	start := k
	for k < len(s) && s[k] > ' ' && s[k] < 0x7f && s[k] != '"' && s[k] != '<' && s[k] != '>' {
		k++
	}
	for k > start && strings.IndexByte(".,;:!?')", s[k-1]) >= 0 {
		k--
	}
	w := s[start:k]
	if w == "" || !strings.ContainsAny(w, "._/=") || !isWordByte(w[0]) {
		return "", hi, true
	}
	return w, k, true
}

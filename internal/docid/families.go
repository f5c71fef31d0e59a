package docid

import (
	"net/url"
	"strings"

	"kamerzoek/internal/document"
)

// family is one id family: its name, the prefix its ids start with, the
// kind of thing it names and how its public page is found.
type family struct {
	name   string
	prefix string // "kst-", "ECLI:", "celex:"
	kind   document.Kind
	held   bool // kamerzoek can hold documents of this family
	ob     bool // officielebekendmakingen.nl publishes it under this id
	page   func(id string) string
}

const (
	obBase    = "https://zoek.officielebekendmakingen.nl/"
	tkBase    = "https://www.tweedekamer.nl/kamerstukken/detail?id="
	eclipBase = "https://uitspraken.rechtspraak.nl/details?id="
	celexBase = "https://eur-lex.europa.eu/legal-content/NL/TXT/?uri=CELEX:"
	bwbBase   = "https://wetten.overheid.nl/"
)

// obPage is the officielebekendmakingen.nl page of a publication.
func obPage(id string) string { return obBase + id + ".html" }

// families is the one table of id families. Dash-prefixed families are
// published on officielebekendmakingen.nl (or are Tweede Kamer and
// kamerzoek numbers); colon-prefixed ones come from other namespaces.
var families = []family{
	{FamKamerstuk, "kst-", document.KindKamerstuk, true, true, obPage},
	{FamDossier, "dossier-", document.KindDossier, true, false, func(id string) string { return obBase + "dossier/" + id[len("dossier-"):] }},
	{FamHandelingen, "h-", document.KindHandelingen, true, true, obPage},
	{FamAanhangsel, "ah-", document.KindAanhangsel, true, true, obPage},
	{FamKamervragen, "kv-", document.KindTKZaak, false, true, obPage},
	{FamBijlage, "blg-", document.KindBijlage, true, true, obPage},
	{FamStb, "stb-", document.KindStaatsblad, true, true, obPage},
	{FamStcrt, "stcrt-", document.KindStaatscourant, true, true, obPage},
	{FamTrb, "trb-", document.KindTractatenblad, true, true, obPage},
	{FamGmb, "gmb-", document.KindGazette, false, true, obPage},
	{FamPrb, "prb-", document.KindGazette, false, true, obPage},
	{FamWsb, "wsb-", document.KindGazette, false, true, obPage},
	{FamBgr, "bgr-", document.KindGazette, false, true, obPage},
	{FamTKDocument, "tkd-", document.KindTKDocument, false, false, nil},
	{FamTKZaak, "tkz-", document.KindTKZaak, false, false, func(id string) string { return tkBase + id[len("tkz-"):] }},
	{FamECLI, "ECLI:", document.KindECLI, false, false, func(id string) string { return eclipBase + id }},
	{FamLJN, "ljn:", document.KindLJN, false, false, nil},
	{FamCELEX, "celex:", document.KindCELEX, false, false, func(id string) string {
		c, _, _ := strings.Cut(id[len("celex:"):], ":")
		return celexBase + c
	}},
	{FamBWB, "bwb:", document.KindLaw, false, false, func(id string) string {
		b, _, _ := strings.Cut(id[len("bwb:"):], ":")
		return bwbBase + b
	}},
	{FamURL, "url:", document.KindURL, false, false, func(id string) string {
		u := id[len("url:"):]
		if !strings.HasPrefix(u, "http://") && !strings.HasPrefix(u, "https://") {
			return ""
		}
		return u
	}},
	{FamContent, "doc-", KindContent, true, false, nil},
}

var byName = func() map[string]*family {
	m := make(map[string]*family, len(families))
	for i := range families {
		m[families[i].name] = &families[i]
	}
	return m
}()

// lookup returns the family whose prefix id starts with, or nil.
func lookup(id string) *family {
	for i := range families {
		if strings.HasPrefix(id, families[i].prefix) {
			return &families[i]
		}
	}
	return nil
}

// lookupFold is lookup with the prefix compared without regard to case.
func lookupFold(id string) *family {
	for i := range families {
		p := families[i].prefix
		if len(id) >= len(p) && strings.EqualFold(id[:len(p)], p) {
			return &families[i]
		}
	}
	return nil
}

// FamilyOf returns the family of id from its prefix ("kst", "ECLI"...), or
// "" when id starts with no family prefix. It does not validate the rest.
func FamilyOf(id string) string {
	if f := lookup(id); f != nil {
		return f.name
	}
	return ""
}

// KindOf returns the kind of id from its prefix, or "" when id starts with
// no family prefix. It is cheap: a prefix comparison, no validation.
func KindOf(id string) document.Kind {
	if f := lookup(id); f != nil {
		return f.kind
	}
	return ""
}

// Prefix returns the prefix of id's family ("kst-", "ECLI:") or "".
func Prefix(id string) string {
	if f := lookup(id); f != nil {
		return f.prefix
	}
	return ""
}

// Prefixes lists every family prefix, for messages ("kst-, ah-, ...").
func Prefixes() []string {
	out := make([]string, len(families))
	for i, f := range families {
		out[i] = f.prefix
	}
	return out
}

// IsDocumentKind reports whether ids of kind k name something kamerzoek can
// hold (a Kamerstuk, a dossier, Handelingen, an Aanhangsel, a bijlage, the
// Staatsblad, Staatscourant or Tractatenblad). Ids of other kinds (laws,
// case law, EU acts, web pages) are external.
func IsDocumentKind(k document.Kind) bool {
	if k == KindContent {
		return false
	}
	for _, f := range families {
		if f.kind == k && f.held {
			return true
		}
	}
	return false
}

// DashFamilies returns the names of the families written "name-..." that
// officielebekendmakingen.nl publishes (kst, ah, h, kv, blg, stb, ...),
// for recognisers that read OB's own spelling of ids.
func DashFamilies() []string {
	var out []string
	for _, f := range families {
		if f.ob {
			out = append(out, f.name)
		}
	}
	return out
}

// PublicURL returns where id can be read on the web: the
// officielebekendmakingen.nl page for the families published there, the
// dossier page for a whole dossier, rechtspraak.nl, EUR-Lex, wetten.overheid.nl
// or the Tweede Kamer for ids from those namespaces, the address itself for a
// url: id, and "" for ids with no known page (ljn:, tkd-, doc-, unknown).
func PublicURL(id string) string {
	f := lookup(id)
	if f == nil || f.page == nil || len(id) == len(f.prefix) {
		return ""
	}
	return f.page(id)
}

// officialHosts are the hosts PublicURL points at for ids of the published
// families (everything but url: ids).
var officialHosts = map[string]bool{
	"zoek.officielebekendmakingen.nl": true,
	"www.tweedekamer.nl":              true,
	"uitspraken.rechtspraak.nl":       true,
	"eur-lex.europa.eu":               true,
	"wetten.overheid.nl":              true,
}

// OfficialURL returns PublicURL(id) when it is an https address on one of
// the official public hosts kamerzoek links to, and "" otherwise: a url: id
// names an arbitrary address and is never official.
func OfficialURL(id string) string {
	u := PublicURL(id)
	if u == "" {
		return ""
	}
	p, err := url.Parse(u)
	if err != nil || p.Scheme != "https" || !officialHosts[p.Host] || p.User != nil {
		return ""
	}
	return u
}

// Recognize reports whether s, as a user may type it in any letter case,
// is a canonical id: Parse accepts it, or accepts it once the family prefix
// is in canonical case and a colon family's value is upper case, or it is a
// family prefix followed by letter-digit segments joined by dashes (the
// loose form of the dash families, "kst-36200-vi-12"). Ids compare without
// regard to case in the index, so the caller may lower-case s.
func Recognize(s string) bool {
	if _, err := Parse(s); err == nil {
		return true
	}
	f := lookupFold(s)
	if f == nil || len(s) == len(f.prefix) {
		return false
	}
	rest := s[len(f.prefix):]
	if strings.HasSuffix(f.prefix, ":") {
		v, art, hasArt := strings.Cut(rest, ":art=")
		canon := f.prefix + strings.ToUpper(v)
		if f.name == FamECLI {
			canon = strings.ToUpper(s)
		} else if f.name == FamURL {
			canon = f.prefix + rest
		}
		if hasArt {
			canon += ":art=" + strings.ToLower(art)
		}
		_, err := Parse(canon)
		return err == nil
	}
	if f.name == FamContent {
		return false
	}
	for _, seg := range strings.Split(rest, "-") {
		if seg == "" {
			return false
		}
		for i := 0; i < len(seg); i++ {
			c := seg[i] | 0x20
			if !(c >= 'a' && c <= 'z' || seg[i] >= '0' && seg[i] <= '9') {
				return false
			}
		}
	}
	return true
}

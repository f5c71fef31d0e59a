package document

import "strings"

// PublicURL returns where a canonical id can be read on the web: the
// officielebekendmakingen.nl page for the families published there, the
// dossier page for a whole dossier, and "" for ids with no known page.
func PublicURL(id string) string {
	const ob = "https://zoek.officielebekendmakingen.nl/"
	switch {
	case strings.HasPrefix(id, "dossier-"):
		return ob + "dossier/" + strings.TrimPrefix(id, "dossier-")
	case strings.HasPrefix(id, "kst-"), strings.HasPrefix(id, "h-"), strings.HasPrefix(id, "ah-"),
		strings.HasPrefix(id, "blg-"), strings.HasPrefix(id, "stb-"), strings.HasPrefix(id, "stcrt-"),
		strings.HasPrefix(id, "trb-"), strings.HasPrefix(id, "gmb-"), strings.HasPrefix(id, "prb-"),
		strings.HasPrefix(id, "wsb-"), strings.HasPrefix(id, "bgr-"):
		return ob + id + ".html"
	case strings.HasPrefix(id, "ECLI:"):
		return "https://uitspraken.rechtspraak.nl/details?id=" + id
	case strings.HasPrefix(id, "celex:"):
		c := strings.TrimPrefix(id, "celex:")
		if i := strings.Index(c, ":"); i >= 0 {
			c = c[:i]
		}
		return "https://eur-lex.europa.eu/legal-content/NL/TXT/?uri=CELEX:" + c
	case strings.HasPrefix(id, "bwb:"):
		b := strings.TrimPrefix(id, "bwb:")
		if i := strings.Index(b, ":"); i >= 0 {
			b = b[:i]
		}
		return "https://wetten.overheid.nl/" + b
	case strings.HasPrefix(id, "url:"):
		return strings.TrimPrefix(id, "url:")
	}
	return ""
}

package docid

import "strings"

// DossierOf returns the dossier a canonical id belongs to, as written in
// Document.Dossier ("36450", "36200-VI"): for kst- ids the part before the
// ondernummer, for dossier- ids the rest. It returns "" for ids without a
// dossier (opaque OB numbers, Handelingen, other families).
func DossierOf(id string) string {
	switch {
	case strings.HasPrefix(id, "dossier-"):
		return id[len("dossier-"):]
	case strings.HasPrefix(id, "kst-"):
		rest := id[len("kst-"):]
		// A legacy id starts with the vergaderjaar: kst-19951996-23700-188b.
		if len(rest) > 9 && rest[8] == '-' && allDigits(rest[:8]) && strings.IndexByte(rest[9:], '-') >= 0 {
			rest = rest[9:]
		}
		last := strings.LastIndexByte(rest, '-')
		if last <= 0 {
			return ""
		}
		return rest[:last]
	}
	return ""
}

// NumberOf returns the ondernummer of a kst- id ("337", "B"), or "".
func NumberOf(id string) string {
	if !strings.HasPrefix(id, "kst-") || DossierOf(id) == "" {
		return ""
	}
	return id[strings.LastIndexByte(id, '-')+1:]
}

// VergaderjaarOf returns the vergaderjaar ("2021-2022") carried in h-, ah-
// and legacy kst- ids, or "".
func VergaderjaarOf(id string) string {
	var rest string
	switch {
	case strings.HasPrefix(id, "h-"), strings.HasPrefix(id, "ah-"):
		// h-tk-20212022-3-2, ah-tk-20202021-2348: skip the kamer.
		rest = id[strings.IndexByte(id, '-')+1:]
		k := strings.IndexByte(rest, '-')
		if k < 0 {
			return ""
		}
		rest = rest[k+1:]
	case strings.HasPrefix(id, "kst-"):
		rest = id[len("kst-"):]
		// Only legacy ids (with a dossier and number after it) carry one.
		if len(rest) < 9 || strings.Count(rest[8:], "-") < 2 {
			return ""
		}
	default:
		return ""
	}
	if len(rest) < 8 || len(rest) > 8 && rest[8] != '-' || !allDigits(rest[:8]) {
		return ""
	}
	return rest[:4] + "-" + rest[4:8]
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

package graph

import (
	"fmt"
	"strconv"
	"strings"

	"kamerzoek/internal/docid"
	"kamerzoek/internal/document"
)

// KindContent is the kind of "doc-" ids: documents held that name no id
// of their own, known by a hash of their content.
const KindContent = docid.KindContent

// KindOf returns the kind of a canonical id from its prefix, or "" when the
// prefix is not one of the id families (the families are docid's).
func KindOf(id string) document.Kind { return docid.KindOf(id) }

// IsDocumentKind reports whether references of kind k point at something
// kamerzoek can hold (a Kamerstuk, a dossier, Handelingen, an Aanhangsel, a
// bijlage, the Staatsblad, Staatscourant or Tractatenblad). References of
// other kinds (laws, case law, EU acts, web pages) are external: they are
// graphed but never unresolved.
func IsDocumentKind(k document.Kind) bool { return docid.IsDocumentKind(k) }

// ValidID checks that id looks like a canonical id: a known family prefix,
// something after it, at most 512 bytes, and no white space or control
// characters. It returns an error wrapping ErrBadParam saying what is wrong.
func ValidID(id string) error {
	if id == "" {
		return fmt.Errorf("%w: empty id", ErrBadParam)
	}
	if len(id) > 512 {
		return fmt.Errorf("%w: id longer than 512 bytes", ErrBadParam)
	}
	for _, r := range id {
		if r <= ' ' || r == 0x7f || r == '\uFFFD' {
			return fmt.Errorf("%w: id %q contains white space or a control character", ErrBadParam, id)
		}
	}
	k := KindOf(id)
	if k == "" {
		return fmt.Errorf("%w: id %q has no known prefix (%s)", ErrBadParam, id, strings.Join(docid.Prefixes(), ", "))
	}
	if len(id) == len(docid.Prefix(id)) {
		return fmt.Errorf("%w: id %q has nothing after its prefix", ErrBadParam, id)
	}
	if k == document.KindKamerstuk || k == document.KindDossier {
		rest := id[strings.IndexByte(id, '-')+1:]
		for _, r := range rest {
			if !(r >= '0' && r <= '9' || r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r == '-') {
				return fmt.Errorf("%w: id %q: a Kamerstuk or dossier id holds only letters, digits and dashes", ErrBadParam, id)
			}
		}
	}
	return nil
}

// DossierOf returns the dossier a canonical id belongs to, as written in
// Document.Dossier ("36450", "36200-VI"), or "" (see docid.DossierOf).
func DossierOf(id string) string { return docid.DossierOf(id) }

func numberOf(id string) string       { return docid.NumberOf(id) }
func vergaderjaarOf(id string) string { return docid.VergaderjaarOf(id) }

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

// NormalizeDossier turns a dossier number as a user writes it ("36450",
// "36 450", "36200-vi", "36200 VI", "dossier-36450") into the form of
// Document.Dossier ("36200-VI"). It returns an error wrapping ErrBadParam
// when nr is not a dossier number.
func NormalizeDossier(nr string) (string, error) {
	s := strings.TrimSpace(strings.TrimPrefix(nr, "dossier-"))
	if s == "" {
		return "", fmt.Errorf("%w: empty dossier number", ErrBadParam)
	}
	fields := strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '-' })
	// "36 450" and "36.450": digit groups that belong to one number.
	var num strings.Builder
	i := 0
	for ; i < len(fields) && allDigits(strings.ReplaceAll(fields[i], ".", "")); i++ {
		if i > 0 && len(fields[i]) != 3 {
			break
		}
		num.WriteString(strings.ReplaceAll(fields[i], ".", ""))
	}
	if num.Len() == 0 || num.Len() > 6 {
		// Eerste Kamer dossiers such as CXXIV are Roman numerals.
		if len(fields) == 1 && isRoman(strings.ToUpper(fields[0])) {
			return strings.ToUpper(fields[0]), nil
		}
		return "", fmt.Errorf("%w: %q is not a dossier number (like 36450 or 36200-VI)", ErrBadParam, nr)
	}
	out := strings.TrimLeft(num.String(), "0")
	if out == "" {
		return "", fmt.Errorf("%w: %q is not a dossier number", ErrBadParam, nr)
	}
	for ; i < len(fields); i++ {
		t := strings.ToUpper(fields[i])
		if len(t) > 6 || !(allDigits(t) || isRoman(strings.TrimRight(t, "AB")) || len(t) == 1 && t[0] >= 'A' && t[0] <= 'Z') {
			return "", fmt.Errorf("%w: %q: toevoeging %q is not a Roman numeral, letter or number", ErrBadParam, nr, fields[i])
		}
		out += "-" + t
	}
	return out, nil
}

func isRoman(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !strings.ContainsRune("IVXLCDM", rune(s[i])) {
			return false
		}
	}
	return true
}

// numberLess orders ondernummers: numbers first in numeric order (a legacy
// letter suffix after its number: 188 < 188a < 189), then Eerste Kamer
// letters by length and alphabet (A < Z < AA), then anything else.
func numberLess(a, b string) bool {
	ca, na, sa := numberKey(a)
	cb, nb, sb := numberKey(b)
	if ca != cb {
		return ca < cb
	}
	if na != nb {
		return na < nb
	}
	if len(sa) != len(sb) && ca == 1 {
		return len(sa) < len(sb)
	}
	return sa < sb
}

// numberKey returns the class (0 numeric, 1 letters, 2 other), the numeric
// value and the rest.
func numberKey(s string) (class int, n int, rest string) {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i > 0 {
		v, err := strconv.Atoi(s[:i])
		if err == nil {
			return 0, v, s[i:]
		}
	}
	if s != "" && strings.Trim(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") == "" {
		return 1, 0, s
	}
	return 2, 0, s
}

// Package docid is the one home of kamerzoek's canonical-id grammar: the id
// families, their prefixes and kinds, Parse and Format, and where an id can
// be read on the web. Every package that reads, writes or recognises ids
// (refs, structure, graph, indexer, api) asks this package; none keeps a
// prefix table of its own.
package docid

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"kamerzoek/internal/document"
)

// ErrInvalidID is returned by Parse for a string that is not a canonical id.
var ErrInvalidID = errors.New("docid: invalid canonical id")

// ID families, the first field of an ID.
const (
	FamKamerstuk   = "kst"
	FamDossier     = "dossier"
	FamHandelingen = "h"
	FamAanhangsel  = "ah"
	FamKamervragen = "kv" // legacy OB Kamervragen ids kept verbatim
	FamBijlage     = "blg"
	FamStb         = "stb"
	FamStcrt       = "stcrt"
	FamTrb         = "trb"
	FamGmb         = "gmb"
	FamPrb         = "prb"
	FamWsb         = "wsb"
	FamBgr         = "bgr"
	FamECLI        = "ecli"
	FamLJN         = "ljn"
	FamCELEX       = "celex"
	FamBWB         = "bwb"
	FamTKDocument  = "tkd"
	FamTKZaak      = "tkz"
	FamURL         = "url"
	FamContent     = "doc" // a held document that names no id of its own, by content hash
)

// KindContent is the kind of "doc-" ids: documents held that name no id of
// their own, known by a hash of their content.
const KindContent document.Kind = "document"

// ID is a canonical id taken apart. Which fields are set depends on Family:
//
//	kst      [Vergaderjaar] Dossier [Toevoeging] Number, or Number alone (opaque OB number)
//	dossier  Dossier [Toevoeging]
//	h        Kamer Vergaderjaar (Vergadering [Item] | Page)
//	ah       Kamer Vergaderjaar Number, or Number alone (opaque OB number)
//	kv       Kamer Value
//	blg      Number
//	stb, stcrt, trb, gmb, prb, wsb, bgr   Year Number
//	ecli, ljn, tkd, tkz, url              Value
//	celex, bwb                            Value [Article]
type ID struct {
	Family       string
	Kamer        string // "tk", "ek" or "vv"
	Vergaderjaar string // eight digits, "20212022"
	Dossier      string // "29911", "CXXIV"
	Toevoeging   string // "VI", "02", "A"
	Number       string // ondernummer, Aanhangsel or gazette number
	Year         string
	Vergadering  string
	Item         string
	Page         string
	Value        string
	Article      string
}

// Kind returns the document.Kind of the id's family.
func (id ID) Kind() document.Kind {
	if f, ok := byName[id.Family]; ok {
		return f.kind
	}
	return ""
}

// Format returns the canonical string of id ("kst-36200-VI-12"). It does not
// validate; Parse(Format(id)) returns id for every id Extract produces.
func Format(id ID) string {
	var b strings.Builder
	switch id.Family {
	case FamKamerstuk:
		b.WriteString("kst-")
		if id.Dossier == "" {
			b.WriteString(id.Number)
			break
		}
		if id.Vergaderjaar != "" {
			b.WriteString(id.Vergaderjaar + "-")
		}
		b.WriteString(id.Dossier)
		if id.Toevoeging != "" {
			b.WriteString("-" + id.Toevoeging)
		}
		b.WriteString("-" + id.Number)
	case FamDossier:
		b.WriteString("dossier-" + id.Dossier)
		if id.Toevoeging != "" {
			b.WriteString("-" + id.Toevoeging)
		}
	case FamHandelingen:
		b.WriteString("h-" + id.Kamer + "-" + id.Vergaderjaar + "-")
		if id.Vergadering == "" {
			b.WriteString("p" + id.Page)
			break
		}
		b.WriteString(id.Vergadering)
		if id.Item != "" {
			b.WriteString("-" + id.Item)
		}
	case FamAanhangsel:
		b.WriteString("ah-")
		if id.Kamer != "" {
			b.WriteString(id.Kamer + "-" + id.Vergaderjaar + "-")
		}
		b.WriteString(id.Number)
	case FamKamervragen:
		b.WriteString("kv-" + id.Kamer + "-" + id.Value)
	case FamBijlage:
		b.WriteString("blg-" + id.Number)
	case FamStb, FamStcrt, FamTrb, FamGmb, FamPrb, FamWsb, FamBgr:
		b.WriteString(id.Family + "-" + id.Year + "-" + id.Number)
	case FamECLI:
		b.WriteString(id.Value)
	case FamLJN, FamURL:
		b.WriteString(id.Family + ":" + id.Value)
	case FamCELEX, FamBWB:
		b.WriteString(id.Family + ":" + id.Value)
		if id.Article != "" {
			b.WriteString(":art=" + id.Article)
		}
	case FamTKDocument, FamTKZaak:
		b.WriteString(id.Family + "-" + id.Value)
	}
	return b.String()
}

// Patterns of id fields that recognisers share with the grammar.
var (
	// VergaderjaarRE matches a vergaderjaar as ids write it ("20212022").
	VergaderjaarRE = reVJ8
	// CELEXRE matches a CELEX number ("32016R0679").
	CELEXRE = reCELEXCode
	// ArticleRE matches an article as celex: and bwb: ids write it.
	ArticleRE = reArticle
	// TKDocumentRE and TKZaakRE match Tweede Kamer document and zaak numbers.
	TKDocumentRE = reTKDoc
	TKZaakRE     = reTKZaak
)

var (
	reVJ8       = regexp.MustCompile(`^(1[89]|20)\d{6}$`)
	reDossier   = regexp.MustCompile(`^([1-9]\d{0,4}|[IVXLCDM]+)$`)
	reToev      = regexp.MustCompile(`^([A-Z]{1,6}|\d{2})$`)
	reOnder     = regexp.MustCompile(`^([1-9]\d{0,4}[a-z]?|[A-Z]{1,2})$`)
	reOpaque    = regexp.MustCompile(`^[1-9]\d{5,6}$`)
	reSmallNum  = regexp.MustCompile(`^[1-9]\d{0,5}$`)
	reGazNum    = regexp.MustCompile(`^[1-9]\d{0,6}$`)
	reYear      = regexp.MustCompile(`^(1[6-9]|20)\d{2}$`)
	reECLIFull  = regexp.MustCompile(`^ECLI:[A-Z]{2}:[A-Z0-9]{1,7}:\d{4}:[A-Z0-9.]{1,25}$`)
	reLJNCode   = regexp.MustCompile(`^[A-Z]{2}\d{4}$`)
	reCELEXCode = regexp.MustCompile(`^[0-9CE]\d{4}[A-Z]{1,2}\d{4}(\(\d{1,2}\))?$`)
	reBWBID     = regexp.MustCompile(`^BWB[RV]\d{7}$`)
	reArticle   = regexp.MustCompile(`^[0-9][0-9a-z.:]{0,15}$|^[IVXLC]{1,6}$`)
	reTKDoc     = regexp.MustCompile(`^(19|20)\d{2}D\d{5}$`)
	reTKZaak    = regexp.MustCompile(`^(19|20)\d{2}Z\d{5}$`)
	reKVLegacy  = regexp.MustCompile(`^\d{8}-[A-Z]{2,4}\d{1,6}$`)
)

// Parse takes a canonical id apart. It accepts exactly the strings Format
// writes for valid ids and returns an error wrapping ErrInvalidID otherwise.
func Parse(s string) (ID, error) {
	bad := func() (ID, error) { return ID{}, fmt.Errorf("%w: %q", ErrInvalidID, s) }
	switch {
	case strings.HasPrefix(s, "ECLI:"):
		if !reECLIFull.MatchString(s) {
			return bad()
		}
		return ID{Family: FamECLI, Value: s}, nil
	case strings.HasPrefix(s, "ljn:"):
		v := s[4:]
		if !reLJNCode.MatchString(v) {
			return bad()
		}
		return ID{Family: FamLJN, Value: v}, nil
	case strings.HasPrefix(s, "url:"):
		v := s[4:]
		if !strings.HasPrefix(v, "http://") && !strings.HasPrefix(v, "https://") || strings.ContainsAny(v, " \t\n") {
			return bad()
		}
		return ID{Family: FamURL, Value: v}, nil
	case strings.HasPrefix(s, "celex:"), strings.HasPrefix(s, "bwb:"):
		fam, rest, _ := strings.Cut(s, ":")
		v, art, hasArt := strings.Cut(rest, ":art=")
		if hasArt && !reArticle.MatchString(art) {
			return bad()
		}
		if fam == FamCELEX && !reCELEXCode.MatchString(v) || fam == FamBWB && !reBWBID.MatchString(v) {
			return bad()
		}
		return ID{Family: fam, Value: v, Article: art}, nil
	}
	fam, rest, ok := strings.Cut(s, "-")
	if !ok || rest == "" {
		return bad()
	}
	segs := strings.Split(rest, "-")
	switch fam {
	case FamKamerstuk:
		id := ID{Family: fam}
		if len(segs) == 1 {
			if !reOpaque.MatchString(segs[0]) {
				return bad()
			}
			id.Number = segs[0]
			return id, nil
		}
		if reVJ8.MatchString(segs[0]) && len(segs) >= 3 {
			id.Vergaderjaar, segs = segs[0], segs[1:]
		}
		switch len(segs) {
		case 2:
			id.Dossier, id.Number = segs[0], segs[1]
		case 3:
			id.Dossier, id.Toevoeging, id.Number = segs[0], segs[1], segs[2]
			if !reToev.MatchString(id.Toevoeging) {
				return bad()
			}
		default:
			return bad()
		}
		if !reDossier.MatchString(id.Dossier) || !reOnder.MatchString(id.Number) {
			return bad()
		}
		return id, nil
	case FamDossier:
		id := ID{Family: fam, Dossier: segs[0]}
		if len(segs) == 2 {
			id.Toevoeging = segs[1]
			if !reToev.MatchString(id.Toevoeging) {
				return bad()
			}
		} else if len(segs) != 1 {
			return bad()
		}
		if !reDossier.MatchString(id.Dossier) {
			return bad()
		}
		return id, nil
	case FamHandelingen:
		if len(segs) < 3 || len(segs) > 4 || !isKamer(segs[0]) || !reVJ8.MatchString(segs[1]) {
			return bad()
		}
		id := ID{Family: fam, Kamer: segs[0], Vergaderjaar: segs[1]}
		if len(segs) == 3 && strings.HasPrefix(segs[2], "p") {
			id.Page = segs[2][1:]
			if !reSmallNum.MatchString(id.Page) {
				return bad()
			}
			return id, nil
		}
		id.Vergadering = segs[2]
		if !reSmallNum.MatchString(id.Vergadering) {
			return bad()
		}
		if len(segs) == 4 {
			id.Item = segs[3]
			if !reSmallNum.MatchString(id.Item) {
				return bad()
			}
		}
		return id, nil
	case FamAanhangsel:
		if len(segs) == 1 {
			if !reOpaque.MatchString(segs[0]) {
				return bad()
			}
			return ID{Family: fam, Number: segs[0]}, nil
		}
		if len(segs) != 3 || segs[0] == "vv" || !isKamer(segs[0]) || !reVJ8.MatchString(segs[1]) || !reSmallNum.MatchString(segs[2]) {
			return bad()
		}
		return ID{Family: fam, Kamer: segs[0], Vergaderjaar: segs[1], Number: segs[2]}, nil
	case FamKamervragen:
		if len(segs) != 3 || segs[0] != "tk" && segs[0] != "ek" {
			return bad()
		}
		v := segs[1] + "-" + segs[2]
		if !reKVLegacy.MatchString(v) {
			return bad()
		}
		return ID{Family: fam, Kamer: segs[0], Value: v}, nil
	case FamBijlage:
		if len(segs) != 1 || !reOpaque.MatchString(segs[0]) {
			return bad()
		}
		return ID{Family: fam, Number: segs[0]}, nil
	case FamStb, FamStcrt, FamTrb, FamGmb, FamPrb, FamWsb, FamBgr:
		if len(segs) != 2 || !reYear.MatchString(segs[0]) || !reGazNum.MatchString(segs[1]) {
			return bad()
		}
		return ID{Family: fam, Year: segs[0], Number: segs[1]}, nil
	case FamTKDocument, FamTKZaak:
		v := rest
		if fam == FamTKDocument && !reTKDoc.MatchString(v) || fam == FamTKZaak && !reTKZaak.MatchString(v) {
			return bad()
		}
		return ID{Family: fam, Value: v}, nil
	}
	return bad()
}

func isKamer(k string) bool { return k == "tk" || k == "ek" || k == "vv" }

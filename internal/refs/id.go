package refs

import (
	"fmt"
	"strings"

	"kamerzoek/internal/docid"
)

// ErrInvalidID is returned by Parse for a string that is not a canonical id.
var ErrInvalidID = docid.ErrInvalidID

// ID families, the first field of an ID; the grammar lives in package docid.
const (
	FamKamerstuk   = docid.FamKamerstuk
	FamDossier     = docid.FamDossier
	FamHandelingen = docid.FamHandelingen
	FamAanhangsel  = docid.FamAanhangsel
	FamKamervragen = docid.FamKamervragen
	FamBijlage     = docid.FamBijlage
	FamStb         = docid.FamStb
	FamStcrt       = docid.FamStcrt
	FamTrb         = docid.FamTrb
	FamGmb         = docid.FamGmb
	FamPrb         = docid.FamPrb
	FamWsb         = docid.FamWsb
	FamBgr         = docid.FamBgr
	FamECLI        = docid.FamECLI
	FamLJN         = docid.FamLJN
	FamCELEX       = docid.FamCELEX
	FamBWB         = docid.FamBWB
	FamTKDocument  = docid.FamTKDocument
	FamTKZaak      = docid.FamTKZaak
	FamURL         = docid.FamURL
)

// ID is a canonical id taken apart (see docid.ID).
type ID = docid.ID

// Format returns the canonical string of id ("kst-36200-VI-12"); see
// docid.Format.
func Format(id ID) string { return docid.Format(id) }

// Parse takes a canonical id apart; see docid.Parse.
func Parse(s string) (ID, error) { return docid.Parse(s) }

// Patterns the recognisers share with the id grammar.
var (
	reVJ8       = docid.VergaderjaarRE
	reCELEXCode = docid.CELEXRE
	reArticle   = docid.ArticleRE
	reTKDoc     = docid.TKDocumentRE
	reTKZaak    = docid.TKZaakRE
)

// valid reports whether id formats to a string that Parse accepts and that
// parses back to the same id.
func valid(id ID) bool {
	p, err := Parse(Format(id))
	return err == nil && p == id
}

// ParseOB reads an identifier as Officiële Bekendmakingen writes it in
// URLs, XML and text ("kst-26643-144-h1", "kst-cxxiv-g",
// "kst-20082009-32024-C", "h-tk-20072008-2932-2933", "kv-tk-2021Z15715")
// and returns its canonical id: version and bijlage suffixes dropped, case
// canonicalised, pre-2011 Handelingen page ranges mapped to a vergadering
// or page id. It returns an error wrapping ErrInvalidID for anything else.
func ParseOB(s string) (ID, error) {
	if id, ok := parseOB(strings.TrimSpace(s)); ok {
		return id, nil
	}
	return ID{}, fmt.Errorf("%w: not an OB id: %q", ErrInvalidID, s)
}

package store

import (
	"encoding/binary"
	"errors"
	"strings"

	"kamerzoek/internal/document"
)

// Skeleton returns what the citation graph needs of doc and nothing more:
// its id and metadata, the number and heading of each section one of its
// references stands in, and its references to other documents (those with
// an id other than its own) without their spans and contexts. The catalog
// keeps one per held document, so that the graph is loaded at start-up
// without reading any stored document; SkeletonContexts gives the contexts.
func Skeleton(doc *document.Document) *document.Document {
	// Every string is copied: parsed fields are often slices of the whole
	// text, and a skeleton held by the graph would keep that text alive
	// for as long as the process runs.
	c := strings.Clone
	sk := &document.Document{ID: c(doc.ID), Kamer: c(doc.Kamer), Vergaderjaar: c(doc.Vergaderjaar), Dossier: c(doc.Dossier),
		Number: c(doc.Number), Title: c(doc.Title), Type: c(doc.Type), Date: c(doc.Date)}
	used := map[string]bool{}
	for _, r := range doc.References {
		if !graphRef(doc, r) {
			continue
		}
		sk.References = append(sk.References, document.Reference{ID: c(r.ID), Kind: document.Kind(c(string(r.Kind))), Raw: c(r.Raw),
			Footnote: r.Footnote, Section: c(r.Section), Page: r.Page, Pinpoint: c(r.Pinpoint)})
		if r.Section != "" {
			used[r.Section] = true
		}
	}
	for _, s := range doc.Sections {
		if used[s.ID] {
			sk.Sections = append(sk.Sections, document.Section{ID: c(s.ID), Number: c(s.Number), Heading: c(s.Heading)})
		}
	}
	return sk
}

// graphRef reports whether r is a reference the skeleton keeps.
func graphRef(doc *document.Document, r document.Reference) bool {
	return r.ID != "" && r.ID != doc.ID
}

// SkeletonContexts returns the references of doc that Skeleton keeps, in
// the same order, with only their id and context set.
func SkeletonContexts(doc *document.Document) []document.Reference {
	var out []document.Reference
	for _, r := range doc.References {
		if graphRef(doc, r) {
			out = append(out, document.Reference{ID: r.ID, Context: r.Context})
		}
	}
	return out
}

// errCorrupt is returned for a catalog value that does not decode.
var errCorrupt = errors.New("store: corrupt catalog entry")

// enc is an append-only binary encoder of strings and numbers.
type enc []byte

func (e *enc) str(s string) {
	*e = binary.AppendUvarint(*e, uint64(len(s)))
	*e = append(*e, s...)
}

func (e *enc) num(n int) { *e = binary.AppendVarint(*e, int64(n)) }

// dec reads what enc wrote; the first error sticks.
type dec struct {
	b   []byte
	err error
}

func (d *dec) str() string {
	n, k := binary.Uvarint(d.b)
	if k <= 0 || uint64(len(d.b)-k) < n {
		d.err = errCorrupt
		d.b = nil
		return ""
	}
	s := string(d.b[k : k+int(n)])
	d.b = d.b[k+int(n):]
	return s
}

// raw reads a string's bytes without copying them.
func (d *dec) raw() []byte {
	n, k := binary.Uvarint(d.b)
	if k <= 0 || uint64(len(d.b)-k) < n {
		d.err = errCorrupt
		d.b = nil
		return nil
	}
	s := d.b[k : k+int(n)]
	d.b = d.b[k+int(n):]
	return s
}

func (d *dec) num() int {
	n, k := binary.Varint(d.b)
	if k <= 0 {
		d.err = errCorrupt
		d.b = nil
		return 0
	}
	d.b = d.b[k:]
	return int(n)
}

// count reads a slice length, refusing one longer than the bytes left.
func (d *dec) count() int {
	n := d.num()
	if n < 0 || n > len(d.b) {
		d.err = errCorrupt
		d.b = nil
		return 0
	}
	return n
}

const skeletonFormat = 1

func encodeSkeleton(sk *document.Document) []byte {
	var e enc
	e.num(skeletonFormat)
	for _, s := range []string{sk.ID, sk.Kamer, sk.Vergaderjaar, sk.Dossier, sk.Number, sk.Title, sk.Type, sk.Date} {
		e.str(s)
	}
	e.num(len(sk.Sections))
	for _, s := range sk.Sections {
		e.str(s.ID)
		e.str(s.Number)
		e.str(s.Heading)
	}
	e.num(len(sk.References))
	for _, r := range sk.References {
		e.str(r.ID)
		e.str(string(r.Kind))
		e.str(r.Raw)
		e.num(r.Footnote)
		e.str(r.Section)
		e.num(r.Page)
		e.str(r.Pinpoint)
	}
	return e
}

func decodeSkeleton(b []byte) (*document.Document, error) {
	d := dec{b: b}
	if d.num() != skeletonFormat {
		return nil, errCorrupt
	}
	sk := &document.Document{}
	for _, p := range []*string{&sk.ID, &sk.Kamer, &sk.Vergaderjaar, &sk.Dossier, &sk.Number, &sk.Title, &sk.Type, &sk.Date} {
		*p = d.str()
	}
	if n := d.count(); n > 0 {
		sk.Sections = make([]document.Section, n)
		for i := range sk.Sections {
			s := &sk.Sections[i]
			s.ID, s.Number, s.Heading = d.str(), d.str(), d.str()
		}
	}
	if n := d.count(); n > 0 {
		sk.References = make([]document.Reference, n)
		for i := range sk.References {
			r := &sk.References[i]
			r.ID = d.str()
			r.Kind = document.Kind(d.str())
			r.Raw = d.str()
			r.Footnote = d.num()
			r.Section = d.str()
			r.Page = d.num()
			r.Pinpoint = d.str()
		}
	}
	if d.err != nil {
		return nil, d.err
	}
	return sk, nil
}

func encodeContexts(refs []document.Reference) []byte {
	var e enc
	e.num(len(refs))
	for _, r := range refs {
		e.str(r.ID)
		e.str(r.Context)
	}
	return e
}

func decodeContexts(b []byte) ([]document.Reference, error) {
	d := dec{b: b}
	n := d.count()
	out := make([]document.Reference, n)
	for i := range out {
		out[i].ID = d.str()
		out[i].Context = d.str()
	}
	if d.err != nil {
		return nil, d.err
	}
	return out, nil
}

// contextsTo returns, from encoded contexts, the contexts of the
// references to target, in order; only those strings are copied out of b.
func contextsTo(b []byte, target string) ([]string, error) {
	d := dec{b: b}
	n := d.count()
	var out []string
	for range n {
		id := d.raw()
		c := d.raw()
		if d.err != nil {
			return nil, d.err
		}
		if string(id) == target {
			out = append(out, string(c))
		}
	}
	return out, d.err
}

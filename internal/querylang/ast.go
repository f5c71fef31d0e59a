// Package querylang parses the search query language of kamerzoek into a
// syntax tree. It knows the syntax only: which fields exist, how words are
// analysed and how the tree is searched are the caller's business.
//
// The language, as people know it from web search:
//
//	drugs haven              both words (AND is implied)
//	drugs OR haven           either word (OF is accepted too)
//	drugs AND haven          both, explicitly (EN is accepted too)
//	NOT drugs, -drugs        without the word (NIET is accepted too)
//	+drugs                   the word is required
//	(drugs OR wapens) haven  parentheses group
//	"georganiseerde criminaliteit"      a phrase
//	"drugs haven"~5          the words within 5 positions of each other
//	title:regeldruk          a word in one field; title:(a OR b), title:"a b"
//	ondermijn*               words starting with "ondermijn"
//	ondermijnin~ , ~2        words within 1 (or 2) edits
//	date:>=2021-01-01, cited_by:>2      ranges on fields that hold them
//
// Operators are recognised in upper case only; "of", "en" and "niet" in
// lower case are words. Errors carry the byte offset where the query went
// wrong.
package querylang

import (
	"fmt"
	"strings"
)

// Node is a node of the syntax tree.
type Node interface {
	// Pos is the byte offset of the node's first character in the query.
	Pos() int
}

// And holds when all of its clauses hold.
type And struct {
	Clauses []Node
	Start   int
}

// Or holds when any of its clauses holds.
type Or struct {
	Clauses []Node
	Start   int
}

// Not holds when its clause does not.
type Not struct {
	Clause Node
	Start  int
}

// Must marks a clause written with a leading "+": required even where the
// caller would otherwise treat it as optional (identifiers).
type Must struct {
	Clause Node
	Start  int
}

// TermKind says how a term matches.
type TermKind int

// Kinds of terms.
const (
	Word   TermKind = iota // the word as analysed
	Prefix                 // words starting with Text (written Text*)
	Fuzzy                  // words within Fuzziness edits of Text (Text~N)
)

// Term is one word, prefix or fuzzy term, optionally on a field.
type Term struct {
	Field     string // "" for the default fields
	Text      string
	Kind      TermKind
	Fuzziness int // edits for Fuzzy (1 when written without a number)
	Start     int
	End       int
}

// Phrase is a quoted phrase; Slop > 0 means proximity ("…"~N): the words
// within Slop positions of where the phrase would put them.
type Phrase struct {
	Field string
	Text  string
	Slop  int
	Start int
	End   int
}

// Range is a comparison on a field: date:>=2021-01-01, cited_by:>2.
type Range struct {
	Field string
	Op    string // ">", ">=", "<" or "<="
	Value string
	Start int
	End   int
}

// Ident is an identifier the caller recognised at the start of a term
// ("29 911", "kst-29911-337"): Raw as written, Norm as the caller's
// recogniser normalised it.
type Ident struct {
	Raw   string
	Norm  string
	Start int
}

func (n *And) Pos() int    { return n.Start }
func (n *Or) Pos() int     { return n.Start }
func (n *Not) Pos() int    { return n.Start }
func (n *Must) Pos() int   { return n.Start }
func (n *Term) Pos() int   { return n.Start }
func (n *Phrase) Pos() int { return n.Start }
func (n *Range) Pos() int  { return n.Start }
func (n *Ident) Pos() int  { return n.Start }

// Error is one problem in a query, at a byte offset.
type Error struct {
	Offset int // byte offset in the query
	Column int // 1-based character (rune) position, for people
	Msg    string
}

func (e *Error) Error() string {
	return fmt.Sprintf("at character %d: %s", e.Column, e.Msg)
}

// ErrorList is every problem found in a query, in order of offset.
type ErrorList []*Error

func (l ErrorList) Error() string {
	switch len(l) {
	case 0:
		return "no errors"
	case 1:
		return l[0].Error()
	}
	return fmt.Sprintf("%s (and %d more)", l[0].Error(), len(l)-1)
}

// String writes n in a compact prefix form, for tests and debugging:
// and(a, or(b, c), not(d)), title:"a b"~3, ondermijn*, ondermijnin~1, id(29911).
func String(n Node) string {
	var b strings.Builder
	write(&b, n)
	return b.String()
}

func write(b *strings.Builder, n Node) {
	list := func(name string, cs []Node) {
		b.WriteString(name + "(")
		for i, c := range cs {
			if i > 0 {
				b.WriteString(", ")
			}
			write(b, c)
		}
		b.WriteString(")")
	}
	field := func(f string) {
		if f != "" {
			b.WriteString(f + ":")
		}
	}
	switch n := n.(type) {
	case nil:
		b.WriteString("<nil>")
	case *And:
		list("and", n.Clauses)
	case *Or:
		list("or", n.Clauses)
	case *Not:
		list("not", []Node{n.Clause})
	case *Must:
		list("must", []Node{n.Clause})
	case *Term:
		field(n.Field)
		b.WriteString(n.Text)
		switch n.Kind {
		case Prefix:
			b.WriteString("*")
		case Fuzzy:
			fmt.Fprintf(b, "~%d", n.Fuzziness)
		}
	case *Phrase:
		field(n.Field)
		fmt.Fprintf(b, "%q", n.Text)
		if n.Slop > 0 {
			fmt.Fprintf(b, "~%d", n.Slop)
		}
	case *Range:
		fmt.Fprintf(b, "%s:%s%s", n.Field, n.Op, n.Value)
	case *Ident:
		fmt.Fprintf(b, "id(%s)", n.Norm)
	}
}

// PlainClauses reports clauses that are only field-less words and
// phrases: a query a search may relax to "some of the words".
func PlainClauses(cs []Node) bool {
	for _, c := range cs {
		switch c := c.(type) {
		case *Term:
			if c.Field != "" {
				return false
			}
		case *Phrase:
			if c.Field != "" {
				return false
			}
		default:
			return false
		}
	}
	return true
}

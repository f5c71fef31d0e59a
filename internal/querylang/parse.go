package querylang

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Options tell the parser what the caller's index holds.
type Options struct {
	// Fields are the names field:value may use; nil accepts any name.
	Fields []string
	// RangeFields are the fields that take comparisons (date:>2021).
	RangeFields []string
	// Ident, when set, recognises an identifier at the start of s (at the
	// start of a term, outside quotes and field values) and returns its
	// normalised form and its length in bytes.
	Ident func(s string) (norm string, n int, ok bool)
}

// MaxFuzziness is the most edits a fuzzy term may allow.
const MaxFuzziness = 2

// Parse parses query into a syntax tree. An empty or blank query gives a
// nil Node and no error. Errors are an ErrorList sorted by offset.
func Parse(query string, opts Options) (Node, error) {
	p := &parser{src: query, opts: opts}
	if !utf8.ValidString(query) {
		p.errorf(0, "the query is not valid UTF-8")
		return nil, p.errs
	}
	p.sc = scanner{src: query, errh: func(off int, msg string) { p.errorf(off, "%s", msg) }, ident: opts.Ident}
	p.advance()
	if p.tok.kind == tEOF {
		return nil, nil
	}
	n := p.parseOr()
	for p.tok.kind != tEOF {
		if p.tok.kind == tRParen {
			p.errorf(p.tok.start, "unbalanced parenthesis: ')' has no '(' before it")
		} else {
			p.errorf(p.tok.start, "unexpected %q", p.tok.text)
		}
		p.advance()
	}
	if len(p.errs) > 0 {
		sort.SliceStable(p.errs, func(i, j int) bool { return p.errs[i].Offset < p.errs[j].Offset })
		return nil, p.errs
	}
	return n, nil
}

type parser struct {
	src  string
	opts Options
	sc   scanner
	tok  token
	errs ErrorList
}

func (p *parser) advance() { p.tok = p.sc.next() }

// errorf records a problem at byte offset off; one per offset is kept.
func (p *parser) errorf(off int, format string, args ...any) {
	for _, e := range p.errs {
		if e.Offset == off {
			return
		}
	}
	msg := format
	if len(args) > 0 {
		msg = fmt.Sprintf(format, args...)
	}
	col := utf8.RuneCountInString(p.src[:min(off, len(p.src))]) + 1
	p.errs = append(p.errs, &Error{Offset: off, Column: col, Msg: msg})
}

// endsClause reports whether the current token cannot start a clause.
func (p *parser) endsClause() bool {
	switch p.tok.kind {
	case tEOF, tRParen, tOr, tAnd:
		return true
	}
	return false
}

func (p *parser) parseOr() Node {
	start := p.tok.start
	first := p.parseAnd()
	if p.tok.kind != tOr {
		return first
	}
	clauses := []Node{first}
	for p.tok.kind == tOr {
		op := p.tok
		p.advance()
		if p.endsClause() {
			p.errorf(op.start, "%s has nothing after it", op.text)
			return &Or{Clauses: clauses, Start: start}
		}
		clauses = append(clauses, p.parseAnd())
	}
	return &Or{Clauses: clauses, Start: start}
}

func (p *parser) parseAnd() Node {
	start := p.tok.start
	var clauses []Node
	if p.tok.kind == tAnd || p.tok.kind == tOr {
		p.errorf(p.tok.start, "%s has nothing before it", p.tok.text)
		p.advance()
	}
	for {
		switch p.tok.kind {
		case tEOF, tRParen, tOr:
			if len(clauses) == 0 {
				if p.tok.kind == tRParen {
					p.errorf(p.tok.start, "nothing to search for before ')'")
				} else if p.tok.kind == tOr {
					p.errorf(p.tok.start, "%s has nothing before it", p.tok.text)
				}
				return &And{Start: start}
			}
			if len(clauses) == 1 {
				return clauses[0]
			}
			return &And{Clauses: clauses, Start: start}
		case tAnd:
			op := p.tok
			p.advance()
			if len(clauses) == 0 {
				p.errorf(op.start, "%s has nothing before it", op.text)
			}
			if p.endsClause() {
				p.errorf(op.start, "%s has nothing after it", op.text)
				continue
			}
		}
		clauses = append(clauses, p.parseUnary())
	}
}

func (p *parser) parseUnary() Node {
	switch p.tok.kind {
	case tNot:
		op := p.tok
		p.advance()
		if p.endsClause() {
			p.errorf(op.start, "%s has nothing after it", op.text)
			return &And{Start: op.start}
		}
		return &Not{Clause: p.parseUnary(), Start: op.start}
	case tPlus:
		op := p.tok
		p.advance()
		if p.endsClause() {
			p.errorf(op.start, "+ has nothing after it")
			return &And{Start: op.start}
		}
		return &Must{Clause: p.parseUnary(), Start: op.start}
	}
	return p.parsePrimary("")
}

// parsePrimary parses a group, a phrase, a word, an identifier or a
// field:value; field is the field a group's clauses belong to.
func (p *parser) parsePrimary(field string) Node {
	tok := p.tok
	switch tok.kind {
	case tLParen:
		p.advance()
		if p.tok.kind == tRParen {
			p.errorf(tok.start, "empty parentheses")
			p.advance()
			return &And{Start: tok.start}
		}
		n := p.parseOr()
		if p.tok.kind != tRParen {
			p.errorf(tok.start, "unbalanced parenthesis: the '(' here is not closed")
			return n
		}
		p.advance()
		if field != "" {
			setField(n, field)
		}
		return n
	case tPhrase:
		p.advance()
		return &Phrase{Field: field, Text: tok.text, Slop: tok.slop, Start: tok.start, End: tok.end}
	case tIdent:
		p.advance()
		return &Ident{Raw: tok.text, Norm: tok.norm, Start: tok.start}
	case tField:
		p.advance()
		return p.fieldValue(tok)
	case tWord:
		p.advance()
		return p.term(field, tok)
	}
	p.errorf(tok.start, "expected a word, a phrase or '(' here")
	p.advance()
	return &And{Start: tok.start}
}

// fieldValue parses what follows "name:".
func (p *parser) fieldValue(f token) Node {
	name := f.text
	known := p.opts.Fields == nil
	for _, k := range p.opts.Fields {
		if k == name {
			known = true
		}
	}
	if !known {
		p.errorf(f.start, "unknown field %q (known: %s)", name, strings.Join(p.opts.Fields, ", "))
	}
	switch p.tok.kind {
	case tEOF, tRParen:
		p.errorf(f.start, "%s: has no value after it", name)
		return &And{Start: f.start}
	case tLParen, tPhrase:
		n := p.parsePrimary(name)
		if ph, ok := n.(*Phrase); ok {
			ph.Start = f.start
		}
		return n
	case tWord:
		tok := p.tok
		if tok.start != f.end {
			p.errorf(f.start, "%s: has no value after it", name)
			return &And{Start: f.start}
		}
		p.advance()
		if op, val, ok := comparison(tok.text); ok {
			isRange := false
			for _, k := range p.opts.RangeFields {
				if k == name {
					isRange = true
				}
			}
			if !isRange {
				p.errorf(f.start, "%s: takes no comparison (only %s do)", name, strings.Join(p.opts.RangeFields, ", "))
			}
			end := tok.end
			if val == "" && p.tok.kind == tPhrase && p.tok.start == tok.end {
				val, end = p.tok.text, p.tok.end
				p.advance()
			}
			if val == "" {
				p.errorf(tok.start, "%s has no value after it", op)
			}
			return &Range{Field: name, Op: op, Value: val, Start: f.start, End: end}
		}
		t := p.term(name, tok)
		if tt, ok := t.(*Term); ok {
			tt.Start = f.start
		}
		return t
	}
	p.errorf(f.start, "%s: has no value after it", name)
	return &And{Start: f.start}
}

// comparison splits ">=2021" into ">=" and "2021".
func comparison(s string) (op, val string, ok bool) {
	for _, o := range []string{">=", "<=", ">", "<"} {
		if strings.HasPrefix(s, o) {
			return o, strings.Trim(s[len(o):], `"`), true
		}
	}
	return "", "", false
}

// term makes a Term of a scanned word: prefix*, fuzzy~N or a plain word.
func (p *parser) term(field string, tok token) Node {
	w := tok.text
	t := &Term{Field: field, Start: tok.start, End: tok.end}
	if len(w) >= 2 && w[0] == '/' && w[len(w)-1] == '/' {
		p.errorf(tok.start, "regular expressions (%s) are not supported; use a word, a \"phrase\" or a prefix (word*)", w)
		return t
	}
	if trimmed := strings.TrimRight(w, "?"); trimmed != "" {
		w = trimmed // a question mark ending a word is punctuation
	}
	body := strings.TrimRight(w, "*")
	if i := fuzzySuffix(body); i >= 0 {
		body = body[:i]
	}
	if i := strings.IndexAny(body, "*?"); i >= 0 {
		p.errorf(tok.start+i, "a wildcard may only end a word (word*); leading and inner wildcards are not supported")
		return t
	}
	if body != w && strings.HasSuffix(w, "*") && utf8.RuneCountInString(body) < 2 && body != "" {
		p.errorf(tok.start, "a wildcard must follow at least two letters of a word (%q)", w)
		return t
	}
	switch {
	case strings.HasSuffix(strings.TrimRight(w, "*"), "~") || fuzzySuffix(w) >= 0:
		i := fuzzySuffix(w)
		if i < 0 {
			i = strings.LastIndexByte(w, '~')
		}
		t.Kind = Fuzzy
		t.Text = strings.TrimRight(w[:i], "~*")
		t.Fuzziness = 1
		if d := strings.Trim(w[i+1:], "*"); d != "" {
			n, err := strconv.Atoi(d)
			if err != nil || n < 0 || n > MaxFuzziness {
				p.errorf(tok.start+i, "fuzziness after ~ must be 0, 1 or 2")
			} else {
				t.Fuzziness = n
			}
		}
	case strings.HasSuffix(w, "*"):
		t.Kind = Prefix
		t.Text = strings.TrimRight(w, "*")
	default:
		t.Text = w
	}
	if strings.Trim(t.Text, "*?~") == "" {
		p.errorf(tok.start, "%q has no letters or digits to search for", w)
	}
	return t
}

// fuzzySuffix is the offset of a trailing "~" or "~N" in w, or -1.
func fuzzySuffix(w string) int {
	i := strings.LastIndexByte(w, '~')
	if i <= 0 {
		return -1
	}
	for _, c := range w[i+1:] {
		if c < '0' || c > '9' {
			return -1
		}
	}
	return i
}

// setField puts field on every term and phrase of n that has none.
func setField(n Node, field string) {
	switch n := n.(type) {
	case *And:
		for _, c := range n.Clauses {
			setField(c, field)
		}
	case *Or:
		for _, c := range n.Clauses {
			setField(c, field)
		}
	case *Not:
		setField(n.Clause, field)
	case *Must:
		setField(n.Clause, field)
	case *Term:
		if n.Field == "" {
			n.Field = field
		}
	case *Phrase:
		if n.Field == "" {
			n.Field = field
		}
	}
}

package querylang

import (
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

var testOpts = Options{
	Fields:      []string{"title", "text", "type", "date", "cited_by"},
	RangeFields: []string{"date", "cited_by"},
	Ident: func(s string) (string, int, bool) {
		// A toy recogniser: five digits, optionally split as "29 911".
		m := regexp.MustCompile(`^(\d{2}) ?(\d{3})\b`).FindStringSubmatch(s)
		if m == nil {
			return "", 0, false
		}
		return m[1] + m[2], len(m[0]), true
	},
}

func TestParse(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"drugs", "drugs"},
		{"drugs haven", "and(drugs, haven)"},
		{"drugs AND haven", "and(drugs, haven)"},
		{"drugs EN haven", "and(drugs, haven)"},
		{"drugs && haven", "and(drugs, haven)"},
		{"drugs OR haven", "or(drugs, haven)"},
		{"drugs OF haven", "or(drugs, haven)"},
		{"drugs of haven", "and(drugs, of, haven)"},
		{"a b OR c d", "or(and(a, b), and(c, d))"},
		{"ondermijning NOT drugs", "and(ondermijning, not(drugs))"},
		{"ondermijning NIET drugs", "and(ondermijning, not(drugs))"},
		{"ondermijning -drugs", "and(ondermijning, not(drugs))"},
		{"ondermijning !drugs", "and(ondermijning, not(drugs))"},
		{"wia-uitkering", "wia-uitkering"},
		{"+explosieven -vuurwerk", "and(must(explosieven), not(vuurwerk))"},
		{"(drugs OR fietsen) ondermijning", "and(or(drugs, fietsen), ondermijning)"},
		{"((a))", "a"},
		{"NOT (a OR b) c", "and(not(or(a, b)), c)"},
		{`"georganiseerde criminaliteit"`, `"georganiseerde criminaliteit"`},
		{`"drugs haven"~5`, `"drugs haven"~5`},
		{`"drugs haven"~`, `"drugs haven"~2`},
		{`title:regeldruk`, `title:regeldruk`},
		{`title:"adviescollege toetsing"`, `title:"adviescollege toetsing"`},
		{`title:(a OR b) c`, `and(or(title:a, title:b), c)`},
		{`type:motie title:(stikstof -pas)`, `and(type:motie, and(title:stikstof, not(title:pas)))`},
		{`ondermijn*`, `ondermijn*`},
		{`title:ondermijn*`, `title:ondermijn*`},
		{`ondermijnin~`, `ondermijnin~1`},
		{`ondermijnin~2`, `ondermijnin~2`},
		{`date:>=2021-01-01`, `date:>=2021-01-01`},
		{`date:>"2021-01-01"`, `date:>2021-01-01`},
		{`cited_by:>2`, `cited_by:>2`},
		{`29 911 drugs`, `and(id(29911), drugs)`},
		{`+29 911 +coronacrisis`, `and(must(id(29911)), must(coronacrisis))`},
		{`criminaliteit -29911`, `and(criminaliteit, not(id(29911)))`},
		{`title:29911`, `title:29911`},
		{`"nr. 292"`, `"nr. 292"`},
		{`a\"b`, `a"b`},
		{`  `, `<nil>`},
		{`wat is regeldruk?`, `and(wat, is, regeldruk)`},
	} {
		n, err := Parse(c.in, testOpts)
		if err != nil {
			t.Errorf("Parse(%q): %v", c.in, err)
			continue
		}
		if got := String(n); got != c.want {
			t.Errorf("Parse(%q) = %s, want %s", c.in, got, c.want)
		}
	}
}

func TestParseErrors(t *testing.T) {
	for _, c := range []struct {
		in   string
		col  int
		want string
	}{
		{"title:(", 7, "unbalanced parenthesis"},
		{"(drugs OR fietsen", 1, "unbalanced parenthesis"},
		{"drugs)", 6, "unbalanced parenthesis"},
		{`"drugs haven`, 1, "unterminated quote"},
		{`drugs "haven`, 7, "unterminated quote"},
		{"foo:bar", 1, `unknown field "foo"`},
		{"drugs OR", 7, "OR has nothing after it"},
		{"OR drugs", 1, "OR has nothing before it"},
		{"drugs AND", 7, "AND has nothing after it"},
		{"drugs NOT", 7, "NOT has nothing after it"},
		{"drugs -", 7, "- has nothing after it"},
		{"title:", 1, "has no value"},
		{"title: drugs", 1, "has no value"},
		{"()", 1, "empty parentheses"},
		{"drugs~3", 6, "fuzziness"},
		{"title:>2", 1, "takes no comparison"},
		{"*", 1, "no letters"},
		{"é(", 2, "unbalanced parenthesis"},
		{"a OR OR b", 3, "OR has nothing after it"},
		{"\xff", 1, "UTF-8"},
		{"/ond.*/", 1, "regular expressions"},
		{"title:/.*/", 7, "regular expressions"},
		{"*mijning", 1, "wildcard"},
		{"?ndermijning", 1, "wildcard"},
		{"ond*mijning", 4, "wildcard"},
		{"a*", 1, "two letters"},
	} {
		_, err := Parse(c.in, testOpts)
		if err == nil {
			t.Errorf("Parse(%q): no error, want %q", c.in, c.want)
			continue
		}
		l, ok := err.(ErrorList)
		if !ok || len(l) == 0 {
			t.Fatalf("Parse(%q): %T %v, want an ErrorList", c.in, err, err)
		}
		if l[0].Column != c.col || !strings.Contains(l[0].Msg, c.want) {
			t.Errorf("Parse(%q) = %v, want %q at character %d", c.in, err, c.want, c.col)
		}
	}
}

// FuzzParse checks that any text parses or gives errors whose offsets lie
// within the text, and that a parsed tree renders.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"a b", "(a OR b) -c", `"a b"~3`, "title:(", "x:y", "29 911", "a~2", "b*", "date:>=2021", `\"`, "NIET (a EN b)"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		n, err := Parse(q, testOpts)
		if err != nil {
			l, ok := err.(ErrorList)
			if !ok || len(l) == 0 {
				t.Fatalf("Parse(%q): %T %v", q, err, err)
			}
			for _, e := range l {
				if e.Offset < 0 || e.Offset > len(q) || e.Column < 1 || e.Column > utf8.RuneCountInString(q)+1 {
					t.Fatalf("Parse(%q): offset %d column %d out of range", q, e.Offset, e.Column)
				}
			}
			return
		}
		_ = String(n)
	})
}

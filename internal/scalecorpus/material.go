// Package scalecorpus generates a synthetic corpus of parliamentary
// letters for scale benchmarks: plain-text letters in the layout of a
// Kamerstuk as kamerzoek's text reader reads it (front matter, numbered or
// unnumbered sections, footnotes marked with Unicode superscripts, a
// signature), with real-size bodies built from sentences of real
// documents, footnotes that cite earlier letters in the forms of the
// citation grammar, and a citation distribution with a heavy tail
// (preferential attachment). The same options and seed give the same
// corpus, byte for byte.
package scalecorpus

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"kamerzoek/internal/document"
	"kamerzoek/internal/ingest"
	"kamerzoek/internal/refs"
)

// Material is the real text synthetic letters are made of: body sentences,
// section headings and dossier titles, each deduplicated and in a stable
// order.
type Material struct {
	Sentences []string
	Headings  []string
	Titles    []string
}

// ErrNoMaterial is returned when the sources yield too few sentences to
// build letters from.
var ErrNoMaterial = errors.New("scalecorpus: too few sentences in the sources")

// minSentences is the least material a corpus is built from.
const minSentences = 50

// LoadMaterial reads every file under paths (files or folders, as
// `kamerzoek ingest` takes them) with kamerzoek's own readers and collects
// its material. Files that do not parse are skipped. It returns
// ErrNoMaterial when fewer than 50 usable sentences are found.
func LoadMaterial(ctx context.Context, paths []string) (*Material, error) {
	items, _ := ingest.Expand(paths, 256<<20)
	var docs []*document.Document
	for _, it := range items {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("scalecorpus: %w", ctx.Err())
		}
		data, err := it.Read()
		if err != nil {
			continue
		}
		doc, err := ingest.Parse(ctx, it.Name, data, ingest.ParseOptions{Metadata: it.Metadata()})
		if err != nil {
			continue
		}
		docs = append(docs, doc)
	}
	m := MaterialFromDocs(docs)
	if len(m.Sentences) < minSentences {
		return nil, fmt.Errorf("%w: %d from %d documents", ErrNoMaterial, len(m.Sentences), len(docs))
	}
	return m, nil
}

// MaterialFromDocs collects the material of parsed documents: sentences of
// 6 to 45 words that start with a capital, end with a full stop and hold
// no reference, no footnote marker and no line break; headings of one to
// eight words; dossier titles.
func MaterialFromDocs(docs []*document.Document) *Material {
	sents := map[string]bool{}
	heads := map[string]bool{}
	titles := map[string]bool{}
	for _, d := range docs {
		if t := strings.TrimSpace(d.Title); plainHeading(t, 14) && len(t) >= 12 {
			titles[t] = true
		}
		for _, s := range d.Sections {
			if h := strings.TrimSpace(s.Heading); plainHeading(h, 8) && s.Number == "" {
				heads[h] = true
			}
			for _, p := range strings.Split(s.Text, "\n\n") {
				for _, sent := range splitSentences(p) {
					if usableSentence(sent) {
						sents[sent] = true
					}
				}
			}
		}
	}
	return &Material{Sentences: sorted(sents), Headings: sorted(heads), Titles: sorted(titles)}
}

func sorted(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// splitSentences cuts a paragraph after ". " where a capital follows.
func splitSentences(p string) []string {
	p = strings.Join(strings.Fields(p), " ")
	var out []string
	start := 0
	for i := 0; i+2 < len(p); i++ {
		if p[i] == '.' && p[i+1] == ' ' {
			r, _ := utf8.DecodeRuneInString(p[i+2:])
			if unicode.IsUpper(r) {
				out = append(out, p[start:i+1])
				start = i + 2
			}
		}
	}
	return append(out, p[start:])
}

var reInnerStop = regexp.MustCompile(`\. \S|\s\d{1,2}\.$|^\d`)

// usableSentence reports whether s can stand in a synthetic body without
// changing what the letter's parse must yield.
func usableSentence(s string) bool {
	n := len(strings.Fields(s))
	if n < 6 || n > 45 || !strings.HasSuffix(s, ".") || strings.HasSuffix(s, "..") {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s)
	if !unicode.IsUpper(r) {
		return false
	}
	for _, c := range s {
		if c == '\n' || c == '\uFFFD' || c == '*' || c == '•' || c == '<' || c == '>' || c == '|' || c == '_' ||
			unicode.Is(unicode.No, c) || unicode.IsControl(c) {
			return false
		}
	}
	// A list number left at the end ("… voeren. 4.") or a second
	// sentence that did not split.
	if reInnerStop.MatchString(s) {
		return false
	}
	low := strings.ToLower(s)
	for _, w := range []string{"http", "www.", "kamerstuk", "handelingen", "stb.", "staatsblad", "nr.", "nrs.", "ecli", "bijlage"} {
		if strings.Contains(low, w) {
			return false
		}
	}
	res := refs.Extract(s, refs.Context{})
	return len(res.References) == 0 && len(res.Diagnostics) == 0
}

// plainHeading reports whether h can serve as an unnumbered heading (or a
// dossier title): at most maxWords words, a capital first, letters and
// spaces mostly, no sentence end.
func plainHeading(h string, maxWords int) bool {
	n := len(strings.Fields(h))
	if n == 0 || n > maxWords || len(h) > 90 || strings.Contains(h, "\n") {
		return false
	}
	r, _ := utf8.DecodeRuneInString(h)
	if !unicode.IsUpper(r) {
		return false
	}
	letters := 0
	for _, c := range h {
		switch {
		case unicode.IsLetter(c):
			letters++
		case c == ' ' || c == '-' || c == '\'' || c == '’':
		default:
			return false
		}
	}
	if letters < 4 || strings.HasPrefix(h, "Aan ") || strings.HasPrefix(h, "De ") || strings.HasPrefix(h, "Het ") {
		return false
	}
	// An all-capitals line would be read as a document title.
	return strings.ToUpper(h) != h
}

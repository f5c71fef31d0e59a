package pdftext

import "sort"

// advanceKey names one glyph of one font at one size.
type advanceKey struct {
	f    *font
	text string
	size float64
}

// fixAdvances corrects glyph extents whose font widths disagree with where
// the content stream actually places the next glyph. Some text layers (OCR
// layers over scans in particular) position every glyph explicitly with a
// font whose width table is wrong, so a glyph's box reaches far into the
// next one: the overlap then reads as a word break inside words, and the
// inflated box hides the real gap after a word. For each glyph of a font
// that, followed within a word by another glyph of the same size and line, steps
// forward markedly less than its width in most of at least three
// occurrences, the right edge is set to the median observed step.
func fixAdvances(gs []glyph) {
	overlapped := false
	for i := 1; i < len(gs); i++ {
		if p, g := &gs[i-1], &gs[i]; inWordPair(p, g) && g.x0 < p.x1-0.3*p.size {
			overlapped = true
			break
		}
	}
	if !overlapped {
		return
	}
	steps := map[advanceKey][]float64{}
	over := map[advanceKey]int{}
	for i := 1; i < len(gs); i++ {
		p, g := &gs[i-1], &gs[i]
		if !inWordPair(p, g) {
			continue
		}
		k := advanceKey{p.font, p.text, p.size}
		steps[k] = append(steps[k], g.x0-p.x0)
		if g.x0 < p.x1-0.3*p.size {
			over[k]++
		}
	}
	width := map[advanceKey]float64{}
	for k, s := range steps {
		if len(s) < 3 || 4*over[k] < 3*len(s) {
			continue
		}
		sort.Float64s(s)
		width[k] = s[len(s)/2]
	}
	if len(width) == 0 {
		return
	}
	for i := range gs {
		g := &gs[i]
		if w, ok := width[advanceKey{g.font, g.text, g.size}]; ok && g.x0+w < g.x1 {
			g.x1 = g.x0 + w
		}
	}
}

// inWordPair reports whether g follows p directly within a word of one
// upright line in the content stream: same size, same baseline,
// neither a space, and g further right.
func inWordPair(p, g *glyph) bool {
	return !p.space && !g.space && !p.rot && !g.rot && p.font != nil &&
		p.size == g.size && p.size > 0 && p.y == g.y && g.x0 > p.x0 && g.seq == p.seq+1
}

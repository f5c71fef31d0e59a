package pdftext

import (
	"math"

	"golang.org/x/text/unicode/norm"
	"sort"
	"strings"
)

// Layout thresholds, as fractions of the font size.
const (
	wordGap      = 0.1  // a gap wider than this separates words (as pdftotext)
	segmentGap   = 3.0  // a gap wider than this splits a baseline into columns
	gutterGap    = 0.8  // a gap wider than this splits it where a column gutter runs
	lineTol      = 0.25 // baselines closer than this share a line
	supMinRaise  = 0.1  // a superscript sits at least this much higher
	supMaxRaise  = 0.75 // and at most this much
	supMaxScale  = 0.88 // and is at most this size relative to its line
	blockLeading = 2.2  // lines further apart than this start a new block
)

// pglyph is a glyph during layout.
type pglyph struct {
	*glyph
	sup        bool
	spaceAfter bool // a space glyph followed it in the content stream
}

// cluster is a set of glyphs on (nearly) one baseline.
type cluster struct {
	y, size float64
	gl      []*pglyph
}

// layout turns the glyphs of a page into lines in reading order.
func layout(glyphs []glyph, pw, ph float64) []Line {
	if len(glyphs) == 0 {
		return nil
	}
	all := make([]pglyph, len(glyphs))
	var upright, rot []*pglyph
	for i := range glyphs {
		g := &glyphs[i]
		all[i].glyph = g
		if g.space {
			if i > 0 && !glyphs[i-1].space {
				all[i-1].spaceAfter = true
			}
			continue
		}
		// drop what lies well outside the page
		if g.x1 < -5 || g.x0 > pw+5 || g.y < -5 || g.y > ph+5 || g.size <= 0 || math.IsNaN(g.x0+g.y+g.size) {
			continue
		}
		if g.rot {
			rot = append(rot, &all[i])
		} else {
			upright = append(upright, &all[i])
		}
	}
	clusters := clusterLines(upright)
	mergeSuperscripts(clusters)
	gut := findGutters(clusters, pw)
	var lines []Line
	for _, c := range clusters {
		if len(c.gl) == 0 {
			continue
		}
		lines = append(lines, buildLines(c, gut)...)
	}
	lines = orderBlocks(lines)
	if len(rot) > 0 {
		nb := 0
		if len(lines) > 0 {
			nb = lines[len(lines)-1].Block + 1
		}
		lines = append(lines, rotatedLines(rot, nb)...)
	}
	return lines
}

// clusterLines groups glyphs by baseline.
func clusterLines(gl []*pglyph) []*cluster {
	sort.SliceStable(gl, func(i, j int) bool {
		if gl[i].y != gl[j].y {
			return gl[i].y < gl[j].y
		}
		return gl[i].x0 < gl[j].x0
	})
	var out []*cluster
	var cur *cluster
	for _, g := range gl {
		if cur != nil && g.y-cur.y <= lineTol*math.Min(cur.size, g.size)+0.01 {
			cur.gl = append(cur.gl, g)
			continue
		}
		cur = &cluster{y: g.y, size: g.size, gl: []*pglyph{g}}
		out = append(out, cur)
	}
	for _, c := range out {
		sortByX(c.gl)
		c.size = dominantSize(c.gl)
	}
	return out
}

func sortByX(gl []*pglyph) {
	sort.SliceStable(gl, func(i, j int) bool {
		if gl[i].x0 != gl[j].x0 {
			return gl[i].x0 < gl[j].x0
		}
		return gl[i].seq < gl[j].seq
	})
}

// dominantSize is the size most glyphs have (rounded to 0.5 pt).
func dominantSize(gl []*pglyph) float64 {
	if len(gl) == 0 {
		return 0
	}
	type count struct{ k, n int }
	var buf [16]count
	counts := buf[:0]
	best, bestN := 0, -1
	for _, g := range gl {
		if g.sup {
			continue
		}
		k := int(math.Round(g.size * 2))
		n := 0
		for i := range counts {
			if counts[i].k == k {
				counts[i].n++
				n = counts[i].n
				break
			}
		}
		if n == 0 {
			counts = append(counts, count{k, 1})
			n = 1
		}
		if n > bestN || n == bestN && k > best {
			best, bestN = k, n
		}
	}
	if bestN < 0 {
		return gl[0].size
	}
	return float64(best) / 2
}

// mergeSuperscripts moves short runs of small raised glyphs into the line
// below them, marked as superscripts; it also marks small raised glyphs
// inside a line.
func mergeSuperscripts(cs []*cluster) {
	for i, s := range cs {
		// split s into runs separated by gaps
		start := 0
		for k := 1; k <= len(s.gl); k++ {
			if k < len(s.gl) && s.gl[k].x0-s.gl[k-1].x1 <= 0.5*s.gl[k].size {
				continue
			}
			run := s.gl[start:k]
			if len(run) <= 6 {
				if b := findBase(cs, i, run); b != nil && markerText(run, b) {
					for _, g := range run {
						g.sup = true
						b.gl = append(b.gl, g)
					}
					sortByX(b.gl)
					// remove from s
					for j := start; j < k; j++ {
						s.gl[j] = nil
					}
				}
			}
			start = k
		}
		kept := s.gl[:0]
		for _, g := range s.gl {
			if g != nil {
				kept = append(kept, g)
			}
		}
		s.gl = kept
	}
	for _, c := range cs {
		sortByX(c.gl)
		if len(c.gl) == 0 {
			continue
		}
		c.size = dominantSize(c.gl)
		base := baselineOf(c.gl, c.size)
		for k := 0; k < len(c.gl); {
			g := c.gl[k]
			if g.sup || !(g.size < supMaxScale*c.size && (base-g.y > supMinRaise*c.size || g.rise)) {
				k++
				continue
			}
			// a run of small raised glyphs inside the line
			e := k + 1
			for e < len(c.gl) && !c.gl[e].sup && c.gl[e].size < supMaxScale*c.size && (base-c.gl[e].y > supMinRaise*c.size || c.gl[e].rise) {
				e++
			}
			if e-k <= 6 && markerText(c.gl[k:e], c) {
				for _, r := range c.gl[k:e] {
					r.sup = true
				}
			}
			k = e
		}
	}
}

// markerText reports whether a run of small raised glyphs reads as a
// footnote marker or an ordinal: digits (with separators such as "1,2" or
// "3)"), note symbols (* † ‡), or up to three lower-case letters right after
// a digit ("1e", "2de"). Other raised small text (scanned text layers, side
// columns) is not a superscript.
func markerText(run []*pglyph, line *cluster) bool {
	var t strings.Builder
	for _, g := range run {
		t.WriteString(g.text)
	}
	if run[0].hidden {
		return false // sizes and baselines of OCR text are not typography
	}
	s := t.String()
	digits, symbols, letters, other := 0, 0, 0, 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case strings.ContainsRune("*†‡§", r):
			symbols++
		case r == ',' || r == ')' || r == '-' || r == '–' || r == '.' || r == ' ':
		case r >= 'a' && r <= 'z':
			letters++
		default:
			other++
		}
	}
	if other > 0 || digits > 4 {
		return false
	}
	if digits > 0 && letters == 0 || symbols > 0 && letters == 0 && digits == 0 {
		return true
	}
	if letters > 0 && letters <= 3 && digits == 0 {
		// an ordinal: the glyph before the run is a digit
		k := sort.Search(len(line.gl), func(i int) bool { return line.gl[i].x0 >= run[0].x0 })
		for k--; k >= 0; k-- {
			if p := line.gl[k]; p != run[0] && !p.sup {
				r := p.text[len(p.text)-1]
				return r >= '0' && r <= '9' && run[0].x0-p.x1 < 0.3*p.size
			}
		}
	}
	return false
}

// baselineOf is the baseline of the glyphs of dominant size.
func baselineOf(gl []*pglyph, size float64) float64 {
	for _, g := range gl {
		if !g.sup && math.Abs(g.size-size) < 0.5 {
			return g.y
		}
	}
	return gl[0].y
}

// findBase finds the line a run of small glyphs is a superscript of.
func findBase(cs []*cluster, i int, run []*pglyph) *cluster {
	maxSize, y := 0.0, run[0].y
	for _, g := range run {
		maxSize = math.Max(maxSize, g.size)
	}
	rx0, rx1 := run[0].x0, run[len(run)-1].x1
	for j := i + 1; j < len(cs); j++ {
		b := cs[j]
		dy := b.y - y
		if dy > 30 {
			break
		}
		if len(b.gl) == 0 {
			continue
		}
		// nearest glyph of b to the left of the run and to its right
		k := sort.Search(len(b.gl), func(k int) bool { return b.gl[k].x0 >= rx0 })
		var cands [2]*pglyph
		if k > 0 {
			cands[0] = b.gl[k-1]
		}
		if k < len(b.gl) {
			cands[1] = b.gl[k]
		}
		for ci, bg := range cands {
			if bg == nil || bg.sup {
				continue
			}
			sz := bg.size
			d := bg.y - y
			if d < supMinRaise*sz || d > supMaxRaise*sz || maxSize > supMaxScale*sz {
				continue
			}
			if ci == 0 && rx0-bg.x1 <= 0.6*sz && rx0-bg.x1 >= -0.3*sz {
				return b
			}
			if ci == 1 && bg.x0-rx1 <= 0.6*sz && bg.x0-rx1 >= -0.3*sz {
				return b
			}
		}
	}
	return nil
}

// buildLines splits a cluster into column segments and each into words.
func buildLines(c *cluster, gut gutters) []Line {
	gl := dedupe(c.gl)
	var lines []Line
	start := 0
	for k := 1; k <= len(gl); k++ {
		if k < len(gl) {
			sz := math.Max(gl[k].size, gl[k-1].size)
			gap := gl[k].x0 - gl[k-1].x1
			if gap <= segmentGap*sz && (gap <= gutterGap*sz || !gut.crosses(gl[k-1].x1, gl[k].x0)) {
				continue
			}
		}
		if l, ok := buildLine(gl[start:k]); ok {
			lines = append(lines, l)
		}
		start = k
	}
	return lines
}

// dedupe drops glyphs drawn twice on top of each other (fake bold).
func dedupe(gl []*pglyph) []*pglyph {
	out := make([]*pglyph, 0, len(gl))
	for _, g := range gl {
		dup := false
		for j := len(out) - 1; j >= 0 && j >= len(out)-3; j-- {
			p := out[j]
			if p.text == g.text && math.Abs(p.x0-g.x0) < 0.1*g.size && math.Abs(p.y-g.y) < 0.1*g.size {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, g)
		}
	}
	return out
}

// buildLine makes one line of x-sorted glyphs.
func buildLine(gl []*pglyph) (Line, bool) {
	var l Line
	if len(gl) == 0 {
		return l, false
	}
	var b strings.Builder
	var w Word
	var pendingAccent rune
	accents := false
	flush := func() {
		t := b.String()
		b.Reset()
		if accents {
			t = norm.NFC.String(t)
			accents = false
		}
		if strings.TrimSpace(t) == "" {
			return
		}
		w.Text = strings.TrimSpace(t)
		l.Words = append(l.Words, w)
	}
	ocrGap := ocrWordGaps(gl)
	for k, g := range gl {
		brk := k == 0
		if k > 0 {
			p := gl[k-1]
			sz := math.Max(p.size, g.size)
			gap := g.x0 - p.x1
			minGap := wordGap * sz
			if ocrGap != nil {
				gap, minGap = ocrGap[k-1], ocrGap[len(gl)-1]*sz
			}
			if gap > minGap || p.spaceAfter && p.seq < g.seq || p.sup != g.sup || gap < -0.5*sz {
				brk = true
			}
		}
		if brk {
			if k > 0 {
				flush()
			}
			w = Word{X0: g.x0, X1: g.x1, Y: g.y, Size: g.size, Superscript: g.sup}
			if g.font != nil {
				w.Font, w.Bold, w.Italic = g.font.name, g.font.bold, g.font.italic
			}
		}
		t := g.text
		if k > 0 && !brk {
			// a spacing accent drawn over the glyph before it: combine
			if c, ok := accent(t); ok && g.x0+g.x1 <= 2*gl[k-1].x1+0.1*g.size {
				t = string(c)
				accents = true
			}
		}
		if k+1 < len(gl) && !g.sup {
			// an accent drawn before the glyph it sits on
			if c, ok := accent(t); ok && g.x1 > gl[k+1].x0+0.1*g.size && g.x0 < gl[k+1].x1 {
				pendingAccent = c
				continue
			}
		}
		if pendingAccent != 0 {
			t += string(pendingAccent)
			pendingAccent = 0
			accents = true
		}
		if strings.Contains(t, "\u00AD") {
			if k == len(gl)-1 {
				t = strings.ReplaceAll(t, "\u00AD", "-")
			} else {
				t = strings.ReplaceAll(t, "\u00AD", "")
			}
		}
		b.WriteString(t)
		if g.x1 > w.X1 {
			w.X1 = g.x1
		}
		if g.size > w.Size {
			w.Size = g.size
		}
	}
	flush()
	if len(l.Words) == 0 {
		return l, false
	}
	l.X0 = gl[0].x0
	l.X1 = gl[len(gl)-1].x1
	for _, g := range gl {
		l.X1 = math.Max(l.X1, g.x1)
	}
	l.Size = dominantSize(gl)
	l.Y = baselineOf(gl, l.Size)
	return l, true
}

// ocrWordGaps judges the gaps of a line of an OCR text layer (glyphs drawn
// invisibly over a scan) from the glyphs' positions rather than their
// widths. Such a layer places each glyph where the engine saw it, but its
// widths are no typography: they come from a stand-in font, often one font
// per glyph run with made-up metrics, and overshoot or fall short of the
// next glyph ("o n derwijs", "Min ister" when a 1.4 em wide "n" seems to
// overlap the letter after it). So:
//   - a glyph drawn straight after its left neighbour (the next glyph in
//     the content stream) ends where that neighbour starts at the latest:
//     an overlap between them is a width error, not a new word;
//   - the gap that separates words is measured against the line's own
//     letter spacing: wider than the median gap between its glyphs by the
//     typeset threshold (0.1 em), and never narrower than that threshold.
//
// It returns nil for a line that is not an OCR layer or too short to have
// a letter spacing; else the gap after each glyph (in points), with the
// separating threshold (in em) as the last element.
func ocrWordGaps(gl []*pglyph) []float64 {
	if len(gl) < 2 {
		return nil
	}
	for _, g := range gl {
		if !g.hidden {
			return nil
		}
	}
	gaps := make([]float64, len(gl))
	inner := make([]float64, 0, len(gl))
	start, scale := ocrRuns(gl)
	for k := 1; k < len(gl); k++ {
		p, g := gl[k-1], gl[k]
		x1 := p.x1
		if rs := gl[start[k-1]]; scale > 1 && start[k] == k {
			x1 = rs.x0 + scale*(p.x1-rs.x0) // the run's end at the layer's own scale
		}
		if g.seq == p.seq+1 && g.x0 > p.x0 && !p.spaceAfter {
			x1 = math.Min(x1, g.x0)
		}
		gaps[k-1] = g.x0 - x1
		if !p.spaceAfter && p.sup == g.sup {
			inner = append(inner, gaps[k-1]/math.Max(p.size, g.size))
		}
	}
	thr := wordGap
	if len(inner) >= 8 {
		sort.Float64s(inner)
		thr = math.Max(thr, inner[len(inner)/2]+wordGap)
	}
	gaps[len(gl)-1] = thr
	return gaps
}

// ocrRuns finds the glyph runs of an OCR line, each placed by the engine:
// a glyph drawn right after the one before it, at the end of its advance
// and in its font, continues that glyph's run. start[k] is the index of
// the first glyph of k's run. When the runs are short (at most three
// glyphs in the middle) and the line's stand-in widths fall short, each
// run being placed further on than its widths reach, scale is the median
// factor between where the next run starts and where the widths end (the
// layer's own letter pitch against its widths, measured inside words as
// most short runs are), provided even the lower quartile of those factors
// is well above 1; else scale is 1. Layers that place whole words (runs
// of a word each, widths fitted) keep their widths.
func ocrRuns(gl []*pglyph) (start []int, scale float64) {
	start = make([]int, len(gl))
	for k := 1; k < len(gl); k++ {
		p, g := gl[k-1], gl[k]
		if g.seq == p.seq+1 && g.font == p.font && math.Abs(g.x0-p.x1) < 0.01*g.size {
			start[k] = start[k-1]
		} else {
			start[k] = k
		}
	}
	var ratios, lens []float64
	for k := 1; k <= len(gl); k++ {
		if k < len(gl) && start[k] != k {
			continue
		}
		rs := start[k-1]
		lens = append(lens, float64(k-rs))
		if k == len(gl) {
			break
		}
		p, g := gl[k-1], gl[k]
		if w := p.x1 - gl[rs].x0; w > 0 && !p.spaceAfter && g.x0 > p.x0 {
			ratios = append(ratios, (g.x0-gl[rs].x0)/w)
		}
	}
	if len(ratios) < 6 {
		return start, 1
	}
	sort.Float64s(lens)
	sort.Float64s(ratios)
	// Whole short words as runs (fitted widths, a space after each) give
	// ratios of 1.1 to 1.5; runs that cut words with widths that fall
	// short give high ratios throughout: require the lower quartile too.
	if s, q1 := ratios[len(ratios)/2], ratios[len(ratios)/4]; lens[len(lens)/2] <= 3 && s > 1.15 && q1 > 1.3 {
		return start, s
	}
	return start, 1
}

// block is a run of lines stacked in one column.
type block struct {
	lines          []int
	x0, x1, y0, y1 float64 // y0: top (first baseline - size), y1: last baseline
	size           float64
}

// orderBlocks groups lines into blocks and orders them for reading:
// columns left to right between full-width separators, top to bottom.
func orderBlocks(lines []Line) []Line {
	if len(lines) == 0 {
		return lines
	}
	idx := make([]int, len(lines))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool {
		la, lb := &lines[idx[a]], &lines[idx[b]]
		if la.Y != lb.Y {
			return la.Y < lb.Y
		}
		return la.X0 < lb.X0
	})
	var blocks []*block
	for _, i := range idx {
		l := &lines[i]
		var best *block
		for _, b := range blocks {
			last := &lines[b.lines[len(b.lines)-1]]
			dy := l.Y - last.Y
			if dy <= 0.3*l.Size || dy > blockLeading*math.Max(l.Size, last.Size) {
				continue
			}
			if l.X0 >= b.x1 || l.X1 <= b.x0 {
				continue
			}
			r := l.Size / last.Size
			if r < 0.8 || r > 1.25 {
				continue
			}
			if best == nil || last.Y > lines[best.lines[len(best.lines)-1]].Y {
				best = b
			}
		}
		if best == nil {
			blocks = append(blocks, &block{lines: []int{i}, x0: l.X0, x1: l.X1, y0: l.Y - l.Size, y1: l.Y, size: l.Size})
			continue
		}
		best.lines = append(best.lines, i)
		best.x0 = math.Min(best.x0, l.X0)
		best.x1 = math.Max(best.x1, l.X1)
		best.y1 = l.Y
	}
	order := readingOrder(blocks)
	out := make([]Line, 0, len(lines))
	for bn, bi := range order {
		for _, li := range blocks[bi].lines {
			l := lines[li]
			l.Block = bn
			out = append(out, l)
		}
	}
	return out
}

// readingOrder sorts blocks: a block comes before another when it lies
// above it and overlaps it horizontally, or lies left of it with nothing
// spanning both between them.
func readingOrder(bs []*block) []int {
	n := len(bs)
	order := make([]int, 0, n)
	if n > 150 {
		for i := range bs {
			order = append(order, i)
		}
		sort.SliceStable(order, func(a, b int) bool { return bs[order[a]].y0 < bs[order[b]].y0 })
		return order
	}
	overlapX := func(a, b *block) bool { return a.x0 < b.x1 && b.x0 < a.x1 }
	before := func(a, b *block) bool {
		if overlapX(a, b) {
			return a.y1 < b.y0+0.5*b.size || a.y0 < b.y0 && a.y1 <= b.y1
		}
		if a.x1 <= b.x0 {
			top, bot := math.Min(a.y0, b.y0), math.Max(a.y1, b.y1)
			if a.y0 <= b.y1 && b.y0 <= a.y1 {
				return true
			}
			for _, c := range bs {
				if c == a || c == b {
					continue
				}
				if c.x0 < a.x1 && c.x1 > b.x0 && c.y0 > top && c.y1 < bot {
					// c spans both columns between them
					if (c.y0 > a.y1 && c.y1 < b.y0) || (c.y0 > b.y1 && c.y1 < a.y0) {
						return false
					}
				}
			}
			return true
		}
		return false
	}
	pred := make([][]int, n)
	for i := range bs {
		for j := range bs {
			if i != j && before(bs[j], bs[i]) && !before(bs[i], bs[j]) {
				pred[i] = append(pred[i], j)
			}
		}
	}
	done := make([]bool, n)
	for len(order) < n {
		pick := -1
		for i := range bs {
			if done[i] {
				continue
			}
			ready := true
			for _, p := range pred[i] {
				if !done[p] {
					ready = false
					break
				}
			}
			if !ready {
				continue
			}
			if pick < 0 || bs[i].y0 < bs[pick].y0-0.01 || math.Abs(bs[i].y0-bs[pick].y0) <= 0.01 && bs[i].x0 < bs[pick].x0 {
				pick = i
			}
		}
		if pick < 0 { // a cycle: take the topmost remaining block
			for i := range bs {
				if !done[i] && (pick < 0 || bs[i].y0 < bs[pick].y0) {
					pick = i
				}
			}
		}
		done[pick] = true
		order = append(order, pick)
	}
	return order
}

// rotatedLines lays out glyphs of non-horizontal text in stream order.
func rotatedLines(gl []*pglyph, block int) []Line {
	sort.SliceStable(gl, func(i, j int) bool { return gl[i].seq < gl[j].seq })
	var lines []Line
	var l Line
	var b strings.Builder
	var w Word
	var px, py float64
	flushWord := func() {
		if t := strings.TrimSpace(b.String()); t != "" {
			w.Text = t
			l.Words = append(l.Words, w)
		}
		b.Reset()
	}
	flushLine := func() {
		flushWord()
		if len(l.Words) > 0 {
			l.Block = block
			lines = append(lines, l)
		}
		l = Line{}
	}
	for k, g := range gl {
		d := math.Hypot(g.x0-px, g.y-py)
		if k == 0 || d > 3*g.size {
			flushLine()
			l = Line{X0: g.x0, X1: g.x1, Y: g.y, Size: g.size}
			w = Word{X0: g.x0, X1: g.x1, Y: g.y, Size: g.size}
		} else if d > 0.3*g.size || gl[k-1].spaceAfter {
			flushWord()
			w = Word{X0: g.x0, X1: g.x1, Y: g.y, Size: g.size}
		}
		if g.font != nil {
			w.Font, w.Bold, w.Italic = g.font.name, g.font.bold, g.font.italic
		}
		b.WriteString(g.text)
		px, py = g.ex, g.ey
	}
	flushLine()
	return lines
}

// combining maps spacing accents, which some producers draw as glyphs of
// their own over a letter, to their combining forms.
var combining = map[string]rune{
	"\u00B4": '\u0301', "`": '\u0300', "\u00A8": '\u0308', "\u02C6": '\u0302', "^": '\u0302',
	"\u02DC": '\u0303', "\u00B8": '\u0327', "\u02C7": '\u030C', "\u02DA": '\u030A',
	"\u02D8": '\u0306', "\u02DD": '\u030B', "\u02DB": '\u0328', "\u00AF": '\u0304', "\u02D9": '\u0307',
}

// accent returns the combining form of a spacing accent.
func accent(t string) (rune, bool) {
	if len(t) == 0 || len(t) == 1 && t[0] != '`' && t[0] != '^' || len(t) > 2 {
		return 0, false
	}
	c, ok := combining[t]
	return c, ok
}

// gutters marks, in 1-pt columns across the page, where a column gutter
// runs: many lines have a gap there with text on both sides, and (almost)
// no line has text there.
type gutters []bool

// crosses reports whether the gap from x0 to x1 contains a gutter column.
func (g gutters) crosses(x0, x1 float64) bool {
	if g == nil {
		return false
	}
	for x := int(math.Ceil(x0)); float64(x) <= x1; x++ {
		if x >= 0 && x < len(g) && g[x] {
			return true
		}
	}
	return false
}

// findGutters finds column gutters from the gaps of the page's lines.
func findGutters(cs []*cluster, pw float64) gutters {
	n := int(pw) + 2
	if n <= 2 || n > 20000 || len(cs) < 6 {
		return nil
	}
	gapD := make([]int, n+1)
	covD := make([]int, n+1)
	clamp := func(x float64) int {
		i := int(x)
		if i < 0 {
			return 0
		}
		if i > n-1 {
			return n - 1
		}
		return i
	}
	for _, c := range cs {
		for k, g := range c.gl {
			a, b := clamp(math.Ceil(g.x0)), clamp(math.Floor(g.x1))
			if b >= a {
				covD[a]++
				covD[b+1]--
			}
			if k > 0 {
				p := c.gl[k-1]
				if g.x0-p.x1 > 0.5*g.size {
					a, b := clamp(math.Ceil(p.x1)), clamp(math.Floor(g.x0))
					if b >= a {
						gapD[a]++
						gapD[b+1]--
					}
				}
			}
		}
	}
	out := make(gutters, n)
	found := false
	gp, cv := 0, 0
	for x := 0; x < n; x++ {
		gp += gapD[x]
		cv += covD[x]
		if gp >= 4 && cv*5 <= gp {
			out[x] = true
			found = true
		}
	}
	if !found {
		return nil
	}
	return out
}

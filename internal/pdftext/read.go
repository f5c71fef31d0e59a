package pdftext

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/ledongthuc/pdf"
)

const (
	defaultMaxPages = 2000
	defaultMaxOps   = 2_000_000
	defaultMaxDepth = 8
	// maxTreeNodes bounds the page tree walk (loops, absurd trees).
	maxTreeNodes = 200_000
)

func (o Options) withDefaults() Options {
	if o.MaxPages <= 0 {
		o.MaxPages = defaultMaxPages
	}
	if o.MaxOpsPerPage <= 0 {
		o.MaxOpsPerPage = defaultMaxOps
	}
	if o.MaxXObjectDepth <= 0 {
		o.MaxXObjectDepth = defaultMaxDepth
	}
	return o
}

// pageRef is a page dictionary with its inherited attributes resolved.
type pageRef struct {
	v      pdf.Value
	res    pdf.Value
	box    [4]float64 // crop box (or media box): x0 y0 x1 y1
	rotate int
}

// Read parses PDF bytes into its text layer. It returns an error wrapping
// ErrEncrypted, ErrMalformed, ErrTooLarge or ErrNoTextLayer when the file
// as a whole cannot give text; a page that fails on its own gets Page.Err
// and the other pages still come through. Read never panics, and is safe
// for concurrent use.
func Read(data []byte, opts Options) (*Document, error) {
	return ReadContext(context.Background(), data, opts)
}

// ReadContext is Read that stops, between pages, once ctx is done, with an
// error wrapping ctx.Err().
func ReadContext(ctx context.Context, data []byte, opts Options) (doc *Document, err error) {
	opts = opts.withDefaults()
	defer func() {
		if x := recover(); x != nil {
			doc = nil
			err = fmt.Errorf("%w: %v", ErrMalformed, x)
		}
	}()
	if !bytes.HasPrefix(bytes.TrimLeft(data[:min(len(data), 1024)], "\x00\t\r\n "), []byte("%PDF-")) {
		return nil, fmt.Errorf("%w: not a PDF file", ErrMalformed)
	}
	if err := checkSizes(data); err != nil {
		return nil, err
	}
	r, err := openReader(data)
	if err != nil {
		return nil, err
	}
	// Files with object streams are rewritten without them first (see
	// expandObjectStreams); the rewrite is used only when it shows the
	// same pages.
	var pages []pageRef
	if expanded, ok := expandObjectStreams(data, r); ok {
		if r2, err := openReader(expanded); err == nil {
			want := int(r.Trailer().Key("Root").Key("Pages").Key("Count").Int64())
			if p2, err := collectPages(r2, opts.MaxPages); err == nil && len(p2) > 0 && (want <= 0 || len(p2) == want) {
				r, pages = r2, p2
			}
		}
	}
	// An encrypted file the library could open (empty user password) is
	// read like any other; the others failed in openReader.
	doc = &Document{}
	info := r.Trailer().Key("Info")
	doc.Producer = info.Key("Producer").Text()
	doc.Creator = info.Key("Creator").Text()
	doc.Title = info.Key("Title").Text()

	if pages == nil {
		pages, err = collectPages(r, opts.MaxPages)
		if err != nil {
			return nil, err
		}
	}
	if len(pages) == 0 {
		return nil, fmt.Errorf("%w: no pages", ErrMalformed)
	}
	ds := &docState{fonts: fontCache{}}
	anyText := false
	for i, pr := range pages {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("pdftext: page %d: %w", i+1, err)
		}
		p := readPage(ds, pr, opts)
		p.Number = i + 1
		if len(p.Lines) > 0 {
			anyText = true
		}
		doc.Pages = append(doc.Pages, p)
	}
	if !anyText {
		for _, p := range doc.Pages {
			if p.Err != nil {
				// nothing came through because the pages are broken (or too big)
				return nil, fmt.Errorf("pdftext: no page readable: page %d: %w", p.Number, p.Err)
			}
		}
		return nil, fmt.Errorf("%w: %d pages without text", ErrNoTextLayer, len(pages))
	}
	markHyphenation(doc)
	return doc, nil
}

// openReader opens data with the library, mapping its failures to sentinels.
func openReader(data []byte) (r *pdf.Reader, err error) {
	defer func() {
		if x := recover(); x != nil {
			r = nil
			err = fmt.Errorf("%w: %v", ErrMalformed, x)
		}
	}()
	r, err = pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		if errors.Is(err, pdf.ErrInvalidPassword) || bytes.Contains(data, []byte("/Encrypt")) && isEncryptErr(err) {
			return nil, fmt.Errorf("%w: %v", ErrEncrypted, err)
		}
		return nil, fmt.Errorf("%w: %v", ErrMalformed, err)
	}
	return r, nil
}

// isEncryptErr reports whether the library's error is about encryption.
func isEncryptErr(err error) bool {
	s := strings.ToLower(err.Error())
	return strings.Contains(s, "crypt") || strings.Contains(s, "password")
}

// collectPages walks the page tree once, depth first, carrying inherited
// attributes, and stops at maxPages (ErrTooLarge beyond it).
func collectPages(r *pdf.Reader, maxPages int) (pages []pageRef, err error) {
	root := r.Trailer().Key("Root").Key("Pages")
	if root.Kind() != pdf.Dict {
		return nil, fmt.Errorf("%w: no page tree", ErrMalformed)
	}
	nodes := 0
	maxNodes := min(maxTreeNodes, 4*maxPages+1000)
	visited := map[string]bool{}
	tooMany := false
	var walk func(n pdf.Value, res pdf.Value, box [4]float64, haveBox bool, rot int, depth int)
	walk = func(n pdf.Value, res pdf.Value, box [4]float64, haveBox bool, rot int, depth int) {
		nodes++
		if nodes > maxNodes || depth > 64 || tooMany {
			return
		}
		if v := n.Key("Resources"); v.Kind() == pdf.Dict {
			res = v
		}
		if b, ok := readBox(n.Key("MediaBox")); ok {
			box, haveBox = b, true
		}
		if b, ok := readBox(n.Key("CropBox")); ok {
			box, haveBox = intersect(box, b, haveBox), true
		}
		if v := n.Key("Rotate"); v.Kind() == pdf.Integer {
			rot = int(v.Int64())
		}
		kids := n.Key("Kids")
		if n.Key("Type").Name() == "Page" || kids.Kind() != pdf.Array {
			if len(pages) >= maxPages {
				tooMany = true
				return
			}
			if !haveBox {
				box = [4]float64{0, 0, 612, 792}
			}
			pages = append(pages, pageRef{v: n, res: res, box: box, rotate: ((rot % 360) + 360) % 360})
			return
		}
		refs := arrayRefs(kids)
		for i, k := 0, kids.Len(); i < k; i++ {
			if len(refs) == k && refs[i] != "" {
				if visited[refs[i]] {
					continue // a loop in the page tree
				}
				visited[refs[i]] = true
			}
			func() {
				defer func() { recover() }()
				walk(kids.Index(i), res, box, haveBox, rot, depth+1)
			}()
		}
	}
	walk(root, pdf.Value{}, [4]float64{}, false, 0, 0)
	if tooMany {
		return pages, fmt.Errorf("%w: more than %d pages", ErrTooLarge, maxPages)
	}
	return pages, nil
}

func readBox(v pdf.Value) ([4]float64, bool) {
	if v.Kind() != pdf.Array || v.Len() != 4 {
		return [4]float64{}, false
	}
	var b [4]float64
	for i := range b {
		b[i] = v.Index(i).Float64()
	}
	if b[0] > b[2] {
		b[0], b[2] = b[2], b[0]
	}
	if b[1] > b[3] {
		b[1], b[3] = b[3], b[1]
	}
	if b[2]-b[0] < 1 || b[3]-b[1] < 1 {
		return b, false
	}
	return b, true
}

func intersect(a, b [4]float64, haveA bool) [4]float64 {
	if !haveA {
		return b
	}
	c := [4]float64{math.Max(a[0], b[0]), math.Max(a[1], b[1]), math.Min(a[2], b[2]), math.Min(a[3], b[3])}
	if c[2]-c[0] < 1 || c[3]-c[1] < 1 {
		return a
	}
	return c
}

// readPage interprets one page and lays out its text.
func readPage(ds *docState, pr pageRef, opts Options) (p Page) {
	x0, y0, x1, y1 := pr.box[0], pr.box[1], pr.box[2], pr.box[3]
	var base matrix
	switch pr.rotate {
	case 90:
		base = matrix{0, 1, 1, 0, -y0, -x0}
		p.Width, p.Height = y1-y0, x1-x0
	case 180:
		base = matrix{-1, 0, 0, 1, x1, -y0}
		p.Width, p.Height = x1-x0, y1-y0
	case 270:
		base = matrix{0, -1, -1, 0, y1, x1}
		p.Width, p.Height = y1-y0, x1-x0
	default:
		base = matrix{1, 0, 0, -1, -x0, y1}
		p.Width, p.Height = x1-x0, y1-y0
	}
	w := &walker{doc: ds, maxOps: opts.MaxOpsPerPage, maxDep: opts.MaxXObjectDepth, glyphs: ds.glyphs[:0]}
	w.gs = gstate{ctm: base, hScale: 1}
	w.tm, w.tlm = identity, identity
	func() {
		defer func() {
			if x := recover(); x != nil {
				if x == errOpLimit {
					p.Err = fmt.Errorf("%w: page exceeds %d operators", ErrTooLarge, opts.MaxOpsPerPage)
					return
				}
				p.Err = fmt.Errorf("%w: page content: %v", ErrMalformed, x)
			}
		}()
		contents := pr.v.Key("Contents")
		if contents.Kind() == pdf.Null {
			return
		}
		w.runRetry(contents, pr.res)
	}()
	p.Lines = layout(w.glyphs, p.Width, p.Height)
	clear(w.glyphs) // drop references before the buffer is reused
	ds.glyphs = w.glyphs[:0]
	return p
}

// arrayRefs returns, for each element of an array, its indirect reference
// ("12 0") or "" for a direct element, read from the array's printed form;
// nil when that form cannot be followed.
func arrayRefs(a pdf.Value) []string {
	s := a.String()
	if len(s) < 2 || s[0] != '[' {
		return nil
	}
	f := strings.Fields(strings.Trim(s, "[]"))
	var out []string
	for i := 0; i < len(f); i++ {
		if i+2 < len(f) && f[i+2] == "R" && isDigits(f[i]) && isDigits(f[i+1]) {
			out = append(out, f[i]+" "+f[i+1])
			i += 2
			continue
		}
		if strings.ContainsAny(f[i], "<>[]()") {
			return nil // nested structures: give up
		}
		out = append(out, "")
	}
	return out
}

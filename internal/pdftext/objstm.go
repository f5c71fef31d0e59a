package pdftext

import (
	"bytes"
	"fmt"
	"io"
	"regexp"
	"strconv"

	"github.com/ledongthuc/pdf"
)

// The library re-inflates an object stream every time it resolves an
// object stored in it, which makes files that keep their fonts and pages in
// object streams several times slower to read. expandObjectStreams rewrites
// such a file once: the objects of every object stream are appended as
// plain objects and a new cross-reference table points at them, so every
// later lookup is a plain read. Any doubt and the original file is used.

// maxExpand bounds the size of the rewritten file.
const maxExpand = 256 << 20

var reTrailRef = regexp.MustCompile(`/(Root|Info) (\d+) (\d+) R`)

// objHeaderBefore reads "N G " backwards from the "obj" keyword at k and
// returns where the header starts.
func objHeaderBefore(data []byte, k int) (start, num, gen int, ok bool) {
	i := k
	skipWhite := func() int {
		n := 0
		for i > 0 && isWhite(data[i-1]) {
			i--
			n++
		}
		return n
	}
	digits := func() (int, bool) {
		end := i
		for i > 0 && data[i-1] >= '0' && data[i-1] <= '9' && end-i < 10 {
			i--
		}
		if i == end {
			return 0, false
		}
		v, err := strconv.Atoi(string(data[i:end]))
		return v, err == nil
	}
	if skipWhite() == 0 {
		return 0, 0, 0, false
	}
	g, ok1 := digits()
	if !ok1 || skipWhite() == 0 {
		return 0, 0, 0, false
	}
	n, ok2 := digits()
	if !ok2 || i > 0 && !isWhite(data[i-1]) && !isDelim(data[i-1]) {
		return 0, 0, 0, false
	}
	return i, n, g, true
}

type objLoc struct {
	off int
	gen int
}

// expandObjectStreams returns the rewritten file, or ok false.
func expandObjectStreams(data []byte, r *pdf.Reader) (out []byte, ok bool) {
	defer func() {
		if recover() != nil {
			out, ok = nil, false
		}
	}()
	if !bytes.Contains(data, []byte("/ObjStm")) || r.Trailer().Key("Encrypt").Kind() != pdf.Null {
		return nil, false
	}
	// top-level objects, the last definition of a number winning
	top := map[int]objLoc{}
	var streams []int
	for pos := 0; ; {
		j := bytes.Index(data[pos:], []byte("obj"))
		if j < 0 {
			break
		}
		k := pos + j
		pos = k + 3
		start, n, g, ok := objHeaderBefore(data, k)
		if !ok || (pos < len(data) && !isWhite(data[pos]) && !isDelim(data[pos])) {
			continue
		}
		top[n] = objLoc{start, g}
		head := data[pos:min(len(data), pos+400)]
		if e := bytes.Index(head, []byte("endobj")); e >= 0 {
			head = head[:e]
		}
		if i := bytes.Index(head, []byte("stream")); i >= 0 && bytes.Contains(head[:i], []byte("/ObjStm")) {
			streams = append(streams, n)
		}
	}
	if len(streams) == 0 || len(top) == 0 {
		return nil, false
	}
	tr := r.Trailer().String()
	var rootInfo bytes.Buffer
	for _, m := range reTrailRef.FindAllStringSubmatch(tr, -1) {
		fmt.Fprintf(&rootInfo, " /%s %s %s R", m[1], m[2], m[3])
	}
	if !bytes.Contains(rootInfo.Bytes(), []byte("/Root")) {
		return nil, false
	}
	maxNum := 0
	for n := range top {
		maxNum = max(maxNum, n)
	}
	limit := int(min(maxObjects(len(data)), 8_000_000))
	if maxNum > limit {
		return nil, false
	}
	// a reader over the original objects that names the object streams
	var names bytes.Buffer
	for i, n := range streams {
		fmt.Fprintf(&names, " /S%d %d %d R", i, n, top[n].gen)
	}
	mid := withXref(data, top, nil, maxNum, rootInfo.String()+names.String())
	r2, err := pdf.NewReader(bytes.NewReader(mid), int64(len(mid)))
	if err != nil {
		return nil, false
	}
	type inner struct {
		num  int
		text []byte
	}
	var inners []inner
	for i := range streams {
		s := r2.Trailer().Key(fmt.Sprintf("S%d", i))
		if s.Kind() != pdf.Stream {
			return nil, false
		}
		count := int(s.Key("N").Int64())
		first := int(s.Key("First").Int64())
		rc := s.Reader()
		body, err := io.ReadAll(io.LimitReader(rc, maxExpand))
		rc.Close()
		if err != nil || first <= 0 || first > len(body) || count <= 0 || count > len(body) {
			return nil, false
		}
		sc := &numScanner{b: body[:first]}
		nums := make([]int, 0, count)
		offs := make([]int, 0, count)
		for k := 0; k < count; k++ {
			n, _, ok1 := sc.int()
			o, _, ok2 := sc.int()
			if !ok1 || !ok2 || int(o) > len(body)-first {
				return nil, false
			}
			nums = append(nums, int(n))
			offs = append(offs, int(o))
		}
		for k := range nums {
			end := len(body)
			if k+1 < len(offs) {
				end = first + offs[k+1]
			}
			start := first + offs[k]
			if end < start {
				return nil, false
			}
			inners = append(inners, inner{nums[k], body[start:end]})
		}
	}
	// append the inner objects as plain objects
	var b bytes.Buffer
	b.Grow(len(data) + len(data)/2)
	b.Write(data)
	b.WriteString("\n")
	added := map[int]objLoc{}
	for _, in := range inners {
		if _, isTop := top[in.num]; isTop {
			continue
		}
		if _, dup := added[in.num]; dup {
			continue
		}
		added[in.num] = objLoc{b.Len(), 0}
		fmt.Fprintf(&b, "%d 0 obj\n", in.num)
		b.Write(in.text)
		b.WriteString("\nendobj\n")
		maxNum = max(maxNum, in.num)
		if b.Len() > maxExpand || maxNum > limit {
			return nil, false
		}
	}
	final := withXref(b.Bytes(), top, added, maxNum, rootInfo.String())
	return final, true
}

// withXref appends a classic cross-reference table for the objects of top
// and extra (numbers up to maxNum) and a trailer with the given entries.
func withXref(data []byte, top, extra map[int]objLoc, maxNum int, trailer string) []byte {
	var b bytes.Buffer
	b.Grow(len(data) + 20*(maxNum+2) + 200)
	b.Write(data)
	b.WriteString("\n")
	x := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n", maxNum+1)
	for n := 0; n <= maxNum; n++ {
		loc, ok := extra[n]
		if !ok {
			loc, ok = top[n]
		}
		if !ok || n == 0 {
			b.WriteString("0000000000 65535 f \n")
			continue
		}
		fmt.Fprintf(&b, "%010d %05d n \n", loc.off, loc.gen)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d%s >>\nstartxref\n%d\n%%%%EOF\n", maxNum+1, trailer, x)
	return b.Bytes()
}

package pdftext

import (
	"bytes"
	"fmt"
	"io"

	"github.com/ledongthuc/pdf"
)

// The library's content-stream lexer cannot skip the binary data of an
// inline image (BI ... ID data EI) and fails on it, losing the rest of the
// stream. When a stream fails and holds inline images, it is read again
// with the images cut out.

// maxStreamCopy bounds the content copied for the second reading.
const maxStreamCopy = 64 << 20

// runRetry interprets strm with res; if that fails on something other than
// the operator limit and the stream holds inline images, it restores the
// walker and interprets the stream without them. It re-panics with the
// first failure when the second reading fails too.
func (w *walker) runRetry(strm, res pdf.Value) {
	snap := w.snapshot()
	var first any
	func() {
		defer func() {
			if x := recover(); x != nil {
				if x == errOpLimit {
					panic(x)
				}
				first = x
			}
		}()
		w.run(strm, res)
	}()
	if first == nil {
		return
	}
	clean, ok := withoutInlineImages(strm)
	if !ok {
		panic(first)
	}
	w.restore(snap)
	func() {
		defer func() {
			if x := recover(); x != nil {
				if x == errOpLimit {
					panic(x)
				}
				panic(first)
			}
		}()
		w.run(clean, res)
	}()
}

type walkerSnap struct {
	gs      gstate
	stack   int
	tm, tlm matrix
	glyphs  int
	seq     int32
}

func (w *walker) snapshot() walkerSnap {
	return walkerSnap{w.gs, len(w.stack), w.tm, w.tlm, len(w.glyphs), w.seq}
}

func (w *walker) restore(s walkerSnap) {
	w.gs, w.tm, w.tlm, w.seq = s.gs, s.tm, s.tlm, s.seq
	if len(w.stack) > s.stack {
		w.stack = w.stack[:s.stack]
	}
	w.glyphs = w.glyphs[:s.glyphs]
}

// withoutInlineImages returns the decoded content of strm (a stream or an
// array of streams) with its inline images removed, as a stream value of a
// private one-object file; ok is false when there is no inline image.
func withoutInlineImages(strm pdf.Value) (v pdf.Value, ok bool) {
	var data []byte
	read := func(s pdf.Value) {
		rc := s.Reader()
		b, _ := io.ReadAll(io.LimitReader(rc, maxStreamCopy))
		rc.Close()
		data = append(data, b...)
		data = append(data, '\n')
	}
	if strm.Kind() == pdf.Array {
		for i := 0; i < strm.Len(); i++ {
			read(strm.Index(i))
		}
	} else {
		read(strm)
	}
	clean, n := cutInlineImages(data)
	if n == 0 {
		return pdf.Value{}, false
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	off := b.Len()
	fmt.Fprintf(&b, "1 0 obj\n<< /Length %d >>\nstream\n", len(clean))
	b.Write(clean)
	b.WriteString("\nendstream\nendobj\n")
	x := b.Len()
	fmt.Fprintf(&b, "xref\n0 2\n0000000000 65535 f \n%010d 00000 n \ntrailer\n<< /Size 2 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", off, x)
	r, err := pdf.NewReader(bytes.NewReader(b.Bytes()), int64(b.Len()))
	if err != nil {
		return pdf.Value{}, false
	}
	v = r.Trailer().Key("Root")
	return v, v.Kind() == pdf.Stream
}

// cutInlineImages removes every "BI ... ID <data> EI" from content, where
// the keywords stand as tokens and the data ends at whitespace + "EI" +
// whitespace or end. It returns the result and the number cut.
func cutInlineImages(content []byte) ([]byte, int) {
	var out []byte
	n := 0
	i := 0
	for {
		bi := indexToken(content, i, "BI")
		if bi < 0 {
			break
		}
		id := indexToken(content, bi+2, "ID")
		if id < 0 {
			break
		}
		// data starts after "ID" and one whitespace byte
		j := id + 3
		end := -1
		for k := j; k+2 <= len(content); k++ {
			if content[k] == 'E' && content[k+1] == 'I' && k > 0 && isWhite(content[k-1]) && (k+2 == len(content) || isWhite(content[k+2]) || isDelim(content[k+2])) {
				end = k + 2
				break
			}
		}
		if end < 0 {
			break
		}
		out = append(out, content[i:bi]...)
		out = append(out, ' ')
		i = end
		n++
	}
	if n == 0 {
		return content, 0
	}
	out = append(out, content[i:]...)
	return out, n
}

// indexToken finds keyword kw standing as a token at or after from.
func indexToken(b []byte, from int, kw string) int {
	for from < len(b) {
		j := bytes.Index(b[from:], []byte(kw))
		if j < 0 {
			return -1
		}
		k := from + j
		before := k == 0 || isWhite(b[k-1]) || isDelim(b[k-1])
		after := k+len(kw) == len(b) || isWhite(b[k+len(kw)]) || isDelim(b[k+len(kw)])
		if before && after {
			return k
		}
		from = k + 1
	}
	return -1
}

func isWhite(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isDelim(c byte) bool {
	return bytes.IndexByte([]byte("()<>[]{}/%"), c) >= 0
}

package pdftext

import (
	"bytes"
	"fmt"
	"strings"
)

// pdfBuilder writes small PDFs for tests: numbered objects, an xref table
// with correct offsets and a trailer.
type pdfBuilder struct {
	objs []string
}

// add appends an object and returns its number.
func (b *pdfBuilder) add(body string) int {
	b.objs = append(b.objs, body)
	return len(b.objs)
}

// stream makes a stream object body from content.
func stream(dict, content string) string {
	if dict == "" {
		dict = "<< >>"
	}
	dict = strings.TrimSuffix(strings.TrimSpace(dict), ">>")
	return fmt.Sprintf("%s /Length %d >>\nstream\n%s\nendstream", dict, len(content), content)
}

// bytes renders the file with object root as the catalog.
func (b *pdfBuilder) bytes(root int, extraTrailer string) []byte {
	var buf bytes.Buffer
	buf.WriteString("%PDF-1.4\n")
	offs := make([]int, len(b.objs))
	for i, o := range b.objs {
		offs[i] = buf.Len()
		fmt.Fprintf(&buf, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	x := buf.Len()
	fmt.Fprintf(&buf, "xref\n0 %d\n0000000000 65535 f \n", len(b.objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&buf, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&buf, "trailer\n<< /Size %d /Root %d 0 R %s >>\nstartxref\n%d\n%%%%EOF\n", len(b.objs)+1, root, extraTrailer, x)
	return buf.Bytes()
}

// onePage builds a one-page PDF (A4) with the given content, font
// resources (name → object body) and extra page keys.
func onePage(content string, fonts map[string]string, pageExtra string) []byte {
	var b pdfBuilder
	cat := b.add("<< /Type /Catalog /Pages 2 0 R >>")
	b.add("") // pages, filled below
	var fres []string
	for name, body := range fonts {
		n := b.add(body)
		fres = append(fres, fmt.Sprintf("/%s %d 0 R", name, n))
	}
	cs := b.add(stream("", content))
	pg := b.add(fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << %s >> >> /Contents %d 0 R %s >>", strings.Join(fres, " "), cs, pageExtra))
	b.objs[1] = fmt.Sprintf("<< /Type /Pages /Kids [%d 0 R] /Count 1 >>", pg)
	return b.bytes(cat, "")
}

const helvetica = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"

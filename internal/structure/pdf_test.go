package structure

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"kamerzoek/internal/document"
	"kamerzoek/internal/pdftext"
	"kamerzoek/internal/realdata"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/ and docs/realdata.md")

// readPDF parses one PDF file through pdftext and FromPDF.
func readPDF(t *testing.T, path string) (*document.Document, error) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	pd, err := pdftext.Read(data, pdftext.Options{})
	if err != nil && (pd == nil || len(pd.Pages) == 0) {
		return nil, err
	}
	d, err := FromPDF(pd)
	if err != nil {
		return nil, err
	}
	return d, nil
}

func TestFromPDFSeedRenderings(t *testing.T) {
	dir := filepath.Join(realdata.Dir(t), "seed")
	txt, err := FromText(readSeed(t))
	if err != nil {
		t.Fatal(err)
	}
	norm := func(s string) string {
		return strings.Join(strings.Fields(strings.NewReplacer("’", "'", "‘", "'", "“", "\"", "”", "\"").Replace(s)), " ")
	}
	for _, r := range []string{"latex", "libreoffice", "chromium"} {
		t.Run(r, func(t *testing.T) {
			d, err := readPDF(t, filepath.Join(dir, "kst-29911-337."+r+".pdf"))
			if err != nil {
				t.Fatal(err)
			}
			checkInvariants(t, d)
			checkSeedDocument(t, d, -1)
			if d.Pages != 15 {
				t.Errorf("pages = %d, want 15", d.Pages)
			}
			// The same section tree and notes as the text version.
			if len(d.Sections) != len(txt.Sections) {
				t.Errorf("%d sections, the text has %d", len(d.Sections), len(txt.Sections))
			}
			for i := 0; i < len(d.Sections) && i < len(txt.Sections); i++ {
				a, b := d.Sections[i], txt.Sections[i]
				if norm(a.Heading) != norm(b.Heading) || a.Level != b.Level || a.Kind != b.Kind || a.Parent != b.Parent {
					t.Errorf("section %d = %q level %d kind %q, the text has %q level %d kind %q", i, a.Heading, a.Level, a.Kind, b.Heading, b.Level, b.Kind)
				}
			}
			for i := 0; i < len(d.Footnotes) && i < len(txt.Footnotes); i++ {
				if a, b := norm(d.Footnotes[i].Text), norm(txt.Footnotes[i].Text); a != b {
					t.Errorf("footnote %d = %q, the text has %q", i+1, a, b)
				}
				if a, b := d.Footnotes[i].Refs, txt.Footnotes[i].Refs; strings.Join(a, " ") != strings.Join(b, " ") {
					t.Errorf("footnote %d cites %v, the text %v", i+1, a, b)
				}
			}
		})
	}
}

// goldenName turns a PDF's file name into the name of its golden file.
func goldenName(file string) string {
	base := strings.TrimSuffix(filepath.Base(file), ".pdf")
	base = regexp.MustCompile(`[^A-Za-z0-9._-]+`).ReplaceAllString(base, "_")
	if len(base) > 60 {
		base = base[:60]
	}
	return strings.Trim(base, "_") + ".golden"
}

// summary renders the parts of a document a golden file records.
func summary(file string, d *document.Document, err error) string {
	var b strings.Builder
	fmt.Fprintf(&b, "file: %s\n", filepath.Base(file))
	if err != nil {
		fmt.Fprintf(&b, "error: %v\n", err)
		return b.String()
	}
	fmt.Fprintf(&b, "id: %s\nkamer: %s\nvergaderjaar: %s\ndossier: %s\nnumber: %s\ntype: %s\ndate: %s\ntitle: %s\n",
		d.ID, d.Kamer, d.Vergaderjaar, d.Dossier, d.Number, d.Type, d.Date, d.Title)
	fmt.Fprintf(&b, "document_title: %s\nsender: %s\nsignatory: %s\naddressee: %s\n", d.DocumentTitle, d.Sender, d.Signatory, d.Addressee)
	if len(d.Questioners) > 0 || d.Submitted != "" {
		fmt.Fprintf(&b, "questioners: %s\nsubmitted: %s\n", strings.Join(d.Questioners, "; "), d.Submitted)
	}
	fmt.Fprintf(&b, "pages: %d\n\nsections: %d\n", d.Pages, len(d.Sections))
	for _, s := range d.Sections {
		ind := strings.Repeat("  ", max(s.Level-1, 0))
		kind := ""
		if s.Kind != "" {
			kind = " [" + s.Kind + "]"
		}
		fmt.Fprintf(&b, "%sp%d %s %s%s (%d paragraphs)\n", ind, s.Page, orDash(s.Number), firstWords(s.Heading, 12), kind, len(s.Paragraphs))
	}
	fmt.Fprintf(&b, "\nfootnotes: %d\n", len(d.Footnotes))
	for _, f := range d.Footnotes {
		anchor := "no marker"
		if f.Anchor != nil {
			anchor = "after «" + lastWords(textOf(d, f.Anchor.Section)[:f.Anchor.Offset], 3) + "»"
		}
		fmt.Fprintf(&b, "%d p%d %s | %s | refs %s\n", f.Number, f.Page, firstWords(f.Text, 8), anchor, strings.Join(f.Refs, " "))
	}
	ids := map[string]int{}
	for _, r := range d.References {
		ids[r.ID]++
	}
	keys := make([]string, 0, len(ids))
	for k := range ids {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	fmt.Fprintf(&b, "\nreferences: %d mentions, %d distinct\n", len(d.References), len(ids))
	for _, k := range keys {
		fmt.Fprintf(&b, "%s ×%d\n", k, ids[k])
	}
	if len(d.Diagnostics) > 0 {
		fmt.Fprintf(&b, "\ndiagnostics:\n%s\n", strings.Join(d.Diagnostics, "\n"))
	}
	return b.String()
}

func textOf(d *document.Document, sec string) string {
	for _, s := range d.Sections {
		if s.ID == sec {
			return s.Text
		}
	}
	return ""
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func firstWords(s string, n int) string {
	f := strings.Fields(s)
	if len(f) > n {
		return strings.Join(f[:n], " ") + " …"
	}
	return strings.Join(f, " ")
}

func lastWords(s string, n int) string {
	f := strings.Fields(s)
	if len(f) > n {
		f = f[len(f)-n:]
	}
	return strings.Join(f, " ")
}

// realPDFs lists the real PDFs and the seed renderings; it fails when
// there are none.
func realPDFs(t *testing.T) []string {
	shared := realdata.Dir(t)
	files, err := filepath.Glob(filepath.Join(shared, "realdata", "pdf", "*.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	seeds, _ := filepath.Glob(filepath.Join(shared, "seed", "*.pdf"))
	files = append(files, seeds...)
	if len(files) == 0 {
		t.Fatal("no PDFs found under realdata/pdf and seed")
	}
	return files
}

// TestGoldenPDFs compares what FromPDF makes of every real PDF and seed
// rendering with its golden file under testdata/pdf.
func TestGoldenPDFs(t *testing.T) {
	files := realPDFs(t)
	want := map[string]bool{}
	for _, f := range files {
		name := goldenName(f)
		want[name] = true
		t.Run(name, func(t *testing.T) {
			d, err := readPDF(t, f)
			if d != nil {
				checkInvariants(t, d)
			}
			got := summary(f, d, err)
			path := filepath.Join("testdata", "pdf", name)
			if *update {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			exp, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("golden file missing (run go test -update): %v", err)
			}
			if string(exp) != got {
				t.Errorf("%s differs from its golden file:\n%s", name, diffLines(string(exp), got))
			}
		})
	}
	goldens, _ := filepath.Glob(filepath.Join("testdata", "pdf", "*.golden"))
	if len(goldens) == 0 {
		t.Fatal("no golden files match testdata/pdf/*.golden")
	}
	for _, g := range goldens {
		if !want[filepath.Base(g)] {
			t.Errorf("golden file %s has no PDF", g)
		}
	}
}

// diffLines shows the first lines where a and b differ.
func diffLines(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	var out []string
	for i := 0; i < max(len(al), len(bl)) && len(out) < 20; i++ {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y {
			out = append(out, fmt.Sprintf("line %d:\n  want %s\n  got  %s", i+1, x, y))
		}
	}
	return strings.Join(out, "\n")
}

// TestRealdataTable checks docs/realdata.md, the table of every real
// document, against what FromPDF makes of them (-update rewrites it).
func TestRealdataTable(t *testing.T) {
	shared := realdata.Dir(t)
	files, _ := filepath.Glob(filepath.Join(shared, "realdata", "pdf", "*.pdf"))
	if len(files) == 0 {
		t.Fatal("no PDFs under realdata/pdf")
	}
	var b bytes.Buffer
	b.WriteString("# Real documents\n\n")
	b.WriteString("What kamerzoek's PDF reader makes of each real PDF in `../shared/realdata/pdf/` (see its SOURCES.md).\n")
	b.WriteString("Generated by `go test ./internal/structure -run TestRealdataTable -update`; do not edit by hand.\n\n")
	b.WriteString("| file | id | type | pages | footnotes | references | status |\n|---|---|---|---|---|---|---|\n")
	for _, f := range files {
		d, err := readPDF(t, f)
		name := filepath.Base(f)
		if len(name) > 60 {
			name = name[:57] + "…"
		}
		name = strings.ReplaceAll(name, "|", "\\|")
		if err != nil {
			status := "error: " + err.Error()
			if errors.Is(err, pdftext.ErrNoTextLayer) {
				status = "no text layer"
			}
			fmt.Fprintf(&b, "| %s | | | | | | %s |\n", name, status)
			continue
		}
		status := "ok"
		var notes []string
		if d.ID == "" {
			notes = append(notes, "no id in the text")
		}
		missing := 0
		for _, fn := range d.Footnotes {
			if fn.Anchor == nil {
				missing++
			}
		}
		if missing > 0 {
			notes = append(notes, fmt.Sprintf("%d notes without marker", missing))
		}
		if data, err := os.ReadFile(f); err == nil {
			if pd, _ := pdftext.Read(data, pdftext.Options{}); pd != nil {
				empty := 0
				for _, pg := range pd.Pages {
					if len(pg.Lines) == 0 {
						empty++
					}
				}
				if empty > 0 {
					notes = append(notes, fmt.Sprintf("%d of %d pages without text", empty, len(pd.Pages)))
				}
			}
		}
		if len(notes) > 0 {
			status = "ok; " + strings.Join(notes, ", ")
		}
		distinct := map[string]bool{}
		for _, r := range d.References {
			distinct[r.ID] = true
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %d | %d | %d (%d distinct) | %s |\n", name, d.ID, d.Type, d.Pages, len(d.Footnotes), len(d.References), len(distinct), status)
	}
	path := filepath.Join("..", "..", "docs", "realdata.md")
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	exp, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("docs/realdata.md missing (run go test -update): %v", err)
	}
	if !bytes.Equal(exp, b.Bytes()) {
		t.Errorf("docs/realdata.md is out of date:\n%s", diffLines(string(exp), b.String()))
	}
}

// FuzzFromPDF builds a text layer from arbitrary text (one line per input
// line, styles and positions taken from the bytes) and checks that FromPDF
// returns a consistent document or ErrEmpty, never a panic.
func FuzzFromPDF(f *testing.F) {
	f.Add("Tweede Kamer der Staten-Generaal\nVergaderjaar 2023–2024\n36 450\nNr. 3\nMEMORIE VAN TOELICHTING\nTekst ^1 hier\n^1 Kamerstukken II 2020/21, 28 362, nr. 44.\nkst-36450-3")
	f.Add("Vragen van het lid X (Y) aan de Minister over iets (ingezonden 1 mei 2024).\nVraag 1\nWaarom?\nAntwoord 1\nDaarom.\nah-tk-20232024-12")
	f.Add("Datum\n1 maart 2011\nOnderwerp Iets\nwoord-\nvervolg\n1\n\n2 3\n- 4 -")
	f.Fuzz(func(t *testing.T, s string) {
		var pd pdftext.Document
		page := pdftext.Page{Number: 1, Width: 595, Height: 842}
		y := 40.0
		for i, line := range strings.Split(s, "\n") {
			if i > 0 && i%25 == 0 {
				pd.Pages = append(pd.Pages, page)
				page = pdftext.Page{Number: len(pd.Pages) + 1, Width: 595, Height: 842}
				y = 40
			}
			var l pdftext.Line
			x := 70.0
			size := 10.0
			if len(line) > 0 && line[0]%5 == 0 {
				size = 7
			}
			for _, w := range strings.Fields(line) {
				sup := strings.HasPrefix(w, "^")
				w = strings.TrimPrefix(w, "^")
				if w == "" {
					continue
				}
				wd := float64(len(w)) * size * 0.5
				l.Words = append(l.Words, pdftext.Word{Text: w, X0: x, X1: x + wd, Y: y, Size: size, Bold: w[0]%7 == 0, Italic: w[0]%11 == 0, Superscript: sup})
				x += wd + 3
			}
			if len(l.Words) > 0 {
				l.X0, l.X1, l.Y, l.Size, l.Block = 70, x, y, size, i/4
				l.Hyphenated = strings.HasSuffix(line, "-")
				page.Lines = append(page.Lines, l)
			}
			y += 31 * (1 + float64(len(line)%3)) / 2
		}
		pd.Pages = append(pd.Pages, page)
		d, err := FromPDF(&pd)
		if err != nil {
			if !errors.Is(err, ErrEmpty) {
				t.Fatalf("unexpected error %v", err)
			}
			return
		}
		checkInvariants(t, d)
		if d.Pages != len(pd.Pages) {
			t.Fatalf("pages = %d, want %d", d.Pages, len(pd.Pages))
		}
	})
}

package ingest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"kamerzoek/internal/document"
	"kamerzoek/internal/pdftext"
	"kamerzoek/internal/store"
	"kamerzoek/internal/structure"
)

// ExtractorVersion names the version of the extraction pipeline (pdftext,
// structure, refs as wired here). Every parsed document carries it; bump
// it when parsing changes so that stored documents are re-extracted from
// their originals (`kamerzoek reindex`, or automatically by `serve`).
const ExtractorVersion = "1"

// Sentinel errors of parsing, wrapped with details.
var (
	// ErrUnsupported: the bytes are not a PDF, an officielebekendmakingen
	// XML document or UTF-8 text.
	ErrUnsupported = errors.New("ingest: unsupported format")
	// ErrTooLarge: the file exceeds ParseOptions.MaxBytes or MaxPages.
	ErrTooLarge = errors.New("ingest: file too large")
	// ErrTimeout: parsing took longer than ParseOptions.Timeout.
	ErrTimeout = errors.New("ingest: parse timed out")
	// ErrParse: a parser failed unexpectedly (it panicked).
	ErrParse = errors.New("ingest: parse failed")
)

// ParseOptions bound the work done on one file. The zero value means the
// defaults.
type ParseOptions struct {
	// Metadata is the officielebekendmakingen metadata.xml that sits beside
	// an XML document, when there is one.
	Metadata []byte
	// MaxBytes limits the size of one file (default 256 MB).
	MaxBytes int64
	// MaxPages limits the pages of one PDF (default 2000).
	MaxPages int
	// Timeout limits the time spent parsing one file (default 2 minutes).
	Timeout time.Duration

	// stall, when set, runs before the parsers with their context
	// (tests: a slow parser).
	stall func(context.Context)
}

// MaxAbandoned bounds the parsers left running after their Parse returned
// (timed out, or cancelled) because they did not stop within a moment.
const MaxAbandoned = 4

// abandonGrace is how long Parse waits for a cancelled parser to stop.
const abandonGrace = 100 * time.Millisecond

// abandoned counts the parsers running after their Parse returned: a
// process-wide bound, since they all share the process's CPU and memory.
var abandoned atomic.Int32

// Abandoned returns the number of parsers still running after their Parse
// returned.
func Abandoned() int { return int(abandoned.Load()) }

func (o ParseOptions) withDefaults() ParseOptions {
	if o.MaxBytes <= 0 {
		o.MaxBytes = 256 << 20
	}
	if o.MaxPages <= 0 {
		o.MaxPages = 2000
	}
	if o.Timeout <= 0 {
		o.Timeout = 2 * time.Minute
	}
	return o
}

// Sniff names the format of data by its content, never its name:
// document.FormatPDF for "%PDF-" in the first KB, document.FormatXML for
// officielebekendmakingen XML (a publication, or a metadata record that
// FromXML refuses as not a document), document.FormatText for other UTF-8
// text that is not markup, "zip" for a zip archive and "" for anything
// else (HTML, JSON and other XML vocabularies included).
func Sniff(data []byte) string {
	head := data
	if len(head) > 1024 {
		head = head[:1024]
	}
	switch {
	case bytes.Contains(head, []byte("%PDF-")):
		return document.FormatPDF
	case bytes.HasPrefix(data, []byte("PK\x03\x04")), bytes.HasPrefix(data, []byte("PK\x05\x06")):
		return "zip"
	}
	if bytes.IndexByte(head, 0) >= 0 || !utf8.Valid(trimIncompleteRune(head, len(data) > len(head))) {
		return ""
	}
	t := bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), " \t\r\n")
	if len(t) > 0 && t[0] == '<' {
		if structure.LooksLikeOBXML(data) {
			return document.FormatXML
		}
		return ""
	}
	if len(t) > 0 && (t[0] == '{' || t[0] == '[') {
		// JSON (or JSON lines) is data, not a letter.
		var v any
		if json.NewDecoder(bytes.NewReader(t)).Decode(&v) == nil {
			return ""
		}
	}
	if !utf8.Valid(data) || bytes.IndexByte(data, 0) >= 0 {
		return ""
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return ""
	}
	return document.FormatText
}

// isMetadataRecord reports whether data is an OB metadata record, which
// belongs beside a document and is not one itself.
func isMetadataRecord(data []byte) bool {
	return structure.SniffXML(data) == structure.XMLMetadata
}

// trimIncompleteRune drops a rune cut in half at the end of a prefix.
func trimIncompleteRune(b []byte, cut bool) []byte {
	if !cut {
		return b
	}
	for i := 0; i < utf8.UTFMax && len(b) > 0; i++ {
		if utf8.Valid(b) {
			return b
		}
		b = b[:len(b)-1]
	}
	return b
}

// ContentID returns the id of a document that names none of its own:
// "doc-" and the first 12 hex digits of the sha256 of its bytes.
func ContentID(sha string) string { return "doc-" + sha[:12] }

// ContentType returns the MIME type of an original in the given format.
func ContentType(format string) string {
	switch format {
	case document.FormatPDF:
		return "application/pdf"
	case document.FormatXML:
		return "application/xml"
	case document.FormatText:
		return "text/plain; charset=utf-8"
	}
	return "application/octet-stream"
}

// Parse turns one file's bytes into a document without storing it: the
// format is sniffed from the content (PDF → pdftext and structure.FromPDF,
// OB XML → structure.FromXML with opts.Metadata, UTF-8 text →
// structure.FromText). name is recorded as Source.File only. The result
// carries Source, ExtractorVersion and an id (its own, or ContentID).
// Errors wrap ErrUnsupported, ErrTooLarge, ErrTimeout, ErrParse or the
// parsers' sentinels (pdftext.ErrNoTextLayer, pdftext.ErrEncrypted, ...).
// Parse never panics and returns within opts.Timeout or when ctx is done:
// the parsers take the context and stop (the PDF reader between pages);
// one that does not stop in time is abandoned, at most MaxAbandoned of
// them running at once (beyond that, Parse waits for its parser).
func Parse(ctx context.Context, name string, data []byte, opts ParseOptions) (*document.Document, error) {
	opts = opts.withDefaults()
	if int64(len(data)) > opts.MaxBytes {
		return nil, fmt.Errorf("%w: %d bytes, limit %d", ErrTooLarge, len(data), opts.MaxBytes)
	}
	format := Sniff(data)
	if format == "" || format == "zip" {
		return nil, fmt.Errorf("%w: not PDF, officielebekendmakingen XML or UTF-8 text", ErrUnsupported)
	}
	ctx, cancel := context.WithTimeout(ctx, opts.Timeout)
	defer cancel()
	type result struct {
		doc *document.Document
		err error
	}
	done := make(chan result, 1)
	go func() {
		if opts.stall != nil {
			opts.stall(ctx)
		}
		doc, err := parseFormat(ctx, format, data, opts)
		done <- result{doc, err}
	}()
	var r result
	select {
	case r = <-done:
	case <-ctx.Done():
		// The parser saw ctx too: give it a moment to stop, then leave it
		// only while few others are left running.
		t := time.NewTimer(abandonGrace)
		select {
		case r = <-done:
			t.Stop()
		case <-t.C:
			if abandoned.Add(1) <= MaxAbandoned {
				go func() {
					<-done
					abandoned.Add(-1)
				}()
			} else {
				abandoned.Add(-1)
				<-done
			}
		}
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return nil, fmt.Errorf("%w after %s", ErrTimeout, opts.Timeout)
		}
		return nil, fmt.Errorf("ingest: %w", ctx.Err())
	}
	if r.err != nil {
		return nil, r.err
	}
	doc := r.doc
	sha := store.SHA256(data)
	if doc.ID == "" {
		doc.ID = ContentID(sha)
	}
	doc.Source.File = filepath.Base(name)
	doc.Source.SHA256 = sha
	doc.Source.Format = format
	doc.Source.Size = int64(len(data))
	doc.ExtractorVersion = ExtractorVersion
	return doc, nil
}

// ParseFile reads the file at path and parses it like Parse. For an XML
// document the metadata record beside it (structure.XMLMetadataNames, or
// "metadata.xml" in its folder) is passed along unless opts.Metadata is
// already set.
func ParseFile(ctx context.Context, path string, opts ParseOptions) (*document.Document, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("ingest: %w", err)
	}
	if opts.Metadata == nil && Sniff(data) == document.FormatXML {
		opts.Metadata = siblingMetadata(path)
	}
	return Parse(ctx, path, data, opts)
}

// siblingMetadata returns the metadata record beside an XML document at
// path: the places structure.XMLMetadataNames lists, then "metadata.xml"
// in the same folder; nil when there is none. FromXML ignores a record
// that names another publication.
func siblingMetadata(path string) []byte {
	names := append(structure.XMLMetadataNames(path), filepath.Join(filepath.Dir(path), "metadata.xml"))
	for _, n := range names {
		if filepath.Clean(n) == filepath.Clean(path) {
			continue
		}
		if b, err := os.ReadFile(n); err == nil && isMetadataRecord(b) {
			return b
		}
	}
	return nil
}

// isMetadataName reports whether a file name is that of a metadata file
// that belongs to a sibling document rather than being one.
func isMetadataName(name string) bool {
	n := strings.ToLower(filepath.Base(name))
	return n == "metadata.xml" || n == "metadata_owms.xml" ||
		strings.HasSuffix(n, ".metadata.xml") || strings.HasSuffix(n, ".metadata_owms.xml")
}

// parseFormat runs the parsers for format, turning a panic into ErrParse;
// it stops between stages (and the PDF reader between pages) once ctx is
// done.
func parseFormat(ctx context.Context, format string, data []byte, opts ParseOptions) (doc *document.Document, err error) {
	defer func() {
		if r := recover(); r != nil {
			doc, err = nil, fmt.Errorf("%w: panic: %v", ErrParse, r)
		}
	}()
	switch format {
	case document.FormatPDF:
		pd, err := pdftext.ReadContext(ctx, data, pdftext.Options{MaxPages: opts.MaxPages})
		if err != nil {
			if errors.Is(err, pdftext.ErrTooLarge) {
				return nil, fmt.Errorf("%w: %w", ErrTooLarge, err)
			}
			return nil, err
		}
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("ingest: %w", err)
		}
		doc, err := structure.FromPDF(pd)
		if err != nil {
			if errors.Is(err, structure.ErrEmpty) {
				return nil, fmt.Errorf("%w: %w", pdftext.ErrNoTextLayer, err)
			}
			return nil, err
		}
		if doc.Source.Producer == "" {
			doc.Source.Producer = pd.Producer
		}
		return doc, nil
	case document.FormatXML:
		doc, err := structure.FromXML(data, opts.Metadata)
		if errors.Is(err, structure.ErrNotADocument) {
			return nil, fmt.Errorf("%w: %w", ErrUnsupported, err)
		}
		return doc, err
	case document.FormatText:
		return structure.FromText(string(data))
	}
	return nil, ErrUnsupported
}

package ingest

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
)

// Item is one input file found by Expand: a file on disk or an entry of a
// zip archive, with the metadata.xml beside it when there is one.
type Item struct {
	// Name is the path as given, or "archive.zip!dir/entry.pdf".
	Name string
	// Size is the file's size in bytes (uncompressed for a zip entry).
	Size int64
	read func() ([]byte, error)
	meta func() []byte
}

// Read returns the item's bytes.
func (it Item) Read() ([]byte, error) { return it.read() }

// Metadata returns the OB metadata.xml that sits beside the item, or nil.
func (it Item) Metadata() []byte {
	if it.meta == nil {
		return nil
	}
	return it.meta()
}

// manifestName is the file that lists a corpus folder's documents (see
// corpus/MANIFEST.tsv); a folder walk does not ingest it.
const manifestName = "MANIFEST.tsv"

// Expand turns paths (files, folders searched recursively, zip archives,
// recognised by content) into the items to ingest, in a stable order.
// Hidden files and folders (".name") and metadata files that belong to a
// sibling document ("metadata.xml", "<name>.metadata.xml") or a folder's
// MANIFEST.tsv are not items themselves. maxBytes bounds a zip entry (0: no bound). Paths that cannot
// be read come back as errors naming them; the other items are still
// returned.
func Expand(paths []string, maxBytes int64) ([]Item, []Outcome) {
	var items []Item
	var bad []Outcome
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			bad = append(bad, failed(p, err))
			continue
		}
		if !fi.IsDir() {
			its, errs := fileItems(p, fi.Size(), maxBytes)
			items, bad = append(items, its...), append(bad, errs...)
			continue
		}
		var files []string
		err = filepath.WalkDir(p, func(q string, d fs.DirEntry, err error) error {
			if err != nil {
				bad = append(bad, failed(q, err))
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if q != p && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.Type().IsRegular() {
				files = append(files, q)
			}
			return nil
		})
		if err != nil {
			bad = append(bad, failed(p, err))
		}
		sort.Strings(files)
		for _, f := range files {
			if strings.EqualFold(filepath.Ext(f), ".xml") && isMetadataFile(f) {
				continue // read along with its document
			}
			if filepath.Base(f) == manifestName {
				continue // describes the folder; not a document
			}
			fi, err := os.Stat(f)
			if err != nil {
				bad = append(bad, failed(f, err))
				continue
			}
			its, errs := fileItems(f, fi.Size(), maxBytes)
			items, bad = append(items, its...), append(bad, errs...)
		}
	}
	return items, bad
}

// fileItems returns the item of one file, or the entries of a zip archive.
func fileItems(p string, size, maxBytes int64) ([]Item, []Outcome) {
	if isZipFile(p) {
		return zipItems(p, maxBytes)
	}
	return []Item{{
		Name: p,
		Size: size,
		read: func() ([]byte, error) { return os.ReadFile(p) },
		meta: func() []byte { return siblingMetadata(p) },
	}}, nil
}

func isZipFile(p string) bool {
	f, err := os.Open(p)
	if err != nil {
		return false
	}
	defer f.Close()
	var head [4]byte
	if _, err := io.ReadFull(f, head[:]); err != nil {
		return false
	}
	return Sniff(head[:]) == "zip"
}

// isMetadataFile reports whether the file at p holds an OB metadata record
// (judged by its root element), which its document takes along.
func isMetadataFile(p string) bool {
	f, err := os.Open(p)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 64<<10)
	n, _ := io.ReadFull(f, head)
	return isMetadataRecord(head[:n])
}

// zipItems lists the documents in a zip archive. Each entry is read when
// needed, so an archive larger than memory can be ingested.
func zipItems(p string, maxBytes int64) ([]Item, []Outcome) {
	zr, err := zip.OpenReader(p)
	if err != nil {
		return nil, []Outcome{failed(p, fmt.Errorf("%w: zip: %w", ErrUnsupported, err))}
	}
	defer zr.Close()
	for _, f := range zr.File {
		if f.Name == "mimetype" || f.Name == "[Content_Types].xml" {
			// An office document (ODF, OOXML) is a zip, not an archive of
			// documents.
			return nil, []Outcome{failed(p, fmt.Errorf("%w: an office document (ODF/OOXML); export it as PDF", ErrUnsupported))}
		}
	}
	names := map[string]bool{}
	var files []*zip.File
	for _, f := range zr.File {
		if f.FileInfo().IsDir() {
			continue
		}
		names[f.Name] = true
		base := path.Base(f.Name)
		if strings.HasPrefix(base, ".") || strings.HasPrefix(f.Name, "__MACOSX/") || isMetadataName(base) {
			continue
		}
		files = append(files, f)
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Name < files[j].Name })
	items := make([]Item, 0, len(files))
	for _, f := range files {
		name := f.Name
		items = append(items, Item{
			Name: p + "!" + name,
			Size: int64(f.UncompressedSize64),
			read: func() ([]byte, error) { return readZipEntry(p, name, maxBytes) },
			meta: func() []byte {
				dir, base := path.Split(name)
				stem := strings.TrimSuffix(base, path.Ext(base))
				for _, m := range []string{dir + stem + ".metadata.xml", dir + "metadata.xml"} {
					if names[m] && m != name {
						if b, err := readZipEntry(p, m, maxBytes); err == nil {
							return b
						}
					}
				}
				return nil
			},
		})
	}
	return items, nil
}

// readZipEntry reads one entry, refusing more than maxBytes (a zip bomb).
func readZipEntry(archive, name string, maxBytes int64) ([]byte, error) {
	zr, err := zip.OpenReader(archive)
	if err != nil {
		return nil, fmt.Errorf("ingest: zip: %w", err)
	}
	defer zr.Close()
	for _, f := range zr.File {
		if f.Name != name {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return nil, fmt.Errorf("ingest: zip %s: %w", name, err)
		}
		defer rc.Close()
		r := io.Reader(rc)
		if maxBytes > 0 {
			r = io.LimitReader(rc, maxBytes+1)
		}
		var buf bytes.Buffer
		if _, err := io.Copy(&buf, r); err != nil {
			return nil, fmt.Errorf("ingest: zip %s: %w", name, err)
		}
		if maxBytes > 0 && int64(buf.Len()) > maxBytes {
			return nil, fmt.Errorf("%w: zip entry %s exceeds %d bytes", ErrTooLarge, name, maxBytes)
		}
		return buf.Bytes(), nil
	}
	return nil, fmt.Errorf("ingest: zip: no entry %s", name)
}

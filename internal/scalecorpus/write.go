package scalecorpus

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
)

// Parts is the number of folders a written corpus is split into, in
// order: part 0 holds the first tenth of the letters, part 9 the last.
const Parts = 10

// ManifestName is the file, in the corpus folder, that lists every letter
// as one JSON object (a Letter without its text) per line, in order.
const ManifestName = "manifest.jsonl"

// PartDir returns the folder of part k (0 ≤ k < Parts) under dir.
func PartDir(dir string, k int) string {
	return filepath.Join(dir, "letters", fmt.Sprintf("p%02d", k))
}

// Summary counts what Write wrote.
type Summary struct {
	Letters   int   `json:"letters"`
	Bytes     int64 `json:"bytes"`
	Words     int64 `json:"words"`
	Footnotes int64 `json:"footnotes"`
	Citations int64 `json:"citations"` // letter-to-letter edges
}

// Write generates the corpus of o from m into dir: the letters as UTF-8
// text files under PartDir(dir, k), named by their id, and the manifest.
// dir must not hold a corpus already.
func Write(ctx context.Context, dir string, m *Material, o Options) (Summary, error) {
	var sum Summary
	g, err := New(m, o)
	if err != nil {
		return sum, err
	}
	for k := 0; k < Parts; k++ {
		if err := os.MkdirAll(PartDir(dir, k), 0o755); err != nil {
			return sum, fmt.Errorf("scalecorpus: %w", err)
		}
	}
	mf, err := os.Create(filepath.Join(dir, ManifestName))
	if err != nil {
		return sum, fmt.Errorf("scalecorpus: %w", err)
	}
	defer mf.Close()
	w := bufio.NewWriter(mf)
	enc := json.NewEncoder(w)
	n := g.o.N
	for {
		if ctx.Err() != nil {
			return sum, fmt.Errorf("scalecorpus: %w", ctx.Err())
		}
		l, ok := g.Next()
		if !ok {
			break
		}
		part := l.Seq * Parts / n
		l.File = filepath.Join("letters", fmt.Sprintf("p%02d", part), l.ID+".txt")
		if err := os.WriteFile(filepath.Join(dir, l.File), []byte(l.Text), 0o644); err != nil {
			return sum, fmt.Errorf("scalecorpus: %w", err)
		}
		if err := enc.Encode(l); err != nil {
			return sum, fmt.Errorf("scalecorpus: %w", err)
		}
		sum.Letters++
		sum.Bytes += int64(l.Bytes)
		sum.Words += int64(l.Words)
		sum.Footnotes += int64(l.Footnotes)
		sum.Citations += int64(len(l.Cites))
	}
	if err := w.Flush(); err != nil {
		return sum, fmt.Errorf("scalecorpus: %w", err)
	}
	if err := mf.Close(); err != nil {
		return sum, fmt.Errorf("scalecorpus: %w", err)
	}
	return sum, nil
}

// ReadManifest reads the manifest of the corpus in dir, in order.
func ReadManifest(dir string) ([]Letter, error) {
	f, err := os.Open(filepath.Join(dir, ManifestName))
	if err != nil {
		return nil, fmt.Errorf("scalecorpus: %w", err)
	}
	defer f.Close()
	var out []Letter
	dec := json.NewDecoder(bufio.NewReader(f))
	for dec.More() {
		var l Letter
		if err := dec.Decode(&l); err != nil {
			return nil, fmt.Errorf("scalecorpus: manifest: %w", err)
		}
		out = append(out, l)
	}
	return out, nil
}

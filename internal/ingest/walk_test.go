package ingest

import (
	"path/filepath"
	"testing"
)

func TestExpandSkipsManifest(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "MANIFEST.tsv"), "file\tid\nbrief.txt\tkst-1-1\n")
	writeFile(t, filepath.Join(dir, "brief.txt"), letter(1, ""))
	items, bad := Expand([]string{dir}, 0)
	if len(bad) > 0 {
		t.Fatalf("Expand reported %v", bad)
	}
	if len(items) != 1 || filepath.Base(items[0].Name) != "brief.txt" {
		names := []string{}
		for _, it := range items {
			names = append(names, it.Name)
		}
		t.Fatalf("Expand = %v, want only brief.txt", names)
	}
}

package benchscale

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReuseIngestTakesTheEarlierRun(t *testing.T) {
	dir := t.TempDir()
	kz, plain := filepath.Join(dir, "kamerzoek-data"), filepath.Join(dir, "plain-index")
	file := filepath.Join(dir, "result.json")
	prev := Result{N: 100, Seed: 3, KZ: IngestResult{Letters: 100, Seconds: 12}, Plain: IngestResult{Letters: 100, Seconds: 6}}
	b, _ := json.Marshal(prev)
	if err := os.WriteFile(file, b, 0o644); err != nil {
		t.Fatal(err)
	}

	res := &Result{N: 100, Seed: 3}
	if err := reuseIngest(res, file, kz, plain); err == nil || !strings.Contains(err.Error(), "serve-only") {
		t.Errorf("without the data directories: %v", err)
	}
	for _, d := range []string{kz, plain} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := reuseIngest(&Result{N: 200, Seed: 3}, file, kz, plain); err == nil {
		t.Error("an earlier run of another size was reused")
	}
	if err := reuseIngest(res, file, kz, plain); err != nil {
		t.Fatal(err)
	}
	if res.KZ.Seconds != 12 || res.Plain.Seconds != 6 || res.IngestedAt == nil {
		t.Errorf("reused %+v %+v at %v", res.KZ, res.Plain, res.IngestedAt)
	}
	if !strings.Contains(Report(res), "Serving only") {
		t.Error("the report does not say the ingest figures are reused")
	}
}

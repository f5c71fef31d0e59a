package backendtest

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"

	"kamerzoek/indexer"
)

// embedded opens an empty embedded index in a temporary folder. (The
// in-memory index gives the same answers, only slower to fill.)
func embedded(opts indexer.Options) func(t *testing.T) indexer.Backend {
	return func(t *testing.T) indexer.Backend {
		t.Helper()
		ix, err := indexer.Open(t.TempDir(), opts)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = ix.Close() })
		return ix
	}
}

func TestEmbeddedOnDisk(t *testing.T) {
	Run(t, embedded(indexer.Options{}))
}

// Cited-by counts read at search time give the same answers as counts
// written with the documents.
func TestEmbeddedLiveCitedBy(t *testing.T) {
	Run(t, embedded(indexer.Options{CitedBy: CitedBy}))
}

// TestDocs checks the fixture: the real corpus is in it, with the cases'
// documents.
func TestDocs(t *testing.T) {
	docs, err := Docs()
	if err != nil {
		t.Fatal(err)
	}
	var real, hand int
	for _, d := range docs {
		switch {
		case d.ExtractorVersion == "backendtest":
			hand++
		case d.ExtractorVersion != "synthetic":
			real++
		}
	}
	if real < 20 || hand != len(handDocs()) || len(docs) != real+hand+60 {
		t.Errorf("%d documents: %d from corpus/, %d written for the cases", len(docs), real, hand)
	}
	if CitedBy("kst-29911-337") != 2 {
		t.Errorf("CitedBy(kst-29911-337) = %d", CitedBy("kst-29911-337"))
	}
}

// dropFilter is a wrong backend: it ignores the type filter.
type dropFilter struct{ indexer.Backend }

func (d dropFilter) Search(r indexer.Request) (*indexer.Result, error) {
	return d.SearchContext(context.Background(), r)
}

func (d dropFilter) SearchContext(ctx context.Context, r indexer.Request) (*indexer.Result, error) {
	r.Type = nil
	return d.Backend.SearchContext(ctx, r)
}

// idOrder is a wrong backend: it breaks ties of sort=date by id
// descending.
type idOrder struct{ indexer.Backend }

func (d idOrder) Search(r indexer.Request) (*indexer.Result, error) {
	return d.SearchContext(context.Background(), r)
}

func (d idOrder) SearchContext(ctx context.Context, r indexer.Request) (*indexer.Result, error) {
	res, err := d.Backend.SearchContext(ctx, r)
	if err != nil || r.Sort != "date" {
		return res, err
	}
	for i := 1; i < len(res.Hits); i++ {
		for j := i; j > 0 && res.Hits[j].Date == res.Hits[j-1].Date && res.Hits[j].ID > res.Hits[j-1].ID; j-- {
			res.Hits[j], res.Hits[j-1] = res.Hits[j-1], res.Hits[j]
		}
	}
	return res, nil
}

// wrongBackends are run, each in a test binary of its own, by
// TestSuiteFails; brokenEnv names the one to run.
var wrongBackends = map[string]func(indexer.Backend) indexer.Backend{
	"drop-type-filter":     func(b indexer.Backend) indexer.Backend { return dropFilter{b} },
	"date-ties-by-id-desc": func(b indexer.Backend) indexer.Backend { return idOrder{b} },
}

const brokenEnv = "KAMERZOEK_BACKENDTEST_WRONG"

// TestWrongBackend runs the suite against a wrong backend when
// TestSuiteFails asks for it; it is skipped otherwise.
func TestWrongBackend(t *testing.T) {
	wrap := wrongBackends[os.Getenv(brokenEnv)]
	if wrap == nil {
		t.Skip("run by TestSuiteFails")
	}
	open := embedded(indexer.Options{})
	Run(t, func(t *testing.T) indexer.Backend { return wrap(open(t)) })
}

// TestSuiteFails checks that the suite catches wrong backends, and names
// the case that catches them.
func TestSuiteFails(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the suite in another process")
	}
	for name, want := range map[string][]string{
		"drop-type-filter":     {"--- FAIL: TestWrongBackend/Filters", `type=["brief"]`},
		"date-ties-by-id-desc": {"--- FAIL: TestWrongBackend/Sort", "sort=date"},
	} {
		t.Run(name, func(t *testing.T) {
			cmd := exec.Command(os.Args[0], "-test.run=^TestWrongBackend$", "-test.count=1")
			cmd.Env = append(os.Environ(), brokenEnv+"="+name)
			out, err := cmd.CombinedOutput()
			if err == nil {
				t.Fatalf("the suite passes a backend that is wrong (%s):\n%s", name, out)
			}
			for _, w := range want {
				if !strings.Contains(string(out), w) {
					t.Errorf("the suite's output lacks %q:\n%s", w, out)
				}
			}
		})
	}
}

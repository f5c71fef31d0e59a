package indexer_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"kamerzoek/indexer"
	"kamerzoek/internal/document"
	"kamerzoek/internal/ingest"
	"kamerzoek/internal/realdata"
)

var update = flag.Bool("update", false, "rewrite the ranking goldens under testdata/ranking")

var (
	realOnce sync.Once
	realDocs []*document.Document
	realErr  error
)

// realCorpus parses the seed letter and the real PDFs and XML documents
// of ../shared once, with the project's own pipeline. Files that do not
// parse (scans, broken files) are left out, as ingest would.
func realCorpus(t testing.TB) []*document.Document {
	shared := realdata.Dir(t)
	realOnce.Do(func() {
		var paths []string
		paths = append(paths, filepath.Join(shared, "seed", "kst-29911-337.txt"))
		pdfs, _ := filepath.Glob(filepath.Join(shared, "realdata", "pdf", "*.pdf"))
		paths = append(paths, pdfs...)
		xmls, _ := filepath.Glob(filepath.Join(shared, "realdata", "xml", "*.xml"))
		for _, x := range xmls {
			b := filepath.Base(x)
			if strings.Contains(b, "metadata") || strings.HasPrefix(b, "sru_") {
				continue
			}
			paths = append(paths, x)
		}
		if len(paths) < 10 {
			realErr = fmt.Errorf("only %d real files under %s", len(paths), shared)
			return
		}
		docs := make([]*document.Document, len(paths))
		var wg sync.WaitGroup
		sem := make(chan struct{}, runtime.NumCPU())
		for i, p := range paths {
			wg.Add(1)
			go func() {
				defer wg.Done()
				sem <- struct{}{}
				defer func() { <-sem }()
				d, err := ingest.ParseFile(context.Background(), p, ingest.ParseOptions{})
				if err == nil {
					docs[i] = d
				}
			}()
		}
		wg.Wait()
		seen := map[string]bool{}
		for _, d := range docs {
			if d != nil && !seen[d.ID] {
				seen[d.ID] = true
				realDocs = append(realDocs, d)
			}
		}
	})
	if realErr != nil {
		t.Fatal(realErr)
	}
	return realDocs
}

// citedBy counts distinct citing documents per id.
func citedBy(docs []*document.Document) func(string) int {
	n := map[string]int{}
	for _, d := range docs {
		seen := map[string]bool{}
		for _, r := range d.References {
			if !seen[r.ID] && r.ID != d.ID {
				seen[r.ID] = true
				n[r.ID]++
			}
		}
	}
	return func(id string) int { return n[id] }
}

type rankCase struct {
	Name    string `json:"name"`
	Query   string `json:"query"`
	Expect  string `json:"expect"`
	MaxRank int    `json:"max_rank"`
}

// TestRanking runs each query of testdata/ranking/cases.json over the real
// corpus, checks that the expected document ranks no lower than max_rank,
// and compares a readable report (query, parsed form, rank, top 10) with
// testdata/ranking/<name>.golden. After a deliberate change to ranking or
// extraction: go test ./indexer -run TestRanking -update.
func TestRanking(t *testing.T) {
	if testing.Short() {
		t.Skip("parses every real document; skipped with -short")
	}
	docs := realCorpus(t)
	ix, err := indexer.Open("", indexer.Options{InMemory: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if err := ix.Put(docs, citedBy(docs)); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile("testdata/ranking/cases.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []rankCase
	if err := json.Unmarshal(b, &cases); err != nil {
		t.Fatal(err)
	}
	if len(cases) == 0 {
		t.Fatal("no ranking cases")
	}
	goldens, _ := filepath.Glob("testdata/ranking/*.golden")
	if len(goldens) == 0 && !*update {
		t.Fatal("no ranking goldens under testdata/ranking (run with -update)")
	}
	known := map[string]bool{}
	for _, c := range cases {
		known[filepath.Join("testdata", "ranking", c.Name+".golden")] = true
		t.Run(c.Name, func(t *testing.T) {
			res, err := ix.Search(indexer.Request{Query: c.Query, Size: 10, Sections: -1})
			if err != nil {
				t.Fatal(err)
			}
			q, err := indexer.ParseQuery(c.Query)
			if err != nil {
				t.Fatal(err)
			}
			parsed, _ := json.Marshal(q)
			rank := 0
			var top strings.Builder
			for i, h := range res.Hits {
				if h.ID == c.Expect && rank == 0 {
					rank = i + 1
				}
				fmt.Fprintf(&top, "%2d  %-24s %-26s %s\n", i+1, h.ID, h.Type, trim(h.Title, 60))
			}
			var rep bytes.Buffer
			fmt.Fprintf(&rep, "query:  %s\nparsed: %s\nexpect: %s\nrank:   %s\ntotal:  %d\ntop 10:\n%s",
				c.Query, parsed, c.Expect, rankString(rank), res.Total, top.String())
			path := filepath.Join("testdata", "ranking", c.Name+".golden")
			if *update {
				if err := os.WriteFile(path, rep.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			} else {
				want, err := os.ReadFile(path)
				if err != nil {
					t.Fatalf("%v (run with -update)", err)
				}
				if !bytes.Equal(want, rep.Bytes()) {
					t.Errorf("ranking differs from %s (go test ./indexer -run TestRanking -update after a deliberate change)\n--- got\n%s--- want\n%s", path, rep.Bytes(), want)
				}
			}
			if rank == 0 || rank > c.MaxRank {
				t.Errorf("%q: %s ranks %s, want at most %d", c.Query, c.Expect, rankString(rank), c.MaxRank)
			}
		})
	}
	for _, g := range goldens {
		if !known[g] {
			t.Errorf("%s belongs to no case in cases.json", g)
		}
	}
}

func rankString(r int) string {
	if r == 0 {
		return "not in top 10"
	}
	return fmt.Sprint(r)
}

func trim(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

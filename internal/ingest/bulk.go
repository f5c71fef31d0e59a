package ingest

import (
	"context"
	"fmt"
	"sort"
	"sync"
	"time"

	"kamerzoek/internal/document"
	"kamerzoek/internal/store"
)

// Progress is the state of a bulk ingest, reported after every file
// parsed and every file done (committed, or failed).
type Progress struct {
	Done, Total int
	Parsed      int   // files read and parsed (Done lags it by a batch)
	Pages       int   // pages of the documents ingested so far
	Bytes       int64 // bytes of the files done so far
	Started     time.Time
	Last        Outcome // the file just finished
}

// Summary is the result of a bulk ingest: one outcome per file, in input
// order, and the counts.
type Summary struct {
	Outcomes   []Outcome     `json:"outcomes"`
	Ingested   int           `json:"ingested"`
	Duplicates int           `json:"duplicates"`
	NoText     int           `json:"no_text_layer"`
	Failed     int           `json:"failed"`
	Pages      int           `json:"pages"`
	Elapsed    time.Duration `json:"elapsed"`
}

// OK reports whether every file was ingested or was a duplicate.
func (s *Summary) OK() bool { return s.Failed == 0 && s.NoText == 0 }

func (s *Summary) add(o Outcome) {
	s.Outcomes = append(s.Outcomes, o)
	switch o.Status {
	case StatusIngested:
		s.Ingested++
		s.Pages += o.Pages
	case StatusDuplicate:
		s.Duplicates++
	case StatusNoText:
		s.NoText++
	default:
		s.Failed++
	}
}

// Ingest ingests files, folders (recursively) and zip archives: parsing
// runs on Options.Workers goroutines, documents are written to store,
// graph and index in batches of Options.BatchSize. Every file gets an
// outcome; nothing aborts the run but ctx. progress, when not nil, is
// called after every file from a single goroutine.
func (c *Corpus) Ingest(ctx context.Context, paths []string, progress func(Progress)) Summary {
	start := time.Now()
	items, bad := Expand(paths, c.opts.Parse.MaxBytes)
	var sum Summary
	p := Progress{Total: len(items) + len(bad), Started: start}
	report := func(o Outcome, size int64) {
		sum.add(o)
		p.Done++
		p.Pages = sum.Pages
		p.Bytes += size
		p.Last = o
		if progress != nil {
			progress(p)
		}
	}
	for _, o := range bad {
		report(o, 0)
	}
	p.Parsed = p.Done
	parsedOne := func() {
		p.Parsed++
		if progress != nil {
			progress(p)
		}
	}
	c.ingestItems(ctx, items, report, parsedOne)
	sum.Elapsed = time.Since(start)
	return sum
}

type workResult struct {
	idx  int
	out  Outcome
	p    *parsed
	size int64
}

// ingestItems parses items in parallel and commits them in batches, in
// input order (so that of two versions of a document the later file wins,
// as when ingested one by one), calling report once per item. At most a
// window of items is parsed ahead of the oldest one not yet handed on,
// which bounds memory when one file is slow.
func (c *Corpus) ingestItems(ctx context.Context, items []Item, report func(Outcome, int64), parsedOne func()) {
	type job struct {
		idx int
		it  Item
	}
	next := make(chan job)
	results := make(chan workResult, c.opts.Workers)
	window := make(chan struct{}, max(2*c.opts.BatchSize, 4*c.opts.Workers))
	var wg sync.WaitGroup
	for w := 0; w < c.opts.Workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range next {
				r := c.work(ctx, j.it)
				r.idx = j.idx
				results <- r
			}
		}()
	}
	go func() {
		defer close(next)
		for i, it := range items {
			select {
			case window <- struct{}{}:
			case <-ctx.Done():
				return
			}
			select {
			case next <- job{i, it}:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() {
		wg.Wait()
		close(results)
	}()

	var batch []parsed
	var sizes []int64
	flush := func() {
		if len(batch) == 0 {
			return
		}
		outs := c.commit(batch)
		for i, o := range outs {
			report(o, sizes[i])
		}
		batch, sizes = batch[:0], sizes[:0]
	}
	take := func(r workResult) {
		<-window
		if parsedOne != nil {
			parsedOne()
		}
		if r.p == nil {
			report(r.out, r.size)
			return
		}
		batch = append(batch, *r.p)
		sizes = append(sizes, r.size)
		if len(batch) >= c.opts.BatchSize {
			flush()
		}
	}
	pending := map[int]workResult{}
	inOrder := 0
	idle := time.NewTimer(time.Hour)
	defer idle.Stop()
	for {
		select {
		case r, ok := <-results:
			if !ok {
				// Cancelled: what was parsed still goes in, in order.
				keys := make([]int, 0, len(pending))
				for k := range pending {
					keys = append(keys, k)
				}
				sort.Ints(keys)
				for _, k := range keys {
					take(pending[k])
				}
				flush()
				return
			}
			pending[r.idx] = r
			for {
				r, ok := pending[inOrder]
				if !ok {
					break
				}
				delete(pending, inOrder)
				inOrder++
				take(r)
			}
			idle.Reset(time.Second)
		case <-idle.C:
			// Parsing is slow right now: make what is parsed searchable.
			flush()
		}
	}
}

// work reads and parses one item; a duplicate is recognised by its hash
// before any parsing.
func (c *Corpus) work(ctx context.Context, it Item) workResult {
	data, err := it.Read()
	if err != nil {
		return workResult{out: failed(it.Name, err)}
	}
	size := int64(len(data))
	if id, ok := c.Store.IDBySHA(store.SHA256(data)); ok {
		return workResult{out: Outcome{File: it.Name, ID: id, Status: StatusDuplicate}, size: size}
	}
	po := c.opts.Parse
	switch Sniff(data) {
	case "zip":
		return workResult{out: failed(it.Name, fmt.Errorf("%w: an archive inside an archive", ErrUnsupported)), size: size}
	case document.FormatXML:
		po.Metadata = it.Metadata()
	}
	doc, err := Parse(ctx, it.Name, data, po)
	if err != nil {
		return workResult{out: failed(it.Name, err), size: size}
	}
	// Originals are content-addressed: writing them here, in parallel and
	// before the commit, costs nothing if the commit never comes.
	if _, err := c.Store.PutOriginal(data); err != nil {
		return workResult{out: failed(it.Name, err), size: size}
	}
	return workResult{p: &parsed{file: it.Name, doc: doc, data: data, meta: po.Metadata}, size: size}
}

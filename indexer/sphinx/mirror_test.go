package sphinx

import (
	"fmt"
	"log/slog"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"kamerzoek/indexer"
	"kamerzoek/internal/document"
	"kamerzoek/internal/searchd"
)

func TestParseNodes(t *testing.T) {
	for _, c := range []struct {
		spec string
		want [][]string
		err  string
	}{
		{"a:1,b:2", [][]string{{"a:1"}, {"b:2"}}, ""},
		{" a:1 | c:3 , b:2|d:4 ,", [][]string{{"a:1", "c:3"}, {"b:2", "d:4"}}, ""},
		{"[::1]:1|h:2", [][]string{{"[::1]:1", "h:2"}}, ""},
		{" , ", nil, ""},
		{"a:1|,b:2", nil, `"" is not host:port (shard 0)`},
		{"a:1,b", nil, `"b" is not host:port (shard 1)`},
		{"a:1|a:1", nil, "listed twice"},
		{"a:0", nil, "no valid port"},
	} {
		got, err := ParseNodes(c.spec)
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("ParseNodes(%q) error %v, want %q", c.spec, err, c.err)
			}
			continue
		}
		if err != nil || !reflect.DeepEqual(got, c.want) {
			t.Errorf("ParseNodes(%q) = %q, %v; want %q", c.spec, got, err, c.want)
		}
	}
}

// TestMirrors runs two shards on two mirrors each: with one mirror of a
// shard killed, searches (asked of every node in turn, the dead one too)
// answer exactly as before and writes to that shard fail naming it; with
// both killed, searches fail; once they are back, searches are complete
// again.
func TestMirrors(t *testing.T) {
	if testing.Short() {
		t.Skip("starts four searchd nodes")
	}
	bin := searchd.RequireBinary(t)
	l, err := searchd.StartLocalMirrored(bin, t.TempDir(), 2, 2)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(l.Stop)
	c, err := New(Config{Nodes: strings.Split(l.NodesFlag(), ","), Logger: testLogger(t)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	if got, want := c.String(), "sphinx://"+l.NodesFlag(); got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	b := open(t, c, "index-0001", indexer.Options{})
	docs := indexer.SyntheticDocs(200, 2, 4)
	if err := b.Put(docs, nil); err != nil {
		t.Fatal(err)
	}
	// Both mirrors of a shard hold the same documents.
	be := b.(*Backend)
	for i, mirrors := range c.shards {
		var counts []int
		for _, n := range mirrors {
			var k int
			if err := n.db.QueryRow("SELECT COUNT(*) FROM " + be.gen).Scan(&k); err != nil {
				t.Fatal(err)
			}
			counts = append(counts, k)
		}
		if counts[0] == 0 || counts[0] != counts[1] {
			t.Errorf("shard %d: mirrors hold %v documents", i, counts)
		}
	}
	reqs := []indexer.Request{
		{Query: "kabinet", Facets: []string{"type", "vergaderjaar"}},
		{Query: "kabinet", Sort: "date", Size: 7, Page: 2},
		{Query: "", Sort: "date_asc", Size: 50, Sections: -1},
	}
	answers := func() ([]*indexer.Result, error) {
		var out []*indexer.Result
		for _, r := range reqs {
			res, err := b.Search(r)
			if err != nil {
				return nil, err
			}
			res.TookMS = 0
			out = append(out, res)
		}
		return out, nil
	}
	before, err := answers()
	if err != nil {
		t.Fatal(err)
	}
	if before[2].Total != uint64(len(docs)) {
		t.Fatalf("%d documents found, want %d", before[2].Total, len(docs))
	}
	same := func(when string, got []*indexer.Result) {
		t.Helper()
		for i := range reqs {
			if !reflect.DeepEqual(got[i], before[i]) {
				t.Errorf("%s: search %d answers %d hits %v, before %d hits %v", when, i, got[i].Total, ids(got[i]), before[i].Total, ids(before[i]))
			}
		}
	}
	// Documents of each shard, to write to.
	docOn := func(shard int) *document.Document {
		for i := 0; ; i++ {
			d := &document.Document{ID: fmt.Sprintf("kst-9-%d", i), Title: "nieuw"}
			if docKey(d.ID)%2 == uint64(shard) {
				return d
			}
		}
	}

	// One mirror of shard 0 killed while searches run: every answer is
	// complete; then, with it down, every node answers in full.
	dead := l.Nodes[0]
	var mu sync.Mutex
	var fails []string
	answered := 0
	searchDuringKill(t, 3, l.Procs[0].Kill, 700*time.Millisecond, func() {
		res, err := b.Search(reqs[0])
		mu.Lock()
		defer mu.Unlock()
		switch {
		case err != nil:
			fails = append(fails, err.Error())
		case res.Total != before[0].Total || !slices.Equal(ids(res), ids(before[0])):
			fails = append(fails, fmt.Sprintf("%d hits %v, before %d hits %v", res.Total, ids(res), before[0].Total, ids(before[0])))
		default:
			answered++
		}
	})
	for _, f := range fails {
		t.Errorf("search while %s was killed: %s", dead, f)
	}
	t.Logf("%d complete answers while %s was killed", answered, dead)
	for round := range 2 * len(l.Nodes) {
		got, err := answers()
		if err != nil {
			t.Fatalf("round %d with %s down: %v", round, dead, err)
		}
		same(fmt.Sprintf("round %d with %s down", round, dead), got)
	}
	if node, ok := indexer.IsUnavailable(b.Put([]*document.Document{docOn(0)}, nil)); !ok || node != dead {
		t.Errorf("put on shard 0 with %s down: unavailable %v, node %q", dead, ok, node)
	}
	if node, ok := indexer.IsUnavailable(b.Delete(docs[0].ID, docs[1].ID, docs[2].ID)); !ok || node != dead {
		t.Errorf("delete with %s down: unavailable %v, node %q", dead, ok, node)
	}
	if err := b.Put([]*document.Document{docOn(1)}, nil); err != nil {
		t.Errorf("put on shard 1 with %s down: %v", dead, err)
	}
	if err := b.Delete(docOn(1).ID); err != nil {
		t.Errorf("delete on shard 1 with %s down: %v", dead, err)
	}
	if n, err := b.Count(); err != nil || n != uint64(len(docs)) {
		t.Errorf("count with %s down = %d, %v", dead, n, err)
	}
	if ok, err := b.Has(docs[0].ID); !ok || err != nil {
		t.Errorf("has with %s down = %v, %v", dead, ok, err)
	}
	if ids, err := b.DocIDs(); err != nil || len(ids) != len(docs) {
		t.Errorf("doc ids with %s down: %d, %v", dead, len(ids), err)
	}
	if st, err := b.Stats(); err != nil || st.Documents != uint64(len(docs)) {
		t.Errorf("stats with %s down: %v", dead, err)
	}
	if _, err := b.Suggest("kab", 5); err != nil {
		t.Errorf("suggest with %s down: %v", dead, err)
	}

	// Both mirrors of shard 0 down: every search fails, naming one.
	if err := l.Procs[1].Kill(); err != nil {
		t.Fatal(err)
	}
	for round := range len(l.Nodes) {
		_, err := b.Search(reqs[0])
		if node, ok := indexer.IsUnavailable(err); !ok || !slices.Contains(l.Shards[0], node) {
			t.Errorf("round %d with shard 0 down: %v", round, err)
		}
	}

	// Back: complete answers again (the first searches may still meet
	// broken connections to the old processes, as unavailable).
	for k := range 2 {
		if err := l.StartNode(k); err != nil {
			t.Fatal(err)
		}
	}
	var got []*indexer.Result
	for try := range 5 {
		if got, err = answers(); err == nil {
			break
		}
		if _, ok := indexer.IsUnavailable(err); !ok {
			t.Fatal(err)
		}
		t.Logf("search %d after the restart: %v", try, err)
		time.Sleep(200 * time.Millisecond)
	}
	if err != nil {
		t.Fatal(err)
	}
	same("after the restart", got)
	for round := range len(l.Nodes) {
		got, err := answers()
		if err != nil {
			t.Fatalf("round %d after the restart: %v", round, err)
		}
		same(fmt.Sprintf("round %d after the restart", round), got)
	}
	if err := b.Put([]*document.Document{docOn(0)}, nil); err != nil {
		t.Errorf("put on shard 0 after the restart: %v", err)
	}
}

// testLogger logs to t with -v, else nowhere.
func testLogger(t *testing.T) *slog.Logger {
	if !testing.Verbose() {
		return nil
	}
	return slog.New(slog.NewTextHandler(t.Output(), &slog.HandlerOptions{Level: slog.LevelInfo}))
}

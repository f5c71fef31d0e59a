package main

import (
	"bytes"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"kamerzoek/internal/searchd"
)

// TestClusterConfig writes a two-shard configuration with the command,
// reads the node list from its last line and, where searchd is
// installed, starts the nodes from the written files.
func TestClusterConfig(t *testing.T) {
	base, err := searchd.FreeBase("127.0.0.1", 2)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	var out, errb bytes.Buffer
	code := run([]string{"cluster-config", "--shards", "2", "--dir", dir, "--port", strconv.Itoa(base)}, nil, &out, &errb)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	last := lines[len(lines)-1]
	want := "127.0.0.1:" + strconv.Itoa(base) + ",127.0.0.1:" + strconv.Itoa(base+1)
	if last != want {
		t.Fatalf("last line %q, want %q\n%s", last, want, out.String())
	}
	for i := range 2 {
		if _, err := os.Stat(searchd.ConfigPath(dir, i)); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(out.String(), "searchd --config "+searchd.ConfigPath(dir, i)) {
			t.Errorf("no start line for shard %d:\n%s", i, out.String())
		}
	}
	if code := run([]string{"cluster-config", "--shards", "2"}, nil, &out, &errb); code != 2 {
		t.Errorf("without --dir: exit %d, want 2", code)
	}

	bin := searchd.RequireBinary(t)
	for i, addr := range strings.Split(last, ",") {
		p, err := searchd.Start(bin, searchd.ConfigPath(dir, i), addr, 30*time.Second)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = p.Stop(10 * time.Second) })
	}
}

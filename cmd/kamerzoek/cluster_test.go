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

// TestClusterConfigMirrors writes two shards of two mirrors each: one
// folder per node, the ports of the documented scheme, agent lines
// listing a shard's mirrors, and the node list with "|" on its last line.
func TestClusterConfigMirrors(t *testing.T) {
	dir := t.TempDir()
	var out, errb bytes.Buffer
	code := run([]string{"cluster-config", "--shards", "2", "--mirrors", "2", "--dir", dir, "--port", "20000"}, nil, &out, &errb)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if last, want := lines[len(lines)-1], "127.0.0.1:20000|127.0.0.1:20001,127.0.0.1:20002|127.0.0.1:20003"; last != want {
		t.Fatalf("last line %q, want %q", last, want)
	}
	conf, err := os.ReadFile(searchd.NodeConfigPath(dir, 0, 1, 2))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"listen = 127.0.0.1:20001:mysql41\n", "listen = 127.0.0.1:20005\n",
		"agent_persistent = 127.0.0.1:20006|127.0.0.1:20007:kz_a\n", "ha_strategy = nodeads\n",
	} {
		if !strings.Contains(string(conf), want) {
			t.Errorf("shard 0 mirror 1 lacks %q", want)
		}
	}
	if strings.Contains(string(conf), "127.0.0.1:20004|") {
		t.Error("shard 0 lists its own shard as an agent")
	}
	if code := run([]string{"cluster-config", "--shards", "2", "--mirrors", "0", "--dir", dir}, nil, &out, &errb); code != 2 {
		t.Errorf("--mirrors 0: exit %d, want 2", code)
	}
}

package searchd

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestWriteConfigs(t *testing.T) {
	dir := t.TempDir()
	nodes, err := WriteConfigs(dir, 3, "10.0.0.5", 9400)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(nodes, ",") != "10.0.0.5:9400,10.0.0.5:9401,10.0.0.5:9402" {
		t.Fatalf("nodes = %v", nodes)
	}
	b, err := os.ReadFile(filepath.Join(dir, "shard-1", "searchd.conf"))
	if err != nil {
		t.Fatal(err)
	}
	conf := string(b)
	for _, want := range []string{
		"listen = 10.0.0.5:9401:mysql41",
		"listen = 10.0.0.5:9404\n",
		"agent_persistent = 10.0.0.5:9403:kz_a\n",
		"agent_persistent = 10.0.0.5:9403:kz_a_sec\n",
		"agent_persistent = 10.0.0.5:9405:kz_b\n",
		"local = kz_a\n",
		"index kz_meta",
		"morphology = libstemmer_nl",
		"pid_file = " + filepath.Join(dir, "shard-1", "searchd.pid"),
		"binlog_path = " + filepath.Join(dir, "shard-1", "data"),
		"U+00E9->e", "U+00EB->e", "U+00C0->a", "U+0142->l", "U+017E->z",
	} {
		if !strings.Contains(conf, want) {
			t.Errorf("shard-1 config lacks %q", want)
		}
	}
	if strings.Contains(conf, "10.0.0.5:9404:kz_a") {
		t.Error("shard-1 lists itself as an agent")
	}
	if _, err := WriteConfigs(dir, 0, "", 9400); err == nil {
		t.Error("no shards: no error")
	}
	if _, err := WriteConfigs(dir, 2, "", 65534); err == nil {
		t.Error("ports beyond 65535: no error")
	}
}

// TestLocal starts a two-node cluster from the written configuration and
// stops it, leaving no process behind.
func TestLocal(t *testing.T) {
	bin := RequireBinary(t)
	l, err := StartLocal(bin, t.TempDir(), 2)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(l.Stop)
	for i, p := range l.Procs {
		if p.Exited() {
			t.Fatalf("node %d exited", i)
		}
		if err := WaitReady(l.Nodes[i], 5*time.Second, nil); err != nil {
			t.Fatalf("node %d: %v", i, err)
		}
	}
	pids := []int{l.Procs[0].PID(), l.Procs[1].PID()}
	if err := l.Procs[1].Kill(); err != nil {
		t.Fatal(err)
	}
	if err := l.StartNode(1); err != nil {
		t.Fatalf("restart: %v", err)
	}
	pids = append(pids, l.Procs[1].PID())
	l.Stop()
	for _, pid := range pids {
		if err := syscall.Kill(pid, 0); err == nil {
			t.Errorf("searchd %d still runs after Stop", pid)
		}
	}
}

// TestNodePorts: the ports of every node of a mirrored cluster are
// distinct and fill P .. P+2NM-1; one mirror a shard is the scheme of
// Ports.
func TestNodePorts(t *testing.T) {
	for _, c := range []struct{ shards, mirrors int }{{1, 1}, {3, 1}, {2, 2}, {3, 3}} {
		seen := map[int]bool{}
		for i := range c.shards {
			for m := range c.mirrors {
				ql, api := NodePorts(100, c.shards, c.mirrors, i, m)
				seen[ql], seen[api] = true, true
				if c.mirrors == 1 {
					if q1, a1 := Ports(100, c.shards, i); q1 != ql || a1 != api {
						t.Errorf("Ports(100, %d, %d) = %d, %d; NodePorts %d, %d", c.shards, i, q1, a1, ql, api)
					}
				}
			}
		}
		for p := 100; p < 100+2*c.shards*c.mirrors; p++ {
			if !seen[p] {
				t.Errorf("%d shards of %d mirrors: port %d unused (%d ports taken)", c.shards, c.mirrors, p, len(seen))
			}
		}
	}
}

func TestWriteMirroredConfigs(t *testing.T) {
	dir := t.TempDir()
	nodes, err := WriteMirroredConfigs(dir, 2, 2, "10.0.0.5", 9400)
	if err != nil {
		t.Fatal(err)
	}
	if got := NodesFlag(nodes); got != "10.0.0.5:9400|10.0.0.5:9401,10.0.0.5:9402|10.0.0.5:9403" {
		t.Fatalf("nodes = %s", got)
	}
	b, err := os.ReadFile(filepath.Join(dir, "shard-1-0", "searchd.conf"))
	if err != nil {
		t.Fatal(err)
	}
	conf := string(b)
	for _, want := range []string{
		"listen = 10.0.0.5:9402:mysql41\n", "listen = 10.0.0.5:9406\n",
		"agent_persistent = 10.0.0.5:9404|10.0.0.5:9405:kz_a\n",
		"agent_persistent = 10.0.0.5:9404|10.0.0.5:9405:kz_b_sec\n",
		"ha_strategy = nodeads\n",
	} {
		if !strings.Contains(conf, want) {
			t.Errorf("config of shard 1 mirror 0 lacks %q", want)
		}
	}
	if strings.Contains(conf, "9406|") || strings.Contains(conf, "|10.0.0.5:9407") {
		t.Error("shard 1 lists itself as an agent")
	}
	if _, err := WriteMirroredConfigs(dir, 2, 0, "", 9400); err == nil {
		t.Error("0 mirrors: no error")
	}
	// One mirror a shard: the configuration of Config.
	if MirroredConfig("/d", 3, 1, 1, 0, "h", 9000) != Config("/d", 3, 1, "h", 9000) {
		t.Error("MirroredConfig with one mirror differs from Config")
	}
}

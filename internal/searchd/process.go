package searchd

import (
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"
)

// Binary finds the searchd program on PATH.
func Binary() (string, error) {
	p, err := exec.LookPath("searchd")
	if err != nil {
		return "", fmt.Errorf("searchd: program not found: %w", err)
	}
	return p, nil
}

// RequireBinary returns the searchd program for a test, skipping tb when
// there is none, or failing it when the environment variable CI is
// "true": CI installs Sphinx (package sphinxsearch) for these tests.
func RequireBinary(tb testing.TB) string {
	tb.Helper()
	p, err := Binary()
	if err != nil {
		if os.Getenv("CI") == "true" {
			tb.Fatalf("searchd (Debian package sphinxsearch) is required in CI: %v", err)
		}
		tb.Skipf("searchd not installed (Debian package sphinxsearch); skipping: %v", err)
	}
	return p
}

// Process is one running searchd, started in the foreground (--nodetach)
// so that it is a child of this process and stops with its PID.
type Process struct {
	Config string // its configuration file
	Addr   string // its SphinxQL address
	cmd    *exec.Cmd
	done   chan struct{}
}

// Start starts searchd with config and waits until addr (its SphinxQL
// listener) answers, at most timeout. Output goes to searchd.out beside
// the config.
func Start(bin, config, addr string, timeout time.Duration) (*Process, error) {
	out, err := os.OpenFile(filepath.Join(filepath.Dir(config), "searchd.out"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return nil, fmt.Errorf("searchd: %w", err)
	}
	cmd := exec.Command(bin, "--config", config, "--nodetach")
	cmd.Stdout, cmd.Stderr = out, out
	cmd.Dir = filepath.Dir(config)
	dieWithParent(cmd)
	if err := cmd.Start(); err != nil {
		out.Close()
		return nil, fmt.Errorf("searchd: start %s: %w", config, err)
	}
	p := &Process{Config: config, Addr: addr, cmd: cmd, done: make(chan struct{})}
	go func() {
		_ = cmd.Wait()
		out.Close()
		close(p.done)
	}()
	if err := WaitReady(addr, timeout, p.done); err != nil {
		_ = p.Kill()
		return nil, fmt.Errorf("searchd: %s: %w (see %s)", config, err, out.Name())
	}
	return p, nil
}

// PID is the process id.
func (p *Process) PID() int { return p.cmd.Process.Pid }

// Exited reports whether the process has ended.
func (p *Process) Exited() bool {
	select {
	case <-p.done:
		return true
	default:
		return false
	}
}

// Stop asks searchd to end (SIGTERM, which flushes its real-time
// indexes) and waits for it, killing it after timeout.
func (p *Process) Stop(timeout time.Duration) error {
	if p.Exited() {
		return nil
	}
	_ = p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-p.done:
		return nil
	case <-time.After(timeout):
	}
	return p.Kill()
}

// Kill ends searchd at once (SIGKILL) and waits for it.
func (p *Process) Kill() error {
	if p.Exited() {
		return nil
	}
	if err := p.cmd.Process.Signal(syscall.SIGKILL); err != nil && !errors.Is(err, os.ErrProcessDone) {
		return fmt.Errorf("searchd: kill %d: %w", p.PID(), err)
	}
	<-p.done
	return nil
}

// WaitReady waits until the SphinxQL listener at addr sends its greeting,
// at most timeout; it gives up early when exited is closed.
func WaitReady(addr string, timeout time.Duration, exited <-chan struct{}) error {
	deadline := time.Now().Add(timeout)
	var last error
	for time.Now().Before(deadline) {
		select {
		case <-exited:
			return fmt.Errorf("searchd exited before answering on %s", addr)
		default:
		}
		c, err := net.DialTimeout("tcp", addr, 500*time.Millisecond)
		if err == nil {
			_ = c.SetReadDeadline(time.Now().Add(time.Second))
			buf := make([]byte, 4)
			_, err = c.Read(buf)
			c.Close()
			if err == nil {
				return nil
			}
		}
		last = err
		time.Sleep(50 * time.Millisecond)
	}
	return fmt.Errorf("no answer on %s after %s: %v", addr, timeout, last)
}

// FreeBase finds a base port on host with the 2*nodes ports a cluster of
// that many nodes needs free (see NodePorts).
func FreeBase(host string, nodes int) (int, error) {
	for range 50 {
		l, err := net.Listen("tcp", net.JoinHostPort(host, "0"))
		if err != nil {
			return 0, fmt.Errorf("searchd: %w", err)
		}
		base := l.Addr().(*net.TCPAddr).Port
		l.Close()
		if base+2*nodes > 65535 {
			continue
		}
		ok := true
		for p := base; p < base+2*nodes; p++ {
			l, err := net.Listen("tcp", net.JoinHostPort(host, strconv.Itoa(p)))
			if err != nil {
				ok = false
				break
			}
			l.Close()
		}
		if ok {
			return base, nil
		}
	}
	return 0, fmt.Errorf("searchd: no %d free consecutive ports on %s", 2*nodes, host)
}

// Local is a cluster of searchd nodes on this machine.
type Local struct {
	Dir string
	// Nodes are the SphinxQL addresses of every node, shard by shard and
	// within a shard mirror by mirror (node k = shard*Mirrors+mirror);
	// with one node a shard, node i keeps shard i.
	Nodes []string
	// Shards are the same addresses by shard and mirror.
	Shards  [][]string
	Mirrors int
	Procs   []*Process // by node, as Nodes
	bin     string
}

// StartLocal writes the configuration of a cluster of shards nodes on
// free loopback ports into dir and starts every node.
func StartLocal(bin, dir string, shards int) (*Local, error) {
	return StartLocalMirrored(bin, dir, shards, 1)
}

// StartLocalMirrored writes the configuration of a cluster of shards
// shards kept by mirrors nodes each on free loopback ports into dir and
// starts every node.
func StartLocalMirrored(bin, dir string, shards, mirrors int) (*Local, error) {
	base, err := FreeBase("127.0.0.1", shards*mirrors)
	if err != nil {
		return nil, err
	}
	byShard, err := WriteMirroredConfigs(dir, shards, mirrors, "127.0.0.1", base)
	if err != nil {
		return nil, err
	}
	l := &Local{Dir: dir, Shards: byShard, Mirrors: mirrors, Procs: make([]*Process, shards*mirrors), bin: bin}
	for _, m := range byShard {
		l.Nodes = append(l.Nodes, m...)
	}
	for k := range l.Nodes {
		if err := l.StartNode(k); err != nil {
			l.Stop()
			return nil, err
		}
	}
	return l, nil
}

// NodesFlag is the cluster's --sphinx-nodes value (see NodesFlag).
func (l *Local) NodesFlag() string { return NodesFlag(l.Shards) }

// StartNode starts node k (again).
func (l *Local) StartNode(k int) error {
	p, err := Start(l.bin, NodeConfigPath(l.Dir, k/l.Mirrors, k%l.Mirrors, l.Mirrors), l.Nodes[k], 30*time.Second)
	if err != nil {
		return err
	}
	l.Procs[k] = p
	return nil
}

// Stop stops every node that runs.
func (l *Local) Stop() {
	for _, p := range l.Procs {
		if p != nil {
			_ = p.Stop(10 * time.Second)
		}
	}
}

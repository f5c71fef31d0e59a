package benchscale

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// ChildRun is what one run of a child process took.
type ChildRun struct {
	Args    []string `json:"args"`
	Seconds float64  `json:"seconds"`
	// CPUSeconds is user plus system time of the child.
	CPUSeconds float64 `json:"cpu_seconds"`
	// PeakRSS is the child's largest resident set, in bytes (rusage). It
	// counts the pages of files the child maps (index segments, the
	// catalog) that it has touched, which the kernel may drop at will.
	PeakRSS int64 `json:"peak_rss"`
	// PeakAnon is the largest anonymous resident memory seen (the heap and
	// stacks, without mapped files), sampled every anonEvery.
	PeakAnon int64  `json:"peak_anon"`
	Stdout   string `json:"-"`
}

// anonEvery is how often runChild samples a child's anonymous memory.
const anonEvery = 100 * time.Millisecond

// runChild runs name with args to completion and measures it; a non-zero
// exit is an error that quotes the end of its output.
func runChild(ctx context.Context, name string, args ...string) (ChildRun, error) {
	r := ChildRun{Args: append([]string{name}, args...)}
	cmd := exec.CommandContext(ctx, name, args...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	start := time.Now()
	err := cmd.Start()
	if err == nil {
		stop := make(chan struct{})
		peak := anonPeak(cmd.Process.Pid, stop)
		err = cmd.Wait()
		close(stop)
		r.PeakAnon = <-peak
	}
	r.Seconds = time.Since(start).Seconds()
	r.Stdout = out.String()
	if ps := cmd.ProcessState; ps != nil {
		r.CPUSeconds = (ps.UserTime() + ps.SystemTime()).Seconds()
		if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
			r.PeakRSS = int64(ru.Maxrss) * 1024 // kilobytes on Linux
		}
	}
	if err != nil {
		return r, fmt.Errorf("benchscale: %s %s: %w\n%s%s", name, strings.Join(args, " "), err, tail(out.String(), 2000), tail(errb.String(), 2000))
	}
	return r, nil
}

func tail(s string, n int) string {
	if len(s) > n {
		return "…" + s[len(s)-n:]
	}
	return s
}

// anonPeak samples the anonymous memory of process pid every anonEvery
// until stop is closed, then sends the largest sample.
func anonPeak(pid int, stop <-chan struct{}) <-chan int64 {
	out := make(chan int64, 1)
	go func() {
		var peak int64
		tick := time.NewTicker(anonEvery)
		defer tick.Stop()
		for {
			peak = max(peak, procAnon(pid))
			select {
			case <-stop:
				out <- peak
				return
			case <-tick.C:
			}
		}
	}()
	return out
}

// procRSS returns the current and the peak resident set of process pid,
// in bytes, from /proc (0, 0 where there is no /proc).
func procRSS(pid int) (rss, peak int64) {
	st := procStatus(pid, "VmRSS", "VmHWM")
	return st["VmRSS"], st["VmHWM"]
}

// procAnon returns the anonymous resident memory of process pid in bytes
// (0 where there is no /proc).
func procAnon(pid int) int64 { return procStatus(pid, "RssAnon")["RssAnon"] }

// procStatus reads the named kilobyte fields of /proc/pid/status, in
// bytes.
func procStatus(pid int, keys ...string) map[string]int64 {
	out := make(map[string]int64, len(keys))
	f, err := os.Open(filepath.Join("/proc", strconv.Itoa(pid), "status"))
	if err != nil {
		return out
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if !ok {
			continue
		}
		f := strings.Fields(v)
		if len(f) == 0 {
			continue
		}
		if slices.Contains(keys, k) {
			n, _ := strconv.ParseInt(f[0], 10, 64)
			out[k] = n * 1024
		}
	}
	return out
}

// dirSize returns the bytes of the regular files under dir.
func dirSize(dir string) int64 {
	var n int64
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.Type().IsRegular() {
			if fi, err := d.Info(); err == nil {
				n += fi.Size()
			}
		}
		return nil
	})
	return n
}

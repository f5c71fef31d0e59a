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
	// PeakRSS is the child's largest resident set, in bytes (rusage).
	PeakRSS int64  `json:"peak_rss"`
	Stdout  string `json:"-"`
}

// runChild runs name with args to completion and measures it; a non-zero
// exit is an error that quotes the end of its output.
func runChild(ctx context.Context, name string, args ...string) (ChildRun, error) {
	r := ChildRun{Args: append([]string{name}, args...)}
	cmd := exec.CommandContext(ctx, name, args...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	start := time.Now()
	err := cmd.Run()
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

// procRSS returns the current and the peak resident set of process pid,
// in bytes, from /proc (0, 0 where there is no /proc).
func procRSS(pid int) (rss, peak int64) {
	f, err := os.Open(filepath.Join("/proc", strconv.Itoa(pid), "status"))
	if err != nil {
		return 0, 0
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
		n, _ := strconv.ParseInt(f[0], 10, 64)
		switch k {
		case "VmRSS":
			rss = n * 1024
		case "VmHWM":
			peak = n * 1024
		}
	}
	return rss, peak
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

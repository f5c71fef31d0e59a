package ingest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Watch ingests the files that appear in dir until ctx is done. It polls
// every interval (default 2s); a file is taken once its size and
// modification time are the same on two polls in a row, so a file still
// being copied is left alone. After ingestion a file moves to dir/done
// (ingested or duplicate) or to dir/failed with "<name>.error.txt" beside
// it saying why. Sub-folders and hidden files are not looked at.
func (c *Corpus) Watch(ctx context.Context, dir string, interval time.Duration) error {
	if interval <= 0 {
		interval = 2 * time.Second
	}
	for _, d := range []string{dir, filepath.Join(dir, "done"), filepath.Join(dir, "failed")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return fmt.Errorf("ingest: watch: %w", err)
		}
	}
	type seen struct {
		size int64
		mod  time.Time
	}
	last := map[string]seen{}
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		ents, err := os.ReadDir(dir)
		if err != nil {
			c.log.Error("watch: cannot list folder", "dir", dir, "err", err)
		}
		now := map[string]seen{}
		for _, e := range ents {
			if !e.Type().IsRegular() || strings.HasPrefix(e.Name(), ".") || strings.HasSuffix(e.Name(), ".error.txt") {
				continue
			}
			fi, err := e.Info()
			if err != nil {
				continue
			}
			s := seen{fi.Size(), fi.ModTime()}
			now[e.Name()] = s
			if prev, ok := last[e.Name()]; ok && prev == s {
				c.watchOne(ctx, dir, e.Name())
				delete(now, e.Name())
			}
		}
		last = now
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
	}
}

// watchOne ingests one complete file of the watch folder and moves it.
func (c *Corpus) watchOne(ctx context.Context, dir, name string) {
	if isMetadataName(name) {
		// A metadata.xml waits for its document, which takes it along.
		stem := strings.TrimSuffix(strings.TrimSuffix(name, ".xml"), ".metadata")
		if _, err := os.Stat(filepath.Join(dir, stem+".xml")); err == nil {
			return
		}
	}
	p := filepath.Join(dir, name)
	sum := c.Ingest(ctx, []string{p}, nil)
	if ctx.Err() != nil {
		return
	}
	var reasons []string
	for _, o := range sum.Outcomes {
		c.log.Info("watch: ingested", "file", o.File, "status", o.Status, "id", o.ID, "reason", o.Reason)
		if !o.OK() {
			reasons = append(reasons, fmt.Sprintf("%s: %s: %s", o.File, o.Status, o.Reason))
		}
	}
	if len(sum.Outcomes) == 0 {
		reasons = append(reasons, name+": no document in it")
	}
	to := "done"
	if len(reasons) > 0 {
		to = "failed"
	}
	dst := freeName(filepath.Join(dir, to), name)
	if err := os.Rename(p, dst); err != nil {
		c.log.Error("watch: cannot move file", "file", p, "err", err)
		return
	}
	if meta := filepath.Join(dir, strings.TrimSuffix(name, filepath.Ext(name))+".metadata.xml"); !isMetadataName(name) {
		if _, err := os.Stat(meta); err == nil {
			_ = os.Rename(meta, freeName(filepath.Join(dir, to), filepath.Base(meta)))
		}
	}
	if len(reasons) > 0 {
		msg := strings.Join(reasons, "\n") + "\n"
		if err := os.WriteFile(dst+".error.txt", []byte(msg), 0o644); err != nil {
			c.log.Error("watch: cannot write error file", "file", dst, "err", err)
		}
		c.log.Warn("watch: not ingested", "file", name, "reason", strings.Join(reasons, "; "))
	}
}

// freeName returns dir/name, or dir/name.N when that is taken.
func freeName(dir, name string) string {
	p := filepath.Join(dir, name)
	for i := 1; ; i++ {
		if _, err := os.Lstat(p); os.IsNotExist(err) {
			return p
		}
		ext := filepath.Ext(name)
		p = filepath.Join(dir, fmt.Sprintf("%s.%d%s", strings.TrimSuffix(name, ext), i, ext))
	}
}

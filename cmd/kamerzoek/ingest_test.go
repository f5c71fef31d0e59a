package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"kamerzoek/internal/graph"
	"kamerzoek/internal/ingest"
	"kamerzoek/internal/realdata"
	"kamerzoek/internal/store"
)

func letterText(nr int) string {
	return fmt.Sprintf(`
Vergaderjaar 2021–2022

29 911

Bestrijding georganiseerde criminaliteit

Nr. %d

BRIEF VAN DE MINISTER VAN JUSTITIE EN VEILIGHEID

Aan de Voorzitter van de Tweede Kamer der Staten-Generaal

Den Haag, 17 november 2021

Inleiding

In deze brief informeer ik u over de voortgang van de aanpak van ondermijnende criminaliteit.
`, nr)
}

func runCLI(args ...string) (code int, stdout, stderr string) {
	var o, e bytes.Buffer
	code = run(args, strings.NewReader(""), &o, &e)
	return code, o.String(), e.String()
}

func TestIngestShowReindexCLI(t *testing.T) {
	data := t.TempDir()
	src := t.TempDir()
	for _, nr := range []int{700, 701} {
		os.WriteFile(filepath.Join(src, fmt.Sprintf("brief-%d.txt", nr)), []byte(letterText(nr)), 0o644)
	}
	code, out, errOut := runCLI("ingest", src, "--data", data)
	if code != 0 || !strings.Contains(out, "ingested") {
		t.Fatalf("ingest: %d\n%s\n%s", code, out, errOut)
	}
	// Again: every file a duplicate, exit 0.
	code, out, _ = runCLI("ingest", "--data", data, src)
	if code != 0 || !regexpLine(out, "duplicate", 2) {
		t.Fatalf("second ingest: %d\n%s", code, out)
	}
	// A file that cannot be ingested: exit 1, and it is named.
	bad := filepath.Join(src, "kapot.bin")
	os.WriteFile(bad, []byte{0, 1, 2, 3}, 0o644)
	code, out, _ = runCLI("ingest", "--data", data, bad)
	if code != 1 || !strings.Contains(out, bad) || !strings.Contains(out, "unsupported format") {
		t.Fatalf("bad file: %d\n%s", code, out)
	}

	code, out, errOut = runCLI("show", "kst-29911-700", "--data", data)
	if code != 0 {
		t.Fatalf("show: %d %s", code, errOut)
	}
	var rec store.Record
	if err := json.Unmarshal([]byte(out), &rec); err != nil {
		t.Fatal(err)
	}
	if rec.ID != "kst-29911-700" || len(rec.Versions) != 1 || rec.Versions[0].File != "brief-700.txt" || rec.ExtractorVersion != ingest.ExtractorVersion {
		t.Errorf("show: %+v", rec)
	}
	if code, _, errOut := runCLI("show", "--data", data, "kst-1-1"); code != 1 || !strings.Contains(errOut, "not found") {
		t.Errorf("show missing: %d %s", code, errOut)
	}

	code, out, errOut = runCLI("reindex", "--data", data)
	if code != 0 || !strings.Contains(out, "reindexed 2 documents") {
		t.Fatalf("reindex: %d\n%s\n%s", code, out, errOut)
	}
}

// regexpLine reports whether some line of out starts with word and ends
// with the number n.
func regexpLine(out, word string, n int) bool {
	for _, l := range strings.Split(out, "\n") {
		f := strings.Fields(l)
		if len(f) >= 2 && f[0] == word && f[len(f)-1] == fmt.Sprint(n) {
			return true
		}
	}
	return false
}

// A real `kamerzoek ingest` killed with SIGKILL at random moments leaves
// store, index and graph consistent after reopening, and a rerun finishes
// the work: the same documents as an uninterrupted run.
func TestIngestSurvivesKill9(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and ingests repeatedly")
	}
	rd := realdata.Path(t, "realdata")
	tmp := t.TempDir()
	bin := buildBinary(t, tmp)

	// The input grows by one folder per round, so that every round has
	// work to be killed in: the smaller real PDFs, each in two distinct
	// copies (a trailing comment changes the bytes, not the document), and
	// plain-text letters with ids of their own.
	src := filepath.Join(tmp, "src")
	pdfs, _ := filepath.Glob(filepath.Join(rd, "pdf", "*.pdf"))
	sort.Slice(pdfs, func(i, j int) bool { return size(pdfs[i]) < size(pdfs[j]) })
	if len(pdfs) > 12 {
		pdfs = pdfs[:12]
	}
	addRound := func(r int) {
		dir := filepath.Join(src, fmt.Sprintf("r%d", r))
		os.MkdirAll(dir, 0o755)
		for i, p := range pdfs {
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			for k := 0; k < 2; k++ {
				c := append(append([]byte(nil), b...), fmt.Sprintf("\n%%copy %d %d\n", r, k)...)
				os.WriteFile(filepath.Join(dir, fmt.Sprintf("p%02d-%d.pdf", i, k)), c, 0o644)
			}
		}
		for i := 0; i < 20; i++ {
			nr := 800 + 100*r + i
			os.WriteFile(filepath.Join(dir, fmt.Sprintf("l%d.txt", nr)), []byte(letterText(nr)), 0o644)
		}
	}

	// How long one round's input takes uninterrupted: kills fall inside.
	addRound(0)
	start := time.Now()
	if out, err := exec.Command(bin, "ingest", "-q", "--data", filepath.Join(tmp, "timing"), src).CombinedOutput(); err != nil {
		if _, ok := err.(*exec.ExitError); !ok {
			t.Fatalf("%v\n%s", err, out)
		}
	}
	span := max(time.Since(start), 200*time.Millisecond)

	seed := uint64(time.Now().UnixNano())
	rng := rand.New(rand.NewPCG(seed, 0))
	t.Logf("random seed %d; one round takes %s uninterrupted", seed, span)
	data := filepath.Join(tmp, "data")
	for round := 0; round < 5; round++ {
		if round > 0 {
			addRound(round)
		}
		cmd := exec.Command(bin, "ingest", "-q", "--workers", "2", "--batch", "8", "--data", data, src)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		wait := span/10 + time.Duration(rng.Int64N(int64(span*8/10)))
		time.Sleep(wait)
		_ = cmd.Process.Signal(syscall.SIGKILL)
		_ = cmd.Wait()
		ids := checkDataDir(t, data)
		t.Logf("round %d: killed after %s; %d documents held", round, wait.Round(time.Millisecond), len(ids))
	}

	// A rerun completes, and ends where an uninterrupted run ends.
	rerun := exec.Command(bin, "ingest", "-q", "--data", data, src)
	out, _ := rerun.CombinedOutput()
	clean := filepath.Join(tmp, "clean")
	ref := exec.Command(bin, "ingest", "-q", "--data", clean, src)
	refOut, _ := ref.CombinedOutput()
	if rerun.ProcessState.ExitCode() != ref.ProcessState.ExitCode() {
		t.Errorf("exit status after kills %d, uninterrupted %d\n%s\n%s", rerun.ProcessState.ExitCode(), ref.ProcessState.ExitCode(), out, refOut)
	}
	got, want := checkDataDir(t, data), checkDataDir(t, clean)
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("documents after kills and a rerun:\n%v\nuninterrupted:\n%v", got, want)
	}
	if len(want) < 100 {
		t.Errorf("only %d documents", len(want))
	}
	// Every input is now known by its hash, exactly as in the clean run.
	if k, w := heldInputs(t, data, src), heldInputs(t, clean, src); k != w {
		t.Errorf("inputs held after kills %d, uninterrupted %d", k, w)
	}
}

// heldInputs counts the files of src whose bytes the store of dir holds.
func heldInputs(t *testing.T, dir, src string) int {
	t.Helper()
	st, err := store.Open(filepath.Join(dir, "store"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	files, _ := os.ReadDir(src)
	n := 0
	for _, f := range files {
		b, _ := os.ReadFile(filepath.Join(src, f.Name()))
		if _, ok := st.IDBySHA(store.SHA256(b)); ok {
			n++
		}
	}
	return n
}

func size(p string) int64 {
	fi, err := os.Stat(p)
	if err != nil {
		return 0
	}
	return fi.Size()
}

// checkDataDir opens the corpus in dir and fails unless store, index and
// graph agree; it returns the held ids.
func checkDataDir(t *testing.T, dir string) []string {
	t.Helper()
	c, err := ingest.Open(ingest.Options{Dir: dir})
	if err != nil {
		t.Fatalf("reopen %s: %v", dir, err)
	}
	defer c.Close()
	if err := c.Check(); err != nil {
		t.Fatalf("after reopen: %v", err)
	}
	ids := c.Store.IDs()
	ix, err := c.CurrentIndex().DocIDs()
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(ix)
	if strings.Join(ix, " ") != strings.Join(ids, " ") {
		t.Fatalf("after reopen the index holds %d documents, the store %d:\nindex %v\nstore %v", len(ix), len(ids), ix, ids)
	}
	for _, id := range ids {
		rec, err := c.Store.Record(id)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range rec.Versions {
			if _, err := c.Store.Original(v.SHA256); err != nil {
				t.Fatalf("%s: original of version %s missing: %v", id, v.File, err)
			}
		}
		if graph.ValidID(id) == nil {
			if n, err := c.Graph.Node(id); err != nil || !n.Held {
				t.Fatalf("graph: %s not held: %+v %v", id, n, err)
			}
		}
	}
	return ids
}

// writeLog records every Write call separately.
type writeLog struct {
	mu     sync.Mutex
	writes []string
}

func (w *writeLog) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.writes = append(w.writes, string(p))
	return len(p), nil
}

// TestIngestJSONLines: ingest --json writes one JSON object per file, each
// in its own write as the file finishes, with file, status, id, pages and
// reason, and no summary table.
func TestIngestJSONLines(t *testing.T) {
	data, src := t.TempDir(), t.TempDir()
	os.WriteFile(filepath.Join(src, "a-brief.txt"), []byte(letterText(760)), 0o644)
	os.WriteFile(filepath.Join(src, "b-kapot.pdf"), []byte("%PDF-1.4\nkapot"), 0o644)
	os.WriteFile(filepath.Join(src, "c-brief.txt"), []byte(letterText(761)), 0o644)
	var out writeLog
	var errOut bytes.Buffer
	code := run([]string{"ingest", "--json", src, "--data", data}, strings.NewReader(""), &out, &errOut)
	if code != 1 {
		t.Errorf("exit %d with a failed file\n%s", code, errOut.String())
	}
	if len(out.writes) != 3 {
		t.Fatalf("%d writes, want one per file: %q", len(out.writes), out.writes)
	}
	byFile := map[string]map[string]any{}
	for _, w := range out.writes {
		if strings.Count(w, "\n") != 1 || !strings.HasSuffix(w, "\n") {
			t.Fatalf("not one line: %q", w)
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(w), &m); err != nil {
			t.Fatalf("%q: %v", w, err)
		}
		for _, k := range []string{"file", "status", "id", "pages", "reason"} {
			if _, ok := m[k]; !ok {
				t.Errorf("%q lacks %q", w, k)
			}
		}
		byFile[filepath.Base(m["file"].(string))] = m
	}
	if m := byFile["a-brief.txt"]; m["status"] != "ingested" || m["id"] != "kst-29911-760" {
		t.Errorf("a-brief.txt: %v", m)
	}
	if m := byFile["b-kapot.pdf"]; m["status"] != "failed" || m["reason"] == "" {
		t.Errorf("b-kapot.pdf: %v", m)
	}
}

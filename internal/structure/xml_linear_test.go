package structure

import (
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"testing"
	"time"
)

// piSplitXML is a publication of n words, each split by an XPP
// processing instruction as OB files split words for typesetting.
func piSplitXML(n int) []byte {
	var b strings.Builder
	b.WriteString(`<kamerstuk><stuk><titel>T</titel><al>`)
	for i := 0; i < n; i++ {
		b.WriteString("onder<?xpp afbm?>mijning ")
		if i%50 == 49 {
			b.WriteString("</al><al>")
		}
	}
	b.WriteString(`</al><al>zo<?xpp a?>`)
	for i := 0; i < n; i++ {
		b.WriteString("x<?xpp a?>")
	}
	b.WriteString(`</al></stuk></kamerstuk>`)
	return []byte(b.String())
}

// parseAlloc returns the bytes one parse of data allocates.
func parseAlloc(t *testing.T, data []byte) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	if _, err := FromXML(data, nil); err != nil {
		t.Fatal(err)
	}
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// parseCPU parses data once to warm up, then five times with the collector
// off (its work depends on the heap it finds), and returns the shortest CPU
// time of the process for one parse.
func parseCPU(t *testing.T, data []byte) time.Duration {
	if _, err := FromXML(data, nil); err != nil {
		t.Fatal(err)
	}
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	var times []time.Duration
	for range 5 {
		runtime.GC()
		start := selfCPU()
		if _, err := FromXML(data, nil); err != nil {
			t.Fatal(err)
		}
		times = append(times, selfCPU()-start)
	}
	return slices.Min(times)
}

// TestXMLParseLinear: text split by processing instructions is joined in
// time and memory linear in its length. Eight times the input may cost at
// most sixteen times as much (a quadratic join costs forty and more). Time is
// the process's CPU time, which other work on a shared machine does not
// inflate; a ratio over the bound is measured again, up to three times.
func TestXMLParseLinear(t *testing.T) {
	small, large := piSplitXML(10000), piSplitXML(80000)
	ratio := float64(len(large)) / float64(len(small))
	as, al := parseAlloc(t, small), parseAlloc(t, large)
	ar := float64(al) / float64(as)
	t.Logf("%d → %d bytes (×%.1f): allocated %d → %d (×%.1f)", len(small), len(large), ratio, as, al, ar)
	if ar > 2*ratio {
		t.Fatalf("allocation grew ×%.1f for input ×%.1f: not linear", ar, ratio)
	}
	for try := 1; ; try++ {
		ts, tl := parseCPU(t, small), parseCPU(t, large)
		tr := float64(tl) / float64(ts)
		t.Logf("CPU time %v → %v (×%.1f)", ts, tl, tr)
		if tr <= 2*ratio {
			return
		}
		if try == 3 {
			t.Fatalf("parse time grew ×%.1f for input ×%.1f: not linear", tr, ratio)
		}
	}
}

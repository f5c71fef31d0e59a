package pdftext

import (
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"testing"
	"time"
)

// BenchmarkRead reads every real PDF and seed rendering once per
// iteration and reports pages/s.
func BenchmarkRead(b *testing.B) {
	files := testPDFs(b)
	var datas [][]byte
	for _, f := range files {
		d, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		datas = append(datas, d)
	}
	b.ResetTimer()
	pages := 0
	for i := 0; i < b.N; i++ {
		for _, d := range datas {
			doc, err := Read(d, Options{})
			if err == nil {
				pages += len(doc.Pages)
			}
		}
	}
	b.ReportMetric(float64(pages)/b.Elapsed().Seconds(), "pages/s")
}

// BenchmarkVersusPdftotext times Read and pdftotext on each file, 5 runs
// alternating, medians of wall-clock and of CPU time (ours: this process's
// user+system time around Read, GC included; pdftotext: the child's), and
// logs the ratios per file and over the whole set. The CPU figures stay
// meaningful on a loaded machine. It runs only with KAMERZOEK_BENCH_LARGE=1.
func BenchmarkVersusPdftotext(b *testing.B) {
	if os.Getenv("KAMERZOEK_BENCH_LARGE") != "1" {
		b.Skip("set KAMERZOEK_BENCH_LARGE=1 to compare with pdftotext")
	}
	bin := needPdftotext(b)
	files := testPDFs(b)
	runs := 5
	median := func(ds []time.Duration) time.Duration {
		sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
		return ds[len(ds)/2]
	}
	for i := 0; i < b.N; i++ {
		var totOurs, totRef, cpuOurs, cpuRef time.Duration
		totPages := 0
		worst, worstName := 0.0, ""
		worstCPU, worstCPUName := 0.0, ""
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				b.Fatal(err)
			}
			var ours, ref, oursCPU, refCPU []time.Duration
			pages := 0
			for r := 0; r < runs; r++ {
				c0, t0 := selfCPU(), time.Now()
				doc, err := Read(data, Options{})
				ours = append(ours, time.Since(t0))
				oursCPU = append(oursCPU, selfCPU()-c0)
				if err == nil {
					pages = len(doc.Pages)
				}
				cmd := exec.Command(bin, "-q", "-enc", "UTF-8", f, os.DevNull)
				t0 = time.Now()
				if err := cmd.Run(); err != nil {
					b.Logf("pdftotext %s: %v", f, err)
				}
				ref = append(ref, time.Since(t0))
				refCPU = append(refCPU, childCPU(cmd))
			}
			mo, mr := median(ours), median(ref)
			co, cr := median(oursCPU), median(refCPU)
			totOurs += mo
			totRef += mr
			cpuOurs += co
			cpuRef += cr
			totPages += pages
			ratio := float64(mo) / float64(mr)
			if ratio > worst {
				worst, worstName = ratio, filepath.Base(f)
			}
			cratio := 0.0
			if cr > 0 {
				cratio = float64(co) / float64(cr)
			}
			if cratio > worstCPU {
				worstCPU, worstCPUName = cratio, filepath.Base(f)
			}
			b.Logf("%-50.50s %4d pages  wall: ours %8.1f ms pdftotext %8.1f ms ratio %.2f  cpu: ours %7.1f ms pdftotext %7.1f ms ratio %.2f",
				filepath.Base(f), pages, ms(mo), ms(mr), ratio, ms(co), ms(cr), cratio)
		}
		b.Logf("whole set, wall: %d pages, ours %.0f ms (%.0f pages/s), pdftotext %.0f ms (%.0f pages/s), ratio %.2f; worst file %s at %.2f",
			totPages, ms(totOurs), float64(totPages)/totOurs.Seconds(), ms(totRef), float64(totPages)/totRef.Seconds(),
			float64(totOurs)/float64(totRef), worstName, worst)
		if cpuRef > 0 {
			b.Logf("whole set, cpu: ours %.0f ms, pdftotext %.0f ms, ratio %.2f; worst file %s at %.2f",
				ms(cpuOurs), ms(cpuRef), float64(cpuOurs)/float64(cpuRef), worstCPUName, worstCPU)
		}
	}
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

package web_test

import (
	"archive/zip"
	"context"
	_ "embed"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"kamerzoek/api"
	"kamerzoek/internal/ingest"
	"kamerzoek/internal/web"
)

// The browser tests drive Debian's headless Chromium (found on PATH as
// chromium, never downloaded) against one server holding the default
// corpus. Without Chromium they skip, unless CI=true, where they fail.
// A failing subtest leaves a screenshot in $TMPDIR/kamerzoek-browser/.
//
// go test ./internal/web -run TestBrowser -screenshots ../../docs writes the
// screenshots the README shows.

var screenshots = flag.String("screenshots", "", "write screenshots of the search, document and graph pages into this folder")

//go:embed testdata/axe/axe.min.js
var axeSource string

// browserTimeout bounds one subtest's browser work.
const browserTimeout = 60 * time.Second

type browserEnv struct {
	base  string // the kamerzoek server
	ctx   context.Context
	store func() int // documents held
}

func TestBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser tests are not short")
	}
	chromium := findChromium(t)
	corpus := openCorpus(t)
	pages, err := web.New(corpus, web.Options{})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(api.New(corpus, api.Options{Web: pages}))
	t.Cleanup(srv.Close)
	env := &browserEnv{base: srv.URL, store: corpus.Store.Len}
	env.ctx = startBrowser(t, chromium)

	t.Run("search", func(t *testing.T) { env.run(t, testSearch) })
	t.Run("footnote to cited document", func(t *testing.T) { env.run(t, testFootnoteCitedBy) })
	t.Run("malformed query and no results", func(t *testing.T) { env.run(t, testQueryErrors) })
	t.Run("graph", func(t *testing.T) { env.run(t, testGraph) })
	t.Run("no JavaScript", func(t *testing.T) { testNoScript(t, srv.URL) })
	t.Run("widths", func(t *testing.T) { env.run(t, testWidths) })
	t.Run("accessibility", func(t *testing.T) { env.run(t, testAxe) })
	t.Run("upload", func(t *testing.T) { env.run(t, testUpload) })
	t.Run("cross-site", func(t *testing.T) {
		// A page on another origin can neither upload nor reindex, on a
		// server without a token (as make run starts it) nor on one with a
		// token (as a server reachable beyond loopback runs), with or
		// without the X-Requested-With header.
		for _, token := range []string{"", "geheim-token"} {
			rec := &writeLog{next: api.New(corpus, api.Options{Web: pages, Token: token})}
			victim := httptest.NewServer(rec)
			env.run(t, func(t *testing.T, ctx context.Context, e *browserEnv) {
				testCrossSite(t, ctx, e, victim.URL, rec)
			})
			victim.Close()
		}
	})
}

// findChromium returns Chromium's path, or skips (fails under CI=true).
func findChromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("chromium is not on PATH; CI installs Debian's chromium package (.ci/run)")
	}
	t.Skip("chromium is not on PATH: install Debian's chromium package to run the browser tests")
	return ""
}

// openCorpus ingests the files corpus/MANIFEST.tsv lists into a new data
// directory.
func openCorpus(t testing.TB) *ingest.Corpus {
	t.Helper()
	dir := filepath.Join("..", "..", "corpus")
	b, err := os.ReadFile(filepath.Join(dir, "MANIFEST.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for i, line := range strings.Split(string(b), "\n") {
		f, _, _ := strings.Cut(line, "\t")
		if i == 0 || strings.TrimSpace(f) == "" {
			continue
		}
		paths = append(paths, filepath.Join(dir, f))
	}
	c, err := ingest.Open(ingest.Options{Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	sum := c.Ingest(context.Background(), paths, nil)
	if sum.Failed+sum.NoText > 0 || sum.Ingested < 20 {
		t.Fatalf("corpus: %d ingested, %d failed, %d without text", sum.Ingested, sum.Failed, sum.NoText)
	}
	return c
}

// startBrowser starts one headless Chromium for every subtest. Every page
// records Content-Security-Policy violations in window.__csp.
func startBrowser(t *testing.T, chromium string) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium),
		chromedp.NoSandbox,
		chromedp.Flag("disable-gpu", true),
		chromedp.WindowSize(1440, 1000),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	err := chromedp.Do(ctx, func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
		_, err := cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{
			Source: `window.__csp = []; document.addEventListener("securitypolicyviolation",
				function (e) { window.__csp.push(e.violatedDirective + " " + e.blockedURI); });`,
		})
		return chromedp.Void{}, err
	})
	if err != nil {
		t.Fatalf("starting %s: %v", chromium, err)
	}
	return ctx
}

// run runs a subtest with a deadline and saves a screenshot when it fails.
func (e *browserEnv) run(t *testing.T, f func(t *testing.T, ctx context.Context, e *browserEnv)) {
	t.Helper()
	ctx, cancel := context.WithTimeout(e.ctx, browserTimeout)
	defer cancel()
	defer func() {
		if !t.Failed() {
			return
		}
		dir := filepath.Join(os.TempDir(), "kamerzoek-browser")
		sctx, cancel := context.WithTimeout(e.ctx, 10*time.Second)
		defer cancel()
		png, err := chromedp.Run(sctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Logf("no failure screenshot: %v", err)
			return
		}
		name := filepath.Join(dir, strings.NewReplacer("/", "_", " ", "_").Replace(t.Name())+".png")
		if err := os.MkdirAll(dir, 0o755); err == nil && os.WriteFile(name, png, 0o644) == nil {
			t.Logf("screenshot of the failure: %s", name)
		}
	}()
	f(t, ctx, e)
}

// do runs actions or fails the test.
func do(t *testing.T, ctx context.Context, what string, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// eval evaluates a JavaScript expression or fails the test.
func eval[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("evaluate %s: %v", expr, err)
	}
	return v
}

// open navigates to path and checks the page loaded without a CSP
// violation.
func open(t *testing.T, ctx context.Context, e *browserEnv, path string) {
	t.Helper()
	do(t, ctx, "open "+path, chromedp.Navigate(e.base+path), chromedp.WaitReady(chromedp.CSS("footer.site")))
	checkCSP(t, ctx)
}

func checkCSP(t *testing.T, ctx context.Context) {
	t.Helper()
	if v := eval[[]string](t, ctx, `window.__csp || []`); len(v) > 0 {
		t.Errorf("Content-Security-Policy violations on %s: %v", eval[string](t, ctx, "location.href"), v)
	}
}

// poll waits until a JavaScript expression is true.
func poll(t *testing.T, ctx context.Context, what, expr string) {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](expr, chromedp.WithPollingTimeout(20*time.Second))); err != nil {
		t.Fatalf("waiting for %s: %v", what, err)
	}
}

// waitLocation waits until location.pathname+search satisfies ok.
func waitLocation(t *testing.T, ctx context.Context, what string, ok func(string) bool) string {
	t.Helper()
	var last string
	for i := 0; i < 100; i++ {
		v, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.readyState === "complete" ? location.pathname + location.search + location.hash : ""`))
		if err == nil && v != "" {
			last = v
			if ok(v) {
				return v
			}
		}
		if ctx.Err() != nil {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("waiting for %s: location is %q", what, last)
	return ""
}

func saveScreenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	if *screenshots == "" {
		return
	}
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	if err := os.WriteFile(filepath.Join(*screenshots, name), png, 0o644); err != nil {
		t.Fatal(err)
	}
}

// testSearch types a query, filters by a facet and opens a hit at a
// section.
func testSearch(t *testing.T, ctx context.Context, e *browserEnv) {
	open(t, ctx, e, "/")
	do(t, ctx, "type a query",
		chromedp.SendKeys(chromedp.ID("q"), "regeldruk"),
	)
	// Suggestions arrive as the query is typed.
	poll(t, ctx, "suggestions", `document.querySelectorAll("#suggesties option").length > 0`)
	do(t, ctx, "submit", chromedp.Click(chromedp.CSS(".qrow button")))
	waitLocation(t, ctx, "the search URL", func(s string) bool { return strings.HasPrefix(s, "/?q=regeldruk") })
	do(t, ctx, "hits", chromedp.WaitVisible(chromedp.CSS("ol.hits li.hit")))
	checkCSP(t, ctx)
	total := eval[string](t, ctx, `document.getElementById("resultaten-kop").textContent`)
	if !strings.Contains(total, "documenten") {
		t.Fatalf("result count: %q", total)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll("ol.hits mark").length`); n == 0 {
		t.Error("no highlighted fragment in the hits")
	}
	saveScreenshot(t, ctx, "web-search.png")

	// Click the first value of the type facet: the URL gains the filter and
	// every hit has that type.
	facet := eval[string](t, ctx, `(function () {
		var a = document.querySelector(".facet a");
		return a.firstChild.textContent.trim();
	})()`)
	do(t, ctx, "click a facet", chromedp.Click(chromedp.CSS(".facet a")))
	loc := waitLocation(t, ctx, "the facet filter in the URL", func(s string) bool { return strings.Contains(s, "type=") })
	do(t, ctx, "filtered hits", chromedp.WaitVisible(chromedp.CSS("ol.hits li.hit")))
	types := eval[[]string](t, ctx, `Array.from(document.querySelectorAll("ol.hits .type")).map(function (e) { return e.textContent; })`)
	for _, ty := range types {
		if ty != facet {
			t.Errorf("after filtering on %q (%s) a hit has type %q", facet, loc, ty)
		}
	}
	if n := eval[int](t, ctx, `document.querySelectorAll(".active .chip").length`); n != 1 {
		t.Errorf("active filters shown: %d, want 1", n)
	}

	// Back goes to the unfiltered search: the URL holds the state.
	eval[chromedp.Void](t, ctx, `history.back()`)
	waitLocation(t, ctx, "the unfiltered search", func(s string) bool { return s == "/?q=regeldruk" })

	// Open the first hit's first section link: the document page at that
	// section.
	href := eval[string](t, ctx, `document.querySelector("ol.hits .secs a").getAttribute("href")`)
	// (After history.back() the page may come from the back-forward cache,
	// whose nodes the DevTools DOM does not track: click from the page.)
	eval[chromedp.Void](t, ctx, `document.querySelector("ol.hits .secs a").click()`)
	waitLocation(t, ctx, "the document page", func(s string) bool { return s == href })
	frag := href[strings.Index(href, "#")+1:]
	do(t, ctx, "the section", chromedp.WaitVisible(chromedp.ID(frag)))
	checkCSP(t, ctx)
}

// testFootnoteCitedBy follows a footnote of kst-36450-6 to the held
// kst-36450-3, whose "Geciteerd door" lists kst-36450-6 with the sentence.
func testFootnoteCitedBy(t *testing.T, ctx context.Context, e *browserEnv) {
	open(t, ctx, e, "/doc/kst-36450-6")
	saveScreenshot(t, ctx, "web-document.png")
	// The marker of note 3 in the text links to the note, the note back.
	do(t, ctx, "click footnote marker 3", chromedp.Click(chromedp.CSS(`sup.fnmark a[href="#fn-3"]`)))
	waitLocation(t, ctx, "the note", func(s string) bool { return strings.HasSuffix(s, "#fn-3") })
	if back := eval[string](t, ctx, `document.querySelector("#fn-3 a.back").getAttribute("href")`); back != "#fnref-3" {
		t.Errorf("note 3 links back to %q", back)
	}
	// The note's reference opens the held document.
	do(t, ctx, "follow the note's reference", chromedp.Click(chromedp.CSS(`#fn-3 a.ref[href="/doc/kst-36450-3"]`)))
	waitLocation(t, ctx, "kst-36450-3", func(s string) bool { return s == "/doc/kst-36450-3" })
	do(t, ctx, "Geciteerd door", chromedp.WaitVisible(chromedp.ID("geciteerd-door")))
	checkCSP(t, ctx)
	got := eval[string](t, ctx, `document.getElementById("geciteerd-door").innerText`)
	if !strings.Contains(got, "kst-36450-6") || !strings.Contains(got, "Kamerstuk 36 450, nr. 3") {
		t.Errorf("Geciteerd door of kst-36450-3 does not list kst-36450-6 with its sentence:\n%s", got)
	}
	// A reference to a document not held is an external link, marked so.
	ext := eval[[]string](t, ctx, `Array.from(document.querySelectorAll("a.ref.ext")).slice(0, 3).map(function (a) {
		return a.getAttribute("href") + " " + a.getAttribute("rel") + " " + a.textContent; })`)
	if len(ext) == 0 {
		t.Fatal("no external reference on kst-36450-3")
	}
	for _, x := range ext {
		if !strings.HasPrefix(x, "https://") || !strings.Contains(x, "external") || !strings.Contains(x, "(externe bron)") {
			t.Errorf("external reference not marked: %s", x)
		}
	}
}

// testQueryErrors checks what a reader sees for a malformed query and for
// a search without hits behind a filter.
func testQueryErrors(t *testing.T, ctx context.Context, e *browserEnv) {
	open(t, ctx, e, "/?q=regeldruk&from=morgen")
	msg := eval[string](t, ctx, `(document.querySelector("[role=alert]") || {}).textContent || ""`)
	if !strings.Contains(msg, "morgen") {
		t.Errorf("a bad date does not say what is wrong: %q", msg)
	}
	open(t, ctx, e, "/?q=regeldruk&type=kamervragen")
	if n := eval[int](t, ctx, `document.querySelectorAll("ol.hits li").length`); n != 0 {
		t.Skipf("the corpus now has %d kamervragen about regeldruk; pick another empty combination", n)
	}
	drop := eval[string](t, ctx, `document.querySelector(".empty a").getAttribute("href")`)
	if drop != "/?q=regeldruk" {
		t.Errorf("no results offers %q, want a link without the filter", drop)
	}
	do(t, ctx, "drop the filter", chromedp.Click(chromedp.CSS(".empty a")))
	waitLocation(t, ctx, "the search without the filter", func(s string) bool { return s == "/?q=regeldruk" })
	do(t, ctx, "hits", chromedp.WaitVisible(chromedp.CSS("ol.hits li.hit")))

	// Choosing a sort order searches again, newest first.
	eval[chromedp.Void](t, ctx, `(function () { var s = document.getElementById("sort"); s.value = "date"; s.dispatchEvent(new Event("change")); })()`)
	waitLocation(t, ctx, "the sorted search", func(s string) bool { return s == "/?q=regeldruk&sort=date" })
	do(t, ctx, "sorted hits", chromedp.WaitVisible(chromedp.CSS("ol.hits li.hit")))
	dates := eval[[]string](t, ctx, `Array.from(document.querySelectorAll("ol.hits time")).map(function (e) { return e.getAttribute("datetime"); })`)
	for i := 1; i < len(dates); i++ {
		if dates[i] > dates[i-1] {
			t.Errorf("sorted by date, newest first: %v", dates)
			break
		}
	}
}

// testGraph renders the neighbourhood of kst-36450-3 and expands a node.
func testGraph(t *testing.T, ctx context.Context, e *browserEnv) {
	open(t, ctx, e, "/graph?id=kst-36450-6&depth=1&direction=both")
	do(t, ctx, "the drawing", chromedp.WaitVisible(chromedp.CSS(`#canvas[data-ready] svg g.gnode`)))
	checkCSP(t, ctx)
	before := eval[int](t, ctx, `document.querySelectorAll("#canvas g.gnode").length`)
	listed := eval[int](t, ctx, `document.querySelectorAll("#nodes li").length`)
	if before < 3 || before != listed {
		t.Fatalf("graph draws %d nodes and lists %d", before, listed)
	}
	saveScreenshot(t, ctx, "web-graph.png")
	// Choose kst-36450-3 from the keyboard: focus its node, press Enter.
	do(t, ctx, "choose a node",
		chromedp.Focus(chromedp.CSS(`#canvas g.gnode[data-id="kst-36450-3"]`)),
		chromedp.KeyEvent("\r"),
		chromedp.WaitVisible(chromedp.ID("expand-node")),
	)
	if eval[bool](t, ctx, `document.getElementById("expand-result") !== null`) {
		t.Error("Enter on a node also expanded it")
	}
	if href := eval[string](t, ctx, `document.getElementById("open-node").getAttribute("href")`); href != "/doc/kst-36450-3" {
		t.Errorf("open link of the chosen node: %q", href)
	}
	do(t, ctx, "expand", chromedp.Click(chromedp.ID("expand-node")), chromedp.WaitVisible(chromedp.ID("expand-result")))
	after := eval[int](t, ctx, `document.querySelectorAll("#canvas g.gnode").length`)
	listedAfter := eval[int](t, ctx, `document.querySelectorAll("#nodes li").length`)
	if after <= before || after != listedAfter {
		t.Errorf("expanding kst-36450-3: %d nodes drawn (before %d), %d listed", after, before, listedAfter)
	}
	checkCSP(t, ctx)
}

// testNoScript fetches the search and document pages as a client without
// JavaScript sees them: complete HTML.
func testNoScript(t *testing.T, base string) {
	for path, want := range map[string]string{
		"/?q=regeldruk&sort=date": `class="hit"`,
		"/doc/kst-36450-6":        `id="fn-3"`,
		"/dossier/36450":          "kst-36450-3",
		"/graph?id=kst-36450-3":   `data-id="kst-36450-6"`,
		"/stats":                  "<svg",
	} {
		r, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(r.Body)
		r.Body.Close()
		if err != nil {
			t.Fatal(err)
		}
		if r.StatusCode != 200 || !strings.Contains(string(b), want) {
			t.Errorf("GET %s: %d, want %q in the HTML", path, r.StatusCode, want)
		}
		if csp := r.Header.Get("Content-Security-Policy"); csp == "" || strings.Contains(csp, "unsafe-inline") {
			t.Errorf("GET %s: Content-Security-Policy %q", path, csp)
		}
	}
}

var checkedPages = []string{"/", "/?q=regeldruk", "/doc/kst-36450-6", "/dossier/36450", "/graph?id=kst-36450-3", "/upload", "/stats"}

// testWidths checks that no page scrolls sideways on a phone (375 px) or on
// a wide screen (1440 px).
func testWidths(t *testing.T, ctx context.Context, e *browserEnv) {
	defer do(t, ctx, "reset the viewport", chromedp.EmulateViewport(1440, 1000))
	for _, w := range []int64{375, 1440} {
		do(t, ctx, "viewport", chromedp.EmulateViewport(w, 800))
		for _, p := range checkedPages {
			open(t, ctx, e, p)
			if strings.HasPrefix(p, "/graph") {
				do(t, ctx, "the drawing", chromedp.WaitVisible(chromedp.CSS(`#canvas[data-ready]`)))
			}
			got := eval[[]int](t, ctx, `[document.documentElement.scrollWidth, document.documentElement.clientWidth]`)
			if got[0] > got[1] {
				wide := eval[[]string](t, ctx, `Array.from(document.querySelectorAll("body *")).filter(function (el) {
					return el.getBoundingClientRect().right > document.documentElement.clientWidth + 1; }).slice(0, 5).map(function (el) {
					return el.tagName + "." + el.className; })`)
				t.Errorf("%s at %d px scrolls sideways: %d px wide; too wide: %v", p, w, got[0], wide)
			}
		}
	}
}

// testAxe runs axe-core on every page and fails on serious or critical
// violations.
func testAxe(t *testing.T, ctx context.Context, e *browserEnv) {
	for _, p := range checkedPages {
		open(t, ctx, e, p)
		if strings.HasPrefix(p, "/graph") {
			do(t, ctx, "the drawing", chromedp.WaitVisible(chromedp.CSS(`#canvas[data-ready]`)))
		}
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](axeSource+"\n;undefined")); err != nil {
			t.Fatalf("loading axe-core: %v", err)
		}
		type axeResult struct {
			Passes int      `json:"passes"`
			Minor  []string `json:"minor"`
			Found  []string `json:"found"`
		}
		res, err := chromedp.Run(ctx, chromedp.Evaluate[axeResult](`axe.run(document).then(function (r) {
			function line(v) {
				return v.impact + " " + v.id + ": " + v.help + " at " + v.nodes.slice(0, 3).map(function (n) { return n.target.join(" "); }).join(", ");
			}
			var bad = function (v) { return v.impact === "serious" || v.impact === "critical"; };
			return {passes: r.passes.length,
				found: r.violations.filter(bad).map(line),
				minor: r.violations.filter(function (v) { return !bad(v); }).map(line)};
		})`, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatalf("axe on %s: %v", p, err)
		}
		if res.Passes == 0 {
			t.Fatalf("axe on %s checked nothing", p)
		}
		for _, v := range res.Found {
			t.Errorf("%s: %s", p, v)
		}
		for _, v := range res.Minor {
			t.Logf("%s: %s", p, v)
		}
	}
}

// testUpload sends a corpus file through the upload page: it comes back as
// already held, with a link to it.
func testUpload(t *testing.T, ctx context.Context, e *browserEnv) {
	file, err := filepath.Abs(filepath.Join("..", "..", "corpus", "kst-36450-1.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	open(t, ctx, e, "/upload")
	do(t, ctx, "upload",
		chromedp.SetUploadFiles(chromedp.ID("file"), []string{file}),
		chromedp.Click(chromedp.CSS(`#upload button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`#results li .ok a`)),
	)
	if href := eval[string](t, ctx, `document.querySelector("#results li .ok a").getAttribute("href")`); href != "/doc/kst-36450-1" {
		t.Errorf("upload result links to %q", href)
	}
	if v := eval[int](t, ctx, `document.querySelector("#results progress").value`); v != 100 {
		t.Errorf("progress at the end: %d", v)
	}

	// A zip archive is opened in the page: one result per PDF or XML in it.
	archive := filepath.Join(t.TempDir(), "stukken.zip")
	writeZip(t, archive, map[string]string{
		"a/kst-36450-3.pdf": filepath.Join("..", "..", "corpus", "kst-36450-3.pdf"),
		"kst-36755-24.xml":  filepath.Join("..", "..", "corpus", "kst-36755-24.xml"),
		"leesmij.txt":       filepath.Join("..", "..", "corpus", "MANIFEST.tsv"),
	})
	open(t, ctx, e, "/upload")
	do(t, ctx, "upload a zip",
		chromedp.SetUploadFiles(chromedp.ID("file"), []string{archive}),
		chromedp.Click(chromedp.CSS(`#upload button[type=submit]`)),
	)
	poll(t, ctx, "two results", `document.querySelectorAll("#results li .ok a").length === 2`)
	got := eval[[]string](t, ctx, `Array.from(document.querySelectorAll("#results li .ok a")).map(function (a) { return a.getAttribute("href"); }).sort()`)
	if strings.Join(got, " ") != "/doc/kst-36450-3 /doc/kst-36755-24" {
		t.Errorf("zip upload results: %v", got)
	}
}

// writeZip writes a zip archive of files (name in the archive → path),
// deflated.
func writeZip(t *testing.T, archive string, files map[string]string) {
	t.Helper()
	f, err := os.Create(archive)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	for name, path := range files {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(b)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// writeLog records the status of every write request a server answers.
type writeLog struct {
	next http.Handler
	mu   sync.Mutex
	log  []string
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}

func (l *writeLog) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
	l.next.ServeHTTP(sw, r)
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		l.mu.Lock()
		l.log = append(l.log, fmt.Sprintf("%s %s %d", r.Method, r.URL.Path, sw.status))
		l.mu.Unlock()
	}
}

func (l *writeLog) entries() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.log...)
}

// testCrossSite opens a page on another origin that tries to upload a
// file and to reindex on the guarded server in every way a page can
// without the token: a form post, no-cors fetches, and a fetch with the
// X-Requested-With header. No write may succeed.
func testCrossSite(t *testing.T, ctx context.Context, e *browserEnv, victim string, rec *writeLog) {
	attacker := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, attackPage, victim, victim)
	}))
	defer attacker.Close()
	before := e.store()
	do(t, ctx, "open the attacker page", chromedp.Navigate(attacker.URL+"/"))
	poll(t, ctx, "the attempts", `window.__done === 3`)
	results := eval[[]string](t, ctx, `window.__results`)
	// The form post lands in the frame; wait until the server saw it.
	for i := 0; i < 50 && len(rec.entries()) < 4; i++ {
		time.Sleep(100 * time.Millisecond)
	}
	writes := rec.entries()
	if len(writes) == 0 {
		t.Fatalf("no write request reached the server; the test proves nothing (%v)", results)
	}
	for _, w := range writes {
		if f := strings.Fields(w); f[0] != http.MethodOptions && f[2] < "300" {
			t.Errorf("a page on another origin made a write succeed: %s", w)
		}
	}
	if after := e.store(); after != before {
		t.Errorf("a page on another origin changed the corpus: %d documents before, %d after", before, after)
	}
	for _, r := range results {
		if strings.HasPrefix(r, "fetch-cors ok") {
			t.Errorf("another origin could read the answer of a write request: %s", r)
		}
	}
	t.Logf("requests: %v; in the attacker page: %v", writes, results)
}

// attackPage is served from another origin. It tries to post an upload
// and a reindex to the victim (the two %s).
const attackPage = `<!doctype html><html lang="en"><head><title>elsewhere</title></head><body>
<iframe name="sink" title="sink"></iframe>
<form id="f" action="%s/api/v1/reindex" method="post" target="sink"><input name="x" value="1"></form>
<script>
window.__results = []; window.__done = 0;
var victim = %q;
function file() {
  var fd = new FormData();
  fd.append("file", new Blob(["Tweede Kamer der Staten-Generaal\n\nVergaderjaar 2023-2024\n\n99 999 Kwaadaardig\n\nNr. 1 BRIEF\n\nkst-99999-1\n"], {type: "text/plain"}), "aanval.txt");
  return fd;
}
function done(s) { window.__results.push(s); window.__done++; }
fetch(victim + "/api/v1/documents", {method: "POST", mode: "no-cors", body: file()})
  .then(function (r) { done("fetch-no-cors sent, opaque " + r.type); }, function (e) { done("fetch-no-cors refused " + e); });
fetch(victim + "/api/v1/documents", {method: "POST", headers: {"X-Requested-With": "kamerzoek"}, body: file()})
  .then(function (r) { done("fetch-cors ok " + r.status); }, function (e) { done("fetch-cors refused " + e); });
fetch(victim + "/api/v1/reindex", {method: "POST", mode: "no-cors"})
  .then(function (r) { done("reindex-no-cors sent"); }, function (e) { done("reindex-no-cors refused " + e); });
document.getElementById("f").submit();
</script></body></html>`

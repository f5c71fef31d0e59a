// Package realdata locates the real documents the tests read: the folder
// "shared" beside the repository (seed letters, real PDFs and XML under
// realdata/, citation cases). It applies the project's rule for such tests:
// when the folder is absent the test is skipped with a message saying so,
// except when the environment variable CI is "true", where it fails,
// because CI always has the data.
package realdata

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// Find walks up from the working directory (a test runs in its package
// directory) and returns the first "shared" folder it meets that holds a
// realdata subfolder, with ok true; it returns "" and false when there is
// none. It neither skips nor fails, for callers such as fuzz seeding that
// simply do without.
func Find() (dir string, ok bool) {
	wd, err := os.Getwd()
	if err != nil {
		return "", false
	}
	for d := wd; ; d = filepath.Dir(d) {
		cand := filepath.Join(d, "shared")
		if st, err := os.Stat(filepath.Join(cand, "realdata")); err == nil && st.IsDir() {
			return cand, true
		}
		if filepath.Dir(d) == d {
			return "", false
		}
	}
}

// Dir returns the shared test data folder found by Find. When there is
// none it skips tb, or fails it when CI=true.
func Dir(tb testing.TB) string {
	tb.Helper()
	dir, ok := Find()
	if !ok {
		wd, _ := os.Getwd()
		missing(tb, fmt.Sprintf("shared test data (../shared beside the repository) not found above %s", wd))
	}
	return dir
}

// Path returns the shared test data folder joined with elem (for example
// "realdata", "xml"). When the folder or that path within it is absent it
// skips tb, or fails it when CI=true.
func Path(tb testing.TB, elem ...string) string {
	tb.Helper()
	p := filepath.Join(append([]string{Dir(tb)}, elem...)...)
	if _, err := os.Stat(p); err != nil {
		missing(tb, fmt.Sprintf("shared test data %s is missing", p))
	}
	return p
}

// PDF returns the path of the real PDF name under realdata/pdf, skipping
// or failing tb as Path does when it is absent.
func PDF(tb testing.TB, name string) string {
	tb.Helper()
	return Path(tb, "realdata", "pdf", name)
}

// missing applies the rule: fatal under CI=true, a skip elsewhere.
func missing(tb testing.TB, what string) {
	tb.Helper()
	if os.Getenv("CI") == "true" {
		tb.Fatalf("%s (CI=true requires it)", what)
		return
	}
	tb.Skipf("%s; skipping", what)
}

package realdata

import (
	"fmt"
	"testing"
)

// recorder is a testing.TB that notes Skipf and Fatalf instead of ending
// the test, so the rule itself can be checked.
type recorder struct {
	testing.TB
	skipped, failed string
}

func (r *recorder) Helper() {}

func (r *recorder) Skipf(format string, args ...any) { r.skipped = fmt.Sprintf(format, args...) }

func (r *recorder) Fatalf(format string, args ...any) { r.failed = fmt.Sprintf(format, args...) }

func TestPathMissingSkipsOrFails(t *testing.T) {
	for _, ci := range []string{"", "false", "true"} {
		t.Run("CI="+ci, func(t *testing.T) {
			t.Setenv("CI", ci)
			r := &recorder{TB: t}
			Path(r, "no-such-folder-in-shared")
			if ci == "true" {
				if r.failed == "" || r.skipped != "" {
					t.Errorf("under CI=true: failed %q, skipped %q; want a failure only", r.failed, r.skipped)
				}
				return
			}
			if r.skipped == "" || r.failed != "" {
				t.Errorf("CI=%q: skipped %q, failed %q; want a skip only", ci, r.skipped, r.failed)
			}
		})
	}
}

package indexer

import (
	"fmt"
	"testing"
)

func TestPadCountAsSprintf(t *testing.T) {
	for _, n := range []int{0, 1, 9, 10, 99, 14355, 123456789, 999999999, 1000000000, 1234567890123} {
		if got, want := padCount(n), fmt.Sprintf("%010d", n); got != want {
			t.Errorf("padCount(%d) = %q, want %q", n, got, want)
		}
	}
}

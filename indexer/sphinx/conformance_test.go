package sphinx

import (
	"fmt"
	"testing"

	"kamerzoek/indexer"
	"kamerzoek/indexer/backendtest"
)

// TestConformance runs the backends' conformance suite against indexes
// on a two-node cluster.
func TestConformance(t *testing.T) {
	_, c := startCluster(t, 2)
	n := 0
	backendtest.Run(t, func(t *testing.T) indexer.Backend {
		// Each index the suite asks for takes the free generation: the
		// one before it is removed first.
		n++
		name := fmt.Sprintf("index-%04d", n)
		if n > 1 {
			if err := c.Remove(fmt.Sprintf("index-%04d", n-2)); err != nil {
				t.Fatal(err)
			}
		}
		b, err := c.Open(name, indexer.Options{CitedBy: backendtest.CitedBy})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { b.Close() })
		return b
	})
}

package refs

import (
	"fmt"
	"os"
	"testing"
)

func TestDebugDump(t *testing.T) {
	p := os.Getenv("REFS_DUMP")
	if p == "" {
		t.Skip()
	}
	b, _ := os.ReadFile(p)
	res := Extract(string(b), Context{Self: os.Getenv("REFS_SELF")})
	seen := map[string]bool{}
	for _, r := range res.References {
		mark := " "
		if !seen[r.ID] {
			mark = "*"
		}
		seen[r.ID] = true
		fmt.Printf("%s %-40s %q pin=%q\n", mark, r.ID, r.Raw, r.Pinpoint)
	}
	for _, d := range res.Diagnostics {
		fmt.Printf("DIAG %s %q\n", d.Message, b[d.Start:d.End])
	}
}

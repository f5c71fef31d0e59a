package graph

import (
	"strings"
	"testing"

	"kamerzoek/internal/document"
)

// FuzzIDs checks the id helpers on arbitrary input: no panics, dossier and
// number are parts of the id, and NormalizeDossier is idempotent.
func FuzzIDs(f *testing.F) {
	for _, s := range []string{"kst-29911-337", "kst-36200-VI-12", "kst-19951996-23700-188b", "kst-1234567",
		"dossier-36600-XXIII", "ah-tk-20202021-2348", "h-tk-20212022-3-2", "h-", "kst--", "36 450", "36200 vi", "CXXIV", "ECLI:NL:HR:2021:384"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, id string) {
		_ = ValidID(id)
		_ = KindOf(id)
		d, n, vj := DossierOf(id), numberOf(id), vergaderjaarOf(id)
		if d != "" && !strings.Contains(id, d) || n != "" && !strings.HasSuffix(id, n) {
			t.Errorf("%q: dossier %q number %q not parts of the id", id, d, n)
		}
		if vj != "" && !validVergaderjaar(vj) && len(vj) != 9 {
			t.Errorf("%q: vergaderjaar %q", id, vj)
		}
		if nd, err := NormalizeDossier(id); err == nil {
			if again, err := NormalizeDossier(nd); err != nil || again != nd {
				t.Errorf("NormalizeDossier(%q) = %q, then %q, %v", id, nd, again, err)
			}
		}
		// A graph takes any id without panicking.
		g := New()
		g.Add(&document.Document{ID: "kst-1-1", References: []document.Reference{{ID: id, Raw: id}}})
		g.Remove(id)
		_, _ = g.Node(id)
		_, _ = g.Dossier(id)
	})
}

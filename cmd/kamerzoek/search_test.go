package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kamerzoek/indexer"
)

func searchCLI(args ...string) (code int, stdout, stderr string) {
	var o, e bytes.Buffer
	code = run(args, strings.NewReader(""), &o, &e)
	return code, o.String(), e.String()
}

// searchLetter is a minimal letter in dossier 29 911 with number nr.
func searchLetter(nr int, date, body string) string {
	return fmt.Sprintf("\nVergaderjaar 2021–2022\n\n29 911\n\nBestrijding georganiseerde criminaliteit\n\nNr. %d\n\n"+
		"BRIEF VAN DE MINISTER VAN JUSTITIE EN VEILIGHEID\n\nAan de Voorzitter van de Tweede Kamer der Staten-Generaal\n\n"+
		"Den Haag, %s\n\nInleiding\n\n%s\n", nr, date, body)
}

func TestSearchCLI(t *testing.T) {
	data, src := t.TempDir(), t.TempDir()
	letters := map[int]string{
		801: searchLetter(801, "17 november 2021", "De aanpak van ondermijnende criminaliteit & de reünie van burgemeesters."),
		802: searchLetter(802, "3 maart 2022", "Ondermijning in de haven van Rotterdam vraagt om samenwerking."),
	}
	for nr, text := range letters {
		if err := os.WriteFile(filepath.Join(src, fmt.Sprintf("brief-%d.txt", nr)), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if code, _, errOut := searchCLI("ingest", src, "--data", data); code != 0 {
		t.Fatalf("ingest: %d %s", code, errOut)
	}

	code, out, errOut := searchCLI("search", "ondermijning", "--data", data, "--sort", "date")
	if code != 0 {
		t.Fatalf("search: %d %s", code, errOut)
	}
	if !strings.HasPrefix(out, "2 documents") || strings.Index(out, "kst-29911-802") > strings.Index(out, "kst-29911-801") ||
		strings.Index(out, "kst-29911-801") < 0 {
		t.Errorf("output:\n%s", out)
	}
	if !strings.Contains(out, "**Ondermijning**") || strings.Contains(out, "<mark>") || strings.Contains(out, "&amp;") {
		t.Errorf("fragments not rendered for a non-terminal:\n%s", out)
	}

	code, out, _ = searchCLI("search", "reunie", "--data", data, "--json")
	var res indexer.Result
	if code != 0 || json.Unmarshal([]byte(out), &res) != nil || res.Total != 1 || res.Hits[0].ID != "kst-29911-801" {
		t.Fatalf("--json: %d\n%s", code, out)
	}
	if f := res.Hits[0].Fragments; len(f) == 0 || !strings.Contains(f[0], "<mark>reünie</mark>") {
		t.Errorf("--json fragments %q", f)
	}

	code, out, _ = searchCLI("search", "--data", data, "--dossier", "29 911", "--from", "2022", "--size", "1")
	if code != 0 || !strings.HasPrefix(out, "1 document ") || !strings.Contains(out, "kst-29911-802") {
		t.Errorf("filters: %d\n%s", code, out)
	}
	code, out, _ = searchCLI("search", "--data", data, "--dossier", "29911", "--size", "1", "--sort", "date_asc")
	if code != 0 || !strings.Contains(out, "kst-29911-801") || !strings.Contains(out, "more: --cursor ") {
		t.Errorf("paging: %d\n%s", code, out)
	}
	cursor := strings.TrimSpace(out[strings.Index(out, "more: --cursor ")+len("more: --cursor "):])
	code, out, _ = searchCLI("search", "--data", data, "--dossier", "29911", "--size", "1", "--sort", "date_asc", "--cursor", cursor)
	if code != 0 || !strings.Contains(out, "kst-29911-802") || strings.Contains(out, "more:") {
		t.Errorf("cursor page: %d\n%s", code, out)
	}

	if code, _, errOut = searchCLI("search", `"ondermijning`, "--data", data); code != 1 || !strings.Contains(errOut, "unterminated quote") {
		t.Errorf("bad query: %d %q", code, errOut)
	}
	if code, _, _ = searchCLI("search", "--data", data); code != 2 {
		t.Errorf("no query: exit %d, want 2", code)
	}
}

func TestRenderFragment(t *testing.T) {
	in := "… de <mark>reünie</mark> &amp; de\n<mark>aanpak</mark> …"
	if got, want := renderFragment(in, false), "… de **reünie** & de **aanpak** …"; got != want {
		t.Errorf("plain: %q, want %q", got, want)
	}
	if got, want := renderFragment(in, true), "… de \x1b[1mreünie\x1b[0m & de \x1b[1maanpak\x1b[0m …"; got != want {
		t.Errorf("terminal: %q, want %q", got, want)
	}
}

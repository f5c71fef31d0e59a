package structure

import (
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"kamerzoek/internal/docid"
	"kamerzoek/internal/document"
	"kamerzoek/internal/refs"
)

// finish moves the built sections and notes into doc.
func (w *xmlWalker) finish(doc *document.Document) {
	for _, s := range w.sections {
		s.buf.endPara()
		sec := s.sec
		sec.Text = string(s.buf.b)
		sec.Paragraphs = s.buf.paras
		doc.Sections = append(doc.Sections, sec)
	}
	for _, n := range w.notes {
		n.buf.endPara()
		fn := n.fn
		fn.Text = string(n.buf.b)
		doc.Footnotes = append(doc.Footnotes, fn)
	}
}

// xmlReferences fills doc.References and each footnote's Refs from the
// tagged <extref>s and from the scanner's findings in every section and
// footnote text. A scanned mention that overlaps a tagged one of the same
// id is the same mention: it counts once, with the tagged id and the
// larger span. Order: by section, then offset; a note's references stand
// at its marker.
func xmlReferences(doc *document.Document, w *xmlWalker, extract xmlExtractor) {
	ctx := refsContext(doc)
	type keyed struct {
		ref       document.Reference
		sec, off  int
		noteOrder int
	}
	var all []keyed
	secIndex := map[string]int{}
	for i, s := range doc.Sections {
		secIndex[s.ID] = i
		for _, r := range xmlRefsIn(doc, w, s.Text, w.sections[i].buf.refs, extract, ctx, "section "+s.ID) {
			r.Section = s.ID
			all = append(all, keyed{ref: r, sec: i, off: r.Start, noteOrder: -1})
		}
	}
	for ni := range doc.Footnotes {
		fn := &doc.Footnotes[ni]
		sec, off, secID := len(doc.Sections), 0, ""
		if fn.Anchor != nil {
			if i, ok := secIndex[fn.Anchor.Section]; ok {
				sec, off, secID = i, fn.Anchor.Offset, fn.Anchor.Section
			}
		}
		seen := map[string]bool{}
		fn.Refs = []string{}
		for _, r := range xmlRefsIn(doc, w, fn.Text, w.notes[ni].buf.refs, extract, ctx, "footnote "+strconv.Itoa(fn.Number)) {
			r.Footnote, r.Section = fn.Number, secID
			if !seen[r.ID] {
				seen[r.ID] = true
				fn.Refs = append(fn.Refs, r.ID)
			}
			all = append(all, keyed{ref: r, sec: sec, off: off, noteOrder: ni})
		}
	}
	sort.SliceStable(all, func(i, j int) bool {
		a, b := all[i], all[j]
		if a.sec != b.sec {
			return a.sec < b.sec
		}
		if a.off != b.off {
			return a.off < b.off
		}
		return a.noteOrder < b.noteOrder
	})
	for _, k := range all {
		doc.References = append(doc.References, k.ref)
	}
}

// xmlRefsIn returns the references in one text: its tagged ones, merged
// where one mention was tagged in pieces, and the scanner's findings that
// no tagged reference already covers.
func xmlRefsIn(doc *document.Document, w *xmlWalker, text string, tagged []*xmlTaggedRef, extract xmlExtractor, ctx refs.Context, where string) []document.Reference {
	var out []document.Reference
	for _, t := range tagged {
		id, ok := xmlDocRef(t.doc, extract)
		if !ok {
			w.diag(where + ": extref doc=" + strconv.Quote(t.doc) + " names no known document")
			continue
		}
		if id == doc.ID {
			continue
		}
		r := document.Reference{ID: id, Kind: xmlKindOfID(id), Start: t.start, End: t.end, Raw: text[t.start:t.end]}
		if n := len(out); n > 0 && out[n-1].ID == id && xmlOnlyGlue(text, out[n-1].End, r.Start) {
			// "Zij krijgt nr. <extref>199</extref> (<extref>31311</extref>)."
			out[n-1].End = r.End
			if strings.Count(text[out[n-1].Start:r.End], "(") > strings.Count(text[out[n-1].Start:r.End], ")") &&
				r.End < len(text) && text[r.End] == ')' {
				out[n-1].End++
			}
			out[n-1].Raw = text[out[n-1].Start:out[n-1].End]
			continue
		}
		out = append(out, r)
	}
	nTagged := len(out)
	if w.debate != "" {
		out = append(out, xmlStukRefs(text, w.debate, out, doc.ID)...)
		nTagged = len(out)
	}
	if text != "" && extract != nil {
		res := extract(text, ctx)
		for _, d := range res.Diagnostics {
			w.diag(where + ": " + d.Message + " at " + strconv.Itoa(d.Start))
		}
	scanned:
		for _, r := range res.References {
			if r.ID == "" || r.ID == doc.ID {
				continue
			}
			if r.Start < 0 || r.End > len(text) || r.Start > r.End || text[r.Start:r.End] != r.Raw {
				w.diag(where + ": the scanner gave a span that does not hold " + strconv.Quote(r.Raw) + "; dropped")
				continue
			}
			for i := 0; i < nTagged; i++ {
				t := &out[i]
				if r.Start >= t.End || t.Start >= r.End {
					continue
				}
				if r.ID == t.ID {
					t.Start, t.End = min(t.Start, r.Start), max(t.End, r.End)
					t.Raw = text[t.Start:t.End]
					if t.Pinpoint == "" {
						t.Pinpoint = r.Pinpoint
					}
					continue scanned
				}
				if r.Start >= t.Start && r.End <= t.End {
					continue scanned // the tag says what this text cites
				}
			}
			r.Footnote, r.Section, r.Page = 0, "", 0
			out = append(out, r)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	for i := range out {
		out[i].Page = 0
		if out[i].Context == "" {
			out[i].Context = xmlSentence(text, out[i].Start, out[i].End)
		}
	}
	return out
}

// xmlOnlyGlue reports whether text[a:b] is at most a few spaces and
// brackets, so that two tagged pieces around it are one mention.
func xmlOnlyGlue(text string, a, b int) bool {
	if a > b || b-a > 3 {
		return false
	}
	return strings.Trim(text[a:b], " ([,") == ""
}

// xmlSentence returns the sentence of text around [start, end): within the
// paragraph, from the previous sentence end to the next, at most about 300
// bytes on either side.
func xmlSentence(text string, start, end int) string {
	const reach = 300
	lo := 0
	if i := strings.LastIndex(text[:start], "\n\n"); i >= 0 {
		lo = i + 2
	}
	for i := start - 1; i > lo; i-- {
		if xmlSentenceEnd(text, i) {
			lo = i + 2
			break
		}
	}
	hi := len(text)
	if i := strings.Index(text[end:], "\n\n"); i >= 0 {
		hi = end + i
	}
	for i := end; i < hi; i++ {
		if xmlSentenceEnd(text, i) {
			hi = i + 1
			break
		}
	}
	if start-lo > reach {
		lo = xmlRuneStart(text, start-reach)
	}
	if hi-end > reach {
		hi = xmlRuneStart(text, end+reach)
	}
	return text[lo:hi]
}

// xmlSentenceEnd reports whether a sentence ends at text[i]: a full stop,
// question or exclamation mark followed by a space and a capital letter
// ("nr. 3" and "c.s. en" do not end one).
func xmlSentenceEnd(text string, i int) bool {
	if i+2 >= len(text) || text[i+1] != ' ' {
		return false
	}
	switch text[i] {
	case '.', '?', '!':
	default:
		return false
	}
	r, _ := utf8.DecodeRuneInString(text[i+2:])
	return unicode.IsUpper(r)
}

// xmlRuneStart moves i back to the start of the rune it falls in.
func xmlRuneStart(s string, i int) int {
	for i > 0 && i < len(s) && s[i]&0xC0 == 0x80 {
		i--
	}
	return i
}

// xmlKindOfID returns the kind of a canonical id.
func xmlKindOfID(id string) document.Kind {
	if p, err := refs.Parse(id); err == nil {
		return p.Kind()
	}
	return ""
}

var (
	// reXMLOBID: the id families OB publishes, and "nds", OB's name for
	// Tweede Kamer document numbers.
	reXMLOBID   = regexp.MustCompile(`^(?i)(` + strings.Join(docid.DashFamilies(), "|") + `|nds)-[0-9a-z]+(-[0-9a-z]+)*$`)
	reXMLSuffix = regexp.MustCompile(`^[hnb]\d+$`)
	reXMLBWB    = regexp.MustCompile(`BWB[RV]\d{7}`)
	reXMLArt    = regexp.MustCompile(`(?i)(?:artikel=|/artikel)([0-9][0-9a-z.:]*|[IVXLC]+)`)
	reXMLECLI   = regexp.MustCompile(`(?i)ECLI:[A-Z]{2}:[A-Z0-9]{1,7}:\d{4}:[A-Z0-9.]{1,25}`)
)

// xmlDocRef turns the doc attribute of an <extref> into a canonical id:
// an OB id ("kst-36800-XIV-80"), a dossier ("dossier/36600-XXIII" →
// "dossier-36600-XXIII"), an officielebekendmakingen or wetten.overheid.nl
// URL, a JCI law reference, an ECLI; other web addresses become "url:" ids.
func xmlDocRef(doc string, extract xmlExtractor) (string, bool) {
	s := strings.TrimSpace(doc)
	if s == "" {
		return "", false
	}
	ls := strings.ToLower(s)
	switch {
	case strings.HasPrefix(ls, "dossier/"), strings.HasPrefix(ls, "dossier-"):
		return xmlValid("dossier-" + strings.ToUpper(s[len("dossier/"):]))
	case strings.HasPrefix(ls, "http://"), strings.HasPrefix(ls, "https://"), strings.HasPrefix(ls, "www."):
		return xmlURLRef(s, extract)
	case strings.HasPrefix(ls, "ecli:"):
		return xmlValid(strings.ToUpper(s))
	case strings.HasPrefix(ls, "jci"), reXMLBWB.MatchString(s) && !strings.Contains(s, " "):
		return xmlBWBRef(s)
	case reXMLOBID.MatchString(s):
		return xmlValid(xmlNormOBID(s))
	}
	if extract != nil {
		if res := extract(s, refs.Context{}); len(res.References) == 1 {
			return res.References[0].ID, true
		}
	}
	return "", false
}

// xmlValid accepts id when package refs parses it as canonical.
func xmlValid(id string) (string, bool) {
	p, err := refs.Parse(id)
	if err != nil {
		return "", false
	}
	return refs.Format(p), true
}

// xmlNormOBID puts an OB id in canonical form: family in lower case,
// dossier toevoegingen and Eerste Kamer letters in upper case, anchors
// ("-n1", "-h2") and bijlage suffixes ("-b1") dropped, the vergaderjaar
// of a modern kst id dropped, kv-tk/nds-tk mapped to TK zaak/document ids.
func xmlNormOBID(s string) string {
	segs := strings.Split(s, "-")
	for i := range segs {
		segs[i] = strings.ToLower(segs[i])
	}
	for len(segs) > 2 && reXMLSuffix.MatchString(segs[len(segs)-1]) {
		segs = segs[:len(segs)-1]
	}
	switch segs[0] {
	case "kst":
		if len(segs) >= 4 && len(segs[1]) == 8 && xmlDigits(segs[1]) == segs[1] {
			last := segs[len(segs)-1]
			if strings.Trim(last, "0123456789") == "" || strings.Trim(last, "abcdefghijklmnopqrstuvwxyz") == "" {
				segs = append(segs[:1], segs[2:]...)
			}
		}
		for i := 1; i < len(segs); i++ {
			if strings.Trim(segs[i], "abcdefghijklmnopqrstuvwxyz") == "" {
				segs[i] = strings.ToUpper(segs[i])
			}
		}
	case "kv", "nds":
		if len(segs) == 3 {
			v := strings.ToUpper(segs[2])
			if segs[0] == "kv" {
				return "tkz-" + v
			}
			return "tkd-" + v
		}
	}
	return strings.Join(segs, "-")
}

// xmlBWBRef reads a law reference ("jci1.3:c:BWBR0001854&artikel=287").
func xmlBWBRef(s string) (string, bool) {
	b := reXMLBWB.FindString(s)
	if b == "" {
		return "", false
	}
	id := "bwb:" + b
	if m := reXMLArt.FindStringSubmatch(s); m != nil {
		if v, ok := xmlValid(id + ":art=" + strings.ToLower(strings.TrimRight(m[1], ".:"))); ok {
			return v, true
		}
	}
	return xmlValid(id)
}

// xmlPortalHosts are hosts whose bare address points at a portal, not at a
// document.
var xmlPortalHosts = map[string]bool{
	"www.tweedekamer.nl": true, "tweedekamer.nl": true, "www.eerstekamer.nl": true, "eerstekamer.nl": true,
	"www.overheid.nl": true, "overheid.nl": true, "www.rijksoverheid.nl": true, "rijksoverheid.nl": true,
	"zoek.officielebekendmakingen.nl": true, "www.officielebekendmakingen.nl": true,
}

// xmlURLRef turns a web address into an id: what the scanner makes of it
// when it knows the site, else an OB id or dossier in an
// officielebekendmakingen or repository.overheid.nl path, a law on
// wetten.overheid.nl, an ECLI, or "url:" with the address normalised.
func xmlURLRef(s string, extract xmlExtractor) (string, bool) {
	if extract != nil {
		res := extract(s, refs.Context{})
		if len(res.References) == 1 && res.References[0].Start == 0 && len(res.References[0].Raw) >= len(s)-1 {
			return res.References[0].ID, true
		}
	}
	raw := s
	if strings.HasPrefix(strings.ToLower(raw), "www.") {
		raw = "https://" + raw
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return "", false
	}
	host := strings.ToLower(u.Host)
	if strings.HasSuffix(host, "officielebekendmakingen.nl") || host == "repository.overheid.nl" {
		parts := strings.Split(strings.Trim(u.Path, "/"), "/")
		for i, p := range parts {
			if p == "dossier" && i+1 < len(parts) {
				return xmlValid("dossier-" + strings.ToUpper(strings.TrimSuffix(parts[i+1], ".html")))
			}
		}
		for i := len(parts) - 1; i >= 0; i-- {
			p := parts[i]
			if j := strings.LastIndex(p, "."); j > 0 {
				p = p[:j]
			}
			if reXMLOBID.MatchString(p) {
				if id, ok := xmlValid(xmlNormOBID(p)); ok {
					return id, true
				}
			}
		}
	}
	if host == "wetten.overheid.nl" || host == "www.wetten.overheid.nl" {
		if id, ok := xmlBWBRef(s); ok {
			return id, true
		}
	}
	if m := reXMLECLI.FindString(s); m != "" {
		if id, ok := xmlValid(strings.ToUpper(m)); ok {
			return id, true
		}
	}
	if (u.Path == "" || u.Path == "/") && u.RawQuery == "" && xmlPortalHosts[host] {
		return "", false
	}
	norm := strings.ToLower(u.Scheme) + "://" + host + u.EscapedPath()
	if u.RawQuery != "" {
		norm += "?" + u.RawQuery
	}
	if u.Fragment != "" {
		norm += "#" + u.EscapedFragment()
	}
	norm = strings.TrimSuffix(norm, "/")
	return xmlValid("url:" + norm)
}

// xmlDebateDossier returns the dossier a Handelingen item debates: the one
// its metadata names (OVERHEIDop.behandeldDossier, "35925-VII" or
// "35899;7" for a paper in it), else the one dossier of all Kamerstukken
// the item tags (the moties moved in the debate); "" when there is none or
// more than one.
func xmlDebateDossier(behandeld []string, w *xmlWalker) string {
	seen := map[string]bool{}
	for _, v := range behandeld {
		d, _, _ := strings.Cut(strings.TrimSpace(v), ";")
		if id, ok := xmlValid("dossier-" + strings.ToUpper(d)); ok {
			seen[strings.TrimPrefix(id, "dossier-")] = true
		}
	}
	if len(seen) == 0 {
		bufs := make([]*xmlTextBuf, 0, len(w.sections))
		for _, s := range w.sections {
			bufs = append(bufs, &s.buf)
		}
		for _, b := range bufs {
			for _, t := range b.refs {
				id, ok := xmlDocRef(t.doc, nil)
				if !ok {
					continue
				}
				if p, err := refs.Parse(id); err == nil && p.Family == refs.FamKamerstuk && p.Dossier != "" && p.Vergaderjaar == "" {
					seen[xmlJoinNonEmpty("-", p.Dossier, p.Toevoeging)] = true
				}
			}
		}
	}
	if len(seen) != 1 {
		return ""
	}
	for d := range seen {
		return d
	}
	return ""
}

// reXMLStukNr matches "(op) stuk nr. 200" and "stukken nrs. 12, 13 en 15"
// as the Handelingen write them about papers of the dossier under debate.
var reXMLStukNr = regexp.MustCompile(`\b[Ss]tuk(?:ken)? nrs?\. ?([1-9]\d{0,3})((?:(?:, | en )[1-9]\d{0,3})*)\b`)

// reXMLNum matches one number in the list after the first.
var reXMLNum = regexp.MustCompile(`[1-9]\d{0,3}`)

// xmlStukRefs returns the papers of the debated dossier that text names as
// "stuk nr. N", skipping spans that have a reference already.
func xmlStukRefs(text, dossier string, have []document.Reference, self string) []document.Reference {
	var out []document.Reference
	add := func(start, end int) {
		for _, h := range have {
			if start < h.End && h.Start < end {
				return
			}
		}
		id, ok := xmlValid("kst-" + dossier + "-" + text[start:end][strings.LastIndexAny(text[start:end], " .")+1:])
		if !ok || id == self {
			return
		}
		out = append(out, document.Reference{ID: id, Kind: document.KindKamerstuk, Raw: text[start:end], Start: start, End: end})
	}
	for _, m := range reXMLStukNr.FindAllStringSubmatchIndex(text, -1) {
		add(m[0], m[3])
		if m[4] < m[5] {
			for _, n := range reXMLNum.FindAllStringIndex(text[m[4]:m[5]], -1) {
				add(m[4]+n[0], m[4]+n[1])
			}
		}
	}
	return out
}

package structure

import (
	"regexp"
	"strings"

	"kamerzoek/internal/docid"
)

// obMeta holds officielebekendmakingen metadata as key → values, whatever
// form it came in: <meta name=… content=…> inside the document,
// <metadata name=… content=…> in metadata.xml, elements in
// metadata_owms.xml or in an SRU record. Keys are lower-case names without
// their vocabulary prefix ("identifier", "vergaderjaar", "indiener",
// "datumontvangst"); a value with a typing scheme is also stored under
// "type@<scheme>" ("type@overheidop.kamerstuktypen" → "Motie").
type obMeta map[string][]string

// obMetaKey normalises a metadata field name: "OVERHEIDop.vergaderjaar",
// "overheidop:vergaderjaar" (already split by the decoder) and
// "DCTERMS.issued" become "vergaderjaar" and "issued".
func obMetaKey(name string) string {
	k := strings.ToLower(strings.TrimSpace(name))
	for _, p := range []string{"overheidop.", "overheid.", "dcterms.", "dc."} {
		if strings.HasPrefix(k, p) {
			return k[len(p):]
		}
	}
	return k
}

func (m obMeta) add(key, value, scheme string) {
	value = strings.Join(strings.Fields(value), " ")
	if key == "" || value == "" {
		return
	}
	m[key] = append(m[key], value)
	if s := strings.ToLower(strings.TrimSpace(scheme)); s != "" && (key == "type" || key == "subrubriek") {
		m["type@"+s] = append(m["type@"+s], value)
	}
}

// first returns the first value of key, or "".
func (m obMeta) first(key string) string {
	if v := m[key]; len(v) > 0 {
		return v[0]
	}
	return ""
}

// collect gathers metadata from the subtree of n: <meta>/<metadata>
// elements with name and content attributes, and leaf elements of the OWMS
// and SRU vocabularies with their text.
func (m obMeta) collect(n *xnode) {
	if n.Name == "" {
		return
	}
	if name := n.attr("name"); name != "" && (n.Name == "meta" || n.Name == "metadata") {
		m.add(obMetaKey(name), n.attr("content"), n.attr("scheme"))
		return
	}
	leaf := true
	for _, k := range n.Kids {
		if k.Name != "" {
			leaf = false
			m.collect(k)
		}
	}
	if leaf && (strings.Contains(n.Space, "purl.org/dc") || strings.Contains(n.Space, "standaarden.overheid.nl") ||
		strings.HasPrefix(n.Name, "dcterms.")) {
		m.add(obMetaKey(n.Name), xmlFlat(n), n.attr("scheme"))
	}
}

// reXMLMetaRecordID takes the id out of an OVERHEIDop.externMetadataRecord
// URL ("https://zoek.officielebekendmakingen.nl/kst-32545-143/metadata.xml").
var reXMLMetaRecordID = regexp.MustCompile(`officielebekendmakingen\.nl/([a-z]+(?:-[0-9A-Za-z]+)+)/metadata\.xml`)

// id returns the publication id the metadata names, or "".
func (m obMeta) id() string {
	for _, v := range m["identifier"] {
		if reXMLOwnID.MatchString(v) {
			return v
		}
	}
	if s := reXMLMetaRecordID.FindStringSubmatch(m.first("externmetadatarecord")); s != nil {
		return s[1]
	}
	return ""
}

// reXMLOwnID matches the ids officielebekendmakingen gives its publications.
var reXMLOwnID = regexp.MustCompile(`^(` + strings.Join(docid.DashFamilies(), "|") + `)-[0-9A-Za-z]+(-[0-9A-Za-z]+)*$`)

// parseOBMeta reads a metadata file (metadata.xml, metadata_owms.xml or an
// SRU record) into an obMeta. It returns nil when data is not XML.
func parseOBMeta(data []byte) obMeta {
	root, err := parseXMLTree(data)
	if err != nil {
		return nil
	}
	m := obMeta{}
	m.collect(root)
	return m
}

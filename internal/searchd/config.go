// Package searchd writes the configuration of a cluster of Sphinx (or
// Manticore) searchd nodes that keeps kamerzoek's search index, and starts
// and stops such a cluster on this machine for tests and benchmarks.
//
// A cluster has N shards, each kept by M nodes (mirrors holding the same
// documents; M is 1 unless asked for). Node k = i*M+m, mirror m of shard
// i, listens for SphinxQL (the MySQL protocol, "mysql41") on port P+k and
// for the SphinxAPI, which the distributed indexes of the other nodes use
// to reach it as an agent, on port P+N*M+k: a cluster takes the 2NM ports
// P .. P+2NM-1. With M = 1 node i keeps shard i.
//
// Sphinx 2.2 cannot create tables at run time, so every node declares the
// same tables up front:
//
//   - GenerationA and GenerationB: two real-time indexes of documents, one
//     for the live index and one for the next, built beside it by a
//     reindex;
//   - SectionTable(g) for each: the sections of g's documents, one row
//     each, on the same shard as their document, to find a hit's best
//     sections and highlight them;
//   - Distributed(t) for each of these: the node's own shard of t plus
//     the other shards of t (as agents, one agent line a shard listing
//     its mirrors "a|b"), the index queries go to;
//   - MetaIndex: a small real-time index recording which index name a
//     generation holds, and under which schema.
//
// The columns of a generation are listed in Fields and Attributes; the
// search backend in indexer/sphinx writes and reads them.
package searchd

import (
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Table names.
const (
	GenerationA = "kz_a"
	GenerationB = "kz_b"
	MetaIndex   = "kz_meta"
)

// Generations are the tables that can each hold one index, in slot order.
var Generations = []string{GenerationA, GenerationB}

// SchemaVersion names the layout of the tables below; the search backend
// records it with every index it creates, so that a config written by an
// older kamerzoek is noticed.
const SchemaVersion = "sphinx-5"

// Distributed is the name of the distributed index over table t.
func Distributed(t string) string { return t + "_all" }

// SectionTable is the table of the sections of generation g.
func SectionTable(g string) string { return g + "_sec" }

// SectionFields and SectionAttributes are the columns of a section
// table: the section's heading and text as a field, its document's id,
// its position in the document, its page, its id, heading, heading path
// and paragraph pages as the embedded index keeps them, and its text as
// a string (for highlighting).
var (
	SectionFields     = []string{"body", "parts"}
	SectionAttributes = []Attribute{
		{"doc", "rt_attr_bigint"}, {"pos", "rt_attr_uint"}, {"page", "rt_attr_uint"},
		{"sec", "rt_attr_string"}, {"heading", "rt_attr_string"}, {"path", "rt_attr_string"},
		{"paras", "rt_attr_string"}, {"text", "rt_attr_string"},
	}
)

// Fields are the full-text fields of a generation, in order: parts
// holds the parts of the text's compound words (see
// indexer.CompoundParts), kw a token per metadata value ("type_brief"),
// ids the document's id variants.
var Fields = []string{"title", "body", "heading", "parts", "kw", "ids"}

// Attribute is one attribute column of a generation.
type Attribute struct {
	Name string
	// Kind is the config directive: "rt_attr_string", "rt_attr_uint",
	// "rt_attr_bigint".
	Kind string
}

// Attributes are the attribute columns of a generation, in order.
var Attributes = []Attribute{
	{"sid", "rt_attr_string"},
	{"title_s", "rt_attr_string"},
	{"type", "rt_attr_string"},
	{"dossier", "rt_attr_string"},
	{"kamer", "rt_attr_string"},
	{"vergaderjaar", "rt_attr_string"},
	{"sender", "rt_attr_string"},
	{"day", "rt_attr_string"},
	{"year", "rt_attr_string"},
	{"extractor", "rt_attr_string"},
	{"type_h", "rt_attr_uint"},
	{"dossier_h", "rt_attr_uint"},
	{"kamer_h", "rt_attr_uint"},
	{"vergaderjaar_h", "rt_attr_uint"},
	{"sender_h", "rt_attr_uint"},
	{"date", "rt_attr_uint"},
	{"cited_by", "rt_attr_uint"},
	{"nfoot", "rt_attr_uint"},
	{"nref", "rt_attr_uint"},
	{"nsec", "rt_attr_uint"},
	// The id's first 21 bytes, 7 a number: ties of a sort order by id.
	{"k1", "rt_attr_bigint"},
	{"k2", "rt_attr_bigint"},
	{"k3", "rt_attr_bigint"},
}

// Ports are the two ports node i of a cluster of n shards listens on,
// given the base port (one node per shard).
func Ports(base, n, i int) (sphinxQL, api int) {
	return NodePorts(base, n, 1, i, 0)
}

// NodePorts are the two ports of mirror m of shard i in a cluster of
// shards shards kept by mirrors nodes each: node k = i*mirrors+m listens
// for SphinxQL on base+k and for the SphinxAPI on base+shards*mirrors+k.
func NodePorts(base, shards, mirrors, i, m int) (sphinxQL, api int) {
	k := i*mirrors + m
	return base + k, base + shards*mirrors + k
}

// WriteConfigs writes dir/shard-<i>/searchd.conf for shards nodes on host,
// with data, pid file, logs and binary log inside each shard's folder. It
// returns the SphinxQL addresses of the nodes, shard i first: the value of
// kamerzoek's --sphinx-nodes.
func WriteConfigs(dir string, shards int, host string, port int) (nodes []string, err error) {
	mirrored, err := WriteMirroredConfigs(dir, shards, 1, host, port)
	if err != nil {
		return nil, err
	}
	for _, m := range mirrored {
		nodes = append(nodes, m[0])
	}
	return nodes, nil
}

// WriteMirroredConfigs writes the configuration of a cluster of shards
// shards, each kept by mirrors nodes holding the same documents, into
// NodeConfigPath(dir, i, m, mirrors), with the ports of NodePorts. It
// returns the SphinxQL addresses of the nodes by shard and mirror;
// NodesFlag writes them as kamerzoek's --sphinx-nodes.
func WriteMirroredConfigs(dir string, shards, mirrors int, host string, port int) (nodes [][]string, err error) {
	if shards < 1 {
		return nil, fmt.Errorf("searchd: need at least one shard, not %d", shards)
	}
	if mirrors < 1 {
		return nil, fmt.Errorf("searchd: need at least one node a shard, not %d mirrors", mirrors)
	}
	total := shards * mirrors
	if port < 1 || port+2*total-1 > 65535 {
		return nil, fmt.Errorf("searchd: ports %d..%d are out of range", port, port+2*total-1)
	}
	if host == "" {
		host = "127.0.0.1"
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("searchd: %w", err)
	}
	nodes = make([][]string, shards)
	for i := range shards {
		for m := range mirrors {
			sdir := filepath.Dir(NodeConfigPath(abs, i, m, mirrors))
			if err := os.MkdirAll(filepath.Join(sdir, "data"), 0o755); err != nil {
				return nil, fmt.Errorf("searchd: %w", err)
			}
			conf := MirroredConfig(sdir, shards, mirrors, i, m, host, port)
			if err := os.WriteFile(filepath.Join(sdir, "searchd.conf"), []byte(conf), 0o644); err != nil {
				return nil, fmt.Errorf("searchd: %w", err)
			}
			ql, _ := NodePorts(port, shards, mirrors, i, m)
			nodes[i] = append(nodes[i], net.JoinHostPort(host, strconv.Itoa(ql)))
		}
	}
	return nodes, nil
}

// NodesFlag writes the SphinxQL addresses of a cluster's nodes, by shard
// and mirror, as kamerzoek's --sphinx-nodes: shards separated by commas,
// the mirrors of a shard by "|".
func NodesFlag(nodes [][]string) string {
	parts := make([]string, len(nodes))
	for i, m := range nodes {
		parts[i] = strings.Join(m, "|")
	}
	return strings.Join(parts, ",")
}

// ConfigPath is where WriteConfigs puts the configuration of shard i.
func ConfigPath(dir string, i int) string {
	return NodeConfigPath(dir, i, 0, 1)
}

// NodeConfigPath is where WriteMirroredConfigs puts the configuration of
// mirror m of shard i: shard-<i>/searchd.conf with one node a shard,
// shard-<i>-<m>/searchd.conf with more.
func NodeConfigPath(dir string, i, m, mirrors int) string {
	name := "shard-" + strconv.Itoa(i)
	if mirrors > 1 {
		name += "-" + strconv.Itoa(m)
	}
	return filepath.Join(dir, name, "searchd.conf")
}

// Config is the searchd configuration of shard i of n, keeping its files
// in sdir (one node a shard).
func Config(sdir string, n, i int, host string, base int) string {
	return MirroredConfig(sdir, n, 1, i, 0, host, base)
}

// HAStrategy is how a distributed index picks among the mirrors of a
// shard; a mirror that fails is retried on another (agent_retry_count).
const HAStrategy = "nodeads"

// MirroredConfig is the searchd configuration of mirror m of shard i in
// a cluster of n shards of mirrors nodes each, keeping its files in sdir.
// Its distributed indexes hold its own shard locally and reach each other
// shard through one agent line listing that shard's mirrors ("a|b").
func MirroredConfig(sdir string, n, mirrors, i, m int, host string, base int) string {
	var b strings.Builder
	if mirrors > 1 {
		fmt.Fprintf(&b, "# kamerzoek search shard %d of %d, mirror %d of %d (written by `kamerzoek cluster-config`)\n\n", i, n, m, mirrors)
	} else {
		fmt.Fprintf(&b, "# kamerzoek search shard %d of %d (written by `kamerzoek cluster-config`)\n\n", i, n)
	}
	table := func(name string, fields []string, attrs []Attribute) {
		fmt.Fprintf(&b, "index %s\n{\n", name)
		fmt.Fprintf(&b, "\ttype = rt\n\tpath = %s\n", filepath.Join(sdir, "data", name))
		for _, f := range fields {
			fmt.Fprintf(&b, "\trt_field = %s\n", f)
		}
		for _, a := range attrs {
			fmt.Fprintf(&b, "\t%s = %s\n", a.Kind, a.Name)
		}
		b.WriteString("\tmorphology = libstemmer_nl\n")
		b.WriteString("\tdict = keywords\n")
		b.WriteString("\tmin_prefix_len = 1\n")
		b.WriteString("\tindex_exact_words = 1\n")
		b.WriteString("\trt_mem_limit = 256M\n")
		fmt.Fprintf(&b, "\tcharset_table = %s\n", CharsetTable())
		b.WriteString("}\n\n")
		fmt.Fprintf(&b, "index %s\n{\n\ttype = distributed\n\tlocal = %s\n", Distributed(name), name)
		for j := range n {
			if j == i {
				continue
			}
			addrs := make([]string, mirrors)
			for mm := range mirrors {
				_, api := NodePorts(base, n, mirrors, j, mm)
				addrs[mm] = net.JoinHostPort(host, strconv.Itoa(api))
			}
			fmt.Fprintf(&b, "\tagent_persistent = %s:%s\n", strings.Join(addrs, "|"), name)
		}
		b.WriteString("\tagent_connect_timeout = 1000\n\tagent_query_timeout = 30000\n")
		if mirrors > 1 {
			fmt.Fprintf(&b, "\tha_strategy = %s\n", HAStrategy)
		}
		b.WriteString("}\n\n")
	}
	for _, g := range Generations {
		table(g, Fields, Attributes)
		table(SectionTable(g), SectionFields, SectionAttributes)
	}
	fmt.Fprintf(&b, "index %s\n{\n\ttype = rt\n\tpath = %s\n\trt_field = name\n", MetaIndex, filepath.Join(sdir, "data", MetaIndex))
	b.WriteString("\trt_attr_string = name_s\n\trt_attr_string = version\n\trt_attr_uint = slot\n}\n\n")
	ql, api := NodePorts(base, n, mirrors, i, m)
	b.WriteString("searchd\n{\n")
	fmt.Fprintf(&b, "\tlisten = %s:mysql41\n", net.JoinHostPort(host, strconv.Itoa(ql)))
	fmt.Fprintf(&b, "\tlisten = %s\n", net.JoinHostPort(host, strconv.Itoa(api)))
	fmt.Fprintf(&b, "\tlog = %s\n", filepath.Join(sdir, "searchd.log"))
	fmt.Fprintf(&b, "\tquery_log = %s\n", filepath.Join(sdir, "query.log"))
	fmt.Fprintf(&b, "\tpid_file = %s\n", filepath.Join(sdir, "searchd.pid"))
	fmt.Fprintf(&b, "\tbinlog_path = %s\n", filepath.Join(sdir, "data"))
	b.WriteString("\tbinlog_flush = 2\n")
	b.WriteString("\tworkers = threads\n")
	b.WriteString("\tpersistent_connections_limit = 32\n")
	b.WriteString("\tmax_packet_size = 32M\n")
	b.WriteString("\tread_timeout = 30\n")
	b.WriteString("\tclient_timeout = 300\n")
	b.WriteString("\tmysql_version_string = 5.0.37\n")
	b.WriteString("}\n")
	return b.String()
}

// CharsetTable is the charset_table of the document tables: digits, ASCII
// letters (lower-cased), the underscore that joins the keyword tokens of
// the kw and ids fields, and the Latin letters U+00C0..U+017F folded to
// their base letter as the embedded index folds them ("é" → "e",
// "ë" → "e", "ł" → "l"). Sphinx maps one character to one: "ß" becomes
// "s" and "æ" "a", where the embedded index writes "ss" and "ae".
func CharsetTable() string {
	parts := []string{"0..9", "A..Z->a..z", "_", "a..z"}
	for r := rune(0xC0); r <= 0x17F; r++ {
		if base, ok := foldRune(r); ok {
			parts = append(parts, fmt.Sprintf("U+%04X->%c", r, base))
		}
	}
	return strings.Join(parts, ", ")
}

// foldRune is the lower-case ASCII letter r folds to.
func foldRune(r rune) (rune, bool) {
	switch r {
	case 'Æ', 'æ':
		return 'a', true
	case 'Ð', 'ð', 'Đ', 'đ':
		return 'd', true
	case 'Ø', 'ø':
		return 'o', true
	case 'Þ', 'þ':
		return 't', true
	case 'ß':
		return 's', true
	case 'Ł', 'ł', 'Ŀ', 'ŀ':
		return 'l', true
	case 'ı', 'Ĳ', 'ĳ':
		return 'i', true
	case 'ĸ':
		return 'k', true
	case 'Œ', 'œ':
		return 'o', true
	case 'Ħ', 'ħ':
		return 'h', true
	case 'Ŧ', 'ŧ':
		return 't', true
	case 'Ŋ', 'ŋ':
		return 'n', true
	case 'ſ':
		return 's', true
	}
	if !unicode.IsLetter(r) {
		return 0, false
	}
	d := []rune(norm.NFD.String(string(r)))
	if len(d) == 0 {
		return 0, false
	}
	base := unicode.ToLower(d[0])
	if base >= 'a' && base <= 'z' {
		return base, true
	}
	return 0, false
}

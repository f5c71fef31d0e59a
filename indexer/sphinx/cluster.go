// Package sphinx is a search backend (indexer.Backend) on a cluster of
// Sphinx 2.2 or Manticore searchd nodes, reached over SphinxQL. The
// cluster's configuration is written by package internal/searchd (the
// `kamerzoek cluster-config` command); this package only talks to it.
//
// Every document lives on one shard: shard = hash(id) mod N, where hash
// is a stable 63-bit hash of the kamerzoek id that is also the document's
// id in Sphinx (the kamerzoek id is kept in the string attribute sid).
// A shard is kept by one node or by several mirrors holding the same
// documents. Writes go to the shard's real-time index on every mirror; a
// mirror that is down fails the write with *indexer.UnavailableError
// naming it, so mirrors never silently diverge. Searches go to the
// distributed index of one node (its own shard plus the other shards as
// agents, listing each shard's mirrors), which ranks, sorts, pages and
// counts facets over the whole cluster in one round trip. A node that
// does not answer is replaced by a mirror of its shard; an agent warning
// in SHOW META (an answer missing a shard) is retried while the shard
// has another mirror searchd can turn to; a search never answers from
// part of the index but fails with *indexer.UnavailableError instead.
//
// Sphinx 2.2 cannot create tables, so the configuration declares two
// generations of tables, and an index name ("index-0003") takes the slot
// of its number's parity: the next index of a reindex is built beside the
// live one. The meta table records which name a slot holds and under
// which mapping, so that Exists and Remove work and a changed schema gives
// indexer.ErrMappingChanged.
package sphinx

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"hash/crc32"
	"hash/fnv"
	"io"
	"log/slog"
	"net"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/go-sql-driver/mysql"

	"kamerzoek/indexer"
	"kamerzoek/internal/searchd"
)

// Config configures New.
type Config struct {
	// Nodes are the SphinxQL (mysql41) addresses "host:port" of the
	// nodes; shard i is kept by Nodes[i], which lists the mirrors of
	// the shard separated by "|" ("h:9306|h:9308"). ParseNodes reads
	// the whole list from one string.
	Nodes []string
	// Agents are the SphinxAPI addresses of the nodes, in the same order
	// and shape, as the distributed indexes name them; they let an agent
	// warning be told as the node it comes from. Empty means the scheme
	// of internal/searchd: the SphinxQL port plus the number of nodes
	// (every mirror counted).
	Agents []string
	// Logger receives what the backend has to say; nil discards it.
	Logger *slog.Logger
	// Timeout bounds connecting to a node (default 2s).
	Timeout time.Duration
}

// Cluster is a set of searchd nodes holding kamerzoek's indexes. It
// implements indexer.Opener.
type Cluster struct {
	nodes  []*node           // every node, shard by shard
	shards [][]*node         // the mirrors of each shard
	agents map[string]string // agent address → node address
	byAddr map[string]*node
	log    *slog.Logger
}

// node is one searchd.
type node struct {
	addr  string
	shard int
	db    *sql.DB
}

// ParseNodes reads a list of nodes as --sphinx-nodes gives it: shards
// separated by commas, the mirrors of a shard by "|", each a host:port
// ("h:9306|h:9308,h:9307|h:9309"); empty entries between commas are
// skipped. It returns the nodes by shard and
// mirror, or an error saying what is wrong.
func ParseNodes(spec string) ([][]string, error) {
	var out [][]string
	seen := map[string]bool{}
	for part := range strings.SplitSeq(spec, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		i := len(out)
		var mirrors []string
		for _, a := range strings.Split(part, "|") {
			a = strings.TrimSpace(a)
			host, port, err := net.SplitHostPort(a)
			if err != nil || host == "" || port == "" {
				return nil, fmt.Errorf("sphinx: %q is not host:port (shard %d)", a, i)
			}
			if p, err := strconv.Atoi(port); err != nil || p < 1 || p > 65535 {
				return nil, fmt.Errorf("sphinx: %q has no valid port (shard %d)", a, i)
			}
			a = net.JoinHostPort(host, port)
			if seen[a] {
				return nil, fmt.Errorf("sphinx: node %s is listed twice", a)
			}
			seen[a] = true
			mirrors = append(mirrors, a)
		}
		out = append(out, mirrors)
	}
	return out, nil
}

// New connects to the nodes of cfg (lazily: nothing is dialled yet).
func New(cfg Config) (*Cluster, error) {
	if len(cfg.Nodes) == 0 {
		return nil, errors.New("sphinx: no nodes configured")
	}
	if len(cfg.Agents) > 0 && len(cfg.Agents) != len(cfg.Nodes) {
		return nil, fmt.Errorf("sphinx: %d agent addresses for %d nodes", len(cfg.Agents), len(cfg.Nodes))
	}
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	timeout := cfg.Timeout
	if timeout <= 0 {
		timeout = 2 * time.Second
	}
	shards, err := ParseNodes(strings.Join(cfg.Nodes, ","))
	if err != nil {
		return nil, err
	}
	if len(shards) == 0 {
		return nil, errors.New("sphinx: no nodes configured")
	}
	var agents [][]string
	if len(cfg.Agents) > 0 {
		if agents, err = ParseNodes(strings.Join(cfg.Agents, ",")); err != nil {
			return nil, fmt.Errorf("agents: %w", err)
		}
		for i := range shards {
			if len(agents[i]) != len(shards[i]) {
				return nil, fmt.Errorf("sphinx: shard %d has %d agent addresses for %d nodes", i, len(agents[i]), len(shards[i]))
			}
		}
	}
	total := 0
	for _, m := range shards {
		total += len(m)
	}
	c := &Cluster{agents: map[string]string{}, byAddr: map[string]*node{}, log: log, shards: make([][]*node, len(shards))}
	for i, mirrors := range shards {
		for m, addr := range mirrors {
			_, err := c.connect(addr, i, timeout)
			if err != nil {
				return nil, err
			}
			agent := ""
			if agents != nil {
				agent = agents[i][m]
			} else if host, port, _ := net.SplitHostPort(addr); port != "" {
				if p, err := strconv.Atoi(port); err == nil {
					agent = net.JoinHostPort(host, strconv.Itoa(p+total))
				}
			}
			if agent != "" {
				c.agents[agent] = addr
			}
		}
	}
	return c, nil
}

// connect adds the node at addr, a mirror of shard i.
func (c *Cluster) connect(addr string, i int, timeout time.Duration) (*node, error) {
	mc := mysql.NewConfig()
	mc.Net = "tcp"
	mc.Addr = addr
	mc.InterpolateParams = true
	mc.MultiStatements = true
	mc.Timeout = timeout
	mc.ReadTimeout = 5 * time.Minute
	mc.WriteTimeout = 5 * time.Minute
	mc.MaxAllowedPacket = 32 << 20
	conn, err := mysql.NewConnector(mc)
	if err != nil {
		return nil, fmt.Errorf("sphinx: node %s: %w", addr, err)
	}
	db := sql.OpenDB(conn)
	db.SetMaxIdleConns(8)
	db.SetConnMaxIdleTime(time.Minute)
	n := &node{addr: addr, shard: i, db: db}
	c.nodes = append(c.nodes, n)
	c.shards[i] = append(c.shards[i], n)
	c.byAddr[addr] = n
	return n, nil
}

// Close closes the connections to the nodes.
func (c *Cluster) Close() error {
	var errs []error
	for _, n := range c.nodes {
		errs = append(errs, n.db.Close())
	}
	return errors.Join(errs...)
}

// String lists the nodes, as ParseNodes reads them.
func (c *Cluster) String() string {
	parts := make([]string, len(c.shards))
	for i, mirrors := range c.shards {
		addrs := make([]string, len(mirrors))
		for m, n := range mirrors {
			addrs[m] = n.addr
		}
		parts[i] = strings.Join(addrs, "|")
	}
	return "sphinx://" + strings.Join(parts, ",")
}

// firstAnswer runs read on the mirrors of a shard in turn until one
// answers: it returns the first error that is not an
// *indexer.UnavailableError, or the first mirror's when none answers.
func firstAnswer(mirrors []*node, read func(n *node) error) error {
	var first error
	for _, n := range mirrors {
		err := read(n)
		if _, down := indexer.IsUnavailable(err); !down {
			return err
		}
		if first == nil {
			first = err
		}
	}
	return first
}

// version is what the meta table records for an index: the mapping of
// documents to records and the table layout.
func version() string { return indexer.MappingVersion + "/" + searchd.SchemaVersion }

// slotOf is the generation slot of an index name: the parity of the
// number it ends with ("index-0003" → 1).
func slotOf(name string) int {
	i := len(name)
	for i > 0 && name[i-1] >= '0' && name[i-1] <= '9' {
		i--
	}
	if n, err := strconv.Atoi(name[i:]); err == nil && i < len(name) {
		return n % len(searchd.Generations)
	}
	return int(crc32.ChecksumIEEE([]byte(name)) % uint32(len(searchd.Generations)))
}

// metaRow is what the meta table says about a slot.
type metaRow struct {
	name, version string
	ok            bool
}

// meta reads the meta row of slot from a node of shard 0 (every node
// holds it).
func (c *Cluster) meta(ctx context.Context, slot int) (metaRow, error) {
	var m metaRow
	err := firstAnswer(c.shards[0], func(n *node) error {
		m = metaRow{}
		rows, err := n.db.QueryContext(ctx, "SELECT name_s, version FROM "+searchd.MetaIndex+" WHERE id = ?", slot+1)
		if err != nil {
			return n.err("read meta", err)
		}
		defer rows.Close()
		for rows.Next() {
			if err := rows.Scan(&m.name, &m.version); err != nil {
				return n.err("read meta", err)
			}
			m.ok = true
		}
		if err := rows.Err(); err != nil {
			return n.err("read meta", err)
		}
		return nil
	})
	return m, err
}

// Open opens the index called name, creating it empty when its slot is
// free. It fails when the slot holds another index (remove that first),
// and with an error wrapping indexer.ErrMappingChanged when name was
// written under another mapping or table layout.
func (c *Cluster) Open(name string, opts indexer.Options) (indexer.Backend, error) {
	ctx := context.Background()
	slot := slotOf(name)
	m, err := c.meta(ctx, slot)
	if err != nil {
		return nil, err
	}
	gen := searchd.Generations[slot]
	switch {
	case m.ok && m.name != name:
		return nil, fmt.Errorf("sphinx: open %s: its tables (%s) hold the live index %s; remove that first", name, gen, m.name)
	case m.ok && m.version != version():
		return nil, fmt.Errorf("%w: %s on %s holds %q, want %q", indexer.ErrMappingChanged, name, c, m.version, version())
	case !m.ok:
		// A fresh index: empty the tables (a crash may have left
		// documents behind) and record the name on every node.
		if err := c.truncate(ctx, gen, "create "+name); err != nil {
			return nil, err
		}
		for _, n := range c.nodes {
			if _, err := n.db.ExecContext(ctx, "REPLACE INTO "+searchd.MetaIndex+" (id, name, name_s, version, slot) VALUES (?, ?, ?, ?, ?)",
				slot+1, name, name, version(), slot); err != nil {
				return nil, n.err("create "+name, err)
			}
		}
		c.log.Info("sphinx: created index", "name", name, "tables", gen, "nodes", c.String())
	}
	return &Backend{c: c, name: name, gen: gen, dist: searchd.Distributed(gen),
		sec: searchd.SectionTable(gen), secDist: searchd.Distributed(searchd.SectionTable(gen)), opts: opts}, nil
}

// truncate empties the tables of generation gen on every node.
func (c *Cluster) truncate(ctx context.Context, gen, what string) error {
	for _, n := range c.nodes {
		for _, t := range []string{gen, searchd.SectionTable(gen)} {
			if _, err := n.db.ExecContext(ctx, "TRUNCATE RTINDEX "+t); err != nil {
				return n.err(what, err)
			}
		}
	}
	return nil
}

// Exists reports whether an index called name was opened and not removed.
func (c *Cluster) Exists(name string) (bool, error) {
	m, err := c.meta(context.Background(), slotOf(name))
	if err != nil {
		return false, err
	}
	return m.ok && m.name == name, nil
}

// Remove empties the tables of the index called name on every node and
// forgets it; an index that does not exist is no error.
func (c *Cluster) Remove(name string) error {
	ctx := context.Background()
	slot := slotOf(name)
	m, err := c.meta(ctx, slot)
	if err != nil {
		return err
	}
	if !m.ok || m.name != name {
		return nil
	}
	gen := searchd.Generations[slot]
	if err := c.truncate(ctx, gen, "remove "+name); err != nil {
		return err
	}
	for _, n := range c.nodes {
		if _, err := n.db.ExecContext(ctx, "DELETE FROM "+searchd.MetaIndex+" WHERE id = ?", slot+1); err != nil {
			return n.err("remove "+name, err)
		}
	}
	c.log.Info("sphinx: removed index", "name", name, "tables", gen)
	return nil
}

// err classifies an error from node n: no answer (a refused or broken
// connection) is an *indexer.UnavailableError naming the node; an error
// the node answered with is wrapped with what was being done.
func (n *node) err(what string, err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("sphinx: %s: %w", what, err)
	}
	var me *mysql.MySQLError
	if errors.As(err, &me) {
		if strings.Contains(me.Message, "syntax error") || strings.Contains(me.Message, "non-computable") ||
			strings.Contains(me.Message, "query too complex") {
			return fmt.Errorf("%w: %s", indexer.ErrBadQuery, me.Message)
		}
		return fmt.Errorf("sphinx: %s on %s: %w", what, n.addr, err)
	}
	var ne net.Error
	if errors.As(err, &ne) || errors.Is(err, driver.ErrBadConn) || errors.Is(err, mysql.ErrInvalidConn) ||
		errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, net.ErrClosed) {
		return &indexer.UnavailableError{Node: n.addr, Err: fmt.Errorf("%s: %w", what, err)}
	}
	return &indexer.UnavailableError{Node: n.addr, Err: fmt.Errorf("%s: %w", what, err)}
}

// reAgent finds the agent a SHOW META warning or error is about.
var reAgent = regexp.MustCompile(`agent ([^\s:]+:\d+)`)

// agentErr turns a warning or error text of a distributed search into an
// *indexer.UnavailableError naming the node whose agent failed, or the
// node queried when the text names none.
func (c *Cluster) agentErr(queried *node, text string) error {
	nodeAddr := queried.addr
	if m := reAgent.FindStringSubmatch(text); m != nil {
		if a, ok := c.agents[m[1]]; ok {
			nodeAddr = a
		} else {
			nodeAddr = m[1]
		}
	}
	return &indexer.UnavailableError{Node: nodeAddr, Err: errors.New(text)}
}

// docKey is the Sphinx document id of a kamerzoek id: 63 bits of its
// FNV-1a hash, never 0.
func docKey(id string) uint64 {
	h := fnv.New64a()
	_, _ = h.Write([]byte(id))
	k := h.Sum64() & (1<<63 - 1)
	if k == 0 {
		k = 1
	}
	return k
}

// shardOf is the mirrors of the shard holding the document with key k.
func (c *Cluster) shardOf(k uint64) []*node { return c.shards[k%uint64(len(c.shards))] }

// valueHash is the filter attribute of a metadata value.
func valueHash(v string) uint32 { return crc32.ChecksumIEEE([]byte(v)) }

var _ indexer.Opener = (*Cluster)(nil)

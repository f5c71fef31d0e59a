package sphinx

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"sync/atomic"
	"unicode"

	"kamerzoek/indexer"
	"kamerzoek/internal/document"
	"kamerzoek/internal/searchd"
)

// Backend is one index on the cluster: a generation of tables. It
// implements indexer.Backend and is safe for concurrent use.
type Backend struct {
	c       *Cluster
	name    string
	gen     string // the real-time table of documents on each node
	dist    string // the distributed table over all nodes
	sec     string // the real-time table of sections on each node
	secDist string // its distributed table
	opts    indexer.Options
	next    atomic.Uint32 // round robin over the nodes for searches
}

var _ indexer.Backend = (*Backend)(nil)

// Name is the index name the backend was opened as.
func (b *Backend) Name() string { return b.name }

// Close releases nothing: the connections belong to the Cluster.
func (b *Backend) Close() error { return nil }

// columns and secColumns are the columns Put writes, in order.
var (
	columns    = columnsOf(searchd.Fields, searchd.Attributes)
	secColumns = columnsOf(searchd.SectionFields, searchd.SectionAttributes)
)

func columnsOf(fields []string, attrs []searchd.Attribute) []string {
	cols := append([]string{"id"}, fields...)
	for _, a := range attrs {
		cols = append(cols, a.Name)
	}
	return cols
}

// maxStatement bounds the size of one REPLACE statement (searchd's
// max_packet_size is 32 MB in the generated configuration).
const maxStatement = 8 << 20

// batch collects the rows of one REPLACE statement.
type batch struct {
	table string
	cols  []string
	rows  [][]any
	size  int
}

func (bt *batch) add(ctx context.Context, n *node, row []any, size int) error {
	if len(row) != len(bt.cols) {
		return fmt.Errorf("sphinx: put: %d values for the %d columns of %s", len(row), len(bt.cols), bt.table)
	}
	if bt.size+size > maxStatement {
		if err := bt.flush(ctx, n); err != nil {
			return err
		}
	}
	bt.rows = append(bt.rows, row)
	bt.size += size
	return nil
}

func (bt *batch) flush(ctx context.Context, n *node) error {
	if len(bt.rows) == 0 {
		return nil
	}
	var q strings.Builder
	q.WriteString("REPLACE INTO " + bt.table + " (" + strings.Join(bt.cols, ", ") + ") VALUES ")
	ph := "(" + placeholders(len(bt.cols)) + ")"
	args := make([]any, 0, len(bt.rows)*len(bt.cols))
	for i, r := range bt.rows {
		if i > 0 {
			q.WriteString(", ")
		}
		q.WriteString(ph)
		args = append(args, r...)
	}
	if _, err := n.db.ExecContext(ctx, q.String(), args...); err != nil {
		return n.err("put", err)
	}
	bt.rows, bt.size = bt.rows[:0], 0
	return nil
}

func placeholders(n int) string { return strings.TrimSuffix(strings.Repeat("?, ", n), ", ") }

// sectionKey is the Sphinx id of section i of document id.
func sectionKey(id string, i int) uint64 { return docKey(id + "\x00" + strconv.Itoa(i)) }

// Put writes docs and their sections to their shards, on every mirror
// (REPLACE: putting a document again replaces it, and sections it no
// longer has are deleted; a mirror that is down fails the put with
// *indexer.UnavailableError naming it, and putting again once it is
// back is safe), then sets the cited_by attribute of the documents they cite
// to their current counts (Options.CitedBy, else citedBy).
func (b *Backend) Put(docs []*document.Document, citedBy func(id string) int) error {
	if len(docs) == 0 {
		return nil
	}
	ctx := context.Background()
	counts := citedBy
	if counts == nil {
		counts = b.opts.CitedBy
	}
	type shard struct {
		docs, secs batch
		ids        []string
		nsec       map[string]int
	}
	perShard := map[*node]*shard{}
	targets := map[string]bool{}
	for _, d := range docs {
		if d == nil || d.ID == "" {
			return fmt.Errorf("sphinx: put: document without id")
		}
		for _, nd := range b.c.shardOf(docKey(d.ID)) {
			sh := perShard[nd]
			if sh == nil {
				sh = &shard{docs: batch{table: b.gen, cols: columns}, secs: batch{table: b.sec, cols: secColumns}, nsec: map[string]int{}}
				perShard[nd] = sh
			}
			sh.ids = append(sh.ids, d.ID)
		}
		for _, r := range d.References {
			if r.ID != "" && r.ID != d.ID {
				targets[r.ID] = true
			}
		}
	}
	// Sections a document had beyond the ones it has now (asking every
	// mirror first, so that one that is down fails the put before any
	// is written to).
	for nd, sh := range perShard {
		old, err := b.sectionCounts(ctx, nd, sh.ids)
		if err != nil {
			return err
		}
		sh.nsec = old
	}
	for _, d := range docs {
		n := 0
		if counts != nil {
			n = counts(d.ID)
		}
		row, secs, size := rowOf(d, n)
		for _, nd := range b.c.shardOf(docKey(d.ID)) {
			sh := perShard[nd]
			if err := sh.docs.add(ctx, nd, row, size); err != nil {
				return err
			}
			for _, sr := range secs {
				if err := sh.secs.add(ctx, nd, sr, 2*len(sr[1].(string))+len(sr[2].(string))+len(sr[9].(string))+256); err != nil {
					return err
				}
			}
			var stale []uint64
			for i := len(secs); i < sh.nsec[d.ID]; i++ {
				stale = append(stale, sectionKey(d.ID, i))
			}
			if err := b.deleteKeys(ctx, nd, b.sec, stale); err != nil {
				return err
			}
		}
	}
	for nd, sh := range perShard {
		if err := sh.docs.flush(ctx, nd); err != nil {
			return err
		}
		if err := sh.secs.flush(ctx, nd); err != nil {
			return err
		}
	}
	return b.updateCitedBy(ctx, targets, citedBy)
}

// sectionCounts reads how many sections node n holds for each of ids.
func (b *Backend) sectionCounts(ctx context.Context, n *node, ids []string) (map[string]int, error) {
	out := map[string]int{}
	for len(ids) > 0 {
		part := ids[:min(len(ids), 1000)]
		ids = ids[len(part):]
		keys := make([]any, len(part))
		for i, id := range part {
			keys[i] = docKey(id)
		}
		rows, err := n.db.QueryContext(ctx, "SELECT sid, nsec FROM "+b.gen+" WHERE id IN ("+placeholders(len(keys))+") LIMIT "+strconv.Itoa(len(keys)), keys...)
		if err != nil {
			return nil, n.err("put", err)
		}
		for rows.Next() {
			var sid string
			var c int
			if err := rows.Scan(&sid, &c); err != nil {
				rows.Close()
				return nil, n.err("put", err)
			}
			out[sid] = c
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, n.err("put", err)
		}
	}
	return out, nil
}

// deleteKeys deletes rows of table on node n by id.
func (b *Backend) deleteKeys(ctx context.Context, n *node, table string, keys []uint64) error {
	for len(keys) > 0 {
		part := keys[:min(len(keys), 1000)]
		keys = keys[len(part):]
		args := make([]any, len(part))
		for i, k := range part {
			args[i] = k
		}
		if _, err := n.db.ExecContext(ctx, "DELETE FROM "+table+" WHERE id IN ("+placeholders(len(args))+")", args...); err != nil {
			return n.err("delete", err)
		}
	}
	return nil
}

// updateCitedBy sets the cited_by attribute of targets (where held) to
// their current counts, one UPDATE per node and count (on every mirror
// of a target's shard).
func (b *Backend) updateCitedBy(ctx context.Context, targets map[string]bool, citedBy func(string) int) error {
	counts := b.opts.CitedBy
	if counts == nil {
		counts = citedBy
	}
	if counts == nil || len(targets) == 0 {
		return nil
	}
	type key struct {
		n     *node
		count int
	}
	groups := map[key][]any{}
	for t := range targets {
		k := docKey(t)
		c := counts(t)
		for _, n := range b.c.shardOf(k) {
			g := key{n, c}
			groups[g] = append(groups[g], k)
		}
	}
	for g, keys := range groups {
		for len(keys) > 0 {
			part := keys[:min(len(keys), 1000)]
			keys = keys[len(part):]
			q := "UPDATE " + b.gen + " SET cited_by = " + strconv.Itoa(max(g.count, 0)) +
				" WHERE id IN (" + strings.TrimSuffix(strings.Repeat("?, ", len(part)), ", ") + ")"
			if _, err := g.n.db.ExecContext(ctx, q, part...); err != nil {
				return g.n.err("update cited_by", err)
			}
		}
	}
	return nil
}

// rowOf is the row of d in column order, the rows of its sections, and
// about how many bytes the document's row takes in a statement.
func rowOf(d *document.Document, citedBy int) ([]any, [][]any, int) {
	text, headings, secs := indexer.DocumentText(d)
	var spans []indexer.SectionSpan
	_ = json.Unmarshal([]byte(secs), &spans)
	key := docKey(d.ID)
	secRows := make([][]any, len(spans))
	for i, sp := range spans {
		st := text[sp.Start:sp.End]
		secRows[i] = []any{sectionKey(d.ID, i), st, strings.Join(indexer.CompoundParts(st), " "), key, i, max(sp.Page, 0), sp.ID, sp.Heading, sp.Path, sp.Paras, st}
	}
	var kw strings.Builder
	kw.WriteString(allToken)
	for _, f := range []struct{ field, v string }{
		{"type", d.Type}, {"dossier", d.Dossier}, {"kamer", d.Kamer}, {"vergaderjaar", d.Vergaderjaar},
		{"sender", d.Sender}, {"number", d.Number}, {"id", d.ID},
	} {
		if t := kwToken(f.field, f.v); t != "" {
			kw.WriteString(" ")
			kw.WriteString(t)
		}
	}
	var ids []string
	for _, v := range indexer.IDVariants(d) {
		if t := token(v); t != "" {
			ids = append(ids, t)
		}
	}
	day, year := "", ""
	date := undated
	if t, err := indexer.ParseBound(d.Date, false); err == nil && len(d.Date) == 10 {
		day = d.Date
		date = dateNum(t.Year(), int(t.Month()), t.Day())
	}
	if len(d.Date) >= 4 {
		year = d.Date[:4]
	}
	row := []any{
		docKey(d.ID),
		d.Title, text, headings, strings.Join(indexer.CompoundParts(text), " "), kw.String(), strings.Join(ids, " "),
		d.ID, d.Title, d.Type, d.Dossier, d.Kamer, d.Vergaderjaar, d.Sender, day, year, d.ExtractorVersion,
		valueHash(d.Type), valueHash(d.Dossier), valueHash(d.Kamer), valueHash(d.Vergaderjaar), valueHash(d.Sender),
		date, max(citedBy, 0), len(d.Footnotes), len(d.References), len(spans),
	}
	for _, k := range idKeys(d.ID) {
		row = append(row, k)
	}
	return row, secRows, len(text) + kw.Len() + 512
}

// idKeys are the sort keys of an id: its first 21 bytes, 7 to a
// number, big-endian and padded with zero bytes, so that ordering by
// them orders by the id (ids equal in their first 21 bytes are ordered
// by their document key).
func idKeys(id string) [3]int64 {
	var out [3]int64
	for i := range 21 {
		var c byte
		if i < len(id) {
			c = id[i]
		}
		out[i/7] = out[i/7]<<8 | int64(c)
	}
	return out
}

// allToken is in the kw field of every document: a query of only
// exclusions ("-drugs") searches it, as Sphinx cannot search for NOT
// alone.
const allToken = "kz_all"

// undated is the date attribute of a document without a date (the
// embedded index's 1800-01-01).
const undated = 18000101

// dateNum writes a date as the date attribute holds it: YYYYMMDD.
func dateNum(y, m, d int) int { return y*10000 + m*100 + d }

// token writes s as one keyword of the kw and ids fields: folded, lower
// case, runs of other characters than letters and digits as one "_".
func token(s string) string {
	s = strings.ToLower(indexer.FoldString(s))
	var b strings.Builder
	under := false
	for _, r := range s {
		if r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			b.WriteRune(r)
			under = false
		} else if !under && b.Len() > 0 {
			b.WriteByte('_')
			under = true
		}
	}
	return strings.TrimSuffix(b.String(), "_")
}

// kwToken is the keyword of the kw field for field:value.
func kwToken(field, value string) string {
	t := token(value)
	if t == "" {
		return ""
	}
	return field + "_" + t
}

// Delete removes documents and their sections from their shards, on
// every mirror.
func (b *Backend) Delete(ids ...string) error {
	ctx := context.Background()
	perShard := map[*node][]string{}
	for _, id := range ids {
		for _, n := range b.c.shardOf(docKey(id)) {
			perShard[n] = append(perShard[n], id)
		}
	}
	// Ask every mirror first, so that one that is down fails the delete
	// before any is written to.
	nsecs := map[*node]map[string]int{}
	for n, ids := range perShard {
		nsec, err := b.sectionCounts(ctx, n, ids)
		if err != nil {
			return err
		}
		nsecs[n] = nsec
	}
	for n, ids := range perShard {
		nsec := nsecs[n]
		var keys, secKeys []uint64
		for _, id := range ids {
			keys = append(keys, docKey(id))
			for i := range nsec[id] {
				secKeys = append(secKeys, sectionKey(id, i))
			}
		}
		if err := b.deleteKeys(ctx, n, b.sec, secKeys); err != nil {
			return err
		}
		if err := b.deleteKeys(ctx, n, b.gen, keys); err != nil {
			return err
		}
	}
	return nil
}

// Has asks the document's shard (the first mirror that answers)
// whether it holds id.
func (b *Backend) Has(id string) (bool, error) {
	k := docKey(id)
	var sid string
	found := false
	err := firstAnswer(b.c.shardOf(k), func(n *node) error {
		err := n.db.QueryRow("SELECT sid FROM "+b.gen+" WHERE id = ?", k).Scan(&sid)
		if err == sql.ErrNoRows {
			return nil
		}
		found = err == nil
		return n.err("has", err)
	})
	if err != nil {
		return false, err
	}
	return found && sid == id, nil
}

// Count sums the documents of every shard (each counted by the first
// mirror that answers).
func (b *Backend) Count() (uint64, error) {
	var total uint64
	for _, mirrors := range b.c.shards {
		var c uint64
		err := firstAnswer(mirrors, func(n *node) error {
			c = 0
			if err := n.db.QueryRow("SELECT COUNT(*) FROM " + b.gen).Scan(&c); err != nil && err != sql.ErrNoRows {
				return n.err("count", err)
			}
			return nil
		})
		if err != nil {
			return 0, err
		}
		total += c
	}
	return total, nil
}

// DocIDs lists the ids every shard holds (each listed by the first
// mirror that answers).
func (b *Backend) DocIDs() ([]string, error) {
	out := []string{}
	const page = 1000
	for _, mirrors := range b.c.shards {
		var shard []string
		err := firstAnswer(mirrors, func(n *node) error {
			shard = shard[:0]
			var after uint64
			for {
				rows, err := n.db.Query("SELECT id, sid FROM "+b.gen+" WHERE id > ? ORDER BY id ASC LIMIT ?", after, page)
				if err != nil {
					return n.err("doc ids", err)
				}
				got := 0
				for rows.Next() {
					var sid string
					if err := rows.Scan(&after, &sid); err != nil {
						rows.Close()
						return n.err("doc ids", err)
					}
					shard = append(shard, sid)
					got++
				}
				err = rows.Err()
				rows.Close()
				if err != nil {
					return n.err("doc ids", err)
				}
				if got < page {
					return nil
				}
			}
		})
		if err != nil {
			return nil, err
		}
		out = append(out, shard...)
	}
	return out, nil
}

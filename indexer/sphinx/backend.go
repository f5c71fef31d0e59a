package sphinx

import (
	"context"
	"database/sql"
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
	c    *Cluster
	name string
	gen  string // the real-time table on each node
	dist string // the distributed table over all nodes
	opts indexer.Options
	next atomic.Uint32 // round robin over the nodes for searches
}

var _ indexer.Backend = (*Backend)(nil)

// Name is the index name the backend was opened as.
func (b *Backend) Name() string { return b.name }

// Close releases nothing: the connections belong to the Cluster.
func (b *Backend) Close() error { return nil }

// columns are the columns Put writes, in order.
var columns = func() []string {
	cols := append([]string{"id"}, searchd.Fields...)
	for _, a := range searchd.Attributes {
		cols = append(cols, a.Name)
	}
	return cols
}()

// maxStatement bounds the size of one REPLACE statement (searchd's
// max_packet_size is 32 MB in the generated configuration).
const maxStatement = 8 << 20

// Put writes docs to their shards (REPLACE: putting a document again
// replaces it) and then sets the cited_by attribute of the documents they
// cite to their current counts (Options.CitedBy, else citedBy).
func (b *Backend) Put(docs []*document.Document, citedBy func(id string) int) error {
	if len(docs) == 0 {
		return nil
	}
	ctx := context.Background()
	counts := citedBy
	if counts == nil {
		counts = b.opts.CitedBy
	}
	type batch struct {
		rows [][]any
		size int
	}
	perShard := make(map[*node]*batch)
	flush := func(n *node, bt *batch) error {
		if len(bt.rows) == 0 {
			return nil
		}
		var q strings.Builder
		q.WriteString("REPLACE INTO " + b.gen + " (" + strings.Join(columns, ", ") + ") VALUES ")
		ph := "(" + strings.TrimSuffix(strings.Repeat("?, ", len(columns)), ", ") + ")"
		args := make([]any, 0, len(bt.rows)*len(columns))
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
	targets := map[string]bool{}
	for _, d := range docs {
		if d == nil || d.ID == "" {
			return fmt.Errorf("sphinx: put: document without id")
		}
		n := 0
		if counts != nil {
			n = counts(d.ID)
		}
		row, size := rowOf(d, n)
		k := docKey(d.ID)
		nd := b.c.shardOf(k)
		bt := perShard[nd]
		if bt == nil {
			bt = &batch{}
			perShard[nd] = bt
		}
		if bt.size+size > maxStatement {
			if err := flush(nd, bt); err != nil {
				return err
			}
		}
		bt.rows = append(bt.rows, row)
		bt.size += size
		for _, r := range d.References {
			if r.ID != "" && r.ID != d.ID {
				targets[r.ID] = true
			}
		}
	}
	for nd, bt := range perShard {
		if err := flush(nd, bt); err != nil {
			return err
		}
	}
	return b.updateCitedBy(ctx, targets, citedBy)
}

// updateCitedBy sets the cited_by attribute of targets (where held) to
// their current counts, one UPDATE per shard and count.
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
		g := key{b.c.shardOf(k), counts(t)}
		groups[g] = append(groups[g], k)
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

// rowOf is the row of d in column order, and about how many bytes it
// takes in a statement.
func rowOf(d *document.Document, citedBy int) ([]any, int) {
	text, headings, secs := indexer.DocumentText(d)
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
		d.Title, text, headings, kw.String(), strings.Join(ids, " "),
		d.ID, d.Title, d.Type, d.Dossier, d.Kamer, d.Vergaderjaar, d.Sender, day, year, d.ExtractorVersion,
		text, secs,
		valueHash(d.Type), valueHash(d.Dossier), valueHash(d.Kamer), valueHash(d.Vergaderjaar), valueHash(d.Sender),
		date, max(citedBy, 0), len(d.Footnotes), len(d.References), len(d.Sections),
	}
	return row, 2*len(text) + len(secs) + kw.Len() + 512
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

// Delete removes documents from their shards.
func (b *Backend) Delete(ids ...string) error {
	ctx := context.Background()
	perShard := map[*node][]any{}
	for _, id := range ids {
		k := docKey(id)
		n := b.c.shardOf(k)
		perShard[n] = append(perShard[n], k)
	}
	for n, keys := range perShard {
		for len(keys) > 0 {
			part := keys[:min(len(keys), 1000)]
			keys = keys[len(part):]
			q := "DELETE FROM " + b.gen + " WHERE id IN (" + strings.TrimSuffix(strings.Repeat("?, ", len(part)), ", ") + ")"
			if _, err := n.db.ExecContext(ctx, q, part...); err != nil {
				return n.err("delete", err)
			}
		}
	}
	return nil
}

// Has asks the document's shard whether it holds id.
func (b *Backend) Has(id string) (bool, error) {
	k := docKey(id)
	n := b.c.shardOf(k)
	var sid string
	err := n.db.QueryRow("SELECT sid FROM "+b.gen+" WHERE id = ?", k).Scan(&sid)
	if err == sql.ErrNoRows {
		return false, nil
	}
	if err != nil {
		return false, n.err("has", err)
	}
	return sid == id, nil
}

// Count sums the documents of every shard.
func (b *Backend) Count() (uint64, error) {
	var total uint64
	for _, n := range b.c.nodes {
		var c uint64
		if err := n.db.QueryRow("SELECT COUNT(*) FROM " + b.gen).Scan(&c); err != nil {
			if err == sql.ErrNoRows {
				continue
			}
			return 0, n.err("count", err)
		}
		total += c
	}
	return total, nil
}

// DocIDs lists the ids every shard holds.
func (b *Backend) DocIDs() ([]string, error) {
	out := []string{}
	const page = 1000
	for _, n := range b.c.nodes {
		var after uint64
		for {
			rows, err := n.db.Query("SELECT id, sid FROM "+b.gen+" WHERE id > ? ORDER BY id ASC LIMIT ?", after, page)
			if err != nil {
				return nil, n.err("doc ids", err)
			}
			got := 0
			for rows.Next() {
				var sid string
				if err := rows.Scan(&after, &sid); err != nil {
					rows.Close()
					return nil, n.err("doc ids", err)
				}
				out = append(out, sid)
				got++
			}
			err = rows.Err()
			rows.Close()
			if err != nil {
				return nil, n.err("doc ids", err)
			}
			if got < page {
				break
			}
		}
	}
	return out, nil
}

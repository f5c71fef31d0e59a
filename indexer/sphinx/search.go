package sphinx

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"kamerzoek/indexer"
)

// maxMatches is the OPTION max_matches of a search: deep enough for the
// deepest page Page/Size reach (indexer.MaxFrom) plus one page; the
// cursor pages beyond it with a condition on the sort values instead of
// an offset.
const maxMatches = indexer.MaxFrom + 2*indexer.MaxSize

// maxFacetValues is how many values of a facet each shard reports, the
// most frequent first. Sphinx sizes a search's sorter by max_matches
// up front (100,000 cost a second a search), so this is a bound: counts
// are exact while a shard holds no more distinct values of the facet,
// and the values listed are the true top ones unless a value ranks
// beyond it on some shard.
const maxFacetValues = 1000

// ranker is Sphinx's ranking of a search: BM25 with phrase proximity (on
// the judged queries no other ranker or field weighting did better).
const ranker = "proximity_bm25"

// fieldWeights rank a match in the title above one in the text, as the
// embedded index's title boost does.
const fieldWeights = "field_weights=(title=2, heading=1, body=1, parts=1)"

// Search answers r; see SearchContext.
func (b *Backend) Search(r indexer.Request) (*indexer.Result, error) {
	return b.SearchContext(context.Background(), r)
}

// SearchContext answers r from the distributed index of one node. When
// no document holds all the words of a query of plain words, it returns
// the documents holding any of them and sets Result.Relaxed. A node that
// does not answer, or an agent that fails, gives *indexer.UnavailableError.
func (b *Backend) SearchContext(ctx context.Context, r indexer.Request) (*indexer.Result, error) {
	start := time.Now()
	q, err := parseQuery(r.Query)
	if err != nil {
		return nil, err
	}
	res, err := b.search(ctx, r, q, q.match)
	if err != nil {
		return nil, err
	}
	if res.Total == 0 && q.relaxed != "" && r.Cursor == "" {
		if res, err = b.search(ctx, r, q, q.relaxed); err != nil {
			return nil, err
		}
		res.Relaxed = true
	}
	res.TookMS = float64(time.Since(start).Microseconds()) / 1000
	return res, nil
}

// sortAttr is the attribute a sort orders by first ("" for relevance)
// and its direction.
func sortAttr(s string) (attr, dir string) {
	switch s {
	case "date":
		return "date", "DESC"
	case "date_asc":
		return "date", "ASC"
	case "cited_by":
		return "cited_by", "DESC"
	}
	return "", ""
}

// hitColumns are the columns a search reads for each hit.
const hitColumns = "id, sid, title_s, type, day, dossier, kamer, vergaderjaar, sender, cited_by, date, WEIGHT() AS w, k1, k2, k3"

// search runs r with the MATCH expression match.
func (b *Backend) search(ctx context.Context, r indexer.Request, q *query, match string) (*indexer.Result, error) {
	sortName, err := indexer.NormSort(r.Sort)
	if err != nil {
		return nil, err
	}
	size := r.Size
	if size == 0 {
		size = indexer.DefaultSize
	}
	if size < 0 || size > indexer.MaxSize {
		return nil, indexer.BadQueryf("size must be between 1 and %d", indexer.MaxSize)
	}
	page := r.Page
	if page == 0 {
		page = 1
	}
	if page < 0 {
		return nil, indexer.BadQueryf("page must be 1 or more")
	}
	from := (page - 1) * size
	if from > indexer.MaxFrom {
		return nil, indexer.BadQueryf("page too deep (offset %d > %d); use the cursor", from, indexer.MaxFrom)
	}
	conds, err := filterConds(&r)
	if err != nil {
		return nil, err
	}
	conds = append(conds, q.where...)
	var matchArgs []any
	cols := hitColumns
	if match != "" {
		conds = append([]string{"MATCH(?)"}, conds...)
		matchArgs = append(matchArgs, match)
	}
	attr, dir := sortAttr(sortName)
	where := func(extra ...string) string {
		all := append(slices.Clone(conds), extra...)
		if len(all) == 0 {
			return ""
		}
		return " WHERE " + strings.Join(all, " AND ")
	}
	// The sort keys, in order: the sort's attribute (or the weight, by
	// relevance; none without words, where every weight is the same) and
	// the id (its first bytes, then its document key).
	var keys []string
	var desc []bool
	switch {
	case attr != "":
		keys, desc = []string{attr}, []bool{dir == "DESC"}
	case match != "":
		keys, desc = []string{"w"}, []bool{true}
	}
	keys = append(keys, "k1", "k2", "k3", "id")
	desc = append(desc, false, false, false, false)
	var afterCond []string
	if r.Cursor != "" {
		c, err := indexer.DecodeCursor(r.Cursor)
		if err != nil {
			return nil, err
		}
		if c.Sort != sortName || len(c.After) != len(keys) {
			return nil, indexer.BadQueryf("cursor belongs to another sort order")
		}
		// After the cursor's hit: lexicographically beyond its keys.
		// (WEIGHT() stands for w: an alias cannot be filtered on in an
		// expression.)
		after := ""
		for i := len(keys) - 1; i >= 0; i-- {
			k := keys[i]
			if k == "w" {
				k = "WEIGHT()"
			}
			cmp := " > "
			if desc[i] {
				cmp = " < "
			}
			if after == "" {
				after = k + cmp + c.After[i]
			} else {
				after = k + cmp + c.After[i] + " OR (" + k + " = " + c.After[i] + " AND (" + after + "))"
			}
		}
		cols += ", (" + after + ") AS aft"
		afterCond = []string{"aft = 1"}
		from, page = 0, 0
	}
	orderBy := make([]string, len(keys))
	for i, k := range keys {
		orderBy[i] = k + " ASC"
		if desc[i] {
			orderBy[i] = k + " DESC"
		}
	}
	order := strings.Join(orderBy, ", ")
	// One batch: the page, its meta, and per facet a GROUP BY and its
	// meta. (Sphinx 2.2's FACET cannot stand beside WEIGHT() on a
	// distributed index.)
	var sb strings.Builder
	var args []any
	sb.WriteString("SELECT " + cols + " FROM " + b.dist + where(afterCond...))
	args = append(args, matchArgs...)
	fmt.Fprintf(&sb, " ORDER BY %s LIMIT %d, %d OPTION max_matches=%d, ranker=%s, %s; SHOW META",
		order, from, size+1, max(maxMatches, from+size+1), ranker, fieldWeights)
	if r.Cursor != "" {
		// Total counts every match, not only those after the cursor.
		sb.WriteString("; SELECT id FROM " + b.dist + where() + " LIMIT 1 OPTION max_matches=1; SHOW META")
		args = append(args, matchArgs...)
	}
	facetSize := r.FacetSize
	if facetSize <= 0 {
		facetSize = 10
	}
	for _, f := range r.Facets {
		if !slices.Contains(indexer.FacetNames, f) {
			return nil, indexer.BadQueryf("unknown facet %q (use %s)", f, strings.Join(indexer.FacetNames, ", "))
		}
		// Many values: an agent counts only the groups it returns, so
		// the top values of a distributed GROUP BY with a small limit
		// can miss counts; the largest are picked here.
		fmt.Fprintf(&sb, "; SELECT %s, COUNT(*) AS c FROM %s%s GROUP BY %s ORDER BY c DESC LIMIT %d OPTION max_matches=%d; SHOW META",
			f, b.dist, where(), f, maxFacetValues, maxFacetValues)
		args = append(args, matchArgs...)
	}

	var res *indexer.Result
	err = b.onNode(func(n *node) error {
		conn, err := n.db.Conn(ctx)
		if err != nil {
			return n.err("search", err)
		}
		defer conn.Close()
		rows, err := conn.QueryContext(ctx, sb.String(), args...)
		if err != nil {
			return n.err("search", err)
		}
		defer rows.Close()
		out := &indexer.Result{Query: r.Query, Page: page, Size: size, Sort: sortName, Hits: []indexer.Hit{}}
		type sortVals struct {
			date, cited, w, key uint64
			k                   [3]int64
		}
		var vals []sortVals
		for rows.Next() {
			var h indexer.Hit
			var v sortVals
			dest := []any{&v.key, &h.ID, &h.Title, &h.Type, &h.Date, &h.Dossier, &h.Kamer, &h.Vergaderjaar, &h.Sender, &v.cited, &v.date, &v.w, &v.k[0], &v.k[1], &v.k[2]}
			if r.Cursor != "" {
				var aft int
				dest = append(dest, &aft)
			}
			if err := rows.Scan(dest...); err != nil {
				return n.err("search", err)
			}
			h.CitedBy = int(v.cited)
			if b.opts.CitedBy != nil {
				h.CitedBy = b.opts.CitedBy(h.ID)
			}
			h.Score = float64(v.w)
			h.Fragments, h.Sections = []string{}, []indexer.SectionHit{}
			out.Hits = append(out.Hits, h)
			vals = append(vals, v)
		}
		if !rows.NextResultSet() {
			return n.err("search", fmt.Errorf("no meta after the search: %w", rows.Err()))
		}
		if out.Total, err = b.readMeta(rows, n); err != nil {
			return err
		}
		if r.Cursor != "" {
			for rows.Next() {
			}
			if !rows.NextResultSet() || !rows.NextResultSet() {
				return n.err("search", fmt.Errorf("no total: %w", rows.Err()))
			}
			if out.Total, err = b.readMeta(rows, n); err != nil {
				return err
			}
		}
		if len(r.Facets) > 0 {
			out.Facets = map[string][]indexer.FacetValue{}
		}
		for _, f := range r.Facets {
			if !rows.NextResultSet() {
				return n.err("search", fmt.Errorf("no facet %s: %w", f, rows.Err()))
			}
			fv := []indexer.FacetValue{}
			for rows.Next() {
				var v string
				var c int
				if err := rows.Scan(&v, &c); err != nil {
					return n.err("search", err)
				}
				if v != "" {
					fv = append(fv, indexer.FacetValue{Value: v, Count: c})
				}
			}
			slices.SortFunc(fv, func(a, b indexer.FacetValue) int {
				if a.Count != b.Count {
					return b.Count - a.Count
				}
				return strings.Compare(a.Value, b.Value)
			})
			out.Facets[f] = fv[:min(len(fv), facetSize)]
			if !rows.NextResultSet() {
				return n.err("search", fmt.Errorf("no meta after facet %s: %w", f, rows.Err()))
			}
			if _, err := b.readMeta(rows, n); err != nil {
				return err
			}
		}
		if err := rows.Err(); err != nil {
			return n.err("search", err)
		}
		rows.Close()
		if len(out.Hits) > size {
			out.Hits = out.Hits[:size]
			last := vals[size-1]
			var after []string
			for _, k := range keys {
				switch k {
				case "date":
					after = append(after, strconv.FormatUint(last.date, 10))
				case "cited_by":
					after = append(after, strconv.FormatUint(last.cited, 10))
				case "w":
					after = append(after, strconv.FormatUint(last.w, 10))
				case "k1", "k2", "k3":
					after = append(after, strconv.FormatInt(last.k[k[1]-'1'], 10))
				case "id":
					after = append(after, strconv.FormatUint(last.key, 10))
				}
			}
			out.NextCursor = indexer.EncodeCursor(indexer.Cursor{Sort: sortName, After: after})
		}
		nsec := r.Sections
		if nsec == 0 {
			nsec = indexer.DefaultSections
		}
		nsec = min(nsec, 10)
		if nsec > 0 && len(out.Hits) > 0 && len(q.words) > 0 {
			if err := b.sections(ctx, conn, n, out.Hits, q.words, nsec); err != nil {
				return err
			}
		}
		res = out
		return nil
	})
	if err != nil {
		return nil, err
	}
	return res, nil
}

// pick is the node whose distributed index a search asks first: round
// robin over every node.
func (b *Backend) pick() *node {
	return b.c.nodes[int(b.next.Add(1))%len(b.c.nodes)]
}

// onNode runs ask on a node's distributed index, starting at pick, and
// never answers from part of the index. When ask fails with an
// *indexer.UnavailableError naming a node (the node asked did not
// answer, or one of its agents failed, so the answer would miss that
// agent's shard), ask is run again on another mirror of the failed
// node's shard: its local part holds that shard in full, and its agents
// reach the other shards. Mirrors not yet seen failing come first; a
// search is asked at most twice as often as there are nodes. With one
// node a shard nothing is retried. It returns ask's last error when no
// attempt succeeded.
func (b *Backend) onNode(ask func(n *node) error) error {
	tried, down := map[*node]bool{}, map[*node]bool{}
	n := b.pick()
	var err error
	for range 2 * len(b.c.nodes) {
		tried[n] = true
		err = ask(n)
		addr, unavailable := indexer.IsUnavailable(err)
		if !unavailable {
			return err
		}
		failed := b.c.byAddr[addr]
		if failed == nil {
			return err
		}
		down[failed] = true
		next := b.c.otherMirror(failed, tried, down)
		if next == nil {
			return err
		}
		if failed == n {
			b.c.log.Warn("sphinx: node did not answer; asking a mirror", "node", n.addr, "mirror", next.addr, "err", err)
		} else {
			b.c.log.Warn("sphinx: an agent failed; asking a mirror of its shard", "node", n.addr, "agent", failed.addr, "mirror", next.addr, "err", err)
		}
		n = next
	}
	return err
}

// otherMirror is a mirror of failed's shard to ask instead: one neither
// tried nor seen failing, else one not seen failing, else nil.
func (c *Cluster) otherMirror(failed *node, tried, down map[*node]bool) *node {
	var again *node
	for _, m := range c.shards[failed.shard] {
		switch {
		case down[m]:
		case !tried[m]:
			return m
		case again == nil:
			again = m
		}
	}
	return again
}

// meta runs SHOW META after a search on conn; see readMeta.
func (b *Backend) meta(ctx context.Context, conn *sql.Conn, n *node) (uint64, error) {
	rows, err := conn.QueryContext(ctx, "SHOW META")
	if err != nil {
		return 0, n.err("search meta", err)
	}
	defer rows.Close()
	return b.readMeta(rows, n)
}

// readMeta reads the result set of SHOW META: a warning or error (an
// agent that did not answer) fails the search, since its results would
// be partial; otherwise it returns total_found.
func (b *Backend) readMeta(rows *sql.Rows, n *node) (uint64, error) {
	var total uint64
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return 0, n.err("search meta", err)
		}
		switch k {
		case "warning", "error":
			if v != "" {
				return 0, b.c.agentErr(n, v)
			}
		case "total_found":
			total, _ = strconv.ParseUint(v, 10, 64)
		}
	}
	if err := rows.Err(); err != nil {
		return 0, n.err("search meta", err)
	}
	return total, nil
}

// filterConds are the attribute conditions of the request's filters.
func filterConds(r *indexer.Request) ([]string, error) {
	var out []string
	in := func(attr string, vals []string, norm func(string) string) {
		var hs []string
		for _, v := range vals {
			if v = strings.TrimSpace(v); v == "" {
				continue
			}
			if norm != nil {
				v = norm(v)
			}
			hs = append(hs, strconv.FormatUint(uint64(valueHash(v)), 10))
		}
		if len(hs) > 0 {
			out = append(out, attr+" IN ("+strings.Join(hs, ", ")+")")
		}
	}
	in("dossier_h", r.Dossier, indexer.NormDossier)
	in("type_h", r.Type, strings.ToLower)
	in("kamer_h", r.Kamer, strings.ToLower)
	in("vergaderjaar_h", r.Vergaderjaar, indexer.NormVergaderjaar)
	in("sender_h", r.Sender, nil)
	if r.From != "" || r.To != "" {
		lo, hi := 18010101, 22001231
		if r.From != "" {
			t, err := indexer.ParseBound(r.From, false)
			if err != nil {
				return nil, err
			}
			lo = dateNum(t.Year(), int(t.Month()), t.Day())
		}
		if r.To != "" {
			t, err := indexer.ParseBound(r.To, true)
			if err != nil {
				return nil, err
			}
			hi = dateNum(t.Year(), int(t.Month()), t.Day())
		}
		if hi < lo {
			return nil, indexer.BadQueryf("to (%s) is before from (%s)", r.To, r.From)
		}
		out = append(out, fmt.Sprintf("date BETWEEN %d AND %d", lo, hi))
	}
	if r.RestrictIDs {
		if len(r.IDs) == 0 {
			out = append(out, "id = 0") // no document has key 0
		} else {
			keys := make([]string, len(r.IDs))
			for i, id := range r.IDs {
				keys[i] = strconv.FormatUint(docKey(id), 10)
			}
			out = append(out, "id IN ("+strings.Join(keys, ", ")+")")
		}
	}
	return out, nil
}

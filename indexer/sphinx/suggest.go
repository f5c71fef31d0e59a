package sphinx

import (
	"context"
	"strconv"
	"strings"

	"kamerzoek/indexer"
)

// Suggest completes prefix as the embedded index does: dossier numbers,
// document ids and titles, at most n (default 10), dossiers first.
func (b *Backend) Suggest(prefix string, n int) ([]indexer.Suggestion, error) {
	if n <= 0 {
		n = 10
	}
	out := []indexer.Suggestion{}
	p := strings.TrimSpace(prefix)
	if p == "" {
		return out, nil
	}
	compact := strings.ToLower(strings.NewReplacer(" ", "", "\u00a0", "", ".", "").Replace(p))
	var alts []string
	isID := indexer.IsIDPrefix(compact)
	if isID {
		if t := token(compact); t != "" {
			alts = append(alts, "(@ids "+t+"*)")
		}
	}
	ws := words(indexer.FoldString(p))
	if len(ws) > 0 {
		parts := make([]string, len(ws))
		for i, w := range ws {
			if i == len(ws)-1 {
				parts[i] = w + "*"
			} else {
				parts[i] = "=" + w
			}
		}
		alts = append(alts, "(@title "+strings.Join(parts, " ")+")")
	}
	if len(alts) == 0 {
		return out, nil
	}
	ctx := context.Background()
	type hit struct{ id, title, dossier, day string }
	var hits []hit
	var dossiers []indexer.FacetValue
	err := b.onNode(func(nd *node) error {
		conn, err := nd.db.Conn(ctx)
		if err != nil {
			return nd.err("suggest", err)
		}
		defer conn.Close()
		q := "SELECT sid, title_s, dossier, day FROM " + b.dist + " WHERE MATCH(?) ORDER BY WEIGHT() DESC, id ASC LIMIT " +
			strconv.Itoa(n) + " OPTION ranker=proximity_bm25 FACET dossier ORDER BY COUNT(*) DESC LIMIT " + strconv.Itoa(n+1)
		rows, err := conn.QueryContext(ctx, q, strings.Join(alts, " | "))
		if err != nil {
			return nd.err("suggest", err)
		}
		hits, dossiers = nil, nil
		for rows.Next() {
			var h hit
			if err := rows.Scan(&h.id, &h.title, &h.dossier, &h.day); err != nil {
				rows.Close()
				return nd.err("suggest", err)
			}
			hits = append(hits, h)
		}
		if rows.NextResultSet() {
			for rows.Next() {
				var v indexer.FacetValue
				if err := rows.Scan(&v.Value, &v.Count); err != nil {
					rows.Close()
					return nd.err("suggest", err)
				}
				dossiers = append(dossiers, v)
			}
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nd.err("suggest", err)
		}
		_, err = b.meta(ctx, conn, nd)
		return err
	})
	if err != nil {
		return nil, err
	}
	titles := map[string]string{}
	for _, h := range hits {
		if h.dossier != "" && titles[h.dossier] == "" {
			titles[h.dossier] = h.title
		}
	}
	if isID {
		for _, d := range dossiers {
			if d.Value == "" || !strings.HasPrefix(strings.ToLower(d.Value), compact) && !strings.HasPrefix(compact, "dossier-") {
				continue
			}
			label := d.Value
			if t := titles[d.Value]; t != "" {
				label += " " + t
			}
			out = append(out, indexer.Suggestion{Kind: "dossier", Value: d.Value, Label: label, Count: d.Count})
		}
	}
	seen := map[string]int{}
	var order []string
	for _, h := range hits {
		label := h.id
		if h.title != "" {
			label += " " + h.title
		}
		if h.day != "" {
			label += " (" + h.day + ")"
		}
		out = append(out, indexer.Suggestion{Kind: "document", Value: h.id, Label: label})
		if h.title != "" {
			if _, ok := seen[h.title]; !ok {
				order = append(order, h.title)
			}
			seen[h.title]++
		}
	}
	if !isID {
		for _, t := range order {
			out = append(out, indexer.Suggestion{Kind: "title", Value: t, Label: t, Count: seen[t]})
		}
	}
	if len(out) > n {
		out = out[:n]
	}
	return out, nil
}

// Stats counts documents by type, year and extractor version, and sums
// sections, footnotes and references, over the distributed index; the
// index size is what the nodes report for their shards.
func (b *Backend) Stats() (*indexer.Stats, error) {
	ctx := context.Background()
	st := &indexer.Stats{ByType: map[string]int{}, ByYear: map[string]int{}, Extractors: map[string]int{}, MappingVersion: indexer.MappingVersion}
	err := b.onNode(func(nd *node) error {
		conn, err := nd.db.Conn(ctx)
		if err != nil {
			return nd.err("stats", err)
		}
		defer conn.Close()
		group := func(attr string, fn func(k string, c, f, r, s int)) error {
			rows, err := conn.QueryContext(ctx, "SELECT "+attr+", COUNT(*) AS c, SUM(nfoot) AS f, SUM(nref) AS r, SUM(nsec) AS s FROM "+b.dist+
				" GROUP BY "+attr+" ORDER BY c DESC LIMIT 1000 OPTION max_matches=1000")
			if err != nil {
				return nd.err("stats", err)
			}
			for rows.Next() {
				var k string
				var c, f, r, s int
				if err := rows.Scan(&k, &c, &f, &r, &s); err != nil {
					rows.Close()
					return nd.err("stats", err)
				}
				fn(k, c, f, r, s)
			}
			err = rows.Err()
			rows.Close()
			if err != nil {
				return nd.err("stats", err)
			}
			_, err = b.meta(ctx, conn, nd)
			return err
		}
		unknown := func(k string) string {
			if k == "" {
				return "unknown"
			}
			return k
		}
		st.ByType, st.ByYear, st.Extractors = map[string]int{}, map[string]int{}, map[string]int{}
		st.Documents, st.Footnotes, st.References, st.Sections = 0, 0, 0, 0
		if err := group("year", func(k string, c, f, r, s int) {
			st.ByYear[unknown(k)] += c
			st.Documents += uint64(c)
			st.Footnotes += f
			st.References += r
			st.Sections += uint64(s)
		}); err != nil {
			return err
		}
		if err := group("type", func(k string, c, _, _, _ int) { st.ByType[unknown(k)] += c }); err != nil {
			return err
		}
		if err := group("extractor", func(k string, c, _, _, _ int) { st.Extractors[unknown(k)] += c }); err != nil {
			return err
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, mirrors := range b.c.shards {
		var size int64
		err := firstAnswer(mirrors, func(n *node) error {
			size = 0
			rows, err := n.db.QueryContext(ctx, "SHOW INDEX "+b.gen+" STATUS")
			if err != nil {
				return n.err("stats", err)
			}
			defer rows.Close()
			for rows.Next() {
				var k, v string
				if err := rows.Scan(&k, &v); err != nil {
					return n.err("stats", err)
				}
				if k == "disk_bytes" || k == "ram_bytes" {
					x, _ := strconv.ParseInt(v, 10, 64)
					size += x
				}
			}
			return n.err("stats", rows.Err())
		})
		if err != nil {
			return nil, err
		}
		st.IndexBytes += size
	}
	return st, nil
}

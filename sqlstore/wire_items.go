package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/analysis"
)

// The wire inbox: items of the feeds, each once, searched with the site's
// analysers.

const wireItemColumns = `i.id, COALESCE(i.feed_id, 0), i.source_id, i.lang, i.guid, i.link, i.title, i.summary, i.body, i.author,
	i.image_url, i.published_at, i.arrived_at, i.seen, COALESCE(i.story_id, 0), i.used_by, i.used_at`

func scanWireItem(r rowScanner) (*khabar.WireItem, error) {
	var it khabar.WireItem
	var published, arrived, used int64
	err := r.Scan(&it.ID, &it.FeedID, &it.SourceID, &it.Lang, &it.GUID, &it.Link, &it.Title, &it.Summary, &it.Body, &it.Author,
		&it.ImageURL, &published, &arrived, &it.Seen, &it.StoryID, &it.UsedBy, &used)
	if err != nil {
		return nil, err
	}
	it.PublishedAt, it.ArrivedAt, it.UsedAt = millisTime(published), millisTime(arrived), millisTime(used)
	return &it, nil
}

// insertWireItem adds an item unless the source already has one with its
// guid or its link; it reports whether it did.
func (db *DB) insertWireItem(ctx context.Context, tx *sql.Tx, it *khabar.WireItem, now time.Time) (bool, error) {
	published := it.PublishedAt
	if published.IsZero() || published.After(now) {
		published = now
	}
	err := tx.QueryRowContext(ctx, db.q(`INSERT INTO wire_items (feed_id, source_id, lang, guid, link, title, summary, body, author,
		image_url, published_at, arrived_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING id`),
		nullID(it.FeedID), it.SourceID, it.Lang, it.GUID, it.Link, it.Title, it.Summary, it.Body, it.Author, it.ImageURL,
		published.UnixMilli(), now.UnixMilli()).Scan(&it.ID)
	if err == sql.ErrNoRows {
		return false, nil // already in the inbox
	}
	if err != nil {
		return false, fmt.Errorf("adding a wire item: %w", err)
	}
	terms := map[string]bool{}
	a := analysis.For(it.Lang)
	for _, t := range a.IndexTerms(it.Title + "\n" + it.Summary) {
		terms[t] = true
	}
	for t := range terms {
		if _, err := tx.ExecContext(ctx, db.q(`INSERT INTO wire_terms (term, item_id) VALUES (?, ?)`), t, it.ID); err != nil {
			return false, fmt.Errorf("indexing a wire item: %w", err)
		}
	}
	return true, nil
}

// WireItem implements khabar.WireService.
func (db *DB) WireItem(ctx context.Context, id int64) (*khabar.WireItem, error) {
	it, err := scanWireItem(db.conn(ctx).QueryRowContext(ctx, db.q(`SELECT `+wireItemColumns+` FROM wire_items i WHERE i.id = ?`), id))
	if err != nil {
		return nil, notFound(err, "err.wire.item.not_found")
	}
	return it, nil
}

// WireItems implements khabar.WireService.
func (db *DB) WireItems(ctx context.Context, f khabar.WireFilter) ([]khabar.WireItem, int, error) {
	where, args := wireWhere(f)
	var total int
	if err := db.conn(ctx).QueryRowContext(ctx, db.q(`SELECT COUNT(*) FROM wire_items i WHERE `+where), args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("counting wire items: %w", err)
	}
	limit := f.Limit
	if limit <= 0 || limit > 200 {
		limit = 50
	}
	rows, err := db.conn(ctx).QueryContext(ctx, db.q(`SELECT `+wireItemColumns+` FROM wire_items i WHERE `+where+`
		ORDER BY i.published_at DESC, i.id DESC LIMIT ? OFFSET ?`), append(args, limit, max(f.Offset, 0))...)
	if err != nil {
		return nil, 0, fmt.Errorf("listing wire items: %w", err)
	}
	defer rows.Close()
	var out []khabar.WireItem
	for rows.Next() {
		it, err := scanWireItem(rows)
		if err != nil {
			return nil, 0, fmt.Errorf("listing wire items: %w", err)
		}
		out = append(out, *it)
	}
	return out, total, rows.Err()
}

// wireWhere turns a filter into the conditions on wire_items i. A query's
// words must each be among an item's terms (any of its alternatives, or a
// term that begins with the word being typed); the words of a phrase are
// looked for one by one, not side by side.
func wireWhere(f khabar.WireFilter) (string, []any) {
	conds, args := []string{"i.lang = ?"}, []any{f.Lang}
	if f.SourceID != 0 {
		conds, args = append(conds, "i.source_id = ?"), append(args, f.SourceID)
	}
	if f.StoryID != 0 {
		conds, args = append(conds, "i.story_id = ?"), append(args, f.StoryID)
	}
	switch f.Seen {
	case "seen":
		conds = append(conds, "i.seen = TRUE")
	case "unseen":
		conds = append(conds, "i.seen = FALSE")
	}
	q := analysis.ParseQuery(f.Query, analysis.For(f.Lang))
	if strings.TrimSpace(f.Query) != "" && q.Empty() {
		conds = append(conds, "1 = 0") // only stop words: nothing to find
	}
	for _, c := range q.Must {
		for _, w := range c.Words {
			cond, a := wireWord(w)
			conds, args = append(conds, cond), append(args, a...)
		}
	}
	for _, c := range q.Not {
		var all []string
		for _, w := range c.Words {
			cond, a := wireWord(w)
			all, args = append(all, cond), append(args, a...)
		}
		conds = append(conds, "NOT ("+strings.Join(all, " AND ")+")")
	}
	return strings.Join(conds, " AND "), args
}

// wireWord is the condition that an item has one of a query word's forms:
// its id among those the term index gives for them (read by term, so the
// cost follows the word's items, not the inbox's size).
func wireWord(w analysis.QueryWord) (string, []any) {
	var sets []string
	var args []any
	if len(w.Terms) > 0 {
		sets = append(sets, "SELECT item_id FROM wire_terms WHERE term IN ("+placeholders(len(w.Terms))+")")
		for _, t := range w.Terms {
			args = append(args, t)
		}
	}
	for _, p := range w.Prefixes {
		sets = append(sets, "SELECT item_id FROM wire_terms WHERE term >= ? AND term < ?")
		args = append(args, p, p+"\U0010FFFF")
	}
	if len(sets) == 0 {
		return "1 = 0", nil
	}
	return "i.id IN (" + strings.Join(sets, " UNION ") + ")", args
}

// UnseenWire implements khabar.WireService.
func (db *DB) UnseenWire(ctx context.Context) (map[string]int, error) {
	rows, err := db.conn(ctx).QueryContext(ctx, `SELECT lang, COUNT(*) FROM wire_items WHERE seen = FALSE GROUP BY lang`)
	if err != nil {
		return nil, fmt.Errorf("counting unseen wire items: %w", err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var l string
		var n int
		if err := rows.Scan(&l, &n); err != nil {
			return nil, err
		}
		out[l] = n
	}
	return out, rows.Err()
}

// MarkWireSeen implements khabar.Writer.
func (db *DB) MarkWireSeen(ctx context.Context, ids []int64, seen bool) (int, error) {
	if len(ids) == 0 {
		return 0, nil
	}
	var n int64
	err := db.inQuietTx(ctx, func(tx *sql.Tx) error {
		args := []any{seen, seen}
		for _, id := range ids {
			args = append(args, id)
		}
		res, err := tx.ExecContext(ctx, db.q(`UPDATE wire_items SET seen = ? WHERE seen <> ? AND id IN (`+placeholders(len(ids))+`)`), args...)
		if err != nil {
			return fmt.Errorf("marking wire items: %w", err)
		}
		n, _ = res.RowsAffected()
		return nil
	})
	return int(n), err
}

// UseWireItem implements khabar.Writer.
func (db *DB) UseWireItem(ctx context.Context, itemID, storyID, userID int64) error {
	return db.inQuietTx(ctx, func(tx *sql.Tx) error {
		var used sql.NullInt64
		err := tx.QueryRowContext(ctx, db.q(`SELECT story_id FROM wire_items WHERE id = ?`+db.d.forUpdate), itemID).Scan(&used)
		if err != nil {
			return notFound(err, "err.wire.item.not_found")
		}
		if used.Valid {
			return khabar.Conflict("item", "err.wire.item.used", "story", used.Int64)
		}
		_, err = tx.ExecContext(ctx, db.q(`UPDATE wire_items SET story_id = ?, used_by = ?, used_at = ?, seen = TRUE WHERE id = ?`),
			storyID, userID, db.nowMillis(), itemID)
		if err != nil {
			return fmt.Errorf("using a wire item: %w", err)
		}
		return nil
	})
}

// PruneWire implements khabar.WireQueue.
func (db *DB) PruneWire(ctx context.Context, before time.Time) (int, error) {
	var n int64
	err := db.inQuietTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, db.q(`DELETE FROM wire_items WHERE arrived_at < ? AND story_id IS NULL`), before.UnixMilli())
		if err != nil {
			return fmt.Errorf("pruning the wire: %w", err)
		}
		n, _ = res.RowsAffected()
		return nil
	})
	return int(n), err
}

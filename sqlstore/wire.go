package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/khabarnews/khabar"
)

// The wire desk's feeds. Nothing here is on a public page: every write is
// quiet (no page cache drops anything).

const wireFeedColumns = `id, source_id, url, lang, interval_s, paused, status, detail, checked_at, ok_at, failures,
	next_at, etag, last_modified, items, created_at`

func scanWireFeed(r rowScanner) (*khabar.WireFeed, error) {
	var f khabar.WireFeed
	var interval int64
	var checked, ok, next, created int64
	err := r.Scan(&f.ID, &f.SourceID, &f.URL, &f.Lang, &interval, &f.Paused, &f.Status, &f.Detail, &checked, &ok,
		&f.Failures, &next, &f.ETag, &f.LastModified, &f.Items, &created)
	if err != nil {
		return nil, err
	}
	f.Interval = time.Duration(interval) * time.Second
	f.CheckedAt, f.OKAt, f.NextAt, f.CreatedAt = millisTime(checked), millisTime(ok), millisTime(next), millisTime(created)
	return &f, nil
}

// millisTime reads a time stored in milliseconds; 0 is no time.
func millisTime(ms int64) time.Time {
	if ms == 0 {
		return time.Time{}
	}
	return time.UnixMilli(ms).UTC()
}

// timeMillis writes a time in milliseconds; no time is 0.
func timeMillis(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMilli()
}

// WireFeeds implements khabar.WireService.
func (db *DB) WireFeeds(ctx context.Context) ([]khabar.WireFeed, error) {
	rows, err := db.conn(ctx).QueryContext(ctx, `SELECT `+wireFeedColumns+` FROM wire_feeds ORDER BY source_id, url`)
	if err != nil {
		return nil, fmt.Errorf("listing feeds: %w", err)
	}
	defer rows.Close()
	var out []khabar.WireFeed
	for rows.Next() {
		f, err := scanWireFeed(rows)
		if err != nil {
			return nil, fmt.Errorf("listing feeds: %w", err)
		}
		out = append(out, *f)
	}
	return out, rows.Err()
}

// WireFeed implements khabar.WireService.
func (db *DB) WireFeed(ctx context.Context, id int64) (*khabar.WireFeed, error) {
	f, err := scanWireFeed(db.conn(ctx).QueryRowContext(ctx, db.q(`SELECT `+wireFeedColumns+` FROM wire_feeds WHERE id = ?`), id))
	if err != nil {
		return nil, notFound(err, "err.wire.feed.not_found")
	}
	return f, nil
}

// CreateWireFeed implements khabar.Writer; the feed is due at once.
func (db *DB) CreateWireFeed(ctx context.Context, f *khabar.WireFeed) error {
	if err := f.Validate(); err != nil {
		return err
	}
	return db.inQuietTx(ctx, func(tx *sql.Tx) error {
		now := db.now()
		err := tx.QueryRowContext(ctx, db.q(`INSERT INTO wire_feeds (source_id, url, lang, interval_s, paused, next_at, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`),
			f.SourceID, f.URL, f.Lang, int64(f.Interval/time.Second), f.Paused, now.UnixMilli(), now.UnixMilli()).Scan(&f.ID)
		if err != nil {
			return wireFeedError(err)
		}
		f.NextAt, f.CreatedAt = now.Truncate(time.Millisecond).UTC(), now.Truncate(time.Millisecond).UTC()
		return nil
	})
}

// wireFeedError names the constraint a feed write broke.
func wireFeedError(err error) error {
	switch {
	case isUniqueViolation(err):
		return khabar.Conflict("url", "err.wire.url.taken")
	case isForeignKeyViolation(err):
		return khabar.Invalid("source", "err.wire.source.required")
	}
	return fmt.Errorf("saving feed: %w", err)
}

// UpdateWireFeed implements khabar.Writer.
func (db *DB) UpdateWireFeed(ctx context.Context, f *khabar.WireFeed) error {
	if err := f.Validate(); err != nil {
		return err
	}
	return db.inQuietTx(ctx, func(tx *sql.Tx) error {
		var oldURL string
		if err := tx.QueryRowContext(ctx, db.q(`SELECT url FROM wire_feeds WHERE id = ?`+db.d.forUpdate), f.ID).Scan(&oldURL); err != nil {
			return notFound(err, "err.wire.feed.not_found")
		}
		query := `UPDATE wire_feeds SET source_id = ?, url = ?, lang = ?, interval_s = ?, paused = ?`
		args := []any{f.SourceID, f.URL, f.Lang, int64(f.Interval / time.Second), f.Paused}
		if oldURL != f.URL {
			// Another address is another feed: poll it now, from scratch.
			query += `, next_at = ?, etag = '', last_modified = '', failures = 0, status = '', detail = ''`
			args = append(args, db.nowMillis())
		}
		if _, err := tx.ExecContext(ctx, db.q(query+` WHERE id = ?`), append(args, f.ID)...); err != nil {
			return wireFeedError(err)
		}
		return nil
	})
}

// DeleteWireFeed implements khabar.Writer.
func (db *DB) DeleteWireFeed(ctx context.Context, id int64) error {
	return db.inQuietTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, db.q(`DELETE FROM wire_feeds WHERE id = ?`), id)
		if err != nil {
			return fmt.Errorf("deleting feed: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return khabar.NotFound("err.wire.feed.not_found")
		}
		return nil
	})
}

// ClaimWireFeed implements khabar.WireQueue. The feed is claimed by an
// update that checks again that it is due and unclaimed: on PostgreSQL two
// nodes that picked the same feed queue on its row, and the second finds
// the condition no longer true and claims nothing.
func (db *DB) ClaimWireFeed(ctx context.Context, node string, lease time.Duration) (*khabar.WireFeed, error) {
	now := db.nowMillis()
	var f *khabar.WireFeed
	err := db.inQuietTx(ctx, func(tx *sql.Tx) error {
		var id int64
		err := tx.QueryRowContext(ctx, db.q(`SELECT id FROM wire_feeds WHERE paused = FALSE AND next_at <= ? AND lease_until < ?
			ORDER BY next_at, id LIMIT 1`), now, now).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("finding a feed to poll: %w", err)
		}
		f, err = scanWireFeed(tx.QueryRowContext(ctx, db.q(`UPDATE wire_feeds SET lease_node = ?, lease_until = ?
			WHERE id = ? AND paused = FALSE AND next_at <= ? AND lease_until < ? RETURNING `+wireFeedColumns),
			node, now+lease.Milliseconds(), id, now, now))
		if errors.Is(err, sql.ErrNoRows) {
			f = nil // another node was first
			return nil
		}
		if err != nil {
			return fmt.Errorf("claiming a feed: %w", err)
		}
		return nil
	})
	return f, err
}

// SaveWirePoll implements khabar.WireQueue.
func (db *DB) SaveWirePoll(ctx context.Context, node string, p khabar.WirePoll) (int, error) {
	added := 0
	err := db.inQuietTx(ctx, func(tx *sql.Tx) error {
		var holder string
		var sourceID int64
		var lang string
		err := tx.QueryRowContext(ctx, db.q(`SELECT lease_node, source_id, lang FROM wire_feeds WHERE id = ?`+db.d.forUpdate), p.FeedID).
			Scan(&holder, &sourceID, &lang)
		if errors.Is(err, sql.ErrNoRows) {
			return nil // deleted meanwhile
		}
		if err != nil {
			return fmt.Errorf("saving a poll: %w", err)
		}
		if holder != node {
			return nil // the claim was lost: the node that holds it saves
		}
		now := db.now()
		for _, it := range p.Items {
			it.FeedID, it.SourceID, it.Lang = p.FeedID, sourceID, lang
			ok, err := db.insertWireItem(ctx, tx, &it, now)
			if err != nil {
				return err
			}
			if ok {
				added++
			}
		}
		query := `UPDATE wire_feeds SET status = ?, detail = ?, checked_at = ?, failures = ?, next_at = ?, items = items + ?,
			lease_node = '', lease_until = 0`
		args := []any{p.Status, p.Detail, now.UnixMilli(), p.Failures, timeMillis(p.NextAt), added}
		if p.Status == khabar.WireOK {
			query += `, ok_at = ?`
			args = append(args, now.UnixMilli())
		}
		if p.Status == khabar.WireOK && !p.NotModified {
			query += `, etag = ?, last_modified = ?`
			args = append(args, p.ETag, p.LastMod)
		}
		_, err = tx.ExecContext(ctx, db.q(query+` WHERE id = ?`), append(args, p.FeedID)...)
		if err != nil {
			return fmt.Errorf("saving a poll: %w", err)
		}
		return nil
	})
	return added, err
}

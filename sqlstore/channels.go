package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/khabarnews/khabar"
)

// Telegram channels and their posts. None of this is on a page of the
// site: the writes are quiet.

// Channels implements khabar.ChannelService.
func (db *DB) Channels(ctx context.Context) ([]khabar.Channel, error) {
	rows, err := db.conn(ctx).QueryContext(ctx, `SELECT lang, chat_id, auto_post FROM channels ORDER BY lang`)
	if err != nil {
		return nil, fmt.Errorf("reading channels: %w", err)
	}
	defer rows.Close()
	var out []khabar.Channel
	for rows.Next() {
		var c khabar.Channel
		if err := rows.Scan(&c.Lang, &c.ChatID, &c.AutoPost); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// SaveChannel implements khabar.Writer.
func (db *DB) SaveChannel(ctx context.Context, c khabar.Channel) error {
	if err := c.Validate(); err != nil {
		return err
	}
	return db.inQuietTx(ctx, func(tx *sql.Tx) error {
		var err error
		if c.ChatID == "" {
			_, err = tx.ExecContext(ctx, db.q(`DELETE FROM channels WHERE lang = ?`), c.Lang)
		} else {
			_, err = tx.ExecContext(ctx, db.q(`INSERT INTO channels (lang, chat_id, auto_post) VALUES (?, ?, ?)
				ON CONFLICT (lang) DO UPDATE SET chat_id = excluded.chat_id, auto_post = excluded.auto_post`), c.Lang, c.ChatID, c.AutoPost)
		}
		if err != nil {
			return fmt.Errorf("saving a channel: %w", err)
		}
		return nil
	})
}

const postColumns = `story_id, lang, chat_id, message_id, photo, want, state, op, revision, posted_revision, attempts,
	next_at, error, posted_at, updated_at`

func scanPost(r rowScanner) (*khabar.ChannelPost, error) {
	var p khabar.ChannelPost
	var next, posted, updated int64
	err := r.Scan(&p.StoryID, &p.Lang, &p.ChatID, &p.MessageID, &p.Photo, &p.Want, &p.State, &p.Op, &p.Revision, &p.PostedRevision,
		&p.Attempts, &next, &p.Error, &posted, &updated)
	if err != nil {
		return nil, err
	}
	p.NextAt, p.PostedAt, p.UpdatedAt = millisTime(next), millisTime(posted), millisTime(updated)
	return &p, nil
}

// ChannelPost implements khabar.ChannelService.
func (db *DB) ChannelPost(ctx context.Context, storyID int64, lang string) (*khabar.ChannelPost, error) {
	p, err := scanPost(db.conn(ctx).QueryRowContext(ctx, db.q(`SELECT `+postColumns+` FROM channel_posts WHERE story_id = ? AND lang = ?`), storyID, lang))
	if err != nil {
		return nil, notFound(err, "err.channel.post.not_found")
	}
	return p, nil
}

// ChannelPosts implements khabar.ChannelService.
func (db *DB) ChannelPosts(ctx context.Context, lang string, limit int) ([]khabar.ChannelPost, error) {
	if limit <= 0 || limit > 500 {
		limit = 50
	}
	rows, err := db.conn(ctx).QueryContext(ctx, db.q(`SELECT `+postColumns+` FROM channel_posts WHERE lang = ?
		ORDER BY updated_at DESC, story_id DESC LIMIT ?`), lang, limit)
	if err != nil {
		return nil, fmt.Errorf("listing posts: %w", err)
	}
	defer rows.Close()
	var out []khabar.ChannelPost
	for rows.Next() {
		p, err := scanPost(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *p)
	}
	return out, rows.Err()
}

// needsWork reports whether the channel does not show what it should.
func needsWork(p *khabar.ChannelPost) bool {
	if p.Want == khabar.WantDelete {
		return p.MessageID != 0
	}
	return p.MessageID == 0 || p.PostedRevision < p.Revision
}

// settled is the state of a post with nothing left to do.
func settled(p *khabar.ChannelPost) string {
	if p.Want == khabar.WantDelete {
		return khabar.PostDeleted
	}
	return khabar.PostPosted
}

// QueueChannelPost implements khabar.Writer.
func (db *DB) QueueChannelPost(ctx context.Context, c khabar.ChannelChange) error {
	return db.inQuietTx(ctx, func(tx *sql.Tx) error {
		now := db.nowMillis()
		p, err := scanPost(tx.QueryRowContext(ctx, db.q(`SELECT `+postColumns+` FROM channel_posts WHERE story_id = ? AND lang = ?`+db.d.forUpdate),
			c.StoryID, c.Lang))
		if errors.Is(err, sql.ErrNoRows) {
			if c.Op != khabar.OpPost {
				return nil // never posted: nothing to edit or delete
			}
			_, err = tx.ExecContext(ctx, db.q(`INSERT INTO channel_posts (story_id, lang, chat_id, want, state, revision, next_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?)`), c.StoryID, c.Lang, c.ChatID, khabar.WantPost, khabar.PostQueued, c.Revision, now, now)
			if err != nil {
				return fmt.Errorf("queueing a post: %w", err)
			}
			return nil
		}
		if err != nil {
			return fmt.Errorf("queueing a post: %w", err)
		}
		if !changePost(p, c) {
			return nil
		}
		_, err = tx.ExecContext(ctx, db.q(`UPDATE channel_posts SET chat_id = ?, message_id = ?, want = ?, state = ?, revision = ?,
			attempts = ?, next_at = ?, error = ?, updated_at = ? WHERE story_id = ? AND lang = ?`),
			p.ChatID, p.MessageID, p.Want, p.State, p.Revision, p.Attempts, now, p.Error, now, c.StoryID, c.Lang)
		if err != nil {
			return fmt.Errorf("queueing a post: %w", err)
		}
		return nil
	})
}

// changePost applies a change to a post and reports whether anything
// changed. A post being sent keeps its state: its sender queues it again
// when it finishes if there is more to do.
func changePost(p *khabar.ChannelPost, c khabar.ChannelChange) bool {
	switch c.Op {
	case khabar.OpPost, khabar.OpEdit:
		if c.Op == khabar.OpEdit && p.Want != khabar.WantPost {
			return false // withdrawn: an edit brings nothing back
		}
		p.Want, p.Revision = khabar.WantPost, max(p.Revision, c.Revision)
		if p.MessageID == 0 && c.ChatID != "" {
			p.ChatID = c.ChatID // nothing posted yet: the channel may have changed
		}
	case khabar.OpDelete:
		p.Want = khabar.WantDelete
	default:
		return false
	}
	switch p.State {
	case khabar.PostSending:
		return true
	case khabar.PostUncertain:
		if !c.Again || c.Op == khabar.OpDelete {
			return true // only an editor, who can look at the channel, may post it again
		}
		p.MessageID = 0
	case khabar.PostFailed:
		if c.Op == khabar.OpEdit && !c.Again {
			return true
		}
	}
	p.Attempts, p.Error = 0, ""
	p.State = settled(p)
	if needsWork(p) {
		p.State = khabar.PostQueued
	}
	return true
}

// ClaimChannelPost implements khabar.ChannelQueue.
func (db *DB) ClaimChannelPost(ctx context.Context, node string, lease time.Duration) (*khabar.ChannelPost, error) {
	var out *khabar.ChannelPost
	err := db.inQuietTx(ctx, func(tx *sql.Tx) error {
		now := db.nowMillis()
		// A first post whose sender died may be in the channel; anything
		// else is safe to do again.
		_, err := tx.ExecContext(ctx, db.q(`UPDATE channel_posts SET state = CASE WHEN op = ? THEN ? ELSE ? END,
			error = CASE WHEN op = ? THEN ? ELSE error END, lease_node = '', lease_until = 0, updated_at = ?
			WHERE state = ? AND lease_until < ?`),
			khabar.OpPost, khabar.PostUncertain, khabar.PostQueued, khabar.OpPost, "the sender stopped before Telegram answered",
			now, khabar.PostSending, now)
		if err != nil {
			return fmt.Errorf("finding lost posts: %w", err)
		}
		for range 100 {
			p, err := scanPost(tx.QueryRowContext(ctx, db.q(`SELECT `+postColumns+` FROM channel_posts WHERE state = ? AND next_at <= ?
				ORDER BY next_at, story_id, lang LIMIT 1`), khabar.PostQueued, now))
			if errors.Is(err, sql.ErrNoRows) {
				return nil
			}
			if err != nil {
				return fmt.Errorf("finding a post to send: %w", err)
			}
			p.Op = opFor(p)
			state := khabar.PostSending
			if p.Op == "" {
				state = settled(p) // nothing left to do
			}
			res, err := tx.ExecContext(ctx, db.q(`UPDATE channel_posts SET state = ?, op = ?, lease_node = ?, lease_until = ?, attempts = attempts + 1
				WHERE story_id = ? AND lang = ? AND state = ?`),
				state, p.Op, node, now+lease.Milliseconds(), p.StoryID, p.Lang, khabar.PostQueued)
			if err != nil {
				return fmt.Errorf("claiming a post: %w", err)
			}
			if n, _ := res.RowsAffected(); n == 0 || p.Op == "" {
				continue // another node was first, or nothing to do
			}
			p.State, p.Attempts = khabar.PostSending, p.Attempts+1
			out = p
			return nil
		}
		return nil
	})
	return out, err
}

// opFor is what a queued post needs.
func opFor(p *khabar.ChannelPost) string {
	switch {
	case p.Want == khabar.WantPost && p.MessageID == 0:
		return khabar.OpPost
	case p.Want == khabar.WantPost && p.PostedRevision < p.Revision:
		return khabar.OpEdit
	case p.Want == khabar.WantDelete && p.MessageID != 0:
		return khabar.OpDelete
	}
	return ""
}

// FinishChannelPost implements khabar.ChannelQueue.
func (db *DB) FinishChannelPost(ctx context.Context, node string, r khabar.ChannelResult) error {
	return db.inQuietTx(ctx, func(tx *sql.Tx) error {
		p, err := scanPost(tx.QueryRowContext(ctx, db.q(`SELECT `+postColumns+` FROM channel_posts WHERE story_id = ? AND lang = ?
			AND state = ? AND lease_node = ?`+db.d.forUpdate), r.StoryID, r.Lang, khabar.PostSending, node))
		if errors.Is(err, sql.ErrNoRows) {
			return nil // the claim was lost
		}
		if err != nil {
			return fmt.Errorf("finishing a post: %w", err)
		}
		now := db.nowMillis()
		next := now
		if r.Done {
			switch p.Op {
			case khabar.OpPost:
				p.MessageID, p.Photo, p.PostedRevision, p.PostedAt = r.MessageID, r.Photo, r.Revision, millisTime(now)
			case khabar.OpEdit:
				p.PostedRevision = max(p.PostedRevision, r.Revision)
			case khabar.OpDelete:
				p.MessageID = 0
			}
			p.Attempts, p.Error, p.State = 0, "", settled(p)
			if needsWork(p) {
				p.State = khabar.PostQueued
			}
		} else {
			p.State, p.Error, next = r.State, r.Error, timeMillis(r.NextAt)
		}
		_, err = tx.ExecContext(ctx, db.q(`UPDATE channel_posts SET message_id = ?, photo = ?, state = ?, posted_revision = ?, attempts = ?,
			next_at = ?, error = ?, posted_at = ?, lease_node = '', lease_until = 0, updated_at = ? WHERE story_id = ? AND lang = ?`),
			p.MessageID, p.Photo, p.State, p.PostedRevision, p.Attempts, next, p.Error, timeMillis(p.PostedAt), now, p.StoryID, p.Lang)
		if err != nil {
			return fmt.Errorf("finishing a post: %w", err)
		}
		return nil
	})
}

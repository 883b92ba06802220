package sqlstore

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/khabarnews/khabar"
)

// ExpireDue takes down the published versions whose expiry has come, in
// one write transaction; one already taken down by another caller is not
// returned again.
func (db *DB) ExpireDue(ctx context.Context) ([]khabar.Version, error) {
	var out []khabar.Version
	now := db.nowMillis()
	err := db.inTxTopics(ctx, func(tx *sql.Tx) ([]string, error) {
		// The stories first, in id order, as every story write locks them.
		ids, err := db.queryIDs(ctx, tx, `SELECT DISTINCT story_id FROM versions WHERE expires_at <= ? AND status = 'published' ORDER BY story_id`, now)
		if err != nil || len(ids) == 0 {
			return nil, err
		}
		args := []any{now, now}
		for _, id := range ids {
			if err := db.lockStory(ctx, tx, id); err != nil {
				return nil, err
			}
			args = append(args, id)
		}
		before := map[int64]storyState{}
		for _, id := range ids {
			if before[id], err = db.readStoryState(ctx, tx, id); err != nil {
				return nil, err
			}
		}
		rows, err := tx.QueryContext(ctx, db.q(`UPDATE versions SET status = 'unpublished', revision = revision + 1, updated_at = ?,
			expires_at = NULL, note = '', note_by = 0
			WHERE expires_at <= ? AND status = 'published' AND story_id IN (`+placeholders(len(ids))+`) RETURNING `+versionColumns), args...)
		if err != nil {
			return nil, fmt.Errorf("unpublishing expired versions: %w", err)
		}
		if out, err = scanVersions(rows); err != nil {
			return nil, err
		}
		langs := map[int64][]string{}
		for _, v := range out {
			_, err := tx.ExecContext(ctx, db.q(`INSERT INTO revisions (story_id, lang, number, title, slug, summary, body, status, user_id, created_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?)`), v.StoryID, v.Lang, v.Revision, v.Title, v.Slug, v.Summary, v.Body, string(v.Status), now)
			if err != nil {
				return nil, fmt.Errorf("saving revision: %w", err)
			}
			langs[v.StoryID] = append(langs[v.StoryID], v.Lang)
		}
		ts := topicSet{}
		for _, id := range ids {
			if langs[id] == nil {
				continue
			}
			after, err := db.readStoryState(ctx, tx, id)
			if err != nil {
				return nil, err
			}
			topics, err := db.storyChanged(ctx, tx, id, before[id], after, langs[id])
			if err != nil {
				return nil, err
			}
			ts.add(topics...)
		}
		return ts.list(), nil
	})
	return out, err
}

// AddCorrection stores a notice on a published version and marks the
// version changed now, so that its page, its feeds and its structured data
// say when it last changed.
func (db *DB) AddCorrection(ctx context.Context, c *khabar.Correction) error {
	if err := c.Validate(); err != nil {
		return err
	}
	now := db.nowMillis()
	return db.inTxTopics(ctx, func(tx *sql.Tx) ([]string, error) {
		return db.storyChange(ctx, tx, c.StoryID, []string{c.Lang}, func() error {
			var status string
			err := tx.QueryRowContext(ctx, db.q(`SELECT status FROM versions WHERE story_id = ? AND lang = ?`+db.d.forUpdate), c.StoryID, c.Lang).Scan(&status)
			if err != nil {
				return notFound(err, "err.version.not_found", "language", khabar.LangName(c.Lang))
			}
			if status != string(khabar.StatusPublished) {
				return khabar.Invalid("status", "err.correction.not_published")
			}
			c.At = fromMillis(now)
			err = tx.QueryRowContext(ctx, db.q(`INSERT INTO corrections (story_id, lang, kind, note, at, user_id) VALUES (?, ?, ?, ?, ?, ?) RETURNING id`),
				c.StoryID, c.Lang, string(c.Kind), c.Note, now, c.UserID).Scan(&c.ID)
			if err != nil {
				return fmt.Errorf("saving correction: %w", err)
			}
			_, err = tx.ExecContext(ctx, db.q(`UPDATE versions SET updated_at = ? WHERE story_id = ? AND lang = ?`), now, c.StoryID, c.Lang)
			return err
		})
	})
}

// Corrections returns the notices on a version, oldest first.
func (db *DB) Corrections(ctx context.Context, storyID int64, lang string) ([]khabar.Correction, error) {
	khabar.Depend(ctx, khabar.VersionTopic(storyID, lang))
	rows, err := db.conn(ctx).QueryContext(ctx, db.q(`SELECT id, story_id, lang, kind, note, at, user_id FROM corrections
		WHERE story_id = ? AND lang = ? ORDER BY at, id`), storyID, lang)
	if err != nil {
		return nil, fmt.Errorf("reading corrections: %w", err)
	}
	defer rows.Close()
	var out []khabar.Correction
	for rows.Next() {
		var c khabar.Correction
		var kind string
		var at int64
		if err := rows.Scan(&c.ID, &c.StoryID, &c.Lang, &kind, &c.Note, &at, &c.UserID); err != nil {
			return nil, fmt.Errorf("reading corrections: %w", err)
		}
		c.Kind, c.At = khabar.CorrectionKind(kind), fromMillis(at)
		out = append(out, c)
	}
	return out, rows.Err()
}

// MediaByKey returns the media stored under key, as its original or one of
// its variants.
func (db *DB) MediaByKey(ctx context.Context, key string) (*khabar.Media, error) {
	var id int64
	err := db.conn(ctx).QueryRowContext(ctx, db.q(`SELECT id FROM media WHERE key = ?
		UNION SELECT media_id FROM media_variants WHERE key = ?`), key, key).Scan(&id)
	if err != nil {
		return nil, notFound(err, "err.media.not_found")
	}
	return db.Media(ctx, id)
}

// MediaTextGaps lists the stories whose lead image lacks a text in lang.
func (db *DB) MediaTextGaps(ctx context.Context, lang string, limit int) ([]khabar.MediaGap, error) {
	if limit <= 0 {
		limit = 50
	}
	text := func(col string) string { return `COALESCE(` + fmt.Sprintf(db.d.jsonKey, col) + `, '')` }
	caption, credit, alt := text("m.caption"), text("m.credit"), text("m.alt")
	rows, err := db.conn(ctx).QueryContext(ctx, db.q(`SELECT s.id, v.title, m.id, s.original_lang, `+caption+`, `+credit+`, `+alt+`
		FROM stories s JOIN versions v ON v.story_id = s.id AND v.lang = ? JOIN media m ON m.id = s.lead_media_id
		WHERE `+caption+` = '' OR `+credit+` = '' OR `+alt+` = ''
		ORDER BY v.updated_at DESC, s.id DESC LIMIT ?`), lang, lang, lang, lang, lang, lang, lang, limit)
	if err != nil {
		return nil, fmt.Errorf("listing image texts missing: %w", err)
	}
	defer rows.Close()
	var out []khabar.MediaGap
	for rows.Next() {
		g := khabar.MediaGap{Lang: lang}
		var caption, credit, alt string
		if err := rows.Scan(&g.StoryID, &g.Title, &g.MediaID, &g.Original, &caption, &credit, &alt); err != nil {
			return nil, fmt.Errorf("listing image texts missing: %w", err)
		}
		g.Caption, g.Credit, g.Alt = caption != "", credit != "", alt != ""
		out = append(out, g)
	}
	return out, rows.Err()
}

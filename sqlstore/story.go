package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/khabarnews/khabar"
)

// CreateStory stores a story and its first versions in one transaction;
// their first revisions are credited to the user of khabar.WithActor.
func (db *DB) CreateStory(ctx context.Context, s *khabar.Story, versions []*khabar.Version) error {
	if len(versions) == 0 {
		return khabar.Invalid("versions", "err.versions.required")
	}
	seen := map[string]bool{}
	for _, v := range versions {
		if err := v.Validate(); err != nil {
			return err
		}
		if seen[v.Lang] {
			return khabar.Invalid("lang", "err.versions.twice", "language", khabar.LangName(v.Lang))
		}
		seen[v.Lang] = true
	}
	if s.OriginalLang == "" {
		s.OriginalLang = versions[0].Lang
	}
	now := db.nowMillis()
	return db.inTxTopics(ctx, func(tx *sql.Tx) ([]string, error) {
		s.CreatedAt, s.UpdatedAt, s.Revision = fromMillis(now), fromMillis(now), 1
		err := tx.QueryRowContext(ctx, db.q(`INSERT INTO stories (section_id, lead_media_id, source_id, original_lang, featured, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`),
			nullID(s.SectionID), nullID(s.LeadMediaID), nullID(s.SourceID), s.OriginalLang, s.Featured, now, now).Scan(&s.ID)
		if err != nil {
			return nil, storyRefError(err)
		}
		if err := db.setStoryLinks(ctx, tx, s); err != nil {
			return nil, err
		}
		for _, v := range versions {
			v.StoryID, v.Revision = s.ID, 0
			if err := db.saveVersion(ctx, tx, v, khabar.ActorID(ctx), now); err != nil {
				return nil, err
			}
		}
		// A new story in draft is on no public page: no topics.
		after, err := db.readStoryState(ctx, tx, s.ID)
		if err != nil {
			return nil, err
		}
		return db.storyChanged(ctx, tx, s.ID, storyState{}, after, nil)
	})
}

// storyRefError explains a foreign-key failure in editor's terms.
func storyRefError(err error) error {
	if isForeignKeyViolation(err) {
		return khabar.Invalid("story", "err.story.reference")
	}
	return fmt.Errorf("saving story: %w", err)
}

// UpdateStory saves a story's shared fields, tags and authors, refusing a
// change based on another revision than the current one.
func (db *DB) UpdateStory(ctx context.Context, s *khabar.Story) error {
	now := db.nowMillis()
	return db.inTxTopics(ctx, func(tx *sql.Tx) ([]string, error) {
		var current int64
		err := tx.QueryRowContext(ctx, db.q(`SELECT revision FROM stories WHERE id = ?`+db.d.forUpdate), s.ID).Scan(&current)
		if err != nil {
			return nil, notFound(err, "err.story.not_found")
		}
		if current != s.Revision {
			return nil, khabar.Conflict("story_revision", "err.story.conflict", "current", current, "base", s.Revision)
		}
		topics, err := db.storyChange(ctx, tx, s.ID, nil, func() error {
			_, err := tx.ExecContext(ctx, db.q(`UPDATE stories SET section_id = ?, lead_media_id = ?, source_id = ?, featured = ?, updated_at = ?, revision = ?
				WHERE id = ?`), nullID(s.SectionID), nullID(s.LeadMediaID), nullID(s.SourceID), s.Featured, now, current+1, s.ID)
			if err != nil {
				return storyRefError(err)
			}
			return db.setStoryLinks(ctx, tx, s)
		})
		if err != nil {
			return nil, err
		}
		s.UpdatedAt, s.Revision = fromMillis(now), current+1
		return topics, nil
	})
}

// setStoryLinks replaces the story's tags and authors.
func (db *DB) setStoryLinks(ctx context.Context, tx *sql.Tx, s *khabar.Story) error {
	for _, q := range []string{`DELETE FROM story_tags WHERE story_id = ?`, `DELETE FROM story_authors WHERE story_id = ?`} {
		if _, err := tx.ExecContext(ctx, db.q(q), s.ID); err != nil {
			return fmt.Errorf("saving story links: %w", err)
		}
	}
	for i, id := range dedupe(s.TagIDs) {
		if _, err := tx.ExecContext(ctx, db.q(`INSERT INTO story_tags (story_id, tag_id, position) VALUES (?, ?, ?)`), s.ID, id, i); err != nil {
			return storyRefError(err)
		}
	}
	for i, id := range dedupe(s.AuthorIDs) {
		if _, err := tx.ExecContext(ctx, db.q(`INSERT INTO story_authors (story_id, user_id, position) VALUES (?, ?, ?)`), s.ID, id, i); err != nil {
			return storyRefError(err)
		}
	}
	return nil
}

func dedupe(ids []int64) []int64 {
	seen := map[int64]bool{}
	var out []int64
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

// SaveVersion creates or updates a version, refusing stale revisions.
func (db *DB) SaveVersion(ctx context.Context, v *khabar.Version, userID int64) error {
	if err := v.Validate(); err != nil {
		return err
	}
	now := db.nowMillis()
	return db.inTxTopics(ctx, func(tx *sql.Tx) ([]string, error) {
		// Readers see a version only while it is published: saving a draft
		// (autosave every few seconds) touches no topic and leaves the
		// page caches alone.
		return db.storyChange(ctx, tx, v.StoryID, []string{v.Lang}, func() error {
			if err := db.saveVersion(ctx, tx, v, userID, now); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, db.q(`UPDATE stories SET updated_at = ? WHERE id = ?`), now, v.StoryID)
			return err
		})
	})
}

// saveVersion saves a version, refusing a stale revision. The note of a
// workflow move is kept with the status it brought: a save that leaves the
// status as it was keeps the version's note, and its revision has none.
func (db *DB) saveVersion(ctx context.Context, tx *sql.Tx, v *khabar.Version, userID, now int64) error {
	var current, contentRev, noteBy int64
	var title, summary, body, status, note string
	err := tx.QueryRowContext(ctx, db.q(`SELECT revision, content_revision, title, summary, body, status, note, note_by FROM versions
		WHERE story_id = ? AND lang = ?`+db.d.forUpdate), v.StoryID, v.Lang).Scan(&current, &contentRev, &title, &summary, &body, &status, &note, &noteBy)
	exists := err == nil
	if err != nil && err != sql.ErrNoRows {
		return fmt.Errorf("reading version: %w", err)
	}
	if v.Revision != current {
		return khabar.Conflict("revision", "err.version.conflict", "current", current, "base", v.Revision)
	}
	if v.Status == khabar.StatusPublished && v.PublishedAt.IsZero() {
		v.PublishedAt = fromMillis(now)
	}
	if v.Status == khabar.StatusPublished && millis(v.PublishedAt) > now {
		// A publication time still ahead is a schedule: the scheduler
		// publishes the version then, and the lists, their counts and the
		// page caches learn of it as of any publication.
		v.Status = khabar.StatusScheduled
	}
	v.Revision = current + 1
	v.UpdatedAt = fromMillis(now)
	v.ContentRevision = contentRev
	if !exists || v.Title != title || v.Summary != summary || v.Body != body {
		v.ContentRevision = v.Revision
	}
	revNote := v.Note
	if exists && string(v.Status) == status {
		v.Note, v.NoteBy, revNote = note, noteBy, ""
	} else if v.NoteBy = userID; v.Note == "" {
		v.NoteBy = 0
	}
	if exists {
		_, err = tx.ExecContext(ctx, db.q(`UPDATE versions SET title = ?, slug = ?, summary = ?, body = ?, status = ?,
			published_at = ?, updated_at = ?, revision = ?, synced_revision = ?, title_fold = ?, content_revision = ?,
			note = ?, note_by = ?, pending_revision = ?, pending_synced = ?, expires_at = ?, withdrawal_note = ?
			WHERE story_id = ? AND lang = ?`),
			v.Title, v.Slug, v.Summary, v.Body, string(v.Status), nullMillis(v.PublishedAt), now, v.Revision, v.SyncedRevision, strings.ToLower(v.Title),
			v.ContentRevision, v.Note, v.NoteBy, v.PendingRevision, v.PendingSynced, nullMillis(v.ExpiresAt), v.WithdrawalNote, v.StoryID, v.Lang)
	} else {
		_, err = tx.ExecContext(ctx, db.q(`INSERT INTO versions (story_id, lang, title, slug, summary, body, status, published_at, updated_at, revision, synced_revision, title_fold, content_revision,
			note, note_by, pending_revision, pending_synced, expires_at, withdrawal_note)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
			v.StoryID, v.Lang, v.Title, v.Slug, v.Summary, v.Body, string(v.Status), nullMillis(v.PublishedAt), now, v.Revision, v.SyncedRevision,
			strings.ToLower(v.Title), v.ContentRevision, v.Note, v.NoteBy, v.PendingRevision, v.PendingSynced, nullMillis(v.ExpiresAt), v.WithdrawalNote)
	}
	if err != nil {
		if isForeignKeyViolation(err) {
			return khabar.NotFound("err.story.not_found", "id", v.StoryID)
		}
		if isUniqueViolation(err) { // two people created the same language version at once
			return khabar.Conflict("revision", "err.version.created")
		}
		return fmt.Errorf("saving version: %w", err)
	}
	_, err = tx.ExecContext(ctx, db.q(`INSERT INTO revisions (story_id, lang, number, title, slug, summary, body, status, user_id, created_at, note)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
		v.StoryID, v.Lang, v.Revision, v.Title, v.Slug, v.Summary, v.Body, string(v.Status), userID, now, revNote)
	if err != nil {
		return fmt.Errorf("saving revision: %w", err)
	}
	if err := db.indexVersion(ctx, tx, v); err != nil {
		return err
	}
	return nil
}

// SavePending saves a change of a published version beside its live text.
func (db *DB) SavePending(ctx context.Context, p *khabar.Revision, base, synced int64) error {
	v := khabar.Version{StoryID: p.StoryID, Lang: p.Lang, Title: p.Title, Slug: p.Slug, Summary: p.Summary, Body: p.Body, Status: khabar.StatusPublished}
	if err := v.Validate(); err != nil {
		return err
	}
	now := db.nowMillis()
	// Readers see nothing of it: no topic.
	return db.inQuietTx(ctx, func(tx *sql.Tx) error {
		if err := db.lockStory(ctx, tx, p.StoryID); err != nil {
			return err
		}
		var current int64
		var status string
		err := tx.QueryRowContext(ctx, db.q(`SELECT revision, status FROM versions WHERE story_id = ? AND lang = ?`+db.d.forUpdate),
			p.StoryID, p.Lang).Scan(&current, &status)
		if err != nil {
			return notFound(err, "err.version.not_found", "language", khabar.LangName(p.Lang))
		}
		if base != current {
			return khabar.Conflict("revision", "err.version.conflict", "current", current, "base", base)
		}
		p.Number, p.Status, p.Pending, p.CreatedAt = current+1, khabar.Status(status), true, fromMillis(now)
		_, err = tx.ExecContext(ctx, db.q(`UPDATE versions SET revision = ?, pending_revision = ?, pending_synced = ? WHERE story_id = ? AND lang = ?`),
			p.Number, p.Number, synced, p.StoryID, p.Lang)
		if err != nil {
			return fmt.Errorf("saving a pending change: %w", err)
		}
		_, err = tx.ExecContext(ctx, db.q(`INSERT INTO revisions (story_id, lang, number, title, slug, summary, body, status, user_id, created_at, note, pending)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
			p.StoryID, p.Lang, p.Number, p.Title, p.Slug, p.Summary, p.Body, status, p.UserID, now, p.Note, true)
		if err != nil {
			return fmt.Errorf("saving revision: %w", err)
		}
		return nil
	})
}

// Story returns a story's shared fields, tags and authors.
func (db *DB) Story(ctx context.Context, id int64) (*khabar.Story, error) {
	khabar.Depend(ctx, khabar.StoryTopic(id))
	var s khabar.Story
	var section, media, source sql.NullInt64
	var created, updated int64
	err := db.conn(ctx).QueryRowContext(ctx, db.q(`SELECT id, section_id, lead_media_id, source_id, original_lang, featured, revision, created_at, updated_at
		FROM stories WHERE id = ?`), id).Scan(&s.ID, &section, &media, &source, &s.OriginalLang, &s.Featured, &s.Revision, &created, &updated)
	if err != nil {
		return nil, notFound(err, "err.story.not_found")
	}
	s.SectionID, s.LeadMediaID, s.SourceID = section.Int64, media.Int64, source.Int64
	s.CreatedAt, s.UpdatedAt = fromMillis(created), fromMillis(updated)
	if s.TagIDs, err = db.queryIDs(ctx, db.conn(ctx), `SELECT tag_id FROM story_tags WHERE story_id = ? ORDER BY position`, id); err != nil {
		return nil, err
	}
	if s.AuthorIDs, err = db.queryIDs(ctx, db.conn(ctx), `SELECT user_id FROM story_authors WHERE story_id = ? ORDER BY position`, id); err != nil {
		return nil, err
	}
	return &s, nil
}

// CountStories counts every story, drafts and scheduled ones included.
func (db *DB) CountStories(ctx context.Context) (int, error) {
	var n int
	if err := db.conn(ctx).QueryRowContext(ctx, `SELECT COUNT(*) FROM stories`).Scan(&n); err != nil {
		return 0, fmt.Errorf("counting stories: %w", err)
	}
	return n, nil
}

// queryIDs runs a query of one integer column, on the pool or in a
// transaction.
func (db *DB) queryIDs(ctx context.Context, q queryer, query string, args ...any) ([]int64, error) {
	rows, err := q.QueryContext(ctx, db.q(query), args...)
	if err != nil {
		return nil, fmt.Errorf("reading ids: %w", err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("reading ids: %w", err)
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

const versionColumns = `story_id, lang, title, slug, summary, body, status, published_at, updated_at, revision, synced_revision, content_revision,
	note, note_by, pending_revision, pending_synced, expires_at, withdrawal_note`

func scanVersion(row rowScanner) (*khabar.Version, error) {
	var v khabar.Version
	var status string
	var published, expires sql.NullInt64
	var updated int64
	if err := row.Scan(&v.StoryID, &v.Lang, &v.Title, &v.Slug, &v.Summary, &v.Body, &status, &published, &updated, &v.Revision, &v.SyncedRevision, &v.ContentRevision,
		&v.Note, &v.NoteBy, &v.PendingRevision, &v.PendingSynced, &expires, &v.WithdrawalNote); err != nil {
		return nil, err
	}
	v.Status = khabar.Status(status)
	v.PublishedAt, v.UpdatedAt, v.ExpiresAt = fromNullMillis(published), fromMillis(updated), fromNullMillis(expires)
	return &v, nil
}

// Versions returns every language version of a story, in any status.
func (db *DB) Versions(ctx context.Context, storyID int64) ([]khabar.Version, error) {
	rows, err := db.conn(ctx).QueryContext(ctx, db.q(`SELECT `+versionColumns+` FROM versions WHERE story_id = ? ORDER BY lang`), storyID)
	if err != nil {
		return nil, fmt.Errorf("listing versions: %w", err)
	}
	out, err := scanVersions(rows)
	if err != nil {
		return nil, fmt.Errorf("listing versions: %w", err)
	}
	return out, nil
}

// scanVersions reads every version rows holds (versionColumns) and
// closes rows.
func scanVersions(rows *sql.Rows) ([]khabar.Version, error) {
	defer rows.Close()
	var out []khabar.Version
	for rows.Next() {
		v, err := scanVersion(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *v)
	}
	return out, rows.Err()
}

// Revisions returns every saved state of a version, oldest first.
func (db *DB) Revisions(ctx context.Context, storyID int64, lang string) ([]khabar.Revision, error) {
	rows, err := db.conn(ctx).QueryContext(ctx, db.q(`SELECT story_id, lang, number, title, slug, summary, body, status, user_id, created_at, note, pending
		FROM revisions WHERE story_id = ? AND lang = ? ORDER BY number`), storyID, lang)
	if err != nil {
		return nil, fmt.Errorf("listing revisions: %w", err)
	}
	defer rows.Close()
	var out []khabar.Revision
	for rows.Next() {
		var r khabar.Revision
		var status string
		var created int64
		if err := rows.Scan(&r.StoryID, &r.Lang, &r.Number, &r.Title, &r.Slug, &r.Summary, &r.Body, &status, &r.UserID, &created, &r.Note, &r.Pending); err != nil {
			return nil, fmt.Errorf("listing revisions: %w", err)
		}
		r.Status, r.CreatedAt = khabar.Status(status), fromMillis(created)
		out = append(out, r)
	}
	return out, rows.Err()
}

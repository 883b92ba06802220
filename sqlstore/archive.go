package sqlstore

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/khabarnews/khabar"
)

// The reads of an archive: the whole site, a batch at a time, in id order,
// so that an export of a hundred thousand stories reads a few queries per
// thousand of them and never holds them all.

// ArchiveStories returns up to limit stories with ids above after, in id
// order, each with its tags, authors, versions and every revision.
func (db *DB) ArchiveStories(ctx context.Context, after int64, limit int) ([]khabar.ImportedStory, error) {
	c := db.conn(ctx)
	rows, err := c.QueryContext(ctx, db.q(`SELECT id, section_id, lead_media_id, source_id, original_lang, featured, revision, created_at, updated_at
		FROM stories WHERE id > ? ORDER BY id LIMIT ?`), after, limit)
	if err != nil {
		return nil, fmt.Errorf("reading stories: %w", err)
	}
	var out []khabar.ImportedStory
	index := map[int64]int{}
	for rows.Next() {
		var s khabar.Story
		var section, media, source sql.NullInt64
		var created, updated int64
		if err := rows.Scan(&s.ID, &section, &media, &source, &s.OriginalLang, &s.Featured, &s.Revision, &created, &updated); err != nil {
			rows.Close()
			return nil, fmt.Errorf("reading stories: %w", err)
		}
		s.SectionID, s.LeadMediaID, s.SourceID = section.Int64, media.Int64, source.Int64
		s.CreatedAt, s.UpdatedAt = fromMillis(created), fromMillis(updated)
		index[s.ID] = len(out)
		out = append(out, khabar.ImportedStory{Story: &s, Revisions: []khabar.Revision{}})
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(out) == 0 {
		return out, err
	}
	first, last := out[0].Story.ID, out[len(out)-1].Story.ID
	if err := db.archiveLinks(ctx, c, first, last, out, index); err != nil {
		return nil, err
	}
	if err := db.archiveVersions(ctx, c, first, last, out, index); err != nil {
		return nil, err
	}
	if err := db.archiveRevisions(ctx, c, first, last, out, index); err != nil {
		return nil, err
	}
	return out, db.archiveCorrections(ctx, c, first, last, out, index)
}

func (db *DB) archiveLinks(ctx context.Context, c dbConn, first, last int64, out []khabar.ImportedStory, index map[int64]int) error {
	for _, q := range []struct {
		sql string
		add func(s *khabar.Story, id int64)
	}{
		{`SELECT story_id, tag_id FROM story_tags WHERE story_id BETWEEN ? AND ? ORDER BY story_id, position`,
			func(s *khabar.Story, id int64) { s.TagIDs = append(s.TagIDs, id) }},
		{`SELECT story_id, user_id FROM story_authors WHERE story_id BETWEEN ? AND ? ORDER BY story_id, position`,
			func(s *khabar.Story, id int64) { s.AuthorIDs = append(s.AuthorIDs, id) }},
	} {
		rows, err := c.QueryContext(ctx, db.q(q.sql), first, last)
		if err != nil {
			return fmt.Errorf("reading story links: %w", err)
		}
		for rows.Next() {
			var story, id int64
			if err := rows.Scan(&story, &id); err != nil {
				rows.Close()
				return fmt.Errorf("reading story links: %w", err)
			}
			q.add(out[index[story]].Story, id)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	return nil
}

func (db *DB) archiveVersions(ctx context.Context, c dbConn, first, last int64, out []khabar.ImportedStory, index map[int64]int) error {
	rows, err := c.QueryContext(ctx, db.q(`SELECT `+versionColumns+` FROM versions WHERE story_id BETWEEN ? AND ? ORDER BY story_id, lang`), first, last)
	if err != nil {
		return fmt.Errorf("reading versions: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		v, err := scanVersion(rows)
		if err != nil {
			return fmt.Errorf("reading versions: %w", err)
		}
		s := &out[index[v.StoryID]]
		s.Versions = append(s.Versions, v)
	}
	return rows.Err()
}

func (db *DB) archiveRevisions(ctx context.Context, c dbConn, first, last int64, out []khabar.ImportedStory, index map[int64]int) error {
	rows, err := c.QueryContext(ctx, db.q(`SELECT story_id, lang, number, title, slug, summary, body, status, user_id, created_at, note, pending
		FROM revisions WHERE story_id BETWEEN ? AND ? ORDER BY story_id, lang, number`), first, last)
	if err != nil {
		return fmt.Errorf("reading revisions: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var r khabar.Revision
		var status string
		var created int64
		if err := rows.Scan(&r.StoryID, &r.Lang, &r.Number, &r.Title, &r.Slug, &r.Summary, &r.Body, &status, &r.UserID, &created, &r.Note, &r.Pending); err != nil {
			return fmt.Errorf("reading revisions: %w", err)
		}
		r.Status, r.CreatedAt = khabar.Status(status), fromMillis(created)
		s := &out[index[r.StoryID]]
		s.Revisions = append(s.Revisions, r)
	}
	return rows.Err()
}

func (db *DB) archiveCorrections(ctx context.Context, c dbConn, first, last int64, out []khabar.ImportedStory, index map[int64]int) error {
	rows, err := c.QueryContext(ctx, db.q(`SELECT id, story_id, lang, kind, note, at, user_id FROM corrections
		WHERE story_id BETWEEN ? AND ? ORDER BY story_id, id`), first, last)
	if err != nil {
		return fmt.Errorf("reading corrections: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var k khabar.Correction
		var kind string
		var at int64
		if err := rows.Scan(&k.ID, &k.StoryID, &k.Lang, &kind, &k.Note, &at, &k.UserID); err != nil {
			return fmt.Errorf("reading corrections: %w", err)
		}
		k.Kind, k.At = khabar.CorrectionKind(kind), fromMillis(at)
		s := &out[index[k.StoryID]]
		s.Corrections = append(s.Corrections, k)
	}
	return rows.Err()
}

// ArchiveSubscribers returns up to limit subscribers with ids above after,
// in id order.
func (db *DB) ArchiveSubscribers(ctx context.Context, after int64, limit int) ([]khabar.Subscriber, error) {
	rows, err := db.conn(ctx).QueryContext(ctx, db.q(`SELECT `+subscriberColumns+` FROM subscribers WHERE id > ? ORDER BY id LIMIT ?`), after, limit)
	if err != nil {
		return nil, fmt.Errorf("reading subscribers: %w", err)
	}
	defer rows.Close()
	var out []khabar.Subscriber
	for rows.Next() {
		s, err := scanSubscriber(rows)
		if err != nil {
			return nil, fmt.Errorf("reading subscribers: %w", err)
		}
		out = append(out, *s)
	}
	return out, rows.Err()
}

// ArchiveChannelPosts returns up to limit channel posts after the post of
// story after in language afterLang, in (story, language) order.
func (db *DB) ArchiveChannelPosts(ctx context.Context, after int64, afterLang string, limit int) ([]khabar.ChannelPost, error) {
	rows, err := db.conn(ctx).QueryContext(ctx, db.q(`SELECT `+postColumns+` FROM channel_posts
		WHERE story_id > ? OR (story_id = ? AND lang > ?) ORDER BY story_id, lang LIMIT ?`), after, after, afterLang, limit)
	if err != nil {
		return nil, fmt.Errorf("reading channel posts: %w", err)
	}
	defer rows.Close()
	var out []khabar.ChannelPost
	for rows.Next() {
		p, err := scanPost(rows)
		if err != nil {
			return nil, fmt.Errorf("reading channel posts: %w", err)
		}
		out = append(out, *p)
	}
	return out, rows.Err()
}

// ArchiveAudit returns up to limit audit entries with ids above after,
// oldest first.
func (db *DB) ArchiveAudit(ctx context.Context, after int64, limit int) ([]khabar.AuditEntry, error) {
	rows, err := db.conn(ctx).QueryContext(ctx, db.q(`SELECT id, at, user_id, action, object, detail FROM audit_log WHERE id > ? ORDER BY id LIMIT ?`), after, limit)
	if err != nil {
		return nil, fmt.Errorf("reading audit log: %w", err)
	}
	defer rows.Close()
	var out []khabar.AuditEntry
	for rows.Next() {
		var e khabar.AuditEntry
		var at int64
		if err := rows.Scan(&e.ID, &at, &e.UserID, &e.Action, &e.Object, &e.Detail); err != nil {
			return nil, fmt.Errorf("reading audit log: %w", err)
		}
		e.At = fromMillis(at)
		out = append(out, e)
	}
	return out, rows.Err()
}

// ArchiveRedirects returns up to limit redirects with ids above after, in
// id order.
func (db *DB) ArchiveRedirects(ctx context.Context, after int64, limit int) ([]khabar.Redirect, error) {
	rows, err := db.conn(ctx).QueryContext(ctx, db.q(`SELECT `+redirectColumns+` FROM redirects WHERE id > ? ORDER BY id LIMIT ?`), after, limit)
	if err != nil {
		return nil, fmt.Errorf("reading redirects: %w", err)
	}
	defer rows.Close()
	var out []khabar.Redirect
	for rows.Next() {
		r, err := scanRedirect(rows)
		if err != nil {
			return nil, fmt.Errorf("reading redirects: %w", err)
		}
		out = append(out, *r)
	}
	return out, rows.Err()
}

// ArchiveMedia returns up to limit media records with ids above after, in
// id order, with their variants.
func (db *DB) ArchiveMedia(ctx context.Context, after int64, limit int) ([]khabar.Media, error) {
	rows, err := db.conn(ctx).QueryContext(ctx, db.q(`SELECT `+mediaColumns+` FROM media WHERE id > ? ORDER BY id LIMIT ?`), after, limit)
	if err != nil {
		return nil, fmt.Errorf("reading media: %w", err)
	}
	defer rows.Close()
	var out []khabar.Media
	for rows.Next() {
		m, err := scanMedia(rows)
		if err != nil {
			return nil, fmt.Errorf("reading media: %w", err)
		}
		out = append(out, *m)
	}
	return out, rows.Err()
}

package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"maps"
	"strings"

	"github.com/khabarnews/khabar"
)

// AdminList lists versions in any status, in the order f asks for.
func (db *DB) AdminList(ctx context.Context, f khabar.AdminFilter) ([]khabar.AdminRow, int, error) {
	if f.Limit <= 0 || f.Limit > 200 {
		f.Limit = 50
	}
	if _, ok := adminOrders[f.Order]; !ok {
		f.Order = khabar.OrderUpdated
	}
	var where strings.Builder
	var args []any
	where.WriteString(` FROM versions v JOIN stories s ON s.id = v.story_id
		LEFT JOIN versions o ON o.story_id = v.story_id AND o.lang = s.original_lang WHERE 1 = 1`)
	if f.Lang != "" {
		where.WriteString(` AND v.lang = ?`)
		args = append(args, f.Lang)
	}
	if f.SectionID != 0 {
		where.WriteString(` AND s.section_id = ?`)
		args = append(args, f.SectionID)
	}
	if f.Status != "" {
		where.WriteString(` AND v.status = ?`)
		args = append(args, string(f.Status))
	}
	if f.AuthorID != 0 {
		where.WriteString(` AND v.story_id IN (SELECT story_id FROM story_authors WHERE user_id = ?)`)
		args = append(args, f.AuthorID)
	}
	if f.Pending {
		where.WriteString(` AND v.pending_revision <> 0`)
	}
	if q := strings.TrimSpace(f.Query); q != "" {
		where.WriteString(` AND v.title_fold LIKE ? ESCAPE '\'`)
		args = append(args, "%"+likeEscape(strings.ToLower(q))+"%")
	}
	var total int
	if err := db.conn(ctx).QueryRowContext(ctx, db.q(`SELECT COUNT(*)`+where.String()), args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("counting stories: %w", err)
	}
	rows, err := db.conn(ctx).QueryContext(ctx, db.q(`SELECT v.story_id, v.lang, v.title, v.slug, v.summary, '', v.status, v.published_at,
		v.updated_at, v.revision, v.synced_revision, COALESCE(s.section_id, 0), s.original_lang, COALESCE(o.content_revision, 0),
		v.note, v.note_by, v.pending_revision, v.pending_synced`+where.String()+
		` ORDER BY `+adminOrders[f.Order]+` LIMIT ? OFFSET ?`), append(args, f.Limit, f.Offset)...)
	if err != nil {
		return nil, 0, fmt.Errorf("listing stories: %w", err)
	}
	defer rows.Close()
	var out []khabar.AdminRow
	for rows.Next() {
		var r khabar.AdminRow
		var status string
		var published sql.NullInt64
		var updated, originalRev int64
		if err := rows.Scan(&r.StoryID, &r.Lang, &r.Title, &r.Slug, &r.Summary, &r.Body, &status, &published, &updated,
			&r.Revision, &r.SyncedRevision, &r.SectionID, &r.OriginalLang, &originalRev, &r.Note, &r.NoteBy, &r.PendingRevision, &r.PendingSynced); err != nil {
			return nil, 0, fmt.Errorf("listing stories: %w", err)
		}
		r.Status, r.PublishedAt, r.UpdatedAt = khabar.Status(status), fromNullMillis(published), fromMillis(updated)
		r.Outdated = r.Version.Outdated(r.OriginalLang, originalRev)
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	rows.Close()
	for i := range out {
		if out[i].AuthorIDs, err = db.queryIDs(ctx, db.conn(ctx), `SELECT user_id FROM story_authors WHERE story_id = ? ORDER BY position`, out[i].StoryID); err != nil {
			return nil, 0, err
		}
	}
	return out, total, nil
}

// adminOrders are the ORDER BY clauses of AdminList's orders.
var adminOrders = map[khabar.AdminOrder]string{
	khabar.OrderUpdated:   `v.updated_at DESC, v.story_id DESC, v.lang`,
	khabar.OrderPublished: `v.published_at DESC, v.story_id DESC, v.lang`,
	khabar.OrderSchedule:  `v.published_at, v.story_id, v.lang`,
}

func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// Revision returns one saved state of a version.
func (db *DB) Revision(ctx context.Context, storyID int64, lang string, number int64) (*khabar.Revision, error) {
	revs, err := db.Revisions(ctx, storyID, lang)
	if err != nil {
		return nil, err
	}
	for _, r := range revs {
		if r.Number == number {
			return &r, nil
		}
	}
	return nil, khabar.NotFound("err.revision.not_found", "number", number)
}

// AnyDue reports whether a scheduled version's time has come. Most times
// the scheduler looks, none has: a read tells it, so that it takes no
// write lock every few seconds.
func (db *DB) AnyDue(ctx context.Context) (bool, error) {
	var due int
	now := db.nowMillis()
	err := db.conn(ctx).QueryRowContext(ctx, db.q(`SELECT COUNT(*) FROM (SELECT 1 FROM versions WHERE status = 'scheduled' AND published_at <= ?
		UNION ALL SELECT 1 FROM versions WHERE expires_at <= ? AND status = 'published' LIMIT 1) d`), now, now).Scan(&due)
	if err != nil {
		return false, fmt.Errorf("looking for due versions: %w", err)
	}
	return due > 0, nil
}

// PublishDue flips due scheduled versions to published in one write
// transaction; a version already flipped by another caller is not returned
// again, so each is published exactly once.
func (db *DB) PublishDue(ctx context.Context) ([]khabar.Version, error) {
	var out []khabar.Version
	now := db.nowMillis()
	err := db.inTxTopics(ctx, func(tx *sql.Tx) ([]string, error) {
		// The stories first, in id order, as every story write locks its
		// story before its versions: their counts move from a state no
		// other write changes meanwhile.
		ids, err := db.queryIDs(ctx, tx, `SELECT DISTINCT story_id FROM versions WHERE status = 'scheduled' AND published_at <= ? ORDER BY story_id`, now)
		if err != nil {
			return nil, err
		}
		if len(ids) == 0 {
			return nil, nil
		}
		args := []any{now, now}
		for _, id := range ids {
			if err := db.lockStory(ctx, tx, id); err != nil {
				return nil, err
			}
			args = append(args, id)
		}
		rows, err := tx.QueryContext(ctx, db.q(`UPDATE versions SET status = 'published', revision = revision + 1, updated_at = ?, note = '', note_by = 0
			WHERE status = 'scheduled' AND published_at <= ? AND story_id IN (`+placeholders(len(ids))+`) RETURNING `+versionColumns), args...)
		if err != nil {
			return nil, fmt.Errorf("publishing scheduled versions: %w", err)
		}
		if out, err = scanVersions(rows); err != nil {
			return nil, err
		}
		due := map[int64][]string{} // the languages published now, by story
		var order []int64
		for _, v := range out {
			_, err := tx.ExecContext(ctx, db.q(`INSERT INTO revisions (story_id, lang, number, title, slug, summary, body, status, user_id, created_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?)`), v.StoryID, v.Lang, v.Revision, v.Title, v.Slug, v.Summary, v.Body, string(v.Status), now)
			if err != nil {
				return nil, fmt.Errorf("saving revision: %w", err)
			}
			if due[v.StoryID] == nil {
				order = append(order, v.StoryID)
			}
			due[v.StoryID] = append(due[v.StoryID], v.Lang)
		}
		ts := topicSet{}
		for _, id := range order {
			// The versions were scheduled, on no public page, until now.
			after, err := db.readStoryState(ctx, tx, id)
			if err != nil {
				return nil, err
			}
			before := after
			before.versions = maps.Clone(after.versions)
			for _, l := range due[id] {
				before.versions[l] = versionState{}
			}
			topics, err := db.storyChanged(ctx, tx, id, before, after, due[id])
			if err != nil {
				return nil, err
			}
			ts.add(topics...)
		}
		return ts.list(), nil
	})
	return out, err
}

// outdatedSQL is khabar.Version.Outdated for a translation v of the
// original o, written in SQL for the lists that filter on it before they
// page; storetest checks that the two agree.
const outdatedSQL = `(o.content_revision > v.synced_revision AND (v.pending_revision = 0 OR o.content_revision > v.pending_synced))`

// TranslationGaps lists stories missing or outdated in lang, newest first.
func (db *DB) TranslationGaps(ctx context.Context, lang string, limit int) ([]khabar.Gap, error) {
	if limit <= 0 {
		limit = 50
	}
	rows, err := db.conn(ctx).QueryContext(ctx, db.q(`SELECT s.id, s.original_lang, o.title, o.updated_at, v.story_id IS NULL,
		COALESCE(v.pending_revision, 0) <> 0
		FROM stories s JOIN versions o ON o.story_id = s.id AND o.lang = s.original_lang
		LEFT JOIN versions v ON v.story_id = s.id AND v.lang = ?
		WHERE s.original_lang <> ? AND (v.story_id IS NULL OR `+outdatedSQL+`)
		ORDER BY o.updated_at DESC, s.id DESC LIMIT ?`), lang, lang, limit)
	if err != nil {
		return nil, fmt.Errorf("listing translation gaps: %w", err)
	}
	defer rows.Close()
	var out []khabar.Gap
	for rows.Next() {
		var g khabar.Gap
		var updated int64
		if err := rows.Scan(&g.StoryID, &g.OriginalLang, &g.Title, &updated, &g.Missing, &g.Pending); err != nil {
			return nil, fmt.Errorf("listing translation gaps: %w", err)
		}
		g.UpdatedAt = fromMillis(updated)
		out = append(out, g)
	}
	return out, rows.Err()
}

// Audit appends an entry to the audit log.
func (db *DB) Audit(ctx context.Context, e *khabar.AuditEntry) error {
	if err := e.Validate(); err != nil {
		return err
	}
	changes := ""
	if len(e.Changes) > 0 {
		b, err := json.Marshal(e.Changes)
		if err != nil {
			return fmt.Errorf("writing audit log: %w", err)
		}
		changes = string(b)
	}
	e.At = fromMillis(db.nowMillis())
	return db.inQuietTx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, db.q(`INSERT INTO audit_log (at, user_id, action, object, detail, changes) VALUES (?, ?, ?, ?, ?, ?) RETURNING id`),
			millis(e.At), e.UserID, e.Action, e.Object, e.Detail, changes).Scan(&e.ID)
		if err != nil {
			return fmt.Errorf("writing audit log: %w", err)
		}
		return nil
	})
}

// AuditLog returns the entries f selects, newest first, and their count.
func (db *DB) AuditLog(ctx context.Context, f khabar.AuditFilter) ([]khabar.AuditEntry, int, error) {
	if f.Limit <= 0 || f.Limit > 500 {
		f.Limit = 100
	}
	where, args := auditWhere(f)
	var total int
	if err := db.conn(ctx).QueryRowContext(ctx, db.q(`SELECT COUNT(*) FROM audit_log`+where), args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("counting audit log: %w", err)
	}
	rows, err := db.conn(ctx).QueryContext(ctx, db.q(`SELECT id, at, user_id, action, object, detail, changes FROM audit_log`+where+
		` ORDER BY id DESC LIMIT ? OFFSET ?`), append(args, f.Limit, max(f.Offset, 0))...)
	if err != nil {
		return nil, 0, fmt.Errorf("reading audit log: %w", err)
	}
	defer rows.Close()
	var out []khabar.AuditEntry
	for rows.Next() {
		var e khabar.AuditEntry
		var at int64
		var changes string
		if err := rows.Scan(&e.ID, &at, &e.UserID, &e.Action, &e.Object, &e.Detail, &changes); err != nil {
			return nil, 0, fmt.Errorf("reading audit log: %w", err)
		}
		e.At = fromMillis(at)
		if changes != "" {
			if err := json.Unmarshal([]byte(changes), &e.Changes); err != nil {
				return nil, 0, fmt.Errorf("reading audit log entry %d: %w", e.ID, err)
			}
		}
		out = append(out, e)
	}
	return out, total, rows.Err()
}

// auditWhere writes the WHERE clause of an audit filter.
func auditWhere(f khabar.AuditFilter) (string, []any) {
	var conds []string
	var args []any
	switch {
	case strings.HasSuffix(f.Object, "/"): // "story/": every story
		conds = append(conds, `object LIKE ? ESCAPE '\'`)
		args = append(args, likeEscape(f.Object)+"%")
	case f.Object != "": // "story/1": the story and its versions, not story/12
		conds = append(conds, `(object = ? OR object LIKE ? ESCAPE '\')`)
		args = append(args, f.Object, likeEscape(f.Object)+"/%")
	}
	switch {
	case f.System:
		conds = append(conds, `user_id = 0`)
	case f.UserID != 0:
		conds = append(conds, `user_id = ?`)
		args = append(args, f.UserID)
	}
	switch {
	case strings.HasSuffix(f.Action, "."): // "version.": every workflow move and save
		conds = append(conds, `action LIKE ? ESCAPE '\'`)
		args = append(args, likeEscape(f.Action)+"%")
	case f.Action != "":
		conds = append(conds, `action = ?`)
		args = append(args, f.Action)
	}
	if !f.From.IsZero() {
		conds = append(conds, `at >= ?`)
		args = append(args, millis(f.From))
	}
	if !f.To.IsZero() {
		conds = append(conds, `at < ?`)
		args = append(args, millis(f.To))
	}
	if len(conds) == 0 {
		return "", nil
	}
	return ` WHERE ` + strings.Join(conds, ` AND `), args
}

// CreateSession stores a new session.
func (db *DB) CreateSession(ctx context.Context, s *khabar.Session) error {
	s.CreatedAt = fromMillis(db.nowMillis())
	return db.inQuietTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, db.q(`INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)`),
			s.TokenHash, s.UserID, millis(s.CreatedAt), millis(s.ExpiresAt))
		if err != nil {
			return fmt.Errorf("creating session: %w", err)
		}
		return nil
	})
}

// SessionByHash returns an unexpired session.
func (db *DB) SessionByHash(ctx context.Context, tokenHash string) (*khabar.Session, error) {
	var s khabar.Session
	var created, expires int64
	err := db.conn(ctx).QueryRowContext(ctx, db.q(`SELECT token_hash, user_id, created_at, expires_at FROM sessions
		WHERE token_hash = ? AND expires_at > ?`), tokenHash, db.nowMillis()).Scan(&s.TokenHash, &s.UserID, &created, &expires)
	if err != nil {
		return nil, notFound(err, "err.session.not_found")
	}
	s.CreatedAt, s.ExpiresAt = fromMillis(created), fromMillis(expires)
	return &s, nil
}

// DeleteSession signs one browser out.
func (db *DB) DeleteSession(ctx context.Context, tokenHash string) error {
	return db.inQuietTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, db.q(`DELETE FROM sessions WHERE token_hash = ?`), tokenHash)
		return err
	})
}

// DeleteUserSessions signs a user out everywhere.
func (db *DB) DeleteUserSessions(ctx context.Context, userID int64) error {
	return db.inQuietTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, db.q(`DELETE FROM sessions WHERE user_id = ?`), userID)
		return err
	})
}

package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/khabarnews/khabar"
)

// Redirects answer only requests that found nothing else, which no cache
// keeps: their writes touch no topic.

const redirectColumns = `id, from_path, story_id, page_id, lang, to_url, created_at`

func scanRedirect(row rowScanner) (*khabar.Redirect, error) {
	var r khabar.Redirect
	var story, page sql.NullInt64
	var created int64
	if err := row.Scan(&r.ID, &r.From, &story, &page, &r.Lang, &r.To, &created); err != nil {
		return nil, err
	}
	r.StoryID, r.PageID, r.CreatedAt = story.Int64, page.Int64, fromMillis(created)
	return &r, nil
}

// SaveRedirect creates (ID 0) or changes a redirect.
func (db *DB) SaveRedirect(ctx context.Context, r *khabar.Redirect) error {
	if err := r.Validate(); err != nil {
		return err
	}
	return db.inQuietTx(ctx, func(tx *sql.Tx) error { return db.saveRedirect(ctx, tx, r) })
}

func (db *DB) saveRedirect(ctx context.Context, tx *sql.Tx, r *khabar.Redirect) error {
	var err error
	switch {
	case r.ID == 0:
		if r.CreatedAt.IsZero() {
			r.CreatedAt = db.now()
		}
		err = tx.QueryRowContext(ctx, db.q(`INSERT INTO redirects (from_path, story_id, page_id, lang, to_url, created_at)
			VALUES (?, ?, ?, ?, ?, ?) RETURNING id`), r.From, nullID(r.StoryID), nullID(r.PageID), r.Lang, r.To, millis(r.CreatedAt)).Scan(&r.ID)
	default:
		var res sql.Result
		res, err = tx.ExecContext(ctx, db.q(`UPDATE redirects SET from_path = ?, story_id = ?, page_id = ?, lang = ?, to_url = ? WHERE id = ?`),
			r.From, nullID(r.StoryID), nullID(r.PageID), r.Lang, r.To, r.ID)
		if err == nil {
			if n, _ := res.RowsAffected(); n == 0 {
				return khabar.NotFound("err.redirect.not_found")
			}
		}
	}
	switch {
	case isUniqueViolation(err):
		return khabar.Conflict("from", "err.redirect.taken", "from", r.From)
	case isForeignKeyViolation(err):
		return khabar.Invalid("to", "err.redirect.target")
	case err != nil:
		return fmt.Errorf("saving redirect: %w", err)
	}
	return nil
}

// DeleteRedirect removes a redirect; ENotFound when there is none.
func (db *DB) DeleteRedirect(ctx context.Context, id int64) error {
	return db.inQuietTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, db.q(`DELETE FROM redirects WHERE id = ?`), id)
		if err != nil {
			return fmt.Errorf("deleting redirect: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return khabar.NotFound("err.redirect.not_found")
		}
		return nil
	})
}

// RedirectFrom returns the redirect of an old address.
func (db *DB) RedirectFrom(ctx context.Context, from string) (*khabar.Redirect, error) {
	r, err := scanRedirect(db.conn(ctx).QueryRowContext(ctx, db.q(`SELECT `+redirectColumns+` FROM redirects WHERE from_path = ?`), from))
	if err != nil {
		return nil, notFound(err, "err.redirect.not_found")
	}
	return r, nil
}

// Redirect returns one redirect by id.
func (db *DB) Redirect(ctx context.Context, id int64) (*khabar.Redirect, error) {
	r, err := scanRedirect(db.conn(ctx).QueryRowContext(ctx, db.q(`SELECT `+redirectColumns+` FROM redirects WHERE id = ?`), id))
	if err != nil {
		return nil, notFound(err, "err.redirect.not_found")
	}
	return r, nil
}

// Redirects returns a page of redirects, newest first.
func (db *DB) Redirects(ctx context.Context, query string, limit, offset int) ([]khabar.Redirect, int, error) {
	where, args := "", []any{}
	if query != "" {
		where = ` WHERE from_path LIKE ? ESCAPE '\'`
		args = append(args, "%"+escapeLike(query)+"%")
	}
	var total int
	if err := db.conn(ctx).QueryRowContext(ctx, db.q(`SELECT COUNT(*) FROM redirects`+where), args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("counting redirects: %w", err)
	}
	rows, err := db.conn(ctx).QueryContext(ctx, db.q(`SELECT `+redirectColumns+` FROM redirects`+where+` ORDER BY id DESC LIMIT ? OFFSET ?`),
		append(args, limit, offset)...)
	if err != nil {
		return nil, 0, fmt.Errorf("listing redirects: %w", err)
	}
	defer rows.Close()
	var out []khabar.Redirect
	for rows.Next() {
		r, err := scanRedirect(rows)
		if err != nil {
			return nil, 0, fmt.Errorf("listing redirects: %w", err)
		}
		out = append(out, *r)
	}
	return out, total, rows.Err()
}

// ImportRecords returns every record of items from source.
func (db *DB) ImportRecords(ctx context.Context, source string) ([]khabar.ImportRecord, error) {
	rows, err := db.conn(ctx).QueryContext(ctx, db.q(`SELECT kind, source_id, target_id, lang FROM import_records WHERE source = ?`), source)
	if err != nil {
		return nil, fmt.Errorf("reading import records: %w", err)
	}
	defer rows.Close()
	var out []khabar.ImportRecord
	for rows.Next() {
		r := khabar.ImportRecord{Source: source}
		if err := rows.Scan(&r.Kind, &r.SourceID, &r.TargetID, &r.Lang); err != nil {
			return nil, fmt.Errorf("reading import records: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// RecordImports saves import records, many per statement.
func (db *DB) RecordImports(ctx context.Context, recs []khabar.ImportRecord) error {
	// One statement must not name an item twice (PostgreSQL refuses to
	// update a row twice in one upsert): the last record of an item wins.
	last := map[[3]string]int{}
	for i, r := range recs {
		last[[3]string{r.Source, r.Kind, r.SourceID}] = i
	}
	var unique []khabar.ImportRecord
	for i, r := range recs {
		if last[[3]string{r.Source, r.Kind, r.SourceID}] == i {
			unique = append(unique, r)
		}
	}
	recs = unique
	return db.inQuietTx(ctx, func(tx *sql.Tx) error {
		const per = 500
		for len(recs) > 0 {
			n := min(len(recs), per)
			args := make([]any, 0, 5*n)
			for _, r := range recs[:n] {
				if r.Source == "" || r.Kind == "" || r.SourceID == "" {
					return khabar.Invalid("source", "err.import.record")
				}
				args = append(args, r.Source, r.Kind, r.SourceID, r.TargetID, r.Lang)
			}
			q := `INSERT INTO import_records (source, kind, source_id, target_id, lang) VALUES ` +
				strings.TrimSuffix(strings.Repeat("(?, ?, ?, ?, ?), ", n), ", ") +
				` ON CONFLICT (source, kind, source_id) DO UPDATE SET target_id = excluded.target_id, lang = excluded.lang`
			if _, err := tx.ExecContext(ctx, db.q(q), args...); err != nil {
				return fmt.Errorf("saving import records: %w", err)
			}
			recs = recs[n:]
		}
		return nil
	})
}

// SiteID returns the site's identity, which its archives carry.
func (db *DB) SiteID(ctx context.Context) (string, error) {
	var id string
	err := db.conn(ctx).QueryRowContext(ctx, `SELECT value FROM settings WHERE key = 'site_id'`).Scan(&id)
	if err != nil {
		return "", fmt.Errorf("reading the site id: %w", err)
	}
	return id, nil
}

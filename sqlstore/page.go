package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"sort"

	"github.com/khabarnews/khabar"
)

// SavePage creates (p.ID == 0) or updates a static page with all its
// language versions; versions missing from p.Versions are removed.
func (db *DB) SavePage(ctx context.Context, p *khabar.Page) error {
	if err := p.Validate(); err != nil {
		return err
	}
	now := db.nowMillis()
	return db.inTxOn(ctx, []string{khabar.TopicSite}, func(tx *sql.Tx) error {
		var err error
		if p.ID == 0 {
			err = tx.QueryRowContext(ctx, db.q(`INSERT INTO pages (key, position) VALUES (?, ?) RETURNING id`), p.Key, p.Position).Scan(&p.ID)
		} else {
			_, err = tx.ExecContext(ctx, db.q(`UPDATE pages SET key = ?, position = ? WHERE id = ?`), p.Key, p.Position, p.ID)
		}
		if isUniqueViolation(err) {
			return khabar.Invalid("key", "err.page.key_taken", "key", p.Key)
		}
		if err != nil {
			return fmt.Errorf("saving page: %w", err)
		}
		if _, err := tx.ExecContext(ctx, db.q(`DELETE FROM page_versions WHERE page_id = ?`), p.ID); err != nil {
			return fmt.Errorf("saving page: %w", err)
		}
		for _, v := range p.Versions {
			v.UpdatedAt = fromMillis(now)
			_, err := tx.ExecContext(ctx, db.q(`INSERT INTO page_versions (page_id, lang, title, slug, body, updated_at)
				VALUES (?, ?, ?, ?, ?, ?)`), p.ID, v.Lang, v.Title, v.Slug, v.Body, now)
			if isUniqueViolation(err) {
				return khabar.Invalid("slug", "err.page.slug_taken", "language", khabar.LangName(v.Lang), "slug", v.Slug)
			}
			if err != nil {
				return fmt.Errorf("saving page version: %w", err)
			}
		}
		return nil
	})
}

// Pages returns every static page with its versions, in menu order.
func (db *DB) Pages(ctx context.Context) ([]khabar.Page, error) {
	khabar.Depend(ctx, khabar.TopicSite)
	return db.pagesWhere(ctx, "", nil)
}

// PageBySlug returns the page whose version in lang has that slug.
func (db *DB) PageBySlug(ctx context.Context, lang, slug string) (*khabar.Page, error) {
	khabar.Depend(ctx, khabar.TopicSite)
	ps, err := db.pagesWhere(ctx, db.q(`WHERE p.id = (SELECT page_id FROM page_versions WHERE lang = ? AND slug = ?)`), []any{lang, slug})
	if err != nil {
		return nil, err
	}
	if len(ps) == 0 {
		return nil, khabar.NotFound("err.page.not_found")
	}
	return &ps[0], nil
}

func (db *DB) pagesWhere(ctx context.Context, where string, args []any) ([]khabar.Page, error) {
	rows, err := db.conn(ctx).QueryContext(ctx, `SELECT p.id, p.key, p.position, v.lang, v.title, v.slug, v.body, v.updated_at
		FROM pages p JOIN page_versions v ON v.page_id = p.id `+where+` ORDER BY p.position, p.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("listing pages: %w", err)
	}
	defer rows.Close()
	byID := map[int64]*khabar.Page{}
	var order []int64
	for rows.Next() {
		var p khabar.Page
		var v khabar.PageVersion
		var updated int64
		if err := rows.Scan(&p.ID, &p.Key, &p.Position, &v.Lang, &v.Title, &v.Slug, &v.Body, &updated); err != nil {
			return nil, fmt.Errorf("listing pages: %w", err)
		}
		v.UpdatedAt = fromMillis(updated)
		if byID[p.ID] == nil {
			p.Versions = map[string]*khabar.PageVersion{}
			byID[p.ID] = &p
			order = append(order, p.ID)
		}
		byID[p.ID].Versions[v.Lang] = &v
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := make([]khabar.Page, 0, len(order))
	for _, id := range order {
		out = append(out, *byID[id])
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Position < out[j].Position })
	return out, nil
}

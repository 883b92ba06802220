package sqlstore

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/khabarnews/khabar"
)

// CreateSection stores a new section and sets its id.
func (db *DB) CreateSection(ctx context.Context, s *khabar.Section) error {
	if err := s.Validate(); err != nil {
		return err
	}
	return db.inTxOn(ctx, []string{khabar.TopicSite}, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, db.q(`INSERT INTO sections (slug, names, position) VALUES (?, ?, ?) RETURNING id`),
			s.Slug, textJSON(s.Names), s.Position).Scan(&s.ID)
		if isUniqueViolation(err) {
			return khabar.Invalid("slug", "err.section.slug_taken", "slug", s.Slug)
		}
		if err != nil {
			return fmt.Errorf("creating section: %w", err)
		}
		return nil
	})
}

// UpdateSection saves a section's slug, names and position.
func (db *DB) UpdateSection(ctx context.Context, s *khabar.Section) error {
	if err := s.Validate(); err != nil {
		return err
	}
	return db.inTxOn(ctx, []string{khabar.TopicSite}, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, db.q(`UPDATE sections SET slug = ?, names = ?, position = ? WHERE id = ?`),
			s.Slug, textJSON(s.Names), s.Position, s.ID)
		if isUniqueViolation(err) {
			return khabar.Invalid("slug", "err.section.slug_taken", "slug", s.Slug)
		}
		if err != nil {
			return fmt.Errorf("updating section: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return khabar.NotFound("err.section.not_found")
		}
		return nil
	})
}

// Sections returns every section in menu order.
func (db *DB) Sections(ctx context.Context) ([]khabar.Section, error) {
	khabar.Depend(ctx, khabar.TopicSite)
	rows, err := db.conn(ctx).QueryContext(ctx, `SELECT id, slug, names, position FROM sections ORDER BY position, id`)
	if err != nil {
		return nil, fmt.Errorf("listing sections: %w", err)
	}
	defer rows.Close()
	var out []khabar.Section
	for rows.Next() {
		var s khabar.Section
		if err := rows.Scan(&s.ID, &s.Slug, scanText{&s.Names}, &s.Position); err != nil {
			return nil, fmt.Errorf("listing sections: %w", err)
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// SectionBySlug returns the section with that slug.
func (db *DB) SectionBySlug(ctx context.Context, slug string) (*khabar.Section, error) {
	khabar.Depend(ctx, khabar.TopicSite)
	var s khabar.Section
	err := db.conn(ctx).QueryRowContext(ctx, db.q(`SELECT id, slug, names, position FROM sections WHERE slug = ?`), slug).
		Scan(&s.ID, &s.Slug, scanText{&s.Names}, &s.Position)
	if err != nil {
		return nil, notFound(err, "err.section.not_found")
	}
	return &s, nil
}

// CreateTag stores a new tag and sets its id.
func (db *DB) CreateTag(ctx context.Context, t *khabar.Tag) error {
	if err := t.Validate(); err != nil {
		return err
	}
	return db.inTxOn(ctx, []string{khabar.TopicTags}, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, db.q(`INSERT INTO tags (slug, names) VALUES (?, ?) RETURNING id`),
			t.Slug, textJSON(t.Names)).Scan(&t.ID)
		if isUniqueViolation(err) {
			return khabar.Invalid("slug", "err.tag.slug_taken", "slug", t.Slug)
		}
		if err != nil {
			return fmt.Errorf("creating tag: %w", err)
		}
		return nil
	})
}

// UpdateTag saves a tag's slug and names.
func (db *DB) UpdateTag(ctx context.Context, t *khabar.Tag) error {
	if err := t.Validate(); err != nil {
		return err
	}
	return db.inTxOn(ctx, []string{khabar.TopicTags, khabar.TagTopic(t.ID)}, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, db.q(`UPDATE tags SET slug = ?, names = ? WHERE id = ?`), t.Slug, textJSON(t.Names), t.ID)
		if isUniqueViolation(err) {
			return khabar.Invalid("slug", "err.tag.slug_taken", "slug", t.Slug)
		}
		if err != nil {
			return fmt.Errorf("updating tag: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return khabar.NotFound("err.tag.not_found")
		}
		return nil
	})
}

// Tags returns every tag.
func (db *DB) Tags(ctx context.Context) ([]khabar.Tag, error) {
	khabar.Depend(ctx, khabar.TopicTags)
	rows, err := db.conn(ctx).QueryContext(ctx, `SELECT id, slug, names FROM tags ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("listing tags: %w", err)
	}
	defer rows.Close()
	var out []khabar.Tag
	for rows.Next() {
		var t khabar.Tag
		if err := rows.Scan(&t.ID, &t.Slug, scanText{&t.Names}); err != nil {
			return nil, fmt.Errorf("listing tags: %w", err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// TagBySlug returns the tag with that slug.
func (db *DB) TagBySlug(ctx context.Context, slug string) (*khabar.Tag, error) {
	var t khabar.Tag
	err := db.conn(ctx).QueryRowContext(ctx, db.q(`SELECT id, slug, names FROM tags WHERE slug = ?`), slug).
		Scan(&t.ID, &t.Slug, scanText{&t.Names})
	if err != nil {
		return nil, notFound(err, "err.tag.not_found")
	}
	khabar.Depend(ctx, khabar.TagTopic(t.ID))
	return &t, nil
}

// CreateSource stores a new source and sets its id.
func (db *DB) CreateSource(ctx context.Context, s *khabar.Source) error {
	if err := s.Validate(); err != nil {
		return err
	}
	return db.inQuietTx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, db.q(`INSERT INTO sources (names, url) VALUES (?, ?) RETURNING id`),
			textJSON(s.Names), s.URL).Scan(&s.ID)
		if err != nil {
			return fmt.Errorf("creating source: %w", err)
		}
		return nil
	})
}

// Sources returns every source.
func (db *DB) Sources(ctx context.Context) ([]khabar.Source, error) {
	rows, err := db.conn(ctx).QueryContext(ctx, `SELECT id, names, url FROM sources ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("listing sources: %w", err)
	}
	defer rows.Close()
	var out []khabar.Source
	for rows.Next() {
		var s khabar.Source
		if err := rows.Scan(&s.ID, scanText{&s.Names}, &s.URL); err != nil {
			return nil, fmt.Errorf("listing sources: %w", err)
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/khabarnews/khabar"
)

// variantColumn selects one variant of the media row in the outer query as
// "WIDTHxHEIGHT key". A correlated subquery per variant name, rather than a
// second query, keeps every reader of media (the article page, the lists of
// summaries, the library) at the query it already makes, and string
// concatenation with || is the same in SQLite and PostgreSQL.
const variantColumn = `(SELECT CAST(width AS TEXT) || 'x' || CAST(height AS TEXT) || ' ' || key
	FROM media_variants WHERE media_id = media.id AND name = `

// mediaColumns are the columns scanMedia reads; the query must select FROM
// media without an alias, for the variant subqueries to find their row.
const mediaColumns = `id, key, mime, width, height, size, credit, caption, alt, created_at, ` +
	variantColumn + `'` + khabar.VariantArticle + `'), ` +
	variantColumn + `'` + khabar.VariantThumb + `'), ` +
	variantColumn + `'` + khabar.VariantSocial + `'), ` +
	variantColumn + `'` + khabar.VariantWide + `'), ` +
	variantColumn + `'` + khabar.VariantFour3 + `'), ` +
	variantColumn + `'` + khabar.VariantSquare + `')`

// CreateMedia stores a media record with its variants and sets its id and
// creation time.
func (db *DB) CreateMedia(ctx context.Context, m *khabar.Media) error {
	if err := m.Validate(); err != nil {
		return err
	}
	created := fromMillis(db.nowMillis())
	var id int64
	err := db.inQuietTx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, db.q(`INSERT INTO media (key, mime, width, height, size, credit, caption, alt, created_at, texts_fold)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`),
			m.Key, m.MIME, m.Width, m.Height, m.Size, textJSON(m.Credit), textJSON(m.Caption), textJSON(m.Alt),
			millis(created), mediaFold(m)).Scan(&id)
		if isUniqueViolation(err) {
			return khabar.Invalid("key", "err.media.key_taken", "key", m.Key)
		}
		if err != nil {
			return fmt.Errorf("creating media: %w", err)
		}
		return db.insertVariants(ctx, tx, id, m.Variants)
	})
	if err != nil {
		return err
	}
	// Only a committed record gets its id: a failed create leaves m as it was.
	m.ID, m.CreatedAt = id, created
	return nil
}

// Media returns one media record with its variants.
func (db *DB) Media(ctx context.Context, id int64) (*khabar.Media, error) {
	khabar.Depend(ctx, khabar.MediaTopic(id))
	row := db.conn(ctx).QueryRowContext(ctx, db.q(`SELECT `+mediaColumns+` FROM media WHERE id = ?`), id)
	m, err := scanMedia(row)
	if err != nil {
		return nil, notFound(err, "err.media.not_found")
	}
	return m, nil
}

// ListMedia returns a page of the library, newest first, and the total.
func (db *DB) ListMedia(ctx context.Context, limit, offset int) ([]khabar.Media, int, error) {
	if limit <= 0 || limit > 200 {
		limit = 50
	}
	offset = max(offset, 0)
	var total int
	if err := db.conn(ctx).QueryRowContext(ctx, `SELECT COUNT(*) FROM media`).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("counting media: %w", err)
	}
	rows, err := db.conn(ctx).QueryContext(ctx, db.q(`SELECT `+mediaColumns+` FROM media
		ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?`), limit, offset)
	if err != nil {
		return nil, 0, fmt.Errorf("listing media: %w", err)
	}
	defer rows.Close()
	var out []khabar.Media
	for rows.Next() {
		m, err := scanMedia(rows)
		if err != nil {
			return nil, 0, fmt.Errorf("listing media: %w", err)
		}
		out = append(out, *m)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("listing media: %w", err)
	}
	return out, total, nil
}

// UpdateMediaTexts saves the credit, caption and alt text of a media record.
func (db *DB) UpdateMediaTexts(ctx context.Context, m *khabar.Media) error {
	if err := m.ValidateTexts(); err != nil {
		return err
	}
	return db.inTxOn(ctx, []string{khabar.MediaTopic(m.ID)}, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, db.q(`UPDATE media SET credit = ?, caption = ?, alt = ?, texts_fold = ? WHERE id = ?`),
			textJSON(m.Credit), textJSON(m.Caption), textJSON(m.Alt), mediaFold(m), m.ID)
		if err != nil {
			return fmt.Errorf("updating media %d: %w", m.ID, err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return fmt.Errorf("updating media %d: %w", m.ID, err)
		} else if n == 0 {
			return khabar.NotFound("err.media.not_found")
		}
		return nil
	})
}

type rowScanner interface{ Scan(dest ...any) error }

func scanMedia(row rowScanner) (*khabar.Media, error) {
	var m khabar.Media
	var created int64
	var variants [6]sql.NullString
	err := row.Scan(&m.ID, &m.Key, &m.MIME, &m.Width, &m.Height, &m.Size,
		scanText{&m.Credit}, scanText{&m.Caption}, scanText{&m.Alt}, &created,
		&variants[0], &variants[1], &variants[2], &variants[3], &variants[4], &variants[5])
	if err != nil {
		return nil, err
	}
	m.CreatedAt = fromMillis(created)
	for i, name := range khabar.VariantNames() {
		if !variants[i].Valid {
			continue
		}
		v, err := parseVariant(name, variants[i].String)
		if err != nil {
			return nil, err
		}
		m.Variants = append(m.Variants, v)
	}
	return &m, nil
}

// parseVariant reads the "WIDTHxHEIGHT key" of variantColumn. The key comes
// last because it is the only part that could hold a space.
func parseVariant(name, s string) (khabar.MediaVariant, error) {
	v := khabar.MediaVariant{Name: name}
	size, key, ok := strings.Cut(s, " ")
	if ok {
		v.Key = key
		_, err := fmt.Sscanf(size, "%dx%d", &v.Width, &v.Height)
		ok = err == nil
	}
	if !ok || v.Key == "" {
		return v, fmt.Errorf("media variant %s: malformed %q", name, s)
	}
	return v, nil
}

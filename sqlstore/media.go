package sqlstore

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/khabarnews/khabar"
)

const mediaColumns = `id, key, mime, width, height, size, credit, caption, alt, created_at`

// CreateMedia stores a media record and sets its id and creation time.
func (db *DB) CreateMedia(ctx context.Context, m *khabar.Media) error {
	if err := checkText("key", m.Key, true); err != nil {
		return err
	}
	if m.Width <= 0 || m.Height <= 0 {
		return khabar.Invalid("size", "an image needs a width and a height")
	}
	for field, t := range map[string]khabar.Text{"credit": m.Credit, "caption": m.Caption, "alt": m.Alt} {
		if err := checkTexts(field, t, false); err != nil {
			return err
		}
	}
	m.CreatedAt = fromMillis(db.nowMillis())
	return db.inTx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, db.q(`INSERT INTO media (key, mime, width, height, size, credit, caption, alt, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`),
			m.Key, m.MIME, m.Width, m.Height, m.Size, textJSON(m.Credit), textJSON(m.Caption), textJSON(m.Alt),
			millis(m.CreatedAt)).Scan(&m.ID)
		if isUniqueViolation(err) {
			return khabar.Invalid("key", "a media file named %q already exists", m.Key)
		}
		if err != nil {
			return fmt.Errorf("creating media: %w", err)
		}
		return nil
	})
}

// Media returns one media record.
func (db *DB) Media(ctx context.Context, id int64) (*khabar.Media, error) {
	row := db.read.QueryRowContext(ctx, db.q(`SELECT `+mediaColumns+` FROM media WHERE id = ?`), id)
	m, err := scanMedia(row)
	if err != nil {
		return nil, notFound(err, "media")
	}
	return m, nil
}

type rowScanner interface{ Scan(dest ...any) error }

func scanMedia(row rowScanner) (*khabar.Media, error) {
	var m khabar.Media
	var created int64
	err := row.Scan(&m.ID, &m.Key, &m.MIME, &m.Width, &m.Height, &m.Size,
		scanText{&m.Credit}, scanText{&m.Caption}, scanText{&m.Alt}, &created)
	if err != nil {
		return nil, err
	}
	m.CreatedAt = fromMillis(created)
	return &m, nil
}

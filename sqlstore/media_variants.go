package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/khabarnews/khabar"
)

func (db *DB) insertVariants(ctx context.Context, tx *sql.Tx, mediaID int64, vs []khabar.MediaVariant) error {
	for _, v := range vs {
		_, err := tx.ExecContext(ctx, db.q(`INSERT INTO media_variants (media_id, name, key, width, height) VALUES (?, ?, ?, ?, ?)`),
			mediaID, v.Name, v.Key, v.Width, v.Height)
		if err != nil {
			return fmt.Errorf("storing media variant %s: %w", v.Name, err)
		}
	}
	return nil
}

// SetVariants replaces every variant of a media record.
func (db *DB) SetVariants(ctx context.Context, mediaID int64, vs []khabar.MediaVariant) error {
	if err := khabar.ValidateVariants(vs); err != nil {
		return err
	}
	return db.inTxOn(ctx, []string{khabar.MediaTopic(mediaID)}, func(tx *sql.Tx) error {
		var one int
		err := tx.QueryRowContext(ctx, db.q(`SELECT 1 FROM media WHERE id = ?`), mediaID).Scan(&one)
		if err != nil {
			return notFound(err, "err.media.not_found")
		}
		if _, err := tx.ExecContext(ctx, db.q(`DELETE FROM media_variants WHERE media_id = ?`), mediaID); err != nil {
			return fmt.Errorf("replacing media variants: %w", err)
		}
		return db.insertVariants(ctx, tx, mediaID, vs)
	})
}

// MediaUsage lists the stories that show a media file: as lead image, or
// in the body of a version, where the editor puts <img src="/media/KEY">
// for the original or any variant.
//
// The body search reads every version; it runs only for the library's
// detail page, never for a reader's page.
func (db *DB) MediaUsage(ctx context.Context, mediaID int64) ([]khabar.MediaUse, error) {
	m, err := db.Media(ctx, mediaID)
	if err != nil {
		return nil, err
	}
	keys := []string{m.Key}
	for _, v := range m.Variants {
		keys = append(keys, v.Key)
	}
	var like []string
	args := []any{mediaID}
	for _, k := range keys {
		like = append(like, `body LIKE ? ESCAPE '\'`)
		args = append(args, "%/media/"+escapeLike(k)+"%")
	}
	inBody := `s.id IN (SELECT story_id FROM versions WHERE ` + strings.Join(like, " OR ") + `)`
	// The arguments appear twice: once for the flags, once for the filter.
	args = append(args, args...)
	rows, err := db.conn(ctx).QueryContext(ctx, db.q(`SELECT s.id, s.original_lang, COALESCE(v.title, ''),
			CASE WHEN s.lead_media_id = ? THEN 1 ELSE 0 END, CASE WHEN `+inBody+` THEN 1 ELSE 0 END
		FROM stories s LEFT JOIN versions v ON v.story_id = s.id AND v.lang = s.original_lang
		WHERE s.lead_media_id = ? OR `+inBody+`
		ORDER BY s.id DESC`), args...)
	if err != nil {
		return nil, fmt.Errorf("finding where media %d is used: %w", mediaID, err)
	}
	defer rows.Close()
	var out []khabar.MediaUse
	for rows.Next() {
		var u khabar.MediaUse
		var lead, body int
		if err := rows.Scan(&u.StoryID, &u.Lang, &u.Title, &lead, &body); err != nil {
			return nil, fmt.Errorf("finding where media %d is used: %w", mediaID, err)
		}
		u.Lead, u.InBody = lead == 1, body == 1
		out = append(out, u)
	}
	return out, rows.Err()
}

// escapeLike makes s match itself in a LIKE pattern with ESCAPE '\'.
func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/analysis"
)

// mediaFold is what the library is searched in: the credit, caption and
// alt text in every language, folded, each word after a space (so that a
// word's start is " word"); never empty, so that an empty fold marks a row stored
// before the column existed.
func mediaFold(m *khabar.Media) string {
	var parts []string
	for _, t := range []khabar.Text{m.Caption, m.Alt, m.Credit} {
		langs := make([]string, 0, len(t))
		for l := range t {
			langs = append(langs, l)
		}
		slices.Sort(langs)
		for _, l := range langs {
			parts = append(parts, t[l])
		}
	}
	return " " + analysis.Fold(strings.Join(parts, " ")) + " "
}

// SearchMedia returns a page of the library whose texts, in any language,
// have words starting with each word of text, newest first, and the total;
// an empty text lists the whole library.
func (db *DB) SearchMedia(ctx context.Context, text string, limit, offset int) ([]khabar.Media, int, error) {
	words := strings.Fields(analysis.Fold(text))
	if len(words) == 0 {
		return db.ListMedia(ctx, limit, offset)
	}
	if limit <= 0 || limit > 200 {
		limit = 50
	}
	if err := db.foldMedia(ctx); err != nil {
		return nil, 0, err
	}
	where := ` WHERE 1 = 1`
	var args []any
	for _, w := range words {
		where += ` AND texts_fold LIKE ? ESCAPE '\'`
		args = append(args, "% "+likeEscape(w)+"%")
	}
	var total int
	if err := db.conn(ctx).QueryRowContext(ctx, db.q(`SELECT COUNT(*) FROM media`+where), args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("searching media: %w", err)
	}
	rows, err := db.conn(ctx).QueryContext(ctx, db.q(`SELECT `+mediaColumns+` FROM media`+where+
		` ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?`), append(args, limit, max(offset, 0))...)
	if err != nil {
		return nil, 0, fmt.Errorf("searching media: %w", err)
	}
	defer rows.Close()
	var out []khabar.Media
	for rows.Next() {
		m, err := scanMedia(rows)
		if err != nil {
			return nil, 0, fmt.Errorf("searching media: %w", err)
		}
		out = append(out, *m)
	}
	return out, total, rows.Err()
}

// foldMedia folds the texts of rows stored before texts_fold existed, once,
// at the first search after the upgrade.
func (db *DB) foldMedia(ctx context.Context) error {
	for {
		rows, err := db.conn(ctx).QueryContext(ctx, db.q(`SELECT id, credit, caption, alt FROM media WHERE texts_fold = '' LIMIT 500`))
		if err != nil {
			return fmt.Errorf("folding media texts: %w", err)
		}
		var batch []khabar.Media
		for rows.Next() {
			var m khabar.Media
			if err := rows.Scan(&m.ID, scanText{&m.Credit}, scanText{&m.Caption}, scanText{&m.Alt}); err != nil {
				rows.Close()
				return fmt.Errorf("folding media texts: %w", err)
			}
			batch = append(batch, m)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("folding media texts: %w", err)
		}
		if len(batch) == 0 {
			return nil
		}
		// Bookkeeping, not a change of content: no topic, no generation.
		err = db.inQuietTx(ctx, func(tx *sql.Tx) error {
			for _, m := range batch {
				if _, err := tx.ExecContext(ctx, db.q(`UPDATE media SET texts_fold = ? WHERE id = ? AND texts_fold = ''`), mediaFold(&m), m.ID); err != nil {
					return fmt.Errorf("folding media texts: %w", err)
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
}

package sqlstore

import (
	"context"
	"database/sql"
)

// Limits of the package, for the tests in package sqlstore_test.
const (
	PendingBatch  = pendingBatch
	ImportBatch   = importBatch
	MaxCandidates = maxCandidates
)

// IndexAsOlderAnalyser makes the index look written by an analyser of
// another version: it records that version and rewrites the terms of the
// story's version in lang as title (a few space-separated terms), the way
// that analyser would have written them.
func (db *DB) IndexAsOlderAnalyser(ctx context.Context, version string, storyID int64, lang, title string) error {
	s := db.search()
	return db.inTx(ctx, func(tx *sql.Tx) error {
		var id int64
		if err := tx.QueryRowContext(ctx, db.q(`SELECT id FROM search_docs WHERE story_id = ? AND lang = ?`), storyID, lang).Scan(&id); err != nil {
			return err
		}
		if err := db.writeTerms(ctx, tx, s, []int64{id}, []terms{{title: title}}); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, db.q(`UPDATE search_meta SET value = ? WHERE name = 'analyser'`), version)
		return err
	})
}

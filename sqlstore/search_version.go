package sqlstore

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/khabarnews/khabar/analysis"
)

// analyserVersion names the analysis this store writes its index with: the
// analysers' version and the lexicon's content.
func (db *DB) analyserVersion() string {
	return analysis.Version + "+" + db.lexicon().Fingerprint()
}

// checkSearchVersion compares the analyser that wrote the index with this
// store's (see migration 0010). When they differ, every indexed version is
// marked stale, to be written again by IndexStale; searches meanwhile find
// each version under its old terms or its new ones.
func (db *DB) checkSearchVersion(ctx context.Context) error {
	s := db.search()
	if s == nil {
		return nil
	}
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := db.loadLexicon(ctx, tx); err != nil {
			return err
		}
		want := db.analyserVersion()
		defer db.lexSeen.Store(&want)
		var have string
		err := tx.QueryRowContext(ctx, `SELECT value FROM search_meta WHERE name = 'analyser'`).Scan(&have)
		switch {
		case err == sql.ErrNoRows: // a new database: nothing indexed by anyone else
			_, err = tx.ExecContext(ctx, db.q(`INSERT INTO search_meta (name, value) VALUES ('analyser', ?) ON CONFLICT (name) DO NOTHING`), want)
			return err
		case err != nil:
			return err
		case have == want:
			return nil
		}
		if err := db.markStale(ctx, tx, s); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, db.q(`UPDATE search_meta SET value = ? WHERE name = 'analyser'`), want)
		return err
	})
	if err != nil {
		return fmt.Errorf("checking the search index's analyser: %w", err)
	}
	return nil
}

// markStale marks every indexed version stale. The term counts start
// afresh: they are counted again as the versions are indexed again.
func (db *DB) markStale(ctx context.Context, tx *sql.Tx, s *searchSQL) error {
	if _, err := tx.ExecContext(ctx, `UPDATE search_docs SET pending = 2 WHERE pending = 0`); err != nil {
		return err
	}
	if s.dictionary {
		_, err := tx.ExecContext(ctx, `DELETE FROM search_terms`)
		return err
	}
	return nil
}

// StaleSearch returns how many versions wait to be indexed again (see
// IndexStale).
func (db *DB) StaleSearch(ctx context.Context) (int, error) {
	if db.search() == nil {
		return 0, nil
	}
	var n int
	if err := db.conn(ctx).QueryRowContext(ctx, `SELECT COUNT(*) FROM search_docs d WHERE `+pendingWhere(true)).Scan(&n); err != nil {
		return 0, fmt.Errorf("counting versions to index: %w", err)
	}
	return n, nil
}

// IndexStale writes again the terms of the versions indexed by another
// analyser (and of any never indexed), batch by batch, calling progress
// after each. khabar serve runs it in the background at start-up: the site
// searches over the old terms meanwhile. Unlike Reindex it leaves the
// index's segments as they are: compacting holds the write lock for
// seconds or minutes, which "khabar reindex" may do and a running site
// should not.
func (db *DB) IndexStale(ctx context.Context, progress func(done, total int)) error {
	return db.indexPending(ctx, true, progress)
}

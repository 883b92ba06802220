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

// The store analyses with the lexicon Khabar ships and the site's own
// entries (table search_lexicon, migration 0011). The analyser's version
// recorded in search_meta names both: a node that finds it changed (another
// node saved an entry) loads the lexicon again before it searches or
// indexes (syncLexicon). A saved entry takes effect at once in queries; in
// the index, the versions that hold its words become stale and are indexed
// again in the background (IndexStale), not the whole archive.

// lexicon returns the search lexicon this store analyses with.
func (db *DB) lexicon() *analysis.Lexicon {
	if l := db.lex.Load(); l != nil {
		return l
	}
	return analysis.SeedLexicon()
}

// analyzer returns the analyser of a language, with the store's lexicon.
func (db *DB) analyzer(lang string) analysis.Analyzer { return db.lexicon().For(lang) }

// SearchLexicon returns the site's own lexicon entries.
func (db *DB) SearchLexicon(ctx context.Context) ([]khabar.LexiconEntry, error) {
	return db.lexiconEntries(ctx, db.conn(ctx))
}

func (db *DB) lexiconEntries(ctx context.Context, conn dbConn) ([]khabar.LexiconEntry, error) {
	rows, err := conn.QueryContext(ctx, `SELECT id, lang, class, words, updated_at FROM search_lexicon ORDER BY lang, id`)
	if err != nil {
		return nil, fmt.Errorf("reading the search lexicon: %w", err)
	}
	defer rows.Close()
	var out []khabar.LexiconEntry
	for rows.Next() {
		var e khabar.LexiconEntry
		var words string
		var updated int64
		if err := rows.Scan(&e.ID, &e.Lang, &e.Class, &words, &updated); err != nil {
			return nil, fmt.Errorf("reading the search lexicon: %w", err)
		}
		e.Words, e.UpdatedAt = strings.Split(words, "\n"), fromMillis(updated)
		out = append(out, e)
	}
	return out, rows.Err()
}

func analysisEntry(e khabar.LexiconEntry) analysis.Entry {
	return analysis.Entry{Lang: e.Lang, Class: e.Class, Words: e.Words}
}

// buildLexicon makes the lexicon of the seed and the site's entries. An
// entry that this Khabar cannot use (saved by one that analysed otherwise)
// is left out rather than leave search without a lexicon.
func buildLexicon(own []khabar.LexiconEntry) *analysis.Lexicon {
	entries := analysis.SeedEntries()
	for _, e := range own {
		if _, err := analysis.NewLexicon([]analysis.Entry{analysisEntry(e)}); err == nil {
			entries = append(entries, analysisEntry(e))
		}
	}
	l, err := analysis.NewLexicon(entries)
	if err != nil { // each entry passed alone, so this cannot fail
		return analysis.SeedLexicon()
	}
	return l
}

// loadLexicon reads the site's entries on conn and makes the store analyse
// with them.
func (db *DB) loadLexicon(ctx context.Context, conn dbConn) (*analysis.Lexicon, error) {
	own, err := db.lexiconEntries(ctx, conn)
	if err != nil {
		return nil, err
	}
	l := buildLexicon(own)
	db.lex.Store(l)
	return l, nil
}

// syncLexicon loads the lexicon again when the analyser's version recorded
// in the database changed since this node last looked: another node saved
// an entry. It costs one read of a row.
func (db *DB) syncLexicon(ctx context.Context, conn dbConn) error {
	if db.search() == nil {
		return nil
	}
	var stored string
	err := conn.QueryRowContext(ctx, `SELECT value FROM search_meta WHERE name = 'analyser'`).Scan(&stored)
	if err == sql.ErrNoRows {
		return nil
	}
	if err != nil {
		return fmt.Errorf("checking the search lexicon: %w", err)
	}
	if seen := db.lexSeen.Load(); seen != nil && *seen == stored {
		return nil
	}
	if _, err := db.loadLexicon(ctx, conn); err != nil {
		return err
	}
	db.lexSeen.Store(&stored)
	return nil
}

// SaveLexiconEntry creates or changes an entry of the site's lexicon.
func (db *DB) SaveLexiconEntry(ctx context.Context, e *khabar.LexiconEntry) error {
	if _, err := analysis.NewLexicon([]analysis.Entry{analysisEntry(*e)}); err != nil {
		return khabar.Invalid("words", "err.lexicon.words")
	}
	return db.inTxTopics(ctx, func(tx *sql.Tx) ([]string, error) {
		changed := []khabar.LexiconEntry{*e}
		now := db.nowMillis()
		words := strings.Join(e.Words, "\n")
		if e.ID == 0 {
			err := tx.QueryRowContext(ctx, db.q(`INSERT INTO search_lexicon (lang, class, words, updated_at) VALUES (?, ?, ?, ?) RETURNING id`),
				e.Lang, e.Class, words, now).Scan(&e.ID)
			if err != nil {
				return nil, fmt.Errorf("saving a lexicon entry: %w", err)
			}
		} else {
			old, err := db.lexiconEntry(ctx, tx, e.ID)
			if err != nil {
				return nil, err
			}
			changed = append(changed, old)
			if _, err := tx.ExecContext(ctx, db.q(`UPDATE search_lexicon SET lang = ?, class = ?, words = ?, updated_at = ? WHERE id = ?`),
				e.Lang, e.Class, words, now, e.ID); err != nil {
				return nil, fmt.Errorf("saving a lexicon entry: %w", err)
			}
		}
		e.UpdatedAt = fromMillis(now)
		return db.lexiconChanged(ctx, tx, changed)
	})
}

// DeleteLexiconEntry removes an entry of the site's lexicon.
func (db *DB) DeleteLexiconEntry(ctx context.Context, id int64) error {
	return db.inTxTopics(ctx, func(tx *sql.Tx) ([]string, error) {
		old, err := db.lexiconEntry(ctx, tx, id)
		if err != nil {
			return nil, err
		}
		if _, err := tx.ExecContext(ctx, db.q(`DELETE FROM search_lexicon WHERE id = ?`), id); err != nil {
			return nil, fmt.Errorf("deleting a lexicon entry: %w", err)
		}
		return db.lexiconChanged(ctx, tx, []khabar.LexiconEntry{old})
	})
}

func (db *DB) lexiconEntry(ctx context.Context, tx *sql.Tx, id int64) (khabar.LexiconEntry, error) {
	e := khabar.LexiconEntry{ID: id}
	var words string
	var updated int64
	err := tx.QueryRowContext(ctx, db.q(`SELECT lang, class, words, updated_at FROM search_lexicon WHERE id = ?`), id).
		Scan(&e.Lang, &e.Class, &words, &updated)
	if err == sql.ErrNoRows {
		return e, khabar.NotFound("err.lexicon.not_found")
	}
	if err != nil {
		return e, fmt.Errorf("reading a lexicon entry: %w", err)
	}
	e.Words, e.UpdatedAt = strings.Split(words, "\n"), fromMillis(updated)
	return e, nil
}

// lexiconChanged follows a change of the site's lexicon in its transaction:
// the store analyses with the new lexicon, records its version, and marks
// stale the versions that hold the words of the entries changed (as they
// were and as they are), found in the index by their terms under the old
// lexicon and the new one. It returns the search topics of their languages.
func (db *DB) lexiconChanged(ctx context.Context, tx *sql.Tx, changed []khabar.LexiconEntry) ([]string, error) {
	old := db.lexicon()
	l, err := db.loadLexicon(ctx, tx)
	if err != nil {
		return nil, err
	}
	s := db.search()
	var topics []string
	for _, e := range changed {
		if t := khabar.SearchTopic(e.Lang); !slices.Contains(topics, t) {
			topics = append(topics, t)
		}
		if s == nil {
			continue
		}
		terms := lexiconTerms(e, old, l)
		if len(terms) == 0 {
			continue
		}
		q := analysis.Query{Must: []analysis.Clause{{Words: []analysis.QueryWord{{Terms: terms}}}}}
		if _, err := tx.ExecContext(ctx, db.q(`UPDATE search_docs SET pending = 2 WHERE pending = 0 AND id IN (`+s.docsMatching+`)`), s.expr(q)); err != nil {
			return nil, fmt.Errorf("marking the versions of a lexicon entry: %w", err)
		}
	}
	if s != nil {
		version := analysis.Version + "+" + l.Fingerprint()
		if _, err := tx.ExecContext(ctx, db.q(`UPDATE search_meta SET value = ? WHERE name = 'analyser'`), version); err != nil {
			return nil, fmt.Errorf("recording the search lexicon: %w", err)
		}
		db.lexSeen.Store(&version)
	}
	return topics, nil
}

// lexiconTerms returns the terms a search for any word of e asks for, under
// each of the lexicons: a version that holds one of the words has one.
func lexiconTerms(e khabar.LexiconEntry, lexicons ...*analysis.Lexicon) []string {
	var out []string
	for _, l := range lexicons {
		a := l.For(e.Lang)
		for _, member := range e.Words {
			for _, tok := range a.Tokens(member) {
				for _, t := range a.QueryTerms(member[tok.Start:tok.End]) {
					if !slices.Contains(out, t) {
						out = append(out, t)
					}
				}
			}
		}
	}
	return out
}

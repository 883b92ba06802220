package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/analysis"
	"github.com/khabarnews/khabar/markup"
)

// searchSQL is the part of search that differs between databases: how the
// terms are stored, matched and ranked. Everything else (analysis, query
// parsing, filters, snippets) is shared, so that both databases answer a
// query alike.
type searchSQL struct {
	// replace writes versions' terms: it is followed by one or more
	// comma-separated replaceRow tuples of id, then the title's stems, the
	// title's other forms, the body's stems and the body's other forms,
	// and then by replaceEnd.
	replace, replaceRow, replaceEnd string
	// from joins the index to search_docs d and versions v, and match is
	// the condition that the index matches the expression written by expr.
	from, match string
	expr        func(analysis.Query) string
	// rank orders matches, best (lowest) first; newest orders them newest
	// first, in the order the index gives them without sorting.
	rank, newest string
	// A search puts the matches whose title holds a query word first. It
	// finds them with titleMatches, which lists the rows from a given row
	// id up whose titles match the expression written by titleExpr, or,
	// without it, with inTitle, a column of the candidates that is
	// negative for those rows.
	titleMatches string
	titleExpr    func(analysis.Query) string
	inTitle      string
	// dictionary is set where search_terms is kept: prefixes are expanded
	// from it, and it tells how costly a query is to rank (bm25Budget).
	dictionary bool
	// optimize compacts the index after a rebuild; "" when not needed.
	optimize string
}

// searchDialects holds searchSQL per database: FTS5 on SQLite, a GIN-indexed
// tsvector on PostgreSQL (search_postgres.go).
var searchDialects = map[string]*searchSQL{
	"sqlite": {
		replace:    `INSERT OR REPLACE INTO search_fts (rowid, title_terms, title_alts, body_terms, body_alts) VALUES `,
		replaceRow: `(?, ?, ?, ?, ?)`,
		// CROSS JOIN keeps this order: SQLite would otherwise start from
		// versions, whose indexes look cheaper, and run the full-text
		// query again for each row, seconds instead of milliseconds.
		from: ` FROM search_fts CROSS JOIN search_docs d ON d.id = search_fts.rowid
			CROSS JOIN versions v ON v.story_id = d.story_id AND v.lang = d.lang`,
		match: `search_fts MATCH ?`,
		expr:  fts5Query,
		// The title outweighs the body four to one; a word's other forms
		// count half as much as its stem, so that a document with the
		// very form searched for (both columns hit) ranks first.
		rank:         `bm25(search_fts, 4.0, 2.0, 1.0, 0.5)`,
		newest:       `search_fts.rowid DESC`,
		titleMatches: `SELECT rowid FROM search_fts WHERE search_fts MATCH ? AND rowid >= ?`,
		titleExpr:    fts5TitleQuery,
		dictionary:   true,
		optimize:     `INSERT INTO search_fts (search_fts) VALUES ('optimize')`,
	},
	"postgres": postgresSearch,
}

// search returns the dialect's search SQL, or nil where search is not
// available.
func (db *DB) search() *searchSQL { return searchDialects[db.d.name] }

// terms are the four index columns of one version.
type terms struct{ title, titleAlts, body, bodyAlts string }

func analyseVersion(lang, title, summary, body string) terms {
	a := analysis.For(lang)
	var t terms
	t.title, t.titleAlts = termColumns(a, title)
	t.body, t.bodyAlts = termColumns(a, searchText(summary, body))
	return t
}

// termColumns analyses text into the two columns of one field: each word's
// first term (its stem) in order, and every other term of each word.
func termColumns(a analysis.Analyzer, text string) (terms, alts string) {
	var t, x strings.Builder
	last := -1
	for _, tok := range a.Tokens(text) {
		b := &x
		if tok.Position != last {
			b, last = &t, tok.Position
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(tok.Term)
	}
	return t.String(), x.String()
}

// searchText is the text of a version that search reads: the summary, then
// the body as plain text. Snippets are cut from the same text.
func searchText(summary, body string) string {
	text := markup.PlainText(body)
	if summary == "" {
		return text
	}
	return summary + "\n\n" + text
}

// bulkIndex collects the terms of the versions a bulk import saves, to
// write them in a few large statements at the end of its transaction. FTS5
// flushes its pending terms to a new segment whenever a statement opens a
// savepoint, which every write statement does: written one version at a
// time, an import leaves thousands of tiny segments to merge.
type bulkIndex struct {
	pre  map[*khabar.Version]terms // analysed ahead, in parallel
	ids  []int64
	rows []terms
}

type bulkIndexKey struct{}

// indexVersion writes a version's terms in the transaction that saves it;
// every version is indexed whatever its status, and Search shows only
// those published and due. Inside a bulk import the terms wait for
// flushBulkIndex.
func (db *DB) indexVersion(ctx context.Context, tx *sql.Tx, v *khabar.Version) error {
	s := db.search()
	if s == nil {
		return nil
	}
	var id int64
	err := tx.QueryRowContext(ctx, db.q(`INSERT INTO search_docs (story_id, lang) VALUES (?, ?)
		ON CONFLICT (story_id, lang) DO UPDATE SET pending = 0 RETURNING id`), v.StoryID, v.Lang).Scan(&id)
	if err != nil {
		return fmt.Errorf("indexing version: %w", err)
	}
	if b, ok := ctx.Value(bulkIndexKey{}).(*bulkIndex); ok {
		t, ok := b.pre[v]
		if !ok {
			t = analyseVersion(v.Lang, v.Title, v.Summary, v.Body)
		}
		b.ids, b.rows = append(b.ids, id), append(b.rows, t)
		return nil
	}
	return db.writeTerms(ctx, tx, s, []int64{id}, []terms{analyseVersion(v.Lang, v.Title, v.Summary, v.Body)})
}

// maxTermRows bounds the rows of one statement that writes terms (SQLite
// allows 32,766 parameters).
const maxTermRows = 1000

// writeTerms writes the terms of versions ids, many rows per statement,
// and counts them in the term dictionary.
func (db *DB) writeTerms(ctx context.Context, tx *sql.Tx, s *searchSQL, ids []int64, rows []terms) error {
	if s.dictionary {
		if err := db.countTerms(ctx, tx, rows); err != nil {
			return err
		}
	}
	for len(ids) > 0 {
		n := min(len(ids), maxTermRows)
		var q strings.Builder
		q.WriteString(s.replace)
		args := make([]any, 0, 5*n)
		for i := range n {
			if i > 0 {
				q.WriteString(", ")
			}
			q.WriteString(s.replaceRow)
			t := rows[i]
			args = append(args, ids[i], t.title, t.titleAlts, t.body, t.bodyAlts)
		}
		q.WriteString(s.replaceEnd)
		if _, err := tx.ExecContext(ctx, db.q(q.String()), args...); err != nil {
			return fmt.Errorf("indexing versions: %w", err)
		}
		ids, rows = ids[n:], rows[n:]
	}
	return nil
}

// maxTermCounts bounds the terms of one statement that counts terms.
const maxTermCounts = 2000

// countTerms adds one to the count of each distinct term of each version.
// A batch of versions shares one statement per maxTermCounts distinct
// terms, so that an import touches each term once per batch.
func (db *DB) countTerms(ctx context.Context, tx *sql.Tx, rows []terms) error {
	counts := map[string]int{}
	var order []string
	seen := map[string]bool{}
	for _, r := range rows {
		clear(seen)
		for _, col := range []string{r.title, r.titleAlts, r.body, r.bodyAlts} {
			for _, t := range strings.Fields(col) {
				if seen[t] {
					continue
				}
				seen[t] = true
				if counts[t] == 0 {
					order = append(order, t)
				}
				counts[t]++
			}
		}
	}
	for len(order) > 0 {
		n := min(len(order), maxTermCounts)
		args := make([]any, 0, 2*n)
		for _, t := range order[:n] {
			args = append(args, t, counts[t])
		}
		q := `INSERT INTO search_terms (term, docs) VALUES ` + strings.TrimSuffix(strings.Repeat("(?, ?), ", n), ", ") +
			` ON CONFLICT (term) DO UPDATE SET docs = search_terms.docs + excluded.docs`
		if _, err := tx.ExecContext(ctx, db.q(q), args...); err != nil {
			return fmt.Errorf("counting terms: %w", err)
		}
		order = order[n:]
	}
	return nil
}

// pendingBatch is how many versions one transaction of a backfill or
// rebuild indexes: small enough that saves wait a few hundred
// milliseconds at most.
const pendingBatch = 250

// hasPending reports whether some versions still wait to be indexed. The
// check reads a partial index and costs microseconds.
func (db *DB) hasPending(ctx context.Context) (bool, error) {
	var n int
	err := db.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM (SELECT 1 FROM search_docs WHERE pending = 1 LIMIT 1) AS p`).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("checking the search index: %w", err)
	}
	return n > 0, nil
}

// indexPending indexes the versions marked pending, a batch per
// transaction, calling progress after each batch. It runs on the first
// search after the migration that created the index (the versions saved
// before it are pending) and in Reindex; several callers at once share the
// work, each batch going to whoever takes the write lock first.
func (db *DB) indexPending(ctx context.Context, progress func(done, total int)) error {
	s := db.search()
	if s == nil {
		return nil
	}
	var total int
	if err := db.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM search_docs WHERE pending = 1`).Scan(&total); err != nil {
		return fmt.Errorf("counting versions to index: %w", err)
	}
	done := 0
	for {
		n := 0
		err := db.inTx(ctx, func(tx *sql.Tx) error {
			rows, err := tx.QueryContext(ctx, db.q(`SELECT d.id, v.lang, v.title, v.summary, v.body FROM search_docs d
				JOIN versions v ON v.story_id = d.story_id AND v.lang = d.lang
				WHERE d.pending = 1 ORDER BY d.id LIMIT ?`), pendingBatch)
			if err != nil {
				return err
			}
			type doc struct {
				id                         int64
				lang, title, summary, body string
			}
			var docs []doc
			for rows.Next() {
				var d doc
				if err := rows.Scan(&d.id, &d.lang, &d.title, &d.summary, &d.body); err != nil {
					rows.Close()
					return err
				}
				docs = append(docs, d)
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return err
			}
			ids := make([]int64, len(docs))
			cols := make([]terms, len(docs))
			for i, d := range docs {
				ids[i], cols[i] = d.id, analyseVersion(d.lang, d.title, d.summary, d.body)
				if _, err := tx.ExecContext(ctx, db.q(`UPDATE search_docs SET pending = 0 WHERE id = ?`), d.id); err != nil {
					return err
				}
			}
			if err := db.writeTerms(ctx, tx, s, ids, cols); err != nil {
				return err
			}
			n = len(docs)
			return nil
		})
		if err != nil {
			return fmt.Errorf("indexing versions: %w", err)
		}
		if n == 0 {
			return nil
		}
		done += n
		total = max(total, done) // versions saved meanwhile may join in
		if progress != nil {
			progress(done, total)
		}
	}
}

// Reindex analyses every version again. It marks them all pending (adding
// those the index lacks) and indexes them batch by batch: a search during
// the rebuild finds each version under its old terms or its new ones.
func (db *DB) Reindex(ctx context.Context, progress func(done, total int)) error {
	s := db.search()
	if s == nil {
		return khabar.ErrSearchUnavailable
	}
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO search_docs (story_id, lang, pending)
			SELECT story_id, lang, 1 FROM versions v
			WHERE NOT EXISTS (SELECT 1 FROM search_docs d WHERE d.story_id = v.story_id AND d.lang = v.lang)
			ORDER BY COALESCE(published_at, updated_at), story_id, lang`); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE search_docs SET pending = 1`); err != nil {
			return err
		}
		if s.dictionary { // counted afresh as the versions are indexed again
			_, err := tx.ExecContext(ctx, `DELETE FROM search_terms`)
			return err
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("starting the reindex: %w", err)
	}
	if err := db.indexPending(ctx, progress); err != nil {
		return err
	}
	if s.optimize != "" {
		if _, err := db.write.ExecContext(ctx, s.optimize); err != nil {
			return fmt.Errorf("optimising the search index: %w", err)
		}
	}
	return nil
}

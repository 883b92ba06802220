package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"runtime"
	"sync"
)

// IndexSearch writes the terms of the versions that have none yet (an
// import's), in large batches: the next batch is read and analysed on the
// other cores while one is written.
func (db *DB) IndexSearch(ctx context.Context, progress func(done, total int)) error {
	s := db.search()
	if s == nil {
		return nil
	}
	where := pendingWhere(false)
	var total int
	if err := db.conn(ctx).QueryRowContext(ctx, `SELECT COUNT(*) FROM search_docs d WHERE `+where).Scan(&total); err != nil {
		return fmt.Errorf("counting versions to index: %w", err)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	batches := make(chan []pendingDoc, 1)
	readErr := make(chan error, 1)
	go func() {
		defer close(batches)
		readErr <- db.readPending(ctx, where, indexBatch, batches)
	}()
	done := 0
	for docs := range batches {
		err := db.inTxTopics(ctx, func(tx *sql.Tx) ([]string, error) {
			if err := db.syncLexicon(ctx, tx); err != nil {
				return nil, err
			}
			still, err := db.stillPending(ctx, tx, docs)
			if err != nil {
				return nil, err
			}
			return db.writeDocs(ctx, tx, s, still)
		})
		if err != nil {
			return fmt.Errorf("indexing versions: %w", err)
		}
		done += len(docs)
		total = max(total, done) // versions saved meanwhile may join in
		if progress != nil {
			progress(done, total)
		}
	}
	return <-readErr
}

// indexBatch is how many versions one transaction of IndexSearch indexes.
const indexBatch = 2000

// stillPending keeps the versions of a batch that still wait for their
// terms (a search, or a save, may have indexed one meanwhile), with what
// they wait for now.
func (db *DB) stillPending(ctx context.Context, tx *sql.Tx, docs []pendingDoc) ([]pendingDoc, error) {
	now := map[int64]int{}
	for i := 0; i < len(docs); i += maxTermRows {
		part := docs[i:min(i+maxTermRows, len(docs))]
		args := make([]any, len(part))
		for j, d := range part {
			args[j] = d.id
		}
		rows, err := tx.QueryContext(ctx, db.q(`SELECT id, pending FROM search_docs WHERE pending > 0 AND id IN (`+placeholders(len(args))+`)`), args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var id int64
			var p int
			if err := rows.Scan(&id, &p); err != nil {
				rows.Close()
				return nil, err
			}
			now[id] = p
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	var out []pendingDoc
	for _, d := range docs {
		if p, ok := now[d.id]; ok {
			d.pending = p
			out = append(out, d)
		}
	}
	return out, nil
}

// readPending sends the versions that where selects, in batches of size,
// analysed on every core, in the order of their rows.
func (db *DB) readPending(ctx context.Context, where string, size int, out chan<- []pendingDoc) error {
	after := int64(-1 << 62)
	for {
		rows, err := db.read.QueryContext(ctx, db.q(`SELECT d.id, d.pending, v.story_id, v.lang, v.title, v.summary, v.body, COALESCE(v.published_at, v.updated_at)
			FROM search_docs d JOIN versions v ON v.story_id = d.story_id AND v.lang = d.lang
			WHERE `+where+` AND d.id > ? ORDER BY d.id LIMIT ?`), after, size)
		if err != nil {
			return fmt.Errorf("reading versions to index: %w", err)
		}
		docs, err := scanPending(rows)
		if err != nil {
			return fmt.Errorf("reading versions to index: %w", err)
		}
		if len(docs) == 0 {
			return nil
		}
		after = docs[len(docs)-1].id
		db.analyseDocs(docs)
		select {
		case out <- docs:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// analyseDocs analyses a batch on every core.
func (db *DB) analyseDocs(docs []pendingDoc) {
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(docs); i += workers {
				d := &docs[i]
				d.terms = db.analyseVersion(d.lang, d.title, d.summary, d.body)
			}
		})
	}
	wg.Wait()
}

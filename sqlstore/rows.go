package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// rowWriter inserts many rows per statement, for bulk writes: one
// statement of a thousand rows costs little more than one of a single row.
// Tables are written in the order they were first given rows, all of them
// whenever one has a statement's worth, so that a row is never written
// before the rows it refers to.
type rowWriter struct {
	db    *DB
	tx    *sql.Tx
	order []string         // "table (columns)", in the order first seen
	args  map[string][]any // the pending rows' values, flattened
	rows  map[string]int
	ends  map[string]string // what follows the values (ON CONFLICT …)
	err   error
}

// maxParams bounds the values of one statement (SQLite allows 32,766).
const maxParams = 30000

func (db *DB) newRowWriter(tx *sql.Tx) *rowWriter {
	return &rowWriter{db: db, tx: tx, args: map[string][]any{}, rows: map[string]int{}, ends: map[string]string{}}
}

// add queues one row of target, "table (col, col, …)"; an error of a
// statement it sets off is kept for flush to return.
func (w *rowWriter) add(ctx context.Context, target string, vals ...any) {
	if w.err != nil {
		return
	}
	if _, ok := w.rows[target]; !ok {
		w.order = append(w.order, target)
	}
	w.args[target] = append(w.args[target], vals...)
	w.rows[target]++
	if len(w.args[target])+len(vals) > maxParams {
		w.err = w.flush(ctx)
	}
}

// upsert is add for rows whose statement ends with end ("ON CONFLICT …");
// one statement must not hold two rows end would make update one row.
func (w *rowWriter) upsert(ctx context.Context, target, end string, vals ...any) {
	w.ends[target] = end
	w.add(ctx, target, vals...)
}

// flush writes every queued row.
func (w *rowWriter) flush(ctx context.Context) error {
	if w.err != nil {
		return w.err
	}
	for _, target := range w.order {
		n := w.rows[target]
		if n == 0 {
			continue
		}
		args := w.args[target]
		row := "(" + placeholders(len(args)/n) + ")"
		q := "INSERT INTO " + target + " VALUES " + strings.TrimSuffix(strings.Repeat(row+", ", n), ", ") + w.ends[target]
		if _, err := w.tx.ExecContext(ctx, w.db.q(q), args...); err != nil {
			w.err = fmt.Errorf("writing %s: %w", strings.Fields(target)[0], err)
			return w.err
		}
		w.args[target], w.rows[target] = args[:0], 0
	}
	return nil
}

// Package sqlstore implements khabar.Store on database/sql: SQLite now
// (modernc.org/sqlite, pure Go), PostgreSQL through the same queries later.
// Dialect differences live in dialect.go; schemas are embedded, numbered
// migrations under migrations/{dialect}/.
package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"time"

	"github.com/khabarnews/khabar"
	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// DB is a Khabar store on one database.
type DB struct {
	read  *sql.DB // many connections: WAL lets readers run beside the writer
	write *sql.DB // one connection: SQLite has a single writer anyway
	d     dialect
	now   khabar.Clock
}

// Option changes how a DB is opened.
type Option func(*DB)

// WithClock makes the store use clock as "now" (tests, scheduled publishing).
func WithClock(clock khabar.Clock) Option { return func(db *DB) { db.now = clock } }

// OpenSQLite opens (creating if needed) the SQLite database at path, applies
// pending migrations and returns the store.
func OpenSQLite(ctx context.Context, path string, opts ...Option) (*DB, error) {
	q := url.Values{}
	for _, p := range []string{
		"busy_timeout(10000)",
		"journal_mode(WAL)",
		"foreign_keys(1)",
		"synchronous(FULL)", // an acknowledged save survives kill -9 and power loss
	} {
		q.Add("_pragma", p)
	}
	dsn := "file:" + path + "?" + q.Encode()
	write, err := sql.Open("sqlite", dsn+"&_txlock=immediate")
	if err != nil {
		return nil, fmt.Errorf("opening %s: %w", path, err)
	}
	write.SetMaxOpenConns(1)
	read, err := sql.Open("sqlite", dsn+"&_pragma=query_only(1)")
	if err != nil {
		write.Close()
		return nil, fmt.Errorf("opening %s: %w", path, err)
	}
	read.SetMaxOpenConns(8)
	read.SetMaxIdleConns(8)
	db := &DB{read: read, write: write, d: sqliteDialect, now: time.Now}
	for _, o := range opts {
		o(db)
	}
	if err := db.migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// Close closes both connection pools.
func (db *DB) Close() error {
	if db.read == db.write {
		return db.read.Close()
	}
	return errors.Join(db.read.Close(), db.write.Close())
}

// Ping checks that the database answers.
func (db *DB) Ping(ctx context.Context) error {
	if err := db.read.PingContext(ctx); err != nil {
		return fmt.Errorf("pinging database: %w", err)
	}
	return nil
}

// inTx runs fn in a write transaction; the public store method owns the
// transaction and private (ctx, tx) helpers compose inside it.
func (db *DB) inTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("beginning transaction: %w", err)
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("committing: %w", err)
	}
	return nil
}

// q rewrites a query written with ? placeholders for the dialect.
func (db *DB) q(query string) string { return db.d.rebind(query) }

func (db *DB) nowMillis() int64 { return db.now().UnixMilli() }

var _ khabar.Store = (*DB)(nil)

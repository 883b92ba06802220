// Package sqlstore implements khabar.Store on database/sql: SQLite
// (modernc.org/sqlite, pure Go) and PostgreSQL (pgx) through the same queries.
// Dialect differences live in dialect.go; schemas are embedded, numbered
// migrations under migrations/{dialect}/.
package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"sync/atomic"
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
	// gen is the content generation this node last saw: raised at once by
	// its own writes, and by watchGeneration for other nodes' writes;
	// changes holds the topics each recent generation touched.
	gen      atomic.Int64
	genReady bool // the migration that creates the counter has run
	changes  changeLog
	stop     chan struct{}
	// purger is set when this node purges shared caches (PurgeOwnChanges).
	purger atomic.Pointer[purger]
	sync   syncer
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
	if db.stop != nil {
		close(db.stop)
	}
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
// transaction and private (ctx, tx) helpers compose inside it. What the
// write touched is not worked out: every page cache drops everything.
func (db *DB) inTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	return db.inTxTopics(ctx, func(tx *sql.Tx) ([]string, error) { return everything, fn(tx) })
}

// inQuietTx is inTx for writes that no public page shows (sessions, the
// audit log, API tokens): they leave every node's page cache as it is.
func (db *DB) inQuietTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	return db.inTxTopics(ctx, func(tx *sql.Tx) ([]string, error) { return nil, fn(tx) })
}

// inTxOn is inTx for a write that touches the given topics.
func (db *DB) inTxOn(ctx context.Context, topics []string, fn func(tx *sql.Tx) error) error {
	return db.inTxTopics(ctx, func(tx *sql.Tx) ([]string, error) { return topics, fn(tx) })
}

// inTxTopics runs fn in a write transaction; fn returns the topics its
// write touched (khabar.StoryTopic …), none for a write that no reader
// sees (a draft saved), and the content generation is raised with them.
func (db *DB) inTxTopics(ctx context.Context, fn func(tx *sql.Tx) ([]string, error)) error {
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("beginning transaction: %w", err)
	}
	defer tx.Rollback()
	topics, err := fn(tx)
	if err != nil {
		return err
	}
	var gen int64
	if db.genReady && len(topics) > 0 {
		if gen, err = db.recordChange(ctx, tx, topics); err != nil {
			return err
		}
		if gen > db.changes.known()+1 {
			// Someone else wrote since this node last looked.
			if err := db.readChanges(ctx, tx, gen); err != nil {
				return err
			}
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("committing: %w", err)
	}
	if gen > 0 {
		db.changes.add(gen, topics)
		db.seeGeneration(gen)
		db.ownChange(ctx, gen, topics)
	}
	return nil
}

// Generation is a number that grows with every change of the content, on
// any node (within watchInterval for other nodes' changes). Caches keep
// what they rendered at one generation until it moves.
func (db *DB) Generation() int64 { return db.gen.Load() }

func (db *DB) seeGeneration(n int64) {
	for {
		cur := db.gen.Load()
		if n <= cur || db.gen.CompareAndSwap(cur, n) {
			return
		}
	}
}

// watchInterval is how often a node reads the generation other nodes write.
const watchInterval = 200 * time.Millisecond

// watchGeneration follows the generation written by other nodes until Close.
func (db *DB) watchGeneration() {
	db.stop = make(chan struct{})
	go func() {
		t := time.NewTicker(watchInterval)
		defer t.Stop()
		for {
			select {
			case <-db.stop:
				return
			case <-t.C:
			}
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
			db.readChanges(ctx, db.read, 0) // an error is tried again at the next tick
			cancel()
		}
	}()
}

// q rewrites a query written with ? placeholders for the dialect.
func (db *DB) q(query string) string { return db.d.rebind(query) }

func (db *DB) nowMillis() int64 { return db.now().UnixMilli() }

var _ khabar.Store = (*DB)(nil)

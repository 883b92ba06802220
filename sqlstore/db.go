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
	"slices"
	"sync/atomic"
	"time"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/analysis"
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
	// lex is the search lexicon the analysers apply, and lexSeen the
	// analyser's version recorded in the database when this node last
	// looked (see search_lexicon.go).
	lex     atomic.Pointer[analysis.Lexicon]
	lexSeen atomic.Pointer[string]
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

// Update runs fn as one write transaction (khabar.Store): the writes made
// with the context fn is given join it, and the topics they touched are
// recorded once, when it commits. An Update inside another joins it.
func (db *DB) Update(ctx context.Context, fn func(ctx context.Context) error) error {
	if db.joined(ctx) != nil {
		return fn(ctx)
	}
	return db.inTxTopics(ctx, func(tx *sql.Tx) ([]string, error) {
		j := &joinedTx{db: db, tx: tx, topics: topicSet{}}
		err := fn(context.WithValue(ctx, joinedKey{}, j))
		return j.topics.list(), err
	})
}

// joinedTx is the transaction of an Update, carried in its context so that
// the store's methods called inside it write, and read, through it.
type joinedTx struct {
	db     *DB
	tx     *sql.Tx
	topics topicSet
}

type joinedKey struct{}

// joined returns the Update transaction of this store that ctx is inside.
func (db *DB) joined(ctx context.Context) *joinedTx {
	if j, ok := ctx.Value(joinedKey{}).(*joinedTx); ok && j.db == db {
		return j
	}
	return nil
}

// conn is what a read runs on: the Update transaction it is inside, so
// that it sees the writes made before it there, or else the read pool.
func (db *DB) conn(ctx context.Context) dbConn {
	if j := db.joined(ctx); j != nil {
		return j.tx
	}
	return db.read
}

// dbConn is a connection pool or a transaction.
type dbConn interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
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
// Inside an Update, fn runs in the Update's transaction and its topics
// are recorded when that commits.
func (db *DB) inTxTopics(ctx context.Context, fn func(tx *sql.Tx) ([]string, error)) error {
	if j := db.joined(ctx); j != nil {
		topics, err := fn(j.tx)
		j.topics.add(topics...)
		return err
	}
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("beginning transaction: %w", err)
	}
	defer tx.Rollback()
	topics, err := fn(tx)
	if err != nil {
		return err
	}
	if slices.Contains(topics, khabar.TopicAll) {
		topics = everything
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

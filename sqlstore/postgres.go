package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
)

var postgresDialect = dialect{name: "postgres", dollarParams: true, forUpdate: " FOR UPDATE", forShare: " FOR SHARE",
	lockMigrations: "SELECT pg_advisory_lock(7283946501)", unlockMigrations: "SELECT pg_advisory_unlock(7283946501)",
	viewOptions: &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true},
	jsonKey:     `(%s::jsonb ->> CAST(? AS TEXT))`}

// OpenPostgres connects to the PostgreSQL database at dsn
// (postgres://user:pass@host/db), applies pending migrations and returns the
// store. Several Khabar nodes may open the same database at once: the
// migrations run under an advisory lock, once.
func OpenPostgres(ctx context.Context, dsn string, opts ...Option) (*DB, error) {
	pool, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, fmt.Errorf("opening PostgreSQL: %w", err)
	}
	pool.SetMaxOpenConns(20)
	pool.SetMaxIdleConns(10)
	pool.SetConnMaxIdleTime(5 * time.Minute)
	pingCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := pool.PingContext(pingCtx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("connecting to PostgreSQL: %w", err)
	}
	// PostgreSQL has no single-writer limit: one pool serves both roles.
	db := &DB{read: pool, write: pool, d: postgresDialect, now: time.Now}
	for _, o := range opts {
		o(db)
	}
	if err := db.migrate(ctx); err != nil {
		pool.Close()
		return nil, err
	}
	db.watchGeneration() // other nodes write to the same database
	return db, nil
}

package sqlstore

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
)

//go:embed migrations
var migrations embed.FS

type migration struct {
	version int
	name    string
	sql     string
}

// loadMigrations reads migrations/{dialect}/NNNN_name.sql in order.
func loadMigrations(dialect string) ([]migration, error) {
	dir := path.Join("migrations", dialect)
	entries, err := fs.ReadDir(migrations, dir)
	if err != nil {
		return nil, fmt.Errorf("reading migrations: %w", err)
	}
	var ms []migration
	for _, e := range entries {
		num, name, ok := strings.Cut(strings.TrimSuffix(e.Name(), ".sql"), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || !strings.HasSuffix(e.Name(), ".sql") {
			return nil, fmt.Errorf("migration %s: name must be NNNN_name.sql", e.Name())
		}
		body, err := fs.ReadFile(migrations, path.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{version: v, name: name, sql: string(body)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	for i, m := range ms {
		if m.version != i+1 {
			return nil, fmt.Errorf("migration %04d_%s: expected number %04d", m.version, m.name, i+1)
		}
	}
	return ms, nil
}

// migrate applies, each in its own transaction, the migrations not yet
// recorded in schema_migrations.
func (db *DB) migrate(ctx context.Context) error {
	ms, err := loadMigrations(db.d.name)
	if err != nil {
		return err
	}
	if db.d.lockMigrations != "" {
		conn, err := db.write.Conn(ctx)
		if err != nil {
			return fmt.Errorf("locking migrations: %w", err)
		}
		defer conn.Close()
		if _, err := conn.ExecContext(ctx, db.d.lockMigrations); err != nil {
			return fmt.Errorf("locking migrations: %w", err)
		}
		defer conn.ExecContext(context.Background(), db.d.unlockMigrations)
	}
	if _, err := db.write.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)`); err != nil {
		return fmt.Errorf("creating schema_migrations: %w", err)
	}
	var current int
	if err := db.write.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&current); err != nil {
		return fmt.Errorf("reading schema version: %w", err)
	}
	if current > len(ms) {
		return fmt.Errorf("the database has schema version %d, newer than this Khabar knows (%d): upgrade Khabar", current, len(ms))
	}
	defer db.readGeneration(ctx)
	for _, m := range ms[current:] {
		err := db.inTx(ctx, func(tx *sql.Tx) error {
			if _, err := tx.ExecContext(ctx, m.sql); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, db.q(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`),
				m.version, m.name, db.nowMillis())
			return err
		})
		if err != nil {
			return fmt.Errorf("applying migration %04d_%s: %w", m.version, m.name, err)
		}
	}
	if err := db.checkCounts(ctx); err != nil {
		return err
	}
	return db.checkSearchVersion(ctx)
}

// SchemaVersion returns the number of the last applied migration.
func (db *DB) SchemaVersion(ctx context.Context) (int, error) {
	var v int
	err := db.read.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&v)
	return v, err
}

// readGeneration starts counting changes once the counter's table exists.
func (db *DB) readGeneration(ctx context.Context) {
	var n int64
	if err := db.write.QueryRowContext(ctx, `SELECT n FROM content_generation WHERE id = 1`).Scan(&n); err == nil {
		db.genReady = true
		db.changes.reset(n)
		db.seeGeneration(n)
	}
}

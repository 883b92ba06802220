package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"strings"
)

// ErrNotSQLite is the error of a SQLite-only operation on PostgreSQL,
// which has its own tools (pg_dump) for what it does.
var ErrNotSQLite = errors.New("this is a PostgreSQL database: back it up with pg_dump (see docs/deploy.md), or write a Khabar archive with khabar export")

// BackupTo writes a consistent copy of the SQLite database to path, which
// must not exist yet, while the site goes on reading and writing: SQLite's
// VACUUM INTO reads one snapshot, in a read transaction that holds up no
// writer (WAL), and writes a compact database file. Every save committed
// before it began is in the copy.
func (db *DB) BackupTo(ctx context.Context, path string) error {
	if db.dsn == "" {
		return ErrNotSQLite
	}
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("%s exists: a backup does not overwrite a file", path)
	}
	// A connection of its own, so that neither of the store's pools is
	// held for the minutes a large copy takes.
	conn, err := sql.Open("sqlite", db.dsn)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `VACUUM INTO ?`, path); err != nil {
		os.Remove(path)
		return fmt.Errorf("backing up the database: %w", err)
	}
	return nil
}

// IntegrityCheck runs SQLite's PRAGMA integrity_check and returns its
// complaints as an error; nil when it says "ok".
func (db *DB) IntegrityCheck(ctx context.Context) error {
	if db.dsn == "" {
		return ErrNotSQLite
	}
	rows, err := db.read.QueryContext(ctx, `PRAGMA integrity_check`)
	if err != nil {
		return fmt.Errorf("checking the database: %w", err)
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return err
		}
		if line != "ok" {
			problems = append(problems, line)
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if len(problems) > 0 {
		return fmt.Errorf("the database is damaged: %s", strings.Join(problems, "; "))
	}
	return nil
}

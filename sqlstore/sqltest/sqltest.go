// Package sqltest opens a fresh store for a test: SQLite in a temporary
// directory by default, or a new PostgreSQL database when
// KHABAR_TEST_STORE=postgres (on the server named by KHABAR_TEST_POSTGRES),
// so that whole test suites run on both backends unchanged.
package sqltest

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"

	"github.com/khabarnews/khabar/sqlstore"
)

var counter atomic.Int64

// Open returns an empty store that is closed (and, on PostgreSQL, dropped)
// when the test ends.
func Open(tb testing.TB, opts ...sqlstore.Option) *sqlstore.DB {
	tb.Helper()
	ctx := context.Background()
	var db *sqlstore.DB
	var err error
	if os.Getenv("KHABAR_TEST_STORE") == "postgres" {
		db, err = sqlstore.OpenPostgres(ctx, FreshPostgres(tb), opts...)
	} else {
		db, err = sqlstore.OpenSQLite(ctx, filepath.Join(tb.TempDir(), "khabar.db"), opts...)
	}
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

// FreshPostgres creates an empty database on the server named by
// KHABAR_TEST_POSTGRES, returns its DSN, and drops it when the test ends.
func FreshPostgres(tb testing.TB) string {
	tb.Helper()
	dsn := os.Getenv("KHABAR_TEST_POSTGRES")
	if dsn == "" {
		tb.Fatal("KHABAR_TEST_POSTGRES is not set: it names a PostgreSQL server where tests may create databases")
	}
	admin, err := sql.Open("pgx", dsn)
	if err != nil {
		tb.Fatal(err)
	}
	name := fmt.Sprintf("khabar_t_%d_%d", os.Getpid(), counter.Add(1))
	if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
		admin.Close()
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
		admin.Close()
	})
	u, err := url.Parse(dsn)
	if err != nil {
		tb.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}

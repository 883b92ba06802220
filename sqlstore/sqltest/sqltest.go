// Package sqltest opens a fresh store for a test: SQLite in a temporary
// directory by default, or a new PostgreSQL database when
// KHABAR_TEST_STORE=postgres (on the server named by KHABAR_TEST_POSTGRES),
// so that whole test suites run on both backends unchanged.
//
// Without KHABAR_TEST_POSTGRES a test that needs PostgreSQL skips with a
// loud message; with CI=true it fails instead, so that CI cannot pass
// without running it.
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

	"github.com/khabarnews/khabar/internal/testnote"
	"github.com/khabarnews/khabar/sqlstore"
)

var counter atomic.Int64

// OnPostgres reports whether the tests run on PostgreSQL
// (KHABAR_TEST_STORE=postgres) rather than on SQLite.
func OnPostgres() bool {
	return os.Getenv("KHABAR_TEST_STORE") == "postgres"
}

// Open returns an empty store that is closed (and, on PostgreSQL, dropped)
// when the test ends.
func Open(tb testing.TB, opts ...sqlstore.Option) *sqlstore.DB {
	tb.Helper()
	ctx := context.Background()
	var db *sqlstore.DB
	var err error
	if OnPostgres() {
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

// DSN is what a test gives a khabar command (--database,
// $KHABAR_DATABASE) to choose its database: a fresh PostgreSQL database,
// dropped when the test ends, when the tests run on PostgreSQL; "" — the
// SQLite file in the data directory — otherwise.
func DSN(tb testing.TB) string {
	tb.Helper()
	if !OnPostgres() {
		return ""
	}
	return FreshPostgres(tb)
}

// Server returns $KHABAR_TEST_POSTGRES, a PostgreSQL server where tests may
// create databases (.ci/run starts a throwaway cluster and sets it). When
// it is not set the test skips loudly, or fails when CI=true.
func Server(tb testing.TB) string {
	tb.Helper()
	dsn := os.Getenv("KHABAR_TEST_POSTGRES")
	if dsn == "" {
		const msg = "KHABAR_TEST_POSTGRES is not set: it names a PostgreSQL server where tests may create databases, e.g. postgres://user@127.0.0.1:5432/postgres (see .ci/run)"
		if os.Getenv("CI") == "true" {
			tb.Fatal(msg + " — CI=true, so this is a failure")
		}
		testnote.Skip(tb, "(needs PostgreSQL) "+msg)
	}
	return dsn
}

// FreshPostgres creates an empty database on the server named by
// KHABAR_TEST_POSTGRES, returns its DSN, and drops it when the test ends.
func FreshPostgres(tb testing.TB) string {
	tb.Helper()
	dsn, drop, err := CreateDatabase(Server(tb))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		if err := drop(); err != nil {
			tb.Logf("dropping the test database: %v", err)
		}
	})
	return dsn
}

// CreateDatabase creates an empty database on the PostgreSQL server at
// server and returns its DSN and a function that drops it: for a database
// that outlives one test, such as a fixture a package's tests share.
func CreateDatabase(server string) (dsn string, drop func() error, err error) {
	u, err := url.Parse(server)
	if err != nil {
		return "", nil, fmt.Errorf("KHABAR_TEST_POSTGRES: %w", err)
	}
	admin, err := sql.Open("pgx", server)
	if err != nil {
		return "", nil, err
	}
	defer admin.Close()
	name := fmt.Sprintf("khabar_t_%d_%d", os.Getpid(), counter.Add(1))
	if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
		return "", nil, fmt.Errorf("creating a test database: %w", err)
	}
	drop = func() error {
		admin, err := sql.Open("pgx", server)
		if err != nil {
			return err
		}
		defer admin.Close()
		_, err = admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
		return err
	}
	u.Path = "/" + name
	return u.String(), drop, nil
}

// OpenShared opens a store that is not tied to one test, for a fixture
// that several tests of a package share: the SQLite file khabar.db in dir,
// or a new PostgreSQL database when the tests run on PostgreSQL. Call
// done when finished: it closes the store and drops that database. The caller
// checks first, with Server, that PostgreSQL is available.
func OpenShared(ctx context.Context, dir string, opts ...sqlstore.Option) (db *sqlstore.DB, done func(), err error) {
	if !OnPostgres() {
		db, err = sqlstore.OpenSQLite(ctx, filepath.Join(dir, "khabar.db"), opts...)
		if err != nil {
			return nil, nil, err
		}
		return db, func() { db.Close() }, nil
	}
	dsn, drop, err := CreateDatabase(os.Getenv("KHABAR_TEST_POSTGRES"))
	if err != nil {
		return nil, nil, err
	}
	db, err = sqlstore.OpenPostgres(ctx, dsn, opts...)
	if err != nil {
		drop()
		return nil, nil, err
	}
	return db, func() { db.Close(); drop() }, nil
}

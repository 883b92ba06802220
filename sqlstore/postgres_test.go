package sqlstore_test

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"sync/atomic"
	"testing"
	"time"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/sqlstore"
	"github.com/khabarnews/khabar/storetest"
)

// postgresDSN returns the server the PostgreSQL tests use: $KHABAR_TEST_POSTGRES,
// a DSN with rights to create databases (.ci/run starts a throwaway cluster
// and sets it). Without it the tests skip loudly, or fail when CI=true.
func postgresDSN(t *testing.T) string {
	dsn := os.Getenv("KHABAR_TEST_POSTGRES")
	if dsn == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("KHABAR_TEST_POSTGRES is not set: CI must run the PostgreSQL tests")
		}
		t.Skip("SKIPPED: PostgreSQL tests need KHABAR_TEST_POSTGRES=postgres://user@127.0.0.1:port/postgres (see .ci/run)")
	}
	return dsn
}

var dbCounter atomic.Int64

// freshPostgres creates an empty database for one test and drops it after.
func freshPostgres(t *testing.T, dsn string) string {
	t.Helper()
	admin, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { admin.Close() })
	name := fmt.Sprintf("khabar_test_%d_%d", os.Getpid(), dbCounter.Add(1))
	if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if _, err := admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"); err != nil {
			t.Logf("dropping %s: %v", name, err)
		}
	})
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}

func TestPostgresConformance(t *testing.T) {
	dsn := postgresDSN(t)
	storetest.Run(t, func(t *testing.T, clock khabar.Clock) khabar.Store {
		db, err := sqlstore.OpenPostgres(context.Background(), freshPostgres(t, dsn), sqlstore.WithClock(clock))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return db
	})
}

// TestPostgresMigrationsOnceAcrossNodes opens one database from several
// "nodes" at once: each migration must be applied exactly once.
func TestPostgresMigrationsOnceAcrossNodes(t *testing.T) {
	target := freshPostgres(t, postgresDSN(t))
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	errs := make(chan error, 4)
	for i := 0; i < 4; i++ {
		go func() {
			db, err := sqlstore.OpenPostgres(ctx, target)
			if err == nil {
				db.Close()
			}
			errs <- err
		}()
	}
	for i := 0; i < 4; i++ {
		if err := <-errs; err != nil {
			t.Fatalf("a node failed to open the database: %v", err)
		}
	}
	db, err := sqlstore.OpenPostgres(ctx, target)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	v, err := db.SchemaVersion(ctx)
	if err != nil || v < 2 {
		t.Fatalf("schema version %d, %v", v, err)
	}
}

package sqlstore_test

import (
	"context"
	"testing"
	"time"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/sqlstore"
	"github.com/khabarnews/khabar/sqlstore/sqltest"
	"github.com/khabarnews/khabar/storetest"
)

func TestPostgresConformance(t *testing.T) {
	sqltest.Server(t)
	storetest.Run(t, func(t *testing.T, clock khabar.Clock) khabar.Store {
		db, err := sqlstore.OpenPostgres(context.Background(), sqltest.FreshPostgres(t), sqlstore.WithClock(clock))
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
	target := sqltest.FreshPostgres(t)
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

package sqlstore_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/sqlstore"
	"github.com/khabarnews/khabar/storetest"
)

func TestSQLiteConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T, clock khabar.Clock) khabar.Store {
		db, err := sqlstore.OpenSQLite(context.Background(), filepath.Join(t.TempDir(), "khabar.db"), sqlstore.WithClock(clock))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return db
	})
}

package sqlstore_test

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/sqlstore"
	"github.com/khabarnews/khabar/sqlstore/sqltest"
	"github.com/khabarnews/khabar/storetest"
)

// TestSQLiteConformance runs the store conformance suite on SQLite, and
// TestPostgresConformance the same suite on PostgreSQL, whichever backend
// KHABAR_TEST_STORE picks for the other tests.
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

func TestReindexProgress(t *testing.T) {
	db := sqltest.Open(t)
	ctx := context.Background()
	var stories []sqlstore.StoryImport
	for range sqlstore.PendingBatch + 1 {
		v := &khabar.Version{Lang: "en", Title: "Grain", Slug: "g", Status: khabar.StatusDraft}
		stories = append(stories, sqlstore.StoryImport{Story: &khabar.Story{}, Versions: []*khabar.Version{v}})
	}
	if err := db.ImportStories(ctx, stories); err != nil {
		t.Fatal(err)
	}
	var calls [][2]int
	if err := db.Reindex(ctx, func(done, total int) { calls = append(calls, [2]int{done, total}) }); err != nil {
		t.Fatal(err)
	}
	want := [][2]int{{sqlstore.PendingBatch, sqlstore.PendingBatch + 1}, {sqlstore.PendingBatch + 1, sqlstore.PendingBatch + 1}}
	if !slices.Equal(calls, want) {
		t.Fatalf("progress %v, want %v", calls, want)
	}
}

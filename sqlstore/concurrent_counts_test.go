package sqlstore_test

import (
	"context"
	"database/sql"
	"sync"
	"testing"
	"time"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/sqlstore"
	"github.com/khabarnews/khabar/sqlstore/sqltest"
)

// Two translators publish two languages of one story at the same moment on
// PostgreSQL: the second waits for the first's lock on the story, so that
// it counts from the state the first left, and the story is counted once
// in its tag's published stories.
func TestPostgresConcurrentPublishCounts(t *testing.T) {
	ctx := context.Background()
	dsn := sqltest.FreshPostgres(t)
	db, err := sqlstore.OpenPostgres(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	tag := &khabar.Tag{Slug: "trade", Names: khabar.Text{"en": "Trade"}}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(db.CreateTag(ctx, tag))
	en := &khabar.Version{Lang: "en", Title: "A", Slug: "a", Body: "<p>a</p>", Status: khabar.StatusDraft}
	fr := &khabar.Version{Lang: "fr", Title: "B", Slug: "b", Body: "<p>b</p>", Status: khabar.StatusDraft}
	st := &khabar.Story{TagIDs: []int64{tag.ID}}
	must(db.CreateStory(ctx, st, []*khabar.Version{en, fr}))

	// Another session holds the story's row for a moment (any write to the
	// story does), so that both saves are under way at once.
	other, err := sql.Open("pgx", dsn)
	must(err)
	defer other.Close()
	lock, err := other.BeginTx(ctx, nil)
	must(err)
	_, err = lock.ExecContext(ctx, `SELECT id FROM stories WHERE id = $1 FOR UPDATE`, st.ID)
	must(err)

	var wg sync.WaitGroup
	errs := make(chan error, 2)
	for _, v := range []*khabar.Version{en, fr} {
		wg.Add(1)
		go func(v *khabar.Version) {
			defer wg.Done()
			v.Status = khabar.StatusPublished
			errs <- db.SaveVersion(ctx, v, 0)
		}(v)
	}
	time.Sleep(500 * time.Millisecond)
	must(lock.Rollback())
	wg.Wait()
	close(errs)
	for err := range errs {
		must(err)
	}
	counts, err := db.PublishedTagCounts(ctx)
	must(err)
	if counts[tag.ID] != 1 {
		t.Fatalf("PublishedTagCounts[trade] = %d; one story carries the tag", counts[tag.ID])
	}
}

// A retag (A → B) and an unpublication of one story at once on PostgreSQL:
// whichever goes second counts from what the first left, so no tag ends
// with a story it does not have, or a negative total.
func TestPostgresConcurrentRetagUnpublishCounts(t *testing.T) {
	ctx := context.Background()
	dsn := sqltest.FreshPostgres(t)
	db, err := sqlstore.OpenPostgres(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	a := &khabar.Tag{Slug: "a", Names: khabar.Text{"en": "A"}}
	b := &khabar.Tag{Slug: "b", Names: khabar.Text{"en": "B"}}
	must(db.CreateTag(ctx, a))
	must(db.CreateTag(ctx, b))
	en := &khabar.Version{Lang: "en", Title: "A", Slug: "a", Body: "<p>a</p>", Status: khabar.StatusPublished}
	st := &khabar.Story{TagIDs: []int64{a.ID}}
	must(db.CreateStory(ctx, st, []*khabar.Version{en}))

	other, err := sql.Open("pgx", dsn)
	must(err)
	defer other.Close()
	lock, err := other.BeginTx(ctx, nil)
	must(err)
	_, err = lock.ExecContext(ctx, `SELECT id FROM stories WHERE id = $1 FOR UPDATE`, st.ID)
	must(err)
	var wg sync.WaitGroup
	errs := make(chan error, 2)
	wg.Add(2)
	go func() { // queued first on the story's row
		defer wg.Done()
		s2 := *st
		s2.TagIDs = []int64{b.ID}
		errs <- db.UpdateStory(ctx, &s2)
	}()
	time.Sleep(200 * time.Millisecond)
	go func() {
		defer wg.Done()
		en.Status = khabar.StatusUnpublished
		errs <- db.SaveVersion(ctx, en, 0)
	}()
	time.Sleep(300 * time.Millisecond)
	must(lock.Rollback())
	wg.Wait()
	close(errs)
	for err := range errs {
		must(err)
	}
	for _, tg := range []*khabar.Tag{a, b} {
		_, total, err := db.ListArticles(ctx, khabar.ListFilter{Lang: "en", TagID: tg.ID})
		must(err)
		if total != 0 {
			t.Errorf("tag %s: total %d, nothing is published", tg.Slug, total)
		}
	}
}

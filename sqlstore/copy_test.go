package sqlstore_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/demo"
	"github.com/khabarnews/khabar/media"
	"github.com/khabarnews/khabar/sqlstore"
	"github.com/khabarnews/khabar/sqlstore/sqltest"
)

// TestCopySQLiteToPostgres moves the demo site from SQLite to PostgreSQL,
// twice, and checks that both sides hold the same rows and that the new
// database keeps working. Its source is SQLite whichever backend the other
// tests run on: the copy goes from SQLite to PostgreSQL only.
func TestCopySQLiteToPostgres(t *testing.T) {
	target := sqltest.FreshPostgres(t)
	ctx := context.Background()
	dir := t.TempDir()
	src, err := sqlstore.OpenSQLite(ctx, filepath.Join(dir, "k.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	blobs, err := media.NewDisk(filepath.Join(dir, "media"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := demo.Load(ctx, src, blobs, time.Now()); err != nil {
		t.Fatal(err)
	}
	if err := src.Audit(ctx, &khabar.AuditEntry{Action: "test", Object: "story/1", Detail: "قبل النقل"}); err != nil {
		t.Fatal(err)
	}
	// The site's own search lexicon goes with it, and applies there.
	if err := src.SaveLexiconEntry(ctx, &khabar.LexiconEntry{Lang: "en", Class: "spelling", Words: []string{"summit", "zzmeeting"}}); err != nil {
		t.Fatal(err)
	}
	dst, err := sqlstore.OpenPostgres(ctx, target)
	if err != nil {
		t.Fatal(err)
	}
	defer dst.Close()
	for run := 1; run <= 2; run++ {
		reports, err := src.CopyTo(ctx, dst, nil)
		if err != nil {
			t.Fatalf("run %d: %v", run, err)
		}
		for _, r := range reports {
			if !r.Equal() {
				t.Errorf("run %d: %s differs: %d rows (%s) vs %d rows (%s)", run, r.Table, r.Source, r.SourceSum[:8], r.Target, r.TargetSum[:8])
			}
		}
	}
	for _, l := range []string{"ar", "ru", "en"} {
		_, a, err := src.ListArticles(ctx, khabar.ListFilter{Lang: l})
		if err != nil {
			t.Fatal(err)
		}
		_, b, err := dst.ListArticles(ctx, khabar.ListFilter{Lang: l})
		if err != nil {
			t.Fatal(err)
		}
		if a != b || a == 0 {
			t.Errorf("%s: %d articles on SQLite, %d on PostgreSQL", l, a, b)
		}
	}
	if err := dst.Reindex(ctx, nil); err != nil {
		t.Fatal(err)
	}
	for _, db := range []*sqlstore.DB{src, dst} {
		res, err := db.Search(ctx, khabar.SearchQuery{Text: "zzmeeting ", Langs: []string{"en"}, Limit: 5})
		if err != nil || res.Total == 0 {
			t.Errorf("the copied lexicon entry finds nothing: %+v, %v", res, err)
		}
	}
	if err := dst.SaveLexiconEntry(ctx, &khabar.LexiconEntry{Lang: "en", Class: "spelling", Words: []string{"colour", "zzcolor"}}); err != nil {
		t.Errorf("a lexicon entry after the copy: %v", err)
	}
	// New rows get new ids, not ones the copy already used.
	st := &khabar.Story{}
	if err := dst.CreateStory(ctx, st, []*khabar.Version{{Lang: "en", Title: "After the move", Slug: "after"}}); err != nil {
		t.Fatalf("creating a story after the copy: %v", err)
	}
	if n, _ := src.CountStories(ctx); st.ID <= int64(n) {
		t.Fatalf("new story id %d collides with copied ids (1..%d)", st.ID, n)
	}
}

package sqlstore_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/sqlstore"
	"github.com/khabarnews/khabar/sqlstore/sqltest"
)

// TestAnalyserUpgrade: an index written by another analyser is written
// again after the upgrade, in the background (IndexStale, which khabar
// serve runs), while searches go on over the old terms; a new store is
// never reindexed.
func TestAnalyserUpgrade(t *testing.T) {
	ctx := context.Background()
	dir, dsn := t.TempDir(), sqltest.DSN(t)
	open := func() *sqlstore.DB {
		t.Helper()
		var db *sqlstore.DB
		var err error
		if dsn != "" {
			db, err = sqlstore.OpenPostgres(ctx, dsn)
		} else {
			db, err = sqlstore.OpenSQLite(ctx, filepath.Join(dir, "khabar.db"))
		}
		if err != nil {
			t.Fatal(err)
		}
		return db
	}
	db := open()
	if n, err := db.StaleSearch(ctx); err != nil || n != 0 {
		t.Fatalf("a new store has %d stale versions (%v)", n, err)
	}
	st := &khabar.Story{}
	v := &khabar.Version{Lang: "ar", Title: "الصادرات تسجل رقما قياسيا", Slug: "s", Status: khabar.StatusPublished}
	other := &khabar.Version{Lang: "en", Title: "Grain exports", Slug: "g", Status: khabar.StatusPublished}
	if err := db.CreateStory(ctx, st, []*khabar.Version{v, other}); err != nil {
		t.Fatal(err)
	}
	// An older analyser did not read a tanwin without its mark: رقما was
	// رقما only, never رقم.
	if err := db.IndexAsOlderAnalyser(ctx, "1", st.ID, "ar", "صادر سجل رقما قياسيا"); err != nil {
		t.Fatal(err)
	}
	db.Close()

	db = open()
	if n, err := db.StaleSearch(ctx); err != nil || n != 2 {
		t.Fatalf("after the upgrade %d versions are stale (%v), want 2", n, err)
	}
	find := func(q, lang string) int { // a whole word, not one being typed
		t.Helper()
		res, err := db.Search(ctx, khabar.SearchQuery{Text: q + " ", Langs: []string{lang}, Limit: 5})
		if err != nil {
			t.Fatal(err)
		}
		return res.Total
	}
	if find("رقما", "ar") != 1 || find("grain", "en") != 1 {
		t.Fatal("a search before the reindex does not find the old terms")
	}
	if find("رقم", "ar") != 0 {
		t.Fatal("the test's old terms already hold the new term")
	}
	var calls [][2]int
	if err := db.IndexStale(ctx, func(done, total int) { calls = append(calls, [2]int{done, total}) }); err != nil {
		t.Fatal(err)
	}
	if len(calls) != 1 || calls[0] != [2]int{2, 2} {
		t.Fatalf("progress %v, want [[2 2]]", calls)
	}
	if find("رقم", "ar") != 1 || find("grain", "en") != 1 {
		t.Fatal("after the reindex the new terms are not found")
	}
	if n, err := db.StaleSearch(ctx); err != nil || n != 0 {
		t.Fatalf("after the reindex %d versions are stale (%v)", n, err)
	}
	db.Close()
	db = open()
	defer db.Close()
	if n, err := db.StaleSearch(ctx); err != nil || n != 0 {
		t.Fatalf("reopened after the reindex, %d versions are stale (%v)", n, err)
	}
}

// TestLexiconAcrossNodes: an entry saved on one node applies on another
// that shares the database, to its searches and to what it indexes, and a
// restart does not index the archive again.
func TestLexiconAcrossNodes(t *testing.T) {
	ctx := context.Background()
	dir, dsn := t.TempDir(), sqltest.DSN(t)
	open := func() *sqlstore.DB {
		t.Helper()
		var db *sqlstore.DB
		var err error
		if dsn != "" {
			db, err = sqlstore.OpenPostgres(ctx, dsn)
		} else {
			db, err = sqlstore.OpenSQLite(ctx, filepath.Join(dir, "khabar.db"))
		}
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return db
	}
	a, b := open(), open()
	total := func(db *sqlstore.DB, q string) int {
		t.Helper()
		res, err := db.Search(ctx, khabar.SearchQuery{Text: q + " ", Langs: []string{"en"}, Limit: 5})
		if err != nil {
			t.Fatal(err)
		}
		return res.Total
	}
	v := &khabar.Version{Lang: "en", Title: "The kiosk reopens", Slug: "k", Status: khabar.StatusPublished}
	if err := a.CreateStory(ctx, &khabar.Story{}, []*khabar.Version{v}); err != nil {
		t.Fatal(err)
	}
	if total(b, "booth") != 0 {
		t.Fatal("booth finds the kiosk before any entry")
	}
	if err := a.SaveLexiconEntry(ctx, &khabar.LexiconEntry{Lang: "en", Class: "spelling", Words: []string{"booth", "kiosk"}}); err != nil {
		t.Fatal(err)
	}
	// Node b indexes a story with the entry's other word: with the new
	// lexicon, although a saved the entry.
	w := &khabar.Version{Lang: "en", Title: "A kiosk for every station", Slug: "s", Status: khabar.StatusPublished}
	if err := b.CreateStory(ctx, &khabar.Story{}, []*khabar.Version{w}); err != nil {
		t.Fatal(err)
	}
	if got := total(b, "booth"); got != 1 {
		t.Fatalf("node b finds %d for booth before the background indexing, want 1 (its own save)", got)
	}
	if err := b.IndexStale(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if total(a, "booth") != 2 || total(b, "booth") != 2 {
		t.Fatal("after the indexing, booth does not find both kiosks on both nodes")
	}
	if n, err := open().StaleSearch(ctx); err != nil || n != 0 { // a node that starts now
		t.Fatalf("a node started now has %d stale versions (%v)", n, err)
	}
}

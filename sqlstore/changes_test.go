package sqlstore

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"github.com/khabarnews/khabar"
)

// TestChangeLog: the topics of consecutive generations are joined; a
// generation not yet recorded stops the answer before it, so that a cache
// never skips a change; one forgotten makes the answer incomplete.
func TestChangeLog(t *testing.T) {
	var l changeLog
	l.reset(10) // the database stood at 10 when the node opened it
	l.add(11, []string{"s1", "l:ru"})
	l.add(13, []string{"site"}) // 12 is committing on another connection
	topics, upTo, complete := l.since(10)
	if !slices.Equal(topics, []string{"l:ru", "s1"}) || upTo != 11 || !complete {
		t.Fatalf("since 10 = %v, %d, %v; want [l:ru s1], 11, complete", topics, upTo, complete)
	}
	l.add(12, []string{"s2"})
	if topics, upTo, _ = l.since(11); !slices.Equal(topics, []string{"s2", "site"}) || upTo != 13 {
		t.Fatalf("since 11 = %v, %d", topics, upTo)
	}
	if l.known() != 13 {
		t.Fatalf("known = %d, want 13", l.known())
	}
	if _, upTo, complete = l.since(5); complete || upTo != 13 {
		t.Fatalf("since 5, before the node opened the database: upTo %d, complete %v; want 13, incomplete", upTo, complete)
	}
	for g := int64(14); g < 14+keptChanges+10; g++ {
		l.add(g, []string{"s3"})
	}
	if _, _, complete = l.since(13); complete {
		t.Fatal("a cache behind more than keptChanges generations was given an answer")
	}
	newest := int64(14 + keptChanges + 9)
	if topics, upTo, complete = l.since(newest - 1); !complete || upTo != newest || !slices.Equal(topics, []string{"s3"}) {
		t.Fatalf("since %d = %v, %d, %v", newest-1, topics, upTo, complete)
	}
}

// TestChangesWithoutRows: a generation raised by a write that recorded no
// topics (a node of an older Khabar during a rolling upgrade) is seen by
// the other nodes, whose caches then drop everything.
func TestChangesWithoutRows(t *testing.T) {
	ctx := context.Background()
	db, err := OpenSQLite(ctx, filepath.Join(t.TempDir(), "khabar.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.SaveSettings(ctx, khabar.DefaultSettings()); err != nil {
		t.Fatal(err)
	}
	since := db.Generation()
	if _, err := db.write.ExecContext(ctx, `UPDATE content_generation SET n = n + 1`); err != nil {
		t.Fatal(err)
	}
	if err := db.readChanges(ctx, db.read, 0); err != nil {
		t.Fatal(err)
	}
	if db.Generation() != since+1 {
		t.Fatalf("generation %d, want %d", db.Generation(), since+1)
	}
	if _, upTo, complete := db.ChangesSince(since); complete || upTo != since+1 {
		t.Fatalf("ChangesSince(%d) = upTo %d, complete %v; want %d, incomplete", since, upTo, complete, since+1)
	}
}

// TestCountsCheckedAtStart: counts that no longer add up (a version
// published by a node of an older Khabar, which keeps none) are made
// again when a node starts.
func TestCountsCheckedAtStart(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "khabar.db")
	db, err := OpenSQLite(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	v := &khabar.Version{Lang: "en", Title: "One", Slug: "one", Status: khabar.StatusPublished}
	if err := db.CreateStory(ctx, &khabar.Story{}, []*khabar.Version{v}); err != nil {
		t.Fatal(err)
	}
	// What an older node does: a version published, the generation
	// raised, no change recorded, no count moved.
	if _, err := db.write.ExecContext(ctx, `UPDATE content_generation SET n = n + 1`); err != nil {
		t.Fatal(err)
	}
	if _, err := db.write.ExecContext(ctx, `INSERT INTO versions (story_id, lang, title, slug, summary, body, status, published_at, updated_at, revision, synced_revision, title_fold, content_revision)
		SELECT story_id, 'ru', 'Два', 'dva', '', '', 'published', published_at, updated_at, 1, 0, 'два', 1 FROM versions`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if db, err = OpenSQLite(ctx, path); err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, total, err := db.ListArticles(ctx, khabar.ListFilter{Lang: "ru"}); err != nil || total != 1 {
		t.Fatalf("after a restart the Russian total is %d (%v), want 1", total, err)
	}
}

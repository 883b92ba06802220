package main

import (
	"bytes"
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/sqlstore/sqltest"
)

func TestReindex(t *testing.T) {
	ctx := context.Background()
	dir, dsn := t.TempDir(), sqltest.DSN(t)
	db, _, err := openStoreAt(ctx, dir, dsn)
	if err != nil {
		t.Fatal(err)
	}
	for _, title := range []string{"Grain exports grow", "Summit in Kazan"} {
		v := &khabar.Version{Lang: "en", Title: title, Slug: "s", Status: khabar.StatusPublished}
		if err := db.CreateStory(ctx, &khabar.Story{}, []*khabar.Version{v}); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	var out bytes.Buffer
	if err := run(ctx, []string{"reindex", "--data", dir, "--database", dsn}, nil, &out, &out); err != nil {
		t.Fatal(err, out.String())
	}
	if !strings.Contains(out.String(), "Indexed 2 of 2 versions (100%)") || !strings.Contains(out.String(), "Reindexed 2 versions in") {
		t.Fatalf("output:\n%s", out.String())
	}
	db = openTestStore(t, dir, dsn)
	res, err := db.Search(ctx, khabar.SearchQuery{Text: "summits", Langs: []string{"en"}, Limit: 5})
	if err != nil || res.Total != 1 {
		t.Fatalf("after reindexing: %+v, %v", res, err)
	}
}

func TestProgressLine(t *testing.T) {
	now := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	var out bytes.Buffer
	p := newProgress(&out, func() time.Time { return now })
	now = now.Add(10 * time.Second)
	p.update(1000, 4000)
	if got, want := out.String(), "Indexed 1000 of 4000 versions (25%), 100/s, about 30s left\n"; got != want {
		t.Fatalf("progress = %q, want %q", got, want)
	}
	now = now.Add(time.Second)
	p.update(1100, 4000) // too soon after the last line for a log
	if strings.Count(out.String(), "\n") != 1 {
		t.Fatalf("a line per update:\n%s", out.String())
	}
}

// TestServeReindexesAfterAnUpgrade: khabar serve rewrites, in the
// background and with its progress in the log, an index that another
// version of the analyser wrote.
func TestServeReindexesAfterAnUpgrade(t *testing.T) {
	ctx := context.Background()
	dir, dsn := t.TempDir(), sqltest.DSN(t)
	db, _, err := openStoreAt(ctx, dir, dsn)
	if err != nil {
		t.Fatal(err)
	}
	for _, title := range []string{"Grain exports grow", "Summit in Kazan"} {
		v := &khabar.Version{Lang: "en", Title: title, Slug: "s", Status: khabar.StatusPublished}
		if err := db.CreateStory(ctx, &khabar.Story{}, []*khabar.Version{v}); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	// What a database indexed by another version of Khabar records.
	execSQL(t, dir, dsn, `UPDATE search_meta SET value = 'an older one' WHERE name = 'analyser'`)

	addr := freeAddr(t)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var out bytes.Buffer
	logs := &syncBuffer{}
	errc := make(chan error, 1)
	go func() {
		errc <- run(ctx, []string{"serve", "--addr", addr, "--data", dir, "--database", dsn}, nil, &out, logs)
	}()
	waitHealthy(t, "http://"+addr, errc, 20*time.Second)
	deadline := time.Now().Add(20 * time.Second)
	for !strings.Contains(logs.String(), "search index: up to date") {
		if time.Now().After(deadline) {
			t.Fatalf("no reindex in the logs:\n%s", logs.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	if !strings.Contains(logs.String(), "reindexing in the background") || !strings.Contains(logs.String(), "versions=2") {
		t.Errorf("the log does not say what is reindexed:\n%s", logs.String())
	}
	cancel()
	if err := <-errc; err != nil {
		t.Fatal(err)
	}
	db = openTestStore(t, dir, dsn)
	if n, err := db.StaleSearch(context.Background()); err != nil || n != 0 {
		t.Fatalf("%d versions still stale (%v)", n, err)
	}
}

// execSQL runs one statement on the test's database, behind the store's
// back.
func execSQL(t *testing.T, dir, dsn, stmt string) {
	t.Helper()
	driver, name := "pgx", dsn
	if dsn == "" {
		driver, name = "sqlite", filepath.Join(dir, "khabar.db")
	}
	db, err := sql.Open(driver, name)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(stmt); err != nil {
		t.Fatal(err)
	}
}

// syncBuffer is a bytes.Buffer that a server may write while a test reads.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

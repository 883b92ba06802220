package main

import (
	"bytes"
	"context"
	"strings"
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

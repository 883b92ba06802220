package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/demo"
	"github.com/khabarnews/khabar/media"
	"github.com/khabarnews/khabar/media/s3test"
	"github.com/khabarnews/khabar/sqlstore"
	"github.com/khabarnews/khabar/sqlstore/sqltest"
)

// TestMigrateDBWithMedia moves the demo site, its SQLite database and its
// media directory, to PostgreSQL and a real S3-compatible bucket with
// khabar migrate-db, twice, and serves it from a node on both. The source
// is SQLite whichever backend the other tests run on: migrate-db copies
// from SQLite only.
func TestMigrateDBWithMedia(t *testing.T) {
	if testing.Short() {
		t.Skip("migrate-db test skipped in -short mode")
	}
	ctx := context.Background()
	dsn := sqltest.FreshPostgres(t)
	cfg := s3test.Start(t)
	cfg.Prefix = "news/"
	dir := t.TempDir()
	src, err := sqlstore.OpenSQLite(ctx, filepath.Join(dir, "khabar.db"))
	if err != nil {
		t.Fatal(err)
	}
	disk, err := media.NewDisk(filepath.Join(dir, "media"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := demo.Load(ctx, src, disk, time.Now()); err != nil {
		t.Fatal(err)
	}
	src.Close()
	keys, err := disk.Keys()
	if err != nil || len(keys) < 10 {
		t.Fatalf("the demo site has %d media files (%v)", len(keys), err)
	}

	s3test.Setenv(t, cfg)
	migrate := func() string {
		t.Helper()
		var out bytes.Buffer
		if err := run(ctx, []string{"migrate-db", "--data", dir, "--to", dsn}, nil, &out, &out); err != nil {
			t.Fatalf("migrate-db: %v\n%s", err, out.String())
		}
		return out.String()
	}
	n := len(keys)
	for i, want := range [][]string{
		{fmt.Sprintf("Copied %d of %d media files (100%%)", n, n), fmt.Sprintf("Verified %d of %d media files (100%%)", n, n),
			fmt.Sprintf("Media: %d files, %d copied", n, n), fmt.Sprintf(", 0 already in the bucket, %d read back and identical.", n)},
		{fmt.Sprintf("Media: %d files, 0 copied (0 bytes), %d already in the bucket, %d read back and identical.", n, n, n)},
	} {
		out := migrate()
		if i == 0 {
			t.Logf("the first run of migrate-db printed:\n%s", out)
		}
		for _, w := range append(want, "tables are identical", "Reindexed 129 versions") {
			if !strings.Contains(out, w) {
				t.Fatalf("run %d of migrate-db does not say %q:\n%s", i+1, w, out)
			}
		}
	}

	// Search works on the new database as it did on the old one.
	dst, err := sqlstore.OpenPostgres(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer dst.Close()
	articles, _, err := dst.ListArticles(ctx, khabar.ListFilter{Lang: "en"})
	if err != nil || len(articles) == 0 {
		t.Fatalf("no English articles on the new database: %v", err)
	}
	title := articles[0].Title
	res, err := dst.Search(ctx, khabar.SearchQuery{Text: title, Langs: []string{"en"}, Limit: 5})
	if err != nil || res.Total == 0 {
		t.Fatalf("searching the new database for %q: %+v, %v", title, res, err)
	}

	bucket, err := media.NewS3(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range keys {
		if !bytes.Equal(readBlob(t, disk, key), readBlob(t, bucket, key)) {
			t.Fatalf("%s differs between the media directory and the bucket", key)
		}
	}

	// A node on the new database and the bucket, with an empty data
	// directory, serves the images.
	base, _ := startNode(t, dsn)
	for _, key := range []string{keys[0], keys[n-1]} {
		res, err := http.Get(base + "/media/" + key)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusOK || !bytes.Equal(body, readBlob(t, disk, key)) {
			t.Fatalf("GET /media/%s from a node on the bucket: %d, %d bytes", key, res.StatusCode, len(body))
		}
	}
}

func TestMigrateDBRefusesMissingSite(t *testing.T) {
	var out bytes.Buffer
	err := run(context.Background(), []string{"migrate-db", "--data", t.TempDir(), "--to", "postgres://nobody@127.0.0.1:1/x"}, nil, &out, &out)
	if err == nil || !strings.Contains(err.Error(), "no site to copy") {
		t.Fatalf("migrate-db from an empty directory: %v", err)
	}
}

func readBlob(t *testing.T, store khabar.BlobStore, key string) []byte {
	t.Helper()
	f, err := store.Open(context.Background(), key)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	b, err := io.ReadAll(f)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

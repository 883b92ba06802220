package main

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/jpeg"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/sqlstore/sqltest"
)

// khabar runs one command in-process and returns its output.
func khabarCmd(t *testing.T, args ...string) (string, error) {
	t.Helper()
	var out bytes.Buffer
	err := run(context.Background(), args, nil, &out, &out)
	return out.String(), err
}

// TestMovingASite runs the commands an operator moving a site runs: a
// WordPress import (a dry run first), an export, a backup and its restore,
// and an archive restored into a new site.
func TestMovingASite(t *testing.T) {
	dir, dsn := t.TempDir(), sqltest.DSN(t)
	up := filepath.Join(t.TempDir(), "2023", "12")
	if err := os.MkdirAll(up, 0o755); err != nil {
		t.Fatal(err)
	}
	var jpg bytes.Buffer
	if err := jpeg.Encode(&jpg, image.NewRGBA(image.Rect(0, 0, 64, 48)), nil); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(up, "kazan-summit.jpg"), jpg.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	const wxr = "../../wxr/testdata/polylang.xml"
	store := []string{"--data", dir, "--database", dsn}
	out, err := khabarCmd(t, append([]string{"import", "wordpress", wxr, "--dry-run", "--no-fetch", "--uploads", filepath.Dir(filepath.Dir(up))}, store...)...)
	if err != nil || !strings.Contains(out, "Dry run of the import from wordpress http://old.example.org: nothing was written.") ||
		!strings.Contains(out, "story      created 6") {
		t.Fatalf("dry run: %v\n%s", err, out)
	}
	out, err = khabarCmd(t, append([]string{"import", "wordpress", wxr, "--no-fetch", "--uploads", filepath.Dir(filepath.Dir(up))}, store...)...)
	if err != nil || !strings.Contains(out, "story      created 6, updated 0, unchanged 0") || !strings.Contains(out, "Images missing (2):") ||
		!strings.Contains(out, "Left out: ") || !strings.Contains(out, "Comments 4") || !strings.Contains(out, "Indexed 9 versions for search") {
		t.Fatalf("import: %v\n%s", err, out)
	}
	out, err = khabarCmd(t, append([]string{"import", "wordpress", wxr, "--no-fetch"}, store...)...)
	if err != nil || !strings.Contains(out, "story      created 0, updated 0, unchanged 6") {
		t.Fatalf("the same import again: %v\n%s", err, out)
	}
	out, err = khabarCmd(t, append([]string{"import", "wordpress", "../../wxr/testdata/bad/malformed.xml"}, store...)...)
	if err == nil || !strings.Contains(err.Error(), "line 100: element <post_name> closed by </post_nam>") {
		t.Fatalf("a malformed file: %v\n%s", err, out)
	}

	archive := filepath.Join(t.TempDir(), "site.tar.gz")
	out, err = khabarCmd(t, append([]string{"export", archive}, store...)...)
	files := fmt.Sprintf("(%d files)", 1+len(khabar.VariantNames()))
	if err != nil || !strings.Contains(out, "Exported 6 stories, 1 pages, 3 users, 1 images "+files+", 19 redirects") {
		t.Fatalf("export: %v\n%s", err, out)
	}
	// The archive into a new site.
	dir2, dsn2 := t.TempDir(), sqltest.DSN(t)
	out, err = khabarCmd(t, "restore", archive, "--data", dir2, "--database", dsn2)
	if err != nil || !strings.Contains(out, "story      created 6") {
		t.Fatalf("restore of an archive: %v\n%s", err, out)
	}
	if dsn != "" {
		out, err = khabarCmd(t, append([]string{"backup", filepath.Join(t.TempDir(), "pg.tar.gz")}, store...)...)
		if err != nil || !strings.Contains(out, "pg_dump") {
			t.Fatalf("backup on PostgreSQL: %v\n%s", err, out)
		}
		return
	}
	backupFile := filepath.Join(t.TempDir(), "backup.tar.gz")
	out, err = khabarCmd(t, "backup", backupFile, "--data", dir)
	if err != nil || !strings.Contains(out, fmt.Sprintf("the database and %d media files", 1+len(khabar.VariantNames()))) {
		t.Fatalf("backup: %v\n%s", err, out)
	}
	restored := filepath.Join(t.TempDir(), "restored")
	out, err = khabarCmd(t, "restore", backupFile, "--data", restored)
	if err != nil || !strings.Contains(out, fmt.Sprintf("6 stories, %d media files; the database is sound", 1+len(khabar.VariantNames()))) {
		t.Fatalf("restore: %v\n%s", err, out)
	}
	if _, err := khabarCmd(t, "restore", backupFile, "--data", restored); err == nil {
		t.Fatal("a restore over a site")
	}
	if _, err := khabarCmd(t, "backup", filepath.Join(t.TempDir(), "x.tar.gz"), "--data", filepath.Join(t.TempDir(), "nothing")); err == nil {
		t.Fatal("a backup of no site")
	}
}

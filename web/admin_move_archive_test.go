package web_test

import (
	"context"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/media"
	"github.com/khabarnews/khabar/newsroom"
	"github.com/khabarnews/khabar/port"
	"github.com/khabarnews/khabar/sqlstore/sqltest"
)

// TestImportPageArchive: a Khabar archive uploaded on the import page is
// read as one (not as a WordPress export), and its dry run says why it
// cannot go into a site that has stories of its own, as the command line
// does; the page offers no run, and nothing is written.
func TestImportPageArchive(t *testing.T) {
	ctx := context.Background()
	old := sqltest.Open(t)
	dir := t.TempDir()
	blobs, err := media.NewDisk(filepath.Join(dir, "media"))
	if err != nil {
		t.Fatal(err)
	}
	news := newsroom.New(old, blobs, nil, nil)
	if _, err := port.WordPress(ctx, news, newsroom.Console(), "../wxr/testdata/polylang.xml", port.Options{NoFetch: true}); err != nil {
		t.Fatal(err)
	}
	archive := filepath.Join(dir, "site.tar.gz")
	if _, err := port.Export(ctx, old, blobs, archive, "test", nil); err != nil {
		t.Fatal(err)
	}
	body, err := os.ReadFile(archive)
	if err != nil {
		t.Fatal(err)
	}

	s := newSite(t)
	before, _ := s.store.CountStories(ctx)
	_, b := s.signedIn("admin", khabar.RoleAdmin)
	r := b.upload("/admin/import", url.Values{}, "site.tar.gz", body)
	if r.status != http.StatusSeeOther || !reJob.MatchString(r.header.Get("Location")) {
		t.Fatalf("upload: %d %q %.500s", r.status, r.header.Get("Location"), r.body)
	}
	page := waitJob(t, b, r.header.Get("Location"))
	if !strings.Contains(page, "already holds stories") || strings.Contains(page, "Run the import") {
		t.Fatalf("dry run of an archive into a site with stories:\n%.3000s", page)
	}
	if n, _ := s.store.CountStories(ctx); n != before {
		t.Fatalf("%d stories written", n-before)
	}
}

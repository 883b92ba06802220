package web_test

import (
	"context"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/khabarnews/khabar"
)

// TestRedirectsPage: an editor makes a redirect to a story by pasting its
// address, the old address leads there, and removing it ends that.
func TestRedirectsPage(t *testing.T) {
	s := newSite(t)
	_, b := s.signedIn("nadia", khabar.RoleEditor)
	page := b.do("GET", "/admin/redirects", nil)
	if page.status != http.StatusOK || !strings.Contains(page.body, `name="from"`) {
		t.Fatalf("redirects page: %d", page.status)
	}
	id := s.ids["summit"]
	r := b.do("POST", "/admin/redirects", url.Values{"from": {"https://old.example.org/2019/05/summit/"},
		"to": {s.srv.URL + "/ar/news/" + strconv.FormatInt(id, 10) + "-old-slug"}})
	if r.status != http.StatusSeeOther {
		t.Fatalf("save: %d %.500s", r.status, r.body)
	}
	red, err := s.store.RedirectFrom(context.Background(), "/2019/05/summit")
	if err != nil || red.StoryID != id || red.Lang != "ar" {
		t.Fatalf("saved as %+v, %v", red, err)
	}
	if res := s.get("/2019/05/summit/"); res.status != http.StatusMovedPermanently || !strings.Contains(res.header.Get("Location"), "/ar/news/"+strconv.FormatInt(id, 10)+"-") {
		t.Fatalf("old address: %d %q", res.status, res.header.Get("Location"))
	}
	list := b.do("GET", "/admin/redirects?q=summit", nil)
	if !strings.Contains(list.body, "/2019/05/summit") || !strings.Contains(list.body, "/ar/news/") {
		t.Fatalf("the list does not show it:\n%.2000s", list.body)
	}
	// A bad target is refused, with the form kept.
	r = b.do("POST", "/admin/redirects", url.Values{"from": {"/x"}, "to": {"javascript:alert(1)"}})
	if r.status != http.StatusBadRequest || !strings.Contains(r.body, "cannot be the target") {
		t.Fatalf("a script target: %d", r.status)
	}
	edit := b.do("GET", "/admin/redirects/"+strconv.FormatInt(red.ID, 10), nil)
	if edit.status != http.StatusOK || !strings.Contains(edit.body, `value="/2019/05/summit"`) {
		t.Fatalf("edit page: %d", edit.status)
	}
	if r := b.do("POST", "/admin/redirects/"+strconv.FormatInt(red.ID, 10), url.Values{"from": {"/2019/05/summit"}, "to": {"https://example.org/"}}); r.status != http.StatusSeeOther {
		t.Fatalf("edit: %d", r.status)
	}
	if res := s.get("/2019/05/summit"); res.header.Get("Location") != "https://example.org/" {
		t.Fatalf("after the edit: %q", res.header.Get("Location"))
	}
	if r := b.do("POST", "/admin/redirects/"+strconv.FormatInt(red.ID, 10)+"/delete", url.Values{}); r.status != http.StatusSeeOther {
		t.Fatalf("delete: %d", r.status)
	}
	if res := s.get("/2019/05/summit"); res.status != http.StatusNotFound {
		t.Fatalf("after removing it: %d", res.status)
	}
	_, author := s.signedIn("omar", khabar.RoleAuthor)
	if r := author.do("GET", "/admin/redirects", nil); r.status != http.StatusForbidden {
		t.Fatalf("an author sees redirects: %d", r.status)
	}
}

var reJob = regexp.MustCompile(`/admin/import/(\d+)$`)

// TestImportPage: an administrator uploads a WordPress export, reads the
// dry run's report, runs the import and watches it finish; an editor may
// not import.
func TestImportPage(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	before, _ := s.store.CountStories(ctx)
	_, b := s.signedIn("admin", khabar.RoleAdmin)
	wxr, err := os.ReadFile("../wxr/testdata/polylang.xml")
	s.must(err)
	r := b.upload("/admin/import", url.Values{}, "export.xml", wxr)
	if r.status != http.StatusSeeOther || !reJob.MatchString(r.header.Get("Location")) {
		t.Fatalf("upload: %d %q %.500s", r.status, r.header.Get("Location"), r.body)
	}
	dry := waitJob(t, b, r.header.Get("Location"))
	for _, want := range []string{"this is what the import would do", "Stories", ">6<", "Comments", "could not be had", "Run the import"} {
		if !strings.Contains(dry, want) {
			t.Errorf("dry run page lacks %q:\n%s", want, dry)
		}
	}
	if n, _ := s.store.CountStories(ctx); n != before {
		t.Fatalf("the dry run wrote %d stories", n-before)
	}
	run := b.do("POST", r.header.Get("Location")+"/run", url.Values{})
	if run.status != http.StatusSeeOther {
		t.Fatalf("run: %d %.300s", run.status, run.body)
	}
	done := waitJob(t, b, run.header.Get("Location"))
	if !strings.Contains(done, "The import is done.") {
		t.Fatalf("import page:\n%.3000s", done)
	}
	if n, _ := s.store.CountStories(ctx); n != before+6 {
		t.Fatalf("%d stories imported, want 6", n-before)
	}
	// The same dry run cannot be run twice.
	if again := b.do("POST", r.header.Get("Location")+"/run", url.Values{}); again.status != http.StatusBadRequest {
		t.Fatalf("the dry run ran twice: %d", again.status)
	}
	// Something that is no export is refused at once.
	if bad := b.upload("/admin/import", url.Values{}, "notes.txt", []byte("just some notes")); bad.status != http.StatusBadRequest ||
		!strings.Contains(bad.body, "neither a WordPress export") {
		t.Fatalf("a text file: %d", bad.status)
	}
	_, editor := s.signedIn("nadia", khabar.RoleEditor)
	if r := editor.upload("/admin/import", url.Values{}, "export.xml", wxr); r.status != http.StatusForbidden {
		t.Fatalf("an editor imports: %d", r.status)
	}
}

// waitJob reads an import's page until it has finished.
func waitJob(t *testing.T, b *browser, path string) string {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for time.Now().Before(deadline) {
		r := b.do("GET", path, nil)
		if r.status != http.StatusOK {
			t.Fatalf("%s: %d", path, r.status)
		}
		if !strings.Contains(r.body, `http-equiv="refresh"`) {
			return r.body
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("%s did not finish", path)
	return ""
}

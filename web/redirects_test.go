package web_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/i18n"
	"github.com/khabarnews/khabar/media"
	"github.com/khabarnews/khabar/newsroom"
	"github.com/khabarnews/khabar/port"
	"github.com/khabarnews/khabar/sqlstore/sqltest"
	"github.com/khabarnews/khabar/web"
	"github.com/khabarnews/khabar/wxr"
)

// TestImportedOldAddresses imports a WordPress site in three languages and
// checks what its readers would: every old address of every post and page
// (its permalink and its ?p= address) answers 301 with the new address,
// which shows the story with its date, slug, author, section, tags, image
// and the links to its translations.
func TestImportedOldAddresses(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := sqltest.Open(t)
	blobs, err := media.NewDisk(filepath.Join(dir, "media"))
	if err != nil {
		t.Fatal(err)
	}
	news := newsroom.New(db, blobs, nil, nil)
	up := filepath.Join(dir, "uploads", "2023", "12")
	if err := os.MkdirAll(up, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(up, "kazan-summit.jpg"), photoJPEG(t, 640, 360), 0o644); err != nil {
		t.Fatal(err)
	}
	const file = "../wxr/testdata/polylang.xml"
	if _, err := port.WordPress(ctx, news, newsroom.Console(), file, port.Options{Uploads: filepath.Join(dir, "uploads"), NoFetch: true}); err != nil {
		t.Fatal(err)
	}
	cat, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	var h http.Handler
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { h.ServeHTTP(w, r) }))
	defer srv.Close()
	h, err = web.New(web.Config{BaseURL: srv.URL, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}, db, blobs, cat, news)
	if err != nil {
		t.Fatal(err)
	}
	s := &site{srv: srv, store: db, t: t}

	// Every published post and page of the file, by its old addresses.
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	checked := 0
	_, err = wxr.Read(f, wxr.Options{}, func(_ *wxr.Site, it *wxr.Item) error {
		if (it.Type != "post" && it.Type != "page") || it.Status != "publish" {
			return nil
		}
		for _, old := range []string{it.Link, it.GUID} {
			u, _ := url.Parse(old)
			res := s.get(u.RequestURI())
			loc := res.header.Get("Location")
			want := "/" + wxr.ItemLanguage(it) + "/"
			if it.Type == "page" {
				want += "page/"
			} else {
				want += "news/"
			}
			if res.status != http.StatusMovedPermanently || !strings.HasPrefix(loc, srv.URL+want) {
				t.Errorf("%s (%s): %d → %q, want 301 to %s…", old, it.Ref(), res.status, loc, want)
				continue
			}
			page := s.page(strings.TrimPrefix(loc, srv.URL))
			title := strings.NewReplacer("&#8220;", "“", "&#8221;", "”").Replace(it.Title)
			if !strings.Contains(page.body, title) {
				t.Errorf("%s leads to a page without %q", old, title)
			}
			checked++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked != 14 {
		t.Fatalf("checked %d old addresses, want 14", checked)
	}

	// The English version of the summit, as its readers see it.
	loc := s.get("/en/2023/12/26/summit-in-kazan/").header.Get("Location")
	page := s.page(strings.TrimPrefix(loc, srv.URL)).body
	for _, want := range []string{"26 December 2023", "عمر حداد", ">Politics<", ">Putin<", ">BRICS<", "/media/", `hreflang="ar"`, `hreflang="ru"`,
		"Leaders arrive in Kazan. Photo: official site of the President of Russia"} {
		if !strings.Contains(page, want) {
			t.Errorf("the imported article lacks %q", want)
		}
	}
	if !strings.Contains(loc, "/en/news/") || !strings.HasSuffix(loc, "-summit-in-kazan") {
		t.Errorf("new address %q does not keep the slug", loc)
	}
	// An Arabic old address percent-encoded in either case.
	for _, p := range []string{"/ar/2023/12/26/%d9%82%d9%85%d8%a9-%d9%82%d8%a7%d8%b2%d8%a7%d9%86/", "/ar/2023/12/26/%D9%82%D9%85%D8%A9-%D9%82%D8%A7%D8%B2%D8%A7%D9%86"} {
		if res := s.get(p); res.status != http.StatusMovedPermanently || !strings.Contains(res.header.Get("Location"), "/ar/news/") {
			t.Errorf("%s: %d %q", p, res.status, res.header.Get("Location"))
		}
	}
	// Drafts do not leak through their old addresses; unknown ones are 404.
	for _, p := range []string{"/?p=120", "/2013/no-such-post/"} {
		if res := s.get(p); p != "/?p=120" && res.status != http.StatusNotFound {
			t.Errorf("%s: %d", p, res.status)
		} else if p == "/?p=120" && res.status == http.StatusMovedPermanently {
			t.Errorf("%s (a draft) redirects to %s", p, res.header.Get("Location"))
		}
	}
}

// TestHandMadeRedirect: a redirect an editor makes works at once, also
// where a 404 was answered before, and removing it brings the 404 back.
func TestHandMadeRedirect(t *testing.T) {
	s := newSite(t)
	if res := s.get("/about-us/"); res.status != http.StatusNotFound {
		t.Fatalf("before: %d", res.status)
	}
	news := newsroom.New(s.store, nil, nil, nil)
	r, err := news.SaveRedirect(context.Background(), newsroom.Console(), 0, newsroom.RedirectInput{From: "https://old.example.org/about-us/", To: "/en/"})
	if err != nil {
		t.Fatal(err)
	}
	if res := s.get("/about-us"); res.status != http.StatusMovedPermanently || res.header.Get("Location") != s.srv.URL+"/en/" {
		t.Fatalf("after: %d %q", res.status, res.header.Get("Location"))
	}
	// With a tracking query, and an old address that is a query itself,
	// the page cache in front notwithstanding.
	if res := s.get("/about-us/?utm_source=feed"); res.status != http.StatusMovedPermanently {
		t.Errorf("with a query of its own: %d", res.status)
	}
	if _, err := news.SaveRedirect(context.Background(), newsroom.Console(), 0, newsroom.RedirectInput{From: "/index.php?p=12", To: "/ru/"}); err != nil {
		t.Fatal(err)
	}
	if res := s.get("/index.php?p=12"); res.status != http.StatusMovedPermanently || res.header.Get("Location") != s.srv.URL+"/ru/" {
		t.Errorf("/index.php?p=12: %d %q", res.status, res.header.Get("Location"))
	}
	if res := s.get("/index.php?p=13"); res.status != http.StatusNotFound {
		t.Errorf("/index.php?p=13: %d", res.status)
	}
	if err := news.DeleteRedirect(context.Background(), newsroom.Console(), r.ID); err != nil {
		t.Fatal(err)
	}
	if res := s.get("/about-us/"); res.status != http.StatusNotFound {
		t.Fatalf("after removing it: %d", res.status)
	}
	// A bad target is refused and nothing is saved.
	_, err = news.SaveRedirect(context.Background(), newsroom.Console(), 0, newsroom.RedirectInput{From: "/x", To: "javascript:alert(1)"})
	if khabar.ErrorCode(err) != khabar.EInvalid {
		t.Fatalf("a script target: %v", err)
	}
}

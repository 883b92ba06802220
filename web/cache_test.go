package web_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/khabarnews/khabar"
)

func TestPageCacheHeaders(t *testing.T) {
	s := newSite(t)
	first := s.page("/ru/")
	etag := first.header.Get("ETag")
	if etag == "" {
		t.Fatal("no ETag on a public page")
	}
	if r := s.get("/ru/", "If-None-Match", etag); r.status != http.StatusNotModified {
		t.Fatalf("If-None-Match with the current ETag = %d, want 304", r.status)
	}
	req, _ := http.NewRequest("GET", s.srv.URL+"/ru/", nil)
	req.Header.Set("Accept-Encoding", "gzip")
	res, err := (&http.Transport{}).RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.Header.Get("Content-Encoding") != "gzip" {
		t.Fatalf("Content-Encoding = %q", res.Header.Get("Content-Encoding"))
	}
	zr, err := gzip.NewReader(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(zr)
	if !bytes.Equal(b, []byte(first.body)) {
		t.Fatal("the gzip copy is not the page")
	}
}

// TestCacheNeverStale: for each kind of edit, every page that shows it
// shows the change on the next request, though it was cached just before.
func TestCacheNeverStale(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	id := s.ids["summit"]
	ru := "/ru/news/" + strconv.FormatInt(id, 10) + "-putin-provedyot-sammit"
	pages := []string{ru, "/ru/", "/ru/section/politics", "/ru/tag/putin", "/ru/rss.xml", "/sitemap.xml"}
	warm := func() {
		for _, p := range pages {
			s.get(p)
		}
	}
	version := func(lang string) *khabar.Version {
		vs, err := s.store.Versions(ctx, id)
		s.must(err)
		for _, v := range vs {
			if v.Lang == lang {
				return &v
			}
		}
		t.Fatalf("no %s version", lang)
		return nil
	}
	edits := []struct {
		name  string
		edit  func()
		page  string
		shows func(body string) bool
	}{
		{"edit title", func() {
			v := version("ru")
			v.Title = "Путин проведёт большой саммит"
			s.must(s.store.SaveVersion(ctx, v, 0))
		}, ru, func(b string) bool {
			return strings.Contains(b, "Путин проведёт большой саммит")
		}},
		{"title on the front page", nil, "/ru/", func(b string) bool { return strings.Contains(b, "большой саммит") }},
		{"title in the feed", nil, "/ru/rss.xml", func(b string) bool { return strings.Contains(b, "большой саммит") }},
		{"change section", func() {
			st, err := s.store.Story(ctx, id)
			s.must(err)
			sec, err := s.store.SectionBySlug(ctx, "economy")
			s.must(err)
			st.SectionID = sec.ID
			s.must(s.store.UpdateStory(ctx, st))
		}, "/ru/section/politics", func(b string) bool { return !strings.Contains(b, "большой саммит") }},
		{"retag", func() {
			st, err := s.store.Story(ctx, id)
			s.must(err)
			st.TagIDs = nil
			s.must(s.store.UpdateStory(ctx, st))
		}, "/ru/tag/putin", func(b string) bool { return !strings.Contains(b, "большой саммит") }},
		{"new translation", func() {
			s.must(s.store.SaveVersion(ctx, &khabar.Version{StoryID: id, Lang: "en", Title: "Putin to host a big summit", Slug: "big-summit",
				Status: khabar.StatusPublished}, 0))
		}, ru, func(b string) bool { return strings.Contains(b, `hreflang="en" href="`+s.srv.URL+"/en/news/") }},
		{"settings", func() {
			st, err := s.store.Settings(ctx)
			s.must(err)
			st.SiteName["ru"] = "Новое имя сайта"
			s.must(s.store.SaveSettings(ctx, st))
		}, "/ru/", func(b string) bool { return strings.Contains(b, "Новое имя сайта") }},
		{"unpublish", func() {
			v := version("ru")
			v.Status = khabar.StatusUnpublished
			s.must(s.store.SaveVersion(ctx, v, 0))
		}, "/sitemap.xml", func(b string) bool { return !strings.Contains(b, "putin-provedyot-sammit") }},
	}
	for _, e := range edits {
		warm()
		if e.edit != nil {
			e.edit()
		}
		if r := s.get(e.page); !e.shows(r.body) {
			t.Errorf("%s: %s still shows the old content", e.name, e.page)
		}
	}
	if r := s.get(ru); r.status != http.StatusNotFound {
		t.Errorf("the unpublished article answers %d from the cache", r.status)
	}
}

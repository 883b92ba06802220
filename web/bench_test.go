package web_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/i18n"
	"github.com/khabarnews/khabar/media"
	"github.com/khabarnews/khabar/newsroom"
	"github.com/khabarnews/khabar/sqlstore/sqltest"
	"github.com/khabarnews/khabar/web"
)

// benchSite is a store with 200 stories in three languages (8 sections, 20
// tags) and two servers on it: one with the page cache, one without.
func benchSite(b *testing.B) (cached, uncached http.Handler, article string) {
	b.Helper()
	ctx := context.Background()
	db := sqltest.Open(b)
	blobs, err := media.NewDisk(filepath.Join(b.TempDir(), "media"))
	if err != nil {
		b.Fatal(err)
	}
	cat, err := i18n.Load()
	if err != nil {
		b.Fatal(err)
	}
	var sections, tags []int64
	for i := range 8 {
		s := &khabar.Section{Slug: fmt.Sprintf("section-%d", i), Names: khabar.Text{"en": fmt.Sprintf("Section %d", i)}, Position: i}
		if err := db.CreateSection(ctx, s); err != nil {
			b.Fatal(err)
		}
		sections = append(sections, s.ID)
	}
	for i := range 20 {
		t := &khabar.Tag{Slug: fmt.Sprintf("tag-%d", i), Names: khabar.Text{"en": fmt.Sprintf("Tag %d", i)}}
		if err := db.CreateTag(ctx, t); err != nil {
			b.Fatal(err)
		}
		tags = append(tags, t.ID)
	}
	at := time.Date(2023, 6, 1, 0, 0, 0, 0, time.UTC)
	body := ""
	for i := range 12 {
		body += fmt.Sprintf("<p>Paragraph %d of a news story, long enough to look like one: the minister said the talks would resume next week in the capital.</p>", i)
	}
	var last *khabar.Story
	for i := range 200 {
		st := &khabar.Story{SectionID: sections[i%len(sections)], TagIDs: []int64{tags[i%len(tags)], tags[(i*7+3)%len(tags)]}}
		var vs []*khabar.Version
		for _, l := range []string{"ar", "ru", "en"} {
			vs = append(vs, &khabar.Version{Lang: l, Title: fmt.Sprintf("Story %d in %s", i, l), Slug: fmt.Sprintf("story-%d", i),
				Summary: "A summary of the story.", Body: body, Status: khabar.StatusPublished, PublishedAt: at.Add(time.Duration(i) * time.Hour)})
		}
		if err := db.CreateStory(ctx, st, vs); err != nil {
			b.Fatal(err)
		}
		last = st
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	news := newsroom.New(db, blobs, nil, log)
	for _, noCache := range []bool{false, true} {
		s, err := web.New(web.Config{BaseURL: "http://bench.example", Logger: log, NoCache: noCache}, db, blobs, cat, news)
		if err != nil {
			b.Fatal(err)
		}
		if noCache {
			uncached = s
		} else {
			cached = s
		}
	}
	return cached, uncached, fmt.Sprintf("/en/news/%d-story-199", last.ID)
}

// discard is a ResponseWriter that keeps nothing but the status, so that
// the benchmarks count the server's allocations, not the recorder's.
type discard struct {
	h      http.Header
	status int
}

func (d *discard) Header() http.Header  { return d.h }
func (d *discard) WriteHeader(code int) { d.status = code }
func (d *discard) Write(b []byte) (int, error) {
	if d.status == 0 {
		d.status = http.StatusOK
	}
	return len(b), nil
}

func serveBench(b *testing.B, h http.Handler, path string) {
	b.Helper()
	req := httptest.NewRequest(http.MethodGet, path, nil)
	req.Header.Set("Accept-Encoding", "gzip, deflate, br")
	w := &discard{h: http.Header{}}
	h.ServeHTTP(w, req)
	if w.status != http.StatusOK {
		b.Fatalf("GET %s: %d", path, w.status)
	}
	b.ReportAllocs()
	for b.Loop() {
		w.h, w.status = http.Header{}, 0
		h.ServeHTTP(w, req)
	}
	if w.status != http.StatusOK {
		b.Fatalf("GET %s: %d", path, w.status)
	}
}

var benchPages = []struct{ name, path string }{
	{"front", "/en/"},
	{"tag", "/en/tag/tag-3"},
	{"section", "/en/section/section-2"},
	{"feed", "/en/rss.xml"},
	{"search", "/en/search?q=minister"},
}

// BenchmarkCachedPage is the hot path: a page served from the page cache
// (the gzip copy), through every middleware.
func BenchmarkCachedPage(b *testing.B) {
	cached, _, article := benchSite(b)
	b.Run("article", func(b *testing.B) { serveBench(b, cached, article) })
	for _, p := range benchPages {
		b.Run(p.name, func(b *testing.B) { serveBench(b, cached, p.path) })
	}
	// A tracking parameter: dropped, the same cached page.
	b.Run("article?utm_source", func(b *testing.B) { serveBench(b, cached, article+"?utm_source=newsletter&fbclid=IwAR0") })
}

// BenchmarkRender renders each kind of page from the store, as after every
// change (the page cache is off).
func BenchmarkRender(b *testing.B) {
	_, uncached, article := benchSite(b)
	b.Run("article", func(b *testing.B) { serveBench(b, uncached, article) })
	for _, p := range benchPages {
		b.Run(p.name, func(b *testing.B) { serveBench(b, uncached, p.path) })
	}
}

package web_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/khabarnews/khabar"
)

// TestCacheInvalidation: for each kind of edit, every page that shows it
// shows the change on the next request, though it was cached just before,
// and the pages that do not show it are still answered from the cache.
func TestCacheInvalidation(t *testing.T) {
	ctx := context.Background()
	type check struct {
		path  string
		shows func(body string) bool // nil: the page must be gone (404)
	}
	contains := func(s string) func(string) bool { return func(b string) bool { return strings.Contains(b, s) } }
	lacks := func(s string) func(string) bool { return func(b string) bool { return !strings.Contains(b, s) } }

	// The fixture's pages, by what they show.
	summit := func(s *site, lang, slug string) string {
		return "/" + lang + "/news/" + strconv.FormatInt(s.ids["summit"], 10) + "-" + slug
	}
	arSummit := func(s *site) string { return summit(s, "ar", "بوتين-يستضيف-قمة") }
	ruSummit := func(s *site) string { return summit(s, "ru", "putin-provedyot-sammit") }
	// Digest no. 1 is the Russian story just before the summit (its "next"
	// link leads there); no. 20 is far from it.
	digest := func(s *site, lang string, n int) string {
		id := s.ids["digest"+itoa(n)]
		slug := map[string]string{"ru": "svodka-", "en": "digest-"}[lang] + itoa(n)
		return "/" + lang + "/news/" + strconv.FormatInt(id, 10) + "-" + slug
	}
	// Pages of other languages and sections, that none of the edits
	// below (but the settings, and the new translation in English) changes.
	unrelated := func(s *site) []string {
		return []string{"/en/", digest(s, "en", 20), "/en/rss.xml", "/en/page/about"}
	}
	version := func(s *site, lang string) *khabar.Version {
		v := s.storyVersion(s.ids["summit"], lang)
		return &v
	}
	story := func(s *site) *khabar.Story {
		st, err := s.store.Story(ctx, s.ids["summit"])
		s.must(err)
		return st
	}

	edits := []struct {
		name  string
		edit  func(s *site)
		shows func(s *site) []check
		keeps func(s *site) []string // besides unrelated
	}{
		{"edit title", func(s *site) {
			v := version(s, "ru")
			v.Title = "Путин проведёт большой саммит"
			s.must(s.store.SaveVersion(ctx, v, 0))
		}, func(s *site) []check {
			c := contains("большой")
			return []check{{ruSummit(s), c}, {arSummit(s), c}, {"/ru/", c}, {"/ru/section/politics", c}, {"/ru/tag/putin", c},
				{"/ru/author/salma-nouri", c}, {"/ru/rss.xml", c}, {"/ru/search?q=саммит", c}, {digest(s, "ru", 1), c},
				{"/api/v1/stories/" + strconv.FormatInt(s.ids["summit"], 10), c}}
		}, func(s *site) []string {
			return []string{"/ar/", "/ar/tag/putin", "/ru/section/economy", "/en/section/economy", digest(s, "ru", 20)}
		}},
		{"publish", func(s *site) {
			s.must(s.store.CreateStory(ctx, &khabar.Story{SectionID: s.section("politics"), TagIDs: []int64{s.tag("putin")}},
				[]*khabar.Version{{Lang: "ru", Title: "Итоги саммита", Slug: "itogi", Body: "<p>Итоги.</p>", Status: khabar.StatusPublished,
					PublishedAt: time.Date(2023, 12, 27, 9, 0, 0, 0, time.UTC)}}))
		}, func(s *site) []check {
			c := contains("Итоги саммита")
			return []check{{"/ru/", c}, {"/ru/section/politics", c}, {"/ru/tag/putin", c}, {"/ru/rss.xml", c}, {"/ru/archive/2023/12/", c},
				{"/sitemap.xml", contains("itogi")}, {ruSummit(s), c}, {"/ru/search?q=итоги", contains("itogi")}}
		}, func(s *site) []string {
			return []string{"/ar/", arSummit(s), "/ru/section/economy", "/en/section/economy", digest(s, "ru", 1), digest(s, "ru", 20)}
		}},
		{"unpublish", func(s *site) {
			v := version(s, "ru")
			v.Status = khabar.StatusUnpublished
			s.must(s.store.SaveVersion(ctx, v, 0))
		}, func(s *site) []check {
			gone := lacks("putin-provedyot-sammit")
			return []check{{ruSummit(s), nil}, {"/ru/", gone}, {"/ru/section/politics", gone}, {"/ru/tag/putin", gone},
				{"/ru/rss.xml", gone}, {"/sitemap.xml", gone}, {arSummit(s), gone}, {digest(s, "ru", 1), gone},
				{"/ar/tag/putin", lacks(`<link rel="alternate" hreflang="ru"`)}} // the tag has no Russian story left
		}, func(s *site) []string {
			return []string{"/ar/", "/ru/section/economy", "/en/section/economy", digest(s, "ru", 20)}
		}},
		{"change section", func(s *site) {
			st := story(s)
			st.SectionID = s.section("economy")
			s.must(s.store.UpdateStory(ctx, st))
		}, func(s *site) []check {
			return []check{{"/ru/section/politics", lacks("putin-provedyot-sammit")}, {"/ru/section/economy", contains("putin-provedyot-sammit")},
				{"/ar/section/economy", contains("بوتين يستضيف")}, {ruSummit(s), contains(`property="article:section" content="Экономика"`)},
				{arSummit(s), contains(`property="article:section" content="اقتصاد"`)},
				{digest(s, "ru", 20), contains("putin-provedyot-sammit")}} // among its related stories now
		}, func(s *site) []string { return nil }},
		{"retag", func(s *site) {
			st := story(s)
			st.TagIDs = nil
			s.must(s.store.UpdateStory(ctx, st))
		}, func(s *site) []check {
			return []check{{"/ru/tag/putin", lacks("putin-provedyot-sammit")}, {"/ar/tag/putin", lacks("بوتين يستضيف")},
				{ruSummit(s), lacks(`href="/ru/tag/putin"`)}, {arSummit(s), lacks(`href="/ar/tag/putin"`)}}
		}, func(s *site) []string {
			return []string{"/ru/section/economy", "/en/section/economy", digest(s, "ru", 20)}
		}},
		{"new translation", func(s *site) {
			s.must(s.store.SaveVersion(ctx, &khabar.Version{StoryID: s.ids["summit"], Lang: "en", Title: "Putin to host a summit",
				Slug: "summit", Status: khabar.StatusPublished, PublishedAt: time.Date(2023, 12, 26, 9, 0, 0, 0, time.UTC)}, 0))
		}, func(s *site) []check {
			link := contains(`hreflang="en" href="` + s.srv.URL + "/en/news/")
			c := contains("Putin to host a summit")
			return []check{{ruSummit(s), link}, {arSummit(s), link}, {"/en/", c}, {"/en/section/politics", c}, {"/en/rss.xml", c},
				{digest(s, "en", 1), contains("/en/news/" + strconv.FormatInt(s.ids["summit"], 10) + "-summit")}, // its "next" link
				{"/sitemap.xml", contains("/en/news/" + strconv.FormatInt(s.ids["summit"], 10) + "-summit")},
				{"/ru/tag/putin", contains(`<link rel="alternate" hreflang="en"`)}} // the tag has an English story now
		}, func(s *site) []string {
			return []string{"/ru/", "/ar/", "/ru/section/economy", "/en/section/economy", "/en/page/about"}
		}},
		{"tag renamed", func(s *site) {
			tag, err := s.store.TagBySlug(ctx, "putin")
			s.must(err)
			tag.Names["ru"] = "Владимир Путин"
			s.must(s.store.UpdateTag(ctx, tag))
		}, func(s *site) []check {
			c := contains("Владимир Путин")
			return []check{{"/ru/tag/putin", c}, {ruSummit(s), c}}
		}, func(s *site) []string {
			return []string{"/ru/section/economy", "/en/section/economy", "/ar/", digest(s, "ru", 20)}
		}},
		{"caption edited", func(s *site) {
			st := story(s)
			m, err := s.store.Media(ctx, st.LeadMediaID)
			s.must(err)
			m.Caption["ar"] = "قاعة القمة الكبرى"
			s.must(s.store.UpdateMediaTexts(ctx, m))
		}, func(s *site) []check {
			return []check{{arSummit(s), contains("قاعة القمة الكبرى")}}
		}, func(s *site) []string {
			return []string{"/ru/section/economy", "/en/section/economy", digest(s, "ru", 20)}
		}},
		{"settings", func(s *site) {
			st, err := s.store.Settings(ctx)
			s.must(err)
			st.SiteName["ru"] = "Новое имя сайта"
			s.must(s.store.SaveSettings(ctx, st))
		}, func(s *site) []check {
			c := contains("Новое имя сайта")
			return []check{{"/ru/", c}, {ruSummit(s), c}, {"/ru/section/economy", c}, {"/ru/rss.xml", c}, {"/ru/page/o-gruppe", c}}
		}, nil},
	}
	for _, e := range edits {
		t.Run(e.name, func(t *testing.T) {
			s := newSite(t)
			checks := e.shows(s)
			keeps := []string{}
			if e.keeps != nil {
				keeps = append(unrelated(s), e.keeps(s)...)
			}
			for _, c := range checks {
				if r := s.page(c.path); c.shows != nil && c.shows(r.body) {
					t.Fatalf("%s shows the change before it was made", c.path)
				}
			}
			for _, p := range keeps {
				s.page(p)
				if r := s.page(p); r.header.Get("X-Cache") != "hit" {
					t.Fatalf("%s is not kept in the cache (X-Cache %q)", p, r.header.Get("X-Cache"))
				}
			}
			e.edit(s)
			for _, c := range checks {
				r := s.get(c.path)
				switch {
				case c.shows == nil && r.status != http.StatusNotFound:
					t.Errorf("%s answers %d, want 404", c.path, r.status)
				case c.shows != nil && (r.status != http.StatusOK || !c.shows(r.body)):
					t.Errorf("%s (%d, X-Cache %s) does not show the change", c.path, r.status, r.header.Get("X-Cache"))
				}
			}
			for _, p := range keeps {
				if r := s.page(p); r.header.Get("X-Cache") != "hit" {
					t.Errorf("%s was dropped from the cache, though it does not show the change", p)
				}
			}
		})
	}
}

// TestCacheInvalidationTagOrder: putting a story's tags in another order
// (the same tags) changes its pages, which drop from the cache.
func TestCacheInvalidationTagOrder(t *testing.T) {
	ctx := context.Background()
	s := newSite(t)
	trade := &khabar.Tag{Slug: "trade", Names: khabar.Text{"ar": "تجارة", "ru": "Торговля", "en": "Trade"}}
	s.must(s.store.CreateTag(ctx, trade))
	id := s.ids["summit"]
	st, err := s.store.Story(ctx, id)
	s.must(err)
	st.TagIDs = []int64{s.tag("putin"), trade.ID}
	s.must(s.store.UpdateStory(ctx, st))

	api := "/api/v1/stories/" + strconv.FormatInt(id, 10)
	page := "/ru/news/" + strconv.FormatInt(id, 10) + "-putin-provedyot-sammit"
	putinFirst := map[string]func(string) bool{
		api: func(b string) bool { return strings.Index(b, `"putin"`) < strings.Index(b, `"trade"`) },
		page: func(b string) bool {
			return strings.Index(b, `href="/ru/tag/putin"`) < strings.Index(b, `href="/ru/tag/trade"`)
		},
	}
	for path, first := range putinFirst {
		if !first(s.page(path).body) || s.page(path).header.Get("X-Cache") != "hit" {
			t.Fatalf("%s: Putin is not first, or the page is not cached", path)
		}
	}
	st, err = s.store.Story(ctx, id)
	s.must(err)
	st.TagIDs = []int64{trade.ID, s.tag("putin")}
	s.must(s.store.UpdateStory(ctx, st))
	for path, first := range putinFirst {
		if r := s.page(path); first(r.body) {
			t.Errorf("%s (X-Cache %s) still lists Putin first", path, r.header.Get("X-Cache"))
		}
	}
}

// TestCacheNeverStaleUnderLoad: while an editor saves a story's title again
// and again, readers who ask for its pages after a save was acknowledged
// never get a page older than that save, cached or not.
func TestCacheNeverStaleUnderLoad(t *testing.T) {
	ctx := context.Background()
	s := newSite(t)
	id := s.ids["summit"]
	pages := []string{"/ru/news/" + strconv.FormatInt(id, 10) + "-putin-provedyot-sammit", "/ru/", "/ru/tag/putin", "/ru/rss.xml"}
	var acked atomic.Int64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	wg.Add(1)
	go func() { // the editor
		defer wg.Done()
		for n := int64(1); ; n++ {
			select {
			case <-stop:
				return
			default:
			}
			v := s.storyVersion(id, "ru")
			v.Title = fmt.Sprintf("Саммит, правка %d.", n)
			if err := s.store.SaveVersion(ctx, &v, 0); err != nil {
				errs <- err
				return
			}
			acked.Store(n)
			time.Sleep(3 * time.Millisecond) // readers get cached pages between edits too
		}
	}()
	edit := regexp.MustCompile(`Саммит, правка (\d+)\.`)
	client := &http.Client{}
	var served, hits atomic.Int64
	for r := range 6 {
		wg.Add(1)
		go func() { // a reader
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				want := acked.Load()
				path := pages[(r+i)%len(pages)]
				res, err := client.Get(s.srv.URL + path)
				if err != nil {
					errs <- err
					return
				}
				b, _ := io.ReadAll(res.Body)
				res.Body.Close()
				got := int64(0)
				for _, m := range edit.FindAllSubmatch(b, -1) {
					n, _ := strconv.ParseInt(string(m[1]), 10, 64)
					got = max(got, n)
				}
				if got < want {
					errs <- fmt.Errorf("%s (X-Cache %s) shows edit %d after edit %d was acknowledged", path, res.Header.Get("X-Cache"), got, want)
					return
				}
				served.Add(1)
				if res.Header.Get("X-Cache") == "hit" {
					hits.Add(1)
				}
			}
		}()
	}
	time.Sleep(3 * time.Second)
	close(stop)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if hits.Load() == 0 {
		t.Error("no page came from the cache: the test shows nothing about it")
	}
	t.Logf("%d edits, %d pages served (%d from the cache), none older than the last acknowledged edit", acked.Load(), served.Load(), hits.Load())
}

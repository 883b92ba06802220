package web_test

import (
	"encoding/xml"
	"strconv"
	"strings"
	"testing"

	"github.com/mmcdole/gofeed"

	"github.com/khabarnews/khabar/web"
)

func TestFeeds(t *testing.T) {
	s := newSite(t)
	id := strconv.FormatInt(s.ids["summit"], 10)
	for _, c := range []struct {
		path, ctype, lang string
		items             int
		first             string
	}{
		{"/ar/rss.xml", "application/rss+xml", "ar", 2, "بوتين يستضيف قمة غير رسمية"},
		{"/ar/atom.xml", "application/atom+xml", "ar", 2, "بوتين يستضيف قمة غير رسمية"},
		{"/ar/feed.json", "application/feed+json", "ar", 2, "بوتين يستضيف قمة غير رسمية"},
		{"/ru/rss.xml", "application/rss+xml", "ru", 20, "Путин проведёт неформальный саммит"},
		{"/ru/section/economy/atom.xml", "application/atom+xml", "ru", 20, "Экономическая сводка №1"},
		{"/en/tag/putin/feed.json", "application/feed+json", "en", 0, ""},
		{"/ar/tag/putin/rss.xml", "application/rss+xml", "ar", 2, "بوتين يستضيف قمة غير رسمية"},
	} {
		t.Run(c.path, func(t *testing.T) {
			r := s.page(c.path)
			if !strings.HasPrefix(r.header.Get("Content-Type"), c.ctype) {
				t.Errorf("Content-Type = %q", r.header.Get("Content-Type"))
			}
			f, err := gofeed.NewParser().ParseString(r.body)
			if err != nil {
				t.Fatalf("the feed does not parse: %v\n%.400s", err, r.body)
			}
			if !strings.HasPrefix(f.Language, c.lang) && c.ctype != "application/atom+xml" {
				t.Errorf("language = %q, want %q", f.Language, c.lang)
			}
			if len(f.Items) != c.items {
				t.Fatalf("%d items, want %d", len(f.Items), c.items)
			}
			if c.items == 0 {
				return
			}
			if f.Items[0].Title != c.first {
				t.Errorf("first item = %q, want %q", f.Items[0].Title, c.first)
			}
			if !strings.HasPrefix(f.Items[0].Link, s.srv.URL+"/"+c.lang+"/news/") {
				t.Errorf("item link = %q", f.Items[0].Link)
			}
			if c.first == "بوتين يستضيف قمة غير رسمية" {
				it := f.Items[0]
				if it.Link != s.srv.URL+"/ar/news/"+id+"-%D8%A8%D9%88%D8%AA%D9%8A%D9%86-%D9%8A%D8%B3%D8%AA%D8%B6%D9%8A%D9%81-%D9%82%D9%85%D8%A9" {
					t.Errorf("link = %q", it.Link)
				}
				if !strings.Contains(it.Content, "كـ تقليد") || !strings.Contains(it.Content, "الكرملِين") {
					t.Errorf("content lost the text as written: %.200s", it.Content)
				}
				if len(it.Authors) == 0 || it.Authors[0].Name != "سلمى نوري" {
					t.Errorf("authors = %v", it.Authors)
				}
				if it.Image == nil && len(it.Enclosures) == 0 {
					t.Error("no lead image in the item")
				}
				if it.PublishedParsed == nil || it.PublishedParsed.Format("2006-01-02") != "2023-12-26" {
					t.Errorf("published = %v", it.PublishedParsed)
				}
			}
		})
	}
	if r := s.get("/ru/section/nothing/rss.xml"); r.status != 404 {
		t.Errorf("feed of a missing section = %d", r.status)
	}
}

type urlset struct {
	URLs []struct {
		Loc   string `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 loc"`
		Links []struct {
			Rel      string `xml:"rel,attr"`
			Hreflang string `xml:"hreflang,attr"`
			Href     string `xml:"href,attr"`
		} `xml:"http://www.w3.org/1999/xhtml link"`
	} `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 url"`
}

func TestSitemaps(t *testing.T) {
	s := newSite(t)
	r := s.page("/sitemap.xml")
	var set urlset
	if err := xml.Unmarshal([]byte(r.body), &set); err != nil {
		t.Fatalf("sitemap.xml does not parse: %v", err)
	}
	id := strconv.FormatInt(s.ids["summit"], 10)
	byLoc := map[string]map[string]string{}
	for _, u := range set.URLs {
		alts := map[string]string{}
		for _, l := range u.Links {
			alts[l.Hreflang] = l.Href
		}
		byLoc[u.Loc] = alts
	}
	ru := s.srv.URL + "/ru/news/" + id + "-putin-provedyot-sammit"
	alts, ok := byLoc[ru]
	if !ok {
		t.Fatalf("the Russian summit story is not in the sitemap")
	}
	if !strings.HasPrefix(alts["ar"], s.srv.URL+"/ar/news/"+id+"-") || alts["ru"] != ru || alts["en"] != "" {
		t.Errorf("alternates of %s = %v", ru, alts)
	}
	for _, must := range []string{"/ar/", "/ru/", "/en/", "/ru/section/economy", "/en/page/about"} {
		if _, ok := byLoc[s.srv.URL+must]; !ok {
			t.Errorf("%s is not in the sitemap", must)
		}
	}
	for loc := range byLoc {
		if strings.Contains(loc, "secret") {
			t.Error("a draft is in the sitemap")
		}
	}
	// Published versions: the summit (ar, ru), the column (ar), 32 digests
	// (ru, en); then 3 front pages, 3 static pages, the sections in the
	// languages they have stories in (politics: ar, ru; economy: ar, ru,
	// en), the tag and the author (ar, ru each).
	if want := 3 + 64 + 3 + 3 + 5 + 2 + 2; len(set.URLs) != want {
		t.Errorf("%d URLs in the sitemap, want %d", len(set.URLs), want)
	}

	news := s.page("/news-sitemap.xml")
	if !strings.Contains(news.body, `xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"`) {
		t.Errorf("news sitemap namespace missing: %.300s", news.body)
	}
	// Nothing of the last two days: the newest article of each language,
	// since a sitemap without a URL is invalid.
	var newsSet urlset
	if err := xml.Unmarshal([]byte(news.body), &newsSet); err != nil {
		t.Fatal(err)
	}
	var newsLocs []string
	for _, u := range newsSet.URLs {
		newsLocs = append(newsLocs, strings.TrimPrefix(u.Loc, s.srv.URL))
	}
	summit := "/news/" + strconv.FormatInt(s.ids["summit"], 10) + "-"
	if len(newsLocs) != 3 || !strings.HasPrefix(newsLocs[0], "/ar"+summit) || !strings.HasPrefix(newsLocs[1], "/ru"+summit) ||
		newsLocs[2] != "/en/news/"+strconv.FormatInt(s.ids["digest1"], 10)+"-digest-1" {
		t.Errorf("news sitemap of a site with nothing recent lists %q, want the newest article of each language", newsLocs)
	}
	robots := s.page("/robots.txt")
	if !strings.Contains(robots.body, "Sitemap: "+s.srv.URL+"/sitemap.xml") || !strings.Contains(robots.body, "Disallow: /admin/") {
		t.Errorf("robots.txt = %q", robots.body)
	}
}

type sitemapIndex struct {
	Sitemaps []struct {
		Loc     string `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 loc"`
		LastMod string `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 lastmod"`
	} `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 sitemap"`
}

// TestSitemapIndex: a site with more URLs than one sitemap file holds has a
// sitemap index at /sitemap.xml, and its files hold every URL once.
func TestSitemapIndex(t *testing.T) {
	s := newSiteWith(t, func(c *web.Config) { c.SitemapURLs = 40 })
	small := newSite(t)
	var whole urlset
	if err := xml.Unmarshal([]byte(small.page("/sitemap.xml").body), &whole); err != nil {
		t.Fatal(err)
	}
	r := s.page("/sitemap.xml")
	if !strings.Contains(r.body, `<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`) {
		t.Fatalf("not a sitemap index: %.300s", r.body)
	}
	var idx sitemapIndex
	if err := xml.Unmarshal([]byte(r.body), &idx); err != nil {
		t.Fatal(err)
	}
	want := (len(whole.URLs) + 39) / 40
	if len(idx.Sitemaps) != want {
		t.Fatalf("%d sitemaps in the index, want %d", len(idx.Sitemaps), want)
	}
	seen := map[string]bool{}
	for i, sm := range idx.Sitemaps {
		if sm.Loc != s.srv.URL+"/sitemaps/"+itoa(i+1)+".xml" || sm.LastMod == "" {
			t.Errorf("sitemap %d: loc %q, lastmod %q", i+1, sm.Loc, sm.LastMod)
		}
		var part urlset
		if err := xml.Unmarshal([]byte(s.page(strings.TrimPrefix(sm.Loc, s.srv.URL)).body), &part); err != nil {
			t.Fatal(err)
		}
		if len(part.URLs) == 0 || len(part.URLs) > 40 {
			t.Errorf("%s holds %d URLs", sm.Loc, len(part.URLs))
		}
		for _, u := range part.URLs {
			path := strings.TrimPrefix(u.Loc, s.srv.URL)
			if seen[path] {
				t.Errorf("%s listed twice", path)
			}
			seen[path] = true
		}
	}
	for _, u := range whole.URLs {
		if path := strings.TrimPrefix(u.Loc, small.srv.URL); !seen[path] {
			t.Errorf("%s is in no file of the index", path)
		}
	}
	for _, path := range []string{"/sitemaps/0.xml", "/sitemaps/01.xml", "/sitemaps/" + itoa(want+1) + ".xml", "/sitemaps/1", "/sitemaps/99999999999999999999.xml", "/sitemaps/9223372036854775807.xml"} {
		if got := s.get(path).status; got != 404 {
			t.Errorf("%s = %d, want 404", path, got)
		}
	}
	// A site that fits one file has no parts.
	if got := small.get("/sitemaps/1.xml").status; got != 404 {
		t.Errorf("/sitemaps/1.xml of a small site = %d, want 404", got)
	}
}

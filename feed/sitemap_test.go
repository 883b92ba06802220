package feed

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

// The structs below decode with namespace-qualified names: encoding/xml
// resolves prefixes, so a field only fills if the writer declared the right
// namespace URI, not merely the right prefix.
type parsedURLSet struct {
	XMLName xml.Name
	URLs    []parsedURL `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 url"`
}

type parsedURL struct {
	Loc     string `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 loc"`
	LastMod string `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 lastmod"`
	Links   []struct {
		Rel      string `xml:"rel,attr"`
		Hreflang string `xml:"hreflang,attr"`
		Href     string `xml:"href,attr"`
	} `xml:"http://www.w3.org/1999/xhtml link"`
	Images []struct {
		Loc     string `xml:"http://www.google.com/schemas/sitemap-image/1.1 loc"`
		Caption string `xml:"http://www.google.com/schemas/sitemap-image/1.1 caption"`
	} `xml:"http://www.google.com/schemas/sitemap-image/1.1 image"`
	News *struct {
		Name     string `xml:"publication>name"`
		Language string `xml:"publication>language"`
		Date     string `xml:"publication_date"`
		Title    string `xml:"title"`
	} `xml:"http://www.google.com/schemas/sitemap-news/0.9 news"`
}

// testSitemapURLs is one story in three languages and the front pages, each
// page listing every version of itself, as search engines require.
func testSitemapURLs() []SitemapURL {
	const site = "https://khabar.example"
	story := map[string]string{
		"ar": site + "/ar/news/123-%D9%82%D9%85%D8%A9",
		"ru": site + "/ru/news/123-sammit",
		"en": site + "/en/news/123-summit?ref=a&b=c",
	}
	caption := map[string]string{
		"ar": "الصورة: المكتب الصحفي — الكرملِن",
		"ru": "Фото: пресс-служба — Кремль",
		"en": "Photo: press office & the Kremlin",
	}
	var storyAlts, frontAlts []Alternate
	for _, l := range langs {
		storyAlts = append(storyAlts, Alternate{Lang: l, Href: story[l]})
		frontAlts = append(frontAlts, Alternate{Lang: l, Href: site + "/" + l + "/"})
	}
	frontAlts = append(frontAlts, Alternate{Lang: "x-default", Href: site + "/"})
	mod := time.Date(2026, 3, 14, 15, 5, 9, 0, moscow)
	var urls []SitemapURL
	for _, l := range langs {
		urls = append(urls, SitemapURL{Loc: site + "/" + l + "/", LastMod: mod, Alternates: frontAlts})
	}
	for _, l := range langs {
		urls = append(urls, SitemapURL{
			Loc: story[l], LastMod: mod, Alternates: storyAlts,
			Images: []SitemapImage{{Loc: site + "/media/2026/03/summit.jpg", Caption: caption[l]}},
		})
	}
	// A page with no translation and no date.
	urls = append(urls, SitemapURL{Loc: site + "/ar/page/about"})
	return urls
}

func TestSitemap(t *testing.T) {
	in := testSitemapURLs()
	b, err := Sitemap(in)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "sitemap.golden.xml", b)
	mustWellFormed(t, b)
	for _, ns := range []string{nsSitemap, nsXHTML, nsImage} {
		if !bytes.Contains(b, []byte(`"`+ns+`"`)) {
			t.Errorf("namespace %s not declared", ns)
		}
	}
	var got parsedURLSet
	if err := xml.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	if got.XMLName != (xml.Name{Space: nsSitemap, Local: "urlset"}) {
		t.Errorf("root = %v", got.XMLName)
	}
	if len(got.URLs) != len(in) {
		t.Fatalf("%d urls, want %d", len(got.URLs), len(in))
	}
	for i, g := range got.URLs {
		w := in[i]
		eq(t, "loc", g.Loc, w.Loc)
		eq(t, "lastmod", g.LastMod, rfc3339(w.LastMod))
		if len(g.Links) != len(w.Alternates) {
			t.Fatalf("%s: %d alternates, want %d", w.Loc, len(g.Links), len(w.Alternates))
		}
		for j, l := range g.Links {
			a := w.Alternates[j]
			if l.Rel != "alternate" || l.Hreflang != a.Lang || l.Href != a.Href {
				t.Errorf("%s: link %d = %+v, want %+v", w.Loc, j, l, a)
			}
		}
		if len(g.Images) != len(w.Images) {
			t.Fatalf("%s: %d images, want %d", w.Loc, len(g.Images), len(w.Images))
		}
		for j, img := range g.Images {
			eq(t, "image loc", img.Loc, w.Images[j].Loc)
			eq(t, "image caption", img.Caption, w.Images[j].Caption)
		}
	}
	// The Moscow time must be written as the same instant in UTC, a W3C
	// datetime.
	eq(t, "lastmod", got.URLs[0].LastMod, "2026-03-14T12:05:09Z")
	// hreflang must be reciprocal: every story version lists all three.
	var hreflangs []string
	for _, l := range got.URLs[3].Links {
		hreflangs = append(hreflangs, l.Hreflang)
	}
	eqStrings(t, "story hreflangs", hreflangs, langs)
}

func TestSitemapInvalid(t *testing.T) {
	tests := map[string]SitemapURL{
		"no loc":            {},
		"alternate no lang": {Loc: "https://x.example/", Alternates: []Alternate{{Href: "https://x.example/"}}},
		"alternate no href": {Loc: "https://x.example/", Alternates: []Alternate{{Lang: "ar"}}},
		"image no loc":      {Loc: "https://x.example/", Images: []SitemapImage{{Caption: "x"}}},
	}
	for name, u := range tests {
		t.Run(name, func(t *testing.T) {
			if _, err := Sitemap([]SitemapURL{u}); err == nil {
				t.Fatal("no error")
			}
		})
	}
}

func TestSitemapLimits(t *testing.T) {
	urls := make([]SitemapURL, MaxSitemapURLs+1)
	for i := range urls {
		urls[i] = SitemapURL{Loc: fmt.Sprintf("https://khabar.example/ar/news/%d", i)}
	}
	b, err := Sitemap(urls[:MaxSitemapURLs])
	if err != nil {
		t.Fatalf("%d URLs: %v", MaxSitemapURLs, err)
	}
	if n := bytes.Count(b, []byte("<url>")); n != MaxSitemapURLs {
		t.Errorf("%d <url> elements, want %d", n, MaxSitemapURLs)
	}
	if _, err := Sitemap(urls); !errors.Is(err, ErrTooManyURLs) {
		t.Errorf("%d URLs: err = %v, want ErrTooManyURLs", len(urls), err)
	}
}

func TestSitemapByteLimit(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a 50 MiB sitemap")
	}
	// 20,000 pages whose three alternates carry long slugs: under the URL
	// limit, over the size limit.
	long := strings.Repeat("%D9%82", 150)
	urls := make([]SitemapURL, 20000)
	for i := range urls {
		loc := fmt.Sprintf("https://khabar.example/ar/news/%d-%s", i, long)
		urls[i] = SitemapURL{Loc: loc, Alternates: []Alternate{{"ar", loc}, {"ru", loc}, {"en", loc}}}
	}
	if _, err := Sitemap(urls); !errors.Is(err, ErrTooManyURLs) {
		t.Errorf("err = %v, want ErrTooManyURLs", err)
	}
}

func testNewsURLs() []NewsURL {
	pub := time.Date(2026, 3, 14, 12, 30, 0, 0, moscow)
	return []NewsURL{
		{Loc: "https://khabar.example/ar/news/123", PublicationName: "أخبار المجموعة", Lang: "ar", Title: "اجتماعاً غير رسمي في الكرملِن\x0b كـ تقليد", Published: pub},
		{Loc: "https://khabar.example/ru/news/123", PublicationName: "Новости группы", Lang: "ru", Title: "Встреча в Кремле: «ёлки»", Published: pub},
		{Loc: "https://khabar.example/en/news/123?a=1&b=2", PublicationName: "Group news", Lang: "en", Title: "Leaders meet <again> & talk", Published: pub},
	}
}

func TestNewsSitemap(t *testing.T) {
	in := testNewsURLs()
	b, err := NewsSitemap(in)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "news-sitemap.golden.xml", b)
	mustWellFormed(t, b)
	var got parsedURLSet
	if err := xml.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	if len(got.URLs) != len(in) {
		t.Fatalf("%d urls, want %d", len(got.URLs), len(in))
	}
	for i, g := range got.URLs {
		w := in[i]
		if g.News == nil {
			t.Fatalf("%s: no news:news in the news namespace", w.Loc)
		}
		eq(t, "loc", g.Loc, w.Loc)
		eq(t, "name", g.News.Name, w.PublicationName)
		eq(t, "language", g.News.Language, w.Lang)
		eq(t, "date", g.News.Date, "2026-03-14T09:30:00Z")
		eq(t, "title", g.News.Title, strings.ReplaceAll(w.Title, "\x0b", ""))
	}
}

func TestNewsSitemapInvalid(t *testing.T) {
	for _, change := range []func(*NewsURL){
		func(n *NewsURL) { n.Loc = "" },
		func(n *NewsURL) { n.PublicationName = "" },
		func(n *NewsURL) { n.Lang = "" },
		func(n *NewsURL) { n.Title = "" },
		func(n *NewsURL) { n.Published = time.Time{} },
	} {
		urls := testNewsURLs()
		change(&urls[1])
		if _, err := NewsSitemap(urls); err == nil {
			t.Errorf("no error for %+v", urls[1])
		}
	}
}

func TestNewsSitemapLimit(t *testing.T) {
	one := testNewsURLs()[0]
	urls := slices.Repeat([]NewsURL{one}, MaxNewsURLs+1)
	if _, err := NewsSitemap(urls[:MaxNewsURLs]); err != nil {
		t.Fatalf("%d URLs: %v", MaxNewsURLs, err)
	}
	if _, err := NewsSitemap(urls); !errors.Is(err, ErrTooManyURLs) {
		t.Errorf("%d URLs: err = %v, want ErrTooManyURLs", len(urls), err)
	}
}

func TestRobots(t *testing.T) {
	got := Robots(
		[]string{"https://khabar.example/sitemap.xml", "https://khabar.example/news-sitemap.xml"},
		[]string{"/admin/", "/api/", "/search\nAllow: /secret", ""},
	)
	golden(t, "robots.golden.txt", got)
	want := "User-agent: *\n" +
		"Disallow: /admin/\n" +
		"Disallow: /api/\n" +
		"Disallow: /searchAllow: /secret\n" +
		"Sitemap: https://khabar.example/sitemap.xml\n" +
		"Sitemap: https://khabar.example/news-sitemap.xml\n"
	eq(t, "robots.txt", string(got), want)

	eq(t, "allow all", string(Robots(nil, nil)), "User-agent: *\nDisallow:\n")
}

func TestSitemapIndex(t *testing.T) {
	mod := time.Date(2026, 3, 14, 12, 30, 0, 0, time.FixedZone("MSK", 3*3600))
	b, err := SitemapIndex([]SitemapRef{
		{Loc: "https://khabar.example/sitemaps/1.xml", LastMod: mod},
		{Loc: "https://khabar.example/sitemaps/2.xml?a=1&b=2"},
	})
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "sitemap-index.golden.xml", b)
	mustWellFormed(t, b)
	for _, bad := range [][]SitemapRef{nil, {{Loc: ""}}, make([]SitemapRef, MaxSitemapURLs+1)} {
		if _, err := SitemapIndex(bad); err == nil {
			t.Errorf("SitemapIndex of %d entries (first %+v) gave no error", len(bad), bad)
		}
	}
}

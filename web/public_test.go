package web_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func TestLanguageChoice(t *testing.T) {
	s := newSite(t)
	for _, c := range []struct{ accept, want string }{
		{"ru-RU,ru;q=0.9,en;q=0.8", "/ru/"},
		{"ar-EG", "/ar/"},
		{"fr-FR, de;q=0.5", "/en/"},
		{"", "/en/"},
	} {
		r := s.get("/", "Accept-Language", c.accept)
		if r.status != http.StatusFound || r.header.Get("Location") != c.want {
			t.Errorf("Accept-Language %q: %d → %q, want 302 → %q", c.accept, r.status, r.header.Get("Location"), c.want)
		}
		if !strings.Contains(r.header.Get("Vary"), "Accept-Language") {
			t.Errorf("the language redirect does not vary on Accept-Language")
		}
	}
}

// TestEveryPageType checks what every page must have: the language and
// direction, one h1, a canonical link, hreflang alternates, feeds in the
// head, the security headers, and no request to another origin.
func TestEveryPageType(t *testing.T) {
	s := newSite(t)
	summit := strconv.FormatInt(s.ids["summit"], 10)
	pages := map[string]string{
		"/ar/": "ar",
		"/ru/": "ru",
		"/en/": "en",
		"/ar/news/" + summit + "-" + url.PathEscape("بوتين-يستضيف-قمة"): "ar",
		"/ru/news/" + summit + "-putin-provedyot-sammit":                "ru",
		"/ar/section/politics":       "ar",
		"/ru/section/economy?page=2": "ru",
		"/en/tag/putin":              "en",
		"/ru/author/salma-nouri":     "ru",
		"/ar/archive/":               "ar",
		"/ar/archive/2023/":          "ar",
		"/ar/archive/2023/12/":       "ar",
		"/ar/archive/2023/12/26/":    "ar",
		"/ru/page/o-gruppe":          "ru",
		"/ar/page/" + url.PathEscape("عن-المجموعة"): "ar",
	}
	for path, lang := range pages {
		t.Run(path, func(t *testing.T) {
			r := s.page(path)
			d := parse(t, r.body)
			h := d.first(t, "html")
			wantDir := map[string]string{"ar": "rtl", "ru": "ltr", "en": "ltr"}[lang]
			if attr(h, "lang") != lang || attr(h, "dir") != wantDir {
				t.Errorf("<html lang=%q dir=%q>, want lang=%q dir=%q", attr(h, "lang"), attr(h, "dir"), lang, wantDir)
			}
			if n := len(d.all("h1")); n != 1 {
				t.Errorf("%d h1 elements, want 1", n)
			}
			canon := d.first(t, "link", "rel", "canonical")
			if !strings.HasPrefix(attr(canon, "href"), s.srv.URL+"/"+lang+"/") {
				t.Errorf("canonical = %q", attr(canon, "href"))
			}
			// A later page of a list, and a list with no stories in this
			// language (noindex), name no alternates.
			if alts := d.all("link", "rel", "alternate", "hreflang", ""); len(alts) < 2 && !strings.Contains(path, "?page=") && path != "/en/tag/putin" {
				t.Errorf("%d hreflang alternates, want the page in other languages too", len(alts))
			}
			for _, typ := range []string{"application/rss+xml", "application/atom+xml", "application/feed+json"} {
				if len(d.all("link", "rel", "alternate", "type", typ)) == 0 {
					t.Errorf("no %s feed advertised in the head", typ)
				}
			}
			if csp := r.header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'self'") {
				t.Errorf("Content-Security-Policy = %q", csp)
			}
			if r.header.Get("X-Content-Type-Options") != "nosniff" {
				t.Error("no X-Content-Type-Options")
			}
			for _, tag := range []string{"img", "script", "link", "iframe"} {
				for _, n := range d.all(tag) {
					for _, key := range []string{"src", "href"} {
						v := attr(n, key)
						if tag == "link" && (attr(n, "rel") == "canonical" || attr(n, "rel") == "alternate") {
							continue
						}
						if strings.HasPrefix(v, "http") && !strings.HasPrefix(v, s.srv.URL) || strings.HasPrefix(v, "//") {
							t.Errorf("<%s %s=%q> loads from another origin", tag, key, v)
						}
					}
				}
			}
			for _, img := range d.all("img") {
				if !hasAttr(img, "alt") {
					t.Errorf("image %q has no alt attribute", attr(img, "src"))
				}
			}
			if len(d.all("main")) != 1 || len(d.all("nav")) < 2 || len(d.all("header")) == 0 || len(d.all("footer")) == 0 {
				t.Error("missing landmarks (main, nav, header, footer)")
			}
		})
	}
}

func TestArticlePage(t *testing.T) {
	s := newSite(t)
	id := strconv.FormatInt(s.ids["summit"], 10)
	r := s.page("/ar/news/" + id + "-" + url.PathEscape("بوتين-يستضيف-قمة"))
	d := parse(t, r.body)

	if got := text(d.first(t, "h1")); got != "بوتين يستضيف قمة غير رسمية" {
		t.Errorf("h1 = %q", got)
	}
	dateline := text(d.first(t, "p", "class", "dateline"))
	if !strings.Contains(dateline, "٢٦ ديسمبر ٢٠٢٣") {
		t.Errorf("dateline %q does not carry the Arabic date with Arabic-Indic digits", dateline)
	}
	// Body: the quirks are kept, the spacer paragraphs are gone, and the
	// Latin and Cyrillic names are isolated.
	body := d.first(t, "div", "class", "story-body")
	for _, p := range d.all("p") {
		if isInside(p, body) && strings.Trim(text(p), " \u00a0") == "" {
			t.Error("an empty spacer paragraph is rendered")
		}
	}
	bodyText := text(body)
	for _, quirk := range []string{"الكرملِين", "اجتماعاً", "كـ تقليد", "26 ديسمبر/كانون الأول 2023", "رابة"} {
		if !strings.Contains(bodyText, quirk) {
			t.Errorf("body lost %q: %s", quirk, bodyText)
		}
	}
	if got := text(d.first(t, "h2")); got == "" {
		t.Error("no subheading")
	}
	var isolated []string
	for _, b := range d.all("bdi") {
		if isInside(b, body) {
			isolated = append(isolated, text(b))
		}
	}
	if strings.Join(isolated, "|") != "Vladimir Putin|ТАСС" {
		t.Errorf("isolated runs = %q, want Vladimir Putin and ТАСС", isolated)
	}
	// Image with caption and credit, source line, tags, author.
	fig := d.first(t, "figure", "class", "story-image")
	if !strings.Contains(text(fig), "الصورة: الموقع الرسمي لرئيس روسيا") || !strings.Contains(text(fig), "قاعة القمة") {
		t.Errorf("figure = %q, want caption and credit", text(fig))
	}
	if img := d.first(t, "img", "alt", "طاولة مستديرة"); attr(img, "src") == "" {
		t.Error("lead image has no src")
	}
	if src := text(d.first(t, "p", "class", "source")); src != "المصدر: تاس" {
		t.Errorf("source line = %q", src)
	}
	if tag := d.first(t, "a", "rel", "tag"); attr(tag, "href") != "/ar/tag/putin" || text(tag) != "بوتين" {
		t.Errorf("tag link = %q %q", attr(tag, "href"), text(tag))
	}
	if a := d.first(t, "a", "rel", "author"); text(a) != "سلمى نوري" {
		t.Errorf("author = %q", text(a))
	}

	// The switcher links the Russian translation and marks English missing.
	langs := d.first(t, "nav", "class", "langs")
	var ru, en *html.Node
	for _, a := range (doc{langs}).all("a") {
		switch attr(a, "hreflang") {
		case "ru":
			ru = a
		case "en":
			en = a
		}
	}
	if ru == nil || attr(ru, "href") != "/ru/news/"+id+"-putin-provedyot-sammit" || hasClass(ru, "missing") {
		t.Errorf("Russian switcher link = %v", ru)
	}
	if en == nil || attr(en, "href") != "/en/" || !hasClass(en, "missing") || !strings.Contains(text(en), "not translated") {
		t.Errorf("English switcher link must go to /en/ and be marked: %v", en)
	}
	hreflangs := map[string]string{}
	for _, l := range d.all("link", "rel", "alternate", "hreflang", "") {
		hreflangs[attr(l, "hreflang")] = attr(l, "href")
	}
	if _, ok := hreflangs["en"]; ok || hreflangs["ru"] == "" || hreflangs["ar"] == "" {
		t.Errorf("hreflang alternates = %v, want ar and ru only (no English version)", hreflangs)
	}

	// Structured data and share metadata.
	var ld map[string]any
	if err := json.Unmarshal([]byte(text(d.first(t, "script", "type", "application/ld+json"))), &ld); err != nil {
		t.Fatalf("JSON-LD does not parse: %v", err)
	}
	var img map[string]any
	if imgs, _ := ld["image"].([]any); len(imgs) > 0 {
		img, _ = imgs[0].(map[string]any)
	}
	src, _ := ld["sourceOrganization"].(map[string]any)
	if ld["@type"] != "NewsArticle" || ld["inLanguage"] != "ar" || ld["headline"] != "بوتين يستضيف قمة غير رسمية" ||
		img["creditText"] != "الموقع الرسمي لرئيس روسيا" || src["name"] != "تاس" || src["url"] != "https://tass.com" {
		t.Errorf("JSON-LD = %v", ld)
	}
	meta := map[string]string{}
	for _, m := range d.all("meta") {
		meta[attr(m, "property")+attr(m, "name")] = attr(m, "content")
	}
	if meta["og:type"] != "article" || meta["og:title"] != "بوتين يستضيف قمة غير رسمية" || !strings.HasPrefix(meta["og:image"], s.srv.URL+"/media/") ||
		meta["twitter:card"] != "summary_large_image" || meta["og:locale"] != "ar_AR" ||
		meta["twitter:description"] != "قمة تقليدية في نهاية العام." || meta["twitter:image:alt"] != "طاولة مستديرة" {
		t.Errorf("share metadata = %v", meta)
	}
	pub, _ := ld["publisher"].(map[string]any)
	logo, _ := pub["logo"].(map[string]any)
	if logo["width"] != 512.0 || logo["height"] != 512.0 {
		t.Errorf("publisher logo = %v, want its size", logo)
	}
}

func isInside(n, ancestor *html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p == ancestor {
			return true
		}
	}
	return false
}

func TestPermalinks(t *testing.T) {
	s := newSite(t)
	id := strconv.FormatInt(s.ids["summit"], 10)
	want := "/ru/news/" + id + "-putin-provedyot-sammit"
	for _, old := range []string{"/ru/news/" + id, "/ru/news/" + id + "-old-title", "/ru/news/" + id + "-"} {
		r := s.get(old)
		if r.status != http.StatusMovedPermanently || r.header.Get("Location") != want {
			t.Errorf("GET %s = %d → %q, want 301 → %s", old, r.status, r.header.Get("Location"), want)
		}
	}
	for _, missing := range []string{
		"/en/news/" + id + "-x", // no English version
		"/en/news/" + strconv.FormatInt(s.ids["draft"], 10) + "-secret", // a draft
		"/ru/news/abc", "/ru/news/0-x", "/ru/news/99999-x", "/ru/news/0" + id + "-x",
	} {
		if r := s.get(missing); r.status != http.StatusNotFound {
			t.Errorf("GET %s = %d, want 404", missing, r.status)
		}
	}
}

func TestNotFoundSpeaksTheLanguage(t *testing.T) {
	s := newSite(t)
	for path, want := range map[string]string{
		"/ru/no-such-page":        "Страница не найдена",
		"/ar/section/nothing":     "الصفحة غير موجودة",
		"/en/tag/nothing":         "Page not found",
		"/xx/":                    "Page not found",
		"/ru/archive/2023/13/":    "Страница не найдена",
		"/ru/archive/2023/02/30/": "Страница не найдена",
	} {
		r := s.get(path)
		if r.status != http.StatusNotFound {
			t.Errorf("GET %s = %d, want 404", path, r.status)
			continue
		}
		if got := text(parse(t, r.body).first(t, "h1")); got != want {
			t.Errorf("GET %s: h1 = %q, want %q", path, got, want)
		}
	}
}

func TestListsAndPagination(t *testing.T) {
	s := newSite(t)
	// 32 Russian economy stories, 15 a page: three pages.
	d := parse(t, s.page("/ru/section/economy").body)
	if got := text(d.first(t, "p", "class", "count")); got != "32 статьи" {
		t.Errorf("count = %q, want the Russian plural \"32 статьи\"", got)
	}
	if n := len(d.all("article", "class", "card")); n != 15 {
		t.Errorf("page 1 has %d cards, want 15", n)
	}
	next := d.first(t, "a", "rel", "next")
	if attr(next, "href") != "/ru/section/economy?page=2" {
		t.Errorf("next = %q", attr(next, "href"))
	}
	d3 := parse(t, s.page("/ru/section/economy?page=3").body)
	if n := len(d3.all("article", "class", "card")); n != 2 {
		t.Errorf("page 3 has %d cards, want 2", n)
	}
	if len(d3.all("a", "rel", "next")) != 0 {
		t.Error("the last page links to a next page")
	}
	if !strings.Contains(text(d3.first(t, "nav", "class", "pager")), "Страница 3 из 3") {
		t.Errorf("pager = %q", text(d3.first(t, "nav", "class", "pager")))
	}
	for _, bad := range []string{"?page=4", "?page=0", "?page=abc", "?page=02"} {
		if r := s.get("/ru/section/economy" + bad); r.status != http.StatusNotFound {
			t.Errorf("page %s = %d, want 404", bad, r.status)
		}
	}
	// The tag page of one tag entity gathers the stories in each language.
	ar := parse(t, s.page("/ar/tag/putin").body)
	if got := text(ar.first(t, "p", "class", "count")); got != "مقالتان" {
		t.Errorf("Arabic tag count = %q, want the dual \"مقالتان\"", got)
	}
	if got := text(ar.first(t, "h1")); got != "بوتين" {
		t.Errorf("Arabic tag heading = %q", got)
	}
	ru := parse(t, s.page("/ru/tag/putin").body)
	if got := text(ru.first(t, "h1")); got != "Путин" {
		t.Errorf("Russian tag heading = %q", got)
	}
	// Date archives in the site's time zone.
	day := parse(t, s.page("/ar/archive/2023/12/26/").body)
	if got := text(day.first(t, "h1")); !strings.Contains(got, "٢٦ ديسمبر ٢٠٢٣") {
		t.Errorf("day archive heading = %q", got)
	}
	if n := len(day.all("article", "class", "card")); n != 1 {
		t.Errorf("day archive has %d stories, want 1", n)
	}
	idx := parse(t, s.page("/ru/archive/").body)
	if len(idx.all("a", "href", "/ru/archive/2023/12/")) != 1 {
		t.Error("the archive index does not link December 2023")
	}
}

func TestFrontPage(t *testing.T) {
	s := newSite(t)
	d := parse(t, s.page("/ar/").body)
	lead := d.first(t, "article", "class", "lead")
	if !strings.Contains(text(lead), "بوتين يستضيف قمة غير رسمية") {
		t.Errorf("lead = %q, want the featured story", text(lead))
	}
	if len(d.all("section", "class", "block same-section")) == 0 {
		t.Error("no section blocks on the front page")
	}
	home := d.first(t, "a", "rel", "home")
	if text(home) != "مجموعة الحوار" {
		t.Errorf("site name = %q", text(home))
	}
	if strings.Contains(s.page("/en/").body, "Secret draft") {
		t.Error("a draft is on the front page")
	}
}

func TestStaticAndMedia(t *testing.T) {
	s := newSite(t)
	d := parse(t, s.page("/en/").body)
	css := attr(d.first(t, "link", "rel", "stylesheet"), "href")
	r := s.page(css)
	if !strings.Contains(r.header.Get("Cache-Control"), "immutable") || !strings.Contains(r.header.Get("Content-Type"), "text/css") {
		t.Errorf("stylesheet headers: %v", r.header)
	}
	if !strings.Contains(r.body, "naskh-regular.woff2") {
		t.Error("the stylesheet does not load the embedded Arabic font")
	}
	font := s.page("/static/fonts/naskh-regular.woff2")
	if font.header.Get("Content-Type") != "font/woff2" || !strings.HasPrefix(font.body, "wOF2") {
		t.Errorf("font: %q", font.header.Get("Content-Type"))
	}
	img := s.page("/media/test/summit.jpg")
	if img.header.Get("Content-Type") != "image/jpeg" || !strings.HasPrefix(img.body, "\xff\xd8") {
		t.Errorf("media: %q", img.header.Get("Content-Type"))
	}
	for _, bad := range []string{"/media/../khabar.db", "/media/test/../../khabar.db", "/media/%2e%2e/khabar.db", "/static/../server.go", "/media/nothing.jpg"} {
		if r := s.get(bad); r.status == http.StatusOK {
			t.Errorf("GET %s = 200: a path trick got through", bad)
		}
	}
	// A folder of the media store is no media file: it once answered 200
	// with Content-Length 9223372036854775807, cached for a year.
	for _, dir := range []string{"/media/test", "/media/test/", "/media/test/summit.jpg/"} {
		if r := s.get(dir); r.status != http.StatusNotFound || strings.Contains(r.header.Get("Cache-Control"), "immutable") ||
			r.header.Get("Content-Length") == "9223372036854775807" {
			t.Errorf("GET %s = %d, Content-Length %s, Cache-Control %q; want 404", dir, r.status, r.header.Get("Content-Length"), r.header.Get("Cache-Control"))
		}
	}
	if r := s.page("/healthz"); strings.TrimSpace(r.body) != "ok" {
		t.Errorf("healthz = %q", r.body)
	}
	if r := s.page("/readyz"); strings.TrimSpace(r.body) != "ready" {
		t.Errorf("readyz = %q", r.body)
	}
}

// TestHijriDateOnArabicPagesByDefault: a new site shows the Hijri date on
// its Arabic pages, not on the Russian and English ones.
func TestHijriDateOnArabicPagesByDefault(t *testing.T) {
	s := newSite(t)
	for lang, want := range map[string]bool{"ar": true, "ru": false, "en": false} {
		if got := strings.Contains(s.page("/"+lang+"/").body, `class="hijri"`); got != want {
			t.Errorf("/%s/ shows the Hijri date: %v, want %v", lang, got, want)
		}
	}
}

package web_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
)

// TestOneAddressPerPage: every public page has one form of its address,
// and the other form (with or without a trailing slash) redirects to it
// with a 301, keeping the query.
func TestOneAddressPerPage(t *testing.T) {
	s := newSite(t)
	summit := "/ru/news/" + strconv.FormatInt(s.ids["summit"], 10) + "-putin-provedyot-sammit"
	for _, c := range []struct{ from, to string }{
		{"/ar", "/ar/"},
		{"/ru?utm=x", "/ru/?utm=x"},
		{summit + "/", summit},
		{"/ru/section/economy/", "/ru/section/economy"},
		{"/ru/section/economy/?page=2", "/ru/section/economy?page=2"},
		{"/ar/tag/putin/", "/ar/tag/putin"},
		{"/ru/author/salma-nouri/", "/ru/author/salma-nouri"},
		{"/en/page/about/", "/en/page/about"},
		{"/ar/page/" + url.PathEscape("عن-المجموعة") + "/", "/ar/page/" + url.PathEscape("عن-المجموعة")},
		{"/en/search/?q=digest", "/en/search?q=digest"},
		{"/ar/archive", "/ar/archive/"},
		{"/ar/archive/2023", "/ar/archive/2023/"},
		{"/ar/archive/2023/12", "/ar/archive/2023/12/"},
		{"/ar/archive/2023/12/26", "/ar/archive/2023/12/26/"},
	} {
		r := s.get(c.from)
		if r.status != http.StatusMovedPermanently || r.header.Get("Location") != c.to {
			t.Errorf("GET %s = %d → %q, want 301 → %q", c.from, r.status, r.header.Get("Location"), c.to)
			continue
		}
		s.page(c.to)
	}
	for _, path := range []string{"/xx", "/xx/news/1/", "/favicon.ico/", "/ar/nothing/", "/ar/section/nothing/"} {
		if r := s.get(path); r.status == http.StatusMovedPermanently && !strings.HasPrefix(r.header.Get("Location"), "/ar/section/nothing") {
			t.Errorf("GET %s redirects to %q", path, r.header.Get("Location"))
		}
	}
	if r := s.get("/xx"); r.status != http.StatusNotFound {
		t.Errorf("GET /xx (no such language) = %d, want 404", r.status)
	}
}

// TestMissingTranslationLinksTheOthers: a story asked for in a language it
// is not published in answers 404 with links to the versions that exist,
// in their languages; the 404 marks no menu item as the current page.
func TestMissingTranslationLinksTheOthers(t *testing.T) {
	s := newSite(t)
	id := strconv.FormatInt(s.ids["column"], 10)
	r := s.get("/en/news/" + id)
	if r.status != http.StatusNotFound {
		t.Fatalf("GET /en/news/%s = %d, want 404", id, r.status)
	}
	d := parse(t, r.body)
	if h := text(d.first(t, "h1")); h != "This story is not available in English" {
		t.Errorf("h1 = %q", h)
	}
	var links []string
	for _, a := range d.all("a", "hreflang", "ar") {
		links = append(links, attr(a, "href"))
	}
	want := "/ar/news/" + id + "-" + url.PathEscape("عمود-الاقتصاد")
	found := false
	for _, l := range links {
		found = found || l == want
	}
	if !found {
		t.Errorf("the 404 does not link the Arabic version %s; links with hreflang=ar: %v", want, links)
	}
	if !strings.Contains(r.body, "عمود: الاقتصاد في 2024") {
		t.Error("the 404 does not name the Arabic version by its title")
	}
	for _, body := range []string{r.body, s.get("/en/nothing").body, s.get("/ru/news/999999").body} {
		if cur := parse(t, body).all("a", "aria-current", "page"); len(cur) != 0 {
			t.Errorf("the 404 marks %q as the current page", text(cur[0]))
		}
	}
	if r := s.get("/ru/news/999999"); r.status != http.StatusNotFound || strings.Contains(r.body, "other-versions") {
		t.Errorf("a story that does not exist: %d", r.status)
	}
}

// TestArticleMarksItsSection: the menu shows which section the article is in.
func TestArticleMarksItsSection(t *testing.T) {
	s := newSite(t)
	d := parse(t, s.page("/ru/news/"+strconv.FormatInt(s.ids["summit"], 10)+"-putin-provedyot-sammit").body)
	cur := d.all("a", "aria-current", "page")
	if len(cur) != 1 || attr(cur[0], "href") != "/ru/section/politics" {
		var got []string
		for _, a := range cur {
			got = append(got, attr(a, "href"))
		}
		t.Errorf("current menu items %v, want /ru/section/politics", got)
	}
}

package web_test

import (
	"encoding/xml"
	"maps"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

type sitemapDoc struct {
	URLs []struct {
		Loc     string `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 loc"`
		LastMod string `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 lastmod"`
		Links   []struct {
			Rel      string `xml:"rel,attr"`
			Hreflang string `xml:"hreflang,attr"`
			Href     string `xml:"href,attr"`
		} `xml:"http://www.w3.org/1999/xhtml link"`
	} `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 url"`
}

// pageAlternates reads the hreflang links of a page, and whether it asks
// not to be indexed.
func pageAlternates(t *testing.T, body string) (map[string]string, bool) {
	d := parse(t, body)
	alts := map[string]string{}
	for _, l := range d.all("link", "rel", "alternate") {
		if hl := attr(l, "hreflang"); hl != "" {
			if _, dup := alts[hl]; dup {
				t.Errorf("two alternates for %q", hl)
			}
			alts[hl] = attr(l, "href")
		}
	}
	noindex := false
	for _, m := range d.all("meta", "name", "robots") {
		noindex = noindex || strings.Contains(attr(m, "content"), "noindex")
	}
	return alts, noindex
}

// TestHreflangPagesAndSitemapAgree fetches every URL of the sitemap and
// checks that the page names the same alternates as its sitemap entry, x-default
// included, that it is indexable, and that front pages and lists are dated.
func TestHreflangPagesAndSitemapAgree(t *testing.T) {
	s := newSite(t)
	r := s.page("/sitemap.xml")
	if lm, err := http.ParseTime(r.header.Get("Last-Modified")); err != nil || lm.Year() < 2023 {
		t.Errorf("sitemap Last-Modified = %q", r.header.Get("Last-Modified"))
	}
	var set sitemapDoc
	if err := xml.Unmarshal([]byte(r.body), &set); err != nil {
		t.Fatal(err)
	}
	inSitemap := map[string]bool{}
	for _, u := range set.URLs {
		inSitemap[u.Loc] = true
		want := map[string]string{}
		for _, l := range u.Links {
			want[l.Hreflang] = l.Href
		}
		if want["x-default"] == "" {
			t.Errorf("%s: no x-default in the sitemap: %v", u.Loc, want)
		}
		page := s.page(strings.TrimPrefix(u.Loc, s.srv.URL))
		got, noindex := pageAlternates(t, page.body)
		if noindex {
			t.Errorf("%s is in the sitemap but noindex", u.Loc)
		}
		if !maps.Equal(got, want) {
			t.Errorf("%s:\n page alternates    %v\n sitemap alternates %v", u.Loc, got, want)
		}
		path := strings.TrimPrefix(u.Loc, s.srv.URL)
		if !strings.Contains(path, "/news/") && !strings.Contains(path, "/page/") {
			if _, err := time.Parse(time.RFC3339, u.LastMod); err != nil {
				t.Errorf("%s: lastmod %q", u.Loc, u.LastMod)
			}
		}
	}
	base := s.srv.URL
	for _, must := range []string{"/ar/", "/en/", "/ru/section/economy", "/ar/tag/putin", "/ru/tag/putin", "/ar/author/salma-nouri", "/ru/author/salma-nouri"} {
		if !inSitemap[base+must] {
			t.Errorf("%s is not in the sitemap", must)
		}
	}
	// The tag has no English story: its English page is noindex, out of
	// the sitemap, and no other page points at it.
	if inSitemap[base+"/en/tag/putin"] || inSitemap[base+"/ar/section/economy"] == false {
		t.Errorf("/en/tag/putin in the sitemap %v, /ar/section/economy %v", inSitemap[base+"/en/tag/putin"], inSitemap[base+"/ar/section/economy"])
	}
	alts, noindex := pageAlternates(t, s.page("/en/tag/putin").body)
	if !noindex || len(alts) != 0 {
		t.Errorf("/en/tag/putin: noindex %v, alternates %v; want noindex and none", noindex, alts)
	}
	alts, _ = pageAlternates(t, s.page("/ar/tag/putin").body)
	if _, ok := alts["en"]; ok || alts["x-default"] != base+"/ar/tag/putin" {
		t.Errorf("/ar/tag/putin alternates %v: want none in English, x-default the first language with stories", alts)
	}
	// A story only in Arabic still has an x-default: its Arabic version.
	column := "/ar/news/" + strconv.FormatInt(s.ids["column"], 10) + "-" + "%D8%B9%D9%85%D9%88%D8%AF-%D8%A7%D9%84%D8%A7%D9%82%D8%AA%D8%B5%D8%A7%D8%AF"
	alts, _ = pageAlternates(t, s.page(column).body)
	if alts["x-default"] != base+column || alts["ar"] != base+column || len(alts) != 2 {
		t.Errorf("alternates of the Arabic-only column: %v", alts)
	}
}

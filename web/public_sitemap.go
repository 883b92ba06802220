package web

import (
	"net/http"
	"net/url"
	"time"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/feed"
)

// sitemap lists the front pages, sections, static pages and every published
// article, each with its hreflang alternates.
func (s *Server) sitemap(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	st, err := s.store.Settings(ctx)
	if err != nil {
		return err
	}
	var urls []feed.SitemapURL
	everyLang := func(path string, lastmod time.Time) {
		var alts []feed.Alternate
		for _, l := range st.Languages {
			alts = append(alts, feed.Alternate{Lang: l, Href: s.absURL("/" + l + path)})
		}
		alts = append(alts, feed.Alternate{Lang: "x-default", Href: s.absURL("/" + st.DefaultLang + path)})
		for _, l := range st.Languages {
			urls = append(urls, feed.SitemapURL{Loc: s.absURL("/" + l + path), LastMod: lastmod, Alternates: alts})
		}
	}
	everyLang("/", time.Time{})
	sections, err := s.store.Sections(ctx)
	if err != nil {
		return err
	}
	for _, sec := range sections {
		everyLang("/section/"+sec.Slug, time.Time{})
	}
	pages, err := s.store.Pages(ctx)
	if err != nil {
		return err
	}
	for _, p := range pages {
		var alts []feed.Alternate
		var last time.Time
		for l, pv := range p.Versions {
			alts = append(alts, feed.Alternate{Lang: l, Href: s.absURL("/" + l + "/page/" + url.PathEscape(pv.Slug))})
			if pv.UpdatedAt.After(last) {
				last = pv.UpdatedAt
			}
		}
		for _, a := range alts {
			urls = append(urls, feed.SitemapURL{Loc: a.Href, LastMod: last, Alternates: alts})
		}
	}
	err = s.store.AllPublished(ctx, func(sum khabar.Summary, tr []khabar.Translation) error {
		u := feed.SitemapURL{Loc: s.absURL(articlePath(sum.Lang, sum.StoryID, sum.Slug)), LastMod: sum.UpdatedAt}
		if len(tr) > 0 {
			u.Alternates = append(u.Alternates, feed.Alternate{Lang: sum.Lang, Href: u.Loc})
			for _, t := range tr {
				u.Alternates = append(u.Alternates, feed.Alternate{Lang: t.Lang, Href: s.absURL(articlePath(t.Lang, sum.StoryID, t.Slug))})
			}
		}
		if sum.Image != nil {
			u.Images = []feed.SitemapImage{{Loc: s.absURL(mediaPath(sum.Image))}}
		}
		urls = append(urls, u)
		return nil
	})
	if err != nil {
		return err
	}
	b, err := feed.Sitemap(urls)
	if err != nil {
		return err
	}
	return writeXML(w, b)
}

// newsSitemap lists the articles of the last two days for Google News.
func (s *Server) newsSitemap(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	st, err := s.store.Settings(ctx)
	if err != nil {
		return err
	}
	since := time.Now().Add(-48 * time.Hour)
	var urls []feed.NewsURL
	for _, l := range st.Languages {
		list, _, err := s.store.ListArticles(ctx, khabar.ListFilter{Lang: l, From: since, Limit: 200, NoTotal: true})
		if err != nil {
			return err
		}
		for _, a := range list {
			urls = append(urls, feed.NewsURL{Loc: s.absURL(articlePath(l, a.StoryID, a.Slug)),
				PublicationName: st.SiteName.Get(l, st.DefaultLang), Lang: l, Title: a.Title, Published: a.PublishedAt})
		}
	}
	b, err := feed.NewsSitemap(urls)
	if err != nil {
		return err
	}
	return writeXML(w, b)
}

func writeXML(w http.ResponseWriter, b []byte) error {
	w.Header().Set("Content-Type", "application/xml; charset=utf-8")
	w.Header().Set("Cache-Control", publicCacheControl)
	_, err := w.Write(b)
	return err
}

func (s *Server) robots(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=3600")
	_, err := w.Write(feed.Robots([]string{s.absURL("/sitemap.xml"), s.absURL("/news-sitemap.xml")}, []string{"/admin/"}))
	return err
}

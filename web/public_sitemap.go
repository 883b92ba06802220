package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/feed"
)

// defaultSitemapURLs is how many URLs one file of the sitemap holds when
// Config.SitemapURLs is zero: well under the protocol's 50,000 URLs and
// 50 MB, even for pages with long percent-encoded Arabic addresses and
// four hreflang alternates each.
const defaultSitemapURLs = 10000

func (s *Server) sitemapSize() int {
	if s.cfg.SitemapURLs > 0 {
		return min(s.cfg.SitemapURLs, feed.MaxSitemapURLs)
	}
	return defaultSitemapURLs
}

// sitemap lists the front pages, the sections, tags and authors in the
// languages where they have stories, the static pages and every published
// article, each with the hreflang alternates its page names (hreflangs).
// When they are more than one file holds (sitemapSize), it is a sitemap
// index instead, of the files /sitemaps/1.xml, /sitemaps/2.xml… that hold
// them in turn.
func (s *Server) sitemap(w http.ResponseWriter, r *http.Request) error {
	urls, last, err := s.sitemapURLs(r.Context())
	if err != nil {
		return err
	}
	size := s.sitemapSize()
	if len(urls) <= size {
		return s.writeSitemap(w, urls, last)
	}
	var refs []feed.SitemapRef
	for i := 0; i < len(urls); i += size {
		part := urls[i:min(i+size, len(urls))]
		refs = append(refs, feed.SitemapRef{Loc: s.absURL("/sitemaps/" + strconv.Itoa(len(refs)+1) + ".xml"), LastMod: lastMod(part)})
	}
	b, err := feed.SitemapIndex(refs)
	if err != nil {
		return err
	}
	if !last.IsZero() {
		w.Header().Set("Last-Modified", last.UTC().Format(http.TimeFormat))
	}
	return writeXML(w, b)
}

// sitemapPart is one file of a sitemap split by a sitemap index:
// /sitemaps/N.xml holds the Nth sitemapSize URLs.
func (s *Server) sitemapPart(w http.ResponseWriter, r *http.Request) error {
	name, ok := strings.CutSuffix(r.PathValue("file"), ".xml")
	n, err := strconv.Atoi(name)
	if !ok || err != nil || n < 1 || strconv.Itoa(n) != name {
		return khabar.NotFound("err.not_found")
	}
	urls, _, err := s.sitemapURLs(r.Context())
	if err != nil {
		return err
	}
	size := s.sitemapSize()
	if len(urls) <= size || n > (len(urls)+size-1)/size {
		// A sitemap that fits one file is /sitemap.xml itself.
		return khabar.NotFound("err.not_found")
	}
	part := urls[(n-1)*size : min(n*size, len(urls))]
	return s.writeSitemap(w, part, lastMod(part))
}

func (s *Server) writeSitemap(w http.ResponseWriter, urls []feed.SitemapURL, last time.Time) error {
	b, err := feed.Sitemap(urls)
	if err != nil {
		return err
	}
	if !last.IsZero() {
		w.Header().Set("Last-Modified", last.UTC().Format(http.TimeFormat))
	}
	return writeXML(w, b)
}

// lastMod is the latest change among urls.
func lastMod(urls []feed.SitemapURL) time.Time {
	var last time.Time
	for _, u := range urls {
		last = latest(last, u.LastMod)
	}
	return last
}

// sitemapURLs lists every page of the sitemap, in a stable order (lists,
// static pages, then articles as the store gives them), and their latest
// change.
func (s *Server) sitemapURLs(ctx context.Context) ([]feed.SitemapURL, time.Time, error) {
	st, err := s.store.Settings(ctx)
	if err != nil {
		return nil, time.Time{}, err
	}
	sm := &sitemapBuilder{s: s, settings: &st}
	if err := sm.lists(ctx); err != nil {
		return nil, time.Time{}, err
	}
	pages, err := s.store.Pages(ctx)
	if err != nil {
		return nil, time.Time{}, err
	}
	for _, p := range pages {
		hrefs, last := map[string]string{}, time.Time{}
		for l, pv := range p.Versions {
			hrefs[l] = "/" + l + "/page/" + url.PathEscape(pv.Slug)
			last = latest(last, pv.UpdatedAt)
		}
		sm.add(hrefs, func(string) time.Time { return last })
	}
	err = s.store.AllPublished(ctx, func(sum khabar.Summary, tr []khabar.Translation) error {
		hrefs := map[string]string{sum.Lang: articlePath(sum.Lang, sum.StoryID, sum.Slug)}
		for _, t := range tr {
			hrefs[t.Lang] = articlePath(t.Lang, sum.StoryID, t.Slug)
		}
		u := feed.SitemapURL{Loc: s.absURL(hrefs[sum.Lang]), LastMod: sum.UpdatedAt, Alternates: sm.alternates(hrefs)}
		if sum.Image != nil {
			u.Images = []feed.SitemapImage{{Loc: s.absURL(mediaPath(sum.Image))}}
		}
		sm.urls = append(sm.urls, u)
		sm.last = latest(sm.last, sum.UpdatedAt)
		return nil
	})
	return sm.urls, sm.last, err
}

// sitemapBuilder gathers the URLs of the sitemap and its latest change.
type sitemapBuilder struct {
	s        *Server
	settings *khabar.Settings
	urls     []feed.SitemapURL
	last     time.Time
}

func (sm *sitemapBuilder) alternates(hrefs map[string]string) []feed.Alternate {
	var out []feed.Alternate
	for _, a := range hreflangs(sm.settings, hrefs) {
		out = append(out, feed.Alternate{Lang: a.Lang, Href: sm.s.absURL(a.Href)})
	}
	return out
}

// add lists a page in each language of hrefs, with its alternates and the
// last change lastmod gives for that language (zero: none known).
func (sm *sitemapBuilder) add(hrefs map[string]string, lastmod func(lang string) time.Time) {
	alts := sm.alternates(hrefs)
	for _, a := range alts {
		if a.Lang == "x-default" {
			continue
		}
		mod := lastmod(a.Lang)
		sm.urls = append(sm.urls, feed.SitemapURL{Loc: a.Href, LastMod: mod, Alternates: alts})
		sm.last = latest(sm.last, mod)
	}
}

// addList lists a list page (front, section, tag, author) in the languages
// where it has stories; the front pages in every language.
func (sm *sitemapBuilder) addList(ctx context.Context, path string, f khabar.ListFilter, everyLang bool) error {
	langs, err := sm.s.listLangs(ctx, sm.settings, f, true)
	if err != nil {
		return err
	}
	hrefs := map[string]string{}
	for _, l := range sm.settings.Languages {
		if _, ok := langs[l]; ok || everyLang {
			hrefs[l] = "/" + l + path
		}
	}
	sm.add(hrefs, func(l string) time.Time { return langs[l].LastMod })
	return nil
}

// lists adds the front pages, sections, tags and authors.
func (sm *sitemapBuilder) lists(ctx context.Context) error {
	if err := sm.addList(ctx, "/", khabar.ListFilter{}, true); err != nil {
		return err
	}
	sections, err := sm.s.store.Sections(ctx)
	if err != nil {
		return err
	}
	for _, sec := range sections {
		if err := sm.addList(ctx, "/section/"+sec.Slug, khabar.ListFilter{SectionID: sec.ID}, false); err != nil {
			return err
		}
	}
	tags, err := sm.s.store.Tags(ctx)
	if err != nil {
		return err
	}
	for _, t := range tags {
		if err := sm.addList(ctx, "/tag/"+url.PathEscape(t.Slug), khabar.ListFilter{TagID: t.ID}, false); err != nil {
			return err
		}
	}
	users, err := sm.s.store.Users(ctx)
	if err != nil {
		return err
	}
	for _, u := range users {
		if u.Disabled {
			continue
		}
		if err := sm.addList(ctx, "/author/"+url.PathEscape(u.Slug), khabar.ListFilter{AuthorID: u.ID}, false); err != nil {
			return err
		}
	}
	return nil
}

// newsSitemap lists the articles of the last two days for Google News. When
// none is that recent it lists the newest article of each language instead:
// a sitemap must list at least one URL (an empty urlset fails the sitemap
// schema), and Google News leaves older articles out by itself.
func (s *Server) newsSitemap(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	st, err := s.store.Settings(ctx)
	if err != nil {
		return err
	}
	urls, last, err := s.newsURLs(ctx, &st, khabar.ListFilter{From: time.Now().Add(-48 * time.Hour), Limit: 200})
	if err == nil && len(urls) == 0 {
		urls, last, err = s.newsURLs(ctx, &st, khabar.ListFilter{Limit: 1})
	}
	if err != nil {
		return err
	}
	b, err := feed.NewsSitemap(urls)
	if err != nil {
		return err
	}
	if !last.IsZero() {
		w.Header().Set("Last-Modified", last.UTC().Format(http.TimeFormat))
	}
	return writeXML(w, b)
}

// newsURLs lists the articles f chooses in each language of the site, and
// the latest change among them.
func (s *Server) newsURLs(ctx context.Context, st *khabar.Settings, f khabar.ListFilter) ([]feed.NewsURL, time.Time, error) {
	var urls []feed.NewsURL
	var last time.Time
	f.NoTotal = true
	for _, l := range st.Languages {
		f.Lang = l
		list, _, err := s.store.ListArticles(ctx, f)
		if err != nil {
			return nil, last, err
		}
		for _, a := range list {
			urls = append(urls, feed.NewsURL{Loc: s.absURL(articlePath(l, a.StoryID, a.Slug)),
				PublicationName: st.SiteName.Get(l, st.DefaultLang), Lang: l, Title: a.Title, Published: a.PublishedAt})
			last = latest(last, a.UpdatedAt, a.PublishedAt)
		}
	}
	return urls, last, nil
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

package web

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/feed"
	"github.com/khabarnews/khabar/markup"
)

// feedFormat is one syndication format: mime is what the feed is served
// as, linkType what pages name in their autodiscovery links.
type feedFormat struct {
	name, file, mime, linkType string
	write                      func(feed.Feed) ([]byte, error)
}

// feedFormats are offered for each language, section and tag.
var feedFormats = []feedFormat{
	{"RSS", "rss.xml", feed.RSSType, feed.RSSLinkType, feed.RSS},
	{"Atom", "atom.xml", feed.AtomType, feed.AtomLinkType, feed.Atom},
	{"JSON Feed", "feed.json", feed.JSONType, feed.JSONLinkType, feed.JSON},
}

const feedItems = 20

// feed serves the newest articles of a language, or of one of its sections
// or tags (scope "section" or "tag"), in format f.
func (s *Server) feed(f feedFormat, scope string) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		ctx := r.Context()
		st, err := s.siteFor(ctx, r.PathValue("lang"))
		if err != nil {
			return err
		}
		tag := st.Lang.Tag
		v := &view{site: st, cat: s.cat, server: s}
		filter := khabar.ListFilter{Lang: tag, Limit: feedItems, NoTotal: true}
		title, page := v.SiteName(), "/"+tag+"/"
		switch scope {
		case "section":
			sec, err := s.store.SectionBySlug(ctx, r.PathValue("slug"))
			if err != nil {
				return err
			}
			filter.SectionID = sec.ID
			title = v.T("feed.title", "site", v.SiteName(), "section", v.Name(sec.Names))
			page = "/" + tag + "/section/" + sec.Slug
		case "tag":
			t, err := s.store.TagBySlug(ctx, r.PathValue("slug"))
			if err != nil {
				return err
			}
			filter.TagID = t.ID
			title = v.T("feed.title", "site", v.SiteName(), "section", v.Name(t.Names))
			page = "/" + tag + "/tag/" + url.PathEscape(t.Slug)
		}
		list, _, err := s.store.ListArticles(ctx, filter)
		if err != nil {
			return err
		}
		fd := feed.Feed{
			Title: title, Description: v.TaglineText(), Lang: tag, Dir: string(st.Lang.Dir),
			SiteURL: s.absURL(page), FeedURL: s.absURL(r.URL.Path),
		}
		if fd.Description == "" {
			fd.Description = title
		}
		for _, sum := range list {
			a, err := s.store.Article(ctx, sum.StoryID, tag)
			if err != nil {
				return err
			}
			fd.Items = append(fd.Items, s.feedItem(v, a))
			if a.UpdatedAt.After(fd.Updated) {
				fd.Updated = a.UpdatedAt
			}
		}
		if fd.Updated.IsZero() {
			if fd.Updated, err = s.lastChange(ctx, tag); err != nil {
				return err
			}
		}
		b, err := f.write(fd)
		if err != nil {
			return fmt.Errorf("writing %s feed: %w", f.name, err)
		}
		w.Header().Set("Content-Type", f.mime)
		w.Header().Set("Last-Modified", fd.Updated.UTC().Format(http.TimeFormat))
		w.Header().Set("Cache-Control", publicCacheControl)
		_, err = w.Write(b)
		return err
	}
}

// lastChange is when an empty feed last changed: when the newest story of
// its language was, or, on a site with none yet, when this server started.
// Never the Unix epoch, which readers show as "1970".
func (s *Server) lastChange(ctx context.Context, tag string) (time.Time, error) {
	list, _, err := s.store.ListArticles(ctx, khabar.ListFilter{Lang: tag, Limit: 1, NoTotal: true})
	if err != nil {
		return time.Time{}, err
	}
	if len(list) == 0 {
		return s.started, nil
	}
	return list[0].UpdatedAt, nil
}

// feedItemID is the id of a version in every feed: its address without the
// slug, which leads to the article as well and never changes, while the
// slug may.
func (s *Server) feedItemID(tag string, storyID int64) string {
	return s.absURL("/" + tag + "/news/" + strconv.FormatInt(storyID, 10))
}

func (s *Server) feedItem(v *view, a *khabar.Article) feed.Item {
	tag := v.Lang.Tag
	u := s.absURL(articlePath(tag, a.StoryID, a.Slug))
	it := feed.Item{
		ID:          s.feedItemID(tag, a.StoryID),
		URL:         u,
		Title:       a.Title,
		Summary:     a.Summary,
		ContentHTML: absoluteLinks(a.Body, u) + s.sourceLine(v, a.Source),
		Published:   a.PublishedAt,
		Updated:     a.UpdatedAt,
	}
	it.ContentHTML = noticesHTML(v, a) + it.ContentHTML
	for _, au := range a.Authors {
		it.Authors = append(it.Authors, v.Name(au.Names))
	}
	if a.Section != nil {
		it.Categories = append(it.Categories, v.Name(a.Section.Names))
	}
	for _, t := range a.Tags {
		it.Categories = append(it.Categories, v.Name(t.Names))
	}
	if m := a.Image; m != nil {
		it.Image = &feed.Image{URL: s.absURL(mediaPath(m)), MIME: m.MIME, Length: m.Size, Width: m.Width, Height: m.Height,
			Alt: m.Alt.Get(tag, v.DefaultLang), Credit: m.Credit.Get(tag, v.DefaultLang)}
	}
	if src := a.Source; src != nil {
		it.SourceName, it.SourceURL = v.Name(src.Names), src.URL
	}
	return it
}

// sourceLine is the "Source: TASS" line the article page shows, for the end
// of a feed item's content: feed readers show the content, and a wire story
// is republished only with its credit.
func (s *Server) sourceLine(v *view, src *khabar.Source) string {
	if src == nil {
		return ""
	}
	credit := html.EscapeString(v.T("article.source", "name", v.Name(src.Names)))
	if src.URL != "" {
		credit = `<a href="` + html.EscapeString(src.URL) + `">` + credit + `</a>`
	}
	return `<p class="source">` + credit + `</p>`
}

// absoluteLinks makes the relative links of a body absolute, resolved
// against the address of the article's page (pageURL), where they are
// written to be read: a feed reader does not know the site's address.
func absoluteLinks(body, pageURL string) string {
	base, err := url.Parse(pageURL)
	if err != nil {
		return body
	}
	return markup.AbsoluteURLs(body, base)
}

package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/feed"
)

// feedFormat is one syndication format.
type feedFormat struct {
	name, file, mime string
	write            func(feed.Feed) ([]byte, error)
}

// feedFormats are offered for each language, section and tag.
var feedFormats = []feedFormat{
	{"RSS", "rss.xml", feed.RSSType, feed.RSS},
	{"Atom", "atom.xml", feed.AtomType, feed.Atom},
	{"JSON Feed", "feed.json", feed.JSONType, feed.JSON},
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
			fd.Updated = time.Unix(0, 0)
		}
		b, err := f.write(fd)
		if err != nil {
			return fmt.Errorf("writing %s feed: %w", f.name, err)
		}
		w.Header().Set("Content-Type", f.mime)
		w.Header().Set("Cache-Control", publicCacheControl)
		_, err = w.Write(b)
		return err
	}
}

func (s *Server) feedItem(v *view, a *khabar.Article) feed.Item {
	tag := v.Lang.Tag
	u := s.absURL(articlePath(tag, a.StoryID, a.Slug))
	it := feed.Item{
		ID:          u,
		URL:         u,
		Title:       a.Title,
		Summary:     a.Summary,
		ContentHTML: s.absoluteLinks(a.Body),
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

// absoluteLinks makes the site-relative links of a body absolute, since a
// feed reader does not know the site's address.
func (s *Server) absoluteLinks(body string) string {
	r := strings.NewReplacer(`href="/`, `href="`+s.cfg.BaseURL+`/`, `src="/`, `src="`+s.cfg.BaseURL+`/`)
	return r.Replace(body)
}

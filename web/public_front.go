package web

import (
	"net/http"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/lang"
)

// chooseLanguage sends "/" to the front page in the reader's language.
func (s *Server) chooseLanguage(w http.ResponseWriter, r *http.Request) error {
	st, err := s.store.Settings(r.Context())
	if err != nil {
		return err
	}
	tag := lang.Match(r.Header.Get("Accept-Language"), st.Languages, st.DefaultLang)
	w.Header().Set("Vary", "Accept-Language")
	w.Header().Set("Cache-Control", "private, max-age=0")
	http.Redirect(w, r, "/"+tag+"/", http.StatusFound)
	return nil
}

// frontData is the front page: the lead story, the latest news and a block
// of the newest stories of each section.
type frontData struct {
	Lead   *khabar.Summary
	Latest []khabar.Summary
	Blocks []sectionBlock
}

type sectionBlock struct {
	Section khabar.Section
	Href    string
	Items   []khabar.Summary
}

const (
	frontLatest     = 8
	frontBlockItems = 4
)

func (s *Server) front(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	st, err := s.siteFor(ctx, r.PathValue("lang"))
	if err != nil {
		return err
	}
	tag := st.Lang.Tag
	v, err := s.newView(r, st, "/"+tag+"/")
	if err != nil {
		return err
	}
	var d frontData
	d.Lead, err = s.store.LatestFeatured(ctx, tag)
	if err != nil && !khabar.IsNotFound(err) {
		return err
	}
	var exclude []int64
	if d.Lead != nil {
		exclude = append(exclude, d.Lead.StoryID)
	}
	d.Latest, _, err = s.store.ListArticles(ctx, khabar.ListFilter{Lang: tag, Exclude: exclude, Limit: frontLatest, NoTotal: true})
	if err != nil {
		return err
	}
	if d.Lead == nil && len(d.Latest) > 0 {
		d.Lead, d.Latest = &d.Latest[0], d.Latest[1:]
		exclude = append(exclude, d.Lead.StoryID)
	}
	sections, err := s.store.Sections(ctx)
	if err != nil {
		return err
	}
	for _, sec := range sections {
		items, _, err := s.store.ListArticles(ctx, khabar.ListFilter{Lang: tag, SectionID: sec.ID, Exclude: exclude, Limit: frontBlockItems, NoTotal: true})
		if err != nil {
			return err
		}
		if len(items) > 0 {
			d.Blocks = append(d.Blocks, sectionBlock{Section: sec, Href: "/" + tag + "/section/" + sec.Slug, Items: items})
		}
	}
	v.Data = d
	v.Title = v.SiteName()
	if v.Description = v.TaglineText(); v.Description == "" {
		v.Description = v.T("meta.front", "site", v.SiteName())
	}
	v.Meta = append(v.Meta, s.openGraph(v, "website", v.SiteName(), v.Description, nil)...)
	v.JSONLD, err = jsonLD(map[string]any{
		"@context":   "https://schema.org",
		"@type":      "WebSite",
		"name":       v.SiteName(),
		"url":        v.Canonical,
		"inLanguage": tag,
		"publisher":  s.organization(v),
	})
	if err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "front", v)
}

// organization is the publisher in structured data.
func (s *Server) organization(v *view) map[string]any {
	logo, _ := s.assets.url("logo.png")
	size := s.assets.sizes["logo.png"]
	return map[string]any{
		"@type": "NewsMediaOrganization",
		"name":  v.SiteName(),
		"url":   s.absURL("/" + v.Lang.Tag + "/"),
		"logo":  map[string]any{"@type": "ImageObject", "url": s.absURL(logo), "width": size.X, "height": size.Y},
	}
}

// siteImage is the picture of share cards for pages without one of their
// own: the embedded default (drawn by scripts/social-image.sh).
func (s *Server) siteImage() mediaImage {
	u, _ := s.assets.url("social.png")
	size := s.assets.sizes["social.png"]
	return mediaImage{URL: u, Width: size.X, Height: size.Y}
}

// openGraph returns the OpenGraph and Twitter card tags of a page.
func (s *Server) openGraph(v *view, kind, title, description string, image *khabar.Media) []metaTag {
	tags := []metaTag{
		{Property: "og:type", Content: kind},
		{Property: "og:site_name", Content: v.SiteName()},
		{Property: "og:title", Content: title},
		{Property: "og:url", Content: v.Canonical},
		{Property: "og:locale", Content: ogLocale(v.Lang.Tag)},
	}
	for _, a := range v.Alternates {
		if a.Lang != v.Lang.Tag && a.Lang != "x-default" {
			tags = append(tags, metaTag{Property: "og:locale:alternate", Content: ogLocale(a.Lang)})
		}
	}
	if description != "" {
		tags = append(tags, metaTag{Property: "og:description", Content: description}, metaTag{Name: "description", Content: description})
	}
	// Every page has a picture for its share card: its own, or the site's.
	img, alt := s.siteImage(), v.SiteName()
	if image != nil {
		img, alt = socialImage(image), image.Alt.Get(v.Lang.Tag, v.DefaultLang)
	}
	tags = append(tags,
		metaTag{Property: "og:image", Content: s.absURL(img.URL)},
		metaTag{Property: "og:image:width", Content: itoa(img.Width)},
		metaTag{Property: "og:image:height", Content: itoa(img.Height)},
		metaTag{Property: "og:image:alt", Content: alt},
		metaTag{Name: "twitter:card", Content: "summary_large_image"},
		metaTag{Name: "twitter:title", Content: title},
	)
	if description != "" {
		tags = append(tags, metaTag{Name: "twitter:description", Content: description})
	}
	return append(tags,
		metaTag{Name: "twitter:image", Content: s.absURL(img.URL)},
		metaTag{Name: "twitter:image:alt", Content: alt},
	)
}

func ogLocale(tag string) string {
	switch tag {
	case "ar":
		return "ar_AR"
	case "ru":
		return "ru_RU"
	case "en":
		return "en_US"
	}
	return tag
}

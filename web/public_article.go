package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/lang"
	"github.com/khabarnews/khabar/markup"
)

type articleData struct {
	A       *khabar.Article
	Preview *articlePreview // nil on the public site
	Body    any             // template.HTML: stored bodies are sanitised on save
	Related []khabar.Summary
	Prev    *khabar.Summary
	Next    *khabar.Summary
	Minutes int
}

// parseRef splits "123-some-slug" into the story id and the slug.
func parseRef(ref string) (int64, string, bool) {
	num, slug, _ := strings.Cut(ref, "-")
	id, err := strconv.ParseInt(num, 10, 64)
	if err != nil || id <= 0 || strconv.FormatInt(id, 10) != num {
		return 0, "", false
	}
	return id, slug, true
}

func (s *Server) article(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	st, err := s.siteFor(ctx, r.PathValue("lang"))
	if err != nil {
		return err
	}
	tag := st.Lang.Tag
	id, slug, ok := parseRef(r.PathValue("ref"))
	if !ok {
		return khabar.NotFound("err.not_found")
	}
	a, err := s.store.Article(ctx, id, tag)
	if khabar.IsNotFound(err) {
		return s.missingTranslation(w, r, st, id, err)
	}
	if err != nil {
		return err
	}
	path := articlePath(tag, a.StoryID, a.Slug)
	if slug != a.Slug {
		// The slug changed (or was left out): the id keeps old links alive.
		http.Redirect(w, r, path, http.StatusMovedPermanently)
		return nil
	}
	v, err := s.articleView(r, st, a, nil)
	if err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "article", v)
}

// missingTranslation answers a story that is not published in the page's
// language: a 404 that links the languages it is published in, or, when it
// is published in none, the plain 404 of notFound.
func (s *Server) missingTranslation(w http.ResponseWriter, r *http.Request, st *site, id int64, notFound error) error {
	var d errorData
	for _, l := range st.Languages {
		if l == st.Lang.Tag {
			continue
		}
		a, err := s.store.Article(r.Context(), id, l)
		if khabar.IsNotFound(err) {
			continue
		}
		if err != nil {
			return err
		}
		ll, ok := lang.Lookup(l)
		if !ok {
			ll = lang.Language{Tag: l, Name: l, Dir: lang.LTR}
		}
		d.Others = append(d.Others, otherVersion{Lang: ll, Title: a.Title, Href: articlePath(l, id, a.Slug)})
	}
	if len(d.Others) == 0 {
		return notFound
	}
	d.Status = http.StatusNotFound
	s.renderErrorPage(w, r, d)
	return nil
}

// articleView builds the page of an article: the public page of a published
// version, or, with a non-nil preview, the newsroom's preview of a version
// in any status, which readers would see exactly like this once published.
func (s *Server) articleView(r *http.Request, st *site, a *khabar.Article, preview *articlePreview) (*view, error) {
	ctx := r.Context()
	tag := st.Lang.Tag
	path := articlePath(tag, a.StoryID, a.Slug)
	v, err := s.newView(r, st, path)
	if err != nil {
		return nil, err
	}
	hrefs := map[string]string{tag: path}
	for _, t := range a.Translations {
		hrefs[t.Lang] = articlePath(t.Lang, a.StoryID, t.Slug)
	}
	v.setTranslations(hrefs)
	v.markSection(a.Section)

	d := articleData{A: a, Preview: preview, Minutes: max(1, (markup.WordCount(a.Body)+199)/200)}
	body := a.Body
	if st.Lang.Dir == lang.RTL {
		body = markup.Isolate(body)
	}
	d.Body = trustedHTML(body)
	if d.Related, err = s.store.Related(ctx, a.StoryID, tag, 4); err != nil {
		return nil, err
	}
	if d.Prev, d.Next, err = s.store.Adjacent(ctx, a.StoryID, tag); err != nil {
		// An unpublished version has no place in the sequence yet: its
		// preview shows no previous and next story.
		if preview == nil || !khabar.IsNotFound(err) {
			return nil, err
		}
	}
	v.Data = d
	v.Title = a.Title
	v.Description = a.Summary
	if v.Description == "" {
		v.Description = markup.Excerpt(a.Body, 200)
	}
	v.Meta = append(v.Meta, s.openGraph(v, "article", a.Title, v.Description, a.Image)...)
	v.Meta = append(v.Meta, metaTag{Property: "article:published_time", Content: a.PublishedAt.UTC().Format("2006-01-02T15:04:05Z")},
		metaTag{Property: "article:modified_time", Content: a.UpdatedAt.UTC().Format("2006-01-02T15:04:05Z")})
	if a.Section != nil {
		v.Meta = append(v.Meta, metaTag{Property: "article:section", Content: v.Name(a.Section.Names)})
	}
	for _, t := range a.Tags {
		v.Meta = append(v.Meta, metaTag{Property: "article:tag", Content: v.Name(t.Names)})
	}
	if v.JSONLD, err = jsonLD(s.newsArticle(v, a)); err != nil {
		return nil, err
	}
	return v, nil
}

// articleImages is the lead image in structured data: the 16:9, 4:3 and 1:1
// crops search engines ask for, each with the caption and credit; the
// original for media whose crops are not made yet.
func (s *Server) articleImages(v *view, m *khabar.Media) []map[string]any {
	tag := v.Lang.Tag
	object := func(url string, w, h int) map[string]any {
		img := map[string]any{
			"@type":      "ImageObject",
			"url":        s.absURL(url),
			"width":      w,
			"height":     h,
			"caption":    m.Caption.Get(tag, v.DefaultLang),
			"creditText": m.Credit.Get(tag, v.DefaultLang),
		}
		if credit := m.Credit.Get(tag, v.DefaultLang); credit != "" {
			img["copyrightHolder"] = map[string]any{"@type": "Organization", "name": credit}
		}
		return img
	}
	var out []map[string]any
	for _, name := range []string{khabar.VariantWide, khabar.VariantFour3, khabar.VariantSquare} {
		if vr, ok := m.Variant(name); ok {
			out = append(out, object(keyPath(vr.Key), vr.Width, vr.Height))
		}
	}
	if len(out) == 0 {
		out = append(out, object(mediaPath(m), m.Width, m.Height))
	}
	return out
}

// newsArticle is the schema.org NewsArticle of an article page, naming its
// source and the credit of its image.
func (s *Server) newsArticle(v *view, a *khabar.Article) map[string]any {
	tag := v.Lang.Tag
	ld := map[string]any{
		"@context":         "https://schema.org",
		"@type":            "NewsArticle",
		"headline":         a.Title,
		"description":      v.Description,
		"inLanguage":       tag,
		"url":              v.Canonical,
		"mainEntityOfPage": map[string]any{"@type": "WebPage", "@id": v.Canonical},
		"datePublished":    a.PublishedAt.UTC().Format("2006-01-02T15:04:05Z"),
		"dateModified":     a.UpdatedAt.UTC().Format("2006-01-02T15:04:05Z"),
		"publisher":        s.organization(v),
		"wordCount":        markup.WordCount(a.Body),
	}
	if a.Section != nil {
		ld["articleSection"] = v.Name(a.Section.Names)
	}
	var authors []map[string]any
	for _, u := range a.Authors {
		authors = append(authors, map[string]any{"@type": "Person", "name": v.Name(u.Names), "url": s.absURL("/" + tag + "/author/" + u.Slug)})
	}
	if len(authors) > 0 {
		ld["author"] = authors
	}
	var keywords []string
	for _, t := range a.Tags {
		keywords = append(keywords, v.Name(t.Names))
	}
	if len(keywords) > 0 {
		ld["keywords"] = keywords
	}
	if m := a.Image; m != nil {
		ld["image"] = s.articleImages(v, m)
	}
	if src := a.Source; src != nil {
		org := map[string]any{"@type": "NewsMediaOrganization", "name": v.Name(src.Names)}
		if src.URL != "" {
			org["url"] = src.URL
			ld["isBasedOn"] = src.URL
		}
		ld["sourceOrganization"] = org
	}
	var translations []map[string]any
	for _, t := range a.Translations {
		translations = append(translations, map[string]any{"@type": "NewsArticle", "inLanguage": t.Lang,
			"headline": t.Title, "url": s.absURL(articlePath(t.Lang, a.StoryID, t.Slug))})
	}
	if len(translations) > 0 {
		ld["workTranslation"] = translations
	}
	return ld
}

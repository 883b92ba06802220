package web

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/i18n"
	"github.com/khabarnews/khabar/lang"
)

// templates holds one parsed template set per page kind, each with the
// shared layout; parsed once at start-up so that a broken template stops
// Khabar from starting instead of failing a reader.
type templates struct{ pages map[string]*template.Template }

var pageKinds = []string{"front", "article", "list", "archive", "page", "search", "error", "withdrawn", "newsletter"}

func parseTemplates(a *assets) (*templates, error) {
	funcs := template.FuncMap{
		"asset": a.url,
		"iso":   func(t time.Time) string { return t.UTC().Format(time.RFC3339) },
		"add":   func(a, b int) int { return a + b },
	}
	base, err := template.New("base").Funcs(funcs).ParseFS(embedded, "templates/layout.html", "templates/partials.html")
	if err != nil {
		return nil, fmt.Errorf("parsing layout: %w", err)
	}
	t := &templates{pages: map[string]*template.Template{}}
	for _, kind := range pageKinds {
		c, err := base.Clone()
		if err != nil {
			return nil, err
		}
		if _, err := c.ParseFS(embedded, "templates/"+kind+".html"); err != nil {
			return nil, fmt.Errorf("parsing %s template: %w", kind, err)
		}
		t.pages[kind] = c
	}
	return t, nil
}

// view is what every page template receives: the site, the page language,
// the head metadata and the page's own data in Data.
type view struct {
	*site
	cat         *i18n.Catalog
	server      *Server
	Title       string // <title>, without the site name
	Description string
	Path        string // this page's path, for canonical and switcher
	Canonical   string
	Alternates  []alternate
	Feeds       []feedLink
	Meta        []metaTag
	JSONLD      template.JS
	Nav         []navLink
	Switcher    []switchLink
	FooterPages []navLink
	Sections    map[int64]khabar.Section
	Data        any
	// NoSiteSearch leaves the search form out of the header, on the search
	// page, which has its own: one search landmark per page.
	NoSiteSearch bool
}

type alternate struct{ Lang, Href string }
type feedLink struct{ Type, Title, Href string }
type metaTag struct{ Property, Name, Content string }
type navLink struct {
	Name, Href string
	Current    bool
}

// switchLink is one language in the switcher: the same page in that
// language, or, where there is no translation, that language's front page.
type switchLink struct {
	Lang    lang.Language
	Href    string
	Missing bool
	Current bool
}

// newView prepares the parts of a page that every page has.
func (s *Server) newView(r *http.Request, st *site, path string) (*view, error) {
	v := &view{site: st, cat: s.cat, server: s, Path: path, Canonical: s.absURL(path), Sections: map[int64]khabar.Section{}}
	sections, err := s.store.Sections(r.Context())
	if err != nil {
		return nil, err
	}
	for _, sec := range sections {
		v.Sections[sec.ID] = sec
		href := "/" + st.Lang.Tag + "/section/" + sec.Slug
		v.Nav = append(v.Nav, navLink{Name: sec.Names.Get(st.Lang.Tag, st.DefaultLang), Href: href, Current: path == href})
	}
	pages, err := s.store.Pages(r.Context())
	if err != nil {
		return nil, err
	}
	for _, p := range pages {
		if pv := p.Versions[st.Lang.Tag]; pv != nil {
			v.FooterPages = append(v.FooterPages, navLink{Name: pv.Title, Href: "/" + st.Lang.Tag + "/page/" + url.PathEscape(pv.Slug)})
		}
	}
	for _, f := range feedFormats {
		v.Feeds = append(v.Feeds, feedLink{f.linkType, v.SiteName() + " — " + f.name, "/" + st.Lang.Tag + "/" + f.file})
	}
	// By default every language has this page (front, section, tag …);
	// article and static pages replace this with their real translations.
	hrefs := map[string]string{}
	for _, l := range st.Languages {
		hrefs[l] = "/" + l + strings.TrimPrefix(path, "/"+st.Lang.Tag)
	}
	v.setTranslations(hrefs)
	return v, nil
}

// setTranslations fills the switcher and the hreflang alternates from the
// pages that exist in each language (language → path); languages without
// one get their front page, marked as missing.
func (v *view) setTranslations(hrefs map[string]string) {
	v.Switcher, v.Alternates = nil, nil
	abs := map[string]string{}
	for tag, href := range hrefs {
		abs[tag] = v.server.absURL(href)
	}
	v.Alternates = hreflangs(&v.Settings, abs)
	for _, tag := range v.Languages {
		l, ok := lang.Lookup(tag)
		if !ok {
			l = lang.Language{Tag: tag, Name: tag, Short: tag, Dir: lang.LTR}
		}
		href, ok := hrefs[tag]
		if tag == v.Lang.Tag {
			continue
		}
		if !ok {
			href = "/" + tag + "/"
		}
		v.Switcher = append(v.Switcher, switchLink{Lang: l, Href: href, Missing: !ok})
	}
}

// markSection marks a section's menu item as current, for the pages of
// its stories.
func (v *view) markSection(sec *khabar.Section) {
	if sec == nil {
		return
	}
	for i := range v.Nav {
		v.Nav[i].Current = v.Nav[i].Href == "/"+v.Lang.Tag+"/section/"+sec.Slug
	}
}

// SiteName is the site's name in the page language.
func (v *view) SiteName() string { return v.Settings.SiteName.Get(v.Lang.Tag, v.DefaultLang) }

// TaglineText is the site's tagline in the page language.
func (v *view) TaglineText() string { return v.Tagline.Get(v.Lang.Tag, "") }

// T translates a UI string into the page language.
func (v *view) T(key string, args ...string) string { return v.cat.T(v.Lang.Tag, key, args...) }

// N translates a counted UI string ("5 статей", "١١ مقالة").
func (v *view) N(key string, n int) string {
	return v.cat.N(v.Lang.Tag, key, n, lang.FormatInt(n, v.Lang.Tag, lang.Digits(v.ArabicDigits)))
}

// TIn translates a UI string into another language (the switcher speaks
// each language in its own words).
func (v *view) TIn(tag, key string, args ...string) string { return v.cat.T(tag, key, args...) }

func (v *view) dateOptions() lang.DateOptions {
	return lang.DateOptions{Digits: lang.Digits(v.ArabicDigits), Months: lang.MonthNaming(v.ArabicMonths), Hijri: v.ShowsHijri(v.Lang.Tag), Location: v.loc}
}

// Date formats a date the way the page language writes it.
func (v *view) Date(t time.Time) string { return lang.FormatDate(t, v.Lang.Tag, v.dateOptions()) }

// Time formats a time of day.
func (v *view) Time(t time.Time) string { return lang.FormatTime(t, v.Lang.Tag, v.dateOptions()) }

// HijriDate formats the Umm al-Qura date, or "" when the site does not show it.
func (v *view) HijriDate(t time.Time) string {
	if !v.ShowsHijri(v.Lang.Tag) {
		return ""
	}
	return lang.FormatHijri(t, v.Lang.Tag, v.dateOptions())
}

// Num formats a number with the page's digits.
func (v *view) Num(n int) string { return lang.FormatInt(n, v.Lang.Tag, lang.Digits(v.ArabicDigits)) }

// Name picks a per-language text in the page language (or a fallback).
func (v *view) Name(t khabar.Text) string { return t.Get(v.Lang.Tag, v.DefaultLang) }

// NameLang is the language Name's text is really in, for a lang attribute.
func (v *view) NameLang(t khabar.Text) string {
	if t.Has(v.Lang.Tag) {
		return v.Lang.Tag
	}
	if t.Has(v.DefaultLang) {
		return v.DefaultLang
	}
	for tag, s := range t {
		if s != "" {
			return tag
		}
	}
	return v.Lang.Tag
}

// DayURL links a date to its archive page.
func (v *view) DayURL(t time.Time) string {
	t = t.In(v.loc)
	return fmt.Sprintf("/%s/archive/%04d/%02d/%02d/", v.Lang.Tag, t.Year(), int(t.Month()), t.Day())
}

// SectionOf returns the section of a list item, if it has one.
func (v *view) SectionOf(id int64) *khabar.Section {
	if s, ok := v.Sections[id]; ok {
		return &s
	}
	return nil
}

// card is what the article-card partial needs. H2 makes its title an h2,
// for cards right under the page's h1 (a list page); under a block's h2
// (the front page, related stories) it is an h3.
type card struct {
	V  *view
	S  khabar.Summary
	H2 bool
}

// Card pairs a list item with the view for the card partial.
func (v *view) Card(s khabar.Summary) card { return card{V: v, S: s} }

// ListCard is Card for a list page, whose cards come under the h1.
func (v *view) ListCard(s khabar.Summary) card { return card{V: v, S: s, H2: true} }

// articlePath is the permanent address of a version: the story id keeps
// it working when the slug changes.
func articlePath(lang string, storyID int64, slug string) string {
	return "/" + lang + "/news/" + strconv.FormatInt(storyID, 10) + "-" + url.PathEscape(slug)
}

// ArticleURL is the path of a list item.
func (v *view) ArticleURL(s khabar.Summary) string { return articlePath(s.Lang, s.StoryID, s.Slug) }

// MediaURL is the path of a media file.
func (v *view) MediaURL(m *khabar.Media) string {
	if m == nil {
		return ""
	}
	return mediaPath(m)
}

func mediaPath(m *khabar.Media) string { return keyPath(m.Key) }

// render executes a page template into a buffer first, so that a template
// error becomes a clean error page instead of half a page.
// publicCacheControl is for public pages, feeds, sitemaps and the Content
// API: a browser or a CDN may keep a copy but asks before each use
// (If-None-Match, answered 304 from memory), so no reader is shown a page
// older than the last change; if Khabar cannot be reached, a CDN may go on
// serving its copy for a day.
const publicCacheControl = "public, no-cache, stale-if-error=86400"

func (s *Server) render(w http.ResponseWriter, status int, kind string, v *view) error {
	t, ok := s.tmpl.pages[kind]
	if !ok {
		return fmt.Errorf("no template %q", kind)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", v); err != nil {
		return fmt.Errorf("rendering %s: %w", kind, err)
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Language", v.Lang.Tag)
	if cacheableStatus(status) {
		h.Set("Cache-Control", publicCacheControl)
	} else {
		h.Set("Cache-Control", "no-store")
	}
	w.WriteHeader(status)
	_, err := w.Write(buf.Bytes())
	return err
}

// jsonLD encodes structured data for a <script type="application/ld+json">;
// encoding/json escapes <, > and & so the data cannot close the element.
func jsonLD(v any) (template.JS, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return "", err
	}
	return template.JS(b), nil
}

// renderError writes an error page in the language of the path (or the
// reader's preferred language), falling back to plain text if even that fails.
func (s *Server) renderError(w http.ResponseWriter, r *http.Request, status int) {
	s.renderErrorPage(w, r, errorData{Status: status})
}

// errorData is what the error page shows: the status, and for a story not
// written in the page's language, the languages it can be read in.
type errorData struct {
	Status int
	Others []otherVersion
}

// otherVersion is a language version of a story, for the 404 of a missing
// translation.
type otherVersion struct {
	Lang  lang.Language
	Title string
	Href  string
}

// renderErrorPage writes an error page; see renderError.
func (s *Server) renderErrorPage(w http.ResponseWriter, r *http.Request, d errorData) {
	status := d.Status
	st, err := s.store.Settings(r.Context())
	if err != nil {
		http.Error(w, http.StatusText(status), status)
		return
	}
	tag := strings.SplitN(strings.TrimPrefix(r.URL.Path, "/"), "/", 2)[0]
	if !st.HasLang(tag) {
		tag = lang.Match(r.Header.Get("Accept-Language"), st.Languages, st.DefaultLang)
	}
	site, err := s.siteFor(r.Context(), tag)
	if err != nil {
		http.Error(w, http.StatusText(status), status)
		return
	}
	v, err := s.newView(r, site, "/"+tag+"/")
	if err != nil {
		http.Error(w, http.StatusText(status), status)
		return
	}
	// No menu item is the current page: the reader is on none of them.
	v.Canonical, v.Alternates, v.Path = "", nil, ""
	v.Data = d
	if len(d.Others) > 0 {
		v.Title = v.T("notfound.translation.title")
	} else if status == http.StatusNotFound {
		v.Title = v.T("notfound.title")
	} else {
		v.Title = v.T("error.title")
	}
	v.Meta = append(v.Meta, metaTag{Name: "robots", Content: "noindex"})
	if err := s.render(w, status, "error", v); err != nil {
		s.log.Error("rendering error page", "err", err)
		http.Error(w, http.StatusText(status), status)
	}
}

var _ fs.FS = embedded

// Now is the current time, for the header's date and the footer's year.
func (v *view) Now() time.Time { return time.Now() }

// pagerView is what the pager partial needs.
type pagerView struct {
	V     *view
	Pager pager
}

// Pg pairs a pager with the view for the pager partial.
func (v *view) Pg(p pager) pagerView { return pagerView{V: v, Pager: p} }

// YearName writes a year without grouping, in the page's digits.
func (v *view) YearName(y int) string { return yearName(y, v) }

// When is a list item's time of publication: the time of day for today's
// news, the date for older news.
func (v *view) When(t time.Time) string {
	now := time.Now().In(v.loc)
	if lt := t.In(v.loc); lt.Year() == now.Year() && lt.YearDay() == now.YearDay() {
		return v.Time(t)
	}
	return v.Date(t)
}

package web

import (
	"context"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/markup"
)

const listPageSize = 15

// listData is a paginated list of articles under a heading.
type listData struct {
	Heading  string
	HeadLang string // language of the heading text, when it fell back
	Intro    string // a label above the heading ("Tag")
	Bio      string // an author's biography, under the heading
	Items    []khabar.Summary
	Total    int
	Pager    pager
	Empty    string
	// SameSection: every item is of one section, so cards need no kicker.
	SameSection bool
}

// pager links the pages of a list; page 1 has no ?page= so that each page
// has one address.
type pager struct {
	Page, Pages int
	Prev, Next  string
}

func newPager(path string, page, total int) pager {
	p := pager{Page: page, Pages: max(1, (total+listPageSize-1)/listPageSize)}
	link := func(n int) string {
		if n == 1 {
			return path
		}
		return path + "?page=" + strconv.Itoa(n)
	}
	if page > 1 {
		p.Prev = link(page - 1)
	}
	if page < p.Pages {
		p.Next = link(page + 1)
	}
	return p
}

// listPage renders one page of the articles that f selects.
func (s *Server) listPage(w http.ResponseWriter, r *http.Request, v *view, f khabar.ListFilter, d listData) error {
	page, err := pageParam(r)
	if err != nil {
		return err
	}
	f.Lang, f.Limit, f.Offset = v.Lang.Tag, listPageSize, (page-1)*listPageSize
	if d.Items, d.Total, err = s.store.ListArticles(r.Context(), f); err != nil {
		return err
	}
	if page > 1 && len(d.Items) == 0 {
		return khabar.NotFound("err.page_number.not_found")
	}
	d.Pager = newPager(v.Path, page, d.Total)
	if err := s.listTranslations(r.Context(), v, f, page, d.Total); err != nil {
		return err
	}
	if page > 1 {
		v.Canonical += "?page=" + strconv.Itoa(page)
		v.Title = d.Heading + " — " + v.T("pager.page", "n", v.Num(page), "total", v.Num(d.Pager.Pages))
	} else {
		v.Title = d.Heading
	}
	if d.Empty == "" {
		d.Empty = v.T("list.empty")
	}
	v.Data = d
	v.Meta = append(v.Meta, s.openGraph(v, "website", d.Heading, v.Description, nil)...)
	if d.Total == 0 {
		v.Meta = append(v.Meta, metaTag{Name: "robots", Content: "noindex"})
	}
	return s.render(w, http.StatusOK, "list", v)
}

// listTranslations links a list page to the same list in the languages
// where it has stories. An empty list is noindex and names no alternates;
// a later page names none either, since page 3 in one language is not page
// 3 in another.
func (s *Server) listTranslations(ctx context.Context, v *view, f khabar.ListFilter, page, total int) error {
	langs, err := s.listLangs(ctx, &v.Settings, f, false)
	if err != nil {
		return err
	}
	hrefs := map[string]string{}
	for l := range langs {
		hrefs[l] = "/" + l + strings.TrimPrefix(v.Path, "/"+v.Lang.Tag)
	}
	v.setTranslations(hrefs)
	if page > 1 || total == 0 {
		v.Alternates = nil
	}
	return nil
}

// addFeeds advertises the feeds of a section or tag in the page head.
func (v *view) addFeeds(prefix, name string) {
	for _, f := range feedFormats {
		v.Feeds = append(v.Feeds, feedLink{Type: f.linkType, Title: v.SiteName() + " — " + name + " (" + f.name + ")", Href: prefix + "/" + f.file})
	}
}

func (s *Server) sectionPage(w http.ResponseWriter, r *http.Request) error {
	st, err := s.siteFor(r.Context(), r.PathValue("lang"))
	if err != nil {
		return err
	}
	sec, err := s.store.SectionBySlug(r.Context(), r.PathValue("slug"))
	if err != nil {
		return err
	}
	v, err := s.newView(r, st, "/"+st.Lang.Tag+"/section/"+sec.Slug)
	if err != nil {
		return err
	}
	name := v.Name(sec.Names)
	v.addFeeds(v.Path, name)
	v.Description = v.T("meta.section", "section", name, "site", v.SiteName())
	return s.listPage(w, r, v, khabar.ListFilter{SectionID: sec.ID}, listData{Heading: name, HeadLang: v.NameLang(sec.Names), SameSection: true})
}

func (s *Server) tagPage(w http.ResponseWriter, r *http.Request) error {
	st, err := s.siteFor(r.Context(), r.PathValue("lang"))
	if err != nil {
		return err
	}
	tag, err := s.store.TagBySlug(r.Context(), r.PathValue("slug"))
	if err != nil {
		return err
	}
	v, err := s.newView(r, st, "/"+st.Lang.Tag+"/tag/"+url.PathEscape(tag.Slug))
	if err != nil {
		return err
	}
	name := v.Name(tag.Names)
	v.addFeeds(v.Path, name)
	v.Description = v.T("meta.tag", "tag", name, "site", v.SiteName())
	return s.listPage(w, r, v, khabar.ListFilter{TagID: tag.ID}, listData{Heading: name, HeadLang: v.NameLang(tag.Names), Intro: v.T("tag.heading")})
}

func (s *Server) authorPage(w http.ResponseWriter, r *http.Request) error {
	st, err := s.siteFor(r.Context(), r.PathValue("lang"))
	if err != nil {
		return err
	}
	u, err := s.store.UserBySlug(r.Context(), r.PathValue("slug"))
	if err != nil || u.Disabled {
		return khabar.NotFound("err.not_found")
	}
	v, err := s.newView(r, st, "/"+st.Lang.Tag+"/author/"+url.PathEscape(u.Slug))
	if err != nil {
		return err
	}
	bio := u.Bio.Get(st.Lang.Tag, "")
	if v.Description = bio; bio == "" {
		v.Description = v.T("meta.author", "author", v.Name(u.Names), "site", v.SiteName())
	}
	return s.listPage(w, r, v, khabar.ListFilter{AuthorID: u.ID}, listData{
		Heading: v.Name(u.Names), HeadLang: v.NameLang(u.Names), Bio: bio})
}

// archiveData is the index of months that have articles.
type archiveData struct{ Years []archiveYear }

type archiveYear struct {
	Year   int
	Href   string
	Months []archiveMonth
}

type archiveMonth struct {
	Name  string
	Href  string
	Count int
}

func (s *Server) archiveIndex(w http.ResponseWriter, r *http.Request) error {
	st, err := s.siteFor(r.Context(), r.PathValue("lang"))
	if err != nil {
		return err
	}
	tag := st.Lang.Tag
	v, err := s.newView(r, st, "/"+tag+"/archive/")
	if err != nil {
		return err
	}
	months, err := s.store.ArchiveMonths(r.Context(), tag, st.loc)
	if err != nil {
		return err
	}
	var d archiveData
	for _, m := range months {
		if n := len(d.Years); n == 0 || d.Years[n-1].Year != m.Year {
			d.Years = append(d.Years, archiveYear{Year: m.Year, Href: fmt.Sprintf("/%s/archive/%04d/", tag, m.Year)})
		}
		y := &d.Years[len(d.Years)-1]
		y.Months = append(y.Months, archiveMonth{
			Name:  monthName(m.Year, m.Month, v),
			Href:  fmt.Sprintf("/%s/archive/%04d/%02d/", tag, m.Year, int(m.Month)),
			Count: m.Count,
		})
	}
	v.Data = d
	v.Title = v.T("archive.title")
	return s.render(w, http.StatusOK, "archive", v)
}

// archivePage lists the articles of one year, month or day in the site's time zone.
func (s *Server) archivePage(w http.ResponseWriter, r *http.Request) error {
	st, err := s.siteFor(r.Context(), r.PathValue("lang"))
	if err != nil {
		return err
	}
	bad := khabar.NotFound("err.not_found")
	year, err := strconv.Atoi(r.PathValue("year"))
	if err != nil || year < 1900 || year > 9999 || len(r.PathValue("year")) != 4 {
		return bad
	}
	month, day := 0, 0
	if m := r.PathValue("month"); m != "" {
		if month, err = strconv.Atoi(m); err != nil || month < 1 || month > 12 || len(m) != 2 {
			return bad
		}
	}
	if dd := r.PathValue("day"); dd != "" {
		if day, err = strconv.Atoi(dd); err != nil || day < 1 || day > 31 || len(dd) != 2 {
			return bad
		}
	}
	var from, to time.Time
	var heading string
	v, err := s.newView(r, st, r.URL.Path)
	if err != nil {
		return err
	}
	switch {
	case day > 0:
		from = time.Date(year, time.Month(month), day, 0, 0, 0, 0, st.loc)
		if from.Day() != day {
			return bad // 31 February
		}
		to = from.AddDate(0, 0, 1)
		heading = v.T("archive.day", "date", v.Date(from))
	case month > 0:
		from = time.Date(year, time.Month(month), 1, 0, 0, 0, 0, st.loc)
		to = from.AddDate(0, 1, 0)
		heading = v.T("archive.month", "month", monthName(year, time.Month(month), v))
	default:
		from = time.Date(year, 1, 1, 0, 0, 0, 0, st.loc)
		to = from.AddDate(1, 0, 0)
		heading = v.T("archive.year", "year", yearName(year, v))
	}
	return s.listPage(w, r, v, khabar.ListFilter{From: from, To: to}, listData{Heading: heading, Empty: v.T("archive.empty")})
}

// pageData is a static page.
type pageData struct {
	Title string
	Body  template.HTML
}

func (s *Server) staticPage(w http.ResponseWriter, r *http.Request) error {
	st, err := s.siteFor(r.Context(), r.PathValue("lang"))
	if err != nil {
		return err
	}
	tag := st.Lang.Tag
	p, err := s.store.PageBySlug(r.Context(), tag, r.PathValue("slug"))
	if err != nil {
		return err
	}
	pv := p.Versions[tag]
	v, err := s.newView(r, st, "/"+tag+"/page/"+url.PathEscape(pv.Slug))
	if err != nil {
		return err
	}
	hrefs := map[string]string{}
	for l, other := range p.Versions {
		hrefs[l] = "/" + l + "/page/" + url.PathEscape(other.Slug)
	}
	v.setTranslations(hrefs)
	v.Title = pv.Title
	v.Data = pageData{Title: pv.Title, Body: trustedHTML(pv.Body)}
	v.Description = markup.Excerpt(pv.Body, 200)
	v.Meta = append(v.Meta, s.openGraph(v, "website", pv.Title, v.Description, nil)...)
	return s.render(w, http.StatusOK, "page", v)
}

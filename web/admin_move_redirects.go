package web

import (
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/newsroom"
)

// Moving a site in: the redirects from old addresses and the import page.
// Every identifier of these files starts with "move" so that it cannot
// collide with those of the other newsroom areas in this package.

// moveRoutes registers the redirects and the import pages.
func (s *Server) moveRoutes(m *http.ServeMux) {
	red := func(h handlerFunc) http.Handler { return s.siteHandle(khabar.ActManageRedirect, h) }
	m.Handle("GET /admin/redirects", red(s.moveRedirects))
	m.Handle("POST /admin/redirects", red(s.moveRedirectSave))
	m.Handle("GET /admin/redirects/{id}", red(s.moveRedirectForm))
	m.Handle("POST /admin/redirects/{id}", red(s.moveRedirectSave))
	m.Handle("POST /admin/redirects/{id}/delete", red(s.moveRedirectDelete))
	imp := func(h handlerFunc) http.Handler { return s.siteHandle(khabar.ActImport, h) }
	m.Handle("GET /admin/import", imp(s.moveImportPage))
	m.Handle("POST /admin/import", imp(s.moveImportUpload))
	m.Handle("GET /admin/import/{job}", imp(s.moveImportJob))
	m.Handle("POST /admin/import/{job}/run", imp(s.moveImportRun))
}

// moveRedirectRow is a redirect as the newsroom shows it: where it leads
// written as the address it leads to now.
type moveRedirectRow struct {
	khabar.Redirect
	Target string
}

type moveRedirectsData struct {
	Rows           []moveRedirectRow
	Query          string
	Total          int
	PrevURL        string
	NextURL        string
	Form           moveRedirectRow // the form to add (or the one being edited)
	Editing        bool
	PageText       string
	PagesText      string
	FormActionPath string
}

const movePageSize = 50

func (s *Server) moveRedirects(w http.ResponseWriter, r *http.Request) error {
	v, err := s.newAdminView(r, "move.redirects", "redirects")
	if err != nil {
		return err
	}
	d, err := s.moveRedirectList(r, v)
	if err != nil {
		return err
	}
	v.Data = d
	return s.renderAdmin(w, http.StatusOK, "move_redirects", v)
}

// moveRedirectList reads the page of redirects a request asks for.
func (s *Server) moveRedirectList(r *http.Request, v *adminView) (*moveRedirectsData, error) {
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	page, err := pageParam(r)
	if err != nil {
		return nil, err
	}
	list, total, err := s.store.Redirects(r.Context(), q, movePageSize, (page-1)*movePageSize)
	if err != nil {
		return nil, err
	}
	d := &moveRedirectsData{Query: q, Total: total, FormActionPath: "/admin/redirects"}
	for _, red := range list {
		d.Rows = append(d.Rows, moveRedirectRow{Redirect: red, Target: s.moveTarget(r, red)})
	}
	pages := (total + movePageSize - 1) / movePageSize
	pageURL := func(n int) string {
		u := url.Values{}
		if q != "" {
			u.Set("q", q)
		}
		if n > 1 {
			u.Set("page", strconv.Itoa(n))
		}
		if len(u) == 0 {
			return "/admin/redirects"
		}
		return "/admin/redirects?" + u.Encode()
	}
	if page > 1 {
		d.PrevURL = pageURL(page - 1)
	}
	if page < pages {
		d.NextURL = pageURL(page + 1)
	}
	d.PageText, d.PagesText = v.MediaNum(page), v.MediaNum(max(pages, 1))
	return d, nil
}

// moveTarget writes where a redirect leads as an address of this site.
func (s *Server) moveTarget(r *http.Request, red khabar.Redirect) string {
	if red.To != "" {
		return red.To
	}
	to, ok := s.redirectTarget(r, &red)
	if !ok {
		if red.StoryID != 0 {
			return "/" + red.Lang + "/news/" + strconv.FormatInt(red.StoryID, 10)
		}
		return ""
	}
	return strings.TrimPrefix(to, s.cfg.BaseURL)
}

func (s *Server) moveRedirectForm(w http.ResponseWriter, r *http.Request) error {
	id, err := siteID(r)
	if err != nil {
		return err
	}
	red, err := s.store.Redirect(r.Context(), id)
	if err != nil {
		return err
	}
	v, err := s.newAdminView(r, "move.redirect.edit", "redirects")
	if err != nil {
		return err
	}
	v.Data = &moveRedirectsData{Form: moveRedirectRow{Redirect: *red, Target: s.moveTarget(r, *red)}, Editing: true,
		FormActionPath: "/admin/redirects/" + strconv.FormatInt(id, 10)}
	return s.renderAdmin(w, http.StatusOK, "move_redirect", v)
}

// reArticle and rePage read a target typed as one of this site's
// addresses, so that the redirect follows the story or page when its slug
// changes.
var (
	reArticle = regexp.MustCompile(`^/([a-z]{2,3})/news/(\d+)(?:-[^/?#]*)?$`)
	rePage    = regexp.MustCompile(`^/([a-z]{2,3})/page/([^/?#]+)$`)
)

// moveRedirectInput reads the form: an old address and where it leads.
func (s *Server) moveRedirectInput(r *http.Request) newsroom.RedirectInput {
	in := newsroom.RedirectInput{From: r.PostFormValue("from")}
	to := strings.TrimSpace(r.PostFormValue("to"))
	if u, err := url.Parse(to); err == nil && strings.HasPrefix(to, s.cfg.BaseURL+"/") {
		to = u.RequestURI() // this site's own address, written whole
	}
	if m := reArticle.FindStringSubmatch(to); m != nil {
		in.StoryID, _ = strconv.ParseInt(m[2], 10, 64)
		in.Lang = m[1]
		return in
	}
	if m := rePage.FindStringSubmatch(to); m != nil {
		slug, _ := url.PathUnescape(m[2])
		if p, err := s.store.PageBySlug(r.Context(), m[1], slug); err == nil {
			in.PageID, in.Lang = p.ID, m[1]
			return in
		}
	}
	in.To = to
	return in
}

func (s *Server) moveRedirectSave(w http.ResponseWriter, r *http.Request) error {
	id, err := siteID(r)
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return khabar.Invalid("form", "err.form")
	}
	in := s.moveRedirectInput(r)
	title, page := "move.redirects", "move_redirects"
	if id != 0 {
		title, page = "move.redirect.edit", "move_redirect"
	}
	v, err := s.newAdminView(r, title, "redirects")
	if err != nil {
		return err
	}
	if _, saveErr := s.news.SaveRedirect(r.Context(), v.User, id, in); saveErr != nil {
		d := &moveRedirectsData{Editing: id != 0, FormActionPath: r.URL.Path}
		if id == 0 {
			if d, err = s.moveRedirectList(r, v); err != nil {
				return err
			}
		}
		d.Form = moveRedirectRow{Redirect: khabar.Redirect{ID: id, From: in.From}, Target: r.PostFormValue("to")}
		v.Data = d
		return s.siteFormError(w, v, page, saveErr)
	}
	seeOther(w, r, "/admin/redirects", "saved")
	return nil
}

func (s *Server) moveRedirectDelete(w http.ResponseWriter, r *http.Request) error {
	id, err := siteID(r)
	if err != nil {
		return err
	}
	if err := s.news.DeleteRedirect(r.Context(), userFrom(r.Context()), id); err != nil {
		return err
	}
	seeOther(w, r, "/admin/redirects", "redirect_deleted")
	return nil
}

package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/newsroom"
)

// Static pages ("About us", "Contact"): one page, a version per language.
// Their positions are the order of the footer menu, as section positions
// are the order of the main menu; the site has no other menus.

// sitePageRow is a line of the pages list.
type sitePageRow struct {
	khabar.Page
	First, Last bool
}

// PublicURL is the address of the page's version in lang.
func (p sitePageRow) PublicURL(l string) string {
	v := p.Versions[l]
	if v == nil {
		return ""
	}
	return "/" + l + "/page/" + url.PathEscape(v.Slug)
}

func (s *Server) sitePages(w http.ResponseWriter, r *http.Request) error {
	v, err := s.newAdminView(r, "admin.pages", "pages")
	if err != nil {
		return err
	}
	list, err := s.store.Pages(r.Context())
	if err != nil {
		return err
	}
	rows := make([]sitePageRow, len(list))
	for i, p := range list {
		rows[i] = sitePageRow{Page: p, First: i == 0, Last: i == len(list)-1}
	}
	v.Data = rows
	return s.renderAdmin(w, http.StatusOK, "site_pages", v)
}

// sitePageData is the edit form of a page: one block per site language.
type sitePageData struct {
	ID       int64
	Key      string
	Position int
	Versions map[string]*khabar.PageVersion // by language; missing ones are empty blocks
}

// Action is where the form posts.
func (d sitePageData) Action() string {
	if d.ID == 0 {
		return "/admin/pages"
	}
	return "/admin/pages/" + strconv.FormatInt(d.ID, 10)
}

// Version returns the version in l, or an empty one for the form.
func (d sitePageData) Version(l string) *khabar.PageVersion {
	if v := d.Versions[l]; v != nil {
		return v
	}
	return &khabar.PageVersion{Lang: l}
}

// sitePageByID finds a page, or makes a new one placed last in the footer.
func (s *Server) sitePageByID(r *http.Request, id int64) (*khabar.Page, error) {
	list, err := s.store.Pages(r.Context())
	if err != nil {
		return nil, err
	}
	if id == 0 {
		return &khabar.Page{Position: len(list) + 1, Versions: map[string]*khabar.PageVersion{}}, nil
	}
	for i := range list {
		if list[i].ID == id {
			return &list[i], nil
		}
	}
	return nil, khabar.NotFound("err.page.not_found")
}

func (s *Server) sitePageForm(w http.ResponseWriter, r *http.Request) error {
	id, err := siteID(r)
	if err != nil {
		return err
	}
	p, err := s.sitePageByID(r, id)
	if err != nil {
		return err
	}
	v, err := s.newAdminView(r, siteTitle(id, "mng.page.new", "mng.page.edit"), "pages")
	if err != nil {
		return err
	}
	v.Data = sitePageData{ID: p.ID, Key: p.Key, Position: p.Position, Versions: p.Versions}
	return s.renderAdmin(w, http.StatusOK, "site_page_edit", v)
}

// sitePageSave saves every language block of the form. A block with
// nothing in it means "no page in this language"; versions in languages
// the site no longer has are kept as they were.
func (s *Server) sitePageSave(w http.ResponseWriter, r *http.Request) error {
	id, err := siteID(r)
	if err != nil {
		return err
	}
	p, err := s.sitePageByID(r, id)
	if err != nil {
		return err
	}
	v, err := s.newAdminView(r, siteTitle(id, "mng.page.new", "mng.page.edit"), "pages")
	if err != nil {
		return err
	}
	in := newsroom.PageInput{Key: strings.TrimSpace(r.PostFormValue("key")), Versions: map[string]newsroom.PageVersionInput{}}
	if pos, err := strconv.Atoi(strings.TrimSpace(r.PostFormValue("position"))); err == nil {
		in.Position = &pos
	}
	typed := map[string]*khabar.PageVersion{}
	for _, l := range v.Settings.Languages {
		pv := newsroom.PageVersionInput{Title: r.PostFormValue("title." + l), Slug: r.PostFormValue("slug." + l), Body: r.PostFormValue("body." + l)}
		in.Versions[l] = pv
		typed[l] = &khabar.PageVersion{Lang: l, Title: pv.Title, Slug: pv.Slug, Body: pv.Body}
	}
	v.Data = sitePageData{ID: p.ID, Key: in.Key, Position: p.Position, Versions: typed}
	if _, err := s.news.SavePage(r.Context(), v.User, id, in); err != nil {
		return s.siteFormError(w, v, "site_page_edit", err)
	}
	seeOther(w, r, "/admin/pages", "mng.saved")
	return nil
}

// sitePageMove moves a page one place up or down the footer menu.
func (s *Server) sitePageMove(w http.ResponseWriter, r *http.Request) error {
	id, err := siteID(r)
	if err != nil {
		return err
	}
	by, err := siteMoveBy(r)
	if err != nil {
		return err
	}
	if err := s.news.MovePage(r.Context(), userFrom(r.Context()), id, by); err != nil {
		return err
	}
	seeOther(w, r, "/admin/pages", "")
	return nil
}

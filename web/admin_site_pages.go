package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/lang"
	"github.com/khabarnews/khabar/markup"
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
	return nil, khabar.Errorf(khabar.ENotFound, "page %d not found", id)
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
	p.Key = strings.TrimSpace(r.PostFormValue("key"))
	if pos, err := strconv.Atoi(strings.TrimSpace(r.PostFormValue("position"))); err == nil {
		p.Position = pos
	}
	typed := map[string]*khabar.PageVersion{}
	versions := map[string]*khabar.PageVersion{}
	for l, pv := range p.Versions {
		if !v.Settings.HasLang(l) {
			versions[l] = pv
		}
	}
	var bad error
	for _, l := range v.Settings.Languages {
		pv := &khabar.PageVersion{Lang: l,
			Title: strings.TrimSpace(r.PostFormValue("title." + l)),
			Slug:  strings.TrimSpace(r.PostFormValue("slug." + l)),
			Body:  r.PostFormValue("body." + l)}
		typed[l] = pv
		if pv.Title == "" && pv.Slug == "" && strings.TrimSpace(pv.Body) == "" {
			continue
		}
		if pv.Title == "" && bad == nil {
			bad = khabar.Invalid("title", "the %s version needs a title", l)
		}
		body, err := markup.Clean(pv.Body)
		if err != nil && bad == nil {
			bad = khabar.Invalid("body", "the %s text cannot be read: %v", l, err)
		}
		saved := *pv
		saved.Body = body
		if saved.Slug == "" {
			saved.Slug = lang.Slugify(saved.Title, l, lang.SlugStyle(v.Settings.SlugStyle))
		}
		versions[l] = &saved
	}
	v.Data = sitePageData{ID: p.ID, Key: p.Key, Position: p.Position, Versions: typed}
	if p.Key == "" && bad == nil {
		// The key names the page across languages; an English-ish default
		// from the first title is what an editor would type anyway.
		for _, l := range v.Settings.Languages {
			if pv := versions[l]; pv != nil {
				p.Key = lang.Slugify(pv.Title, l, lang.SlugTranslit)
				break
			}
		}
	}
	if bad != nil {
		return s.siteFormError(w, v, "site_page_edit", bad)
	}
	p.Versions = versions
	action := "page.update"
	if id == 0 {
		action = "page.create"
	}
	if err := s.store.SavePage(r.Context(), p); err != nil {
		return s.siteFormError(w, v, "site_page_edit", err)
	}
	s.siteAudit(r, action, siteObject("page", p.ID), p.Key)
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
	if err := s.store.MovePage(r.Context(), id, by); err != nil {
		return err
	}
	s.siteAudit(r, "page.move", siteObject("page", id), strconv.Itoa(by))
	seeOther(w, r, "/admin/pages", "")
	return nil
}

package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/analysis"
	"github.com/khabarnews/khabar/newsroom"
)

// The search lexicon: the site's own entries, which editors add, change and
// remove here (each a newsroom use case), beside the entries Khabar ships,
// shown for reference.

// siteLexiconPage is the list: the site's entries and, for the language
// chosen, the shipped ones.
type siteLexiconPage struct {
	Own     []khabar.LexiconEntry
	Lang    string // whose shipped entries are shown
	Langs   []string
	Shipped []analysis.Entry
}

// siteLexiconForm is the edit form of an entry.
type siteLexiconForm struct {
	ID      int64
	Lang    string
	Class   string
	Words   string // one member a line
	Langs   []string
	Classes []string
}

// Action is where the form posts.
func (f siteLexiconForm) Action() string {
	if f.ID == 0 {
		return "/admin/lexicon"
	}
	return "/admin/lexicon/" + strconv.FormatInt(f.ID, 10)
}

func (s *Server) lexiconRoutes(m *http.ServeMux) {
	lex := func(h handlerFunc) http.Handler { return s.siteHandle(khabar.ActEditLexicon, h) }
	m.Handle("GET /admin/lexicon", lex(s.siteLexicon))
	m.Handle("GET /admin/lexicon/new", lex(s.siteLexiconForm))
	m.Handle("POST /admin/lexicon", lex(s.siteLexiconSave))
	m.Handle("GET /admin/lexicon/{id}", lex(s.siteLexiconForm))
	m.Handle("POST /admin/lexicon/{id}", lex(s.siteLexiconSave))
	m.Handle("POST /admin/lexicon/{id}/delete", lex(s.siteLexiconDelete))
}

func (s *Server) siteLexicon(w http.ResponseWriter, r *http.Request) error {
	v, err := s.newAdminView(r, "mng.lexicon", "lexicon")
	if err != nil {
		return err
	}
	own, err := s.store.SearchLexicon(r.Context())
	if err != nil {
		return err
	}
	page := siteLexiconPage{Own: own, Lang: r.URL.Query().Get("lang"), Langs: newsroom.LexiconLanguages}
	if !slices.Contains(page.Langs, page.Lang) {
		page.Lang = v.UI.Tag
		if !slices.Contains(page.Langs, page.Lang) {
			page.Lang = page.Langs[0]
		}
	}
	for _, e := range analysis.SeedEntries() {
		if e.Lang == page.Lang {
			page.Shipped = append(page.Shipped, e)
		}
	}
	v.Data = page
	return s.renderAdmin(w, http.StatusOK, "site_lexicon", v)
}

// siteLexiconByID returns the form of entry id, or of a new one for id 0.
func (s *Server) siteLexiconByID(r *http.Request, id int64) (siteLexiconForm, error) {
	f := siteLexiconForm{Langs: newsroom.LexiconLanguages, Classes: analysis.Classes, Class: "spelling"}
	if id == 0 {
		return f, nil
	}
	list, err := s.store.SearchLexicon(r.Context())
	if err != nil {
		return f, err
	}
	e, err := findByID(list, id, func(e *khabar.LexiconEntry) int64 { return e.ID }, "err.lexicon.not_found")
	if err != nil {
		return f, err
	}
	f.ID, f.Lang, f.Class, f.Words = e.ID, e.Lang, e.Class, strings.Join(e.Words, "\n")
	return f, nil
}

func (s *Server) siteLexiconForm(w http.ResponseWriter, r *http.Request) error {
	id, err := siteID(r)
	if err != nil {
		return err
	}
	f, err := s.siteLexiconByID(r, id)
	if err != nil {
		return err
	}
	v, err := s.newAdminView(r, siteTitle(id, "mng.lexicon.new", "mng.lexicon.edit"), "lexicon")
	if err != nil {
		return err
	}
	if f.Lang == "" {
		f.Lang = v.UI.Tag
	}
	v.Data = f
	return s.renderAdmin(w, http.StatusOK, "site_lexicon_edit", v)
}

func (s *Server) siteLexiconSave(w http.ResponseWriter, r *http.Request) error {
	id, err := siteID(r)
	if err != nil {
		return err
	}
	f, err := s.siteLexiconByID(r, id)
	if err != nil {
		return err
	}
	v, err := s.newAdminView(r, siteTitle(id, "mng.lexicon.new", "mng.lexicon.edit"), "lexicon")
	if err != nil {
		return err
	}
	in := newsroom.LexiconInput{Lang: r.PostFormValue("lang"), Class: r.PostFormValue("class"), Words: r.PostFormValue("words")}
	f.Lang, f.Class, f.Words = in.Lang, in.Class, in.Words
	v.Data = f
	if _, err := s.news.SaveLexiconEntry(r.Context(), v.User, id, in); err != nil {
		return s.siteFormError(w, v, "site_lexicon_edit", err)
	}
	seeOther(w, r, "/admin/lexicon", "mng.lexicon_saved")
	return nil
}

func (s *Server) siteLexiconDelete(w http.ResponseWriter, r *http.Request) error {
	id, err := siteID(r)
	if err != nil {
		return err
	}
	if err := s.news.DeleteLexiconEntry(r.Context(), userFrom(r.Context()), id); err != nil {
		return err
	}
	seeOther(w, r, "/admin/lexicon", "mng.lexicon_deleted")
	return nil
}

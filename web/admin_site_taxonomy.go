package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/lang"
	"github.com/khabarnews/khabar/newsroom"
)

// Sections, tags and sources: the names a story is filed under, each one
// entity with a name per language.

// siteTerm is the edit form of a section, tag or source; Kind decides which
// fields the template shows.
type siteTerm struct {
	Kind     string // "section", "tag" or "source"
	ID       int64  // 0 for a new one
	Slug     string
	Names    khabar.Text
	Position int
	URL      string
}

// Action is where the form posts.
func (t siteTerm) Action() string {
	if t.ID == 0 {
		return "/admin/" + t.Kind + "s"
	}
	return "/admin/" + t.Kind + "s/" + strconv.FormatInt(t.ID, 10)
}

// siteSectionRow is a line of the sections list; First and Last disable
// the move buttons that would do nothing.
type siteSectionRow struct {
	khabar.Section
	First, Last bool
}

func (s *Server) siteSections(w http.ResponseWriter, r *http.Request) error {
	v, err := s.newAdminView(r, "admin.sections", "sections")
	if err != nil {
		return err
	}
	list, err := s.store.Sections(r.Context())
	if err != nil {
		return err
	}
	rows := make([]siteSectionRow, len(list))
	for i, sec := range list {
		rows[i] = siteSectionRow{Section: sec, First: i == 0, Last: i == len(list)-1}
	}
	v.Data = rows
	return s.renderAdmin(w, http.StatusOK, "site_sections", v)
}

// siteSectionByID finds a section in the (short) list of all of them.
func (s *Server) siteSectionByID(r *http.Request, id int64) (*khabar.Section, []khabar.Section, error) {
	list, err := s.store.Sections(r.Context())
	if err != nil {
		return nil, nil, err
	}
	if id == 0 {
		return &khabar.Section{Position: len(list) + 1}, list, nil
	}
	sec, err := findByID(list, id, func(sec *khabar.Section) int64 { return sec.ID }, "err.section.not_found")
	return sec, list, err
}

func (s *Server) siteSectionForm(w http.ResponseWriter, r *http.Request) error {
	id, err := siteID(r)
	if err != nil {
		return err
	}
	sec, _, err := s.siteSectionByID(r, id)
	if err != nil {
		return err
	}
	v, err := s.newAdminView(r, siteTitle(id, "mng.section.new", "mng.section.edit"), "sections")
	if err != nil {
		return err
	}
	v.Data = siteTerm{Kind: "section", ID: sec.ID, Slug: sec.Slug, Names: sec.Names, Position: sec.Position}
	return s.renderAdmin(w, http.StatusOK, "site_term", v)
}

func (s *Server) siteSectionSave(w http.ResponseWriter, r *http.Request) error {
	id, err := siteID(r)
	if err != nil {
		return err
	}
	sec, _, err := s.siteSectionByID(r, id)
	if err != nil {
		return err
	}
	v, err := s.newAdminView(r, siteTitle(id, "mng.section.new", "mng.section.edit"), "sections")
	if err != nil {
		return err
	}
	in := newsroom.SectionInput{Names: siteTexts(r, "name", v.Settings.Languages, sec.Names), Slug: ptr(r.PostFormValue("slug"))}
	if p, err := strconv.Atoi(strings.TrimSpace(r.PostFormValue("position"))); err == nil {
		in.Position = &p
	}
	v.Data = siteTerm{Kind: "section", ID: sec.ID, Slug: *in.Slug, Names: in.Names, Position: sec.Position}
	if _, err := s.news.SaveSection(r.Context(), v.User, id, in); err != nil {
		return s.siteFormError(w, v, "site_term", err)
	}
	seeOther(w, r, "/admin/sections", "mng.saved")
	return nil
}

// siteSectionMove moves a section one place up (by=-1) or down (by=1).
func (s *Server) siteSectionMove(w http.ResponseWriter, r *http.Request) error {
	id, err := siteID(r)
	if err != nil {
		return err
	}
	by, err := siteMoveBy(r)
	if err != nil {
		return err
	}
	if err := s.news.MoveSection(r.Context(), userFrom(r.Context()), id, by); err != nil {
		return err
	}
	seeOther(w, r, "/admin/sections", "")
	return nil
}

// siteMoveBy reads the direction of a move button.
func siteMoveBy(r *http.Request) (int, error) {
	switch r.PostFormValue("by") {
	case "-1":
		return -1, nil
	case "1", "+1":
		return 1, nil
	}
	return 0, khabar.Invalid("by", "err.move.by")
}

// siteTitle picks the page title of a form for a new or an existing item.
func siteTitle(id int64, newKey, editKey string) string {
	if id == 0 {
		return newKey
	}
	return editKey
}

// siteTagRow is a line of the tags list, with how many stories carry it.
type siteTagRow struct {
	khabar.Tag
	Stories int
}

func (s *Server) siteTags(w http.ResponseWriter, r *http.Request) error {
	v, err := s.newAdminView(r, "admin.tags", "tags")
	if err != nil {
		return err
	}
	tags, err := s.store.Tags(r.Context())
	if err != nil {
		return err
	}
	counts, err := s.store.TagStoryCounts(r.Context())
	if err != nil {
		return err
	}
	rows := make([]siteTagRow, len(tags))
	for i, t := range tags {
		rows[i] = siteTagRow{Tag: t, Stories: counts[t.ID]}
	}
	v.Data = rows
	return s.renderAdmin(w, http.StatusOK, "site_tags", v)
}

// siteTagByID finds a tag, or makes a new one for id 0.
func (s *Server) siteTagByID(r *http.Request, id int64) (*khabar.Tag, error) {
	if id == 0 {
		return &khabar.Tag{}, nil
	}
	tags, err := s.store.Tags(r.Context())
	if err != nil {
		return nil, err
	}
	return findByID(tags, id, func(t *khabar.Tag) int64 { return t.ID }, "err.tag.not_found")
}

// findByID returns the item of list with that id, or the not-found error
// called key.
func findByID[T any](list []T, id int64, idOf func(*T) int64, key string) (*T, error) {
	for i := range list {
		if idOf(&list[i]) == id {
			return &list[i], nil
		}
	}
	return nil, khabar.NotFound(key)
}

func (s *Server) siteTagForm(w http.ResponseWriter, r *http.Request) error {
	id, err := siteID(r)
	if err != nil {
		return err
	}
	t, err := s.siteTagByID(r, id)
	if err != nil {
		return err
	}
	v, err := s.newAdminView(r, siteTitle(id, "mng.tag.new", "mng.tag.edit"), "tags")
	if err != nil {
		return err
	}
	v.Data = siteTerm{Kind: "tag", ID: t.ID, Slug: t.Slug, Names: t.Names}
	return s.renderAdmin(w, http.StatusOK, "site_term", v)
}

func (s *Server) siteTagSave(w http.ResponseWriter, r *http.Request) error {
	id, err := siteID(r)
	if err != nil {
		return err
	}
	t, err := s.siteTagByID(r, id)
	if err != nil {
		return err
	}
	v, err := s.newAdminView(r, siteTitle(id, "mng.tag.new", "mng.tag.edit"), "tags")
	if err != nil {
		return err
	}
	in := newsroom.TagInput{Names: siteTexts(r, "name", v.Settings.Languages, t.Names), Slug: ptr(r.PostFormValue("slug"))}
	v.Data = siteTerm{Kind: "tag", ID: t.ID, Slug: *in.Slug, Names: in.Names}
	if _, err := s.news.SaveTag(r.Context(), v.User, id, in); err != nil {
		return s.siteFormError(w, v, "site_term", err)
	}
	seeOther(w, r, "/admin/tags", "mng.saved")
	return nil
}

func (s *Server) siteSources(w http.ResponseWriter, r *http.Request) error {
	v, err := s.newAdminView(r, "mng.sources", "tags")
	if err != nil {
		return err
	}
	list, err := s.store.Sources(r.Context())
	if err != nil {
		return err
	}
	feeds, err := s.store.WireFeeds(r.Context())
	if err != nil {
		return err
	}
	rows := make([]siteSourceRow, len(list))
	for i, src := range list {
		rows[i].Source = src
		for _, f := range feeds {
			if f.SourceID == src.ID {
				rows[i].Feeds++
				rows[i].Failing = rows[i].Failing || (f.Status != "" && f.Status != khabar.WireOK && !f.Paused)
			}
		}
		rows[i].FeedsNum = lang.FormatInt(rows[i].Feeds, v.UI.Tag, lang.Digits(v.Settings.ArabicDigits))
	}
	v.Data = rows
	return s.renderAdmin(w, http.StatusOK, "site_sources", v)
}

// siteSourceRow is a source with how many wire feeds it has, and whether
// any of them fails.
type siteSourceRow struct {
	khabar.Source
	Feeds    int
	FeedsNum string // in the interface's digits
	Failing  bool
}

// siteSourceByID finds a source, or makes a new one for id 0.
func (s *Server) siteSourceByID(r *http.Request, id int64) (*khabar.Source, error) {
	if id == 0 {
		return &khabar.Source{}, nil
	}
	list, err := s.store.Sources(r.Context())
	if err != nil {
		return nil, err
	}
	return findByID(list, id, func(src *khabar.Source) int64 { return src.ID }, "err.source.not_found")
}

func (s *Server) siteSourceForm(w http.ResponseWriter, r *http.Request) error {
	id, err := siteID(r)
	if err != nil {
		return err
	}
	src, err := s.siteSourceByID(r, id)
	if err != nil {
		return err
	}
	v, err := s.newAdminView(r, siteTitle(id, "mng.source.new", "mng.source.edit"), "tags")
	if err != nil {
		return err
	}
	v.Data = siteTerm{Kind: "source", ID: src.ID, Names: src.Names, URL: src.URL}
	return s.renderAdmin(w, http.StatusOK, "site_term", v)
}

func (s *Server) siteSourceSave(w http.ResponseWriter, r *http.Request) error {
	id, err := siteID(r)
	if err != nil {
		return err
	}
	src, err := s.siteSourceByID(r, id)
	if err != nil {
		return err
	}
	v, err := s.newAdminView(r, siteTitle(id, "mng.source.new", "mng.source.edit"), "tags")
	if err != nil {
		return err
	}
	in := newsroom.SourceInput{Names: siteTexts(r, "name", v.Settings.Languages, src.Names), URL: ptr(r.PostFormValue("url"))}
	v.Data = siteTerm{Kind: "source", ID: src.ID, Names: in.Names, URL: *in.URL}
	if _, err := s.news.SaveSource(r.Context(), v.User, id, in); err != nil {
		return s.siteFormError(w, v, "site_term", err)
	}
	seeOther(w, r, "/admin/sources", "mng.saved")
	return nil
}

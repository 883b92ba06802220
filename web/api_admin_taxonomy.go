package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/khabarnews/khabar"
)

// Sections and tags through the Admin API, under the newsroom's rule:
// only those who may manage them (editors and administrators).

// apiTermInput is the body that creates or changes a section or a tag.
// Name is by language: {"ar": "سياسة", "ru": "Политика"}. On a change,
// absent fields stay as they are.
type apiTermInput struct {
	Slug     *string            `json:"slug"`
	Name     *map[string]string `json:"name"`
	Position *int               `json:"position"` // sections only
}

func (s *Server) mayManageTaxonomy(r *http.Request) error {
	if !khabar.Can(userFrom(r.Context()), khabar.ActManageTaxonomy, khabar.Target{}) {
		return khabar.Errorf(khabar.EForbidden, "your role does not allow you to manage sections and tags")
	}
	return nil
}

// readTerm decodes a term body and applies it to slug and names, checking
// the languages of the names.
func (s *Server) readTerm(w http.ResponseWriter, r *http.Request, slug *string, names *khabar.Text, position *int) error {
	var in apiTermInput
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	st, err := s.store.Settings(r.Context())
	if err != nil {
		return err
	}
	if in.Position != nil {
		if position == nil {
			return badRequest("unknown_field", "position")
		}
		*position = *in.Position
	}
	if in.Name != nil {
		next := khabar.Text{}
		for l, v := range *in.Name {
			if !st.HasLang(l) {
				return &apiError{status: http.StatusBadRequest, code: "invalid_params", field: "name." + l,
					params: []invalidParam{{"name." + l, "not one of this site's languages (" + strings.Join(st.Languages, ", ") + ")"}}}
			}
			if v = strings.TrimSpace(v); v != "" {
				next[l] = v
			}
		}
		*names = next
	}
	if in.Slug != nil {
		*slug = strings.TrimSpace(*in.Slug)
	}
	if *slug == "" {
		*slug = siteSlug(*names, st)
	}
	return nil
}

func (s *Server) apiCreateSection(w http.ResponseWriter, r *http.Request) error {
	if err := s.mayManageTaxonomy(r); err != nil {
		return err
	}
	sec, _, err := s.siteSectionByID(r, 0) // a new one, last in the menu
	if err != nil {
		return err
	}
	if err := s.readTerm(w, r, &sec.Slug, &sec.Names, &sec.Position); err != nil {
		return err
	}
	if err := s.store.CreateSection(r.Context(), sec); err != nil {
		return err
	}
	s.siteAudit(r, "section.create", siteObject("section", sec.ID), sec.Slug)
	return s.writeSection(w, r, sec, http.StatusCreated)
}

func (s *Server) apiPatchSection(w http.ResponseWriter, r *http.Request) error {
	if err := s.mayManageTaxonomy(r); err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	sec, _, err := s.siteSectionByID(r, id)
	if err != nil {
		return err
	}
	if err := s.readTerm(w, r, &sec.Slug, &sec.Names, &sec.Position); err != nil {
		return err
	}
	if err := s.store.UpdateSection(r.Context(), sec); err != nil {
		return err
	}
	s.siteAudit(r, "section.update", siteObject("section", sec.ID), sec.Slug)
	return s.writeSection(w, r, sec, http.StatusOK)
}

func (s *Server) writeSection(w http.ResponseWriter, r *http.Request, sec *khabar.Section, status int) error {
	st, err := s.store.Settings(r.Context())
	if err != nil {
		return err
	}
	if status == http.StatusCreated {
		w.Header().Set("Location", s.absURL("/api/v1/admin/sections/"+strconv.FormatInt(sec.ID, 10)))
	}
	writeAPIJSON(w, status, "application/json", s.apiSectionOf(*sec, st.Languages))
	return nil
}

func (s *Server) apiCreateTag(w http.ResponseWriter, r *http.Request) error {
	if err := s.mayManageTaxonomy(r); err != nil {
		return err
	}
	t := &khabar.Tag{}
	if err := s.readTerm(w, r, &t.Slug, &t.Names, nil); err != nil {
		return err
	}
	if err := s.store.CreateTag(r.Context(), t); err != nil {
		return err
	}
	s.siteAudit(r, "tag.create", siteObject("tag", t.ID), t.Slug)
	return s.writeTag(w, r, t, http.StatusCreated)
}

func (s *Server) apiPatchTag(w http.ResponseWriter, r *http.Request) error {
	if err := s.mayManageTaxonomy(r); err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	t, err := s.siteTagByID(r, id)
	if err != nil {
		return err
	}
	if err := s.readTerm(w, r, &t.Slug, &t.Names, nil); err != nil {
		return err
	}
	if err := s.store.UpdateTag(r.Context(), t); err != nil {
		return err
	}
	s.siteAudit(r, "tag.update", siteObject("tag", t.ID), t.Slug)
	return s.writeTag(w, r, t, http.StatusOK)
}

func (s *Server) writeTag(w http.ResponseWriter, r *http.Request, t *khabar.Tag, status int) error {
	st, err := s.store.Settings(r.Context())
	if err != nil {
		return err
	}
	if status == http.StatusCreated {
		w.Header().Set("Location", s.absURL("/api/v1/admin/tags/"+strconv.FormatInt(t.ID, 10)))
	}
	writeAPIJSON(w, status, "application/json", s.apiTagOf(*t, st.Languages))
	return nil
}

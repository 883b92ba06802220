package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/newsroom"
)

// Sections and tags through the Admin API, under the newsroom's rules
// (package newsroom decides who may manage them: editors and administrators).

// apiTermInput is the body that creates or changes a section or a tag.
// Name is by language: {"ar": "سياسة", "ru": "Политика"}. On a change,
// absent fields stay as they are.
type apiTermInput struct {
	Slug     *string            `json:"slug"`
	Name     *map[string]string `json:"name"`
	Position *int               `json:"position"` // sections only
}

// readTerm decodes a term body. A name in a language the site does not
// have is refused here, with the languages it has, before anything else.
func (s *Server) readTerm(w http.ResponseWriter, r *http.Request, sections bool) (apiTermInput, khabar.Text, error) {
	var in apiTermInput
	if err := decodeJSON(w, r, &in); err != nil {
		return in, nil, err
	}
	if in.Position != nil && !sections {
		return in, nil, badRequest("unknown_field", "position")
	}
	if in.Name == nil {
		return in, nil, nil
	}
	st, err := s.store.Settings(r.Context())
	if err != nil {
		return in, nil, err
	}
	names := khabar.Text{}
	for l, v := range *in.Name {
		if !st.HasLang(l) {
			return in, nil, invalidParams(invalidParam{"name." + l, "not one of this site's languages (" + strings.Join(st.Languages, ", ") + ")"})
		}
		names[l] = v
	}
	return in, names, nil
}

func (s *Server) apiCreateSection(w http.ResponseWriter, r *http.Request) error {
	in, names, err := s.readTerm(w, r, true)
	if err != nil {
		return err
	}
	sec, err := s.news.SaveSection(r.Context(), userFrom(r.Context()), 0, newsroom.SectionInput{Slug: in.Slug, Names: names, Position: in.Position})
	if err != nil {
		return err
	}
	return s.writeSection(w, r, sec, http.StatusCreated)
}

func (s *Server) apiPatchSection(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	in, names, err := s.readTerm(w, r, true)
	if err != nil {
		return err
	}
	sec, err := s.news.SaveSection(r.Context(), userFrom(r.Context()), id, newsroom.SectionInput{Slug: in.Slug, Names: names, Position: in.Position})
	if err != nil {
		return err
	}
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
	in, names, err := s.readTerm(w, r, false)
	if err != nil {
		return err
	}
	t, err := s.news.SaveTag(r.Context(), userFrom(r.Context()), 0, newsroom.TagInput{Slug: in.Slug, Names: names})
	if err != nil {
		return err
	}
	return s.writeTag(w, r, t, http.StatusCreated)
}

func (s *Server) apiPatchTag(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	in, names, err := s.readTerm(w, r, false)
	if err != nil {
		return err
	}
	t, err := s.news.SaveTag(r.Context(), userFrom(r.Context()), id, newsroom.TagInput{Slug: in.Slug, Names: names})
	if err != nil {
		return err
	}
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

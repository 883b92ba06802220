package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/newsroom"
)

// Sources and redirects through the Admin API, under the newsroom's rules.

// apiSourceInput creates or changes a source: a news agency to credit.
// Absent fields stay as they are.
type apiSourceInput struct {
	Name *map[string]string `json:"name"`
	URL  *string            `json:"url"`
}

func (s *Server) apiAdminSources(w http.ResponseWriter, r *http.Request) error {
	list, err := s.store.Sources(r.Context())
	if err != nil {
		return err
	}
	out := struct {
		Items []apiSource `json:"items"`
	}{Items: []apiSource{}}
	for _, src := range list {
		out.Items = append(out.Items, apiSource{ID: src.ID, Name: apiTexts(src.Names), URL: src.URL})
	}
	writeAPIJSON(w, http.StatusOK, "application/json", out)
	return nil
}

func (s *Server) apiCreateSource(w http.ResponseWriter, r *http.Request) error {
	return s.apiSaveSource(w, r, 0)
}

func (s *Server) apiPatchSource(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	return s.apiSaveSource(w, r, id)
}

func (s *Server) apiSaveSource(w http.ResponseWriter, r *http.Request, id int64) error {
	var in apiSourceInput
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	var names khabar.Text
	if in.Name != nil {
		st, err := s.store.Settings(r.Context())
		if err != nil {
			return err
		}
		names = khabar.Text{}
		for l, v := range *in.Name {
			if !st.HasLang(l) {
				return invalidParams(invalidParam{"name." + l, "not one of this site's languages (" + strings.Join(st.Languages, ", ") + ")"})
			}
			names[l] = v
		}
	}
	src, err := s.news.SaveSource(r.Context(), userFrom(r.Context()), id, newsroom.SourceInput{Names: names, URL: in.URL})
	if err != nil {
		return err
	}
	status := http.StatusOK
	if id == 0 {
		status = http.StatusCreated
		w.Header().Set("Location", s.absURL("/api/v1/admin/sources/"+strconv.FormatInt(src.ID, 10)))
	}
	writeAPIJSON(w, status, "application/json", apiSource{ID: src.ID, Name: apiTexts(src.Names), URL: src.URL})
	return nil
}

// apiRedirect is a redirect from an old address: to a story's version, a
// static page, or an address (to).
type apiRedirect struct {
	ID        int64     `json:"id"`
	From      string    `json:"from"`
	StoryID   int64     `json:"story_id,omitempty"`
	PageID    int64     `json:"page_id,omitempty"`
	Lang      string    `json:"lang,omitempty"`
	To        string    `json:"to,omitempty"`
	CreatedAt time.Time `json:"created_at"`
}

func redirectJSON(red khabar.Redirect) apiRedirect {
	return apiRedirect{ID: red.ID, From: red.From, StoryID: red.StoryID, PageID: red.PageID, Lang: red.Lang, To: red.To,
		CreatedAt: red.CreatedAt.UTC()}
}

// apiRedirectInput creates or changes a redirect; on a change, absent
// fields stay as they are, and a new target replaces the old one.
type apiRedirectInput struct {
	From    *string `json:"from"`
	StoryID *int64  `json:"story_id"`
	PageID  *int64  `json:"page_id"`
	Lang    *string `json:"lang"`
	To      *string `json:"to"`
}

// apiAdminRedirects is GET /api/v1/admin/redirects?q=&page=, newest first.
func (s *Server) apiAdminRedirects(w http.ResponseWriter, r *http.Request) error {
	if !khabar.Can(userFrom(r.Context()), khabar.ActManageRedirect, khabar.Target{}) {
		return newsroom.Refused(khabar.ActManageRedirect)
	}
	page, err := pageParam(r)
	if err != nil {
		return invalidParams(invalidParam{"page", "not a page number from 1"})
	}
	const limit = 100
	list, total, err := s.store.Redirects(r.Context(), r.URL.Query().Get("q"), limit, (page-1)*limit)
	if err != nil {
		return err
	}
	out := struct {
		Items []apiRedirect `json:"items"`
		Total int           `json:"total"`
		Page  int           `json:"page"`
		Pages int           `json:"pages"`
	}{Items: []apiRedirect{}, Total: total, Page: page, Pages: (total + limit - 1) / limit}
	for _, red := range list {
		out.Items = append(out.Items, redirectJSON(red))
	}
	writeAPIJSON(w, http.StatusOK, "application/json", out)
	return nil
}

func (s *Server) apiCreateRedirect(w http.ResponseWriter, r *http.Request) error {
	return s.apiSaveRedirect(w, r, 0)
}

func (s *Server) apiPatchRedirect(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	return s.apiSaveRedirect(w, r, id)
}

func (s *Server) apiSaveRedirect(w http.ResponseWriter, r *http.Request, id int64) error {
	var in apiRedirectInput
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	next := newsroom.RedirectInput{}
	if id != 0 {
		cur, err := s.store.Redirect(r.Context(), id)
		if err != nil {
			return err
		}
		next = newsroom.RedirectInput{From: cur.From, StoryID: cur.StoryID, PageID: cur.PageID, Lang: cur.Lang, To: cur.To}
		if in.StoryID != nil || in.PageID != nil || in.To != nil {
			next.StoryID, next.PageID, next.To = 0, 0, "" // a new target
		}
	}
	if in.From != nil {
		next.From = *in.From
	}
	if in.StoryID != nil {
		next.StoryID = *in.StoryID
	}
	if in.PageID != nil {
		next.PageID = *in.PageID
	}
	if in.Lang != nil {
		next.Lang = *in.Lang
	}
	if in.To != nil {
		next.To = *in.To
	}
	if id == 0 && in.From == nil {
		return badRequest("missing_field", "from")
	}
	red, err := s.news.SaveRedirect(r.Context(), userFrom(r.Context()), id, next)
	if err != nil {
		return err
	}
	status := http.StatusOK
	if id == 0 {
		status = http.StatusCreated
		w.Header().Set("Location", s.absURL("/api/v1/admin/redirects/"+strconv.FormatInt(red.ID, 10)))
	}
	writeAPIJSON(w, status, "application/json", redirectJSON(*red))
	return nil
}

func (s *Server) apiDeleteRedirect(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if err := s.news.DeleteRedirect(r.Context(), userFrom(r.Context()), id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

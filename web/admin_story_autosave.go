package web

import (
	"net/http"
)

// autosaveAnswer tells editor.js what its save became. Revision goes into
// the form's base-revision field, so that the next save (automatic or not)
// is based on it and is not mistaken for someone else's older edit.
type autosaveAnswer struct {
	Revision int64 `json:"revision"`
	// StoryRevision goes into the form's story-revision field, for the
	// same reason: the writer's own save of the section or tags must not
	// look like someone else's change at the next save.
	StoryRevision int64  `json:"story_revision"`
	RevisionText  string `json:"revision_text"` // "revision 7", as the page shows it
	Slug          string `json:"slug"`
	Saved         string `json:"saved"` // the time of the save, in the interface language
	// For a new story's first save: where the story now lives.
	Editor   string `json:"editor,omitempty"`
	Autosave string `json:"autosave,omitempty"`
}

// autosave saves the editor's form as editor.js posts it every few seconds
// while something changed. It is the ordinary save without a workflow move,
// and answers JSON; a stale base revision gets 409 and editor.js stops.
func (s *Server) autosave(w http.ResponseWriter, r *http.Request) (any, error) {
	st, err := s.loadStory(r)
	if err != nil {
		return nil, err
	}
	if _, err := st.version(); err != nil {
		return nil, err
	}
	v, err := s.newAdminView(r, "story.edit", "stories")
	if err != nil {
		return nil, err
	}
	f, err := parseStoryForm(w, r)
	if err != nil {
		return nil, err
	}
	f.Lang = st.lang
	saved, err := s.news.SaveStory(r.Context(), v.User, st.story.ID, f.autosaveEdit())
	if err != nil {
		return nil, err
	}
	ver := saved.Version
	return autosaveAnswer{Revision: ver.Revision, StoryRevision: saved.Story.Revision, RevisionText: v.T("story.revision", "n", uiNum(v, ver.Revision)),
		Slug: ver.Slug, Saved: v.When(ver.UpdatedAt)}, nil
}

// autosaveNew is the first automatic save of a new story: it creates the
// story, and tells editor.js where the story now lives so that the page
// goes on there (a second autosave must not create a second story).
func (s *Server) autosaveNew(w http.ResponseWriter, r *http.Request) (any, error) {
	v, err := s.newAdminView(r, "story.new", "stories")
	if err != nil {
		return nil, err
	}
	f, err := parseStoryForm(w, r)
	if err != nil {
		return nil, err
	}
	st, ver, err := s.createFromForm(r.Context(), v, f)
	if err != nil {
		return nil, err
	}
	path := editorPath(st.ID, ver.Lang)
	return autosaveAnswer{Revision: ver.Revision, StoryRevision: st.Revision, RevisionText: v.T("story.revision", "n", uiNum(v, ver.Revision)),
		Slug: ver.Slug, Saved: v.When(ver.UpdatedAt), Editor: path, Autosave: path + "/autosave"}, nil
}

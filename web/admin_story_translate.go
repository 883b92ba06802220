package web

import (
	"net/http"
	"strconv"

	"github.com/khabarnews/khabar"
)

// startTranslation makes the version of a story in another language, a
// draft that starts from the original's text, and opens its editor with
// the original beside it.
func (s *Server) startTranslation(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return khabar.NotFound("err.story.not_found")
	}
	if err := r.ParseForm(); err != nil {
		return khabar.Invalid("form", "err.form")
	}
	to := r.PostForm.Get("to")
	if _, err := s.news.StartTranslation(ctx, userFrom(ctx), id, to); err != nil {
		if khabar.ErrorCode(err) == khabar.EConflict {
			// Someone started it a moment ago: open theirs.
			seeOther(w, r, editorPath(id, to), "story_translation_exists")
			return nil
		}
		return err
	}
	seeOther(w, r, editorPath(id, to), "story_translation_started")
	return nil
}

// confirmTranslation records that a translation is up to date with the
// original as it is now, which clears its "outdated" flag.
func (s *Server) confirmTranslation(w http.ResponseWriter, r *http.Request) error {
	st, base, err := s.loadVersionPost(r)
	if err != nil {
		return err
	}
	if _, err := s.news.ConfirmTranslation(r.Context(), userFrom(r.Context()), st.story.ID, st.lang, base); err != nil {
		return err
	}
	seeOther(w, r, editorPath(st.story.ID, st.lang), "story_confirmed")
	return nil
}

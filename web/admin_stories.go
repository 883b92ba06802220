package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/lang"
	"github.com/khabarnews/khabar/media"
	"github.com/khabarnews/khabar/newsroom"
)

// storyRoutes registers the story list, editor, workflow, translations and
// revisions pages. The story pages live in admin_story_*.go, one concern a
// file; this file holds the lists and what those pages share.
func (s *Server) storyRoutes(m *http.ServeMux) {
	m.Handle("GET /admin/stories", s.adminHandle(s.storyList))
	m.Handle("GET /admin/translations", s.adminHandle(s.translationsPage))
	m.Handle("GET /admin/stories/new", s.adminHandle(s.newStoryPage))
	m.Handle("POST /admin/stories/new", s.adminHandle(s.createStory))
	m.Handle("POST /admin/stories/new/autosave", s.jsonHandle(s.autosaveNew))
	m.Handle("GET /admin/stories/{id}", s.adminHandle(s.storyOriginal))
	m.Handle("GET /admin/stories/{id}/{lang}", s.adminHandle(s.editStoryPage))
	m.Handle("POST /admin/stories/{id}/{lang}", s.adminHandle(s.saveStory))
	m.Handle("POST /admin/stories/{id}/{lang}/autosave", s.jsonHandle(s.autosave))
	m.Handle("GET /admin/stories/{id}/{lang}/preview", s.adminHandle(s.previewStory))
	m.Handle("GET /admin/stories/{id}/{lang}/revisions", s.adminHandle(s.revisionsPage))
	m.Handle("POST /admin/stories/{id}/{lang}/restore", s.adminHandle(s.restoreRevision))
	m.Handle("POST /admin/stories/{id}/{lang}/confirm", s.adminHandle(s.confirmTranslation))
	m.Handle("POST /admin/stories/{id}/translations", s.adminHandle(s.startTranslation))
	m.Handle("POST /admin/stories/{id}/unpublish", s.adminHandle(s.unpublishStory))
	m.Handle("POST /admin/stories/{id}/{lang}/discard", s.adminHandle(s.discardUpdate))
	m.Handle("POST /admin/stories/{id}/{lang}/media/{media}", s.adminHandle(s.saveImageTexts))
	m.Handle("POST /admin/clean", s.adminHandle(s.cleanPaste))
}

// translationsData is, per language of the site, what is missing or out of
// date in it, and the updates in it waiting for review.
type translationsData struct {
	Languages []gapList
}

type gapList struct {
	Lang string
	Gaps []gapRow
	// Images are the stories in Lang whose lead image lacks a text in it.
	Images []khabar.MediaGap
	// Updates are the published versions in Lang with an update waiting
	// for an editor: work done, to be reviewed, no longer a gap unless
	// the original changed again since (Outdated).
	Updates []khabar.AdminRow
}

// gapRow is one gap and whether the user may close it from the list.
type gapRow struct {
	khabar.Gap
	CanTranslate bool
}

// gapsPerLanguage bounds the translations page: a desk works from the top.
const gapsPerLanguage = 50

func (s *Server) translationsPage(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	v, err := s.newAdminView(r, "admin.translations", "translations")
	if err != nil {
		return err
	}
	var d translationsData
	stories := map[int64]*khabar.Story{}
	for _, l := range v.Settings.Languages {
		// A translator sees the languages they translate into first; the
		// others are still shown, since knowing them does no harm.
		gaps, err := s.store.TranslationGaps(ctx, l, gapsPerLanguage)
		if err == nil {
			gaps, err = s.readableGaps(r, v.Settings, gaps)
		}
		if err != nil {
			return err
		}
		gl := gapList{Lang: l}
		if gl.Images, err = s.readableImageGaps(r, v.Settings, l); err != nil {
			return err
		}
		f := khabar.AdminFilter{Lang: l, Pending: true, Limit: gapsPerLanguage}
		if gl.Updates, _, err = s.store.AdminList(ctx, newsroom.ListScope(v.Settings, v.User, f)); err != nil {
			return err
		}
		for _, g := range gaps {
			st, ok := stories[g.StoryID]
			if !ok {
				if st, err = s.store.Story(ctx, g.StoryID); err != nil {
					return err
				}
				stories[g.StoryID] = st
			}
			gl.Gaps = append(gl.Gaps, gapRow{Gap: g, CanTranslate: newsroom.CanTranslate(v.User, st, nil, l)})
		}
		if v.User.Role == khabar.RoleTranslator && contains(v.User.Languages, l) {
			d.Languages = append([]gapList{gl}, d.Languages...)
		} else {
			d.Languages = append(d.Languages, gl)
		}
	}
	v.Data = d
	return s.renderAdmin(w, http.StatusOK, "translations", v)
}

// storyOriginal opens a story at its original language.
func (s *Server) storyOriginal(w http.ResponseWriter, r *http.Request) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return khabar.NotFound("err.story.not_found")
	}
	st, err := s.store.Story(r.Context(), id)
	if err != nil {
		return err
	}
	http.Redirect(w, r, editorPath(st.ID, st.OriginalLang), http.StatusSeeOther)
	return nil
}

// storyState is a story as the story pages load it: the story, all its
// versions, the version in the language of the URL (nil when there is
// none yet) and the original.
type storyState struct {
	story    *khabar.Story
	versions []khabar.Version
	lang     string
	v        *khabar.Version
	orig     *khabar.Version
}

// loadStory reads the story and language named by the URL.
func (s *Server) loadStory(r *http.Request) (*storyState, error) {
	ctx := r.Context()
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return nil, khabar.NotFound("err.story.not_found")
	}
	st := &storyState{lang: r.PathValue("lang")}
	if st.story, err = s.store.Story(ctx, id); err != nil {
		return nil, err
	}
	if st.versions, err = s.store.Versions(ctx, id); err != nil {
		return nil, err
	}
	for i := range st.versions {
		if st.versions[i].Lang == st.lang {
			st.v = &st.versions[i]
		}
		if st.versions[i].Lang == st.story.OriginalLang {
			st.orig = &st.versions[i]
		}
	}
	// With private drafts, another author's draft is not there for an
	// author: not found, rather than forbidden, says nothing of it.
	settings, err := s.store.Settings(ctx)
	if err != nil {
		return nil, err
	}
	seen := st.v
	if seen == nil {
		seen = st.orig
	}
	if !newsroom.MayRead(settings, userFrom(ctx), st.story, seen) {
		return nil, khabar.NotFound("err.story.not_found")
	}
	return st, nil
}

// loadVersionPost reads the story and version named by the URL and the
// posted form of an action on that version, with the revision the form
// was made from (base_revision), which the action checks against.
func (s *Server) loadVersionPost(r *http.Request) (*storyState, int64, error) {
	st, err := s.loadStory(r)
	if err != nil {
		return nil, 0, err
	}
	if _, err := st.version(); err != nil {
		return nil, 0, err
	}
	if err := r.ParseForm(); err != nil {
		return nil, 0, khabar.Invalid("form", "err.form")
	}
	base, err := strconv.ParseInt(r.PostForm.Get("base_revision"), 10, 64)
	if err != nil {
		return nil, 0, khabar.Invalid("base_revision", "err.base_revision.required")
	}
	return st, base, nil
}

// version returns the version in lang, or an error that says it is not
// there.
func (st *storyState) version() (*khabar.Version, error) {
	if st.v == nil {
		return nil, khabar.NotFound("err.version.not_found", "language", khabar.LangName(st.lang))
	}
	return st.v, nil
}

func editorPath(id int64, lang string) string {
	return "/admin/stories/" + strconv.FormatInt(id, 10) + "/" + url.PathEscape(lang)
}

// errorField is the form field an error is about, to mark it in the form.
func errorField(err error) string {
	var e *khabar.Error
	if errors.As(err, &e) {
		return e.Field
	}
	return ""
}

// jsonHandler is a handler for editor.js: it answers JSON, errors included.
type jsonHandler func(w http.ResponseWriter, r *http.Request) (any, error)

// jsonHandle writes a jsonHandler's answer, or its error as JSON.
func (s *Server) jsonHandle(h jsonHandler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		out, err := h(w, r)
		if err != nil {
			s.jsonFail(w, r, err)
			return
		}
		writeJSON(w, http.StatusOK, out)
	})
}

// jsonFail answers a newsroom script's request that failed: the error's
// status and {"error": "…", "code": "…"}, the message in the interface
// language so that the script can show it as it is, and for a refused
// upload the reason.
func (s *Server) jsonFail(w http.ResponseWriter, r *http.Request, err error) {
	status := statusOf(err)
	s.recordRefusal(r, err)
	if status == http.StatusInternalServerError {
		if r.Context().Err() != nil {
			return
		}
		s.log.Error("newsroom request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	body := map[string]string{"error": s.cat.Error("en", lang.LatnDigits, err), "code": string(khabar.ErrorCode(err))}
	if v, verr := s.newAdminView(r, "error.title", ""); verr == nil {
		body["error"] = v.ErrorText(err)
	}
	if e := khabar.AsError(err); e.Field != "" {
		body["field"] = e.Field
	}
	if rej := media.RejectionOf(err); rej != nil {
		body["reason"] = string(rej.Reason)
	}
	writeJSON(w, status, body)
}

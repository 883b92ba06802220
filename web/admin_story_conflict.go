package web

import (
	"html/template"
	"net/http"
	"strings"
	"time"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/lang"
	"github.com/khabarnews/khabar/markup"
	"github.com/khabarnews/khabar/newsroom"
)

// conflictData is the page shown when a save was based on an older
// revision than the saved one: both texts, what differs between them, and
// a way to save one's own text on top of the newer revision.
type conflictData struct {
	Lang        lang.Language
	Current     *khabar.Version
	SavedBy     string
	SavedAt     time.Time
	Mine        storyForm
	MineBody    string // the posted body as plain text, to read and copy
	CurrentBody string
	TitleDiff   template.HTML
	SummaryDiff template.HTML
	BodyDiff    template.HTML
	Action      string
	EditorURL   string
	CanEdit     bool
}

// conflictPage answers 409 with both the saved text and the user's.
func (s *Server) conflictPage(w http.ResponseWriter, r *http.Request, v *adminView, f storyForm) error {
	ctx := r.Context()
	st, err := s.loadStory(r)
	if err != nil {
		return err
	}
	cur, err := st.version()
	if err != nil {
		return err
	}
	path := editorPath(st.story.ID, st.lang)
	d := conflictData{Lang: langOf(st.lang), Current: cur, SavedAt: cur.UpdatedAt, Mine: f, Action: path, EditorURL: path,
		CanEdit: newsroom.CanEdit(v.User, st.story, cur, st.lang)}
	if rev, err := s.store.Revision(ctx, st.story.ID, st.lang, cur.Revision); err == nil && rev.UserID != 0 {
		if u, err := s.store.User(ctx, rev.UserID); err == nil {
			d.SavedBy = v.Name(u.Names)
		}
	}
	mine := f.Body
	if cleaned, err := newsroom.CleanBody(f.Body); err == nil {
		mine = cleaned
	}
	d.MineBody, d.CurrentBody = markup.PlainText(mine), markup.PlainText(cur.Body)
	// The diff reads from the saved text to the user's: what saving theirs
	// on top would change.
	d.TitleDiff = diffTextHTML(newsroom.DiffText(cur.Title, strings.TrimSpace(f.Title)))
	d.SummaryDiff = diffTextHTML(newsroom.DiffText(cur.Summary, strings.TrimSpace(f.Summary)))
	d.BodyDiff = diffBodyHTML(v, newsroom.DiffBody(cur.Body, mine))
	// Saving from this page is based on the revision now shown.
	d.Mine.Base = cur.Revision
	d.Mine.Do = ""
	v.Title = v.T("story.conflict.title")
	v.Error = v.T("story.error.conflict")
	v.Data = d
	return s.renderAdmin(w, http.StatusConflict, "story_conflict", v)
}


package web

import (
	"context"
	"html/template"
	"net/http"
	"strconv"
	"strings"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/newsroom"
)

// deskData is the editorial part of the editor: the workflow buttons (with
// the question each asks first when it changes the live site), scheduling
// and rescheduling, the time to take the version down, the note that goes
// with a move, an update waiting beside the live text, corrections, and
// taking the whole story off the site.
type deskData struct {
	Buttons      []deskButton
	SaveConfirm  string // the Save button changes the live site: its question
	CanSchedule  bool
	Rescheduling bool // the version is scheduled: the time moves, the schedule stays
	CanExpire    bool
	CanNote      bool
	Note         string // the note of the move that brought the version here
	NoteBy       string
	Pending      *pendingPanel
	Proposing    bool // the user's saves go into a pending update
	CanCorrect   bool
	Corrections  []khabar.Correction
	// UnpublishStory is set when the user may take every language of the
	// story off the site: the question it asks.
	UnpublishStory string
	UnpublishURL   string
}

// deskButton is one workflow button as the editor shows it.
type deskButton struct {
	workflowMove
	Confirm   string // the question asked first; "" for none
	Note      string // a field the question asks for, and its label
	NoteLabel string
}

// pendingPanel is an update saved beside the live text.
type pendingPanel struct {
	By, At     string
	Note       string
	Diff       template.HTML // from the live text to the update
	TitleDiff  template.HTML
	CanPublish bool
	CanDiscard bool
	DiscardURL string
}

// fillDesk fills the editorial part of the editor.
func (s *Server) fillDesk(ctx context.Context, v *adminView, st *storyState, d *editorData, propose bool) error {
	u, cur := v.User, st.v
	desk := &deskData{Proposing: propose, Note: cur.Note, CanNote: d.CanEdit}
	name := v.T("confirm.version", "title", cur.Title, "language", v.LangName(cur.Lang))
	for _, m := range workflowMoves {
		if !newsroom.CanTransition(u, st.story, cur, m.To) {
			continue
		}
		b := deskButton{workflowMove: m}
		switch m.To {
		case khabar.StatusPublished:
			b.Confirm = v.T("confirm.publish", "version", name)
		case khabar.StatusUnpublished:
			b.Confirm, b.Note, b.NoteLabel = v.T("confirm.unpublish", "version", name), "withdrawal_note", v.T("story.field.withdrawal_note")
		case khabar.StatusDraft:
			if cur.Status == khabar.StatusReview && !khabar.Can(u, khabar.ActPublish, khabar.Target{AuthorIDs: st.story.AuthorIDs, Lang: cur.Lang}) {
				b.Label = "story.do.recall"
			}
		}
		desk.Buttons = append(desk.Buttons, b)
	}
	if newsroom.CanPublishUpdate(u, v.Settings, st.story, cur) {
		desk.Buttons = append([]deskButton{{workflowMove: publishUpdate, Confirm: v.T("confirm.publish_update", "version", name)}}, desk.Buttons...)
	}
	if cur.Status == khabar.StatusPublished && !propose && d.CanEdit {
		desk.SaveConfirm = v.T("confirm.save_live", "version", name)
	}
	desk.CanSchedule = newsroom.CanTransition(u, st.story, cur, khabar.StatusScheduled)
	desk.Rescheduling = cur.Status == khabar.StatusScheduled
	t := khabar.Target{AuthorIDs: st.story.AuthorIDs, Lang: cur.Lang, Status: cur.Status}
	desk.CanExpire = khabar.Can(u, khabar.ActUnpublish, t) && cur.Status != khabar.StatusUnpublished && cur.Status != khabar.StatusArchived
	desk.CanCorrect = cur.Status == khabar.StatusPublished && khabar.Can(u, khabar.ActPublish, t)
	if cur.NoteBy != 0 {
		if nu, err := s.store.User(ctx, cur.NoteBy); err == nil {
			desk.NoteBy = v.Name(nu.Names)
		} else if !khabar.IsNotFound(err) {
			return err
		}
	}
	if cur.Status == khabar.StatusPublished {
		var err error
		if desk.Corrections, err = s.store.Corrections(ctx, cur.StoryID, cur.Lang); err != nil {
			return err
		}
	}
	if cur.PendingRevision != 0 {
		if err := s.fillPending(ctx, v, st, desk); err != nil {
			return err
		}
	}
	live := 0
	for _, ver := range st.versions {
		if ver.Status == khabar.StatusPublished || ver.Status == khabar.StatusScheduled {
			live++
		}
	}
	if live > 1 && khabar.Can(u, khabar.ActUnpublish, khabar.Target{AuthorIDs: st.story.AuthorIDs}) && khabar.Can(u, khabar.ActPublish, khabar.Target{AuthorIDs: st.story.AuthorIDs}) {
		title := cur.Title
		if st.orig != nil {
			title = st.orig.Title
		}
		desk.UnpublishStory = v.T("confirm.unpublish_story", "title", title, "n", uiNum(v, int64(live)))
		desk.UnpublishURL = "/admin/stories/" + strconv.FormatInt(st.story.ID, 10) + "/unpublish"
	}
	d.Desk = desk
	return nil
}

// fillPending describes the update that waits beside the live text.
func (s *Server) fillPending(ctx context.Context, v *adminView, st *storyState, desk *deskData) error {
	cur := st.v
	p, err := s.news.Working(ctx, cur)
	if err != nil {
		return err
	}
	pp := &pendingPanel{At: v.When(p.CreatedAt), Note: p.Note, CanPublish: newsroom.CanPublishUpdate(v.User, v.Settings, st.story, cur),
		DiscardURL: editorPath(st.story.ID, st.lang) + "/discard"}
	t := khabar.Target{AuthorIDs: st.story.AuthorIDs, Lang: cur.Lang, Status: cur.Status}
	pp.CanDiscard = khabar.Can(v.User, khabar.ActPublish, t) || khabar.Can(v.User, khabar.ActProposeUpdate, t)
	if p.UserID != 0 {
		if pu, err := s.store.User(ctx, p.UserID); err == nil {
			pp.By = v.Name(pu.Names)
		} else if !khabar.IsNotFound(err) {
			return err
		}
	}
	pp.TitleDiff = diffTextHTML(newsroom.DiffText(cur.Title, p.Title))
	pp.Diff = diffBodyHTML(v, newsroom.DiffBody(cur.Body, p.Body))
	desk.Pending = pp
	return nil
}

// discardUpdate drops the update waiting beside a published version.
func (s *Server) discardUpdate(w http.ResponseWriter, r *http.Request) error {
	st, base, err := s.loadVersionPost(r)
	if err != nil {
		return err
	}
	if _, err := s.news.DiscardUpdate(r.Context(), userFrom(r.Context()), st.story.ID, st.lang, base); err != nil {
		return err
	}
	seeOther(w, r, editorPath(st.story.ID, st.lang), "story_update_discarded")
	return nil
}

// unpublishStory takes every language of a story off the site at once,
// once confirmed, with what readers are told.
func (s *Server) unpublishStory(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return khabar.NotFound("err.story.not_found")
	}
	st, err := s.store.Story(ctx, id)
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return khabar.Invalid("form", "err.form")
	}
	back := r.PostForm.Get("back")
	if back == "" || !strings.HasPrefix(back, "/admin/stories/") {
		back = editorPath(id, st.OriginalLang)
	}
	if r.PostForm.Get("confirmed") == "" {
		v, err := s.newAdminView(r, "confirm.title", "stories")
		if err != nil {
			return err
		}
		c := &confirmation{Message: v.T("confirm.unpublish_story_page"), Button: v.T("story.do.unpublish_story"),
			Note: "withdrawal_note", NoteLabel: v.T("story.field.withdrawal_note")}
		return s.confirmPage(w, r, v, c, back)
	}
	notes := map[string]string{}
	vs, err := s.store.Versions(ctx, id)
	if err != nil {
		return err
	}
	for _, ver := range vs {
		notes[ver.Lang] = r.PostForm.Get("withdrawal_note")
		if n := r.PostForm.Get("withdrawal_note_" + ver.Lang); n != "" {
			notes[ver.Lang] = n
		}
	}
	if _, err := s.news.UnpublishStory(ctx, userFrom(ctx), id, r.PostForm.Get("note"), notes); err != nil {
		return err
	}
	seeOther(w, r, back, "story_withdrawn")
	return nil
}

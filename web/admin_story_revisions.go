package web

import (
	"fmt"
	"html/template"
	"net/http"
	"strconv"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/lang"
	"github.com/khabarnews/khabar/newsroom"
)

// revisionsData is the history of one version: every save, two of them
// compared, and a way back to any of them.
type revisionsData struct {
	Lang        lang.Language
	Version     *khabar.Version
	Rows        []revisionRow
	A, B        *khabar.Revision
	TitleDiff   template.HTML
	SummaryDiff template.HTML
	BodyDiff    template.HTML
	Same        bool   // the two compared revisions have the same text
	Compared    string // "revision 3 → revision 5"
	CanRestore  bool
	// RestoreConfirm names the live version a restore would change, for
	// the question asked first; "" when a restore does not reach readers.
	RestoreConfirm string
	EditorURL      string
	RestoreURL     string
	Path           string
}

// revisionRow is one revision with the name of who saved it.
type revisionRow struct {
	khabar.Revision
	Who     string
	Current bool
	Num     string // the number in the interface's digits
	PrevURL string // compares it with the revision before, "" for the first
	Live    bool   // the text readers see, or would see once published
	Confirm string // the question a restore asks first
}

func (s *Server) revisionsPage(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	st, err := s.loadStory(r)
	if err != nil {
		return err
	}
	cur, err := st.version()
	if err != nil {
		return err
	}
	v, err := s.newAdminView(r, "story.revisions", "stories")
	if err != nil {
		return err
	}
	revs, err := s.store.Revisions(ctx, st.story.ID, st.lang)
	if err != nil {
		return err
	}
	path := editorPath(st.story.ID, st.lang)
	propose := newsroom.CanPropose(v.User, st.story, cur)
	d := revisionsData{Lang: langOf(st.lang), Version: cur, EditorURL: path, RestoreURL: path + "/restore", Path: path + "/revisions",
		CanRestore: newsroom.CanEdit(v.User, st.story, cur, st.lang) || propose}
	if cur.Status == khabar.StatusPublished && !propose {
		d.RestoreConfirm = v.T("confirm.version", "title", cur.Title, "language", v.LangName(st.lang))
	}
	names := map[int64]string{}
	for _, rev := range revs {
		if _, ok := names[rev.UserID]; !ok && rev.UserID != 0 {
			if u, err := s.store.User(ctx, rev.UserID); err == nil {
				names[rev.UserID] = v.Name(u.Names)
			} else if !khabar.IsNotFound(err) {
				return err
			}
		}
	}
	// Newest first: the list is read from the top, like an inbox.
	for i := len(revs) - 1; i >= 0; i-- {
		who := names[revs[i].UserID]
		if revs[i].UserID == 0 {
			who = v.T("story.revisions.system")
		}
		row := revisionRow{Revision: revs[i], Who: who, Current: revs[i].Number == cur.Revision, Num: uiNum(v, revs[i].Number),
			Live: revs[i].Number == cur.Revision && cur.PendingRevision == 0}
		if d.RestoreConfirm != "" {
			row.Confirm = v.T("confirm.restore", "n", row.Num, "version", d.RestoreConfirm)
		}
		if revs[i].Number > 1 {
			row.PrevURL = fmt.Sprintf("%s/revisions?a=%d&b=%d", path, revs[i].Number-1, revs[i].Number)
		}
		d.Rows = append(d.Rows, row)
	}
	find := func(key string) *khabar.Revision {
		n, err := strconv.ParseInt(r.URL.Query().Get(key), 10, 64)
		if err != nil {
			return nil
		}
		for i := range revs {
			if revs[i].Number == n {
				return &revs[i]
			}
		}
		return nil
	}
	d.A, d.B = find("a"), find("b")
	if d.A != nil && d.B != nil {
		if d.A.Number > d.B.Number {
			d.A, d.B = d.B, d.A // always read from the older to the newer
		}
		title, summary, body := newsroom.DiffText(d.A.Title, d.B.Title), newsroom.DiffText(d.A.Summary, d.B.Summary), newsroom.DiffBody(d.A.Body, d.B.Body)
		d.Compared = v.T("story.revisions.compared", "a", uiNum(v, d.A.Number), "b", uiNum(v, d.B.Number))
		d.Same = !changedOps(title) && !changedOps(summary) && !changedBlocks(body) && d.A.Slug == d.B.Slug
		d.TitleDiff, d.SummaryDiff, d.BodyDiff = diffTextHTML(title), diffTextHTML(summary), diffBodyHTML(v, body)
	}
	v.Title = v.T("story.revisions.title", "title", cur.Title)
	v.Data = d
	return s.renderAdmin(w, http.StatusOK, "revisions", v)
}

// restoreRevision makes an old revision the current text, as a new
// revision, so that what was in between stays in the history.
func (s *Server) restoreRevision(w http.ResponseWriter, r *http.Request) error {
	st, base, err := s.loadVersionPost(r)
	if err != nil {
		return err
	}
	number, err := strconv.ParseInt(r.PostForm.Get("number"), 10, 64)
	if err != nil {
		return khabar.Invalid("number", "err.revision.required")
	}
	if st.v.Status == khabar.StatusPublished && !newsroom.CanPropose(userFrom(r.Context()), st.story, st.v) && r.PostForm.Get("confirmed") == "" {
		v, err := s.newAdminView(r, "confirm.title", "stories")
		if err != nil {
			return err
		}
		c := &confirmation{Message: v.T("confirm.restore", "n", uiNum(v, number), "version",
			v.T("confirm.version", "title", st.v.Title, "language", v.LangName(st.lang))), Button: v.T("story.revisions.restore")}
		return s.confirmPage(w, r, v, c, editorPath(st.story.ID, st.lang)+"/revisions")
	}
	if _, err := s.news.Restore(r.Context(), userFrom(r.Context()), st.story.ID, st.lang, number, base); err != nil {
		return err
	}
	seeOther(w, r, editorPath(st.story.ID, st.lang), "story_restored")
	return nil
}

package web

import (
	"context"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/lang"
	"github.com/khabarnews/khabar/newsroom"
)

// conflictData is the page shown when a save was based on an older
// revision than the saved one: the two texts merged against the revision
// both started from. What only one side changed is merged and shown for
// confirmation; parts both changed differently are shown side by side,
// each with a choice.
type conflictData struct {
	Lang      lang.Language
	Current   *khabar.Version
	SavedBy   string
	SavedAt   time.Time
	Mine      storyForm
	MergeBase int64 // the revision both sides started from
	Theirs    int64 // the saved revision the merge is made with
	Fields    []mergeField
	Chunks    []mergeChunk
	Conflicts int
	ConflictN string // Conflicts in the interface's digits
	Action    string
	EditorURL string
	CanEdit   bool
	Picks     url.Values // choices already made, when the page is shown again
	// SaveConfirm is the question saving the merged text asks first, when
	// it goes live at once.
	SaveConfirm string
}

// mergeField is the title, slug or summary in a merge.
type mergeField struct {
	Name, Label string
	newsroom.Field
	Picked newsroom.Side
}

// mergeChunk is a run of body blocks in a merge, as HTML on each side.
type mergeChunk struct {
	Index  string
	From   newsroom.Side
	Base   template.HTML
	Theirs template.HTML
	Mine   template.HTML
	Picked newsroom.Side
}

// conflictPage answers 409 with the merge of the saved text and the
// user's, against the revision the user started from.
func (s *Server) conflictPage(w http.ResponseWriter, r *http.Request, v *adminView, f storyForm, picks url.Values, fail error) error {
	ctx := r.Context()
	st, err := s.loadStory(r)
	if err != nil {
		return err
	}
	cur, err := st.version()
	if err != nil {
		return err
	}
	theirsN := cur.Revision
	if f.Merge && fail != nil {
		theirsN = f.Base // a pick was missing: the same merge again
	}
	m, err := s.mergeOf(ctx, st, f.mergeBase(), theirsN, f)
	if err != nil {
		return err
	}
	path := editorPath(st.story.ID, st.lang)
	d := conflictData{Lang: langOf(st.lang), Current: cur, SavedAt: cur.UpdatedAt, Mine: f, MergeBase: f.mergeBase(), Theirs: theirsN,
		Action: path, EditorURL: path, CanEdit: newsroom.CanEdit(v.User, st.story, cur, st.lang) || newsroom.CanPropose(v.User, st.story, cur),
		Conflicts: m.Conflicts(), Picks: picks}
	d.ConflictN = uiNum(v, int64(d.Conflicts))
	if cur.Status == khabar.StatusPublished && !newsroom.CanPropose(v.User, st.story, cur) {
		d.SaveConfirm = v.T("confirm.save_live", "version", v.T("confirm.version", "title", cur.Title, "language", v.LangName(cur.Lang)))
	}
	if rev, err := s.store.Revision(ctx, st.story.ID, st.lang, theirsN); err == nil && rev.UserID != 0 {
		d.SavedAt = rev.CreatedAt
		if u, err := s.store.User(ctx, rev.UserID); err == nil {
			d.SavedBy = v.Name(u.Names)
		}
	}
	for _, x := range []struct {
		name, label string
		f           newsroom.Field
	}{{"title", "story.field.title", m.Title}, {"summary", "story.field.summary", m.Summary}, {"slug", "story.field.slug", m.Slug}} {
		d.Fields = append(d.Fields, mergeField{Name: x.name, Label: x.label, Field: x.f, Picked: newsroom.Side(picks.Get("pick_" + x.name))})
	}
	for i, c := range m.Chunks {
		key := strconv.Itoa(i)
		d.Chunks = append(d.Chunks, mergeChunk{Index: key, From: c.From, Base: blocksHTML(c.Base), Theirs: blocksHTML(c.Theirs), Mine: blocksHTML(c.Mine),
			Picked: newsroom.Side(picks.Get("pick_" + key))})
	}
	// Saving from this page is based on the revision now shown.
	d.Mine.Do = ""
	v.Title = v.T("story.conflict.title")
	if fail != nil {
		v.Error = v.ErrorText(fail)
	} else {
		v.Error = v.T("story.error.conflict")
	}
	v.Data = d
	return s.renderAdmin(w, http.StatusConflict, "story_conflict", v)
}

// mergeOf merges the posted form with the saved revision theirs against
// revision base, the one the form was opened at.
func (s *Server) mergeOf(ctx context.Context, st *storyState, base, theirs int64, f storyForm) (*newsroom.Merge, error) {
	revs, err := s.store.Revisions(ctx, st.story.ID, st.lang)
	if err != nil {
		return nil, err
	}
	// The scheduler's moves make revisions without a row of their own; the
	// text at a revision is that of the last row up to it.
	at := func(n int64) newsroom.MergeText {
		var out newsroom.MergeText
		for _, r := range revs {
			if r.Number <= n {
				out = newsroom.MergeText{Title: r.Title, Slug: r.Slug, Summary: r.Summary, Body: r.Body}
			}
		}
		return out
	}
	mine := newsroom.MergeText{Title: khabar.CleanLine(f.Title), Slug: khabar.CleanLine(f.Slug), Summary: strings.TrimSpace(khabar.CleanText(f.Summary)), Body: f.Body}
	if body, err := newsroom.CleanBody(f.Body); err == nil {
		mine.Body = body
	}
	return newsroom.Merge3(at(base), at(theirs), mine), nil
}

// mergedForm applies the picks of a merge page to the form it posted: the
// merged text, based on the saved revision it was merged with.
func (s *Server) mergedForm(ctx context.Context, st *storyState, f storyForm, picks url.Values) (storyForm, error) {
	m, err := s.mergeOf(ctx, st, f.mergeBase(), f.Base, f)
	if err != nil {
		return f, err
	}
	p := newsroom.Picks{}
	for k, vs := range picks {
		if name, ok := strings.CutPrefix(k, "pick_"); ok && len(vs) > 0 {
			p[name] = newsroom.Side(vs[0])
		}
	}
	res, err := m.Result(p)
	if err != nil {
		return f, err
	}
	f.Title, f.Slug, f.Summary, f.Body = res.Title, res.Slug, res.Summary, res.Body
	f.Merge = false
	return f, nil
}

// blocksHTML shows stored (sanitised) blocks as they read.
func blocksHTML(blocks []string) template.HTML {
	return trustedHTML(strings.Join(blocks, "\n"))
}

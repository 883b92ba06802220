package web

import (
	"context"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/markup"
	"github.com/khabarnews/khabar/newsroom"
)

// maxStoryFormBytes bounds a posted story. The stored body may be 2 MiB;
// HTML pasted from a word processor is several times bigger before it is
// cleaned, and refusing it would lose what the editor pasted.
const maxStoryFormBytes = 16 << 20

// storyForm is the editor's form as posted (or as filled from what is
// saved). It is kept whole so that a refused save can show it again:
// nothing typed is ever lost to a validation error.
type storyForm struct {
	Lang        string
	Title       string
	Slug        string
	Summary     string
	Body        string
	Base        int64 // the revision the editor started from
	StoryBase   int64 // the story revision (shared fields) the editor started from
	SectionID   int64
	LeadMediaID int64
	SourceID    int64
	TagIDs      []int64
	AuthorIDs   []int64
	Featured    bool
	PublishAt   string // datetime-local, in the site's time zone
	// StoryFields is set when the form carried the story's shared fields;
	// they are not sent when the user may not change them.
	StoryFields bool
	Do          string // a workflow move to make after saving, or ""
}

// parseStoryForm reads a posted editor form.
func parseStoryForm(w http.ResponseWriter, r *http.Request) (storyForm, error) {
	r.Body = http.MaxBytesReader(w, r.Body, maxStoryFormBytes)
	if err := r.ParseForm(); err != nil {
		return storyForm{}, khabar.Invalid("form", "the form could not be read: %v", err)
	}
	p := r.PostForm
	f := storyForm{
		Lang:        p.Get("lang"),
		Title:       p.Get("title"),
		Slug:        p.Get("slug"),
		Summary:     p.Get("summary"),
		Body:        p.Get("body"),
		Featured:    p.Get("featured") != "",
		PublishAt:   p.Get("publish_at"),
		StoryFields: p.Get("story_fields") != "",
		Do:          p.Get("do"),
	}
	var err error
	ids := []struct {
		name string
		dst  *int64
	}{{"base_revision", &f.Base}, {"story_revision", &f.StoryBase}, {"section", &f.SectionID}, {"lead_media", &f.LeadMediaID}, {"source", &f.SourceID}}
	for _, x := range ids {
		if *x.dst, err = formID(p.Get(x.name)); err != nil {
			return f, khabar.Invalid(x.name, "%q is not a number", p.Get(x.name))
		}
	}
	for _, x := range []struct {
		name string
		dst  *[]int64
	}{{"tags", &f.TagIDs}, {"authors", &f.AuthorIDs}} {
		for _, s := range p[x.name] {
			id, err := formID(s)
			if err != nil {
				return f, khabar.Invalid(x.name, "%q is not a number", s)
			}
			if id != 0 && !slices.Contains(*x.dst, id) {
				*x.dst = append(*x.dst, id)
			}
		}
	}
	return f, nil
}

// formID reads an id; an empty field is 0 (none).
func formID(s string) (int64, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id < 0 {
		return 0, khabar.Invalid("id", "not an id")
	}
	return id, nil
}

// formOf fills the form from what is saved.
func formOf(st *khabar.Story, v *khabar.Version, loc *time.Location) storyForm {
	f := storyForm{Lang: v.Lang, Title: v.Title, Slug: v.Slug, Summary: v.Summary, Body: v.Body, Base: v.Revision,
		StoryBase: st.Revision, SectionID: st.SectionID, LeadMediaID: st.LeadMediaID, SourceID: st.SourceID,
		TagIDs: st.TagIDs, AuthorIDs: st.AuthorIDs, Featured: st.Featured}
	if (v.Status == khabar.StatusScheduled || v.Status == khabar.StatusPublished) && !v.PublishedAt.IsZero() {
		f.PublishAt = v.PublishedAt.In(loc).Format(datetimeLocal)
	}
	return f
}

// datetimeLocal is the value format of <input type="datetime-local">.
const datetimeLocal = "2006-01-02T15:04"

func (f storyForm) storyInput() newsroom.StoryInput {
	return newsroom.StoryInput{SectionID: f.SectionID, LeadMediaID: f.LeadMediaID, SourceID: f.SourceID,
		TagIDs: f.TagIDs, AuthorIDs: f.AuthorIDs, Featured: f.Featured, BaseRevision: f.StoryBase}
}

func (f storyForm) versionInput(lang string) newsroom.VersionInput {
	return newsroom.VersionInput{Lang: lang, Title: f.Title, Slug: f.Slug, Summary: f.Summary, Body: f.Body, BaseRevision: f.Base}
}

// checkTitle refuses an empty title before anything is saved, so that a
// form without one changes nothing at all.
func (f storyForm) checkTitle() error {
	if strings.TrimSpace(f.Title) == "" {
		return khabar.Invalid("title", "title is required")
	}
	return nil
}

// textChanged reports whether the form's text differs from the saved
// version; an unchanged form makes no new revision.
func (f storyForm) textChanged(v *khabar.Version) bool {
	if strings.TrimSpace(f.Title) != v.Title || strings.TrimSpace(f.Summary) != v.Summary {
		return true
	}
	if slug := strings.TrimSpace(f.Slug); slug != "" && slug != v.Slug {
		return true
	}
	body, err := markup.Clean(f.Body)
	return err != nil || body != v.Body
}

// storyChanged reports whether the form's shared fields differ from the story.
func (f storyForm) storyChanged(st *khabar.Story) bool {
	return f.SectionID != st.SectionID || f.LeadMediaID != st.LeadMediaID || f.SourceID != st.SourceID ||
		f.Featured != st.Featured || !slices.Equal(f.TagIDs, st.TagIDs) ||
		(len(f.AuthorIDs) > 0 && !slices.Equal(f.AuthorIDs, st.AuthorIDs))
}

// saveForm saves an editor form: the version's text when it differs from
// what is saved, then the story's shared fields when they changed and the
// user may change them. It returns the version as it now is, also when the
// second step fails, so that the form shown again carries the new revision.
func (s *Server) saveForm(ctx context.Context, u *khabar.User, st *storyState, f storyForm) (*khabar.Version, error) {
	v := st.v
	if err := f.checkTitle(); err != nil {
		return v, err
	}
	if f.Base != v.Revision || f.textChanged(v) {
		saved, err := s.news.SaveVersion(ctx, u, st.story.ID, f.versionInput(st.lang))
		if err != nil {
			return v, err
		}
		v = saved
		if st.orig != nil && st.orig.Lang == v.Lang {
			st.orig = v
		}
	}
	if f.StoryFields && f.storyChanged(st.story) && newsroom.CanEditStory(u, st.story, st.orig) {
		if err := s.news.UpdateStory(ctx, u, st.story.ID, f.storyInput()); err != nil {
			return v, err
		}
	}
	return v, nil
}

// workflowMove is one workflow button of the editor.
type workflowMove struct {
	Do      string
	To      khabar.Status
	Label   string // catalogue key
	Primary bool
}

// workflowMoves are the editor's workflow buttons, in the order shown.
// Scheduling has its own control, with its time.
var workflowMoves = []workflowMove{
	{Do: "review", To: khabar.StatusReview, Label: "story.do.review", Primary: true},
	{Do: "publish", To: khabar.StatusPublished, Label: "story.do.publish", Primary: true},
	{Do: "unpublish", To: khabar.StatusUnpublished, Label: "story.do.unpublish"},
	{Do: "draft", To: khabar.StatusDraft, Label: "story.do.draft"},
}

// moveFor returns the status a "do" value asks for.
func moveFor(do string) (khabar.Status, bool) {
	if do == "schedule" {
		return khabar.StatusScheduled, true
	}
	for _, m := range workflowMoves {
		if m.Do == do {
			return m.To, true
		}
	}
	return "", false
}

// checkMove refuses a workflow move before anything is saved, so that a
// refused move (a forged "publish" from an author) changes nothing.
func checkMove(u *khabar.User, st *storyState, to khabar.Status) error {
	if !newsroom.ValidTransition(st.v.Status, to) {
		return khabar.Invalid("status", "a version that is %s cannot become %s", st.v.Status, to)
	}
	if !newsroom.CanTransition(u, st.story, st.v, to) {
		return khabar.Errorf(khabar.EForbidden, "your role does not allow you to move this version to %s", to)
	}
	return nil
}

// scheduleTime reads the publication time of a form, in the site's zone.
func scheduleTime(f storyForm, loc *time.Location) (time.Time, error) {
	t, err := time.ParseInLocation(datetimeLocal, strings.TrimSpace(f.PublishAt), loc)
	if err != nil {
		return time.Time{}, khabar.Invalid("published_at", "choose a publication time")
	}
	return t, nil
}

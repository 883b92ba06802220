package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/newsroom"
)

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
	TagNames    string // tags typed by name, without the picker's script
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
	if err := readForm(r); err != nil { // within storyFormBytes (bodies.go)
		return storyForm{}, err
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
		TagNames:    p.Get("tag_names"),
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
			return f, khabar.Invalid(x.name, "err.number", "value", p.Get(x.name))
		}
	}
	for _, x := range []struct {
		name string
		dst  *[]int64
	}{{"tags", &f.TagIDs}, {"authors", &f.AuthorIDs}} {
		for _, s := range p[x.name] {
			id, err := formID(s)
			if err != nil {
				return f, khabar.Invalid(x.name, "err.number", "value", s)
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
		return 0, khabar.Invalid("id", "err.number", "value", s)
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

// edit is the save the form asks for: its text, its shared fields when it
// carried them, and the workflow move to, at its time.
func (f storyForm) edit(to khabar.Status, at time.Time) newsroom.Edit {
	e := newsroom.Edit{Version: f.versionInput(f.Lang), Move: to, At: at}
	if f.StoryFields {
		in := f.storyInput()
		e.Story = &in
	}
	return e
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

// scheduleTime reads the publication time of a form, in the site's zone.
func scheduleTime(f storyForm, loc *time.Location) (time.Time, error) {
	t, err := time.ParseInLocation(datetimeLocal, strings.TrimSpace(f.PublishAt), loc)
	if err != nil {
		return time.Time{}, khabar.Invalid("published_at", "err.published_at.required")
	}
	return t, nil
}

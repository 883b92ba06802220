package web

import (
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/newsroom"
)

// What readers see changes only when someone means it: a save, a move or a
// restore that would change the live site asks first. editor.js asks in a
// dialog; without a script (or when the dialog was bypassed) the server
// asks with a page that posts the same form again, confirmed.

// confirmation is what a live change asks before it is made.
type confirmation struct {
	Message string
	Button  string // the label of the button that confirms
	// Note, when set, is the name of a field the confirmation asks for
	// (what readers of a withdrawn article are told), with its label.
	Note, NoteLabel string
}

// confirmData is the confirmation page: the question and the posted form.
type confirmData struct {
	confirmation
	Action string
	Fields []formField
	Back   string // where "no" leads when there is no form to go back to
	Cancel bool   // "no" posts the form back to the editor, with its text
}

type formField struct{ Name, Value string }

// liveChange says what a save of form f with move to would change on the
// live site, nil when nothing readers see changes.
func (s *Server) liveChange(v *adminView, st *storyState, f storyForm, to khabar.Status) *confirmation {
	cur := st.v
	name := v.T("confirm.version", "title", cur.Title, "language", v.LangName(cur.Lang))
	// A move the user may not make is refused, not asked about.
	if to == khabar.StatusPublished && cur.Status == khabar.StatusPublished && cur.PendingRevision != 0 {
		if !newsroom.CanPublishUpdate(v.User, v.Settings, st.story, cur) {
			return nil
		}
	} else if to != "" && !newsroom.CanTransition(v.User, st.story, cur, to) {
		return nil
	}
	switch {
	case to == khabar.StatusPublished && cur.Status == khabar.StatusPublished && cur.PendingRevision != 0:
		return &confirmation{Message: v.T("confirm.publish_update", "version", name), Button: v.T("story.do.publish_update")}
	case to == khabar.StatusPublished:
		return &confirmation{Message: v.T("confirm.publish", "version", name), Button: v.T("story.do.publish")}
	case to == khabar.StatusUnpublished || to == khabar.StatusArchived:
		return &confirmation{Message: v.T("confirm.unpublish", "version", name), Button: v.T("story.do.unpublish"),
			Note: "withdrawal_note", NoteLabel: v.T("story.field.withdrawal_note")}
	case cur.Status != khabar.StatusPublished || newsroom.CanPropose(v.User, st.story, cur):
		return nil
	}
	if f.CorrectionKind != "" || textChanged(cur, f) || (f.StoryFields && sharedChanged(st.story, f)) {
		return &confirmation{Message: v.T("confirm.save_live", "version", name), Button: v.T("admin.save")}
	}
	return nil
}

// textChanged reports whether the form's text differs from the version's.
func textChanged(cur *khabar.Version, f storyForm) bool {
	body, err := newsroom.CleanBody(f.Body)
	if err != nil {
		return true
	}
	slug := khabar.CleanLine(f.Slug)
	return body != cur.Body || khabar.CleanLine(f.Title) != cur.Title || strings.TrimSpace(khabar.CleanText(f.Summary)) != cur.Summary ||
		(slug != "" && slug != cur.Slug)
}

// sharedChanged reports whether the form's shared fields differ from the story's.
func sharedChanged(st *khabar.Story, f storyForm) bool {
	return f.SectionID != st.SectionID || f.LeadMediaID != st.LeadMediaID || f.SourceID != st.SourceID || f.Featured != st.Featured ||
		!slices.Equal(f.TagIDs, st.TagIDs) || (len(f.AuthorIDs) > 0 && !slices.Equal(f.AuthorIDs, st.AuthorIDs))
}

// confirmPage asks before a live change, with the posted form ready to be
// sent again, confirmed.
func (s *Server) confirmPage(w http.ResponseWriter, r *http.Request, v *adminView, c *confirmation, action string) error {
	d := confirmData{confirmation: *c, Action: r.URL.Path, Back: action, Cancel: strings.HasPrefix(r.URL.Path, "/admin/stories/") && r.PostForm.Has("title")}
	for _, name := range sortedKeys(r.PostForm) {
		if name == "confirmed" || name == "cancel" || name == c.Note {
			continue
		}
		for _, val := range r.PostForm[name] {
			d.Fields = append(d.Fields, formField{name, val})
		}
	}
	v.Title = v.T("confirm.title")
	v.Data = d
	return s.renderAdmin(w, http.StatusOK, "confirm", v)
}

func sortedKeys(vs url.Values) []string {
	keys := make([]string, 0, len(vs))
	for k := range vs {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

package web

import (
	"context"
	"errors"
	"html/template"
	"net/http"
	"time"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/lang"
	"github.com/khabarnews/khabar/markup"
	"github.com/khabarnews/khabar/newsroom"
)

// editorData is the story editor: the form, the choices its fields offer,
// and what the user may do.
type editorData struct {
	New          bool
	Posted       bool // the form shows what was posted, not what is saved
	Form         storyForm
	Lang         lang.Language
	Story        *khabar.Story
	Version      *khabar.Version // as saved; nil for a new story
	Action       string
	AutosaveURL  string
	AutosaveOff  bool // the version is live: saving is by hand only
	PreviewURL   string
	PublicURL    string // the reader's page, once the version is published
	RevisionsURL string
	Languages    []lang.Language // for a new story's language
	Sections     []khabar.Section
	Sources      []khabar.Source
	Choices      *storyChoices // tags, authors, images (admin_story_choices.go)
	CanEdit      bool
	CanEditStory bool
	Versions     []versionLink
	Translate    []lang.Language // languages the user may start a translation into
	Original     *originalPane
	Outdated     *outdatedNote
	ErrorField   string
	PhotoLabel   string // "Photo: {credit}" in the story's language, for editor.js
	ReadBody     template.HTML
	RevisionText string // "revision 7", in the interface's digits
	Desk         *deskData
	Images       *storyImages // the story's images with their texts in this language
	// Wire lists the agency items the story was made from, so that the
	// writer keeps the agency's link once its text is rewritten.
	Wire []khabar.WireItem
}

// uiNum writes a number in the interface language's digits.
func uiNum(v *adminView, n int64) string {
	return lang.FormatInt(int(n), v.UI.Tag, lang.Digits(v.Settings.ArabicDigits))
}

// versionLink is one language version of the story, for the language tabs.
type versionLink struct {
	Lang     lang.Language
	Title    string
	Status   khabar.Status
	Href     string
	Current  bool
	Outdated bool
	Pending  bool // an update waits to be published
}

// originalPane is the original version shown beside a translation.
type originalPane struct {
	Lang    lang.Language
	Version *khabar.Version
	Body    template.HTML
	Href    string
}

// outdatedNote says what changed in the original since the translation
// was last brought up to date with it.
type outdatedNote struct {
	Since       string // revision numbers, in the interface's digits
	Now         string
	TitleDiff   template.HTML
	SummaryDiff template.HTML
	BodyDiff    template.HTML
	TextChanged bool
	Unknown     bool // the revision it was made from is not known: no diff
	CanConfirm  bool
	ConfirmURL  string
}

func langOf(tag string) lang.Language {
	if l, ok := lang.Lookup(tag); ok {
		return l
	}
	return lang.Language{Tag: tag, Name: tag, Short: tag, Dir: lang.Direction(tag)}
}

// newStoryPage is the empty editor.
func (s *Server) newStoryPage(w http.ResponseWriter, r *http.Request) error {
	v, err := s.newAdminView(r, "story.new", "stories")
	if err != nil {
		return err
	}
	if !newsroom.CanCreate(v.User) {
		return khabar.Forbidden("err.forbidden.create_story")
	}
	f := storyForm{Lang: r.URL.Query().Get("lang"), AuthorIDs: []int64{v.User.ID}}
	if !v.Settings.HasLang(f.Lang) {
		f.Lang = v.UI.Tag
		if !v.Settings.HasLang(f.Lang) {
			f.Lang = v.Settings.DefaultLang
		}
	}
	return s.renderNewStory(w, r, v, f, nil)
}

// renderNewStory shows the new-story editor; after a refused save, fail is why.
func (s *Server) renderNewStory(w http.ResponseWriter, r *http.Request, v *adminView, f storyForm, fail error) error {
	status := http.StatusOK
	if fail != nil {
		status, v.Error = statusOf(fail), v.ErrorText(fail)
	}
	d := &editorData{New: true, Posted: fail != nil, ErrorField: errorField(fail), Form: f, Lang: langOf(f.Lang), Action: "/admin/stories/new",
		AutosaveURL: "/admin/stories/new/autosave", CanEdit: true, CanEditStory: true}
	for _, l := range v.Settings.Languages {
		d.Languages = append(d.Languages, langOf(l))
	}
	if err := s.fillChoices(r.Context(), v, d); err != nil {
		return err
	}
	v.Data = d
	return s.renderAdmin(w, status, "story_edit", v)
}

// createStory starts a story from the new-story form.
func (s *Server) createStory(w http.ResponseWriter, r *http.Request) error {
	v, err := s.newAdminView(r, "story.new", "stories")
	if err != nil {
		return err
	}
	f, err := parseStoryForm(w, r)
	if err == nil {
		err = s.resolveTagNames(r.Context(), &f)
	}
	if err == nil {
		var st *khabar.Story
		if st, _, err = s.createFromForm(r.Context(), v, f); err == nil {
			seeOther(w, r, editorPath(st.ID, f.Lang), "story_created")
			return nil
		}
	}
	s.recordRefusal(r, err)
	switch khabar.ErrorCode(err) {
	case khabar.EInvalid, khabar.EForbidden:
		if !v.Settings.HasLang(f.Lang) {
			f.Lang = v.Settings.DefaultLang
		}
		return s.renderNewStory(w, r, v, f, err)
	}
	return err
}

func (s *Server) createFromForm(ctx context.Context, v *adminView, f storyForm) (*khabar.Story, *khabar.Version, error) {
	f.Base = 0
	return s.news.CreateStory(ctx, v.User, f.storyInput(), f.versionInput(f.Lang))
}

// editStoryPage is the editor of one language version.
func (s *Server) editStoryPage(w http.ResponseWriter, r *http.Request) error {
	st, err := s.loadStory(r)
	if err != nil {
		return err
	}
	if _, err := st.version(); err != nil {
		return err
	}
	v, err := s.newAdminView(r, "story.edit", "stories")
	if err != nil {
		return err
	}
	f := formOf(st.story, st.v, v.Settings.Location())
	if st.v.PendingRevision != 0 {
		// An update waits: the editor goes on with it, not the live text.
		p, err := s.news.Working(r.Context(), st.v)
		if err != nil {
			return err
		}
		f.Title, f.Slug, f.Summary, f.Body = p.Title, p.Slug, p.Summary, p.Body
	}
	return s.renderEditor(w, r, v, st, f, nil)
}

// renderEditor shows the editor of an existing version with the form f;
// after a refused save, fail is why, and f is what was posted.
func (s *Server) renderEditor(w http.ResponseWriter, r *http.Request, v *adminView, st *storyState, f storyForm, fail error) error {
	return s.renderEditorWith(w, r, v, st, f, fail != nil, fail)
}

// renderEditorWith is renderEditor; posted says that f is what was posted
// and is saved nowhere (a refused save, or a change not confirmed).
func (s *Server) renderEditorWith(w http.ResponseWriter, r *http.Request, v *adminView, st *storyState, f storyForm, posted bool, fail error) error {
	ctx := r.Context()
	u := v.User
	path := editorPath(st.story.ID, st.lang)
	status := http.StatusOK
	if fail != nil {
		status, v.Error = statusOf(fail), v.ErrorText(fail)
	}
	propose := newsroom.CanPropose(u, st.story, st.v)
	d := &editorData{Posted: posted, Form: f, ErrorField: errorField(fail), Lang: langOf(st.lang), Story: st.story, Version: st.v,
		Action: path, AutosaveURL: path + "/autosave", PreviewURL: path + "/preview", RevisionsURL: path + "/revisions",
		CanEdit: newsroom.CanEdit(u, st.story, st.v, st.lang) || propose, CanEditStory: newsroom.CanEditStory(u, st.story, st.orig)}
	if st.v.Status == khabar.StatusPublished && !st.v.PublishedAt.After(time.Now()) {
		d.PublicURL = articlePath(st.lang, st.story.ID, st.v.Slug)
	}
	v.Title = st.v.Title
	d.RevisionText = v.T("story.revision", "n", uiNum(v, st.v.Revision))
	if (st.v.Status == khabar.StatusPublished || st.v.Status == khabar.StatusScheduled) && !propose {
		// What is saved of a published version is on the site at once: only
		// a deliberate Save may put half-written text in front of readers.
		// An update saved beside the live text is safe to save as it grows.
		d.AutosaveURL, d.AutosaveOff = "", d.CanEdit
	}
	if !d.CanEdit {
		d.AutosaveURL = ""
		if fail == nil {
			d.ReadBody = trustedHTML(st.v.Body)
		}
	}
	if err := s.fillDesk(ctx, v, st, d, propose); err != nil {
		return err
	}
	if mayEditImageTexts(u, st, st.lang) {
		var err error
		if d.Images, err = s.fillImages(ctx, st, st.lang); err != nil {
			return err
		}
	}
	have := map[string]bool{}
	for _, ver := range st.versions {
		have[ver.Lang] = true
		l := versionLink{Lang: langOf(ver.Lang), Title: ver.Title, Status: ver.Status, Href: editorPath(st.story.ID, ver.Lang),
			Current: ver.Lang == st.lang, Pending: ver.UpdateWaiting()}
		if st.orig != nil {
			l.Outdated = ver.Outdated(st.orig.Lang, st.orig.ContentRevision)
		}
		d.Versions = append(d.Versions, l)
	}
	for _, l := range v.Settings.Languages {
		if !have[l] && newsroom.CanTranslate(u, st.story, nil, l) {
			d.Translate = append(d.Translate, langOf(l))
		}
	}
	if st.orig != nil && st.orig.Lang != st.lang {
		if err := s.fillOriginal(ctx, v, st, d); err != nil {
			return err
		}
	}
	if err := s.fillChoices(ctx, v, d); err != nil {
		return err
	}
	if st.orig != nil && khabar.Can(u, khabar.ActUseWire, khabar.Target{}) {
		var err error
		if d.Wire, _, err = s.store.WireItems(ctx, khabar.WireFilter{Lang: st.orig.Lang, StoryID: st.story.ID, Limit: 10}); err != nil {
			return err
		}
	}
	v.Data = d
	return s.renderAdmin(w, status, "story_edit", v)
}

// fillOriginal puts the original beside a translation and, when the
// original changed since the translation was brought up to date, what
// changed in it.
func (s *Server) fillOriginal(ctx context.Context, v *adminView, st *storyState, d *editorData) error {
	o := st.orig
	ol := langOf(o.Lang)
	body := o.Body
	if ol.Dir == lang.RTL {
		body = markup.Isolate(body)
	}
	d.Original = &originalPane{Lang: ol, Version: o, Body: trustedHTML(body), Href: editorPath(st.story.ID, o.Lang)}
	if !st.v.Outdated(o.Lang, o.ContentRevision) {
		return nil
	}
	// What changed since the text the translation, or its update waiting
	// for review, was made against.
	synced := max(st.v.SyncedRevision, st.v.PendingSynced)
	n := &outdatedNote{Since: uiNum(v, synced), Now: uiNum(v, o.Revision),
		CanConfirm: newsroom.CanTranslate(v.User, st.story, st.v, st.lang), ConfirmURL: editorPath(st.story.ID, st.lang) + "/confirm"}
	// A translation made outside the newsroom (an import, the demo) does
	// not know its revision of the original; a diff from nothing would
	// mark the whole original as new, which says nothing.
	if synced == 0 {
		n.Unknown = true
		d.Outdated = n
		return nil
	}
	rev, err := s.store.Revision(ctx, st.story.ID, o.Lang, synced)
	if khabar.IsNotFound(err) {
		n.Unknown = true
		d.Outdated = n
		return nil
	}
	if err != nil {
		return err
	}
	was := *rev
	title, summary, blocks := newsroom.DiffText(was.Title, o.Title), newsroom.DiffText(was.Summary, o.Summary), newsroom.DiffBody(was.Body, o.Body)
	n.TextChanged = changedOps(title) || changedOps(summary) || changedBlocks(blocks)
	n.TitleDiff, n.SummaryDiff, n.BodyDiff = diffTextHTML(title), diffTextHTML(summary), diffBodyHTML(v, blocks)
	d.Outdated = n
	return nil
}

// saveStory saves the editor's form and makes the workflow move its button
// asked for, if any: one newsroom call, applied whole or not at all. A
// save that would change what readers see now asks for confirmation first;
// a form from the merge page is merged with the picks made there.
func (s *Server) saveStory(w http.ResponseWriter, r *http.Request) error {
	st, err := s.loadStory(r)
	if err != nil {
		return err
	}
	if _, err := st.version(); err != nil {
		return err
	}
	v, err := s.newAdminView(r, "story.edit", "stories")
	if err != nil {
		return err
	}
	f, err := parseStoryForm(w, r)
	f.Lang = st.lang
	if err == nil {
		err = s.resolveTagNames(r.Context(), &f)
	}
	if err != nil {
		return s.storyFormError(w, r, v, f, err)
	}
	if r.PostForm.Get("cancel") != "" {
		// Back from the confirmation, with what was typed.
		return s.renderEditorWith(w, r, v, st, f, true, nil)
	}
	if f.Merge {
		merged, err := s.mergedForm(r.Context(), st, f, r.PostForm)
		if khabar.ErrorCode(err) == khabar.EInvalid {
			return s.conflictPage(w, r, v, f, r.PostForm, err)
		}
		if err != nil {
			return err
		}
		f = merged
	}
	to, moving := moveFor(f.Do)
	if f.Do != "" && !moving {
		return s.storyFormError(w, r, v, f, khabar.Invalid("status", "err.status.unknown_move", "move", f.Do))
	}
	when, err := scheduleTimeIf(f, to, v)
	if err != nil {
		return s.storyFormError(w, r, v, f, err)
	}
	e, err := f.edit(to, when, v.Settings.Location())
	if err != nil {
		return s.storyFormError(w, r, v, f, err)
	}
	if c := s.liveChange(v, st, f, to); c != nil && !f.Confirmed {
		return s.confirmPage(w, r, v, c, editorPath(st.story.ID, st.lang))
	}
	if _, err := s.news.SaveStory(r.Context(), v.User, st.story.ID, e); err != nil {
		return s.storyFormError(w, r, v, f, err)
	}
	done := "story_saved"
	switch {
	case f.Do == publishUpdate.Do:
		done = "story_update_published"
	case moving:
		done = "story_" + string(to)
	case st.v.Status == khabar.StatusPublished && newsroom.CanPropose(v.User, st.story, st.v):
		done = "story_update_saved"
	}
	seeOther(w, r, editorPath(st.story.ID, st.lang), done)
	return nil
}

// scheduleTimeIf reads the publication time when the move is scheduling.
func scheduleTimeIf(f storyForm, to khabar.Status, v *adminView) (time.Time, error) {
	if to != khabar.StatusScheduled {
		return time.Time{}, nil
	}
	return scheduleTime(f, v.Settings.Location())
}

// storyFormError answers a refused save without losing the form: a
// conflict merges both texts; invalid input and a refused permission show
// the form again as it was posted, with the reason.
func (s *Server) storyFormError(w http.ResponseWriter, r *http.Request, v *adminView, f storyForm, err error) error {
	s.recordRefusal(r, err)
	code := khabar.ErrorCode(err)
	var kerr *khabar.Error
	storyConflict := code == khabar.EConflict && errors.As(err, &kerr) && kerr.Field == "story_revision"
	switch {
	case code == khabar.EConflict && !storyConflict:
		return s.conflictPage(w, r, v, f, nil, nil)
	case code == khabar.EInvalid, code == khabar.EForbidden, storyConflict:
		// Reload, so that the page shows the status and buttons as they
		// now are (someone may have moved the story meanwhile). The form
		// keeps what was posted.
		fresh, lerr := s.loadStory(r)
		if lerr != nil {
			return lerr
		}
		if _, lerr := fresh.version(); lerr != nil {
			return lerr
		}
		if storyConflict {
			// Someone else changed the section, tags or image: the form
			// keeps this editor's choices, and saving it again applies them
			// over what is now saved, knowingly.
			f.StoryBase = fresh.story.Revision
		}
		return s.renderEditor(w, r, v, fresh, f, err)
	}
	return err
}

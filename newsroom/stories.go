package newsroom

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/lang"
	"github.com/khabarnews/khabar/markup"
)

// StoryInput is what an editor sets on a story as a whole.
type StoryInput struct {
	SectionID   int64
	LeadMediaID int64
	SourceID    int64
	TagIDs      []int64
	AuthorIDs   []int64
	Featured    bool
	// BaseRevision is the story revision the editor started from; a change
	// based on an older one is refused with EConflict.
	BaseRevision int64
}

// VersionInput is what an editor writes in one language. BaseRevision is
// the revision the editor started from (0 for a new version).
type VersionInput struct {
	Lang         string
	Title        string
	Slug         string // made from the title when empty
	Summary      string
	Body         string // as typed or pasted: cleaned here
	BaseRevision int64
	// Synced is, for a translation, the original's revision the writer had
	// beside them (0: none). A save made with the original's text as it
	// now is brings the translation up to date with it.
	Synced int64
	// Note goes with a change saved as a pending update, for the editor
	// who publishes it.
	Note string
}

// Edit is one save of the story editor: the text of one language version,
// the story's shared fields when the form carried them, and a workflow
// move to make once both are saved. It is applied whole or not at all.
type Edit struct {
	Version VersionInput
	// Story is nil when the shared fields are not part of this save (the
	// form did not carry them: the user may not change them).
	Story *StoryInput
	// Move is the status to move the version to after saving, "" for none;
	// At is the publication time when Move is StatusScheduled. Moving a
	// published version with a pending update to StatusPublished publishes
	// the update.
	Move khabar.Status
	At   time.Time
	// Note goes with the move (or with an update saved for an editor),
	// for the next person: the dashboard and the history show it.
	Note string
	// WithdrawalNote is what readers are told when the move takes the
	// version down.
	WithdrawalNote string
	// Expiry, when not nil, is when the version is to be taken down by the
	// scheduler; a zero time clears it.
	Expiry *time.Time
	// Correction, when not nil, puts a notice on the published version.
	Correction *CorrectionInput
}

// CorrectionInput is a notice an editor puts on a published version.
type CorrectionInput struct {
	Kind khabar.CorrectionKind
	Note string
}

// Saved is what a save left: the story and the version as they now are.
type Saved struct {
	Story   *khabar.Story
	Version *khabar.Version
}

// state is a story as a use case reads it inside its transaction.
type state struct {
	story    *khabar.Story
	versions []khabar.Version
	settings khabar.Settings
}

// load reads a story, its versions and the site's settings.
func (s *Service) load(ctx context.Context, storyID int64) (*state, error) {
	story, err := s.store.Story(ctx, storyID)
	if err != nil {
		return nil, err
	}
	vs, err := s.store.Versions(ctx, storyID)
	if err != nil {
		return nil, err
	}
	settings, err := s.store.Settings(ctx)
	if err != nil {
		return nil, err
	}
	return &state{story: story, versions: vs, settings: settings}, nil
}

// version returns the story's version in l, nil when it has none.
func (st *state) version(l string) *khabar.Version {
	for i := range st.versions {
		if st.versions[i].Lang == l {
			v := st.versions[i]
			return &v
		}
	}
	return nil
}

func target(story *khabar.Story, v *khabar.Version, l string) khabar.Target {
	t := khabar.Target{AuthorIDs: story.AuthorIDs, Lang: l}
	if v != nil {
		t.Status = v.Status
	}
	return t
}

// prepare cleans and checks a version's input, so that what is stored is
// always in its one canonical form: texts without control characters, a
// cleaned body and a slug.
func prepare(settings khabar.Settings, in VersionInput) (VersionInput, error) {
	if !settings.HasLang(in.Lang) {
		return in, khabar.Invalid("lang", "err.lang.unknown", "lang", in.Lang)
	}
	in.Title = khabar.CleanLine(in.Title)
	in.Summary = strings.TrimSpace(khabar.CleanText(in.Summary))
	if !khabar.Visible(in.Title) {
		return in, khabar.Invalid("title", "err.title.required")
	}
	body, err := CleanBody(in.Body)
	if err != nil {
		return in, err
	}
	in.Body = body
	in.Slug = khabar.CleanLine(in.Slug)
	if in.Slug != "" {
		in.Slug = lang.Slugify(in.Slug, in.Lang, lang.SlugNative)
	}
	if in.Slug == "" {
		in.Slug = titleSlug(settings, in.Title, in.Lang)
	}
	return in, nil
}

// CleanBody is an article body as it is stored: control characters
// dropped, pasted word-processor markup cleaned, sanitised. The editor's
// paste and preview use it too, so that what they show is what a save
// keeps.
func CleanBody(html string) (string, error) {
	if markup.IsClean(html) {
		return html, nil // already in its stored form: an archive, a save without a change
	}
	body, err := markup.Clean(khabar.CleanText(html))
	if err != nil {
		return "", khabar.Invalid("body", "err.body.unreadable").Because(err)
	}
	return body, nil
}

// titleSlug is the slug made from a title in the site's slug style.
func titleSlug(settings khabar.Settings, title, l string) string {
	if s := lang.Slugify(title, l, lang.SlugStyle(settings.SlugStyle)); s != "" {
		return s
	}
	if s := lang.Slugify(title, l, lang.SlugNative); s != "" {
		return s
	}
	return "story"
}

// slugFor decides the slug of a saved version. A slug readers have seen (the
// version was published) changes only when someone types a new one. A slug
// never published that is still the one made from the title follows the
// title, so that a translation started from the original's text gets an
// address in its own language once the translator writes the title.
func slugFor(settings khabar.Settings, cur *khabar.Version, in VersionInput) string {
	typed := khabar.CleanLine(in.Slug)
	if cur == nil || (typed != "" && typed != cur.Slug) {
		return typed
	}
	if !cur.PublishedAt.IsZero() {
		return cur.Slug
	}
	if cur.Slug == titleSlug(settings, cur.Title, cur.Lang) {
		return ""
	}
	return cur.Slug
}

// CreateStory starts a story with its first version, a draft.
func (s *Service) CreateStory(ctx context.Context, actor *khabar.User, st StoryInput, in VersionInput) (*khabar.Story, *khabar.Version, error) {
	if err := allow(actor, khabar.ActCreateStory, khabar.Target{}); err != nil {
		return nil, nil, err
	}
	settings, err := s.store.Settings(ctx)
	if err != nil {
		return nil, nil, err
	}
	if in, err = prepare(settings, in); err != nil {
		return nil, nil, err
	}
	if len(st.AuthorIDs) == 0 {
		st.AuthorIDs = []int64{actor.ID}
	}
	story := &khabar.Story{SectionID: st.SectionID, LeadMediaID: st.LeadMediaID, SourceID: st.SourceID,
		TagIDs: st.TagIDs, AuthorIDs: st.AuthorIDs, Featured: st.Featured, OriginalLang: in.Lang}
	v := &khabar.Version{Lang: in.Lang, Title: in.Title, Slug: in.Slug, Summary: in.Summary, Body: in.Body, Status: khabar.StatusDraft}
	err = s.one(ctx, actor, func(ctx context.Context) (entry, error) {
		if err := s.store.CreateStory(ctx, story, []*khabar.Version{v}); err != nil {
			return entry{}, err
		}
		return entry{action: "story.create", object: storyObject(story.ID, in.Lang), detail: in.Title}, nil
	})
	if err != nil {
		return nil, nil, err
	}
	return story, v, nil
}

// SaveVersion saves an edit of one language version. A save based on an
// older revision than the current one is refused with EConflict, and
// nothing is overwritten.
func (s *Service) SaveVersion(ctx context.Context, actor *khabar.User, storyID int64, in VersionInput) (*khabar.Version, error) {
	saved, err := s.SaveStory(ctx, actor, storyID, Edit{Version: in})
	if err != nil {
		return nil, err
	}
	return saved.Version, nil
}

// UpdateStory saves a story's section, tags, lead image, source and authors.
func (s *Service) UpdateStory(ctx context.Context, actor *khabar.User, storyID int64, in StoryInput) (*khabar.Story, error) {
	var story *khabar.Story
	err := s.change(ctx, actor, func(ctx context.Context) ([]entry, error) {
		st, err := s.load(ctx, storyID)
		if err != nil {
			return nil, err
		}
		story = st.story
		// Asked for on its own, a change of the shared fields needs the
		// permission even when it changes nothing: the answer must not
		// depend on what the story holds.
		if err := allow(actor, khabar.ActEditStory, sharedTarget(st)); err != nil {
			return nil, err
		}
		return s.updateStory(ctx, actor, st, in)
	})
	if err != nil {
		return nil, err
	}
	return story, nil
}

// SaveStory applies one save of the editor in one transaction: the text
// when it differs from what is saved (or the editor's base is not the
// current revision, so that a stale form is refused, not ignored), the
// shared fields when they changed, the expiry and a correction when the
// form carried them, and the workflow move. Nothing is half-applied: a
// refused move leaves the text unsaved too.
func (s *Service) SaveStory(ctx context.Context, actor *khabar.User, storyID int64, e Edit) (*Saved, error) {
	out := &Saved{}
	err := s.change(ctx, actor, func(ctx context.Context) ([]entry, error) {
		st, err := s.load(ctx, storyID)
		if err != nil {
			return nil, err
		}
		var entries []entry
		add := func(e *entry, err error) error {
			if e != nil {
				entries = append(entries, *e)
			}
			return err
		}
		in := e.Version
		if e.Move == "" && e.Note != "" {
			in.Note = e.Note
		}
		// Taking a submission back to draft comes before saving what was
		// typed meanwhile: its writer may edit the draft, not the story in
		// review.
		var moved *entry
		if cur := st.version(in.Lang); e.Move == khabar.StatusDraft && cur != nil && cur.Status == khabar.StatusReview &&
			!CanEdit(actor, st.story, cur, in.Lang) {
			if in.BaseRevision != cur.Revision {
				return nil, khabar.Conflict("revision", "err.version.conflict", "current", cur.Revision, "base", in.BaseRevision)
			}
			m, err := s.move(ctx, actor, st, cur, e.Move, e.At, e.Note, e.WithdrawalNote)
			if err != nil {
				return nil, err
			}
			moved, e.Move = &m, ""
			in.BaseRevision = cur.Revision
		}
		v, saved, err := s.saveText(ctx, actor, st, in)
		if err := add(saved, err); err != nil {
			return nil, err
		}
		if moved != nil {
			entries = append([]entry{*moved}, entries...)
		}
		if e.Story != nil {
			more, err := s.updateStory(ctx, actor, st, *e.Story)
			if err != nil {
				return nil, err
			}
			entries = append(entries, more...)
		}
		if e.Expiry != nil {
			if err := add(s.expire(ctx, actor, st, v, *e.Expiry)); err != nil {
				return nil, err
			}
		}
		if e.Correction != nil {
			if err := add(s.correct(ctx, actor, st, v, *e.Correction)); err != nil {
				return nil, err
			}
		}
		if e.Move != "" {
			moved, err := s.move(ctx, actor, st, v, e.Move, e.At, e.Note, e.WithdrawalNote)
			if err != nil {
				return nil, err
			}
			entries = append(entries, moved)
		}
		out.Story, out.Version = st.story, st.version(v.Lang)
		return entries, nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// saveText saves the text of one version when it changed, and returns the
// version as it now is, with the audit entry of the save (nil when nothing
// was saved). The text of a published version goes live only when the
// writer may publish it and no update of it is pending; otherwise it is
// saved as a pending update beside the live text.
func (s *Service) saveText(ctx context.Context, actor *khabar.User, st *state, in VersionInput) (*khabar.Version, *entry, error) {
	story, cur := st.story, st.version(in.Lang)
	t := target(story, cur, in.Lang)
	if cur != nil && cur.Status == khabar.StatusPublished && (cur.PendingRevision != 0 || !khabar.Can(actor, khabar.ActEditVersion, t)) {
		return s.savePending(ctx, actor, st, cur, in)
	}
	if cur == nil && in.Lang != story.OriginalLang {
		if !khabar.Can(actor, khabar.ActTranslate, t) && !khabar.Can(actor, khabar.ActEditVersion, t) {
			return nil, nil, refusal(khabar.ActTranslate)
		}
	} else if err := allow(actor, khabar.ActEditVersion, t); err != nil {
		return nil, nil, err
	}
	in.Slug = slugFor(st.settings, cur, in)
	in, err := prepare(st.settings, in)
	if err != nil {
		return nil, nil, err
	}
	synced := st.synced(cur, in)
	if cur != nil && in.BaseRevision == cur.Revision && in.Title == cur.Title && in.Slug == cur.Slug &&
		in.Summary == cur.Summary && in.Body == cur.Body && synced == cur.SyncedRevision {
		return cur, nil, nil // nothing changed: no new revision
	}
	v := &khabar.Version{StoryID: story.ID, Lang: in.Lang, Status: khabar.StatusDraft}
	if cur != nil {
		next := *cur
		v = &next
	}
	v.Title, v.Slug, v.Summary, v.Body, v.Revision, v.SyncedRevision = in.Title, in.Slug, in.Summary, in.Body, in.BaseRevision, synced
	if v.Status == khabar.StatusScheduled || v.Status == khabar.StatusPublished {
		if err := checkRewritten(v); err != nil {
			return nil, nil, err
		}
	}
	what := versionChanges(cur, v)
	if err := s.store.SaveVersion(ctx, v, actor.ID); err != nil {
		return nil, nil, err
	}
	if err := s.followEdit(ctx, cur, v); err != nil {
		return nil, nil, err
	}
	st.replace(*v)
	return v, &entry{action: "version.save", object: storyObject(story.ID, in.Lang), detail: "revision " + strconv.FormatInt(v.Revision, 10), changes: what}, nil
}

// synced is the original's revision a translation saved from in is up to
// date with: the one the writer had beside them, when the original's text
// has not changed since; otherwise what the version had.
func (st *state) synced(cur *khabar.Version, in VersionInput) int64 {
	var had int64
	if cur != nil {
		had = cur.SyncedRevision
	}
	orig := st.version(st.story.OriginalLang)
	if in.Lang == st.story.OriginalLang || orig == nil || in.Synced < orig.ContentRevision || in.Synced > orig.Revision {
		return had
	}
	return max(had, in.Synced)
}

// replace puts a saved version into the state in place of the old one.
func (st *state) replace(v khabar.Version) {
	for i := range st.versions {
		if st.versions[i].Lang == v.Lang {
			st.versions[i] = v
			return
		}
	}
	st.versions = append(st.versions, v)
}

// updateStory saves the shared fields when they differ from the story's
// (a form that changes none of them cannot conflict with anyone); who may
// change them is decided by the status of the original version.
func (s *Service) updateStory(ctx context.Context, actor *khabar.User, st *state, in StoryInput) ([]entry, error) {
	story := st.story
	if !storyChanged(story, in) {
		return nil, nil
	}
	if err := allow(actor, khabar.ActEditStory, sharedTarget(st)); err != nil {
		return nil, err
	}
	next := *story
	next.SectionID, next.LeadMediaID, next.SourceID = in.SectionID, in.LeadMediaID, in.SourceID
	next.TagIDs, next.Featured, next.Revision = in.TagIDs, in.Featured, in.BaseRevision
	if len(in.AuthorIDs) > 0 {
		next.AuthorIDs = in.AuthorIDs
	}
	if err := s.store.UpdateStory(ctx, &next); err != nil {
		return nil, err
	}
	what := storyChanges(story, &next)
	*story = next
	return []entry{{action: "story.update", object: storyObject(story.ID, ""), detail: "revision " + strconv.FormatInt(story.Revision, 10), changes: what}}, nil
}

// sharedTarget is what a change of a story's shared fields is about: its
// authors, and the language and status of its original.
func sharedTarget(st *state) khabar.Target {
	t := khabar.Target{AuthorIDs: st.story.AuthorIDs}
	if o := st.version(st.story.OriginalLang); o != nil {
		t.Lang, t.Status = o.Lang, o.Status
	}
	return t
}

// storyChanged reports whether in differs from the story's shared fields;
// no authors in the input keeps the story's.
func storyChanged(story *khabar.Story, in StoryInput) bool {
	return in.SectionID != story.SectionID || in.LeadMediaID != story.LeadMediaID || in.SourceID != story.SourceID ||
		in.Featured != story.Featured || !slices.Equal(in.TagIDs, story.TagIDs) ||
		(len(in.AuthorIDs) > 0 && !slices.Equal(in.AuthorIDs, story.AuthorIDs))
}

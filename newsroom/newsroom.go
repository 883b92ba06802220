// Package newsroom holds the editorial rules that sit between the newsroom
// UI (or the API) and the store: who may do what, the workflow from draft to
// published, translations and their sync with the original, body cleaning,
// slugs, restoring revisions and the audit trail. Every change goes through
// here, so the rules hold whichever door a change comes in by.
package newsroom

import (
	"context"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/lang"
	"github.com/khabarnews/khabar/markup"
)

// Service applies the newsroom's rules to a store.
type Service struct {
	store khabar.Store
	now   khabar.Clock
	log   *slog.Logger
}

// New returns a service on store; now may be nil for the wall clock.
func New(store khabar.Store, now khabar.Clock, log *slog.Logger) *Service {
	if now == nil {
		now = time.Now
	}
	if log == nil {
		log = slog.Default()
	}
	return &Service{store: store, now: now, log: log}
}

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
	// KeepSlug keeps a saved version's slug when Slug is empty, for
	// clients that leave out what they do not change (the Admin API): a
	// headline fix must not move a published story to a new address.
	KeepSlug bool
}

func forbidden(what string) error {
	return khabar.Errorf(khabar.EForbidden, "your role does not allow you to %s", what)
}

func objectOf(storyID int64, lang string) string {
	o := "story/" + strconv.FormatInt(storyID, 10)
	if lang != "" {
		o += "/" + lang
	}
	return o
}

// audit records an action; a failure to record is logged, never hidden.
func (s *Service) audit(ctx context.Context, actor *khabar.User, action, object, detail string) {
	var id int64
	if actor != nil {
		id = actor.ID
	}
	if err := s.store.Audit(ctx, &khabar.AuditEntry{UserID: id, Action: action, Object: object, Detail: detail}); err != nil {
		s.log.Error("writing the audit log", "action", action, "object", object, "err", err)
	}
}

// prepare cleans the body, trims the texts and makes a slug, so that what
// is stored is always in its one canonical form.
func (s *Service) prepare(ctx context.Context, in VersionInput) (VersionInput, error) {
	settings, err := s.store.Settings(ctx)
	if err != nil {
		return in, err
	}
	if !settings.HasLang(in.Lang) {
		return in, khabar.Invalid("lang", "%q is not one of the site's languages", in.Lang)
	}
	in.Title = strings.TrimSpace(in.Title)
	in.Summary = strings.TrimSpace(in.Summary)
	body, err := markup.Clean(in.Body)
	if err != nil {
		return in, khabar.Invalid("body", "the body could not be read: %v", err)
	}
	in.Body = body
	in.Slug = strings.TrimSpace(in.Slug)
	if in.Slug == "" {
		in.Slug = titleSlug(settings, in.Title, in.Lang)
	} else if in.Slug = lang.Slugify(in.Slug, in.Lang, lang.SlugNative); in.Slug == "" {
		in.Slug = titleSlug(settings, in.Title, in.Lang)
	}
	return in, nil
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

// followsTitle reports whether a saved version's slug is still the one made
// from its title and was never published: such a slug follows the title,
// so that a translation started from the original's text gets an address in
// its own language once the translator writes the title. A slug typed by
// hand, or one readers have seen, stays.
func (s *Service) followsTitle(ctx context.Context, cur *khabar.Version, in VersionInput) bool {
	if cur == nil || !cur.PublishedAt.IsZero() || (in.Slug != "" && in.Slug != cur.Slug) {
		return false
	}
	settings, err := s.store.Settings(ctx)
	return err == nil && cur.Slug == titleSlug(settings, cur.Title, cur.Lang)
}

// CreateStory starts a story with its first version, a draft.
func (s *Service) CreateStory(ctx context.Context, actor *khabar.User, st StoryInput, in VersionInput) (*khabar.Story, *khabar.Version, error) {
	if !khabar.Can(actor, khabar.ActCreateStory, khabar.Target{}) {
		return nil, nil, forbidden("write stories")
	}
	in, err := s.prepare(ctx, in)
	if err != nil {
		return nil, nil, err
	}
	if len(st.AuthorIDs) == 0 {
		st.AuthorIDs = []int64{actor.ID}
	}
	story := &khabar.Story{SectionID: st.SectionID, LeadMediaID: st.LeadMediaID, SourceID: st.SourceID,
		TagIDs: st.TagIDs, AuthorIDs: st.AuthorIDs, Featured: st.Featured, OriginalLang: in.Lang}
	v := &khabar.Version{Lang: in.Lang, Title: in.Title, Slug: in.Slug, Summary: in.Summary, Body: in.Body, Status: khabar.StatusDraft}
	if err := s.store.CreateStory(ctx, story, []*khabar.Version{v}); err != nil {
		return nil, nil, err
	}
	s.audit(ctx, actor, "story.create", objectOf(story.ID, in.Lang), in.Title)
	return story, v, nil
}

// storyAndVersion loads a story and, if it exists, its version in lang.
func (s *Service) storyAndVersion(ctx context.Context, storyID int64, l string) (*khabar.Story, *khabar.Version, error) {
	story, err := s.store.Story(ctx, storyID)
	if err != nil {
		return nil, nil, err
	}
	vs, err := s.store.Versions(ctx, storyID)
	if err != nil {
		return nil, nil, err
	}
	for _, v := range vs {
		if v.Lang == l {
			return story, &v, nil
		}
	}
	return story, nil, nil
}

func target(story *khabar.Story, v *khabar.Version, l string) khabar.Target {
	t := khabar.Target{AuthorIDs: story.AuthorIDs, Lang: l}
	if v != nil {
		t.Status = v.Status
	}
	return t
}

// SaveVersion saves an edit of one language version. A save based on an
// older revision than the current one is refused with EConflict, and
// nothing is overwritten.
func (s *Service) SaveVersion(ctx context.Context, actor *khabar.User, storyID int64, in VersionInput) (*khabar.Version, error) {
	story, cur, err := s.storyAndVersion(ctx, storyID, in.Lang)
	if err != nil {
		return nil, err
	}
	t := target(story, cur, in.Lang)
	if cur == nil && in.Lang != story.OriginalLang {
		if !khabar.Can(actor, khabar.ActTranslate, t) && !khabar.Can(actor, khabar.ActEditVersion, t) {
			return nil, forbidden("translate into this language")
		}
	} else if !khabar.Can(actor, khabar.ActEditVersion, t) {
		return nil, forbidden("edit this version")
	}
	if s.followsTitle(ctx, cur, in) {
		in.Slug = ""
	} else if in.Slug == "" && in.KeepSlug && cur != nil {
		in.Slug = cur.Slug
	}
	in, err = s.prepare(ctx, in)
	if err != nil {
		return nil, err
	}
	v := &khabar.Version{StoryID: storyID, Lang: in.Lang, Title: in.Title, Slug: in.Slug, Summary: in.Summary, Body: in.Body,
		Status: khabar.StatusDraft, Revision: in.BaseRevision}
	if cur != nil {
		v.Status, v.PublishedAt, v.SyncedRevision = cur.Status, cur.PublishedAt, cur.SyncedRevision
	}
	if err := s.store.SaveVersion(ctx, v, actor.ID); err != nil {
		return nil, err
	}
	s.audit(ctx, actor, "version.save", objectOf(storyID, in.Lang), fmt.Sprintf("revision %d", v.Revision))
	return v, nil
}

// UpdateStory saves a story's section, tags, lead image, source and authors.
func (s *Service) UpdateStory(ctx context.Context, actor *khabar.User, storyID int64, in StoryInput) error {
	story, err := s.store.Story(ctx, storyID)
	if err != nil {
		return err
	}
	vs, err := s.store.Versions(ctx, storyID)
	if err != nil {
		return err
	}
	t := khabar.Target{AuthorIDs: story.AuthorIDs}
	for _, v := range vs {
		if v.Lang == story.OriginalLang {
			t.Lang, t.Status = v.Lang, v.Status
		}
	}
	if !khabar.Can(actor, khabar.ActEditStory, t) {
		return forbidden("change this story")
	}
	story.SectionID, story.LeadMediaID, story.SourceID = in.SectionID, in.LeadMediaID, in.SourceID
	story.TagIDs, story.Featured, story.Revision = in.TagIDs, in.Featured, in.BaseRevision
	if len(in.AuthorIDs) > 0 {
		story.AuthorIDs = in.AuthorIDs
	}
	if err := s.store.UpdateStory(ctx, story); err != nil {
		return err
	}
	s.audit(ctx, actor, "story.update", objectOf(storyID, ""), "")
	return nil
}

package newsroom

import (
	"context"

	"github.com/khabarnews/khabar"
)

// StartTranslation creates the version of a story in another language as a
// draft that starts from the original's text, for the translator to
// overwrite beside the original. It remembers which revision of the
// original it was made from.
func (s *Service) StartTranslation(ctx context.Context, actor *khabar.User, storyID int64, to string) (*khabar.Version, error) {
	story, existing, err := s.storyAndVersion(ctx, storyID, to)
	if err != nil {
		return nil, err
	}
	if existing != nil {
		return nil, khabar.Errorf(khabar.EConflict, "the story already has a %s version", to)
	}
	if !khabar.Can(actor, khabar.ActTranslate, khabar.Target{AuthorIDs: story.AuthorIDs, Lang: to}) &&
		!khabar.Can(actor, khabar.ActEditVersion, khabar.Target{AuthorIDs: story.AuthorIDs, Lang: to}) {
		return nil, forbidden("translate into this language")
	}
	_, orig, err := s.storyAndVersion(ctx, storyID, story.OriginalLang)
	if err != nil {
		return nil, err
	}
	if orig == nil {
		return nil, khabar.Errorf(khabar.ENotFound, "the story has no original version")
	}
	in, err := s.prepare(ctx, VersionInput{Lang: to, Title: orig.Title, Summary: orig.Summary, Body: orig.Body})
	if err != nil {
		return nil, err
	}
	v := &khabar.Version{StoryID: storyID, Lang: to, Title: in.Title, Slug: in.Slug, Summary: in.Summary, Body: in.Body,
		Status: khabar.StatusDraft, SyncedRevision: orig.Revision}
	if err := s.store.SaveVersion(ctx, v, actor.ID); err != nil {
		return nil, err
	}
	s.audit(ctx, actor, "version.translate", objectOf(storyID, to), "from "+story.OriginalLang)
	return v, nil
}

// ConfirmTranslation records that a translation has been brought up to
// date with the current original, which clears its "outdated" flag.
func (s *Service) ConfirmTranslation(ctx context.Context, actor *khabar.User, storyID int64, l string, base int64) (*khabar.Version, error) {
	story, v, err := s.storyAndVersion(ctx, storyID, l)
	if err != nil {
		return nil, err
	}
	if v == nil || l == story.OriginalLang {
		return nil, khabar.Errorf(khabar.ENotFound, "no %s translation to confirm", l)
	}
	if !khabar.Can(actor, khabar.ActTranslate, target(story, v, l)) && !khabar.Can(actor, khabar.ActEditVersion, target(story, v, l)) {
		return nil, forbidden("confirm this translation")
	}
	_, orig, err := s.storyAndVersion(ctx, storyID, story.OriginalLang)
	if err != nil {
		return nil, err
	}
	v.SyncedRevision = orig.Revision
	v.Revision = base
	if err := s.store.SaveVersion(ctx, v, actor.ID); err != nil {
		return nil, err
	}
	s.audit(ctx, actor, "version.confirm", objectOf(storyID, l), "up to date with the original")
	return v, nil
}

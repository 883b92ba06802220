package newsroom

import (
	"context"
	"fmt"
	"time"

	"github.com/khabarnews/khabar"
)

// transition is one allowed move of the workflow and the permission it needs.
type transition struct {
	from   []khabar.Status
	action khabar.Action
}

// transitions: draft → review → scheduled → published → unpublished/archived,
// with the ways back that a newsroom needs.
var transitions = map[khabar.Status]transition{
	khabar.StatusReview:      {[]khabar.Status{khabar.StatusDraft, khabar.StatusUnpublished}, khabar.ActSubmit},
	khabar.StatusDraft:       {[]khabar.Status{khabar.StatusReview, khabar.StatusScheduled, khabar.StatusUnpublished}, khabar.ActPublish},
	khabar.StatusScheduled:   {[]khabar.Status{khabar.StatusDraft, khabar.StatusReview, khabar.StatusUnpublished}, khabar.ActPublish},
	khabar.StatusPublished:   {[]khabar.Status{khabar.StatusDraft, khabar.StatusReview, khabar.StatusScheduled, khabar.StatusUnpublished}, khabar.ActPublish},
	khabar.StatusUnpublished: {[]khabar.Status{khabar.StatusPublished}, khabar.ActUnpublish},
	khabar.StatusArchived:    {[]khabar.Status{khabar.StatusPublished, khabar.StatusUnpublished}, khabar.ActUnpublish},
}

// Transition moves a version to another status. at is the publication time
// for "scheduled" (it must be in the future); base is the revision the
// editor saw, so a move never hides someone else's newer edit.
func (s *Service) Transition(ctx context.Context, actor *khabar.User, storyID int64, l string, to khabar.Status, at time.Time, base int64) (*khabar.Version, error) {
	story, v, err := s.storyAndVersion(ctx, storyID, l)
	if err != nil {
		return nil, err
	}
	if v == nil {
		return nil, khabar.Errorf(khabar.ENotFound, "the story has no %s version", l)
	}
	tr, ok := transitions[to]
	if !ok || !contains(tr.from, v.Status) {
		return nil, khabar.Invalid("status", "a version that is %s cannot become %s", v.Status, to)
	}
	// An author submitting own draft is checked as a draft; an editor's
	// permission does not depend on the status.
	if !khabar.Can(actor, tr.action, target(story, v, l)) {
		return nil, forbidden(fmt.Sprintf("move this version to %s", to))
	}
	if v.Revision != base {
		return nil, &khabar.Error{Code: khabar.EConflict, Field: "revision", Message: fmt.Sprintf(
			"this version was saved by someone else (revision %d) after you opened revision %d; reload it before changing its status", v.Revision, base)}
	}
	now := s.now()
	switch to {
	case khabar.StatusScheduled:
		if !at.After(now) {
			return nil, khabar.Invalid("published_at", "the publication time must be in the future")
		}
		v.PublishedAt = at
	case khabar.StatusPublished:
		if v.PublishedAt.IsZero() || v.Status == khabar.StatusScheduled || v.PublishedAt.After(now) {
			v.PublishedAt = now
		}
	case khabar.StatusDraft, khabar.StatusReview:
		if v.Status == khabar.StatusScheduled {
			v.PublishedAt = time.Time{}
		}
	}
	from := v.Status
	v.Status = to
	if err := s.store.SaveVersion(ctx, v, actor.ID); err != nil {
		return nil, err
	}
	s.audit(ctx, actor, "version."+string(to), objectOf(storyID, l), fmt.Sprintf("%s → %s", from, to))
	return v, nil
}

func contains(list []khabar.Status, s khabar.Status) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// PublishDue publishes the scheduled versions whose time has come.
func (s *Service) PublishDue(ctx context.Context) (int, error) {
	due, err := s.store.PublishDue(ctx)
	if err != nil {
		return 0, err
	}
	for _, v := range due {
		s.audit(ctx, nil, "version.published", objectOf(v.StoryID, v.Lang), "scheduled publication")
		s.log.Info("published a scheduled version", "story", v.StoryID, "lang", v.Lang, "title", v.Title)
	}
	return len(due), nil
}

// RunScheduler publishes scheduled versions every interval until ctx ends,
// so that they go live on time without anyone watching.
func (s *Service) RunScheduler(ctx context.Context, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		if _, err := s.PublishDue(ctx); err != nil && ctx.Err() == nil {
			s.log.Error("publishing scheduled versions", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

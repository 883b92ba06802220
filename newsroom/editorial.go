package newsroom

import (
	"context"
	"time"

	"github.com/khabarnews/khabar"
)

// expire sets when the scheduler takes the version v down (zero: never).
func (s *Service) expire(ctx context.Context, actor *khabar.User, st *state, v *khabar.Version, at time.Time) (*entry, error) {
	if at.Equal(v.ExpiresAt) {
		return nil, nil
	}
	if err := allow(actor, khabar.ActUnpublish, target(st.story, v, v.Lang)); err != nil {
		return nil, err
	}
	if !at.IsZero() {
		if !at.After(s.now()) {
			return nil, khabar.Invalid("expires_at", "err.expires_at.past")
		}
		if v.Status == khabar.StatusScheduled && !at.After(v.PublishedAt) {
			return nil, khabar.Invalid("expires_at", "err.expires_at.before_publication")
		}
	}
	next := *v
	next.ExpiresAt = at
	var what changes
	what.time("expires_at", v.ExpiresAt, at)
	if err := s.store.SaveVersion(ctx, &next, actor.ID); err != nil {
		return nil, err
	}
	*v = next
	st.replace(next)
	detail := "no expiry"
	if !at.IsZero() {
		detail = "unpublish at " + at.UTC().Format(time.RFC3339)
	}
	return &entry{action: "version.expiry", object: storyObject(v.StoryID, v.Lang), detail: detail, changes: what}, nil
}

// correct puts a correction or update notice on the published version v.
func (s *Service) correct(ctx context.Context, actor *khabar.User, st *state, v *khabar.Version, in CorrectionInput) (*entry, error) {
	if err := allow(actor, khabar.ActPublish, target(st.story, v, v.Lang)); err != nil {
		return nil, err
	}
	if v.Status != khabar.StatusPublished {
		return nil, khabar.Invalid("status", "err.correction.not_published")
	}
	c := &khabar.Correction{StoryID: v.StoryID, Lang: v.Lang, Kind: in.Kind, Note: khabar.CleanText(in.Note), UserID: actor.ID}
	if err := s.store.AddCorrection(ctx, c); err != nil {
		return nil, err
	}
	var what changes
	what.text(string(c.Kind), "", c.Note)
	return &entry{action: "version.correct", object: storyObject(v.StoryID, v.Lang), detail: string(c.Kind), changes: what}, nil
}

// Correct puts a correction or update notice on a published version.
func (s *Service) Correct(ctx context.Context, actor *khabar.User, storyID int64, l string, in CorrectionInput) error {
	return s.change(ctx, actor, func(ctx context.Context) ([]entry, error) {
		st, err := s.load(ctx, storyID)
		if err != nil {
			return nil, err
		}
		v := st.version(l)
		if v == nil {
			return nil, khabar.NotFound("err.version.not_found", "language", khabar.LangName(l))
		}
		e, err := s.correct(ctx, actor, st, v, in)
		if err != nil {
			return nil, err
		}
		return []entry{*e}, nil
	})
}

// UnpublishStory takes a whole story off the site at once: every published
// version is unpublished, with what its readers are told (withdrawal, in
// each language where given, else the same for all), and every scheduled
// one goes back to draft, so that nothing of the story goes live later.
// It returns how many versions it moved.
func (s *Service) UnpublishStory(ctx context.Context, actor *khabar.User, storyID int64, note string, withdrawal map[string]string) (int, error) {
	n := 0
	err := s.change(ctx, actor, func(ctx context.Context) ([]entry, error) {
		st, err := s.load(ctx, storyID)
		if err != nil {
			return nil, err
		}
		var entries []entry
		for _, v := range st.versions {
			var to khabar.Status
			switch v.Status {
			case khabar.StatusPublished:
				to = khabar.StatusUnpublished
			case khabar.StatusScheduled:
				to = khabar.StatusDraft
			default:
				continue
			}
			e, err := s.move(ctx, actor, st, &v, to, time.Time{}, note, withdrawal[v.Lang])
			if err != nil {
				return nil, err
			}
			entries = append(entries, e)
		}
		if len(entries) == 0 {
			return nil, khabar.Invalid("status", "err.story.not_live")
		}
		n = len(entries)
		return entries, nil
	})
	return n, err
}

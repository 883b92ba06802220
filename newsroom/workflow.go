package newsroom

import (
	"context"
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
	khabar.StatusReview: {[]khabar.Status{khabar.StatusDraft, khabar.StatusUnpublished}, khabar.ActSubmit},
	khabar.StatusDraft:  {[]khabar.Status{khabar.StatusReview, khabar.StatusScheduled, khabar.StatusUnpublished}, khabar.ActPublish},
	// Scheduled to scheduled moves the time.
	khabar.StatusScheduled: {[]khabar.Status{khabar.StatusDraft, khabar.StatusReview, khabar.StatusScheduled, khabar.StatusUnpublished}, khabar.ActPublish},
	// Published to published corrects the publication time (at), or
	// publishes a pending update (see move).
	khabar.StatusPublished:   {[]khabar.Status{khabar.StatusDraft, khabar.StatusReview, khabar.StatusScheduled, khabar.StatusUnpublished, khabar.StatusPublished}, khabar.ActPublish},
	khabar.StatusUnpublished: {[]khabar.Status{khabar.StatusPublished}, khabar.ActUnpublish},
	khabar.StatusArchived:    {[]khabar.Status{khabar.StatusPublished, khabar.StatusUnpublished}, khabar.ActUnpublish},
}

// Transition moves a version to another status. at is the publication time
// for "scheduled" (it must be in the future); for "published" it is, when
// set, the time the story was first published (an archive brought in, a
// date corrected), and a published version may be moved to published again
// to correct it; a time still ahead schedules it. base is the revision the
// editor saw, so a move never hides someone else's newer edit.
func (s *Service) Transition(ctx context.Context, actor *khabar.User, storyID int64, l string, to khabar.Status, at time.Time, base int64) (*khabar.Version, error) {
	var out *khabar.Version
	err := s.one(ctx, actor, func(ctx context.Context) (entry, error) {
		st, err := s.load(ctx, storyID)
		if err != nil {
			return entry{}, err
		}
		v := st.version(l)
		if v == nil {
			return entry{}, khabar.NotFound("err.version.not_found", "language", khabar.LangName(l))
		}
		if v.Revision != base {
			return entry{}, khabar.Conflict("revision", "err.version.conflict", "current", v.Revision, "base", base)
		}
		out = v
		return s.move(ctx, actor, st, v, to, at, "", "")
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// move makes one workflow move of version v, saved as a new revision with
// the note that goes with it. A move to "published" of a published
// version with a pending update publishes the update; a move that takes
// the version down carries what readers are told (withdrawal).
func (s *Service) move(ctx context.Context, actor *khabar.User, st *state, v *khabar.Version, to khabar.Status, at time.Time, note, withdrawal string) (entry, error) {
	note, withdrawal = khabar.CleanText(note), khabar.CleanText(withdrawal)
	if to == khabar.StatusPublished && v.Status == khabar.StatusPublished && v.PendingRevision != 0 {
		return s.publishUpdate(ctx, actor, st, v, note)
	}
	tr, ok := transitions[to]
	if !ok || !contains(tr.from, v.Status) || (to == khabar.StatusPublished && v.Status == to && at.IsZero()) {
		return entry{}, khabar.Invalid("status", "err.status.move", "from", v.Status, "to", to)
	}
	// An author submitting own draft is checked as a draft; an editor's
	// permission does not depend on the status.
	if !mayMove(actor, st.story, v, to) {
		return entry{}, refusal(tr.action)
	}
	now := s.now()
	if to == khabar.StatusScheduled || to == khabar.StatusPublished {
		if err := checkRewritten(v); err != nil {
			return entry{}, err
		}
	}
	cur := *v
	switch to {
	case khabar.StatusScheduled:
		if at.IsZero() {
			return entry{}, khabar.Invalid("published_at", "err.published_at.required")
		}
		if !at.After(now) {
			return entry{}, khabar.Invalid("published_at", "err.published_at.past")
		}
		if !v.ExpiresAt.IsZero() && !v.ExpiresAt.After(at) {
			return entry{}, khabar.Invalid("published_at", "err.expires_at.before_publication")
		}
		v.PublishedAt = at
	case khabar.StatusPublished:
		switch {
		case !at.IsZero():
			v.PublishedAt = at // the store schedules a time still ahead
		case v.PublishedAt.IsZero() || v.Status == khabar.StatusScheduled || v.PublishedAt.After(now):
			v.PublishedAt = now
		}
		v.WithdrawalNote = ""
	case khabar.StatusDraft, khabar.StatusReview:
		if v.Status == khabar.StatusScheduled {
			v.PublishedAt = time.Time{}
		}
	case khabar.StatusUnpublished, khabar.StatusArchived:
		v.WithdrawalNote, v.ExpiresAt = withdrawal, time.Time{}
	}
	from, was := v.Status, cur.PublishedAt
	v.Status, v.Note = to, note
	if err := s.store.SaveVersion(ctx, v, actor.ID); err != nil {
		return entry{}, err
	}
	if err := s.followPublication(ctx, v, from); err != nil {
		return entry{}, err
	}
	st.replace(*v)
	var what changes
	what.text("status", string(from), string(v.Status))
	what.time("published_at", was, v.PublishedAt)
	what.text("withdrawal_note", cur.WithdrawalNote, v.WithdrawalNote)
	what.time("expires_at", cur.ExpiresAt, v.ExpiresAt)
	detail := string(from) + " → " + string(to)
	if note != "" {
		detail += ": " + note
	}
	return entry{action: "version." + string(to), object: storyObject(st.story.ID, v.Lang), detail: detail, changes: what}, nil
}

// mayMove reports whether actor's role allows moving v to to: the
// permission the transition asks for, or, for taking back a submission to
// draft, the right to recall it.
func mayMove(actor *khabar.User, story *khabar.Story, v *khabar.Version, to khabar.Status) bool {
	t := target(story, v, v.Lang)
	if khabar.Can(actor, transitions[to].action, t) {
		return true
	}
	return to == khabar.StatusDraft && v.Status == khabar.StatusReview && khabar.Can(actor, khabar.ActRecall, t)
}

func contains(list []khabar.Status, s khabar.Status) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// PublishDue publishes the scheduled versions whose time has come, and
// takes down the published ones whose expiry has come, each with its audit
// entry in the same transaction. It returns how many versions it moved.
func (s *Service) PublishDue(ctx context.Context) (int, error) {
	if any, err := s.store.AnyDue(ctx); err != nil || !any {
		return 0, err
	}
	var due, expired []khabar.Version
	err := s.change(ctx, nil, func(ctx context.Context) ([]entry, error) {
		var err error
		if due, err = s.store.PublishDue(ctx); err != nil {
			return nil, err
		}
		if expired, err = s.store.ExpireDue(ctx); err != nil {
			return nil, err
		}
		var entries []entry
		for _, v := range due {
			entries = append(entries, entry{action: "version.published", object: storyObject(v.StoryID, v.Lang), detail: "scheduled publication",
				changes: []khabar.AuditChange{{Field: "status", From: string(khabar.StatusScheduled), To: string(khabar.StatusPublished)}}})
			if err := s.followPublication(ctx, &v, khabar.StatusScheduled); err != nil {
				return nil, err
			}
		}
		for _, v := range expired {
			entries = append(entries, entry{action: "version.unpublished", object: storyObject(v.StoryID, v.Lang), detail: "scheduled unpublishing",
				changes: []khabar.AuditChange{{Field: "status", From: string(khabar.StatusPublished), To: string(khabar.StatusUnpublished)}}})
			if err := s.followPublication(ctx, &v, khabar.StatusPublished); err != nil {
				return nil, err
			}
		}
		return entries, nil
	})
	if err != nil {
		return 0, err
	}
	for _, v := range due {
		s.log.Info("published a scheduled version", "story", v.StoryID, "lang", v.Lang, "title", v.Title)
	}
	for _, v := range expired {
		s.log.Info("unpublished an expired version", "story", v.StoryID, "lang", v.Lang, "title", v.Title)
	}
	return len(due) + len(expired), nil
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

package newsroom

import (
	"context"
	"strconv"

	"github.com/khabarnews/khabar"
)

// A published version is what readers see. A change of it by someone who
// may not publish it (a translator bringing a live translation up to date
// with its original, an author fixing a live story), and every change
// while such a change waits, is saved as a pending update: a revision
// beside the live text, which readers go on seeing until an editor (or,
// where the site allows it, the translator) publishes the update.

// savePending saves in as the pending update of the published version cur.
func (s *Service) savePending(ctx context.Context, actor *khabar.User, st *state, cur *khabar.Version, in VersionInput) (*khabar.Version, *entry, error) {
	if err := allow(actor, khabar.ActProposeUpdate, target(st.story, cur, cur.Lang)); err != nil {
		return nil, nil, err
	}
	working, err := s.Working(ctx, cur)
	if err != nil {
		return nil, nil, err
	}
	// The address of a published version changes only when someone types
	// a new one.
	if typed := khabar.CleanLine(in.Slug); typed == "" || typed == working.Slug {
		in.Slug = working.Slug
	}
	if in, err = prepare(st.settings, in); err != nil {
		return nil, nil, err
	}
	synced := st.synced(cur, in)
	if cur.PendingRevision != 0 {
		synced = max(synced, cur.PendingSynced)
	}
	same := func(r *khabar.Revision) bool {
		return in.Title == r.Title && in.Slug == r.Slug && in.Summary == r.Summary && in.Body == r.Body
	}
	if in.BaseRevision == cur.Revision && same(working) && (cur.PendingRevision == 0 || synced == cur.PendingSynced) &&
		(cur.PendingRevision != 0 || synced == cur.SyncedRevision) {
		return cur, nil, nil // nothing changed
	}
	live := liveText(cur)
	if same(live) {
		// Back to the live text: nothing waits any more; a translation
		// found up to date as it is says so at once.
		v := *cur
		v.Revision, v.PendingRevision, v.PendingSynced, v.SyncedRevision = in.BaseRevision, 0, 0, max(synced, cur.SyncedRevision)
		if err := s.store.SaveVersion(ctx, &v, actor.ID); err != nil {
			return nil, nil, err
		}
		st.replace(v)
		return &v, &entry{action: "version.save", object: storyObject(v.StoryID, v.Lang), detail: "revision " + strconv.FormatInt(v.Revision, 10)}, nil
	}
	p := &khabar.Revision{StoryID: cur.StoryID, Lang: cur.Lang, Title: in.Title, Slug: in.Slug, Summary: in.Summary, Body: in.Body,
		UserID: actor.ID, Note: khabar.CleanText(in.Note)}
	if err := khabar.CheckNote("note", p.Note); err != nil {
		return nil, nil, err
	}
	if err := s.store.SavePending(ctx, p, in.BaseRevision, synced); err != nil {
		return nil, nil, err
	}
	v := *cur
	v.Revision, v.PendingRevision, v.PendingSynced = p.Number, p.Number, synced
	st.replace(v)
	next := *cur
	next.Title, next.Slug, next.Summary, next.Body = p.Title, p.Slug, p.Summary, p.Body
	return &v, &entry{action: "version.propose", object: storyObject(v.StoryID, v.Lang),
		detail: "revision " + strconv.FormatInt(p.Number, 10) + " waits to be published", changes: versionChanges(cur, &next)}, nil
}

// Working returns the text of a version that its editor opens: the pending
// update when there is one, otherwise the version's own text.
func (s *Service) Working(ctx context.Context, v *khabar.Version) (*khabar.Revision, error) {
	if v.PendingRevision == 0 {
		return liveText(v), nil
	}
	return s.store.Revision(ctx, v.StoryID, v.Lang, v.PendingRevision)
}

// liveText is the text readers see of v, as a revision.
func liveText(v *khabar.Version) *khabar.Revision {
	return &khabar.Revision{StoryID: v.StoryID, Lang: v.Lang, Number: v.Revision, Title: v.Title, Slug: v.Slug, Summary: v.Summary,
		Body: v.Body, Status: v.Status, CreatedAt: v.UpdatedAt}
}

// publishUpdate makes the pending update of v its live text.
func (s *Service) publishUpdate(ctx context.Context, actor *khabar.User, st *state, v *khabar.Version, note string) (entry, error) {
	if !CanPublishUpdate(actor, st.settings, st.story, v) {
		return entry{}, refusal(khabar.ActPublish)
	}
	p, err := s.store.Revision(ctx, v.StoryID, v.Lang, v.PendingRevision)
	if err != nil {
		return entry{}, err
	}
	before := *v
	v.Title, v.Slug, v.Summary, v.Body = p.Title, p.Slug, p.Summary, p.Body
	v.SyncedRevision = max(v.SyncedRevision, v.PendingSynced)
	v.PendingRevision, v.PendingSynced = 0, 0
	if err := checkRewritten(v); err != nil {
		return entry{}, err
	}
	if err := s.store.SaveVersion(ctx, v, actor.ID); err != nil {
		return entry{}, err
	}
	if err := s.followEdit(ctx, &before, v); err != nil {
		return entry{}, err
	}
	st.replace(*v)
	detail := "revision " + strconv.FormatInt(p.Number, 10) + " published as " + strconv.FormatInt(v.Revision, 10)
	if note != "" {
		detail += ": " + note
	}
	return entry{action: "version.publish_update", object: storyObject(v.StoryID, v.Lang), detail: detail, changes: versionChanges(&before, v)}, nil
}

// DiscardUpdate drops the pending update of a published version: its live
// text stays as it is, and the update stays in the history.
func (s *Service) DiscardUpdate(ctx context.Context, actor *khabar.User, storyID int64, l string, base int64) (*khabar.Version, error) {
	var out *khabar.Version
	err := s.one(ctx, actor, func(ctx context.Context) (entry, error) {
		st, err := s.load(ctx, storyID)
		if err != nil {
			return entry{}, err
		}
		v := st.version(l)
		if v == nil || v.PendingRevision == 0 {
			return entry{}, khabar.NotFound("err.update.not_found")
		}
		t := target(st.story, v, l)
		if !khabar.Can(actor, khabar.ActPublish, t) && !khabar.Can(actor, khabar.ActProposeUpdate, t) {
			return entry{}, refusal(khabar.ActProposeUpdate)
		}
		dropped := v.PendingRevision
		v.Revision, v.PendingRevision, v.PendingSynced = base, 0, 0
		if err := s.store.SaveVersion(ctx, v, actor.ID); err != nil {
			return entry{}, err
		}
		out = v
		return entry{action: "version.discard_update", object: storyObject(storyID, l), detail: "revision " + strconv.FormatInt(dropped, 10) + " not published"}, nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

package newsroom

import (
	"context"
	"slices"
	"time"

	"github.com/khabarnews/khabar"
)

// BulkAction is a change an editor applies to many stories at once from
// the story list.
type BulkAction string

// Bulk actions.
const (
	// BulkPublish publishes every version of each story that is not on the
	// site yet: drafts, those in review and those scheduled. Versions taken
	// down (unpublished, archived) stay down: that was a decision.
	BulkPublish BulkAction = "publish"
	// BulkUnpublish takes every published version of each story down.
	BulkUnpublish BulkAction = "unpublish"
	// BulkSection files each story in one section.
	BulkSection BulkAction = "section"
	// BulkAddTag adds one tag to each story, after its own.
	BulkAddTag BulkAction = "tag"
)

// MaxBulk bounds the stories one bulk change touches: a page of the list
// and then some, one transaction that stays short.
const MaxBulk = 200

// Bulk is one bulk change: the action, the stories, and the section or tag
// it needs.
type Bulk struct {
	Action    BulkAction
	StoryIDs  []int64
	SectionID int64 // BulkSection; 0 takes the stories out of any section
	TagID     int64 // BulkAddTag
}

// BulkResult says how much a bulk change changed.
type BulkResult struct {
	Stories  int // stories changed
	Versions int // language versions published or taken down
}

// ApplyBulk applies a bulk change to every story it names in one
// transaction, each story's change audited as if made by hand: all of it,
// or — when one story may not be changed by the actor, or is gone — none.
func (s *Service) ApplyBulk(ctx context.Context, actor *khabar.User, b Bulk) (*BulkResult, error) {
	ids, err := bulkStories(b)
	if err != nil {
		return nil, err
	}
	res := &BulkResult{}
	err = s.change(ctx, actor, func(ctx context.Context) ([]entry, error) {
		*res = BulkResult{}
		if err := s.checkBulkTarget(ctx, b); err != nil {
			return nil, err
		}
		var entries []entry
		for _, id := range ids {
			st, err := s.load(ctx, id)
			if err != nil {
				return nil, err
			}
			more, versions, err := s.bulkOne(ctx, actor, st, b)
			if err != nil {
				return nil, err
			}
			if len(more) > 0 {
				res.Stories++
			}
			res.Versions += versions
			entries = append(entries, more...)
		}
		return entries, nil
	})
	if err != nil {
		return nil, err
	}
	return res, nil
}

// bulkStories checks the action and the list of stories.
func bulkStories(b Bulk) ([]int64, error) {
	switch b.Action {
	case BulkPublish, BulkUnpublish, BulkSection, BulkAddTag:
	default:
		return nil, khabar.Invalid("action", "err.bulk.action", "action", string(b.Action))
	}
	var ids []int64
	for _, id := range b.StoryIDs {
		if id <= 0 {
			return nil, khabar.Invalid("stories", "err.number", "value", id)
		}
		if !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return nil, khabar.Invalid("stories", "err.bulk.none")
	}
	if len(ids) > MaxBulk {
		return nil, khabar.Invalid("stories", "err.bulk.too_many", "max", MaxBulk)
	}
	return ids, nil
}

// checkBulkTarget checks that the section or tag a bulk change names exists.
func (s *Service) checkBulkTarget(ctx context.Context, b Bulk) error {
	switch {
	case b.Action == BulkSection && b.SectionID != 0:
		list, err := s.store.Sections(ctx)
		if err != nil {
			return err
		}
		if !slices.ContainsFunc(list, func(x khabar.Section) bool { return x.ID == b.SectionID }) {
			return khabar.Invalid("section", "err.section.not_found")
		}
	case b.Action == BulkAddTag:
		tags, err := s.store.Tags(ctx)
		if err != nil {
			return err
		}
		if !slices.ContainsFunc(tags, func(x khabar.Tag) bool { return x.ID == b.TagID }) {
			return khabar.Invalid("tag", "err.tag.not_found")
		}
	}
	return nil
}

// bulkOne applies a bulk change to one story, returning its audit entries
// and how many versions it moved.
func (s *Service) bulkOne(ctx context.Context, actor *khabar.User, st *state, b Bulk) ([]entry, int, error) {
	switch b.Action {
	case BulkSection, BulkAddTag:
		in := StoryInput{SectionID: st.story.SectionID, LeadMediaID: st.story.LeadMediaID, SourceID: st.story.SourceID,
			TagIDs: st.story.TagIDs, AuthorIDs: st.story.AuthorIDs, Featured: st.story.Featured, BaseRevision: st.story.Revision}
		if b.Action == BulkSection {
			in.SectionID = b.SectionID
		} else if !slices.Contains(in.TagIDs, b.TagID) {
			in.TagIDs = append(slices.Clone(in.TagIDs), b.TagID)
		}
		entries, err := s.updateStory(ctx, actor, st, in)
		return entries, 0, err
	}
	to, from := khabar.StatusPublished, []khabar.Status{khabar.StatusDraft, khabar.StatusReview, khabar.StatusScheduled}
	if b.Action == BulkUnpublish {
		to, from = khabar.StatusUnpublished, []khabar.Status{khabar.StatusPublished}
	}
	var entries []entry
	for _, v := range slices.Clone(st.versions) {
		if !slices.Contains(from, v.Status) {
			continue
		}
		e, err := s.move(ctx, actor, st, &v, to, time.Time{})
		if err != nil {
			return nil, 0, err
		}
		entries = append(entries, e)
	}
	return entries, len(entries), nil
}

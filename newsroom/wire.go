package newsroom

import (
	"context"
	"slices"
	"strconv"
	"time"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/wire"
)

// The wire desk: the feeds each source is polled at, and what the desk
// does with their items. Polling itself is package wire's (wire.Poller).

// WireFeedInput creates or changes a feed. On a change, nil fields keep
// what is saved.
type WireFeedInput struct {
	SourceID *int64
	URL      *string
	Lang     *string
	Interval *time.Duration
	Paused   *bool
}

// SaveWireFeed creates the feed (id 0) or changes feed id.
func (s *Service) SaveWireFeed(ctx context.Context, actor *khabar.User, id int64, in WireFeedInput) (*khabar.WireFeed, error) {
	if err := allow(actor, khabar.ActManageWire, khabar.Target{}); err != nil {
		return nil, err
	}
	var f *khabar.WireFeed
	err := s.one(ctx, actor, func(ctx context.Context) (entry, error) {
		f = &khabar.WireFeed{Interval: khabar.DefaultWireInterval}
		if id != 0 {
			var err error
			if f, err = s.store.WireFeed(ctx, id); err != nil {
				return entry{}, err
			}
		}
		if err := s.applyFeedInput(ctx, f, in); err != nil {
			return entry{}, err
		}
		var err error
		if id == 0 {
			err = s.store.CreateWireFeed(ctx, f)
		} else {
			err = s.store.UpdateWireFeed(ctx, f)
		}
		return entry{action: created(id, "wire.feed"), object: object("wirefeed", f.ID), detail: f.URL}, err
	})
	if err != nil {
		return nil, err
	}
	return f, nil
}

// applyFeedInput changes f as in says and checks what it names: a source
// that exists, one of the site's languages.
func (s *Service) applyFeedInput(ctx context.Context, f *khabar.WireFeed, in WireFeedInput) error {
	if in.SourceID != nil {
		f.SourceID = *in.SourceID
	}
	if in.URL != nil {
		f.URL = khabar.CleanLine(*in.URL)
	}
	if in.Lang != nil {
		f.Lang = *in.Lang
	}
	if in.Interval != nil {
		f.Interval = *in.Interval
	}
	if in.Paused != nil {
		f.Paused = *in.Paused
	}
	settings, err := s.store.Settings(ctx)
	if err != nil {
		return err
	}
	if f.Lang != "" && !settings.HasLang(f.Lang) {
		return khabar.Invalid("lang", "err.lang.unknown", "lang", f.Lang)
	}
	sources, err := s.store.Sources(ctx)
	if err != nil {
		return err
	}
	if f.SourceID != 0 && !slices.ContainsFunc(sources, func(x khabar.Source) bool { return x.ID == f.SourceID }) {
		return khabar.Invalid("source", "err.source.not_found")
	}
	return f.Validate()
}

// DeleteWireFeed stops polling a feed; its items stay in the inbox.
func (s *Service) DeleteWireFeed(ctx context.Context, actor *khabar.User, id int64) error {
	if err := allow(actor, khabar.ActManageWire, khabar.Target{}); err != nil {
		return err
	}
	return s.one(ctx, actor, func(ctx context.Context) (entry, error) {
		f, err := s.store.WireFeed(ctx, id)
		if err != nil {
			return entry{}, err
		}
		return entry{action: "wire.feed.delete", object: object("wirefeed", id), detail: f.URL}, s.store.DeleteWireFeed(ctx, id)
	})
}

// MarkWireSeen marks items of the inbox seen (or unseen again) for the
// whole desk, and returns how many changed.
func (s *Service) MarkWireSeen(ctx context.Context, actor *khabar.User, ids []int64, seen bool) (int, error) {
	if err := allow(actor, khabar.ActUseWire, khabar.Target{}); err != nil {
		return 0, err
	}
	if len(ids) > 500 {
		return 0, khabar.Invalid("ids", "err.wire.too_many", "max", 500)
	}
	var n int
	err := s.change(ctx, actor, func(ctx context.Context) ([]entry, error) {
		var err error
		if n, err = s.store.MarkWireSeen(ctx, ids, seen); err != nil || n == 0 {
			return nil, err
		}
		action := "wire.seen"
		if !seen {
			action = "wire.unseen"
		}
		return []entry{{action: action, object: "wire", detail: strconv.Itoa(n) + " items"}}, nil
	})
	return n, err
}

// UseWireItem makes a draft from an item of the inbox, in one transaction:
// a story in the item's language that credits the item's source, written
// by actor, whose title is the agency's and whose body is the agency's
// text quoted under note (the editor's reminder to rewrite it, in their
// language; see wire.DraftBody). The item is marked used, so that nobody
// makes a second draft of it; the draft cannot be published until the
// quotation is rewritten away.
func (s *Service) UseWireItem(ctx context.Context, actor *khabar.User, itemID int64, note string) (*khabar.Story, *khabar.Version, error) {
	if err := allow(actor, khabar.ActUseWire, khabar.Target{}); err != nil {
		return nil, nil, err
	}
	if err := allow(actor, khabar.ActCreateStory, khabar.Target{}); err != nil {
		return nil, nil, err
	}
	var story *khabar.Story
	var v *khabar.Version
	err := s.one(ctx, actor, func(ctx context.Context) (entry, error) {
		it, err := s.store.WireItem(ctx, itemID)
		if err != nil {
			return entry{}, err
		}
		if it.StoryID != 0 {
			return entry{}, khabar.Conflict("item", "err.wire.item.used", "story", it.StoryID)
		}
		settings, err := s.store.Settings(ctx)
		if err != nil {
			return entry{}, err
		}
		in, err := prepare(settings, VersionInput{Lang: it.Lang, Title: it.Title, Body: wire.DraftBody(*it, note)})
		if err != nil {
			return entry{}, err
		}
		story = &khabar.Story{SourceID: it.SourceID, AuthorIDs: []int64{actor.ID}, OriginalLang: it.Lang}
		v = &khabar.Version{Lang: in.Lang, Title: in.Title, Slug: in.Slug, Body: in.Body, Status: khabar.StatusDraft}
		if err := s.store.CreateStory(ctx, story, []*khabar.Version{v}); err != nil {
			return entry{}, err
		}
		if err := s.store.UseWireItem(ctx, itemID, story.ID, actor.ID); err != nil {
			return entry{}, err
		}
		return entry{action: "wire.use", object: storyObject(story.ID, it.Lang), detail: "wire item " + strconv.FormatInt(itemID, 10)}, nil
	})
	if err != nil {
		return nil, nil, err
	}
	return story, v, nil
}

// checkRewritten refuses to let a version reach readers while its body
// still quotes a wire item as the agency wrote it.
func checkRewritten(v *khabar.Version) error {
	if wire.HasAgencyText(v.Body) {
		return khabar.Invalid("body", "err.wire.unrewritten")
	}
	return nil
}

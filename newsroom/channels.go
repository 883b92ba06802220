package newsroom

import (
	"context"

	"github.com/khabarnews/khabar"
)

// Telegram channels follow the stories: a publication posts (when the
// language's channel posts everything, or when an editor asks), an edit of
// a published title or summary edits the post, a withdrawal deletes it.
// What the channel should show is recorded in the transaction of the
// change itself, so that no change is published without its post being
// queued, nor a post queued for a change that was not made; package
// telegram carries it out.

// SaveChannel sets a language's channel (an empty chat id turns it off).
func (s *Service) SaveChannel(ctx context.Context, actor *khabar.User, c khabar.Channel) error {
	if err := allow(actor, khabar.ActManageChannels, khabar.Target{}); err != nil {
		return err
	}
	c.ChatID = khabar.CleanLine(c.ChatID)
	return s.one(ctx, actor, func(ctx context.Context) (entry, error) {
		settings, err := s.store.Settings(ctx)
		if err != nil {
			return entry{}, err
		}
		if !settings.HasLang(c.Lang) {
			return entry{}, khabar.Invalid("lang", "err.lang.unknown", "lang", c.Lang)
		}
		detail := c.ChatID
		if c.AutoPost {
			detail += " (every publication)"
		}
		return entry{action: "channel.save", object: "channel/" + c.Lang, detail: detail}, s.store.SaveChannel(ctx, c)
	})
}

// PostToChannel posts a published version to its language's channel, or
// posts it again when its post is uncertain or was refused: the editor
// has looked at the channel.
func (s *Service) PostToChannel(ctx context.Context, actor *khabar.User, storyID int64, l string) error {
	if err := allow(actor, khabar.ActPostChannel, khabar.Target{}); err != nil {
		return err
	}
	return s.one(ctx, actor, func(ctx context.Context) (entry, error) {
		st, err := s.load(ctx, storyID)
		if err != nil {
			return entry{}, err
		}
		v := st.version(l)
		if v == nil || v.Status != khabar.StatusPublished {
			return entry{}, khabar.Invalid("status", "err.channel.unpublished", "language", khabar.LangName(l))
		}
		ch, err := s.channel(ctx, l)
		if err != nil {
			return entry{}, err
		}
		if ch == nil {
			return entry{}, khabar.Invalid("lang", "err.channel.none", "language", khabar.LangName(l))
		}
		err = s.store.QueueChannelPost(ctx, khabar.ChannelChange{StoryID: storyID, Lang: l, ChatID: ch.ChatID,
			Op: khabar.OpPost, Revision: v.Revision, Again: true})
		return entry{action: "channel.post", object: storyObject(storyID, l), detail: ch.ChatID}, err
	})
}

// channel returns the language's channel, nil when it has none.
func (s *Service) channel(ctx context.Context, l string) (*khabar.Channel, error) {
	list, err := s.store.Channels(ctx)
	if err != nil {
		return nil, err
	}
	for _, c := range list {
		if c.Lang == l && c.ChatID != "" {
			return &c, nil
		}
	}
	return nil, nil
}

// followPublication records what the channel should show after version v
// moved from one status to another: a post when it is published and the
// channel posts every publication, a deletion when it is taken down.
func (s *Service) followPublication(ctx context.Context, v *khabar.Version, from khabar.Status) error {
	switch {
	case v.Status == khabar.StatusPublished && from != khabar.StatusPublished:
		ch, err := s.channel(ctx, v.Lang)
		if err != nil || ch == nil || !ch.AutoPost {
			return err
		}
		return s.store.QueueChannelPost(ctx, khabar.ChannelChange{StoryID: v.StoryID, Lang: v.Lang, ChatID: ch.ChatID, Op: khabar.OpPost, Revision: v.Revision})
	case from == khabar.StatusPublished && v.Status != khabar.StatusPublished:
		return s.store.QueueChannelPost(ctx, khabar.ChannelChange{StoryID: v.StoryID, Lang: v.Lang, Op: khabar.OpDelete})
	}
	return nil
}

// followEdit records that a published version's post should read as the
// version now does, when what the post shows (title, summary, address)
// changed; nothing happens to a story that was never posted.
func (s *Service) followEdit(ctx context.Context, cur, v *khabar.Version) error {
	if cur == nil || cur.Status != khabar.StatusPublished || (cur.Title == v.Title && cur.Summary == v.Summary && cur.Slug == v.Slug) {
		return nil
	}
	return s.store.QueueChannelPost(ctx, khabar.ChannelChange{StoryID: v.StoryID, Lang: v.Lang, Op: khabar.OpEdit, Revision: v.Revision})
}

package port

import (
	"context"
	"sort"

	"github.com/khabarnews/khabar"
)

// distribution writes the feeds of the sources and the settings of the
// newsletters and channels.
func (e *exporter) distribution(ctx context.Context) error {
	feeds, err := e.store.WireFeeds(ctx)
	if err != nil {
		return err
	}
	sort.Slice(feeds, func(i, j int) bool { return feeds[i].ID < feeds[j].ID })
	if err := e.lines(fileWireFeeds, once(feeds, func(f khabar.WireFeed) any { return wireFeedRecord(f) })); err != nil {
		return err
	}
	letters, err := e.store.Newsletters(ctx)
	if err != nil {
		return err
	}
	if err := e.lines(fileNewsletters, once(letters, func(n khabar.Newsletter) any {
		return arNewsletter{Lang: n.Lang, Daily: n.Daily, DailyHour: n.DailyHour}
	})); err != nil {
		return err
	}
	channels, err := e.store.Channels(ctx)
	if err != nil {
		return err
	}
	return e.lines(fileChannels, once(channels, func(c khabar.Channel) any { return arChannel{Lang: c.Lang, ChatID: c.ChatID, AutoPost: c.AutoPost} }))
}

func (e *exporter) subscribers(ctx context.Context) error {
	var after int64
	return e.lines(fileSubscribers, func() ([]any, error) {
		list, err := e.store.ArchiveSubscribers(ctx, after, exportBatch)
		out := make([]any, len(list))
		for i, s := range list {
			out[i], after = subscriberRecord(s), s.ID
		}
		return out, err
	})
}

func (e *exporter) channelPosts(ctx context.Context) error {
	var after int64
	var afterLang string
	return e.lines(fileChannelPosts, func() ([]any, error) {
		list, err := e.store.ArchiveChannelPosts(ctx, after, afterLang, exportBatch)
		out := make([]any, len(list))
		for i, p := range list {
			out[i], after, afterLang = channelPostRecord(p), p.StoryID, p.Lang
		}
		return out, err
	})
}

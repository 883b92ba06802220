package port

import (
	"context"
	"errors"
	"os"
	"path/filepath"

	"github.com/khabarnews/khabar"
)

// distribution brings in what the site sends and posts, after the sources
// and stories it refers to. An archive of version 1, or one a converter
// wrote without them, has none of these files.
func (a *archiveImport) distribution(ctx context.Context) error {
	part := &khabar.Archive{}
	if err := eachOptional(a, fileWireFeeds, func(r arWireFeed) error { part.WireFeeds = append(part.WireFeeds, r.domain()); return nil }); err != nil {
		return err
	}
	if err := eachOptional(a, fileNewsletters, func(r arNewsletter) error {
		part.Newsletters = append(part.Newsletters, khabar.Newsletter{Lang: r.Lang, Daily: r.Daily, DailyHour: r.DailyHour})
		return nil
	}); err != nil {
		return err
	}
	if err := eachOptional(a, fileChannels, func(r arChannel) error {
		part.Channels = append(part.Channels, khabar.Channel{Lang: r.Lang, ChatID: r.ChatID, AutoPost: r.AutoPost})
		return nil
	}); err != nil {
		return err
	}
	if err := a.im.Restore(ctx, part); err != nil {
		return err
	}
	subs := batcher[khabar.Subscriber]{flush: func(b []khabar.Subscriber) error { return a.im.Restore(ctx, &khabar.Archive{Subscribers: b}) }}
	if err := eachOptional(a, fileSubscribers, func(r arSubscriber) error { return subs.add(r.domain()) }); err != nil {
		return err
	}
	if err := subs.done(); err != nil {
		return err
	}
	posts := batcher[khabar.ChannelPost]{flush: func(b []khabar.ChannelPost) error { return a.im.Restore(ctx, &khabar.Archive{ChannelPosts: b}) }}
	if err := eachOptional(a, fileChannelPosts, func(r arChannelPost) error { return posts.add(r.domain()) }); err != nil {
		return err
	}
	return posts.done()
}

// batcher hands items to flush a thousand at a time.
type batcher[T any] struct {
	items []T
	flush func([]T) error
}

func (b *batcher[T]) add(x T) error {
	b.items = append(b.items, x)
	if len(b.items) < 1000 {
		return nil
	}
	return b.done()
}

func (b *batcher[T]) done() error {
	if len(b.items) == 0 {
		return nil
	}
	err := b.flush(b.items)
	b.items = nil
	return err
}

// eachOptional is eachLine for a file an archive may lack.
func eachOptional[T any](a *archiveImport, name string, fn func(T) error) error {
	if _, err := os.Stat(filepath.Join(a.dir, name)); errors.Is(err, os.ErrNotExist) {
		return nil
	}
	return eachLine(a, name, fn)
}

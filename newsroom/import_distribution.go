package newsroom

import (
	"fmt"
	"strconv"

	"github.com/khabarnews/khabar"
)

// What a site sends and posts comes with its archive: the feeds of its
// sources, its newsletters' subscribers (with the consent they gave and
// the tokens of the links already in their mailboxes) and settings, its
// Telegram channels and which post of a channel is which story's, so that
// an edit or a withdrawal after the move still reaches the right post.

// distribution is the items of a part of an archive that the site sends
// and posts, checked and cleaned; the bad ones are skipped and reported.
func (im *Import) distribution(a *khabar.Archive) []archiveItem {
	var items []archiveItem
	add := func(kind, key, ref string, err error, part khabar.Archive) {
		if err != nil {
			im.Skip(ref, err)
			return
		}
		if _, ok := im.Recorded(kind, key); ok {
			im.count(countUnchanged, kind, 1)
			return
		}
		id, _ := strconv.ParseInt(key, 10, 64)
		items = append(items, archiveItem{kind: kind, ref: ref, part: part, rec: khabar.ImportRecord{Kind: kind, SourceID: key, TargetID: id}})
	}
	for _, f := range a.WireFeeds {
		f.URL = khabar.CleanLine(f.URL)
		add("wire_feed", itoa(f.ID), fmt.Sprintf("wire feed %d", f.ID), im.checkLang(f.Lang, f.Validate()), khabar.Archive{WireFeeds: []khabar.WireFeed{f}})
	}
	for _, s := range a.Subscribers {
		s.Consent = khabar.CleanLine(s.Consent)
		add("subscriber", itoa(s.ID), fmt.Sprintf("subscriber %d", s.ID), im.checkLang(s.Lang, s.Validate()), khabar.Archive{Subscribers: []khabar.Subscriber{s}})
	}
	for _, n := range a.Newsletters {
		add("newsletter", n.Lang, "newsletter "+n.Lang, im.checkLang(n.Lang, n.Validate()), khabar.Archive{Newsletters: []khabar.Newsletter{n}})
	}
	for _, c := range a.Channels {
		err := c.Validate()
		if c.ChatID == "" {
			err = khabar.Invalid("chat_id", "err.channel.chat_id")
		}
		add("channel", c.Lang, "channel "+c.Lang, im.checkLang(c.Lang, err), khabar.Archive{Channels: []khabar.Channel{c}})
	}
	for _, p := range a.ChannelPosts {
		p.Error = khabar.CleanLine(p.Error)
		add("channel_post", itoa(p.StoryID)+"/"+p.Lang, fmt.Sprintf("channel post of story %d in %s", p.StoryID, p.Lang),
			im.checkLang(p.Lang, p.Validate()), khabar.Archive{ChannelPosts: []khabar.ChannelPost{p}})
	}
	return items
}

// checkLang is err, or the error of a language the site does not have.
func (im *Import) checkLang(lang string, err error) error {
	if err == nil && !im.settings.HasLang(lang) {
		return khabar.Invalid("lang", "err.lang.unknown", "lang", lang)
	}
	return err
}

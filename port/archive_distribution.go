package port

import (
	"time"

	"github.com/khabarnews/khabar"
)

// The records of what a site sends and posts (archive version 2). What
// only describes the last polls, sends and claims of the old site's nodes
// stays out: docs/archive.md says what and why.

// arWireFeed is a feed of a source as it is configured; what its polls
// found is not kept, and it is polled anew after the move.
type arWireFeed struct {
	ID        int64     `json:"id"`
	SourceID  int64     `json:"source_id"`
	URL       string    `json:"url"`
	Lang      string    `json:"lang"`
	IntervalS int64     `json:"interval_s"`
	Paused    bool      `json:"paused"`
	CreatedAt time.Time `json:"created_at"`
}

// arSubscriber is a reader's subscription: personal data, with the
// consent they gave and the token of the links already in their mailbox.
type arSubscriber struct {
	ID             int64                   `json:"id"`
	Email          string                  `json:"email"`
	Lang           string                  `json:"lang"`
	Status         khabar.SubscriberStatus `json:"status"`
	Token          string                  `json:"token"`
	Consent        string                  `json:"consent"`
	ConsentAt      time.Time               `json:"consent_at"`
	ConfirmedAt    *time.Time              `json:"confirmed_at,omitempty"`
	UnsubscribedAt *time.Time              `json:"unsubscribed_at,omitempty"`
}

type arNewsletter struct {
	Lang      string `json:"lang"`
	Daily     bool   `json:"daily"`
	DailyHour int    `json:"daily_hour"`
}

type arChannel struct {
	Lang     string `json:"lang"`
	ChatID   string `json:"chat_id"`
	AutoPost bool   `json:"auto_post"`
}

// arChannelPost is which message of a channel shows which story's version,
// and what the channel should show of it.
type arChannelPost struct {
	StoryID        int64      `json:"story_id"`
	Lang           string     `json:"lang"`
	ChatID         string     `json:"chat_id"`
	MessageID      int64      `json:"message_id"`
	Photo          bool       `json:"photo"`
	Want           string     `json:"want"`
	State          string     `json:"state"`
	Op             string     `json:"op,omitempty"`
	Revision       int64      `json:"revision"`
	PostedRevision int64      `json:"posted_revision"`
	Attempts       int        `json:"attempts,omitempty"`
	NextAt         *time.Time `json:"next_at,omitempty"`
	Error          string     `json:"error,omitempty"`
	PostedAt       *time.Time `json:"posted_at,omitempty"`
	UpdatedAt      time.Time  `json:"updated_at"`
}

func wireFeedRecord(f khabar.WireFeed) arWireFeed {
	return arWireFeed{ID: f.ID, SourceID: f.SourceID, URL: f.URL, Lang: f.Lang, IntervalS: int64(f.Interval / time.Second), Paused: f.Paused,
		CreatedAt: utc(f.CreatedAt)}
}

func (a arWireFeed) domain() khabar.WireFeed {
	return khabar.WireFeed{ID: a.ID, SourceID: a.SourceID, URL: a.URL, Lang: a.Lang, Interval: time.Duration(a.IntervalS) * time.Second,
		Paused: a.Paused, CreatedAt: a.CreatedAt}
}

func subscriberRecord(s khabar.Subscriber) arSubscriber {
	return arSubscriber{ID: s.ID, Email: s.Email, Lang: s.Lang, Status: s.Status, Token: s.Token, Consent: s.Consent, ConsentAt: utc(s.ConsentAt),
		ConfirmedAt: optUTC(s.ConfirmedAt), UnsubscribedAt: optUTC(s.UnsubscribedAt)}
}

func (a arSubscriber) domain() khabar.Subscriber {
	return khabar.Subscriber{ID: a.ID, Email: a.Email, Lang: a.Lang, Status: a.Status, Token: a.Token, Consent: a.Consent, ConsentAt: a.ConsentAt,
		ConfirmedAt: orZero(a.ConfirmedAt), UnsubscribedAt: orZero(a.UnsubscribedAt)}
}

func channelPostRecord(p khabar.ChannelPost) arChannelPost {
	return arChannelPost{StoryID: p.StoryID, Lang: p.Lang, ChatID: p.ChatID, MessageID: p.MessageID, Photo: p.Photo, Want: p.Want, State: p.State,
		Op: p.Op, Revision: p.Revision, PostedRevision: p.PostedRevision, Attempts: p.Attempts, NextAt: optUTC(p.NextAt), Error: p.Error,
		PostedAt: optUTC(p.PostedAt), UpdatedAt: utc(p.UpdatedAt)}
}

func (a arChannelPost) domain() khabar.ChannelPost {
	return khabar.ChannelPost{StoryID: a.StoryID, Lang: a.Lang, ChatID: a.ChatID, MessageID: a.MessageID, Photo: a.Photo, Want: a.Want,
		State: a.State, Op: a.Op, Revision: a.Revision, PostedRevision: a.PostedRevision, Attempts: a.Attempts, NextAt: orZero(a.NextAt),
		Error: a.Error, PostedAt: orZero(a.PostedAt), UpdatedAt: a.UpdatedAt}
}

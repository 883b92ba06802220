package khabar

import (
	"context"
	"strings"
	"time"
)

// Telegram channels, one per language: a published story is posted to its
// language's channel (its title, summary, link and lead image), an edit of
// its title or summary edits the post, and taking it down deletes the
// post. What the channel should show is kept per story and language
// (ChannelPost), and a sender brings the channel in line with it from a
// queue that survives restarts.

// Channel is where a language's stories are posted.
type Channel struct {
	Lang string
	// ChatID is the channel: its public name (@khabar_ar) or its numeric
	// id (-1001234567890). The bot must be one of its administrators.
	ChatID string
	// AutoPost posts every story published in the language; without it a
	// story is posted when an editor asks.
	AutoPost bool
}

// Validate checks a channel before it is stored; an empty ChatID turns the
// language's channel off.
func (c Channel) Validate() error {
	if c.ChatID == "" {
		return nil
	}
	if err := checkText("chat_id", c.ChatID); err != nil {
		return err
	}
	ok := len(c.ChatID) <= 64
	if strings.HasPrefix(c.ChatID, "@") {
		name := c.ChatID[1:]
		ok = ok && len(name) >= 4 && strings.IndexFunc(name, func(r rune) bool {
			return !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9')
		}) < 0
	} else {
		digits := strings.TrimPrefix(c.ChatID, "-")
		ok = ok && digits != "" && strings.IndexFunc(digits, func(r rune) bool { return r < '0' || r > '9' }) < 0
	}
	if !ok {
		return Invalid("chat_id", "err.channel.chat_id")
	}
	return nil
}

// What a channel should show of a story.
const (
	WantPost   = "post"   // the post should be there, as the story now reads
	WantDelete = "delete" // the post should be gone
)

// Where a post stands. Queued posts have something to do (post, edit,
// delete); a post being sent is claimed by one node. A first post whose
// sender died before it knew Telegram's answer is uncertain: it may be in
// the channel, so it is not posted again unless an editor asks.
const (
	PostQueued    = "queued"
	PostSending   = "sending"
	PostPosted    = "posted"
	PostDeleted   = "deleted"
	PostUncertain = "uncertain"
	PostFailed    = "failed" // Telegram refused, for a reason that waiting does not cure
)

// ChannelPost is a story's post in its language's channel.
type ChannelPost struct {
	StoryID int64
	Lang    string
	ChatID  string
	// MessageID is the post in the channel, 0 while there is none.
	MessageID int64
	// Photo tells whether the post is a photo with a caption (edited by
	// its caption) or a text message.
	Photo bool
	Want  string
	State string
	// Op is what a claimed post is for: OpPost, OpEdit or OpDelete.
	Op string
	// Revision is the version's revision the channel should show;
	// PostedRevision the one it shows.
	Revision       int64
	PostedRevision int64
	Attempts       int
	NextAt         time.Time
	Error          string
	PostedAt       time.Time
	UpdatedAt      time.Time
}

// What a sender does with a claimed post.
const (
	OpPost   = "post"
	OpEdit   = "edit"
	OpDelete = "delete"
)

// ChannelChange is a change of what a channel should show of a story.
type ChannelChange struct {
	StoryID int64
	Lang    string
	ChatID  string
	// Op is OpPost (post it, or post it again after a deletion), OpEdit
	// (bring a post there is in line with Revision; nothing when there
	// is none) or OpDelete.
	Op       string
	Revision int64
	// Again is an editor's request to post anew a post that is uncertain
	// or that Telegram refused.
	Again bool
}

// ChannelResult is what became of a claimed post.
type ChannelResult struct {
	StoryID int64
	Lang    string
	// Done is set when Telegram did what was asked: posted (MessageID,
	// Photo and Revision say what), edited (Revision), or deleted.
	Done      bool
	MessageID int64
	Photo     bool
	Revision  int64
	// Otherwise State says what the post is now: queued (try again at
	// NextAt), uncertain or failed; Error says why.
	State  string
	NextAt time.Time
	Error  string
}

// ChannelService reads the channels and their posts.
type ChannelService interface {
	Channels(ctx context.Context) ([]Channel, error)
	// ChannelPosts lists a language's posts, the most recently changed
	// first.
	ChannelPosts(ctx context.Context, lang string, limit int) ([]ChannelPost, error)
	ChannelPost(ctx context.Context, storyID int64, lang string) (*ChannelPost, error)
}

// ChannelQueue is what the sender of package telegram needs.
type ChannelQueue interface {
	// ClaimChannelPost returns a post with something to do, claimed by
	// node until lease runs out and marked sending; nil when none is due.
	// A first post whose claim ran out while sending becomes uncertain;
	// an edit or a deletion is queued again (doing it twice is harmless).
	ClaimChannelPost(ctx context.Context, node string, lease time.Duration) (*ChannelPost, error)
	// FinishChannelPost records what became of a post node claimed;
	// nothing is written when the claim was lost.
	FinishChannelPost(ctx context.Context, node string, r ChannelResult) error
}

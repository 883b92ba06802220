package telegram

import (
	"context"
	"errors"
	"fmt"
	"html"
	"io"
	"log/slog"
	"path"
	"strings"
	"time"
	"unicode/utf16"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/i18n"
)

// Poster brings the channels in line with what they should show. Each post
// is claimed in the database, marked with what is being done, before the
// Bot API is asked, and its outcome recorded after. A first post is made
// at most once: when a sender dies, or the connection breaks, after the
// request left and before Telegram answered, the post is uncertain and is
// not made again unless an editor asks (having looked at the channel).
// Edits and deletions are made at least once: doing one twice changes
// nothing ("message is not modified", "message to delete not found"). A
// 429 is honoured: the post waits retry_after seconds. A stop by the
// operator waits for the request in flight.
type Poster struct {
	Queue   khabar.ChannelQueue
	Stories khabar.StoryService
	Blobs   khabar.BlobStore
	Client  *Client
	Cat     *i18n.Catalog
	// BaseURL is the site's public address, for the posts' links.
	BaseURL string
	Node    string
	// Timeout bounds one request (default a minute).
	Timeout time.Duration
	// MaxAttempts is how often a post is tried when Telegram cannot be
	// reached or fails, before it counts as failed (default 10).
	MaxAttempts int
	// MaxDelay is how long a first post may wait (no token yet, Telegram
	// unreachable) before it is no longer made: a channel flooded with
	// yesterday's stories at once is worse than a story missing; an
	// editor can still post it (default a day).
	MaxDelay time.Duration
	Now      khabar.Clock
	Log      *slog.Logger
}

func (p *Poster) timeout() time.Duration {
	if p.Timeout > 0 {
		return p.Timeout
	}
	return time.Minute
}

func (p *Poster) now() time.Time {
	if p.Now != nil {
		return p.Now()
	}
	return time.Now()
}

func (p *Poster) log() *slog.Logger {
	if p.Log != nil {
		return p.Log
	}
	return slog.Default()
}

// PostDue does what the channels wait for until nothing is due or ctx
// ends, and returns how many requests Telegram carried out.
func (p *Poster) PostDue(ctx context.Context) (int, error) {
	done := 0
	for ctx.Err() == nil {
		post, err := p.Queue.ClaimChannelPost(ctx, p.Node, 2*p.timeout()+time.Minute)
		if err != nil || post == nil {
			return done, err
		}
		// Once claimed, the request is made and its outcome recorded even
		// if the node is being stopped.
		r := p.do(context.WithoutCancel(ctx), post)
		if err := p.Queue.FinishChannelPost(context.WithoutCancel(ctx), p.Node, r); err != nil {
			return done, err
		}
		if r.Done {
			done++
		}
	}
	return done, nil
}

// do carries out one claimed post.
func (p *Poster) do(ctx context.Context, post *khabar.ChannelPost) khabar.ChannelResult {
	r := khabar.ChannelResult{StoryID: post.StoryID, Lang: post.Lang}
	ctx, cancel := context.WithTimeout(ctx, p.timeout())
	defer cancel()
	if post.Op == khabar.OpDelete {
		return p.outcome(post, r, p.Client.Delete(ctx, post.ChatID, post.MessageID))
	}
	most := p.MaxDelay
	if most <= 0 {
		most = 24 * time.Hour
	}
	if post.Op == khabar.OpPost && p.now().Sub(post.UpdatedAt) > most {
		r.State, r.Error = khabar.PostFailed, "not posted: it waited longer than "+most.String()
		return r
	}
	art, err := p.Stories.Article(ctx, post.StoryID, post.Lang)
	if khabar.IsNotFound(err) {
		r.State, r.Error = khabar.PostFailed, "the story is not published in this language"
		return r
	}
	if err != nil {
		return p.later(post, r, err)
	}
	r.Revision = art.Revision
	if post.Op == khabar.OpEdit {
		text := p.text(art, post.Photo)
		if post.Photo {
			err = p.Client.EditCaption(ctx, post.ChatID, post.MessageID, text)
		} else {
			err = p.Client.EditText(ctx, post.ChatID, post.MessageID, text)
		}
		return p.outcome(post, r, err)
	}
	var m *Message
	photo, name, err := p.photo(ctx, art)
	if err != nil {
		return p.later(post, r, err)
	}
	if photo != nil {
		m, err = p.Client.SendPhoto(ctx, post.ChatID, photo, name, p.text(art, true))
	} else {
		m, err = p.Client.SendMessage(ctx, post.ChatID, p.text(art, false))
	}
	if err == nil {
		r.MessageID, r.Photo = m.MessageID, photo != nil
	}
	return p.outcome(post, r, err)
}

// outcome says what an answer of the Bot API means for the post.
func (p *Poster) outcome(post *khabar.ChannelPost, r khabar.ChannelResult, err error) khabar.ChannelResult {
	var api *APIError
	var tr *TransportError
	switch {
	case err == nil,
		errors.As(err, &api) && post.Op == khabar.OpEdit && api.NotModified(),
		errors.As(err, &api) && post.Op == khabar.OpDelete && api.Gone():
		r.Done = true
		return r
	case errors.As(err, &api) && api.Code == 429:
		r.State, r.NextAt, r.Error = khabar.PostQueued, p.now().Add(max(api.RetryAfter, time.Second)), api.Error()
		p.log().Info("Telegram asks to wait", "story", post.StoryID, "lang", post.Lang, "retry_after", api.RetryAfter)
		return r
	case errors.As(err, &api) && api.Code >= 500:
		return p.later(post, r, err)
	case errors.As(err, &api):
		r.State, r.Error = khabar.PostFailed, api.Error()
		p.log().Warn("Telegram refused a post", "story", post.StoryID, "lang", post.Lang, "op", post.Op, "err", api)
		return r
	case errors.As(err, &tr) && tr.Written && post.Op == khabar.OpPost:
		r.State, r.Error = khabar.PostUncertain, tr.Error()
		p.log().Warn("a post may or may not be in the channel; it is not posted again", "story", post.StoryID, "lang", post.Lang, "err", tr)
		return r
	}
	return p.later(post, r, err)
}

// later puts a post back for another try, later each time.
func (p *Poster) later(post *khabar.ChannelPost, r khabar.ChannelResult, err error) khabar.ChannelResult {
	most := p.MaxAttempts
	if most <= 0 {
		most = 10
	}
	r.Error = err.Error()
	if post.Attempts >= most {
		r.State = khabar.PostFailed
		return r
	}
	r.State, r.NextAt = khabar.PostQueued, p.now().Add(min(30*time.Second<<min(post.Attempts-1, 7), time.Hour))
	p.log().Info("a post waits for another try", "story", post.StoryID, "lang", post.Lang, "attempt", post.Attempts, "err", err)
	return r
}

// maxPhotoBytes is the Bot API's limit on an uploaded photo.
const maxPhotoBytes = 10 << 20

// photo reads the lead image of a story, the size pages show; nil when it
// has none.
func (p *Poster) photo(ctx context.Context, art *khabar.Article) ([]byte, string, error) {
	if art.Image == nil || p.Blobs == nil {
		return nil, "", nil
	}
	key := art.Image.Key
	if v, ok := art.Image.Variant(khabar.VariantArticle); ok {
		key = v.Key
	}
	f, err := p.Blobs.Open(ctx, key)
	if err != nil {
		return nil, "", fmt.Errorf("reading the lead image: %w", err)
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxPhotoBytes+1))
	if err != nil {
		return nil, "", fmt.Errorf("reading the lead image: %w", err)
	}
	if len(b) > maxPhotoBytes {
		return nil, "", nil // too large for Telegram: post the text alone
	}
	return b, path.Base(key), nil
}

// Limits of the Bot API on what readers see of a message.
const (
	captionLimit = 1024
	textLimit    = 4096
)

// text is a post: the title in bold, the summary, and a link to the
// story, in HTML; the summary is shortened to fit the limit of a caption
// or a message.
func (p *Poster) text(art *khabar.Article, photo bool) string {
	limit := textLimit
	if photo {
		limit = captionLimit
	}
	link := strings.TrimSuffix(p.BaseURL, "/") + khabar.ArticlePath(art.Lang, art.StoryID, art.Slug)
	more := p.Cat.T(art.Lang, "channel.read")
	return Compose(art.Title, art.Summary, link, more, limit)
}

// Compose makes a post's HTML whose visible text (what Telegram counts,
// in UTF-16 code units) fits limit: the summary is cut first, then the
// title.
func Compose(title, summary, link, more string, limit int) string {
	size := func(s string) int { return len(utf16.Encode([]rune(s))) }
	fixed := size(more) + 4 // the blank lines between the parts
	if size(title)+fixed > limit {
		title = cutTo(title, limit-fixed-1)
	}
	room := limit - size(title) - fixed - 2
	if summary != "" && size(summary) > room {
		summary = cutTo(summary, room-1)
	}
	var b strings.Builder
	b.WriteString("<b>" + html.EscapeString(title) + "</b>\n\n")
	if summary != "" {
		b.WriteString(html.EscapeString(summary) + "\n\n")
	}
	b.WriteString(`<a href="` + html.EscapeString(link) + `">` + html.EscapeString(more) + `</a>`)
	return b.String()
}

// cutTo shortens s to at most n UTF-16 code units, with an ellipsis.
func cutTo(s string, n int) string {
	if n <= 0 {
		return ""
	}
	units := 0
	for i, r := range s {
		units += len(utf16.Encode([]rune{r}))
		if units > n-1 {
			return strings.TrimSpace(s[:i]) + "…"
		}
	}
	return s
}

package telegram_test

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/jpeg"
	"io"
	"log/slog"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/i18n"
	"github.com/khabarnews/khabar/media"
	"github.com/khabarnews/khabar/newsroom"
	"github.com/khabarnews/khabar/sqlstore"
	"github.com/khabarnews/khabar/sqlstore/sqltest"
	"github.com/khabarnews/khabar/telegram"
	"github.com/khabarnews/khabar/telegram/bottest"
)

var ctx = context.Background()

type clock struct{ now time.Time }

func (c *clock) Now() time.Time { return c.now }

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// node is one Khabar node: a store on the shared SQLite file, the
// newsroom, and a poster.
type node struct {
	db     *sqlstore.DB
	close  func() // closes db once
	news   *newsroom.Service
	poster *telegram.Poster
}

// site is a site with an editor, an Arabic channel that posts every
// publication, and an Arabic story with a lead image, ready to publish.
type site struct {
	path   string
	dsn    string // a PostgreSQL database when the tests run on PostgreSQL
	blobs  khabar.BlobStore
	clock  *clock
	bot    *bottest.Server
	editor *khabar.User
	story  *khabar.Story
	rev    int64
}

func newSite(t *testing.T) (*site, *node) {
	t.Helper()
	dir := t.TempDir()
	blobs, err := media.NewDisk(filepath.Join(dir, "media"))
	must(t, err)
	s := &site{path: filepath.Join(dir, "khabar.db"), dsn: sqltest.DSN(t), blobs: blobs, clock: &clock{now: time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC)}, bot: bottest.Start(t)}
	s.bot.Channel("khabar_ar")
	n := s.node(t, "node-1", time.Minute)
	s.editor = &khabar.User{Login: "editor", Slug: "editor", Names: khabar.Text{"en": "Editor"}, Role: khabar.RoleEditor}
	must(t, n.db.CreateUser(ctx, s.editor))
	must(t, n.news.SaveChannel(ctx, newsroom.Console(), khabar.Channel{Lang: "ar", ChatID: "@khabar_ar", AutoPost: true}))

	var buf bytes.Buffer
	img := image.NewRGBA(image.Rect(0, 0, 64, 36))
	for x := range 64 {
		img.Set(x, x%36, color.RGBA{200, 30, 30, 255})
	}
	must(t, jpeg.Encode(&buf, img, nil))
	must(t, blobs.Put(ctx, "t/lead.jpg", &buf))
	m := &khabar.Media{Key: "t/lead.jpg", MIME: "image/jpeg", Width: 64, Height: 36, Size: int64(buf.Len())}
	must(t, n.db.CreateMedia(ctx, m))
	st, v, err := n.news.CreateStory(ctx, s.editor, newsroom.StoryInput{LeadMediaID: m.ID},
		newsroom.VersionInput{Lang: "ar", Title: "قمة في موسكو", Summary: "قادة إحدى عشرة دولة يجتمعون.", Body: "<p>نص.</p>"})
	must(t, err)
	s.story, s.rev = st, v.Revision
	return s, n
}

// node opens a node on the site's database.
func (s *site) node(t *testing.T, name string, timeout time.Duration) *node {
	t.Helper()
	var db *sqlstore.DB
	var err error
	if s.dsn != "" {
		db, err = sqlstore.OpenPostgres(ctx, s.dsn, sqlstore.WithClock(s.clock.Now))
	} else {
		db, err = sqlstore.OpenSQLite(ctx, s.path, sqlstore.WithClock(s.clock.Now))
	}
	must(t, err)
	closeDB := sync.OnceFunc(func() { db.Close() })
	t.Cleanup(closeDB)
	cat, err := i18n.Load()
	must(t, err)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	client := telegram.NewClient(s.bot.URL, s.bot.Token)
	client.HTTP.Timeout = timeout
	return &node{db: db, close: closeDB, news: newsroom.New(db, s.blobs, s.clock.Now, log), poster: &telegram.Poster{Queue: db, Stories: db, Blobs: s.blobs,
		Client: client, Cat: cat, BaseURL: "https://khabar.test", Node: name, Timeout: timeout, Now: s.clock.Now, Log: log}}
}

func (s *site) publish(t *testing.T, n *node) {
	t.Helper()
	v, err := n.news.Transition(ctx, s.editor, s.story.ID, "ar", khabar.StatusPublished, time.Time{}, s.rev)
	must(t, err)
	s.rev = v.Revision
}

func (s *site) postDue(t *testing.T, n *node) int {
	t.Helper()
	done, err := n.poster.PostDue(ctx)
	must(t, err)
	return done
}

// only returns the one message of the channel.
func (s *site) only(t *testing.T) bottest.Message {
	t.Helper()
	msgs := s.bot.Messages("@khabar_ar")
	if len(msgs) != 1 {
		t.Fatalf("the channel has %d messages, want 1: %+v", len(msgs), msgs)
	}
	for _, m := range msgs {
		return m
	}
	panic("unreachable")
}

// TestChannelFollowsPublication: publishing posts the story once (photo,
// title, summary, link), editing its title edits the post, an edit that
// does not show changes nothing, unpublishing deletes the post.
func TestChannelFollowsPublication(t *testing.T) {
	s, n := newSite(t)
	if done := s.postDue(t, n); done != 0 {
		t.Fatalf("a draft was posted (%d)", done)
	}
	s.publish(t, n)
	if done := s.postDue(t, n); done != 1 {
		t.Fatalf("posted %d, want 1", done)
	}
	m := s.only(t)
	link := `<a href="https://khabar.test/ar/news/` // the story's address
	if m.Photo == nil || !strings.Contains(m.Caption, "<b>قمة في موسكو</b>") || !strings.Contains(m.Caption, "قادة إحدى عشرة دولة يجتمعون.") ||
		!strings.Contains(m.Caption, link) || !strings.Contains(m.Caption, "اقرأ الخبر") {
		t.Fatalf("the post: caption %q, photo %d bytes", m.Caption, len(m.Photo))
	}
	if done := s.postDue(t, n); done != 0 || s.bot.Count("sendPhoto") != 1 {
		t.Fatal("the story was posted again")
	}

	v, err := n.news.SaveVersion(ctx, s.editor, s.story.ID, newsroom.VersionInput{Lang: "ar", Title: "قمة غير رسمية في موسكو", Summary: "قادة إحدى عشرة دولة يجتمعون.", Body: "<p>نص.</p>", BaseRevision: s.rev})
	must(t, err)
	s.rev = v.Revision
	s.postDue(t, n)
	if m2 := s.only(t); m2.ID != m.ID || m2.Edits != 1 || !strings.Contains(m2.Caption, "<b>قمة غير رسمية في موسكو</b>") {
		t.Fatalf("after editing the title: %+v", m2)
	}
	v, err = n.news.SaveVersion(ctx, s.editor, s.story.ID, newsroom.VersionInput{Lang: "ar", Title: v.Title, Slug: v.Slug, Summary: v.Summary, Body: "<p>نص أطول.</p>", BaseRevision: s.rev})
	must(t, err)
	s.rev = v.Revision
	if done := s.postDue(t, n); done != 0 || s.bot.Count("editMessageCaption") != 1 {
		t.Fatal("an edit of the body alone edited the post")
	}

	v, err = n.news.Transition(ctx, s.editor, s.story.ID, "ar", khabar.StatusUnpublished, time.Time{}, s.rev)
	must(t, err)
	s.rev = v.Revision
	s.postDue(t, n)
	if msgs := s.bot.Messages("@khabar_ar"); len(msgs) != 0 || s.bot.Count("deleteMessage") != 1 {
		t.Fatalf("after unpublishing the channel shows %+v", msgs)
	}
	p, err := n.db.ChannelPost(ctx, s.story.ID, "ar")
	must(t, err)
	if p.State != khabar.PostDeleted {
		t.Fatalf("post after the deletion: %+v", p)
	}
}

// TestChannelPostSurvivesRestart: a node stopped while Telegram is posting
// waits for the answer and records it; the next node after the restart
// posts nothing again, and edits the same message.
func TestChannelPostSurvivesRestart(t *testing.T) {
	s, a := newSite(t)
	s.publish(t, a)
	held := s.bot.Hold()
	stop, cancel := context.WithCancel(ctx)
	finished := make(chan error, 1)
	go func() { _, err := a.poster.PostDue(stop); finished <- err }()
	if method := <-held; method != "sendPhoto" {
		t.Fatalf("held %s", method)
	}
	cancel() // the operator stops node A in the middle of the post
	select {
	case <-finished:
		t.Fatal("node A gave up the post in flight")
	case <-time.After(100 * time.Millisecond):
	}
	s.bot.Release()
	must(t, <-finished)
	a.close()

	b := s.node(t, "node-2", time.Minute) // the restart
	if done := s.postDue(t, b); done != 0 {
		t.Fatalf("node B did %d requests after the restart", done)
	}
	v, err := b.news.SaveVersion(ctx, s.editor, s.story.ID, newsroom.VersionInput{Lang: "ar", Title: "عنوان جديد", Summary: "قادة إحدى عشرة دولة يجتمعون.", Body: "<p>نص.</p>", BaseRevision: s.rev})
	must(t, err)
	s.rev = v.Revision
	s.postDue(t, b)
	if m := s.only(t); m.Edits != 1 || !strings.Contains(m.Caption, "عنوان جديد") || s.bot.Count("sendPhoto") != 1 {
		t.Fatalf("after the restart and an edit: %+v, %d posts", m, s.bot.Count("sendPhoto"))
	}
}

// TestChannelPostNeverTwice: a node that dies after the request left (the
// connection breaks before Telegram's answer), and a node killed after it
// claimed the post, leave the post uncertain; no node posts it again, and
// an editor's "post again" does.
func TestChannelPostNeverTwice(t *testing.T) {
	s, _ := newSite(t)
	a := s.node(t, "node-1", 300*time.Millisecond)
	s.publish(t, a)
	held := s.bot.Hold()
	done := make(chan struct{})
	go func() { a.poster.PostDue(ctx); close(done) }()
	<-held
	<-done // A's request timed out after it left: A cannot know
	s.bot.Release()
	deadline := time.Now().Add(5 * time.Second)
	for len(s.bot.Messages("@khabar_ar")) == 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond) // Telegram carries out the request it got
	}
	p, err := a.db.ChannelPost(ctx, s.story.ID, "ar")
	must(t, err)
	if p.State != khabar.PostUncertain {
		t.Fatalf("after a broken answer: %+v", p)
	}
	b := s.node(t, "node-2", time.Minute)
	s.clock.now = s.clock.now.Add(time.Hour)
	if n := s.postDue(t, b); n != 0 || s.bot.Count("sendPhoto") != 1 {
		t.Fatalf("an uncertain post was made again: %d", s.bot.Count("sendPhoto"))
	}
	// The editor looks at the channel and asks for the post again.
	must(t, b.news.PostToChannel(ctx, s.editor, s.story.ID, "ar"))
	s.postDue(t, b)
	if n := len(s.bot.Messages("@khabar_ar")); n != 2 {
		t.Fatalf("after posting again the channel has %d messages", n)
	}

	// A node claims a post and is killed: once its claim runs out, the
	// post is uncertain and nothing is sent.
	s2, n2 := newSite(t)
	s2.publish(t, n2)
	if p, err := n2.db.ClaimChannelPost(ctx, "killed", time.Minute); err != nil || p == nil {
		t.Fatalf("claim: %v %v", p, err)
	}
	s2.clock.now = s2.clock.now.Add(5 * time.Minute)
	if n := s2.postDue(t, n2); n != 0 || s2.bot.Count("sendPhoto") != 0 {
		t.Fatal("the post of a killed node was made")
	}
	p, err = n2.db.ChannelPost(ctx, s2.story.ID, "ar")
	must(t, err)
	if p.State != khabar.PostUncertain {
		t.Fatalf("after the kill: %+v", p)
	}
}

// TestChannelHonoursRetryAfter: a 429 puts the post off for retry_after
// seconds, then it is made once.
func TestChannelHonoursRetryAfter(t *testing.T) {
	s, n := newSite(t)
	s.publish(t, n)
	s.bot.Limit("sendPhoto", 30)
	if done := s.postDue(t, n); done != 0 {
		t.Fatal("a refused post counts as made")
	}
	p, err := n.db.ChannelPost(ctx, s.story.ID, "ar")
	must(t, err)
	if p.State != khabar.PostQueued || !p.NextAt.Equal(s.clock.now.Add(30*time.Second)) || !strings.Contains(p.Error, "429") {
		t.Fatalf("after a 429: %+v", p)
	}
	s.clock.now = s.clock.now.Add(29 * time.Second)
	if done := s.postDue(t, n); done != 0 {
		t.Fatal("posted before retry_after")
	}
	s.clock.now = s.clock.now.Add(2 * time.Second)
	if done := s.postDue(t, n); done != 1 {
		t.Fatal("not posted after retry_after")
	}
	calls := s.bot.Calls()
	if len(calls) != 2 || calls[0].Status != http.StatusTooManyRequests || calls[1].Status != http.StatusOK {
		t.Fatalf("calls = %+v", calls)
	}
}

// TestChannelRefusals: a channel the bot cannot post in, and a wrong
// token, leave the post failed with Telegram's reason.
func TestChannelRefusals(t *testing.T) {
	s, n := newSite(t)
	must(t, n.news.SaveChannel(ctx, newsroom.Console(), khabar.Channel{Lang: "ar", ChatID: "@nobody_here", AutoPost: true}))
	s.publish(t, n)
	s.postDue(t, n)
	p, err := n.db.ChannelPost(ctx, s.story.ID, "ar")
	must(t, err)
	if p.State != khabar.PostFailed || !strings.Contains(p.Error, "chat not found") {
		t.Fatalf("a post to an unknown chat: %+v", p)
	}
}

// TestChannelStalePost: a post that waited more than a day (no token, or
// Telegram unreachable) is not made; an editor can still post it.
func TestChannelStalePost(t *testing.T) {
	s, n := newSite(t)
	s.publish(t, n)
	s.clock.now = s.clock.now.Add(25 * time.Hour)
	if done := s.postDue(t, n); done != 0 || s.bot.Count("sendPhoto") != 0 {
		t.Fatal("a post queued a day ago was made")
	}
	p, err := n.db.ChannelPost(ctx, s.story.ID, "ar")
	must(t, err)
	if p.State != khabar.PostFailed || !strings.Contains(p.Error, "waited") {
		t.Fatalf("the stale post: %+v", p)
	}
	must(t, n.news.PostToChannel(ctx, s.editor, s.story.ID, "ar"))
	if done := s.postDue(t, n); done != 1 {
		t.Fatal("the editor's post was not made")
	}
}

func TestCompose(t *testing.T) {
	long := strings.Repeat("كلمة ", 400)
	got := telegram.Compose("عنوان <مهم> & \"آخر\"", long, "https://khabar.test/ar/news/1-x?a=1&b=2", "اقرأ الخبر", 1024)
	if !strings.Contains(got, "<b>عنوان &lt;مهم&gt; &amp; &#34;آخر&#34;</b>") || !strings.Contains(got, `href="https://khabar.test/ar/news/1-x?a=1&amp;b=2"`) || !strings.Contains(got, "…") {
		t.Fatalf("compose = %q", got)
	}
}

package port_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/i18n"
	"github.com/khabarnews/khabar/newsroom"
	"github.com/khabarnews/khabar/port"
	"github.com/khabarnews/khabar/web"
)

// moved is what of the editorial desk and of the site's distribution a
// move must keep, as fullSite made it.
type moved struct {
	harbour, withdrawn      int64 // a published story with a correction, an expiry, a pending update and a channel post; a withdrawn one
	harbourSlug, oldSlug    string
	expires                 time.Time
	confirmed, pending      string // the subscribers' tokens: the links in their mailboxes
	correction, withdrawal  string
	liveText, pendingText   string
	publishNote, updateNote string
}

// newsroomWork gives site s what the editorial desk and the distribution
// keep: a correction, a withdrawn story with its note for readers, an
// expiry, a pending update, notes on moves, a wire feed, subscribers,
// newsletter settings, a channel and a post in it.
func newsroomWork(t *testing.T, s *site, sourceID int64) moved {
	ctx := context.Background()
	actor := newsroom.Console()
	m := moved{correction: "An earlier version gave the wrong day.", withdrawal: "Статья снята по просьбе источника.",
		liveText: "The harbour reopened on Monday.", pendingText: "The harbour reopened on Monday morning after repairs.",
		publishNote: "Checked with the port authority.", updateNote: "Added when it reopened."}
	sara, err := s.news.CreateUser(ctx, actor, newsroom.UserInput{Login: "sara", Names: khabar.Text{"en": "Sara"}, Role: khabar.RoleAuthor,
		Languages: []string{"en"}, NoLogin: true}, "")
	must(t, err)
	st, v, err := s.news.CreateStory(ctx, actor, newsroom.StoryInput{AuthorIDs: []int64{sara.ID}},
		newsroom.VersionInput{Lang: "en", Title: "Harbour reopens", Body: "<p>" + m.liveText + "</p>"})
	must(t, err)
	m.harbour, m.harbourSlug = st.ID, v.Slug
	same := func(v *khabar.Version) newsroom.VersionInput {
		return newsroom.VersionInput{Lang: v.Lang, Title: v.Title, Slug: v.Slug, Summary: v.Summary, Body: v.Body, BaseRevision: v.Revision}
	}
	saved, err := s.news.SaveStory(ctx, actor, st.ID, newsroom.Edit{Version: same(v), Move: khabar.StatusPublished, Note: m.publishNote})
	must(t, err)
	must(t, s.news.Correct(ctx, actor, st.ID, "en", newsroom.CorrectionInput{Kind: khabar.KindCorrection, Note: m.correction}))
	m.expires = time.Now().Add(30 * 24 * time.Hour).UTC().Truncate(time.Millisecond)
	saved, err = s.news.SaveStory(ctx, actor, st.ID, newsroom.Edit{Version: same(current(t, s, st.ID, "en")), Expiry: &m.expires})
	must(t, err)
	// Telegram posted it as message 4242.
	must(t, s.news.SaveChannel(ctx, actor, khabar.Channel{Lang: "en", ChatID: "@khabar_en"}))
	must(t, s.news.PostToChannel(ctx, actor, st.ID, "en"))
	p, err := s.db.ClaimChannelPost(ctx, "node-a", time.Minute)
	must(t, err)
	if p == nil {
		t.Fatal("no post queued")
	}
	must(t, s.db.FinishChannelPost(ctx, "node-a", khabar.ChannelResult{StoryID: st.ID, Lang: "en", Done: true, MessageID: 4242, Revision: p.Revision}))
	// The author's change waits for an editor beside the live text.
	in := same(saved.Version)
	in.Body, in.Note = "<p>"+m.pendingText+"</p>", m.updateNote
	saved, err = s.news.SaveStory(ctx, sara, st.ID, newsroom.Edit{Version: in})
	must(t, err)
	if saved.Version.PendingRevision == 0 {
		t.Fatalf("no pending update: %+v", saved.Version)
	}

	old, v, err := s.news.CreateStory(ctx, actor, newsroom.StoryInput{SourceID: sourceID, AuthorIDs: []int64{sara.ID}},
		newsroom.VersionInput{Lang: "ru", Title: "Старый материал", Body: "<p>Текст, который сняли.</p>"})
	must(t, err)
	_, err = s.news.SaveStory(ctx, actor, old.ID, newsroom.Edit{Version: same(v), Move: khabar.StatusPublished})
	must(t, err)
	_, err = s.news.UnpublishStory(ctx, actor, old.ID, "по просьбе источника", map[string]string{"ru": m.withdrawal})
	must(t, err)
	m.withdrawn, m.oldSlug = old.ID, v.Slug

	u, l, every := "https://tass.example/rss.xml", "ru", 10*time.Minute
	_, err = s.news.SaveWireFeed(ctx, actor, 0, newsroom.WireFeedInput{SourceID: &sourceID, URL: &u, Lang: &l, Interval: &every})
	must(t, err)
	must(t, s.news.SaveNewsletter(ctx, actor, khabar.Newsletter{Lang: "en", Daily: true, DailyHour: 6}))
	for _, sub := range []newsroom.SubscribeInput{{Email: "reader@example.org", Lang: "en", Consent: "I agree to receive the newsletter.", Agreed: true},
		{Email: "chitatel@example.ru", Lang: "ru", Consent: "Я согласен получать рассылку.", Agreed: true}} {
		must(t, s.news.Subscribe(ctx, sub))
	}
	reader, err := s.db.SubscriberByEmail(ctx, "reader@example.org", "en")
	must(t, err)
	_, err = s.news.ConfirmSubscription(ctx, reader.Token)
	must(t, err)
	chitatel, err := s.db.SubscriberByEmail(ctx, "chitatel@example.ru", "ru")
	must(t, err)
	m.confirmed, m.pending = reader.Token, chitatel.Token
	return m
}

func current(t *testing.T, s *site, storyID int64, lang string) *khabar.Version {
	t.Helper()
	vs, err := s.db.Versions(context.Background(), storyID)
	must(t, err)
	for i := range vs {
		if vs[i].Lang == lang {
			return &vs[i]
		}
	}
	t.Fatalf("story %d has no %s version", storyID, lang)
	return nil
}

// serve runs the public site of s.
func serve(t *testing.T, s *site) *httptest.Server {
	t.Helper()
	cat, err := i18n.Load()
	must(t, err)
	var h http.Handler
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { h.ServeHTTP(w, r) }))
	t.Cleanup(srv.Close)
	h, err = web.New(web.Config{BaseURL: srv.URL, NoCache: true, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}, s.db, s.blobs, cat, s.news)
	must(t, err)
	return srv
}

func fetch(t *testing.T, method, url string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, nil)
	must(t, err)
	res, err := http.DefaultClient.Do(req)
	must(t, err)
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	must(t, err)
	return res.StatusCode, string(b)
}

// checkMoved checks, as a reader, an editor and the channel's sender
// would, that the site b that an archive moved keeps what m names.
func checkMoved(t *testing.T, b *site, m moved) {
	t.Helper()
	ctx := context.Background()
	srv := serve(t, b)
	code, page := fetch(t, "GET", srv.URL+khabar.ArticlePath("en", m.harbour, m.harbourSlug))
	if code != http.StatusOK || !strings.Contains(page, m.correction) || !strings.Contains(page, m.liveText) || strings.Contains(page, m.pendingText) {
		t.Errorf("the moved article (%d) lacks its correction, or shows the pending update:\n%.3000s", code, page)
	}
	code, page = fetch(t, "GET", srv.URL+khabar.ArticlePath("ru", m.withdrawn, m.oldSlug))
	if code != http.StatusGone || !strings.Contains(page, m.withdrawal) {
		t.Errorf("the withdrawn article answers %d without its note for readers:\n%.3000s", code, page)
	}
	// The editor finds the pending update with its note, the expiry, and
	// the notes of the moves in the history.
	v := current(t, b, m.harbour, "en")
	if v.PendingRevision == 0 || !v.ExpiresAt.Equal(m.expires) || v.Note != m.publishNote {
		t.Errorf("the moved version: pending %d, expires %v (want %v), note %q", v.PendingRevision, v.ExpiresAt, m.expires, v.Note)
	}
	working, err := b.news.Working(ctx, v)
	must(t, err)
	if !strings.Contains(working.Body, m.pendingText) || !working.Pending || working.Note != m.updateNote {
		t.Errorf("the editor opens %q (pending %v, note %q)", working.Body, working.Pending, working.Note)
	}
	revs, err := b.db.Revisions(ctx, m.harbour, "en")
	must(t, err)
	notes := ""
	for _, r := range revs {
		notes += r.Note + "|"
	}
	if !strings.Contains(notes, m.publishNote) {
		t.Errorf("the history lost the note of the publication: %q", notes)
	}
	// The sources' feeds, the newsletters' settings.
	feeds, err := b.db.WireFeeds(ctx)
	must(t, err)
	if len(feeds) != 1 || feeds[0].URL != "https://tass.example/rss.xml" || feeds[0].Lang != "ru" || feeds[0].Interval != 10*time.Minute {
		t.Errorf("wire feeds after the move: %+v", feeds)
	}
	letters, err := b.db.Newsletters(ctx)
	must(t, err)
	if len(letters) != 1 || !letters[0].Daily || letters[0].DailyHour != 6 {
		t.Errorf("newsletters after the move: %+v", letters)
	}
	// The readers' old links still work: one unsubscribes, the other
	// confirms.
	reader, err := b.db.SubscriberByEmail(ctx, "reader@example.org", "en")
	if err != nil || reader.Status != khabar.SubscriberConfirmed || reader.Consent != "I agree to receive the newsletter." || reader.ConsentAt.IsZero() || reader.ConfirmedAt.IsZero() {
		t.Fatalf("the confirmed subscriber after the move: %+v, %v", reader, err)
	}
	if code, page := fetch(t, "POST", srv.URL+"/en/newsletter/unsubscribe?t="+m.confirmed); code != http.StatusOK {
		t.Errorf("unsubscribing with the old link: %d\n%.2000s", code, page)
	}
	if reader, _ = b.db.SubscriberByEmail(ctx, "reader@example.org", "en"); reader == nil || reader.Status != khabar.SubscriberUnsubscribed {
		t.Errorf("still subscribed after the old link: %+v", reader)
	}
	if code, _ := fetch(t, "POST", srv.URL+"/ru/newsletter/confirm?t="+m.pending); code != http.StatusOK {
		t.Errorf("confirming with the old link: %d", code)
	}
	// Withdrawn after the move, the story's post is deleted: the one
	// Telegram made.
	_, err = b.news.UnpublishStory(ctx, newsroom.Console(), m.harbour, "", nil)
	must(t, err)
	p, err := b.db.ClaimChannelPost(ctx, "node-b", time.Minute)
	must(t, err)
	if p == nil || p.StoryID != m.harbour || p.Op != khabar.OpDelete || p.MessageID != 4242 || p.ChatID != "@khabar_en" {
		t.Errorf("after the move, withdrawing asks the channel for %+v", p)
	}
}

// TestArchiveRefusesBadDistribution: a bad subscriber, channel post or
// correction is skipped and named, whole, and the rest comes in; the
// store refuses a part of an archive with one and writes nothing of it.
func TestArchiveRefusesBadDistribution(t *testing.T) {
	ctx := context.Background()
	a := newSite(t)
	work := fullSite(t, a)
	dir := filepath.Join(t.TempDir(), "arch")
	_, err := port.Export(ctx, a.db, a.blobs, dir, "test", nil)
	must(t, err)
	edit := func(name, old, new string) {
		t.Helper()
		b, err := os.ReadFile(filepath.Join(dir, name))
		must(t, err)
		if !bytes.Contains(b, []byte(old)) {
			t.Fatalf("%s has no %s", name, old)
		}
		must(t, os.WriteFile(filepath.Join(dir, name), bytes.Replace(b, []byte(old), []byte(new), 1), 0o644))
	}
	edit("subscribers.jsonl", `"email":"reader@example.org"`, `"email":"not an address"`)
	edit("channel_posts.jsonl", `"want":"post"`, `"want":"maybe"`)
	edit("stories.jsonl", `"kind":"correction"`, `"kind":"rumour"`)
	c := newSite(t)
	rep, err := port.Archive(ctx, c.news, newsroom.Console(), dir, port.Options{})
	must(t, err)
	skipped := map[string]khabar.Code{}
	for _, p := range rep.Skipped {
		skipped[p.Ref] = khabar.ErrorCode(p.Err)
	}
	for _, want := range []string{"subscriber 1", fmt.Sprintf("story %d", work.harbour), fmt.Sprintf("channel post of story %d in en", work.harbour)} {
		if skipped[want] != khabar.EInvalid {
			t.Errorf("%s was not skipped as invalid: %v", want, rep.Skipped)
		}
	}
	if _, err := c.db.SubscriberByEmail(ctx, "chitatel@example.ru", "ru"); err != nil || rep.Created["subscriber"] != 1 || rep.Created["story"] != 8 {
		t.Errorf("the rest did not come in: %v, %+v", err, rep)
	}
	if _, err := c.db.SubscriberByToken(ctx, work.confirmed); !khabar.IsNotFound(err) {
		t.Errorf("the bad subscriber was written: %v", err)
	}

	// The store itself: one bad record, nothing of the part written.
	d := newSite(t)
	good := khabar.Subscriber{ID: 5, Email: "ok@example.org", Lang: "en", Status: khabar.SubscriberPending, Token: "tok-5", Consent: "Yes.", ConsentAt: time.Now()}
	bad := good
	bad.ID, bad.Email, bad.Token, bad.Status = 6, "two@example.org", "tok-6", "maybe"
	err = d.db.Restore(ctx, &khabar.Archive{Subscribers: []khabar.Subscriber{good, bad}, Newsletters: []khabar.Newsletter{{Lang: "en", DailyHour: 7}}})
	if khabar.ErrorCode(err) != khabar.EInvalid || !strings.Contains(err.Error(), "subscriber 6") {
		t.Fatalf("a bad subscriber: %v", err)
	}
	if n, _ := d.db.Newsletters(ctx); len(n) != 0 {
		t.Errorf("a refused part was written: %+v", n)
	}
	if _, err := d.db.SubscriberByToken(ctx, "tok-5"); !khabar.IsNotFound(err) {
		t.Errorf("a refused part was written: %v", err)
	}
}

// TestArchiveVersion1: an archive written before version 2 (no files of
// the distribution) still comes in.
func TestArchiveVersion1(t *testing.T) {
	ctx := context.Background()
	a := newSite(t)
	fullSite(t, a)
	dir := filepath.Join(t.TempDir(), "arch")
	_, err := port.Export(ctx, a.db, a.blobs, dir, "test", nil)
	must(t, err)
	for _, name := range []string{"wire_feeds.jsonl", "subscribers.jsonl", "newsletters.jsonl", "channels.jsonl", "channel_posts.jsonl"} {
		must(t, os.Remove(filepath.Join(dir, name)))
	}
	m, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	must(t, err)
	must(t, os.WriteFile(filepath.Join(dir, "manifest.json"), bytes.Replace(m, []byte(`"version": 2`), []byte(`"version": 1`), 1), 0o644))
	b := newSite(t)
	rep, err := port.Archive(ctx, b.news, newsroom.Console(), dir, port.Options{})
	must(t, err)
	if len(rep.Skipped) > 0 || rep.Created["story"] != 9 || rep.Created["subscriber"] != 0 {
		t.Fatalf("a version 1 archive: %+v %v", rep, rep.Skipped)
	}
}

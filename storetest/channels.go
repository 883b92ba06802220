package storetest

import (
	"testing"
	"time"

	"github.com/khabarnews/khabar"
)

// testChannels covers what the channels should show and the queue that
// brings them in line: a post made once, edits and deletions after it,
// one node at a time, and a first post whose sender died never made again
// unless an editor asks.
func testChannels(t *testing.T, open Opener) {
	clock := newClock()
	s := open(t, clock.Now)
	for _, bad := range []string{"@ab", "khabar", "@kha bar", "-", "12a"} {
		wantCode(t, s.SaveChannel(ctx, khabar.Channel{Lang: "ar", ChatID: bad}), khabar.EInvalid)
	}
	must(t, s.SaveChannel(ctx, khabar.Channel{Lang: "ar", ChatID: "@khabar_ar", AutoPost: true}))
	must(t, s.SaveChannel(ctx, khabar.Channel{Lang: "ru", ChatID: "-1001234567890"}))
	must(t, s.SaveChannel(ctx, khabar.Channel{Lang: "ru", ChatID: ""}))
	chans, err := s.Channels(ctx)
	must(t, err)
	if len(chans) != 1 || chans[0].ChatID != "@khabar_ar" || !chans[0].AutoPost {
		t.Fatalf("channels = %+v", chans)
	}

	st := &khabar.Story{}
	must(t, s.CreateStory(ctx, st, []*khabar.Version{{Lang: "ar", Title: "خبر", Slug: "x", Status: khabar.StatusDraft}}))
	change := func(op string, rev int64, again bool) {
		t.Helper()
		must(t, s.QueueChannelPost(ctx, khabar.ChannelChange{StoryID: st.ID, Lang: "ar", ChatID: "@khabar_ar", Op: op, Revision: rev, Again: again}))
	}
	post := func() *khabar.ChannelPost {
		t.Helper()
		p, err := s.ChannelPost(ctx, st.ID, "ar")
		must(t, err)
		return p
	}
	claim := func(node, wantOp string) *khabar.ChannelPost {
		t.Helper()
		p, err := s.ClaimChannelPost(ctx, node, time.Minute)
		must(t, err)
		if wantOp == "" {
			if p != nil {
				t.Fatalf("claimed %+v, want nothing", p)
			}
			return nil
		}
		if p == nil || p.Op != wantOp {
			t.Fatalf("claimed %+v, want an %s", p, wantOp)
		}
		return p
	}
	done := func(node string, p *khabar.ChannelPost, msg int64) {
		t.Helper()
		must(t, s.FinishChannelPost(ctx, node, khabar.ChannelResult{StoryID: p.StoryID, Lang: p.Lang, Done: true, MessageID: msg, Photo: true, Revision: p.Revision}))
	}

	// Nothing posted: an edit or a deletion has nothing to act on.
	change(khabar.OpEdit, 2, false)
	change(khabar.OpDelete, 0, false)
	if _, err := s.ChannelPost(ctx, st.ID, "ar"); !khabar.IsNotFound(err) {
		t.Fatalf("an edit of a story never posted made a post: %v", err)
	}

	change(khabar.OpPost, 3, false)
	p := claim("node-a", khabar.OpPost)
	claim("node-b", "")
	must(t, s.FinishChannelPost(ctx, "node-b", khabar.ChannelResult{StoryID: st.ID, Lang: "ar", Done: true, MessageID: 99}))
	done("node-a", p, 7)
	if got := post(); got.State != khabar.PostPosted || got.MessageID != 7 || got.PostedRevision != 3 || !got.Photo || got.PostedAt.IsZero() {
		t.Fatalf("after posting: %+v", got)
	}
	claim("node-a", "")

	// An edit arrives while the previous one is being sent: the post is
	// queued again when that one finishes.
	change(khabar.OpEdit, 4, false)
	p = claim("node-a", khabar.OpEdit)
	change(khabar.OpEdit, 5, false)
	done("node-a", p, 0)
	if got := post(); got.State != khabar.PostQueued || got.PostedRevision != 4 || got.Revision != 5 {
		t.Fatalf("after an edit during an edit: %+v", got)
	}
	p = claim("node-a", khabar.OpEdit)
	// Telegram says to wait: the edit is tried again after that.
	must(t, s.FinishChannelPost(ctx, "node-a", khabar.ChannelResult{StoryID: st.ID, Lang: "ar", State: khabar.PostQueued,
		NextAt: clock.now.Add(30 * time.Second), Error: "429"}))
	claim("node-a", "")
	clock.now = clock.now.Add(31 * time.Second)
	p = claim("node-a", khabar.OpEdit)
	// The node dies while editing: an edit is safe to make again.
	clock.now = clock.now.Add(2 * time.Minute)
	p = claim("node-b", khabar.OpEdit)
	done("node-b", p, 0)

	change(khabar.OpDelete, 0, false)
	p = claim("node-a", khabar.OpDelete)
	done("node-a", p, 0)
	if got := post(); got.State != khabar.PostDeleted || got.MessageID != 0 || got.Want != khabar.WantDelete {
		t.Fatalf("after deleting: %+v", got)
	}
	change(khabar.OpEdit, 6, false) // a withdrawn story's edit brings nothing back
	claim("node-a", "")

	// Published again: a new post. Its sender dies before Telegram
	// answers: the post is uncertain and stays so until an editor asks.
	change(khabar.OpPost, 7, false)
	claim("node-a", khabar.OpPost)
	clock.now = clock.now.Add(2 * time.Minute)
	claim("node-b", "")
	if got := post(); got.State != khabar.PostUncertain || got.Error == "" {
		t.Fatalf("after a sender died posting: %+v", got)
	}
	change(khabar.OpPost, 8, false)
	claim("node-b", "")
	change(khabar.OpPost, 8, true)
	p = claim("node-b", khabar.OpPost)
	done("node-b", p, 11)
	if got := post(); got.State != khabar.PostPosted || got.MessageID != 11 || got.Attempts != 0 {
		t.Fatalf("after posting again: %+v", got)
	}
	posts, err := s.ChannelPosts(ctx, "ar", 10)
	must(t, err)
	if len(posts) != 1 || posts[0].MessageID != 11 {
		t.Fatalf("posts = %+v", posts)
	}
}

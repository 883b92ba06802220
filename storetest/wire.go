package storetest

import (
	"testing"
	"time"

	"github.com/khabarnews/khabar"
)

// testWire covers the wire desk: feeds claimed by one node at a time, each
// item once (by guid or by link), the inbox newest first with its filters
// and its search, and the uses of an item.
func testWire(t *testing.T, open Opener) {
	clock := newClock()
	s := open(t, clock.Now)
	tass := &khabar.Source{Names: khabar.Text{"en": "TASS"}}
	ria := &khabar.Source{Names: khabar.Text{"en": "RIA"}}
	must(t, s.CreateSource(ctx, tass))
	must(t, s.CreateSource(ctx, ria))

	feed := &khabar.WireFeed{SourceID: tass.ID, URL: "https://tass.example/rss/ar.xml", Lang: "ar", Interval: 5 * time.Minute}
	t.Run("Feeds", func(t *testing.T) {
		must(t, s.CreateWireFeed(ctx, feed))
		for _, bad := range []khabar.WireFeed{
			{SourceID: tass.ID, URL: "ftp://tass.example/a", Lang: "ar", Interval: time.Hour},
			{SourceID: tass.ID, URL: "https://tass.example/b", Lang: "ar", Interval: time.Second},
			{SourceID: tass.ID, URL: "https://tass.example/b", Interval: time.Hour},
			{SourceID: 999, URL: "https://tass.example/b", Lang: "ar", Interval: time.Hour},
		} {
			wantCode(t, s.CreateWireFeed(ctx, &bad), khabar.EInvalid)
		}
		dup := &khabar.WireFeed{SourceID: ria.ID, URL: feed.URL, Lang: "ru", Interval: time.Hour}
		wantCode(t, s.CreateWireFeed(ctx, dup), khabar.EConflict)
		feeds, err := s.WireFeeds(ctx)
		must(t, err)
		if len(feeds) != 1 || feeds[0].URL != feed.URL || feeds[0].Interval != 5*time.Minute || feeds[0].Status != "" {
			t.Fatalf("feeds = %+v", feeds)
		}
	})

	t.Run("ClaimOnce", func(t *testing.T) {
		got, err := s.ClaimWireFeed(ctx, "node-a", time.Minute)
		must(t, err)
		if got == nil || got.ID != feed.ID {
			t.Fatalf("a new feed is due at once: claimed %+v", got)
		}
		again, err := s.ClaimWireFeed(ctx, "node-b", time.Minute)
		must(t, err)
		if again != nil {
			t.Fatalf("a claimed feed was claimed again by another node: %+v", again)
		}
		// node-a's lease runs out: node-b takes the feed, and what node-a
		// brings back late is not saved.
		clock.now = clock.now.Add(2 * time.Minute)
		again, err = s.ClaimWireFeed(ctx, "node-b", time.Minute)
		must(t, err)
		if again == nil {
			t.Fatal("a feed whose lease ran out was not claimed again")
		}
		n, err := s.SaveWirePoll(ctx, "node-a", khabar.WirePoll{FeedID: feed.ID, Status: khabar.WireOK,
			Items: []khabar.WireItem{{GUID: "late", Title: "Late"}}, NextAt: clock.now.Add(time.Hour)})
		must(t, err)
		if n != 0 {
			t.Fatalf("a poll whose claim was lost saved %d items", n)
		}
		n, err = s.SaveWirePoll(ctx, "node-b", khabar.WirePoll{FeedID: feed.ID, Status: khabar.WireHTML, Detail: "text/html",
			Failures: 1, NextAt: clock.now.Add(10 * time.Minute)})
		must(t, err)
		f, err := s.WireFeed(ctx, feed.ID)
		must(t, err)
		if n != 0 || f.Status != khabar.WireHTML || f.Detail != "text/html" || f.Failures != 1 || !f.NextAt.Equal(clock.now.Add(10*time.Minute)) || !f.OKAt.IsZero() {
			t.Fatalf("after a failed poll: %+v", f)
		}
		if again, _ := s.ClaimWireFeed(ctx, "node-a", time.Minute); again != nil {
			t.Fatal("a feed was claimed before its next poll")
		}
	})

	base := clock.now
	poll := func(items ...khabar.WireItem) int {
		t.Helper()
		clock.now = clock.now.Add(time.Hour)
		f, err := s.ClaimWireFeed(ctx, "node-a", time.Minute)
		must(t, err)
		if f == nil {
			t.Fatal("the feed is not due")
		}
		n, err := s.SaveWirePoll(ctx, "node-a", khabar.WirePoll{FeedID: feed.ID, Status: khabar.WireOK, ETag: `"v1"`,
			Items: items, NextAt: clock.now.Add(5 * time.Minute)})
		must(t, err)
		return n
	}
	t.Run("EachItemOnce", func(t *testing.T) {
		n := poll(
			khabar.WireItem{GUID: "tass-1", Link: "https://tass.example/1", Title: "الرابطة تعقد قمتها في موسكو", PublishedAt: base.Add(-3 * time.Hour)},
			khabar.WireItem{GUID: "tass-2", Link: "https://tass.example/2", Title: "أسعار القمح ترتفع", Summary: "البورصة", PublishedAt: base.Add(-2 * time.Hour)},
			khabar.WireItem{Link: "https://tass.example/3", Title: "بلا معرف", PublishedAt: base.Add(-time.Hour)},
			khabar.WireItem{GUID: "tass-4", Title: "من المستقبل", PublishedAt: base.Add(48 * time.Hour)},
		)
		if n != 4 {
			t.Fatalf("first poll added %d items, want 4", n)
		}
		// Seen again: by guid, by link under another guid, unchanged.
		n = poll(
			khabar.WireItem{GUID: "tass-1", Link: "https://tass.example/1", Title: "الرابطة تعقد قمتها في موسكو"},
			khabar.WireItem{GUID: "tass-2-edited", Link: "https://tass.example/2", Title: "أسعار القمح ترتفع مجددا"},
			khabar.WireItem{Link: "https://tass.example/3", Title: "بلا معرف"},
			khabar.WireItem{GUID: "tass-5", Link: "https://tass.example/5", Title: "خبر جديد", PublishedAt: base.Add(90 * time.Minute)},
		)
		if n != 1 {
			t.Fatalf("second poll added %d items, want only the new one", n)
		}
		f, err := s.WireFeed(ctx, feed.ID)
		must(t, err)
		if f.Status != khabar.WireOK || f.Failures != 0 || f.ETag != `"v1"` || f.Items != 5 || f.OKAt.IsZero() {
			t.Fatalf("feed after good polls: %+v", f)
		}
	})

	list := func(fl khabar.WireFilter) []string {
		t.Helper()
		fl.Lang = "ar"
		items, total, err := s.WireItems(ctx, fl)
		must(t, err)
		if total != len(items) {
			t.Fatalf("total %d for %d items", total, len(items))
		}
		var out []string
		for _, it := range items {
			out = append(out, it.GUID+it.Link)
		}
		return out
	}
	t.Run("Inbox", func(t *testing.T) {
		all := list(khabar.WireFilter{})
		// Newest first; the item from the future arrived with the first
		// poll and is dated then.
		want := []string{"tass-5https://tass.example/5", "tass-4", "https://tass.example/3", "tass-2https://tass.example/2", "tass-1https://tass.example/1"}
		if len(all) != len(want) {
			t.Fatalf("inbox = %v, want %v", all, want)
		}
		for i := range want {
			if all[i] != want[i] {
				t.Fatalf("inbox = %v, want %v", all, want)
			}
		}
		if got := list(khabar.WireFilter{Query: "والرابطة"}); len(got) != 1 || got[0] != want[4] {
			t.Errorf("search والرابطة = %v, want the item about الرابطة", got)
		}
		if got := list(khabar.WireFilter{Query: "القمح -البورصة"}); len(got) != 0 {
			t.Errorf("an excluded word still matched: %v", got)
		}
		if got := list(khabar.WireFilter{Query: "في"}); len(got) != 0 {
			t.Errorf("a query of stop words matched %v", got)
		}
		if got := list(khabar.WireFilter{SourceID: ria.ID}); len(got) != 0 {
			t.Errorf("filter by another source = %v", got)
		}
		items, _, _ := s.WireItems(ctx, khabar.WireFilter{Lang: "ar"})
		n, err := s.MarkWireSeen(ctx, []int64{items[0].ID, items[1].ID}, true)
		must(t, err)
		if n != 2 {
			t.Fatalf("marked %d seen, want 2", n)
		}
		if n, _ := s.MarkWireSeen(ctx, []int64{items[0].ID}, true); n != 0 {
			t.Errorf("marking a seen item seen again changed %d", n)
		}
		if got := list(khabar.WireFilter{Seen: "unseen"}); len(got) != 3 {
			t.Errorf("unseen = %v", got)
		}
		unseen, err := s.UnseenWire(ctx)
		must(t, err)
		if unseen["ar"] != 3 {
			t.Errorf("unseen counts = %v", unseen)
		}
		if _, _, err := s.WireItems(ctx, khabar.WireFilter{Lang: "ru"}); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("UseAndPrune", func(t *testing.T) {
		items, _, _ := s.WireItems(ctx, khabar.WireFilter{Lang: "ar"})
		it := items[len(items)-1]
		st := &khabar.Story{SourceID: tass.ID}
		must(t, s.CreateStory(ctx, st, []*khabar.Version{{Lang: "ar", Title: "مسودة", Slug: "draft", Status: khabar.StatusDraft}}))
		must(t, s.UseWireItem(ctx, it.ID, st.ID, 7))
		wantCode(t, s.UseWireItem(ctx, it.ID, st.ID, 7), khabar.EConflict)
		wantCode(t, s.UseWireItem(ctx, 99999, st.ID, 7), khabar.ENotFound)
		got, err := s.WireItem(ctx, it.ID)
		must(t, err)
		if got.StoryID != st.ID || got.UsedBy != 7 || !got.Seen || got.UsedAt.IsZero() {
			t.Fatalf("used item = %+v", got)
		}
		// Deleting the feed keeps its items; pruning keeps the used one.
		must(t, s.DeleteWireFeed(ctx, feed.ID))
		wantCode(t, s.DeleteWireFeed(ctx, feed.ID), khabar.ENotFound)
		n, err := s.PruneWire(ctx, clock.now.Add(time.Second))
		must(t, err)
		if n != len(items)-1 {
			t.Fatalf("pruned %d, want %d", n, len(items)-1)
		}
		left, total, err := s.WireItems(ctx, khabar.WireFilter{Lang: "ar"})
		must(t, err)
		if total != 1 || left[0].ID != it.ID || left[0].FeedID != 0 {
			t.Fatalf("after pruning: %+v", left)
		}
	})
}

package storetest

import (
	"fmt"
	"testing"
	"time"

	"github.com/khabarnews/khabar"
)

// testVersionPage: the Content API's lists page through every version once,
// in order, also when stories are published between two pages, and follow
// changes (withdrawals included) by the time they happened.
func testVersionPage(t *testing.T, open Opener) {
	f := newFixture(t, open)
	var stories []*khabar.Story
	for i := range 5 {
		tags := []int64{f.putin.ID}
		if i%2 == 0 {
			tags = []int64{f.trade.ID}
		}
		stories = append(stories, f.story(t, f.politics.ID, tags, "ar", "en"))
	}
	start := f.clock.now

	keys := func(list []khabar.Summary) (out []string) {
		for _, s := range list {
			out = append(out, fmt.Sprintf("%d%s", s.StoryID, s.Lang))
		}
		return out
	}
	var seen []string
	var after *khabar.VersionKey
	for page := 0; ; page++ {
		list, err := f.s.VersionPage(ctx, khabar.VersionQuery{Lang: "ar", Limit: 2, After: after})
		must(t, err)
		if len(list) == 0 {
			break
		}
		if page == 0 { // a story published meanwhile must not shift the pages
			f.story(t, f.politics.ID, nil, "ar")
		}
		seen = append(seen, keys(list)...)
		last := list[len(list)-1]
		after = &khabar.VersionKey{At: last.PublishedAt, StoryID: last.StoryID, Lang: last.Lang}
	}
	want := []string{}
	for i := len(stories) - 1; i >= 0; i-- {
		want = append(want, fmt.Sprintf("%dar", stories[i].ID))
	}
	if fmt.Sprint(seen) != fmt.Sprint(want) {
		t.Fatalf("paged through %v, want %v", seen, want)
	}

	all, err := f.s.VersionPage(ctx, khabar.VersionQuery{Limit: 100})
	must(t, err)
	if len(all) != 11 || all[0].Status != khabar.StatusPublished {
		t.Fatalf("every language: %d versions (%v), want 11", len(all), keys(all))
	}
	tagged, err := f.s.VersionPage(ctx, khabar.VersionQuery{Lang: "en", TagID: f.trade.ID, Limit: 100})
	must(t, err)
	if len(tagged) != 3 {
		t.Fatalf("tagged trade in en: %v, want 3", keys(tagged))
	}

	// Changes since start: an edit and a withdrawal, in the order made.
	f.clock.now = start.Add(10 * time.Minute)
	vs, err := f.s.Versions(ctx, stories[1].ID)
	must(t, err)
	for _, v := range vs {
		if v.Lang == "en" {
			v.Title = "Edited"
			must(t, f.s.SaveVersion(ctx, &v, 0))
		}
	}
	f.clock.now = start.Add(11 * time.Minute)
	vs, _ = f.s.Versions(ctx, stories[0].ID)
	for _, v := range vs {
		if v.Lang == "ar" {
			v.Status = khabar.StatusUnpublished
			must(t, f.s.SaveVersion(ctx, &v, 0))
		}
	}
	since := start.Add(5 * time.Minute)
	changed, err := f.s.VersionPage(ctx, khabar.VersionQuery{UpdatedSince: since, Withdrawn: true, Limit: 100})
	must(t, err)
	got := fmt.Sprint(keys(changed))
	if want := fmt.Sprintf("[%den %dar]", stories[1].ID, stories[0].ID); got != want || changed[1].Status != khabar.StatusUnpublished {
		t.Fatalf("changed since: %v (statuses %v), want %s", got, changed, want)
	}
	changed, err = f.s.VersionPage(ctx, khabar.VersionQuery{UpdatedSince: since, Limit: 100})
	must(t, err)
	if len(changed) != 1 {
		t.Fatalf("changed since without withdrawn: %v, want only the edit", keys(changed))
	}
}

package storetest

import (
	"strconv"
	"testing"
	"time"

	"github.com/khabarnews/khabar"
)

// testStoryList: the newsroom's story list has one row per story with
// every version's state, the original first; its search finds drafts by
// any word of their text as the site's search analyses it; AdminList's
// orders put the newest publication, or the next one due, first.
func testStoryList(t *testing.T, open Opener) {
	f := newFixture(t, open)
	pub := f.story(t, f.politics.ID, nil, "ar", "en", "ru")
	draft := &khabar.Story{SectionID: f.economy.ID, AuthorIDs: []int64{f.author.ID}}
	must(t, f.s.CreateStory(khabar.WithActor(ctx, f.author.ID), draft, []*khabar.Version{
		{Lang: "ar", Title: "اجتماع في القاهرة", Slug: "ijtima", Body: "<p>اجتمع وزراء الرابطة في القاهرة أمس.</p>"}}))
	f.clock.now = f.clock.now.Add(time.Minute)
	later := f.clock.now.Add(48 * time.Hour)
	sched := &khabar.Story{SectionID: f.economy.ID}
	must(t, f.s.CreateStory(ctx, sched, []*khabar.Version{
		{Lang: "ru", Title: "Прогноз урожая", Slug: "prognoz", Body: "<p>Урожай пшеницы вырастет.</p>", Status: khabar.StatusPublished, PublishedAt: later},
		{Lang: "en", Title: "Harvest forecast", Slug: "harvest", Body: "<p>Wheat.</p>", Status: khabar.StatusDraft}}))

	// The first revision is the actor's, or the system's.
	if revs, err := f.s.Revisions(ctx, draft.ID, "ar"); err != nil || len(revs) != 1 || revs[0].UserID != f.author.ID {
		t.Errorf("revisions of a story created for user %d: %+v (%v)", f.author.ID, revs, err)
	}
	if revs, _ := f.s.Revisions(ctx, sched.ID, "ru"); len(revs) != 1 || revs[0].UserID != 0 {
		t.Errorf("revisions of a story created without an actor: %+v, want the system's (0)", revs)
	}

	rows, total, err := f.s.StoryList(ctx, khabar.AdminFilter{})
	must(t, err)
	if total != 3 || len(rows) != 3 || rows[0].StoryID != sched.ID || rows[2].StoryID != pub.ID {
		t.Fatalf("StoryList: total %d, rows %+v; want three, the last changed first", total, rows)
	}
	if s := rows[0]; s.OriginalLang != "ru" || len(s.Versions) != 2 || s.Versions[0].Lang != "ru" || s.Versions[0].Status != khabar.StatusScheduled ||
		!s.Versions[0].PublishedAt.Equal(later) || s.Versions[1].Lang != "en" || s.Versions[1].Status != khabar.StatusDraft || s.SectionID != f.economy.ID {
		t.Errorf("a scheduled story with an English draft: %+v", s)
	}
	if s := rows[2]; len(s.Versions) != 3 || s.Versions[0].Lang != "ar" || s.Versions[0].Title != "Title ar" || len(s.AuthorIDs) != 1 {
		t.Errorf("a story in three languages: %+v", s)
	}
	for _, c := range []struct {
		name string
		f    khabar.AdminFilter
		want []int64
	}{
		{"Arabic", khabar.AdminFilter{Lang: "ar"}, []int64{draft.ID, pub.ID}},
		{"drafts", khabar.AdminFilter{Status: khabar.StatusDraft}, []int64{sched.ID, draft.ID}},
		{"English drafts", khabar.AdminFilter{Lang: "en", Status: khabar.StatusDraft}, []int64{sched.ID}},
		{"Russian drafts", khabar.AdminFilter{Lang: "ru", Status: khabar.StatusDraft}, nil},
		{"section", khabar.AdminFilter{SectionID: f.politics.ID}, []int64{pub.ID}},
		{"author", khabar.AdminFilter{AuthorID: f.author.ID}, []int64{draft.ID, pub.ID}},
		{"a body word with a clitic, in a draft", khabar.AdminFilter{Query: "والرابطة"}, []int64{draft.ID}},
		{"a Russian form of a body word", khabar.AdminFilter{Query: "пшеница"}, []int64{sched.ID}},
		{"a word in Arabic only", khabar.AdminFilter{Query: "القاهرة", Lang: "ru"}, nil},
		{"a story's number", khabar.AdminFilter{Query: strconv.FormatInt(pub.ID, 10)}, []int64{pub.ID}},
		{"paged", khabar.AdminFilter{Limit: 1, Offset: 1}, []int64{draft.ID}},
		{"chosen stories", khabar.AdminFilter{IDs: []int64{pub.ID, sched.ID, 999}}, []int64{sched.ID, pub.ID}},
		{"nothing to search for", khabar.AdminFilter{Query: "…"}, nil},
	} {
		rows, total, err := f.s.StoryList(ctx, c.f)
		must(t, err)
		var got []int64
		for _, r := range rows {
			got = append(got, r.StoryID)
		}
		if !equalIDs(got, c.want) {
			t.Errorf("%s: StoryList(%+v) = %v (total %d), want %v", c.name, c.f, got, total, c.want)
		}
	}
	_, _, err = f.s.StoryList(ctx, khabar.AdminFilter{Query: string(make([]rune, khabar.MaxQueryRunes+1))})
	wantCode(t, err, khabar.EInvalid)

	// The newest publication first, and the next one due first.
	second := f.story(t, f.politics.ID, nil, "ar")
	list, _, err := f.s.AdminList(ctx, khabar.AdminFilter{Status: khabar.StatusPublished, Lang: "ar", Order: khabar.OrderPublished})
	must(t, err)
	if len(list) != 2 || list[0].StoryID != second.ID {
		t.Errorf("published Arabic versions, newest publication first: %+v", list)
	}
	soon := &khabar.Story{}
	must(t, f.s.CreateStory(ctx, soon, []*khabar.Version{{Lang: "ru", Title: "Скоро", Slug: "skoro", Status: khabar.StatusPublished, PublishedAt: later.Add(-time.Hour)}}))
	list, _, err = f.s.AdminList(ctx, khabar.AdminFilter{Status: khabar.StatusScheduled, Order: khabar.OrderSchedule})
	must(t, err)
	if len(list) != 2 || list[0].StoryID != soon.ID || list[1].StoryID != sched.ID {
		t.Errorf("scheduled versions, the next due first: %+v", list)
	}
}

func equalIDs(a, b []int64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

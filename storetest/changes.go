package storetest

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/khabarnews/khabar"
)

// testChanges: each write reports the topics it touched (what a page cache
// drops) and no more, so that an edit reaches every page that shows it and
// leaves the others; each read records the topics it was made from.
func testChanges(t *testing.T, open Opener) {
	f := newFixture(t, open)
	s := f.s
	old := f.story(t, f.politics.ID, []int64{f.cis.ID}, "ar", "ru")    // published first
	x := f.story(t, f.politics.ID, []int64{f.putin.ID}, "ar", "ru")    // the story edited
	newer := f.story(t, f.economy.ID, []int64{f.trade.ID}, "ru", "en") // published last
	sx := khabar.StoryTopic(x.ID)
	ruX, ruOld, ruNewer := khabar.VersionTopic(x.ID, "ru"), khabar.VersionTopic(old.ID, "ru"), khabar.VersionTopic(newer.ID, "ru")

	// change runs one write and returns the topics it reported.
	change := func(what string, write func() error) []string {
		t.Helper()
		since := s.Generation()
		must(t, write())
		topics, upTo, complete := s.ChangesSince(since)
		if !complete || upTo != s.Generation() {
			t.Fatalf("%s: ChangesSince(%d) = upTo %d, complete %v; the generation is %d", what, since, upTo, complete, s.Generation())
		}
		return topics
	}
	has := func(what string, topics []string, want ...string) {
		t.Helper()
		for _, w := range want {
			if !slices.Contains(topics, w) {
				t.Errorf("%s: topics %v lack %s", what, topics, w)
			}
		}
	}
	hasNot := func(what string, topics []string, unwanted ...string) {
		t.Helper()
		for _, u := range unwanted {
			if slices.Contains(topics, u) || slices.Contains(topics, khabar.TopicAll) {
				t.Errorf("%s: topics %v name %s, which it did not change", what, topics, u)
			}
		}
	}
	version := func(id int64, lang string) *khabar.Version {
		t.Helper()
		vs, err := s.Versions(ctx, id)
		must(t, err)
		for _, v := range vs {
			if v.Lang == lang {
				return &v
			}
		}
		t.Fatalf("story %d has no %s version", id, lang)
		return nil
	}
	story := func(id int64) *khabar.Story {
		t.Helper()
		st, err := s.Story(ctx, id)
		must(t, err)
		return st
	}

	// Editing a title reaches the pages that show the story, not its lists.
	v := version(x.ID, "ru")
	v.Title = "Новый заголовок"
	got := change("editing the title", func() error { return s.SaveVersion(ctx, v, 0) })
	has("editing the title", got, sx, ruX, khabar.SearchTopic("ru"))
	hasNot("editing the title", got, khabar.ListTopic("ru"), khabar.SectionListTopic(f.politics.ID, "ru"),
		khabar.TagListTopic(f.putin.ID, "ru"), khabar.SearchTopic("ar"), khabar.VersionTopic(x.ID, "ar"), ruOld, ruNewer, khabar.TopicSite)

	// Unpublishing takes it out of every list of its language, and out of
	// its neighbours' previous and next links (they show the story).
	v = version(x.ID, "ru")
	v.Status = khabar.StatusUnpublished
	got = change("unpublishing", func() error { return s.SaveVersion(ctx, v, 0) })
	has("unpublishing", got, sx, ruX, khabar.ListTopic("ru"), khabar.SectionListTopic(f.politics.ID, "ru"),
		khabar.TagListTopic(f.putin.ID, "ru"), khabar.AuthorListTopic(f.author.ID, "ru"), khabar.TopicStories)
	hasNot("unpublishing", got, khabar.ListTopic("ar"), khabar.SectionListTopic(f.politics.ID, "ar"), khabar.SectionListTopic(f.economy.ID, "ru"))

	// Publishing again puts it back between its neighbours, whose links change.
	v = version(x.ID, "ru")
	v.Status = khabar.StatusPublished
	got = change("publishing", func() error { return s.SaveVersion(ctx, v, 0) })
	has("publishing", got, sx, ruX, khabar.NeighboursTopic(old.ID, "ru"), khabar.NeighboursTopic(newer.ID, "ru"),
		khabar.ListTopic("ru"), khabar.SectionListTopic(f.politics.ID, "ru"))
	hasNot("publishing", got, ruOld, ruNewer) // their own texts did not change

	// Moving it to another section touches both sections' lists, in every
	// language it is published in.
	st := story(x.ID)
	st.SectionID = f.economy.ID
	got = change("changing the section", func() error { return s.UpdateStory(ctx, st) })
	for _, l := range []string{"ar", "ru"} {
		has("changing the section", got, sx, khabar.SectionListTopic(f.politics.ID, l), khabar.SectionListTopic(f.economy.ID, l))
	}
	has("changing the section", got, khabar.VersionTopic(x.ID, "ar"), ruX)
	hasNot("changing the section", got, khabar.SectionListTopic(f.economy.ID, "en"), ruNewer)

	// Retagging touches the lists of the tags it lost and gained.
	st = story(x.ID)
	st.TagIDs = []int64{f.trade.ID}
	got = change("retagging", func() error { return s.UpdateStory(ctx, st) })
	has("retagging", got, khabar.TagListTopic(f.putin.ID, "ar"), khabar.TagListTopic(f.trade.ID, "ar"), khabar.TagListTopic(f.trade.ID, "ru"))
	hasNot("retagging", got, khabar.TagListTopic(f.cis.ID, "ar"))

	// Saving the shared fields unchanged touches nothing.
	st = story(x.ID)
	got = change("saving unchanged shared fields", func() error { return s.UpdateStory(ctx, st) })
	if len(got) != 0 {
		t.Errorf("saving unchanged shared fields reported %v", got)
	}

	// A new translation is a new entry in its language's lists, and a new
	// link on the story's pages in the other languages.
	got = change("a new translation", func() error {
		return s.SaveVersion(ctx, &khabar.Version{StoryID: x.ID, Lang: "en", Title: "English", Slug: "english",
			Status: khabar.StatusPublished, PublishedAt: f.clock.now}, 0)
	})
	has("a new translation", got, sx, khabar.VersionTopic(x.ID, "en"), khabar.ListTopic("en"), khabar.SectionListTopic(f.economy.ID, "en"))
	hasNot("a new translation", got, khabar.ListTopic("ar"), khabar.ListTopic("ru"), ruX)

	// A draft is on no page.
	gen := s.Generation()
	must(t, s.SaveVersion(ctx, &khabar.Version{StoryID: old.ID, Lang: "en", Title: "Draft", Slug: "draft", Status: khabar.StatusDraft}, 0))
	if s.Generation() != gen {
		t.Errorf("a draft moved the generation")
	}

	// The site's own things.
	settings, err := s.Settings(ctx)
	must(t, err)
	settings.SiteName["en"] = "Renamed"
	has("the settings", change("the settings", func() error { return s.SaveSettings(ctx, settings) }), khabar.TopicSite)
	f.putin.Names["en"] = "V. Putin"
	got = change("renaming a tag", func() error { return s.UpdateTag(ctx, &f.putin) })
	has("renaming a tag", got, khabar.TagTopic(f.putin.ID))
	hasNot("renaming a tag", got, khabar.TopicSite, sx)
	f.photo.Caption = khabar.Text{"en": "A new caption"}
	has("a caption", change("a caption", func() error { return s.UpdateMediaTexts(ctx, &f.photo) }), khabar.MediaTopic(f.photo.ID))

	// Several changes at once: their topics together.
	since := s.Generation()
	v = version(newer.ID, "en")
	v.Title = "Edited"
	must(t, s.SaveVersion(ctx, v, 0))
	must(t, s.SaveSettings(ctx, settings))
	if topics, _, _ := s.ChangesSince(since); !slices.Contains(topics, khabar.VersionTopic(newer.ID, "en")) || !slices.Contains(topics, khabar.TopicSite) {
		t.Errorf("two changes reported %v", topics)
	}
	if topics, upTo, complete := s.ChangesSince(s.Generation()); len(topics) != 0 || upTo != s.Generation() || !complete {
		t.Errorf("no change since now: %v, %d, %v", topics, upTo, complete)
	}

	// Reads record what they are made from.
	reads := func(read func(ctx context.Context) error) []string {
		t.Helper()
		d := &khabar.Deps{}
		must(t, read(khabar.WithDeps(ctx, d)))
		return d.Topics()
	}
	got = reads(func(ctx context.Context) error { _, err := s.Article(ctx, x.ID, "ar"); return err })
	has("an article", got, sx, khabar.TagTopic(f.trade.ID), khabar.UserTopic(f.author.ID), khabar.MediaTopic(f.photo.ID), khabar.SourceTopic(f.tass.ID))
	got = reads(func(ctx context.Context) error {
		_, _, err := s.ListArticles(ctx, khabar.ListFilter{Lang: "ru", SectionID: f.politics.ID})
		return err
	})
	has("a section's list", got, khabar.SectionListTopic(f.politics.ID, "ru"), ruOld)
	hasNot("a section's list", got, sx, khabar.ListTopic("ru"))
	got = reads(func(ctx context.Context) error { _, err := s.Related(ctx, x.ID, "ru", 4); return err })
	has("related stories", got, khabar.TagListTopic(f.trade.ID, "ru"))
	got = reads(func(ctx context.Context) error { _, _, err := s.Adjacent(ctx, x.ID, "ru"); return err })
	has("previous and next", got, sx, khabar.NeighboursTopic(x.ID, "ru"), ruOld, ruNewer)
	got = reads(func(ctx context.Context) error {
		_, err := s.Search(ctx, khabar.SearchQuery{Text: "title", Langs: []string{"en"}, Limit: 5})
		return err
	})
	has("a search", got, khabar.SearchTopic("en"))
	got = reads(func(ctx context.Context) error { _, err := s.Settings(ctx); return err })
	if !slices.Equal(got, []string{khabar.TopicSite}) {
		t.Errorf("the settings read %v", got)
	}
	if strings.Join(reads(func(context.Context) error { return nil }), "") != "" {
		t.Errorf("reading nothing recorded topics")
	}

	// Related stories are those sharing most tags, newest first: when four
	// share two tags with a story, a new story takes a place only if it
	// shares two as well, so only those changes reach the story's page.
	both := []int64{f.putin.ID, f.cis.ID}
	slices.Sort(both)
	a := f.story(t, 0, both, "ru")
	for range 4 {
		f.story(t, 0, both, "ru")
	}
	got = reads(func(ctx context.Context) error { _, err := s.Related(ctx, a.ID, "ru", 4); return err })
	pair := khabar.TagSetTopic(both, "ru")
	has("related stories sharing two tags", got, pair)
	hasNot("related stories sharing two tags", got, khabar.TagListTopic(f.putin.ID, "ru"), khabar.TagListTopic(f.cis.ID, "ru"))
	var one, two *khabar.Story
	got = change("publishing a story with one of the tags", func() error { one = f.story(t, 0, []int64{f.putin.ID}, "ru"); return nil })
	hasNot("publishing a story with one of the tags", got, pair)
	got = change("publishing a story with both tags", func() error { two = f.story(t, 0, both, "ru"); return nil })
	has("publishing a story with both tags", got, pair)
	if rel, err := s.Related(ctx, a.ID, "ru", 4); err != nil || rel[0].StoryID != two.ID || slices.ContainsFunc(rel, func(x khabar.Summary) bool { return x.StoryID == one.ID }) {
		t.Errorf("related stories %v (%v): want the new story with both tags first, and not the one with one tag", rel, err)
	}

	// The scheduler's publication is a change like any other.
	sched := &khabar.Version{Lang: "ru", Title: "Позже", Slug: "pozzhe", Status: khabar.StatusScheduled, PublishedAt: f.clock.now.Add(time.Hour)}
	later := &khabar.Story{SectionID: f.politics.ID}
	must(t, s.CreateStory(ctx, later, []*khabar.Version{sched}))
	f.clock.now = f.clock.now.Add(2 * time.Hour)
	got = change("a scheduled publication", func() error { _, err := s.PublishDue(ctx); return err })
	has("a scheduled publication", got, khabar.StoryTopic(later.ID), khabar.VersionTopic(later.ID, "ru"), khabar.ListTopic("ru"), khabar.SectionListTopic(f.politics.ID, "ru"))
}

package storetest

import (
	"slices"
	"testing"

	"github.com/khabarnews/khabar"
)

// testSiteAdmin covers what the newsroom's site administration adds:
// editing sources, counting tagged stories and moving menu items.
func testSiteAdmin(t *testing.T, open Opener) {
	s := open(t, newClock().Now)

	t.Run("UpdateSource", func(t *testing.T) {
		src := &khabar.Source{Names: khabar.Text{"en": "TASS"}, URL: "https://tass.com"}
		must(t, s.CreateSource(ctx, src))
		src.Names["ru"] = "ТАСС"
		src.URL = "https://tass.ru"
		must(t, s.UpdateSource(ctx, src))
		all, err := s.Sources(ctx)
		must(t, err)
		if len(all) != 1 || all[0].Names["ru"] != "ТАСС" || all[0].URL != "https://tass.ru" {
			t.Fatalf("sources = %+v", all)
		}
		wantCode(t, s.UpdateSource(ctx, &khabar.Source{ID: src.ID, Names: khabar.Text{}}), khabar.EInvalid)
		wantCode(t, s.UpdateSource(ctx, &khabar.Source{ID: 999, Names: khabar.Text{"en": "X"}}), khabar.ENotFound)
		all, _ = s.Sources(ctx)
		if all[0].Names["en"] != "TASS" {
			t.Fatalf("a refused update changed the source: %+v", all[0])
		}
	})

	t.Run("MoveSection", func(t *testing.T) {
		var ids []int64
		for _, slug := range []string{"a", "b", "c"} {
			// Equal positions: the move must still work, by renumbering.
			sec := &khabar.Section{Slug: slug, Names: khabar.Text{"en": slug}, Position: 5}
			must(t, s.CreateSection(ctx, sec))
			ids = append(ids, sec.ID)
		}
		order := func() []string {
			list, err := s.Sections(ctx)
			must(t, err)
			var out []string
			for _, sec := range list {
				out = append(out, sec.Slug)
			}
			return out
		}
		must(t, s.MoveSection(ctx, ids[2], -1))
		if got := order(); !slices.Equal(got, []string{"a", "c", "b"}) {
			t.Fatalf("after moving c up: %v", got)
		}
		must(t, s.MoveSection(ctx, ids[0], +1))
		if got := order(); !slices.Equal(got, []string{"c", "a", "b"}) {
			t.Fatalf("after moving a down: %v", got)
		}
		must(t, s.MoveSection(ctx, ids[2], -1)) // already first: stays
		if got := order(); !slices.Equal(got, []string{"c", "a", "b"}) {
			t.Fatalf("moving the first up changed the order: %v", got)
		}
		wantCode(t, s.MoveSection(ctx, 999, 1), khabar.ENotFound)
	})

	t.Run("MovePage", func(t *testing.T) {
		var ids []int64
		for i, key := range []string{"about", "contact"} {
			p := &khabar.Page{Key: key, Position: i + 1, Versions: map[string]*khabar.PageVersion{"en": {Title: key, Slug: key}}}
			must(t, s.SavePage(ctx, p))
			ids = append(ids, p.ID)
		}
		must(t, s.MovePage(ctx, ids[1], -1))
		pages, err := s.Pages(ctx)
		must(t, err)
		if len(pages) != 2 || pages[0].Key != "contact" || pages[0].Position != 1 || pages[1].Position != 2 {
			t.Fatalf("pages after the move = %+v", pages)
		}
		wantCode(t, s.MovePage(ctx, 999, -1), khabar.ENotFound)
	})

	t.Run("TagStoryCounts", func(t *testing.T) {
		putin := &khabar.Tag{Slug: "putin", Names: khabar.Text{"en": "Putin"}}
		lonely := &khabar.Tag{Slug: "lonely", Names: khabar.Text{"en": "Lonely"}}
		must(t, s.CreateTag(ctx, putin))
		must(t, s.CreateTag(ctx, lonely))
		for i := range 2 {
			st := &khabar.Story{TagIDs: []int64{putin.ID}}
			must(t, s.CreateStory(ctx, st, []*khabar.Version{{Lang: "en", Title: "Story", Slug: "story-" + string(rune('a'+i)), Status: khabar.StatusDraft}}))
		}
		counts, err := s.TagStoryCounts(ctx)
		must(t, err)
		if counts[putin.ID] != 2 || counts[lonely.ID] != 0 {
			t.Fatalf("counts = %v", counts)
		}
		published, err := s.PublishedTagCounts(ctx)
		must(t, err)
		if published[putin.ID] != 0 {
			t.Fatalf("drafts counted as published: %v", published)
		}
	})
}

package storetest

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/khabarnews/khabar"
)

// testCounts: the totals of lists and the archive's months, which the store
// keeps up to date as stories change instead of counting them at each
// read, always equal what counting the lists finds: after publishing,
// unpublishing, moving, retagging, redating, translating, scheduling and a
// change of the site's time zone, in a random order.
func testCounts(t *testing.T, open Opener) {
	f := newFixture(t, open)
	s := f.s
	rng := rand.New(rand.NewPCG(7, 11))
	sections := []int64{0, f.politics.ID, f.economy.ID}
	tags := []int64{f.putin.ID, f.cis.ID, f.trade.ID}
	langs := []string{"ar", "ru", "en"}
	statuses := []khabar.Status{khabar.StatusPublished, khabar.StatusPublished, khabar.StatusDraft, khabar.StatusUnpublished}
	// Publication times spread over a few months around the end of a
	// month, so that the time zone moves some across a month's edge.
	when := func() time.Time {
		return time.Date(2023, 10, 31, 22, 0, 0, 0, time.UTC).Add(time.Duration(rng.IntN(24*70)) * time.Hour)
	}
	randomTags := func() []int64 {
		var out []int64
		for _, tg := range tags {
			if rng.IntN(2) == 0 {
				out = append(out, tg)
			}
		}
		return out
	}
	var stories []int64
	check := func(step string) {
		t.Helper()
		f.clock.now = time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC) // every publication time has come
		settings, err := s.Settings(ctx)
		must(t, err)
		loc := settings.Location()
		for _, l := range langs {
			filters := []khabar.ListFilter{{Lang: l}}
			for _, sec := range sections[1:] {
				filters = append(filters, khabar.ListFilter{Lang: l, SectionID: sec})
			}
			for _, tg := range tags {
				filters = append(filters, khabar.ListFilter{Lang: l, TagID: tg})
			}
			filters = append(filters, khabar.ListFilter{Lang: l, AuthorID: f.author.ID})
			for _, fl := range filters {
				_, total, err := s.ListArticles(ctx, fl)
				must(t, err)
				fl.NoTotal, fl.Limit = true, 200
				items, _, err := s.ListArticles(ctx, fl)
				must(t, err)
				if total != len(items) {
					t.Fatalf("after %s: the total of %+v is %d; the list holds %d", step, fl, total, len(items))
				}
			}
			months, err := s.ArchiveMonths(ctx, l, loc)
			must(t, err)
			items, _, err := s.ListArticles(ctx, khabar.ListFilter{Lang: l, NoTotal: true, Limit: 200})
			must(t, err)
			want := map[string]int{}
			for _, it := range items {
				want[it.PublishedAt.In(loc).Format("2006-01")]++
			}
			got := map[string]int{}
			for _, m := range months {
				got[fmt.Sprintf("%04d-%02d", m.Year, int(m.Month))] = m.Count
			}
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Fatalf("after %s: %s archive months %v, want %v (zone %s)", step, l, got, want, loc)
			}
		}
		counts, err := s.PublishedTagCounts(ctx)
		must(t, err)
		for _, tg := range tags {
			n := 0
			for _, id := range stories {
				st, err := s.Story(ctx, id)
				must(t, err)
				vs, err := s.Versions(ctx, id)
				must(t, err)
				published := false
				for _, v := range vs {
					published = published || v.Status == khabar.StatusPublished
				}
				for _, x := range st.TagIDs {
					if x == tg && published {
						n++
					}
				}
			}
			if counts[tg] != n {
				t.Fatalf("after %s: tag %d has %d published stories, counted %d", step, tg, n, counts[tg])
			}
		}
	}

	for i := range 40 {
		st := &khabar.Story{SectionID: sections[rng.IntN(len(sections))], TagIDs: randomTags(), AuthorIDs: []int64{f.author.ID}}
		var vs []*khabar.Version
		for _, l := range langs[:1+rng.IntN(3)] {
			vs = append(vs, &khabar.Version{Lang: l, Title: "T", Slug: fmt.Sprintf("s%d-%s", i, l), Status: statuses[rng.IntN(len(statuses))], PublishedAt: when()})
		}
		must(t, s.CreateStory(ctx, st, vs))
		stories = append(stories, st.ID)
	}
	check("creating stories")

	for step := range 120 {
		id := stories[rng.IntN(len(stories))]
		switch rng.IntN(4) {
		case 0: // move or retag
			st, err := s.Story(ctx, id)
			must(t, err)
			st.SectionID, st.TagIDs = sections[rng.IntN(len(sections))], randomTags()
			must(t, s.UpdateStory(ctx, st))
		case 1: // publish, unpublish, redate
			vs, err := s.Versions(ctx, id)
			must(t, err)
			v := vs[rng.IntN(len(vs))]
			v.Status, v.PublishedAt = statuses[rng.IntN(len(statuses))], when()
			must(t, s.SaveVersion(ctx, &v, 0))
		case 2: // translate, or schedule
			l := langs[rng.IntN(3)]
			vs, err := s.Versions(ctx, id)
			must(t, err)
			var rev int64 = -1
			for _, v := range vs {
				if v.Lang == l {
					rev = v.Revision
				}
			}
			if rev >= 0 {
				continue
			}
			v := &khabar.Version{StoryID: id, Lang: l, Title: "T", Slug: fmt.Sprintf("t%d", step), Status: khabar.StatusPublished, PublishedAt: when()}
			if rng.IntN(2) == 0 {
				v.Status = khabar.StatusScheduled
			}
			must(t, s.SaveVersion(ctx, v, 0))
		case 3: // the scheduler
			f.clock.now = time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)
			_, err := s.PublishDue(ctx)
			must(t, err)
		}
		if step%20 == 19 {
			check(fmt.Sprintf("step %d", step))
		}
	}

	settings, err := s.Settings(ctx)
	must(t, err)
	settings.TimeZone = "Asia/Riyadh"
	must(t, s.SaveSettings(ctx, settings))
	check("moving the site to Riyadh time")
}

// testRelatedRanking: related stories are those sharing most tags with a
// story, then the newest, in the story's language; checked against a
// ranking of every story by hand, for every story of a random archive.
func testRelatedRanking(t *testing.T, open Opener) {
	f := newFixture(t, open)
	s := f.s
	rng := rand.New(rand.NewPCG(3, 5))
	extra := []int64{f.putin.ID, f.cis.ID, f.trade.ID}
	for i := range 3 {
		tag := &khabar.Tag{Slug: fmt.Sprintf("extra-%d", i), Names: khabar.Text{"en": "Extra"}}
		must(t, s.CreateTag(ctx, tag))
		extra = append(extra, tag.ID)
	}
	type story struct {
		id   int64
		tags map[int64]bool
		at   map[string]time.Time // published versions
	}
	var all []story
	for i := range 60 {
		st := &khabar.Story{} // no section: no list to fill up with
		tags := map[int64]bool{}
		for _, tg := range extra {
			if rng.IntN(3) == 0 {
				st.TagIDs = append(st.TagIDs, tg)
				tags[tg] = true
			}
		}
		at := map[string]time.Time{}
		var vs []*khabar.Version
		for _, l := range []string{"en", "ru"} {
			if rng.IntN(4) == 0 {
				continue
			}
			when := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(rng.IntN(100)) * time.Hour) // ties on purpose
			vs = append(vs, &khabar.Version{Lang: l, Title: "T", Slug: fmt.Sprintf("r%d-%s", i, l), Status: khabar.StatusPublished, PublishedAt: when})
			at[l] = when
		}
		if len(vs) == 0 {
			continue
		}
		must(t, s.CreateStory(ctx, st, vs))
		all = append(all, story{st.ID, tags, at})
	}
	for _, a := range all {
		for _, l := range []string{"en", "ru"} {
			if _, ok := a.at[l]; !ok {
				continue
			}
			type cand struct {
				id     int64
				shared int
				at     time.Time
			}
			var cands []cand
			for _, b := range all {
				n := 0
				for tg := range b.tags {
					if a.tags[tg] {
						n++
					}
				}
				if when, ok := b.at[l]; ok && b.id != a.id && n > 0 {
					cands = append(cands, cand{b.id, n, when})
				}
			}
			slices.SortFunc(cands, func(x, y cand) int {
				if x.shared != y.shared {
					return y.shared - x.shared
				}
				if c := y.at.Compare(x.at); c != 0 {
					return c
				}
				return int(y.id - x.id)
			})
			var want []int64
			for _, c := range cands[:min(4, len(cands))] {
				want = append(want, c.id)
			}
			rel, err := s.Related(ctx, a.id, l, 4)
			must(t, err)
			var got []int64
			for _, r := range rel {
				got = append(got, r.StoryID)
			}
			if !slices.Equal(got, want) {
				t.Fatalf("related to story %d in %s: %v, want %v", a.id, l, got, want)
			}
		}
	}
}

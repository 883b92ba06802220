package storetest

import (
	"strings"
	"testing"
	"time"

	"github.com/khabarnews/khabar"
)

// fixture is a small newsroom: two sections, three tags, an author, an image
// and a source.
type fixture struct {
	s                 khabar.Store
	clock             *fixedClock
	politics, economy khabar.Section
	putin, cis, trade khabar.Tag
	author            khabar.User
	photo             khabar.Media
	tass              khabar.Source
}

func newFixture(t *testing.T, open Opener) *fixture {
	clock := newClock()
	f := &fixture{s: open(t, clock.Now), clock: clock}
	f.politics = khabar.Section{Slug: "politics", Names: khabar.Text{"ar": "سياسة", "ru": "Политика", "en": "Politics"}}
	f.economy = khabar.Section{Slug: "economy", Names: khabar.Text{"ar": "اقتصاد", "ru": "Экономика", "en": "Economy"}}
	must(t, f.s.CreateSection(ctx, &f.politics))
	must(t, f.s.CreateSection(ctx, &f.economy))
	f.putin = khabar.Tag{Slug: "putin", Names: khabar.Text{"ar": "بوتين", "ru": "Путин", "en": "Putin"}}
	f.cis = khabar.Tag{Slug: "cis", Names: khabar.Text{"ar": "رابطة الدول المستقلة", "ru": "СНГ", "en": "CIS"}}
	f.trade = khabar.Tag{Slug: "trade", Names: khabar.Text{"ar": "تجارة", "ru": "Торговля", "en": "Trade"}}
	for _, tag := range []*khabar.Tag{&f.putin, &f.cis, &f.trade} {
		must(t, f.s.CreateTag(ctx, tag))
	}
	f.author = khabar.User{Login: "omar", Slug: "omar", Names: khabar.Text{"ar": "عمر", "en": "Omar"}, Role: khabar.RoleAuthor}
	must(t, f.s.CreateUser(ctx, &f.author))
	f.photo = khabar.Media{Key: "p.jpg", MIME: "image/jpeg", Width: 800, Height: 450, Credit: khabar.Text{"ar": "الموقع الرسمي"}}
	must(t, f.s.CreateMedia(ctx, &f.photo))
	f.tass = khabar.Source{Names: khabar.Text{"ar": "تاس", "ru": "ТАСС", "en": "TASS"}, URL: "https://tass.com"}
	must(t, f.s.CreateSource(ctx, &f.tass))
	return f
}

// story creates a story published at the fixture's "now" in the given languages.
func (f *fixture) story(t *testing.T, section int64, tags []int64, langs ...string) *khabar.Story {
	t.Helper()
	st := &khabar.Story{SectionID: section, TagIDs: tags, AuthorIDs: []int64{f.author.ID}, LeadMediaID: f.photo.ID, SourceID: f.tass.ID}
	var vs []*khabar.Version
	for _, l := range langs {
		vs = append(vs, &khabar.Version{Lang: l, Title: "Title " + l, Slug: "title-" + l, Summary: "Summary",
			Body: "<p>Body</p>", Status: khabar.StatusPublished, PublishedAt: f.clock.now})
	}
	must(t, f.s.CreateStory(ctx, st, vs))
	f.clock.now = f.clock.now.Add(time.Minute)
	return st
}

func testStoryAndArticle(t *testing.T, open Opener) {
	f := newFixture(t, open)
	body := "<p>الكرميلِن اجتماعاً كـ تقليد في 26 ديسمبر/كانون الأول 2023</p>"
	st := &khabar.Story{SectionID: f.politics.ID, TagIDs: []int64{f.putin.ID, f.cis.ID}, AuthorIDs: []int64{f.author.ID},
		LeadMediaID: f.photo.ID, SourceID: f.tass.ID, Featured: true}
	ar := &khabar.Version{Lang: "ar", Title: "بوتين يستضيف لقاءً ودياً", Slug: "بوتين-يستضيف-لقاء", Body: body, Status: khabar.StatusPublished}
	ru := &khabar.Version{Lang: "ru", Title: "Путин проведёт саммит", Slug: "putin-provedyot-sammit", Body: "<p>Текст</p>", Status: khabar.StatusPublished}
	en := &khabar.Version{Lang: "en", Title: "Putin to host summit", Slug: "putin-summit", Body: "<p>Text</p>", Status: khabar.StatusDraft}
	must(t, f.s.CreateStory(ctx, st, []*khabar.Version{ar, ru, en}))
	if st.ID == 0 || ar.Revision != 1 || ar.PublishedAt.IsZero() || !en.PublishedAt.IsZero() {
		t.Fatalf("story %d, ar revision %d, ar published %v, en published %v", st.ID, ar.Revision, ar.PublishedAt, en.PublishedAt)
	}
	if st.OriginalLang != "ar" {
		t.Fatalf("original language = %q, want the first version's", st.OriginalLang)
	}

	a, err := f.s.Article(ctx, st.ID, "ar")
	must(t, err)
	if a.Body != body {
		t.Fatalf("body not kept exactly:\n got %q\nwant %q", a.Body, body)
	}
	if a.Section == nil || a.Section.Slug != "politics" || a.Image == nil || a.Image.Credit["ar"] != "الموقع الرسمي" ||
		a.Source == nil || a.Source.Names["ar"] != "تاس" || len(a.Authors) != 1 || a.Authors[0].Login != "omar" {
		t.Fatalf("article page data incomplete: %+v", a)
	}
	if len(a.Tags) != 2 || a.Tags[0].Slug != "putin" || a.Tags[1].Slug != "cis" {
		t.Fatalf("tags = %+v, want putin, cis in order", a.Tags)
	}
	if len(a.Translations) != 1 || a.Translations[0].Lang != "ru" || a.Translations[0].Slug != "putin-provedyot-sammit" {
		t.Fatalf("translations = %+v, want only the published Russian version", a.Translations)
	}
	_, err = f.s.Article(ctx, st.ID, "en")
	wantCode(t, err, khabar.ENotFound)

	vs, err := f.s.Versions(ctx, st.ID)
	must(t, err)
	if len(vs) != 3 {
		t.Fatalf("versions = %d, want 3 (drafts included)", len(vs))
	}
	feat, err := f.s.LatestFeatured(ctx, "ru")
	must(t, err)
	if feat.StoryID != st.ID || feat.Image == nil || feat.Image.Key != "p.jpg" {
		t.Fatalf("featured = %+v", feat)
	}

	st.TagIDs = []int64{f.trade.ID}
	st.SectionID = f.economy.ID
	must(t, f.s.UpdateStory(ctx, st))
	a, err = f.s.Article(ctx, st.ID, "ru")
	must(t, err)
	if a.Section.Slug != "economy" || len(a.Tags) != 1 || a.Tags[0].Slug != "trade" {
		t.Fatalf("after update: section %v tags %+v", a.Section, a.Tags)
	}
	wantCode(t, f.s.UpdateStory(ctx, &khabar.Story{ID: st.ID, SectionID: 9999, Revision: st.Revision}), khabar.EInvalid)
	wantCode(t, f.s.UpdateStory(ctx, &khabar.Story{ID: 4242, Revision: 1}), khabar.ENotFound)
}

// testStoryRevision: a change of the shared fields based on an older
// revision is refused and writes nothing, as for versions.
func testStoryRevision(t *testing.T, open Opener) {
	f := newFixture(t, open)
	st := f.story(t, f.politics.ID, []int64{f.putin.ID}, "ar")
	if st.Revision != 1 {
		t.Fatalf("new story revision = %d, want 1", st.Revision)
	}
	first, second := *st, *st
	first.SectionID = f.economy.ID
	must(t, f.s.UpdateStory(ctx, &first))
	if first.Revision != 2 {
		t.Fatalf("after a change revision = %d, want 2", first.Revision)
	}
	second.TagIDs = []int64{f.trade.ID}
	wantCode(t, f.s.UpdateStory(ctx, &second), khabar.EConflict)
	got, err := f.s.Story(ctx, st.ID)
	must(t, err)
	if got.Revision != 2 || got.SectionID != f.economy.ID || len(got.TagIDs) != 1 || got.TagIDs[0] != f.putin.ID {
		t.Fatalf("after the refused change: %+v", got)
	}
}

func testVisibility(t *testing.T, open Opener) {
	f := newFixture(t, open)
	st := f.story(t, f.politics.ID, nil, "en")
	if n, err := f.s.CountStories(ctx); err != nil || n != 1 {
		t.Fatalf("CountStories = %d, %v; want 1", n, err)
	}
	future := &khabar.Version{StoryID: st.ID, Lang: "ru", Title: "Завтра", Slug: "zavtra", Status: khabar.StatusPublished,
		PublishedAt: f.clock.now.Add(time.Hour)}
	must(t, f.s.SaveVersion(ctx, future, 0))
	if future.Status != khabar.StatusScheduled {
		t.Fatalf("a version published with a time ahead is %q, want scheduled", future.Status)
	}
	_, err := f.s.Article(ctx, st.ID, "ru")
	wantCode(t, err, khabar.ENotFound)
	list, total, err := f.s.ListArticles(ctx, khabar.ListFilter{Lang: "ru"})
	must(t, err)
	if len(list) != 0 || total != 0 {
		t.Fatalf("a version published in the future is listed: %+v (total %d)", list, total)
	}
	f.clock.now = f.clock.now.Add(2 * time.Hour)
	if due, err := f.s.PublishDue(ctx); err != nil || len(due) != 1 {
		t.Fatalf("the scheduler published %d versions (%v), want 1", len(due), err)
	}
	if _, err := f.s.Article(ctx, st.ID, "ru"); err != nil {
		t.Fatalf("the version is not visible once its time has come: %v", err)
	}
	if _, total, err := f.s.ListArticles(ctx, khabar.ListFilter{Lang: "ru"}); err != nil || total != 1 {
		t.Fatalf("the version's list counts %d once it is published (%v), want 1", total, err)
	}
	en, err := f.s.Article(ctx, st.ID, "en")
	must(t, err)
	en.Status = khabar.StatusUnpublished
	must(t, f.s.SaveVersion(ctx, &en.Version, 0))
	_, err = f.s.Article(ctx, st.ID, "en")
	wantCode(t, err, khabar.ENotFound)
	ru, err := f.s.Article(ctx, st.ID, "ru")
	must(t, err)
	if len(ru.Translations) != 0 {
		t.Fatalf("an unpublished version is offered as a translation: %+v", ru.Translations)
	}
}

func testLists(t *testing.T, open Opener) {
	f := newFixture(t, open)
	var politics, economy []*khabar.Story
	for i := 0; i < 7; i++ {
		politics = append(politics, f.story(t, f.politics.ID, []int64{f.putin.ID}, "ar", "ru"))
		economy = append(economy, f.story(t, f.economy.ID, []int64{f.trade.ID}, "ar"))
	}
	list, total, err := f.s.ListArticles(ctx, khabar.ListFilter{Lang: "ar", Limit: 5})
	must(t, err)
	if total != 14 || len(list) != 5 || list[0].StoryID != economy[6].ID || list[1].StoryID != politics[6].ID {
		t.Fatalf("latest: total %d, %d items, first %d (want %d, %d)", total, len(list), list[0].StoryID, economy[6].ID, politics[6].ID)
	}
	for i := 1; i < len(list); i++ {
		if list[i].PublishedAt.After(list[i-1].PublishedAt) {
			t.Fatal("list is not newest first")
		}
	}
	page3, _, err := f.s.ListArticles(ctx, khabar.ListFilter{Lang: "ar", Limit: 5, Offset: 10})
	must(t, err)
	if len(page3) != 4 {
		t.Fatalf("third page has %d items, want 4", len(page3))
	}
	past, total, err := f.s.ListArticles(ctx, khabar.ListFilter{Lang: "ar", Limit: 5, Offset: 50})
	must(t, err)
	if len(past) != 0 || total != 14 {
		t.Fatalf("page past the end: %d items, total %d", len(past), total)
	}
	sec, total, err := f.s.ListArticles(ctx, khabar.ListFilter{Lang: "ru", SectionID: f.economy.ID})
	must(t, err)
	if total != 0 || len(sec) != 0 {
		t.Fatalf("economy has no Russian versions, got %d", total)
	}
	_, total, err = f.s.ListArticles(ctx, khabar.ListFilter{Lang: "ar", TagID: f.putin.ID})
	must(t, err)
	if total != 7 {
		t.Fatalf("tag putin: %d, want 7", total)
	}
	_, total, err = f.s.ListArticles(ctx, khabar.ListFilter{Lang: "ar", AuthorID: f.author.ID})
	must(t, err)
	if total != 14 {
		t.Fatalf("author: %d, want 14", total)
	}
	ex, total, err := f.s.ListArticles(ctx, khabar.ListFilter{Lang: "ar", Exclude: []int64{economy[6].ID, politics[6].ID}, Limit: 1})
	must(t, err)
	if total != 12 || ex[0].StoryID != economy[5].ID {
		t.Fatalf("exclude: total %d first %d", total, ex[0].StoryID)
	}
	first := list[len(list)-1].PublishedAt
	_, total, err = f.s.ListArticles(ctx, khabar.ListFilter{Lang: "ar", From: first, To: first.Add(2 * time.Minute)})
	must(t, err)
	if total != 2 {
		t.Fatalf("date range: %d, want 2", total)
	}
	_, _, err = f.s.ListArticles(ctx, khabar.ListFilter{})
	wantCode(t, err, khabar.EInvalid)
}

func testRelatedAndAdjacent(t *testing.T, open Opener) {
	f := newFixture(t, open)
	a := f.story(t, f.politics.ID, []int64{f.putin.ID, f.cis.ID}, "en")
	b := f.story(t, f.economy.ID, []int64{f.putin.ID}, "en")
	c := f.story(t, f.economy.ID, []int64{f.putin.ID, f.cis.ID}, "en")
	d := f.story(t, f.politics.ID, nil, "en")
	rel, err := f.s.Related(ctx, a.ID, "en", 3)
	must(t, err)
	ids := []int64{}
	for _, r := range rel {
		ids = append(ids, r.StoryID)
	}
	if len(ids) != 3 || ids[0] != c.ID || ids[1] != b.ID || ids[2] != d.ID {
		t.Fatalf("related to a = %v, want [c=%d (2 tags), b=%d (1 tag), d=%d (same section)]", ids, c.ID, b.ID, d.ID)
	}
	prev, next, err := f.s.Adjacent(ctx, b.ID, "en")
	must(t, err)
	if prev == nil || prev.StoryID != a.ID || next == nil || next.StoryID != c.ID {
		t.Fatalf("adjacent to b: prev %v next %v", prev, next)
	}
	prev, next, err = f.s.Adjacent(ctx, a.ID, "en")
	must(t, err)
	if prev != nil || next == nil {
		t.Fatalf("the oldest story has a previous one: %v", prev)
	}
}

func testConflict(t *testing.T, open Opener) {
	f := newFixture(t, open)
	st := f.story(t, f.politics.ID, nil, "ar")
	vs, err := f.s.Versions(ctx, st.ID)
	must(t, err)
	alice, bob := vs[0], vs[0]
	alice.Title = "عنوان أليس"
	must(t, f.s.SaveVersion(ctx, &alice, 1))
	if alice.Revision != 2 {
		t.Fatalf("revision after save = %d, want 2", alice.Revision)
	}
	bob.Title = "عنوان بوب"
	err = f.s.SaveVersion(ctx, &bob, 2)
	wantCode(t, err, khabar.EConflict)
	if cur, _ := khabar.AsError(err).Arg("current").(int64); cur != 2 {
		t.Fatalf("conflict does not name the current revision (2): %v", err)
	}
	a, err := f.s.Article(ctx, st.ID, "ar")
	must(t, err)
	if a.Title != "عنوان أليس" {
		t.Fatalf("the refused save overwrote the title: %q", a.Title)
	}
	revs, err := f.s.Revisions(ctx, st.ID, "ar")
	must(t, err)
	if len(revs) != 2 || revs[0].Title != "Title ar" || revs[1].Title != "عنوان أليس" || revs[1].UserID != 1 {
		t.Fatalf("revisions = %+v", revs)
	}
	// Bob rebases on the current revision and saves: both texts are kept.
	bob.Revision = 2
	must(t, f.s.SaveVersion(ctx, &bob, 2))
	revs, err = f.s.Revisions(ctx, st.ID, "ar")
	must(t, err)
	if len(revs) != 3 || revs[2].Title != "عنوان بوب" {
		t.Fatalf("revisions after rebase = %d", len(revs))
	}
	// A new version must start from revision 0.
	wantCode(t, f.s.SaveVersion(ctx, &khabar.Version{StoryID: st.ID, Lang: "ru", Title: "Т", Slug: "t", Revision: 3}, 0), khabar.EConflict)
	wantCode(t, f.s.SaveVersion(ctx, &khabar.Version{StoryID: 777, Lang: "ru", Title: "Т", Slug: "t"}, 0), khabar.ENotFound)
}

func testBadInput(t *testing.T, open Opener) {
	f := newFixture(t, open)
	st := f.story(t, f.politics.ID, nil, "en")
	vs, err := f.s.Versions(ctx, st.ID)
	must(t, err)
	good := vs[0]
	cases := []struct {
		name string
		edit func(v *khabar.Version)
	}{
		{"invalid UTF-8 title", func(v *khabar.Version) { v.Title = "bad \xff title" }},
		{"invalid UTF-8 body", func(v *khabar.Version) { v.Body = "<p>\xc3\x28</p>" }},
		{"empty title", func(v *khabar.Version) { v.Title = "  " }},
		{"slug with slash", func(v *khabar.Version) { v.Slug = "../etc/passwd" }},
		{"unknown status", func(v *khabar.Version) { v.Status = "live" }},
		{"scheduled without time", func(v *khabar.Version) { v.Status = khabar.StatusScheduled; v.PublishedAt = time.Time{} }},
		{"huge title", func(v *khabar.Version) { v.Title = strings.Repeat("ж", 301) }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			v := good
			c.edit(&v)
			wantCode(t, f.s.SaveVersion(ctx, &v, 0), khabar.EInvalid)
		})
	}
	after, err := f.s.Versions(ctx, st.ID)
	must(t, err)
	if after[0] != good {
		t.Fatalf("a refused save changed the version:\n got %+v\nwant %+v", after[0], good)
	}
	revs, err := f.s.Revisions(ctx, st.ID, "en")
	must(t, err)
	if len(revs) != 1 {
		t.Fatalf("refused saves left %d revisions, want 1", len(revs))
	}
	// A story whose second version is bad is not created at all.
	n := len(mustList(t, f.s, "en"))
	err = f.s.CreateStory(ctx, &khabar.Story{}, []*khabar.Version{
		{Lang: "en", Title: "Fine", Slug: "fine", Status: khabar.StatusPublished},
		{Lang: "ru", Title: "\xff", Slug: "bad"},
	})
	wantCode(t, err, khabar.EInvalid)
	if got := len(mustList(t, f.s, "en")); got != n {
		t.Fatalf("half a story was saved: %d articles, want %d", got, n)
	}
	wantCode(t, f.s.CreateStory(ctx, &khabar.Story{TagIDs: []int64{999}}, []*khabar.Version{{Lang: "en", Title: "T", Slug: "t"}}), khabar.EInvalid)
}

func mustList(t *testing.T, s khabar.Store, lang string) []khabar.Summary {
	t.Helper()
	list, _, err := s.ListArticles(ctx, khabar.ListFilter{Lang: lang, Limit: 200})
	must(t, err)
	return list
}

func testArchive(t *testing.T, open Opener) {
	f := newFixture(t, open)
	f.clock.now = time.Date(2023, 11, 30, 22, 30, 0, 0, time.UTC) // 1 December in Moscow
	f.story(t, 0, nil, "ru")
	f.clock.now = time.Date(2023, 12, 26, 9, 0, 0, 0, time.UTC)
	f.story(t, 0, nil, "ru")
	f.story(t, 0, nil, "ru")
	msk, err := time.LoadLocation("Europe/Moscow")
	must(t, err)
	months, err := f.s.ArchiveMonths(ctx, "ru", msk)
	must(t, err)
	if len(months) != 1 || months[0] != (khabar.MonthCount{Year: 2023, Month: time.December, Count: 3}) {
		t.Fatalf("Moscow archive = %+v, want December 2023 ×3", months)
	}
	months, err = f.s.ArchiveMonths(ctx, "ru", time.UTC)
	must(t, err)
	if len(months) != 2 || months[1].Month != time.November {
		t.Fatalf("UTC archive = %+v", months)
	}
	var seen []string
	must(t, f.s.AllPublished(ctx, func(s khabar.Summary, tr []khabar.Translation) error {
		seen = append(seen, s.Lang)
		return nil
	}))
	if len(seen) != 3 {
		t.Fatalf("AllPublished saw %d, want 3", len(seen))
	}
}

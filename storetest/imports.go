package storetest

import (
	"testing"
	"time"

	"github.com/khabarnews/khabar"
)

// testRedirects covers the table of old addresses.
func testRedirects(t *testing.T, open Opener) {
	f := newFixture(t, open)
	s := f.s
	st := f.story(t, f.politics.ID, nil, "ar")
	r := &khabar.Redirect{From: "/2019/05/قمة", StoryID: st.ID, Lang: "ar"}
	must(t, s.SaveRedirect(ctx, r))
	got, err := s.RedirectFrom(ctx, "/2019/05/قمة")
	must(t, err)
	if got.ID != r.ID || got.StoryID != st.ID || got.Lang != "ar" {
		t.Fatalf("RedirectFrom = %+v", got)
	}
	wantCode(t, s.SaveRedirect(ctx, &khabar.Redirect{From: "/2019/05/قمة", To: "/ar/"}), khabar.EConflict)
	for _, bad := range []khabar.Redirect{
		{From: "2019/no-slash", To: "/ar/"},
		{From: "/ok", To: "javascript:alert(1)"},
		{From: "/ok", To: "//evil.example/"},
		{From: "/ok"},
		{From: "/ok", StoryID: st.ID},
		{From: "/ok", To: "/ar/", StoryID: st.ID, Lang: "ar"},
		{From: "/ok/", To: "/ar/"}, // not in RedirectPath's form
		{From: "/ok", StoryID: 9999, Lang: "ar"},
	} {
		err := s.SaveRedirect(ctx, &bad)
		if code := khabar.ErrorCode(err); code != khabar.EInvalid {
			t.Errorf("SaveRedirect(%+v) = %v, want invalid", bad, err)
		}
	}
	hand := &khabar.Redirect{From: "/about-us", To: "/en/page/about"}
	must(t, s.SaveRedirect(ctx, hand))
	hand.To = "https://example.org/about"
	must(t, s.SaveRedirect(ctx, hand))
	list, total, err := s.Redirects(ctx, "", 10, 0)
	must(t, err)
	if total != 2 || len(list) != 2 || list[0].ID != hand.ID || list[0].To != "https://example.org/about" {
		t.Fatalf("Redirects = %d %+v", total, list)
	}
	if list, total, _ = s.Redirects(ctx, "about", 10, 0); total != 1 || list[0].ID != hand.ID {
		t.Fatalf("Redirects(about) = %d %+v", total, list)
	}
	must(t, s.DeleteRedirect(ctx, hand.ID))
	wantCode(t, s.DeleteRedirect(ctx, hand.ID), khabar.ENotFound)
	_, err = s.RedirectFrom(ctx, "/about-us")
	wantCode(t, err, khabar.ENotFound)
}

// testImportRecords covers what imports remember of their sources.
func testImportRecords(t *testing.T, open Opener) {
	s := open(t, newClock().Now)
	const src = "wordpress https://old.example.org"
	must(t, s.RecordImports(ctx, []khabar.ImportRecord{
		{Source: src, Kind: "post", SourceID: "12", TargetID: 1, Lang: "ar"},
		{Source: src, Kind: "post", SourceID: "13", TargetID: 1, Lang: "en"},
		{Source: "other", Kind: "post", SourceID: "12", TargetID: 7},
		{Source: src, Kind: "post", SourceID: "12", TargetID: 2, Lang: "ar"}, // the last one wins
	}))
	got, err := s.ImportRecords(ctx, src)
	must(t, err)
	if len(got) != 2 {
		t.Fatalf("ImportRecords = %+v", got)
	}
	for _, r := range got {
		if r.SourceID == "12" && r.TargetID != 2 {
			t.Fatalf("the record was not replaced: %+v", r)
		}
	}
	wantCode(t, s.RecordImports(ctx, []khabar.ImportRecord{{Source: src, Kind: "", SourceID: "1"}}), khabar.EInvalid)
}

// testImportStories covers the bulk path of imports and archives.
func testImportStories(t *testing.T, open Opener) {
	f := newFixture(t, open)
	s := f.s
	at := f.clock.now.Add(-48 * time.Hour)
	fresh := khabar.ImportedStory{Story: &khabar.Story{SectionID: f.politics.ID, TagIDs: []int64{f.putin.ID}, AuthorIDs: []int64{f.author.ID}},
		Versions: []*khabar.Version{
			{Lang: "ar", Title: "قمة في قازان", Slug: "قمة", Body: "<p>نص</p>", Status: khabar.StatusPublished, PublishedAt: at},
			{Lang: "en", Title: "Summit in Kazan", Slug: "summit", Body: "<p>Text</p>", Status: khabar.StatusDraft},
		}}
	created := at.Add(-time.Hour)
	kept := khabar.ImportedStory{Story: &khabar.Story{ID: 500, Revision: 3, CreatedAt: created, UpdatedAt: at},
		Versions: []*khabar.Version{{Lang: "ru", Title: "Саммит", Slug: "sammit", Body: "<p>Текст</p>", Status: khabar.StatusPublished,
			PublishedAt: at, UpdatedAt: at, Revision: 2, ContentRevision: 2}},
		Revisions: []khabar.Revision{
			{Lang: "ru", Number: 1, Title: "Саммит?", Slug: "sammit", Body: "<p>Черновик</p>", Status: khabar.StatusDraft, UserID: f.author.ID, CreatedAt: created},
			{Lang: "ru", Number: 2, Title: "Саммит", Slug: "sammit", Body: "<p>Текст</p>", Status: khabar.StatusPublished, CreatedAt: at},
		}}
	must(t, s.ImportStories(ctx, []khabar.ImportedStory{fresh, kept}))
	if fresh.Story.ID == 0 || kept.Story.ID != 500 {
		t.Fatalf("ids: %d, %d", fresh.Story.ID, kept.Story.ID)
	}
	a, err := s.Article(ctx, fresh.Story.ID, "ar")
	must(t, err)
	if !a.PublishedAt.Equal(at) || a.Section == nil || len(a.Tags) != 1 || len(a.Authors) != 1 || a.Revision != 1 {
		t.Fatalf("imported article = %+v", a)
	}
	revs, err := s.Revisions(ctx, 500, "ru")
	must(t, err)
	if len(revs) != 2 || revs[0].Body != "<p>Черновик</p>" || revs[0].UserID != f.author.ID || !revs[0].CreatedAt.Equal(created) {
		t.Fatalf("kept revisions = %+v", revs)
	}
	st, err := s.Story(ctx, 500)
	must(t, err)
	if st.Revision != 3 || !st.CreatedAt.Equal(created) {
		t.Fatalf("kept story = %+v", st)
	}
	list, total, err := s.ListArticles(ctx, khabar.ListFilter{Lang: "ar", SectionID: f.politics.ID, Limit: 10})
	must(t, err)
	if total != 1 || len(list) != 1 {
		t.Fatalf("section list after the import: %d %+v", total, list)
	}

	// An id that is taken, or a story that breaks a rule, writes nothing.
	again := khabar.ImportedStory{Story: &khabar.Story{ID: 500}, Versions: []*khabar.Version{{Lang: "en", Title: "X", Slug: "x", Revision: 1}},
		Revisions: []khabar.Revision{{Lang: "en", Number: 1, Title: "X", Slug: "x"}}}
	other := khabar.ImportedStory{Story: &khabar.Story{}, Versions: []*khabar.Version{{Lang: "en", Title: "Y", Slug: "y"}}}
	wantCode(t, s.ImportStories(ctx, []khabar.ImportedStory{other, again}), khabar.EConflict)
	bad := khabar.ImportedStory{Story: &khabar.Story{}, Versions: []*khabar.Version{{Lang: "en", Title: "Z", Slug: "z", Body: "\x00"}}}
	other.Story.ID = 0
	wantCode(t, s.ImportStories(ctx, []khabar.ImportedStory{other, bad}), khabar.EInvalid)
	if n, _ := s.CountStories(ctx); n != 2 {
		t.Fatalf("refused imports left %d stories, want 2", n)
	}

	// Search finds the stories once their terms are written.
	must(t, s.IndexSearch(ctx, nil))
	res, err := s.Search(ctx, khabar.SearchQuery{Text: "саммит", Langs: []string{"ru"}, Limit: 5})
	must(t, err)
	if res.Total != 1 || res.Items[0].StoryID != 500 {
		t.Fatalf("search after the import: %+v", res)
	}
	// A story created after the import takes an id after the kept one.
	next := f.story(t, 0, nil, "en")
	if next.ID <= 500 {
		t.Fatalf("a new story took id %d after an archive's 500", next.ID)
	}
}

// testRestore covers writing back an archive with its ids.
func testRestore(t *testing.T, open Opener) {
	s := open(t, newClock().Now)
	at := time.Date(2023, 12, 26, 9, 0, 0, 0, time.UTC)
	a := &khabar.Archive{
		Sections: []khabar.Section{{ID: 4, Slug: "politics", Names: khabar.Text{"en": "Politics"}, Position: 1}},
		Tags:     []khabar.Tag{{ID: 9, Slug: "putin", Names: khabar.Text{"ru": "Путин"}}},
		Sources:  []khabar.Source{{ID: 3, Names: khabar.Text{"ar": "تاس"}, URL: "https://tass.com"}},
		Users:    []khabar.User{{ID: 7, Login: "omar", Slug: "omar", Names: khabar.Text{"ar": "عمر"}, Role: khabar.RoleAuthor, CreatedAt: at}},
		Media: []khabar.Media{{ID: 5, Key: "2023/12/a/original.jpg", MIME: "image/jpeg", Width: 800, Height: 450, Size: 1000,
			Credit: khabar.Text{"ar": "الصورة"}, CreatedAt: at,
			Variants: []khabar.MediaVariant{{Name: khabar.VariantThumb, Key: "2023/12/a/thumb.jpg", Width: 480, Height: 270}}}},
		Pages: []khabar.Page{{ID: 2, Key: "about", Position: 1, Versions: map[string]*khabar.PageVersion{
			"en": {Title: "About", Slug: "about", Body: "<p>Us</p>", UpdatedAt: at}}}},
		Stories: []khabar.ImportedStory{{Story: &khabar.Story{ID: 12, SectionID: 4, TagIDs: []int64{9}, AuthorIDs: []int64{7}, SourceID: 3, LeadMediaID: 5},
			Versions:  []*khabar.Version{{Lang: "ar", Title: "قمة", Slug: "qimma", Status: khabar.StatusPublished, PublishedAt: at, UpdatedAt: at, Revision: 1, ContentRevision: 1}},
			Revisions: []khabar.Revision{{Lang: "ar", Number: 1, Title: "قمة", Slug: "qimma", Status: khabar.StatusPublished, UserID: 7, CreatedAt: at}}}},
		Redirects: []khabar.Redirect{{ID: 8, From: "/?p=3", StoryID: 12, Lang: "ar", CreatedAt: at}},
		Audit:     []khabar.AuditEntry{{ID: 30, At: at, UserID: 7, Action: "story.create", Object: "story/12/ar"}},
	}
	must(t, s.Restore(ctx, a))
	art, err := s.Article(ctx, 12, "ar")
	must(t, err)
	if art.Section.ID != 4 || art.Tags[0].ID != 9 || art.Authors[0].ID != 7 || art.Source.ID != 3 || art.Image == nil || len(art.Image.Variants) != 1 {
		t.Fatalf("restored article = %+v", art)
	}
	p, err := s.PageBySlug(ctx, "en", "about")
	must(t, err)
	if p.ID != 2 || !p.Versions["en"].UpdatedAt.Equal(at) {
		t.Fatalf("restored page = %+v", p)
	}
	log, _, err := s.AuditLog(ctx, khabar.AuditFilter{Limit: 10})
	must(t, err)
	if len(log) != 1 || log[0].Action != "story.create" || !log[0].At.Equal(at) {
		t.Fatalf("restored audit log = %+v", log)
	}
	if r, err := s.RedirectFrom(ctx, "/?p=3"); err != nil || r.ID != 8 {
		t.Fatalf("restored redirect = %+v, %v", r, err)
	}
	// The same again: every id is taken, and nothing more is written.
	wantCode(t, s.Restore(ctx, &khabar.Archive{Tags: []khabar.Tag{{ID: 10, Slug: "new", Names: khabar.Text{"en": "New"}}}, Sections: a.Sections}), khabar.EConflict)
	if tags, _ := s.Tags(ctx); len(tags) != 1 {
		t.Fatalf("a refused restore wrote tags: %+v", tags)
	}
	// New items take ids after the restored ones.
	sec := &khabar.Section{Slug: "economy", Names: khabar.Text{"en": "Economy"}}
	must(t, s.CreateSection(ctx, sec))
	u := &khabar.User{Login: "new", Slug: "new", Names: khabar.Text{"en": "New"}, Role: khabar.RoleAuthor}
	must(t, s.CreateUser(ctx, u))
	if sec.ID <= 4 || u.ID <= 7 {
		t.Fatalf("new ids after a restore: section %d, user %d", sec.ID, u.ID)
	}
}

package storetest

import (
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/khabarnews/khabar"
)

func testAdminList(t *testing.T, open Opener) {
	f := newFixture(t, open)
	pub := f.story(t, f.politics.ID, nil, "ar", "en")
	draft := &khabar.Story{SectionID: f.economy.ID, AuthorIDs: []int64{f.author.ID}}
	must(t, f.s.CreateStory(ctx, draft, []*khabar.Version{{Lang: "ru", Title: "Черновик о 50% экономике", Slug: "chernovik"}}))
	rows, total, err := f.s.AdminList(ctx, khabar.AdminFilter{})
	must(t, err)
	if total != 3 || len(rows) != 3 || rows[0].StoryID != draft.ID || rows[0].Status != khabar.StatusDraft {
		t.Fatalf("all versions: total %d, first %+v", total, rows[0])
	}
	for _, c := range []struct {
		f    khabar.AdminFilter
		want int
	}{
		{khabar.AdminFilter{Lang: "ar"}, 1},
		{khabar.AdminFilter{Status: khabar.StatusDraft}, 1},
		{khabar.AdminFilter{SectionID: f.politics.ID}, 2},
		{khabar.AdminFilter{AuthorID: f.author.ID}, 3},
		{khabar.AdminFilter{Query: "черновик"}, 1},
		{khabar.AdminFilter{Query: "50%"}, 1},
		{khabar.AdminFilter{Query: "%"}, 1},
		{khabar.AdminFilter{Query: "_"}, 0},
		{khabar.AdminFilter{Query: "TITLE"}, 2},
	} {
		_, n, err := f.s.AdminList(ctx, c.f)
		must(t, err)
		if n != c.want {
			t.Errorf("AdminList(%+v) = %d, want %d", c.f, n, c.want)
		}
	}
	_ = pub
}

func testTranslations(t *testing.T, open Opener) {
	f := newFixture(t, open)
	st := &khabar.Story{SectionID: f.politics.ID}
	ar := &khabar.Version{Lang: "ar", Title: "خبر", Slug: "khabar", Status: khabar.StatusPublished}
	must(t, f.s.CreateStory(ctx, st, []*khabar.Version{ar}))
	gaps, err := f.s.TranslationGaps(ctx, "ru", 10)
	must(t, err)
	if len(gaps) != 1 || !gaps[0].Missing || gaps[0].Title != "خبر" {
		t.Fatalf("gaps = %+v, want the missing Russian version", gaps)
	}
	ru := &khabar.Version{StoryID: st.ID, Lang: "ru", Title: "Новость", Slug: "novost", SyncedRevision: ar.Revision}
	must(t, f.s.SaveVersion(ctx, ru, 0))
	if gaps, _ = f.s.TranslationGaps(ctx, "ru", 10); len(gaps) != 0 {
		t.Fatalf("an up-to-date translation is a gap: %+v", gaps)
	}
	ar.Status = khabar.StatusUnpublished // a status change alone does not outdate translations
	must(t, f.s.SaveVersion(ctx, ar, 0))
	if gaps, _ = f.s.TranslationGaps(ctx, "ru", 10); len(gaps) != 0 {
		t.Fatalf("a status change of the original outdated the translation: %+v", gaps)
	}
	ar.Body = "<p>تحديث</p>"
	must(t, f.s.SaveVersion(ctx, ar, 0))
	gaps, _ = f.s.TranslationGaps(ctx, "ru", 10)
	if len(gaps) != 1 || gaps[0].Missing {
		t.Fatalf("gaps after the original changed = %+v, want one outdated", gaps)
	}
	rows, _, err := f.s.AdminList(ctx, khabar.AdminFilter{Lang: "ru"})
	must(t, err)
	if !rows[0].Outdated {
		t.Fatal("the admin list does not flag the outdated translation")
	}
	ru.SyncedRevision = ar.Revision
	must(t, f.s.SaveVersion(ctx, ru, 0))
	if gaps, _ = f.s.TranslationGaps(ctx, "ru", 10); len(gaps) != 0 {
		t.Fatalf("a confirmed translation is still a gap: %+v", gaps)
	}
	if gaps, _ = f.s.TranslationGaps(ctx, "ar", 10); len(gaps) != 0 {
		t.Fatalf("the original's own language has gaps: %+v", gaps)
	}
}

// testPendingUpdateGaps: an update of a published translation waiting for
// review, made against the original's current text, closes its gap; one
// made against an older text does not. The gaps, the story list and the
// admin list agree with khabar.Version.Outdated at every step, and the
// story list finds the story by its update waiting.
func testPendingUpdateGaps(t *testing.T, open Opener) {
	f := newFixture(t, open)
	st := &khabar.Story{SectionID: f.politics.ID}
	ar := &khabar.Version{Lang: "ar", Title: "خبر", Slug: "khabar", Status: khabar.StatusPublished}
	must(t, f.s.CreateStory(ctx, st, []*khabar.Version{ar}))
	ru := &khabar.Version{StoryID: st.ID, Lang: "ru", Title: "Новость", Slug: "novost", Status: khabar.StatusPublished, SyncedRevision: ar.Revision}
	must(t, f.s.SaveVersion(ctx, ru, 0))
	check := func(wantOutdated, wantPending bool, when string) {
		t.Helper()
		vs, err := f.s.Versions(ctx, st.ID)
		must(t, err)
		var o, v khabar.Version
		for _, x := range vs {
			if x.Lang == "ar" {
				o = x
			} else {
				v = x
			}
		}
		if got := v.Outdated(o.Lang, o.ContentRevision); got != wantOutdated {
			t.Fatalf("%s: Version.Outdated = %v, want %v", when, got, wantOutdated)
		}
		gaps, err := f.s.TranslationGaps(ctx, "ru", 10)
		must(t, err)
		if len(gaps) != map[bool]int{false: 0, true: 1}[wantOutdated] || wantOutdated && gaps[0].Pending != wantPending {
			t.Errorf("%s: gaps %+v, want outdated %v, pending %v", when, gaps, wantOutdated, wantPending)
		}
		rows, _, err := f.s.AdminList(ctx, khabar.AdminFilter{Lang: "ru"})
		must(t, err)
		if len(rows) != 1 || rows[0].Outdated != wantOutdated || rows[0].UpdateWaiting() != wantPending {
			t.Errorf("%s: admin list %+v, want outdated %v, pending %v", when, rows, wantOutdated, wantPending)
		}
		stories, _, err := f.s.StoryList(ctx, khabar.AdminFilter{Lang: "ru"})
		must(t, err)
		if len(stories) != 1 || len(stories[0].Versions) != 2 || stories[0].Versions[1].Outdated != wantOutdated || stories[0].Versions[1].Pending != wantPending {
			t.Errorf("%s: story list %+v, want outdated %v, pending %v", when, stories, wantOutdated, wantPending)
		}
		for _, filter := range []khabar.AdminFilter{{Pending: true}, {Pending: true, Lang: "ru"}} {
			found, n, err := f.s.StoryList(ctx, filter)
			must(t, err)
			if want := map[bool]int{false: 0, true: 1}[wantPending]; len(found) != want || n != want {
				t.Errorf("%s: the story list of %+v has %d stories (count %d), want %d", when, filter, len(found), n, want)
			}
		}
		if found, n, err := f.s.StoryList(ctx, khabar.AdminFilter{Pending: true, Lang: "ar"}); err != nil || len(found) != 0 || n != 0 {
			t.Errorf("%s: the Arabic original has an update waiting: %+v, %d, %v", when, found, n, err)
		}
	}
	pending := func(synced int64) {
		t.Helper()
		cur := ru.Revision
		if vs, err := f.s.Versions(ctx, st.ID); err == nil {
			for _, x := range vs {
				if x.Lang == "ru" {
					cur = x.Revision
				}
			}
		}
		must(t, f.s.SavePending(ctx, &khabar.Revision{StoryID: st.ID, Lang: "ru", Title: "Новость", Slug: "novost", Body: "<p>Обновление</p>"}, cur, synced))
	}
	check(false, false, "up to date")
	ar.Body = "<p>تحديث</p>"
	must(t, f.s.SaveVersion(ctx, ar, 0))
	check(true, false, "after the original changed")
	pending(ar.Revision - 1)
	check(true, true, "with an update made against the original's older text")
	pending(ar.Revision)
	check(false, true, "with an update made against the original's current text")
	ar.Body = "<p>تحديث ثان</p>"
	must(t, f.s.SaveVersion(ctx, ar, 0))
	check(true, true, "after the original changed again")
}

func testPublishDue(t *testing.T, open Opener) {
	f := newFixture(t, open)
	st := &khabar.Story{}
	at := f.clock.now.Add(time.Hour)
	must(t, f.s.CreateStory(ctx, st, []*khabar.Version{
		{Lang: "en", Title: "Later", Slug: "later", Status: khabar.StatusScheduled, PublishedAt: at},
		{Lang: "ru", Title: "Позже", Slug: "pozzhe", Status: khabar.StatusScheduled, PublishedAt: at.Add(time.Hour)},
	}))
	due, err := f.s.PublishDue(ctx)
	must(t, err)
	if len(due) != 0 {
		t.Fatalf("published before time: %+v", due)
	}
	f.clock.now = at
	var mu sync.Mutex
	var published []khabar.Version
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			due, err := f.s.PublishDue(ctx)
			if err != nil {
				t.Error(err)
				return
			}
			mu.Lock()
			published = append(published, due...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	if len(published) != 1 || published[0].Lang != "en" || published[0].Status != khabar.StatusPublished {
		t.Fatalf("8 racing schedulers published %+v, want the English version exactly once", published)
	}
	if _, err := f.s.Article(ctx, st.ID, "en"); err != nil {
		t.Fatalf("the scheduled version is not live: %v", err)
	}
	revs, err := f.s.Revisions(ctx, st.ID, "en")
	must(t, err)
	if len(revs) != 2 || revs[1].Status != khabar.StatusPublished {
		t.Fatalf("the publication is not a revision: %+v", revs)
	}
	r, err := f.s.Revision(ctx, st.ID, "en", 1)
	must(t, err)
	if r.Status != khabar.StatusScheduled {
		t.Fatalf("revision 1 = %+v", r)
	}
}

func testAuditAndSessions(t *testing.T, open Opener) {
	f := newFixture(t, open)
	for _, e := range []khabar.AuditEntry{
		{UserID: f.author.ID, Action: "version.save", Object: "story/1/ar"},
		{UserID: f.author.ID, Action: "version.publish", Object: "story/1/ar", Detail: "نُشر"},
		{UserID: 0, Action: "version.publish", Object: "story/12/ru"},
		{UserID: f.author.ID, Action: "user.login", Object: "user/1"},
	} {
		e := e
		must(t, f.s.Audit(ctx, &e))
	}
	all, total, err := f.s.AuditLog(ctx, khabar.AuditFilter{Limit: 10})
	must(t, err)
	if total != 4 || all[0].Action != "user.login" {
		t.Fatalf("audit log = %d, first %+v (want newest first)", total, all[0])
	}
	story1, total, err := f.s.AuditLog(ctx, khabar.AuditFilter{Object: "story/1", Limit: 10})
	must(t, err)
	if total != 2 || story1[0].Detail != "نُشر" {
		t.Fatalf("audit log of story/1 = %+v (story/12 must not match)", story1)
	}

	s := &khabar.Session{TokenHash: "h1", UserID: f.author.ID, ExpiresAt: f.clock.now.Add(time.Hour)}
	must(t, f.s.CreateSession(ctx, s))
	must(t, f.s.CreateSession(ctx, &khabar.Session{TokenHash: "h2", UserID: f.author.ID, ExpiresAt: f.clock.now.Add(time.Hour)}))
	got, err := f.s.SessionByHash(ctx, "h1")
	must(t, err)
	if got.UserID != f.author.ID {
		t.Fatalf("session = %+v", got)
	}
	f.clock.now = f.clock.now.Add(2 * time.Hour)
	_, err = f.s.SessionByHash(ctx, "h1")
	wantCode(t, err, khabar.ENotFound)
	f.clock.now = f.clock.now.Add(-2 * time.Hour)
	must(t, f.s.DeleteSession(ctx, "h1"))
	_, err = f.s.SessionByHash(ctx, "h1")
	wantCode(t, err, khabar.ENotFound)
	must(t, f.s.DeleteUserSessions(ctx, f.author.ID))
	_, err = f.s.SessionByHash(ctx, "h2")
	wantCode(t, err, khabar.ENotFound)
}

func testGeneration(t *testing.T, open Opener) {
	s := open(t, newClock().Now)
	before := s.Generation()
	must(t, s.CreateTag(ctx, &khabar.Tag{Slug: "g", Names: khabar.Text{"en": "G"}}))
	after := s.Generation()
	if after <= before {
		t.Fatalf("generation %d → %d after a write, want it to grow", before, after)
	}
	if _, err := s.Tags(ctx); err != nil || s.Generation() != after {
		t.Fatalf("a read moved the generation: %d → %d (%v)", after, s.Generation(), err)
	}
	// A refused write changes nothing, the generation included.
	_ = s.CreateTag(ctx, &khabar.Tag{Slug: "g", Names: khabar.Text{"en": "Again"}})
	if s.Generation() != after {
		t.Fatalf("a refused write moved the generation")
	}

	// What no reader sees leaves the caches alone: a draft and its
	// autosaves, sessions, the audit log. Publishing and unpublishing do not.
	quiet := func(what string, err error) {
		t.Helper()
		must(t, err)
		if g := s.Generation(); g != after {
			t.Fatalf("%s moved the generation %d → %d", what, after, g)
		}
	}
	moved := func(what string, err error) {
		t.Helper()
		must(t, err)
		if g := s.Generation(); g <= after {
			t.Fatalf("%s left the generation at %d", what, g)
		}
		after = s.Generation()
	}
	st := &khabar.Story{}
	v := &khabar.Version{Lang: "en", Title: "Draft", Slug: "draft", Status: khabar.StatusDraft}
	quiet("creating a draft", s.CreateStory(ctx, st, []*khabar.Version{v}))
	v.Title = "Draft, autosaved"
	quiet("saving a draft", s.SaveVersion(ctx, v, 0))
	u := &khabar.User{Login: "g", Slug: "g", Names: khabar.Text{"en": "G"}, Role: khabar.RoleEditor}
	quiet("creating a user", s.CreateUser(ctx, u)) // an author is on no page until a story names them
	quiet("a session", s.CreateSession(ctx, &khabar.Session{TokenHash: "gen", UserID: u.ID, ExpiresAt: newClock().now.Add(time.Hour)}))
	quiet("an audit entry", s.Audit(ctx, &khabar.AuditEntry{UserID: u.ID, Action: "story.create", Object: "story/1"}))
	v.Status = khabar.StatusPublished
	moved("publishing", s.SaveVersion(ctx, v, 0))
	v.Title = "Published, edited"
	moved("editing a published version", s.SaveVersion(ctx, v, 0))
	v.Status = khabar.StatusUnpublished
	moved("unpublishing", s.SaveVersion(ctx, v, 0))
	v.Title = "Unpublished, edited"
	// The Content API's list of changes shows versions withdrawn after
	// being published, and their address answers with a notice (410), so
	// their edits count; a draft never published does not. The story's
	// own pages (its other languages) do not change.
	moved("editing a withdrawn version", s.SaveVersion(ctx, v, 0))
	if topics, _, _ := s.ChangesSince(after - 1); !slices.Equal(topics, []string{khabar.GoneTopic(v.StoryID, "en"), khabar.TopicWithdrawn}) {
		t.Fatalf("editing a withdrawn version touched %v, want only %q and %q", topics, khabar.GoneTopic(v.StoryID, "en"), khabar.TopicWithdrawn)
	}
}

package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/khabarnews/khabar"
)

// TestOutdatedFollowsTheOriginalsText: a translation is outdated when the
// original's text changed since it was brought up to date, not when the
// original only moved (taken down and published again, a new revision with
// the same words): the editor's tabs and banner, the translations page, the
// story list and the Admin API agree, before and after a real change.
func TestOutdatedFollowsTheOriginalsText(t *testing.T) {
	ctx := context.Background()
	s := newSite(t)
	id := s.ids["summit"]
	tr := s.newsroomUser("olga", khabar.RoleTranslator, "ru")
	_, b := s.storyLogin("nadia", khabar.RoleEditor)
	tok, _ := s.apiToken(tr, khabar.RoleTranslator, time.Time{})

	ar := s.storyVersion(id, "ar")
	ru := s.storyVersion(id, "ru")
	ru.SyncedRevision = ar.Revision
	s.must(s.store.SaveVersion(ctx, &ru, 0))
	for _, st := range []khabar.Status{khabar.StatusUnpublished, khabar.StatusPublished} {
		v := s.storyVersion(id, "ar")
		v.Status = st
		s.must(s.store.SaveVersion(ctx, &v, 0))
	}
	if v := s.storyVersion(id, "ar"); v.Revision <= ar.Revision || v.ContentRevision != ar.ContentRevision {
		t.Fatalf("the original's revision %d → %d, its text's %d → %d: the test shows nothing", ar.Revision, v.Revision, ar.ContentRevision, v.ContentRevision)
	}

	check := func(want bool, when string) {
		t.Helper()
		flags := map[string]bool{}
		ed := b.do("GET", storyPath(id, "ru"), nil).want(t, 200, "the Russian editor "+when)
		flags["the editor's banner"] = strings.Contains(ed.body, `class="panel outdated"`)
		orig := b.do("GET", storyPath(id, "ar"), nil).want(t, 200, "the Arabic editor "+when)
		tab := between(orig.body, `href="`+storyPath(id, "ru")+`"`, `</li>`)
		flags["the version's tab"] = strings.Contains(tab, `<span class="flag">`)
		gaps := b.do("GET", "/admin/translations", nil).want(t, 200, "the translations page "+when)
		flags["the translations page"] = strings.Contains(between(gaps.body, `id="gaps-ru"`, `</section>`), storyPath(id, "ru")+`"`)
		flags["the story list"] = strings.Contains(storyRowOf(t, b.do("GET", "/admin/stories?lang=ru", nil).body, id, "ru"), `<span class="flag">`)
		flags["the Admin API"] = decode[adminStory](t, s.call(tok, "GET", fmt.Sprintf("/api/v1/admin/stories/%d", id), nil)).version("ru").Outdated
		for where, got := range flags {
			if got != want {
				t.Errorf("%s: %s says outdated: %v, want %v", when, where, got, want)
			}
		}
	}
	check(false, "after the original moved without a change of text")

	page := b.do("GET", storyPath(id, "ar"), nil)
	b.do("POST", storyPath(id, "ar"), url.Values{"title": {ar.Title}, "summary": {ar.Summary}, "body": {ar.Body + "<p>فقرة جديدة.</p>"},
		"base_revision": {storyBase(t, page)}, "confirmed": {"1"}}).want(t, http.StatusSeeOther, "changing the original's text")
	check(true, "after the original's text changed")
}

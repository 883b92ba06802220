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

// TestUpdateWaitingForReviewIsNotOutdated: a published Russian translation
// is outdated once the original changes; the translator's update made
// against the latest original waits for review, and the newsroom's lists
// (the story list, its filter, the dashboard, the translations page) say
// so instead of calling it outdated; the original changing again makes it
// outdated with its update still waiting; once the editor publishes an
// update made against the latest original, neither flag is left.
func TestUpdateWaitingForReviewIsNotOutdated(t *testing.T) {
	s := newSite(t)
	id := s.ids["summit"]
	_, tr := s.storyLogin("olga", khabar.RoleTranslator, "ru")
	_, ed := s.storyLogin("nadia", khabar.RoleEditor)
	ruPath, arHref := storyPath(id, "ru"), `href="`+storyPath(id, "ar")+`"`
	const waiting = "update waiting for review"

	changeOriginal := func(text string) {
		t.Helper()
		ar := s.storyVersion(id, "ar")
		page := ed.do("GET", storyPath(id, "ar"), nil).want(t, 200, "the Arabic editor")
		ed.do("POST", storyPath(id, "ar"), url.Values{"title": {ar.Title}, "summary": {ar.Summary}, "body": {ar.Body + "<p>" + text + "</p>"},
			"base_revision": {storyBase(t, page)}, "confirmed": {"1"}}).want(t, http.StatusSeeOther, "changing the original's text")
	}
	saveUpdate := func(body string) {
		t.Helper()
		ru := s.storyVersion(id, "ru")
		page := tr.do("GET", ruPath, nil).want(t, 200, "the translator's editor")
		tr.do("POST", ruPath, url.Values{"title": {ru.Title}, "summary": {ru.Summary}, "body": {body}, "base_revision": {storyBase(t, page)},
			"synced_revision": {fmt.Sprint(s.storyVersion(id, "ar").Revision)}}).want(t, http.StatusSeeOther, "the translator saves an update")
		if v := s.storyVersion(id, "ru"); v.PendingRevision == 0 {
			t.Fatalf("the translator's save went live: %+v", v)
		}
	}
	check := func(wantOutdated, wantPending bool, when string) {
		t.Helper()
		type flags struct{ outdated, pending bool }
		got := map[string]flags{}

		list := ed.do("GET", "/admin/stories?lang=ru", nil).want(t, 200, "the story list "+when)
		cell := between(storyRowOf(t, list.body, id, "ru"), `href="`+ruPath+`"`, `</li>`)
		got["the story list"] = flags{strings.Contains(cell, `<span class="flag">`), strings.Contains(cell, `<span class="flag pending">`+waiting)}
		filtered := ed.do("GET", "/admin/stories?status=pending", nil).want(t, 200, "the story list of updates waiting "+when)
		// The filter finds the updates waiting; it says nothing of outdated.
		got["the story list's filter"] = flags{wantOutdated, strings.Contains(filtered.body, `href="`+ruPath+`"`)}

		dash := ed.do("GET", "/admin/", nil).want(t, 200, "the dashboard "+when)
		gaps := between(dash.body, `id="dash-gaps-ru"`, `</div>`)
		updates := between(between(dash.body, "<h2>Waiting for review</h2>", `</section>`), "Updates waiting for review</h3>", `</ul>`)
		got["the dashboard"] = flags{strings.Contains(gaps, arHref), strings.Contains(updates, `href="`+ruPath+`"`)}
		if wantOutdated && strings.Contains(gaps, waiting) != wantPending {
			t.Errorf("%s: the dashboard's gap says an update waits: %v, want %v", when, !wantPending, wantPending)
		}

		for who, b := range map[string]*browser{"editor": ed, "translator": tr} {
			page := b.do("GET", "/admin/translations", nil).want(t, 200, "the translations page "+when)
			sec := between(page.body, `id="gaps-ru"`, `</section>`)
			got["the translations page for the "+who] = flags{
				strings.Contains(between(sec, `<ul class="rows gaps">`, `</ul>`), arHref),
				strings.Contains(between(sec, `<ul class="rows gaps pending-updates">`, `</ul>`), `href="`+ruPath+`"`)}
		}
		for where, f := range got {
			if f.outdated != wantOutdated {
				t.Errorf("%s: %s says outdated: %v, want %v", when, where, f.outdated, wantOutdated)
			}
			if f.pending != wantPending {
				t.Errorf("%s: %s says an update waits for review: %v, want %v", when, where, f.pending, wantPending)
			}
		}
	}

	changeOriginal("فقرة جديدة.")
	check(true, false, "after the original changed")
	saveUpdate("<p>Текст о саммите, с новым абзацем.</p>")
	check(false, true, "after the translator's update against the latest original")
	changeOriginal("فقرة أخرى.")
	check(true, true, "after the original changed again while the update waits")
	saveUpdate("<p>Текст о саммите, с двумя новыми абзацами.</p>")
	check(false, true, "after the translator brought the update up to date")

	page := ed.do("GET", ruPath, nil).want(t, 200, "the editor's Russian editor")
	if !strings.Contains(page.body, `value="publish_update"`) {
		t.Fatal("the editor has no Publish the update button")
	}
	ru := s.storyVersion(id, "ru")
	ed.do("POST", ruPath, url.Values{"title": {ru.Title}, "summary": {ru.Summary}, "body": {"<p>Текст о саммите, с двумя новыми абзацами.</p>"},
		"base_revision": {storyBase(t, page)}, "do": {"publish_update"}, "confirmed": {"1"}}).want(t, http.StatusSeeOther, "the editor publishes the update")
	if v := s.storyVersion(id, "ru"); v.PendingRevision != 0 || !strings.Contains(v.Body, "двумя") {
		t.Fatalf("after the editor published the update: %+v", v)
	}
	check(false, false, "after the editor published the update")
}

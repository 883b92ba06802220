package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/khabarnews/khabar"
)

// confirmWith presses a button that changes the live site, answers yes
// to the question it asks first (typing note, when given, where it asks
// for one) and waits for the page that follows.
func (tb *tab) confirmWith(what, button, note string) int64 {
	tb.t.Helper()
	tb.do(what+": asking", chromedp.Click(chromedp.CSS(button)), chromedp.WaitVisible(chromedp.CSS(`#confirm-dialog .confirm-yes`)))
	if note != "" {
		tb.do(what+": the note", chromedp.SendKeys(chromedp.CSS(`#confirm-dialog .confirm-note textarea`), note))
	}
	return tb.load(what+": confirming", chromedp.Click(chromedp.CSS(`#confirm-dialog .confirm-yes`)))
}

// TestTranslatorUpdatesPublishedTranslation: the original of a story with
// a published Russian translation changes; the translator updates the
// live translation beside the original, saved as an update readers do not
// see yet; the editor publishes it after a confirmation, and the
// translation is up to date by itself.
func TestTranslatorUpdatesPublishedTranslation(t *testing.T) {
	s := newSite(t)
	id := s.ids["summit"]
	s.newsroomUser("olga", khabar.RoleTranslator, "ru")
	_, ed := s.storyLogin("nadia", khabar.RoleEditor)
	ar := ed.do("GET", storyPath(id, "ar"), nil).want(t, 200, "the Arabic editor")
	ed.do("POST", storyPath(id, "ar"), url.Values{"title": {"بوتين يستضيف قمة غير رسمية"}, "summary": {"قمة تقليدية في نهاية العام."},
		"body": {quirkyBody + "<p>وأضاف الكرملين أن القمة ستُعقد في سانت بطرسبورغ.</p>"}, "base_revision": {storyBase(t, ar)}, "confirmed": {"1"}}).
		want(t, http.StatusSeeOther, "the original changes")
	if !outdated(t, s, id, "ru") {
		t.Fatal("the Russian version is not outdated after the original changed")
	}
	live := s.storyVersion(id, "ru")

	tr := s.openTab(t)
	tr.signIn("olga")
	tr.open(storyPath(id, "ru"))
	tr.do("waiting for the editor", chromedp.WaitVisible(chromedp.CSS(`.editor-area`)))
	if got := eval[[]string](tr, `[document.querySelector('#outdated-h') ? 'outdated' : '', document.querySelector('.proposing')?.textContent.trim() || '',
		document.querySelector('#story-form button[name=do][value=""]')?.textContent.trim() || '', document.querySelector('#story-form').dataset.autosave || '']`); got[0] != "outdated" || got[1] == "" || got[2] != "Save the update" || got[3] == "" {
		t.Fatalf("the translator's editor of the live outdated translation: %q", got)
	}
	tr.caretAtEnd(0)
	tr.do("the translator adds the new sentence", chromedp.KeyEvent(" Кремль добавил, что саммит пройдёт в Санкт-Петербурге."))
	if got := tr.autosaveNow(); !strings.HasPrefix(got, "ok: ") {
		t.Fatalf("the translator's autosave of the update: %s", got)
	}
	if st := tr.load("saving the update", chromedp.Click(chromedp.CSS(`#story-form button[name=do][value=""]`))); st != 200 {
		t.Fatalf("saving the update answered %d", st)
	}
	shot(t, tr, "update-translator-ru.png")
	v := s.storyVersion(id, "ru")
	if v.PendingRevision == 0 || v.Body != live.Body {
		t.Fatalf("after the translator's save: pending %d, live body changed: %v", v.PendingRevision, v.Body != live.Body)
	}
	page := s.get("/ru/news/"+itoa(int(id))+"-"+live.Slug).want(t, 200, "the Russian article")
	if strings.Contains(page.body, "Санкт-Петербурге") {
		t.Fatal("the update is on the site before an editor published it")
	}

	edTab := tr.secondTab()
	edTab.signIn("nadia")
	edTab.open(storyPath(id, "ru"))
	if got := eval[string](edTab, `document.querySelector('#pending-h')?.textContent.trim() || ''`); got == "" {
		t.Fatal("the editor sees no update waiting")
	}
	if st := edTab.confirmWith("publishing the update", `#story-form button[name=do][value=publish_update]`, ""); st != 200 {
		t.Fatalf("publishing the update answered %d", st)
	}
	page = s.get("/ru/news/"+itoa(int(id))+"-"+live.Slug).want(t, 200, "the Russian article")
	if !strings.Contains(page.body, "Санкт-Петербурге") {
		t.Fatal("the published update is not on the site")
	}
	if outdated(t, s, id, "ru") {
		t.Fatal("the updated translation is still outdated")
	}
	if v := s.storyVersion(id, "ru"); v.PendingRevision != 0 {
		t.Fatalf("an update still waits: %+v", v)
	}
}

// outdated reports whether the story's version in lang is listed as
// outdated among the translation gaps.
func outdated(t *testing.T, s *site, id int64, lang string) bool {
	t.Helper()
	gaps, err := s.store.TranslationGaps(context.Background(), lang, 100)
	s.must(err)
	for _, g := range gaps {
		if g.StoryID == id && !g.Missing {
			return true
		}
	}
	return false
}

// TestUpdateWaitingScreens takes the newsroom's lists in each interface
// language at a phone's width and a desktop's, with a translator's update
// of the live Russian translation waiting for review: the dashboard shows
// it among the work to review, the story list and the translations page
// flag it as waiting, not as outdated; none is wider than the screen.
func TestUpdateWaitingScreens(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	id := s.ids["summit"]
	_, tr := s.storyLogin("olga", khabar.RoleTranslator, "ru")
	_, ed := s.storyLogin("nadia", khabar.RoleEditor)
	ar := s.storyVersion(id, "ar")
	page := ed.do("GET", storyPath(id, "ar"), nil)
	ed.do("POST", storyPath(id, "ar"), url.Values{"title": {ar.Title}, "summary": {ar.Summary}, "body": {ar.Body + "<p>فقرة جديدة.</p>"},
		"base_revision": {storyBase(t, page)}, "confirmed": {"1"}}).want(t, http.StatusSeeOther, "changing the original's text")
	ru := s.storyVersion(id, "ru")
	page = tr.do("GET", storyPath(id, "ru"), nil)
	tr.do("POST", storyPath(id, "ru"), url.Values{"title": {ru.Title}, "summary": {ru.Summary}, "body": {ru.Body + "<p>Новый абзац.</p>"},
		"base_revision": {storyBase(t, page)}, "synced_revision": {itoa(int(s.storyVersion(id, "ar").Revision))}}).
		want(t, http.StatusSeeOther, "the translator saves an update")

	tb := s.openTab(t)
	for _, ui := range []string{"ar", "ru", "en"} {
		u := s.newsroomUser("editor-"+ui, khabar.RoleEditor)
		u.UILang = ui
		s.must(s.store.UpdateUser(ctx, u))
		p := tb.secondTab()
		p.signIn("editor-" + ui)
		for _, w := range []int64{375, 1280} {
			name := ui + "-" + strconv.FormatInt(w, 10)
			p.do("viewport", chromedp.EmulateViewport(w, 900))
			for _, screen := range []struct{ name, path, flag string }{
				{"dashboard", "/admin/", `.dash-grid a[href="` + storyPath(id, "ru") + `"] ~ .meta .flag.pending`},
				{"stories", "/admin/stories", `a[href="` + storyPath(id, "ru") + `"] .flag.pending`},
				{"stories-pending", "/admin/stories?status=pending", `a[href="` + storyPath(id, "ru") + `"] .flag.pending`},
				{"translations", "/admin/translations", `#gaps-ru ~ .pending-updates a[href="` + storyPath(id, "ru") + `"] ~ .flag.pending`},
			} {
				p.open(screen.path)
				got := eval[[]string](p, `(() => { const f = document.querySelector('`+screen.flag+`');
					if (!f) return ['', ''];
					const r = f.getBoundingClientRect();
					return [f.textContent.trim(), String(r.width > 0 && r.left >= 0 && r.right <= window.innerWidth)] })()`)
				if got[0] == "" || got[1] != "true" {
					t.Errorf("%s (%s): the update waiting for review is not shown in full: %q", screen.name, name, got)
				}
				s.checkScreen(t, p, "the "+screen.name+" ("+name+")", ui)
				shot(t, p, "pending-"+screen.name+"-"+name+".png")
			}
		}
	}
}

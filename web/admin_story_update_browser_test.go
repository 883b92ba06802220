package web_test

import (
	"context"
	"net/http"
	"net/url"
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

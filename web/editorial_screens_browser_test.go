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

// TestEditorialScreens takes the editorial pages in each interface
// language at a phone's width and a desktop's, and checks what a reader of
// the screen would: the editor of a live translation with its desk, the
// merge page of two saves at once, the article with its correction, and
// the withdrawn article's notice; none is wider than the screen.
func TestEditorialScreens(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	id := s.ids["summit"]
	_, ed := s.storyLogin("nadia", khabar.RoleEditor)

	// An English version too, published; a correction in every language.
	ed.do("POST", "/admin/stories/"+itoa(int(id))+"/translations", url.Values{"to": {"en"}}).want(t, http.StatusSeeOther, "the English translation")
	page := ed.do("GET", storyPath(id, "en"), nil)
	ed.do("POST", storyPath(id, "en"), url.Values{"title": {"Putin hosts an informal summit"}, "summary": {"A year-end tradition."},
		"body":          {"<p>The Kremlin said the meeting would be held on 26 December with Vladimir Putin.</p><h2>Informal summits as a tradition</h2><p>TASS said eleven countries would attend.</p>"},
		"base_revision": {storyBase(t, page)}, "do": {"publish"}, "confirmed": {"1"}}).want(t, http.StatusSeeOther, "publishing the English version")
	notes := map[string]string{
		"ar": "ذكرت نسخة سابقة من هذا الخبر أن القمة تضم 12 دولة، والصحيح 11 دولة.",
		"ru": "В предыдущей версии статьи говорилось о 12 странах-участницах; на самом деле их 11.",
		"en": "An earlier version of this article said twelve countries would attend; the correct number is eleven.",
	}
	for l, note := range notes {
		v := s.storyVersion(id, l)
		page := ed.do("GET", storyPath(id, l), nil)
		ed.do("POST", storyPath(id, l), url.Values{"title": {v.Title}, "summary": {v.Summary}, "body": {v.Body}, "base_revision": {storyBase(t, page)},
			"correction_kind": {"correction"}, "correction_note": {note}, "confirmed": {"1"}}).want(t, http.StatusSeeOther, "correcting "+l)
	}
	// A story withdrawn in every language, with a note in each.
	gone := &khabar.Story{SectionID: s.section("politics")}
	published := s.storyVersion(id, "ar").PublishedAt
	s.must(s.store.CreateStory(ctx, gone, []*khabar.Version{
		{Lang: "ar", Title: "تقرير سُحب", Slug: "تقرير-سحب", Body: "<p>نص.</p>", Status: khabar.StatusPublished, PublishedAt: published},
		{Lang: "ru", Title: "Снятый материал", Slug: "snyatyj", Body: "<p>Текст.</p>", Status: khabar.StatusPublished, PublishedAt: published},
		{Lang: "en", Title: "A withdrawn report", Slug: "withdrawn", Body: "<p>Text.</p>", Status: khabar.StatusPublished, PublishedAt: published},
	}))
	ed.do("POST", "/admin/stories/"+itoa(int(gone.ID))+"/unpublish", url.Values{"confirmed": {"1"},
		"withdrawal_note_ar": {"سُحب التقرير لأن مصدره لم يؤكد المعلومات."}, "withdrawal_note_ru": {"Материал снят: источник не подтвердил сведения."},
		"withdrawal_note_en": {"The report was withdrawn because its source did not confirm the information."}}).want(t, http.StatusSeeOther, "withdrawing")
	// A draft in each language, for the merge page.
	drafts := map[string]int64{}
	for l, body := range map[string]string{
		"ar": "<p>اجتمع المجلس يوم الثلاثاء.</p><p>وأقرّ الخطة.</p><p>وانقسم السكان حولها.</p>",
		"ru": "<p>Совет собрался во вторник.</p><p>Он утвердил план.</p><p>Жители разделились во мнениях.</p>",
		"en": "<p>The council met on Tuesday.</p><p>It approved the plan.</p><p>Residents were divided.</p>",
	} {
		drafts[l] = storyCreated(t, ed.do("POST", "/admin/stories/new", url.Values{"lang": {l}, "title": {"— " + l + " —"}, "body": {body}}))
	}

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

			p.open(storyPath(id, ui))
			p.do("waiting for the editor", chromedp.WaitVisible(chromedp.CSS(`.editor-area`)))
			s.checkScreen(t, p, "the editor ("+name+")", ui)
			shot(t, p, "editorial-editor-"+name+".png")

			d := drafts[ui]
			p.open(storyPath(d, ui))
			p.do("waiting for the editor", chromedp.WaitVisible(chromedp.CSS(`.editor-area`)))
			v := s.storyVersion(d, ui)
			page := ed.do("GET", storyPath(d, ui), nil)
			ed.do("POST", storyPath(d, ui), url.Values{"title": {v.Title}, "body": {strings.Replace(v.Body, "</p>", " 1.</p>", 2)},
				"base_revision": {storyBase(t, page)}}).want(t, http.StatusSeeOther, "someone else saves")
			p.caretAtEnd(1)
			p.do("typing", chromedp.KeyEvent(" 2."))
			p.caretAtEnd(2)
			p.do("typing", chromedp.KeyEvent(" 3."))
			if st := p.load("saving", chromedp.Click(chromedp.CSS(`#story-form button[name=do][value=""]`))); st != http.StatusConflict {
				t.Fatalf("%s: a save on a stale revision answered %d", name, st)
			}
			s.checkScreen(t, p, "the merge page ("+name+")", ui)
			shot(t, p, "editorial-merge-"+name+".png")
			// The merge page holds text saved nowhere: leaving asks first.
			if !eval[bool](p, `(() => { const e = new Event('beforeunload', {cancelable: true}); window.dispatchEvent(e); return e.defaultPrevented })()`) {
				t.Errorf("%s: leaving the merge page does not ask first", name)
			}
			eval[bool](p, `(() => { document.querySelectorAll('form[data-unsaved]').forEach(f => f.removeAttribute('data-unsaved')); return true })()`)

			a := s.storyVersion(id, ui)
			p.open("/" + ui + "/news/" + itoa(int(id)) + "-" + url.PathEscape(a.Slug))
			if got := eval[string](p, `document.querySelector('.story-notices')?.textContent || ''`); !strings.Contains(got, notes[ui]) {
				t.Errorf("%s: the corrected article's notices read %q", name, got)
			}
			s.checkScreen(t, p, "the corrected article ("+name+")", ui)
			shot(t, p, "editorial-corrected-"+name+".png")

			g := s.storyVersion(gone.ID, ui)
			if st := p.load("the withdrawn article", chromedp.Navigate(s.srv.URL+"/"+ui+"/news/"+itoa(int(gone.ID))+"-"+url.PathEscape(g.Slug))); st != http.StatusGone {
				t.Errorf("%s: the withdrawn article answered %d", name, st)
			}
			if got := eval[string](p, `document.querySelector('.withdrawal-note')?.textContent || ''`); !strings.Contains(got, g.WithdrawalNote) || g.WithdrawalNote == "" {
				t.Errorf("%s: the withdrawn article's note reads %q, want %q", name, got, g.WithdrawalNote)
			}
			s.checkScreen(t, p, "the withdrawn article ("+name+")", ui)
			shot(t, p, "editorial-withdrawn-"+name+".png")
		}
	}
}

// checkScreen checks a page as shown: its language and direction, and
// that nothing makes it wider than the screen.
func (s *site) checkScreen(t *testing.T, tb *tab, what, lang string) {
	t.Helper()
	got := eval[[]string](tb, `[document.documentElement.lang, getComputedStyle(document.documentElement).direction,
		String(document.documentElement.scrollWidth > window.innerWidth + 1),
		[...document.querySelectorAll('body *')].filter(e => { const r = e.getBoundingClientRect(); return r.width > 0 && (r.right > window.innerWidth + 1 || r.left < -1) })
			.slice(0, 3).map(e => e.tagName + '.' + e.className).join(' ')]`)
	dir := "ltr"
	if lang == "ar" {
		dir = "rtl"
	}
	if got[0] != lang || got[1] != dir {
		t.Errorf("%s: <html> lang %q direction %q, want %q %q", what, got[0], got[1], lang, dir)
	}
	if got[2] == "true" {
		t.Errorf("%s: the page is wider than the screen (%s)", what, got[3])
	}
}

package web_test

import (
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/khabarnews/khabar"
)

// TestRevisionDiffShowsLinksAndStructure: a changed link address, a word
// made bold and a paragraph made a subheading are changes, and the diff
// says which.
func TestRevisionDiffShowsLinksAndStructure(t *testing.T) {
	s := newSite(t)
	_, ed := s.storyLogin("nadia", khabar.RoleEditor)
	id := storyCreated(t, ed.do("POST", "/admin/stories/new", url.Values{"lang": {"en"}, "title": {"Summit"},
		"body": {`<p>See <a href="https://example.org/report-1">the report</a> by Maria.</p><p>Reactions</p>`}}))
	page := ed.do("GET", storyPath(id, "en"), nil)
	ed.do("POST", storyPath(id, "en"), url.Values{"title": {"Summit"}, "base_revision": {storyBase(t, page)},
		"body": {`<p>See <a href="https://example.org/report-2">the report</a> by <strong>Maria</strong>.</p><h2>Reactions</h2>`}}).
		want(t, http.StatusSeeOther, "second save")
	cmp := ed.do("GET", storyPath(id, "en")+"/revisions?a=1&b=2", nil).want(t, 200, "compare")
	if strings.Contains(cmp.body, "The text of these two revisions is the same") {
		t.Fatal("a changed link, bold and a subheading are reported as no change")
	}
	diff := between(cmp.body, `<div class="diff" lang="en" dir="ltr">`, `</section>`)
	for _, want := range []string{
		`<del><a href="https://example.org/report-1" rel="noopener noreferrer">the report</a> <span class="diff-href" dir="ltr">https://example.org/report-1</span></del>`,
		`<ins><a href="https://example.org/report-2" rel="noopener noreferrer">the report</a> <span class="diff-href" dir="ltr">https://example.org/report-2</span></ins>`,
		`<del>Maria</del><ins><strong>Maria</strong></ins>`,
		`class="diff-block b-h2"`, `from paragraph to subheading`,
	} {
		if !strings.Contains(diff, want) {
			t.Errorf("the diff lacks %s:\n%s", want, diff)
		}
	}
	noInlineCode(t, cmp.body)
}

// TestCorrectionsAndWithdrawalOnTheSite: an editor saves a fix marked as a
// correction: readers see "Correction, date: note" in the article's
// language, in its JSON-LD and in the feeds. The whole story is then
// unpublished with a note: each language answers 410 Gone with a notice in
// its language and the note; an unconfirmed unpublish changes nothing.
func TestCorrectionsAndWithdrawalOnTheSite(t *testing.T) {
	s := newSite(t)
	id := s.ids["summit"]
	_, ed := s.storyLogin("nadia", khabar.RoleEditor)
	v := s.storyVersion(id, "ar")
	page := ed.do("GET", storyPath(id, "ar"), nil).want(t, 200, "the editor")
	if !strings.Contains(page.body, `name="correction_kind"`) || !strings.Contains(page.body, `action="/admin/stories/`+itoa(int(id))+`/unpublish"`) {
		t.Fatal("the editor of a published story offers no correction or no unpublishing of the whole story")
	}
	note := "ذكرت نسخة سابقة أن القمة تضم 12 دولة، والصحيح 11 دولة."
	form := url.Values{"title": {v.Title}, "summary": {v.Summary}, "body": {v.Body}, "base_revision": {storyBase(t, page)},
		"correction_kind": {"correction"}, "correction_note": {note}}
	ed.do("POST", storyPath(id, "ar"), form).want(t, http.StatusOK, "a correction, unconfirmed")
	if cs, _ := s.store.Corrections(t.Context(), id, "ar"); len(cs) != 0 {
		t.Fatal("an unconfirmed correction was saved")
	}
	form.Set("confirmed", "1")
	ed.do("POST", storyPath(id, "ar"), form).want(t, http.StatusSeeOther, "a correction")

	article := "/ar/news/" + itoa(int(id)) + "-" + v.Slug
	a := s.get(article).want(t, 200, "the corrected article")
	notices := between(a.body, `<aside class="story-notices"`, `</aside>`)
	if !strings.Contains(notices, "تصحيح، ") || !strings.Contains(notices, html.EscapeString(note)) {
		t.Errorf("the article's notices: %s", notices)
	}
	ld := between(a.body, `<script type="application/ld+json">`, `</script>`)
	if !strings.Contains(ld, `"correction":[{"@type":"CorrectionComment"`) || !strings.Contains(ld, note) {
		t.Errorf("the JSON-LD has no correction: %s", ld)
	}
	corrected := s.storyVersion(id, "ar").UpdatedAt.UTC().Format("2006-01-02T15:04:05Z")
	if !strings.Contains(ld, `"dateModified":"`+corrected+`"`) {
		t.Errorf("the JSON-LD's dateModified is not the correction's time %s: %s", corrected, ld)
	}
	rss := s.get("/ar/rss.xml").want(t, 200, "the Arabic feed")
	if !strings.Contains(rss.body, "تصحيح، ") || !strings.Contains(rss.body, "11 دولة") {
		t.Errorf("the feed does not carry the correction")
	}

	// The whole story off the site, with a note for readers.
	un := url.Values{"back": {storyPath(id, "ar")}, "withdrawal_note": {"سُحب الخبر بطلب من المصدر."}}
	ed.do("POST", "/admin/stories/"+itoa(int(id))+"/unpublish", un).want(t, http.StatusOK, "unpublishing, unconfirmed")
	s.get(article).want(t, 200, "the article after an unconfirmed unpublish")
	un.Set("confirmed", "1")
	ed.do("POST", "/admin/stories/"+itoa(int(id))+"/unpublish", un).want(t, http.StatusSeeOther, "unpublishing the story")
	gone := s.get(article).want(t, http.StatusGone, "the withdrawn Arabic article")
	for _, want := range []string{"سُحب هذا المقال", "سُحب الخبر بطلب من المصدر.", `lang="ar"`, `content="noindex"`} {
		if !strings.Contains(gone.body, want) {
			t.Errorf("the 410 page lacks %q", want)
		}
	}
	ru := s.storyVersion(id, "ru")
	s.get("/ru/news/"+itoa(int(id))+"-"+ru.Slug).want(t, http.StatusGone, "the withdrawn Russian article")
	if !strings.Contains(s.get("/ru/news/"+itoa(int(id))+"-"+ru.Slug).body, "Эта статья снята с публикации") {
		t.Error("the Russian 410 page is not in Russian")
	}
	// Never published: still not found.
	s.get("/en/news/"+itoa(int(s.ids["draft"]))+"-secret").want(t, http.StatusNotFound, "a draft")
}

// TestWorkflowNotesOnDashboardAndHistory: an author submits with a note
// and takes the story back; the editor's note sending it back shows on the
// author's dashboard, and every note stays in the history.
func TestWorkflowNotesOnDashboardAndHistory(t *testing.T) {
	s := newSite(t)
	_, author := s.storyLogin("amal", khabar.RoleAuthor)
	_, ed := s.storyLogin("nadia", khabar.RoleEditor)
	id := storyCreated(t, author.do("POST", "/admin/stories/new", url.Values{"lang": {"ru"}, "title": {"Городской бюджет"}, "body": {"<p>Текст.</p>"}}))
	page := author.do("GET", storyPath(id, "ru"), nil).want(t, 200, "the author's editor")
	author.do("POST", storyPath(id, "ru"), url.Values{"title": {"Городской бюджет"}, "body": {"<p>Текст.</p>"}, "base_revision": {storyBase(t, page)},
		"do": {"review"}, "note": {"Проверьте, пожалуйста, цифры во втором абзаце."}}).want(t, http.StatusSeeOther, "submitting with a note")
	dash := ed.do("GET", "/admin/", nil).want(t, 200, "the editor's dashboard")
	if !strings.Contains(between(dash.body, "Waiting for review", "</section>"), "Проверьте, пожалуйста, цифры во втором абзаце.") {
		t.Error("the dashboard's in-review list does not show the author's note")
	}
	// The author takes it back: the button says so.
	page = author.do("GET", storyPath(id, "ru"), nil).want(t, 200, "the author's editor in review")
	if !strings.Contains(page.body, `value="draft">Take back to draft</button>`) {
		t.Fatal("the author of a submitted story has no Take back button")
	}
	author.do("POST", storyPath(id, "ru"), url.Values{"title": {"Городской бюджет"}, "body": {"<p>Текст.</p>"}, "base_revision": {storyBase(t, page)},
		"do": {"draft"}}).want(t, http.StatusSeeOther, "taking back")
	if v := s.storyVersion(id, "ru"); v.Status != khabar.StatusDraft {
		t.Fatalf("after taking back: %s", v.Status)
	}
	page = author.do("GET", storyPath(id, "ru"), nil)
	author.do("POST", storyPath(id, "ru"), url.Values{"title": {"Городской бюджет"}, "body": {"<p>Текст.</p>"}, "base_revision": {storyBase(t, page)},
		"do": {"review"}}).want(t, http.StatusSeeOther, "submitting again")
	page = ed.do("GET", storyPath(id, "ru"), nil)
	ed.do("POST", storyPath(id, "ru"), url.Values{"title": {"Городской бюджет"}, "body": {"<p>Текст.</p>"}, "base_revision": {storyBase(t, page)},
		"do": {"draft"}, "note": {"Нужен второй источник."}}).want(t, http.StatusSeeOther, "sending back with a note")
	dash = author.do("GET", "/admin/", nil).want(t, 200, "the author's dashboard")
	if mine := between(dash.body, "My drafts", "</section>"); !strings.Contains(mine, "Нужен второй источник.") || !strings.Contains(mine, "Note from nadia:") {
		t.Errorf("the author's drafts do not show the editor's note:\n%s", mine)
	}
	revs := author.do("GET", storyPath(id, "ru")+"/revisions", nil).want(t, 200, "the history")
	for _, want := range []string{"Проверьте, пожалуйста, цифры во втором абзаце.", "Нужен второй источник."} {
		if !strings.Contains(revs.body, want) {
			t.Errorf("the history lacks the note %q", want)
		}
	}
}

// TestRescheduleWithoutLeavingTheSchedule: a scheduled version gets a new
// time from its editor in one step, and stays scheduled.
func TestRescheduleWithoutLeavingTheSchedule(t *testing.T) {
	s := newSite(t)
	_, ed := s.storyLogin("nadia", khabar.RoleEditor)
	id := storyCreated(t, ed.do("POST", "/admin/stories/new", url.Values{"lang": {"en"}, "title": {"Embargoed"}, "body": {"<p>Text.</p>"}}))
	page := ed.do("GET", storyPath(id, "en"), nil)
	ed.do("POST", storyPath(id, "en"), url.Values{"title": {"Embargoed"}, "body": {"<p>Text.</p>"}, "base_revision": {storyBase(t, page)},
		"do": {"schedule"}, "publish_at": {"2099-01-01T09:00"}}).want(t, http.StatusSeeOther, "scheduling")
	page = ed.do("GET", storyPath(id, "en"), nil)
	if !strings.Contains(page.body, `value="schedule">Reschedule</button>`) {
		t.Fatal("a scheduled version has no Reschedule button")
	}
	ed.do("POST", storyPath(id, "en"), url.Values{"title": {"Embargoed"}, "body": {"<p>Text.</p>"}, "base_revision": {storyBase(t, page)},
		"do": {"schedule"}, "publish_at": {"2099-01-02T10:30"}}).want(t, http.StatusSeeOther, "rescheduling")
	v := s.storyVersion(id, "en")
	if v.Status != khabar.StatusScheduled || v.PublishedAt.UTC().Format("2006-01-02 15:04") != "2099-01-02 10:30" {
		t.Fatalf("after rescheduling: %s at %v", v.Status, v.PublishedAt)
	}
}

// TestScheduledUnpublishFromEditor: the editor sets a time to take a
// published version down; the scheduler does it then.
func TestScheduledUnpublishFromEditor(t *testing.T) {
	s := newSite(t)
	id := s.ids["column"]
	_, ed := s.storyLogin("nadia", khabar.RoleEditor)
	v := s.storyVersion(id, "ar")
	page := ed.do("GET", storyPath(id, "ar"), nil)
	if !strings.Contains(page.body, `name="expire_at"`) {
		t.Fatal("the editor offers no time to unpublish")
	}
	form := url.Values{"title": {v.Title}, "body": {v.Body}, "base_revision": {storyBase(t, page)}, "expire_field": {"1"}, "expire_at": {"2001-01-01T10:00"}}
	ed.do("POST", storyPath(id, "ar"), form).want(t, http.StatusBadRequest, "an expiry gone by")
	form.Set("expire_at", "2099-06-01T12:00")
	ed.do("POST", storyPath(id, "ar"), form).want(t, http.StatusSeeOther, "setting the expiry")
	if got := s.storyVersion(id, "ar"); got.ExpiresAt.UTC().Format("2006-01-02 15:04") != "2099-06-01 12:00" || got.Status != khabar.StatusPublished {
		t.Fatalf("after setting the expiry: %s, expires %v", got.Status, got.ExpiresAt)
	}
	page = ed.do("GET", storyPath(id, "ar"), nil)
	if !strings.Contains(page.body, `value="2099-06-01T12:00"`) {
		t.Error("the editor does not show the expiry set")
	}
}

// TestTranslatorsPublishTheirUpdatesWhereAllowed: by default a
// translator's update of a live translation waits for an editor; once the
// site allows it, the translator publishes it, after confirming.
func TestTranslatorsPublishTheirUpdatesWhereAllowed(t *testing.T) {
	s := newSite(t)
	id := s.ids["summit"]
	_, tr := s.storyLogin("olga", khabar.RoleTranslator, "ru")
	_, admin := s.storyLogin("root", khabar.RoleAdmin)
	page := tr.do("GET", storyPath(id, "ru"), nil).want(t, 200, "the translator's editor")
	ru := s.storyVersion(id, "ru")
	tr.do("POST", storyPath(id, "ru"), url.Values{"title": {ru.Title}, "body": {"<p>Текст о саммите, уточнённый.</p>"}, "base_revision": {storyBase(t, page)}}).
		want(t, http.StatusSeeOther, "the translator saves an update")
	page = tr.do("GET", storyPath(id, "ru"), nil).want(t, 200, "the translator's editor with the update")
	if strings.Contains(page.body, `value="publish_update"`) {
		t.Fatal("a translator may publish their update though the site does not allow it")
	}
	form := settingsForm("Dialogue Group", "UTC")
	form.Set("translators_publish", "1")
	admin.do("POST", "/admin/settings", form).want(t, http.StatusSeeOther, "allowing translators to publish")
	page = tr.do("GET", storyPath(id, "ru"), nil).want(t, 200, "the translator's editor, allowed")
	if !strings.Contains(page.body, `value="publish_update"`) {
		t.Fatal("the translator has no Publish the update button where the site allows it")
	}
	tr.do("POST", storyPath(id, "ru"), url.Values{"title": {ru.Title}, "body": {"<p>Текст о саммите, уточнённый.</p>"}, "base_revision": {storyBase(t, page)},
		"do": {"publish_update"}, "confirmed": {"1"}}).want(t, http.StatusSeeOther, "the translator publishes the update")
	if v := s.storyVersion(id, "ru"); v.PendingRevision != 0 || !strings.Contains(v.Body, "уточнённый") {
		t.Fatalf("after the translator published the update: %+v", v)
	}
}

// TestCaptionOnlyInItsLanguage: an image captioned in Arabic only shows no
// caption on the Russian page rather than the Arabic one; once the
// translator writes the Russian caption, the Russian page shows it.
func TestCaptionOnlyInItsLanguage(t *testing.T) {
	s := newSite(t)
	id := s.ids["summit"]
	m, err := s.store.Media(t.Context(), s.storyLead(id))
	s.must(err)
	m.Caption = khabar.Text{"ar": "قاعة القمة"}
	s.must(s.store.UpdateMediaTexts(t.Context(), m))
	ru := "/ru/news/" + itoa(int(id)) + "-" + s.storyVersion(id, "ru").Slug
	if page := s.page(ru); strings.Contains(page.body, "قاعة القمة") {
		t.Fatal("the Russian page shows the Arabic caption")
	}
	_, tr := s.storyLogin("olga", khabar.RoleTranslator, "ru")
	tr.do("POST", storyPath(id, "ru")+"/media/"+itoa(int(m.ID)), url.Values{"caption": {"Зал саммита"},
		"credit": {"Официальный сайт президента России"}, "alt": {"Круглый стол"}}).want(t, http.StatusSeeOther, "the translator's caption")
	if page := s.page(ru); !strings.Contains(page.body, `<span class="caption">Зал саммита</span>`) {
		t.Fatal("the Russian page does not show the Russian caption")
	}
}

// TestRestoreOfLiveVersionAsksFirst: restoring an earlier revision of a
// published version changes the live article only once the editor has
// said yes; the question names the version, and the live page is unchanged
// until then.
func TestRestoreOfLiveVersionAsksFirst(t *testing.T) {
	s := newSite(t)
	id := s.ids["summit"]
	_, ed := s.storyLogin("nadia", khabar.RoleEditor)
	was := s.storyVersion(id, "ru")
	page := ed.do("GET", storyPath(id, "ru"), nil)
	ed.do("POST", storyPath(id, "ru"), url.Values{"title": {"Путин проведёт большой саммит"}, "summary": {was.Summary}, "body": {was.Body},
		"base_revision": {storyBase(t, page)}, "confirmed": {"1"}}).want(t, http.StatusSeeOther, "a new headline, live")
	now := s.storyVersion(id, "ru")
	article := "/ru/news/" + itoa(int(id)) + "-" + now.Slug
	restore := url.Values{"number": {itoa(int(was.Revision))}, "base_revision": {itoa(int(now.Revision))}}
	ask := ed.do("POST", storyPath(id, "ru")+"/restore", restore).want(t, http.StatusOK, "restoring without a yes")
	if !strings.Contains(ask.body, `name="confirmed"`) || !strings.Contains(ask.body, "Путин проведёт большой саммит") {
		t.Fatalf("the restore does not ask first, naming the live version:\n%.2000s", between(ask.body, "<main", "</main>"))
	}
	if v := s.storyVersion(id, "ru"); v.Revision != now.Revision || !strings.Contains(s.get(article).body, "большой саммит") {
		t.Fatal("an unconfirmed restore changed the version or the live page")
	}
	restore.Set("confirmed", "1")
	ed.do("POST", storyPath(id, "ru")+"/restore", restore).want(t, http.StatusSeeOther, "restoring with a yes")
	if v := s.storyVersion(id, "ru"); v.Title != was.Title || v.Status != khabar.StatusPublished {
		t.Fatalf("after the confirmed restore: %q, %s", v.Title, v.Status)
	}
	if strings.Contains(s.get("/ru/news/"+itoa(int(id))+"-"+s.storyVersion(id, "ru").Slug).body, "большой саммит") {
		t.Error("the live article still shows the headline restored away")
	}
}

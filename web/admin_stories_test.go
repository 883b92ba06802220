package web_test

import (
	"context"
	"encoding/json"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/khabarnews/khabar"
)

// wordPaste is the body of a story as a word processor puts it on the
// clipboard: classes and styles, Office tags, and a spacer paragraph.
const wordPaste = `<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><style>p.MsoNormal{margin:0}</style></head><body>` +
	`<p class="MsoNormal" dir="RTL" style="text-align:right"><span lang="AR-SA" style="font-family:'Simplified Arabic'">استقبل بوتين في الكرملِين وفداً من Kazan.</span><o:p></o:p></p>` +
	`<p>&nbsp;</p>` +
	`<p class="MsoNormal"><b><span style="font-size:14pt">القمم كـ تقليد</span></b></p>` +
	`<!--[if !supportLists]--><p class="MsoListParagraph">وقالت وكالة ТАСС إن القمة ستضم 11 دولة.</p></body></html>`

// storyLogin makes a newsroom user and a browser signed in as them.
func (s *site) storyLogin(login string, role khabar.Role, langs ...string) (*khabar.User, *browser) {
	s.t.Helper()
	u := s.newsroomUser(login, role, langs...)
	b := s.browser()
	if r := b.login(login, "correct horse battery"); r.status != http.StatusSeeOther {
		s.t.Fatalf("login %s = %d", login, r.status)
	}
	return u, b
}

// want fails the test unless the response has the status.
func (r response) want(t *testing.T, status int, what string) response {
	t.Helper()
	if r.status != status {
		t.Fatalf("%s = %d, want %d\n%.2000s", what, r.status, status, r.body)
	}
	return r
}

var storyBaseRe = regexp.MustCompile(`name="base_revision" class="js-base" value="(\d+)"`)

// storyBase is the base revision an editor page carries.
func storyBase(t *testing.T, r response) string {
	t.Helper()
	m := storyBaseRe.FindStringSubmatch(r.body)
	if m == nil {
		t.Fatalf("no base revision in the page\n%.1500s", r.body)
	}
	return m[1]
}

var storyIDRe = regexp.MustCompile(`^/admin/stories/(\d+)/([a-z]+)\?done=`)

// storyCreated reads the new story's id from the redirect after creating it.
func storyCreated(t *testing.T, r response) int64 {
	t.Helper()
	m := storyIDRe.FindStringSubmatch(r.header.Get("Location"))
	if r.status != http.StatusSeeOther || m == nil {
		t.Fatalf("creating a story = %d %q\n%.2000s", r.status, r.header.Get("Location"), r.body)
	}
	id, _ := strconv.ParseInt(m[1], 10, 64)
	return id
}

func (s *site) storyVersion(id int64, lang string) khabar.Version {
	s.t.Helper()
	vs, err := s.store.Versions(context.Background(), id)
	s.must(err)
	for _, v := range vs {
		if v.Lang == lang {
			return v
		}
	}
	s.t.Fatalf("story %d has no %s version", id, lang)
	return khabar.Version{}
}

func storyPath(id int64, lang string) string {
	return "/admin/stories/" + strconv.FormatInt(id, 10) + "/" + lang
}

// noInlineCode checks a newsroom page against its CSP: no inline script,
// style or event handler, which the browser would refuse anyway.
func noInlineCode(t *testing.T, page string) {
	t.Helper()
	for _, bad := range []*regexp.Regexp{regexp.MustCompile(`<script>`), regexp.MustCompile(`<script(?:\s[^>]*)?>[^<]`),
		regexp.MustCompile(`\sstyle="`), regexp.MustCompile(`<style`), regexp.MustCompile(`\son[a-z]+="`)} {
		if loc := bad.FindStringIndex(page); loc != nil {
			t.Errorf("inline code in a newsroom page: %q", page[max(0, loc[0]-60):min(len(page), loc[1]+60)])
		}
	}
}

func TestStoryAuthorWritesEditorPublishes(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	_, author := s.storyLogin("amal", khabar.RoleAuthor)
	_, editor := s.storyLogin("nadia", khabar.RoleEditor)
	sections, _ := s.store.Sections(ctx)
	tags, _ := s.store.Tags(ctx)

	page := author.do("GET", "/admin/stories/new?lang=ar", nil).want(t, 200, "new story page")
	noInlineCode(t, page.body)
	if !strings.Contains(page.body, `<textarea id="body" name="body"`) || !strings.Contains(page.body, `dir="rtl"`) {
		t.Fatal("the new-story form has no body textarea, or it is not right-to-left for Arabic")
	}
	// The tags suggested from the text: بوتين (the tag Putin) is in the title.
	title := "بوتين يستقبل وفداً في الكرملين"
	r := author.do("POST", "/admin/stories/new", url.Values{"lang": {"ar"}, "title": {title}, "summary": {"لقاء في موسكو."},
		"body": {wordPaste}, "section": {strconv.FormatInt(sections[0].ID, 10)}, "story_fields": {"1"}})
	id := storyCreated(t, r)
	v := s.storyVersion(id, "ar")
	for _, bad := range []string{"Mso", "o:p", "style", "\u00a0", "<p></p>", "font-family", "<span"} {
		if strings.Contains(v.Body, bad) {
			t.Errorf("the stored body still has %q: %s", bad, v.Body)
		}
	}
	if !strings.Contains(v.Body, "الكرملِين") || !strings.Contains(v.Body, "<strong>القمم كـ تقليد</strong>") || !strings.Contains(v.Body, "ТАСС") {
		t.Errorf("the stored body lost text or emphasis: %s", v.Body)
	}
	if v.Status != khabar.StatusDraft || v.Slug == "" {
		t.Fatalf("new version = %+v", v)
	}

	// The list shows it, with its language, status and section.
	list := author.do("GET", "/admin/stories?lang=ar&status=draft", nil).want(t, 200, "story list")
	row := storyRowOf(t, list.body, id, "ar")
	for _, want := range []string{title, `class="lang-badge"`, "status-draft", "Politics", "amal"} {
		if !strings.Contains(row, want) {
			t.Errorf("the list row lacks %q:\n%s", want, row)
		}
	}
	if !strings.Contains(list.body, `href="/admin/stories/new"`) {
		t.Error("an author sees no New story button")
	}

	// The author may submit but not publish: no button, and a forged POST is refused.
	ed := author.do("GET", storyPath(id, "ar"), nil).want(t, 200, "editor")
	noInlineCode(t, ed.body)
	if strings.Contains(ed.body, `value="publish"`) || strings.Contains(ed.body, `value="schedule"`) || !strings.Contains(ed.body, `value="review"`) {
		t.Fatal("the author's workflow buttons are wrong")
	}
	if !strings.Contains(ed.body, `<label class="chip"><input type="checkbox" name="tags" value="`+strconv.FormatInt(tags[0].ID, 10)+`">`) {
		t.Error("the Putin tag is not suggested from a title that names بوتين")
	}
	base := storyBase(t, ed)
	form := url.Values{"title": {title}, "summary": {"لقاء في موسكو."}, "body": {v.Body}, "base_revision": {base}}
	form.Set("do", "publish")
	author.do("POST", storyPath(id, "ar"), form).want(t, http.StatusForbidden, "an author's forged publish")
	if got := s.storyVersion(id, "ar"); got.Status != khabar.StatusDraft || strconv.FormatInt(got.Revision, 10) != base {
		t.Fatalf("a refused publish changed the version: %+v", got)
	}
	form.Set("do", "review")
	r = author.do("POST", storyPath(id, "ar"), form)
	if r.status != http.StatusSeeOther || !strings.Contains(r.header.Get("Location"), "done=story_review") {
		t.Fatalf("submit for review = %d %q\n%.1500s", r.status, r.header.Get("Location"), r.body)
	}
	if got := s.storyVersion(id, "ar"); got.Status != khabar.StatusReview {
		t.Fatalf("after submitting: %s", got.Status)
	}

	// The editor publishes it; it is on the site at its permalink.
	ed = editor.do("GET", storyPath(id, "ar"), nil).want(t, 200, "editor for the editor")
	if !strings.Contains(ed.body, `value="publish"`) || !strings.Contains(ed.body, `value="schedule"`) {
		t.Fatal("the editor has no publish or schedule button")
	}
	public := "/ar/news/" + strconv.FormatInt(id, 10) + "-" + url.PathEscape(v.Slug)
	s.get(public).want(t, http.StatusNotFound, "the public page before publishing")
	form.Set("base_revision", storyBase(t, ed))
	form.Set("do", "publish")
	r = editor.do("POST", storyPath(id, "ar"), form).want(t, http.StatusSeeOther, "publish")
	if got := s.storyVersion(id, "ar"); got.Status != khabar.StatusPublished {
		t.Fatalf("after publishing: %s", got.Status)
	}
	page = s.get(public).want(t, 200, "the published article")
	if !strings.Contains(page.body, title) || !strings.Contains(page.body, "القمم كـ تقليد") {
		t.Error("the public page does not show the story")
	}
	// The editor page names the outcome in the notice; a live version is
	// saved by hand only.
	ed = editor.do("GET", r.header.Get("Location"), nil)
	if !strings.Contains(ed.body, "Published. It is on the site now.") {
		t.Error("no notice after publishing")
	}
	if strings.Contains(ed.body, "data-autosave=") || !strings.Contains(ed.body, "nothing is saved automatically") {
		t.Error("a published version is autosaved")
	}
}

// storyRowOf returns the list's table row of one version.
func storyRowOf(t *testing.T, page string, id int64, lang string) string {
	t.Helper()
	href := `href="` + storyPath(id, lang) + `"`
	i := strings.Index(page, href)
	if i < 0 {
		t.Fatalf("the list has no row for story %d/%s", id, lang)
	}
	start := strings.LastIndex(page[:i], "<tr>")
	end := strings.Index(page[i:], "</tr>")
	return page[start : i+end]
}

func TestStoryTranslation(t *testing.T) {
	s := newSite(t)
	id := s.ids["column"] // Arabic only
	_, tr := s.storyLogin("layla", khabar.RoleTranslator, "ru")
	_, editor := s.storyLogin("nadia", khabar.RoleEditor)

	if list := tr.do("GET", "/admin/stories", nil); strings.Contains(list.body, `href="/admin/stories/new"`) {
		t.Error("a translator sees the New story button")
	}
	// The translator sees the Arabic original, may translate into Russian only.
	ed := tr.do("GET", storyPath(id, "ar"), nil).want(t, 200, "the original for a translator")
	if !strings.Contains(ed.body, "Translate into Russian") || strings.Contains(ed.body, "Translate into English") {
		t.Fatal("the translator's translate buttons are wrong")
	}
	if strings.Contains(ed.body, `value="review"`) || !strings.Contains(ed.body, "You can read this version but not change it.") {
		t.Error("a translator may change the original?")
	}
	tr.do("POST", "/admin/stories/"+strconv.FormatInt(id, 10)+"/translations", url.Values{"to": {"en"}}).want(t, http.StatusForbidden, "translating into a language not assigned")
	r := tr.do("POST", "/admin/stories/"+strconv.FormatInt(id, 10)+"/translations", url.Values{"to": {"ru"}}).want(t, http.StatusSeeOther, "start translation")
	if loc := r.header.Get("Location"); !strings.HasPrefix(loc, storyPath(id, "ru")) {
		t.Fatalf("start translation went to %q", loc)
	}

	// The editor of the translation shows the original beside it.
	ed = tr.do("GET", storyPath(id, "ru"), nil).want(t, 200, "the translation's editor")
	noInlineCode(t, ed.body)
	orig := between(ed.body, `<aside class="panel original"`, `</aside>`)
	if !strings.Contains(orig, `lang="ar" dir="rtl"`) || !strings.Contains(orig, "عمود: الاقتصاد في 2024") || !strings.Contains(orig, "نص العمود.") {
		t.Fatalf("the original is not beside the translation:\n%s", orig)
	}
	if !strings.Contains(ed.body, `class="editor-layout with-original"`) || !strings.Contains(ed.body, `<textarea id="body" name="body" rows="22" class="body-source" lang="ru" dir="ltr"`) {
		t.Error("the translation's form is not in Russian beside the original")
	}
	if strings.Contains(ed.body, `value="publish"`) {
		t.Error("a translator has a publish button")
	}
	form := url.Values{"title": {"Колонка: экономика в 2024 году"}, "body": {"<p>Текст колонки.</p>"}, "base_revision": {storyBase(t, ed)}}
	tr.do("POST", storyPath(id, "ru"), form).want(t, http.StatusSeeOther, "saving the translation")
	ru := s.storyVersion(id, "ru")
	if ru.Title != "Колонка: экономика в 2024 году" || ru.Slug != "колонка-экономика-в-2024-году" {
		t.Fatalf("saved translation = %+v", ru)
	}
	form.Set("base_revision", strconv.FormatInt(ru.Revision, 10))
	form.Set("do", "publish")
	tr.do("POST", storyPath(id, "ru"), form).want(t, http.StatusForbidden, "a translator's publish")

	// The original changes: the Russian version is flagged outdated.
	ar := editor.do("GET", storyPath(id, "ar"), nil).want(t, 200, "the original for the editor")
	editor.do("POST", storyPath(id, "ar"), url.Values{"title": {"عمود: الاقتصاد في 2024"}, "body": {"<p>نص العمود.</p><p>فقرة جديدة عن النفط.</p>"},
		"base_revision": {storyBase(t, ar)}}).want(t, http.StatusSeeOther, "changing the original")
	list := tr.do("GET", "/admin/stories?lang=ru", nil).want(t, 200, "the list")
	if row := storyRowOf(t, list.body, id, "ru"); !strings.Contains(row, `<span class="flag">outdated</span>`) {
		t.Fatalf("the list does not flag the outdated translation:\n%s", row)
	}
	gaps := tr.do("GET", "/admin/translations", nil).want(t, 200, "the translations page")
	ruGaps := between(gaps.body, `id="gaps-ru"`, `</section>`)
	if !strings.Contains(ruGaps, `/admin/stories/`+strconv.FormatInt(id, 10)+`/ru"`) || !strings.Contains(ruGaps, "outdated") {
		t.Fatalf("the translations page does not list the outdated Russian version:\n%s", ruGaps)
	}
	ed = tr.do("GET", storyPath(id, "ru"), nil).want(t, 200, "the outdated translation")
	banner := between(ed.body, `<section class="panel outdated"`, `</section>`)
	if !strings.Contains(banner, "<ins>") || !strings.Contains(banner, "فقرة جديدة عن النفط") || !strings.Contains(banner, "Mark as up to date") {
		t.Fatalf("no outdated banner with what changed in the original:\n%s", banner)
	}
	tr.do("POST", storyPath(id, "ru")+"/confirm", url.Values{"base_revision": {storyBase(t, ed)}}).want(t, http.StatusSeeOther, "mark as up to date")
	list = tr.do("GET", "/admin/stories?lang=ru", nil)
	if row := storyRowOf(t, list.body, id, "ru"); strings.Contains(row, `class="flag"`) {
		t.Fatalf("still outdated after confirming:\n%s", row)
	}
	gaps = tr.do("GET", "/admin/translations", nil)
	if ruGaps := between(gaps.body, `id="gaps-ru"`, `</section>`); strings.Contains(ruGaps, `/admin/stories/`+strconv.FormatInt(id, 10)+`/ru"`) {
		t.Fatal("the confirmed translation is still a gap")
	}
	if ed := tr.do("GET", storyPath(id, "ru"), nil); strings.Contains(ed.body, `class="panel outdated"`) {
		t.Fatal("the banner is still there after confirming")
	}
}

// between returns the part of s from the first start up to the next end.
func between(s, start, end string) string {
	i := strings.Index(s, start)
	if i < 0 {
		return ""
	}
	j := strings.Index(s[i:], end)
	if j < 0 {
		return s[i:]
	}
	return s[i : i+j]
}

func TestStoryConflictKeepsBothTexts(t *testing.T) {
	s := newSite(t)
	id := s.ids["draft"]
	_, anna := s.storyLogin("anna", khabar.RoleEditor)
	_, boris := s.storyLogin("boris", khabar.RoleAdmin)
	a := anna.do("GET", storyPath(id, "en"), nil).want(t, 200, "anna opens")
	b := boris.do("GET", storyPath(id, "en"), nil).want(t, 200, "boris opens")
	anna.do("POST", storyPath(id, "en"), url.Values{"title": {"Anna's headline"}, "summary": {"Anna's summary"},
		"body": {"<p>Anna wrote this paragraph.</p>"}, "base_revision": {storyBase(t, a)}}).want(t, http.StatusSeeOther, "anna saves")
	r := boris.do("POST", storyPath(id, "en"), url.Values{"title": {"Boris's headline"}, "summary": {"Boris's summary"},
		"body": {"<p>Boris wrote another paragraph.</p>"}, "base_revision": {storyBase(t, b)}}).want(t, http.StatusConflict, "boris saves")
	noInlineCode(t, r.body)
	for _, want := range []string{"Anna&#39;s headline", "Anna&#39;s summary", "Anna wrote this paragraph.",
		"Boris&#39;s headline", "Boris&#39;s summary", "Boris wrote another paragraph.", "<del>", "<ins>", "Someone else saved this story"} {
		if !strings.Contains(r.body, want) {
			t.Errorf("the conflict page lacks %q", want)
		}
	}
	if got := s.storyVersion(id, "en"); got.Title != "Anna's headline" {
		t.Fatalf("the refused save overwrote: %+v", got)
	}
	// Boris re-applies his text on top of Anna's revision.
	form := url.Values{}
	for _, m := range regexp.MustCompile(`<input type="hidden" name="([a-z_]+)" value="([^"]*)">`).FindAllStringSubmatch(between(r.body, `class="conflict-apply"`, `</form>`), -1) {
		form.Add(m[1], html.UnescapeString(m[2]))
	}
	if form.Get("body") != "<p>Boris wrote another paragraph.</p>" {
		t.Fatalf("the re-apply form does not carry Boris's body: %v", form)
	}
	boris.do("POST", storyPath(id, "en"), form).want(t, http.StatusSeeOther, "boris re-applies")
	revs := boris.do("GET", storyPath(id, "en")+"/revisions", nil).want(t, 200, "revisions")
	noInlineCode(t, revs.body)
	if !strings.Contains(revs.body, "Anna&#39;s headline") || !strings.Contains(revs.body, "Boris&#39;s headline") || !strings.Contains(revs.body, "Secret draft") {
		t.Fatal("the revisions do not have every text")
	}
}

func TestStoryRevisionsCompareRestore(t *testing.T) {
	s := newSite(t)
	_, ed := s.storyLogin("nadia", khabar.RoleEditor)
	id := storyCreated(t, ed.do("POST", "/admin/stories/new", url.Values{"lang": {"ar"}, "title": {"قمة في قازان"}, "body": {"<p>الفقرة الأولى.</p>"}}))
	page := ed.do("GET", storyPath(id, "ar"), nil)
	ed.do("POST", storyPath(id, "ar"), url.Values{"title": {"قمة غير رسمية في قازان"}, "body": {"<p>الفقرة الأولى المعدلة.</p><p>فقرة ثانية.</p>"},
		"base_revision": {storyBase(t, page)}}).want(t, http.StatusSeeOther, "second save")
	cmp := ed.do("GET", storyPath(id, "ar")+"/revisions?a=2&b=1", nil).want(t, 200, "compare")
	diff := between(cmp.body, `<div class="diff" lang="ar" dir="rtl">`, `</section>`)
	if !strings.Contains(diff, "<ins>غير رسمية </ins>") && !strings.Contains(diff, "<ins>غير رسمية</ins>") {
		t.Errorf("the title diff does not show the inserted words:\n%s", diff)
	}
	if !strings.Contains(diff, "<ins>فقرة ثانية.</ins>") || !strings.Contains(diff, "<ins>") {
		t.Errorf("the body diff does not show the new paragraph:\n%s", diff)
	}
	if !strings.Contains(cmp.body, "Revision 1 compared with revision 2") {
		t.Error("the comparison does not read from the older to the newer revision")
	}
	ed.do("POST", storyPath(id, "ar")+"/restore", url.Values{"number": {"1"}, "base_revision": {"2"}}).want(t, http.StatusSeeOther, "restore")
	v := s.storyVersion(id, "ar")
	revs, _ := s.store.Revisions(context.Background(), id, "ar")
	if v.Title != "قمة في قازان" || v.Revision != 3 || len(revs) != 3 || revs[1].Title != "قمة غير رسمية في قازان" {
		t.Fatalf("after restoring: %+v, %d revisions", v, len(revs))
	}
	ed.do("POST", storyPath(id, "ar")+"/restore", url.Values{"number": {"2"}, "base_revision": {"2"}}).want(t, http.StatusConflict, "a stale restore")
}

func TestStoryPreview(t *testing.T) {
	s := newSite(t)
	_, author := s.storyLogin("amal", khabar.RoleAuthor)
	id := storyCreated(t, author.do("POST", "/admin/stories/new", url.Values{"lang": {"ru"}, "title": {"Черновик о саммите"},
		"summary": {"Пока не для читателей."}, "body": {"<p>Текст черновика.</p>"}}))
	v := s.storyVersion(id, "ru")
	p := author.do("GET", storyPath(id, "ru")+"/preview", nil).want(t, 200, "preview")
	for _, want := range []string{`class="preview-banner`, "Preview", "Черновик о саммите", "Текст черновика.", `<html lang="ru" dir="ltr">`, `class="story-body"`} {
		if !strings.Contains(p.body, want) {
			t.Errorf("the preview lacks %q", want)
		}
	}
	if csp := p.header.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'none'") {
		t.Errorf("the preview's CSP = %q, want the public one", csp)
	}
	if cc := p.header.Get("Cache-Control"); cc != "no-store" {
		t.Errorf("the preview may be cached: %q", cc)
	}
	public := "/ru/news/" + strconv.FormatInt(id, 10) + "-" + url.PathEscape(v.Slug)
	s.get(public).want(t, http.StatusNotFound, "a draft's public URL for a reader")
	s.get(storyPath(id, "ru")+"/preview").want(t, http.StatusSeeOther, "the preview signed out")
}

func TestStoryCleanAndAutosave(t *testing.T) {
	s := newSite(t)
	_, ed := s.storyLogin("nadia", khabar.RoleEditor)
	r := ed.do("POST", "/admin/clean", url.Values{"html": {wordPaste}}).want(t, 200, "clean")
	if strings.Contains(r.body, "Mso") || strings.Contains(r.body, "o:p") || strings.Contains(r.body, "style") || strings.Contains(r.body, "&nbsp;") ||
		!strings.Contains(r.body, ">استقبل بوتين في الكرملِين وفداً من Kazan.</p>") {
		t.Fatalf("cleaned paste = %s", r.body)
	}
	ed.do("POST", "/admin/clean", url.Values{"html": {"<p>\xff</p>"}}).want(t, http.StatusBadRequest, "cleaning invalid UTF-8")

	id := s.ids["draft"]
	page := ed.do("GET", storyPath(id, "en"), nil)
	if !strings.Contains(page.body, `data-autosave="`+storyPath(id, "en")+`/autosave"`) {
		t.Fatal("the editor does not tell editor.js where to autosave")
	}
	base := storyBase(t, page)
	form := url.Values{"title": {"Secret draft, autosaved"}, "body": {"<p>Typed so far.</p>"}, "base_revision": {base}}
	r = ed.do("POST", storyPath(id, "en")+"/autosave", form).want(t, 200, "autosave")
	var got struct {
		Revision int64
		Saved    string
	}
	if err := json.Unmarshal([]byte(r.body), &got); err != nil || strconv.FormatInt(got.Revision-1, 10) != base || got.Saved == "" {
		t.Fatalf("autosave answered %s (%v)", r.body, err)
	}
	// The same form again, with the revision it was based on: stale.
	r = ed.do("POST", storyPath(id, "en")+"/autosave", form).want(t, http.StatusConflict, "a stale autosave")
	var bad struct{ Error, Code string }
	if err := json.Unmarshal([]byte(r.body), &bad); err != nil || bad.Code != "conflict" || bad.Error == "" {
		t.Fatalf("stale autosave answered %s", r.body)
	}
	// An unchanged form based on the new revision saves nothing new.
	form.Set("base_revision", strconv.FormatInt(got.Revision, 10))
	ed.do("POST", storyPath(id, "en")+"/autosave", form).want(t, 200, "an unchanged autosave")
	if v := s.storyVersion(id, "en"); v.Revision != got.Revision || v.Title != "Secret draft, autosaved" {
		t.Fatalf("after an unchanged autosave: %+v", v)
	}

	// A new story's first autosave creates it and says where it lives.
	r = ed.do("POST", "/admin/stories/new/autosave", url.Values{"lang": {"en"}, "title": {"Started and autosaved"}, "body": {"<p>x</p>"}}).want(t, 200, "first autosave")
	var first struct {
		Revision         int64
		Editor, Autosave string
	}
	if err := json.Unmarshal([]byte(r.body), &first); err != nil || first.Revision != 1 || !strings.HasSuffix(first.Autosave, "/en/autosave") {
		t.Fatalf("first autosave answered %s", r.body)
	}
	ed.do("GET", first.Editor, nil).want(t, 200, "the autosaved new story")
}

func TestStoryValidationKeepsInput(t *testing.T) {
	s := newSite(t)
	_, ed := s.storyLogin("nadia", khabar.RoleEditor)
	ed.do("POST", "/admin/ui-language", url.Values{"lang": {"ar"}, "next": {"/admin/"}}).want(t, http.StatusSeeOther, "choosing Arabic")
	typed := "<p>نص طويل كتبته المحررة ولا يجوز أن يضيع.</p>"
	r := ed.do("POST", "/admin/stories/new", url.Values{"lang": {"ar"}, "title": {"  "}, "summary": {"ملخص مكتوب"}, "body": {typed}}).
		want(t, http.StatusBadRequest, "a new story without a title")
	for _, want := range []string{html.EscapeString(typed), "ملخص مكتوب", "اكتب عنوان", `aria-invalid="true"`, `<html lang="ar" dir="rtl">`} {
		if !strings.Contains(r.body, want) {
			t.Errorf("the refused form lacks %q", want)
		}
	}
	if n, _ := s.store.CountStories(context.Background()); n != 35 {
		t.Errorf("%d stories after a refused create", n)
	}
	id := s.ids["draft"]
	page := ed.do("GET", storyPath(id, "en"), nil)
	r = ed.do("POST", storyPath(id, "en"), url.Values{"title": {""}, "body": {typed}, "base_revision": {storyBase(t, page)}}).
		want(t, http.StatusBadRequest, "a save without a title")
	if !strings.Contains(r.body, html.EscapeString(typed)) || !strings.Contains(r.body, "اكتب عنوان") {
		t.Error("the refused save lost the typed body or has no Arabic message")
	}
	r = ed.do("POST", storyPath(id, "en"), url.Values{"title": {"Secret draft"}, "body": {typed}, "base_revision": {storyBase(t, page)},
		"do": {"schedule"}, "publish_at": {"2001-01-01T10:00"}}).want(t, http.StatusBadRequest, "scheduling in the past")
	if !strings.Contains(r.body, "يجب أن يكون وقت النشر في المستقبل") || !strings.Contains(r.body, html.EscapeString(typed)) {
		t.Error("scheduling in the past: no message, or the body is lost")
	}
}

func TestStoryListFiltersAndPages(t *testing.T) {
	s := newSite(t)
	_, ed := s.storyLogin("nadia", khabar.RoleEditor)
	all := ed.do("GET", "/admin/stories", nil).want(t, 200, "the list")
	if !strings.Contains(all.body, "35 stories") || !strings.Contains(all.body, `rel="next" href="/admin/stories?page=2"`) {
		t.Fatalf("the list's count or pager is wrong:\n%.3000s", between(all.body, `<p class="count">`, `</table>`))
	}
	// One row per story, with each language's state and publication time;
	// a story's number finds it.
	found := ed.do("GET", "/admin/stories?q="+itoa(int(s.ids["summit"])), nil).want(t, 200, "the list by number")
	summit := between(found.body, `id="title-`+itoa(int(s.ids["summit"]))+`"`, `</tr>`)
	for _, want := range []string{"بوتين يستضيف قمة غير رسمية", `href="/admin/stories/` + itoa(int(s.ids["summit"])) + `/ru"`,
		`lang="ar">ar</span>`, `lang="ru">ru</span>`, "since 26 December 2023"} {
		if !strings.Contains(summit, want) {
			t.Errorf("the summit's row lacks %q:\n%s", want, summit)
		}
	}
	r := ed.do("GET", "/admin/stories?lang=ru&q=%E2%84%9632", nil).want(t, 200, "a search")
	if !strings.Contains(r.body, "Экономическая сводка №32") || !strings.Contains(r.body, "1 story") {
		t.Errorf("searching the titles does not find the one story")
	}
	p3 := ed.do("GET", "/admin/stories?lang=en&page=2", nil).want(t, 200, "page 2")
	if !strings.Contains(p3.body, `href="/admin/stories?lang=en"`) || !strings.Contains(p3.body, "Page 2 of 2") {
		t.Error("the pager does not keep the filters")
	}
}

var storyRevisionRe = regexp.MustCompile(`name="story_revision" value="(\d+)"`)

// TestStorySharedFieldsConflict: two editors change the section of the same
// story; the second is told, nothing of the first is overwritten, and the
// second's choice stays in the form, to be saved knowingly.
func TestStorySharedFieldsConflict(t *testing.T) {
	s := newSite(t)
	id := s.ids["draft"]
	_, anna := s.storyLogin("anna", khabar.RoleEditor)
	_, boris := s.storyLogin("boris", khabar.RoleEditor)
	a := anna.do("GET", storyPath(id, "en"), nil).want(t, 200, "anna opens")
	b := boris.do("GET", storyPath(id, "en"), nil).want(t, 200, "boris opens")
	form := func(page response, section string) url.Values {
		m := storyRevisionRe.FindStringSubmatch(page.body)
		if m == nil {
			t.Fatalf("the editor carries no story revision")
		}
		return url.Values{"title": {"Secret draft"}, "base_revision": {storyBase(t, page)}, "story_fields": {"1"},
			"story_revision": {m[1]}, "section": {section}}
	}
	anna.do("POST", storyPath(id, "en"), form(a, "2")).want(t, http.StatusSeeOther, "anna moves it to economy")
	r := boris.do("POST", storyPath(id, "en"), form(b, "")).want(t, http.StatusConflict, "boris removes the section")
	if !strings.Contains(r.body, "section, tags or image (now revision 2)") {
		t.Errorf("boris is not told why:\n%.3000s", r.body)
	}
	st, err := s.store.Story(t.Context(), id)
	s.must(err)
	if st.SectionID != 2 {
		t.Fatalf("boris's refused change overwrote anna's: section %d", st.SectionID)
	}
	// The page shown again is based on the story as it now is: saving it
	// applies boris's choice over anna's, knowingly.
	boris.do("POST", storyPath(id, "en"), form(r, "")).want(t, http.StatusSeeOther, "boris saves again")
	if st, _ = s.store.Story(t.Context(), id); st.SectionID != 0 {
		t.Fatalf("boris's second save did not apply: section %d", st.SectionID)
	}
}

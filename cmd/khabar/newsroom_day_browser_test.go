package main

import (
	"bytes"
	"context"
	"html"
	"image"
	"image/color"
	"image/jpeg"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// The day's texts. The Arabic original names BRICS (بريكس), a demo tag the
// editor suggests from the text; the pasted paragraph comes from a word
// processor with its styles and a spacer paragraph.
const (
	dayArTitle  = "قادة بريكس يجتمعون في قازان لبحث التجارة"
	dayArTyped  = "يجتمع قادة بريكس في قازان هذا الأسبوع لبحث التجارة بالعملات الوطنية."
	dayArPasted = "وقال مسؤول في الكرملين إن القمة ستناقش"
	dayArPaste  = `<p class="MsoNormal" dir="RTL" style="text-align:right"><span lang="AR-SA" style="font-family:'Simplified Arabic'">` +
		dayArPasted + ` <b>نظام الدفع المشترك</b>.</span><o:p></o:p></p><p class="MsoNormal">&nbsp;</p>`
	dayArAdded  = "وأكدت مصادر دبلوماسية مشاركة إحدى عشرة دولة."
	dayArKarim  = "وصل الوفد المصري مساء الأحد."
	dayArNadia  = "ويُنتظر صدور بيان ختامي يوم الخميس."
	dayNote     = "أرجو التحقق من الأرقام في الفقرة الثانية."
	dayRuTitle  = "Лидеры БРИКС встречаются в Казани, чтобы обсудить торговлю"
	dayRuBody   = "Лидеры БРИКС на этой неделе соберутся в Казани, чтобы обсудить торговлю в национальных валютах."
	dayRuUpdate = "Дипломатические источники подтвердили участие одиннадцати стран."
	dayEnTitle  = "BRICS leaders meet in Kazan to discuss trade"
	dayEnBody   = "BRICS leaders meet in Kazan this week to discuss trade in national currencies."
	dayEnUpdate = "Diplomatic sources confirmed that eleven countries will take part."
	dayFix      = "ذكرت نسخة سابقة أن البيان الختامي يصدر يوم الأربعاء، والصحيح يوم الخميس."
	dayGone     = "سُحب الخبر بانتظار تأكيد رسمي لمكان انعقاد القمة."
	dayPassword = "correct horse battery staple"
)

// TestNewsroomDay is a trilingual newsroom's day in one browser, person by
// person, each in their own session and interface language: the admin
// creates the staff; the Arabic author uploads a photo, writes a story with
// a Word paste and a suggested tag, and submits it with a note; the editor
// reads the note on the dashboard and schedules the story, which the
// scheduler publishes; the Russian and English translators translate it
// and the editor publishes both; the editor changes the original; both
// translators update their live translations, which the editor publishes;
// two editors change the original at once and the second merges; an
// earlier revision is restored after a confirmation; a correction is
// noted; the story is unpublished in every language. After every step the
// test checks that nothing anyone typed is lost: on the site, in the
// editor or in the history.
func TestNewsroomDay(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	exe := browserChromiumPath()
	if exe == "" {
		const msg = "chromium not found: the newsroom's day in a browser is skipped; install Debian's chromium (apt-get install chromium)"
		if os.Getenv("CI") == "true" {
			t.Fatal(msg + " — CI=true, so this is a failure, not a skip")
		}
		t.Log("\n" + strings.Repeat("!", 78) + "\n!!! " + msg + "\n" + strings.Repeat("!", 78))
		t.Skip(msg)
	}
	start := time.Now()
	step := func(what string) { t.Logf("%6s  %s", time.Since(start).Round(10*time.Millisecond), what) }
	shots := browserScreenshotDir(t)
	base, password := newsroomStartDemo(t)
	browser := browserStart(t, exe)
	d := &day{t: t, base: base, shots: shots, browser: browser}

	// ---- The admin creates the staff -----------------------------------------
	admin := d.person("admin", password, "en")
	for _, u := range []struct{ login, role, lang, name string }{
		{"amal", "author", "", "أمل حداد"}, {"nadia", "editor", "", "Nadia Karimova"}, {"karim", "editor", "", "كريم الحداد"},
		{"olga", "translator", "ru", "Ольга Смирнова"}, {"james", "translator", "en", "James Reed"},
	} {
		admin.createUser(u.login, u.role, u.lang, u.name)
	}
	step("the staff created")
	amal := d.person("amal", dayPassword, "ar")
	nadia := d.person("nadia", dayPassword, "en")
	karim := d.person("karim", dayPassword, "ar")
	olga := d.person("olga", dayPassword, "ru")
	james := d.person("james", dayPassword, "en")
	step("everyone signed in, each in their interface language")

	// ---- The author writes, uploads a photo from the editor, takes a tag ------
	amal.load("a new story", chromedp.Navigate(base+"/admin/stories/new?lang=ar"))
	amal.do("writing", chromedp.WaitVisible(chromedp.CSS(`.editor-area`)),
		chromedp.SendKeys(chromedp.CSS(`#title`), dayArTitle),
		chromedp.Click(chromedp.CSS(`.editor-area`)), chromedp.KeyEvent(dayArTyped+"\r"))
	amal.paste(dayArPaste)
	tag := amal.suggestedTag("بريكس")
	if sec := newsroomEval[string](amal.newsroomTab, newsroomChooseJS(`#section`, `o.value !== ""`)); sec == "" {
		t.Fatal("the demo offers no section")
	}
	photo := amal.uploadLead(t, "قاعة القمة في قازان", "تصوير: أحمد سليمان", "قاعة اجتماعات واسعة")
	loc := amal.load("the first save", chromedp.Click(chromedp.CSS(`#story-form button[name=do][value=""]`)))
	m := regexp.MustCompile(`/admin/stories/(\d+)/ar$`).FindStringSubmatch(newsroomPath(t, loc))
	if m == nil {
		t.Fatalf("after the first save the author is at %s", browserShowURL(loc))
	}
	id := m[1]
	d.id = id
	ar := amal.editor()
	d.must(ar.Tags == tag && ar.Lead == photo, "the author's story keeps the tag %s and photo %s: %+v", tag, photo, ar)
	d.must(strings.Contains(ar.Body, dayArTyped) && strings.Contains(ar.Body, dayArPasted) && strings.Contains(ar.Body, "<strong>نظام الدفع المشترك</strong>") &&
		!strings.Contains(ar.Body, "Mso") && !strings.Contains(ar.Body, "font-family"), "the body keeps the typed and pasted text, cleaned: %s", ar.Body)
	amal.shot("day-author-editor-ar.png")
	step("story " + id + " written with a Word paste, a photo uploaded from the editor and a suggested tag")

	// ---- Submitted with a note; the editor schedules it ----------------------
	amal.do("the note", chromedp.SendKeys(chromedp.CSS(`#note`), dayNote))
	amal.load("submitting", chromedp.Click(chromedp.CSS(`#story-form button[name=do][value=review]`)))
	newsroomCheckStatus(t, amal.newsroomTab, "the submitted story", "review")
	nadia.load("the dashboard", chromedp.Navigate(base+"/admin/"))
	d.must(strings.Contains(newsroomEval[string](nadia.newsroomTab, `document.querySelector('.dash-grid').textContent`), dayNote),
		"the editor's dashboard shows the author's note")
	nadia.open("ar")
	at := nadia.scheduleSoon(8 * time.Second)
	newsroomCheckStatus(t, nadia.newsroomTab, "the scheduled story", "scheduled")
	step("submitted with a note, scheduled for " + at)
	arURL := d.waitPublished("ar", 40*time.Second)
	d.mustPublic(arURL, dayArTyped, dayArPasted)
	step("published by the scheduler")

	// ---- Translations --------------------------------------------------------
	olga.translate("ru", dayRuTitle, dayRuBody)
	james.translate("en", dayEnTitle, dayEnBody)
	for _, l := range []string{"ru", "en"} {
		nadia.open(l)
		nadia.confirm("publishing "+l, `#story-form button[name=do][value=publish]`, "")
		newsroomCheckStatus(t, nadia.newsroomTab, "the "+l+" version", "published")
	}
	ruURL, enURL := d.publicURL("ru"), d.publicURL("en")
	d.mustPublic(ruURL, dayRuBody)
	d.mustPublic(enURL, dayEnBody)
	d.must(!strings.Contains(ruURL, "قادة") && !strings.Contains(enURL, "قادة"), "the translations' addresses come from their own titles: %s, %s", ruURL, enURL)
	step("translated into Russian and English, published")

	// ---- The original changes; both translators update -----------------------
	nadia.open("ar")
	nadia.typeAtEnd(dayArAdded)
	nadia.confirm("saving the live original", `#story-form button[name=do][value=""]`, "")
	d.mustPublic(arURL, dayArAdded)
	olga.update("ru", dayRuUpdate)
	james.update("en", dayEnUpdate)
	d.mustNotPublic(ruURL, dayRuUpdate)
	nadia.load("the dashboard", chromedp.Navigate(base+"/admin/"))
	d.must(strings.Count(newsroomEval[string](nadia.newsroomTab, `[...document.querySelectorAll('.dash-grid .panel')].map(p => p.textContent).join('|')`), dayRuTitle) >= 1,
		"the dashboard lists the updates waiting")
	for _, l := range []string{"ru", "en"} {
		nadia.open(l)
		nadia.confirm("publishing the "+l+" update", `#story-form button[name=do][value=publish_update]`, "")
		d.must(!newsroomEval[bool](nadia.newsroomTab, `!!document.querySelector('#outdated-h')`), "the %s version is up to date after its update", l)
	}
	d.mustPublic(ruURL, dayRuBody, dayRuUpdate)
	d.mustPublic(enURL, dayEnBody, dayEnUpdate)
	step("the original changed; both live translations updated and published")

	// ---- Two editors at once ---------------------------------------------------
	karim.open("ar")
	nadia.open("ar")
	karim.typeAtBlockEnd(0, " "+dayArKarim)
	karim.confirm("Karim saves", `#story-form button[name=do][value=""]`, "")
	nadia.typeAtEnd(" " + dayArNadia)
	nadia.expect("status of 409 (Conflict)")
	nadia.do("asking", chromedp.Click(chromedp.CSS(`#story-form button[name=do][value=""]`)), chromedp.WaitVisible(chromedp.CSS(`#confirm-dialog .confirm-yes`)))
	resp, err := chromedp.RunResponse(nadia.ctx, chromedp.Click(chromedp.CSS(`#confirm-dialog .confirm-yes`)))
	d.must(err == nil && resp.Status == http.StatusConflict, "Nadia's save on a stale revision is refused for a merge (%v, %v)", err, resp)
	nadia.shot("day-merge-en.png")
	d.must(newsroomEval[int](nadia.newsroomTab, `document.querySelectorAll('.merge-conflict').length`) == 0, "changes in different paragraphs merge by themselves")
	nadia.confirm("saving the merged text", `#merge-form button.primary`, "")
	d.mustPublic(arURL, dayArKarim, dayArNadia, dayArAdded)
	step("two editors changed the original at once; merged")

	// ---- Restore, with a confirmation ------------------------------------------
	nadia.load("the history", chromedp.Navigate(base+"/admin/stories/"+id+"/ar/revisions"))
	restore := newsroomEval[string](nadia.newsroomTab, `(() => { const b = [...document.querySelectorAll('table.revisions button[data-confirm]')];
		return b.length > 1 ? b[0].closest('form').querySelector('input[name=number]').value : '' })()`)
	d.must(restore != "", "the history offers a restore that asks first")
	nadia.confirm("restoring revision "+restore, `table.revisions form:has(input[name=number][value="`+restore+`"]) button`, "")
	d.mustNotPublic(arURL, dayArNadia)
	d.mustPublic(arURL, dayArKarim)
	nadia.load("the history", chromedp.Navigate(base+"/admin/stories/"+id+"/ar/revisions?a=1&b="+restore))
	step("revision " + restore + " restored")

	// ---- A correction; then the whole story unpublished -------------------------
	nadia.open("ar")
	nadia.do("the correction", chromedp.Click(chromedp.CSS(`details.correction summary`)),
		chromedp.Click(chromedp.CSS(`input[name=correction_kind][value=correction]`)),
		chromedp.SendKeys(chromedp.CSS(`#correction_note`), dayFix))
	nadia.confirm("correcting", `#story-form button[name=do][value=""]`, "")
	d.mustPublic(arURL, "تصحيح، ", dayFix)
	nadia.load("the corrected article", chromedp.Navigate(arURL))
	nadia.shot("day-corrected-ar.png")
	nadia.open("ar")
	nadia.confirm("unpublishing the story", `.head-links form[action$="/unpublish"] button`, dayGone)
	for _, u := range []string{arURL, ruURL, enURL} {
		status, body := d.get(u)
		d.must(status == http.StatusGone && strings.Contains(body, html.EscapeString(dayGone)), "%s answers %d with the note (410 wanted)", browserShowURL(u), status)
	}
	step("corrected, then unpublished in every language")

	// ---- Nothing lost ------------------------------------------------------------
	hist := d.history("ar")
	for _, want := range []string{dayArTyped, dayArPasted, dayArAdded, dayArKarim, dayArNadia, dayNote} {
		d.must(strings.Contains(hist, want), "the Arabic history keeps %q", want)
	}
	for l, want := range map[string][]string{"ru": {dayRuBody, dayRuUpdate}, "en": {dayEnBody, dayEnUpdate}} {
		hist := d.history(l)
		for _, w := range want {
			d.must(strings.Contains(hist, w), "the %s history keeps %q", l, w)
		}
	}
	for _, p := range d.people {
		p.check()
	}
	step("every text typed today is in the history")
}

// day is the shared state of TestNewsroomDay.
type day struct {
	t       *testing.T
	base    string
	shots   string
	browser context.Context
	id      string
	people  []*dayPerson
}

func (d *day) must(ok bool, format string, args ...any) {
	d.t.Helper()
	if !ok {
		d.t.Fatalf(format, args...)
	}
}

// dayPerson is one member of the staff in their own browser session.
type dayPerson struct {
	*newsroomTab
	d     *day
	login string
}

// person signs login in, in a session of their own, with the interface in ui.
func (d *day) person(login, password, ui string) *dayPerson {
	t := d.t
	t.Helper()
	nt := newsroomOpenTab(t, d.browser, d.base, d.shots, 6*time.Minute, chromedp.WithNewBrowserContext())
	p := &dayPerson{newsroomTab: nt, d: d, login: login}
	// The whole staff signs in from one address within a minute: the
	// login limit (five at once, then one every twelve seconds) makes the
	// last wait, as it would a sixth person behind the same office router.
	for try := 0; ; try++ {
		p.do("opening the login page", chromedp.EmulateViewport(1280, 900), chromedp.Navigate(d.base+"/admin/login"),
			chromedp.SendKeys(chromedp.CSS(`input[name=login]`), login),
			chromedp.SendKeys(chromedp.CSS(`input[name=password]`), password))
		resp, err := chromedp.RunResponse(p.ctx, chromedp.Click(chromedp.CSS(`.login button[type=submit]`)))
		if err != nil {
			t.Fatalf("logging in as %s: %v", login, err)
		}
		if resp.Status == http.StatusTooManyRequests && try < 3 {
			p.expect("status of 429")
			time.Sleep(13 * time.Second)
			continue
		}
		if loc := p.location(); resp.Status != http.StatusOK || newsroomPath(t, loc) != "/admin/" {
			t.Fatalf("%s: after logging in the browser is at %s (HTTP %d)", login, browserShowURL(loc), resp.Status)
		}
		break
	}
	dir := "ltr"
	if ui == "ar" {
		dir = "rtl"
	}
	newsroomSetUILang(t, nt, ui, dir)
	d.people = append(d.people, p)
	return p
}

// createUser fills the admin's new-user form.
func (p *dayPerson) createUser(login, role, lang, name string) {
	p.t.Helper()
	p.load("the new-user form", chromedp.Navigate(p.d.base+"/admin/users/new"))
	p.do("filling the form for "+login, chromedp.SendKeys(chromedp.CSS(`input[name=login]`), login),
		chromedp.SendKeys(chromedp.CSS(`input[name="name.en"]`), name),
		chromedp.SetValue(chromedp.CSS(`select[name=role]`), role),
		chromedp.SendKeys(chromedp.CSS(`input[name=password]`), dayPassword))
	if lang != "" {
		p.do("the translator's language", chromedp.Click(chromedp.CSS(`input[name=languages][value=`+lang+`]`)))
	}
	p.load("creating "+login, chromedp.Click(chromedp.CSS(`.site-form button[type=submit].primary`)))
	if e := newsroomEval[string](p.newsroomTab, `document.querySelector('.form-error')?.textContent.trim() || ''`); e != "" {
		p.t.Fatalf("creating %s: %s", login, e)
	}
}

// uploadLead uploads a photo from the editor as the story's lead image,
// with its texts in the story's language, and returns its id.
func (p *dayPerson) uploadLead(t *testing.T, caption, credit, alt string) string {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 1200, 800))
	for x := 0; x < 1200; x++ {
		for y := 0; y < 800; y++ {
			img.Set(x, y, color.RGBA{uint8(x / 5), uint8(y / 4), 140, 255})
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 85}); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "kazan-hall.jpg")
	if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	p.do("opening the upload from the lead image", chromedp.Click(chromedp.CSS(`.lead-tools button:nth-child(2)`)),
		chromedp.WaitVisible(chromedp.CSS(`#upload-dialog[open]`)))
	p.do("uploading the lead image", chromedp.SetUploadFiles(chromedp.CSS(`#upload-file`), []string{file}),
		chromedp.SendKeys(chromedp.CSS(`#upload-caption`), caption),
		chromedp.SendKeys(chromedp.CSS(`#upload-credit`), credit),
		chromedp.SendKeys(chromedp.CSS(`#upload-alt`), alt),
		chromedp.Click(chromedp.CSS(`.upload-send`)),
		chromedp.WaitNotPresent(chromedp.CSS(`#upload-dialog[open]`)),
		chromedp.WaitVisible(chromedp.CSS(`.lead-figure .lead-preview`)))
	id := newsroomEval[string](p.newsroomTab, `document.querySelector('#lead_media').value`)
	if id == "" || newsroomEval[string](p.newsroomTab, `document.querySelector('.lead-caption').textContent`) != caption {
		t.Fatalf("after uploading the lead image from the editor: lead %q", id)
	}
	return id
}

// paste pastes word-processor HTML at the end of the editing area.
func (p *dayPerson) paste(html string) {
	p.t.Helper()
	got := newsroomEval[string](p.newsroomTab, `(async () => {
		const a = document.querySelector('.editor-area'); a.focus();
		const r = document.createRange(); r.selectNodeContents(a); r.collapse(false);
		const sel = getSelection(); sel.removeAllRanges(); sel.addRange(r);
		const dt = new DataTransfer(); dt.setData('text/html', `+strconv.Quote(html)+`); dt.setData('text/plain', 'x');
		const before = a.innerHTML;
		a.dispatchEvent(new ClipboardEvent('paste', {clipboardData: dt, bubbles: true, cancelable: true}));
		for (let i = 0; i < 60 && a.innerHTML === before; i++) await new Promise(r => setTimeout(r, 100));
		return a.innerHTML })()`)
	if strings.Contains(got, "Mso") || strings.Contains(got, "font-family") {
		p.t.Fatalf("the pasted Word HTML was not cleaned: %s", got)
	}
}

// suggestedTag takes the editor's suggestion of the tag named name, which
// the text suggests as it is written, and returns its id.
func (p *dayPerson) suggestedTag(name string) string {
	p.t.Helper()
	p.do("waiting for the tags the text suggests", chromedp.WaitVisible(chromedp.CSS(`.suggested-tags button.chip`)))
	p.do("taking the suggested "+name, chromedp.Click(chromedp.CSS(`.suggested-tags button.chip[aria-label*="`+name+`"]`)),
		chromedp.WaitVisible(chromedp.CSS(`.tag-picker .chosen li.token`)))
	id := newsroomEval[string](p.newsroomTab, `(() => { const li = [...document.querySelectorAll('.tag-picker .chosen li.token')].find(li => li.textContent.includes(`+strconv.Quote(name)+`));
		return li ? li.querySelector('input[name=tags]').value : '' })()`)
	if id == "" {
		p.t.Fatalf("taking the suggested tag %q did not add it", name)
	}
	return id
}

// dayEditor is what an editor page holds.
type dayEditor struct {
	Title, Body, Lead, Tags, Status string
}

func (p *dayPerson) editor() dayEditor {
	p.t.Helper()
	p.do("waiting for the editor", chromedp.WaitVisible(chromedp.CSS(`#story-form`)))
	return newsroomEval[dayEditor](p.newsroomTab, `(() => { const q = s => document.querySelector(s);
		const a = q('.editor-area'); if (a) q('#body').value = a.innerHTML;
		return {Title: q('#title').value, Body: q('#body').value, Lead: q('#lead_media')?.value || '',
			Tags: [...document.querySelectorAll('.tag-picker .chosen input[name=tags]')].map(e => e.value).join(','),
			Status: q('.head-links .status')?.className || ''} })()`)
}

// open opens the story's editor in lang.
func (p *dayPerson) open(lang string) {
	p.t.Helper()
	p.load("the "+lang+" editor", chromedp.Navigate(p.d.base+"/admin/stories/"+p.d.id+"/"+lang))
	p.do("waiting for the editor", chromedp.WaitVisible(chromedp.CSS(`#story-form`)))
}

// confirm presses a button that asks first, answers yes (with note where
// the question asks for one) and waits for the page that follows.
func (p *dayPerson) confirm(what, button, note string) {
	p.t.Helper()
	p.do(what+": asking", chromedp.Click(chromedp.CSS(button)), chromedp.WaitVisible(chromedp.CSS(`#confirm-dialog .confirm-yes`)))
	if note != "" {
		p.do(what+": the note", chromedp.SendKeys(chromedp.CSS(`#confirm-dialog .confirm-note textarea`), note))
	}
	p.load(what+": confirming", chromedp.Click(chromedp.CSS(`#confirm-dialog .confirm-yes`)))
	if e := newsroomEval[string](p.newsroomTab, `document.querySelector('.form-error')?.textContent.trim() || ''`); e != "" {
		p.t.Fatalf("%s: %s", what, e)
	}
}

// typeAtEnd types a new paragraph at the end of the editing area.
func (p *dayPerson) typeAtEnd(text string) {
	p.t.Helper()
	newsroomEval[bool](p.newsroomTab, `(() => { const a = document.querySelector('.editor-area'); a.focus();
		const r = document.createRange(); r.selectNodeContents(a); r.collapse(false);
		const s = getSelection(); s.removeAllRanges(); s.addRange(r); return true })()`)
	if strings.HasPrefix(text, " ") {
		p.do("typing", chromedp.KeyEvent(text))
		return
	}
	p.do("typing", chromedp.KeyEvent("\r"+text))
}

// typeAtBlockEnd types at the end of the nth block of the editing area.
func (p *dayPerson) typeAtBlockEnd(n int, text string) {
	p.t.Helper()
	newsroomEval[bool](p.newsroomTab, `(() => { const a = document.querySelector('.editor-area'); const b = a.children[`+strconv.Itoa(n)+`]; a.focus();
		const r = document.createRange(); r.selectNodeContents(b); r.collapse(false);
		const s = getSelection(); s.removeAllRanges(); s.addRange(r); return true })()`)
	p.do("typing", chromedp.KeyEvent(text))
}

// scheduleSoon schedules the open version a few seconds ahead, to the
// second, in the site's time zone, and returns the time it chose.
func (p *dayPerson) scheduleSoon(ahead time.Duration) string {
	p.t.Helper()
	at := newsroomEval[string](p.newsroomTab, `(() => { const tz = document.querySelector('.schedule .hint').textContent.replace(/[()]/g, '').trim();
		const t = new Date(Date.now() + `+strconv.FormatInt(ahead.Milliseconds(), 10)+`);
		const s = new Intl.DateTimeFormat('sv-SE', {timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false}).format(t);
		const v = s.replace(' ', 'T'); const f = document.querySelector('#publish_at'); f.step = 1; f.value = v; return v })()`)
	p.load("scheduling", chromedp.Click(chromedp.CSS(`.story-desk button[name=do][value=schedule]`)))
	return at
}

// translate starts the story's translation into lang, writes it beside the
// original, saves it and submits it.
func (p *dayPerson) translate(lang, title, body string) {
	p.t.Helper()
	p.load("the original", chromedp.Navigate(p.d.base+"/admin/stories/"+p.d.id+"/ar"))
	p.load("starting the translation", chromedp.Click(chromedp.CSS(`form[action$="/translations"]:has(input[name=to][value=`+lang+`]) button`)))
	p.do("waiting for the editor", chromedp.WaitVisible(chromedp.CSS(`.editor-area`)))
	newsroomReplace(p.t, p.newsroomTab, `#title`, title)
	newsroomEval[bool](p.newsroomTab, `(() => { const e = document.querySelector('#summary'); e.focus(); e.select(); return true })()`)
	p.do("clearing the summary", chromedp.KeyEvent("\b"))
	newsroomEval[bool](p.newsroomTab, `(() => { const a = document.querySelector('.editor-area'); a.focus(); getSelection().selectAllChildren(a); return true })()`)
	p.do("writing the translation", chromedp.KeyEvent("\b"), chromedp.KeyEvent(body))
	p.load("saving the translation", chromedp.Click(chromedp.CSS(`#story-form button[name=do][value=""]`)))
	e := p.editor()
	if e.Title != title || !strings.Contains(e.Body, body) {
		p.t.Fatalf("the %s translation as saved: %+v", lang, e)
	}
	p.load("submitting the translation", chromedp.Click(chromedp.CSS(`#story-form button[name=do][value=review]`)))
	newsroomCheckStatus(p.t, p.newsroomTab, "the "+lang+" translation", "review")
}

// update adds a sentence to the live translation in lang, saved as an
// update for the editor.
func (p *dayPerson) update(lang, text string) {
	p.t.Helper()
	p.open(lang)
	if !newsroomEval[bool](p.newsroomTab, `!!document.querySelector('#outdated-h')`) {
		p.t.Fatalf("the %s translation is not flagged outdated after the original changed", lang)
	}
	p.typeAtEnd(text)
	p.load("saving the update", chromedp.Click(chromedp.CSS(`#story-form button[name=do][value=""]`)))
	if !strings.Contains(p.editor().Body, text) || !newsroomEval[bool](p.newsroomTab, `!!document.querySelector('#pending-h')`) {
		p.t.Fatalf("the %s update is not kept as an update waiting", lang)
	}
}

// get fetches a public page.
func (d *day) get(u string) (int, string) {
	d.t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		d.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// publicURL is the address of the story's page in lang, from its editor.
func (d *day) publicURL(lang string) string {
	d.t.Helper()
	status, body := d.get(d.base + "/" + lang + "/news/" + d.id)
	if status != http.StatusOK {
		// The id alone redirects to the article; get follows it.
		d.t.Fatalf("/%s/news/%s answers %d", lang, d.id, status)
	}
	m := regexp.MustCompile(`<link rel="canonical" href="([^"]+)"`).FindStringSubmatch(body)
	if m == nil {
		d.t.Fatalf("the %s article has no canonical link", lang)
	}
	u, err := url.Parse(m[1])
	if err != nil {
		d.t.Fatal(err)
	}
	return d.base + u.EscapedPath()
}

// waitPublished waits for the scheduler to publish the story in lang.
func (d *day) waitPublished(lang string, within time.Duration) string {
	d.t.Helper()
	deadline := time.Now().Add(within)
	for {
		if status, _ := d.get(d.base + "/" + lang + "/news/" + d.id); status == http.StatusOK {
			return d.publicURL(lang)
		}
		if time.Now().After(deadline) {
			d.t.Fatalf("the scheduled story is not on the site within %v", within)
		}
		time.Sleep(500 * time.Millisecond)
	}
}

func (d *day) mustPublic(u string, texts ...string) {
	d.t.Helper()
	status, body := d.get(u)
	for _, s := range texts {
		if status != http.StatusOK || !strings.Contains(body, html.EscapeString(s)) {
			d.t.Fatalf("%s (%d) does not show %q", browserShowURL(u), status, s)
		}
	}
}

func (d *day) mustNotPublic(u, text string) {
	d.t.Helper()
	if _, body := d.get(u); strings.Contains(body, html.EscapeString(text)) {
		d.t.Fatalf("%s shows %q", browserShowURL(u), text)
	}
}

// history is every revision of the story's version in lang, compared with
// the first: the texts of all its revisions, and their notes, as the
// history pages show them.
func (d *day) history(lang string) string {
	d.t.Helper()
	p := d.people[1]
	p.load("the history", chromedp.Navigate(d.base+"/admin/stories/"+d.id+"/"+lang+"/revisions"))
	nums := newsroomEval[[]string](p.newsroomTab, `[...document.querySelectorAll('table.revisions input[name=a]')].map(e => e.value)`)
	var b strings.Builder
	b.WriteString(newsroomEval[string](p.newsroomTab, `document.querySelector('table.revisions').textContent`))
	for _, n := range nums {
		p.load("revision "+n, chromedp.Navigate(d.base+"/admin/stories/"+d.id+"/"+lang+"/revisions?a="+n+"&b="+n))
		b.WriteString(newsroomEval[string](p.newsroomTab, `document.querySelector('.diff')?.textContent || ''`))
	}
	return b.String()
}

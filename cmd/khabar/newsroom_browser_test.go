package main

import (
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/khabarnews/khabar/internal/testnote"
)

// The story that TestNewsroomBrowser writes, in Arabic and then in Russian.
// Each body is a paragraph, a subheading and a paragraph with a Latin name
// inside the text.
const (
	newsroomArTitle   = "مجلس المدينة يقرّ خطة جديدة للنقل العام"
	newsroomArSummary = "خطة تمتد خمس سنوات لتوسيع شبكة الحافلات والترام في وسط المدينة."
	newsroomArPara1   = "أقرّ مجلس المدينة مساء الثلاثاء خطة جديدة للنقل العام تشمل خطوطاً إضافية للحافلات."
	newsroomArSub     = "ردود فعل السكان"
	newsroomArPara2   = "وقالت المهندسة Maria Schmidt إن المشروع سيخفض زمن التنقل بنحو الربع."

	newsroomRuTitle   = "Городской совет утвердил новый план общественного транспорта"
	newsroomRuSummary = "Пятилетний план расширяет сеть автобусов и трамваев в центре города."
	newsroomRuPara1   = "Во вторник вечером городской совет утвердил новый план общественного транспорта с дополнительными автобусными линиями."
	newsroomRuSub     = "Реакция жителей"
	newsroomRuPara2   = "Инженер Maria Schmidt сказала, что проект сократит время в пути примерно на четверть."
)

// TestNewsroomBrowser is the newsroom from end to end in a real headless
// Chromium: an editor logs in, switches the interface to Arabic, writes an
// Arabic story with a lead image, a section, a tag and a subheading made
// with the toolbar, saves and publishes it; starts the Russian translation,
// switches the interface to Russian, writes the Russian text beside the
// original, saves and publishes it; then finds both versions on the public
// site, linked to each other by the language switcher. It saves screenshots
// of the editor in both interfaces and of both public pages, and fails if
// any request leaves 127.0.0.1, if a page logs an error, or if a dialog
// opens.
//
// Without Debian's chromium it skips loudly; under CI=true it fails.
func TestNewsroomBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	exe := browserChromiumPath()
	if exe == "" {
		const msg = "chromium not found: the newsroom browser test is skipped; install Debian's chromium (apt-get install chromium)"
		if os.Getenv("CI") == "true" {
			t.Fatal(msg + " — CI=true, so this is a failure, not a skip")
		}
		t.Log("\n" + strings.Repeat("!", 78) + "\n!!! " + msg + "\n" + strings.Repeat("!", 78))
		testnote.Skip(t, msg)
	}
	start := time.Now()
	step := func(what string) { t.Logf("%6s  %s", time.Since(start).Round(10*time.Millisecond), what) }
	shots := browserScreenshotDir(t)
	base, password := newsroomStartDemo(t)
	step("demo site up at " + base)
	browser := browserStart(t, exe)
	step("chromium started")
	nt := newsroomOpenTab(t, browser, base, shots, slower*60*time.Second)
	t.Cleanup(nt.check)
	t.Cleanup(func() { t.Logf("newsroom browser test took %s", time.Since(start).Round(time.Millisecond)) })

	// ---- Log in ------------------------------------------------------------
	nt.do("opening the login page", chromedp.EmulateViewport(1280, 900), chromedp.Navigate(base+"/admin/login"),
		chromedp.SendKeys(chromedp.CSS(`input[name=login]`), "admin"),
		chromedp.SendKeys(chromedp.CSS(`input[name=password]`), password))
	loc := nt.load("logging in", chromedp.Click(chromedp.CSS(`.login button[type=submit]`)))
	if p := newsroomPath(t, loc); p != "/admin/" {
		t.Fatalf("after logging in the browser is at %s, want /admin/ (the dashboard)", browserShowURL(loc))
	}
	step("logged in")

	// ---- Interface in Arabic, with the header's language form -------------
	newsroomSetUILang(t, nt, "ar", "rtl")
	step("interface in Arabic")

	// ---- A new Arabic story ----------------------------------------------
	nt.load("opening the new-story editor", chromedp.Navigate(base+"/admin/stories/new"))
	nt.do("waiting for the rich editor", chromedp.WaitVisible(chromedp.CSS(`.editor-area`)))
	if got := newsroomEval[string](nt, newsroomChooseJS(`#story-lang`, `o.value === "ar"`)); got != "ar" {
		t.Fatalf("choosing the story language: #story-lang has no option ar (got %q)", got)
	}
	if got := newsroomEval[string](nt, `(() => { const a = document.querySelector('.editor-area');
		return [a.lang, a.dir, document.querySelector('#title').dir, document.querySelector('.editor-toolbar').hidden].join(' ') })()`); got != "ar rtl rtl false" {
		t.Errorf("editor for an Arabic story (area lang, area dir, title dir, toolbar hidden) = %q, want %q", got, "ar rtl rtl false")
	}
	nt.do("typing the Arabic title and summary",
		chromedp.SendKeys(chromedp.CSS(`#title`), newsroomArTitle),
		chromedp.SendKeys(chromedp.CSS(`#summary`), newsroomArSummary))
	newsroomWriteBody(t, nt, newsroomArPara1, newsroomArSub, newsroomArPara2)
	section := newsroomEval[string](nt, newsroomChooseJS(`#section`, `o.value !== ""`))
	lead := newsroomEval[string](nt, newsroomChooseJS(`#lead_media`, `o.value !== "" && o.dataset.src`))
	if section == "" || lead == "" {
		t.Fatalf("the demo offers no section (%q) or no image in the library (%q)", section, lead)
	}
	if got := newsroomEval[string](nt, `(() => { const f = document.querySelector('.lead-figure'); const p = f.querySelector('.lead-preview');
		return (f.hidden ? "hidden" : "shown") + " " + (p && p.src === new URL(document.querySelector('#lead_media').selectedOptions[0].dataset.src, location).href ? "the chosen image" : "another image") })()`); got != "shown the chosen image" {
		t.Errorf("after choosing lead image %s: the preview is %q, want %q", lead, got, "shown the chosen image")
	}
	tag, tagName := newsroomPickTag(t, nt, "مص")
	sectionName := newsroomEval[string](nt, `document.querySelector('#section').selectedOptions[0].textContent.trim()`)

	loc = nt.load("saving the Arabic draft", chromedp.Click(chromedp.CSS(`#story-form button[name=do][value=""]`)))
	m := regexp.MustCompile(`^/admin/stories/(\d+)/ar$`).FindStringSubmatch(newsroomPath(t, loc))
	if m == nil {
		t.Fatalf("after saving a new Arabic story the browser is at %s, want /admin/stories/{id}/ar", browserShowURL(loc))
	}
	id := m[1]
	arSlug := newsroomCheckSaved(t, nt, "Arabic draft", newsroomArTitle, newsroomArSub, section, lead, tag)
	step("Arabic story " + id + " saved, slug " + arSlug)
	nt.shot("newsroom-editor-ar.png")

	nt.load("publishing the Arabic version", chromedp.Click(chromedp.CSS(`#story-form button[name=do][value=publish]`)))
	newsroomCheckStatus(t, nt, "the Arabic version", "published")
	step("Arabic version published")

	// ---- The Russian translation -----------------------------------------
	translate := chromedp.CSS(`form[action="/admin/stories/` + id + `/translations"]:has(input[name=to][value=ru]) button`)
	loc = nt.load("starting the Russian translation", chromedp.Click(translate))
	if p := newsroomPath(t, loc); p != "/admin/stories/"+id+"/ru" {
		t.Fatalf("after starting the Russian translation the browser is at %s, want /admin/stories/%s/ru", browserShowURL(loc), id)
	}
	if got := newsroomEval[string](nt, `document.querySelector('aside.original .original-title')?.textContent.trim() || ""`); got != newsroomArTitle {
		t.Errorf("the Arabic original beside the Russian editor has the title %q, want %q", got, newsroomArTitle)
	}
	newsroomSetUILang(t, nt, "ru", "ltr")
	if p := newsroomPath(t, nt.location()); p != "/admin/stories/"+id+"/ru" {
		t.Fatalf("after switching the interface to Russian the browser is at %s, want the Russian editor back", p)
	}
	nt.do("waiting for the rich editor", chromedp.WaitVisible(chromedp.CSS(`.editor-area`)))
	if got := newsroomEval[string](nt, `(() => { const a = document.querySelector('.editor-area');
		return [a.lang, a.dir, document.querySelector('#title').dir].join(' ') })()`); got != "ru ltr ltr" {
		t.Errorf("editor for the Russian version (area lang, area dir, title dir) = %q, want %q", got, "ru ltr ltr")
	}
	step("Russian translation started, interface in Russian")

	newsroomReplace(t, nt, `#title`, newsroomRuTitle)
	newsroomReplace(t, nt, `#summary`, newsroomRuSummary)
	newsroomEval[bool](nt, `(() => { const a = document.querySelector('.editor-area'); a.focus();
		getSelection().selectAllChildren(a); return true })()`)
	nt.do("deleting the Arabic text of the Russian version", chromedp.KeyEvent("\b"))
	newsroomWriteBody(t, nt, newsroomRuPara1, newsroomRuSub, newsroomRuPara2)
	nt.load("saving the Russian version", chromedp.Click(chromedp.CSS(`#story-form button[name=do][value=""]`)))
	ruSlug := newsroomCheckSaved(t, nt, "Russian draft", newsroomRuTitle, newsroomRuSub, section, lead, tag)
	step("Russian version saved, slug " + ruSlug)
	nt.shot("newsroom-editor-ru.png")
	nt.load("publishing the Russian version", chromedp.Click(chromedp.CSS(`#story-form button[name=do][value=publish]`)))
	newsroomCheckStatus(t, nt, "the Russian version", "published")
	step("Russian version published")

	// ---- The public site -------------------------------------------------
	arURL := base + "/ar/news/" + id + "-" + url.PathEscape(arSlug)
	ruPath := "/ru/news/" + id + "-" + ruSlug
	nt.load("opening the public Arabic article", chromedp.Navigate(arURL))
	ar := newsroomReadArticle(t, nt)
	newsroomCheckArticle(t, "the public Arabic article", ar, "ar", "rtl", newsroomArTitle, newsroomArSub, sectionName, tagName)
	switch sw := ar.Switch["ru"]; {
	case sw == nil:
		t.Fatalf("the Arabic article has no nav.langs a[hreflang=ru]")
	case sw.Missing:
		t.Fatalf("the Arabic article's Russian link is marked missing (href %s), though the Russian version is published", browserShowURL(sw.Href))
	case newsroomPath(t, sw.Href) != ruPath:
		t.Errorf("the Arabic article's Russian link goes to %s, want %s", browserShowURL(sw.Href), ruPath)
	}
	nt.shot("newsroom-public-ar.png")
	step("public Arabic article checked")

	loc = nt.load("following the Russian link of the switcher", chromedp.Click(chromedp.CSS(`nav.langs a[hreflang=ru]`)))
	if p := newsroomPath(t, loc); p != ruPath {
		t.Errorf("the Russian link led to %s, want %s", browserShowURL(loc), ruPath)
	}
	ru := newsroomReadArticle(t, nt)
	newsroomCheckArticle(t, "the public Russian article", ru, "ru", "ltr", newsroomRuTitle, newsroomRuSub, "", "")
	switch sw := ru.Switch["ar"]; {
	case sw == nil:
		t.Errorf("the Russian article has no nav.langs a[hreflang=ar]")
	case sw.Missing:
		t.Errorf("the Russian article's Arabic link is marked missing (href %s)", browserShowURL(sw.Href))
	case newsroomPath(t, sw.Href) != newsroomPath(t, arURL):
		t.Errorf("the Russian article's Arabic link goes to %s, want %s", browserShowURL(sw.Href), browserShowURL(arURL))
	}
	nt.shot("newsroom-public-ru.png")
	step("public Russian article checked")
	t.Logf("Arabic article: %s", browserShowURL(arURL))
	t.Logf("Russian article: %s", browserShowURL(loc))
}

// newsroomSetUILang switches the newsroom's interface with the language
// form of the header, and checks the page that comes back.
func newsroomSetUILang(t *testing.T, nt *newsroomTab, tag, dir string) {
	t.Helper()
	nt.do("choosing the interface language "+tag, chromedp.SetValue(chromedp.CSS(`#ui-lang`), tag))
	nt.load("applying the interface language "+tag, chromedp.Click(chromedp.CSS(`form[action="/admin/ui-language"] button[type=submit]`)))
	if got := newsroomEval[string](nt, `document.documentElement.lang + " " + getComputedStyle(document.documentElement).direction`); got != tag+" "+dir {
		t.Fatalf("after switching the interface to %s: <html> lang and direction = %q, want %q", tag, got, tag+" "+dir)
	}
}

// newsroomPickTag chooses a tag with the type-ahead picker as a person
// does: types the start of its name, waits for the list, presses Enter. It
// returns the id and the name of the tag chosen.
func newsroomPickTag(t *testing.T, nt *newsroomTab, typed string) (id, name string) {
	t.Helper()
	nt.do("typing "+typed+" into the tag picker", chromedp.Click(chromedp.CSS(`#tag-add`)), chromedp.SendKeys(chromedp.CSS(`#tag-add`), typed),
		chromedp.WaitVisible(chromedp.CSS(`.tag-picker [role=listbox] [role=option][aria-selected=true]`)))
	want := newsroomEval[string](nt, `document.querySelector('.tag-picker [role=option][aria-selected=true] bdi').textContent`)
	nt.do("choosing the tag with Enter", chromedp.KeyEvent("\r"),
		chromedp.WaitVisible(chromedp.CSS(`.tag-picker .chosen li.token`)))
	got := newsroomEval[[]string](nt, `(() => { const li = [...document.querySelectorAll('.tag-picker .chosen li.token')].pop();
		return [li.querySelector('input[name=tags]').value, li.querySelector('.token-name').textContent] })()`)
	if got[1] != want {
		t.Fatalf("chose %q from the tag picker, the chip says %q", want, got[1])
	}
	return got[0], got[1]
}

// newsroomChooseJS picks the first option of a select for which pred (a
// JavaScript expression of o) holds, as a person would from the list, and
// returns its value ("" if none).
func newsroomChooseJS(sel, pred string) string {
	return `(() => { const s = document.querySelector('` + sel + `'); if (!s) return "";
		const o = [...s.options].find(o => ` + pred + `); if (!o) return "";
		s.focus(); s.value = o.value;
		s.dispatchEvent(new Event('input', {bubbles: true}));
		s.dispatchEvent(new Event('change', {bubbles: true}));
		return o.value })()`
}

// newsroomReplace selects all the text of a field and types over it.
func newsroomReplace(t *testing.T, nt *newsroomTab, sel, text string) {
	t.Helper()
	newsroomEval[bool](nt, `(() => { const e = document.querySelector('`+sel+`'); e.focus(); e.select(); return true })()`)
	nt.do("typing over "+sel, chromedp.KeyEvent(text))
	if got := newsroomEval[string](nt, `document.querySelector('`+sel+`').value`); got != text {
		t.Errorf("after typing over %s it holds %q, want %q", sel, got, text)
	}
}

// newsroomWriteBody types a body into the rich editing area as a person
// does: a paragraph, Enter, the subheading's text made a subheading with
// the toolbar's H2 button, Enter, another paragraph. The area must be
// empty (one empty paragraph) or have the caret where typing goes.
func newsroomWriteBody(t *testing.T, nt *newsroomTab, para1, sub, para2 string) {
	t.Helper()
	nt.do("writing the body",
		chromedp.Click(chromedp.CSS(`.editor-area`)),
		chromedp.KeyEvent(para1+"\r"+sub),
		chromedp.Click(chromedp.CSS(`.editor-toolbar button[data-block=h2]`)),
		chromedp.KeyEvent("\r"+para2))
	got := newsroomEval[[]string](nt, `[...document.querySelector('.editor-area').children].map(e => e.tagName.toLowerCase() + ": " + e.textContent.trim())`)
	want := []string{"p: " + para1, "h2: " + sub, "p: " + para2}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("the editing area holds the blocks\n%s\nwant\n%s\n(innerHTML %s)", strings.Join(got, "\n"), strings.Join(want, "\n"),
			newsroomEval[string](nt, `document.querySelector('.editor-area').innerHTML`))
	}
}

// newsroomSaved is what the editor shows after a save.
type newsroomSaved struct {
	Notice, Error, Title, Body, Slug, Section, Lead string
	Tags                                            []string
	HasArea                                         bool
}

// newsroomCheckSaved checks the editor page that a save led to, and
// returns the slug it shows.
func newsroomCheckSaved(t *testing.T, nt *newsroomTab, what, title, sub, section, lead, tag string) string {
	t.Helper()
	nt.do("waiting for the rich editor", chromedp.WaitVisible(chromedp.CSS(`.editor-area`)))
	s := newsroomEval[newsroomSaved](nt, `(() => { const q = s => document.querySelector(s);
		return {Notice: q('.notice')?.textContent.trim() || "", Error: q('.form-error')?.textContent.trim() || "",
			Title: q('#title').value, Body: q('#body').value, Slug: q('#slug').value,
			Section: q('#section').value, Lead: q('#lead_media').value,
			Tags: [...document.querySelectorAll('.tag-picker input[name=tags]')].map(e => e.value),
			HasArea: !!q('.editor-area')} })()`)
	if s.Error != "" {
		t.Fatalf("saving the %s: the editor shows the error %q", what, s.Error)
	}
	if s.Notice == "" {
		t.Errorf("saving the %s: the editor shows no notice", what)
	}
	if s.Title != title {
		t.Errorf("saved %s: title %q, want %q", what, s.Title, title)
	}
	if !strings.Contains(s.Body, "<h2>"+sub+"</h2>") || !strings.Contains(s.Body, "Maria Schmidt") {
		t.Errorf("saved %s: body %q has no <h2>%s</h2> or no Maria Schmidt", what, s.Body, sub)
	}
	if s.Section != section || s.Lead != lead || strings.Join(s.Tags, ",") != tag {
		t.Errorf("saved %s: section %q, lead image %q, tags %v; want %q, %q, [%s]", what, s.Section, s.Lead, s.Tags, section, lead, tag)
	}
	if s.Slug == "" {
		t.Fatalf("saved %s: the slug field is empty", what)
	}
	t.Logf("saved %s: notice %q", what, s.Notice)
	return s.Slug
}

func newsroomCheckStatus(t *testing.T, nt *newsroomTab, what, status string) {
	t.Helper()
	got := newsroomEval[string](nt, `(() => { const s = document.querySelector('.head-links .status'); const e = document.querySelector('.form-error');
		return (s ? s.className : "no status") + (e ? " / error: " + e.textContent.trim() : "") })()`)
	if !strings.Contains(got, "status-"+status) || strings.Contains(got, "error:") {
		t.Fatalf("%s: status %q, want status-%s", what, got, status)
	}
}

// newsroomArticle is what newsroomReadArticle reads from a public article.
type newsroomArticle struct {
	Lang, Dir, H1, Kicker, Image string
	H2                           []string
	Paras                        []string
	Tags                         []string
	ImageLoaded                  bool
	Switch                       map[string]*struct {
		Href    string
		Missing bool
	}
}

func newsroomReadArticle(t *testing.T, nt *newsroomTab) newsroomArticle {
	t.Helper()
	if broken := newsroomEval[[]string](nt, browserEagerJS); len(broken) > 0 {
		t.Errorf("%s: images that did not load: %v", browserShowURL(nt.location()), broken)
	}
	return newsroomEval[newsroomArticle](nt, `(() => { const q = s => document.querySelector(s); const all = s => [...document.querySelectorAll(s)];
		const img = q('figure.story-image img');
		const sw = {};
		all('nav.langs a[hreflang]').forEach(a => { sw[a.hreflang] = {Href: a.href, Missing: a.classList.contains('missing')}; });
		return {Lang: document.documentElement.lang, Dir: getComputedStyle(document.documentElement).direction,
			H1: q('h1')?.textContent.trim() || "", Kicker: q('.story-head .kicker')?.textContent.trim() || "",
			H2: all('.story-body h2').map(e => e.textContent.trim()), Paras: all('.story-body p').map(e => e.textContent.trim()),
			Tags: all('nav.tags a').map(e => e.textContent.trim()),
			Image: img ? img.currentSrc : "", ImageLoaded: !!(img && img.complete && img.naturalWidth > 0), Switch: sw} })()`)
}

func newsroomCheckArticle(t *testing.T, what string, a newsroomArticle, lang, dir, title, sub, section, tag string) {
	t.Helper()
	if a.Lang != lang || a.Dir != dir {
		t.Errorf("%s: <html> lang %q direction %q, want %q %q", what, a.Lang, a.Dir, lang, dir)
	}
	if a.H1 != title {
		t.Errorf("%s: h1 %q, want %q", what, a.H1, title)
	}
	if len(a.H2) != 1 || a.H2[0] != sub {
		t.Errorf("%s: subheadings in .story-body %q, want [%q]", what, a.H2, sub)
	}
	if !strings.Contains(strings.Join(a.Paras, "\n"), "Maria Schmidt") {
		t.Errorf("%s: no paragraph of the body names Maria Schmidt: %q", what, a.Paras)
	}
	if !a.ImageLoaded {
		t.Errorf("%s: the lead image (figure.story-image img) is missing or did not load: %q", what, a.Image)
	}
	if section != "" && a.Kicker != section {
		t.Errorf("%s: section kicker %q, want %q", what, a.Kicker, section)
	}
	if tag != "" && !strings.Contains(strings.Join(a.Tags, "\n"), tag) {
		t.Errorf("%s: tags %q, want %q among them", what, a.Tags, tag)
	}
}

package main

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestNewsroomToolsBrowser drives the newsroom's tools in a real headless
// Chromium on the demo site: the growing headline field; tags suggested by
// the text before the first save, and chosen, created and removed with the
// type-ahead picker by keyboard (ARIA combobox); authors picked the same
// way; a lead image uploaded from the editor with its caption, credit and
// alt text, found at once by the library picker's search; an image dropped
// on the text and another picked from the library into the body; the
// save, credited to its writer; the story list's search and a bulk move;
// the audit log saying what changed. It then looks at the story list, the
// editor, the audit log and the dashboard in Arabic, Russian and English at
// phone and desktop width — no page wider than the screen, the menu on one
// row at 375 px, the list's titles not squeezed — and saves screenshots.
//
// Without Debian's chromium it skips loudly; under CI=true it fails.
func TestNewsroomToolsBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	exe := browserChromiumPath()
	if exe == "" {
		const msg = "chromium not found: the newsroom tools browser test is skipped; install Debian's chromium (apt-get install chromium)"
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
	nt := newsroomOpenTab(t, browser, base, shots, slower*180*time.Second)
	t.Cleanup(nt.check)
	step("demo site and chromium up")

	nt.do("opening the login page", chromedp.EmulateViewport(1280, 900), chromedp.Navigate(base+"/admin/login"),
		chromedp.SendKeys(chromedp.CSS(`input[name=login]`), "admin"), chromedp.SendKeys(chromedp.CSS(`input[name=password]`), password))
	nt.load("logging in", chromedp.Click(chromedp.CSS(`.login button[type=submit]`)))
	newsroomSetUILang(t, nt, "en", "ltr")
	if who := newsroomEval[string](nt, `document.querySelector('.admin-user .who bdi').textContent`); who != "Administrator" {
		t.Errorf("the demo's administrator is called %q, want Administrator", who)
	}

	// ---- A new Russian story: the headline grows, tags are suggested ------
	nt.load("opening the new-story editor", chromedp.Navigate(base+"/admin/stories/new?lang=ru"))
	nt.do("waiting for the rich editor", chromedp.WaitVisible(chromedp.CSS(`.editor-area`)))
	toolsHeadline(t, nt)
	nt.do("writing the body", chromedp.Click(chromedp.CSS(`.editor-area`)),
		chromedp.KeyEvent("Президент Путин обсудил в Казани транспорт и урожай пшеницы."))
	nt.do("waiting for the tags the text suggests", chromedp.WaitVisible(chromedp.CSS(`.suggested-tags button.chip`)))
	if p := newsroomPath(t, nt.location()); p != "/admin/stories/new" {
		t.Fatalf("the suggestions came after the story was saved (the editor is at %s)", p)
	}
	suggested := newsroomEval[[]string](nt, `[...document.querySelectorAll('.suggested-tags button.chip bdi')].map(b => b.textContent)`)
	if !contains(suggested, "Путин") || !contains(suggested, "Казань") {
		t.Fatalf("suggested before the first save: %q, want Путин and Казань", suggested)
	}
	nt.do("adding the suggested Путин", chromedp.Click(chromedp.CSS(`.suggested-tags button.chip[aria-label*="Путин"]`)))
	toolsChips(t, nt, "tag", "Путин")
	// Казань is chosen with the picker first: its suggestion then adds
	// nothing and removes nothing.
	newsroomPickTag(t, nt, "Каз")
	if left := newsroomEval[[]string](nt, `[...document.querySelectorAll('.suggested-tags button.chip bdi')].map(b => b.textContent)`); contains(left, "Казань") {
		nt.do("clicking Казань's suggestion", chromedp.Click(chromedp.CSS(`.suggested-tags button.chip[aria-label*="Казань"]`)))
	}
	toolsChips(t, nt, "tag", "Путин", "Казань")
	toolsCombobox(t, nt)
	// A tag that does not exist yet is created on the spot.
	nt.do("typing a new tag", chromedp.Click(chromedp.CSS(`#tag-add`)), chromedp.SendKeys(chromedp.CSS(`#tag-add`), "Городской транспорт"),
		chromedp.WaitVisible(chromedp.CSS(`.tag-picker [role=option].create[aria-selected=true]`)),
		chromedp.KeyEvent("\r"))
	toolsWaitChips(t, nt, "tag", 3)
	toolsChips(t, nt, "tag", "Путин", "Казань", "Городской транспорт")
	nt.do("removing Казань", chromedp.Click(chromedp.CSS(`.tag-picker li.token:nth-child(2) .token-remove`)))
	toolsChips(t, nt, "tag", "Путин", "Городской транспорт")
	step("tags suggested, chosen, created and removed")

	// Authors: the writer is there; another is added by typing.
	nt.do("adding an author", chromedp.Click(chromedp.CSS(`#author-add`)), chromedp.SendKeys(chromedp.CSS(`#author-add`), "Саль"),
		chromedp.WaitVisible(chromedp.CSS(`.author-picker [role=option][aria-selected=true]`)), chromedp.KeyEvent("\r"))
	toolsWaitChips(t, nt, "author", 2)
	toolsChips(t, nt, "author", "Администратор", "Сальма Нури")

	// ---- Images: a lead uploaded from the editor, found at once -----------
	photo := toolsJPEG(t)
	nt.do("opening the upload from the lead image", chromedp.Click(chromedp.CSS(`.lead-tools button:nth-child(2)`)),
		chromedp.WaitVisible(chromedp.CSS(`#upload-dialog[open]`)))
	nt.shot("tools-upload-dialog-en.png")
	nt.do("uploading the lead image", chromedp.SetUploadFiles(chromedp.CSS(`#upload-file`), []string{photo}),
		chromedp.SendKeys(chromedp.CSS(`#upload-caption`), "Трамвай на площади Тукая"),
		chromedp.SendKeys(chromedp.CSS(`#upload-credit`), "Пресс-служба мэрии"),
		chromedp.SendKeys(chromedp.CSS(`#upload-alt`), "Красный трамвай на площади"),
		chromedp.Click(chromedp.CSS(`.upload-send`)),
		chromedp.WaitNotPresent(chromedp.CSS(`#upload-dialog[open]`)),
		chromedp.WaitVisible(chromedp.CSS(`.lead-figure .lead-preview`)))
	lead := newsroomEval[[]string](nt, `[document.querySelector('#lead_media').value, document.querySelector('.lead-caption').textContent,
		document.querySelector('.lead-credit').textContent.trim()]`)
	if lead[0] == "" || lead[1] != "Трамвай на площади Тукая" || !strings.Contains(lead[2], "Пресс-служба мэрии") {
		t.Fatalf("after uploading the lead image: id, caption, credit = %q", lead)
	}
	nt.do("searching the library for the new image", chromedp.Click(chromedp.CSS(`#lead-choose`)),
		chromedp.WaitVisible(chromedp.CSS(`#media-picker[open]`)), chromedp.SendKeys(chromedp.CSS(`#media-q`), "трамв"))
	found := toolsWaitFor(t, nt, "the library's answer for «трамв»", `document.querySelector('.media-picker-status').textContent === 'Images: 1' &&
		[...document.querySelectorAll('#media-results button')].map(b => b.dataset.id).join()`)
	if found != lead[0] {
		t.Errorf("searching the library for «трамв» shows %q, want the image just uploaded (%s)", found, lead[0])
	}
	nt.shot("tools-media-picker-en.png")
	nt.do("closing the picker", chromedp.Click(chromedp.CSS(`#media-picker form[method=dialog] button`)), chromedp.WaitNotPresent(chromedp.CSS(`#media-picker[open]`)))
	step("lead image uploaded from the editor and found by search")

	// An image uploaded in the library, in another tab, is there at once.
	library := newsroomOpenTab(t, browser, base, shots, slower*60*time.Second)
	library.load("opening the media library in another tab", chromedp.Navigate(base+"/admin/media"))
	library.load("uploading an image to the library", chromedp.SetUploadFiles(chromedp.CSS(`#media-file`), []string{photo}),
		chromedp.SetValue(chromedp.CSS(`form.media-upload input[name="credit.ru"]`), "Архив редакции"),
		chromedp.SetValue(chromedp.CSS(`form.media-upload textarea[name="caption.ru"]`), "Вокзал Казани ночью"),
		chromedp.Click(chromedp.CSS(`form.media-upload button[type=submit]`)))
	library.check()
	nt.do("searching the library from the editor, without reloading it", chromedp.Click(chromedp.CSS(`#lead-choose`)),
		chromedp.WaitVisible(chromedp.CSS(`#media-picker[open]`)), chromedp.SendKeys(chromedp.CSS(`#media-q`), "вокзал"))
	toolsWaitFor(t, nt, "the image uploaded in the other tab", `document.querySelector('.media-picker-status').textContent === 'Images: 1' &&
		document.querySelector('#media-results button span').textContent === 'Вокзал Казани ночью'`)
	nt.do("closing the picker", chromedp.Click(chromedp.CSS(`#media-picker form[method=dialog] button`)), chromedp.WaitNotPresent(chromedp.CSS(`#media-picker[open]`)))

	// An image dropped on the text is uploaded and inserted there.
	newsroomEval[bool](nt, toolsDropJS)
	nt.do("waiting for the upload of the dropped image", chromedp.WaitVisible(chromedp.CSS(`#upload-dialog[open]`)))
	nt.do("describing the dropped image", chromedp.SendKeys(chromedp.CSS(`#upload-caption`), "Зерно в элеваторе"),
		chromedp.SendKeys(chromedp.CSS(`#upload-credit`), "ТАСС"), chromedp.SendKeys(chromedp.CSS(`#upload-alt`), "Пшеница в элеваторе"),
		chromedp.Click(chromedp.CSS(`.upload-send`)), chromedp.WaitNotPresent(chromedp.CSS(`#upload-dialog[open]`)),
		chromedp.WaitVisible(chromedp.CSS(`.editor-area figure img`)))
	// One more from the library, with the toolbar's button.
	nt.do("picking an image for the text", chromedp.Click(chromedp.CSS(`.editor-area`)), chromedp.KeyEvent("\r"),
		chromedp.Click(chromedp.CSS(`.editor-toolbar button[data-cmd=image]`)), chromedp.WaitVisible(chromedp.CSS(`#media-picker[open]`)),
		chromedp.SendKeys(chromedp.CSS(`#media-q`), "трамвай"))
	toolsWaitFor(t, nt, "the library's answer for «трамвай»", `document.querySelector('.media-picker-status').textContent === 'Images: 1'`)
	nt.do("choosing the image", chromedp.Click(chromedp.CSS(`#media-results button[data-id="`+lead[0]+`"]`)), chromedp.WaitNotPresent(chromedp.CSS(`#media-picker[open]`)))
	figures := newsroomEval[[]string](nt, `[...document.querySelectorAll('.editor-area figure')].map(f => f.querySelector('img').alt + " | " + (f.querySelector('figcaption')?.textContent || ""))`)
	if len(figures) != 2 || figures[0] != "Пшеница в элеваторе | Зерно в элеваторе — Фото: ТАСС" ||
		figures[1] != "Красный трамвай на площади | Трамвай на площади Тукая — Фото: Пресс-служба мэрии" {
		t.Errorf("the figures of the text: %q", figures)
	}
	nt.shot("tools-editor-before-save-en.png")
	step("images dropped on and picked into the text")

	// ---- Save: everything chosen is kept, revision 1 is the writer's ------
	loc := nt.load("saving the story", chromedp.Click(chromedp.CSS(`#story-form button[name=do][value=""]`)))
	m := regexp.MustCompile(`^/admin/stories/(\d+)/ru$`).FindStringSubmatch(newsroomPath(t, loc))
	if m == nil {
		t.Fatalf("after saving the new story the browser is at %s", browserShowURL(loc))
	}
	id := m[1]
	toolsChips(t, nt, "tag", "Путин", "Городской транспорт")
	toolsChips(t, nt, "author", "Администратор", "Сальма Нури")
	if got := newsroomEval[[]string](nt, `[document.querySelector('#lead_media').value, String(document.querySelector('#body').value.split('<figure').length - 1)]`); got[0] != lead[0] || got[1] != "2" {
		t.Errorf("saved lead image and figures: %q, want %s and 2", got, lead[0])
	}
	nt.load("opening the revisions", chromedp.Navigate(base+"/admin/stories/"+id+"/ru/revisions"))
	if who := newsroomEval[string](nt, `document.querySelector('table.revisions tbody tr:last-child')?.textContent || ""`); !strings.Contains(who, "Administrator") {
		t.Errorf("revision 1 of a story saved by the administrator: %q", who)
	}
	step("story " + id + " saved with its tags, authors and images")

	// ---- A translation outdated by its original: the diff folded ----------
	nt.load("opening the original", chromedp.Navigate(base+"/admin/stories/"+id+"/ru"))
	nt.load("starting the English translation", chromedp.Click(chromedp.CSS(`form[action="/admin/stories/`+id+`/translations"]:has(input[name=to][value=en]) button`)))
	newsroomReplace(t, nt, `#title`, "Kazan city council approves a five-year public transport plan")
	nt.load("saving the English version", chromedp.Click(chromedp.CSS(`#story-form button[name=do][value=""]`)))
	nt.load("opening the original again", chromedp.Navigate(base+"/admin/stories/"+id+"/ru"))
	nt.do("changing the original's headline", chromedp.Click(chromedp.CSS(`#title`)), chromedp.KeyEvent(kb.End), chromedp.SendKeys(chromedp.CSS(`#title`), " до 2030 года"))
	nt.load("saving the original", chromedp.Click(chromedp.CSS(`#story-form button[name=do][value=""]`)))
	nt.load("opening the outdated translation", chromedp.Navigate(base+"/admin/stories/"+id+"/en"))
	folded := newsroomEval[[]any](nt, `[!!document.querySelector('.outdated details.outdated-diff'), document.querySelector('.outdated details')?.open ?? null,
		document.querySelector('#story-form').getBoundingClientRect().top, innerHeight]`)
	if folded[0] != true || folded[1] != false {
		t.Errorf("the outdated panel: a folded diff %v, open %v; want a folded diff", folded[0], folded[1])
	} else if top, h := folded[2].(float64), folded[3].(float64); top > h*0.6 {
		t.Errorf("with the diff folded the editor starts %.0f px down a %.0f px window", top, h)
	}
	nt.do("unfolding the diff", chromedp.Click(chromedp.CSS(`.outdated summary`)), chromedp.WaitVisible(chromedp.CSS(`.outdated .diff ins`)))
	nt.shot("tools-outdated-en.png")
	step("an outdated translation shows its diff folded")

	// ---- The story list: search, one row per story, a bulk move -----------
	nt.load("searching the story list", chromedp.Navigate(base+"/admin/stories?q="+url.QueryEscape("трамвайная линия")))
	if got := newsroomEval[string](nt, `document.querySelector('.story-rows tbody tr .title-cell a')?.id || ""`); got != "title-"+id {
		t.Errorf("searching the list for «трамвайная линия» (other forms of the draft's words) finds %q first, want story %s", got, id)
	}
	nt.load("opening the story list", chromedp.Navigate(base+"/admin/stories"))
	nt.do("choosing two stories and a section", chromedp.Click(chromedp.CSS(`#pick-`+id)),
		chromedp.Click(chromedp.CSS(`.story-rows tbody tr:nth-child(2) input[name=story]`)),
		chromedp.SetValue(chromedp.CSS(`select.bulk-action`), "section"))
	other := newsroomEval[string](nt, `document.querySelector('.story-rows tbody tr:nth-child(2) td[data-label="Section"]').textContent.trim()`)
	section := newsroomEval[string](nt, newsroomChooseJS(`.bulk-section select`, `o.value !== "" && o.textContent.trim() !== `+strconv.Quote(other)))
	nt.load("asking to move them", chromedp.Click(chromedp.CSS(`.bulk-bar button[type=submit]`)))
	if n := newsroomEval[int](nt, `document.querySelectorAll('.bulk-confirm input[name=story]').length`); n != 2 {
		t.Fatalf("the confirmation lists %d stories, want 2", n)
	}
	nt.load("confirming", chromedp.Click(chromedp.CSS(`.bulk-confirm button[type=submit]`)))
	if notice := newsroomEval[string](nt, `document.querySelector('.notice')?.textContent || ""`); !strings.Contains(notice, "2 stories changed") {
		t.Errorf("after the bulk move the list says %q", notice)
	}
	step("story list searched, two stories moved to section " + section)

	// ---- The audit log says what changed ---------------------------------
	nt.load("filtering the audit log", chromedp.Navigate(base+"/admin/audit?action=story.update"))
	if rows := newsroomEval[string](nt, `document.querySelector('.site-audit tbody')?.textContent || ""`); !strings.Contains(rows, "Section:") {
		t.Errorf("the audit log of story changes does not name the section: %.500s", rows)
	}

	// ---- Every language, phone and desktop --------------------------------
	pages := []struct{ name, path string }{
		{"stories", "/admin/stories"}, {"editor", "/admin/stories/" + id + "/ru"}, {"audit", "/admin/audit"}, {"dashboard", "/admin/"},
	}
	for _, ui := range []struct{ tag, dir string }{{"ar", "rtl"}, {"ru", "ltr"}, {"en", "ltr"}} {
		nt.do("the desktop width", chromedp.EmulateViewport(1280, 900))
		nt.load("opening the dashboard", chromedp.Navigate(base+"/admin/"))
		newsroomSetUILang(t, nt, ui.tag, ui.dir)
		for _, w := range []struct {
			name string
			w, h int64
		}{{"375", 375, 812}, {"1280", 1280, 900}} {
			nt.do("the width "+w.name, chromedp.EmulateViewport(w.w, w.h))
			for _, p := range pages {
				nt.load("opening "+p.path, chromedp.Navigate(base+p.path))
				toolsLayout(t, nt, ui.tag+" "+p.name+" at "+w.name, w.w)
				nt.shot("tools-" + p.name + "-" + ui.tag + "-" + w.name + ".png")
			}
		}
	}
	step("screenshots taken")
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// toolsHeadline checks that the headline field grows with a long headline
// and stays one line of text.
func toolsHeadline(t *testing.T, nt *newsroomTab) {
	t.Helper()
	if tag := newsroomEval[string](nt, `document.querySelector('#title').tagName`); tag != "TEXTAREA" {
		t.Fatalf("the headline field is a %s, want a textarea that grows", tag)
	}
	before := newsroomEval[float64](nt, `document.querySelector('#title').getBoundingClientRect().height`)
	first, rest := "Городской совет Казани", " утвердил пятилетний план развития общественного транспорта с новыми трамвайными линиями"
	title := first + rest
	nt.do("typing a long headline with an Enter inside", chromedp.Click(chromedp.CSS(`#title`)),
		chromedp.SendKeys(chromedp.CSS(`#title`), first), chromedp.KeyEvent("\r"), chromedp.SendKeys(chromedp.CSS(`#title`), rest))
	got := newsroomEval[[]any](nt, `[document.querySelector('#title').value, document.querySelector('#title').getBoundingClientRect().height,
		document.querySelector('#title').scrollHeight - document.querySelector('#title').clientHeight]`)
	if got[0] != title {
		t.Errorf("the headline holds %q, want %q (Enter must not break it)", got[0], title)
	}
	if h := got[1].(float64); h <= before*1.3 {
		t.Errorf("the headline field is %.0f px high with a long headline, %.0f px empty: it does not grow", h, before)
	}
	if hidden := got[2].(float64); hidden > 1 {
		t.Errorf("%.0f px of the headline are scrolled out of sight", hidden)
	}
}

// toolsChips checks the names of a picker's chosen items, in order.
func toolsChips(t *testing.T, nt *newsroomTab, picker string, want ...string) {
	t.Helper()
	got := newsroomEval[[]string](nt, `[...document.querySelectorAll('.`+picker+`-picker .chosen li')].map(li => li.textContent.replace('×', '').trim())`)
	if strings.Join(got, " | ") != strings.Join(want, " | ") {
		t.Errorf("chosen in the %s picker: %q, want %q", picker, got, want)
	}
}

// toolsWaitFor polls a JavaScript expression until it is truthy, for five
// seconds, and returns it as text.
func toolsWaitFor(t *testing.T, nt *newsroomTab, what, js string) string {
	t.Helper()
	v := newsroomEval[string](nt, `(async () => { for (let i = 0; i < 100; i++) { const v = (() => `+js+`)(); if (v) return String(v);
		await new Promise(r => setTimeout(r, 50)); } return "" })()`)
	if v == "" {
		t.Fatalf("waiting for %s: it never came", what)
	}
	return v
}

func toolsWaitChips(t *testing.T, nt *newsroomTab, picker string, n int) {
	t.Helper()
	js := `(async () => { for (let i = 0; i < 100; i++) { if (document.querySelectorAll('.` + picker + `-picker .chosen li.token').length >= ` +
		strconv.Itoa(n) + `) return true; await new Promise(r => setTimeout(r, 50)); } return false })()`
	if !newsroomEval[bool](nt, js) {
		t.Fatalf("the %s picker never had %d chosen items", picker, n)
	}
}

// toolsCombobox checks the tag picker as a keyboard user meets it: an ARIA
// combobox whose listbox opens as one types, arrow keys move the active
// option, Escape closes it, and a chosen tag is not offered again.
func toolsCombobox(t *testing.T, nt *newsroomTab) {
	t.Helper()
	nt.do("typing Б into the tag picker", chromedp.Click(chromedp.CSS(`#tag-add`)), chromedp.SendKeys(chromedp.CSS(`#tag-add`), "Б"),
		chromedp.WaitVisible(chromedp.CSS(`.tag-picker [role=option][aria-selected=true]`)))
	state := `(() => { const i = document.querySelector('#tag-add'); const l = document.getElementById(i.getAttribute('aria-controls'));
		const a = i.getAttribute('aria-activedescendant'); return [i.getAttribute('role'), i.getAttribute('aria-expanded'), l.getAttribute('role'),
		String(l.querySelectorAll('[role=option]').length), a ? document.getElementById(a).textContent : ""] })()`
	first := newsroomEval[[]string](nt, state)
	if first[0] != "combobox" || first[1] != "true" || first[2] != "listbox" || first[3] == "0" {
		t.Fatalf("the tag picker open: role, expanded, list role, options = %q", first)
	}
	nt.do("moving down", chromedp.KeyEvent(kb.ArrowDown))
	second := newsroomEval[[]string](nt, state)
	if first[3] != "1" && second[4] == first[4] {
		t.Errorf("ArrowDown did not move the active option (%q → %q)", first[4], second[4])
	}
	nt.do("closing with Escape", chromedp.KeyEvent(kb.Escape))
	if closed := newsroomEval[[]string](nt, state); closed[1] != "false" {
		t.Errorf("Escape left the listbox open: %q", closed)
	}
	nt.do("clearing", chromedp.KeyEvent(kb.Escape))
	nt.do("typing a chosen tag", chromedp.SendKeys(chromedp.CSS(`#tag-add`), "Путин"),
		chromedp.WaitVisible(chromedp.CSS(`.tag-picker .pick-list li`)))
	if offered := newsroomEval[[]string](nt, `[...document.querySelectorAll('.tag-picker [role=option]')].map(o => o.textContent)`); contains(offered, "Путин") {
		t.Errorf("the picker offers Путин, which is chosen already: %q", offered)
	}
	nt.do("clearing", chromedp.KeyEvent(kb.Escape), chromedp.KeyEvent(kb.Escape))
}

// toolsJPEG writes a photo-like JPEG for the upload and returns its path.
func toolsJPEG(t *testing.T) string {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 900, 600))
	for x := 0; x < 900; x++ {
		for y := 0; y < 600; y++ {
			img.Set(x, y, color.RGBA{uint8(150 + x/9), uint8(40 + y/6), 60, 255})
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 85}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "tram.jpg")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// toolsDropJS drops a JPEG, drawn on a canvas, at the end of the text, as
// a file dragged from the desktop is dropped.
const toolsDropJS = `(async () => {
	const c = document.createElement('canvas'); c.width = 640; c.height = 400;
	const g = c.getContext('2d'); g.fillStyle = '#c9a227'; g.fillRect(0, 0, 640, 400); g.fillStyle = '#5a3e1b'; g.fillRect(40, 200, 560, 160);
	const blob = await new Promise(r => c.toBlob(r, 'image/jpeg', 0.85));
	const file = new File([blob], 'grain.jpg', {type: 'image/jpeg'});
	const dt = new DataTransfer(); dt.items.add(file);
	const a = document.querySelector('.editor-area'); const r = a.lastElementChild.getBoundingClientRect();
	a.dispatchEvent(new DragEvent('dragover', {dataTransfer: dt, bubbles: true, cancelable: true, clientX: r.right - 2, clientY: r.bottom - 4}));
	a.dispatchEvent(new DragEvent('drop', {dataTransfer: dt, bubbles: true, cancelable: true, clientX: r.right - 2, clientY: r.bottom - 4}));
	return true })()`

// toolsLayout checks a newsroom page at a width: nothing wider than the
// screen, the menu on one scrolling row at phone width, the story list's
// titles given room.
func toolsLayout(t *testing.T, nt *newsroomTab, what string, width int64) {
	t.Helper()
	got := newsroomEval[map[string]float64](nt, `(() => { const q = s => document.querySelector(s);
		const nav = q('.admin-nav ul'), links = [...document.querySelectorAll('.admin-nav a')];
		const rows = new Set(links.map(a => Math.round(a.getBoundingClientRect().top)));
		const title = q('.story-rows .title-cell');
		return {page: document.documentElement.scrollWidth, screen: innerWidth, navRows: rows.size,
			title: title ? title.getBoundingClientRect().width : -1} })()`)
	if got["page"] > got["screen"]+1 {
		t.Errorf("%s: the page is %.0f px wide on a %.0f px screen", what, got["page"], got["screen"])
	}
	if width <= 400 && got["navRows"] > 1 {
		t.Errorf("%s: the admin menu takes %.0f rows", what, got["navRows"])
	}
	if got["title"] >= 0 && got["title"] < 250 {
		t.Errorf("%s: the story list's titles are %.0f px wide", what, got["title"])
	}
}

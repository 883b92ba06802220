package web_test

import (
	"context"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/khabarnews/khabar"
)

// TestEditorOwnSavesNeverConflict is item 1 of the day in the newsroom, in
// Chromium: a writer's automatic and manual saves, of the text and of the
// section and tags, follow each other without a false "someone else
// changed…" and without losing a choice.
func TestEditorOwnSavesNeverConflict(t *testing.T) {
	s := newSite(t)
	s.newsroomUser("amal", khabar.RoleAuthor)
	tb := s.openTab(t)
	tb.signIn("amal")
	politics, economy, putin := s.section("politics"), s.section("economy"), s.tag("putin")

	// A new story: type, the autosave creates it, then choose a section and
	// a tag, and Save.
	tb.open("/admin/stories/new?lang=ar")
	tb.do("typing the headline", chromedp.WaitVisible(chromedp.CSS(`.editor-area`)),
		chromedp.SendKeys(chromedp.CSS(`#title`), "مسودة تُحفظ وحدها"),
		chromedp.Click(chromedp.CSS(`.editor-area`)), chromedp.KeyEvent("الفقرة الأولى."))
	if got := tb.autosaveNow(); !strings.HasPrefix(got, "ok: ") {
		t.Fatalf("the first autosave of a new story: %s", got)
	}
	m := regexp.MustCompile(`/admin/stories/(\d+)/ar$`).FindStringSubmatch(eval[string](tb, `location.pathname`))
	if m == nil {
		t.Fatalf("after the first autosave the page is at %s, want the story's editor", eval[string](tb, `location.pathname`))
	}
	id, _ := strconv.ParseInt(m[1], 10, 64)
	tb.choose(`#section`, strconv.FormatInt(politics, 10))
	if got := tb.pickTag("بوت"); got != strconv.FormatInt(putin, 10) {
		t.Fatalf("the tag picker chose tag %s for بوت, want %d", got, putin)
	}
	if st := tb.load("saving", chromedp.Click(chromedp.CSS(`#story-form button[name=do][value=""]`))); st != 200 {
		t.Fatalf("Save after an autosave answered %d: %s", st, eval[string](tb, `document.querySelector('.form-error')?.textContent || document.title`))
	}
	story, err := s.store.Story(context.Background(), id)
	s.must(err)
	if story.SectionID != politics || !slices.Equal(story.TagIDs, []int64{putin}) {
		t.Fatalf("after Save the story has section %d and tags %v, want %d and [%d]", story.SectionID, story.TagIDs, politics, putin)
	}

	// The draft again: tick off the tag, autosave, change the section, and
	// autosave again; then type and autosave once more.
	tb.do("waiting for the editor", chromedp.WaitVisible(chromedp.CSS(`.editor-area`)))
	tb.do("removing the tag", chromedp.Click(chromedp.CSS(`.tag-picker .chosen li:has(input[name=tags][value="`+strconv.FormatInt(putin, 10)+`"]) .token-remove`)))
	if got := tb.autosaveNow(); !strings.HasPrefix(got, "ok: ") {
		t.Fatalf("autosave after unticking a tag: %s", got)
	}
	tb.choose(`#section`, strconv.FormatInt(economy, 10))
	if got := tb.autosaveNow(); !strings.HasPrefix(got, "ok: ") {
		t.Fatalf("autosave after changing the section (after an autosave of the tags): %s", got)
	}
	tb.do("typing more", chromedp.Click(chromedp.CSS(`.editor-area`)), chromedp.KeyEvent(" وجملة أخرى"))
	if got := tb.autosaveNow(); !strings.HasPrefix(got, "ok: ") {
		t.Fatalf("autosave of more text: %s", got)
	}
	story, err = s.store.Story(context.Background(), id)
	s.must(err)
	if story.SectionID != economy || len(story.TagIDs) != 0 {
		t.Fatalf("after the autosaves the story has section %d and tags %v, want %d and none", story.SectionID, story.TagIDs, economy)
	}
	if v := s.storyVersion(id, "ar"); !strings.Contains(v.Body, "وجملة أخرى") {
		t.Fatalf("the autosaved body lost the last words: %s", v.Body)
	}
}

// TestEditorRefusedSaveKeepsEverything: a save refused by the server (an
// empty headline) shows the form as it was typed, and leaving that page
// asks first, since what it holds is saved nowhere.
func TestEditorRefusedSaveKeepsEverything(t *testing.T) {
	s := newSite(t)
	s.newsroomUser("amal", khabar.RoleAuthor)
	tb := s.openTab(t)
	tb.signIn("amal")
	tb.open("/admin/stories/new?lang=ru")
	tb.do("writing", chromedp.WaitVisible(chromedp.CSS(`.editor-area`)),
		chromedp.Click(chromedp.CSS(`.editor-area`)), chromedp.KeyEvent("Текст без заголовка, который нельзя терять."),
		chromedp.SendKeys(chromedp.CSS(`#summary`), "Анонс."))
	tb.choose(`#section`, strconv.FormatInt(s.section("economy"), 10))
	// The browser would not send a form without its required headline: a
	// browser that does not check (or a headline of spaces) reaches the server.
	eval[bool](tb, `(() => { document.getElementById('story-form').noValidate = true; return true })()`)
	if st := tb.load("saving without a headline", chromedp.Click(chromedp.CSS(`#story-form button[name=do][value=""]`))); st != 422 && st != 400 {
		t.Fatalf("a save without a headline answered %d", st)
	}
	got := eval[[]string](tb, `[document.querySelector('.form-error')?.textContent.trim() || '', document.querySelector('.editor-area')?.textContent || '',
		document.querySelector('#summary').value, document.querySelector('#section').value]`)
	if got[0] == "" || !strings.Contains(got[1], "нельзя терять") || got[2] != "Анонс." || got[3] != strconv.FormatInt(s.section("economy"), 10) {
		t.Fatalf("the refused save shows (error, body, summary, section) %q", got)
	}
	if !eval[bool](tb, `(() => { const e = new Event('beforeunload', {cancelable: true}); window.dispatchEvent(e); return e.defaultPrevented })()`) {
		t.Fatal("leaving the page that holds a refused save does not ask first")
	}
}

// TestTranslationSlugFromItsTitle: a translation starts as a copy of the
// original; once the translator writes its headline (saved automatically,
// then by hand), its address is made from that headline, not the
// original's.
func TestTranslationSlugFromItsTitle(t *testing.T) {
	s := newSite(t)
	s.newsroomUser("olga", khabar.RoleTranslator, "ru")
	id := s.ids["column"]
	tb := s.openTab(t)
	tb.signIn("olga")
	tb.open(storyPath(id, "ar"))
	tb.load("starting the Russian translation", chromedp.Click(chromedp.CSS(`form[action$="/translations"]:has(input[name=to][value=ru]) button`)))
	if p := eval[string](tb, `location.pathname`); p != storyPath(id, "ru") {
		t.Fatalf("starting the translation led to %s", p)
	}
	tb.do("writing the headline", chromedp.WaitVisible(chromedp.CSS(`.editor-area`)))
	s.selectAndType(tb, `#title`, "Колонка: экономика в 2024 году")
	if got := tb.autosaveNow(); !strings.HasPrefix(got, "ok: ") {
		t.Fatalf("autosave of the translation: %s", got)
	}
	tb.do("writing the body", chromedp.Click(chromedp.CSS(`.editor-area`)), chromedp.KeyEvent(" Текст колонки."))
	if st := tb.load("saving", chromedp.Click(chromedp.CSS(`#story-form button[name=do][value=""]`))); st != 200 {
		t.Fatalf("saving the translation answered %d", st)
	}
	v := s.storyVersion(id, "ru")
	if !strings.Contains(v.Slug, "ekonomika") && !strings.Contains(v.Slug, "экономика") {
		t.Fatalf("the Russian translation's slug is %q, not made from its headline %q", v.Slug, v.Title)
	}
	if ar := s.storyVersion(id, "ar"); v.Slug == ar.Slug {
		t.Fatalf("the translation kept the original's slug %q", v.Slug)
	}
}

// selectAndType selects the text of a field and types over it.
func (s *site) selectAndType(tb *tab, sel, text string) {
	tb.t.Helper()
	eval[bool](tb, `(() => { const e = document.querySelector('`+sel+`'); e.focus(); e.select(); return true })()`)
	tb.do("typing over "+sel, chromedp.KeyEvent(text))
}

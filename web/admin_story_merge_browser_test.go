package web_test

import (
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/khabarnews/khabar"
)

// mergeBody is the story two editors edit at once: four paragraphs.
const mergeBody = "<p>The council met on Tuesday.</p>\n<p>It approved the plan.</p>\n<p>Residents were divided.</p>\n<p>Work starts in May.</p>"

// caretAtEnd puts the caret at the end of the nth block of the editing area.
func (tb *tab) caretAtEnd(nth int) {
	tb.t.Helper()
	if !eval[bool](tb, `(() => { const a = document.querySelector('.editor-area'); const b = a.children[`+strconv.Itoa(nth)+`]; if (!b) return false;
		a.focus(); const r = document.createRange(); r.selectNodeContents(b); r.collapse(false);
		const s = getSelection(); s.removeAllRanges(); s.addRange(r); return true })()`) {
		tb.t.Fatalf("the editing area has no block %d", nth)
	}
}

// selectWord selects a word of the nth block of the editing area.
func (tb *tab) selectWord(nth int, word string) {
	tb.t.Helper()
	if !eval[bool](tb, `(() => { const a = document.querySelector('.editor-area'); const b = a.children[`+strconv.Itoa(nth)+`];
		const w = document.createTreeWalker(b, NodeFilter.SHOW_TEXT); let n;
		while ((n = w.nextNode())) { const i = n.data.indexOf('`+word+`'); if (i < 0) continue;
			a.focus(); const r = document.createRange(); r.setStart(n, i); r.setEnd(n, i + `+strconv.Itoa(len(word))+`);
			const s = getSelection(); s.removeAllRanges(); s.addRange(r); return true }
		return false })()`) {
		tb.t.Fatalf("block %d of the editing area has no %q", nth, word)
	}
}

// TestTwoEditorsMergeInBrowser: two editors edit the same draft at once.
// Changes to different paragraphs merge by themselves and are shown for
// confirmation; a paragraph both changed is shown side by side, and the
// second editor's choice is kept with its formatting. Nothing either
// typed is lost.
func TestTwoEditorsMergeInBrowser(t *testing.T) {
	s := newSite(t)
	s.newsroomUser("anna", khabar.RoleEditor)
	s.newsroomUser("boris", khabar.RoleEditor)
	_, ed := s.storyLogin("setup", khabar.RoleEditor)
	id := storyCreated(t, ed.do("POST", "/admin/stories/new", url.Values{"lang": {"en"}, "title": {"Council approves the plan"}, "body": {mergeBody}}))

	anna := s.openTab(t)
	anna.signIn("anna")
	boris := anna.secondTab()
	boris.signIn("boris")
	for _, tb := range []*tab{anna, boris} {
		tb.open(storyPath(id, "en"))
		tb.do("waiting for the editor", chromedp.WaitVisible(chromedp.CSS(`.editor-area`)))
	}

	// Different paragraphs: Anna the first, Boris the third (in bold) and
	// the headline.
	anna.caretAtEnd(0)
	anna.do("Anna types", chromedp.KeyEvent(" Anna was there."))
	if st := anna.load("Anna saves", chromedp.Click(chromedp.CSS(`#story-form button[name=do][value=""]`))); st != 200 {
		t.Fatalf("Anna's save answered %d", st)
	}
	boris.selectWord(2, "divided")
	boris.do("Boris makes a word bold", chromedp.Click(chromedp.CSS(`.editor-toolbar button[data-cmd=bold]`)))
	s.selectAndType(boris, `#title`, "Council approves the transport plan")
	if st := boris.load("Boris saves", chromedp.Click(chromedp.CSS(`#story-form button[name=do][value=""]`))); st != 409 {
		t.Fatalf("Boris's save on a stale revision answered %d, want 409 and the merge page", st)
	}
	shot(t, boris, "merge-clean-en.png")
	if got := eval[string](boris, `document.querySelector('.merge-summary')?.textContent.trim() || ''`); !strings.Contains(got, "merge by themselves") {
		t.Fatalf("the merge page of changes in different paragraphs says %q", got)
	}
	if n := eval[int](boris, `document.querySelectorAll('.merge-conflict').length`); n != 0 {
		t.Fatalf("changes in different paragraphs show %d conflicts", n)
	}
	if st := boris.load("Boris saves the merged text", chromedp.Click(chromedp.CSS(`#merge-form button.primary`))); st != 200 {
		t.Fatalf("saving the merged text answered %d", st)
	}
	v := s.storyVersion(id, "en")
	for _, want := range []string{"Anna was there.", "<strong>divided</strong>", "Work starts in May."} {
		if !strings.Contains(v.Body, want) {
			t.Errorf("after the merge the body lacks %q: %s", want, v.Body)
		}
	}
	if v.Title != "Council approves the transport plan" {
		t.Errorf("after the merge the title is %q", v.Title)
	}

	// The same paragraph: Anna and Boris both change the second one.
	anna.open(storyPath(id, "en"))
	anna.do("waiting for the editor", chromedp.WaitVisible(chromedp.CSS(`.editor-area`)))
	boris.do("waiting for the editor", chromedp.WaitVisible(chromedp.CSS(`.editor-area`)))
	anna.caretAtEnd(1)
	anna.do("Anna types", chromedp.KeyEvent(" Unanimously."))
	anna.load("Anna saves", chromedp.Click(chromedp.CSS(`#story-form button[name=do][value=""]`)))
	boris.caretAtEnd(1)
	boris.do("Boris types", chromedp.KeyEvent(" By nine votes to two."))
	boris.caretAtEnd(3)
	boris.do("Boris types more", chromedp.KeyEvent(" Or June."))
	if st := boris.load("Boris saves", chromedp.Click(chromedp.CSS(`#story-form button[name=do][value=""]`))); st != 409 {
		t.Fatalf("Boris's second save answered %d, want 409", st)
	}
	shot(t, boris, "merge-conflict-en.png")
	if n := eval[int](boris, `document.querySelectorAll('.merge-conflict').length`); n != 1 {
		t.Fatalf("one paragraph changed by both shows %d conflicts", n)
	}
	sides := eval[[]string](boris, `[...document.querySelectorAll('.merge-conflict .merge-side .merge-text')].map(e => e.textContent.trim())`)
	if len(sides) != 2 || !strings.Contains(sides[0], "Unanimously.") || !strings.Contains(sides[1], "By nine votes to two.") {
		t.Fatalf("the conflict shows %q side by side", sides)
	}
	// Saving without a choice is refused and keeps everything.
	if st := boris.load("Boris saves without choosing", chromedp.Evaluate[chromedp.Void](`document.getElementById('merge-form').noValidate = true; document.querySelector('#merge-form button.primary').click()`)); st != 422 && st != 409 {
		t.Fatalf("a merge without a choice answered %d", st)
	}
	if n := eval[int](boris, `document.querySelectorAll('.merge-conflict').length`); n != 1 {
		t.Fatal("the refused merge lost the conflict")
	}
	boris.do("Boris keeps his paragraph", chromedp.Click(chromedp.CSS(`.merge-conflict .merge-side-mine input`)))
	if st := boris.load("Boris saves the merged text", chromedp.Click(chromedp.CSS(`#merge-form button.primary`))); st != 200 {
		t.Fatalf("saving the merged text answered %d", st)
	}
	v = s.storyVersion(id, "en")
	for _, want := range []string{"Anna was there.", "<strong>divided</strong>", "By nine votes to two.", "Or June."} {
		if !strings.Contains(v.Body, want) {
			t.Errorf("after the second merge the body lacks %q: %s", want, v.Body)
		}
	}
	if strings.Contains(v.Body, "Unanimously.") {
		t.Errorf("Boris chose his paragraph, yet Anna's is saved: %s", v.Body)
	}
	revs, _ := s.store.Revisions(t.Context(), id, "en")
	found := false
	for _, r := range revs {
		found = found || strings.Contains(r.Body, "Unanimously.")
	}
	if !found {
		t.Error("Anna's paragraph is not in the history either")
	}
}

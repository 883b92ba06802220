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

// TestTranslatorWritesImageTexts: a story's lead image has its texts in
// Arabic only; the translations page lists it for Russian; the translator
// writes the Russian caption, credit and alt from the story's Russian
// editor, saved in place without leaving what they are writing; the gap
// goes, and the Russian article shows the Russian credit.
func TestTranslatorWritesImageTexts(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	photo, err := s.store.Media(ctx, s.storyLead(s.ids["summit"]))
	s.must(err)
	m := &khabar.Media{Key: photo.Key, MIME: photo.MIME, Width: photo.Width, Height: photo.Height, Size: photo.Size,
		Credit: khabar.Text{"ar": "تصوير: أحمد سليمان"}, Caption: khabar.Text{"ar": "مدخل القاعة"}, Alt: khabar.Text{"ar": "باب خشبي"}}
	m.Key = "test/hall.jpg"
	s.must(s.store.CreateMedia(ctx, m))
	st := &khabar.Story{LeadMediaID: m.ID}
	s.must(s.store.CreateStory(ctx, st, []*khabar.Version{
		{Lang: "ar", Title: "افتتاح القاعة الجديدة", Slug: "افتتاح-القاعة", Body: "<p>نص.</p>"},
		{Lang: "ru", Title: "Открытие нового зала", Slug: "otkrytie-zala", Body: "<p>Текст.</p>"},
	}))
	_, b := s.storyLogin("olga", khabar.RoleTranslator, "ru")
	gaps := b.do("GET", "/admin/translations", nil).want(t, 200, "the translations page")
	if !strings.Contains(between(gaps.body, `id="gaps-ru"`, `</section>`), `href="/admin/stories/`+strconv.FormatInt(st.ID, 10)+`/ru#images"`) {
		t.Fatal("the translations page does not list the image without Russian texts")
	}
	// Not in another language, not for an image the story does not show.
	b.do("POST", storyPath(st.ID, "ar")+"/media/"+strconv.FormatInt(m.ID, 10), url.Values{"caption": {"x"}}).want(t, http.StatusForbidden, "another language")
	b.do("POST", storyPath(st.ID, "ru")+"/media/"+strconv.FormatInt(photo.ID, 10), url.Values{"caption": {"x"}}).want(t, http.StatusBadRequest, "an image not in the story")

	tb := s.openTab(t)
	tb.signIn("olga")
	tb.open(storyPath(st.ID, "ru"))
	tb.do("waiting for the editor", chromedp.WaitVisible(chromedp.CSS(`.editor-area`)))
	tb.caretAtEnd(0)
	tb.do("typing in the story", chromedp.KeyEvent(" Ещё предложение."))
	form := `#images form[action$="/media/` + strconv.FormatInt(m.ID, 10) + `"]`
	tb.do("writing the image's texts",
		chromedp.SendKeys(chromedp.CSS(form+` input[name=caption]`), "Вход в зал"),
		chromedp.SendKeys(chromedp.CSS(form+` input[name=credit]`), "Фото: Ахмед Сулейман"),
		chromedp.SendKeys(chromedp.CSS(form+` input[name=alt]`), "Деревянная дверь"),
		chromedp.Click(chromedp.CSS(form+` button[type=submit]`)))
	got := eval[string](tb, `(async () => { const o = document.querySelector('`+form+` .async-status');
		for (let i = 0; i < 60 && !o.textContent; i++) await new Promise(r => setTimeout(r, 50)); return o.textContent })()`)
	if !strings.Contains(got, "saved") {
		t.Fatalf("saving the image's texts says %q", got)
	}
	if body := eval[string](tb, `document.querySelector('.editor-area').textContent`); !strings.Contains(body, "Ещё предложение.") {
		t.Fatalf("saving the image's texts lost what was being written: %q", body)
	}
	shot(t, tb, "editor-images-ru.png")
	saved, err := s.store.Media(ctx, m.ID)
	s.must(err)
	if saved.Caption["ru"] != "Вход в зал" || saved.Credit["ru"] != "Фото: Ахмед Сулейман" || saved.Alt["ru"] != "Деревянная дверь" || saved.Credit["ar"] != "تصوير: أحمد سليمان" {
		t.Fatalf("the image's texts after the translator's save: %+v %+v %+v", saved.Caption, saved.Credit, saved.Alt)
	}
	if gs, _ := s.store.MediaTextGaps(ctx, "ru", 50); len(gs) != 0 {
		t.Fatalf("still listed as missing: %+v", gs)
	}
}

// storyLead is the lead image of a story.
func (s *site) storyLead(id int64) int64 {
	st, err := s.store.Story(context.Background(), id)
	s.must(err)
	return st.LeadMediaID
}

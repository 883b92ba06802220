package newsroom_test

import (
	"strings"
	"testing"
	"time"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/newsroom"
)

// published makes an Arabic story by the author with a Russian
// translation, both published by the editor.
func (e *env) published(t *testing.T) (*khabar.Story, *khabar.Version, *khabar.Version) {
	t.Helper()
	st, ar, err := e.svc.CreateStory(ctx, e.author, newsroom.StoryInput{}, newsroom.VersionInput{Lang: "ar", Title: "قمة في قازان", Body: "<p>نص أول.</p><p>نص ثان.</p>"})
	must(t, err)
	ar, err = e.svc.Transition(ctx, e.editor, st.ID, "ar", khabar.StatusPublished, time.Time{}, ar.Revision)
	must(t, err)
	ru, err := e.svc.StartTranslation(ctx, e.tran, st.ID, "ru")
	must(t, err)
	ru, err = e.svc.SaveVersion(ctx, e.tran, st.ID, newsroom.VersionInput{Lang: "ru", Title: "Саммит в Казани", Body: "<p>Первый текст.</p><p>Второй текст.</p>", BaseRevision: ru.Revision})
	must(t, err)
	ru, err = e.svc.Transition(ctx, e.editor, st.ID, "ru", khabar.StatusPublished, time.Time{}, ru.Revision)
	must(t, err)
	return st, ar, ru
}

func (e *env) version(t *testing.T, id int64, lang string) khabar.Version {
	t.Helper()
	vs, err := e.store.Versions(ctx, id)
	must(t, err)
	for _, v := range vs {
		if v.Lang == lang {
			return v
		}
	}
	t.Fatalf("story %d has no %s version", id, lang)
	return khabar.Version{}
}

func TestRecallAndNotes(t *testing.T) {
	e := newEnv(t)
	st, v, err := e.svc.CreateStory(ctx, e.author, newsroom.StoryInput{}, newsroom.VersionInput{Lang: "en", Title: "Draft"})
	must(t, err)
	saved, err := e.svc.SaveStory(ctx, e.author, st.ID, newsroom.Edit{Version: newsroom.VersionInput{Lang: "en", Title: "Draft", BaseRevision: v.Revision},
		Move: khabar.StatusReview, Note: "Please check the figures in paragraph 2."})
	must(t, err)
	if v = saved.Version; v.Note != "Please check the figures in paragraph 2." || v.NoteBy != e.author.ID {
		t.Fatalf("after submitting with a note: note %q by %d", v.Note, v.NoteBy)
	}
	// Another author may not take it back; its author may.
	_, err = e.svc.Transition(ctx, e.other, st.ID, "en", khabar.StatusDraft, time.Time{}, v.Revision)
	code(t, err, khabar.EForbidden)
	if !newsroom.CanTransition(e.author, st, v, khabar.StatusDraft) {
		t.Error("CanTransition says the author may not take back their submission")
	}
	// Taken back with what the author typed meanwhile: moved first, then saved.
	saved, err = e.svc.SaveStory(ctx, e.author, st.ID, newsroom.Edit{Version: newsroom.VersionInput{Lang: "en", Title: "Draft, revised", BaseRevision: v.Revision},
		Move: khabar.StatusDraft})
	must(t, err)
	if v = saved.Version; v.Status != khabar.StatusDraft || v.Note != "" || v.Title != "Draft, revised" {
		t.Fatalf("taken back: status %s, note %q (a move without a note clears it), title %q", v.Status, v.Note, v.Title)
	}
	// Submitted again; the editor sends it back with a note, which stays
	// while the author edits.
	v, err = e.svc.Transition(ctx, e.author, st.ID, "en", khabar.StatusReview, time.Time{}, v.Revision)
	must(t, err)
	saved, err = e.svc.SaveStory(ctx, e.editor, st.ID, newsroom.Edit{Version: newsroom.VersionInput{Lang: "en", Title: "Draft", BaseRevision: v.Revision},
		Move: khabar.StatusDraft, Note: "Needs a second source."})
	must(t, err)
	v, err = e.svc.SaveVersion(ctx, e.author, st.ID, newsroom.VersionInput{Lang: "en", Title: "Draft, sourced", BaseRevision: saved.Version.Revision})
	must(t, err)
	if got := e.version(t, st.ID, "en"); got.Note != "Needs a second source." || got.NoteBy != e.editor.ID {
		t.Fatalf("after the author's edit the note is %q by %d, want the editor's", got.Note, got.NoteBy)
	}
	revs, err := e.store.Revisions(ctx, st.ID, "en")
	must(t, err)
	var notes []string
	for _, r := range revs {
		if r.Note != "" {
			notes = append(notes, r.Note)
		}
	}
	if strings.Join(notes, "|") != "Please check the figures in paragraph 2.|Needs a second source." {
		t.Errorf("the history keeps the notes %q", notes)
	}
	// A note too long is refused, and nothing moves.
	_, err = e.svc.SaveStory(ctx, e.author, st.ID, newsroom.Edit{Version: newsroom.VersionInput{Lang: "en", Title: "Draft, sourced", BaseRevision: v.Revision},
		Move: khabar.StatusReview, Note: strings.Repeat("x", khabar.MaxNoteRunes+1)})
	code(t, err, khabar.EInvalid)
	if got := e.version(t, st.ID, "en"); got.Status != khabar.StatusDraft {
		t.Fatalf("a refused note moved the version to %s", got.Status)
	}
}

func TestReschedule(t *testing.T) {
	e := newEnv(t)
	st, v, err := e.svc.CreateStory(ctx, e.editor, newsroom.StoryInput{}, newsroom.VersionInput{Lang: "en", Title: "Embargoed"})
	must(t, err)
	first := e.clock.now.Add(time.Hour)
	v, err = e.svc.Transition(ctx, e.editor, st.ID, "en", khabar.StatusScheduled, first, v.Revision)
	must(t, err)
	later := first.Add(2 * time.Hour)
	v, err = e.svc.Transition(ctx, e.editor, st.ID, "en", khabar.StatusScheduled, later, v.Revision)
	must(t, err)
	if v.Status != khabar.StatusScheduled || !v.PublishedAt.Equal(later) {
		t.Fatalf("rescheduled: %s at %v, want scheduled at %v", v.Status, v.PublishedAt, later)
	}
	e.clock.now = first.Add(time.Minute)
	if n, _ := e.svc.PublishDue(ctx); n != 0 {
		t.Fatal("published at the old time")
	}
	e.clock.now = later.Add(time.Second)
	if n, _ := e.svc.PublishDue(ctx); n != 1 {
		t.Fatal("not published at the new time")
	}
}

func TestExpiry(t *testing.T) {
	e := newEnv(t)
	st, _, ru := e.published(t)
	at := e.clock.now.Add(time.Hour)
	// A translator may not set it, nor may anyone set a time gone by.
	_, err := e.svc.SaveStory(ctx, e.tran, st.ID, newsroom.Edit{Version: newsroom.VersionInput{Lang: "ru", Title: ru.Title, Body: ru.Body, BaseRevision: ru.Revision}, Expiry: &at})
	code(t, err, khabar.EForbidden)
	past := e.clock.now.Add(-time.Minute)
	_, err = e.svc.SaveStory(ctx, e.editor, st.ID, newsroom.Edit{Version: newsroom.VersionInput{Lang: "ru", Title: ru.Title, Body: ru.Body, BaseRevision: ru.Revision}, Expiry: &past})
	code(t, err, khabar.EInvalid)
	saved, err := e.svc.SaveStory(ctx, e.editor, st.ID, newsroom.Edit{Version: newsroom.VersionInput{Lang: "ru", Title: ru.Title, Body: ru.Body, BaseRevision: ru.Revision}, Expiry: &at})
	must(t, err)
	if !saved.Version.ExpiresAt.Equal(at) {
		t.Fatalf("expiry %v, want %v", saved.Version.ExpiresAt, at)
	}
	e.clock.now = at.Add(-time.Second)
	if n, _ := e.svc.PublishDue(ctx); n != 0 {
		t.Fatal("taken down before its time")
	}
	e.clock.now = at.Add(time.Second)
	if n, err := e.svc.PublishDue(ctx); n != 1 || err != nil {
		t.Fatalf("at its time the scheduler moved %d versions (%v), want 1", n, err)
	}
	if _, err := e.store.Article(ctx, st.ID, "ru"); !khabar.IsNotFound(err) {
		t.Fatalf("the expired version is still on the site: %v", err)
	}
	if _, err := e.store.Article(ctx, st.ID, "ar"); err != nil {
		t.Fatalf("the other language went too: %v", err)
	}
	got := e.version(t, st.ID, "ru")
	if got.Status != khabar.StatusUnpublished || !got.ExpiresAt.IsZero() || !got.Withdrawn() {
		t.Fatalf("after expiry: %+v", got)
	}
	log, _, _ := e.store.AuditLog(ctx, khabar.AuditFilter{Object: "story/", Limit: 1})
	if log[0].Action != "version.unpublished" || log[0].Detail != "scheduled unpublishing" {
		t.Errorf("the audit log has %+v", log[0])
	}
}

func TestCorrections(t *testing.T) {
	e := newEnv(t)
	st, ar, _ := e.published(t)
	e.clock.now = e.clock.now.Add(time.Hour)
	_, err := e.svc.SaveStory(ctx, e.author, st.ID, newsroom.Edit{Version: newsroom.VersionInput{Lang: "ar", Title: ar.Title, Body: ar.Body, BaseRevision: ar.Revision},
		Correction: &newsroom.CorrectionInput{Kind: khabar.KindCorrection, Note: "x"}})
	code(t, err, khabar.EForbidden)
	err = e.svc.Correct(ctx, e.editor, st.ID, "ar", newsroom.CorrectionInput{Kind: "oops", Note: "x"})
	code(t, err, khabar.EInvalid)
	err = e.svc.Correct(ctx, e.editor, st.ID, "ar", newsroom.CorrectionInput{Kind: khabar.KindCorrection, Note: " "})
	code(t, err, khabar.EInvalid)
	saved, err := e.svc.SaveStory(ctx, e.editor, st.ID, newsroom.Edit{
		Version:    newsroom.VersionInput{Lang: "ar", Title: ar.Title, Body: "<p>نص أول مصحح.</p><p>نص ثان.</p>", BaseRevision: ar.Revision},
		Correction: &newsroom.CorrectionInput{Kind: khabar.KindCorrection, Note: "ذكرت نسخة سابقة تاريخاً خاطئاً للقمة."}})
	must(t, err)
	a, err := e.store.Article(ctx, st.ID, "ar")
	must(t, err)
	if len(a.Corrections) != 1 || a.Corrections[0].Kind != khabar.KindCorrection || !a.Corrections[0].At.Equal(e.clock.now) || !a.UpdatedAt.Equal(e.clock.now) {
		t.Fatalf("article corrections %+v, updated %v", a.Corrections, a.UpdatedAt)
	}
	if !strings.Contains(a.Body, "مصحح") || saved.Version.Body != a.Body {
		t.Errorf("the fix saved with the correction is not live: %s", a.Body)
	}
	// Only a published version takes a notice.
	_, d, err := e.svc.CreateStory(ctx, e.editor, newsroom.StoryInput{}, newsroom.VersionInput{Lang: "en", Title: "Draft"})
	must(t, err)
	err = e.svc.Correct(ctx, e.editor, d.StoryID, "en", newsroom.CorrectionInput{Kind: khabar.KindUpdate, Note: "Later."})
	code(t, err, khabar.EInvalid)
}

func TestUnpublishStory(t *testing.T) {
	e := newEnv(t)
	st, _, _ := e.published(t)
	en, err := e.svc.StartTranslation(ctx, e.editor, st.ID, "en")
	must(t, err)
	_, err = e.svc.Transition(ctx, e.editor, st.ID, "en", khabar.StatusScheduled, e.clock.now.Add(time.Hour), en.Revision)
	must(t, err)
	_, err = e.svc.UnpublishStory(ctx, e.author, st.ID, "", nil)
	code(t, err, khabar.EForbidden)
	n, err := e.svc.UnpublishStory(ctx, e.editor, st.ID, "legal", map[string]string{"ar": "سُحب المقال بطلب من المصدر.", "ru": "Статья снята по просьбе источника."})
	must(t, err)
	if n != 3 {
		t.Fatalf("moved %d versions, want 3", n)
	}
	for l, want := range map[string]khabar.Status{"ar": khabar.StatusUnpublished, "ru": khabar.StatusUnpublished, "en": khabar.StatusDraft} {
		v := e.version(t, st.ID, l)
		if v.Status != want {
			t.Errorf("%s: %s, want %s", l, v.Status, want)
		}
		if _, err := e.store.Article(ctx, st.ID, l); !khabar.IsNotFound(err) {
			t.Errorf("%s still on the site", l)
		}
	}
	if v := e.version(t, st.ID, "ru"); v.WithdrawalNote != "Статья снята по просьбе источника." || v.Note != "legal" {
		t.Errorf("ru: withdrawal note %q, note %q", v.WithdrawalNote, v.Note)
	}
	_, err = e.svc.UnpublishStory(ctx, e.editor, st.ID, "", nil)
	code(t, err, khabar.EInvalid)
	// Published again, the notice for readers goes.
	ar := e.version(t, st.ID, "ar")
	v, err := e.svc.Transition(ctx, e.editor, st.ID, "ar", khabar.StatusPublished, time.Time{}, ar.Revision)
	must(t, err)
	if v.WithdrawalNote != "" {
		t.Errorf("republished with the withdrawal note %q", v.WithdrawalNote)
	}
}

func TestPendingUpdateOfPublishedTranslation(t *testing.T) {
	e := newEnv(t)
	st, ar, ru := e.published(t)
	// The original changes: the live translation is outdated.
	ar, err := e.svc.SaveVersion(ctx, e.editor, st.ID, newsroom.VersionInput{Lang: "ar", Title: ar.Title, Body: "<p>نص أول.</p><p>نص ثان معدّل.</p>", BaseRevision: ar.Revision})
	must(t, err)
	if gaps, _ := e.store.TranslationGaps(ctx, "ru", 5); len(gaps) != 1 {
		t.Fatalf("gaps %+v, want the outdated Russian version", gaps)
	}
	// The translator updates it beside the original: a pending update, the
	// live text unchanged.
	saved, err := e.svc.SaveStory(ctx, e.tran, st.ID, newsroom.Edit{Version: newsroom.VersionInput{Lang: "ru", Title: ru.Title,
		Body: "<p>Первый текст.</p><p>Второй текст, исправленный.</p>", BaseRevision: ru.Revision, Synced: ar.Revision, Note: "По новой версии оригинала."}})
	must(t, err)
	pv := saved.Version
	if pv.PendingRevision == 0 || pv.PendingRevision != pv.Revision || pv.PendingSynced != ar.Revision {
		t.Fatalf("after the translator's save: %+v", pv)
	}
	a, err := e.store.Article(ctx, st.ID, "ru")
	must(t, err)
	if strings.Contains(a.Body, "исправленный") || !a.UpdatedAt.Equal(ru.UpdatedAt) {
		t.Fatalf("the pending update went live: %s (updated %v)", a.Body, a.UpdatedAt)
	}
	w, err := e.svc.Working(ctx, pv)
	must(t, err)
	if !w.Pending || !strings.Contains(w.Body, "исправленный") || w.Note != "По новой версии оригинала." {
		t.Fatalf("the working text = %+v", w)
	}
	// The translator goes on: the update grows; a stale base conflicts.
	_, err = e.svc.SaveVersion(ctx, e.tran, st.ID, newsroom.VersionInput{Lang: "ru", Title: "Саммит в Казани завершён", Body: w.Body, BaseRevision: ru.Revision})
	code(t, err, khabar.EConflict)
	pv, err = e.svc.SaveVersion(ctx, e.tran, st.ID, newsroom.VersionInput{Lang: "ru", Title: "Саммит в Казани завершён", Body: w.Body, BaseRevision: pv.Revision})
	must(t, err)
	// The translator may not publish it (the site does not allow it); the
	// editor does.
	if newsroom.CanPublishUpdate(e.tran, khabar.DefaultSettings(), st, pv) {
		t.Error("CanPublishUpdate allows the translator by default")
	}
	_, err = e.svc.Transition(ctx, e.tran, st.ID, "ru", khabar.StatusPublished, time.Time{}, pv.Revision)
	code(t, err, khabar.EForbidden)
	live, err := e.svc.Transition(ctx, e.editor, st.ID, "ru", khabar.StatusPublished, time.Time{}, pv.Revision)
	must(t, err)
	if live.PendingRevision != 0 || live.Title != "Саммит в Казани завершён" || live.Slug != ru.Slug || live.SyncedRevision != ar.Revision {
		t.Fatalf("after publishing the update: %+v", live)
	}
	if gaps, _ := e.store.TranslationGaps(ctx, "ru", 5); len(gaps) != 0 {
		t.Fatalf("still outdated after the update went live: %+v", gaps)
	}
	a, err = e.store.Article(ctx, st.ID, "ru")
	must(t, err)
	if !strings.Contains(a.Body, "исправленный") || a.Title != "Саммит в Казани завершён" {
		t.Fatalf("the published update is not on the site: %s", a.Body)
	}

	// Where the site allows it, the translator publishes their own update;
	// a discarded update leaves the live text and stays in the history.
	s := khabar.DefaultSettings()
	s.TranslatorsPublishUpdates = true
	must(t, e.store.SaveSettings(ctx, s))
	pv, err = e.svc.SaveVersion(ctx, e.tran, st.ID, newsroom.VersionInput{Lang: "ru", Title: "Итоги саммита", Body: a.Body, BaseRevision: live.Revision})
	must(t, err)
	_, err = e.svc.DiscardUpdate(ctx, e.other, st.ID, "ru", pv.Revision)
	code(t, err, khabar.EForbidden)
	d, err := e.svc.DiscardUpdate(ctx, e.tran, st.ID, "ru", pv.Revision)
	must(t, err)
	if d.PendingRevision != 0 || d.Title != "Саммит в Казани завершён" {
		t.Fatalf("after discarding: %+v", d)
	}
	pv, err = e.svc.SaveVersion(ctx, e.tran, st.ID, newsroom.VersionInput{Lang: "ru", Title: "Итоги саммита", Body: a.Body, BaseRevision: d.Revision})
	must(t, err)
	if _, err := e.svc.Transition(ctx, e.tran, st.ID, "ru", khabar.StatusPublished, time.Time{}, pv.Revision); err != nil {
		t.Fatalf("the translator may not publish their update where the site allows it: %v", err)
	}
	if a, _ = e.store.Article(ctx, st.ID, "ru"); a.Title != "Итоги саммита" {
		t.Fatalf("title on the site %q", a.Title)
	}
	revs, _ := e.store.Revisions(ctx, st.ID, "ru")
	pending := 0
	for _, r := range revs {
		if r.Pending {
			pending++
		}
	}
	if pending != 4 {
		t.Errorf("the history marks %d revisions as pending updates, want 4", pending)
	}
}

func TestTranslationSavedAgainstLatestOriginalIsUpToDate(t *testing.T) {
	e := newEnv(t)
	st, ar, err := e.svc.CreateStory(ctx, e.editor, newsroom.StoryInput{}, newsroom.VersionInput{Lang: "ar", Title: "قمة", Body: "<p>نص</p>"})
	must(t, err)
	ru, err := e.svc.StartTranslation(ctx, e.tran, st.ID, "ru")
	must(t, err)
	ar, err = e.svc.SaveVersion(ctx, e.editor, st.ID, newsroom.VersionInput{Lang: "ar", Title: "قمة", Body: "<p>نص جديد</p>", BaseRevision: ar.Revision})
	must(t, err)
	// Saved with an older original beside it: still outdated.
	ru, err = e.svc.SaveVersion(ctx, e.tran, st.ID, newsroom.VersionInput{Lang: "ru", Title: "Саммит", Body: "<p>Текст</p>", BaseRevision: ru.Revision, Synced: ar.Revision - 1})
	must(t, err)
	if gaps, _ := e.store.TranslationGaps(ctx, "ru", 5); len(gaps) != 1 {
		t.Fatalf("gaps %+v: a save against an older original made it up to date", gaps)
	}
	// Saved with the latest original beside it: up to date by itself.
	_, err = e.svc.SaveVersion(ctx, e.tran, st.ID, newsroom.VersionInput{Lang: "ru", Title: "Саммит", Body: "<p>Новый текст</p>", BaseRevision: ru.Revision, Synced: ar.Revision})
	must(t, err)
	if gaps, _ := e.store.TranslationGaps(ctx, "ru", 5); len(gaps) != 0 {
		t.Fatalf("gaps %+v after a save against the latest original", gaps)
	}
}

func TestMediaTextsPerLanguage(t *testing.T) {
	e := newEnv(t)
	m := &khabar.Media{Key: "test/a.jpg", MIME: "image/jpeg", Width: 10, Height: 10, Size: 1,
		Credit: khabar.Text{"ar": "تصوير: أحمد سليمان"}, Caption: khabar.Text{"ar": "قاعة القمة"}, Alt: khabar.Text{"ar": "طاولة"}}
	must(t, e.store.CreateMedia(ctx, m))
	other := &khabar.Media{Key: "test/b.jpg", MIME: "image/jpeg", Width: 10, Height: 10, Size: 1, Credit: khabar.Text{"ar": "وكالة"}}
	must(t, e.store.CreateMedia(ctx, other))
	st, _, err := e.svc.CreateStory(ctx, e.author, newsroom.StoryInput{LeadMediaID: m.ID}, newsroom.VersionInput{Lang: "ar", Title: "قمة"})
	must(t, err)
	_, err = e.svc.StartTranslation(ctx, e.tran, st.ID, "ru")
	must(t, err)
	if gaps, _ := e.store.MediaTextGaps(ctx, "ru", 10); len(gaps) != 1 || gaps[0].StoryID != st.ID || gaps[0].Caption {
		t.Fatalf("the Russian image texts missing: %+v", gaps)
	}
	ru := newsroom.MediaTexts{Lang: "ru", StoryID: st.ID, Credit: khabar.Text{"ru": "Фото: Ахмед Сулейман"}, Caption: khabar.Text{"ru": "Зал саммита"}, Alt: khabar.Text{"ru": "Стол"}}
	// The translator: not without a story, not in another language, not an
	// image the story does not show, not the whole library.
	_, err = e.svc.SaveMediaTexts(ctx, e.tran, m.ID, newsroom.MediaTexts{Lang: "ru", Credit: ru.Credit})
	code(t, err, khabar.EForbidden)
	en := ru
	en.Lang = "en"
	_, err = e.svc.SaveMediaTexts(ctx, e.tran, m.ID, en)
	code(t, err, khabar.EForbidden)
	_, err = e.svc.SaveMediaTexts(ctx, e.tran, other.ID, ru)
	code(t, err, khabar.EInvalid)
	_, err = e.svc.SaveMediaTexts(ctx, e.tran, m.ID, newsroom.MediaTexts{Credit: khabar.Text{"ru": "x"}})
	code(t, err, khabar.EForbidden)
	got, err := e.svc.SaveMediaTexts(ctx, e.tran, m.ID, ru)
	must(t, err)
	if got.Credit["ru"] != "Фото: Ахмед Сулейман" || got.Credit["ar"] != "تصوير: أحمد سليمان" || got.Alt["ru"] != "Стол" {
		t.Fatalf("after the translator's save: %+v", got)
	}
	if gaps, _ := e.store.MediaTextGaps(ctx, "ru", 10); len(gaps) != 0 {
		t.Fatalf("still missing: %+v", gaps)
	}
	// The story's author may fix them in any language; another author not.
	_, err = e.svc.SaveMediaTexts(ctx, e.other, m.ID, newsroom.MediaTexts{Lang: "ar", StoryID: st.ID, Caption: khabar.Text{"ar": "x"}})
	code(t, err, khabar.EForbidden)
	got, err = e.svc.SaveMediaTexts(ctx, e.author, m.ID, newsroom.MediaTexts{Lang: "en", StoryID: st.ID, Caption: khabar.Text{"en": "The summit hall"}})
	must(t, err)
	if got.Caption["en"] != "The summit hall" || got.Caption["ru"] != "Зал саммита" {
		t.Fatalf("after the author's save: %+v", got.Caption)
	}
}

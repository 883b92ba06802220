package newsroom_test

import (
	"bytes"
	"context"
	"image"
	"image/jpeg"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/media"
	"github.com/khabarnews/khabar/newsroom"
	"github.com/khabarnews/khabar/sqlstore"
	"github.com/khabarnews/khabar/sqlstore/sqltest"
)

var ctx = context.Background()

type clock struct{ now time.Time }

func (c *clock) Now() time.Time { return c.now }

type env struct {
	store                              *sqlstore.DB
	svc                                *newsroom.Service
	clock                              *clock
	admin, editor, author, other, tran *khabar.User
}

func newEnv(t *testing.T) *env {
	t.Helper()
	c := &clock{now: time.Date(2026, 11, 28, 10, 0, 0, 0, time.UTC)}
	db := sqltest.Open(t, sqlstore.WithClock(c.Now))
	e := &env{store: db, clock: c, svc: newsroom.New(db, nil, c.Now, slog.New(slog.NewTextHandler(io.Discard, nil)))}
	mk := func(login string, role khabar.Role, langs ...string) *khabar.User {
		u := &khabar.User{Login: login, Slug: login, Names: khabar.Text{"en": login}, Role: role, Languages: langs}
		if err := db.CreateUser(ctx, u); err != nil {
			t.Fatal(err)
		}
		return u
	}
	e.admin, e.editor, e.author = mk("admin", khabar.RoleAdmin), mk("editor", khabar.RoleEditor), mk("author", khabar.RoleAuthor)
	e.other, e.tran = mk("other", khabar.RoleAuthor), mk("tran", khabar.RoleTranslator, "ru")
	return e
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func code(t *testing.T, err error, want khabar.Code) {
	t.Helper()
	if got := khabar.ErrorCode(err); got != want {
		t.Fatalf("error = %v (%s), want %s", err, got, want)
	}
}

const pasted = `<p class="MsoNormal" dir="RTL"><span style="font-family:Arial">بوتين يستضيف لقاءً في موسكو</span><o:p></o:p></p>
<p>&nbsp;</p><p>` + "\u00a0" + `</p><script>alert(1)</script><h2>القمم كـ تقليد</h2>`

func TestAuthorWritesEditorPublishes(t *testing.T) {
	e := newEnv(t)
	st, v, err := e.svc.CreateStory(ctx, e.author, newsroom.StoryInput{}, newsroom.VersionInput{Lang: "ar", Title: " بوتين يستضيف قمةً غير رسمية ", Body: pasted})
	must(t, err)
	if v.Slug != "بوتين-يستضيف-قمة-غير-رسمية" {
		t.Errorf("slug = %q, want one made from the title without tashkeel", v.Slug)
	}
	if strings.Contains(v.Body, "script") || strings.Contains(v.Body, "Mso") || strings.Contains(v.Body, "\u00a0") || !strings.Contains(v.Body, "كـ تقليد") {
		t.Errorf("body not cleaned as it should be: %q", v.Body)
	}
	if st.AuthorIDs[0] != e.author.ID || v.Status != khabar.StatusDraft {
		t.Fatalf("story %+v version %+v", st, v)
	}
	// The author cannot publish, another author cannot edit.
	_, err = e.svc.Transition(ctx, e.author, st.ID, "ar", khabar.StatusPublished, time.Time{}, v.Revision)
	code(t, err, khabar.EForbidden)
	_, err = e.svc.SaveVersion(ctx, e.other, st.ID, newsroom.VersionInput{Lang: "ar", Title: "x", BaseRevision: v.Revision})
	code(t, err, khabar.EForbidden)
	// Submit, then the author may no longer edit; the editor publishes.
	v, err = e.svc.Transition(ctx, e.author, st.ID, "ar", khabar.StatusReview, time.Time{}, v.Revision)
	must(t, err)
	_, err = e.svc.SaveVersion(ctx, e.author, st.ID, newsroom.VersionInput{Lang: "ar", Title: "x", BaseRevision: v.Revision})
	code(t, err, khabar.EForbidden)
	_, err = e.svc.Transition(ctx, e.editor, st.ID, "ar", khabar.StatusPublished, time.Time{}, v.Revision-1)
	code(t, err, khabar.EConflict)
	v, err = e.svc.Transition(ctx, e.editor, st.ID, "ar", khabar.StatusPublished, time.Time{}, v.Revision)
	must(t, err)
	if !v.PublishedAt.Equal(e.clock.now) {
		t.Errorf("published at %v", v.PublishedAt)
	}
	if _, err := e.store.Article(ctx, st.ID, "ar"); err != nil {
		t.Fatalf("not on the site after publishing: %v", err)
	}
	_, err = e.svc.Transition(ctx, e.editor, st.ID, "ar", khabar.StatusReview, time.Time{}, v.Revision)
	code(t, err, khabar.EInvalid)
	v, err = e.svc.Transition(ctx, e.editor, st.ID, "ar", khabar.StatusUnpublished, time.Time{}, v.Revision)
	must(t, err)
	if _, err := e.store.Article(ctx, st.ID, "ar"); !khabar.IsNotFound(err) {
		t.Fatalf("still on the site after unpublishing: %v", err)
	}
	log, _, err := e.store.AuditLog(ctx, khabar.AuditFilter{Object: "story/", Limit: 20})
	must(t, err)
	var actions []string
	for _, a := range log {
		actions = append(actions, a.Action)
	}
	if got := strings.Join(actions, " "); got != "version.unpublished version.published version.review story.create" {
		t.Errorf("audit trail = %q", got)
	}
}

func TestScheduledPublishing(t *testing.T) {
	e := newEnv(t)
	st, v, err := e.svc.CreateStory(ctx, e.editor, newsroom.StoryInput{}, newsroom.VersionInput{Lang: "en", Title: "Tomorrow's summit"})
	must(t, err)
	_, err = e.svc.Transition(ctx, e.editor, st.ID, "en", khabar.StatusScheduled, e.clock.now.Add(-time.Minute), v.Revision)
	code(t, err, khabar.EInvalid)
	at := e.clock.now.Add(30 * time.Minute)
	_, err = e.svc.Transition(ctx, e.editor, st.ID, "en", khabar.StatusScheduled, at, v.Revision)
	must(t, err)
	n, err := e.svc.PublishDue(ctx)
	must(t, err)
	if n != 0 {
		t.Fatal("published before its time")
	}
	e.clock.now = at.Add(time.Second)
	if n, _ = e.svc.PublishDue(ctx); n != 1 {
		t.Fatalf("published %d at its time, want 1", n)
	}
	if n, _ = e.svc.PublishDue(ctx); n != 0 {
		t.Fatalf("published again: %d", n)
	}
	a, err := e.store.Article(ctx, st.ID, "en")
	must(t, err)
	if !a.PublishedAt.Equal(at) {
		t.Errorf("published at %v, want the scheduled time %v", a.PublishedAt, at)
	}
	log, _, _ := e.store.AuditLog(ctx, khabar.AuditFilter{Object: "story/", Limit: 1})
	if log[0].Action != "version.published" || log[0].UserID != 0 {
		t.Errorf("the scheduler's publication is not in the audit log: %+v", log[0])
	}
}

func TestTranslationFlow(t *testing.T) {
	e := newEnv(t)
	st, ar, err := e.svc.CreateStory(ctx, e.editor, newsroom.StoryInput{}, newsroom.VersionInput{Lang: "ar", Title: "قمة في قازان", Body: "<p>نص</p>"})
	must(t, err)
	_, err = e.svc.StartTranslation(ctx, e.tran, st.ID, "en")
	code(t, err, khabar.EForbidden)
	ru, err := e.svc.StartTranslation(ctx, e.tran, st.ID, "ru")
	must(t, err)
	if ru.Status != khabar.StatusDraft || ru.SyncedRevision != ar.Revision || ru.Title != "قمة في قازان" {
		t.Fatalf("new translation = %+v", ru)
	}
	_, err = e.svc.StartTranslation(ctx, e.tran, st.ID, "ru")
	code(t, err, khabar.EConflict)
	ru, err = e.svc.SaveVersion(ctx, e.tran, st.ID, newsroom.VersionInput{Lang: "ru", Title: "Саммит в Казани", Body: "<p>Текст</p>", BaseRevision: ru.Revision})
	must(t, err)
	// The slug made from the Arabic title followed the translator's title.
	if ru.Slug != "саммит-в-казани" || ru.SyncedRevision != ar.Revision {
		t.Fatalf("saved translation = %+v", ru)
	}
	// The original changes: the translation is outdated until confirmed.
	ar, err = e.svc.SaveVersion(ctx, e.editor, st.ID, newsroom.VersionInput{Lang: "ar", Title: "قمة في قازان", Body: "<p>نص جديد</p>", BaseRevision: ar.Revision})
	must(t, err)
	gaps, err := e.store.TranslationGaps(ctx, "ru", 10)
	must(t, err)
	if len(gaps) != 1 || gaps[0].Missing {
		t.Fatalf("gaps = %+v, want the outdated Russian version", gaps)
	}
	ru, err = e.svc.ConfirmTranslation(ctx, e.tran, st.ID, "ru", ru.Revision)
	must(t, err)
	if gaps, _ = e.store.TranslationGaps(ctx, "ru", 10); len(gaps) != 0 {
		t.Fatalf("still outdated after confirming: %+v", gaps)
	}
	// A translator cannot publish; the editor can.
	_, err = e.svc.Transition(ctx, e.tran, st.ID, "ru", khabar.StatusPublished, time.Time{}, ru.Revision)
	code(t, err, khabar.EForbidden)
}

func TestConflictKeepsBothTexts(t *testing.T) {
	e := newEnv(t)
	st, v, err := e.svc.CreateStory(ctx, e.editor, newsroom.StoryInput{}, newsroom.VersionInput{Lang: "ru", Title: "Исходный заголовок"})
	must(t, err)
	base := v.Revision
	_, err = e.svc.SaveVersion(ctx, e.editor, st.ID, newsroom.VersionInput{Lang: "ru", Title: "Правка Анны", BaseRevision: base})
	must(t, err)
	_, err = e.svc.SaveVersion(ctx, e.admin, st.ID, newsroom.VersionInput{Lang: "ru", Title: "Правка Бориса", BaseRevision: base})
	code(t, err, khabar.EConflict)
	revs, err := e.store.Revisions(ctx, st.ID, "ru")
	must(t, err)
	if len(revs) != 2 || revs[1].Title != "Правка Анны" {
		t.Fatalf("revisions = %+v", revs)
	}
	// Restoring revision 1 makes a third revision; nothing is lost.
	v, err = e.svc.Restore(ctx, e.editor, st.ID, "ru", 1, 2)
	must(t, err)
	revs, _ = e.store.Revisions(ctx, st.ID, "ru")
	if v.Title != "Исходный заголовок" || len(revs) != 3 || revs[1].Title != "Правка Анны" {
		t.Fatalf("after restore: %+v, %d revisions", v, len(revs))
	}
}

func TestBadInputIsRefused(t *testing.T) {
	e := newEnv(t)
	for _, in := range []newsroom.VersionInput{
		{Lang: "ar", Title: ""},
		{Lang: "xx", Title: "Unknown language"},
		{Lang: "en", Title: "bad \xff"},
		{Lang: "en", Title: "Body", Body: "<p>\xff</p>"},
	} {
		_, _, err := e.svc.CreateStory(ctx, e.editor, newsroom.StoryInput{}, in)
		code(t, err, khabar.EInvalid)
	}
	if n, _ := e.store.CountStories(ctx); n != 0 {
		t.Fatalf("%d stories after refused input", n)
	}
}

func TestDiff(t *testing.T) {
	ops := newsroom.DiffText("Путин проведёт саммит в Казани", "Путин проведёт неформальный саммит в Казани")
	if len(ops) != 3 || ops[1].Kind != newsroom.Inserted || strings.TrimSpace(ops[1].Text) != "неформальный" {
		t.Fatalf("title diff = %+v", ops)
	}
	blocks := newsroom.DiffBody("<p>الفقرة الأولى</p><p>قمة كـ تقليد</p><p>حذف</p>", "<p>الفقرة الأولى</p><p>قمة كـ تقليد سنوي</p><p>جديد</p>")
	if len(blocks) != 3 {
		t.Fatalf("body diff = %+v", blocks)
	}
	if blocks[0].Ops[0].Kind != newsroom.Equal || strings.TrimSpace(blocks[1].Ops[len(blocks[1].Ops)-1].Text) != "سنوي" || blocks[1].Ops[0].Kind != newsroom.Equal {
		t.Errorf("body diff = %+v", blocks)
	}
}

func TestSlugFollowsTitleUntilPublished(t *testing.T) {
	e := newEnv(t)
	st, _, err := e.svc.CreateStory(ctx, e.editor, newsroom.StoryInput{}, newsroom.VersionInput{Lang: "ar", Title: "قمة في قازان"})
	must(t, err)
	ru, err := e.svc.StartTranslation(ctx, e.editor, st.ID, "ru")
	must(t, err)
	// The editor posts the form back with the slug it showed (made from the Arabic title).
	ru, err = e.svc.SaveVersion(ctx, e.editor, st.ID, newsroom.VersionInput{Lang: "ru", Title: "Саммит в Казани", Slug: ru.Slug, BaseRevision: ru.Revision})
	must(t, err)
	if ru.Slug != "саммит-в-казани" {
		t.Fatalf("slug = %q, want one made from the Russian title", ru.Slug)
	}
	// A slug typed by hand stays.
	ru, err = e.svc.SaveVersion(ctx, e.editor, st.ID, newsroom.VersionInput{Lang: "ru", Title: "Саммит в Казани", Slug: "kazan-2026", BaseRevision: ru.Revision})
	must(t, err)
	ru, err = e.svc.SaveVersion(ctx, e.editor, st.ID, newsroom.VersionInput{Lang: "ru", Title: "Большой саммит", Slug: ru.Slug, BaseRevision: ru.Revision})
	must(t, err)
	if ru.Slug != "kazan-2026" {
		t.Fatalf("a hand-written slug changed to %q", ru.Slug)
	}
	// Once readers have seen it, a slug stays when the title changes.
	en, err := e.svc.StartTranslation(ctx, e.editor, st.ID, "en")
	must(t, err)
	en, err = e.svc.SaveVersion(ctx, e.editor, st.ID, newsroom.VersionInput{Lang: "en", Title: "Summit in Kazan", Slug: en.Slug, BaseRevision: en.Revision})
	must(t, err)
	en, err = e.svc.Transition(ctx, e.editor, st.ID, "en", khabar.StatusPublished, time.Time{}, en.Revision)
	must(t, err)
	en, err = e.svc.SaveVersion(ctx, e.editor, st.ID, newsroom.VersionInput{Lang: "en", Title: "Kazan summit ends", Slug: en.Slug, BaseRevision: en.Revision})
	must(t, err)
	if en.Slug != "summit-in-kazan" {
		t.Fatalf("a published slug changed to %q", en.Slug)
	}
}

// TestCompleteMediaAddsNewSizes: media stored with the first three sizes
// (or none) get the 16:9, 4:3 and 1:1 crops at start-up, keep the sizes
// they had, and the change is in the audit log.
func TestCompleteMediaAddsNewSizes(t *testing.T) {
	c := &clock{now: time.Date(2026, 11, 28, 10, 0, 0, 0, time.UTC)}
	db := sqltest.Open(t, sqlstore.WithClock(c.Now))
	blobs, err := media.NewDisk(filepath.Join(t.TempDir(), "media"))
	must(t, err)
	svc := newsroom.New(db, blobs, c.Now, slog.New(slog.NewTextHandler(io.Discard, nil)))
	admin := &khabar.User{Login: "admin", Slug: "admin", Names: khabar.Text{"en": "admin"}, Role: khabar.RoleAdmin}
	must(t, db.CreateUser(ctx, admin))

	photo := func(w, h int) *media.Upload {
		var buf bytes.Buffer
		must(t, jpeg.Encode(&buf, image.NewRGBA(image.Rect(0, 0, w, h)), nil))
		up, err := media.Inspect(&buf, media.DefaultLimits())
		must(t, err)
		return up
	}
	m, err := svc.UploadMedia(ctx, admin, photo(1600, 1000), newsroom.MediaTexts{})
	must(t, err)
	old := m.Variants[:3] // article, thumb, social: what uploads got before
	must(t, db.SetVariants(ctx, m.ID, old))
	var buf bytes.Buffer
	must(t, jpeg.Encode(&buf, image.NewRGBA(image.Rect(0, 0, 800, 800)), nil))
	plain := &khabar.Media{Key: "demo/plain.jpg", MIME: "image/jpeg", Width: 800, Height: 800, Size: int64(buf.Len())}
	must(t, blobs.Put(ctx, plain.Key, &buf))
	must(t, db.CreateMedia(ctx, plain))

	n, err := svc.CompleteMedia(ctx)
	if err != nil || n != 2 {
		t.Fatalf("CompleteMedia = %d, %v; want 2 records completed", n, err)
	}
	// The crops are the largest of their shape, at most 1200 wide, never
	// enlarged: 1600×1000 gives 1200×675, 1200×900 and 1000×1000.
	sizes := map[int64]map[string][2]int{
		m.ID:     {khabar.VariantWide: {1200, 675}, khabar.VariantFour3: {1200, 900}, khabar.VariantSquare: {1000, 1000}},
		plain.ID: {khabar.VariantWide: {800, 450}, khabar.VariantFour3: {800, 600}, khabar.VariantSquare: {800, 800}},
	}
	for _, id := range []int64{m.ID, plain.ID} {
		got, err := db.Media(ctx, id)
		must(t, err)
		for name, size := range sizes[id] {
			v, ok := got.Variant(name)
			if !ok || v.Width != size[0] || v.Height != size[1] {
				t.Errorf("media %d: %s = %+v, want %dx%d", id, name, v, size[0], size[1])
				continue
			}
			f, err := blobs.Open(ctx, v.Key)
			must(t, err)
			cfg, _, err := image.DecodeConfig(f)
			f.Close()
			if err != nil || cfg.Width != size[0] || cfg.Height != size[1] {
				t.Errorf("media %d: %s file is %dx%d (%v)", id, name, cfg.Width, cfg.Height, err)
			}
		}
		if id == m.ID {
			if v, _ := got.Variant(khabar.VariantThumb); v.Key != old[1].Key {
				t.Errorf("the thumbnail changed: %+v", v)
			}
		}
	}
	if n, err := svc.CompleteMedia(ctx); err != nil || n != 0 {
		t.Errorf("a second run completed %d (%v), want 0", n, err)
	}
	entries, _, err := db.AuditLog(ctx, khabar.AuditFilter{Limit: 50})
	must(t, err)
	var completed int
	for _, e := range entries {
		if e.Action == "media.variants" {
			completed++
		}
	}
	if completed != 2 {
		t.Errorf("%d media.variants audit entries, want 2", completed)
	}
}

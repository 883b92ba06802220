package demo

import (
	"bytes"
	"context"
	"image/jpeg"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/media"
	"github.com/khabarnews/khabar/sqlstore"
	"github.com/khabarnews/khabar/sqlstore/sqltest"
)

var ctx = context.Background()

// demoNow is the reference time of the tests; the store's clock stands
// still there, so the scheduled story stays in the future.
var demoNow = time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)

type site struct {
	store *sqlstore.DB
	close func() // closes store (and drops its PostgreSQL database)
	blobs *media.Disk
	stats Stats
}

// loaded is one demo site shared by the tests that only read it: loading
// draws and resizes every image, which is the slow part of the suite.
var loaded struct {
	once sync.Once
	site *site
	err  error
	dir  string
}

func TestMain(m *testing.M) {
	code := m.Run()
	if loaded.site != nil {
		loaded.site.close()
	}
	if loaded.dir != "" {
		os.RemoveAll(loaded.dir)
	}
	os.Exit(code)
}

// sharedLoad returns the shared demo site, loading it on first use.
func sharedLoad(tb testing.TB) *site {
	tb.Helper()
	if sqltest.OnPostgres() {
		sqltest.Server(tb) // skips, or fails in CI, before the shared load
	}
	loaded.once.Do(func() {
		dir, err := os.MkdirTemp("", "khabar-demo-test-")
		if err != nil {
			loaded.err = err
			return
		}
		loaded.dir = dir
		loaded.site, loaded.err = load(tb, dir)
	})
	if loaded.err != nil {
		tb.Fatal(loaded.err)
	}
	return loaded.site
}

func load(tb testing.TB, dir string) (*site, error) {
	store, closeStore, err := sqltest.OpenShared(ctx, dir, sqlstore.WithClock(func() time.Time { return demoNow }))
	if err != nil {
		return nil, err
	}
	blobs, err := media.NewDisk(filepath.Join(dir, "media"))
	if err != nil {
		closeStore()
		return nil, err
	}
	start := time.Now()
	stats, err := Load(ctx, store, blobs, demoNow)
	if err != nil {
		closeStore()
		return nil, err
	}
	tb.Logf("Load took %v: %+v", time.Since(start), stats)
	return &site{store: store, close: closeStore, blobs: blobs, stats: stats}, nil
}

func mustContent(tb testing.TB) *content {
	tb.Helper()
	sub, err := fs.Sub(contentFiles, "content")
	if err != nil {
		tb.Fatal(err)
	}
	c, err := readContent(sub)
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

// storyByKey finds the stored story of a content key through its image.
func (s *site) storyByKey(t *testing.T, key string) (*khabar.Story, []khabar.Version) {
	t.Helper()
	for id := int64(1); id <= int64(s.stats.Stories); id++ {
		st, err := s.store.Story(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		m, err := s.store.Media(ctx, st.LeadMediaID)
		if err != nil {
			t.Fatal(err)
		}
		if m.Key == "demo/"+key+".jpg" {
			vs, err := s.store.Versions(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			return st, vs
		}
	}
	t.Fatalf("no story %s", key)
	return nil, nil
}

var (
	paragraphRE = regexp.MustCompile(`(?s)<p[^>]*>(.*?)</p>`)
	tagRE       = regexp.MustCompile(`<[^>]*>`)
)

func TestLoad(t *testing.T) {
	s := sharedLoad(t)
	if s.stats.Stories < 30 || s.stats.Images != s.stats.Stories || s.stats.Versions < 2*s.stats.Stories {
		t.Fatalf("stats = %+v, want ≥ 30 stories, an image each, mostly three languages", s.stats)
	}
	sections, err := s.store.Sections(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(sections) < 4 {
		t.Fatalf("%d sections, want ≥ 4", len(sections))
	}
	full, partial, future := 0, 0, 0
	perLang, futureLang := map[string]int{}, map[string]int{}
	for id := int64(1); id <= int64(s.stats.Stories); id++ {
		st, err := s.store.Story(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		vs, err := s.store.Versions(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if len(vs) == 3 {
			full++
		} else {
			partial++
		}
		for _, v := range vs {
			perLang[v.Lang]++
			if v.PublishedAt.After(demoNow) {
				future++
				futureLang[v.Lang]++
				continue
			}
			if age := demoNow.Sub(v.PublishedAt); age < 10*time.Minute || age > 30*24*time.Hour+time.Minute {
				t.Errorf("story %d (%s) published %v before now", id, v.Lang, age)
			}
			checkBody(t, id, v)
		}
		checkImage(t, s, st)
	}
	t.Logf("%d stories: %d in three languages, %d in fewer; versions per language %v", s.stats.Stories, full, partial, perLang)
	if full <= s.stats.Stories/2 || partial < 5 {
		t.Errorf("%d stories in three languages and %d in fewer; want most in three and ≥ 5 in fewer", full, partial)
	}
	if future == 0 {
		t.Error("no story is scheduled for the future")
	}
	for _, lang := range []string{"ar", "ru", "en"} {
		if _, err := s.store.LatestFeatured(ctx, lang); err != nil {
			t.Errorf("no featured story in %s: %v", lang, err)
		}
		_, total, err := s.store.ListArticles(ctx, khabar.ListFilter{Lang: lang})
		if err != nil {
			t.Fatal(err)
		}
		if want := perLang[lang] - futureLang[lang]; total != want {
			t.Errorf("%s lists %d articles, want %d: the scheduled ones are hidden", lang, total, want)
		}
		months, err := s.store.ArchiveMonths(ctx, lang, time.UTC)
		if err != nil {
			t.Fatal(err)
		}
		if len(months) < 2 {
			t.Errorf("%s archive spans %v, want two months", lang, months)
		}
	}
}

// checkBody wants 4–9 paragraphs and no empty one.
func checkBody(t *testing.T, id int64, v khabar.Version) {
	t.Helper()
	ps := paragraphRE.FindAllStringSubmatch(v.Body, -1)
	if len(ps) < 4 || len(ps) > 9 {
		t.Errorf("story %d (%s) has %d paragraphs, want 4–9", id, v.Lang, len(ps))
	}
	for _, p := range ps {
		text := tagRE.ReplaceAllString(p[1], "")
		if strings.TrimSpace(strings.ReplaceAll(text, "\u00a0", " ")) == "" {
			t.Errorf("story %d (%s) has an empty paragraph %q", id, v.Lang, p[0])
		}
	}
	if v.Summary == "" || v.Slug == "" {
		t.Errorf("story %d (%s) has no summary or slug", id, v.Lang)
	}
}

func checkImage(t *testing.T, s *site, st *khabar.Story) {
	t.Helper()
	m, err := s.store.Media(ctx, st.LeadMediaID)
	if err != nil {
		t.Fatalf("story %d has no image: %v", st.ID, err)
	}
	for _, l := range []string{"ar", "ru", "en"} {
		if m.Credit[l] == "" && m.Alt[l] == "" {
			continue
		}
		if m.Credit[l] == "" || m.Caption[l] == "" || m.Alt[l] == "" {
			t.Errorf("image %s lacks credit, caption or alt in %s", m.Key, l)
		}
	}
	r, err := s.blobs.Open(ctx, m.Key)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	data, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	img, err := jpeg.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s is not a JPEG: %v", m.Key, err)
	}
	if b := img.Bounds(); b.Dx() != 1200 || b.Dy() != 675 || m.Width != 1200 || m.Height != 675 ||
		m.Size != int64(len(data)) || m.MIME != "image/jpeg" {
		t.Errorf("%s: image %v, record %dx%d %d bytes %s", m.Key, b, m.Width, m.Height, m.Size, m.MIME)
	}
}

// TestQuirks checks that the story written in the shape of the reference
// page keeps every quirk of its text, and loses only the spacer paragraphs.
func TestQuirks(t *testing.T) {
	s := sharedLoad(t)
	st, vs := s.storyByKey(t, "kazan-cis-meeting")
	if len(vs) != 3 || st.OriginalLang != "ar" || st.SourceID == 0 {
		t.Fatalf("quirks story: %d versions, original %q, source %d", len(vs), st.OriginalLang, st.SourceID)
	}
	a, err := s.store.Article(ctx, st.ID, "ar")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"الكرملِين",         // kasra
		"اجتماعاً", "أيضاً", // tanwin
		"كـ تقليد", // tatweel
		"26 ديسمبر/كانون الأول 2026", // Latin digits and the dual month name
		"فبراير/شباط", "150",
		"المشتكة", // the typo, a dropped letter
		"عاصمة جمهورية تتارستان - قازان",
		"\"خريطة الطريق\"",
		"<h2>",
	} {
		if !strings.Contains(a.Body, want) {
			t.Errorf("the Arabic body lost %q", want)
		}
	}
	if strings.Contains(a.Body, "<p>\u00a0</p>") || strings.Contains(a.Body, "<p></p>") {
		t.Error("spacer paragraphs were stored")
	}
	if a.Source == nil || a.Source.Names["ar"] != "تاس" || a.Source.URL != "https://tass.com" {
		t.Errorf("source = %+v, want TASS", a.Source)
	}
	if a.Image == nil || !strings.HasPrefix(a.Image.Credit["ar"], "الموقع الرسمي") {
		t.Errorf("image credit = %v", a.Image)
	}
	for _, v := range vs {
		if v.Lang != "ar" && (strings.Contains(v.Body, "\u00a0") || strings.Contains(v.Body, "\u0640")) {
			t.Errorf("the %s version is not clean", v.Lang)
		}
	}
}

func TestAboutPages(t *testing.T) {
	s := sharedLoad(t)
	pages, err := s.store.Pages(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"ar", "ru", "en"} {
		found := false
		for _, p := range pages {
			v := p.Versions[lang]
			if p.Key != "about" || v == nil {
				continue
			}
			got, err := s.store.PageBySlug(ctx, lang, v.Slug)
			if err != nil || got.ID != p.ID {
				t.Errorf("about page in %s not found by its slug %q: %v", lang, v.Slug, err)
			}
			if n := len(paragraphRE.FindAllString(v.Body, -1)); n < 3 || n > 5 {
				t.Errorf("about page in %s has %d paragraphs", lang, n)
			}
			found = true
		}
		if !found {
			t.Errorf("no about page in %s", lang)
		}
	}
}

func TestRefusesNonEmptyStore(t *testing.T) {
	s := sharedLoad(t)
	count := func() (n int) {
		for _, l := range []string{"ar", "ru", "en"} {
			_, total, err := s.store.ListArticles(ctx, khabar.ListFilter{Lang: l})
			if err != nil {
				t.Fatal(err)
			}
			n += total
		}
		users, err := s.store.Users(ctx)
		if err != nil {
			t.Fatal(err)
		}
		tags, err := s.store.Tags(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return n + len(users) + len(tags)
	}
	before := count()
	stats, err := Load(ctx, s.store, s.blobs, demoNow)
	if err == nil || khabar.ErrorCode(err) != khabar.EConflict {
		t.Fatalf("second Load: err = %v, want a conflict", err)
	}
	if stats != (Stats{}) || count() != before {
		t.Fatalf("the refused Load added content: %+v", stats)
	}
	if _, err := s.store.Story(ctx, int64(s.stats.Stories)+1); !khabar.IsNotFound(err) {
		t.Fatalf("the refused Load created a story: %v", err)
	}
}

// TestRefusesDraftOnlyStore: a store whose only story is an unpublished
// draft is not empty either.
func TestRefusesDraftOnlyStore(t *testing.T) {
	store := sqltest.Open(t)
	draft := &khabar.Version{Lang: "en", Title: "Draft", Slug: "draft", Status: khabar.StatusDraft}
	if err := store.CreateStory(ctx, &khabar.Story{}, []*khabar.Version{draft}); err != nil {
		t.Fatal(err)
	}
	blobs, err := media.NewDisk(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Load(ctx, store, blobs, demoNow); err == nil {
		t.Fatal("Load filled a store that has a draft")
	}
	if tags, _ := store.Tags(ctx); len(tags) != 0 {
		t.Fatalf("the refused Load created %d tags", len(tags))
	}
}

// TestContentFiles reads every file strictly and checks what the loader
// does not: references, languages and that translations are translations.
func TestContentFiles(t *testing.T) {
	c := mustContent(t)
	if len(c.Stories) < 32 || len(c.Tags) < 12 || len(c.Sources) < 3 || len(c.Authors) < 5 || len(c.Sections) < 5 {
		t.Fatalf("%d stories, %d tags, %d sources, %d authors, %d sections", len(c.Stories), len(c.Tags), len(c.Sources), len(c.Authors), len(c.Sections))
	}
	if err := decodeStrict([]byte(`{"slug": "x", "nmaes": {}}`), &tagFile{}); err == nil {
		t.Error("a misspelt field was accepted")
	}
	bySection := map[string]int{}
	for _, s := range c.Stories {
		bySection[s.Section]++
		langs := []string{}
		for l := range s.Versions {
			langs = append(langs, l)
		}
		for i, a := range langs {
			for _, b := range langs[i+1:] {
				va, vb := s.Versions[a], s.Versions[b]
				if va.Title == vb.Title || va.Summary == vb.Summary || va.Body == vb.Body {
					t.Errorf("story %s: the %s and %s versions share text", s.Key, a, b)
				}
				for _, p := range paragraphRE.FindAllStringSubmatch(string(va.Body), -1) {
					if text := strings.TrimSpace(strings.ReplaceAll(p[1], "\u00a0", "")); len(text) > 40 && strings.Contains(string(vb.Body), text) {
						t.Errorf("story %s: a %s paragraph is copied into %s: %q", s.Key, a, b, text)
					}
				}
			}
		}
	}
	if len(bySection) < 5 {
		t.Errorf("stories in %d sections, want ≥ 5: %v", len(bySection), bySection)
	}
}

func TestImageDeterministic(t *testing.T) {
	a, err := generateImage("informal-summit", "summit", 2)
	if err != nil {
		t.Fatal(err)
	}
	b, err := generateImage("informal-summit", "summit", 2)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Fatal("the same key gave different images")
	}
	c, err := generateImage("another-story", "summit", 2)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(a, c) {
		t.Fatal("different keys gave the same image")
	}
	if _, err := generateImage("x", "no-such-scene", 0); err == nil {
		t.Fatal("an unknown scene was accepted")
	}
}

func BenchmarkGenerateImage(b *testing.B) {
	names := sceneNames()
	for i := 0; b.Loop(); i++ {
		if _, err := generateImage("bench", names[i%len(names)], i%len(palettes)); err != nil {
			b.Fatal(err)
		}
	}
}

// TestTranslationsStartUpToDate: the demo's translations are made from its
// originals as they stand, so none starts out flagged as outdated, on the
// dashboard or beside its original; only the missing ones are gaps.
func TestTranslationsStartUpToDate(t *testing.T) {
	s := sharedLoad(t)
	for _, l := range []string{"ar", "ru", "en"} {
		gaps, err := s.store.TranslationGaps(ctx, l, 1000)
		if err != nil {
			t.Fatal(err)
		}
		for _, g := range gaps {
			if !g.Missing {
				t.Errorf("story %d is flagged outdated in %s", g.StoryID, l)
			}
		}
	}
	translations := 0
	for id := int64(1); id <= int64(s.stats.Stories); id++ {
		st, err := s.store.Story(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		vs, err := s.store.Versions(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		var orig khabar.Version
		for _, v := range vs {
			if v.Lang == st.OriginalLang {
				orig = v
			}
		}
		for _, v := range vs {
			if v.Lang == st.OriginalLang {
				continue
			}
			translations++
			if v.SyncedRevision < orig.Revision || v.SyncedRevision < orig.ContentRevision {
				t.Errorf("story %d: the %s translation is synced with revision %d of the original, which is at %d", id, v.Lang, v.SyncedRevision, orig.Revision)
			}
		}
	}
	if translations < 50 {
		t.Errorf("the demo has only %d translations", translations)
	}
}

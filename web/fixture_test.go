package web_test

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/jpeg"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/i18n"
	"github.com/khabarnews/khabar/markup"
	"github.com/khabarnews/khabar/media"
	"github.com/khabarnews/khabar/newsroom"
	"github.com/khabarnews/khabar/sqlstore"
	"github.com/khabarnews/khabar/sqlstore/sqltest"
	"github.com/khabarnews/khabar/web"
)

// site is a running Khabar on a real SQLite file and a real HTTP server.
type site struct {
	srv   *httptest.Server
	store *sqlstore.DB
	web   *web.Server
	ids   map[string]int64 // story keys → ids
	t     *testing.T
}

// quirkyBody has the shape of a pasted Arabic wire story: paragraphs that
// start with a no-break space, spacer paragraphs of a lone no-break space,
// tashkeel, a tatweel, Latin digits and a dual month name.
const quirkyBody = "<p>\u00a0أعلن الكرملِين أن الاجتماع سيُعقد اجتماعاً سنوياً في 26 ديسمبر/كانون الأول 2023 بمشاركة Vladimir Putin.</p>" +
	"<p>\u00a0</p><p>\u00a0</p>" +
	"<h2>القمم غير الرسمية كـ تقليد</h2>" +
	"<p>\u00a0</p>" +
	"<p>وقالت وكالة ТАСС إن القمة ستضم 11 دولة، وإن رابة الدول ستواصل عملها.</p>"

func newSite(t *testing.T) *site { t.Helper(); return newSiteWith(t, nil) }

// newSiteWith is newSite with a change to the web configuration.
func newSiteWith(t *testing.T, configure func(*web.Config)) *site {
	t.Helper()
	return newSiteOn(t, nil, configure)
}

// newSiteOn is newSiteWith serving through wrap(store) when wrap is set (a
// store that counts or slows some reads).
func newSiteOn(t *testing.T, wrap func(khabar.Store) khabar.Store, configure func(*web.Config)) *site {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	db := sqltest.Open(t)
	blobs, err := media.NewDisk(filepath.Join(dir, "media"))
	if err != nil {
		t.Fatal(err)
	}
	cat, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	s := &site{store: db, ids: map[string]int64{}, t: t}
	s.fill(ctx, blobs)
	var h http.Handler
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { h.ServeHTTP(w, r) }))
	srv.Start()
	t.Cleanup(srv.Close)
	cfg := web.Config{BaseURL: srv.URL, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
	if configure != nil {
		configure(&cfg)
	}
	if cfg.Edge != nil && cfg.Edge.Queue == nil {
		cfg.Edge.Queue = db
	}
	var served khabar.Store = db
	if wrap != nil {
		served = wrap(db)
	}
	w, err := web.New(cfg, served, blobs, cat, newsroom.New(db, blobs, nil, nil))
	if err != nil {
		t.Fatal(err)
	}
	h = w
	s.srv, s.web = srv, w
	return s
}

func (s *site) must(err error) {
	s.t.Helper()
	if err != nil {
		s.t.Fatal(err)
	}
}

func (s *site) fill(ctx context.Context, blobs khabar.BlobStore) {
	st := khabar.DefaultSettings()
	st.SiteName = khabar.Text{"ar": "مجموعة الحوار", "ru": "Группа «Диалог»", "en": "Dialogue Group"}
	st.DefaultLang = "en"
	st.ArabicMonths = "egypt"
	s.must(s.store.SaveSettings(ctx, st))

	politics := &khabar.Section{Slug: "politics", Names: khabar.Text{"ar": "سياسة", "ru": "Политика", "en": "Politics"}, Position: 1}
	economy := &khabar.Section{Slug: "economy", Names: khabar.Text{"ar": "اقتصاد", "ru": "Экономика", "en": "Economy"}, Position: 2}
	s.must(s.store.CreateSection(ctx, politics))
	s.must(s.store.CreateSection(ctx, economy))
	putin := &khabar.Tag{Slug: "putin", Names: khabar.Text{"ar": "بوتين", "ru": "Путин", "en": "Putin"}}
	s.must(s.store.CreateTag(ctx, putin))
	author := &khabar.User{Login: "salma", Slug: "salma-nouri", Role: khabar.RoleAuthor,
		Names: khabar.Text{"ar": "سلمى نوري", "ru": "Сальма Нури", "en": "Salma Nouri"}}
	s.must(s.store.CreateUser(ctx, author))
	tass := &khabar.Source{Names: khabar.Text{"ar": "تاس", "ru": "ТАСС", "en": "TASS"}, URL: "https://tass.com"}
	s.must(s.store.CreateSource(ctx, tass))

	var buf bytes.Buffer
	img := image.NewRGBA(image.Rect(0, 0, 320, 180))
	for x := 0; x < 320; x++ {
		for y := 0; y < 180; y++ {
			img.Set(x, y, color.RGBA{uint8(x), uint8(y), 120, 255})
		}
	}
	s.must(jpeg.Encode(&buf, img, nil))
	s.must(blobs.Put(ctx, "test/summit.jpg", &buf))
	photo := &khabar.Media{Key: "test/summit.jpg", MIME: "image/jpeg", Width: 320, Height: 180, Size: int64(buf.Len()),
		Credit:  khabar.Text{"ar": "الموقع الرسمي لرئيس روسيا", "ru": "Официальный сайт президента России", "en": "Official website of the President of Russia"},
		Caption: khabar.Text{"ar": "قاعة القمة", "ru": "Зал саммита", "en": "The summit hall"},
		Alt:     khabar.Text{"ar": "طاولة مستديرة", "ru": "Круглый стол", "en": "A round table"}}
	s.must(s.store.CreateMedia(ctx, photo))

	published := time.Date(2023, 12, 26, 9, 0, 0, 0, time.UTC)
	body, err := markup.Clean(quirkyBody)
	s.must(err)
	summit := &khabar.Story{SectionID: politics.ID, TagIDs: []int64{putin.ID}, AuthorIDs: []int64{author.ID},
		LeadMediaID: photo.ID, SourceID: tass.ID, Featured: true}
	s.must(s.store.CreateStory(ctx, summit, []*khabar.Version{
		{Lang: "ar", Title: "بوتين يستضيف قمة غير رسمية", Slug: "بوتين-يستضيف-قمة", Summary: "قمة تقليدية في نهاية العام.", Body: body, Status: khabar.StatusPublished, PublishedAt: published},
		{Lang: "ru", Title: "Путин проведёт неформальный саммит", Slug: "putin-provedyot-sammit", Summary: "Традиционная встреча в конце года.", Body: "<p>Текст о саммите.</p>", Status: khabar.StatusPublished, PublishedAt: published},
	}))
	s.ids["summit"] = summit.ID

	arOnly := &khabar.Story{SectionID: economy.ID, TagIDs: []int64{putin.ID}}
	s.must(s.store.CreateStory(ctx, arOnly, []*khabar.Version{
		{Lang: "ar", Title: "عمود: الاقتصاد في 2024", Slug: "عمود-الاقتصاد", Body: "<p>نص العمود.</p>", Status: khabar.StatusPublished, PublishedAt: published.Add(-48 * time.Hour)},
	}))
	s.ids["column"] = arOnly.ID

	// Enough Russian stories in economy for three pages of the section.
	for i := 0; i < 32; i++ {
		st := &khabar.Story{SectionID: economy.ID}
		s.must(s.store.CreateStory(ctx, st, []*khabar.Version{
			{Lang: "ru", Title: "Экономическая сводка №" + itoa(i+1), Slug: "svodka-" + itoa(i+1), Body: "<p>Сводка.</p>", Status: khabar.StatusPublished, PublishedAt: published.Add(-time.Duration(i+3) * 24 * time.Hour)},
			{Lang: "en", Title: "Economic digest no. " + itoa(i+1), Slug: "digest-" + itoa(i+1), Body: "<p>Digest.</p>", Status: khabar.StatusPublished, PublishedAt: published.Add(-time.Duration(i+3) * 24 * time.Hour)},
		}))
		s.ids["digest"+itoa(i+1)] = st.ID
	}
	draft := &khabar.Story{SectionID: politics.ID}
	s.must(s.store.CreateStory(ctx, draft, []*khabar.Version{{Lang: "en", Title: "Secret draft", Slug: "secret", Status: khabar.StatusDraft}}))
	s.ids["draft"] = draft.ID

	about := &khabar.Page{Key: "about", Versions: map[string]*khabar.PageVersion{
		"ar": {Title: "عن المجموعة", Slug: "عن-المجموعة", Body: "<p>من نحن.</p>"},
		"ru": {Title: "О группе", Slug: "o-gruppe", Body: "<p>Кто мы.</p>"},
		"en": {Title: "About the group", Slug: "about", Body: "<p>Who we are.</p>"},
	}}
	s.must(s.store.SavePage(ctx, about))
}

// section and tag return the id of the section or tag with that slug.
func (s *site) section(slug string) int64 {
	sec, err := s.store.SectionBySlug(context.Background(), slug)
	s.must(err)
	return sec.ID
}

func (s *site) tag(slug string) int64 {
	t, err := s.store.TagBySlug(context.Background(), slug)
	s.must(err)
	return t.ID
}

func itoa(n int) string { return strconv.Itoa(n) }

// response is a fetched page.
type response struct {
	status int
	header http.Header
	body   string
}

// get fetches a path without following redirects.
func (s *site) get(path string, header ...string) response {
	s.t.Helper()
	req, err := http.NewRequest("GET", s.srv.URL+path, nil)
	s.must(err)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := client.Do(req)
	s.must(err)
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	s.must(err)
	return response{status: res.StatusCode, header: res.Header, body: string(b)}
}

// page fetches a path and fails the test unless it answers 200.
func (s *site) page(path string) response {
	s.t.Helper()
	r := s.get(path)
	if r.status != http.StatusOK {
		s.t.Fatalf("GET %s = %d, want 200\n%.500s", path, r.status, r.body)
	}
	return r
}

package port_test

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/media"
	"github.com/khabarnews/khabar/newsroom"
	"github.com/khabarnews/khabar/port"
	"github.com/khabarnews/khabar/sqlstore"
	"github.com/khabarnews/khabar/sqlstore/sqltest"
)

// site is a fresh store with the newsroom on it, and its media folder.
type site struct {
	db    *sqlstore.DB
	blobs *media.Disk
	news  *newsroom.Service
	dir   string
}

func newSite(t *testing.T) *site {
	t.Helper()
	dir := t.TempDir()
	db := sqltest.Open(t)
	blobs, err := media.NewDisk(filepath.Join(dir, "media"))
	if err != nil {
		t.Fatal(err)
	}
	return &site{db: db, blobs: blobs, news: newsroom.New(db, blobs, nil, nil), dir: dir}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// picture is an image file of the given format.
func picture(t *testing.T, format string, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.RGBA{uint8(x), uint8(y), 120, 255})
		}
	}
	var b bytes.Buffer
	if format == "png" {
		must(t, png.Encode(&b, img))
	} else {
		must(t, jpeg.Encode(&b, img, nil))
	}
	return b.Bytes()
}

// uploads writes the old site's uploads folder: two of the fixture's three
// images (the third is missing, as on many old sites).
func uploads(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	must(t, os.MkdirAll(filepath.Join(dir, "2023/12"), 0o755))
	must(t, os.WriteFile(filepath.Join(dir, "2023/12/kazan-summit.jpg"), picture(t, "jpeg", 640, 360), 0o644))
	must(t, os.WriteFile(filepath.Join(dir, "2023/12/grain-port.png"), picture(t, "png", 400, 300), 0o644))
	return dir
}

const fixture = "../wxr/testdata/polylang.xml"

func TestWordPressPolylang(t *testing.T) {
	ctx := context.Background()
	s := newSite(t)
	rep, err := port.WordPress(ctx, s.news, newsroom.Console(), fixture, port.Options{Uploads: uploads(t), NoFetch: true})
	must(t, err)
	if rep.Created["story"] != 6 || rep.Created["version"] != 9 || rep.Created["page"] != 1 || rep.Created["section"] != 2 ||
		rep.Created["tag"] != 2 || rep.Created["user"] != 3 || rep.Created["media"] != 2 || len(rep.Skipped) != 0 {
		t.Fatalf("report: %+v", rep)
	}
	if len(rep.MissingMedia) != 1 || !strings.Contains(rep.MissingMedia[0].Ref, "attachment 92") {
		t.Fatalf("missing media: %+v", rep.MissingMedia)
	}
	for kind, n := range map[string]int{"comment": 4, "revision": 1, "nav_menu_item": 1, "trash": 1, "not_image": 1} {
		if rep.Ignored[kind] != n {
			t.Errorf("ignored %s: %d, want %d (%v)", kind, rep.Ignored[kind], n, rep.Ignored)
		}
	}

	// The Polylang group is one story with three versions, the original
	// in the old site's own language.
	summit := storyWith(t, s, "Summit in Kazan")
	st, err := s.db.Story(ctx, summit)
	must(t, err)
	if st.OriginalLang != "en" || !st.Featured || len(st.TagIDs) != 2 || st.SectionID == 0 || st.LeadMediaID == 0 || len(st.AuthorIDs) != 1 {
		t.Fatalf("story = %+v", st)
	}
	vs, err := s.db.Versions(ctx, summit)
	must(t, err)
	byLang := map[string]khabar.Version{}
	for _, v := range vs {
		byLang[v.Lang] = v
	}
	en, ar := byLang["en"], byLang["ar"]
	if len(vs) != 3 || en.Title != "Summit in Kazan: leaders meet “informally”" || en.Status != khabar.StatusPublished ||
		!en.PublishedAt.Equal(time.Date(2023, 12, 26, 9, 30, 0, 0, time.UTC)) || en.Summary != "Leaders met in Kazan." {
		t.Fatalf("en = %+v", en)
	}
	if ar.Slug != "قمة-قازان" || !ar.PublishedAt.Equal(time.Date(2023, 12, 26, 10, 0, 0, 0, time.UTC)) {
		t.Fatalf("ar slug %q, published %v", ar.Slug, ar.PublishedAt)
	}
	// wpautop's paragraphs, the caption as a figure with the copy of the
	// image, the subheading; the spacer paragraph dropped.
	for _, want := range []string{"<p>Leaders of the group met informally in Kazan", "<img src=\"/media/", "<figcaption>Leaders arrive in Kazan. Photo: official site of the President of Russia</figcaption>",
		"<h2>Informal summits as a tradition</h2>", "<li>Trade &amp; investment</li>", "said the talks would cover \"regional co-operation\"<br>"} {
		if !strings.Contains(en.Body, want) {
			t.Errorf("en body lacks %q:\n%s", want, en.Body)
		}
	}
	if strings.Contains(en.Body, "[caption") || strings.Contains(en.Body, "old.example.org/wp-content") || strings.Contains(en.Body, "&nbsp;</p>") {
		t.Errorf("en body kept WordPress markup:\n%s", en.Body)
	}
	if !strings.Contains(ar.Body, "<h2>القمم غير الرسمية كـ تقليد</h2>") {
		t.Errorf("ar body:\n%s", ar.Body)
	}
	lead, err := s.db.Media(ctx, st.LeadMediaID)
	must(t, err)
	if lead.Alt["en"] != "Leaders walking into the Kazan Kremlin" || lead.Credit["en"] != "Kremlin press ©" || len(lead.Variants) != len(khabar.VariantNames()) {
		t.Fatalf("lead image = %+v", lead)
	}

	// Gutenberg: block comments gone, the image the copy.
	grain := storyWith(t, s, "الطاقة والتجارة: صادرات الحبوب ترتفع")
	gvs, _ := s.db.Versions(ctx, grain)
	if len(gvs) != 2 || strings.Contains(gvs[0].Body, "wp:") || !strings.Contains(gvs[0].Body, "<figcaption>محطة الحبوب في نوفوروسيسك</figcaption>") {
		t.Fatalf("Gutenberg story: %+v", gvs)
	}

	// Statuses and dates.
	for title, want := range map[string]khabar.Status{"Draft: talks in Baku": khabar.StatusDraft, "Scheduled: the COP29 preview": khabar.StatusScheduled,
		"На рассмотрении: форум в Сочи": khabar.StatusReview, "Private: board minutes": khabar.StatusUnpublished} {
		vs, _ := s.db.Versions(ctx, storyWith(t, s, title))
		if vs[0].Status != want {
			t.Errorf("%s: status %s, want %s", title, vs[0].Status, want)
		}
	}

	// Authors cannot log in; sections and tags carry every language's name.
	omar, err := s.db.UserByLogin(ctx, "Omar-Haddad")
	must(t, err)
	if omar.PasswordHash != "" || omar.Names["ar"] != "عمر حداد" {
		t.Fatalf("author = %+v", omar)
	}
	sec, err := s.db.SectionBySlug(ctx, "politics")
	must(t, err)
	if sec.Names["ru"] != "Политика" || sec.Names["ar"] != "سياسة" || sec.Names["en"] != "Politics" {
		t.Fatalf("section = %+v", sec)
	}
	if sec.ID != st.SectionID {
		t.Fatalf("the story is in section %d, not %d", st.SectionID, sec.ID)
	}

	// Old addresses: the permalink and the guid.
	for from, want := range map[string]string{"/en/2023/12/26/summit-in-kazan": "en", "/?p=101": "en", "/ar/2023/12/26/قمة-قازان": "ar", "/?p=102": "ru"} {
		r, err := s.db.RedirectFrom(ctx, from)
		if err != nil || r.StoryID != summit || r.Lang != want {
			t.Errorf("redirect from %s: %+v, %v", from, r, err)
		}
	}
	if r, err := s.db.RedirectFrom(ctx, "/ar/عن-المجموعة"); err != nil || r.PageID == 0 || r.Lang != "ar" {
		t.Errorf("page redirect: %+v, %v", r, err)
	}

	// The same file again changes nothing.
	again, err := port.WordPress(ctx, s.news, newsroom.Console(), fixture, port.Options{Uploads: uploads(t), NoFetch: true})
	must(t, err)
	if again.Created["story"] != 0 || again.Unchanged["story"] != 6 || again.Created["media"] != 0 || again.Created["redirect"] != 0 {
		t.Fatalf("second run: %+v", again)
	}
	if n, _ := s.db.CountStories(ctx); n != 6 {
		t.Fatalf("%d stories after the second run", n)
	}
	// Search finds the stories once indexed.
	must(t, s.news.IndexSearch(ctx, newsroom.Console(), nil))
	res, err := s.db.Search(ctx, khabar.SearchQuery{Text: "قازان", Langs: []string{"ar"}, Limit: 5})
	if err != nil || res.Total != 1 {
		t.Fatalf("search after the import: %+v, %v", res, err)
	}
}

// storyWith finds the story one of whose versions has a title that
// starts with title.
func storyWith(t *testing.T, s *site, title string) int64 {
	t.Helper()
	rows, _, err := s.db.AdminList(context.Background(), khabar.AdminFilter{Limit: 100})
	must(t, err)
	for _, r := range rows {
		if strings.HasPrefix(r.Title, title) {
			return r.StoryID
		}
	}
	t.Fatalf("no story titled %q", title)
	return 0
}

func TestWordPressDryRunWritesNothing(t *testing.T) {
	ctx := context.Background()
	s := newSite(t)
	rep, err := port.WordPress(ctx, s.news, newsroom.Console(), fixture, port.Options{DryRun: true, Uploads: uploads(t), NoFetch: true})
	must(t, err)
	if !rep.DryRun || rep.Created["story"] != 6 || rep.Created["media"] != 2 || len(rep.MissingMedia) != 1 || rep.Created["redirect"] == 0 {
		t.Fatalf("dry run report: %+v", rep)
	}
	n, _ := s.db.CountStories(ctx)
	users, _ := s.db.Users(ctx)
	secs, _ := s.db.Sections(ctx)
	log, total, _ := s.db.AuditLog(ctx, khabar.AuditFilter{Limit: 10})
	if n != 0 || len(users) != 0 || len(secs) != 0 || total != 0 {
		t.Fatalf("a dry run wrote %d stories, %d users, %d sections, %d audit entries %v", n, len(users), len(secs), total, log)
	}
}

// TestWordPressFetchesImages fetches the images from the old site over
// HTTP, within the limits, as an import without --uploads does.
func TestWordPressFetchesImages(t *testing.T) {
	ctx := context.Background()
	up := uploads(t)
	old := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.ServeFile(w, r, filepath.Join(up, strings.TrimPrefix(r.URL.Path, "/wp-content/uploads/")))
	}))
	defer old.Close()
	raw, err := os.ReadFile(fixture)
	must(t, err)
	file := filepath.Join(t.TempDir(), "export.xml")
	must(t, os.WriteFile(file, []byte(strings.ReplaceAll(string(raw), "http://old.example.org", old.URL)), 0o644))

	s := newSite(t)
	rep, err := port.WordPress(ctx, s.news, newsroom.Console(), file, port.Options{Concurrency: 2, Timeout: 5 * time.Second})
	must(t, err)
	if rep.Created["media"] != 2 || len(rep.MissingMedia) != 1 || !strings.Contains(rep.MissingMedia[0].Err.Error(), "404") {
		t.Fatalf("report: %+v %v", rep, rep.MissingMedia)
	}
	// An image over the limit is refused as an upload would be.
	s2 := newSite(t)
	lim := media.DefaultLimits()
	lim.MaxBytes = 1000
	rep, err = port.WordPress(ctx, s2.news, newsroom.Console(), file, port.Options{Limits: lim})
	must(t, err)
	if rep.Created["media"] != 0 || len(rep.MissingMedia) != 3 || rep.Created["story"] != 6 {
		t.Fatalf("report with a small limit: %+v", rep)
	}
}

func TestWordPressRefusesBadFiles(t *testing.T) {
	ctx := context.Background()
	for _, tt := range []struct{ file, want string }{
		{"../wxr/testdata/bad/malformed.xml", "line 100"},
		{"../wxr/testdata/bad/version.xml", "WXR version"},
		{"../wxr/testdata/bad/truncated.xml", "cut short"},
		{"../wxr/testdata/bad/html.xml", "not a WordPress export"},
		{"../wxr/testdata/missing.xml", "no such file"},
	} {
		s := newSite(t)
		_, err := port.WordPress(ctx, s.news, newsroom.Console(), tt.file, port.Options{NoFetch: true})
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: %v, want %q", tt.file, err, tt.want)
		}
		if n, _ := s.db.CountStories(ctx); n != 0 {
			t.Errorf("%s: %d stories written", tt.file, n)
		}
		if users, _ := s.db.Users(ctx); len(users) != 0 {
			t.Errorf("%s: %d users written", tt.file, len(users))
		}
	}
}

// TestWordPressBadItems: items that break a rule are skipped, each named
// with its line, and the rest is imported.
func TestWordPressBadItems(t *testing.T) {
	ctx := context.Background()
	s := newSite(t)
	rep, err := port.WordPress(ctx, s.news, newsroom.Console(), "../wxr/testdata/bad/flaws.xml", port.Options{NoFetch: true})
	must(t, err)
	want := []struct {
		ref, key string
		line     any
	}{
		{"post 7 “Oil prices & the Gulf’s budgets\u00a0in 2013” (line 30)", "err.import.utf8", 37},
		{"post 9 “Second look at ?OPEC” (line 117)", "err.import.control", 118},
		{"post 10 “Only scripts” (line 140)", "err.body.only_scripts", nil},
	}
	for i, w := range want {
		if i >= len(rep.Skipped) {
			t.Fatalf("skipped: %+v", rep.Skipped)
		}
		p, e := rep.Skipped[i], khabar.AsError(rep.Skipped[i].Err)
		if p.Ref != w.ref || e.Key != w.key || e.Arg("line") != w.line {
			t.Errorf("skipped %q: %v; want %q, %s, line %v", p.Ref, p.Err, w.ref, w.key, w.line)
		}
	}
	if rep.Created["story"] != 0 || len(rep.Skipped) != 3 {
		t.Fatalf("report: %+v", rep)
	}
	rep, err = port.WordPress(ctx, s.news, newsroom.Console(), "../wxr/testdata/classic.xml", port.Options{NoFetch: true})
	must(t, err)
	if rep.Created["story"] != 3 || len(rep.Skipped) != 1 {
		t.Fatalf("classic report: %+v %v", rep, rep.Skipped)
	}
	// A post behind a password is kept off the site.
	leak, _ := s.db.Versions(ctx, storyWith(t, s, "Members only"))
	if leak[0].Status != khabar.StatusDraft {
		t.Fatalf("a password-protected post is %s", leak[0].Status)
	}
	opec := storyWith(t, s, "Second look at OPEC")
	vs, _ := s.db.Versions(ctx, opec)
	if strings.Contains(vs[0].Body, "script") || strings.Contains(vs[0].Body, "iframe") || !strings.Contains(vs[0].Body, "OPEC meets in Vienna.") {
		t.Fatalf("the scripts were kept: %s", vs[0].Body)
	}
}

// TestWordPressWPML: WPML's export add-on names each post's language and
// group in its meta; the post without a source language is the original.
func TestWordPressWPML(t *testing.T) {
	ctx := context.Background()
	s := newSite(t)
	rep, err := port.WordPress(ctx, s.news, newsroom.Console(), "../wxr/testdata/wpml.xml", port.Options{NoFetch: true})
	must(t, err)
	if rep.Created["story"] != 1 || rep.Created["version"] != 2 || len(rep.Skipped) != 0 {
		t.Fatalf("report: %+v %v", rep, rep.Skipped)
	}
	id := storyWith(t, s, "Переговоры в Дохе")
	st, err := s.db.Story(ctx, id)
	must(t, err)
	vs, err := s.db.Versions(ctx, id)
	must(t, err)
	if st.OriginalLang != "ru" || len(vs) != 2 || vs[0].Lang != "ar" || vs[0].Slug != "محادثات" {
		t.Fatalf("story %+v, versions %+v", st, vs)
	}
	if r, err := s.db.RedirectFrom(ctx, "/ar/2024/02/محادثات"); err != nil || r.StoryID != id || r.Lang != "ar" {
		t.Fatalf("redirect: %+v, %v", r, err)
	}
}

// TestWordPressOldSiteMisbehaves: an image the old site never finishes
// sending is given up after the timeout, a page of HTML where an image
// should be is refused by the checks of uploads; each is reported, and
// every story comes in.
func TestWordPressOldSiteMisbehaves(t *testing.T) {
	ctx := context.Background()
	old := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case strings.Contains(r.URL.Path, "kazan-summit"):
			w.Header().Set("Content-Type", "image/jpeg")
			w.WriteHeader(http.StatusOK)
			w.Write([]byte{0xff, 0xd8, 0xff})
			w.(http.Flusher).Flush()
			<-r.Context().Done() // and nothing more
		case strings.Contains(r.URL.Path, "grain-port"):
			w.Header().Set("Content-Type", "image/png")
			w.Write([]byte("<!doctype html><title>Not found</title><p>Page not found"))
		default:
			http.NotFound(w, r)
		}
	}))
	defer old.Close()
	raw, err := os.ReadFile(fixture)
	must(t, err)
	file := filepath.Join(t.TempDir(), "export.xml")
	must(t, os.WriteFile(file, []byte(strings.ReplaceAll(string(raw), "http://old.example.org", old.URL)), 0o644))

	s := newSite(t)
	rep, err := port.WordPress(ctx, s.news, newsroom.Console(), file, port.Options{Timeout: 300 * time.Millisecond})
	must(t, err)
	if rep.Created["media"] != 0 || rep.Created["story"] != 6 || len(rep.MissingMedia) != 3 {
		t.Fatalf("report: %+v %v", rep, rep.MissingMedia)
	}
	want := map[string]string{"attachment 90": "err.import.media_slow", "attachment 91": "err.media.type", "attachment 92": "err.import.media_status"}
	for _, m := range rep.MissingMedia {
		key := khabar.AsError(m.Err).Key
		for ref, k := range want {
			if strings.Contains(m.Ref, ref) && key != k {
				t.Errorf("%s: %s (%v), want %s", m.Ref, key, m.Err, k)
			}
		}
	}
}

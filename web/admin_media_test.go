package web_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"io"
	"io/fs"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/i18n"
	"github.com/khabarnews/khabar/media"
	"github.com/khabarnews/khabar/newsroom"
	"github.com/khabarnews/khabar/sqlstore/sqltest"
	"github.com/khabarnews/khabar/web"
)

// newMediaSite is newSite with the media directory known, so that tests can
// check that a refused upload leaves nothing in it.
func newMediaSite(t *testing.T) (*site, string) {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	db := sqltest.Open(t)
	root := filepath.Join(dir, "media")
	blobs, err := media.NewDisk(root)
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
	s.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { h.ServeHTTP(w, r) }))
	t.Cleanup(s.srv.Close)
	w, err := web.New(web.Config{BaseURL: s.srv.URL, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}, db, blobs, cat, newsroom.New(db, blobs, nil, nil))
	if err != nil {
		t.Fatal(err)
	}
	h = w
	return s, root
}

// tree lists every file and folder under root (and beside it, to catch a
// path trick that escaped).
func tree(t *testing.T, root string) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(filepath.Dir(root), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !strings.HasPrefix(filepath.Base(p), "khabar.db") {
			out = append(out, p)
		}
		return nil
	})
	return out
}

// upload posts a multipart form with one file, the way a browser does.
func (b *browser) upload(path string, fields url.Values, filename string, data []byte, header ...string) response {
	b.s.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for k, vs := range fields {
		for _, v := range vs {
			mw.WriteField(k, v)
		}
	}
	if filename != "" {
		fw, err := mw.CreateFormFile("file", filename)
		b.s.must(err)
		fw.Write(data)
	}
	b.s.must(mw.Close())
	req, err := http.NewRequest("POST", b.s.srv.URL+path, &body)
	b.s.must(err)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	res, err := b.c.Do(req)
	b.s.must(err)
	defer res.Body.Close()
	got, err := io.ReadAll(res.Body)
	b.s.must(err)
	return response{status: res.StatusCode, header: res.Header, body: string(got)}
}

// signIn logs a new browser in as a user with the given interface language.
func (s *site) signIn(login, uiLang string) *browser {
	s.t.Helper()
	b := s.browser()
	if r := b.login(login, "correct horse battery"); r.status != http.StatusSeeOther {
		s.t.Fatalf("login %s = %d", login, r.status)
	}
	if r := b.do("POST", "/admin/ui-language", url.Values{"lang": {uiLang}, "next": {"/admin/"}}); r.status != http.StatusSeeOther {
		s.t.Fatalf("ui-language = %d", r.status)
	}
	return b
}

func photoJPEG(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, color.RGBA{uint8(x), uint8(y), uint8(x + y), 255})
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, nil); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// bombPNG is a PNG header claiming w×h pixels, with a correct CRC.
func bombPNG(w, h uint32) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	chunk := make([]byte, 4+13)
	copy(chunk, "IHDR")
	binary.BigEndian.PutUint32(chunk[4:], w)
	binary.BigEndian.PutUint32(chunk[8:], h)
	chunk[12], chunk[13] = 8, 6
	binary.Write(&b, binary.BigEndian, uint32(13))
	b.Write(chunk)
	binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(chunk))
	b.Write(make([]byte, 100))
	return b.Bytes()
}

var uploadedRE = regexp.MustCompile(`^/admin/media/(\d+)\?done=media\.uploaded$`)

// mustUpload uploads a JPEG as b and returns the new media.
func (s *site) mustUpload(b *browser, fields url.Values, filename string, data []byte) *khabar.Media {
	s.t.Helper()
	r := b.upload("/admin/media", fields, filename, data)
	m := uploadedRE.FindStringSubmatch(r.header.Get("Location"))
	if r.status != http.StatusSeeOther || m == nil {
		s.t.Fatalf("upload = %d %q\n%.600s", r.status, r.header.Get("Location"), r.body)
	}
	id, _ := strconv.ParseInt(m[1], 10, 64)
	got, err := s.store.Media(context.Background(), id)
	s.must(err)
	return got
}

func TestMediaUploadByAuthor(t *testing.T) {
	s, root := newMediaSite(t)
	s.newsroomUser("karim", khabar.RoleAuthor)
	b := s.signIn("karim", "ar")
	before := tree(t, root)

	fields := url.Values{"credit.ar": {"الصورة: وكالة تاس"}, "alt.ru": {"Казанский кремль"}, "credit.xx": {"ignored"}}
	m := s.mustUpload(b, fields, "../../x.jpg", photoJPEG(t, 1600, 900))
	if m.Credit["ar"] != "الصورة: وكالة تاس" || m.Alt["ru"] != "Казанский кремль" || m.Credit["xx"] != "" ||
		m.MIME != "image/jpeg" || m.Width != 1600 || m.Height != 900 {
		t.Fatalf("stored %+v", m)
	}
	// The name the browser sent plays no part: keys are made by Khabar.
	if strings.Contains(m.Key, "x.jpg") || strings.Contains(m.Key, "..") || !strings.HasSuffix(m.Key, "/original.jpg") {
		t.Fatalf("key %q", m.Key)
	}
	for _, p := range tree(t, root) {
		if !slices.Contains(before, p) && !strings.HasPrefix(p, root+string(filepath.Separator)) {
			t.Fatalf("an upload wrote outside the media directory: %s", p)
		}
	}
	want := map[string][2]int{"article": {1200, 675}, "thumb": {480, 270}, "social": {1200, 630}, "wide": {1200, 675}, "four3": {1200, 900}, "square": {900, 900}}
	if len(m.Variants) != len(want) {
		t.Fatalf("variants %+v", m.Variants)
	}
	for _, v := range m.Variants {
		if _, err := os.Stat(filepath.Join(root, filepath.FromSlash(v.Key))); err != nil {
			t.Errorf("%s is not in the blob store: %v", v.Name, err)
		}
		r := s.page("/media/" + v.Key)
		cfg, err := jpeg.DecodeConfig(strings.NewReader(r.body))
		if r.header.Get("Content-Type") != "image/jpeg" || err != nil || [2]int{cfg.Width, cfg.Height} != want[v.Name] ||
			[2]int{v.Width, v.Height} != want[v.Name] {
			t.Errorf("%s: %s %v %d×%d, want %v", v.Name, r.header.Get("Content-Type"), err, cfg.Width, cfg.Height, want[v.Name])
		}
	}

	// The image's page, in Arabic: notice, sizes, the texts form is for
	// editors only.
	page := b.do("GET", "/admin/media/"+strconv.FormatInt(m.ID, 10)+"?done=media.uploaded", nil)
	if page.status != http.StatusOK || !strings.Contains(page.body, "رُفعت الصورة") || !strings.Contains(page.body, "صفحة المقال") ||
		!strings.Contains(page.body, "/thumb.jpg") || !strings.Contains(page.body, "لا يغيّر هذه النصوص إلا المحررون") ||
		strings.Contains(page.body, `name="credit.ar"`) {
		t.Fatalf("media page = %d\n%.3000s", page.status, page.body)
	}
	// An author may not change the texts.
	if r := b.do("POST", "/admin/media/"+strconv.FormatInt(m.ID, 10), url.Values{"credit.ar": {"x"}}); r.status != http.StatusForbidden ||
		!strings.Contains(r.body, "دورك لا يسمح لك بتغيير نصوص الصور.") {
		t.Fatalf("author edits texts = %d", r.status)
	}
	// The library lists it first, with its thumbnail.
	lib := b.do("GET", "/admin/media", nil)
	if lib.status != http.StatusOK || !strings.Contains(lib.body, keyURL(m, "thumb")) || !strings.Contains(lib.body, `enctype="multipart/form-data"`) {
		t.Fatalf("library = %d\n%.2000s", lib.status, lib.body)
	}
}

func keyURL(m *khabar.Media, variant string) string {
	v, _ := m.Variant(variant)
	return "/media/" + v.Key
}

func TestMediaUploadRefusedStoresNothing(t *testing.T) {
	s, root := newMediaSite(t)
	s.newsroomUser("karim", khabar.RoleAuthor)
	s.newsroomUser("vera", khabar.RoleAuthor)
	// The interface language belongs to the user, so one user per language.
	ar, ru := s.signIn("karim", "ar"), s.signIn("vera", "ru")
	jpg := photoJPEG(t, 320, 180)
	oversized := append(append([]byte{}, jpg...), make([]byte, 15<<20)...)
	ctx := context.Background()
	_, count, err := s.store.ListMedia(ctx, 10, 0)
	s.must(err)
	before := tree(t, root)

	tests := []struct {
		name   string
		b      *browser
		fields url.Values
		file   string
		data   []byte
		want   string
	}{
		{"text named .jpg", ru, nil, "photo.jpg", []byte("Это не фотография, а текст.\n"), "Загружать можно только изображения JPEG, PNG и WebP; этот файл — text/plain"},
		{"gif", ar, nil, "anim.png", []byte("GIF89a\x01\x00\x01\x00\x00\x00\x00;"), "لا يمكن رفع إلا صور JPEG وPNG وWebP؛ وهذا الملف من نوع image/gif"},
		{"oversized", ru, nil, "big.jpg", oversized, "Файл больше 15 МБ."},
		{"bomb", ar, nil, "bomb.png", bombPNG(100000, 100000), "أبعاد الصورة ١٠٠٬٠٠٠ × ١٠٠٬٠٠٠ بكسل"},
		{"damaged", ru, nil, "half.jpg", jpg[:len(jpg)/2], "Изображение повреждено"},
		{"no file", ar, url.Values{"credit.ar": {"تاس"}}, "", nil, "اختر ملف صورة لرفعه."},
		// Valid image, invalid text: the variants were written before the
		// store refused the record, and must be gone again.
		{"invalid UTF-8 credit", ru, url.Values{"credit.ru": {"\xff\xfe"}}, "ok.jpg", jpg, "не в корректной кодировке UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := tt.b.upload("/admin/media", tt.fields, tt.file, tt.data)
			if r.status != http.StatusBadRequest || !strings.Contains(r.body, tt.want) || !strings.Contains(r.body, `class="form-error"`) {
				t.Fatalf("status %d, want 400 with %q\n%.3000s", r.status, tt.want, r.body)
			}
			if tt.fields.Get("credit.ar") != "" && !strings.Contains(r.body, `value="`+tt.fields.Get("credit.ar")+`"`) {
				t.Error("the typed credit was lost")
			}
			if _, n, _ := s.store.ListMedia(ctx, 10, 0); n != count {
				t.Fatalf("%d media rows, want %d", n, count)
			}
			if after := tree(t, root); !slices.Equal(after, before) {
				t.Fatalf("files changed:\nbefore %v\nafter  %v", before, after)
			}
		})
	}

	// Past the route's own limit: refused with 413 before a byte is read.
	if r := ar.upload("/admin/media", nil, "huge.jpg", make([]byte, 40<<20)); r.status != http.StatusRequestEntityTooLarge ||
		!strings.Contains(r.body, "(١٦ ميغابايت)") {
		t.Fatalf("40 MB upload = %d\n%.3000s", r.status, r.body)
	}

	// The same refusals as JSON for the story editor.
	r := ru.upload("/admin/media", nil, "bomb.png", bombPNG(20000, 100), "Accept", "application/json")
	var got map[string]string
	if err := json.Unmarshal([]byte(r.body), &got); err != nil || r.status != http.StatusBadRequest ||
		got["reason"] != "dimensions" || !strings.Contains(got["error"], "20\u00a0000 × 100") {
		t.Fatalf("JSON refusal = %d %q", r.status, r.body)
	}
	if after := tree(t, root); !slices.Equal(after, before) {
		t.Fatal("a refused JSON upload left files")
	}
}

func TestMediaPermissionsAndEditing(t *testing.T) {
	s, _ := newMediaSite(t)
	s.newsroomUser("karim", khabar.RoleAuthor)
	s.newsroomUser("lena", khabar.RoleTranslator, "ru")
	s.newsroomUser("nadia", khabar.RoleEditor)
	m := s.mustUpload(s.signIn("karim", "en"), url.Values{"credit.ar": {"تاس"}, "caption.ar": {"قاعة القمة"}}, "a.jpg", photoJPEG(t, 800, 600))
	id := strconv.FormatInt(m.ID, 10)

	// A translator may neither upload nor browse the library.
	tr := s.signIn("lena", "ru")
	if r := tr.upload("/admin/media", nil, "a.jpg", photoJPEG(t, 64, 64)); r.status != http.StatusForbidden || !strings.Contains(r.body, "Ваша роль не позволяет пользоваться медиатекой.") {
		t.Fatalf("translator upload = %d", r.status)
	}
	for _, p := range []string{"/admin/media", "/admin/media/" + id, "/admin/media.json"} {
		if r := tr.do("GET", p, nil); r.status != http.StatusForbidden {
			t.Errorf("translator GET %s = %d", p, r.status)
		}
	}
	if _, n, _ := s.store.ListMedia(context.Background(), 10, 0); n != 2 {
		t.Fatalf("%d media after the translator's upload", n)
	}

	// An editor sets the Russian caption; the Arabic texts stay.
	ed := s.signIn("nadia", "ru")
	page := ed.do("GET", "/admin/media/"+id, nil)
	for _, want := range []string{`name="caption.ar" rows="2" lang="ar" dir="rtl"`, `name="credit.ru" value="" lang="ru" dir="ltr"`, `value="تاس"`} {
		if !strings.Contains(page.body, want) {
			t.Fatalf("edit form lacks %s\n%.4000s", want, page.body)
		}
	}
	form := url.Values{"credit.ar": {"تاس"}, "caption.ar": {"قاعة القمة"}, "caption.ru": {"Зал саммита в Казани"}, "alt.en": {"A round table"}}
	if r := ed.do("POST", "/admin/media/"+id, form); r.status != http.StatusSeeOther || r.header.Get("Location") != "/admin/media/"+id+"?done=media.saved" {
		t.Fatalf("editor save = %d %q\n%.2000s", r.status, r.header.Get("Location"), r.body)
	}
	got, err := s.store.Media(context.Background(), m.ID)
	s.must(err)
	if got.Caption["ru"] != "Зал саммита в Казани" || got.Caption["ar"] != "قاعة القمة" || got.Credit["ar"] != "تاس" || got.Alt["en"] != "A round table" || len(got.Variants) != len(khabar.VariantNames()) {
		t.Fatalf("after edit: %+v", got)
	}
	if r := ed.do("GET", "/admin/media/"+id+"?done=media.saved", nil); !strings.Contains(r.body, "Тексты изображения сохранены.") {
		t.Fatal("no notice after saving")
	}
	// Bad input is refused and changes nothing.
	if r := ed.do("POST", "/admin/media/"+id, url.Values{"caption.ru": {"\xff"}}); r.status != http.StatusBadRequest {
		t.Fatalf("invalid UTF-8 caption = %d", r.status)
	}
	if again, _ := s.store.Media(context.Background(), m.ID); again.Caption["ru"] != "Зал саммита в Казани" {
		t.Fatal("a refused save changed the caption")
	}
	for _, p := range []string{"/admin/media/999", "/admin/media/abc", "/admin/media/01"} {
		if r := ed.do("GET", p, nil); r.status != http.StatusNotFound {
			t.Errorf("GET %s = %d, want 404", p, r.status)
		}
	}
}

func TestMediaUsageAndPublicPages(t *testing.T) {
	s, _ := newMediaSite(t)
	s.newsroomUser("nadia", khabar.RoleEditor)
	b := s.signIn("nadia", "en")
	m := s.mustUpload(b, url.Values{"alt.ar": {"الكرملين"}, "credit.ar": {"تاس"}}, "k.jpg", photoJPEG(t, 1600, 900))
	ctx := context.Background()
	st := &khabar.Story{LeadMediaID: m.ID, Featured: true}
	published := time.Now().Add(-time.Hour)
	s.must(s.store.CreateStory(ctx, st, []*khabar.Version{
		{Lang: "ar", Title: "الكرملين في الشتاء", Slug: "الكرملين-في-الشتاء", Body: "<p>نص.</p>", Status: khabar.StatusPublished, PublishedAt: published},
	}))

	page := b.do("GET", "/admin/media/"+strconv.FormatInt(m.ID, 10), nil)
	if !strings.Contains(page.body, `href="/admin/stories/`+strconv.FormatInt(st.ID, 10)+`/ar"`) || !strings.Contains(page.body, "الكرملين في الشتاء") ||
		!strings.Contains(page.body, "lead image") {
		t.Fatalf("usage not listed\n%.4000s", page.body)
	}

	// Readers get the variants: the article size with a srcset, the social
	// crop for link previews, the thumbnail on cards.
	front := s.page("/ar/")
	if !strings.Contains(front.body, `src="`+keyURL(m, "article")+`"`) ||
		!strings.Contains(front.body, `srcset="`+keyURL(m, "thumb")+` 480w, `+keyURL(m, "article")+` 1200w"`) {
		t.Fatalf("front page lead image\n%.3000s", front.body)
	}
	art := s.page("/ar/news/" + strconv.FormatInt(st.ID, 10) + "-" + url.PathEscape("الكرملين-في-الشتاء"))
	for _, want := range []string{
		`<img src="` + keyURL(m, "article") + `" srcset="`, `alt="الكرملين" width="1200" height="675"`,
		`<meta property="og:image" content="` + s.srv.URL + keyURL(m, "social") + `">`,
		`<meta property="og:image:width" content="1200">`, `<meta property="og:image:height" content="630">`,
		`<meta name="twitter:image" content="` + s.srv.URL + keyURL(m, "social") + `">`,
	} {
		if !strings.Contains(art.body, want) {
			t.Errorf("article page lacks %s", want)
		}
	}
	// (Structured data may name the original: search engines want the largest.)
	if strings.Contains(art.body, `src="/media/`+m.Key) || strings.Contains(art.body, `content="`+s.srv.URL+`/media/`+m.Key) {
		t.Error("the article page shows the full-size original")
	}
	list := s.page("/ar/archive/" + published.Format("2006/01/02") + "/")
	if !strings.Contains(list.body, `<img src="`+keyURL(m, "thumb")+`" alt="" width="480" height="270"`) {
		t.Errorf("cards do not use the thumbnail\n%.3000s", list.body)
	}
	// Old media without variants still show their original.
	if old := s.page("/ar/"); !strings.Contains(old.body, "/media/test/summit.jpg") {
		t.Error("media without variants lost their picture")
	}
}

func TestMediaJSON(t *testing.T) {
	s, _ := newMediaSite(t)
	s.newsroomUser("karim", khabar.RoleAuthor)
	b := s.signIn("karim", "en")

	// Upload on the spot, from the story editor.
	var pic bytes.Buffer
	s.must(png.Encode(&pic, image.NewNRGBA(image.Rect(0, 0, 600, 400)))) // transparent: variants on white
	r := b.upload("/admin/media", url.Values{"credit.en": {"Photo: TASS"}}, "p.png", pic.Bytes(), "Accept", "application/json")
	var up struct {
		ID            int64
		Width, Height int
		URLs          map[string]string
		Variants      []struct {
			Name, URL     string
			Width, Height int
		}
		Credit khabar.Text
	}
	if err := json.Unmarshal([]byte(r.body), &up); err != nil || r.status != http.StatusCreated || up.ID == 0 || up.Width != 600 || up.Height != 400 ||
		!strings.HasSuffix(up.URLs["original"], "/original.png") || !strings.HasSuffix(up.URLs["thumb"], "/thumb.jpg") ||
		!strings.HasSuffix(up.URLs["article"], "/article.jpg") || !strings.HasSuffix(up.URLs["social"], "/social.jpg") ||
		len(up.Variants) != len(khabar.VariantNames()) || up.Credit["en"] != "Photo: TASS" {
		t.Fatalf("JSON upload = %d %s (%v)", r.status, r.body, err)
	}
	if p := s.page(up.URLs["article"]); p.header.Get("Content-Type") != "image/jpeg" {
		t.Fatalf("article variant served as %s", p.header.Get("Content-Type"))
	}

	// The picker's list: newest first, old media with their original.
	r = b.do("GET", "/admin/media.json?page=1", nil)
	var list struct {
		Page, Pages, Total int
		Items              []struct {
			ID            int64
			Width, Height int
			URLs          map[string]string
			Credit, Alt   khabar.Text
			Caption       khabar.Text
		}
	}
	if err := json.Unmarshal([]byte(r.body), &list); err != nil || r.status != http.StatusOK || r.header.Get("Content-Type") != "application/json; charset=utf-8" {
		t.Fatalf("media.json = %d %s", r.status, r.body)
	}
	if list.Page != 1 || list.Pages != 1 || list.Total != 2 || len(list.Items) != 2 || list.Items[0].ID != up.ID ||
		list.Items[1].URLs["thumb"] != "/media/test/summit.jpg" || list.Items[1].Credit["ar"] != "الموقع الرسمي لرئيس روسيا" ||
		list.Items[1].Caption["ru"] != "Зал саммита" || list.Items[0].Alt == nil {
		t.Fatalf("media.json = %s", r.body)
	}
	if r := b.do("GET", "/admin/media.json?page=x", nil); r.status != http.StatusNotFound || !strings.Contains(r.body, `"error"`) {
		t.Fatalf("bad page = %d %s", r.status, r.body)
	}
	// Signed out: no JSON for strangers.
	if r := s.browser().do("GET", "/admin/media.json", nil); r.status == http.StatusOK {
		t.Fatalf("signed-out media.json = %d", r.status)
	}
}

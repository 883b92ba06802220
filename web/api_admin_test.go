package web_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"io"
	"mime/multipart"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/web"
)

// apiToken makes a token for u with role, as the newsroom's token page
// does: only its hash is stored.
func (s *site) apiToken(u *khabar.User, role khabar.Role, expires time.Time) (string, *khabar.APIToken) {
	s.t.Helper()
	b := make([]byte, 32)
	rand.Read(b)
	secret := "khb_" + base64.RawURLEncoding.EncodeToString(b)
	sum := sha256.Sum256([]byte(secret))
	tok := &khabar.APIToken{UserID: u.ID, Name: "test " + string(role), Role: role, Prefix: secret[:12],
		TokenHash: hex.EncodeToString(sum[:]), ExpiresAt: expires}
	s.must(s.store.CreateAPIToken(context.Background(), tok))
	return secret, tok
}

// call makes an Admin API request with a JSON body (or none) and a token.
func (s *site) call(token, method, path string, body any, header ...string) response {
	s.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	case []byte:
		rd = bytes.NewReader(b)
	default:
		j, err := json.Marshal(b)
		s.must(err)
		rd = bytes.NewReader(j)
	}
	req, err := http.NewRequest(method, s.srv.URL+path, rd)
	s.must(err)
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	res, err := http.DefaultClient.Do(req)
	s.must(err)
	defer res.Body.Close()
	out, err := io.ReadAll(res.Body)
	s.must(err)
	return response{status: res.StatusCode, header: res.Header, body: string(out)}
}

type adminVersion struct {
	Lang     string `json:"lang"`
	Title    string `json:"title"`
	Slug     string `json:"slug"`
	Status   string `json:"status"`
	Revision int64  `json:"revision"`
	Outdated bool   `json:"outdated"`
	URL      string `json:"url"`
}

type adminStory struct {
	ID          int64          `json:"id"`
	Revision    int64          `json:"revision"`
	SectionID   int64          `json:"section_id"`
	TagIDs      []int64        `json:"tag_ids"`
	LeadMediaID int64          `json:"lead_media_id"`
	Versions    []adminVersion `json:"versions"`
}

func (a adminStory) version(lang string) adminVersion {
	for _, v := range a.Versions {
		if v.Lang == lang {
			return v
		}
	}
	return adminVersion{}
}

// revisionsOf counts every saved revision, so that a test can check that a
// refused request saved nothing.
func (s *site) revisionsOf(id int64) int {
	s.t.Helper()
	n := 0
	for _, l := range []string{"ar", "ru", "en"} {
		rs, err := s.store.Revisions(context.Background(), id, l)
		s.must(err)
		n += len(rs)
	}
	return n
}

func TestAdminAPITokens(t *testing.T) {
	s := newSite(t)
	ed := s.newsroomUser("editor", khabar.RoleEditor)
	good, _ := s.apiToken(ed, khabar.RoleEditor, time.Time{})
	me := decode[struct {
		Login string `json:"login"`
		Role  string `json:"role"`
	}](t, s.call(good, "GET", "/api/v1/admin/me", nil))
	if me.Login != "editor" || me.Role != "editor" {
		t.Fatalf("me = %+v", me)
	}

	r := s.call("", "GET", "/api/v1/admin/me", nil)
	wantProblem(t, r, http.StatusUnauthorized, "token_missing")
	if !strings.HasPrefix(r.header.Get("WWW-Authenticate"), "Bearer") {
		t.Errorf("WWW-Authenticate = %q", r.header.Get("WWW-Authenticate"))
	}
	wantProblem(t, s.call("khb_not-a-real-token", "GET", "/api/v1/admin/me", nil), http.StatusUnauthorized, "token_invalid")
	wantProblem(t, s.call(good[:len(good)-1], "GET", "/api/v1/admin/me", nil), http.StatusUnauthorized, "token_invalid")

	expired, _ := s.apiToken(ed, khabar.RoleEditor, time.Now().Add(-time.Minute))
	wantProblem(t, s.call(expired, "GET", "/api/v1/admin/me", nil), http.StatusUnauthorized, "token_expired")
	revoked, tok := s.apiToken(ed, khabar.RoleEditor, time.Time{})
	s.must(s.store.RevokeAPIToken(context.Background(), ed.ID, tok.ID))
	wantProblem(t, s.call(revoked, "GET", "/api/v1/admin/me", nil), http.StatusUnauthorized, "token_revoked")

	// A user whose role was lowered cannot use a token made before.
	lowered := s.newsroomUser("lowered", khabar.RoleEditor)
	strong, _ := s.apiToken(lowered, khabar.RoleEditor, time.Time{})
	lowered.Role = khabar.RoleAuthor
	s.must(s.store.UpdateUser(context.Background(), lowered))
	wantProblem(t, s.call(strong, "GET", "/api/v1/admin/me", nil), http.StatusForbidden, "token_role")

	gone := s.newsroomUser("gone", khabar.RoleEditor)
	goneToken, _ := s.apiToken(gone, khabar.RoleEditor, time.Time{})
	gone.Disabled = true
	s.must(s.store.UpdateUser(context.Background(), gone))
	wantProblem(t, s.call(goneToken, "GET", "/api/v1/admin/me", nil), http.StatusUnauthorized, "token_invalid")

	// The token is recorded as used, without emptying the page cache.
	list, err := s.store.APITokens(context.Background(), ed.ID)
	s.must(err)
	for _, tk := range list {
		if tk.Name == "test editor" && tk.RevokedAt.IsZero() && tk.ExpiresAt.IsZero() && tk.LastUsedAt.IsZero() {
			t.Errorf("token %d was used but not recorded", tk.ID)
		}
	}
	// No CORS for the Admin API: its tokens are not for web pages.
	if got := s.call(good, "GET", "/api/v1/admin/me", nil).header.Get("Access-Control-Allow-Origin"); got != "" {
		t.Errorf("Admin API sends Access-Control-Allow-Origin %q", got)
	}
}

// TestAdminAPIRoles: the same rules as the newsroom, role by role.
func TestAdminAPIRoles(t *testing.T) {
	s := newSite(t)
	author := s.newsroomUser("author", khabar.RoleAuthor)
	editor := s.newsroomUser("editor", khabar.RoleEditor)
	translator := s.newsroomUser("translator", khabar.RoleTranslator, "ru")
	authorTok, _ := s.apiToken(author, khabar.RoleAuthor, time.Time{})
	editorTok, _ := s.apiToken(editor, khabar.RoleEditor, time.Time{})
	editorAsAuthor, _ := s.apiToken(editor, khabar.RoleAuthor, time.Time{})
	translatorTok, _ := s.apiToken(translator, khabar.RoleTranslator, time.Time{})

	// An author writes a draft and submits it; cannot publish it.
	created := s.call(authorTok, "POST", "/api/v1/admin/stories", map[string]any{
		"lang": "ar", "title": "اجتماع وزراء الطاقة", "summary": "اتفاق مبدئي.", "body_html": "<p>نص الخبر.</p>"})
	if created.status != http.StatusCreated || !strings.Contains(created.header.Get("Location"), "/api/v1/admin/stories/") {
		t.Fatalf("author creates: %d %s", created.status, created.body)
	}
	st := decode[adminStory](t, created)
	ar := st.version("ar")
	if ar.Status != "draft" || ar.Revision != 1 || st.Revision != 1 {
		t.Fatalf("created %+v", st)
	}
	path := fmt.Sprintf("/api/v1/admin/stories/%d", st.ID)
	wantProblem(t, s.call(authorTok, "POST", path+"/versions/ar/status", map[string]any{"status": "published", "revision": ar.Revision}),
		http.StatusForbidden, "forbidden")
	wantProblem(t, s.call(editorAsAuthor, "POST", path+"/versions/ar/status", map[string]any{"status": "published", "revision": ar.Revision}),
		http.StatusForbidden, "forbidden")
	wantProblem(t, s.call(authorTok, "POST", "/api/v1/admin/tags", map[string]any{"name": map[string]string{"ar": "طاقة"}}),
		http.StatusForbidden, "forbidden")
	sub := decode[adminVersion](t, s.call(authorTok, "POST", path+"/versions/ar/status", map[string]any{"status": "review", "revision": ar.Revision}))
	if sub.Status != "review" {
		t.Fatalf("submitted: %+v", sub)
	}
	// Another author's story is not theirs to edit.
	other := s.newsroomUser("other", khabar.RoleAuthor)
	otherTok, _ := s.apiToken(other, khabar.RoleAuthor, time.Time{})
	wantProblem(t, s.call(otherTok, "PUT", path+"/versions/ar", map[string]any{"revision": sub.Revision, "title": "عنوان آخر"}),
		http.StatusForbidden, "forbidden")

	// The editor publishes; the page is live.
	pub := decode[adminVersion](t, s.call(editorTok, "POST", path+"/versions/ar/status", map[string]any{"status": "published", "revision": sub.Revision}))
	if pub.Status != "published" {
		t.Fatalf("published: %+v", pub)
	}
	if r := s.get(strings.TrimPrefix(pub.URL, s.srv.URL)); r.status != http.StatusOK || !strings.Contains(r.body, "اجتماع وزراء الطاقة") {
		t.Fatalf("public page after publishing: %d", r.status)
	}

	// The translator adds Russian, but may not touch Arabic or English.
	ru := s.call(translatorTok, "PUT", path+"/versions/ru", map[string]any{"revision": 0, "title": "Встреча министров энергетики", "body_html": "<p>Текст.</p>"})
	if ru.status != http.StatusCreated {
		t.Fatalf("translator adds ru: %d %s", ru.status, ru.body)
	}
	wantProblem(t, s.call(translatorTok, "PUT", path+"/versions/en", map[string]any{"revision": 0, "title": "Energy ministers meet"}),
		http.StatusForbidden, "forbidden")
	wantProblem(t, s.call(translatorTok, "PUT", path+"/versions/ar", map[string]any{"revision": pub.Revision, "title": "تغيير"}),
		http.StatusForbidden, "forbidden")
	wantProblem(t, s.call(translatorTok, "PATCH", path, map[string]any{"revision": 1, "featured": true}), http.StatusForbidden, "forbidden")

	// Sections and tags: editors only.
	tag := s.call(editorTok, "POST", "/api/v1/admin/tags", map[string]any{"slug": "energy", "name": map[string]string{"ar": "طاقة", "ru": "Энергетика"}})
	if tag.status != http.StatusCreated || !strings.Contains(tag.body, `"energy"`) {
		t.Fatalf("editor creates a tag: %d %s", tag.status, tag.body)
	}
	sec := s.call(editorTok, "POST", "/api/v1/admin/sections", map[string]any{"name": map[string]string{"en": "Science"}})
	if sec.status != http.StatusCreated || !strings.Contains(sec.body, `"science"`) {
		t.Fatalf("editor creates a section: %d %s", sec.status, sec.body)
	}
	wantProblem(t, s.call(editorTok, "POST", "/api/v1/admin/sections", map[string]any{"name": map[string]string{"xx": "?"}}),
		http.StatusBadRequest, "invalid_params")
	if p := wantProblem(t, s.call(editorTok, "POST", "/api/v1/admin/tags", map[string]any{"slug": "energy", "name": map[string]string{"en": "Energy"}}),
		http.StatusBadRequest, "invalid"); p.Field != "slug" {
		t.Errorf("a taken slug: %+v", p)
	}

	list := decode[struct {
		Items []struct {
			StoryID int64  `json:"story_id"`
			Lang    string `json:"lang"`
			Status  string `json:"status"`
		} `json:"items"`
		Total int `json:"total"`
	}](t, s.call(editorTok, "GET", "/api/v1/admin/stories?status=draft&lang=ru", nil))
	if list.Total != 1 || list.Items[0].StoryID != st.ID || list.Items[0].Lang != "ru" {
		t.Fatalf("drafts in Russian: %+v", list)
	}
}

// TestAdminAPIRefusals: conflicts and bad bodies change nothing.
func TestAdminAPIRefusals(t *testing.T) {
	s := newSite(t)
	editor := s.newsroomUser("editor", khabar.RoleEditor)
	tok, _ := s.apiToken(editor, khabar.RoleEditor, time.Time{})
	st := decode[adminStory](t, s.call(tok, "POST", "/api/v1/admin/stories", map[string]any{"lang": "ru", "title": "Первый заголовок"}))
	path := fmt.Sprintf("/api/v1/admin/stories/%d", st.ID)
	first := decode[adminVersion](t, s.call(tok, "PUT", path+"/versions/ru", map[string]any{"revision": 1, "title": "Второй заголовок"}))
	if first.Revision != 2 {
		t.Fatalf("after an edit: %+v", first)
	}
	before := s.revisionsOf(st.ID)

	p := wantProblem(t, s.call(tok, "PUT", path+"/versions/ru", map[string]any{"revision": 1, "title": "Устаревшая правка"}), http.StatusConflict, "conflict")
	if p.CurrentRevision != 2 || p.Field != "revision" {
		t.Fatalf("version conflict %+v", p)
	}
	patched := decode[adminStory](t, s.call(tok, "PATCH", path, map[string]any{"revision": 1, "featured": true}))
	p = wantProblem(t, s.call(tok, "PATCH", path, map[string]any{"revision": 1, "section_id": 1}), http.StatusConflict, "conflict")
	if p.CurrentRevision != patched.Revision || p.Field != "story_revision" {
		t.Fatalf("story conflict %+v (story now at %d)", p, patched.Revision)
	}
	ar := wantProblem(t, s.call(tok, "PUT", path+"/versions/ru", map[string]any{"revision": 1, "title": "x"}, "Accept-Language", "ar"), http.StatusConflict, "conflict")
	if !strings.Contains(ar.Detail, "2") || !strings.Contains(ar.Detail, "المراجعة") {
		t.Errorf("Arabic conflict detail %q", ar.Detail)
	}

	cases := []struct {
		name, method, path, body, ctype string
		status                          int
		code, field                     string
	}{
		{"malformed", "PUT", "/versions/ru", `{"revision": 2, "title": "Обрыв`, "application/json", 400, "malformed_json", ""},
		{"trailing", "PUT", "/versions/ru", `{"revision": 2, "title": "А"} {"x":1}`, "application/json", 400, "malformed_json", ""},
		{"unknown field", "PUT", "/versions/ru", `{"revision": 2, "title": "А", "headline": "Б"}`, "application/json", 400, "unknown_field", "headline"},
		{"wrong type", "PUT", "/versions/ru", `{"revision": "2", "title": "А"}`, "application/json", 400, "wrong_type", "revision"},
		{"wrong type in a list", "PATCH", "", `{"revision": 2, "tag_ids": ["putin"]}`, "application/json", 400, "wrong_type", "tag_ids"},
		{"invalid UTF-8", "PUT", "/versions/ru", "{\"revision\": 2, \"title\": \"\xff\xfe\"}", "application/json", 400, "invalid_utf8", ""},
		{"missing revision", "PUT", "/versions/ru", `{"title": "Без ревизии"}`, "application/json", 400, "missing_field", "revision"},
		{"empty title", "PUT", "/versions/ru", `{"revision": 2, "title": "  "}`, "application/json", 400, "invalid", "title"},
		{"not JSON", "PUT", "/versions/ru", `revision=2&title=x`, "application/x-www-form-urlencoded", 415, "content_type", ""},
		{"unknown language", "PUT", "/versions/xx", `{"revision": 0, "title": "x"}`, "application/json", 400, "invalid", "lang"},
		{"bad move", "POST", "/versions/ru/status", `{"status": "archived", "revision": 2}`, "application/json", 400, "invalid", "status"},
		{"no such status", "POST", "/versions/ru/status", `{"status": "live", "revision": 2}`, "application/json", 400, "invalid_params", "status"},
		{"past schedule", "POST", "/versions/ru/status", `{"status": "scheduled", "revision": 2, "publish_at": "2020-01-01T00:00:00Z"}`, "application/json", 400, "invalid", "published_at"},
		{"no such section", "PATCH", "", `{"revision": 2, "section_id": 999}`, "application/json", 400, "invalid", "story"},
		{"too large", "PUT", "/versions/ru", `{"revision": 2, "title": "А", "body_html": "` + strings.Repeat("я", 5<<20) + `"}`, "application/json", 413, "body_too_large", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			req, _ := http.NewRequest(c.method, s.srv.URL+path+c.path, strings.NewReader(c.body))
			req.Header.Set("Authorization", "Bearer "+tok)
			req.Header.Set("Content-Type", c.ctype)
			res, err := http.DefaultClient.Do(req)
			s.must(err)
			b, _ := io.ReadAll(res.Body)
			res.Body.Close()
			p := wantProblem(t, response{status: res.StatusCode, header: res.Header, body: string(b)}, c.status, c.code)
			if p.Field != c.field {
				t.Errorf("field %q, want %q (%s)", p.Field, c.field, p.Detail)
			}
		})
	}
	now := decode[adminStory](t, s.call(tok, "GET", path, nil))
	if s.revisionsOf(st.ID) != before || now.version("ru").Title != "Второй заголовок" || now.Revision != patched.Revision || now.SectionID != 0 {
		t.Fatalf("a refused request changed the story: %+v", now)
	}
}

func TestAdminAPIRateLimits(t *testing.T) {
	s := newSiteWith(t, func(c *web.Config) { c.APILimits = web.APILimits{PerIP: 1, IPBurst: 30, PerToken: 0.5, TokenBurst: 3} })
	editor := s.newsroomUser("editor", khabar.RoleEditor)
	tok, _ := s.apiToken(editor, khabar.RoleEditor, time.Time{})
	other, _ := s.apiToken(editor, khabar.RoleEditor, time.Time{})
	for i := range 3 {
		if r := s.call(tok, "GET", "/api/v1/admin/me", nil); r.status != http.StatusOK {
			t.Fatalf("request %d: %d", i+1, r.status)
		}
	}
	r := s.call(tok, "GET", "/api/v1/admin/me", nil)
	wantProblem(t, r, http.StatusTooManyRequests, "rate_limited")
	if ra := r.header.Get("Retry-After"); ra != "2" {
		t.Errorf("Retry-After = %q, want 2 (one request every two seconds)", ra)
	}
	if r := s.call(other, "GET", "/api/v1/admin/me", nil); r.status != http.StatusOK {
		t.Errorf("another token is limited by the first one's use: %d", r.status)
	}
	// The address's own budget: 30 at once, then one a second.
	limited := 0
	for range 40 {
		if s.get("/api/v1/site").status == http.StatusTooManyRequests {
			limited++
		}
	}
	if limited < 5 {
		t.Errorf("only %d of 40 quick requests from one address were refused", limited)
	}
}

// jpegOf makes a real photo-like JPEG.
func jpegOf(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for x := range w {
		for y := range h {
			img.Set(x, y, color.RGBA{uint8(x * 3), uint8(y * 2), uint8(x + y), 255})
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, nil); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// upload posts an image to the Admin API with texts such as "credit.ar".
func (s *site) upload(token string, file []byte, texts map[string]string) response {
	s.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for k, v := range texts {
		mw.WriteField(k, v)
	}
	fw, err := mw.CreateFormFile("file", "photo.jpg")
	s.must(err)
	fw.Write(file)
	mw.Close()
	req, _ := http.NewRequest("POST", s.srv.URL+"/api/v1/admin/media", &body)
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	res, err := http.DefaultClient.Do(req)
	s.must(err)
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return response{status: res.StatusCode, header: res.Header, body: string(b)}
}

// TestAPIRoundTrip: a program publishes an Arabic story with a picture,
// adds the Russian version, and reads both back through the Content API and
// on the public site.
func TestAPIRoundTrip(t *testing.T) {
	s := newSite(t)
	editor := s.newsroomUser("desk", khabar.RoleEditor)
	tok, _ := s.apiToken(editor, khabar.RoleEditor, time.Time{})

	wantProblem(t, s.upload(tok, []byte("GIF89a not really"), nil), http.StatusBadRequest, "upload_refused")
	up := s.upload(tok, jpegOf(t, 1600, 900), map[string]string{"credit.ar": "وكالة الأنباء", "caption.ru": "Порт на рассвете", "alt.ar": "سفن في الميناء"})
	if up.status != http.StatusCreated {
		t.Fatalf("upload: %d %s", up.status, up.body)
	}
	img := decode[struct {
		ID       int64 `json:"id"`
		Variants map[string]struct {
			URL   string
			Width int
		} `json:"variants"`
	}](t, up)
	if img.Variants["article"].Width != 1200 || img.Variants["thumb"].URL == "" {
		t.Fatalf("variants %+v", img.Variants)
	}

	st := decode[adminStory](t, s.call(tok, "POST", "/api/v1/admin/stories", map[string]any{
		"lang": "ar", "title": "افتتاح ميناء جديد على البحر الأحمر", "summary": "الميناء يستقبل أولى السفن.",
		"body_html":  "<p>\u00a0استقبل الميناء الجديد اليوم أولى السفن التجارية.</p><p>\u00a0</p><h2>خطة التوسعة</h2><p>وتشمل الخطة 3 أرصفة إضافية.</p>",
		"section_id": 2, "tag_ids": []int64{1}, "lead_media_id": img.ID}))
	path := fmt.Sprintf("/api/v1/admin/stories/%d", st.ID)
	ar := decode[adminVersion](t, s.call(tok, "POST", path+"/versions/ar/status", map[string]any{"status": "published", "revision": st.version("ar").Revision}))
	ru := decode[adminVersion](t, s.call(tok, "PUT", path+"/versions/ru", map[string]any{"revision": 0,
		"title": "На Красном море открылся новый порт", "summary": "Порт принял первые суда.", "body_html": "<p>Новый порт сегодня принял первые торговые суда.</p>"}))
	ru = decode[adminVersion](t, s.call(tok, "POST", path+"/versions/ru/status", map[string]any{"status": "published", "revision": ru.Revision}))
	if ar.Status != "published" || ru.Status != "published" {
		t.Fatalf("statuses ar %s ru %s", ar.Status, ru.Status)
	}

	got := decode[storyDoc](t, s.page(fmt.Sprintf("/api/v1/stories/%d", st.ID)))
	if len(got.Versions) != 2 || got.Versions[0].Title != "افتتاح ميناء جديد على البحر الأحمر" || got.Versions[1].Title != "На Красном море открылся новый порт" {
		t.Fatalf("Content API versions %+v", got.Versions)
	}
	if strings.Contains(got.Versions[0].BodyHTML, "<p>\u00a0</p>") {
		t.Errorf("the spacer paragraph was kept: %s", got.Versions[0].BodyHTML)
	}
	if got.Image == nil || got.Image.Credit["ar"].Text != "وكالة الأنباء" || !strings.HasPrefix(got.Image.Variants["article"].URL, s.srv.URL+"/media/") {
		t.Fatalf("Content API image %+v", got.Image)
	}
	if r := s.get(strings.TrimPrefix(got.Image.Variants["article"].URL, s.srv.URL)); r.status != http.StatusOK || r.header.Get("Content-Type") != "image/jpeg" {
		t.Fatalf("the article variant answers %d %s", r.status, r.header.Get("Content-Type"))
	}
	arPage := s.page(strings.TrimPrefix(got.Versions[0].URL, s.srv.URL))
	ruPath := strings.TrimPrefix(got.Versions[1].URL, s.srv.URL)
	if !strings.Contains(arPage.body, "خطة التوسعة") || !strings.Contains(arPage.body, `hreflang="ru"`) || !strings.Contains(arPage.body, ruPath) {
		t.Fatalf("the Arabic page does not show the story or link its Russian version %s", ruPath)
	}
	ruPage := s.page(ruPath)
	if !strings.Contains(ruPage.body, "Новый порт сегодня") || !strings.Contains(ruPage.body, "Порт на рассвете") {
		t.Fatal("the Russian page lacks the text or the Russian caption")
	}
	list := decode[storyList](t, s.page("/api/v1/stories?lang=ru&limit=1"))
	if len(list.Items) != 1 || list.Items[0].StoryID != st.ID {
		t.Fatalf("the newest Russian story is %+v", list.Items)
	}
}

// TestAdminAPITokenFromNewsroom: a token made on the newsroom's page works
// in the Admin API with the role chosen there, and stops when revoked there.
func TestAdminAPITokenFromNewsroom(t *testing.T) {
	s := newSite(t)
	_, b := s.signedIn("nadia", khabar.RoleEditor)
	r := b.do("POST", "/admin/account/tokens", tokenForm("wire importer", "author", ""))
	m := tokenSecretRE.FindStringSubmatch(r.body)
	if m == nil {
		t.Fatalf("no secret shown: %d", r.status)
	}
	me := decode[struct{ Role string }](t, s.call(m[1], "GET", "/api/v1/admin/me", nil))
	if me.Role != "author" {
		t.Fatalf("the token acts as %q, want author", me.Role)
	}
	list, err := s.store.APITokens(context.Background(), decode[struct {
		UserID int64 `json:"user_id"`
	}](t, s.call(m[1], "GET", "/api/v1/admin/me", nil)).UserID)
	s.must(err)
	b.do("POST", fmt.Sprintf("/admin/account/tokens/%d/revoke", list[0].ID), url.Values{})
	wantProblem(t, s.call(m[1], "GET", "/api/v1/admin/me", nil), http.StatusUnauthorized, "token_revoked")
}

// TestAdminAPITranslationsMediaAndTaxonomy covers the remaining endpoints:
// confirming a translation, reading an image, changing sections and tags,
// and what an administrator's token may do.
func TestAdminAPITranslationsMediaAndTaxonomy(t *testing.T) {
	s := newSite(t)
	admin := s.newsroomUser("chief", khabar.RoleAdmin)
	translator := s.newsroomUser("olga", khabar.RoleTranslator, "ru")
	author := s.newsroomUser("amir", khabar.RoleAuthor)
	adminTok, _ := s.apiToken(admin, khabar.RoleAdmin, time.Time{})
	trTok, _ := s.apiToken(translator, khabar.RoleTranslator, time.Time{})
	authorTok, _ := s.apiToken(author, khabar.RoleAuthor, time.Time{})

	st := decode[adminStory](t, s.call(adminTok, "POST", "/api/v1/admin/stories", map[string]any{"lang": "ar", "title": "سوق الذهب يرتفع"}))
	path := fmt.Sprintf("/api/v1/admin/stories/%d", st.ID)
	ru := decode[adminVersion](t, s.call(trTok, "PUT", path+"/versions/ru", map[string]any{"revision": 0, "title": "Золото дорожает"}))
	// The original changes: the translation is outdated until confirmed.
	decode[adminVersion](t, s.call(adminTok, "PUT", path+"/versions/ar", map[string]any{"revision": st.version("ar").Revision, "title": "سوق الذهب يرتفع للأسبوع الثالث"}))
	if got := decode[adminStory](t, s.call(adminTok, "GET", path, nil)).version("ru"); !got.Outdated {
		t.Fatalf("the Russian version is not outdated after the original changed: %+v", got)
	}
	wantProblem(t, s.call(authorTok, "POST", path+"/versions/ru/confirm", map[string]any{"revision": ru.Revision}), http.StatusForbidden, "forbidden")
	wantProblem(t, s.call(trTok, "POST", path+"/versions/ru/confirm", map[string]any{"revision": ru.Revision - 1}), http.StatusConflict, "conflict")
	confirmed := decode[adminVersion](t, s.call(trTok, "POST", path+"/versions/ru/confirm", map[string]any{"revision": ru.Revision}))
	if confirmed.Outdated {
		t.Fatalf("still outdated after confirming: %+v", confirmed)
	}

	up := decode[struct{ ID int64 }](t, s.upload(authorTok, jpegOf(t, 640, 360), map[string]string{"credit.ru": "Фото редакции"}))
	img := decode[struct {
		ID     int64
		Credit map[string]apiText
	}](t, s.call(adminTok, "GET", fmt.Sprintf("/api/v1/admin/media/%d", up.ID), nil))
	if img.ID != up.ID || img.Credit["ru"].Text != "Фото редакции" || img.Credit["ru"].Dir != "ltr" {
		t.Fatalf("media %+v", img)
	}
	wantProblem(t, s.call(trTok, "GET", fmt.Sprintf("/api/v1/admin/media/%d", up.ID), nil), http.StatusForbidden, "forbidden")
	wantProblem(t, s.call(adminTok, "GET", "/api/v1/admin/media/999", nil), http.StatusNotFound, "not_found")

	sec := decode[struct {
		ID       int64
		Slug     string
		Position int
		Name     map[string]apiText
	}](t, s.call(adminTok, "PATCH", "/api/v1/admin/sections/1", map[string]any{"name": map[string]string{"ar": "سياسة دولية", "en": "World politics"}, "position": 5}))
	if sec.Slug != "politics" || sec.Position != 5 || sec.Name["ar"].Text != "سياسة دولية" || sec.Name["ru"].Text != "" {
		t.Fatalf("section after PATCH %+v", sec)
	}
	tag := decode[struct {
		Slug string
		Name map[string]apiText
	}](t, s.call(adminTok, "PATCH", "/api/v1/admin/tags/1", map[string]any{"slug": "vladimir-putin"}))
	if tag.Slug != "vladimir-putin" || tag.Name["ru"].Text != "Путин" {
		t.Fatalf("tag after PATCH %+v", tag)
	}
	if r := s.get("/ru/tag/vladimir-putin"); r.status != http.StatusOK {
		t.Fatalf("the renamed tag's page answers %d", r.status)
	}
	wantProblem(t, s.call(adminTok, "PATCH", "/api/v1/admin/tags/1", map[string]any{"position": 1}), http.StatusBadRequest, "unknown_field")
	wantProblem(t, s.call(adminTok, "PATCH", "/api/v1/admin/tags/999", map[string]any{"slug": "x"}), http.StatusNotFound, "not_found")
	wantProblem(t, s.call(authorTok, "PATCH", "/api/v1/admin/sections/1", map[string]any{"position": 1}), http.StatusForbidden, "forbidden")
}

// TestAPILimitsBehindProxy: behind a trusted load balancer each reader has
// their own budget, by X-Forwarded-For; without trust the header is ignored,
// so that nobody escapes the limit by writing it.
func TestAPILimitsBehindProxy(t *testing.T) {
	limits := web.APILimits{PerIP: 0.1, IPBurst: 2, PerToken: 10, TokenBurst: 10}
	status := func(s *site, forwarded string) int {
		return s.get("/api/v1/site", "X-Forwarded-For", forwarded).status
	}
	behind := newSiteWith(t, func(c *web.Config) {
		c.APILimits = limits
		c.TrustedProxies = []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")}
	})
	for _, reader := range []string{"203.0.113.7", "198.51.100.20, 127.0.0.1", "203.0.113.8"} {
		for i := range 2 {
			if got := status(behind, reader); got != http.StatusOK {
				t.Fatalf("reader %q, request %d: %d", reader, i+1, got)
			}
		}
	}
	if got := status(behind, "203.0.113.7"); got != http.StatusTooManyRequests {
		t.Errorf("a reader over their budget: %d, want 429", got)
	}
	// A reader cannot hide behind an address written before theirs.
	if got := status(behind, "10.9.9.9, 203.0.113.7"); got != http.StatusTooManyRequests {
		t.Errorf("a forged first hop escaped the limit: %d", got)
	}

	open := newSiteWith(t, func(c *web.Config) { c.APILimits = limits })
	status(open, "203.0.113.1")
	status(open, "203.0.113.2")
	if got := status(open, "203.0.113.3"); got != http.StatusTooManyRequests {
		t.Errorf("an untrusted X-Forwarded-For gave a new budget: %d", got)
	}
}

// TestAdminAPIHeadlineFixKeepsSlug: a PUT that leaves out the slug (a
// headline fix) keeps a published story's address; only a slug given
// changes it, and the old address then redirects.
func TestAdminAPIHeadlineFixKeepsSlug(t *testing.T) {
	s := newSite(t)
	editor := s.newsroomUser("desk", khabar.RoleEditor)
	tok, _ := s.apiToken(editor, khabar.RoleEditor, time.Time{})
	st := decode[adminStory](t, s.call(tok, "POST", "/api/v1/admin/stories", map[string]any{
		"lang": "ru", "title": "Открылся новый порт", "body_html": "<p>Текст.</p>", "section_id": 1}))
	path := fmt.Sprintf("/api/v1/admin/stories/%d/versions/ru", st.ID)
	v := decode[adminVersion](t, s.call(tok, "POST", path+"/status", map[string]any{"status": "published", "revision": st.version("ru").Revision}))
	published := v.Slug
	fixed := decode[adminVersion](t, s.call(tok, "PUT", path, map[string]any{"revision": v.Revision,
		"title": "На Красном море открылся новый порт", "body_html": "<p>Текст.</p>"}))
	if fixed.Title != "На Красном море открылся новый порт" || fixed.Slug != published {
		t.Fatalf("after a headline fix without a slug: title %q, slug %q; want the slug %q kept", fixed.Title, fixed.Slug, published)
	}
	if got := s.storyVersion(st.ID, "ru"); got.Slug != published {
		t.Fatalf("stored slug %q, want %q", got.Slug, published)
	}
	s.page(fmt.Sprintf("/ru/news/%d-%s", st.ID, published))

	moved := decode[adminVersion](t, s.call(tok, "PUT", path, map[string]any{"revision": fixed.Revision,
		"title": fixed.Title, "slug": "port-na-krasnom-more", "body_html": "<p>Текст.</p>"}))
	if moved.Slug != "port-na-krasnom-more" {
		t.Fatalf("a slug given is not saved: %q", moved.Slug)
	}
	if r := s.get(fmt.Sprintf("/ru/news/%d-%s", st.ID, published)); r.status != http.StatusMovedPermanently ||
		r.header.Get("Location") != fmt.Sprintf("/ru/news/%d-port-na-krasnom-more", st.ID) {
		t.Errorf("the old address = %d → %q", r.status, r.header.Get("Location"))
	}
}

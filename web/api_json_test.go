package web_test

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/khabarnews/khabar"
)

// TestAdminAPIStrictJSON: a body that encoding/json alone would take with a
// guess — a field named twice or in other letter case, a lone surrogate
// turned into U+FFFD, a look-alike content type — is refused, and every
// refusal says what is wrong in words a person can act on. Nothing changes.
func TestAdminAPIStrictJSON(t *testing.T) {
	s := newSite(t)
	editor := s.newsroomUser("editor", khabar.RoleEditor)
	tok, _ := s.apiToken(editor, khabar.RoleEditor, time.Time{})
	st := decode[adminStory](t, s.call(tok, "POST", "/api/v1/admin/stories", map[string]any{"lang": "ru", "title": "Первый заголовок"}))
	path := fmt.Sprintf("/api/v1/admin/stories/%d", st.ID)
	before := s.revisionsOf(st.ID)

	deep := `{"revision": 1, "tag_ids": ` + strings.Repeat("[", 200) + strings.Repeat("]", 200) + `}`
	cases := []struct {
		name, method, path, body, ctype string
		status                          int
		code, field, detail             string
	}{
		{"a field twice", "PUT", "/versions/ru", `{"revision": 1, "title": "А", "title": "Б"}`, "application/json", 400, "duplicate_field", "title", "appears twice"},
		{"a field twice, once escaped", "PUT", "/versions/ru", `{"revision": 1, "title": "А", "\u0074itle": "Б"}`, "application/json", 400, "duplicate_field", "title", "appears twice"},
		{"a field in capitals", "PUT", "/versions/ru", `{"revision": 1, "Title": "Б"}`, "application/json", 400, "field_case", "Title", "spelled “title”"},
		{"a name by case", "POST", "/../../sections", `{"slug": "sport", "Name": {"ru": "Спорт"}}`, "application/json", 400, "field_case", "Name", "spelled “name”"},
		{"a lone surrogate", "PUT", "/versions/ru", `{"revision": 1, "title": "Пара \ud83d без пары"}`, "application/json", 400, "lone_surrogate", "", `“\ud83d” at byte`},
		{"a low surrogate first", "PUT", "/versions/ru", `{"revision": 1, "title": "\ude00\ud83d"}`, "application/json", 400, "lone_surrogate", "", "surrogate"},
		{"a look-alike type", "PUT", "/versions/ru", `{"revision": 1, "title": "А"}`, "application/jsonfoo", 415, "content_type", "", "application/jsonfoo"},
		{"another charset", "PUT", "/versions/ru", `{"revision": 1, "title": "А"}`, "application/json; charset=latin1", 415, "content_type", "", ""},
		{"a bad time", "POST", "/versions/ru/status", `{"status": "scheduled", "revision": 1, "publish_at": "tomorrow at nine"}`, "application/json", 400, "invalid_time", "publish_at", "RFC 3339"},
		{"a time without a zone", "POST", "/versions/ru/status", `{"status": "scheduled", "revision": 1, "publish_at": "2030-01-01T09:00:00"}`, "application/json", 400, "invalid_time", "publish_at", "“2030-01-01T09:00:00” is not"},
		{"an array", "PUT", "/versions/ru", `[{"revision": 1, "title": "А"}]`, "application/json", 400, "not_object", "", "must be a JSON object; this one is a JSON array"},
		{"a string", "PUT", "/versions/ru", `"title"`, "application/json", 400, "not_object", "", "a JSON string"},
		{"deeply nested", "PATCH", "", deep, "application/json", 400, "too_deep", "tag_ids", "32 levels"},
		{"a wrong type names its type well", "PATCH", "", `{"revision": 1, "tag_ids": {"a": 1}}`, "application/json", 400, "wrong_type", "tag_ids", "must be a JSON array"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			req, _ := http.NewRequest(c.method, s.srv.URL+path+c.path, strings.NewReader(c.body))
			if c.path == "/../../sections" {
				req, _ = http.NewRequest(c.method, s.srv.URL+"/api/v1/admin/sections", strings.NewReader(c.body))
			}
			req.Header.Set("Authorization", "Bearer "+tok)
			req.Header.Set("Content-Type", c.ctype)
			res, err := http.DefaultClient.Do(req)
			s.must(err)
			b, _ := io.ReadAll(res.Body)
			res.Body.Close()
			p := wantProblem(t, response{status: res.StatusCode, header: res.Header, body: string(b)}, c.status, c.code)
			if p.Field != c.field || !strings.Contains(p.Detail, c.detail) || strings.Contains(p.Detail, "?") || strings.Contains(p.Detail, "“”") {
				t.Errorf("field %q, detail %q; want field %q and a detail with %q", p.Field, p.Detail, c.field, c.detail)
			}
		})
	}
	now := decode[adminStory](t, s.call(tok, "GET", path, nil))
	if s.revisionsOf(st.ID) != before || now.version("ru").Title != "Первый заголовок" || now.Revision != st.Revision {
		t.Fatalf("a refused request changed the story: %+v", now)
	}
	// A surrogate pair whole is a character like any other.
	req, _ := http.NewRequest("PUT", s.srv.URL+path+"/versions/ru", strings.NewReader(`{"revision": 1, "title": "Саммит \ud83d\ude00"}`))
	req.Header.Set("Authorization", "Bearer "+tok)
	req.Header.Set("Content-Type", "application/json; charset=UTF-8")
	res, err := http.DefaultClient.Do(req)
	s.must(err)
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if v := decode[adminVersion](t, response{status: res.StatusCode, header: res.Header, body: string(b)}); v.Title != "Саммит 😀" {
		t.Fatalf("title %q", v.Title)
	}
}

package web_test

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/newsroom"
	"github.com/khabarnews/khabar/web"
)

// scopeRow is a row of the token-scope table: a request that gets past
// decoding, and who may make it.
type scopeRow struct {
	pattern string
	req     func() (method, path string, body any)
	allowed []string
}

// TestTokenScopes is the table of what each kind of token may do on each
// route of the Admin API: a token acts with its own role, never more than
// its user's; a revoked or expired token, or one of a disabled user, does
// nothing anywhere. Every Admin API route in the source must have a row,
// so that a new route cannot go unjudged.
func TestTokenScopes(t *testing.T) {
	// A hundred requests in a second from one address: the rates are not
	// what this test is about.
	s := newSiteWith(t, func(c *web.Config) {
		c.APILimits = web.APILimits{PerIP: 1000, IPBurst: 1000, PerToken: 1000, TokenBurst: 1000}
	})
	ctx := context.Background()
	author := s.newsroomUser("author", khabar.RoleAuthor)
	editor := s.newsroomUser("editor", khabar.RoleEditor)
	admin := s.newsroomUser("admin", khabar.RoleAdmin)
	translator := s.newsroomUser("translator", khabar.RoleTranslator, "ru")
	gone := s.newsroomUser("gone", khabar.RoleEditor)
	tokens := map[string]string{}
	tokens["author"], _ = s.apiToken(author, khabar.RoleAuthor, time.Time{})
	tokens["editor"], _ = s.apiToken(editor, khabar.RoleEditor, time.Time{})
	tokens["admin"], _ = s.apiToken(admin, khabar.RoleAdmin, time.Time{})
	tokens["translator"], _ = s.apiToken(translator, khabar.RoleTranslator, time.Time{})
	tokens["editor as author"], _ = s.apiToken(editor, khabar.RoleAuthor, time.Time{})
	tokens["expired"], _ = s.apiToken(editor, khabar.RoleEditor, time.Now().Add(-time.Hour))
	revoked, rt := s.apiToken(editor, khabar.RoleEditor, time.Time{})
	s.must(s.store.RevokeAPIToken(ctx, editor.ID, rt.ID))
	tokens["revoked"] = revoked
	tokens["disabled user"], _ = s.apiToken(gone, khabar.RoleEditor, time.Time{})
	gone.Disabled = true
	s.must(s.store.UpdateUser(ctx, gone))

	id := s.ids["summit"] // published, by another author
	story := fmt.Sprintf("/api/v1/admin/stories/%d", id)
	sections, _ := s.store.Sections(ctx)
	tags, _ := s.store.Tags(ctx)
	media, _, _ := s.store.ListMedia(ctx, 1, 0)
	rev := func(lang string) int64 { return s.storyVersion(id, lang).Revision }
	storyRev := func() int64 { st, _ := s.store.Story(ctx, id); return st.Revision }
	news := newsroom.New(s.store, nil, nil, nil)
	serial := 0
	next := func() int { serial++; return serial }
	source, err := news.SaveSource(ctx, admin, 0, newsroom.SourceInput{Names: khabar.Text{"en": "Wire"}})
	s.must(err)
	redirect, err := news.SaveRedirect(ctx, admin, 0, newsroom.RedirectInput{From: "/old/kept", To: "/en/"})
	s.must(err)

	// Each row: a request that gets past decoding, and who may make it.
	// "ok" is any answer but 401 and 403 (a 409 for a revision someone
	// else moved on is still an allowed request).
	type row = scopeRow
	all := []string{"author", "editor", "admin", "translator", "editor as author"}
	writers := []string{"author", "editor", "admin", "editor as author"}
	editors := []string{"editor", "admin"}
	rows := []row{
		{"GET /api/v1/admin/me", func() (string, string, any) { return "GET", "/api/v1/admin/me", nil }, all},
		{"GET /api/v1/admin/stories", func() (string, string, any) { return "GET", "/api/v1/admin/stories", nil }, all},
		{"POST /api/v1/admin/stories", func() (string, string, any) {
			return "POST", "/api/v1/admin/stories", map[string]any{"lang": "en", "title": "A new story"}
		}, writers},
		{"GET /api/v1/admin/stories/{id}", func() (string, string, any) { return "GET", story, nil }, all},
		{"PATCH /api/v1/admin/stories/{id}", func() (string, string, any) {
			return "PATCH", story, map[string]any{"revision": storyRev(), "featured": true}
		}, editors},
		{"PUT /api/v1/admin/stories/{id}/versions/{lang}", func() (string, string, any) {
			return "PUT", story + "/versions/ar", map[string]any{"revision": rev("ar"), "title": "عنوان جديد"}
		}, editors},
		{"POST /api/v1/admin/stories/{id}/versions/{lang}/status", func() (string, string, any) {
			move := "unpublished" // a move the version can make, whoever asks
			if s.storyVersion(id, "ru").Status != khabar.StatusPublished {
				move = "published"
			}
			return "POST", story + "/versions/ru/status", map[string]any{"status": move, "revision": rev("ru")}
		}, editors},
		{"POST /api/v1/admin/stories/{id}/versions/{lang}/confirm", func() (string, string, any) {
			return "POST", story + "/versions/ru/confirm", map[string]any{"revision": rev("ru")}
		}, []string{"editor", "admin", "translator"}},
		{"POST /api/v1/admin/media", nil, writers},
		{"GET /api/v1/admin/media/{id}", func() (string, string, any) { return "GET", fmt.Sprintf("/api/v1/admin/media/%d", media[0].ID), nil }, writers},
		{"POST /api/v1/admin/sections", func() (string, string, any) {
			return "POST", "/api/v1/admin/sections", map[string]any{"name": map[string]string{"en": "Science"}}
		}, editors},
		{"PATCH /api/v1/admin/sections/{id}", func() (string, string, any) {
			return "PATCH", fmt.Sprintf("/api/v1/admin/sections/%d", sections[0].ID), map[string]any{"position": 1}
		}, editors},
		{"POST /api/v1/admin/tags", func() (string, string, any) {
			return "POST", "/api/v1/admin/tags", map[string]any{"name": map[string]string{"en": "Energy"}}
		}, editors},
		{"PATCH /api/v1/admin/tags/{id}", func() (string, string, any) {
			return "PATCH", fmt.Sprintf("/api/v1/admin/tags/%d", tags[0].ID), map[string]any{"name": map[string]string{"ru": "Путин"}}
		}, editors},
		{"GET /api/v1/admin/sources", func() (string, string, any) { return "GET", "/api/v1/admin/sources", nil }, all},
		{"POST /api/v1/admin/sources", func() (string, string, any) {
			return "POST", "/api/v1/admin/sources", map[string]any{"name": map[string]string{"en": "Agency " + strconv.Itoa(next())}}
		}, editors},
		{"PATCH /api/v1/admin/sources/{id}", func() (string, string, any) {
			return "PATCH", fmt.Sprintf("/api/v1/admin/sources/%d", source.ID), map[string]any{"url": "https://agency.example/"}
		}, editors},
		{"GET /api/v1/admin/redirects", func() (string, string, any) { return "GET", "/api/v1/admin/redirects", nil }, editors},
		{"POST /api/v1/admin/redirects", func() (string, string, any) {
			return "POST", "/api/v1/admin/redirects", map[string]any{"from": fmt.Sprintf("/old/%d", next()), "to": "/en/"}
		}, editors},
		{"PATCH /api/v1/admin/redirects/{id}", func() (string, string, any) {
			return "PATCH", fmt.Sprintf("/api/v1/admin/redirects/%d", redirect.ID), map[string]any{"to": "/ru/"}
		}, editors},
		{"DELETE /api/v1/admin/redirects/{id}", func() (string, string, any) {
			// A redirect of its own for each request, so that an allowed
			// delete leaves the next one something to delete.
			red, err := news.SaveRedirect(ctx, admin, 0, newsroom.RedirectInput{From: fmt.Sprintf("/gone/%d", next()), To: "/en/"})
			s.must(err)
			return "DELETE", fmt.Sprintf("/api/v1/admin/redirects/%d", red.ID), nil
		}, editors},
	}
	rows = append(rows, distributionRows(t, s, id)...)

	judged := map[string]bool{}
	for _, r := range rows {
		judged[r.pattern] = true
	}
	for _, p := range routePatterns(t) {
		if _, path, _ := strings.Cut(p, " "); strings.HasPrefix(path, "/api/v1/admin/") && !judged[p] {
			t.Errorf("the Admin API route %q has no row in the token-scope table", p)
		}
	}

	cells := 0
	for _, r := range rows {
		for _, who := range append(all, "expired", "revoked", "disabled user") {
			var res response
			if r.req == nil {
				res = s.upload(tokens[who], jpegOf(t, 64, 48), nil)
			} else {
				method, path, body := r.req()
				res = s.call(tokens[who], method, path, body)
			}
			cells++
			allowed := false
			for _, a := range r.allowed {
				allowed = allowed || a == who
			}
			switch {
			case who == "expired" || who == "revoked" || who == "disabled user":
				if res.status != http.StatusUnauthorized {
					t.Errorf("%s with a %s token = %d, want 401", r.pattern, who, res.status)
				}
			case allowed && (res.status == http.StatusUnauthorized || res.status == http.StatusForbidden):
				t.Errorf("%s with the %s token = %d: refused, but the role allows it (%s)", r.pattern, who, res.status, res.body)
			case !allowed && res.status != http.StatusForbidden:
				t.Errorf("%s with the %s token = %d, want 403", r.pattern, who, res.status)
			}
		}
	}
	t.Logf("%d routes × %d tokens = %d cells", len(rows), len(all)+3, cells)
}

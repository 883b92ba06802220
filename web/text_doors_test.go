package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/khabarnews/khabar"
)

// dirty has what a reader cannot see and a page must not carry: NUL, a
// bell, an escape sequence, noncharacters, a C1 control.
const (
	dirty     = "Kazan\x00 summit\x07 \x1b[1m\ufffe\uffff\ufdd0 talks\u0085"
	cleaned   = "Kazan summit [1m talks"
	invisible = " \u200b\u00a0\u200f\u3164 "
)

// unseen reports the first character of s that no page should carry.
func unseen(s string) (rune, bool) {
	for _, r := range s {
		if (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || (r >= 0x7f && r <= 0x9f) || r == 0xfffe || r == 0xffff || (r >= 0xfdd0 && r <= 0xfdef) {
			return r, true
		}
	}
	return 0, false
}

// TestTextDoors: control characters and noncharacters are dropped at every
// door text comes in by — the newsroom's forms, the Admin API — and a
// title, name or text with nothing visible is empty: refused where it is
// required, left out where it is not. No page, feed or API answer carries
// them.
func TestTextDoors(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	admin, b := s.signedIn("root", khabar.RoleAdmin)
	tok, _ := s.apiToken(admin, khabar.RoleAdmin, time.Time{})
	refused := "Write a headline."

	// The story form.
	r := b.do("POST", "/admin/stories/new", url.Values{"lang": {"en"}, "title": {dirty}, "summary": {dirty}, "body": {"<p>" + dirty + "</p>"}})
	formID := storyCreated(t, r)
	v := s.storyVersion(formID, "en")
	if v.Title != cleaned || v.Summary != cleaned || !strings.Contains(v.Body, cleaned) {
		t.Errorf("story form stored title %+q, summary %+q, body %+q", v.Title, v.Summary, v.Body)
	}
	if r := b.do("POST", "/admin/stories/new", url.Values{"lang": {"en"}, "title": {invisible}}); r.status != http.StatusBadRequest || !strings.Contains(r.body, refused) {
		t.Errorf("story form, an invisible title = %d", r.status)
	}

	// The Admin API: a new story, then its version rewritten.
	created := decode[adminStory](t, s.call(tok, "POST", "/api/v1/admin/stories", map[string]any{"lang": "en", "title": dirty, "summary": dirty}))
	if got := s.storyVersion(created.ID, "en"); got.Title != cleaned || got.Summary != cleaned {
		t.Errorf("API create stored title %+q, summary %+q", got.Title, got.Summary)
	}
	path := fmt.Sprintf("/api/v1/admin/stories/%d/versions/en", created.ID)
	put := decode[adminVersion](t, s.call(tok, "PUT", path, map[string]any{"revision": 1, "title": "Talks " + dirty, "body_html": "<p>" + dirty + "</p>"}))
	if put.Title != "Talks "+cleaned {
		t.Errorf("API PUT stored title %+q", put.Title)
	}
	wantProblem(t, s.call(tok, "PUT", path, map[string]any{"revision": put.Revision, "title": invisible}), http.StatusBadRequest, "invalid")
	wantProblem(t, s.call(tok, "POST", "/api/v1/admin/stories", map[string]any{"lang": "en", "title": invisible}), http.StatusBadRequest, "invalid")

	// Sections by the API and by the form: a name with nothing visible is
	// no name in that language.
	sec := decode[struct {
		ID   int64
		Name map[string]apiText
	}](t, s.call(tok, "POST", "/api/v1/admin/sections", map[string]any{"slug": "talks", "name": map[string]string{"en": dirty, "ru": invisible}}))
	if sec.Name["en"].Text != cleaned || sec.Name["ru"].Text != "" {
		t.Errorf("API section names %+v", sec.Name)
	}
	wantProblem(t, s.call(tok, "POST", "/api/v1/admin/sections", map[string]any{"slug": "blank", "name": map[string]string{"en": invisible}}), http.StatusBadRequest, "invalid")
	if r := b.do("POST", "/admin/sections", url.Values{"name.en": {"Form " + dirty}, "name.ar": {invisible}, "slug": {"form-talks"}}); r.status != http.StatusSeeOther {
		t.Fatalf("section form = %d\n%.1500s", r.status, r.body)
	}
	secs, _ := s.store.Sections(ctx)
	found := false
	for _, x := range secs {
		if x.Slug == "form-talks" {
			found = true
			if x.Names["en"] != "Form "+cleaned || x.Names["ar"] != "" {
				t.Errorf("section form stored %+q", x.Names)
			}
		}
	}
	if !found {
		t.Error("the section form saved no section")
	}

	// A static page, a user, a media item's texts, an API token.
	if r := b.do("POST", "/admin/pages", url.Values{"key": {"talks"}, "title.en": {dirty}, "slug.en": {"talks"}, "body.en": {"<p>" + dirty + "</p>"}}); r.status != http.StatusSeeOther {
		t.Fatalf("page form = %d\n%s", r.status, r.body[strings.Index(r.body, "<main"):])
	}
	pages, _ := s.store.Pages(ctx)
	if len(pages) == 0 || pages[len(pages)-1].Versions["en"].Title != cleaned {
		t.Errorf("page form stored %+v", pages)
	}
	if r := b.do("POST", "/admin/users", url.Values{"login": {"newcomer"}, "name.en": {dirty}, "bio.en": {dirty}, "role": {"author"},
		"password": {"correct horse battery"}}); r.status != http.StatusSeeOther {
		t.Fatalf("user form = %d\n%.1500s", r.status, r.body)
	}
	if u, err := s.store.UserByLogin(ctx, "newcomer"); err != nil || u.Names["en"] != cleaned || u.Bio["en"] != cleaned {
		t.Errorf("user form stored %+v, %v", u, err)
	}
	if r := b.do("POST", "/admin/users", url.Values{"login": {"ghost"}, "name.en": {invisible}, "role": {"author"},
		"password": {"correct horse battery"}}); r.status != http.StatusBadRequest {
		t.Errorf("a user with an invisible name = %d", r.status)
	}
	media, _, _ := s.store.ListMedia(ctx, 1, 0)
	mid := strconv.FormatInt(media[0].ID, 10)
	if r := b.do("POST", "/admin/media/"+mid, url.Values{"credit.en": {dirty}, "alt.en": {invisible}}); r.status != http.StatusSeeOther {
		t.Fatalf("media texts = %d", r.status)
	}
	if m, _ := s.store.Media(ctx, media[0].ID); m.Credit["en"] != cleaned || m.Alt["en"] != "" {
		t.Errorf("media texts stored credit %+q, alt %+q", m.Credit["en"], m.Alt["en"])
	}
	if r := b.do("POST", "/admin/account/tokens", url.Values{"name": {"Wire " + dirty}, "role": {"author"}}); r.status != http.StatusOK && r.status != http.StatusSeeOther {
		t.Fatalf("token form = %d", r.status)
	}
	toks, _ := s.store.APITokens(ctx, admin.ID)
	for _, tk := range toks {
		if _, bad := unseen(tk.Name); bad {
			t.Errorf("token name %+q", tk.Name)
		}
	}

	// Published, the story is on pages, feeds and the Content API without
	// a trace of what was dropped.
	rev := s.storyVersion(formID, "en").Revision
	decode[adminVersion](t, s.call(tok, "POST", fmt.Sprintf("/api/v1/admin/stories/%d/versions/en/status", formID), map[string]any{"status": "published", "revision": rev}))
	for _, p := range []string{"/en/", fmt.Sprintf("/en/news/%d", formID), "/en/rss.xml", "/en/atom.xml", "/en/feed.json",
		fmt.Sprintf("/api/v1/stories/%d", formID), "/api/v1/sections", "/en/page/talks", "/admin/stories", "/admin/users", "/admin/media/" + mid} {
		var got response
		if strings.HasPrefix(p, "/admin/") {
			got = b.do("GET", p, nil)
		} else {
			got = s.get(p)
			if got.status == http.StatusMovedPermanently {
				got = s.get(got.header.Get("Location"))
			}
		}
		if got.status != http.StatusOK {
			t.Errorf("GET %s = %d", p, got.status)
			continue
		}
		if r, bad := unseen(got.body); bad {
			t.Errorf("GET %s carries %U", p, r)
		}
		if !strings.Contains(got.body, "[1m talks") && !strings.HasPrefix(p, "/admin/") && p != "/api/v1/sections" {
			t.Errorf("GET %s does not show the cleaned text", p)
		}
	}
}

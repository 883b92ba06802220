package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/khabarnews/khabar"
)

// TestPrivateDrafts: with the site's PrivateDrafts setting, an author sees
// in the newsroom and the Admin API only their own stories and, of the
// others', what readers see; editors and translators see everything. The
// setting is off by default: a small newsroom reads each other's drafts.
func TestPrivateDrafts(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	_, amal := s.storyLogin("amal", khabar.RoleAuthor)
	boris, borisB := s.storyLogin("boris", khabar.RoleAuthor)
	_, editor := s.storyLogin("nadia", khabar.RoleEditor)
	_, translator := s.storyLogin("lena", khabar.RoleTranslator, "ru")
	amalUser, _ := s.store.UserByLogin(ctx, "amal")
	amalTok, _ := s.apiToken(amalUser, khabar.RoleAuthor, time.Time{})
	_ = boris

	const secret = "Unannounced merger talks"
	id := storyCreated(t, borisB.do("POST", "/admin/stories/new", url.Values{"lang": {"en"}, "title": {secret}, "body": {"<p>Embargoed.</p>"}}))
	editorPage := fmt.Sprintf("/admin/stories/%d/en", id)
	apiStory := fmt.Sprintf("/api/v1/admin/stories/%d", id)
	published := fmt.Sprintf("/admin/stories/%d/ar", s.ids["summit"]) // another author's, published

	// Off: everyone in the newsroom reads it.
	if r := amal.do("GET", editorPage, nil); r.status != http.StatusOK || !strings.Contains(r.body, secret) {
		t.Fatalf("setting off: another author's draft = %d", r.status)
	}

	st, err := s.store.Settings(ctx)
	s.must(err)
	st.PrivateDrafts = true
	s.must(s.store.SaveSettings(ctx, st))
	for _, p := range []string{editorPage, editorPage + "/preview", editorPage + "/revisions", fmt.Sprintf("/admin/stories/%d/ru", id)} {
		if r := amal.do("GET", p, nil); r.status != http.StatusNotFound || strings.Contains(r.body, secret) {
			t.Errorf("private drafts: another author GET %s = %d", p, r.status)
		}
	}
	for _, p := range []string{"/admin/stories", "/admin/stories?status=draft", "/admin/", "/admin/translations"} {
		if r := amal.do("GET", p, nil); r.status != http.StatusOK || strings.Contains(r.body, secret) {
			t.Errorf("private drafts: another author's list %s = %d, shows the draft: %v", p, r.status, strings.Contains(r.body, secret))
		}
	}
	if r := s.call(amalTok, "GET", apiStory, nil); r.status != http.StatusNotFound {
		t.Errorf("private drafts: Admin API story for another author = %d", r.status)
	}
	if r := s.call(amalTok, "GET", "/api/v1/admin/stories?status=draft", nil); strings.Contains(r.body, secret) {
		t.Error("private drafts: the Admin API list shows another author's draft")
	}
	// What readers see stays visible; the author's own and everything for
	// the others.
	if r := amal.do("GET", published, nil); r.status != http.StatusOK {
		t.Errorf("private drafts: another author's published story = %d", r.status)
	}
	for who, b := range map[string]*browser{"its author": borisB, "an editor": editor, "a translator": translator} {
		if r := b.do("GET", editorPage, nil); r.status != http.StatusOK || !strings.Contains(r.body, secret) {
			t.Errorf("private drafts: %s = %d", who, r.status)
		}
	}
	if r := borisB.do("GET", "/admin/stories", nil); !strings.Contains(r.body, secret) {
		t.Error("private drafts: the author's own list lacks the draft")
	}
	// The setting is one the administrator sees on the settings page.
	_, admin := s.signedIn("root", khabar.RoleAdmin)
	if r := admin.do("GET", "/admin/settings", nil); !strings.Contains(r.body, `name="private_drafts" checked`) {
		t.Error("the settings page does not show the private drafts setting on")
	}
}

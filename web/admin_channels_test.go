package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/khabarnews/khabar"
)

// TestChannelsPage: an administrator sets the Arabic channel, an editor
// posts a story from the page and sees it queued; an author and a
// translator see neither this page nor the newsletter's.
func TestChannelsPage(t *testing.T) {
	s := newSite(t)
	_, admin := s.signedIn("chan-admin", khabar.RoleAdmin)
	_, editor := s.signedIn("chan-editor", khabar.RoleEditor)
	_, author := s.signedIn("chan-author", khabar.RoleAuthor)
	editor.do("POST", "/admin/channels/save", url.Values{"lang": {"ar"}, "chat_id": {"@khabar_ar"}}).want(t, http.StatusForbidden, "an editor setting a channel")
	r := admin.do("POST", "/admin/channels/save", url.Values{"lang": {"ar"}, "chat_id": {"not a channel"}}).want(t, http.StatusBadRequest, "a bad channel")
	if !strings.Contains(r.body, "@name") {
		t.Errorf("the refusal does not say what a channel looks like:\n%.1500s", r.body)
	}
	admin.do("POST", "/admin/channels/save", url.Values{"lang": {"ar"}, "chat_id": {"@khabar_ar"}, "auto": {"1"}}).want(t, http.StatusSeeOther, "setting the channel")
	page := editor.do("GET", "/admin/channels?lang=ar", nil, "Accept-Language", "ar").want(t, http.StatusOK, "the channels page")
	summit := strconv.FormatInt(s.ids["summit"], 10)
	if !strings.Contains(page.body, "بوتين يستضيف قمة غير رسمية") || strings.Contains(page.body, `name="chat_id"`) {
		t.Fatalf("the editor's channels page:\n%.3000s", page.body)
	}
	editor.do("POST", "/admin/channels/post", url.Values{"lang": {"ar"}, "story": {summit}}).want(t, http.StatusSeeOther, "posting a story")
	p, err := s.store.ChannelPost(context.Background(), s.ids["summit"], "ar")
	s.must(err)
	if p.State != khabar.PostQueued || p.ChatID != "@khabar_ar" {
		t.Fatalf("post = %+v", p)
	}
	page = editor.do("GET", "/admin/channels?lang=ar", nil, "Accept-Language", "ar").want(t, http.StatusOK, "the channels page")
	if !strings.Contains(page.body, "بانتظار الإرسال") {
		t.Errorf("the queued post is not shown:\n%.3000s", page.body)
	}
	author.do("GET", "/admin/channels", nil).want(t, http.StatusForbidden, "an author's channels page")
	author.do("GET", "/admin/newsletter", nil).want(t, http.StatusForbidden, "an author's newsletter page")
	editor.do("GET", "/admin/newsletter/subscribers", nil).want(t, http.StatusForbidden, "an editor's list of subscribers")
	admin.do("GET", "/admin/newsletter/subscribers", nil).want(t, http.StatusOK, "the list of subscribers")
	export := admin.do("POST", "/admin/newsletter/subscribers/export", url.Values{"format": {"csv"}}).want(t, http.StatusOK, "an export")
	if !strings.HasPrefix(export.body, "id,email,lang,status,consent") || export.header.Get("Content-Disposition") == "" {
		t.Errorf("export:\n%s", export.body)
	}
}

package web_test

import (
	"context"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/newsroom"
)

// TestOpenAPIDistributionAnswers: the wire desk, the newsletters and the
// channels through the Admin API, each answer checked against the
// document, each refusal too, and the roles kept.
func TestOpenAPIDistributionAnswers(t *testing.T) {
	o := loadOpenAPI(t)
	s := newSite(t)
	agency := agencyFeeds(t)
	ctx := context.Background()
	admin := s.newsroomUser("api-admin", khabar.RoleAdmin)
	editor := s.newsroomUser("api-editor", khabar.RoleEditor)
	author := s.newsroomUser("api-author", khabar.RoleAuthor)
	at, _ := s.apiToken(admin, khabar.RoleAdmin, time.Time{})
	et, _ := s.apiToken(editor, khabar.RoleEditor, time.Time{})
	ut, _ := s.apiToken(author, khabar.RoleAuthor, time.Time{})
	sources, err := s.store.Sources(ctx)
	s.must(err)
	tass := sources[0].ID

	// The wire desk.
	o.check(t, "POST", "/api/v1/admin/wire/feeds", oaJSON(t, s, ut, "POST", "/api/v1/admin/wire/feeds", map[string]any{"source": tass}), 403)
	feed := o.check(t, "POST", "/api/v1/admin/wire/feeds", oaJSON(t, s, et, "POST", "/api/v1/admin/wire/feeds",
		map[string]any{"source": tass, "url": agency.URL + "/rss-ar.xml", "lang": "ar", "interval_minutes": 10}), 201)
	o.check(t, "POST", "/api/v1/admin/wire/feeds", oaJSON(t, s, et, "POST", "/api/v1/admin/wire/feeds",
		map[string]any{"source": tass, "url": agency.URL + "/rss-ar.xml", "lang": "ar"}), 409)
	o.check(t, "POST", "/api/v1/admin/wire/feeds", oaJSON(t, s, et, "POST", "/api/v1/admin/wire/feeds",
		map[string]any{"source": tass, "url": "gopher://x", "lang": "ar"}), 400)
	o.check(t, "POST", "/api/v1/admin/wire/feeds", oaJSON(t, s, et, "POST", "/api/v1/admin/wire/feeds", map[string]any{"address": "x"}), 400)
	fid := oaID(t, feed, "id")
	o.check(t, "PATCH", "/api/v1/admin/wire/feeds/{id}", oaJSON(t, s, et, "PATCH", "/api/v1/admin/wire/feeds/"+fid, map[string]any{"interval_minutes": 0}), 400)
	s.pollWire()
	feeds := o.check(t, "GET", "/api/v1/admin/wire/feeds", oaRequest(t, s, et, "GET", "/api/v1/admin/wire/feeds", nil, ""), 200)
	if list, _ := feeds["items"].([]any); len(list) != 1 || list[0].(map[string]any)["status"] != "ok" {
		t.Errorf("feeds after the poll: %v", feeds)
	}
	items := o.check(t, "GET", "/api/v1/admin/wire/items", oaRequest(t, s, ut, "GET", "/api/v1/admin/wire/items?lang=ar&seen=unseen&q="+"%D8%A7%D9%84%D9%82%D9%85%D8%AD", nil, ""), 200)
	list, _ := items["items"].([]any)
	if len(list) != 1 {
		t.Fatalf("searching the inbox for القمح: %v", items)
	}
	item := oaID(t, list[0].(map[string]any), "id")
	o.check(t, "GET", "/api/v1/admin/wire/items", oaRequest(t, s, ut, "GET", "/api/v1/admin/wire/items?lang=xx&limit=0", nil, ""), 400)
	o.check(t, "POST", "/api/v1/admin/wire/items/{id}/use", oaRequest(t, s, ut, "POST", "/api/v1/admin/wire/items/"+item+"/use", nil, ""), 201)
	o.check(t, "POST", "/api/v1/admin/wire/items/{id}/use", oaRequest(t, s, et, "POST", "/api/v1/admin/wire/items/"+item+"/use", nil, ""), 409)
	o.check(t, "POST", "/api/v1/admin/wire/items/{id}/use", oaRequest(t, s, et, "POST", "/api/v1/admin/wire/items/99999/use", nil, ""), 404)
	o.check(t, "POST", "/api/v1/admin/wire/seen", oaJSON(t, s, ut, "POST", "/api/v1/admin/wire/seen", map[string]any{"ids": []int{1, 2}, "seen": true}), 200)
	o.check(t, "POST", "/api/v1/admin/wire/seen", oaJSON(t, s, ut, "POST", "/api/v1/admin/wire/seen", map[string]any{"ids": []int{1}}), 400)
	if r := oaRequest(t, s, et, "DELETE", "/api/v1/admin/wire/feeds/"+fid, nil, ""); r.status != http.StatusNoContent {
		t.Errorf("deleting a feed = %d", r.status)
	}
	o.check(t, "GET", "/api/v1/admin/wire/feeds", oaRequest(t, s, ut, "GET", "/api/v1/admin/wire/feeds", nil, ""), 403)

	// The newsletters.
	news := newsroom.New(s.store, nil, nil, nil)
	s.must(news.Subscribe(ctx, newsroom.SubscribeInput{Email: "reader@example.org", Lang: "ar", Consent: "أرغب", Agreed: true}))
	sub, err := s.store.SubscriberByEmail(ctx, "reader@example.org", "ar")
	s.must(err)
	_, err = news.ConfirmSubscription(ctx, sub.Token)
	s.must(err)
	summit := s.ids["summit"]
	issue := o.check(t, "POST", "/api/v1/admin/newsletter/issues", oaJSON(t, s, et, "POST", "/api/v1/admin/newsletter/issues",
		map[string]any{"lang": "ar", "stories": []int64{summit}}), 201)
	if issue["queued"] != 1.0 {
		t.Errorf("issue = %v", issue)
	}
	o.check(t, "POST", "/api/v1/admin/newsletter/issues", oaJSON(t, s, et, "POST", "/api/v1/admin/newsletter/issues",
		map[string]any{"lang": "ar", "stories": []int64{s.ids["draft"]}}), 400)
	o.check(t, "POST", "/api/v1/admin/newsletter/issues", oaJSON(t, s, ut, "POST", "/api/v1/admin/newsletter/issues",
		map[string]any{"lang": "ar", "stories": []int64{summit}}), 403)
	o.check(t, "GET", "/api/v1/admin/newsletter/issues", oaRequest(t, s, et, "GET", "/api/v1/admin/newsletter/issues?lang=ar", nil, ""), 200)
	o.check(t, "GET", "/api/v1/admin/newsletter/subscribers", oaRequest(t, s, et, "GET", "/api/v1/admin/newsletter/subscribers", nil, ""), 403)
	subs := o.check(t, "GET", "/api/v1/admin/newsletter/subscribers", oaRequest(t, s, at, "GET", "/api/v1/admin/newsletter/subscribers?lang=ar&status=confirmed", nil, ""), 200)
	if l, _ := subs["items"].([]any); len(l) != 1 {
		t.Errorf("subscribers = %v", subs)
	}
	if r := oaRequest(t, s, at, "DELETE", "/api/v1/admin/newsletter/subscribers/"+strconv.FormatInt(sub.ID, 10), nil, ""); r.status != http.StatusNoContent {
		t.Errorf("deleting a subscriber = %d", r.status)
	}
	o.check(t, "DELETE", "/api/v1/admin/newsletter/subscribers/{id}", oaRequest(t, s, at, "DELETE", "/api/v1/admin/newsletter/subscribers/"+strconv.FormatInt(sub.ID, 10), nil, ""), 404)

	// The channels.
	o.check(t, "PUT", "/api/v1/admin/channels/{lang}", oaJSON(t, s, et, "PUT", "/api/v1/admin/channels/ar", map[string]any{"chat_id": "@khabar_ar"}), 403)
	o.check(t, "PUT", "/api/v1/admin/channels/{lang}", oaJSON(t, s, at, "PUT", "/api/v1/admin/channels/ar", map[string]any{"chat_id": "khabar ar"}), 400)
	o.check(t, "PUT", "/api/v1/admin/channels/{lang}", oaJSON(t, s, at, "PUT", "/api/v1/admin/channels/ar", map[string]any{"chat_id": "@khabar_ar", "auto_post": false}), 200)
	o.check(t, "GET", "/api/v1/admin/channels", oaRequest(t, s, et, "GET", "/api/v1/admin/channels", nil, ""), 200)
	o.check(t, "POST", "/api/v1/admin/channels/{lang}/posts", oaJSON(t, s, et, "POST", "/api/v1/admin/channels/ar/posts", map[string]any{"story": s.ids["draft"]}), 400)
	o.check(t, "POST", "/api/v1/admin/channels/{lang}/posts", oaJSON(t, s, ut, "POST", "/api/v1/admin/channels/ar/posts", map[string]any{"story": summit}), 403)
	post := o.check(t, "POST", "/api/v1/admin/channels/{lang}/posts", oaJSON(t, s, et, "POST", "/api/v1/admin/channels/ar/posts", map[string]any{"story": summit}), 202)
	if post["state"] != "queued" {
		t.Errorf("post = %v", post)
	}
	o.check(t, "GET", "/api/v1/admin/channels/{lang}/posts", oaRequest(t, s, et, "GET", "/api/v1/admin/channels/ar/posts", nil, ""), 200)
}

package web_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/khabarnews/khabar"
)

// distributionRows are the token-scope table's rows of the wire desk, the
// newsletters and the channels: the desk is the writers', the feeds,
// digests and posts the editors', the subscribers and where the site posts
// the administrators'.
func distributionRows(t *testing.T, s *site, story int64) []scopeRow {
	t.Helper()
	ctx := context.Background()
	sources, err := s.store.Sources(ctx)
	s.must(err)
	feed := &khabar.WireFeed{SourceID: sources[0].ID, URL: "https://agency.example/ar.xml", Lang: "ar", Interval: time.Hour}
	s.must(s.store.CreateWireFeed(ctx, feed))
	if f, err := s.store.ClaimWireFeed(ctx, "test", time.Minute); err != nil || f == nil {
		t.Fatalf("claiming the feed: %v", err)
	}
	_, err = s.store.SaveWirePoll(ctx, "test", khabar.WirePoll{FeedID: feed.ID, Status: khabar.WireOK, NextAt: time.Now().Add(time.Hour),
		Items: []khabar.WireItem{{GUID: "1", Title: "خبر الوكالة", Summary: "نص"}}})
	s.must(err)
	items, _, err := s.store.WireItems(ctx, khabar.WireFilter{Lang: "ar"})
	s.must(err)
	item := items[0].ID
	writers := []string{"author", "editor", "admin", "editor as author"}
	editors := []string{"editor", "admin"}
	admins := []string{"admin"}
	get := func(path string) func() (string, string, any) {
		return func() (string, string, any) { return "GET", path, nil }
	}
	return []scopeRow{
		{"GET /api/v1/admin/wire/items", get("/api/v1/admin/wire/items?lang=ar"), writers},
		{"POST /api/v1/admin/wire/items/{id}/use", func() (string, string, any) {
			return "POST", fmt.Sprintf("/api/v1/admin/wire/items/%d/use", item), nil
		}, writers},
		{"POST /api/v1/admin/wire/seen", func() (string, string, any) {
			return "POST", "/api/v1/admin/wire/seen", map[string]any{"ids": []int64{item}, "seen": true}
		}, writers},
		{"GET /api/v1/admin/wire/feeds", get("/api/v1/admin/wire/feeds"), editors},
		{"POST /api/v1/admin/wire/feeds", func() (string, string, any) {
			return "POST", "/api/v1/admin/wire/feeds", map[string]any{"source": sources[0].ID, "url": "https://agency.example/ru.xml", "lang": "ru"}
		}, editors},
		{"PATCH /api/v1/admin/wire/feeds/{id}", func() (string, string, any) {
			return "PATCH", fmt.Sprintf("/api/v1/admin/wire/feeds/%d", feed.ID), map[string]any{"paused": true}
		}, editors},
		{"DELETE /api/v1/admin/wire/feeds/{id}", func() (string, string, any) {
			return "DELETE", fmt.Sprintf("/api/v1/admin/wire/feeds/%d", feed.ID), nil
		}, editors},
		{"GET /api/v1/admin/newsletter/subscribers", get("/api/v1/admin/newsletter/subscribers"), admins},
		{"DELETE /api/v1/admin/newsletter/subscribers/{id}", func() (string, string, any) {
			return "DELETE", "/api/v1/admin/newsletter/subscribers/1", nil
		}, admins},
		{"GET /api/v1/admin/newsletter/issues", get("/api/v1/admin/newsletter/issues?lang=ar"), editors},
		{"POST /api/v1/admin/newsletter/issues", func() (string, string, any) {
			return "POST", "/api/v1/admin/newsletter/issues", map[string]any{"lang": "ar", "stories": []int64{story}}
		}, editors},
		{"GET /api/v1/admin/channels", get("/api/v1/admin/channels"), editors},
		{"PUT /api/v1/admin/channels/{lang}", func() (string, string, any) {
			return "PUT", "/api/v1/admin/channels/ar", map[string]any{"chat_id": "@khabar_ar"}
		}, admins},
		{"GET /api/v1/admin/channels/{lang}/posts", get("/api/v1/admin/channels/ar/posts"), editors},
		{"POST /api/v1/admin/channels/{lang}/posts", func() (string, string, any) {
			return "POST", "/api/v1/admin/channels/ar/posts", map[string]any{"story": story}
		}, editors},
	}
}

package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/newsroom"
	"github.com/khabarnews/khabar/web"
)

// TestArchiveLoader is an integrator loading an archive through the Admin
// API as fast as it is let: every story created, then published with the
// date it first had. The token's rate is low; the loader honours
// Retry-After on each 429 and sends the same request again. Every story
// ends up there once, with its own date, and a refused request changed
// nothing.
func TestArchiveLoader(t *testing.T) {
	s := newSiteWith(t, func(c *web.Config) {
		c.APILimits = web.APILimits{PerIP: 1000, IPBurst: 1000, PerToken: 4, TokenBurst: 3}
	})
	ctx := context.Background()
	news := newsroom.New(s.store, nil, nil, nil)
	u, err := news.CreateUser(ctx, newsroom.Console(), newsroom.UserInput{Login: "loader", Names: khabar.Text{"en": "Archive loader"},
		Role: khabar.RoleEditor, NoLogin: true}, "")
	s.must(err)
	secret, _, err := news.CreateTokenFor(ctx, newsroom.Console(), u.ID, newsroom.TokenInput{Name: "archive loader", Role: khabar.RoleEditor})
	s.must(err)
	before, err := s.store.CountStories(ctx)
	s.must(err)

	refused := 0
	send := func(method, path string, body any) map[string]any {
		t.Helper()
		for range 20 {
			r := oaJSON(t, s, secret, method, path, body)
			if r.status == http.StatusTooManyRequests {
				refused++
				wait, err := strconv.Atoi(r.header.Get("Retry-After"))
				if err != nil || wait < 1 {
					t.Fatalf("429 without a usable Retry-After: %q", r.header.Get("Retry-After"))
				}
				time.Sleep(time.Duration(wait) * time.Second)
				continue
			}
			if r.status >= 300 {
				t.Fatalf("%s %s: %d %s", method, path, r.status, r.body)
			}
			var out map[string]any
			s.must(json.Unmarshal([]byte(r.body), &out))
			return out
		}
		t.Fatalf("%s %s: refused 20 times", method, path)
		return nil
	}
	first := time.Date(2019, 3, 1, 8, 0, 0, 0, time.UTC)
	const n = 8
	for i := range n {
		st := send("POST", "/api/v1/admin/stories", map[string]any{"lang": "en", "title": fmt.Sprintf("Archived story %d", i),
			"body_html": "<p>From the old archive.</p>"})
		id := strconv.FormatInt(int64(st["id"].(float64)), 10)
		rev := st["versions"].([]any)[0].(map[string]any)["revision"]
		at := first.Add(time.Duration(i) * 24 * time.Hour)
		v := send("POST", "/api/v1/admin/stories/"+id+"/versions/en/status", map[string]any{"status": "published", "revision": rev, "publish_at": at})
		if v["status"] != "published" || v["published_at"] != at.Format(time.RFC3339) {
			t.Fatalf("published with its date: %v", v)
		}
	}
	if refused == 0 {
		t.Fatal("the loader was never refused: the test did not reach the rate")
	}
	after, err := s.store.CountStories(ctx)
	s.must(err)
	if after-before != n {
		t.Fatalf("%d stories made by %d creates (%d refused on the way)", after-before, n, refused)
	}
	list, _, err := s.store.ListArticles(ctx, khabar.ListFilter{Lang: "en", From: first, To: first.AddDate(0, 0, n), Limit: 50})
	s.must(err)
	if len(list) != n {
		t.Fatalf("%d stories published in 2019, want %d", len(list), n)
	}

	// A date correction of a published story; a time ahead schedules it.
	id := strconv.FormatInt(list[0].StoryID, 10)
	cur := send("GET", "/api/v1/admin/stories/"+id, nil)
	rev := cur["versions"].([]any)[0].(map[string]any)["revision"]
	v := send("POST", "/api/v1/admin/stories/"+id+"/versions/en/status", map[string]any{"status": "published", "revision": rev, "publish_at": first.Add(-time.Hour)})
	if v["published_at"] != first.Add(-time.Hour).Format(time.RFC3339) {
		t.Fatalf("corrected date: %v", v)
	}
	r := oaJSON(t, s, secret, "POST", "/api/v1/admin/stories/"+id+"/versions/en/status", map[string]any{"status": "published", "revision": v["revision"]})
	for r.status == http.StatusTooManyRequests {
		time.Sleep(time.Second)
		r = oaJSON(t, s, secret, "POST", "/api/v1/admin/stories/"+id+"/versions/en/status", map[string]any{"status": "published", "revision": v["revision"]})
	}
	if r.status != http.StatusBadRequest {
		t.Fatalf("published again without a date: %d %s", r.status, r.body)
	}

	// Sources: created, listed.
	send("POST", "/api/v1/admin/sources", map[string]any{"name": map[string]string{"ru": "РИА Новости", "en": "RIA Novosti"}, "url": "https://ria.ru"})
	sources := send("GET", "/api/v1/admin/sources", nil)
	found := false
	for _, it := range sources["items"].([]any) {
		found = found || it.(map[string]any)["url"] == "https://ria.ru"
	}
	if !found {
		t.Fatalf("the new source is not listed: %v", sources)
	}
}

// TestSearchAPIEveryLanguage: without lang, the API searches every
// language and says so.
func TestSearchAPIEveryLanguage(t *testing.T) {
	s := newSite(t)
	var all, one struct {
		Lang  string `json:"lang"`
		Total int    `json:"total"`
	}
	s.must(json.Unmarshal([]byte(s.get("/api/v1/search?q=putin").body), &all))
	s.must(json.Unmarshal([]byte(s.get("/api/v1/search?q=putin&lang=en").body), &one))
	if all.Lang != "all" || all.Total <= one.Total || one.Lang != "en" {
		t.Fatalf("without lang: %+v; in English: %+v", all, one)
	}
}

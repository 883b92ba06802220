package web_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
	"unicode"
)

// apiProblem is what every API error answers.
type apiProblem struct {
	Type            string `json:"type"`
	Title           string `json:"title"`
	Status          int    `json:"status"`
	Detail          string `json:"detail"`
	Code            string `json:"code"`
	Field           string `json:"field"`
	CurrentRevision int64  `json:"current_revision"`
	InvalidParams   []struct {
		Name, Reason string
	} `json:"invalid_params"`
}

// decode parses a JSON answer, failing the test on anything else.
func decode[T any](t *testing.T, r response) T {
	t.Helper()
	var v T
	ct := r.header.Get("Content-Type")
	if !strings.HasPrefix(ct, "application/json") && !strings.HasPrefix(ct, "application/problem+json") {
		t.Fatalf("Content-Type %q, status %d: %.300s", ct, r.status, r.body)
	}
	if err := json.Unmarshal([]byte(r.body), &v); err != nil {
		t.Fatalf("%v in %.300s", err, r.body)
	}
	return v
}

// wantProblem checks that r is a problem document with this status and code.
func wantProblem(t *testing.T, r response, status int, code string) apiProblem {
	t.Helper()
	if r.status != status || !strings.HasPrefix(r.header.Get("Content-Type"), "application/problem+json") {
		t.Fatalf("status %d (%s), want %d problem %s: %.400s", r.status, r.header.Get("Content-Type"), status, code, r.body)
	}
	p := decode[apiProblem](t, r)
	if p.Code != code || p.Status != status || p.Title == "" || p.Detail == "" || !strings.Contains(p.Type, "/api/v1/docs#problem-") {
		t.Fatalf("problem %+v, want code %s", p, code)
	}
	return p
}

type apiText struct{ Lang, Dir, Text string }

type storyItem struct {
	StoryID     int64     `json:"story_id"`
	Lang        string    `json:"lang"`
	Dir         string    `json:"dir"`
	Title       string    `json:"title"`
	URL         string    `json:"url"`
	APIURL      string    `json:"api_url"`
	Status      string    `json:"status"`
	PublishedAt time.Time `json:"published_at"`
	Image       *struct {
		URL    string             `json:"url"`
		Credit map[string]apiText `json:"credit"`
	} `json:"image"`
}

type storyList struct {
	Items      []storyItem `json:"items"`
	NextCursor *string     `json:"next_cursor"`
	Next       *string     `json:"next"`
}

type storyDoc struct {
	ID           int64  `json:"id"`
	OriginalLang string `json:"original_lang"`
	Section      *struct {
		Slug string             `json:"slug"`
		Name map[string]apiText `json:"name"`
	} `json:"section"`
	Tags    []struct{ Slug string } `json:"tags"`
	Authors []struct {
		Name map[string]apiText `json:"name"`
	} `json:"authors"`
	Source *struct {
		Name map[string]apiText `json:"name"`
		URL  string             `json:"url"`
	} `json:"source"`
	Image *struct {
		URL      string                                      `json:"url"`
		Variants map[string]struct{ URL string }             `json:"variants"`
		Credit   map[string]apiText                          `json:"credit"`
		Alt      map[string]struct{ Lang, Dir, Text string } `json:"alt"`
	} `json:"image"`
	Versions []struct {
		Lang, Dir, Title, Slug, Summary, URL string
		BodyHTML                             string `json:"body_html"`
	} `json:"versions"`
}

func TestContentAPISiteAndTaxonomy(t *testing.T) {
	s := newSite(t)
	site := decode[struct {
		Name        map[string]apiText `json:"name"`
		DefaultLang string             `json:"default_lang"`
		Languages   []struct {
			Tag, Name, Dir string
			HomeURL        string `json:"home_url"`
		} `json:"languages"`
	}](t, s.page("/api/v1/site"))
	if site.Name["ar"].Text != "مجموعة الحوار" || site.Name["ar"].Dir != "rtl" || site.Name["ru"].Dir != "ltr" || site.DefaultLang != "en" {
		t.Errorf("site %+v", site)
	}
	if len(site.Languages) != 3 || site.Languages[0].Tag != "ar" || site.Languages[0].Dir != "rtl" || site.Languages[0].HomeURL != s.srv.URL+"/ar/" {
		t.Errorf("languages %+v", site.Languages)
	}

	sections := decode[struct {
		Items []struct {
			Slug string
			Name map[string]apiText
			URLs map[string]string
		}
	}](t, s.page("/api/v1/sections"))
	if len(sections.Items) != 2 || sections.Items[0].Slug != "politics" || sections.Items[0].Name["ar"].Text != "سياسة" ||
		sections.Items[0].URLs["ru"] != s.srv.URL+"/ru/section/politics" {
		t.Errorf("sections %+v", sections)
	}
	tags := decode[struct {
		Items []struct {
			Slug    string
			Stories int
		}
	}](t, s.page("/api/v1/tags"))
	if len(tags.Items) != 1 || tags.Items[0].Slug != "putin" || tags.Items[0].Stories != 2 {
		t.Errorf("tags %+v", tags)
	}
	pages := decode[struct {
		Items []struct {
			Key      string
			Versions []struct{ Lang, Dir, Title, URL string }
		}
	}](t, s.page("/api/v1/pages?lang=ar"))
	if len(pages.Items) != 1 || len(pages.Items[0].Versions) != 1 || pages.Items[0].Versions[0].Title != "عن المجموعة" ||
		pages.Items[0].Versions[0].Dir != "rtl" || !strings.HasPrefix(pages.Items[0].Versions[0].URL, s.srv.URL+"/ar/page/") {
		t.Errorf("pages %+v", pages)
	}
	if r := s.get(strings.TrimPrefix(pages.Items[0].Versions[0].URL, s.srv.URL)); r.status != http.StatusOK {
		t.Errorf("the page's URL answers %d", r.status)
	}
}

func TestContentAPIStories(t *testing.T) {
	s := newSite(t)
	ar := decode[storyList](t, s.page("/api/v1/stories?lang=ar"))
	if len(ar.Items) != 2 || ar.NextCursor != nil || ar.Next != nil {
		t.Fatalf("Arabic list: %+v", ar)
	}
	first := ar.Items[0]
	if first.StoryID != s.ids["summit"] || first.Dir != "rtl" || first.Title != "بوتين يستضيف قمة غير رسمية" || first.Status != "published" ||
		!strings.HasPrefix(first.URL, s.srv.URL+"/ar/news/") || first.Image == nil || first.Image.Credit["ar"].Text != "الموقع الرسمي لرئيس روسيا" {
		t.Fatalf("first item %+v", first)
	}
	if r := s.get(strings.TrimPrefix(first.URL, s.srv.URL)); r.status != http.StatusOK {
		t.Errorf("the item's page answers %d", r.status)
	}

	// Every Russian version once, in order, through the cursors.
	seen := map[int64]bool{}
	var last time.Time
	next := "/api/v1/stories?lang=ru&limit=10"
	pages := 0
	for next != "" {
		l := decode[storyList](t, s.page(next))
		pages++
		for _, it := range l.Items {
			if seen[it.StoryID] || it.Lang != "ru" {
				t.Fatalf("story %d (%s) twice or in the wrong language", it.StoryID, it.Lang)
			}
			if !last.IsZero() && it.PublishedAt.After(last) {
				t.Fatalf("not newest first at story %d", it.StoryID)
			}
			seen[it.StoryID], last = true, it.PublishedAt
		}
		next = ""
		if l.Next != nil {
			next = strings.TrimPrefix(*l.Next, s.srv.URL)
		}
	}
	if len(seen) != 33 || pages != 4 {
		t.Fatalf("paged through %d Russian stories in %d pages, want 33 in 4", len(seen), pages)
	}
	if seen[s.ids["draft"]] {
		t.Fatal("a draft is in the Content API")
	}

	filtered := decode[storyList](t, s.page("/api/v1/stories?section=politics&tag=putin"))
	if len(filtered.Items) != 2 { // the summit in Arabic and in Russian
		t.Fatalf("politics+putin in every language: %+v", filtered.Items)
	}
	dated := decode[storyList](t, s.page("/api/v1/stories?lang=ar&from=2023-12-25&to=2023-12-27"))
	if len(dated.Items) != 1 || dated.Items[0].StoryID != s.ids["summit"] {
		t.Fatalf("Arabic from 25 to 27 December: %+v", dated.Items)
	}

	one := decode[storyDoc](t, s.page(fmt.Sprintf("/api/v1/stories/%d", s.ids["summit"])))
	if one.OriginalLang != "ar" || len(one.Versions) != 2 || one.Versions[0].Lang != "ar" || one.Versions[0].Dir != "rtl" ||
		one.Versions[1].Lang != "ru" || one.Versions[1].Dir != "ltr" || !strings.Contains(one.Versions[0].BodyHTML, "<h2>") {
		t.Fatalf("story versions %+v", one.Versions)
	}
	if one.Section == nil || one.Section.Name["ru"].Text != "Политика" || len(one.Tags) != 1 || one.Tags[0].Slug != "putin" ||
		len(one.Authors) != 1 || one.Authors[0].Name["ar"].Text != "سلمى نوري" {
		t.Fatalf("story shared fields %+v", one)
	}
	if one.Source == nil || one.Source.Name["ru"].Text != "ТАСС" || one.Source.URL != "https://tass.com" {
		t.Fatalf("source %+v", one.Source)
	}
	if one.Image == nil || !strings.HasPrefix(one.Image.URL, s.srv.URL+"/media/") || one.Image.Credit["ru"].Text != "Официальный сайт президента России" ||
		one.Image.Alt["ar"].Dir != "rtl" {
		t.Fatalf("image %+v", one.Image)
	}
	if r := s.get(strings.TrimPrefix(one.Image.URL, s.srv.URL)); r.status != http.StatusOK {
		t.Errorf("the image URL answers %d", r.status)
	}
	onlyRu := decode[storyDoc](t, s.page(fmt.Sprintf("/api/v1/stories/%d?lang=ru", s.ids["summit"])))
	if len(onlyRu.Versions) != 1 || onlyRu.Versions[0].Lang != "ru" {
		t.Fatalf("lang=ru: %+v", onlyRu.Versions)
	}
	wantProblem(t, s.get(fmt.Sprintf("/api/v1/stories/%d", s.ids["draft"])), http.StatusNotFound, "not_found")
	wantProblem(t, s.get("/api/v1/stories/4242"), http.StatusNotFound, "not_found")
	wantProblem(t, s.get("/api/v1/stories/abc"), http.StatusNotFound, "not_found")
}

func TestContentAPIBadParameters(t *testing.T) {
	s := newSite(t)
	p := wantProblem(t, s.get("/api/v1/stories?lang=xx&limit=0&cursor=garbage&updated_since=yesterday&section=nope&tag=nope"),
		http.StatusBadRequest, "invalid_params")
	var names []string
	for _, ip := range p.InvalidParams {
		names = append(names, ip.Name)
		if ip.Reason == "" {
			t.Errorf("no reason for %s", ip.Name)
		}
	}
	if got := strings.Join(names, " "); got != "lang section tag updated_since limit cursor" {
		t.Errorf("invalid params %q", got)
	}
	// A cursor of the publication order does not continue a changes list.
	l := decode[storyList](t, s.page("/api/v1/stories?lang=ru&limit=2"))
	wantProblem(t, s.get("/api/v1/stories?lang=ru&limit=2&updated_since=2020-01-01&cursor="+url.QueryEscape(*l.NextCursor)), http.StatusBadRequest, "invalid_params")

	// Messages in the language asked for.
	ar := wantProblem(t, s.get("/api/v1/nothing-here", "Accept-Language", "ar-EG,ar;q=0.9"), http.StatusNotFound, "no_route")
	if !strings.ContainsFunc(ar.Detail, func(r rune) bool { return unicode.Is(unicode.Arabic, r) }) || !strings.ContainsFunc(ar.Title, func(r rune) bool { return unicode.Is(unicode.Arabic, r) }) {
		t.Errorf("Arabic problem %+v", ar)
	}
	ru := s.get("/api/v1/nothing-here", "Accept-Language", "ru")
	if ru.header.Get("Content-Language") != "ru" || !strings.Contains(ru.body, "Справочник") {
		t.Errorf("Russian problem %s (%s)", ru.body, ru.header.Get("Content-Language"))
	}
	req, _ := http.NewRequest("DELETE", s.srv.URL+"/api/v1/stories", nil)
	res, err := http.DefaultClient.Do(req)
	s.must(err)
	res.Body.Close()
	if res.StatusCode != http.StatusMethodNotAllowed || !strings.HasPrefix(res.Header.Get("Content-Type"), "application/problem+json") {
		t.Errorf("DELETE /api/v1/stories: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
}

func TestContentAPICachingAndCORS(t *testing.T) {
	s := newSite(t)
	r := s.page("/api/v1/stories?lang=ar")
	etag := r.header.Get("ETag")
	if etag == "" || !strings.Contains(r.header.Get("Cache-Control"), "public") || r.header.Get("Access-Control-Allow-Origin") != "*" {
		t.Fatalf("headers %v", r.header)
	}
	if again := s.get("/api/v1/stories?lang=ar", "If-None-Match", etag); again.status != http.StatusNotModified || again.body != "" {
		t.Fatalf("If-None-Match: %d %q", again.status, again.body)
	}
	// A change anywhere makes the next answer new.
	ctx := t.Context()
	vs, err := s.store.Versions(ctx, s.ids["column"])
	s.must(err)
	vs[0].Title = "عمود: الاقتصاد في 2025"
	s.must(s.store.SaveVersion(ctx, &vs[0], 0))
	changed := s.get("/api/v1/stories?lang=ar", "If-None-Match", etag)
	if changed.status != http.StatusOK || !strings.Contains(changed.body, "2025") {
		t.Fatalf("after a change: %d %.200s", changed.status, changed.body)
	}

	req, _ := http.NewRequest("OPTIONS", s.srv.URL+"/api/v1/stories", nil)
	req.Header.Set("Origin", "https://partner.example")
	req.Header.Set("Access-Control-Request-Method", "GET")
	res, err := http.DefaultClient.Do(req)
	s.must(err)
	res.Body.Close()
	if res.StatusCode != http.StatusNoContent || res.Header.Get("Access-Control-Allow-Origin") != "*" || !strings.Contains(res.Header.Get("Access-Control-Allow-Methods"), "GET") {
		t.Fatalf("preflight: %d %v", res.StatusCode, res.Header)
	}
}

func TestContentAPIChangesSince(t *testing.T) {
	s := newSite(t)
	ctx := t.Context()
	time.Sleep(5 * time.Millisecond) // past the last write of the fixture
	since := time.Now().UTC().Format(time.RFC3339Nano)
	time.Sleep(5 * time.Millisecond)
	if l := decode[storyList](t, s.page("/api/v1/stories?updated_since="+url.QueryEscape(since))); len(l.Items) != 0 {
		t.Fatalf("changes before any: %+v", l.Items)
	}
	vs, err := s.store.Versions(ctx, s.ids["summit"])
	s.must(err)
	for _, v := range vs {
		if v.Lang == "ru" {
			v.Status = "unpublished"
			s.must(s.store.SaveVersion(ctx, &v, 0))
		}
	}
	l := decode[storyList](t, s.page("/api/v1/stories?updated_since="+url.QueryEscape(since)))
	if len(l.Items) != 1 || l.Items[0].StoryID != s.ids["summit"] || l.Items[0].Lang != "ru" || l.Items[0].Status != "withdrawn" {
		t.Fatalf("changes since: %+v", l.Items)
	}
}

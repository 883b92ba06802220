package web_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/khabarnews/khabar"
)

func searchPath(lang string, kv ...string) string {
	v := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Set(kv[i], kv[i+1])
	}
	return "/" + lang + "/search?" + v.Encode()
}

// resultLinks returns the hrefs of the result titles of a search page.
func resultLinks(t *testing.T, body string) []string {
	t.Helper()
	var out []string
	for _, h := range parse(t, body).all("h2", "class", "search-title") {
		for c := h.FirstChild; c != nil; c = c.NextSibling {
			if c.Data == "a" {
				out = append(out, attr(c, "href"))
			}
		}
	}
	return out
}

func TestSearchFormOnEveryPage(t *testing.T) {
	s := newSite(t)
	summit := strconv.FormatInt(s.ids["summit"], 10)
	for _, path := range []string{"/ar/", "/ru/", "/en/", "/ru/news/" + summit + "-putin-provedyot-sammit", "/ar/section/politics",
		"/en/archive/", "/ru/page/o-gruppe", "/ar/search", "/en/no-such-page"} {
		r := s.get(path)
		lang := strings.Split(path, "/")[1]
		forms := parse(t, r.body).all("form", "role", "search", "action", "/"+lang+"/search")
		if len(forms) != 1 {
			t.Errorf("%s (%d): %d search forms (search landmarks) for /%s/search, want one", path, r.status, len(forms), lang)
			continue
		}
		if !strings.Contains(r.body, `name="q"`) {
			t.Errorf("%s: the search form has no q field", path)
		}
	}
}

func TestSearchPage(t *testing.T) {
	s := newSite(t)
	summit := strconv.FormatInt(s.ids["summit"], 10)
	t.Run("arabic: tashkeel kept in the mark, singular count", func(t *testing.T) {
		r := s.page(searchPath("ar", "q", "الكرملين"))
		links := resultLinks(t, r.body)
		if len(links) != 1 || !strings.HasPrefix(links[0], "/ar/news/"+summit+"-") {
			t.Fatalf("results %v, want the summit story", links)
		}
		if !strings.Contains(r.body, "<mark>الكرملِين</mark>") {
			t.Errorf("the snippet does not mark the word as written, with its kasra:\n%s", excerptOf(r.body, "search-snippet", "</p>"))
		}
		if !strings.Contains(r.body, "نتيجة واحدة") {
			t.Errorf("no singular count in Arabic")
		}
		if !strings.Contains(r.body, `<meta name="robots" content="noindex">`) {
			t.Errorf("search pages should not be indexed")
		}
	})
	t.Run("arabic: clitics", func(t *testing.T) {
		r := s.page(searchPath("ar", "q", "والقمم"))
		if links := resultLinks(t, r.body); len(links) != 1 {
			t.Fatalf("والقمم found %v, want the summit story (القمم in its body)", links)
		}
		if !strings.Contains(r.body, "<mark>القمم</mark>") {
			t.Errorf("القمم not marked")
		}
	})
	t.Run("russian: forms, plural count and pages", func(t *testing.T) {
		r := s.page(searchPath("ru", "q", "саммиты"))
		if links := resultLinks(t, r.body); len(links) != 1 || !strings.Contains(r.body, "<mark>саммит</mark>") {
			t.Fatalf("саммиты found %v", links)
		}
		if !strings.Contains(r.body, "1 результат<") {
			t.Errorf("no singular count in Russian")
		}
		r = s.page(searchPath("ru", "q", "сводки"))
		if !strings.Contains(r.body, "32 результата") {
			t.Errorf("count for 32 in Russian: %s", excerptOf(r.body, `class="count"`, "</p>"))
		}
		if links := resultLinks(t, r.body); len(links) != 10 {
			t.Fatalf("first page has %d results, want 10", len(links))
		}
		next := parse(t, r.body).first(t, "a", "rel", "next")
		href := attr(next, "href")
		if !strings.Contains(href, "q=") || !strings.Contains(href, "page=2") {
			t.Fatalf("next page link %q lost the query", href)
		}
		r = s.page(href)
		if links := resultLinks(t, r.body); len(links) != 10 {
			t.Errorf("second page has %d results", len(links))
		}
		if r := s.get(searchPath("ru", "q", "сводки", "page", "9")); r.status != http.StatusNotFound {
			t.Errorf("a page past the results: %d, want 404", r.status)
		}
	})
	t.Run("english: plural count, phrase, exclusion", func(t *testing.T) {
		r := s.page(searchPath("en", "q", "digests"))
		if !strings.Contains(r.body, "32 results") {
			t.Errorf("no plural count in English")
		}
		r = s.page(searchPath("en", "q", `"digest no 7"`))
		if links := resultLinks(t, r.body); len(links) != 1 || !strings.HasSuffix(links[0], "-digest-7") {
			t.Errorf("phrase found %v", links)
		}
		r = s.page(searchPath("en", "q", "digest -economic"))
		if links := resultLinks(t, r.body); len(links) != 0 {
			t.Errorf("exclusion left %v", links)
		}
	})
	t.Run("all languages", func(t *testing.T) {
		r := s.page(searchPath("en", "q", "Путин", "lang", "all"))
		links := resultLinks(t, r.body)
		if len(links) != 1 || !strings.HasPrefix(links[0], "/ru/news/") {
			t.Fatalf("all languages found %v", links)
		}
		if !strings.Contains(r.body, `<li class="search-result" lang="ru" dir="ltr">`) {
			t.Errorf("a result in another language does not carry its lang")
		}
		r = s.page(searchPath("en", "q", "Путин"))
		if len(resultLinks(t, r.body)) != 0 || !strings.Contains(r.body, "lang=all") {
			t.Errorf("a fruitless search should offer all languages")
		}
	})
	t.Run("filters", func(t *testing.T) {
		r := s.page(searchPath("ru", "q", "сводки", "section", "politics"))
		if len(resultLinks(t, r.body)) != 0 || !strings.Contains(r.body, "Искать без фильтров") {
			t.Errorf("section filter: results or no way out")
		}
		r = s.page(searchPath("en", "q", "digest", "from", "2023-12-20", "to", "2023-12-22"))
		if !strings.Contains(r.body, "3 results") {
			t.Errorf("date range: %s", excerptOf(r.body, `class="count"`, "</p>"))
		}
		r = s.page(searchPath("en", "q", "digest", "section", "nowhere", "from", "yesterday"))
		if !strings.Contains(r.body, "There is no section") || !strings.Contains(r.body, "was not understood") || !strings.Contains(r.body, "32 results") {
			t.Errorf("bad filters are not reported, or not ignored")
		}
	})
}

// excerptOf returns the text after the first from up to the next to, for
// error messages.
func excerptOf(s, from, to string) string {
	i := strings.Index(s, from)
	if i < 0 {
		return ""
	}
	s = s[i:]
	if j := strings.Index(s, to); j >= 0 {
		s = s[:j]
	}
	return s
}

// TestSearchHelpfulPages: whatever is typed, the page answers 200 with
// something to do next, never an error.
func TestSearchHelpfulPages(t *testing.T) {
	s := newSite(t)
	tests := []struct{ lang, q, want string }{
		{"en", "", "Type a word or two"},
		{"ru", "   ", "Введите слово"},
		{"ar", strings.Repeat("قمة ", 60), "الحد الأقصى"},
		{"en", strings.Repeat("a", 201), "at most"},
		{"en", "the of and", "nothing to search for"},
		{"ar", "في من على", "لا يوجد في"},
		{"ru", "!!! ... ,,,", "нечего искать"},
		{"en", "-", "nothing to search for"},
		{"en", "-digest", "nothing to search for"},
		{"en", `"`, "nothing to search for"},
		{"en", `"digest`, "results"},
		{"en", `digest"`, "results"},
		{"en", `"" -"" - -- "`, "nothing to search for"},
		{"en", `NEAR(digest) OR {title}:* ^AND`, "digest"},
		{"en", "zzzqqq", "Nothing was found"},
		{"en", "<script>alert(1)</script>", "&lt;script&gt;"},
	}
	for _, tt := range tests {
		t.Run(tt.lang+" "+tt.q, func(t *testing.T) {
			r := s.page(searchPath(tt.lang, "q", tt.q))
			if !strings.Contains(r.body, tt.want) {
				t.Errorf("page for %q lacks %q:\n%s", tt.q, tt.want, excerptOf(r.body, "<main", "</main>"))
			}
			if strings.Contains(r.body, "<script>alert") {
				t.Errorf("the query is echoed unescaped")
			}
		})
	}
	r := s.page(searchPath("en", "q", ""))
	if !strings.Contains(r.body, "Latest news") || len(parse(t, r.body).all("article", "class", "card")) == 0 {
		t.Errorf("the empty search page shows no latest news")
	}
}

// TestSearchVisibility: drafts and future versions are never found; a
// version is found once published and gone once unpublished.
func TestSearchVisibility(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	if links := resultLinks(t, s.page(searchPath("en", "q", "secret")).body); len(links) != 0 {
		t.Fatalf("a draft was found: %v", links)
	}
	st := &khabar.Story{}
	v := &khabar.Version{Lang: "en", Title: "Hydrogen corridor opens", Slug: "hydrogen", Body: "<p>A pipeline.</p>",
		Status: khabar.StatusPublished, PublishedAt: time.Now().Add(time.Hour)}
	s.must(s.store.CreateStory(ctx, st, []*khabar.Version{v}))
	if links := resultLinks(t, s.page(searchPath("en", "q", "hydrogen")).body); len(links) != 0 {
		t.Fatalf("a version scheduled for later was found: %v", links)
	}
	v.Status, v.PublishedAt = khabar.StatusPublished, time.Now().Add(-time.Minute) // the editor publishes it now
	s.must(s.store.SaveVersion(ctx, v, 0))
	if links := resultLinks(t, s.page(searchPath("en", "q", "hydrogen")).body); len(links) != 1 {
		t.Fatalf("a published version was not found: %v", links)
	}
	v.Status = khabar.StatusUnpublished
	s.must(s.store.SaveVersion(ctx, v, 0))
	if links := resultLinks(t, s.page(searchPath("en", "q", "hydrogen")).body); len(links) != 0 {
		t.Fatalf("an unpublished version was found: %v", links)
	}
}

func TestSearchAPI(t *testing.T) {
	s := newSite(t)
	var body struct {
		Query   string `json:"query"`
		Lang    string `json:"lang"`
		Total   int    `json:"total"`
		Page    int    `json:"page"`
		Pages   int    `json:"pages"`
		Results []struct {
			StoryID     int64     `json:"story_id"`
			Lang        string    `json:"lang"`
			Dir         string    `json:"dir"`
			Title       string    `json:"title"`
			URL         string    `json:"url"`
			PublishedAt time.Time `json:"published_at"`
			Section     *string   `json:"section"`
			SnippetHTML string    `json:"snippet_html"`
		} `json:"results"`
	}
	r := s.get("/api/v1/search?q=" + url.QueryEscape("الكرملين") + "&lang=ar")
	if r.status != http.StatusOK || !strings.HasPrefix(r.header.Get("Content-Type"), "application/json") {
		t.Fatalf("status %d, type %q: %s", r.status, r.header.Get("Content-Type"), r.body)
	}
	if cc := r.header.Get("Cache-Control"); !strings.HasPrefix(cc, "public, no-cache") {
		t.Errorf("Cache-Control = %q", cc)
	}
	if err := json.Unmarshal([]byte(r.body), &body); err != nil {
		t.Fatal(err)
	}
	if body.Total != 1 || body.Lang != "ar" || body.Page != 1 || body.Pages != 1 || len(body.Results) != 1 {
		t.Fatalf("response %+v", body)
	}
	res := body.Results[0]
	if res.StoryID != s.ids["summit"] || res.Dir != "rtl" || !strings.HasPrefix(res.URL, s.srv.URL+"/ar/news/") ||
		res.Section == nil || *res.Section != "سياسة" || res.PublishedAt.IsZero() || !strings.Contains(res.SnippetHTML, "<mark>الكرملِين</mark>") {
		t.Fatalf("result %+v", res)
	}
	if page := s.get(strings.TrimPrefix(res.URL, s.srv.URL)); page.status != http.StatusOK {
		t.Errorf("the result's URL answers %d", page.status)
	}

	r = s.get("/api/v1/search?q=digest&lang=all&page=2")
	if err := json.Unmarshal([]byte(r.body), &body); err != nil || r.status != http.StatusOK {
		t.Fatal(r.status, err)
	}
	if body.Total != 32 || body.Lang != "all" || body.Pages != 2 || len(body.Results) != 12 {
		t.Errorf("second page across languages: total %d, pages %d, %d results", body.Total, body.Pages, len(body.Results))
	}
	r = s.get("/api/v1/search?q=the+of")
	if err := json.Unmarshal([]byte(r.body), &body); err != nil || r.status != http.StatusOK || body.Total != 0 || body.Results == nil {
		t.Errorf("a query of stop words: %d %s", r.status, r.body)
	}

	for _, bad := range []struct{ query, param string }{
		{"", "q"},
		{"q=", "q"},
		{"q=" + strings.Repeat("x", 201), "q"},
		{"q=x&lang=fr", "lang"},
		{"q=x&from=2024-13-01", "from"},
		{"q=x&from=2024-02-01&to=2024-01-01", "to"},
		{"q=x&page=0", "page"},
		{"q=x&page=abc", "page"},
		{"q=x&section=nowhere", "section"},
		{"q=x&tag=nothing", "tag"},
	} {
		r := s.get("/api/v1/search?" + bad.query)
		var p struct {
			Status        int `json:"status"`
			InvalidParams []struct {
				Name string `json:"name"`
			} `json:"invalid_params"`
		}
		if r.status != http.StatusBadRequest || !strings.HasPrefix(r.header.Get("Content-Type"), "application/problem+json") {
			t.Errorf("%s: %d %q", bad.query, r.status, r.header.Get("Content-Type"))
			continue
		}
		if err := json.Unmarshal([]byte(r.body), &p); err != nil || p.Status != 400 || len(p.InvalidParams) == 0 || p.InvalidParams[0].Name != bad.param {
			t.Errorf("%s: problem %s", bad.query, r.body)
		}
		if r.header.Get("Cache-Control") != "no-store" {
			t.Errorf("%s: an error is cacheable", bad.query)
		}
	}
}

package web_test

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/web"
)

// TestCacheKeyKeepsOnlyWhatThePageReads: tracking parameters, unknown ones
// and a different order of the known ones are one page in the cache, so a
// random query string cannot make every request a new render.
func TestCacheKeyKeepsOnlyWhatThePageReads(t *testing.T) {
	s := newSite(t)
	for _, c := range []struct {
		first string
		same  []string
	}{
		{"/ru/", []string{"/ru/?utm_source=x1", "/ru/?fbclid=IwAR0&gclid=Cj0", "/ru/?zz=" + strconv.Itoa(int(time.Now().UnixNano())), "/ru/?"}},
		{"/ru/section/economy?page=2", []string{"/ru/section/economy?utm_campaign=a&page=2", "/ru/section/economy?page=2&page=3", "/ru/section/economy?page=&page=2"}},
		{"/en/search?q=digest&tag=putin", []string{"/en/search?tag=putin&q=digest&utm_medium=b", "/en/search?utm_source=c&q=digest&tag=putin&ref=x"}},
		{"/api/v1/stories?lang=ru&limit=3", []string{"/api/v1/stories?limit=3&lang=ru&utm_source=d"}},
	} {
		first := s.get(c.first)
		if first.status != http.StatusOK {
			t.Fatalf("GET %s = %d", c.first, first.status)
		}
		for _, u := range c.same {
			r := s.get(u)
			if r.status != http.StatusOK || r.header.Get("X-Cache") != "hit" || r.body != first.body {
				t.Errorf("GET %s = %d, X-Cache %q, same page %v; want the cached copy of %s", u, r.status, r.header.Get("X-Cache"), r.body == first.body, c.first)
			}
		}
	}
	// The page never sees what was dropped: the next page's link of the
	// API list carries only the parameters it reads.
	r := s.get("/api/v1/stories?lang=ru&limit=1&utm_source=newsletter")
	if strings.Contains(r.body, "utm_source") || !strings.Contains(r.body, "limit=1") {
		t.Errorf("the list's next link does not carry exactly its own parameters:\n%.300s", r.body)
	}
}

// TestCacheEvictsLeastRecentlyUsed: a full page cache makes room by
// dropping the pages read longest ago, not every page.
func TestCacheEvictsLeastRecentlyUsed(t *testing.T) {
	probe := newSite(t)
	path := func(s *site, n int) string {
		return "/ru/news/" + strconv.FormatInt(s.ids["digest"+strconv.Itoa(n)], 10) + "-svodka-" + strconv.Itoa(n)
	}
	// What one article holds in the cache: the page and its three
	// compressed copies.
	size := 0
	for _, enc := range []string{"identity", "gzip", "br", "zstd"} {
		r := probe.get(path(probe, 1), "Accept-Encoding", enc)
		if r.header.Get("Content-Encoding") != strings.ReplaceAll(enc, "identity", "") {
			t.Fatalf("Accept-Encoding %s: Content-Encoding %q", enc, r.header.Get("Content-Encoding"))
		}
		size += len(r.body)
	}
	s := newSiteWith(t, func(c *web.Config) { c.PageCacheBytes = size * 5 / 2 })
	xcache := func(n int) string { s.t.Helper(); return s.page(path(s, n)).header.Get("X-Cache") }
	xcache(1)
	xcache(2)
	if got := xcache(1); got != "hit" {
		t.Fatalf("article 1 is not kept beside article 2 (X-Cache %q); the cache holds %d bytes", got, size*5/2)
	}
	xcache(3) // no room for three: article 2 was read longest ago
	if got := xcache(1); got != "hit" {
		t.Errorf("article 1, read just before, was dropped to make room (X-Cache %q)", got)
	}
	if got := xcache(2); got != "miss" {
		t.Errorf("article 2, read longest ago, is still kept (X-Cache %q)", got)
	}
}

// slowStore counts and slows searches and article reads, and remembers
// how many ran at once.
type slowStore struct {
	khabar.Store
	delay                  time.Duration
	mu                     sync.Mutex
	order                  []int64 // the articles read, in order
	searches, articles     atomic.Int32
	running, mostAtOnce    atomic.Int32
	searchMost, searchRuns atomic.Int32
}

func (s *slowStore) busy(n *atomic.Int32, most *atomic.Int32) func() {
	v := n.Add(1)
	for {
		m := most.Load()
		if v <= m || most.CompareAndSwap(m, v) {
			break
		}
	}
	time.Sleep(s.delay)
	return func() { n.Add(-1) }
}

func (s *slowStore) Search(ctx context.Context, q khabar.SearchQuery) (*khabar.SearchResults, error) {
	s.searches.Add(1)
	defer s.busy(&s.searchRuns, &s.searchMost)()
	return s.Store.Search(ctx, q)
}

func (s *slowStore) Article(ctx context.Context, id int64, lang string) (*khabar.Article, error) {
	s.articles.Add(1)
	s.mu.Lock()
	s.order = append(s.order, id)
	s.mu.Unlock()
	defer s.busy(&s.running, &s.mostAtOnce)()
	return s.Store.Article(ctx, id, lang)
}

// storm fetches every path at once and returns the answers.
func storm(s *site, paths []string) []response {
	out := make([]response, len(paths))
	var wg sync.WaitGroup
	for i, p := range paths {
		wg.Go(func() { out[i] = s.get(p) })
	}
	wg.Wait()
	return out
}

// TestSearchesBounded: no more searches run at once than the bound; the
// ones that find no place in time are told to come back (503 with
// Retry-After, never cached) while cached pages are still answered; a
// repeated search is answered from the cache.
func TestSearchesBounded(t *testing.T) {
	var store *slowStore
	s := newSiteOn(t, func(db khabar.Store) khabar.Store {
		store = &slowStore{Store: db, delay: 150 * time.Millisecond}
		return store
	}, func(c *web.Config) { c.MaxSearches = 1 })
	s.page("/ru/")
	var paths []string
	for i := range 16 {
		if i%2 == 0 {
			paths = append(paths, fmt.Sprintf("/%s/search?q=сводка+%d", []string{"ru", "ar"}[i%4/2], i))
		} else {
			paths = append(paths, fmt.Sprintf("/api/v1/search?lang=ru&q=сводка+%d", i))
		}
	}
	var front response
	done := make(chan struct{})
	go func() {
		defer close(done)
		time.Sleep(20 * time.Millisecond)
		front = s.get("/ru/")
	}()
	answers := storm(s, paths)
	<-done
	if most := store.searchMost.Load(); most != 1 {
		t.Errorf("%d searches ran at once; the bound is 1", most)
	}
	refused := 0
	for i, r := range answers {
		switch r.status {
		case http.StatusOK:
		case http.StatusServiceUnavailable:
			refused++
			if r.header.Get("Retry-After") == "" || r.header.Get("Cache-Control") != "no-store" {
				t.Errorf("%s: 503 with Retry-After %q, Cache-Control %q", paths[i], r.header.Get("Retry-After"), r.header.Get("Cache-Control"))
			}
			if strings.HasPrefix(paths[i], "/api/") && !strings.Contains(r.body, `"code":"busy"`) {
				t.Errorf("%s: 503 is not a problem document: %.200s", paths[i], r.body)
			}
			// The page kept for refusals is the one of the reader's language.
			if l := paths[i][1:3]; !strings.HasPrefix(paths[i], "/api/") &&
				(r.header.Get("Content-Language") != l || !strings.Contains(r.body, `<html lang="`+l+`"`)) {
				t.Errorf("%s: a 503 page in %q: %.300s", paths[i], r.header.Get("Content-Language"), r.body)
			}
		default:
			t.Errorf("%s: status %d", paths[i], r.status)
		}
	}
	if refused == 0 {
		t.Error("16 slow searches at once with room for 1 and a queue of 4: none was refused")
	}
	if front.status != http.StatusOK || front.header.Get("X-Cache") != "hit" {
		t.Errorf("a cached page during the searches: status %d, X-Cache %q", front.status, front.header.Get("X-Cache"))
	}
	before := store.searches.Load()
	for range 2 {
		if r := s.get(paths[0]); r.status != http.StatusOK {
			t.Fatalf("the search again, the storm over: %d", r.status)
		}
		s.get(paths[0] + "&utm_source=again")
	}
	if n := store.searches.Load() - before; n > 1 {
		t.Errorf("one search asked again four times ran %d times", n)
	}
	t.Logf("16 searches at once, room for 1: %d refused", refused)
}

// TestRendersBounded: misses that render pages (here articles, each a
// slow read) run at most the bound at once; the rest wait their turn or
// are refused, and cached pages are still answered.
func TestRendersBounded(t *testing.T) {
	var store *slowStore
	s := newSiteOn(t, func(db khabar.Store) khabar.Store {
		store = &slowStore{Store: db, delay: 100 * time.Millisecond}
		return store
	}, func(c *web.Config) { c.MaxRenders = 2 })
	s.page("/ru/")
	// Articles that exist, and addresses of articles that do not (each
	// read as slowly, never cached).
	var paths []string
	for n := 1; n <= 16; n++ {
		paths = append(paths, "/ru/news/"+strconv.FormatInt(s.ids["digest"+strconv.Itoa(n)], 10)+"-svodka-"+strconv.Itoa(n))
	}
	for n := range 104 {
		paths = append(paths, "/ru/news/"+strconv.Itoa(900000+n)+"-none")
	}
	answers := storm(s, paths)
	if most := store.mostAtOnce.Load(); most > 2 {
		t.Errorf("%d articles rendered at once; the bound is 2", most)
	}
	refused := 0
	for i, r := range answers {
		switch {
		case r.status == http.StatusServiceUnavailable:
			refused++
		case i < 16 && r.status != http.StatusOK, i >= 16 && r.status != http.StatusNotFound:
			t.Errorf("%s: status %d", paths[i], r.status)
		}
	}
	if refused == 0 {
		t.Error("120 slow renders at once with room for 2 and a queue of 64: none was refused")
	}
	if r := s.get("/ru/"); r.header.Get("X-Cache") != "hit" {
		t.Errorf("the cached front page: X-Cache %q", r.header.Get("X-Cache"))
	}
}

// TestRenderManyWaitForGoesFirst: when renders queue for a place, the page
// many readers wait for (the front page just dropped by a publication) is
// rendered before the pages one reader each asked for.
func TestRenderManyWaitForGoesFirst(t *testing.T) {
	var store *slowStore
	s := newSiteOn(t, func(db khabar.Store) khabar.Store {
		store = &slowStore{Store: db, delay: 150 * time.Millisecond}
		return store
	}, func(c *web.Config) { c.MaxRenders = 1 })
	article := func(n int) string {
		return "/ru/news/" + strconv.FormatInt(s.ids["digest"+strconv.Itoa(n)], 10) + "-svodka-" + strconv.Itoa(n)
	}
	var lonely []string
	for n := 1; n <= 8; n++ {
		lonely = append(lonely, article(n))
	}
	popular := make([]string, 24)
	for i := range popular {
		popular[i] = article(20)
	}
	var wg sync.WaitGroup
	wg.Go(func() { storm(s, lonely) })
	time.Sleep(40 * time.Millisecond) // the eight are rendering or queued
	wg.Go(func() { storm(s, popular) })
	wg.Wait()
	store.mu.Lock()
	order := slices.Clone(store.order)
	store.mu.Unlock()
	if i := slices.Index(order, s.ids["digest20"]); i < 0 || i > 1 {
		t.Errorf("the article 24 readers waited for was read %d-th of %d (order %v); want right after the render under way", i+1, len(order), order)
	}
}

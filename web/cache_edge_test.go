package web_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/web"
)

// purgeLog is a real HTTP server standing for a shared cache's purge
// address: it records each purge, and answers 500 while failing is set.
type purgeLog struct {
	srv     *httptest.Server
	mu      sync.Mutex
	got     []*http.Request
	failing bool
}

func newPurgeLog(t *testing.T) *purgeLog {
	l := &purgeLog{}
	l.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		l.mu.Lock()
		defer l.mu.Unlock()
		if l.failing {
			http.Error(w, "down", http.StatusInternalServerError)
			return
		}
		l.got = append(l.got, r)
	}))
	t.Cleanup(l.srv.Close)
	return l
}

func (l *purgeLog) requests() []*http.Request {
	l.mu.Lock()
	defer l.mu.Unlock()
	return slices.Clone(l.got)
}

func (l *purgeLog) fail(on bool) {
	l.mu.Lock()
	l.failing = on
	l.mu.Unlock()
}

// keysOf is the keys a purge names.
func keysOf(r *http.Request) []string {
	return strings.Fields(r.Header.Get("Xkey") + " " + r.Header.Get("Surrogate-Key"))
}

// edgeSite is the test site behind two purged caches: one Varnish-style,
// one Fastly-style.
func edgeSite(t *testing.T) (*site, *purgeLog, *purgeLog) {
	varnish, fastly := newPurgeLog(t), newPurgeLog(t)
	s := newSiteWith(t, func(c *web.Config) {
		c.Edge = &web.EdgeConfig{KeyHeader: "xkey", PurgeWait: time.Second, Purge: []web.PurgeTarget{
			{URL: varnish.srv.URL + "/"},
			{URL: fastly.srv.URL + "/service/SVC/purge", Fastly: true, Token: "secret-token"},
		}}
	})
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { s.web.PurgeCaches(ctx); close(done) }()
	t.Cleanup(func() { stop(); <-done })
	return s, varnish, fastly
}

// TestEdgeHeaders: a public page names its surrogate keys (its topics) and
// tells shared caches to keep it, while browsers still revalidate.
func TestEdgeHeaders(t *testing.T) {
	s, _, _ := edgeSite(t)
	id := s.ids["summit"]
	article := "/ru/news/" + strconv.FormatInt(id, 10) + "-putin-provedyot-sammit"
	for _, path := range []string{article, "/ru/", "/ru/rss.xml", "/sitemap.xml", "/api/v1/stories/" + strconv.FormatInt(id, 10)} {
		for range 2 { // rendered, then from the page cache
			r := s.page(path)
			keys := strings.Fields(r.header.Get("Xkey"))
			if !slices.Contains(keys, "all") || len(keys) < 2 {
				t.Errorf("%s (X-Cache %s): keys %q", path, r.header.Get("X-Cache"), r.header.Get("Xkey"))
			}
			if cc := r.header.Get("Cache-Control"); cc != "public, no-cache, stale-if-error=86400" {
				t.Errorf("%s: Cache-Control %q: browsers must still revalidate", path, cc)
			}
			sc := r.header.Get("Surrogate-Control")
			age, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(sc, "max-age="), ", stale-if-error=86400"))
			if age <= 0 || age > 86400 || !strings.HasSuffix(sc, ", stale-if-error=86400") {
				t.Errorf("%s: Surrogate-Control %q", path, sc)
			}
			if g, _ := strconv.ParseInt(r.header.Get("X-Khabar-Generation"), 10, 64); g != s.store.Generation() {
				t.Errorf("%s: X-Khabar-Generation %q, the store is at %d", path, r.header.Get("X-Khabar-Generation"), s.store.Generation())
			}
		}
	}
	if keys := s.page(article).header.Get("Xkey"); !slices.Contains(strings.Fields(keys), khabar.StoryTopic(id)) {
		t.Errorf("the article's keys %q do not name its story", keys)
	}
	// Not for shared caches: the newsroom, errors.
	for _, path := range []string{"/ru/news/999999-none", "/admin/login"} {
		if r := s.get(path); r.header.Get("Xkey") != "" || r.header.Get("Surrogate-Control") != "" {
			t.Errorf("%s (%d): keys %q, Surrogate-Control %q", path, r.status, r.header.Get("Xkey"), r.header.Get("Surrogate-Control"))
		}
	}
}

// TestEdgePurges: a write answers once every cache has been told to drop
// the keys it touched (PURGE with xkey; POST with Surrogate-Key and the
// Fastly-Key), and the keys drop the pages that show the change; a cache
// that does not answer holds no write up for long, and gets the purge
// once it answers again.
func TestEdgePurges(t *testing.T) {
	s, varnish, fastly := edgeSite(t)
	ctx := context.Background()
	id := s.ids["summit"]
	article := "/ru/news/" + strconv.FormatInt(id, 10) + "-putin-provedyot-sammit"
	pageKeys := strings.Fields(s.page(article).header.Get("Xkey"))
	otherKeys := strings.Fields(s.page("/ru/section/economy").header.Get("Xkey"))

	v := s.storyVersion(id, "ru")
	v.Title = "Саммит перенесён"
	s.must(s.store.SaveVersion(ctx, &v, 0))
	// The write has answered: both caches were already told.
	vr, fr := varnish.requests(), fastly.requests()
	if len(vr) != 1 || len(fr) != 1 {
		t.Fatalf("after one write the caches got %d and %d purges; want one each, before the write answered", len(vr), len(fr))
	}
	if vr[0].Method != "PURGE" || fr[0].Method != http.MethodPost || fr[0].URL.Path != "/service/SVC/purge" ||
		fr[0].Header.Get("Fastly-Key") != "secret-token" {
		t.Errorf("purges: %s %s and %s %s (Fastly-Key %q)", vr[0].Method, vr[0].URL, fr[0].Method, fr[0].URL, fr[0].Header.Get("Fastly-Key"))
	}
	if host := strings.TrimPrefix(s.srv.URL, "http://"); vr[0].Host != host {
		t.Errorf("the purge's Host is %q, want the site's %q", vr[0].Host, host)
	}
	purged := keysOf(vr[0])
	if !slices.Equal(purged, keysOf(fr[0])) {
		t.Errorf("the two caches were told different keys: %v and %v", purged, keysOf(fr[0]))
	}
	if !slices.ContainsFunc(pageKeys, func(k string) bool { return k != "all" && slices.Contains(purged, k) }) {
		t.Errorf("the purge %v drops nothing the article showed (%v)", purged, pageKeys)
	}
	if slices.ContainsFunc(otherKeys, func(k string) bool { return slices.Contains(purged, k) }) {
		t.Errorf("editing a title purged a key %v of the economy section, which does not show it", otherKeys)
	}
	if g := vr[0].Header.Get("X-Khabar-Generation"); g != strconv.FormatInt(s.store.Generation(), 10) {
		t.Errorf("purge of generation %q; the store is at %d", g, s.store.Generation())
	}

	// The Varnish-style cache stops answering.
	varnish.fail(true)
	start := time.Now()
	v = s.storyVersion(id, "ru")
	v.Title = "Саммит перенесён снова"
	s.must(s.store.SaveVersion(ctx, &v, 0))
	first := time.Since(start)
	start = time.Now()
	v = s.storyVersion(id, "ru")
	v.Title = "Саммит перенесён в третий раз"
	s.must(s.store.SaveVersion(ctx, &v, 0))
	second := time.Since(start)
	if first > 3*time.Second || second > 500*time.Millisecond {
		t.Errorf("with a cache down a write waited %v, the next %v; want at most the purge wait once, then no waiting", first, second)
	}
	varnish.fail(false)
	gen := strconv.FormatInt(s.store.Generation(), 10)
	deadline := time.Now().Add(10 * time.Second)
	for !slices.ContainsFunc(varnish.requests(), func(r *http.Request) bool {
		return slices.Contains(strings.Fields(r.Header.Get("X-Khabar-Changes")), gen)
	}) {
		if time.Now().After(deadline) {
			t.Fatal("the purges held back while the cache was down never reached it")
		}
		time.Sleep(20 * time.Millisecond)
	}
}

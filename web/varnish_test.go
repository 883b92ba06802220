package web_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/web"
	"github.com/khabarnews/khabar/web/varnishtest"
)

// varnishSite is the test site behind a real Varnish running the VCL that
// khabar varnish-config prints, and purging it. down, when set, makes
// Khabar answer nothing but 503, as if it had stopped.
func varnishSite(t *testing.T) (*site, *varnishtest.Varnish, *atomic.Bool) {
	t.Helper()
	varnishtest.Binary(t) // skips (or fails in CI) before anything is built
	addr := varnishtest.FreeAddr(t)
	var down atomic.Bool
	s := newSiteWith(t, func(c *web.Config) {
		c.BaseURL = "http://" + addr
		c.Edge = &web.EdgeConfig{Purge: []web.PurgeTarget{{URL: "http://" + addr + "/"}}}
	})
	// What the fixture wrote before any cache existed needs no purge.
	ctx := context.Background()
	old, err := s.store.ClaimPurges(ctx, "setup", time.Minute, 100000)
	s.must(err)
	var gens []int64
	for _, c := range old {
		gens = append(gens, c.Gen)
	}
	s.must(s.store.PurgesSent(ctx, gens))
	handler := s.srv.Config.Handler
	s.srv.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if down.Load() {
			http.Error(w, "stopped", http.StatusServiceUnavailable)
			return
		}
		handler.ServeHTTP(w, r)
	})
	purgeCtx, stop := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { s.web.PurgeCaches(purgeCtx); close(done) }()
	t.Cleanup(func() { stop(); <-done })
	vcl, err := web.VarnishConfig(web.VarnishOptions{Site: "http://" + addr, Backends: []string{strings.TrimPrefix(s.srv.URL, "http://")},
		Langs: []string{"ar", "ru", "en"}, DefaultLang: "en"})
	s.must(err)
	return s, varnishtest.Start(t, addr, vcl), &down
}

// fetch gets a page through Varnish, without following redirects.
func fetch(t *testing.T, base, path string, header ...string) response {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, base+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	res, err := noRedirects.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return response{status: res.StatusCode, header: res.Header, body: string(b)}
}

var noRedirects = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

// TestVarnishConfig: the VCL compiles for one node and for several, with
// another key header; what would not make a valid VCL is refused.
func TestVarnishConfig(t *testing.T) {
	for _, o := range []web.VarnishOptions{
		{Backends: []string{"127.0.0.1:8080"}, Langs: []string{"ar", "ru", "en"}, DefaultLang: "ar"},
		{Site: "https://news.example.org", Backends: []string{"10.0.0.2:8080", "10.0.0.3:8080", "[::1]:8081"}, Purgers: []string{"10.0.0.0/8", "192.0.2.7", "localhost"},
			KeyHeader: "Surrogate-Key", Langs: []string{"ru", "en"}, DefaultLang: "ru"},
	} {
		vcl, err := web.VarnishConfig(o)
		if err != nil {
			t.Fatal(err)
		}
		if err := varnishtest.Check(t, vcl); err != nil {
			t.Errorf("%+v: the VCL does not compile: %v", o, err)
		}
	}
}

func TestVarnishConfigRefusesBadInput(t *testing.T) {
	good := web.VarnishOptions{Backends: []string{"127.0.0.1:8080"}, Langs: []string{"en"}, DefaultLang: "en"}
	for name, change := range map[string]func(*web.VarnishOptions){
		"no backend":            func(o *web.VarnishOptions) { o.Backends = nil },
		"backend without port":  func(o *web.VarnishOptions) { o.Backends = []string{"127.0.0.1"} },
		"backend with a quote":  func(o *web.VarnishOptions) { o.Backends = []string{`evil";x:80`} },
		"purger that is a path": func(o *web.VarnishOptions) { o.Purgers = []string{"/etc/passwd"} },
		"header with a space":   func(o *web.VarnishOptions) { o.KeyHeader = "x key" },
		"language with a quote": func(o *web.VarnishOptions) { o.Langs = []string{`en"`} },
		"no language":           func(o *web.VarnishOptions) { o.Langs = nil },
	} {
		o := good
		change(&o)
		if vcl, err := web.VarnishConfig(o); err == nil {
			t.Errorf("%s: accepted:\n%.200s", name, vcl)
		}
	}
}

// TestVarnishNeverStale: readers through Varnish while an editor edits,
// retags, unpublishes and publishes one story every 50 ms:
// no reader ever gets a page older than the last save acknowledged when
// the reader asked, readers are mostly answered by Varnish, and pages that
// never show the story stay in Varnish the whole time.
func TestVarnishNeverStale(t *testing.T) {
	s, v, _ := varnishSite(t)
	ctx := context.Background()
	id := s.ids["summit"]
	putin := s.tag("putin")
	type state struct {
		published, tagged bool
		title             int // the edit whose title it shows
	}
	pages := []struct {
		path  string
		shows func(state) bool
	}{
		{"/ru/news/" + strconv.FormatInt(id, 10) + "-putin-provedyot-sammit", func(st state) bool { return st.published }},
		{"/ru/", func(st state) bool { return st.published }},
		{"/ru/tag/putin", func(st state) bool { return st.published && st.tagged }},
		{"/ru/rss.xml", func(st state) bool { return st.published }},
	}
	unrelated := []string{"/en/section/economy", "/en/news/" + strconv.FormatInt(s.ids["digest1"], 10) + "-digest-1"}
	for _, p := range unrelated {
		fetch(t, v.URL, p)
		if r := fetch(t, v.URL, p); r.status != http.StatusOK || r.header.Get("X-Cache") != "hit" {
			t.Fatalf("%s through Varnish: %d, X-Cache %q", p, r.status, r.header.Get("X-Cache"))
		}
	}
	var mu sync.Mutex
	states := []state{{published: true, tagged: true}} // by edit number
	var started, acked atomic.Int64
	stop := make(chan struct{})
	errs := make(chan error, 64)
	var wg sync.WaitGroup
	wg.Go(func() { // the editor
		st := states[0]
		for n := 1; ; n++ {
			select {
			case <-stop:
				return
			default:
			}
			switch n % 6 {
			case 2: // retag: in the tag "putin" or out of it
				st.tagged = !st.tagged
			case 4: // unpublish (with a new title)
				st.title, st.published = n, false
			case 5: // publish again (with a new title)
				st.title, st.published = n, true
			default: // edit the title
				st.title = n
			}
			// What the page may show from the moment the save starts.
			mu.Lock()
			states = append(states, st)
			mu.Unlock()
			started.Store(int64(n))
			var err error
			switch n % 6 {
			case 2:
				story, e := s.store.Story(ctx, id)
				if e != nil {
					err = e
					break
				}
				story.TagIDs = nil
				if st.tagged {
					story.TagIDs = []int64{putin}
				}
				err = s.store.UpdateStory(ctx, story)
			default:
				ver := s.storyVersion(id, "ru")
				ver.Title = fmt.Sprintf("Саммит, правка %d.", n)
				ver.Status = khabar.StatusUnpublished
				if st.published {
					ver.Status = khabar.StatusPublished
				}
				err = s.store.SaveVersion(ctx, &ver, 0)
			}
			if err != nil {
				errs <- fmt.Errorf("edit %d: %w", n, err)
				return
			}
			acked.Store(int64(n))
			// A pause that lets Varnish answer the readers between saves
			// even on a busy machine, where a miss takes tens of ms:
			// otherwise the test would only prove Khabar is never stale.
			time.Sleep(50 * time.Millisecond)
		}
	})
	edit := regexp.MustCompile(`Саммит, правка (\d+)\.`)
	var served, hits atomic.Int64
	for r := range 6 {
		wg.Go(func() { // a reader
			client := &http.Client{CheckRedirect: noRedirects.CheckRedirect}
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				want := acked.Load()
				page := pages[(r+i)%len(pages)]
				res, err := client.Get(v.URL + page.path)
				if err != nil {
					errs <- err
					return
				}
				b, _ := io.ReadAll(res.Body)
				res.Body.Close()
				upper := started.Load()
				mu.Lock()
				possible := states[want : min(int(upper), len(states)-1)+1]
				mu.Unlock()
				title := 0
				for _, m := range edit.FindAllSubmatch(b, -1) {
					n, _ := strconv.Atoi(string(m[1]))
					title = max(title, n)
				}
				shown := res.StatusCode == http.StatusOK && strings.Contains(string(b), "Саммит, правка")
				ok := false
				for _, st := range possible {
					if page.shows(st) == shown && (!shown || title >= possible[0].title) {
						ok = true
					}
				}
				if want > 0 && !ok {
					errs <- fmt.Errorf("%s (%d, X-Cache %s, Age %s) shows the story: %v, edit %d; edit %d was acknowledged before the request (%+v)",
						page.path, res.StatusCode, res.Header.Get("X-Cache"), res.Header.Get("Age"), shown, title, want, possible[0])
					return
				}
				served.Add(1)
				if res.Header.Get("X-Cache") == "hit" {
					hits.Add(1)
				}
			}
		})
	}
	time.Sleep(4 * time.Second)
	close(stop)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if hits.Load() < served.Load()/2 {
		t.Errorf("only %d of %d pages came from Varnish: the test shows little about it", hits.Load(), served.Load())
	}
	for _, p := range unrelated {
		r := fetch(t, v.URL, p)
		if age, _ := strconv.Atoi(r.header.Get("Age")); r.header.Get("X-Cache") != "hit" || age < 2 {
			t.Errorf("%s, which shows nothing of the story, was dropped from Varnish (X-Cache %q, Age %q)", p, r.header.Get("X-Cache"), r.header.Get("Age"))
		}
	}
	t.Logf("%d saves, %d pages served through Varnish (%d from its cache), none older than the last acknowledged save", acked.Load(), served.Load(), hits.Load())
}

// TestVarnishRedirectsAndParameters: "/" goes to the reader's language as
// Khabar itself would send it; tracking parameters find the cached page.
func TestVarnishRedirectsAndParameters(t *testing.T) {
	s, v, _ := varnishSite(t)
	for _, al := range []string{"", "ru-RU,ru;q=0.9,en;q=0.8", "ar-EG", "fr, ar;q=0.5, ru;q=0.7", "de", "EN-gb", "ru;q=0, en", "*"} {
		edge, own := fetch(t, v.URL, "/", "Accept-Language", al), s.get("/", "Accept-Language", al)
		if edge.status != http.StatusFound || edge.header.Get("Location") != own.header.Get("Location") {
			t.Errorf("Accept-Language %q: Varnish sends %d to %q, Khabar to %q", al, edge.status, edge.header.Get("Location"), own.header.Get("Location"))
		}
	}
	fetch(t, v.URL, "/ru/")
	for _, p := range []string{"/ru/?utm_source=newsletter", "/ru/?fbclid=IwAR0&utm_medium=social", "/ru/?gclid=1"} {
		if r := fetch(t, v.URL, p); r.header.Get("X-Cache") != "hit" {
			t.Errorf("%s: X-Cache %q; want the cached /ru/", p, r.header.Get("X-Cache"))
		}
	}
	// The newsroom passes through; a purge from elsewhere is refused.
	if r := fetch(t, v.URL, "/admin/login"); r.status != http.StatusOK || r.header.Get("X-Cache") != "miss" {
		t.Errorf("/admin/login through Varnish: %d, X-Cache %q", r.status, r.header.Get("X-Cache"))
	}
	for range 2 {
		if r := fetch(t, v.URL, "/admin/login"); r.header.Get("X-Cache") == "hit" {
			t.Error("Varnish keeps the newsroom's login page")
		}
	}
}

// TestVarnishServesCopiesWhileKhabarIsDown: when Khabar stops answering,
// Varnish goes on serving what it has, purged copies included, instead
// of errors (stale-if-error).
func TestVarnishServesCopiesWhileKhabarIsDown(t *testing.T) {
	s, v, down := varnishSite(t)
	ctx := context.Background()
	article := "/ru/news/" + strconv.FormatInt(s.ids["summit"], 10) + "-putin-provedyot-sammit"
	fetch(t, v.URL, article)
	fetch(t, v.URL, "/ru/")
	ver := s.storyVersion(s.ids["summit"], "ru")
	ver.Title = "Саммит до остановки"
	s.must(s.store.SaveVersion(ctx, &ver, 0)) // purges both
	if r := fetch(t, v.URL, article); !strings.Contains(r.body, "Саммит до остановки") {
		t.Fatal("the article through Varnish does not show the save")
	}
	down.Store(true)
	time.Sleep(2500 * time.Millisecond) // two failed health checks of three, a second apart
	for _, p := range []string{article, "/ru/"} {
		r := fetch(t, v.URL, p)
		if r.status != http.StatusOK || !strings.Contains(r.body, "Саммит до остановки") && p == article {
			t.Errorf("%s with Khabar down: %d, X-Cache %q", p, r.status, r.header.Get("X-Cache"))
		}
	}
	if r := fetch(t, v.URL, "/ru/section/economy"); r.status != http.StatusServiceUnavailable {
		t.Errorf("a page Varnish never had, with Khabar down: %d", r.status)
	}
}

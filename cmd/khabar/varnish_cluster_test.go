package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/sqlstore"
	"github.com/khabarnews/khabar/web/varnishtest"
)

// purgeCounter stands between the nodes and Varnish's purge address: it
// passes each purge on and counts, per change, the purges that named it.
type purgeCounter struct {
	mu     sync.Mutex
	counts map[string]int // generation → purges that named it
}

func (p *purgeCounter) forward(to string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		req, err := http.NewRequest(r.Method, to+r.URL.RequestURI(), nil)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		req.Header, req.Host = r.Header.Clone(), r.Host
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		defer res.Body.Close()
		if res.StatusCode == http.StatusOK {
			p.mu.Lock()
			for _, g := range strings.Fields(r.Header.Get("X-Khabar-Changes")) {
				p.counts[g]++
			}
			p.mu.Unlock()
		}
		w.WriteHeader(res.StatusCode)
		io.Copy(w, res.Body)
	})
}

func (p *purgeCounter) of(gen int64) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.counts[fmt.Sprint(gen)]
}

func (p *purgeCounter) repeated() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	var out []string
	for g, n := range p.counts {
		if n > 1 {
			out = append(out, fmt.Sprintf("change %s purged %d times", g, n))
		}
	}
	return out
}

// TestTwoNodesBehindVarnish: two khabar processes on one PostgreSQL behind
// one Varnish (the VCL from khabar varnish-config, requests taken by the
// nodes in turn). A publication through either node is on the cached
// front page through Varnish as soon as the editor's request has
// answered, whichever node Varnish asks; a change written by neither
// (a command) is purged by one of them; each change is purged once; pages
// the changes do not show stay in Varnish.
func TestTwoNodesBehindVarnish(t *testing.T) {
	if testing.Short() {
		t.Skip("two-node test skipped in -short mode")
	}
	varnishtest.Binary(t)
	dsn := postgresForCluster(t)
	ctx := context.Background()
	db, err := sqlstore.OpenPostgres(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	const password = "пароль-редактора-за-varnish"
	var out bytes.Buffer
	if err := run(ctx, []string{"user", "add", "--database", dsn, "--data", t.TempDir(), "--login", "salma", "--role", "editor"},
		strings.NewReader(password+"\n"), &out, &out); err != nil {
		t.Fatalf("khabar user add: %v\n%s", err, out.String())
	}

	varnishAddr := varnishtest.FreeAddr(t)
	counter := &purgeCounter{counts: map[string]int{}}
	purges := httptest.NewServer(counter.forward("http://" + varnishAddr))
	defer purges.Close()
	edge := []string{"--base-url", "http://" + varnishAddr, "--purge", purges.URL + "/"}
	a, _ := startNode(t, dsn, edge...)
	b, _ := startNode(t, dsn, edge...)
	out.Reset()
	if err := run(ctx, []string{"varnish-config", "--database", dsn, "--data", t.TempDir(),
		"--backend", strings.TrimPrefix(a, "http://"), "--backend", strings.TrimPrefix(b, "http://")}, nil, &out, &out); err != nil {
		t.Fatalf("khabar varnish-config: %v\n%s", err, out.String())
	}
	v := varnishtest.Start(t, varnishAddr, out.String())

	get := func(path string) (string, string) {
		t.Helper()
		res, err := http.Get(v.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		body, _ := io.ReadAll(res.Body)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("GET %s through Varnish: %s", path, res.Status)
		}
		return string(body), res.Header.Get("X-Cache")
	}
	for _, p := range []string{"/en/", "/ru/"} {
		get(p)
		if _, x := get(p); x != "hit" {
			t.Fatalf("%s is not kept by Varnish (X-Cache %q)", p, x)
		}
	}

	// Publications through each node in turn: visible through Varnish
	// as soon as the publish request has answered.
	for i, node := range []string{a, b, a, b} {
		title := fmt.Sprintf("Published through node %c, take %d", 'A'+i%2, i+1)
		e := newsroomLogin(t, node, "salma", password)
		if err := db.Sync(ctx); err != nil {
			t.Fatal(err)
		}
		before := db.Generation()
		e.publish(t, "en", title)
		// The other node, asked at once (as Varnish may ask it), reads
		// the change from the database rather than waiting to hear of it.
		other := map[string]string{a: b, b: a}[node]
		if body := fetchBody(t, other+"/en/"); !strings.Contains(body, title) {
			t.Errorf("%q is not yet on the other node's front page right after the publish request answered", title)
		}
		if body, _ := get("/en/"); !strings.Contains(body, title) {
			t.Fatalf("%q is not on the front page through Varnish right after the publish request answered", title)
		}
		if n := counter.of(before + 1); n != 1 {
			t.Errorf("the publication through node %c was purged %d times", 'A'+i%2, n)
		}
	}

	// A change by neither node: one of them finds it unsent and purges it.
	st := &khabar.Story{}
	if err := db.CreateStory(ctx, st, []*khabar.Version{{Lang: "en", Title: "Written by a command", Slug: "command",
		Status: khabar.StatusPublished, PublishedAt: time.Now()}}); err != nil {
		t.Fatal(err)
	}
	gen := db.Generation()
	deadline := time.Now().Add(10 * time.Second)
	for counter.of(gen) == 0 {
		if time.Now().After(deadline) {
			t.Fatal("no node purged a change written by a command")
		}
		time.Sleep(50 * time.Millisecond)
	}
	if body, _ := get("/en/"); !strings.Contains(body, "Written by a command") {
		t.Error("the command's story is not on the front page through Varnish after its purge")
	}
	time.Sleep(3 * time.Second) // both nodes look for unsent purges again
	for _, r := range counter.repeated() {
		t.Error(r)
	}
	if _, x := get("/ru/"); x != "hit" {
		t.Errorf("the Russian front page, which shows none of the English stories, left Varnish (X-Cache %q)", x)
	}
}

func fetchBody(t *testing.T, u string) string {
	t.Helper()
	res, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return string(b)
}

// newsroomEditor is an editor signed in on one node, as a browser would be.
type newsroomEditor struct {
	base string
	c    *http.Client
}

func newsroomLogin(t *testing.T, base, login, password string) *newsroomEditor {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	e := &newsroomEditor{base: base, c: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
	if res := e.post(t, "/admin/login", url.Values{"login": {login}, "password": {password}, "next": {"/admin/"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("login on %s: %s", base, res.Status)
	}
	return e
}

func (e *newsroomEditor) post(t *testing.T, path string, form url.Values) *http.Response {
	t.Helper()
	res, err := e.c.PostForm(e.base+path, form)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, res.Body)
	res.Body.Close()
	return res
}

var baseRevision = regexp.MustCompile(`name="base_revision"[^>]*value="(\d+)"`)

// publish creates a story in lang with the new-story form and publishes it
// with the editor's "publish" button.
func (e *newsroomEditor) publish(t *testing.T, lang, title string) {
	t.Helper()
	body := "<p>A story to see through the edge cache.</p>"
	res := e.post(t, "/admin/stories/new", url.Values{"lang": {lang}, "title": {title}, "body": {body}})
	loc, _ := url.Parse(res.Header.Get("Location"))
	if res.StatusCode != http.StatusSeeOther || loc == nil || !strings.HasPrefix(loc.Path, "/admin/stories/") {
		t.Fatalf("new story: %s, Location %q", res.Status, res.Header.Get("Location"))
	}
	page, err := e.c.Get(e.base + loc.Path)
	if err != nil {
		t.Fatal(err)
	}
	html, _ := io.ReadAll(page.Body)
	page.Body.Close()
	m := baseRevision.FindSubmatch(html)
	if m == nil {
		t.Fatal("no base_revision in the editor")
	}
	res = e.post(t, loc.Path, url.Values{"lang": {lang}, "title": {title}, "body": {body}, "base_revision": {string(m[1])}, "do": {"publish"}})
	if res.StatusCode != http.StatusSeeOther || !strings.Contains(res.Header.Get("Location"), "story_published") {
		t.Fatalf("publishing: %s, Location %q", res.Status, res.Header.Get("Location"))
	}
}

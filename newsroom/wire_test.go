package newsroom_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/newsroom"
	"github.com/khabarnews/khabar/wire"
)

// feedServer serves the wire package's test feeds and counts the requests
// of each path.
type feedServer struct {
	*httptest.Server
	mu   sync.Mutex
	hits map[string]int
}

func newFeedServer(t *testing.T) *feedServer {
	t.Helper()
	fs := &feedServer{hits: map[string]int{}}
	fs.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fs.mu.Lock()
		fs.hits[r.URL.Path]++
		fs.mu.Unlock()
		name := strings.TrimPrefix(r.URL.Path, "/")
		if i := strings.IndexByte(name, '/'); i >= 0 {
			name = name[i+1:] // /feed3/rss-ar.xml: the same file under several addresses
		}
		body, err := os.ReadFile("../wire/testdata/" + name)
		if err != nil {
			http.NotFound(w, r)
			return
		}
		if strings.HasSuffix(name, ".html") {
			w.Header().Set("Content-Type", "text/html")
		}
		time.Sleep(20 * time.Millisecond) // long enough for racing pollers to meet
		w.Write(body)
	}))
	t.Cleanup(fs.Close)
	return fs
}

func (fs *feedServer) count(path string) int {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	return fs.hits[path]
}

func (e *env) poller(node string) *wire.Poller {
	return &wire.Poller{Queue: e.store, Fetcher: wire.NewFetcher(wire.Limits{Timeout: 5 * time.Second}, "test"), Node: node, Now: e.clock.Now,
		Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
}

// TestWireItemBecomesCreditedDraft: a feed on a local server is polled, its
// item becomes a draft that credits the agency and keeps the item's link,
// and the agency's text cannot be published until it is rewritten.
func TestWireItemBecomesCreditedDraft(t *testing.T) {
	e := newEnv(t)
	fs := newFeedServer(t)
	tass, err := e.svc.SaveSource(ctx, e.editor, 0, newsroom.SourceInput{Names: khabar.Text{"ar": "تاس", "en": "TASS"}})
	must(t, err)
	src, url, lang := tass.ID, fs.URL+"/ar/rss-ar.xml", "ar"
	_, err = e.svc.SaveWireFeed(ctx, e.author, 0, newsroom.WireFeedInput{SourceID: &src, URL: &url, Lang: &lang})
	code(t, err, khabar.EForbidden)
	feed, err := e.svc.SaveWireFeed(ctx, e.editor, 0, newsroom.WireFeedInput{SourceID: &src, URL: &url, Lang: &lang})
	must(t, err)

	polled, added, err := e.poller("node-1").PollDue(ctx)
	must(t, err)
	if polled != 1 || added != 2 {
		t.Fatalf("polled %d feeds, %d items; want 1 and 2", polled, added)
	}
	items, _, err := e.store.WireItems(ctx, khabar.WireFilter{Lang: "ar", Query: "الكرملين"})
	must(t, err)
	if len(items) != 1 {
		t.Fatalf("search الكرملين found %d items", len(items))
	}
	it := items[0]

	_, _, err = e.svc.UseWireItem(ctx, e.tran, it.ID, "x")
	code(t, err, khabar.EForbidden)
	story, v, err := e.svc.UseWireItem(ctx, e.author, it.ID, "نص الوكالة: أعد صياغته واحذف هذا الاقتباس")
	must(t, err)
	if story.SourceID != tass.ID || story.OriginalLang != "ar" || story.AuthorIDs[0] != e.author.ID {
		t.Errorf("story = %+v, want one by the author crediting TASS", story)
	}
	if v.Status != khabar.StatusDraft || v.Title != it.Title || !strings.Contains(v.Body, it.Link) ||
		!strings.Contains(v.Body, "وقال المتحدث إن 11 دولة ستشارك.") || !wire.HasAgencyText(v.Body) {
		t.Errorf("draft = %+v", v)
	}
	used, err := e.store.WireItem(ctx, it.ID)
	must(t, err)
	if used.StoryID != story.ID || used.UsedBy != e.author.ID || !used.Seen {
		t.Errorf("item after use = %+v", used)
	}
	_, _, err = e.svc.UseWireItem(ctx, e.editor, it.ID, "x")
	code(t, err, khabar.EConflict)

	// The agency's text does not reach readers as it came.
	_, err = e.svc.Transition(ctx, e.editor, story.ID, "ar", khabar.StatusPublished, time.Time{}, v.Revision)
	code(t, err, khabar.EInvalid)
	if khabar.AsError(err).Key != "err.wire.unrewritten" {
		t.Fatalf("refusal = %v", err)
	}
	rewritten, err := e.svc.SaveVersion(ctx, e.editor, story.ID, newsroom.VersionInput{Lang: "ar", Title: v.Title,
		Body: "<p>قال الكرملين إن القمة السنوية ستجمع قادة إحدى عشرة دولة.</p>", BaseRevision: v.Revision})
	must(t, err)
	_, err = e.svc.Transition(ctx, e.editor, story.ID, "ar", khabar.StatusPublished, time.Time{}, rewritten.Revision)
	must(t, err)
	art, err := e.store.Article(ctx, story.ID, "ar")
	must(t, err)
	if art.Source == nil || art.Source.Names["ar"] != "تاس" {
		t.Errorf("the article credits %+v", art.Source)
	}
	log, _, err := e.store.AuditLog(ctx, khabar.AuditFilter{Object: "story/", Limit: 20})
	must(t, err)
	if !hasAudit(log, "wire.use") {
		t.Errorf("no wire.use entry in %+v", log)
	}

	// The next poll is due after the interval and brings nothing twice.
	e.clock.now = e.clock.now.Add(khabar.DefaultWireInterval)
	polled, added, err = e.poller("node-1").PollDue(ctx)
	must(t, err)
	if polled != 1 || added != 0 {
		t.Fatalf("second poll: %d feeds, %d new items", polled, added)
	}
	f, err := e.store.WireFeed(ctx, feed.ID)
	must(t, err)
	if f.Status != khabar.WireOK || f.Items != 2 {
		t.Errorf("feed = %+v", f)
	}
}

func hasAudit(log []khabar.AuditEntry, action string) bool {
	for _, a := range log {
		if a.Action == action {
			return true
		}
	}
	return false
}

// TestWireBadFeedsBreakNothing: a feed that serves a web page, one that is
// malformed and one that is gone each leave their problem on the feed, and
// the good feed beside them is polled as usual.
func TestWireBadFeedsBreakNothing(t *testing.T) {
	e := newEnv(t)
	fs := newFeedServer(t)
	src, err := e.svc.SaveSource(ctx, e.editor, 0, newsroom.SourceInput{Names: khabar.Text{"en": "Agency"}})
	must(t, err)
	want := map[string]string{
		"/a/page.html":     khabar.WireHTML,
		"/b/malformed.xml": khabar.WireMalformed,
		"/c/gone.xml":      khabar.WireHTTP,
		"/d/feed-en.json":  khabar.WireOK,
	}
	ids := map[string]int64{}
	for path := range want {
		u, l := fs.URL+path, "en"
		f, err := e.svc.SaveWireFeed(ctx, e.editor, 0, newsroom.WireFeedInput{SourceID: &src.ID, URL: &u, Lang: &l})
		must(t, err)
		ids[path] = f.ID
	}
	_, added, err := e.poller("node-1").PollDue(ctx)
	must(t, err)
	if added != 1 {
		t.Errorf("added %d items, want the JSON feed's one", added)
	}
	for path, status := range want {
		f, err := e.store.WireFeed(ctx, ids[path])
		must(t, err)
		if f.Status != status || (status != khabar.WireOK) != (f.Failures == 1) {
			t.Errorf("%s: status %q, failures %d; want %q", path, f.Status, f.Failures, status)
		}
		if status != khabar.WireOK && !f.NextAt.After(e.clock.now) {
			t.Errorf("%s: a failed feed is due again at once", path)
		}
	}
}

// TestWirePolledOnceAcrossNodes: pollers of three nodes race over five due
// feeds; each feed is fetched once.
func TestWirePolledOnceAcrossNodes(t *testing.T) {
	e := newEnv(t)
	fs := newFeedServer(t)
	src, err := e.svc.SaveSource(ctx, e.editor, 0, newsroom.SourceInput{Names: khabar.Text{"en": "Agency"}})
	must(t, err)
	var paths []string
	for i := range 5 {
		p := "/f" + string(rune('0'+i)) + "/rss-ar.xml"
		paths = append(paths, p)
		u, l := fs.URL+p, "ar"
		_, err := e.svc.SaveWireFeed(ctx, e.editor, 0, newsroom.WireFeedInput{SourceID: &src.ID, URL: &u, Lang: &l})
		must(t, err)
	}
	var wg sync.WaitGroup
	total := make(chan int, 3)
	for _, node := range []string{"n1", "n2", "n3"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, added, err := e.poller(node).PollDue(ctx)
			if err != nil {
				t.Error(err)
			}
			total <- added
		}()
	}
	wg.Wait()
	close(total)
	sum := 0
	for n := range total {
		sum += n
	}
	for _, p := range paths {
		if n := fs.count(p); n != 1 {
			t.Errorf("%s fetched %d times", p, n)
		}
	}
	// The same items under five feeds of one source arrive once.
	if sum != 2 {
		t.Errorf("%d items added, want 2", sum)
	}
}

package wire_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/wire"
)

// agency is a local HTTP server that serves feeds as agencies do, good and
// bad.
type agency struct {
	srv   *httptest.Server
	hits  atomic.Int64
	files map[string]string // path → testdata file
}

func newAgency(t *testing.T) *agency {
	t.Helper()
	a := &agency{files: map[string]string{
		"/ar/rss.xml":         "rss-ar.xml",
		"/ru/atom.xml":        "atom-ru.xml",
		"/en/feed.json":       "feed-en.json",
		"/ru/cp1251.xml":      "rss-cp1251.xml",
		"/ru/mislabeled.xml":  "rss-mislabeled.xml",
		"/moved.xml":          "page.html",
		"/broken.xml":         "malformed.xml",
		"/etag.xml":           "rss-ar.xml",
		"/ru/header-1251.xml": "rss-cp1251.xml",
	}}
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		a.hits.Add(1)
		name, ok := a.files[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		body, err := os.ReadFile("testdata/" + name)
		if err != nil {
			t.Error(err)
			return
		}
		switch {
		case strings.HasSuffix(name, ".html"):
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
		case strings.HasSuffix(name, ".json"):
			w.Header().Set("Content-Type", "application/feed+json")
		case r.URL.Path == "/ru/header-1251.xml":
			// The declaration is gone; only the header names the code page.
			body = []byte(strings.Replace(string(body), ` encoding="windows-1251"`, "", 1))
			w.Header().Set("Content-Type", "application/rss+xml; charset=windows-1251")
		default:
			w.Header().Set("Content-Type", "application/rss+xml")
		}
		if r.URL.Path == "/etag.xml" {
			w.Header().Set("ETag", `"v7"`)
			w.Header().Set("Last-Modified", "Tue, 26 Dec 2023 07:00:00 GMT")
			if r.Header.Get("If-None-Match") == `"v7"` {
				w.WriteHeader(http.StatusNotModified)
				return
			}
		}
		w.Write(body)
	})
	mux.HandleFunc("/huge.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write([]byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>Huge</title>`))
		item := []byte(`<item><title>padding</title><description>` + strings.Repeat("x", 1000) + `</description></item>`)
		for range 200 {
			w.Write(item)
		}
		w.Write([]byte(`</channel></rss>`))
	})
	mux.HandleFunc("/slow.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write([]byte(`<?xml version="1.0"?><rss version="2.0"><channel>`))
		w.(http.Flusher).Flush()
		select { // trickles nothing more until the client gives up
		case <-r.Context().Done():
		case <-time.After(10 * time.Second):
		}
	})
	mux.HandleFunc("/loop-a", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop-b", http.StatusFound) })
	mux.HandleFunc("/loop-b", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop-a", http.StatusFound) })
	mux.HandleFunc("/hop/", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, r.URL.Path+"x", http.StatusMovedPermanently) // always one more
	})
	mux.HandleFunc("/busy.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "1800")
		http.Error(w, "busy", http.StatusServiceUnavailable)
	})
	a.srv = httptest.NewServer(mux)
	t.Cleanup(a.srv.Close)
	return a
}

func (a *agency) url(path string) string { return a.srv.URL + path }

func testFetcher() *wire.Fetcher {
	return wire.NewFetcher(wire.Limits{Timeout: time.Second, MaxBytes: 64 << 10, MaxRedirects: 5}, "Khabar-test")
}

func TestFetchGoodFeeds(t *testing.T) {
	a := newAgency(t)
	f := testFetcher()
	ctx := context.Background()

	got := f.Fetch(ctx, khabar.WireFeed{URL: a.url("/ar/rss.xml")})
	if got.Status != khabar.WireOK || len(got.Items) != 2 {
		t.Fatalf("Arabic RSS: %v, %d items", got, len(got.Items))
	}
	first := got.Items[0]
	if first.GUID != "agency-ar-1001" || first.Link != a.url("/ar/news/1001") ||
		first.Title != "الكرملِين: القمة غير الرسمية تُعقد في ٢٦ ديسمبر" ||
		!strings.Contains(first.Body, "وقال المتحدث إن 11 دولة ستشارك.") || strings.Contains(first.Summary, "<b>") ||
		first.ImageURL != "https://agency.example/img/1001.jpg" || !first.PublishedAt.Equal(time.Date(2023, 12, 26, 6, 30, 0, 0, time.UTC)) {
		t.Errorf("first Arabic item: %+v", first)
	}
	if second := got.Items[1]; second.GUID != "" || second.Link == "" || second.Summary != "ارتفعت أسعار القمح بنسبة ٣٪." {
		t.Errorf("second Arabic item: %+v", second)
	}

	got = f.Fetch(ctx, khabar.WireFeed{URL: a.url("/ru/atom.xml")})
	if got.Status != khabar.WireOK || len(got.Items) != 1 || got.Items[0].Author != "Иван Петров" ||
		!strings.Contains(got.Items[0].Body, "Ёлка") || got.Items[0].Link != "https://agency.example/ru/2001" {
		t.Errorf("Russian Atom: %v %+v", got, got.Items)
	}
	got = f.Fetch(ctx, khabar.WireFeed{URL: a.url("/en/feed.json")})
	if got.Status != khabar.WireOK || len(got.Items) != 1 || got.Items[0].GUID != "agency-en-3001" ||
		got.Items[0].ImageURL != "https://agency.example/img/3001.jpg" {
		t.Errorf("JSON Feed: %v %+v", got, got.Items)
	}
	for _, path := range []string{"/ru/cp1251.xml", "/ru/header-1251.xml"} {
		got = f.Fetch(ctx, khabar.WireFeed{URL: a.url(path)})
		if got.Status != khabar.WireOK || len(got.Items) != 1 || got.Items[0].Title != "Саммит СНГ" || got.Items[0].Summary != "Встреча лидеров" {
			t.Errorf("%s, in windows-1251: %v %+v", path, got, got.Items)
		}
	}
}

func TestFetchConditional(t *testing.T) {
	a := newAgency(t)
	f := testFetcher()
	got := f.Fetch(context.Background(), khabar.WireFeed{URL: a.url("/etag.xml")})
	if got.Status != khabar.WireOK || got.ETag != `"v7"` || got.LastMod == "" {
		t.Fatalf("first fetch: %v etag %q", got, got.ETag)
	}
	again := f.Fetch(context.Background(), khabar.WireFeed{URL: a.url("/etag.xml"), ETag: got.ETag, LastModified: got.LastMod})
	if again.Status != khabar.WireOK || !again.NotModified || len(again.Items) != 0 {
		t.Fatalf("fetch with the validators: %v, %d items", again, len(again.Items))
	}
}

// TestFetchBadFeeds: every kind of bad feed gives its own problem, quickly,
// and no items.
func TestFetchBadFeeds(t *testing.T) {
	a := newAgency(t)
	f := testFetcher()
	cases := []struct {
		path, status, detail string
	}{
		{"/moved.xml", khabar.WireHTML, "text/html"},
		{"/broken.xml", khabar.WireMalformed, ""},
		{"/ru/mislabeled.xml", khabar.WireEncoding, "not UTF-8"},
		{"/huge.xml", khabar.WireTooLarge, "65536"},
		{"/slow.xml", khabar.WireTimeout, ""},
		{"/loop-a", khabar.WireRedirects, "loop"},
		{"/hop/", khabar.WireRedirects, ""},
		{"/missing.xml", khabar.WireHTTP, "404"},
		{"/busy.xml", khabar.WireHTTP, "503"},
	}
	for _, c := range cases {
		t.Run(strings.Trim(c.path, "/"), func(t *testing.T) {
			start := time.Now()
			got := f.Fetch(context.Background(), khabar.WireFeed{URL: a.url(c.path)})
			if got.Status != c.status || (c.detail != "" && got.Detail != c.detail) || len(got.Items) != 0 {
				t.Fatalf("got %v with %d items, want %s (%s)", got, len(got.Items), c.status, c.detail)
			}
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("took %v", d)
			}
			if c.path == "/busy.xml" && got.RetryAfter != 30*time.Minute {
				t.Errorf("Retry-After read as %v", got.RetryAfter)
			}
		})
	}
	got := f.Fetch(context.Background(), khabar.WireFeed{URL: "http://127.0.0.1:1/feed.xml"})
	if got.Status != khabar.WireNetwork || got.Detail == "" {
		t.Errorf("a closed port: %v", got)
	}
	got = f.Fetch(context.Background(), khabar.WireFeed{URL: "http://169.254.169.254/latest/meta-data/"})
	if got.Status != khabar.WireUnsupported {
		t.Errorf("a link-local address: %v", got)
	}
}

func TestParseFeedLabelledHTML(t *testing.T) {
	body, err := os.ReadFile("testdata/rss-ar.xml")
	if err != nil {
		t.Fatal(err)
	}
	if got := wire.Parse(body, "text/html; charset=utf-8", nil); got.Status != khabar.WireOK || len(got.Items) != 2 {
		t.Fatalf("an RSS feed served as text/html: %v", got)
	}
	if got := wire.Parse([]byte("<p>Moved</p>"), "text/html", nil); got.Status != khabar.WireHTML {
		t.Fatalf("a fragment of a web page: %v", got)
	}
}

func TestParseMojibake(t *testing.T) {
	// UTF-8 text in a feed that says it is windows-1251.
	body := []byte(`<?xml version="1.0" encoding="windows-1251"?><rss version="2.0"><channel><item><title>Саммит</title><guid>1</guid></item></channel></rss>`)
	got := wire.Parse(body, "application/rss+xml", nil)
	if got.Status != khabar.WireEncoding || !strings.Contains(got.Detail, "UTF-8") {
		t.Fatalf("got %v", got)
	}
}

func TestNextBacksOff(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	feed := khabar.WireFeed{ID: 1, Interval: 5 * time.Minute}
	var waits []time.Duration
	for range 9 {
		p := wire.Next(feed, wire.Fetched{Status: khabar.WireNetwork}, now)
		waits = append(waits, p.NextAt.Sub(now))
		feed.Failures = p.Failures
	}
	want := []time.Duration{5, 10, 20, 40, 80, 160, 320, 360, 360}
	for i := range want {
		if waits[i] != want[i]*time.Minute {
			t.Fatalf("waits after failures = %v, want %v minutes", waits, want)
		}
	}
	ok := wire.Next(feed, wire.Fetched{Status: khabar.WireOK}, now)
	if ok.Failures != 0 || ok.NextAt != now.Add(5*time.Minute) {
		t.Errorf("after a success: %+v", ok)
	}
	busy := wire.Next(khabar.WireFeed{Interval: 5 * time.Minute}, wire.Fetched{Status: khabar.WireHTTP, RetryAfter: time.Hour}, now)
	if busy.NextAt != now.Add(time.Hour) {
		t.Errorf("Retry-After not honoured: next at %v", busy.NextAt)
	}
}

func TestDraftBody(t *testing.T) {
	it := khabar.WireItem{ID: 42, Link: "https://agency.example/ar/1?a=1&b=2", Summary: "سطر <أول>", Body: "فقرة أولى\n\nفقرة ثانية"}
	body := wire.DraftBody(it, "نص الوكالة: أعد صياغته")
	for _, want := range []string{`<blockquote cite="/admin/wire/items/42">`, "سطر &lt;أول&gt;", "<p>فقرة ثانية</p>", `href="https://agency.example/ar/1?a=1&amp;b=2"`} {
		if !strings.Contains(body, want) {
			t.Errorf("draft body lacks %q:\n%s", want, body)
		}
	}
	if !wire.HasAgencyText(body) {
		t.Error("the draft's quotation is not seen")
	}
	twice := wire.DraftBody(khabar.WireItem{ID: 1, Summary: "أعلن الكرملين.", Body: "أعلن  الكرملين.\n\nوقال المتحدث."}, "x")
	if strings.Count(twice, "أعلن") != 1 || !strings.Contains(twice, "وقال المتحدث.") {
		t.Errorf("a body that begins with the summary: %s", twice)
	}
	for _, b := range []string{"<p>مكتوب من جديد</p>", `<blockquote cite="https://tass.com/x"><p>اقتباس</p></blockquote>`, `<p>/admin/wire/items/42</p>`} {
		if wire.HasAgencyText(b) {
			t.Errorf("HasAgencyText(%q) = true", b)
		}
	}
}

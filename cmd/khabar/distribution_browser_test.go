package main

import (
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/khabarnews/khabar/internal/testnote"
)

// TestDistributionBrowser: in the Arabic newsroom, in a real headless
// Chromium, an administrator adds an agency's feed to TASS, finds its
// items in the wire inbox once the poller brought them, opens one and
// makes a draft of it, sets the Arabic Telegram channel and looks at the
// newsletter's page. Every page is right to left, no wider than the
// screen, and saved as a screenshot at phone and desktop widths.
func TestDistributionBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	exe := browserChromiumPath()
	if exe == "" {
		const msg = "chromium not found: the wire desk browser test is skipped; install Debian's chromium (apt-get install chromium)"
		if os.Getenv("CI") == "true" {
			t.Fatal(msg + " — CI=true, so this is a failure, not a skip")
		}
		testnote.Skip(t, msg)
	}
	feed, err := os.ReadFile("../../wire/testdata/rss-ar.xml")
	if err != nil {
		t.Fatal(err)
	}
	agency := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write(feed) }))
	defer agency.Close()
	t.Setenv("KHABAR_WIRE_POLL", "200ms")
	base, password := newsroomStartDemo(t)
	shots := browserScreenshotDir(t)
	browser := browserStart(t, exe)
	nt := newsroomOpenTab(t, browser, base, shots, slower*90*time.Second)
	t.Cleanup(nt.check)

	nt.do("opening the login page", chromedp.EmulateViewport(1280, 900), chromedp.Navigate(base+"/admin/login"),
		chromedp.SendKeys(chromedp.CSS(`input[name=login]`), "admin"),
		chromedp.SendKeys(chromedp.CSS(`input[name=password]`), password))
	nt.load("logging in", chromedp.Click(chromedp.CSS(`.login button[type=submit]`)))
	newsroomSetUILang(t, nt, "ar", "rtl")

	nt.load("opening the new feed form", chromedp.Navigate(base+"/admin/wire/feeds/new"))
	if got := newsroomEval[string](nt, newsroomChooseJS(`select[name=source]`, `o.textContent.trim() === "تاس"`)); got == "" {
		t.Fatal("TASS is not among the sources")
	}
	nt.do("typing the feed's address", chromedp.SendKeys(chromedp.CSS(`input[name=url]`), agency.URL+"/rss.xml"))
	nt.load("adding the feed", chromedp.Click(chromedp.CSS(`.site-form button[type=submit]`)))
	deadline := time.Now().Add(slower * 30 * time.Second)
	for {
		nt.load("opening the wire inbox", chromedp.Navigate(base+"/admin/wire?lang=ar"))
		if newsroomEval[int](nt, `document.querySelectorAll(".wire-items > li").length`) == 2 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the feed's items did not arrive in the inbox")
		}
		time.Sleep(200 * time.Millisecond)
	}
	pages := []struct{ name, path string }{
		{"inbox", "/admin/wire?lang=ar"},
		{"feeds", "/admin/wire/feeds"},
		{"newsletter", "/admin/newsletter?lang=ar"},
	}
	look := func(w browserWidth, name string) {
		t.Helper()
		got := newsroomEval[[]float64](nt, `[document.documentElement.scrollWidth, innerWidth, getComputedStyle(document.documentElement).direction === "rtl" ? 1 : 0]`)
		if got[0] > got[1]+1 {
			t.Errorf("%s at %s: the page is %.0f px wide on a %.0f px screen", name, w.name, got[0], got[1])
		}
		if got[2] != 1 {
			t.Errorf("%s at %s: not right to left", name, w.name)
		}
		newsletterShot(nt, "wire-"+name+"-ar-"+w.name+".png")
	}
	for _, w := range browserWidths {
		nt.do("resizing to "+w.name, chromedp.EmulateViewport(w.width, w.height))
		for _, p := range pages {
			nt.load("opening "+p.name, chromedp.Navigate(base+p.path))
			look(w, p.name)
		}
	}
	nt.do("back to the desktop", chromedp.EmulateViewport(1280, 900))
	nt.load("opening the inbox", chromedp.Navigate(base+"/admin/wire?lang=ar"))
	nt.load("opening an item", chromedp.Click(chromedp.CSS(`.wire-items > li:first-child .wire-title`)))
	look(browserWidths[1], "item")
	loc := nt.load("making a draft", chromedp.Click(chromedp.CSS(`form[action$="/use"] button[type=submit]`)))
	if !strings.Contains(loc, "/admin/stories/") {
		t.Fatalf("after Use the browser is at %s", browserShowURL(loc))
	}
	if got := newsroomEval[string](nt, `document.querySelector(".editor-area blockquote") ? document.querySelector(".editor-area blockquote").textContent : ""`); !strings.Contains(got, "نص الوكالة") {
		t.Errorf("the draft's editor does not show the agency's quote: %q", got)
	}
	look(browserWidths[1], "draft")

	nt.load("opening the channels", chromedp.Navigate(base+"/admin/channels?lang=ar"))
	nt.do("typing the channel", chromedp.SendKeys(chromedp.CSS(`input[name=chat_id]`), "@khabar_ar"))
	nt.load("saving the channel", chromedp.Click(chromedp.CSS(`form[action="/admin/channels/save"] button[type=submit]`)))
	look(browserWidths[1], "channels")
}

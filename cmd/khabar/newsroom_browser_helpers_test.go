package main

import (
	"context"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// newsroomPasswordRE reads the admin password that "serve --demo" prints
// once, on its first start.
var newsroomPasswordRE = regexp.MustCompile(`admin account: login "admin", password "([^"]+)"`)

// newsroomStartDemo is browserStartDemo that also returns the admin
// password printed on stdout: "khabar serve --demo" in-process on a free
// port of 127.0.0.1, stopped when the test ends.
func newsroomStartDemo(t *testing.T) (base, password string) {
	t.Helper()
	base, stdout := browserStartDemo(t)
	m := newsroomPasswordRE.FindStringSubmatch(stdout.String())
	if m == nil {
		t.Fatalf("stdout of khabar serve --demo does not show the admin password (%s):\n%s", newsroomPasswordRE, stdout.String())
	}
	return base, m[1]
}

// newsroomTab is one browser tab that records every request it makes,
// every console error and every JavaScript dialog, for the whole test.
type newsroomTab struct {
	t     *testing.T
	ctx   context.Context // the tab, with the test's deadline
	base  string
	shots string

	mu       sync.Mutex
	requests []string
	console  []string
	dialogs  []string
	expected []string // console messages a test provokes on purpose
}

// expect lets console errors that contain s pass: a refusal the test
// provokes (a save on a stale revision answers 409) is logged as one.
func (nt *newsroomTab) expect(s string) {
	nt.mu.Lock()
	defer nt.mu.Unlock()
	nt.expected = append(nt.expected, s)
}

// newsroomOpenTab opens a tab of browser; with chromedp.WithNewBrowserContext
// among opts, a tab with its own cookies, for another person.
func newsroomOpenTab(t *testing.T, browser context.Context, base, shots string, timeout time.Duration, opts ...chromedp.ContextOption) *newsroomTab {
	t.Helper()
	tab, cancel := chromedp.NewContext(browser, opts...)
	t.Cleanup(cancel)
	if err := chromedp.Do(tab); err != nil { // opens the tab
		t.Fatal(err)
	}
	ctx, cancel2 := context.WithTimeout(tab, timeout)
	t.Cleanup(cancel2)
	nt := &newsroomTab{t: t, ctx: ctx, base: base, shots: shots}

	if err := chromedp.Listen(tab, func(ev any) {
		if e, ok := ev.(*network.EventRequestWillBeSent); ok && e.Request != nil {
			nt.mu.Lock()
			nt.requests = append(nt.requests, e.Request.URL)
			nt.mu.Unlock()
		}
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		t.Fatalf("enabling the network domain: %v", err)
	}
	// No dialog is expected: not the link prompt, not "leave the page with
	// unsaved changes?". One that opens is accepted, so that the test goes
	// on, and reported.
	dialogs := chromedp.Events(ctx, page.JavascriptDialogOpening)
	go func() {
		for ev, err := range dialogs {
			if err != nil {
				return
			}
			nt.mu.Lock()
			nt.dialogs = append(nt.dialogs, string(ev.Type)+": "+ev.Message+" (on "+browserShowURL(ev.URL)+")")
			nt.mu.Unlock()
			chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: true})
		}
	}()
	messages := chromedp.Console(ctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.IsException() {
				nt.mu.Lock()
				nt.console = append(nt.console, string(m.Type)+": "+m.Text+" ("+browserShowURL(m.URL)+")")
				nt.mu.Unlock()
			}
		}
	}()
	return nt
}

// do runs actions and fails the test, saying what it was doing, on error.
func (nt *newsroomTab) do(what string, steps ...chromedp.Action[chromedp.Void]) {
	nt.t.Helper()
	if err := chromedp.Do(nt.ctx, steps...); err != nil {
		nt.t.Fatalf("%s: %v", what, err)
	}
}

// load runs actions that cause a navigation (a click on a submit button, a
// link) and waits for the new page; it fails unless the page answers 200.
func (nt *newsroomTab) load(what string, steps ...chromedp.Action[chromedp.Void]) string {
	nt.t.Helper()
	resp, err := chromedp.RunResponse(nt.ctx, steps...)
	if err != nil {
		nt.t.Fatalf("%s: %v", what, err)
	}
	if resp.Status != http.StatusOK {
		nt.t.Fatalf("%s: %s answered HTTP %d", what, browserShowURL(resp.URL), resp.Status)
	}
	nt.ready(what)
	return nt.location()
}

// ready waits until the page and its fonts have loaded.
func (nt *newsroomTab) ready(what string) {
	nt.t.Helper()
	if _, err := chromedp.Run(nt.ctx, chromedp.Evaluate[string](browserReadyJS, chromedp.EvalAwaitPromise)); err != nil {
		nt.t.Fatalf("%s: waiting for the page and its fonts: %v", what, err)
	}
}

func (nt *newsroomTab) location() string {
	nt.t.Helper()
	loc, err := chromedp.Run(nt.ctx, chromedp.Location())
	if err != nil {
		nt.t.Fatalf("reading the location: %v", err)
	}
	return loc
}

// eval evaluates js, awaiting a promise, into T.
func newsroomEval[T any](nt *newsroomTab, js string) T {
	nt.t.Helper()
	v, err := chromedp.Run(nt.ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		nt.t.Fatalf("evaluating %s: %v", js, err)
	}
	return v
}

// shot saves a full-page screenshot (PNG) after making lazy images load.
func (nt *newsroomTab) shot(name string) {
	nt.t.Helper()
	if broken := newsroomEval[[]string](nt, browserEagerJS); len(broken) > 0 {
		nt.t.Errorf("%s: images that did not load: %v", name, broken)
	}
	png, err := chromedp.Run(nt.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		nt.t.Fatalf("screenshot %s: %v", name, err)
	}
	file := filepath.Join(nt.shots, name)
	if err := os.WriteFile(file, png, 0o644); err != nil {
		nt.t.Fatal(err)
	}
	nt.t.Logf("screenshot: %s", file)
}

// check reports what the tab recorded: requests that left 127.0.0.1,
// console errors and dialogs.
func (nt *newsroomTab) check() {
	nt.t.Helper()
	nt.mu.Lock()
	defer nt.mu.Unlock()
	if len(nt.requests) == 0 {
		nt.t.Errorf("recorded no network request at all: the listener does not work")
	}
	for _, r := range nt.requests {
		if err := browserLocalURL(r); err != nil {
			nt.t.Errorf("request leaves the machine: %v", err)
		}
	}
	for _, m := range nt.console {
		if !slices.ContainsFunc(nt.expected, func(s string) bool { return strings.Contains(m, s) }) {
			nt.t.Errorf("console: %s", m)
		}
	}
	for _, d := range nt.dialogs {
		nt.t.Errorf("unexpected JavaScript dialog: %s", d)
	}
	nt.t.Logf("%d requests, all to 127.0.0.1", len(nt.requests))
}

// newsroomPath is the path of a URL with its percent-encoding undone, for
// comparing links whatever their encoding.
func newsroomPath(t *testing.T, s string) string {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatalf("parsing %q: %v", s, err)
	}
	return u.Path
}

package web_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// tab is one headless Chromium tab on a test site. It accepts and records
// every JavaScript dialog (none is expected: the newsroom asks with its own
// <dialog>s) and the console errors, and reports both when the test ends.
type tab struct {
	t   *testing.T
	s   *site
	ctx context.Context

	mu      sync.Mutex
	dialogs []string
	console []string
}

// chromium finds the browser, or skips the test loudly (fails under CI).
func chromium(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	const msg = "chromium not found: the newsroom's browser tests are skipped; install Debian's chromium"
	if os.Getenv("CI") == "true" {
		t.Fatal(msg + " — CI=true, so this is a failure, not a skip")
	}
	t.Log("\n" + strings.Repeat("!", 78) + "\n!!! " + msg + "\n" + strings.Repeat("!", 78))
	t.Skip(msg)
	return ""
}

// openTab starts a headless Chromium for the test (closed when it ends)
// and returns its first tab at 1280×900.
func (s *site) openTab(t *testing.T) *tab {
	t.Helper()
	exe := chromium(t)
	profile := t.TempDir()
	// Chromium's helpers may write into the profile for a moment after the
	// browser exits; retry so that the temporary directory can go.
	t.Cleanup(func() {
		for range 50 {
			if os.RemoveAll(profile) == nil {
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
	})
	opts := []chromedp.ExecAllocatorOption{chromedp.ExecPath(exe), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck, chromedp.UserDataDir(profile),
		chromedp.Flag("disable-dev-shm-usage", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true)}
	allocCtx, allocCancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(allocCancel)
	ctx, cancel := chromedp.NewContext(allocCtx)
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting %s: %v", exe, err)
	}
	tb := s.newTab(t, ctx)
	tb.do("setting the viewport", chromedp.EmulateViewport(1280, 900))
	return tb
}

// secondTab opens another tab of the same browser, signed in as nobody
// (a new browser context), for a second person.
func (tb *tab) secondTab() *tab {
	tb.t.Helper()
	ctx, cancel := chromedp.NewContext(tb.ctx, chromedp.WithNewBrowserContext())
	tb.t.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil {
		tb.t.Fatal(err)
	}
	nt := tb.s.newTab(tb.t, ctx)
	nt.do("setting the viewport", chromedp.EmulateViewport(1280, 900))
	return nt
}

func (s *site) newTab(t *testing.T, ctx context.Context) *tab {
	ctx, stop := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(stop)
	tb := &tab{t: t, s: s, ctx: ctx}
	dialogs := chromedp.Events(ctx, page.JavascriptDialogOpening)
	go func() {
		for ev, err := range dialogs {
			if err != nil {
				return
			}
			tb.mu.Lock()
			tb.dialogs = append(tb.dialogs, string(ev.Type)+": "+ev.Message)
			tb.mu.Unlock()
			chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: true})
		}
	}()
	messages := chromedp.Console(ctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			// A refused request (a 409, a 422) is what some tests are about;
			// the browser logs it as an error all the same.
			if strings.HasPrefix(m.Text, "Failed to load resource: the server responded with a status of 4") {
				continue
			}
			if m.Type == chromedp.ConsoleError || m.IsException() {
				tb.mu.Lock()
				tb.console = append(tb.console, m.Text)
				tb.mu.Unlock()
			}
		}
	}()
	t.Cleanup(func() {
		tb.mu.Lock()
		defer tb.mu.Unlock()
		for _, d := range tb.dialogs {
			t.Errorf("unexpected JavaScript dialog: %s", d)
		}
		for _, c := range tb.console {
			t.Errorf("console error: %s", c)
		}
	})
	return tb
}

// do runs actions and fails the test, saying what it was doing, on error.
func (tb *tab) do(what string, steps ...chromedp.Action[chromedp.Void]) {
	tb.t.Helper()
	if err := chromedp.Do(tb.ctx, steps...); err != nil {
		tb.t.Fatalf("%s: %v", what, err)
	}
}

// load runs actions that cause a navigation and waits for the new page;
// it returns the status the page answered with.
func (tb *tab) load(what string, steps ...chromedp.Action[chromedp.Void]) int64 {
	tb.t.Helper()
	resp, err := chromedp.RunResponse(tb.ctx, steps...)
	if err != nil {
		tb.t.Fatalf("%s: %v", what, err)
	}
	return resp.Status
}

// signIn logs the tab in as login (made by newsroomUser).
func (tb *tab) signIn(login string) {
	tb.t.Helper()
	tb.do("opening the login page", chromedp.Navigate(tb.s.srv.URL+"/admin/login"),
		chromedp.SendKeys(chromedp.CSS(`input[name=login]`), login),
		chromedp.SendKeys(chromedp.CSS(`input[name=password]`), "correct horse battery"))
	tb.load("logging in as "+login, chromedp.Click(chromedp.CSS(`.login button[type=submit]`)))
}

// open navigates to a newsroom path and fails unless it answers 200.
func (tb *tab) open(path string) {
	tb.t.Helper()
	if st := tb.load("opening "+path, chromedp.Navigate(tb.s.srv.URL+path)); st != 200 {
		tb.t.Fatalf("%s answered %d", path, st)
	}
}

// eval evaluates js (awaiting a promise) into T.
func eval[T any](tb *tab, js string) T {
	tb.t.Helper()
	v, err := chromedp.Run(tb.ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		tb.t.Fatalf("evaluating %s: %v", js, err)
	}
	return v
}

// autosaveNow makes editor.js save at once, as it does when the tab is
// left, and waits for the status line to say how it went.
func (tb *tab) autosaveNow() string {
	tb.t.Helper()
	return eval[string](tb, `(async () => {
		const st = document.querySelector('.autosave-status'); const before = st.textContent;
		st.textContent = '';
		Object.defineProperty(document, 'visibilityState', {value: 'hidden', configurable: true});
		document.dispatchEvent(new Event('visibilitychange'));
		Object.defineProperty(document, 'visibilityState', {value: 'visible', configurable: true});
		for (let i = 0; i < 100; i++) {
			const t = st.textContent;
			if (t && !st.dataset.busy) return (st.classList.contains('bad') ? 'bad: ' : 'ok: ') + t;
			await new Promise(r => setTimeout(r, 50));
		}
		return 'no answer (was: ' + before + ')' })()`)
}

// choose sets a select to a value as a person would, with input and change events.
func (tb *tab) choose(sel, value string) {
	tb.t.Helper()
	ok := eval[bool](tb, `(() => { const s = document.querySelector('`+sel+`'); if (!s) return false;
		s.focus(); s.value = '`+value+`'; if (s.value !== '`+value+`') return false;
		s.dispatchEvent(new Event('input', {bubbles: true})); s.dispatchEvent(new Event('change', {bubbles: true}));
		return true })()`)
	if !ok {
		tb.t.Fatalf("%s has no option %q", sel, value)
	}
}

// shot saves a full-page screenshot of the tab as name in
// $KHABAR_SCREENSHOTS, or screenshots/ at the root of the repository.
func shot(t *testing.T, tb *tab, name string) {
	t.Helper()
	dir := os.Getenv("KHABAR_SCREENSHOTS")
	if dir == "" {
		dir = filepath.Join("..", "screenshots")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	// A capture beyond the viewport of a right-to-left page that fits in
	// it comes out shifted sideways: such a page is taken as shown.
	capture := chromedp.FullScreenshot(100)
	if eval[bool](tb, `document.documentElement.scrollHeight <= window.innerHeight`) {
		capture = chromedp.CaptureScreenshot()
	}
	png, err := chromedp.Run(tb.ctx, capture)
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	file := filepath.Join(dir, name)
	if err := os.WriteFile(file, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", file)
}

// pickTag chooses a tag with the editor's type-ahead picker as a person
// does (types the start of its name, Enter) and returns its id.
func (tb *tab) pickTag(typed string) string {
	tb.t.Helper()
	tb.do("typing "+typed+" into the tag picker", chromedp.Click(chromedp.CSS(`#tag-add`)), chromedp.SendKeys(chromedp.CSS(`#tag-add`), typed),
		chromedp.WaitVisible(chromedp.CSS(`.tag-picker [role=listbox] [role=option][aria-selected=true]`)),
		chromedp.KeyEvent("\r"), chromedp.WaitVisible(chromedp.CSS(`.tag-picker .chosen li`)))
	return eval[string](tb, `[...document.querySelectorAll('.tag-picker .chosen li input[name=tags]')].pop().value`)
}

package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/khabarnews/khabar/internal/testnote"
	"github.com/khabarnews/khabar/sqlstore/sqltest"
)

// TestBrowser opens the demo site in a real headless Chromium, at phone and
// desktop width, and checks what only a browser can tell: the computed text
// direction, horizontal overflow, that the embedded web fonts loaded, that no
// request leaves the machine, and that the header mirrors in Arabic. It saves a
// full-page screenshot of every page it opens, for people to look at.
//
// It needs Debian's chromium. Without it the test skips loudly, but under
// CI=true it fails, so that CI never passes without having run it.
func TestBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	exe := browserChromiumPath()
	if exe == "" {
		const msg = "chromium not found: browser tests skipped; install Debian's chromium (apt-get install chromium)"
		if os.Getenv("CI") == "true" {
			t.Fatal(msg + " — CI=true, so this is a failure, not a skip")
		}
		t.Log("\n" + strings.Repeat("!", 78) + "\n!!! " + msg + "\n" + strings.Repeat("!", 78))
		testnote.Skip(t, msg)
	}
	start := time.Now()
	shots := browserScreenshotDir(t)
	base, _ := browserStartDemo(t)
	t.Logf("demo site up at %s after %s", base, time.Since(start).Round(time.Millisecond))
	browser := browserStart(t, exe)
	t.Logf("chromium started after %s", time.Since(start).Round(time.Millisecond))

	found := browserFindPages(t, browser, base)
	t.Logf("Arabic article: %s", browserShowURL(found.Article))
	t.Logf("its Russian translation: %s", browserShowURL(found.Russian))
	t.Logf("Arabic article with no English version: %s", browserShowURL(found.MissingEn))

	// The story with no English version, asked for in English: a 404 that
	// links the versions there are.
	missing404 := base + "/en/news/" + browserStoryID(found.MissingEn)
	pages := []browserPage{
		{name: "ar-article", url: found.Article, lang: "ar", article: true},
		{name: "ru-article", url: found.Russian, lang: "ru", article: true},
		{name: "ru-front", url: base + "/ru/", lang: "ru", front: true, noArabic: true},
		{name: "ar-front", url: base + "/ar/", lang: "ar", front: true},
		{name: "en-front", url: base + "/en/", lang: "en", front: true, noArabic: true},
		{name: "ar-missing-translation", url: found.MissingEn, lang: "ar", article: true, missingEn: true},
		{name: "ru-author", url: base + "/ru/author/salma-nouri", lang: "ru", noArabic: true},
		{name: "ar-author", url: base + "/ar/author/salma-nouri", lang: "ar"},
		{name: "en-404-missing-translation", url: missing404, lang: "en", notFound: true},
		{name: "ru-404", url: base + "/ru/no-such-page", lang: "ru", notFound: true, noArabic: true},
	}
	for _, p := range pages {
		for _, w := range browserWidths {
			t.Run(p.name+"-"+w.name, func(t *testing.T) {
				browserCheckPage(t, browser, p, w, shots)
			})
		}
	}
	t.Logf("browser test took %s", time.Since(start).Round(time.Millisecond))
}

// browserPage is one page that TestBrowser opens.
type browserPage struct {
	name, url, lang string
	article         bool // has a .story-body
	missingEn       bool // the English switcher link must be marked missing
	front           bool // a front page: its lead headline must be high on a desktop
	notFound        bool // a 404 page
	noArabic        bool // a page with no Arabic text but the switcher's
}

// browserStoryID is the story id in an article URL (…/news/17-slug).
func browserStoryID(u string) string {
	p, _ := url.Parse(u)
	ref := p.Path[strings.LastIndex(p.Path, "/")+1:]
	id, _, _ := strings.Cut(ref, "-")
	return id
}

// browserWidth is an emulated screen.
type browserWidth struct {
	name          string
	width, height int64
	phone         bool
}

var browserWidths = []browserWidth{
	{name: "phone", width: 375, height: 812, phone: true},
	{name: "desktop", width: 1280, height: 900},
}

// browserChromiumPath returns Debian's chromium, or "" when there is none.
func browserChromiumPath() string {
	if fi, err := os.Stat("/usr/bin/chromium"); err == nil && !fi.IsDir() {
		return "/usr/bin/chromium"
	}
	if p, err := exec.LookPath("chromium"); err == nil {
		return p
	}
	return ""
}

// browserScreenshotDir is $KHABAR_SCREENSHOTS, or screenshots/ at the root of
// the repository (two directories up from cmd/khabar).
func browserScreenshotDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("KHABAR_SCREENSHOTS")
	if dir == "" {
		wd, err := os.Getwd()
		if err != nil {
			t.Fatal(err)
		}
		dir = filepath.Join(wd, "..", "..", "screenshots")
	}
	dir, err := filepath.Abs(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatalf("creating the screenshot directory: %v", err)
	}
	return dir
}

// browserBuffer is a bytes.Buffer that goroutines can write to at once.
type browserBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *browserBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *browserBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// browserStartDemo runs "khabar serve --demo" in-process on a free port of
// 127.0.0.1 and returns its base URL once /healthz answers 200, and what it
// printed. The server stops, and run returns, when the test ends.
func browserStartDemo(t *testing.T) (string, *browserBuffer) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	base := "http://" + addr

	data, dsn := t.TempDir(), sqltest.DSN(t)
	ctx, cancel := context.WithCancel(context.Background())
	var stdout, stderr browserBuffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--demo", "--addr", addr, "--data", data, "--database", dsn}, strings.NewReader(""), &stdout, &stderr)
	}()
	stopped := false
	t.Cleanup(func() {
		cancel()
		if !stopped {
			select {
			case err := <-done:
				if err != nil {
					t.Errorf("khabar serve returned: %v", err)
				}
			case <-time.After(slower * 20 * time.Second):
				t.Errorf("khabar serve did not stop within %v of its context being cancelled", slower*20*time.Second)
			}
		}
		if t.Failed() {
			t.Logf("khabar serve stdout:\n%s\nkhabar serve stderr:\n%s", stdout.String(), stderr.String())
		}
	})

	client := &http.Client{Timeout: 2 * time.Second}
	// The demo draws and resizes its pictures first: on two busy cores,
	// beside the rest of the suite, that can take a minute or two.
	deadline := time.Now().Add(slower * 120 * time.Second)
	for {
		select {
		case err := <-done:
			stopped = true
			t.Fatalf("khabar serve stopped before it was ready: %v", err)
		default:
		}
		if resp, err := client.Get(base + "/healthz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				break
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s/healthz did not answer 200 within %v", base, slower*120*time.Second)
		}
		time.Sleep(100 * time.Millisecond)
	}
	if !strings.Contains(stdout.String(), "Khabar is running: open "+base+"/") {
		t.Errorf("stdout does not say %q:\n%s", "Khabar is running: open "+base+"/", stdout.String())
	}
	return base, &stdout
}

// browserStart starts headless Chromium with a fresh profile and returns a
// context whose browser lives until the test ends. Each page then gets a tab
// of its own with chromedp.NewContext.
func browserStart(t *testing.T, exe string) context.Context {
	t.Helper()
	profile := t.TempDir()
	// Runs after the browser has stopped (cleanups run last-in first-out) and
	// before t.TempDir removes the directory: a child process of Chromium can
	// write into the profile for a moment after the browser exits, which makes
	// a single RemoveAll fail with "directory not empty".
	t.Cleanup(func() {
		for range 50 {
			if os.RemoveAll(profile) == nil {
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
	})
	var output browserBuffer
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.NoSandbox, // the tests run as root in containers
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(profile),
		chromedp.Flag("disable-dev-shm-usage", true),
		// Keep Chromium from calling Google: without these it tries, and
		// fails noisily, on a machine without the Internet.
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-features", "Translate,OptimizationHints,MediaRouter"),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("disable-breakpad", true),
		chromedp.Flag("disable-client-side-phishing-detection", true),
		chromedp.Flag("metrics-recording-only", true),
		chromedp.Flag("safebrowsing-disable-auto-update", true),
		chromedp.Flag("force-color-profile", "srgb"),
		chromedp.Flag("password-store", "basic"),
		chromedp.CombinedOutput(&output),
	}
	allocCtx, allocCancel := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(allocCtx, chromedp.WithErrorf(t.Logf))
	t.Cleanup(func() {
		cancel()      // closes the browser
		allocCancel() // and waits until the process has gone
		if t.Failed() && output.String() != "" {
			t.Logf("chromium output:\n%s", output.String())
		}
	})
	// The first Do starts the browser and binds its life to ctx, so it must
	// have no timeout of its own.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting %s: %v", exe, err)
	}
	return ctx
}

// browserFound is what browserFindPages picks from the demo site.
type browserFound struct {
	Article   string `json:"article"`   // Arabic article with a Russian translation
	Russian   string `json:"russian"`   // that translation
	MissingEn string `json:"missingEn"` // Arabic article with no English version
	Tried     int    `json:"tried"`
}

// browserFindJS fetches the Arabic front page's lead story, then its cards,
// then (for an article with no English version) the rest of the front page
// and the archive, and reads each article's language switcher.
const browserFindJS = `(async () => {
  const abs = h => new URL(h, location.href).href;
  const get = async u => {
    const r = await fetch(u);
    if (!r.ok) throw new Error(u + ": HTTP " + r.status);
    return new DOMParser().parseFromString(await r.text(), "text/html");
  };
  const isArticle = u => new URL(u).pathname.startsWith("/ar/news/");
  const cands = [];
  const add = u => { u = abs(u); if (isArticle(u) && !cands.includes(u)) cands.push(u); };
  const lead = document.querySelector("article.lead h2 a");
  if (lead) add(lead.getAttribute("href"));
  document.querySelectorAll(".cards a").forEach(a => add(a.getAttribute("href")));
  document.querySelectorAll("a[href]").forEach(a => add(a.getAttribute("href")));
  const res = {article: "", russian: "", missingEn: "", tried: 0};
  const look = async list => {
    for (const u of list) {
      if (res.article && res.missingEn) return;
      const doc = await get(u);
      res.tried++;
      const ru = doc.querySelector("nav.langs a[hreflang=ru]");
      if (!res.article && ru && !ru.classList.contains("missing")) {
        res.article = u;
        res.russian = abs(ru.getAttribute("href"));
      }
      const en = doc.querySelector("nav.langs a[hreflang=en]");
      if (!res.missingEn && en && en.classList.contains("missing")) res.missingEn = u;
    }
  };
  await look(cands);
  if (!res.missingEn) {
    // Walk the archive: index, then its pages, collecting more articles.
    const seen = new Set(cands);
    const pages = [abs("/ar/archive/")];
    for (let i = 0; i < pages.length && i < 40 && !res.missingEn; i++) {
      const doc = await get(pages[i]);
      const more = [];
      doc.querySelectorAll("a[href]").forEach(a => {
        const u = new URL(a.getAttribute("href"), pages[i]).href;
        const p = new URL(u).pathname;
        if (p.startsWith("/ar/news/") && !seen.has(u)) { seen.add(u); more.push(u); }
        else if (p.startsWith("/ar/archive/") && !pages.includes(u)) pages.push(u);
      });
      await look(more);
    }
  }
  return res;
})()`

func browserFindPages(t *testing.T, browser context.Context, base string) browserFound {
	t.Helper()
	tab, cancel := chromedp.NewContext(browser)
	defer cancel()
	if err := chromedp.Do(tab); err != nil {
		t.Fatal(err)
	}
	ctx, cancel2 := context.WithTimeout(tab, slower*30*time.Second)
	defer cancel2()
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/ar/")); err != nil {
		t.Fatalf("opening %s/ar/: %v", base, err)
	}
	found, err := chromedp.Run(ctx, chromedp.Evaluate[browserFound](browserFindJS, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("looking for articles on %s/ar/: %v", base, err)
	}
	if found.Article == "" {
		t.Fatalf("none of the %d Arabic articles reachable from %s/ar/ has a Russian translation", found.Tried, base)
	}
	if found.MissingEn == "" {
		t.Fatalf("every one of the %d Arabic articles reachable from %s/ar/ and the archive has an English version; the demo needs one without", found.Tried, base)
	}
	return found
}

// browserReadyJS waits until the document and its fonts have loaded.
const browserReadyJS = `(async () => {
  if (document.readyState !== "complete") await new Promise(r => addEventListener("load", r, {once: true}));
  await document.fonts.ready;
  return document.readyState;
})()`

// browserFacts is what browserFactsJS reads from a page.
type browserFacts struct {
	Lang, HTMLDir, H1Dir, BodyDir string
	HasH1, HasBody                bool
	ScrollWidth, InnerWidth       float64
	Overflowing                   []string
	CheckNaskh, CheckSerif        bool
	Faces                         []struct{ Family, Weight, Status string }
	Langs, Today                  *struct{ Left, Right, Top, Bottom float64 }
	Missing                       *struct {
		Href, Text, Mark, After string
		MarkVisible             bool
	}
	Masthead, LeadTitle, Switcher *struct{ Left, Right, Top, Bottom float64 }
	SearchVisible                 bool
	Current                       []string
}

const browserFactsJS = `(() => {
  const dir = el => el ? getComputedStyle(el).direction : "";
  const box = el => { if (!el) return null; const r = el.getBoundingClientRect(); return {Left: r.left, Right: r.right, Top: r.top, Bottom: r.bottom}; };
  const h1 = document.querySelector("h1");
  const body = document.querySelector(".story-body");
  const vw = window.innerWidth;
  const overflowing = [];
  for (const el of document.body.querySelectorAll("*")) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    if (r.right > vw + 1 || r.left < -1) {
      let name = el.tagName.toLowerCase();
      if (el.id) name += "#" + el.id;
      if (el.classList.length) name += "." + [...el.classList].join(".");
      overflowing.push(name + " [" + Math.round(r.left) + "," + Math.round(r.right) + "]");
      if (overflowing.length >= 8) break;
    }
  }
  const faces = [];
  document.fonts.forEach(f => faces.push({Family: f.family.replace(/^["']|["']$/g, ""), Weight: String(f.weight), Status: f.status}));
  const en = document.querySelector("nav.langs a[hreflang=en]");
  let missing = null;
  if (en && en.classList.contains("missing")) {
    const mark = en.querySelector(".missing-mark");
    const mr = mark ? mark.getBoundingClientRect() : null;
    const ms = mark ? getComputedStyle(mark) : null;
    missing = {
      Href: en.href, Text: en.innerText, Mark: mark ? mark.textContent : "", After: getComputedStyle(en, "::after").content,
      MarkVisible: !!(mr && mr.width > 0 && mr.height > 0 && ms.visibility === "visible" && ms.display !== "none" && Number(ms.opacity) > 0),
    };
  }
  return {
    Lang: document.documentElement.lang,
    HTMLDir: dir(document.documentElement), H1Dir: dir(h1), BodyDir: dir(body),
    HasH1: !!h1, HasBody: !!body,
    ScrollWidth: document.documentElement.scrollWidth, InnerWidth: vw,
    Overflowing: overflowing,
    CheckNaskh: document.fonts.check('16px "Khabar Naskh"'),
    CheckSerif: document.fonts.check('16px "Khabar Serif"'),
    Faces: faces,
    Langs: box(document.querySelector("nav.langs")),
    Today: box(document.querySelector(".topbar .today")),
    Missing: missing,
    Masthead: box(document.querySelector("header.masthead")),
    LeadTitle: box(document.querySelector(".lead-title")),
    Switcher: box(document.querySelector("nav.langs ul")),
    SearchVisible: (() => { const i = document.querySelector("#site-search-q"); return !!i && i.checkVisibility(); })(),
    Current: [...document.querySelectorAll('[aria-current="page"]')].map(a => a.getAttribute("href")),
  };
})()`

// browserEagerJS makes lazy images load and waits for every image, so that
// a full-page screenshot shows them (lazy images below the viewport
// otherwise stay blank in a screenshot beyond the viewport).
const browserEagerJS = `(async () => {
  const imgs = [...document.images];
  imgs.forEach(img => { img.loading = "eager"; });
  await Promise.all(imgs.map(img => img.decode().catch(() => {})));
  return imgs.filter(img => !img.complete || img.naturalWidth === 0).map(img => img.currentSrc || img.src);
})()`

func browserCheckPage(t *testing.T, browser context.Context, p browserPage, w browserWidth, shotDir string) {
	start := time.Now()
	tab, cancel := chromedp.NewContext(browser)
	defer cancel()
	if err := chromedp.Do(tab); err != nil { // opens the tab
		t.Fatal(err)
	}
	ctx, cancel2 := context.WithTimeout(tab, slower*30*time.Second)
	defer cancel2()

	// Record every request of the tab, from before the navigation on.
	var mu sync.Mutex
	var requests []string
	if err := chromedp.Listen(tab, func(ev any) {
		if e, ok := ev.(*network.EventRequestWillBeSent); ok && e.Request != nil {
			mu.Lock()
			requests = append(requests, e.Request.URL)
			mu.Unlock()
		}
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		t.Fatalf("enabling the network domain: %v", err)
	}

	viewport := chromedp.EmulateViewport(w.width, w.height)
	if w.phone {
		viewport = chromedp.EmulateViewport(w.width, w.height,
			chromedp.EmulateScale(2), chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulatePortrait)
	}
	if err := chromedp.Do(ctx, viewport, chromedp.Navigate(p.url)); err != nil {
		t.Fatalf("opening %s: %v", p.url, err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[string](browserReadyJS, chromedp.EvalAwaitPromise)); err != nil {
		t.Fatalf("waiting for %s and its fonts: %v", p.url, err)
	}
	f, err := chromedp.Run(ctx, chromedp.Evaluate[browserFacts](browserFactsJS))
	if err != nil {
		t.Fatalf("reading %s: %v", p.url, err)
	}

	wantDir, family, check := "ltr", "Khabar Serif", f.CheckSerif
	if p.lang == "ar" {
		wantDir, family, check = "rtl", "Khabar Naskh", f.CheckNaskh
	}
	if f.Lang != p.lang {
		t.Errorf("document.documentElement.lang = %q, want %q", f.Lang, p.lang)
	}
	if f.HTMLDir != wantDir {
		t.Errorf("direction of <html> = %q, want %q", f.HTMLDir, wantDir)
	}
	if !f.HasH1 {
		t.Errorf("the page has no h1")
	} else if f.H1Dir != wantDir {
		t.Errorf("direction of h1 = %q, want %q", f.H1Dir, wantDir)
	}
	if p.article {
		if !f.HasBody {
			t.Errorf("the article has no .story-body")
		} else if f.BodyDir != wantDir {
			t.Errorf("direction of .story-body = %q, want %q", f.BodyDir, wantDir)
		}
	}
	if f.ScrollWidth > f.InnerWidth+1 {
		t.Errorf("the page scrolls sideways: scrollWidth %v > innerWidth %v; elements past the edge: %v", f.ScrollWidth, f.InnerWidth, f.Overflowing)
	}
	if !check {
		t.Errorf(`document.fonts.check('16px "%s"') = false: the web font is not ready`, family)
	}
	loaded := false
	var faces []string
	for _, fc := range f.Faces {
		faces = append(faces, fmt.Sprintf("%s %s %s", fc.Family, fc.Weight, fc.Status))
		if fc.Family == family && fc.Status == "loaded" {
			loaded = true
		}
	}
	if !loaded {
		t.Errorf("no FontFace of family %q has status \"loaded\"; faces: %v", family, faces)
	}

	if p.lang == "ar" && !w.phone && p.article {
		// The header mirrors: the switcher sits at the inline end of the
		// top bar, which in RTL is the left; the date at the right.
		switch {
		case f.Langs == nil:
			t.Errorf("no nav.langs on the page")
		case f.Langs.Right >= f.InnerWidth/2:
			t.Errorf("RTL header does not mirror: nav.langs spans x %v–%v, want it on the left half (right edge < %v)", f.Langs.Left, f.Langs.Right, f.InnerWidth/2)
		case f.Today != nil && f.Today.Left <= f.Langs.Right:
			t.Errorf("RTL header does not mirror: the date (x %v–%v) is not to the right of the switcher (x %v–%v)", f.Today.Left, f.Today.Right, f.Langs.Left, f.Langs.Right)
		}
	}

	if p.missingEn {
		switch m := f.Missing; {
		case m == nil:
			t.Errorf(`nav.langs a[hreflang=en] is missing or not marked class="missing"`)
		case w.phone:
			// On a phone the words go to screen readers and the title; the
			// link shows its arrow, so that the switcher fits one line.
			if !strings.HasSuffix(m.Href, "/en/") || strings.TrimSpace(m.Mark) == "" || !strings.Contains(m.After, "↩") {
				t.Errorf("the missing English link on a phone: href %q, mark %q, arrow %q", m.Href, m.Mark, m.After)
			}
		default:
			if !strings.HasSuffix(m.Href, "/en/") {
				t.Errorf("the missing English link goes to %q, want the English front page (…/en/)", m.Href)
			}
			if strings.TrimSpace(m.Mark) == "" {
				t.Errorf("the missing English link has no .missing-mark text; its text is %q", m.Text)
			} else if !strings.Contains(m.Text, strings.TrimSpace(m.Mark)) {
				t.Errorf("the visible text of the missing English link %q does not include its mark %q", m.Text, m.Mark)
			}
			if !m.MarkVisible {
				t.Errorf("the .missing-mark of the English link is not visible")
			}
			t.Logf("missing English link: href %s, text %q", m.Href, m.Text)
		}
	}

	browserCheckLayout(t, p, w, f)
	if w.phone && !p.notFound {
		browserCheckSearchToggle(ctx, t)
	}

	broken, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](browserEagerJS, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("loading the images of %s: %v", p.url, err)
	}
	if len(broken) > 0 {
		t.Errorf("images that did not load: %v", broken)
	}
	// Quality 100 makes chromedp ask for PNG; any other quality gives JPEG.
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot of %s: %v", p.url, err)
	}
	shot := filepath.Join(shotDir, p.name+"-"+w.name+".png")
	if err := os.WriteFile(shot, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", shot)

	// Every request, the images loaded for the screenshot included, must
	// stay on this machine.
	mu.Lock()
	reqs := append([]string(nil), requests...)
	mu.Unlock()
	if len(reqs) == 0 {
		t.Errorf("recorded no network request at all: the listener does not work")
	}
	for _, r := range reqs {
		if err := browserLocalURL(r); err != nil {
			t.Errorf("request leaves the machine: %v", err)
		}
		// The switcher's «عربي» is no reason to download an Arabic font:
		// pages with no Arabic text but that download none. (An article
		// names its Arabic version in Arabic, which needs the font.)
		if p.noArabic && (strings.Contains(r, "/fonts/naskh") || strings.Contains(r, "/fonts/arabic-sans")) {
			t.Errorf("a %s page downloads an Arabic font: %s", p.lang, r)
		}
	}
	t.Logf("%s at %dx%d: %d requests, all to 127.0.0.1; took %s", browserShowURL(p.url), w.width, w.height, len(reqs), time.Since(start).Round(time.Millisecond))
}

// browserShowURL undoes the percent-encoding of a URL's path, so that logs
// show Arabic and Russian slugs readably.
func browserShowURL(s string) string {
	if u, err := url.Parse(s); err == nil {
		return u.Scheme + "://" + u.Host + u.Path
	}
	return s
}

// browserLocalURL says whether a request URL stays on this machine: data:
// URLs, and http URLs to 127.0.0.1.
func browserLocalURL(s string) error {
	u, err := url.Parse(s)
	if err != nil {
		return fmt.Errorf("%q: %w", s, err)
	}
	switch {
	case u.Scheme == "data" || u.Scheme == "blob":
		return nil
	case u.Hostname() == "127.0.0.1":
		return nil
	}
	return errors.New(s)
}

// browserCheckLayout checks what readers saw go wrong: a phone masthead
// that filled a quarter of the screen, a switcher wrapping onto two lines,
// a desktop front page whose lead headline began near the fold, a 404 that
// marked "Home" as the page the reader is on.
func browserCheckLayout(t *testing.T, p browserPage, w browserWidth, f browserFacts) {
	t.Helper()
	if f.Masthead != nil && w.phone && f.Masthead.Bottom > 160 {
		t.Errorf("the phone masthead takes %.0f px of %d", f.Masthead.Bottom, w.height)
	}
	if s := f.Switcher; s != nil && s.Bottom-s.Top > 40 {
		t.Errorf("the language switcher wraps: %.0f px high", s.Bottom-s.Top)
	}
	if f.Today != nil && f.Today.Bottom-f.Today.Top > 30 {
		t.Errorf("the date in the top bar wraps: %.0f px high", f.Today.Bottom-f.Today.Top)
	}
	if p.front && !w.phone {
		if f.LeadTitle == nil || f.LeadTitle.Top > 400 {
			t.Errorf("the lead headline starts at %v px of %d", f.LeadTitle, w.height)
		}
	}
	if p.notFound && len(f.Current) > 0 {
		t.Errorf("the 404 page marks %v as the current page", f.Current)
	}
	if w.phone && !p.notFound && f.SearchVisible {
		t.Errorf("the search field is open on a phone before anyone asked for it")
	}
}

// browserCheckSearchToggle opens the masthead's search on a phone, as a
// reader does (a details element: no script needed), and checks the field
// appears.
func browserCheckSearchToggle(ctx context.Context, t *testing.T) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`.search-toggle summary`))); err != nil {
		t.Errorf("clicking the search button: %v", err)
		return
	}
	visible, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => { const i = document.querySelector("#site-search-q"); const r = i.getBoundingClientRect(); return i.checkVisibility() && r.width > 100 && r.height > 20 && r.right <= innerWidth + 1; })()`))
	if err != nil || !visible {
		t.Errorf("after a click on the search button the search field is not shown (%v)", err)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`.search-toggle summary`))); err != nil {
		t.Errorf("closing the search: %v", err)
	}
}

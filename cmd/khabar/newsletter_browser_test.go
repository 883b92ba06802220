package main

import (
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/khabarnews/khabar/internal/testnote"
	"github.com/khabarnews/khabar/newsletter/mailpittest"
)

// newsletterFacts is what the checks read from a newsletter page.
type newsletterFacts struct {
	Dir         string  `json:"dir"`
	Lang        string  `json:"lang"`
	H1          string  `json:"h1"`
	ScrollWidth float64 `json:"scrollWidth"`
	InnerWidth  float64 `json:"innerWidth"`
	// BoxLeft and LabelLeft are the consent checkbox's and its label's
	// left edges: right to left, the box is on the label's right.
	BoxLeft   float64 `json:"boxLeft"`
	LabelLeft float64 `json:"labelLeft"`
	HasBox    bool    `json:"hasBox"`
}

const newsletterFactsJS = `(() => {
  const box = document.querySelector("#newsletter-agree"), label = document.querySelector('label[for="newsletter-agree"]');
  const h1 = document.querySelector("main h1");
  return {
    dir: document.documentElement.dir, lang: document.documentElement.lang, h1: h1 ? h1.textContent : "",
    scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth,
    hasBox: !!box, boxLeft: box ? box.getBoundingClientRect().left : 0, labelLeft: label ? label.getBoundingClientRect().left : 0,
  };
})()`

var confirmLinkRE = regexp.MustCompile(`https?://\S+/newsletter/confirm\?t=[A-Za-z0-9_-]+`)

// TestNewsletterBrowser: a reader subscribes on the Arabic site in a real
// headless Chromium at phone and desktop widths, confirms from the link
// Mailpit received, opens the unsubscribe page and unsubscribes; the pages
// are right to left with the consent box on the right of its words and
// nothing wider than the screen; the Russian form is left to right.
// Screenshots of every step are saved.
func TestNewsletterBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	exe := browserChromiumPath()
	if exe == "" {
		const msg = "chromium not found: the newsletter browser test is skipped; install Debian's chromium (apt-get install chromium)"
		if os.Getenv("CI") == "true" {
			t.Fatal(msg + " — CI=true, so this is a failure, not a skip")
		}
		testnote.Skip(t, msg)
	}
	mp := mailpittest.Start(t)
	t.Setenv("KHABAR_SMTP_ADDR", mp.SMTP)
	t.Setenv("KHABAR_SMTP_SECURITY", "none")
	t.Setenv("KHABAR_MAIL_FROM", "news@khabar.test")
	base, _ := browserStartDemo(t)
	shots := browserScreenshotDir(t)
	browser := browserStart(t, exe)

	for _, w := range browserWidths {
		t.Run(w.name, func(t *testing.T) {
			nt := newsroomOpenTab(t, browser, base, shots, slower*90*time.Second)
			viewport := chromedp.EmulateViewport(w.width, w.height)
			if w.phone {
				viewport = chromedp.EmulateViewport(w.width, w.height, chromedp.EmulateScale(2), chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulatePortrait)
			}
			facts := func(what, dir string) newsletterFacts {
				t.Helper()
				f := newsroomEval[newsletterFacts](nt, newsletterFactsJS)
				if f.Dir != dir {
					t.Errorf("%s: dir=%q, want %s", what, f.Dir, dir)
				}
				if f.ScrollWidth > f.InnerWidth+1 {
					t.Errorf("%s: the page is %.0f px wide on a %.0f px screen", what, f.ScrollWidth, f.InnerWidth)
				}
				if f.HasBox && (dir == "rtl") != (f.BoxLeft > f.LabelLeft) {
					t.Errorf("%s: the consent box is at %.0f, its words at %.0f (dir %s)", what, f.BoxLeft, f.LabelLeft, dir)
				}
				return f
			}
			email := "reader-" + w.name + "@example.org"
			nt.do("opening the Arabic form", viewport, chromedp.Navigate(base+"/ar/newsletter"))
			nt.ready("the Arabic form")
			if f := facts("the Arabic form", "rtl"); !f.HasBox || f.H1 != "النشرة البريدية" {
				t.Errorf("the Arabic form: %+v", f)
			}
			newsletterShot(nt, "newsletter-ar-form-"+w.name+".png")
			nt.do("filling the form", chromedp.SendKeys(chromedp.CSS("#newsletter-email"), email), chromedp.Click(chromedp.CSS("#newsletter-agree")))
			nt.load("subscribing", chromedp.Click(chromedp.CSS(".newsletter-form button[type=submit]")))
			if f := facts("the page after subscribing", "rtl"); f.H1 != "تحقّق من بريدك" {
				t.Errorf("after subscribing: %+v", f)
			}
			newsletterShot(nt, "newsletter-ar-check-"+w.name+".png")

			msgs := mp.Wait(email, 1, slower*30*time.Second)
			link := confirmLinkRE.FindString(mp.Message(msgs[0].ID).Text)
			if link == "" {
				t.Fatalf("no confirmation link in the message")
			}
			nt.load("opening the confirmation link", chromedp.Navigate(link))
			facts("the confirmation page", "rtl")
			newsletterShot(nt, "newsletter-ar-confirm-"+w.name+".png")
			nt.load("confirming", chromedp.Click(chromedp.CSS(".newsletter button[type=submit]")))
			if f := facts("the confirmed page", "rtl"); f.H1 != "تم الاشتراك" {
				t.Errorf("after confirming: %+v", f)
			}
			newsletterShot(nt, "newsletter-ar-confirmed-"+w.name+".png")

			u, _ := url.Parse(link)
			unsub := base + "/ar/newsletter/unsubscribe?t=" + url.QueryEscape(u.Query().Get("t"))
			nt.load("opening the unsubscribe link", chromedp.Navigate(unsub))
			facts("the unsubscribe page", "rtl")
			newsletterShot(nt, "newsletter-ar-unsubscribe-"+w.name+".png")
			nt.load("unsubscribing", chromedp.Click(chromedp.CSS(`.newsletter form:not(:has(input[name=forget])) button[type=submit]`)))
			if f := facts("the unsubscribed page", "rtl"); f.H1 != "أُلغي اشتراكك" {
				t.Errorf("after unsubscribing: %+v", f)
			}
			newsletterShot(nt, "newsletter-ar-unsubscribed-"+w.name+".png")

			nt.load("opening the Russian form", chromedp.Navigate(base+"/ru/newsletter"))
			if f := facts("the Russian form", "ltr"); !strings.Contains(f.H1, "Рассылка") {
				t.Errorf("the Russian form: %+v", f)
			}
			newsletterShot(nt, "newsletter-ru-form-"+w.name+".png")
			nt.check()
		})
	}
}

// newsletterShot saves a screenshot of the page: the whole page, or the
// screen when the page is shorter than it (a full-page capture of a short
// right-to-left page comes out shifted sideways).
func newsletterShot(nt *newsroomTab, name string) {
	nt.t.Helper()
	if newsroomEval[bool](nt, "document.documentElement.scrollHeight > innerHeight") {
		nt.shot(name)
		return
	}
	png, err := chromedp.Run(nt.ctx, chromedp.CaptureScreenshot())
	if err != nil {
		nt.t.Fatalf("screenshot %s: %v", name, err)
	}
	file := filepath.Join(nt.shots, name)
	if err := os.WriteFile(file, png, 0o644); err != nil {
		nt.t.Fatal(err)
	}
	nt.t.Logf("screenshot: %s", file)
}

package main

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

func TestZZDebug(t *testing.T) {
	exe := browserChromiumPath()
	shots := browserScreenshotDir(t)
	base, password := newsroomStartDemo(t)
	browser := browserStart(t, exe)
	nt := newsroomOpenTab(t, browser, base, shots, 120*time.Second)
	nt.do("login", chromedp.EmulateViewport(1280, 900), chromedp.Navigate(base+"/admin/login"),
		chromedp.SendKeys(chromedp.CSS(`input[name=login]`), "admin"), chromedp.SendKeys(chromedp.CSS(`input[name=password]`), password))
	nt.load("logging in", chromedp.Click(chromedp.CSS(`.login button[type=submit]`)))
	nt.load("new", chromedp.Navigate(base+"/admin/stories/new?lang=ru"))
	newsroomEval[bool](nt, `(() => { window.__keys = []; document.querySelector('#title').addEventListener('keydown', e => window.__keys.push(e.key + ":" + e.defaultPrevented)); return true })()`)
	nt.do("t", chromedp.Click(chromedp.CSS(`#title`)), chromedp.SendKeys(chromedp.CSS(`#title`), "Абв"), chromedp.KeyEvent("\r"), chromedp.SendKeys(chromedp.CSS(`#title`), "где"))
	t.Log(newsroomEval[[]string](nt, `window.__keys`), newsroomEval[string](nt, `JSON.stringify(document.querySelector('#title').value)`))
	nt.do("body", chromedp.Click(chromedp.CSS(`.editor-area`)), chromedp.KeyEvent("Президент Путин обсудил в Казани транспорт."))
	time.Sleep(3 * time.Second)
	t.Log(newsroomEval[string](nt, `(() => { try { const form = document.getElementById("story-form"); const data = new FormData();
		["title", "summary", "body"].forEach(function (n) { var el = form.elements[n]; data.append(n, el ? el.value : ""); });
		return new URLSearchParams(data).toString() } catch (e) { return "ERR " + e } })()`))
	t.Log(newsroomEval[string](nt, `(() => { window.addEventListener('error', e => { window.__err = String(e.message) }); return "" })()`))
	nt.do("more", chromedp.Click(chromedp.CSS(`.editor-area`)), chromedp.KeyEvent(" Ещё."))
	time.Sleep(2 * time.Second)
	t.Log(newsroomEval[string](nt, `String(window.__err)`))
	t.Log(newsroomEval[string](nt, `(async () => { window.__f = []; const of = window.fetch; window.fetch = function(u, o) { window.__f.push(String(u)); return of.apply(this, arguments) };
		document.querySelector('#story-form').dispatchEvent(new Event('input', {bubbles: true}));
		document.querySelector('.editor-area').dispatchEvent(new Event('input', {bubbles: true}));
		await new Promise(r => setTimeout(r, 1500)); return JSON.stringify(window.__f) })()`))
	t.Log(newsroomEval[string](nt, `document.querySelector('#tag-add').outerHTML + " " + document.querySelector('.tag-picker').dataset.suggest`))
	t.Log(newsroomEval[string](nt, `document.querySelector('.suggested-tags').outerHTML`))
	t.Log(newsroomEval[string](nt, `document.querySelector('#body').value`))
	nt.mu.Lock()
	t.Log(strings.Join(nt.requests, "\n"), nt.console)
	nt.mu.Unlock()
}

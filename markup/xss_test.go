package markup

import (
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// xssPayloads are known injection vectors: classic XSS cheat-sheet entries,
// parser-confusion (mXSS) tricks, and URL scheme obfuscations.
var xssPayloads = []string{
	`<script>alert(1)</script>`,
	`<SCRIPT SRC=http://xss.example/xss.js></SCRIPT>`,
	`<ScRiPt>alert(1)</sCrIpT>`,
	`<script>alert(1)`,
	`<img src=x onerror=alert(1)>`,
	`<IMG SRC="javascript:alert('XSS');">`,
	`<IMG SRC=JaVaScRiPt:alert('XSS')>`,
	`<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;>`,
	"<img src=`javascript:alert(1)`>",
	`<img src="http://example.com/a.png" onerror="alert(1)" style="x:expression(alert(1))">`,
	`<a href="javascript:alert(1)">x</a>`,
	`<a href="JAVASCRIPT:alert(1)">x</a>`,
	`<a href="jav&#x09;ascript:alert(1)">x</a>`,
	`<a href="jav&#x0A;ascript:alert(1)">x</a>`,
	`<a href="jav&#x0D;ascript:alert(1)">x</a>`,
	`<a href="jav	ascript:alert(1)">x</a>`,
	`<a href=" &#14;  javascript:alert(1)">x</a>`,
	`<a href="&#x20;javascript:alert(1)">x</a>`,
	"<a href=\"\x01javascript:alert(1)\">x</a>",
	"<a href=\"java\x00script:alert(1)\">x</a>",
	`<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>`,
	`<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)">x</a>`,
	`<a href="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058alert(1)">x</a>`,
	`<a href="javascript&colon;alert(1)">x</a>`,
	`<a href="vbscript:msgbox(1)">x</a>`,
	`<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>`,
	`<a href="data:text/html,<script>alert(1)</script>">x</a>`,
	`<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">`,
	`<a href="/\evil.example">x</a>`,
	`<a href="x" onclick="alert(1)">x</a>`,
	`<a href='javascript:alert(1)'>unclosed`,
	`<p onmouseover="alert(1)">x</p>`,
	`<span lang="en" onclick="alert(1)" dir="ltr">x</span>`,
	`<svg onload=alert(1)>`,
	`<svg><script>alert(1)</script></svg>`,
	`<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">x</text></a></svg>`,
	`<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>`,
	`<math href="javascript:alert(1)">x</math>`,
	`<iframe src="javascript:alert(1)"></iframe>`,
	`<iframe srcdoc="<script>alert(1)</script>"></iframe>`,
	`<object data="javascript:alert(1)"></object>`,
	`<embed src="javascript:alert(1)">`,
	`<base href="javascript:alert(1)//">`,
	`<meta http-equiv="refresh" content="0;url=javascript:alert(1)">`,
	`<link rel="stylesheet" href="javascript:alert(1)">`,
	`<style>@import 'http://evil.example/x.css';</style>`,
	`<div style="background:url(javascript:alert(1))">x</div>`,
	`<p style="width:expression(alert(1))">x</p>`,
	`<body onload=alert(1)>`,
	`<form action="javascript:alert(1)"><input type=submit></form>`,
	`<button formaction="javascript:alert(1)">x</button>`,
	`<input onfocus=alert(1) autofocus>`,
	`<details open ontoggle=alert(1)>`,
	`<video><source onerror=alert(1)></video>`,
	`<isindex action=javascript:alert(1) type=image>`,
	`<table background="javascript:alert(1)"><tr><td>x</td></tr></table>`,
	`<scr<script>ipt>alert(1)</scr</script>ipt>`,
	`<<script>script>alert(1)//<</script>/script>`,
	`<img """><script>alert(1)</script>">`,
	`<img src=x onerror="alert(1)"//`,
	`<!--<img src="--><img src=x onerror=alert(1)//">`,
	`<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>`,
	`<textarea><script>alert(1)</script></textarea>`,
	`<title><img src=x onerror=alert(1)></title>`,
	`<xmp><img src=x onerror=alert(1)></xmp>`,
	`<plaintext><script>alert(1)</script>`,
	`<![CDATA[<script>alert(1)</script>]]>`,
	`<q cite="javascript:alert(1)">x</q><blockquote cite="vbscript:x">y</blockquote>`,
	`<a href="https://example.com/" target="_blank" rel="opener" id="x" class="y">ok</a>`,
	`<div id="x" class="y" data-x="z" tabindex="1" contenteditable>x</div>`,
	`<p>"><script>alert(1)</script><p title="&quot;><script>alert(1)</script>">x</p>`,
	`<a href="http://example.com/" title='x" onmouseover="alert(1)'>x</a>`,
	`<template><script>alert(1)</script></template>`,
	`<frameset onload=alert(1)>`,
	`<marquee onstart=alert(1)>x</marquee>`,
}

// allowedOut is the stored form's complete vocabulary: elements and, per
// element, attributes.
var allowedOut = map[string]map[string]bool{
	"p": {"dir": true, "lang": true}, "h2": {"dir": true, "lang": true},
	"h3": {"dir": true, "lang": true}, "h4": {"dir": true, "lang": true},
	"blockquote": {"cite": true, "dir": true, "lang": true},
	"ul":         {"dir": true, "lang": true}, "ol": {"dir": true, "lang": true},
	"li": {"dir": true, "lang": true}, "figure": {"dir": true, "lang": true},
	"figcaption": {"dir": true, "lang": true},
	"a":          {"href": true, "title": true},
	"img":        {"src": true, "alt": true, "width": true, "height": true, "loading": true},
	"strong":     {}, "em": {}, "s": {}, "sub": {}, "sup": {}, "br": {}, "hr": {}, "cite": {},
	"q":    {"cite": true, "dir": true, "lang": true},
	"bdi":  {"dir": true, "lang": true},
	"span": {"dir": true, "lang": true},
}

// assertSafe parses out the way a browser would and fails on anything that
// could run: a forbidden element, an event handler, a URL with a scheme other
// than http, https or mailto.
func assertSafe(t testing.TB, in, out string) {
	t.Helper()
	if !utf8.ValidString(out) {
		t.Fatalf("Clean(%q) is not valid UTF-8: %q", in, out)
	}
	doc, err := html.Parse(strings.NewReader(out))
	if err != nil {
		t.Fatalf("parse output of %q: %v", in, err)
	}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data != "html" && n.Data != "head" && n.Data != "body" {
			attrs, ok := allowedOut[n.Data]
			if !ok || n.Namespace != "" {
				t.Errorf("Clean(%q) = %q: element <%s> (namespace %q) not allowed", in, out, n.Data, n.Namespace)
			}
			for _, a := range n.Attr {
				if strings.HasPrefix(strings.ToLower(a.Key), "on") || !attrs[a.Key] || a.Namespace != "" {
					t.Errorf("Clean(%q) = %q: attribute %s on <%s> not allowed", in, out, a.Key, n.Data)
				}
				switch a.Key {
				case "href", "src", "cite":
					if s := urlScheme(a.Val); s != "" && s != "http" && s != "https" && s != "mailto" {
						t.Errorf("Clean(%q) = %q: %s=%q has scheme %q", in, out, a.Key, a.Val, s)
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
}

// urlScheme reads a URL's scheme the way a browser does: after entity
// decoding (done by the parser) and with whitespace and control characters
// removed.
func urlScheme(v string) string {
	v = strings.Map(func(r rune) rune {
		if r <= ' ' || r == 0x7f {
			return -1
		}
		return r
	}, v)
	i := strings.IndexAny(v, ":/?#")
	if i <= 0 || v[i] != ':' {
		return ""
	}
	return strings.ToLower(v[:i])
}

func TestCleanXSS(t *testing.T) {
	if len(xssPayloads) < 40 {
		t.Fatalf("only %d payloads", len(xssPayloads))
	}
	for _, p := range xssPayloads {
		for _, in := range []string{p, "<p>نص " + p + " نص</p>", "<ul><li>" + p + "</li></ul>"} {
			out, err := Clean(in)
			if err != nil {
				t.Fatalf("Clean(%q): %v", in, err)
			}
			assertSafe(t, in, out)
			if low := strings.ToLower(out); strings.Contains(low, "<script") || strings.Contains(low, "javascript:") && strings.Contains(low, "href=\"javascript") {
				t.Errorf("Clean(%q) = %q", in, out)
			}
			if again, _ := Clean(out); again != out {
				t.Errorf("not idempotent on %q:\n once: %q\ntwice: %q", in, out, again)
			}
		}
	}
}

// TestCleanXSSKeepsSafeParts checks that sanitising removes the attack and
// not the neighbouring content.
func TestCleanXSSKeepsSafeParts(t *testing.T) {
	tests := []struct{ in, want string }{
		{`<img src="https://example.com/a.png" onerror="alert(1)" alt="صورة">`, `<p><img src="https://example.com/a.png" alt="صورة"></p>`},
		{`<a href="https://example.com/" target="_blank" id="x" class="y" onclick="alert(1)">رابط</a>`, `<p><a href="https://example.com/">رابط</a></p>`},
		{`<a href="javascript:alert(1)">رابط</a>`, `<p>رابط</p>`},
		{`<a href="jav&#x09;ascript:alert(1)">رابط</a>`, `<p>رابط</p>`},
		{`<p>قبل<script>alert(1)</script>بعد</p>`, `<p>قبلبعد</p>`},
		{`<p>نص<iframe src="https://evil.example/"></iframe></p>`, `<p>نص</p>`},
		{`<p style="color:red" class="x" id="y" onclick="z">نص</p>`, `<p>نص</p>`},
		{`<textarea>&lt;b&gt;</textarea><p>نص</p>`, `<p>نص</p>`},
		{`<p>1 &lt; 2 &amp;&amp; 3 &gt; 2</p>`, `<p>1 &lt; 2 &amp;&amp; 3 &gt; 2</p>`},
		{`<p title="&quot;><script>alert(1)</script>">x</p>`, `<p>x</p>`},
		{`<a href="mailto:desk@example.com">بريد</a>`, `<p><a href="mailto:desk@example.com">بريد</a></p>`},
		{`<img src="/media/2024/a.jpg" alt="">`, `<p><img src="/media/2024/a.jpg" alt=""></p>`},
		{`<img src="a.jpg" alt="relative to the article">`, ``},
		{`<img src="file:///C:/Users/x/AppData/Local/Temp/msohtmlclip1/01/clip_image002.jpg">`, ``},
	}
	for _, tt := range tests {
		got, err := Clean(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("Clean(%q)\n got %q, %v\nwant %q", tt.in, got, err, tt.want)
		}
	}
}

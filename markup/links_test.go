package markup

import (
	"net/url"
	"testing"
)

func TestAbsoluteURLs(t *testing.T) {
	base, err := url.Parse("https://news.example/en/news/49-a-story")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ name, in, want string }{
		{"site-relative", `<p><a href="/en/news/2">a</a></p>`, `<p><a href="https://news.example/en/news/2">a</a></p>`},
		{"document-relative", `<p><a href="page2">a</a> <a href="../tag/x">b</a></p>`, `<p><a href="https://news.example/en/news/page2">a</a> <a href="https://news.example/en/tag/x">b</a></p>`},
		{"fragment and query", `<p><a href="#fn1">1</a> <a href="?page=2">2</a></p>`, `<p><a href="https://news.example/en/news/49-a-story#fn1">1</a> <a href="https://news.example/en/news/49-a-story?page=2">2</a></p>`},
		{"protocol-relative", `<p><a href="//example.org/x">a</a></p>`, `<p><a href="https://example.org/x">a</a></p>`},
		{"absolute kept", `<p><a href="https://example.org/x?a=1&amp;b=2" title="t">a</a> <a href="mailto:a@example.org">m</a></p>`, `<p><a href="https://example.org/x?a=1&amp;b=2" title="t">a</a> <a href="mailto:a@example.org">m</a></p>`},
		{"image and quote", "<figure>\n<img src=\"/media/a.jpg\" alt=\"أ &#34;ب&#34;\">\n<figcaption>ج</figcaption>\n</figure>\n<blockquote cite=\"/ru/news/3\">\n<p>q</p>\n</blockquote>",
			"<figure>\n<img src=\"https://news.example/media/a.jpg\" alt=\"أ &#34;ب&#34;\">\n<figcaption>ج</figcaption>\n</figure>\n<blockquote cite=\"https://news.example/ru/news/3\">\n<p>q</p>\n</blockquote>"},
		{"text that looks like an attribute", `<p>Write href="/x" or src="/y" in HTML &amp; more</p>`, `<p>Write href="/x" or src="/y" in HTML &amp; more</p>`},
		{"no attributes", "<p>نص</p>\n<h2>عنوان</h2>", "<p>نص</p>\n<h2>عنوان</h2>"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := AbsoluteURLs(tt.in, base); got != tt.want {
				t.Errorf("AbsoluteURLs(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

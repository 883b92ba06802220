package markup

import (
	"net/url"
	"strings"

	"golang.org/x/net/html"
)

// urlAttrs are the attributes of the stored form that hold a URL.
var urlAttrs = map[string]bool{"href": true, "src": true, "cite": true}

// AbsoluteURLs returns body with every relative URL in an href, src or cite
// attribute resolved against base, the address of the page the body is shown
// on, as a browser resolves it there: "/en/news/2", "page2", "#fn1" and
// "//example.org/x" alike. A feed reader shows the body away from that page
// and does not know the site's address, so a feed needs every URL
// absolute. Text is left as it is, even text that looks like an attribute.
func AbsoluteURLs(body string, base *url.URL) string {
	if !strings.Contains(body, "=") {
		return body
	}
	var b strings.Builder
	z := html.NewTokenizer(strings.NewReader(body))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return b.String()
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			b.Write(z.Raw())
			continue
		}
		raw := string(z.Raw()) // Token reuses the buffer Raw returns
		tok := z.Token()
		changed := false
		for i, a := range tok.Attr {
			if a.Namespace != "" || !urlAttrs[a.Key] {
				continue
			}
			u, err := url.Parse(strings.TrimSpace(a.Val))
			if err != nil || u.IsAbs() {
				continue
			}
			tok.Attr[i].Val = base.ResolveReference(u).String()
			changed = true
		}
		if !changed {
			b.WriteString(raw)
			continue
		}
		b.WriteString(tok.String())
	}
}

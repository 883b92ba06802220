package web_test

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/khabarnews/khabar"
)

// xssText is what an attacker types into every text field: each piece
// aims at another context a text may land in — an element, an attribute,
// a URL, a script (JSON-LD), a feed's CDATA, a template.
const xssText = `<script>alert(1)</script>"><img src=x onerror=alert(2)>'><svg onload=alert(3)>` +
	`</script><script>alert(4)</script>]]><script>alert(5)</script>{{.}}javascript:alert(6)` +
	"\u2028\u2029<!--<a href=\"javascript:alert(7)\">x</a>"

// TestNoExecutableXSS puts the payload into every text field there is —
// titles, summaries, bodies, names of sections, tags, sources and authors,
// biographies, image credits, captions and alt texts, static pages, the
// site's name and tagline — and looks at every output: public pages with
// their JSON-LD, feeds, sitemaps, the Content API, the newsroom's pages.
// None may carry a script, an event handler or a script URL of the
// attacker's, and every XML and JSON answer must still parse.
func TestNoExecutableXSS(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	admin, b := s.signedIn("root", khabar.RoleAdmin)
	tok, _ := s.apiToken(admin, khabar.RoleAdmin, time.Time{})
	dirty := khabar.Text{"ar": xssText, "ru": xssText, "en": xssText}

	st, err := s.store.Settings(ctx)
	s.must(err)
	st.SiteName, st.Tagline = dirty, dirty
	s.must(s.store.SaveSettings(ctx, st))
	author, err := s.store.UserByLogin(ctx, "salma")
	s.must(err)
	author.Names, author.Bio = dirty, dirty
	s.must(s.store.UpdateUser(ctx, author))
	sections, _ := s.store.Sections(ctx)
	sections[0].Names = dirty
	s.must(s.store.UpdateSection(ctx, &sections[0]))
	tags, _ := s.store.Tags(ctx)
	tags[0].Names = dirty
	s.must(s.store.UpdateTag(ctx, &tags[0]))
	sources, _ := s.store.Sources(ctx)
	sources[0].Names = dirty
	s.must(s.store.UpdateSource(ctx, &sources[0]))
	media, _, _ := s.store.ListMedia(ctx, 1, 0)
	media[0].Credit, media[0].Caption, media[0].Alt = dirty, dirty, dirty
	s.must(s.store.UpdateMediaTexts(ctx, &media[0]))

	// A story written through the Admin API, with the payload as its body
	// too, published with the image, section, tag, source and author above.
	created := decode[adminStory](t, s.call(tok, "POST", "/api/v1/admin/stories", map[string]any{"lang": "en", "title": xssText,
		"summary": xssText, "body_html": "<p>" + xssText + "</p>" + xssText, "section_id": sections[0].ID, "tag_ids": []int64{tags[0].ID},
		"source_id": sources[0].ID, "lead_media_id": media[0].ID, "author_ids": []int64{author.ID}}))
	path := fmt.Sprintf("/api/v1/admin/stories/%d/versions/en", created.ID)
	pub := decode[adminVersion](t, s.call(tok, "POST", path+"/status", map[string]any{"status": "published", "revision": 1}))
	if r := b.do("POST", "/admin/pages", url.Values{"key": {"xss"}, "title.en": {xssText}, "slug.en": {"xss"},
		"body.en": {xssText}}); r.status != http.StatusSeeOther {
		t.Fatalf("page form = %d", r.status)
	}
	article := strings.TrimPrefix(pub.URL, s.srv.URL)

	outputs := []string{"/en/", article, "/en/section/" + sections[0].Slug, "/en/tag/" + tags[0].Slug, "/en/author/" + author.Slug,
		"/en/search?q=alert", "/en/archive/", "/en/page/xss", "/ar/", "/en/rss.xml", "/en/atom.xml", "/en/feed.json",
		"/en/section/" + sections[0].Slug + "/rss.xml", "/en/tag/" + tags[0].Slug + "/atom.xml", "/sitemap.xml", "/news-sitemap.xml",
		"/api/v1/site", "/api/v1/sections", "/api/v1/tags", "/api/v1/pages", "/api/v1/stories?lang=en", fmt.Sprintf("/api/v1/stories/%d", created.ID),
		"/api/v1/search?q=alert&lang=en",
		"/admin/", "/admin/stories", fmt.Sprintf("/admin/stories/%d/en", created.ID), fmt.Sprintf("/admin/stories/%d/en/preview", created.ID),
		fmt.Sprintf("/admin/stories/%d/en/revisions", created.ID), "/admin/media", fmt.Sprintf("/admin/media/%d", media[0].ID),
		"/admin/sections", "/admin/tags", "/admin/sources", "/admin/users", "/admin/pages", "/admin/settings", "/admin/audit", "/admin/translations"}
	for _, p := range outputs {
		var r response
		if strings.HasPrefix(p, "/admin/") {
			r = b.do("GET", p, nil)
		} else {
			r = s.get(p)
		}
		if r.status != http.StatusOK {
			t.Errorf("GET %s = %d", p, r.status)
			continue
		}
		if (p == article || p == "/en/rss.xml" || strings.HasPrefix(p, "/admin/stories")) && !strings.Contains(r.body, "alert(6)") {
			t.Errorf("GET %s does not show the payload as text: the check below would prove nothing", p)
		}
		ct := r.header.Get("Content-Type")
		switch {
		case strings.Contains(ct, "html"):
			for _, bad := range executable(r.body) {
				t.Errorf("GET %s: %s", p, bad)
			}
		case strings.Contains(ct, "xml"):
			for _, bad := range xmlExecutable(r.body) {
				t.Errorf("GET %s: %s", p, bad)
			}
		case strings.Contains(ct, "json"):
			var v any
			if err := json.Unmarshal([]byte(r.body), &v); err != nil {
				t.Errorf("GET %s: the JSON does not parse: %v", p, err)
			}
			// The API's answers escape <, so that one pasted into a
			// page's script stays inside it; the JSON Feed is a document
			// of its own and keeps its HTML readable.
			if strings.HasPrefix(p, "/api/") && strings.Contains(r.body, "</script") {
				t.Errorf("GET %s: a JSON answer carries </script unescaped", p)
			}
			for _, field := range jsonHTMLFields(v) {
				for _, bad := range executable(field) {
					t.Errorf("GET %s (HTML inside JSON): %s", p, bad)
				}
			}
		default:
			t.Errorf("GET %s: unexpected type %q", p, ct)
		}
	}
}

// executable lists what in an HTML document would run: a script that is
// neither structured data nor Khabar's own file, an event handler, a URL
// with a script scheme, a frame or plugin.
func executable(doc string) []string {
	root, err := html.Parse(strings.NewReader(doc))
	if err != nil {
		return []string{"does not parse: " + err.Error()}
	}
	var bad []string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "script":
				typ, src := attrOf(n, "type"), attrOf(n, "src")
				switch {
				case typ == "application/ld+json":
					var v any
					if n.FirstChild == nil || json.Unmarshal([]byte(n.FirstChild.Data), &v) != nil {
						bad = append(bad, "JSON-LD that does not parse: the payload broke out")
					}
				case strings.HasPrefix(src, "/static/") && n.FirstChild == nil:
				default:
					bad = append(bad, "a script element: "+render(n))
				}
			case "iframe", "object", "embed", "frame", "applet":
				bad = append(bad, "a "+n.Data+" element")
			case "meta":
				if strings.EqualFold(attrOf(n, "http-equiv"), "refresh") {
					bad = append(bad, "a meta refresh")
				}
			}
			for _, a := range n.Attr {
				key, val := strings.ToLower(a.Key), strings.ToLower(strings.Join(strings.Fields(a.Val), ""))
				switch {
				case strings.HasPrefix(key, "on"):
					bad = append(bad, "an event handler "+a.Key+"="+a.Val)
				case key == "href" || key == "src" || key == "action" || key == "formaction" || key == "xlink:href" || key == "poster" || key == "data":
					if strings.HasPrefix(val, "javascript:") || strings.HasPrefix(val, "vbscript:") || strings.HasPrefix(val, "data:text") {
						bad = append(bad, "a script URL "+a.Key+"="+a.Val)
					}
				case key == "style" && (strings.Contains(val, "expression(") || strings.Contains(val, "javascript:")):
					bad = append(bad, "a script in a style")
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	return bad
}

func attrOf(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func render(n *html.Node) string {
	var b strings.Builder
	html.Render(&b, n)
	if b.Len() > 120 {
		return b.String()[:120] + "…"
	}
	return b.String()
}

// xmlExecutable parses a feed or sitemap: it must be well-formed with no
// element the payload made, and the HTML it carries as text (descriptions,
// contents) must be as harmless as a page.
func xmlExecutable(doc string) []string {
	var bad []string
	var open []string // the elements the decoder is inside
	var isHTML []bool // whether each holds HTML for a feed reader
	d := xml.NewDecoder(strings.NewReader(doc))
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return append(bad, "the XML does not parse: "+err.Error())
		}
		switch x := tok.(type) {
		case xml.StartElement:
			open = append(open, x.Name.Local)
			typ := ""
			for _, a := range x.Attr {
				if a.Name.Local == "type" {
					typ = a.Value
				}
			}
			parent := ""
			if len(open) > 1 {
				parent = open[len(open)-2]
			}
			// RSS: an item's or the channel's description, content:encoded;
			// Atom: a content or summary of type html. Media RSS's
			// descriptions are plain, and so are titles.
			isHTML = append(isHTML, (x.Name.Local == "description" && (parent == "item" || parent == "channel")) ||
				x.Name.Local == "encoded" || ((x.Name.Local == "content" || x.Name.Local == "summary") && typ == "html"))
			if n := strings.ToLower(x.Name.Local); n == "script" || n == "img" || n == "svg" {
				bad = append(bad, "an element <"+x.Name.Local+"> made by the payload")
			}
		case xml.EndElement:
			open, isHTML = open[:len(open)-1], isHTML[:len(isHTML)-1]
		case xml.CharData:
			// Descriptions and contents are HTML for the feed reader; a
			// title is text, shown as it is.
			inHTML := len(isHTML) > 0 && isHTML[len(isHTML)-1]
			if text := string(x); inHTML && strings.Contains(text, "<") {
				for _, b := range executable(text) {
					bad = append(bad, "in the HTML of <"+strings.Join(open, "/")+">: "+b)
				}
			}
		}
	}
	return bad
}

// jsonHTMLFields collects the JSON strings that hold HTML (a body, a
// content_html), which a program will put into a page as they are.
func jsonHTMLFields(v any) []string {
	var out []string
	switch x := v.(type) {
	case map[string]any:
		for k, val := range x {
			if s, ok := val.(string); ok && (strings.HasSuffix(k, "_html") || k == "body") {
				out = append(out, s)
			}
			out = append(out, jsonHTMLFields(val)...)
		}
	case []any:
		for _, val := range x {
			out = append(out, jsonHTMLFields(val)...)
		}
	}
	return out
}

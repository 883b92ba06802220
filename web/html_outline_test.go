package web_test

import (
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/khabarnews/khabar"
)

// headings returns the levels of a page's h1–h6, in document order.
func headings(n *html.Node) []int {
	var out []int
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && len(n.Data) == 2 && n.Data[0] == 'h' && n.Data[1] >= '1' && n.Data[1] <= '6' {
			out = append(out, int(n.Data[1]-'0'))
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

// TestHeadingsSkipNoLevel: on every kind of page the outline goes down one
// level at a time (h1, then h2, then h3), as the Nu Html Checker and screen
// readers expect; list pages used to go from h1 straight to their cards' h3.
func TestHeadingsSkipNoLevel(t *testing.T) {
	s := newSite(t)
	summit := strconv.FormatInt(s.ids["summit"], 10)
	for _, path := range []string{"/ar/", "/ru/section/economy", "/ru/section/economy?page=2", "/ar/tag/putin", "/ru/author/salma-nouri",
		"/ar/archive/", "/ar/archive/2023/12/", "/ru/news/" + summit + "-putin-provedyot-sammit", "/en/page/about",
		"/ru/search?q=сводка", "/ru/search?q=zzzz", "/en/nothing"} {
		r := s.get(path)
		levels := headings(parse(t, r.body).root)
		if len(levels) == 0 || levels[0] != 1 {
			t.Errorf("%s: headings %v do not start with h1", path, levels)
			continue
		}
		for i := 1; i < len(levels); i++ {
			if levels[i] > levels[i-1]+1 {
				t.Errorf("%s: h%d follows h%d (headings %v)", path, levels[i], levels[i-1], levels)
				break
			}
		}
	}
}

// TestAuthorBioIsNoKicker: an author's biography is a paragraph under the
// name, not the small red capitals above it that label a section.
func TestAuthorBioIsNoKicker(t *testing.T) {
	s := newSite(t)
	ctx := t.Context()
	u, err := s.store.UserBySlug(ctx, "salma-nouri")
	s.must(err)
	u.Bio = khabar.Text{"ru": "Редактор арабской службы."}
	s.must(s.store.UpdateUser(ctx, u))
	d := parse(t, s.page("/ru/author/salma-nouri").body)
	for _, k := range d.all("p") {
		if hasClass(k, "kicker") && strings.Contains(text(k), "Редактор") {
			t.Errorf("the bio is a kicker: %q", text(k))
		}
	}
	bio := d.first(t, "p", "class", "bio")
	if text(bio) != "Редактор арабской службы." {
		t.Errorf("bio = %q", text(bio))
	}
}

// TestNewStoryHasNoEmptyImage: the editor of a story without a lead image
// has no <img src=""> (the image appears when one is chosen).
func TestNewStoryHasNoEmptyImage(t *testing.T) {
	s := newSite(t)
	_, editor := s.storyLogin("desk", khabar.RoleEditor)
	page := editor.do("GET", "/admin/stories/new?lang=ar", nil).want(t, 200, "new story page")
	for _, img := range parse(t, page.body).all("img") {
		if strings.TrimSpace(attr(img, "src")) == "" {
			t.Errorf("an <img> without a source: class %q", attr(img, "class"))
		}
	}
}

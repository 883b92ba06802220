package web_test

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/markup"
)

// feedIDs fetches a feed and returns its items' ids by their link.
func (s *site) feedIDs(path string) map[string]string {
	s.t.Helper()
	f, err := gofeed.NewParser().ParseString(s.page(path).body)
	if err != nil {
		s.t.Fatalf("%s does not parse: %v", path, err)
	}
	ids := map[string]string{}
	for _, it := range f.Items {
		ids[it.Link] = it.GUID
	}
	return ids
}

// TestFeedIDsSurviveSlugChange renames a published version's slug: its
// link in every feed follows, its id in every feed stays, so that feed
// readers do not show the story again as a new item.
func TestFeedIDsSurviveSlugChange(t *testing.T) {
	s := newSite(t)
	id := s.ids["summit"]
	paths := []string{"/ru/rss.xml", "/ru/atom.xml", "/ru/feed.json"}
	before := map[string]map[string]string{}
	for _, p := range paths {
		before[p] = s.feedIDs(p)
	}
	v := s.storyVersion(id, "ru")
	v.Slug = "putin-vstretitsya-s-liderami"
	s.must(s.store.SaveVersion(context.Background(), &v, 0))

	oldLink := s.srv.URL + "/ru/news/" + strconv.FormatInt(id, 10) + "-putin-provedyot-sammit"
	newLink := s.srv.URL + "/ru/news/" + strconv.FormatInt(id, 10) + "-putin-vstretitsya-s-liderami"
	for _, p := range paths {
		after := s.feedIDs(p)
		oldID, ok := before[p][oldLink]
		if !ok {
			t.Fatalf("%s had no item linking to %s: %v", p, oldLink, before[p])
		}
		newID, ok := after[newLink]
		if !ok {
			t.Fatalf("%s after the slug change has no item linking to %s: %v", p, newLink, after)
		}
		if newID != oldID {
			t.Errorf("%s: the item id changed with the slug: %q → %q", p, oldID, newID)
		}
		if strings.Contains(newID, "putin") {
			t.Errorf("%s: the item id %q contains the slug", p, newID)
		}
		if got := s.get(strings.TrimPrefix(newID, s.srv.URL)); got.status != http.StatusMovedPermanently || got.header.Get("Location") != strings.TrimPrefix(newLink, s.srv.URL) {
			t.Errorf("the id %s, followed, = %d → %q; want 301 to the article", newID, got.status, got.header.Get("Location"))
		}
	}
}

// TestFeedAutodiscovery: the <link rel="alternate"> of a feed names the
// bare media type, which is what feed finders compare as a string.
func TestFeedAutodiscovery(t *testing.T) {
	s := newSite(t)
	for _, path := range []string{"/ar/", "/ru/section/economy", "/en/tag/putin", "/ru/news/" + strconv.FormatInt(s.ids["summit"], 10) + "-putin-provedyot-sammit"} {
		d := parse(t, s.page(path).body)
		types := map[string]int{}
		for _, l := range d.all("link", "rel", "alternate") {
			if typ := attr(l, "type"); typ != "" {
				types[typ]++
			}
		}
		for _, want := range []string{"application/rss+xml", "application/atom+xml", "application/feed+json"} {
			if types[want] == 0 {
				t.Errorf("%s: no <link rel=alternate type=%q>; types: %v", path, want, types)
			}
		}
		for typ := range types {
			if strings.Contains(typ, ";") {
				t.Errorf("%s: feed link type %q has a parameter", path, typ)
			}
		}
	}
}

type atomLink struct {
	Rel      string `xml:"rel,attr"`
	Type     string `xml:"type,attr"`
	Hreflang string `xml:"hreflang,attr"`
	Href     string `xml:"href,attr"`
}

// atomDoc is what TestAtomFollowsRFC4287 reads of an Atom feed.
type atomDoc struct {
	XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	IDs     []string `xml:"id"`
	Titles  []string `xml:"title"`
	Updated []string `xml:"updated"`
	Authors []struct {
		Name string `xml:"name"`
	} `xml:"author"`
	Links   []atomLink `xml:"link"`
	Entries []struct {
		IDs     []string `xml:"id"`
		Titles  []string `xml:"title"`
		Updated []string `xml:"updated"`
		Authors []struct {
			Name string `xml:"name"`
		} `xml:"author"`
		Links   []atomLink `xml:"link"`
		Content []struct {
			Type string `xml:"type,attr"`
			Src  string `xml:"src,attr"`
		} `xml:"content"`
		Summary []string   `xml:"summary"`
		Source  []struct{} `xml:"source"`
	} `xml:"entry"`
}

// TestAtomFollowsRFC4287 checks every Atom feed of the site against the
// constraints of RFC 4287 that a validator reports: one id, title and
// updated per feed and entry, ids that are absolute IRIs and unique, an
// author for each entry (its own or the feed's), at most one alternate link
// per type and language, a summary where the content is not inline, dates
// in RFC 3339, and no <source> (the agency credit is not a copied feed).
func TestAtomFollowsRFC4287(t *testing.T) {
	s := newSite(t)
	for _, path := range []string{"/ar/atom.xml", "/ru/atom.xml", "/en/atom.xml", "/ru/section/economy/atom.xml", "/ar/tag/putin/atom.xml", "/en/tag/putin/atom.xml"} {
		t.Run(path, func(t *testing.T) {
			r := s.page(path)
			var f atomDoc
			if err := xml.Unmarshal([]byte(r.body), &f); err != nil {
				t.Fatalf("does not parse as Atom: %v", err)
			}
			one := func(what string, vals []string) {
				if len(vals) != 1 || strings.TrimSpace(vals[0]) == "" {
					t.Errorf("%s: %d values %q, want exactly one", what, len(vals), vals)
				}
			}
			date := func(what, v string) {
				if tm, err := time.Parse(time.RFC3339, v); err != nil {
					t.Errorf("%s %q is not an RFC 3339 date", what, v)
				} else if tm.Year() < 2000 {
					t.Errorf("%s is %s: an empty or new feed is not from %d", what, v, tm.Year())
				}
			}
			iri := func(what, v string) {
				if u, err := url.Parse(v); err != nil || u.Scheme == "" {
					t.Errorf("%s %q is not an absolute IRI", what, v)
				}
			}
			one("feed id", f.IDs)
			one("feed title", f.Titles)
			one("feed updated", f.Updated)
			if len(f.IDs) == 1 {
				iri("feed id", f.IDs[0])
			}
			if len(f.Updated) == 1 {
				date("feed updated", f.Updated[0])
				lm, err := http.ParseTime(r.header.Get("Last-Modified"))
				if err != nil {
					t.Errorf("Last-Modified %q: %v", r.header.Get("Last-Modified"), err)
				} else if up, _ := time.Parse(time.RFC3339, f.Updated[0]); !lm.Equal(up) {
					t.Errorf("Last-Modified %s, feed updated %s", lm, up)
				}
			}
			alternates := map[string]bool{}
			hasSelf := false
			for _, l := range f.Links {
				if l.Rel == "self" {
					hasSelf = true
				}
			}
			if !hasSelf {
				t.Error(`no link rel="self"`)
			}
			seen := map[string]bool{}
			for i, e := range f.Entries {
				one("entry id", e.IDs)
				one("entry title", e.Titles)
				one("entry updated", e.Updated)
				if len(e.IDs) == 1 {
					iri("entry id", e.IDs[0])
					if seen[e.IDs[0]] {
						t.Errorf("entry id %s appears twice", e.IDs[0])
					}
					seen[e.IDs[0]] = true
				}
				if len(e.Updated) == 1 {
					date("entry updated", e.Updated[0])
				}
				if len(e.Authors) == 0 && len(f.Authors) == 0 {
					t.Errorf("entry %d has no author and the feed names none", i)
				}
				clear(alternates)
				for _, l := range e.Links {
					if l.Rel == "" || l.Rel == "alternate" {
						k := l.Type + " " + l.Hreflang
						if alternates[k] {
							t.Errorf("entry %d has two alternate links of type %q", i, k)
						}
						alternates[k] = true
					}
				}
				if len(alternates) == 0 && len(e.Content) == 0 {
					t.Errorf("entry %d has neither content nor an alternate link", i)
				}
				for _, c := range e.Content {
					if c.Src != "" && len(e.Summary) == 0 {
						t.Errorf("entry %d has out-of-line content and no summary", i)
					}
				}
				if len(e.Source) > 0 {
					t.Errorf("entry %d has a <source>: that says it was copied from another feed", i)
				}
			}
		})
	}
}

// TestEmptyFeedIsDated: a feed with no items is dated by its language's
// last change, not 1970, in the feed and in Last-Modified.
func TestEmptyFeedIsDated(t *testing.T) {
	s := newSite(t)
	for _, path := range []string{"/en/tag/putin/atom.xml", "/en/tag/putin/rss.xml", "/en/tag/putin/feed.json"} {
		r := s.page(path)
		if strings.Contains(r.body, "1970") {
			t.Errorf("%s mentions 1970:\n%s", path, r.body)
		}
		lm, err := http.ParseTime(r.header.Get("Last-Modified"))
		if err != nil || lm.Year() < 2000 {
			t.Errorf("%s: Last-Modified = %q", path, r.header.Get("Last-Modified"))
		}
	}
	var jf struct {
		Items []json.RawMessage `json:"items"`
	}
	if err := json.Unmarshal([]byte(s.page("/en/tag/putin/feed.json").body), &jf); err != nil || jf.Items == nil {
		t.Errorf("empty JSON Feed: items = %v (%v); the spec requires the array", jf.Items, err)
	}
}

// TestFeedCreditsTheSource: the agency is named in the item's content, as
// on the page, and as a contributor, not as a copied feed.
func TestFeedCreditsTheSource(t *testing.T) {
	s := newSite(t)
	atom := s.page("/ar/atom.xml").body
	if !strings.Contains(atom, "<contributor>") || !strings.Contains(atom, "<uri>https://tass.com</uri>") {
		t.Errorf("the Atom feed names no contributor for the TASS story")
	}
	f, err := gofeed.NewParser().ParseString(s.page("/ar/rss.xml").body)
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range f.Items {
		if strings.HasPrefix(it.Title, "بوتين") && !strings.Contains(it.Content, `<a href="https://tass.com">المصدر: تاس</a>`) {
			t.Errorf("the content of %q does not end with the source credit: %q", it.Title, it.Content)
		}
	}
}

// TestFeedLinksAreAbsolute: every link of a body reaches a feed reader
// absolute, resolved against the article's page as a browser there resolves
// it, and text that merely looks like a link is left alone.
func TestFeedLinksAreAbsolute(t *testing.T) {
	s := newSite(t)
	body, err := markup.Clean(`<p><a href="/en/news/1">site</a> <a href="page2">document</a> <a href="#fn1">note</a> <a href="//example.org/x">scheme</a></p><p>Type href="/x" in HTML.</p>`)
	s.must(err)
	st := &khabar.Story{SectionID: s.section("politics")}
	s.must(s.store.CreateStory(context.Background(), st, []*khabar.Version{{Lang: "en", Title: "Links", Slug: "links", Body: body,
		Status: khabar.StatusPublished, PublishedAt: time.Now().Add(-time.Hour)}}))
	page := s.srv.URL + "/en/news/" + strconv.FormatInt(st.ID, 10) + "-links"
	for _, path := range []string{"/en/rss.xml", "/en/atom.xml", "/en/feed.json"} {
		f, err := gofeed.NewParser().ParseString(s.page(path).body)
		if err != nil {
			t.Fatal(err)
		}
		var content string
		for _, it := range f.Items {
			if it.Title == "Links" {
				content = it.Content
			}
		}
		for _, want := range []string{`href="` + s.srv.URL + `/en/news/1"`, `href="` + s.srv.URL + `/en/news/page2"`,
			`href="` + page + `#fn1"`, `href="http://example.org/x"`, `Type href="/x" in HTML.`} {
			if !strings.Contains(content, want) {
				t.Errorf("%s: the content lacks %s: %s", path, want, content)
			}
		}
	}
}

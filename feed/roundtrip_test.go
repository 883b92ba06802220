package feed

import (
	"encoding/json"
	"html"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"
)

// writers are the three feed formats under test, with their golden file
// extension.
var writers = []struct {
	name, ext string
	write     func(Feed) ([]byte, error)
}{
	{"rss", "xml", RSS},
	{"atom", "xml", Atom},
	{"json", "json", JSON},
}

// TestRoundTrip writes every format in every language, compares it with the
// golden file, and reads it back with gofeed, a widely used independent
// parser: what a reader's app sees must be exactly what the site published,
// except for the vertical tab, which must be gone.
func TestRoundTrip(t *testing.T) {
	for _, lang := range langs {
		for _, w := range writers {
			t.Run(w.name+"/"+lang, func(t *testing.T) {
				f := testFeed(t, lang)
				f.FeedURL = strings.TrimSuffix(f.FeedURL, "rss") + w.name
				b, err := w.write(f)
				if err != nil {
					t.Fatal(err)
				}
				golden(t, w.name+"-"+lang+".golden."+w.ext, b)
				if w.ext == "xml" {
					mustWellFormed(t, b)
				}
				got, err := gofeed.NewParser().ParseString(string(b))
				if err != nil {
					t.Fatalf("gofeed: %v", err)
				}
				checkFeed(t, w.name, f, got)
			})
		}
	}
}

func checkFeed(t *testing.T, format string, want Feed, got *gofeed.Feed) {
	t.Helper()
	eq(t, "feed type", got.FeedType, format)
	eq(t, "title", got.Title, want.Title)
	eq(t, "description", got.Description, want.Description)
	eq(t, "link", got.Link, want.SiteURL)
	eq(t, "feed link", got.FeedLink, want.FeedURL)
	eq(t, "language", got.Language, want.Lang)
	if format != "json" { // JSON Feed has no feed-level date
		eqTime(t, "updated", got.UpdatedParsed, want.updated())
	}
	if got.Image == nil || got.Image.URL != want.IconURL {
		t.Errorf("feed image = %+v, want %s", got.Image, want.IconURL)
	}
	if len(got.Items) != len(want.Items) {
		t.Fatalf("%d items, want %d", len(got.Items), len(want.Items))
	}
	for i, g := range got.Items {
		checkItem(t, format, &want.Items[i], g)
	}
}

func checkItem(t *testing.T, format string, want *Item, got *gofeed.Item) {
	t.Helper()
	// The vertical tab pasted into the title must be gone, nothing else.
	eq(t, "item title", got.Title, strings.ReplaceAll(want.Title, "\x0b", ""))
	eq(t, "item link", got.Link, want.URL)
	eq(t, "item guid", got.GUID, want.ID)
	eq(t, "item content", got.Content, want.ContentHTML)
	summary := got.Description
	if format == "rss" {
		// RSS readers take <description> as HTML: the plain summary was
		// escaped once more and must come back after one unescape.
		summary = html.UnescapeString(summary)
	}
	eq(t, "item summary", summary, want.Summary)
	eqTime(t, "item published", got.PublishedParsed, want.Published)
	if format != "rss" { // RSS has no modification date
		eqTime(t, "item updated", got.UpdatedParsed, want.updated())
	}
	if !slices.Equal(got.Categories, want.Categories) {
		t.Errorf("categories = %q, want %q", got.Categories, want.Categories)
	}
	eqStrings(t, "authors", authorNames(format, got), want.Authors)
	checkImage(t, format, want.Image, got)
}

// authorNames returns every author gofeed saw. For RSS it keeps only the
// first in Authors, so all of them are read from the dc:creator elements.
func authorNames(format string, it *gofeed.Item) []string {
	if format == "rss" {
		if it.DublinCoreExt == nil {
			return nil
		}
		return it.DublinCoreExt.Creator
	}
	var names []string
	for _, p := range it.Authors {
		names = append(names, p.Name)
	}
	return names
}

func checkImage(t *testing.T, format string, want *Image, got *gofeed.Item) {
	t.Helper()
	if want == nil {
		if len(got.Enclosures) != 0 {
			t.Errorf("unexpected enclosures %+v", got.Enclosures)
		}
		return
	}
	if format == "json" {
		if got.Image == nil || got.Image.URL != want.URL {
			t.Errorf("image = %+v, want %s", got.Image, want.URL)
		}
		return
	}
	if len(got.Enclosures) != 1 {
		t.Fatalf("%d enclosures, want 1", len(got.Enclosures))
	}
	e := got.Enclosures[0]
	eq(t, "enclosure url", e.URL, want.URL)
	eq(t, "enclosure type", e.Type, "image/jpeg")
	eq(t, "enclosure length", e.Length, strconv.FormatInt(want.Length, 10))
	if format == "rss" && (got.Image == nil || got.Image.URL != want.URL) {
		t.Errorf("image = %+v, want %s", got.Image, want.URL)
	}
	media := got.Extensions["media"]["content"]
	if len(media) != 1 {
		t.Fatalf("media:content = %+v", media)
	}
	m := media[0]
	eq(t, "media url", m.Attrs["url"], want.URL)
	eq(t, "media credit", m.Children["credit"][0].Value, want.Credit)
	eq(t, "media alt", m.Children["description"][0].Value, want.Alt)
}

// TestJSONFeedRequiredFields decodes the JSON Feed with encoding/json into
// the fields the 1.1 spec requires or Khabar promises, so that a reader
// stricter than gofeed finds them too.
func TestJSONFeedRequiredFields(t *testing.T) {
	type item struct {
		ID            string              `json:"id"`
		URL           string              `json:"url"`
		Title         string              `json:"title"`
		ContentHTML   *string             `json:"content_html"`
		ContentText   *string             `json:"content_text"`
		DatePublished string              `json:"date_published"`
		DateModified  string              `json:"date_modified"`
		Authors       []map[string]string `json:"authors"`
		Khabar        *struct {
			Source struct{ Name, URL string } `json:"source"`
		} `json:"_khabar"`
	}
	type feed struct {
		Version     string  `json:"version"`
		Title       string  `json:"title"`
		HomePageURL string  `json:"home_page_url"`
		FeedURL     string  `json:"feed_url"`
		Language    string  `json:"language"`
		Items       *[]item `json:"items"`
	}
	for _, lang := range langs {
		f := testFeed(t, lang)
		b, err := JSON(f)
		if err != nil {
			t.Fatal(err)
		}
		var doc feed
		if err := json.Unmarshal(b, &doc); err != nil {
			t.Fatalf("%s: %v", lang, err)
		}
		eq(t, "version", doc.Version, "https://jsonfeed.org/version/1.1")
		eq(t, "language", doc.Language, lang)
		if doc.Title == "" || doc.HomePageURL == "" || doc.FeedURL == "" || doc.Items == nil {
			t.Fatalf("%s: missing required feed field: %+v", lang, doc)
		}
		for i, it := range *doc.Items {
			if it.ID == "" || it.URL == "" || it.Title == "" {
				t.Errorf("%s item %d: missing id, url or title", lang, i)
			}
			if it.ContentHTML == nil && it.ContentText == nil {
				t.Errorf("%s item %d: neither content_html nor content_text", lang, i)
			}
			for _, s := range []string{it.DatePublished, it.DateModified} {
				if _, err := time.Parse(time.RFC3339, s); err != nil {
					t.Errorf("%s item %d: date %q: %v", lang, i, s, err)
				}
			}
			if it.Khabar == nil || it.Khabar.Source.Name != f.Items[i].SourceName {
				t.Errorf("%s item %d: _khabar source = %+v", lang, i, it.Khabar)
			}
		}
	}
}

func TestJSONContentTextFallback(t *testing.T) {
	f := testFeed(t, "en")
	f.Items[0].ContentHTML = ""
	b, err := JSON(f)
	if err != nil {
		t.Fatal(err)
	}
	got, err := gofeed.NewParser().ParseString(string(b))
	if err != nil {
		t.Fatal(err)
	}
	eq(t, "content", got.Items[0].Content, f.Items[0].Summary)
}

func eq(t *testing.T, what, got, want string) {
	t.Helper()
	if got != want {
		t.Errorf("%s = %q, want %q", what, got, want)
	}
}

func eqStrings(t *testing.T, what string, got, want []string) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Errorf("%s = %q, want %q", what, got, want)
	}
}

// eqTime compares at the second, the precision all three formats keep.
func eqTime(t *testing.T, what string, got *time.Time, want time.Time) {
	t.Helper()
	if got == nil {
		t.Errorf("%s missing, want %v", what, want)
		return
	}
	if !got.Equal(want.Truncate(time.Second)) {
		t.Errorf("%s = %v, want %v", what, got, want)
	}
}

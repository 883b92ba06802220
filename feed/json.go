package feed

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// jsonFeedVersion identifies JSON Feed 1.1, which added "language" and the
// "authors" array that Khabar needs.
const jsonFeedVersion = "https://jsonfeed.org/version/1.1"

type jsonFeed struct {
	Version     string     `json:"version"`
	Title       string     `json:"title"`
	HomePageURL string     `json:"home_page_url"`
	FeedURL     string     `json:"feed_url"`
	Description string     `json:"description,omitempty"`
	Icon        string     `json:"icon,omitempty"`
	Language    string     `json:"language,omitempty"`
	Items       []jsonItem `json:"items"`
}

type jsonItem struct {
	ID            string       `json:"id"`
	URL           string       `json:"url"`
	Title         string       `json:"title"`
	Summary       string       `json:"summary,omitempty"`
	ContentHTML   string       `json:"content_html,omitempty"`
	ContentText   string       `json:"content_text,omitempty"`
	Image         string       `json:"image,omitempty"`
	DatePublished string       `json:"date_published,omitempty"`
	DateModified  string       `json:"date_modified,omitempty"`
	Authors       []jsonAuthor `json:"authors,omitempty"`
	Tags          []string     `json:"tags,omitempty"`
	Khabar        *jsonKhabar  `json:"_khabar,omitempty"`
}

type jsonAuthor struct {
	Name string `json:"name"`
}

// jsonKhabar is a JSON Feed extension object (custom keys start with "_").
// It carries what the format has no field for: the agency an article comes
// from and the lead image's alt text and credit. Readers ignore it.
type jsonKhabar struct {
	Source      *jsonSource `json:"source,omitempty"`
	ImageAlt    string      `json:"image_alt,omitempty"`
	ImageCredit string      `json:"image_credit,omitempty"`
}

type jsonSource struct {
	Name string `json:"name"`
	URL  string `json:"url,omitempty"`
}

// JSON writes f as JSON Feed 1.1. Text is cleaned as for XML so that an
// item reads the same in every format. HTML is not escaped into \u003c
// sequences: the document is served as application/feed+json, never inlined
// in a page, and stays readable.
func JSON(f Feed) ([]byte, error) {
	if err := f.check(); err != nil {
		return nil, err
	}
	jf := jsonFeed{
		Version:     jsonFeedVersion,
		Title:       clean(f.Title),
		HomePageURL: clean(f.SiteURL),
		FeedURL:     clean(f.FeedURL),
		Description: clean(f.Description),
		Icon:        clean(f.IconURL),
		Language:    clean(f.Lang),
		// The spec requires "items" even when there are none.
		Items: make([]jsonItem, 0, len(f.Items)),
	}
	for i := range f.Items {
		jf.Items = append(jf.Items, jsonItemOf(&f.Items[i]))
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(jf); err != nil {
		return nil, fmt.Errorf("feed: encode json: %w", err)
	}
	return buf.Bytes(), nil
}

func jsonItemOf(it *Item) jsonItem {
	j := jsonItem{
		ID:            clean(it.ID),
		URL:           clean(it.URL),
		Title:         clean(it.Title),
		Summary:       clean(it.Summary),
		ContentHTML:   clean(it.ContentHTML),
		DatePublished: rfc3339(it.Published),
		DateModified:  rfc3339(it.updated()),
		Tags:          cleanAll(it.Categories),
	}
	if j.ContentHTML == "" {
		// One of content_html and content_text is required.
		j.ContentText = j.Summary
		if j.ContentText == "" {
			j.ContentText = j.Title
		}
	}
	for _, name := range cleanAll(it.Authors) {
		j.Authors = append(j.Authors, jsonAuthor{Name: name})
	}
	var k jsonKhabar
	if name := clean(it.SourceName); name != "" {
		k.Source = &jsonSource{Name: name, URL: clean(it.SourceURL)}
	}
	if img := it.Image; img != nil {
		j.Image = clean(img.URL)
		k.ImageAlt, k.ImageCredit = clean(img.Alt), clean(img.Credit)
	}
	if k != (jsonKhabar{}) {
		j.Khabar = &k
	}
	return j
}

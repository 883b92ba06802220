package feed

import (
	"encoding/xml"
	"html"
)

// Namespaces of the RSS extensions used. The prefixes are written literally
// in the struct tags below: encoding/xml cannot be told which prefix to use,
// and readers, though they should not, often look for these exact prefixes.
const (
	nsAtom    = "http://www.w3.org/2005/Atom"
	nsContent = "http://purl.org/rss/1.0/modules/content/"
	nsDC      = "http://purl.org/dc/elements/1.1/"
	nsMedia   = "http://search.yahoo.com/mrss/"
)

type rssDoc struct {
	XMLName   xml.Name   `xml:"rss"`
	Version   string     `xml:"version,attr"`
	NSAtom    string     `xml:"xmlns:atom,attr"`
	NSContent string     `xml:"xmlns:content,attr"`
	NSDC      string     `xml:"xmlns:dc,attr"`
	NSMedia   string     `xml:"xmlns:media,attr"`
	Channel   rssChannel `xml:"channel"`
}

type rssChannel struct {
	Title         string    `xml:"title"`
	Link          string    `xml:"link"`
	Description   string    `xml:"description"`
	Language      string    `xml:"language,omitempty"`
	LastBuildDate string    `xml:"lastBuildDate,omitempty"`
	Self          atomLink  `xml:"atom:link"`
	Image         *rssImage `xml:"image"`
	Items         []rssItem `xml:"item"`
}

type rssImage struct {
	URL   string `xml:"url"`
	Title string `xml:"title"`
	Link  string `xml:"link"`
}

type rssItem struct {
	Title       string        `xml:"title"`
	Link        string        `xml:"link"`
	GUID        rssGUID       `xml:"guid"`
	PubDate     string        `xml:"pubDate,omitempty"`
	Creators    []string      `xml:"dc:creator"`
	Categories  []string      `xml:"category"`
	Description string        `xml:"description,omitempty"`
	Content     *cdata        `xml:"content:encoded"`
	Enclosure   *rssEnclosure `xml:"enclosure"`
	Media       *mediaContent `xml:"media:content"`
	DCSource    string        `xml:"dc:source,omitempty"`
}

type rssGUID struct {
	IsPermaLink bool   `xml:"isPermaLink,attr"`
	Value       string `xml:",chardata"`
}

// cdata holds HTML written as CDATA: it keeps the body readable in the
// golden files and in a browser's view-source. encoding/xml splits any "]]>"
// inside into two sections, so the body cannot end the section early.
type cdata struct {
	Value string `xml:",cdata"`
}

type rssEnclosure struct {
	URL    string `xml:"url,attr"`
	Length int64  `xml:"length,attr"`
	Type   string `xml:"type,attr"`
}

// mediaContent is the Media RSS description of the lead image. RSS's own
// enclosure has no place for the alt text and the photo credit, which every
// Khabar image carries and aggregators show.
type mediaContent struct {
	URL         string     `xml:"url,attr"`
	Type        string     `xml:"type,attr"`
	Medium      string     `xml:"medium,attr"`
	Width       int        `xml:"width,attr,omitempty"`
	Height      int        `xml:"height,attr,omitempty"`
	FileSize    int64      `xml:"fileSize,attr,omitempty"`
	Description *mediaText `xml:"media:description"`
	Credit      string     `xml:"media:credit,omitempty"`
}

type mediaText struct {
	Type  string `xml:"type,attr"`
	Value string `xml:",chardata"`
}

// RSS writes f as RSS 2.0 with the atom:link self reference that validators
// ask for, content:encoded for the body, dc:creator for the authors (RSS's
// own <author> must be an e-mail address) and an enclosure plus a
// media:content for the lead image.
func RSS(f Feed) ([]byte, error) {
	if err := f.check(); err != nil {
		return nil, err
	}
	ch := rssChannel{
		Title:         clean(f.Title),
		Link:          clean(f.SiteURL),
		Description:   clean(f.Description),
		Language:      clean(f.Lang),
		LastBuildDate: rfc1123(f.updated()),
		Self:          atomLink{Href: clean(f.FeedURL), Rel: "self", Type: "application/rss+xml"},
	}
	if ch.Description == "" {
		// <description> is required in a channel; the title is the best
		// plain-language stand-in.
		ch.Description = ch.Title
	}
	// Like an item's, the channel's description is HTML to many readers,
	// and the site's tagline is plain text.
	ch.Description = html.EscapeString(ch.Description)
	if f.IconURL != "" {
		ch.Image = &rssImage{URL: clean(f.IconURL), Title: ch.Title, Link: ch.Link}
	}
	for i := range f.Items {
		ch.Items = append(ch.Items, rssItemOf(&f.Items[i]))
	}
	return marshalXML(rssDoc{
		Version: "2.0", NSAtom: nsAtom, NSContent: nsContent, NSDC: nsDC, NSMedia: nsMedia,
		Channel: ch,
	}, 0)
}

func rssItemOf(it *Item) rssItem {
	r := rssItem{
		Title:      clean(it.Title),
		Link:       clean(it.URL),
		GUID:       rssGUID{IsPermaLink: it.ID == it.URL, Value: clean(it.ID)},
		PubDate:    rfc1123(it.Published),
		Creators:   cleanAll(it.Authors),
		Categories: cleanAll(it.Categories),
		// Readers treat <description> as HTML, so the plain-text summary is
		// escaped once more: "a < b" must not open a tag.
		Description: html.EscapeString(clean(it.Summary)),
	}
	if it.ContentHTML != "" {
		r.Content = &cdata{clean(it.ContentHTML)}
	}
	if img := it.Image; img != nil {
		typ := imageMIME(img)
		r.Enclosure = &rssEnclosure{URL: clean(img.URL), Length: img.Length, Type: typ}
		r.Media = mediaOf(img, typ)
	}
	// RSS's <source url> is the feed the item was taken from, which an
	// agency's site is not; Dublin Core's source is "a related resource from
	// which the described resource is derived", in free text.
	r.DCSource = clean(it.SourceName)
	return r
}

func mediaOf(img *Image, typ string) *mediaContent {
	m := &mediaContent{
		URL: clean(img.URL), Type: typ, Medium: "image",
		Width: img.Width, Height: img.Height, FileSize: img.Length,
		Credit: clean(img.Credit),
	}
	if alt := clean(img.Alt); alt != "" {
		m.Description = &mediaText{Type: "plain", Value: alt}
	}
	return m
}

package feed

import (
	"encoding/xml"
	"errors"
	"fmt"
	"time"
)

// Limits of the sitemap protocol and of Google News sitemaps. Past them
// search engines ignore the file, so the writers refuse rather than write it.
const (
	// MaxSitemapURLs is the most <url> entries one sitemap may hold.
	MaxSitemapURLs = 50000
	// MaxNewsURLs is the most entries one Google News sitemap may hold.
	MaxNewsURLs = 1000
	// MaxSitemapBytes is the largest a sitemap file may be, uncompressed.
	MaxSitemapBytes = 50 << 20
)

const (
	nsSitemap = "http://www.sitemaps.org/schemas/sitemap/0.9"
	nsXHTML   = "http://www.w3.org/1999/xhtml"
	nsImage   = "http://www.google.com/schemas/sitemap-image/1.1"
	nsNews    = "http://www.google.com/schemas/sitemap-news/0.9"
)

// Alternate is one language version of a page, written as an hreflang link.
// Lang is a BCP 47 tag or "x-default" (the page for readers whose language
// the site does not have, usually the language picker at "/").
type Alternate struct {
	Lang, Href string
}

// SitemapURL is one page of a sitemap. Search engines only trust hreflang
// annotations that are reciprocal and list the page itself, so Alternates
// should name every language version, this one included, and each version
// should carry the same list.
type SitemapURL struct {
	Loc string
	// LastMod is the page's last significant change; zero omits it.
	LastMod    time.Time
	Alternates []Alternate
	Images     []SitemapImage
}

// SitemapImage is an image shown on a page: usually the lead image.
type SitemapImage struct {
	Loc     string
	Caption string // optional; Google no longer reads it, others may
}

type urlset struct {
	XMLName xml.Name     `xml:"urlset"`
	NS      string       `xml:"xmlns,attr"`
	NSXHTML string       `xml:"xmlns:xhtml,attr,omitempty"`
	NSImage string       `xml:"xmlns:image,attr,omitempty"`
	NSNews  string       `xml:"xmlns:news,attr,omitempty"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc        string         `xml:"loc"`
	LastMod    string         `xml:"lastmod,omitempty"`
	Alternates []xhtmlLink    `xml:"xhtml:link"`
	Images     []sitemapImage `xml:"image:image"`
	News       *newsNews      `xml:"news:news"`
}

type xhtmlLink struct {
	Rel      string `xml:"rel,attr"`
	Hreflang string `xml:"hreflang,attr"`
	Href     string `xml:"href,attr"`
}

type sitemapImage struct {
	Loc     string `xml:"image:loc"`
	Caption string `xml:"image:caption,omitempty"`
}

// Sitemap writes a sitemap of at most MaxSitemapURLs pages and
// MaxSitemapBytes bytes, with hreflang alternates and images. Over either
// limit it returns an error wrapping ErrTooManyURLs; the caller splits the
// list and lists the parts in a sitemap index.
func Sitemap(urls []SitemapURL) ([]byte, error) {
	if len(urls) > MaxSitemapURLs {
		return nil, fmt.Errorf("%w: %d, limit %d", ErrTooManyURLs, len(urls), MaxSitemapURLs)
	}
	// Both namespaces are always declared: an empty or image-less sitemap
	// then has the same root as every other, which keeps diffs and tests
	// simple and costs two attributes.
	set := urlset{NS: nsSitemap, NSXHTML: nsXHTML, NSImage: nsImage, URLs: make([]sitemapURL, 0, len(urls))}
	for i := range urls {
		u, err := sitemapURLOf(&urls[i])
		if err != nil {
			return nil, fmt.Errorf("feed: sitemap url %d: %w", i, err)
		}
		set.URLs = append(set.URLs, u)
	}
	return marshalSitemap(set)
}

func sitemapURLOf(in *SitemapURL) (sitemapURL, error) {
	u := sitemapURL{Loc: clean(in.Loc), LastMod: rfc3339(in.LastMod)}
	if u.Loc == "" {
		return u, errors.New("empty loc")
	}
	for _, a := range in.Alternates {
		if a.Lang == "" || a.Href == "" {
			return u, fmt.Errorf("%s: alternate without lang or href", u.Loc)
		}
		u.Alternates = append(u.Alternates, xhtmlLink{Rel: "alternate", Hreflang: clean(a.Lang), Href: clean(a.Href)})
	}
	for _, img := range in.Images {
		if img.Loc == "" {
			return u, fmt.Errorf("%s: image without loc", u.Loc)
		}
		u.Images = append(u.Images, sitemapImage{Loc: clean(img.Loc), Caption: clean(img.Caption)})
	}
	return u, nil
}

// SitemapRef is one sitemap named by a sitemap index.
type SitemapRef struct {
	Loc string
	// LastMod is the latest change among the sitemap's pages; zero omits it.
	LastMod time.Time
}

type sitemapIndex struct {
	XMLName  xml.Name     `xml:"sitemapindex"`
	NS       string       `xml:"xmlns,attr"`
	Sitemaps []sitemapRef `xml:"sitemap"`
}

type sitemapRef struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
}

// SitemapIndex writes a sitemap index: the list of the sitemaps a site's
// pages are split into when one sitemap cannot hold them all. It holds one
// sitemap at least and MaxSitemapURLs at most, as the protocol's schema
// wants.
func SitemapIndex(refs []SitemapRef) ([]byte, error) {
	switch {
	case len(refs) == 0:
		return nil, errors.New("feed: sitemap index without a sitemap")
	case len(refs) > MaxSitemapURLs:
		return nil, fmt.Errorf("%w: %d sitemaps, limit %d", ErrTooManyURLs, len(refs), MaxSitemapURLs)
	}
	idx := sitemapIndex{NS: nsSitemap, Sitemaps: make([]sitemapRef, 0, len(refs))}
	for i, r := range refs {
		loc := clean(r.Loc)
		if loc == "" {
			return nil, fmt.Errorf("feed: sitemap index entry %d: empty loc", i)
		}
		idx.Sitemaps = append(idx.Sitemaps, sitemapRef{Loc: loc, LastMod: rfc3339(r.LastMod)})
	}
	b, err := marshalXML(idx, MaxSitemapBytes)
	if errors.Is(err, errTooBig) {
		return nil, fmt.Errorf("%w: over %d bytes", ErrTooManyURLs, MaxSitemapBytes)
	}
	return b, err
}

// NewsURL is one article of a Google News sitemap. Lang is the ISO 639 code
// Google expects ("ar", "ru", "en").
type NewsURL struct {
	Loc, PublicationName, Lang, Title string
	Published                         time.Time
}

type newsNews struct {
	Publication newsPublication `xml:"news:publication"`
	Date        string          `xml:"news:publication_date"`
	Title       string          `xml:"news:title"`
}

type newsPublication struct {
	Name     string `xml:"news:name"`
	Language string `xml:"news:language"`
}

// NewsSitemap writes a Google News sitemap of at most MaxNewsURLs articles.
// Google wants only articles published in the last two days; choosing them is
// the caller's job (this package never reads the clock, so its output
// depends on its input alone).
func NewsSitemap(urls []NewsURL) ([]byte, error) {
	if len(urls) > MaxNewsURLs {
		return nil, fmt.Errorf("%w: %d news URLs, limit %d", ErrTooManyURLs, len(urls), MaxNewsURLs)
	}
	set := urlset{NS: nsSitemap, NSNews: nsNews, URLs: make([]sitemapURL, 0, len(urls))}
	for i, n := range urls {
		switch {
		case n.Loc == "" || n.PublicationName == "" || n.Lang == "" || n.Title == "":
			return nil, fmt.Errorf("feed: news url %d: loc, publication name, language and title are all required", i)
		case n.Published.IsZero():
			return nil, fmt.Errorf("feed: news url %d (%s): no publication date", i, n.Loc)
		}
		set.URLs = append(set.URLs, sitemapURL{
			Loc: clean(n.Loc),
			News: &newsNews{
				Publication: newsPublication{Name: clean(n.PublicationName), Language: clean(n.Lang)},
				Date:        rfc3339(n.Published),
				Title:       clean(n.Title),
			},
		})
	}
	return marshalSitemap(set)
}

func marshalSitemap(set urlset) ([]byte, error) {
	b, err := marshalXML(set, MaxSitemapBytes)
	if errors.Is(err, errTooBig) {
		return nil, fmt.Errorf("%w: over %d bytes", ErrTooManyURLs, MaxSitemapBytes)
	}
	return b, err
}

package feed

import (
	"encoding/xml"
	"errors"
	"time"
)

type atomFeed struct {
	XMLName  xml.Name    `xml:"feed"`
	NS       string      `xml:"xmlns,attr"`
	NSMedia  string      `xml:"xmlns:media,attr"`
	Lang     string      `xml:"xml:lang,attr,omitempty"`
	ID       string      `xml:"id"`
	Title    atomText    `xml:"title"`
	Subtitle *atomText   `xml:"subtitle"`
	Updated  string      `xml:"updated"`
	Links    []atomLink  `xml:"link"`
	Icon     string      `xml:"icon,omitempty"`
	Author   *atomPerson `xml:"author"`
	Entries  []atomEntry `xml:"entry"`
}

// atomText is an Atom text construct. Titles and summaries are "text", so a
// reader shows "<" as a character; the body is "html", escaped once by
// encoding/xml, which the spec prefers over CDATA for that type.
type atomText struct {
	Type  string `xml:"type,attr"`
	Value string `xml:",chardata"`
}

// atomLink serves both Atom's <link> and RSS's <atom:link>.
type atomLink struct {
	Href     string `xml:"href,attr"`
	Rel      string `xml:"rel,attr,omitempty"`
	Type     string `xml:"type,attr,omitempty"`
	Hreflang string `xml:"hreflang,attr,omitempty"`
	Length   string `xml:"length,attr,omitempty"`
	Title    string `xml:"title,attr,omitempty"`
}

type atomPerson struct {
	Name string `xml:"name"`
	URI  string `xml:"uri,omitempty"`
}

type atomCategory struct {
	Term string `xml:"term,attr"`
}

type atomEntry struct {
	ID         string         `xml:"id"`
	Title      atomText       `xml:"title"`
	Links      []atomLink     `xml:"link"`
	Published  string         `xml:"published,omitempty"`
	Updated    string         `xml:"updated"`
	Authors    []atomPerson   `xml:"author"`
	Categories []atomCategory `xml:"category"`
	Summary    *atomText      `xml:"summary"`
	Content    *atomText      `xml:"content"`
	Media      *mediaContent  `xml:"media:content"`
	// Contributors name the agency an article comes from. Atom's <source>
	// is for the metadata of a feed an entry was copied from, which an
	// agency's site is not; a contributor is "an entity who contributed to
	// the entry".
	Contributors []atomPerson `xml:"contributor"`
}

// Atom writes f as Atom 1.0. The feed id is FeedURL; the language goes to
// xml:lang and to the hreflang of the alternate link. Atom requires an author
// for every entry: when an entry has none, the feed names the site (its
// title) as author, which readers then apply to that entry.
func Atom(f Feed) ([]byte, error) {
	if err := f.check(); err != nil {
		return nil, err
	}
	updated := f.updated()
	if updated.IsZero() {
		return nil, errors.New("feed: atom needs Updated or a dated item")
	}
	lang := clean(f.Lang)
	a := atomFeed{
		NS: nsAtom, NSMedia: nsMedia, Lang: lang,
		ID:      clean(f.FeedURL),
		Title:   atomText{Type: "text", Value: clean(f.Title)},
		Updated: rfc3339(updated),
		Links: []atomLink{
			{Href: clean(f.SiteURL), Rel: "alternate", Type: "text/html", Hreflang: lang},
			{Href: clean(f.FeedURL), Rel: "self", Type: "application/atom+xml"},
		},
		Icon: clean(f.IconURL),
	}
	if d := clean(f.Description); d != "" {
		a.Subtitle = &atomText{Type: "text", Value: d}
	}
	for i := range f.Items {
		e := atomEntryOf(&f.Items[i], updated)
		if len(e.Authors) == 0 {
			a.Author = &atomPerson{Name: a.Title.Value}
		}
		a.Entries = append(a.Entries, e)
	}
	return marshalXML(a, 0)
}

// atomEntryOf converts one item; fallback is the feed's time, used when the
// item has no date at all, because Atom requires <updated>.
func atomEntryOf(it *Item, fallback time.Time) atomEntry {
	updated := it.updated()
	if updated.IsZero() {
		updated = fallback
	}
	e := atomEntry{
		ID:        clean(it.ID),
		Title:     atomText{Type: "text", Value: clean(it.Title)},
		Links:     []atomLink{{Href: clean(it.URL), Rel: "alternate", Type: "text/html"}},
		Published: rfc3339(it.Published),
		Updated:   rfc3339(updated),
	}
	for _, name := range cleanAll(it.Authors) {
		e.Authors = append(e.Authors, atomPerson{Name: name})
	}
	for _, c := range cleanAll(it.Categories) {
		e.Categories = append(e.Categories, atomCategory{Term: c})
	}
	if s := clean(it.Summary); s != "" {
		e.Summary = &atomText{Type: "text", Value: s}
	}
	if it.ContentHTML != "" {
		e.Content = &atomText{Type: "html", Value: clean(it.ContentHTML)}
	}
	if img := it.Image; img != nil {
		typ := imageMIME(img)
		e.Links = append(e.Links, atomLink{
			Href: clean(img.URL), Rel: "enclosure", Type: typ,
			Length: itoa(img.Length), Title: clean(img.Alt),
		})
		e.Media = mediaOf(img, typ)
	}
	if name := clean(it.SourceName); name != "" {
		e.Contributors = append(e.Contributors, atomPerson{Name: name, URI: clean(it.SourceURL)})
	}
	return e
}

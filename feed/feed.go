// Package feed writes the machine-readable views of a Khabar site: RSS 2.0,
// Atom 1.0 and JSON Feed 1.1 for a list of articles, sitemap.xml with hreflang
// alternates, a Google News sitemap, and robots.txt.
//
// The input types are neutral (plain strings, URLs and times) so that this
// package knows nothing of articles, stories or the database: the web layer
// fills them, already in one language, with absolute URLs and sanitised HTML.
// Everything is written with encoding/xml and encoding/json alone.
//
// Every writer removes characters that XML 1.0 forbids (control characters
// other than tab, newline and carriage return) and replaces invalid UTF-8
// with U+FFFD, so a stray byte pasted into a title cannot make a whole feed
// unreadable. The JSON writer cleans text the same way so that an item reads
// the same in every format. All other text, Arabic tashkeel and tatweel
// included, is written byte for byte.
//
// Errors are plain (not khabar.Error): every one of them is a bug in the
// caller, which the web layer reports as an internal error.
package feed

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Content types to send with each format. The charset is explicit because
// some readers default text/xml-like types to US-ASCII or Latin-1.
const (
	RSSType  = "application/rss+xml; charset=utf-8"
	AtomType = "application/atom+xml; charset=utf-8"
	JSONType = "application/feed+json; charset=utf-8"
)

// Media types to name in a page's <link rel="alternate" type="…"> so that
// feed readers find the feed. They are the bare types: autodiscovery tools
// compare the attribute as a string (link[type="application/rss+xml"]), and
// a charset parameter hides the feed from them.
const (
	RSSLinkType  = "application/rss+xml"
	AtomLinkType = "application/atom+xml"
	JSONLinkType = "application/feed+json"
)

// Feed is one feed: a language's front page, a section or a tag.
type Feed struct {
	Title       string
	Description string
	// Lang is a BCP 47 tag ("ar", "ru", "en"). RSS writes it as <language>,
	// Atom as xml:lang, JSON Feed as "language".
	Lang string
	// Dir is "rtl" or "ltr" (or empty). No feed format has a field for text
	// direction, readers derive it from the language, so it is only checked;
	// the body HTML carries its own dir attributes.
	Dir string
	// SiteURL is the absolute URL of the HTML page the feed mirrors.
	SiteURL string
	// FeedURL is the absolute URL of this feed, written as its self link and
	// used as the Atom feed id, since it is stable and unique.
	FeedURL string
	// IconURL is optional.
	IconURL string
	// Updated is the time of the latest change. When zero, the latest item
	// time is used.
	Updated time.Time
	Items   []Item
}

// Item is one article in one language.
type Item struct {
	// ID must never change for the item, whatever is edited: readers use
	// it to tell new items from updated ones (RFC 4287 §4.2.6), so it must
	// not contain a slug that an editor may change. E.g.
	// "tag:example.org,2026:story/123/ar", or a URL made of ids only.
	ID string
	// URL is the absolute permalink.
	URL   string
	Title string
	// Summary is plain text.
	Summary string
	// ContentHTML is the sanitised body, with absolute URLs already.
	ContentHTML string
	Authors     []string
	// Categories are the tag and section names.
	Categories []string
	Published  time.Time
	// Updated is the last edit; when zero, Published is used.
	Updated time.Time
	// Image is the lead image, or nil.
	Image *Image
	// SourceName names the agency or site the article comes from ("TASS");
	// SourceURL is optional. They are written as a contributor (Atom),
	// dc:source (RSS) and an extension (JSON Feed): never as Atom's <source>
	// or RSS's <source url>, which name the feed an entry was copied from.
	SourceName string
	SourceURL  string
}

// Image is an item's lead image.
type Image struct {
	URL string
	// MIME is the image type; when empty it is guessed from the URL's
	// extension, because RSS enclosures require a type.
	MIME string
	// Length is the size in bytes (RSS enclosures require it; 0 if unknown).
	Length        int64
	Width, Height int
	Alt, Credit   string
}

// ErrTooManyURLs is returned by Sitemap and NewsSitemap when the caller
// passes more URLs than one file may hold; the caller must split the list and
// write a sitemap index.
var ErrTooManyURLs = errors.New("feed: too many URLs for one sitemap")

// check reports the first missing field that would make any format invalid.
// It runs before writing so that the three formats fail alike.
func (f *Feed) check() error {
	switch {
	case f.Title == "":
		return errors.New("feed: empty title")
	case f.SiteURL == "":
		return errors.New("feed: empty site URL")
	case f.FeedURL == "":
		return errors.New("feed: empty feed URL")
	case f.Dir != "" && f.Dir != "rtl" && f.Dir != "ltr":
		return fmt.Errorf("feed: dir %q is neither rtl nor ltr", f.Dir)
	}
	for i := range f.Items {
		it := &f.Items[i]
		switch {
		case it.ID == "":
			return fmt.Errorf("feed: item %d: empty id", i)
		case it.URL == "":
			return fmt.Errorf("feed: item %d (%s): empty URL", i, it.ID)
		case it.Title == "":
			return fmt.Errorf("feed: item %d (%s): empty title", i, it.ID)
		case it.Image != nil && it.Image.URL == "":
			return fmt.Errorf("feed: item %d (%s): image without URL", i, it.ID)
		}
	}
	return nil
}

// updated returns the feed's time of last change: Updated if set, otherwise
// the latest item time, otherwise zero.
func (f *Feed) updated() time.Time {
	if !f.Updated.IsZero() {
		return f.Updated
	}
	var t time.Time
	for i := range f.Items {
		if u := f.Items[i].updated(); u.After(t) {
			t = u
		}
	}
	return t
}

// updated returns Updated, or Published for an item never edited.
func (it *Item) updated() time.Time {
	if !it.Updated.IsZero() {
		return it.Updated
	}
	return it.Published
}

// clean returns s without the characters XML 1.0 forbids and with invalid
// UTF-8 replaced by U+FFFD. encoding/xml would turn forbidden characters
// into U+FFFD too, but a vertical tab pasted from a word processor is noise,
// not a character the reader should see as a box; and CDATA sections are
// written without any check, so they must be clean before.
func clean(s string) string {
	for i, r := range s {
		if !xmlChar(r) || (r == utf8.RuneError && isInvalidAt(s, i)) {
			return strings.Map(cleanRune, s)
		}
	}
	return s
}

// cleanRune is the strings.Map function for clean. strings.Map passes an
// invalid byte as utf8.RuneError, which it then writes as U+FFFD.
func cleanRune(r rune) rune {
	if xmlChar(r) {
		return r
	}
	return -1
}

// isInvalidAt reports whether the RuneError decoded at s[i:] stands for an
// invalid byte rather than a literal U+FFFD.
func isInvalidAt(s string, i int) bool {
	_, size := utf8.DecodeRuneInString(s[i:])
	return size == 1
}

// xmlChar reports whether r is a Char in the XML 1.0 grammar.
func xmlChar(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r':
		return true
	case r < 0x20:
		return false
	case r <= 0xD7FF:
		return true
	case r < 0xE000:
		return false
	case r <= 0xFFFD:
		return true
	case r < 0x10000:
		return false
	default:
		return r <= utf8.MaxRune
	}
}

// cleanAll cleans every string of a list, dropping the ones left empty.
func cleanAll(ss []string) []string {
	var out []string
	for _, s := range ss {
		if s = clean(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// rfc3339 formats t for Atom, JSON Feed and sitemaps (a W3C datetime), in
// UTC so that the output does not depend on the server's zone. The zero time
// gives "" so that omitempty drops it.
func rfc3339(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// rfc1123 formats t for RSS, which predates RFC 3339 and requires RFC 822
// dates; RFC 1123 adds the four-digit year every reader expects.
func rfc1123(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC1123Z)
}

// imageMIME returns the image's type, guessing from the URL's extension for
// the formats Khabar stores. A fixed table, not mime.TypeByExtension, so the
// output does not depend on the machine's /etc/mime.types.
func imageMIME(img *Image) string {
	if img.MIME != "" {
		return img.MIME
	}
	u := img.URL
	if i := strings.IndexAny(u, "?#"); i >= 0 {
		u = u[:i]
	}
	u = strings.ToLower(u)
	for ext, typ := range map[string]string{
		".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png",
		".webp": "image/webp", ".avif": "image/avif", ".gif": "image/gif",
		".svg": "image/svg+xml",
	} {
		if strings.HasSuffix(u, ext) {
			return typ
		}
	}
	return "application/octet-stream"
}

// marshalXML writes the XML declaration every format here starts with, then
// v, indented. It encodes straight into one buffer, no copy, because a full
// sitemap is tens of megabytes. With limit > 0 it stops as soon as the output
// would pass limit bytes and returns errTooBig.
func marshalXML(v any, limit int) ([]byte, error) {
	buf := &cappedBuffer{limit: limit}
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(buf)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		if errors.Is(err, errTooBig) {
			return nil, err
		}
		return nil, fmt.Errorf("feed: encode xml: %w", err)
	}
	if _, err := buf.Write([]byte{'\n'}); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// errTooBig is returned by cappedBuffer once its limit would be passed.
var errTooBig = errors.New("feed: output too large")

// cappedBuffer is a bytes.Buffer that refuses to grow past limit (when
// limit > 0), so an oversized sitemap fails without ever being held whole.
type cappedBuffer struct {
	bytes.Buffer
	limit int
}

func (b *cappedBuffer) Write(p []byte) (int, error) {
	if b.limit > 0 && b.Len()+len(p) > b.limit {
		return 0, errTooBig
	}
	return b.Buffer.Write(p)
}

// itoa is strconv.FormatInt for the enclosure length in Atom, where the
// attribute is a string so that zero can be omitted.
func itoa(n int64) string {
	if n <= 0 {
		return ""
	}
	return strconv.FormatInt(n, 10)
}

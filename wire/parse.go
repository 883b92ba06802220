package wire

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"mime"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html/charset"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/markup"
)

// xmlEncoding finds the encoding an XML declaration names.
var xmlEncoding = regexp.MustCompile(`^\s*<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']`)

// Parse reads a feed's answer: its bytes, its Content-Type, and its address
// (for links relative to it). A feed that cannot be read leaves a problem,
// never a half-read list.
func Parse(body []byte, contentType string, base *url.URL) Fetched {
	body = bytes.TrimPrefix(body, []byte("\xef\xbb\xbf"))
	if len(bytes.TrimSpace(body)) == 0 {
		return Fetched{Status: khabar.WireEmpty}
	}
	if looksLikeHTML(body, contentType) {
		mt, _, _ := mime.ParseMediaType(contentType)
		return Fetched{Status: khabar.WireHTML, Detail: mt}
	}
	body, problem := toUTF8(body, contentType)
	if problem != "" {
		return Fetched{Status: khabar.WireEncoding, Detail: problem}
	}
	feed, err := gofeed.NewParser().Parse(bytes.NewReader(body))
	if errors.Is(err, gofeed.ErrFeedTypeNotDetected) {
		return Fetched{Status: khabar.WireMalformed, Detail: "not RSS, Atom or JSON Feed"}
	}
	if err != nil {
		return Fetched{Status: khabar.WireMalformed, Detail: firstLine(err.Error())}
	}
	var items []khabar.WireItem
	for _, fi := range feed.Items {
		if it, ok := item(fi, base); ok {
			items = append(items, it)
		}
		if len(items) == khabar.MaxWireItemsPerPoll {
			break
		}
	}
	if len(items) == 0 && len(feed.Items) > 0 {
		return Fetched{Status: khabar.WireEmpty}
	}
	return Fetched{Status: khabar.WireOK, Items: items}
}

// toUTF8 turns the feed into UTF-8 when it says it is in another encoding
// (its XML declaration first, then its Content-Type) and checks that it
// really is in the encoding it names. Two mistakes are common: bytes of a
// single-byte code page (windows-1251) in a feed said to be UTF-8, which
// are not valid UTF-8; and UTF-8 in a feed said to be windows-1251, which
// would come out as mojibake ("РўРђРЎРЎ") and is caught because real
// code-page text is almost never valid multi-byte UTF-8 as well.
func toUTF8(body []byte, contentType string) ([]byte, string) {
	label := ""
	if m := xmlEncoding.FindSubmatch(body[:min(len(body), 256)]); m != nil {
		label = string(m[1])
	} else if _, params, err := mime.ParseMediaType(contentType); err == nil {
		label = params["charset"]
	}
	enc, name := charset.Lookup(label)
	if label == "" || name == "utf-8" {
		if !utf8.Valid(body) {
			return nil, "not UTF-8"
		}
		return body, ""
	}
	if enc == nil {
		return nil, "unknown encoding " + label
	}
	if isMultiByteUTF8(body) {
		return nil, "says " + name + " but is UTF-8"
	}
	out, err := io.ReadAll(enc.NewDecoder().Reader(bytes.NewReader(body)))
	if err != nil {
		return nil, "not " + name
	}
	// The declaration now names an encoding the text is no longer in.
	if m := xmlEncoding.FindSubmatchIndex(out[:min(len(out), 256)]); m != nil {
		out = append(append(append([]byte{}, out[:m[2]]...), "UTF-8"...), out[m[3]:]...)
	}
	return out, ""
}

// isMultiByteUTF8 reports whether b is valid UTF-8 with characters beyond
// ASCII in it.
func isMultiByteUTF8(b []byte) bool {
	if !utf8.Valid(b) {
		return false
	}
	for _, c := range b {
		if c >= 0x80 {
			return true
		}
	}
	return false
}

// item reads one feed item; one without a title or text is skipped.
func item(fi *gofeed.Item, base *url.URL) (khabar.WireItem, bool) {
	it := khabar.WireItem{
		GUID:     cut(khabar.CleanLine(fi.GUID), 500),
		Link:     absolute(base, fi.Link),
		Title:    cut(khabar.CleanLine(text(fi.Title)), khabar.MaxWireTitleRunes),
		Summary:  cut(text(fi.Description), khabar.MaxWireSummaryRunes),
		Body:     cut(text(fi.Content), khabar.MaxWireBodyRunes),
		ImageURL: image(fi, base),
	}
	if fi.Author != nil {
		it.Author = cut(khabar.CleanLine(fi.Author.Name), 200)
	}
	if it.Body == it.Summary {
		it.Body = ""
	}
	switch {
	case fi.PublishedParsed != nil:
		it.PublishedAt = fi.PublishedParsed.UTC()
	case fi.UpdatedParsed != nil:
		it.PublishedAt = fi.UpdatedParsed.UTC()
	}
	if it.Title == "" {
		it.Title = cut(khabar.CleanLine(strings.Join(strings.Fields(it.Summary), " ")), 120)
	}
	if it.Title == "" {
		return it, false
	}
	if it.GUID == "" && it.Link == "" {
		// Nothing names the item: what it says does, so that the next
		// poll knows it again.
		sum := sha256.Sum256([]byte(it.Title + "\n" + it.Summary + "\n" + it.PublishedAt.Format(time.RFC3339)))
		it.GUID = "sha256:" + hex.EncodeToString(sum[:16])
	}
	return it, true
}

// text is the plain text of a feed's HTML or text field, paragraphs
// separated by blank lines.
func text(s string) string {
	s = khabar.CleanText(s)
	if !strings.ContainsAny(s, "<&") {
		return strings.TrimSpace(s)
	}
	return strings.TrimSpace(markup.PlainText(s))
}

// cut shortens s to at most n runes.
func cut(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:n-1])) + "…"
}

// absolute resolves a link against the feed's address; anything but http
// and https is dropped.
func absolute(base *url.URL, link string) string {
	link = strings.TrimSpace(link)
	if link == "" {
		return ""
	}
	u, err := url.Parse(link)
	if err != nil {
		return ""
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || len(u.String()) > khabar.MaxWireURLBytes {
		return ""
	}
	return u.String()
}

// image is the item's picture: its own, or an image enclosure.
func image(fi *gofeed.Item, base *url.URL) string {
	if fi.Image != nil && fi.Image.URL != "" {
		return absolute(base, fi.Image.URL)
	}
	for _, e := range fi.Enclosures {
		if e != nil && strings.HasPrefix(e.Type, "image/") {
			return absolute(base, e.URL)
		}
	}
	return ""
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return cut(s, 200)
}

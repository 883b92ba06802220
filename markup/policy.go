package markup

import (
	"net/url"
	"regexp"
	"strings"
	"sync"

	"github.com/microcosm-cc/bluemonday"
)

// policy returns the bluemonday allow-list. It is built on first use and never
// changed afterwards: bluemonday policies are safe for concurrent Sanitize calls
// only once nobody adds rules to them.
var policy = sync.OnceValue(newPolicy)

var (
	dirValue    = regexp.MustCompile(`(?i)^(ltr|rtl|auto)$`)
	langValue   = regexp.MustCompile(`^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$`)
	digitsValue = regexp.MustCompile(`^[0-9]{1,5}$`)
	loadValue   = regexp.MustCompile(`(?i)^(lazy|eager)$`)
)

// newPolicy builds the allow-list. It is deliberately a little wider than the
// stored form (h1, h5, h6, b, i, div, span survive it) because the structural
// pass that follows renames or unwraps those; anything this policy drops is
// gone for good, so it must keep what carries meaning.
func newPolicy() *bluemonday.Policy {
	p := bluemonday.NewPolicy()
	p.AllowElements(
		"p", "div", "h1", "h2", "h3", "h4", "h5", "h6",
		"blockquote", "ul", "ol", "li", "hr", "br",
		"figure", "figcaption",
		"strong", "em", "b", "i", "s", "sub", "sup", "cite", "q", "bdi", "span",
	)
	p.AllowAttrs("dir").Matching(dirValue).Globally()
	p.AllowAttrs("lang").Matching(langValue).Globally()
	p.AllowAttrs("cite").OnElements("blockquote", "q")
	p.AllowAttrs("href", "title").OnElements("a")
	p.AllowAttrs("src", "alt").OnElements("img")
	p.AllowAttrs("width", "height").Matching(digitsValue).OnElements("img")
	p.AllowAttrs("loading").Matching(loadValue).OnElements("img")
	p.AllowURLSchemes("http", "https", "mailto")
	p.AllowRelativeURLs(true)
	p.RequireParseableURLs(true)
	// Editorial links are the newsroom's own choice: no nofollow, and with no
	// target attribute allowed there is no window.opener to guard against.
	p.RequireNoFollowOnLinks(false)
	return p
}

// safeURL reports whether raw, an attribute value already decoded from its
// entities, is a URL the stored body may carry, and returns it trimmed.
// It repeats bluemonday's check on purpose: the structural pass renders its own
// output and must not rely on an earlier stage for safety.
//
// Browsers drop tabs and newlines anywhere in a URL and spaces and controls at
// its ends, which is how "jav&#x09;ascript:" becomes "javascript:"; so those are
// removed before the scheme is read, and any other control character rejects
// the URL outright.
func safeURL(raw string, image bool) (string, bool) {
	u := strings.Trim(raw, "\x00\x01\x02\x03\x04\x05\x06\x07\x08\t\n\v\f\r\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f ")
	if strings.ContainsAny(u, "\t\n\r") {
		u = strings.Map(func(r rune) rune {
			if r == '\t' || r == '\n' || r == '\r' {
				return -1
			}
			return r
		}, u)
	}
	if u == "" {
		return "", false
	}
	for _, r := range u {
		if r < 0x20 || r == 0x7f || r == ' ' || r == '\\' {
			return "", false
		}
	}
	scheme := ""
	if i := strings.IndexAny(u, ":/?#"); i > 0 && u[i] == ':' {
		scheme = strings.ToLower(u[:i])
	} else if i == 0 && u[0] == ':' {
		return "", false
	}
	if _, err := url.Parse(u); err != nil {
		return "", false
	}
	switch {
	case scheme == "http" || scheme == "https":
		return u, true
	case scheme == "mailto":
		return u, !image
	case scheme != "":
		return "", false
	case image:
		// Images live in the media library (/media/...) or at a full URL;
		// a path relative to the article's own URL would break on every
		// other page that shows the body (front page, feeds, translations).
		return u, strings.HasPrefix(u, "/")
	default:
		return u, true
	}
}

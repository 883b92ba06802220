package khabar

import (
	"context"
	"net/url"
	"strings"
	"time"
	"unicode"
)

// Redirect sends readers and search engines from an old address to where
// its content lives now, with 301 Moved Permanently: a site that moves to
// Khabar keeps the links and the search ranking its old pages had. Imports
// make one for each old permalink; editors make others by hand.
//
// The target is a story's version (StoryID, Lang), a static page (PageID,
// Lang), or To. A story or page is found by id, so the redirect follows it
// when its slug changes.
type Redirect struct {
	ID int64
	// From is the old address as RedirectPath writes it: a path, with the
	// query when there is one ("/2019/05/summit", "/?p=123").
	From      string
	StoryID   int64
	PageID    int64
	Lang      string
	To        string // a path on this site ("/ar/") or an http(s) address
	CreatedAt time.Time
}

// MaxRedirectBytes bounds an address of a redirect.
const MaxRedirectBytes = 2000

// RedirectPath is the form in which a redirect's old address is kept and
// looked up: the path of a URL or of a path (the host is dropped: the old
// site's domain now points here), percent-escapes decoded (WordPress writes
// Arabic slugs escaped, in either case of hex digits), without the slash at
// the end that WordPress adds, and with the query when it has one, its
// parameters sorted. ok is false for what is no address at all.
func RedirectPath(raw string) (string, bool) {
	raw = strings.TrimSpace(raw)
	u, err := url.Parse(raw)
	if err != nil || raw == "" || (u.Scheme != "" && u.Scheme != "http" && u.Scheme != "https") || u.Opaque != "" {
		return "", false
	}
	p := u.Path
	if p == "" {
		p = "/"
	}
	if !strings.HasPrefix(p, "/") {
		return "", false
	}
	if len(p) > 1 {
		p = strings.TrimRight(p, "/")
		if p == "" {
			p = "/"
		}
	}
	if u.RawQuery != "" {
		q, err := url.ParseQuery(u.RawQuery)
		if err != nil {
			return "", false
		}
		if enc := q.Encode(); enc != "" {
			p += "?" + enc
		}
	}
	return p, true
}

// Validate checks a redirect before it is saved: an old address in
// RedirectPath's form and exactly one target.
func (r *Redirect) Validate() error {
	if err := checkText("from", r.From); err != nil {
		return err
	}
	if p, ok := RedirectPath(r.From); !ok || p != r.From || len(r.From) > MaxRedirectBytes {
		return Invalid("from", "err.redirect.from", "from", r.From)
	}
	targets := 0
	for _, set := range []bool{r.StoryID != 0, r.PageID != 0, r.To != ""} {
		if set {
			targets++
		}
	}
	if targets != 1 {
		return Invalid("to", "err.redirect.target")
	}
	if (r.StoryID != 0 || r.PageID != 0) && r.Lang == "" {
		return Invalid("lang", "err.redirect.lang")
	}
	if r.To != "" {
		return CheckRedirectTarget("to", r.To)
	}
	return nil
}

// CheckRedirectTarget accepts a path on this site or an absolute http(s)
// address: nothing a browser would read as a script or another scheme.
func CheckRedirectTarget(field, to string) error {
	if err := checkText(field, to); err != nil {
		return err
	}
	if len(to) > MaxRedirectBytes || strings.ContainsFunc(to, unicode.IsSpace) {
		return Invalid(field, "err.redirect.to", "to", to)
	}
	if strings.HasPrefix(to, "/") && !strings.HasPrefix(to, "//") && !strings.HasPrefix(to, "/\\") {
		return nil
	}
	if err := CheckWebAddress(field, to); err != nil {
		return Invalid(field, "err.redirect.to", "to", to)
	}
	return nil
}

// RedirectService keeps redirects.
type RedirectService interface {
	// RedirectFrom returns the redirect of an old address (in
	// RedirectPath's form); ENotFound when there is none.
	RedirectFrom(ctx context.Context, from string) (*Redirect, error)
	// Redirects returns a page of redirects, newest first, and the total;
	// query, when set, keeps those whose old address contains it.
	Redirects(ctx context.Context, query string, limit, offset int) ([]Redirect, int, error)
	// Redirect returns one redirect by id.
	Redirect(ctx context.Context, id int64) (*Redirect, error)
}

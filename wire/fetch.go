// Package wire is the wire desk's intake: it fetches the news feeds of
// agencies (RSS, Atom, JSON Feed) over HTTP within firm limits, reads their
// items, and polls every feed on its schedule, one node at a time
// (Poller). What an item becomes in the newsroom — a draft that credits the
// agency — is package newsroom's use case; the draft's first text is made
// here (DraftBody).
package wire

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/khabarnews/khabar"
)

// Limits is how much one fetch may cost.
type Limits struct {
	// Timeout bounds the whole fetch: connecting, waiting and reading; a
	// feed that trickles its bytes in is cut off by it.
	Timeout time.Duration
	// MaxBytes is the largest answer read; a larger one is refused whole.
	MaxBytes int64
	// MaxRedirects is how many redirects are followed.
	MaxRedirects int
}

// DefaultLimits suit agency feeds, which are a few hundred kilobytes.
func DefaultLimits() Limits {
	return Limits{Timeout: 30 * time.Second, MaxBytes: 5 << 20, MaxRedirects: 5}
}

// Fetcher fetches feeds.
type Fetcher struct {
	limits    Limits
	client    *http.Client
	userAgent string
}

// NewFetcher returns a fetcher within limits (zero fields take the
// defaults) that names itself userAgent.
func NewFetcher(limits Limits, userAgent string) *Fetcher {
	def := DefaultLimits()
	if limits.Timeout <= 0 {
		limits.Timeout = def.Timeout
	}
	if limits.MaxBytes <= 0 {
		limits.MaxBytes = def.MaxBytes
	}
	if limits.MaxRedirects <= 0 {
		limits.MaxRedirects = def.MaxRedirects
	}
	dialer := &net.Dialer{Timeout: 10 * time.Second, Control: refuseAddress}
	transport := &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           dialer.DialContext,
		TLSHandshakeTimeout:   10 * time.Second,
		ResponseHeaderTimeout: limits.Timeout,
		MaxIdleConnsPerHost:   2,
		IdleConnTimeout:       time.Minute,
	}
	f := &Fetcher{limits: limits, userAgent: userAgent}
	f.client = &http.Client{Transport: transport, Timeout: limits.Timeout, CheckRedirect: f.checkRedirect}
	return f
}

// Fetched is what one fetch found: the items, or the problem (Status is a
// khabar.Wire* problem, Detail says more).
type Fetched struct {
	Status, Detail string
	NotModified    bool
	ETag, LastMod  string
	Items          []khabar.WireItem
	// RetryAfter is how long the server asked to be left alone (429, 503).
	RetryAfter time.Duration
}

var (
	errRedirectLoop = errors.New("redirect loop")
	errRedirects    = errors.New("too many redirects")
	errScheme       = errors.New("redirect to an address that is not http or https")
	errAddress      = errors.New("address not allowed")
)

func (f *Fetcher) checkRedirect(req *http.Request, via []*http.Request) error {
	if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
		return errScheme
	}
	for _, v := range via {
		if v.URL.String() == req.URL.String() {
			return errRedirectLoop
		}
	}
	if len(via) > f.limits.MaxRedirects {
		return errRedirects
	}
	return nil
}

// refuseAddress keeps feeds off the addresses no news agency serves from
// and that a cloud host answers secrets at (169.254.169.254): link-local,
// multicast and unspecified ones.
func refuseAddress(network, address string, _ syscall.RawConn) error {
	host, _, err := net.SplitHostPort(address)
	if err != nil {
		return err
	}
	a, err := netip.ParseAddr(host)
	if err != nil {
		return err
	}
	a = a.Unmap()
	if a.IsLinkLocalUnicast() || a.IsLinkLocalMulticast() || a.IsMulticast() || a.IsUnspecified() {
		return errAddress
	}
	return nil
}

// Fetch fetches a feed, sending back the validators of its last answer,
// and reads its items.
func (f *Fetcher) Fetch(ctx context.Context, feed khabar.WireFeed) Fetched {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, feed.URL, nil)
	if err != nil {
		return Fetched{Status: khabar.WireUnsupported, Detail: err.Error()}
	}
	req.Header.Set("User-Agent", f.userAgent)
	req.Header.Set("Accept", "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.1")
	if feed.ETag != "" {
		req.Header.Set("If-None-Match", feed.ETag)
	}
	if feed.LastModified != "" {
		req.Header.Set("If-Modified-Since", feed.LastModified)
	}
	resp, err := f.client.Do(req)
	if err != nil {
		return fetchError(err)
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusNotModified:
		return Fetched{Status: khabar.WireOK, NotModified: true}
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10)) // keep the connection when it is cheap
		return Fetched{Status: khabar.WireHTTP, Detail: strconv.Itoa(resp.StatusCode), RetryAfter: retryAfter(resp.Header.Get("Retry-After"))}
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, f.limits.MaxBytes+1))
	if err != nil {
		return fetchError(err)
	}
	if int64(len(body)) > f.limits.MaxBytes {
		return Fetched{Status: khabar.WireTooLarge, Detail: strconv.FormatInt(f.limits.MaxBytes, 10)}
	}
	out := Parse(body, resp.Header.Get("Content-Type"), resp.Request.URL)
	if out.Status == khabar.WireOK {
		out.ETag, out.LastMod = resp.Header.Get("ETag"), resp.Header.Get("Last-Modified")
	}
	return out
}

// fetchError names the problem of a fetch that got no usable answer.
func fetchError(err error) Fetched {
	var ne net.Error
	switch {
	case errors.Is(err, errRedirectLoop):
		return Fetched{Status: khabar.WireRedirects, Detail: "loop"}
	case errors.Is(err, errRedirects):
		return Fetched{Status: khabar.WireRedirects}
	case errors.Is(err, errScheme), errors.Is(err, errAddress):
		return Fetched{Status: khabar.WireUnsupported, Detail: rootCause(err)}
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &ne) && ne.Timeout():
		return Fetched{Status: khabar.WireTimeout}
	}
	return Fetched{Status: khabar.WireNetwork, Detail: rootCause(err)}
}

// rootCause is the innermost message of an error chain, without the
// method and address net/http puts before it.
func rootCause(err error) string {
	for {
		next := errors.Unwrap(err)
		if next == nil {
			return err.Error()
		}
		err = next
	}
}

// retryAfter reads a Retry-After header: seconds, or an HTTP date.
func retryAfter(v string) time.Duration {
	if v == "" {
		return 0
	}
	if s, err := strconv.Atoi(strings.TrimSpace(v)); err == nil && s > 0 {
		return time.Duration(s) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		return time.Until(t)
	}
	return 0
}

// looksLikeHTML reports whether an answer is a web page: it begins like
// one, or its type says so and it does not begin like a feed (servers that
// label their RSS text/html are common, and the feed is still good).
func looksLikeHTML(body []byte, contentType string) bool {
	head := bytes.ToLower(bytes.TrimLeft(bytes.TrimPrefix(body[:min(len(body), 512)], []byte("\xef\xbb\xbf")), " \t\r\n"))
	if bytes.HasPrefix(head, []byte("<!doctype html")) || bytes.HasPrefix(head, []byte("<html")) {
		return true
	}
	mt, _, _ := mime.ParseMediaType(contentType)
	if mt != "text/html" && mt != "application/xhtml+xml" {
		return false
	}
	for _, feed := range []string{"<?xml", "<rss", "<feed", "<rdf", "{"} {
		if bytes.HasPrefix(head, []byte(feed)) {
			return false
		}
	}
	return true
}

func (f Fetched) String() string {
	if f.Detail == "" {
		return f.Status
	}
	return fmt.Sprintf("%s (%s)", f.Status, f.Detail)
}

package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"time"
)

// get fetches url asking for gzip or not, without following redirects,
// and returns the raw (possibly gzip) body.
func get(ctx context.Context, c *http.Client, u string, gz bool) (*http.Response, []byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, nil, err
	}
	if gz {
		req.Header.Set("Accept-Encoding", "gzip")
	} else {
		req.Header.Set("Accept-Encoding", "identity")
	}
	resp, err := c.Do(req)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	return resp, body, err
}

// plainClient neither follows redirects nor decompresses.
func plainClient() *http.Client {
	return &http.Client{
		Timeout:       5 * time.Minute, // an uncached front page may take long: it is measured
		Transport:     &http.Transport{DisableCompression: true},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

// fetchPage fetches a page from Khabar twice, with and without gzip, checks
// that both are the same page, and returns it for nginx to serve, with
// how long the first (uncached) answer took.
func fetchPage(ctx context.Context, base, path, name string) (staticPage, time.Duration, error) {
	c := plainClient()
	t0 := time.Now()
	resp, gz, err := get(ctx, c, base+path, true)
	if err != nil {
		return staticPage{}, 0, err
	}
	first := time.Since(t0)
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Encoding") != "gzip" {
		return staticPage{}, 0, fmt.Errorf("GET %s: %s, Content-Encoding %q; want 200 and gzip", path, resp.Status, resp.Header.Get("Content-Encoding"))
	}
	_, body, err := get(ctx, c, base+path, false)
	if err != nil {
		return staticPage{}, 0, err
	}
	unz, err := gunzip(gz)
	if err != nil || !bytes.Equal(unz, body) {
		return staticPage{}, 0, fmt.Errorf("GET %s: the gzip copy is not the page (%v)", path, err)
	}
	return staticPage{name: name, header: resp.Header, body: body, gz: gz}, first, nil
}

func gunzip(b []byte) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	return io.ReadAll(zr)
}

// sameBytes checks that two servers send identical bodies for a page, in
// both encodings.
func sameBytes(ctx context.Context, khabarURL, nginxURL string) error {
	c := plainClient()
	for _, gz := range []bool{true, false} {
		r1, b1, err := get(ctx, c, khabarURL, gz)
		if err != nil {
			return err
		}
		r2, b2, err := get(ctx, c, nginxURL, gz)
		if err != nil {
			return err
		}
		if r1.StatusCode != 200 || r2.StatusCode != 200 || !bytes.Equal(b1, b2) ||
			r1.Header.Get("Content-Encoding") != r2.Header.Get("Content-Encoding") {
			return fmt.Errorf("%s and %s differ (gzip %v: status %d/%d, %d/%d bytes, encoding %q/%q)", khabarURL, nginxURL, gz,
				r1.StatusCode, r2.StatusCode, len(b1), len(b2), r1.Header.Get("Content-Encoding"), r2.Header.Get("Content-Encoding"))
		}
	}
	return nil
}

// canonical returns where Khabar redirects path (an article's address
// without its slug), without fetching it, so that its first answer can be
// measured.
func canonical(ctx context.Context, base, path string) (string, error) {
	resp, _, err := get(ctx, plainClient(), base+path, true)
	if err != nil {
		return "", err
	}
	if resp.StatusCode != http.StatusMovedPermanently {
		return "", fmt.Errorf("GET %s: %s; want a redirect to the canonical address", path, resp.Status)
	}
	loc, err := url.Parse(resp.Header.Get("Location"))
	if err != nil {
		return "", err
	}
	return loc.RequestURI(), nil
}

// addEditor creates the newsroom account that publishes during the run,
// with the khabar command, before the server starts.
func addEditor(ctx context.Context, cfg config, login, password string) error {
	cmd := exec.CommandContext(ctx, cfg.khabar, "user", "add", "--data", cfg.data(), "--login", login, "--role", "editor")
	cmd.Stdin = strings.NewReader(password + "\n")
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		return fmt.Errorf("khabar user add: %v: %s", err, out)
	}
	return nil
}

// editor is a newsroom session over HTTP, as a browser would hold it.
type editor struct {
	base string
	c    *http.Client
}

func login(ctx context.Context, base, name, password string) (*editor, error) {
	jar, _ := cookiejar.New(nil)
	e := &editor{base: base, c: plainClient()}
	e.c.Jar = jar
	resp, err := e.post(ctx, "/admin/login", url.Values{"login": {name}, "password": {password}, "next": {"/admin/"}})
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusSeeOther {
		return nil, fmt.Errorf("logging in: %s", resp.Status)
	}
	return e, nil
}

func (e *editor) post(ctx context.Context, path string, form url.Values) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, e.base+path, strings.NewReader(form.Encode()))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := e.c.Do(req)
	if err != nil {
		return nil, err
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp, nil
}

var (
	editorPathRe   = regexp.MustCompile(`^/admin/stories/(\d+)/([a-z]+)`)
	baseRevisionRe = regexp.MustCompile(`name="base_revision"[^>]*value="(\d+)"`)
)

// draft creates a story with one version in lang through the new-story
// form and returns the editor's path and the revision to publish.
func (e *editor) draft(ctx context.Context, lang, title, body string) (path, revision string, err error) {
	form := url.Values{"lang": {lang}, "title": {title}, "body": {body}}
	resp, err := e.post(ctx, "/admin/stories/new", form)
	if err != nil {
		return "", "", err
	}
	loc, _ := url.Parse(resp.Header.Get("Location"))
	if resp.StatusCode != http.StatusSeeOther || loc == nil || !editorPathRe.MatchString(loc.Path) {
		return "", "", fmt.Errorf("creating a story: %s, Location %q", resp.Status, resp.Header.Get("Location"))
	}
	_, page, err := get(ctx, e.c, e.base+loc.Path, false)
	if err != nil {
		return "", "", err
	}
	m := baseRevisionRe.FindSubmatch(page)
	if m == nil {
		return "", "", errors.New("no base_revision in the editor page")
	}
	return loc.Path, string(m[1]), nil
}

// publish saves the version unchanged with the editor's "publish" button.
func (e *editor) publish(ctx context.Context, path, lang, title, body, revision string) error {
	// confirmed: the answer to the editor's "publish it?" dialog.
	form := url.Values{"lang": {lang}, "title": {title}, "body": {body}, "base_revision": {revision}, "do": {"publish"}, "confirmed": {"1"}}
	resp, err := e.post(ctx, path, form)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusSeeOther || !strings.Contains(resp.Header.Get("Location"), "story_published") {
		return fmt.Errorf("publishing %s: %s, Location %q", path, resp.Status, resp.Header.Get("Location"))
	}
	return nil
}

// waitFor polls a public page until it contains want and returns when it
// first did.
func waitFor(ctx context.Context, u, want string, limit time.Duration) (time.Time, error) {
	c := plainClient()
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		resp, body, err := get(ctx, c, u, false)
		if err == nil && resp.StatusCode == http.StatusOK && bytes.Contains(body, []byte(want)) {
			return time.Now(), nil
		}
		time.Sleep(time.Millisecond)
	}
	return time.Time{}, fmt.Errorf("%q did not appear on %s within %v", want, u, limit)
}

// median of durations (the mean of the middle two for an even count).
func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	if len(s) == 0 {
		return 0
	}
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

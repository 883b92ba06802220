package web_test

import (
	"context"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/auth"
)

// newsroomUser creates a user with a password (cheap hash parameters keep
// the tests fast; the format is the real one).
func (s *site) newsroomUser(login string, role khabar.Role, langs ...string) *khabar.User {
	s.t.Helper()
	hash, err := auth.Hash("correct horse battery", auth.Params{Time: 1, Memory: 1024, Threads: 1})
	s.must(err)
	u := &khabar.User{Login: login, Slug: login, Names: khabar.Text{"en": login}, Role: role, Languages: langs, PasswordHash: hash}
	s.must(s.store.CreateUser(context.Background(), u))
	return u
}

// browser is a client with a cookie jar that does not follow redirects.
type browser struct {
	s *site
	c *http.Client
}

func (s *site) browser() *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{s: s, c: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

func (b *browser) do(method, path string, form url.Values, header ...string) response {
	b.s.t.Helper()
	var body *strings.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	} else {
		body = strings.NewReader("")
	}
	req, err := http.NewRequest(method, b.s.srv.URL+path, body)
	b.s.must(err)
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	res, err := b.c.Do(req)
	b.s.must(err)
	defer res.Body.Close()
	var sb strings.Builder
	buf := make([]byte, 32<<10)
	for {
		n, err := res.Body.Read(buf)
		sb.Write(buf[:n])
		if err != nil {
			break
		}
	}
	return response{status: res.StatusCode, header: res.Header, body: sb.String()}
}

func (b *browser) login(login, password string) response {
	return b.do("POST", "/admin/login", url.Values{"login": {login}, "password": {password}, "next": {"/admin/"}})
}

func TestNewsroomLogin(t *testing.T) {
	s := newSite(t)
	s.newsroomUser("nadia", khabar.RoleEditor)
	b := s.browser()

	// Signed out: the newsroom sends you to the login page.
	if r := b.do("GET", "/admin/stories?x=1", nil); r.status != http.StatusSeeOther || !strings.HasPrefix(r.header.Get("Location"), "/admin/login?next=") {
		t.Fatalf("signed-out GET = %d %q", r.status, r.header.Get("Location"))
	}
	r := b.login("nadia", "wrong password")
	if r.status != http.StatusUnauthorized || !strings.Contains(r.body, "The login, the password or the authentication code is wrong.") {
		t.Fatalf("wrong password: %d", r.status)
	}
	r = b.login("nadia", "correct horse battery")
	if r.status != http.StatusSeeOther || r.header.Get("Location") != "/admin/" {
		t.Fatalf("login = %d %q", r.status, r.header.Get("Location"))
	}
	var cookie *http.Cookie
	for _, c := range b.c.Jar.Cookies(mustURL(s.srv.URL)) {
		if c.Name == "khabar_session" {
			cookie = c
		}
	}
	if cookie == nil {
		t.Fatal("no session cookie")
	}
	raw := r.header.Get("Set-Cookie")
	if !strings.Contains(raw, "HttpOnly") || !strings.Contains(raw, "SameSite=Lax") {
		t.Errorf("session cookie flags: %s", raw)
	}
	dash := b.do("GET", "/admin/", nil)
	if dash.status != http.StatusOK || !strings.Contains(dash.body, "Waiting for review") {
		t.Fatalf("dashboard = %d", dash.status)
	}
	if csp := dash.header.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") {
		t.Errorf("newsroom CSP = %q", csp)
	}

	// The interface language is the user's choice and sticks.
	r = b.do("POST", "/admin/ui-language", url.Values{"lang": {"ar"}, "next": {"/admin/"}})
	if r.status != http.StatusSeeOther {
		t.Fatalf("ui-language = %d", r.status)
	}
	dash = b.do("GET", "/admin/", nil)
	if !strings.Contains(dash.body, `<html lang="ar" dir="rtl">`) || !strings.Contains(dash.body, "بانتظار المراجعة") {
		t.Fatalf("the dashboard is not in Arabic after choosing Arabic")
	}

	// A cross-site POST is refused, even with the session cookie.
	r = b.do("POST", "/admin/logout", url.Values{}, "Sec-Fetch-Site", "cross-site", "Origin", "https://evil.example")
	if r.status != http.StatusForbidden {
		t.Fatalf("cross-site POST = %d, want 403", r.status)
	}
	if b.do("GET", "/admin/", nil).status != http.StatusOK {
		t.Fatal("the refused cross-site POST logged the user out")
	}

	// Log out everywhere ends other sessions too.
	other := s.browser()
	other.login("nadia", "correct horse battery")
	if other.do("GET", "/admin/", nil).status != http.StatusOK {
		t.Fatal("second session does not work")
	}
	b.do("POST", "/admin/logout-everywhere", url.Values{})
	if r := other.do("GET", "/admin/", nil); r.status != http.StatusSeeOther {
		t.Fatalf("the other session survived logging out everywhere: %d", r.status)
	}
}

func TestNewsroomLoginRateLimit(t *testing.T) {
	s := newSite(t)
	s.newsroomUser("omar", khabar.RoleAuthor)
	b := s.browser()
	var last response
	for i := 0; i < 8; i++ {
		last = b.login("omar", "guess")
	}
	if last.status != http.StatusTooManyRequests || last.header.Get("Retry-After") == "" || !strings.Contains(last.body, "Too many login attempts") {
		t.Fatalf("8 wrong passwords in a row: %d, Retry-After %q", last.status, last.header.Get("Retry-After"))
	}
	// Even the right password waits: the limit is not an oracle.
	if r := b.login("omar", "correct horse battery"); r.status != http.StatusTooManyRequests {
		t.Fatalf("right password during the lockout = %d", r.status)
	}
}

func TestNewsroomTOTPAndDisabledUsers(t *testing.T) {
	s := newSite(t)
	u := s.newsroomUser("layla", khabar.RoleTranslator, "ru")
	secret, _ := auth.NewTOTPSecret()
	u.TOTPSecret = secret
	s.must(s.store.UpdateUser(context.Background(), u))
	b := s.browser()
	if r := b.login("layla", "correct horse battery"); r.status != http.StatusUnauthorized || !strings.Contains(r.body, "authentication code") {
		t.Fatalf("login without the code = %d", r.status)
	}
	code, _ := auth.TOTPCode(secret, time.Now())
	r := b.do("POST", "/admin/login", url.Values{"login": {"layla"}, "password": {"correct horse battery"}, "code": {code}})
	if r.status != http.StatusSeeOther {
		t.Fatalf("login with the code = %d", r.status)
	}
	u.Disabled = true
	s.must(s.store.UpdateUser(context.Background(), u))
	if r := b.do("GET", "/admin/", nil); r.status != http.StatusSeeOther {
		t.Fatalf("a disabled user's session still works: %d", r.status)
	}
}

func mustURL(s string) *url.URL {
	u, err := url.Parse(s)
	if err != nil {
		panic(err)
	}
	return u
}

package web_test

import (
	"bufio"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/web"
)

// behindProxy is a site whose readers' addresses come from X-Forwarded-For,
// so that one test can speak from many addresses.
func behindProxy(t *testing.T) *site {
	return newSiteWith(t, func(c *web.Config) {
		c.TrustedProxies = []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")}
	})
}

// loginFrom posts a login from addr.
func (b *browser) loginFrom(addr, login, password string) response {
	return b.do("POST", "/admin/login", url.Values{"login": {login}, "password": {password}, "next": {"/admin/"}}, "X-Forwarded-For", addr)
}

// rawPost sends a login whose headers announce n bytes and whose body
// brings only a few, and returns the status line the server answers with
// (or the error of waiting for it): a server that reads before refusing
// waits for the rest of the body and answers nothing in time.
func rawPost(t *testing.T, s *site, header string, n int) (string, error) {
	t.Helper()
	conn, err := net.Dial("tcp", strings.TrimPrefix(s.srv.URL, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "POST /admin/login HTTP/1.1\r\nHost: %s\r\nContent-Type: application/x-www-form-urlencoded\r\n%sContent-Length: %d\r\n\r\nlogin=omar&password=",
		strings.TrimPrefix(s.srv.URL, "http://"), header, n)
	conn.SetReadDeadline(time.Now().Add(3 * time.Second))
	line, err := bufio.NewReader(conn).ReadString('\n')
	return strings.TrimSpace(line), err
}

// TestLoginBodyRefusedBeforeReading: a login body is bounded before it is
// read, and an address over its budget is refused before its body is read.
// 100 such posts of 9.9 MB at once once took the server from 36 to 952 MB.
func TestLoginBodyRefusedBeforeReading(t *testing.T) {
	s := behindProxy(t)
	s.newsroomUser("omar", khabar.RoleAuthor)
	line, err := rawPost(t, s, "X-Forwarded-For: 203.0.113.1\r\n", 9_900_000)
	if err != nil || !strings.Contains(line, " 413 ") {
		t.Fatalf("a login announcing 9.9 MB: %q, %v; want 413 at once", line, err)
	}

	// Sent without announcing its size, the body is cut off at the limit.
	b := s.browser()
	big := url.Values{"login": {"omar"}, "password": {strings.Repeat("x", 64<<10)}}
	req, _ := http.NewRequest("POST", s.srv.URL+"/admin/login", &chunked{strings.NewReader(big.Encode())})
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-Forwarded-For", "203.0.113.2")
	res, err := b.c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusRequestEntityTooLarge {
		t.Fatalf("a chunked login of 64 KB = %d, want 413", res.StatusCode)
	}

	// An address over its budget is refused before its body is read.
	for i := 0; i < 40; i++ {
		b.loginFrom("203.0.113.3", fmt.Sprintf("user%d", i), "guess")
	}
	line, err = rawPost(t, s, "X-Forwarded-For: 203.0.113.3\r\n", 9_900_000)
	if err != nil || !strings.Contains(line, " 429 ") {
		t.Fatalf("a post from an address over its budget: %q, %v; want 429 at once", line, err)
	}
}

// chunked hides a reader's length, so that the request goes chunked.
type chunked struct{ r *strings.Reader }

func (c *chunked) Read(p []byte) (int, error) { return c.r.Read(p) }

// TestLoginStrangerCannotLockOwnerOut: wrong passwords from elsewhere, by
// one address or by many, never keep the owner of an account out where
// the owner signs in.
func TestLoginStrangerCannotLockOwnerOut(t *testing.T) {
	s := behindProxy(t)
	s.newsroomUser("admin", khabar.RoleAdmin)
	owner, stranger := s.browser(), s.browser()
	const office = "198.51.100.10"
	if r := owner.loginFrom(office, "admin", "correct horse battery"); r.status != http.StatusSeeOther {
		t.Fatalf("first login = %d", r.status)
	}

	// One stranger guessing from one address is throttled there.
	var last response
	for i := 0; i < 30; i++ {
		last = stranger.loginFrom("203.0.113.66", "admin", fmt.Sprintf("guess %d", i))
	}
	if last.status != http.StatusTooManyRequests || last.header.Get("Retry-After") == "" {
		t.Fatalf("30 guesses from one address: %d, want 429 with Retry-After", last.status)
	}
	if r := s.browser().loginFrom(office, "admin", "correct horse battery"); r.status != http.StatusSeeOther {
		t.Fatalf("the owner at their office after a stranger's 30 guesses = %d, want 303", r.status)
	}

	// Many addresses together guess no faster than one: the account's
	// budget for addresses it does not know runs out …
	refused := 0
	for i := 0; i < 30; i++ {
		if r := stranger.loginFrom(fmt.Sprintf("192.0.2.%d", i+1), "admin", "guess"); r.status == http.StatusTooManyRequests {
			refused++
		}
	}
	if refused < 15 {
		t.Fatalf("30 guesses from 30 addresses: only %d refused", refused)
	}
	// … while the owner still signs in where they always do.
	if r := s.browser().loginFrom(office, "admin", "correct horse battery"); r.status != http.StatusSeeOther {
		t.Fatalf("the owner at their office during a spread-out attack = %d, want 303", r.status)
	}
	// And another account is not affected at all.
	s.newsroomUser("nadia", khabar.RoleEditor)
	if r := s.browser().loginFrom("192.0.2.1", "nadia", "correct horse battery"); r.status != http.StatusSeeOther {
		t.Fatalf("another account from an attacking address = %d", r.status)
	}
}

package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/auth"
)

var loginErrorRE = regexp.MustCompile(`<p class="form-error" role="alert">([^<]*)</p>`)

// TestLoginFailuresLookAlike: whatever step of a login fails (no such
// login, a wrong password, a disabled account, a missing, wrong or used
// two-step code), the answer is the same, so that it tells nobody which
// step was right. A two-step code signs in once.
func TestLoginFailuresLookAlike(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	s.newsroomUser("omar", khabar.RoleAuthor)
	gone := s.newsroomUser("gone", khabar.RoleEditor)
	gone.Disabled = true
	s.must(s.store.UpdateUser(ctx, gone))
	layla := s.newsroomUser("layla", khabar.RoleTranslator, "ru")
	secret, _ := auth.NewTOTPSecret()
	layla.TOTPSecret = secret
	s.must(s.store.UpdateUser(ctx, layla))
	code, _ := auth.TOTPCode(secret, time.Now())
	wrongCode := "000000"
	if code == wrongCode {
		wrongCode = "111111"
	}
	const right = "correct horse battery"

	post := func(login, password, code string) response {
		return s.browser().do("POST", "/admin/login", url.Values{"login": {login}, "password": {password}, "code": {code}})
	}
	want := post("omar", "wrong password", "")
	m := loginErrorRE.FindStringSubmatch(want.body)
	if want.status != http.StatusUnauthorized || m == nil {
		t.Fatalf("a wrong password = %d, no message", want.status)
	}
	for _, tt := range []struct{ name, login, password, code string }{
		{"no such login", "nobody", right, ""},
		{"disabled account", "gone", right, ""},
		{"password far too long", "omar", strings.Repeat("x", 2000), ""},
		{"two-step: no code", "layla", right, ""},
		{"two-step: wrong code", "layla", right, wrongCode},
		{"two-step: right code, wrong password", "layla", "wrong password", code},
	} {
		r := post(tt.login, tt.password, tt.code)
		got := loginErrorRE.FindStringSubmatch(r.body)
		if r.status != want.status || got == nil || got[1] != m[1] {
			t.Errorf("%s: %d %q, want %d %q", tt.name, r.status, got, want.status, m[1])
		}
	}

	if r := post("layla", right, code); r.status != http.StatusSeeOther {
		t.Fatalf("the right password and code = %d", r.status)
	}
	// Someone who saw the code over her shoulder cannot use it again.
	r := post("layla", right, code)
	if got := loginErrorRE.FindStringSubmatch(r.body); r.status != http.StatusUnauthorized || got == nil || got[1] != m[1] {
		t.Fatalf("the same code a second time = %d %q", r.status, got)
	}
}

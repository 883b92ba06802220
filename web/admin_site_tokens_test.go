package web_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/khabarnews/khabar"
)

var tokenSecretRE = regexp.MustCompile(`<code dir="ltr" class="site-big site-wrap" id="new-token">(khb_[A-Za-z0-9_-]{43})</code>`)

// tokenForm is the form that creates a token.
func tokenForm(name, role, expires string) url.Values {
	return url.Values{"name": {name}, "role": {role}, "expires": {expires}}
}

// roleOptions lists the roles a page's token form offers.
func roleOptions(body string) []string {
	var out []string
	form := body[strings.Index(body, `<select name="role"`):]
	form = form[:strings.Index(form, "</select>")]
	for _, m := range regexp.MustCompile(`<option value="([a-z]+)"`).FindAllStringSubmatch(form, -1) {
		out = append(out, m[1])
	}
	return out
}

// dayAfter is the date n days from now in the site's time zone, as a date
// field sends it.
func (s *site) dayAfter(n int) string {
	st, err := s.store.Settings(context.Background())
	s.must(err)
	return time.Now().In(st.Location()).AddDate(0, 0, n).Format(time.DateOnly)
}

func TestSiteTokens(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	nadia, b := s.signedIn("nadia", khabar.RoleEditor)

	// The account page links to the tokens; an editor may give a token
	// her role or less, never more.
	if r := b.do("GET", "/admin/account", nil); !strings.Contains(r.body, `href="/admin/account/tokens"`) || !strings.Contains(r.body, "0 active tokens") {
		t.Fatalf("the account page does not lead to the tokens:\n%.600s", r.body)
	}
	r := b.do("GET", "/admin/account/tokens", nil)
	if r.status != http.StatusOK || !strings.Contains(r.body, "No API tokens yet.") {
		t.Fatalf("tokens page = %d", r.status)
	}
	if got := strings.Join(roleOptions(r.body), ","); got != "editor,author" {
		t.Errorf("an editor is offered %s", got)
	}

	// Create one: the secret is in this response only.
	expires := s.dayAfter(30)
	r = b.do("POST", "/admin/account/tokens", tokenForm("  wire importer  ", "author", expires))
	m := tokenSecretRE.FindStringSubmatch(r.body)
	if r.status != http.StatusOK || m == nil {
		t.Fatalf("create = %d, secret shown: %v\n%.800s", r.status, m != nil, r.body)
	}
	secret := m[1]
	if r.header.Get("Cache-Control") != "no-store" || r.header.Get("Location") != "" {
		t.Errorf("the secret's page: Cache-Control %q, Location %q", r.header.Get("Cache-Control"), r.header.Get("Location"))
	}
	for _, want := range []string{"Authorization: Bearer " + secret, "will not be shown again", "The token was created."} {
		if !strings.Contains(html.UnescapeString(r.body), want) {
			t.Errorf("the new token's page lacks %q", want)
		}
	}
	list, err := s.store.APITokens(ctx, nadia.ID)
	s.must(err)
	if len(list) != 1 {
		t.Fatalf("%d tokens stored, want 1", len(list))
	}
	tok := list[0]
	sum := sha256.Sum256([]byte(secret))
	st, _ := s.store.Settings(ctx)
	day, _ := time.ParseInLocation(time.DateOnly, expires, st.Location())
	if tok.Name != "wire importer" || tok.Role != khabar.RoleAuthor || tok.Prefix != secret[:12] ||
		tok.TokenHash != hex.EncodeToString(sum[:]) || !tok.ExpiresAt.Equal(day.AddDate(0, 0, 1)) {
		t.Errorf("stored token = %+v", tok)
	}
	if got, err := s.store.APITokenByHash(ctx, hex.EncodeToString(sum[:])); err != nil || got.ID != tok.ID {
		t.Errorf("the token is not found by the hash of its secret: %v", err)
	}
	// A reload lists it, without the secret.
	r = b.do("GET", "/admin/account/tokens", nil)
	if strings.Contains(r.body, secret) || strings.Contains(r.body, secret[12:]) {
		t.Error("the secret is shown again")
	}
	for _, want := range []string{"<bdi>wire importer</bdi>", `<code dir="ltr" class="site-code">` + tok.Prefix + "…</code>", "status-published\">active", ">never<",
		`action="/admin/account/tokens/` + itoa(int(tok.ID)) + `/revoke"`} {
		if !strings.Contains(r.body, want) {
			t.Errorf("the list lacks %q", want)
		}
	}
	if r := b.do("GET", "/admin/account", nil); !strings.Contains(r.body, "1 active token") {
		t.Error("the account page does not count the token")
	}

	// Refused, each with its message, and nothing stored.
	long := strings.Repeat("ж", 101)
	for _, c := range []struct {
		name string
		form url.Values
		want string
	}{
		{"role above hers", tokenForm("root access", "admin", ""), "your role or a lesser one"},
		{"a translator's role", tokenForm("translate", "translator", ""), "your role or a lesser one"},
		{"no such role", tokenForm("odd", "owner", ""), "your role or a lesser one"},
		{"expiry in the past", tokenForm("old", "author", "2020-01-01"), "a date after today"},
		{"expiry today", tokenForm("today", "author", s.dayAfter(0)), "a date after today"},
		{"not a date", tokenForm("odd date", "author", "31/12/2099"), "“31/12/2099” is not a date."},
		{"empty name", tokenForm("   ", "author", ""), "a name of at most 100 characters"},
		{"long name", tokenForm(long, "author", ""), "a name of at most 100 characters"},
	} {
		r := b.do("POST", "/admin/account/tokens", c.form)
		if r.status != http.StatusBadRequest || !strings.Contains(r.body, c.want) || tokenSecretRE.MatchString(r.body) {
			t.Errorf("%s = %d, want 400 with %q", c.name, r.status, c.want)
		}
	}
	if list, _ := s.store.APITokens(ctx, nadia.ID); len(list) != 1 {
		t.Fatalf("refused tokens were stored: %d tokens", len(list))
	}
	// The form comes back as typed.
	r = b.do("POST", "/admin/account/tokens", tokenForm("keep me", "admin", expires))
	if !strings.Contains(r.body, `value="keep me"`) || !strings.Contains(r.body, `value="`+expires+`"`) {
		t.Error("the refused form lost what was typed")
	}
	if !strings.Contains(r.body, `<option value="author" selected>`) {
		t.Error("after a refused role the form does not fall back to the least one")
	}
	// A name of 100 Arabic letters is not too long.
	if r := b.do("POST", "/admin/account/tokens", tokenForm(strings.Repeat("ب", 100), "editor", "")); r.status != http.StatusOK {
		t.Errorf("100 letters = %d", r.status)
	}

	// Someone else cannot revoke her token: not found, and nothing changes.
	_, omar := s.signedIn("omar", khabar.RoleAuthor)
	if r := omar.do("POST", "/admin/account/tokens/"+itoa(int(tok.ID))+"/revoke", url.Values{}); r.status != http.StatusNotFound {
		t.Errorf("revoking someone else's token = %d, want 404", r.status)
	}
	if r := omar.do("POST", "/admin/account/tokens/x/revoke", url.Values{}); r.status != http.StatusNotFound {
		t.Errorf("a malformed id = %d, want 404", r.status)
	}
	if got, _ := s.store.APITokenByHash(ctx, tok.TokenHash); !got.RevokedAt.IsZero() {
		t.Fatal("someone else revoked her token")
	}

	// She revokes it.
	r = b.do("POST", "/admin/account/tokens/"+itoa(int(tok.ID))+"/revoke", url.Values{})
	if r.status != http.StatusSeeOther || r.header.Get("Location") != "/admin/account/tokens?done=mng.token_revoked" {
		t.Fatalf("revoke = %d %q", r.status, r.header.Get("Location"))
	}
	got, _ := s.store.APITokenByHash(ctx, tok.TokenHash)
	if got.RevokedAt.IsZero() || got.Usable(time.Now()) {
		t.Fatal("the token still works")
	}
	r = b.do("GET", "/admin/account/tokens?done=mng.token_revoked", nil)
	if !strings.Contains(r.body, "The token was revoked") || !strings.Contains(r.body, `status-archived">revoked`) ||
		strings.Contains(r.body, `/tokens/`+itoa(int(tok.ID))+`/revoke"`) {
		t.Error("the list does not show the token revoked")
	}

	// The audit log has both, with the name and role and never the secret.
	entries, _, err := s.store.AuditLog(ctx, khabar.AuditFilter{Object: "token/" + itoa(int(tok.ID)), Limit: 10})
	s.must(err)
	var actions []string
	for _, e := range entries {
		actions = append(actions, e.Action+": "+e.Detail)
	}
	if got := strings.Join(actions, "; "); got != "token.revoke: wire importer (author); token.create: wire importer (author)" {
		t.Errorf("audit = %s", got)
	}
	all, _, _ := s.store.AuditLog(ctx, khabar.AuditFilter{Limit: 100})
	for _, e := range all {
		if strings.Contains(e.Detail, secret[4:]) || strings.Contains(e.Object, secret[4:]) {
			t.Errorf("the secret is in the audit log: %+v", e)
		}
	}
}

func TestSiteTokensRoles(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	for _, c := range []struct {
		role khabar.Role
		want string
	}{
		{khabar.RoleAdmin, "admin,editor,author"},
		{khabar.RoleAuthor, "author"},
		{khabar.RoleTranslator, "translator"},
	} {
		u, b := s.signedIn("as-"+string(c.role), c.role, "ru")
		r := b.do("GET", "/admin/account/tokens", nil)
		if got := strings.Join(roleOptions(r.body), ","); got != c.want {
			t.Errorf("%s is offered %s, want %s", c.role, got, c.want)
		}
		if c.role != khabar.RoleTranslator {
			continue
		}
		// A translator makes translator tokens, and only those.
		if r := b.do("POST", "/admin/account/tokens", tokenForm("as author", "author", "")); r.status != http.StatusBadRequest {
			t.Errorf("translator → author token = %d", r.status)
		}
		if r := b.do("POST", "/admin/account/tokens", tokenForm("translation memory", "translator", "")); r.status != http.StatusOK || !tokenSecretRE.MatchString(r.body) {
			t.Errorf("translator token = %d", r.status)
		}
		if list, _ := s.store.APITokens(ctx, u.ID); len(list) != 1 || list[0].Role != khabar.RoleTranslator {
			t.Errorf("translator's tokens = %+v", list)
		}
	}
}

func TestSiteTokensAdmin(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	layla, lb := s.signedIn("layla", khabar.RoleAuthor)
	lb.do("POST", "/admin/account/tokens", tokenForm("mobile app", "author", ""))
	// One that has expired, as the store keeps it.
	old := &khabar.APIToken{UserID: layla.ID, Name: "last year's importer", Role: khabar.RoleAuthor, Prefix: "khb_oldoldol", TokenHash: "old-hash",
		ExpiresAt: time.Now().Add(-time.Hour)}
	s.must(s.store.CreateAPIToken(ctx, old))
	list, _ := s.store.APITokens(ctx, layla.ID)
	if len(list) != 2 {
		t.Fatalf("%d tokens", len(list))
	}
	app := list[1]

	// Newest first, each with its status; an expired one has nothing to revoke.
	r := lb.do("GET", "/admin/account/tokens", nil)
	if i, j := strings.Index(r.body, "<bdi>last year"), strings.Index(r.body, "<bdi>mobile app</bdi>"); i < 0 || j < 0 || i > j {
		t.Error("the list is not newest first")
	}
	if !strings.Contains(r.body, `status-review">expired`) || strings.Contains(r.body, "/tokens/"+itoa(int(old.ID))+"/revoke") {
		t.Error("the expired token is not shown as expired")
	}

	_, admin := s.signedIn("root", khabar.RoleAdmin)
	_, editor := s.signedIn("ed", khabar.RoleEditor)
	id := itoa(int(layla.ID))
	revoke := "/admin/users/" + id + "/tokens/" + itoa(int(app.ID)) + "/revoke"
	r = admin.do("GET", "/admin/users/"+id, nil)
	if !strings.Contains(r.body, "<bdi>mobile app</bdi>") || !strings.Contains(r.body, `action="`+revoke+`"`) {
		t.Fatal("the user's page does not list her tokens")
	}
	// Only administrators, and only under the token's owner.
	if r := editor.do("POST", revoke, url.Values{}); r.status != http.StatusForbidden {
		t.Errorf("an editor revoking = %d", r.status)
	}
	root, _ := s.store.UserByLogin(ctx, "root")
	if r := admin.do("POST", "/admin/users/"+itoa(int(root.ID))+"/tokens/"+itoa(int(app.ID))+"/revoke", url.Values{}); r.status != http.StatusNotFound {
		t.Errorf("revoking under another user = %d", r.status)
	}
	if got, _ := s.store.APITokenByHash(ctx, app.TokenHash); !got.RevokedAt.IsZero() {
		t.Fatal("a refused revocation revoked")
	}
	if r := admin.do("POST", revoke, url.Values{}); r.status != http.StatusSeeOther || r.header.Get("Location") != "/admin/users/"+id+"?done=mng.token_revoked" {
		t.Fatalf("admin revoke = %d %q", r.status, r.header.Get("Location"))
	}
	if got, _ := s.store.APITokenByHash(ctx, app.TokenHash); got.RevokedAt.IsZero() {
		t.Fatal("the administrator could not revoke")
	}
	entries, _, _ := s.store.AuditLog(ctx, khabar.AuditFilter{Object: "token/" + itoa(int(app.ID)), Limit: 10})
	if len(entries) != 2 || entries[0].Action != "token.revoke" || entries[0].Detail != "layla: mobile app (author)" || entries[0].UserID != root.ID {
		t.Errorf("audit = %+v", entries)
	}
	// Revoking again changes nothing and records nothing.
	admin.do("POST", revoke, url.Values{})
	if entries, _, _ := s.store.AuditLog(ctx, khabar.AuditFilter{Object: "token/" + itoa(int(app.ID)), Limit: 10}); len(entries) != 2 {
		t.Errorf("a second revocation was recorded: %d entries", len(entries))
	}

	// In Arabic, right to left, with the Latin prefix kept left to right.
	lb.do("POST", "/admin/ui-language", url.Values{"lang": {"ar"}, "next": {"/admin/account/tokens"}})
	r = lb.do("GET", "/admin/account/tokens", nil)
	for _, want := range []string{`dir="rtl"`, "رموز API", "منتهي الصلاحية", "ملغى", `<code dir="ltr" class="site-code">` + app.Prefix + "…</code>"} {
		if !strings.Contains(r.body, want) {
			t.Errorf("the Arabic page lacks %q", want)
		}
	}
}

package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/khabarnews/khabar"
)

// auditRows is the text of each row of the audit page's table.
func auditRows(t *testing.T, page string) []string {
	t.Helper()
	_, body, ok := strings.Cut(page, "<tbody>")
	if !ok {
		return nil
	}
	body, _, _ = strings.Cut(body, "</tbody>")
	var rows []string
	for _, tr := range strings.Split(body, "<tr")[1:] {
		rows = append(rows, strings.Join(strings.Fields(stripTags(tr)), " "))
	}
	return rows
}

func stripTags(s string) string {
	var b strings.Builder
	in := false
	for _, r := range s {
		switch {
		case r == '<':
			in = true
		case r == '>':
			in = false
			b.WriteByte(' ')
		case !in:
			b.WriteRune(r)
		}
	}
	return strings.NewReplacer("&#39;", "'", "&amp;", "&", "&lt;", "<", "&gt;", ">", "&quot;", `"`).Replace(b.String())
}

func hasRow(rows []string, parts ...string) bool {
	for _, r := range rows {
		all := true
		for _, p := range parts {
			all = all && strings.Contains(r, p)
		}
		if all {
			return true
		}
	}
	return false
}

// TestAuditSaysWhatChanged: the audit log says what a change changed,
// field by field from → to, in the interface language; it records failed
// logins (never the password) and refused requests; its actions have
// names, not keys; it filters by user, action and date.
func TestAuditSaysWhatChanged(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	root, admin := s.signedIn("root", khabar.RoleAdmin)
	_, editor := s.storyLogin("nadia", khabar.RoleEditor)
	_, author := s.storyLogin("amal", khabar.RoleAuthor)
	id := s.ids["summit"]
	politics, economy := s.section("politics"), s.section("economy")

	// An editor changes the headline and the section in one save.
	page := editor.do("GET", storyPath(id, "ru"), nil).want(t, 200, "the Russian editor")
	sv := s.storyVersion(id, "ru")
	st, err := s.store.Story(ctx, id)
	s.must(err)
	editor.do("POST", storyPath(id, "ru"), url.Values{"title": {"Путин провёл неформальный саммит"}, "slug": {sv.Slug}, "summary": {sv.Summary},
		"body": {sv.Body + "<p>Ещё два слова.</p>"}, "base_revision": {storyBase(t, page)}, "story_fields": {"1"},
		"story_revision": {strconv.FormatInt(st.Revision, 10)}, "section": {strconv.FormatInt(economy, 10)},
		"tags": {strconv.FormatInt(s.tag("putin"), 10)}, "lead_media": {strconv.FormatInt(st.LeadMediaID, 10)},
		"source": {strconv.FormatInt(st.SourceID, 10)}, "authors": {strconv.FormatInt(st.AuthorIDs[0], 10)},
	}).want(t, http.StatusSeeOther, "saving the Russian version")
	_ = politics

	// Two failed logins, one for a login that exists.
	for _, login := range []string{"nadia", "nobody-here"} {
		if r := s.browser().login(login, "wrong password 123"); r.status == http.StatusSeeOther {
			t.Fatalf("login %s with a wrong password succeeded", login)
		}
	}
	// An author forges the publish button of a story that is not theirs.
	author.do("POST", storyPath(id, "ar"), url.Values{"title": {"x"}, "do": {"publish"},
		"base_revision": {strconv.FormatInt(s.storyVersion(id, "ar").Revision, 10)}}).want(t, http.StatusForbidden, "an author publishing")
	author.do("GET", "/admin/users", nil).want(t, http.StatusForbidden, "an author opening the users")

	log := admin.do("GET", "/admin/audit", nil).want(t, 200, "the audit log")
	rows := auditRows(t, log.body)
	for _, want := range [][]string{
		{"nadia", "version saved", "Title: Путин проведёт неформальный саммит → Путин провёл неформальный саммит", "Text: 3 words → 6 words"},
		{"nadia", "story details changed", "Section: Politics → Economy", "Lead candidate: yes → no"},
		{"not signed in", "failed login", "user/"},
		{"not signed in", "failed login", "Login typed: nobody-here"},
		{"amal", "refused: not allowed", "POST /admin/stories/" + itoa(int(id)) + "/ar", "Reason: Your role does not allow"},
		{"amal", "refused: not allowed", "GET /admin/users"},
	} {
		if !hasRow(rows, want...) {
			t.Errorf("the audit log has no row with %q; rows:\n%s", want, strings.Join(rows, "\n"))
		}
	}
	if strings.Contains(log.body, "wrong password 123") {
		t.Error("the audit log shows a password that was typed")
	}
	if strings.Contains(log.body, ">media.upload<") || strings.Contains(log.body, ">access.refused<") {
		t.Error("the audit log shows raw action keys")
	}

	// Filters: by user, by action (one or a group), by date.
	for _, c := range []struct {
		query     string
		want, not string
	}{
		{"user=" + itoa(int(root.ID)), "logged in", "version saved"},
		{"action=user.login_failed", "failed login", "logged in"},
		{"action=version.", "version saved", "story details changed"},
		{"user=system", "failed login", "version saved"},
	} {
		rows := auditRows(t, admin.do("GET", "/admin/audit?"+c.query, nil).want(t, 200, c.query).body)
		if !hasRow(rows, c.want) || hasRow(rows, c.not) {
			t.Errorf("audit?%s: want a row %q and none %q; rows:\n%s", c.query, c.want, c.not, strings.Join(rows, "\n"))
		}
	}
	today := time.Now().UTC().Format(time.DateOnly)
	if rows := auditRows(t, admin.do("GET", "/admin/audit?from="+today+"&to="+today, nil).body); !hasRow(rows, "version saved") {
		t.Error("the audit log for today does not show today's save")
	}
	if rows := auditRows(t, admin.do("GET", "/admin/audit?to=2001-01-01", nil).body); len(rows) != 0 {
		t.Errorf("the audit log up to 2001 shows %d rows", len(rows))
	}
	if r := admin.do("GET", "/admin/audit?from=yesterday", nil); !strings.Contains(r.body, "Dates are written") {
		t.Error("an unreadable date is not explained")
	}

	// The Arabic interface says the same in Arabic.
	admin.do("POST", "/admin/ui-language", url.Values{"lang": {"ar"}, "next": {"/admin/audit"}})
	rows = auditRows(t, admin.do("GET", "/admin/audit", nil).body)
	if !hasRow(rows, "القسم: سياسة ← اقتصاد") || !hasRow(rows, "محاولة دخول فاشلة") || !hasRow(rows, "رفض: لا صلاحية") {
		t.Errorf("the Arabic audit log does not say what changed in Arabic; rows:\n%s", strings.Join(rows, "\n"))
	}
}

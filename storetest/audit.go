package storetest

import (
	"testing"
	"time"

	"github.com/khabarnews/khabar"
)

// testAuditFilters: an entry's changes come back as written, and the log
// is read by object, user, action (or a group of actions) and time.
func testAuditFilters(t *testing.T, open Opener) {
	clock := newClock()
	s := open(t, clock.Now)
	write := func(user int64, action, object string, changes ...khabar.AuditChange) {
		t.Helper()
		must(t, s.Audit(ctx, &khabar.AuditEntry{UserID: user, Action: action, Object: object, Changes: changes}))
		clock.now = clock.now.Add(time.Hour)
	}
	start := clock.now
	write(1, "version.save", "story/1/ar", khabar.AuditChange{Field: "title", From: "قديم", To: "جديد"}, khabar.AuditChange{Field: "body", From: "3", To: "6"})
	write(2, "version.published", "story/1/ar", khabar.AuditChange{Field: "status", From: "review", To: "published"})
	write(0, "user.login_failed", "login", khabar.AuditChange{Field: "login", To: "nobody"})
	write(2, "story.update", "story/12", khabar.AuditChange{Field: "section", From: "", To: "3"})

	all, total, err := s.AuditLog(ctx, khabar.AuditFilter{})
	must(t, err)
	if total != 4 || len(all) != 4 || all[3].Action != "version.save" || len(all[3].Changes) != 2 ||
		all[3].Changes[0] != (khabar.AuditChange{Field: "title", From: "قديم", To: "جديد"}) || all[0].Changes[0].From != "" {
		t.Fatalf("audit log with changes: %d, %+v", total, all)
	}
	for _, c := range []struct {
		name string
		f    khabar.AuditFilter
		want []string
	}{
		{"user", khabar.AuditFilter{UserID: 2}, []string{"story.update", "version.published"}},
		{"system", khabar.AuditFilter{System: true}, []string{"user.login_failed"}},
		{"action", khabar.AuditFilter{Action: "version.save"}, []string{"version.save"}},
		{"group", khabar.AuditFilter{Action: "version."}, []string{"version.published", "version.save"}},
		{"object", khabar.AuditFilter{Object: "story/1"}, []string{"version.published", "version.save"}},
		{"from", khabar.AuditFilter{From: start.Add(90 * time.Minute)}, []string{"story.update", "user.login_failed"}},
		{"until", khabar.AuditFilter{To: start.Add(time.Hour)}, []string{"version.save"}},
		{"user and action", khabar.AuditFilter{UserID: 2, Action: "story."}, []string{"story.update"}},
		{"an action with a LIKE wildcard", khabar.AuditFilter{Action: "version_"}, nil},
	} {
		got, n, err := s.AuditLog(ctx, c.f)
		must(t, err)
		var actions []string
		for _, e := range got {
			actions = append(actions, e.Action)
		}
		if n != len(c.want) || len(actions) != len(c.want) || (len(c.want) > 0 && actions[0] != c.want[0]) {
			t.Errorf("%s: AuditLog(%+v) = %v (%d), want %v", c.name, c.f, actions, n, c.want)
		}
	}
	wantCode(t, s.Audit(ctx, &khabar.AuditEntry{Action: "x.y", Changes: []khabar.AuditChange{{Field: "t", To: "\x00"}}}), khabar.EInvalid)
	if _, n, _ := s.AuditLog(ctx, khabar.AuditFilter{}); n != 4 {
		t.Errorf("a refused entry was written: %d entries", n)
	}
}

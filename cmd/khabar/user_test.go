package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/auth"
	"github.com/khabarnews/khabar/sqlstore"
	"github.com/khabarnews/khabar/sqlstore/sqltest"
)

// userFixture is a data directory (and, on PostgreSQL, a database) with one
// translator who is signed in.
type userFixture struct {
	t        *testing.T
	dir, dsn string
}

func newUserFixture(t *testing.T) *userFixture {
	t.Helper()
	f := &userFixture{t: t, dir: t.TempDir(), dsn: sqltest.DSN(t)}
	if _, err := f.run("старый-пароль-2026\n", "add", "--login", "nadia", "--role", "translator", "--languages", "ru,en"); err != nil {
		t.Fatal(err)
	}
	f.with(func(db *sqlstore.DB, u *khabar.User) {
		sess := &khabar.Session{TokenHash: "abc", UserID: u.ID, ExpiresAt: time.Now().Add(time.Hour)}
		if err := db.CreateSession(context.Background(), sess); err != nil {
			t.Fatal(err)
		}
	})
	return f
}

// run runs "khabar user ARGS --data DIR --database DSN" with stdin.
func (f *userFixture) run(stdin string, args ...string) (string, error) {
	var out bytes.Buffer
	err := run(context.Background(), append(append([]string{"user"}, args...), "--data", f.dir, "--database", f.dsn), strings.NewReader(stdin), &out, &out)
	return out.String(), err
}

// with opens the database and hands fn the user nadia.
func (f *userFixture) with(fn func(db *sqlstore.DB, u *khabar.User)) {
	f.t.Helper()
	db, _, err := openStoreAt(context.Background(), f.dir, f.dsn)
	if err != nil {
		f.t.Fatal(err)
	}
	defer db.Close()
	u, err := db.UserByLogin(context.Background(), "nadia")
	if err != nil {
		f.t.Fatal(err)
	}
	fn(db, u)
}

func (f *userFixture) sessionAlive() bool {
	alive := false
	f.with(func(db *sqlstore.DB, u *khabar.User) {
		_, err := db.SessionByHash(context.Background(), "abc")
		alive = err == nil
	})
	return alive
}

func TestUserPasswd(t *testing.T) {
	f := newUserFixture(t)
	var before string
	f.with(func(_ *sqlstore.DB, u *khabar.User) { before = u.PasswordHash })

	// Refused: a weak password, an unknown login, no login. Nothing changes.
	for _, c := range []struct {
		stdin string
		args  []string
		want  string
	}{
		{"short\n", []string{"passwd", "--login", "nadia"}, "at least"},
		{"новый-пароль-2026\n", []string{"passwd", "--login", "nobody"}, "no user"},
		{"новый-пароль-2026\n", []string{"passwd"}, "--login"},
	} {
		if _, err := f.run(c.stdin, c.args...); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("user %v: err = %v, want one about %q", c.args, err, c.want)
		}
	}
	f.with(func(_ *sqlstore.DB, u *khabar.User) {
		if u.PasswordHash != before {
			t.Error("a refused passwd changed the password")
		}
	})
	if !f.sessionAlive() {
		t.Fatal("a refused passwd ended the sessions")
	}

	out, err := f.run("новый-пароль-2026\r\n", "passwd", "--login", "nadia")
	if err != nil || !strings.Contains(out, `"nadia"`) {
		t.Fatalf("passwd: %v %q", err, out)
	}
	f.with(func(db *sqlstore.DB, u *khabar.User) {
		if auth.Verify("новый-пароль-2026", u.PasswordHash) != nil {
			t.Error("the new password does not verify")
		}
		log, _, _ := db.AuditLog(context.Background(), khabar.AuditFilter{Object: "user/", Limit: 10})
		if len(log) == 0 || log[0].Action != "user.password_reset" {
			t.Errorf("audit log = %+v", log)
		}
	})
	if f.sessionAlive() {
		t.Error("the user's session survived passwd")
	}
}

func TestUserListDisableEnable(t *testing.T) {
	f := newUserFixture(t)
	if _, err := f.run("пароль-админа-2026\n", "add", "--login", "root", "--role", "admin"); err != nil {
		t.Fatal(err)
	}
	out, err := f.run("", "list")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 || !strings.HasPrefix(lines[0], "ID") || !strings.Contains(lines[0], "2-STEP") {
		t.Fatalf("list:\n%s", out)
	}
	if fields := strings.Fields(lines[1]); strings.Join(fields, " ") != "1 nadia translator ru,en no no" {
		t.Errorf("nadia's row = %q", lines[1])
	}
	if fields := strings.Fields(lines[2]); strings.Join(fields, " ") != "2 root admin - no no" {
		t.Errorf("root's row = %q", lines[2])
	}

	if _, err := f.run("", "disable", "--login", "nobody"); err == nil || !strings.Contains(err.Error(), "no user") {
		t.Errorf("disable of an unknown login: %v", err)
	}
	if !f.sessionAlive() {
		t.Fatal("a refused disable ended a session")
	}
	if out, err := f.run("", "disable", "--login", "nadia"); err != nil || !strings.Contains(out, `Disabled "nadia"`) {
		t.Fatalf("disable: %v %q", err, out)
	}
	if f.sessionAlive() {
		t.Error("a disabled user's session survived")
	}
	out, _ = f.run("", "list")
	if row := strings.Fields(strings.Split(out, "\n")[1]); strings.Join(row, " ") != "1 nadia translator ru,en yes no" {
		t.Errorf("list does not show nadia disabled:\n%s", out)
	}
	if out, err := f.run("", "enable", "--login", "nadia"); err != nil || !strings.Contains(out, `Enabled "nadia"`) {
		t.Fatalf("enable: %v %q", err, out)
	}
	f.with(func(db *sqlstore.DB, u *khabar.User) {
		if u.Disabled {
			t.Error("still disabled after enable")
		}
		log, _, _ := db.AuditLog(context.Background(), khabar.AuditFilter{Object: "user/1", Limit: 10})
		if len(log) < 2 || log[0].Action != "user.enable" || log[1].Action != "user.disable" {
			t.Errorf("audit log = %+v", log)
		}
	})
}

func TestUserBadCommandLines(t *testing.T) {
	f := newUserFixture(t)
	for _, args := range [][]string{
		{},
		{"frobnicate"},
		{"list", "stray"},
		{"enable"},
		{"disable", "--login"},
	} {
		if _, err := f.run("", args...); err == nil {
			t.Errorf("khabar user %v succeeded", args)
		}
	}
}

package main

import (
	"context"
	"strings"
	"testing"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/auth"
	"github.com/khabarnews/khabar/sqlstore/sqltest"
)

func TestTokenCreate(t *testing.T) {
	ctx := context.Background()
	dir, dsn := t.TempDir(), sqltest.DSN(t)
	db, _, err := openStoreAt(ctx, dir, dsn)
	if err != nil {
		t.Fatal(err)
	}
	u := &khabar.User{Login: "wire", Slug: "wire", Names: khabar.Text{"en": "Wire desk"}, Role: khabar.RoleEditor}
	if err := db.CreateUser(ctx, u); err != nil {
		t.Fatal(err)
	}
	db.Close()
	store := []string{"--data", dir, "--database", dsn}
	out, err := khabarCmd(t, append([]string{"token", "create", "--login", "wire", "--role", "author", "--name", "wire importer"}, store...)...)
	if err != nil {
		t.Fatal(err, out)
	}
	secret := strings.Fields(out)[0]
	if !strings.HasPrefix(secret, "khb_") || !strings.Contains(out, "It is not shown again.") {
		t.Fatalf("output: %q", out)
	}
	db = openTestStore(t, dir, dsn)
	tok, err := db.APITokenByHash(ctx, auth.HashToken(secret))
	if err != nil || tok.UserID != u.ID || tok.Role != khabar.RoleAuthor || tok.Name != "wire importer" {
		t.Fatalf("token = %+v, %v", tok, err)
	}
	log, _, _ := db.AuditLog(ctx, khabar.AuditFilter{Object: "token/", Limit: 5})
	if len(log) != 1 || log[0].UserID != 0 || !strings.Contains(log[0].Detail, "wire: wire importer (author)") {
		t.Fatalf("audit: %+v", log)
	}
	// More than the account's role, or an account that does not exist.
	for _, args := range [][]string{{"--login", "wire", "--role", "admin"}, {"--login", "nobody", "--role", "author"}} {
		if out, err := khabarCmd(t, append(append([]string{"token", "create"}, args...), store...)...); err == nil {
			t.Errorf("%v: made a token: %s", args, out)
		}
	}
}

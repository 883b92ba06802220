package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/khabarnews/khabar"
)

func testAPITokens(t *testing.T, open Opener) {
	f := newFixture(t, open)
	other := khabar.User{Login: "lena", Slug: "lena", Names: khabar.Text{"ru": "Лена"}, Role: khabar.RoleEditor}
	must(t, f.s.CreateUser(ctx, &other))

	expires := f.clock.now.Add(24 * time.Hour)
	tok := &khabar.APIToken{UserID: f.author.ID, Name: "wire importer", Role: khabar.RoleAuthor, Prefix: "khb_abcd", TokenHash: "h1", ExpiresAt: expires}
	must(t, f.s.CreateAPIToken(ctx, tok))
	if tok.ID == 0 || !tok.CreatedAt.Equal(f.clock.now) {
		t.Fatalf("created token = %+v", tok)
	}
	must(t, f.s.CreateAPIToken(ctx, &khabar.APIToken{UserID: f.author.ID, Name: "app", Role: khabar.RoleAuthor, Prefix: "khb_efgh", TokenHash: "h2"}))
	must(t, f.s.CreateAPIToken(ctx, &khabar.APIToken{UserID: other.ID, Name: "hers", Role: khabar.RoleEditor, Prefix: "khb_ijkl", TokenHash: "h3"}))
	wantCode(t, f.s.CreateAPIToken(ctx, &khabar.APIToken{UserID: f.author.ID, Name: "no hash", Role: khabar.RoleAuthor}), khabar.EInvalid)
	wantCode(t, f.s.CreateAPIToken(ctx, &khabar.APIToken{UserID: 4242, Name: "nobody's", Role: khabar.RoleAuthor, TokenHash: "h4"}), khabar.ENotFound)

	list, err := f.s.APITokens(ctx, f.author.ID)
	must(t, err)
	if len(list) != 2 || list[0].Name != "app" || list[1].Name != "wire importer" {
		t.Fatalf("tokens = %+v, want app then wire importer", list)
	}
	got, err := f.s.APITokenByHash(ctx, "h1")
	must(t, err)
	if got.ID != tok.ID || got.Role != khabar.RoleAuthor || !got.ExpiresAt.Equal(expires) || !got.LastUsedAt.IsZero() || !got.Usable(f.clock.now) {
		t.Fatalf("by hash = %+v", got)
	}
	if got.Usable(expires) {
		t.Fatal("a token is still usable at its expiry")
	}
	_, err = f.s.APITokenByHash(ctx, "nope")
	wantCode(t, err, khabar.ENotFound)

	gen := f.s.Generation()
	used := f.clock.now.Add(time.Minute)
	must(t, f.s.TouchAPIToken(ctx, tok.ID, used))
	if f.s.Generation() != gen {
		t.Fatal("using a token counted as a change of the content")
	}
	got, _ = f.s.APITokenByHash(ctx, "h1")
	if !got.LastUsedAt.Equal(used) {
		t.Fatalf("last used = %v, want %v", got.LastUsedAt, used)
	}

	wantCode(t, f.s.RevokeAPIToken(ctx, other.ID, tok.ID), khabar.ENotFound) // not hers
	must(t, f.s.RevokeAPIToken(ctx, f.author.ID, tok.ID))
	got, _ = f.s.APITokenByHash(ctx, "h1")
	if got.Usable(f.clock.now) || got.RevokedAt.IsZero() {
		t.Fatalf("revoked token = %+v", got)
	}
	if hers, _ := f.s.APITokenByHash(ctx, "h3"); !hers.Usable(f.clock.now) {
		t.Fatal("revoking one user's token touched another's")
	}
}

// testTOTPSteps: a two-step code's time step is accepted once, then no
// step up to it; a failed Update records nothing; updating the user keeps
// the record.
func testTOTPSteps(t *testing.T, open Opener) {
	f := newFixture(t, open)
	id := f.author.ID
	must(t, f.s.UseTOTPStep(ctx, id, 1000))
	wantCode(t, f.s.UseTOTPStep(ctx, id, 1000), khabar.EConflict)
	wantCode(t, f.s.UseTOTPStep(ctx, id, 999), khabar.EConflict)
	u, err := f.s.User(ctx, id)
	must(t, err)
	u.Bio = khabar.Text{"en": "A new biography"}
	must(t, f.s.UpdateUser(ctx, u))
	wantCode(t, f.s.UseTOTPStep(ctx, id, 1000), khabar.EConflict)

	failed := f.s.Update(ctx, func(ctx context.Context) error {
		must(t, f.s.UseTOTPStep(ctx, id, 1001))
		return khabar.Invalid("x", "err.form")
	})
	wantCode(t, failed, khabar.EInvalid)
	must(t, f.s.UseTOTPStep(ctx, id, 1001)) // the rolled-back record is gone
	wantCode(t, f.s.UseTOTPStep(ctx, 4242, 5000), khabar.EConflict)
}

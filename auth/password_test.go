package auth

import (
	"errors"
	"strings"
	"testing"
)

// fast keeps the tests quick; the format and checks are the same.
var fast = Params{Time: 1, Memory: 1024, Threads: 1}

func TestHashVerify(t *testing.T) {
	h, err := Hash("кремль-2026-пароль", fast)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=1024,t=1,p=1$") {
		t.Fatalf("hash format: %s", h)
	}
	if err := Verify("кремль-2026-пароль", h); err != nil {
		t.Fatalf("right password refused: %v", err)
	}
	if err := Verify("кремль-2026-парол", h); !errors.Is(err, ErrMismatch) {
		t.Fatalf("wrong password: %v", err)
	}
	h2, _ := Hash("кремль-2026-пароль", fast)
	if h2 == h {
		t.Fatal("two hashes of one password are equal: the salt is not random")
	}
	for _, bad := range []string{"", "$argon2i$v=19$m=1,t=1,p=1$AA$AA", "$argon2id$v=19$garbage$AA$AA", "$argon2id$v=19$m=1024,t=1,p=1$!!$AA"} {
		if err := Verify("x", bad); err == nil {
			t.Errorf("Verify accepted %q", bad)
		}
	}
}

func TestCheckStrength(t *testing.T) {
	for pw, ok := range map[string]bool{"short": false, "долгий-пароль": true, "كلمة-سر-طويلة": true, "bad\xffpassword!!": false, strings.Repeat("x", 2000): false} {
		if err := CheckStrength(pw); (err == nil) != ok {
			t.Errorf("CheckStrength(%.20q) = %v, want ok=%v", pw, err, ok)
		}
	}
}

func TestRandomPassword(t *testing.T) {
	p, err := RandomPassword(16)
	if err != nil || len(p) != 16 || CheckStrength(p) != nil {
		t.Fatalf("RandomPassword = %q, %v", p, err)
	}
}

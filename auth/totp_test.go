package auth

import (
	"testing"
	"time"
)

func TestTOTPMatchesRFC6238(t *testing.T) {
	// RFC 6238 appendix B, SHA-1, secret "12345678901234567890" in base32.
	secret := b32.EncodeToString([]byte("12345678901234567890"))
	for unix, want := range map[int64]string{59: "287082", 1111111109: "081804", 1234567890: "005924", 2000000000: "279037"} {
		got, err := TOTPCode(secret, time.Unix(unix, 0))
		if err != nil || got != want {
			t.Errorf("TOTP at %d = %q, %v; want %q", unix, got, err, want)
		}
	}
}

func TestCheckTOTP(t *testing.T) {
	secret, err := NewTOTPSecret()
	if err != nil {
		t.Fatal(err)
	}
	now := time.Unix(1_800_000_000, 0)
	code, _ := TOTPCode(secret, now)
	prev, _ := TOTPCode(secret, now.Add(-30*time.Second))
	old, _ := TOTPCode(secret, now.Add(-5*time.Minute))
	if !CheckTOTP(secret, code, now) || !CheckTOTP(secret, " "+prev+" ", now) {
		t.Error("a current code was refused")
	}
	if old != code && CheckTOTP(secret, old, now) {
		t.Error("a five-minute-old code was accepted")
	}
	for _, bad := range []string{"", "12345", "1234567", "abcdef"} {
		if CheckTOTP(secret, bad, now) {
			t.Errorf("%q accepted", bad)
		}
	}
}

package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
)

// NewToken returns a fresh random secret for a session or an API token:
// prefix and 32 random bytes, URL-safe.
func NewToken(prefix string) (string, error) {
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return "", err
	}
	return prefix + base64.RawURLEncoding.EncodeToString(raw), nil
}

// HashToken is what is stored of a token: its SHA-256, so that a copy of
// the database lets nobody sign in. The secrets are random and long, so a
// plain hash is enough (no salt, no stretching), and it finds the token by
// an index.
func HashToken(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}

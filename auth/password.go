// Package auth holds the newsroom's credentials: argon2id password hashes.
package auth

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"
)

// Params are argon2id's cost settings. The defaults (t=1, m=64 MiB, p=2)
// follow RFC 9106's second recommendation and take about 100 ms here.
type Params struct {
	Time    uint32
	Memory  uint32 // KiB
	Threads uint8
}

// DefaultParams are used for new hashes.
var DefaultParams = Params{Time: 1, Memory: 64 * 1024, Threads: 2}

// MinPasswordLength is the shortest password accepted.
const MinPasswordLength = 10

// MaxPasswordBytes is the longest password accepted: argon2 would hash a
// longer one, but at a cost a stranger could use to load the server.
const MaxPasswordBytes = 1024

// ErrMismatch means the password does not match the hash.
var ErrMismatch = errors.New("password does not match")

// Why CheckStrength refuses a password.
var (
	ErrTooShort = errors.New("the password is too short")
	ErrTooLong  = errors.New("the password is too long")
	ErrNotUTF8  = errors.New("the password is not valid UTF-8")
)

// CheckStrength refuses a password too weak (or too long) to store.
func CheckStrength(password string) error {
	if !utf8.ValidString(password) {
		return ErrNotUTF8
	}
	if utf8.RuneCountInString(password) < MinPasswordLength {
		return ErrTooShort
	}
	if len(password) > MaxPasswordBytes {
		return ErrTooLong
	}
	return nil
}

// Hash returns the argon2id hash of password in the PHC string format
// ($argon2id$v=19$m=…,t=…,p=…$salt$hash), so parameters can change later
// without invalidating stored hashes.
func Hash(password string, p Params) (string, error) {
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("reading random salt: %w", err)
	}
	key := argon2.IDKey([]byte(password), salt, p.Time, p.Memory, p.Threads, 32)
	enc := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, p.Memory, p.Time, p.Threads,
		enc.EncodeToString(salt), enc.EncodeToString(key)), nil
}

// Verify checks password against a hash made by Hash, in constant time.
func Verify(password, encoded string) error {
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return errors.New("not an argon2id hash")
	}
	var version int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return errors.New("unsupported argon2 version")
	}
	var p Params
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.Memory, &p.Time, &p.Threads); err != nil {
		return fmt.Errorf("reading argon2 parameters: %w", err)
	}
	enc := base64.RawStdEncoding
	salt, err := enc.DecodeString(parts[4])
	if err != nil {
		return fmt.Errorf("reading salt: %w", err)
	}
	want, err := enc.DecodeString(parts[5])
	if err != nil {
		return fmt.Errorf("reading hash: %w", err)
	}
	got := argon2.IDKey([]byte(password), salt, p.Time, p.Memory, p.Threads, uint32(len(want)))
	if subtle.ConstantTimeCompare(got, want) != 1 {
		return ErrMismatch
	}
	return nil
}

// RandomPassword returns a password of n characters from an alphabet without
// look-alike characters, for generated accounts such as the demo admin.
func RandomPassword(n int) (string, error) {
	const alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return string(b), nil
}

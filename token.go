package khabar

import (
	"context"
	"slices"
	"time"
)

// APIToken lets a program act for a user through the Admin API. Only a hash
// of the secret is stored; the user sees the secret once, when it is made.
type APIToken struct {
	ID     int64
	UserID int64
	Name   string // what the user calls it: "wire importer", "mobile app"
	// Role is what the token may do: the user's role or less (see
	// TokenRoles), so that a script can be given less than its owner has.
	Role       Role
	Prefix     string // the secret's first characters, to recognise it in a list
	TokenHash  string
	CreatedAt  time.Time
	ExpiresAt  time.Time // zero: never
	LastUsedAt time.Time // zero: never used
	RevokedAt  time.Time // zero: not revoked
}

// Usable reports whether the token may still be used at now.
func (t *APIToken) Usable(now time.Time) bool {
	return t.RevokedAt.IsZero() && (t.ExpiresAt.IsZero() || now.Before(t.ExpiresAt))
}

// TokenRoles lists the roles a user with role r may give a token, the
// strongest first: the role itself and those whose every permission it has.
// A translator's permission depends on its languages, which only a
// translator has, so only a translator makes translator tokens.
func TokenRoles(r Role) []Role {
	switch r {
	case RoleAdmin:
		return []Role{RoleAdmin, RoleEditor, RoleAuthor}
	case RoleEditor:
		return []Role{RoleEditor, RoleAuthor}
	case RoleAuthor:
		return []Role{RoleAuthor}
	case RoleTranslator:
		return []Role{RoleTranslator}
	}
	return nil
}

// ActingAs returns the user as a token lets them act: with the token's role
// when it is one the user may give (never more than the user has now, even
// if the user's role was lowered after the token was made).
func (u User) ActingAs(role Role) (*User, bool) {
	if !slices.Contains(TokenRoles(u.Role), role) {
		return nil, false
	}
	u.Role = role
	return &u, true
}

// APITokenService keeps API tokens.
type APITokenService interface {
	// APITokens lists a user's tokens, revoked and expired ones included,
	// newest first.
	APITokens(ctx context.Context, userID int64) ([]APIToken, error)
	// APITokenByHash returns the token with that hash, usable or not;
	// ENotFound when there is none.
	APITokenByHash(ctx context.Context, tokenHash string) (*APIToken, error)
}

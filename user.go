package khabar

import (
	"context"
	"time"
)

// Role decides what a user may do in the newsroom.
type Role string

// Roles, from most to least powerful.
const (
	RoleAdmin      Role = "admin"      // everything
	RoleEditor     Role = "editor"     // publishes any story
	RoleAuthor     Role = "author"     // writes own drafts, submits for review
	RoleTranslator Role = "translator" // translates into assigned languages
)

// Valid reports whether r is a known role.
func (r Role) Valid() bool {
	switch r {
	case RoleAdmin, RoleEditor, RoleAuthor, RoleTranslator:
		return true
	}
	return false
}

// User is a member of the newsroom. Authors of stories are users; their
// public names and biographies are per language.
type User struct {
	ID           int64
	Login        string
	Email        string
	Slug         string // author page: /{lang}/author/{slug}
	Names        Text
	Bio          Text
	Role         Role
	Languages    []string // a translator's target languages
	PasswordHash string   // argon2id, in the PHC string format
	TOTPSecret   string   // base32; empty when the second factor is off
	UILang       string   // language of the newsroom interface; "" to follow the browser
	Disabled     bool
	CreatedAt    time.Time
}

// UserService keeps users.
type UserService interface {
	User(ctx context.Context, id int64) (*User, error)
	UserByLogin(ctx context.Context, login string) (*User, error)
	UserBySlug(ctx context.Context, slug string) (*User, error)
	Users(ctx context.Context) ([]User, error)
}

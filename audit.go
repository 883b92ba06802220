package khabar

import (
	"context"
	"time"
)

// AuditEntry records who did what, when. Entries are never changed.
type AuditEntry struct {
	ID     int64
	At     time.Time
	UserID int64  // 0 for the system (the scheduler, imports)
	Action string // e.g. "version.publish", "user.login"
	Object string // e.g. "story/12/ar", "user/3"
	Detail string // a short human-readable note
	// Changes are the fields the change changed, each from → to; none for
	// an action that is its own description (a login, a new tag).
	Changes []AuditChange
}

// AuditChange is one field of an audited change. Values are as the log
// shows them: texts shortened, a body by its length in words, references
// (section, tags, authors …) by id, so that the log names them in the
// reader's language. From is empty for a field that was empty, To for one
// that was emptied.
type AuditChange struct {
	Field string `json:"field"`
	From  string `json:"from,omitempty"`
	To    string `json:"to,omitempty"`
}

// AuditFilter selects entries of the audit log; zero fields do not filter.
type AuditFilter struct {
	// Object "story/1" selects the story and its versions; "story/"
	// (ending in a slash) every story.
	Object string
	UserID int64
	// Action is an action ("version.published"), or a group of them
	// ending in a dot ("version.").
	Action   string
	From, To time.Time // at in [From, To)
	// System selects the entries of the system (UserID 0) only.
	System bool
	Limit  int
	Offset int
}

// AuditService keeps the audit log.
type AuditService interface {
	// AuditLog returns the entries f selects, newest first, and how many
	// there are.
	AuditLog(ctx context.Context, f AuditFilter) ([]AuditEntry, int, error)
}

// Session is a signed-in browser. Only a hash of its token is stored, so a
// copy of the database does not let anyone sign in.
type Session struct {
	TokenHash string
	UserID    int64
	CreatedAt time.Time
	ExpiresAt time.Time
}

// SessionService keeps sessions.
type SessionService interface {
	// SessionByHash returns an unexpired session; ENotFound otherwise.
	SessionByHash(ctx context.Context, tokenHash string) (*Session, error)
}

// actorKey carries the id of the user a write is made for.
type actorKey struct{}

// WithActor returns ctx carrying the id of the user whose change the
// writes made with it are (0 for the system), so that what a store records
// of them — the first revision of a new story — names that user.
func WithActor(ctx context.Context, userID int64) context.Context {
	return context.WithValue(ctx, actorKey{}, userID)
}

// ActorID is the user set by WithActor; 0 (the system) when none is.
func ActorID(ctx context.Context) int64 {
	id, _ := ctx.Value(actorKey{}).(int64)
	return id
}

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
}

// AuditService keeps the audit log.
type AuditService interface {
	// AuditLog returns entries newest first. object "story/1" selects the
	// story and its versions; "story/" (ending in a slash) every story.
	AuditLog(ctx context.Context, object string, limit, offset int) ([]AuditEntry, int, error)
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

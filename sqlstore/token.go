package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/khabarnews/khabar"
)

const tokenColumns = `id, user_id, name, role, prefix, token_hash, created_at, expires_at, last_used_at, revoked_at`

// CreateAPIToken stores a new API token.
func (db *DB) CreateAPIToken(ctx context.Context, t *khabar.APIToken) error {
	if err := t.Validate(); err != nil {
		return err
	}
	t.CreatedAt = fromMillis(db.nowMillis())
	return db.inQuietTx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, db.q(`INSERT INTO api_tokens (user_id, name, role, prefix, token_hash, created_at, expires_at)
			VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`), t.UserID, t.Name, string(t.Role), t.Prefix, t.TokenHash,
			millis(t.CreatedAt), optMillis(t.ExpiresAt)).Scan(&t.ID)
		if isForeignKeyViolation(err) {
			return khabar.NotFound("err.user.not_found")
		}
		if err != nil {
			return fmt.Errorf("creating API token: %w", err)
		}
		return nil
	})
}

// APITokens lists a user's tokens, newest first.
func (db *DB) APITokens(ctx context.Context, userID int64) ([]khabar.APIToken, error) {
	rows, err := db.conn(ctx).QueryContext(ctx, db.q(`SELECT `+tokenColumns+` FROM api_tokens WHERE user_id = ? ORDER BY id DESC`), userID)
	if err != nil {
		return nil, fmt.Errorf("listing API tokens: %w", err)
	}
	defer rows.Close()
	var out []khabar.APIToken
	for rows.Next() {
		t, err := scanToken(rows)
		if err != nil {
			return nil, fmt.Errorf("listing API tokens: %w", err)
		}
		out = append(out, *t)
	}
	return out, rows.Err()
}

// APITokenByHash returns the token with that hash, usable or not.
func (db *DB) APITokenByHash(ctx context.Context, tokenHash string) (*khabar.APIToken, error) {
	t, err := scanToken(db.conn(ctx).QueryRowContext(ctx, db.q(`SELECT `+tokenColumns+` FROM api_tokens WHERE token_hash = ?`), tokenHash))
	if err != nil {
		return nil, notFound(err, "err.token.not_found")
	}
	return t, nil
}

// RevokeAPIToken revokes one of a user's tokens; revoking twice keeps the
// first time.
func (db *DB) RevokeAPIToken(ctx context.Context, userID, id int64) error {
	return db.inQuietTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, db.q(`UPDATE api_tokens SET revoked_at = CASE WHEN revoked_at = 0 THEN ? ELSE revoked_at END
			WHERE id = ? AND user_id = ?`), db.nowMillis(), id, userID)
		if err != nil {
			return fmt.Errorf("revoking API token: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return khabar.NotFound("err.token.not_found")
		}
		return nil
	})
}

// TouchAPIToken records when a token was last used. A program's request is
// not a change of the content: the page caches stay as they are.
func (db *DB) TouchAPIToken(ctx context.Context, id int64, at time.Time) error {
	return db.inQuietTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, db.q(`UPDATE api_tokens SET last_used_at = ? WHERE id = ?`), millis(at), id)
		if err != nil {
			return fmt.Errorf("recording the use of API token %d: %w", id, err)
		}
		return nil
	})
}

func scanToken(row interface{ Scan(...any) error }) (*khabar.APIToken, error) {
	var t khabar.APIToken
	var role string
	var created, expires, used, revoked int64
	if err := row.Scan(&t.ID, &t.UserID, &t.Name, &role, &t.Prefix, &t.TokenHash, &created, &expires, &used, &revoked); err != nil {
		return nil, err
	}
	t.Role = khabar.Role(role)
	t.CreatedAt, t.ExpiresAt, t.LastUsedAt, t.RevokedAt = fromMillis(created), optTime(expires), optTime(used), optTime(revoked)
	return &t, nil
}

// optMillis stores a zero time as 0, meaning "none".
func optMillis(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return millis(t)
}

func optTime(ms int64) time.Time {
	if ms == 0 {
		return time.Time{}
	}
	return fromMillis(ms)
}

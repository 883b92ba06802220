package newsroom

import (
	"context"
	"strings"
	"time"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/auth"
)

// SessionLifetime is how long a newsroom login lasts.
const SessionLifetime = 14 * 24 * time.Hour

// Credentials are what a person types to log in.
type Credentials struct {
	Login    string
	Password string
	Code     string // the two-step code, for accounts that have one
	From     string // the address the attempt comes from, for the audit log
}

// SignIn checks credentials and starts a session, returning its secret (for
// the cookie) and the user. Every failed step gets the same answer, so that
// it tells nobody whether a login exists or a password was right.
// A two-step code is accepted once: its time step is recorded in the same
// transaction as the session, and a step not after the last one recorded
// is refused like any other failure.
func (s *Service) SignIn(ctx context.Context, c Credentials) (string, *khabar.Session, *khabar.User, error) {
	wrong := khabar.Unauthorized("err.login.wrong")
	login := khabar.CleanLine(c.Login)
	if login == "" {
		return "", nil, nil, wrong
	}
	if len(c.Password) > auth.MaxPasswordBytes {
		s.recordFailedLogin(ctx, nil, login, c.From)
		return "", nil, nil, wrong
	}
	u, err := s.store.UserByLogin(ctx, login)
	if err != nil && !khabar.IsNotFound(err) {
		return "", nil, nil, err
	}
	hash := ""
	if u != nil && !u.Disabled {
		hash = u.PasswordHash
	}
	// Unknown and disabled logins are checked too, against a hash of
	// nothing: every refusal takes as long as a wrong password.
	ok, err := s.passwords.verify(ctx, c.Password, hash)
	if err != nil {
		return "", nil, nil, err
	}
	if !ok {
		s.recordFailedLogin(ctx, u, login, c.From)
		return "", nil, nil, wrong
	}
	var step int64
	if u.TOTPSecret != "" {
		if step, ok = auth.MatchTOTP(u.TOTPSecret, c.Code, s.now()); !ok {
			s.recordFailedLogin(ctx, u, login, c.From)
			return "", nil, nil, wrong
		}
	}
	token, sess, err := s.startSession(ctx, u, "user.login", c.From, step)
	if khabar.ErrorCode(err) == khabar.EConflict {
		s.recordFailedLogin(ctx, u, login, c.From)
		return "", nil, nil, wrong // the code was used already
	}
	if err != nil {
		return "", nil, nil, err
	}
	return token, sess, u, nil
}

// StartSession signs a user in again after their sessions were ended (a
// password change), with a fresh secret as at login.
func (s *Service) StartSession(ctx context.Context, u *khabar.User) (string, *khabar.Session, error) {
	return s.startSession(ctx, u, "", "", 0)
}

// startSession makes a session with a fresh secret: a session id seen
// before login is never reused. action, when not empty, is audited; step,
// when not 0, is the time step of the two-step code used, recorded in the
// same transaction (EConflict when it was used already).
func (s *Service) startSession(ctx context.Context, u *khabar.User, action, detail string, step int64) (string, *khabar.Session, error) {
	token, err := auth.NewToken("")
	if err != nil {
		return "", nil, err
	}
	sess := &khabar.Session{TokenHash: auth.HashToken(token), UserID: u.ID, ExpiresAt: s.now().Add(SessionLifetime)}
	err = s.change(ctx, u, func(ctx context.Context) ([]entry, error) {
		if step != 0 {
			if err := s.store.UseTOTPStep(ctx, u.ID, step); err != nil {
				return nil, err
			}
		}
		if err := s.store.CreateSession(ctx, sess); err != nil {
			return nil, err
		}
		if action == "" {
			return nil, nil
		}
		return []entry{{action: action, object: object("user", u.ID), detail: detail}}, nil
	})
	if err != nil {
		return "", nil, err
	}
	return token, sess, nil
}

// SessionUser returns the enabled user whose session token is; anyone else
// is EUnauthorized.
func (s *Service) SessionUser(ctx context.Context, token string) (*khabar.User, error) {
	signedOut := khabar.Unauthorized("err.signed_out")
	if token == "" {
		return nil, signedOut
	}
	sess, err := s.store.SessionByHash(ctx, auth.HashToken(token))
	if khabar.IsNotFound(err) {
		return nil, signedOut
	}
	if err != nil {
		return nil, err
	}
	u, err := s.store.User(ctx, sess.UserID)
	if khabar.IsNotFound(err) || (err == nil && u.Disabled) {
		return nil, signedOut
	}
	return u, err
}

// SignOut ends the session whose secret is token.
func (s *Service) SignOut(ctx context.Context, token string) error {
	if token == "" {
		return nil
	}
	return s.change(ctx, nil, func(ctx context.Context) ([]entry, error) {
		return nil, s.store.DeleteSession(ctx, auth.HashToken(token))
	})
}

// SignOutEverywhere ends every session of the actor, on every device.
func (s *Service) SignOutEverywhere(ctx context.Context, actor *khabar.User) error {
	return s.one(ctx, actor, func(ctx context.Context) (entry, error) {
		return entry{action: "user.logout_everywhere", object: object("user", actor.ID)}, s.store.DeleteUserSessions(ctx, actor.ID)
	})
}

// TokenPrefix starts every API token, so that a leaked one is easy to
// recognise (in a log, a repository) as a Khabar token.
const TokenPrefix = "khb_"

// TokenInput makes an API token. Expires is a date (yyyy-mm-dd) in the
// site's time zone: the token works through that day; "" for never.
type TokenInput struct {
	Name    string
	Role    khabar.Role
	Expires string
}

// CreateToken makes an API token for the actor, with the actor's role or a
// lesser one. It returns the secret, which is shown once and never stored.
func (s *Service) CreateToken(ctx context.Context, actor *khabar.User, in TokenInput) (string, *khabar.APIToken, error) {
	if actor == nil || actor.Disabled {
		return "", nil, khabar.Unauthorized("err.signed_out")
	}
	secret, err := auth.NewToken(TokenPrefix)
	if err != nil {
		return "", nil, err
	}
	t := &khabar.APIToken{UserID: actor.ID, Name: khabar.CleanLine(in.Name), Role: in.Role,
		Prefix: secret[:12], TokenHash: auth.HashToken(secret)}
	err = s.one(ctx, actor, func(ctx context.Context) (entry, error) {
		settings, err := s.store.Settings(ctx)
		if err != nil {
			return entry{}, err
		}
		if err := t.Validate(); err != nil {
			return entry{}, err
		}
		if !canGrant(actor, t.Role) {
			return entry{}, khabar.Invalid("token_role", "err.token.role")
		}
		if t.ExpiresAt, err = tokenExpiry(strings.TrimSpace(in.Expires), settings.Location(), s.now()); err != nil {
			return entry{}, err
		}
		if err := s.store.CreateAPIToken(ctx, t); err != nil {
			return entry{}, err
		}
		return entry{action: "token.create", object: object("token", t.ID), detail: tokenDetail(t, nil)}, nil
	})
	if err != nil {
		return "", nil, err
	}
	return secret, t, nil
}

func canGrant(actor *khabar.User, r khabar.Role) bool {
	for _, ok := range khabar.TokenRoles(actor.Role) {
		if ok == r {
			return true
		}
	}
	return false
}

// tokenExpiry reads the expiry date: the token works through that day, and
// the day must be after today.
func tokenExpiry(day string, loc *time.Location, now time.Time) (time.Time, error) {
	if day == "" {
		return time.Time{}, nil
	}
	d, err := time.ParseInLocation(time.DateOnly, day, loc)
	if err != nil {
		return time.Time{}, khabar.Invalid("token_expires", "err.token.expires_format", "value", day)
	}
	y, m, dd := now.In(loc).Date()
	if !d.After(time.Date(y, m, dd, 0, 0, 0, 0, loc)) {
		return time.Time{}, khabar.Invalid("token_expires", "err.token.expires_past")
	}
	return d.AddDate(0, 0, 1), nil // midnight at the end of that day
}

// tokenDetail describes a token in the audit log: its name and role, and
// whose it is when someone else's. Never the secret.
func tokenDetail(t *khabar.APIToken, owner *khabar.User) string {
	d := t.Name + " (" + string(t.Role) + ")"
	if owner != nil {
		d = owner.Login + ": " + d
	}
	return d
}

// RevokeToken revokes token id of user owner: the owner's own, or anyone's
// by an administrator. Revoking a revoked token changes nothing.
func (s *Service) RevokeToken(ctx context.Context, actor *khabar.User, owner, id int64) error {
	if err := canManage(actor, owner); err != nil {
		return err
	}
	return s.change(ctx, actor, func(ctx context.Context) ([]entry, error) {
		list, err := s.store.APITokens(ctx, owner)
		if err != nil {
			return nil, err
		}
		var t *khabar.APIToken
		for i := range list {
			if list[i].ID == id {
				t = &list[i]
			}
		}
		if t == nil {
			return nil, khabar.NotFound("err.token.not_found")
		}
		if !t.RevokedAt.IsZero() {
			return nil, nil
		}
		var other *khabar.User
		if owner != actor.ID {
			if other, err = s.store.User(ctx, owner); err != nil {
				return nil, err
			}
		}
		return []entry{{action: "token.revoke", object: object("token", id), detail: tokenDetail(t, other)}}, s.store.RevokeAPIToken(ctx, owner, id)
	})
}

// TokenUser returns the user a program acts as with the API token secret:
// the token's owner with the token's role. It refuses tokens that are
// unknown, revoked or expired, of disabled users, or stronger than their
// user's role now; the key of each refusal says which.
func (s *Service) TokenUser(ctx context.Context, secret string) (*khabar.User, *khabar.APIToken, error) {
	if !strings.HasPrefix(secret, TokenPrefix) {
		return nil, nil, khabar.Unauthorized("api.error.token_missing")
	}
	tok, err := s.store.APITokenByHash(ctx, auth.HashToken(secret))
	if khabar.IsNotFound(err) {
		return nil, nil, khabar.Unauthorized("api.error.token_invalid")
	}
	if err != nil {
		return nil, nil, err
	}
	now := s.now()
	if !tok.Usable(now) {
		if tok.RevokedAt.IsZero() {
			return nil, nil, khabar.Unauthorized("api.error.token_expired")
		}
		return nil, nil, khabar.Unauthorized("api.error.token_revoked")
	}
	u, err := s.store.User(ctx, tok.UserID)
	if err != nil && !khabar.IsNotFound(err) {
		return nil, nil, err
	}
	if u == nil || u.Disabled {
		return nil, nil, khabar.Unauthorized("api.error.token_invalid")
	}
	acting, ok := u.ActingAs(tok.Role)
	if !ok { // the user's role was lowered below the token's
		return nil, nil, khabar.Forbidden("api.error.token_role")
	}
	// Once a minute is enough to show "last used" in the newsroom; it is
	// bookkeeping, not a change anyone audits.
	if now.Sub(tok.LastUsedAt) > time.Minute {
		err := s.change(ctx, nil, func(ctx context.Context) ([]entry, error) {
			return nil, s.store.TouchAPIToken(ctx, tok.ID, now)
		})
		if err != nil {
			s.log.Warn("recording the use of an API token", "token", tok.ID, "err", err)
		}
	}
	return acting, tok, nil
}

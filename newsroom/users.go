package newsroom

import (
	"context"
	"errors"
	"slices"
	"strings"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/auth"
	"github.com/khabarnews/khabar/lang"
)

// Newsroom accounts: administrators create and manage them; everyone looks
// after their own password, two-step login and interface language.

// UserInput creates or changes an account. Languages are a translator's
// target languages; ones the site does not publish in are kept from what
// is saved.
type UserInput struct {
	Login     string // on creation only: a login never changes
	Email     string
	Slug      string // of the author page; "" for one made from the login
	Names     khabar.Text
	Bio       khabar.Text
	Role      khabar.Role
	Languages []string
	// NoLogin makes an account that cannot log in until an administrator
	// sets its password: a byline brought in by an import or the demo.
	NoLogin bool
}

// CreateUser creates an account with its first password.
func (s *Service) CreateUser(ctx context.Context, actor *khabar.User, in UserInput, password string) (*khabar.User, error) {
	if err := allow(actor, khabar.ActManageUsers, khabar.Target{}); err != nil {
		return nil, err
	}
	var hash string
	if !in.NoLogin || password != "" {
		var err error
		if hash, err = s.hashPassword(ctx, password); err != nil {
			return nil, err
		}
	}
	u := &khabar.User{Login: khabar.CleanLine(in.Login), PasswordHash: hash}
	err := s.one(ctx, actor, func(ctx context.Context) (entry, error) {
		settings, err := s.store.Settings(ctx)
		if err != nil {
			return entry{}, err
		}
		applyUser(settings, u, in)
		if err := u.Validate(); err != nil {
			return entry{}, err
		}
		if err := s.store.CreateUser(ctx, u); err != nil {
			return entry{}, err
		}
		return entry{action: "user.create", object: object("user", u.ID), detail: u.Login + " (" + string(u.Role) + ")"}, nil
	})
	if err != nil {
		return nil, err
	}
	return u, nil
}

// UpdateUser changes an account's details and role. Nobody changes their
// own role: the last administrator must not lock everyone out by mistake.
func (s *Service) UpdateUser(ctx context.Context, actor *khabar.User, id int64, in UserInput) (*khabar.User, error) {
	if err := allow(actor, khabar.ActManageUsers, khabar.Target{}); err != nil {
		return nil, err
	}
	var u *khabar.User
	err := s.one(ctx, actor, func(ctx context.Context) (entry, error) {
		var err error
		if u, err = s.store.User(ctx, id); err != nil {
			return entry{}, err
		}
		settings, err := s.store.Settings(ctx)
		if err != nil {
			return entry{}, err
		}
		was := u.Role
		applyUser(settings, u, in)
		if u.ID == actor.ID && u.Role != was {
			return entry{}, khabar.Invalid("role", "err.role.self")
		}
		if err := u.Validate(); err != nil {
			return entry{}, err
		}
		detail := ""
		if u.Role != was {
			detail = string(was) + " → " + string(u.Role)
		}
		return entry{action: "user.update", object: object("user", u.ID), detail: detail}, s.store.UpdateUser(ctx, u)
	})
	if err != nil {
		return nil, err
	}
	return u, nil
}

// applyUser puts the input's details into u, cleaned.
func applyUser(settings khabar.Settings, u *khabar.User, in UserInput) {
	u.Email = khabar.CleanLine(in.Email)
	u.Names = khabar.CleanTexts(in.Names)
	u.Bio = in.Bio
	for l, b := range u.Bio {
		u.Bio[l] = strings.TrimSpace(khabar.CleanText(b))
	}
	u.Role = in.Role
	u.Slug = khabar.CleanLine(in.Slug)
	if u.Slug == "" {
		// The login is already a safe, unique word.
		if u.Slug = lang.Slugify(u.Login, "en", lang.SlugTranslit); u.Slug == "" {
			u.Slug = u.Login
		}
	}
	var langs []string
	for _, l := range u.Languages {
		if !settings.HasLang(l) {
			langs = append(langs, l)
		}
	}
	for _, l := range in.Languages {
		if settings.HasLang(l) && !slices.Contains(langs, l) {
			langs = append(langs, l)
		}
	}
	u.Languages = langs
}

// SetDisabled disables an account, which ends its sessions at once (a
// disabled account must not keep working in an open browser), or enables
// it again. Nobody disables their own account.
func (s *Service) SetDisabled(ctx context.Context, actor *khabar.User, id int64, disabled bool) error {
	if err := allow(actor, khabar.ActManageUsers, khabar.Target{}); err != nil {
		return err
	}
	if disabled && id == actor.ID {
		return khabar.Invalid("disable", "err.disable.self")
	}
	return s.one(ctx, actor, func(ctx context.Context) (entry, error) {
		u, err := s.store.User(ctx, id)
		if err != nil {
			return entry{}, err
		}
		u.Disabled = disabled
		if err := s.store.UpdateUser(ctx, u); err != nil {
			return entry{}, err
		}
		if !disabled {
			return entry{action: "user.enable", object: object("user", u.ID), detail: u.Login}, nil
		}
		return entry{action: "user.disable", object: object("user", u.ID), detail: u.Login}, s.store.DeleteUserSessions(ctx, u.ID)
	})
}

// ResetPassword sets another user's password: the one given, or, when it
// is empty, a generated one, which it returns to be shown once. The user's
// sessions end, since a reset usually means the old password is known to
// someone else.
func (s *Service) ResetPassword(ctx context.Context, actor *khabar.User, id int64, password string) (string, error) {
	if err := allow(actor, khabar.ActManageUsers, khabar.Target{}); err != nil {
		return "", err
	}
	if password == "" {
		var err error
		if password, err = auth.RandomPassword(16); err != nil {
			return "", err
		}
	}
	hash, err := s.hashPassword(ctx, password)
	if err != nil {
		return "", err
	}
	err = s.one(ctx, actor, func(ctx context.Context) (entry, error) {
		return entry{action: "user.password_reset", object: object("user", id)}, s.setPassword(ctx, id, hash)
	})
	if err != nil {
		return "", err
	}
	return password, nil
}

// ChangePassword changes the actor's own password. The current password is
// required, so that a browser left open cannot be used to take the account
// over. Every session of the account ends.
func (s *Service) ChangePassword(ctx context.Context, actor *khabar.User, current, next, repeat string) error {
	if actor == nil || actor.ID == 0 {
		return khabar.Unauthorized("err.signed_out")
	}
	if err := s.checkPassword(ctx, actor.ID, current); err != nil {
		return err
	}
	if next != repeat {
		return khabar.Invalid("repeat", "err.password.repeat")
	}
	hash, err := s.hashPassword(ctx, next)
	if err != nil {
		return err
	}
	return s.one(ctx, actor, func(ctx context.Context) (entry, error) {
		return entry{action: "user.password_change", object: object("user", actor.ID)}, s.setPassword(ctx, actor.ID, hash)
	})
}

// checkPassword refuses when password is not user id's current one.
func (s *Service) checkPassword(ctx context.Context, id int64, password string) error {
	u, err := s.store.User(ctx, id)
	if err != nil {
		return err
	}
	ok := false
	if len(password) <= auth.MaxPasswordBytes && u.PasswordHash != "" {
		if ok, err = s.passwords.verify(ctx, password, u.PasswordHash); err != nil {
			return err
		}
	}
	if !ok {
		return khabar.Invalid("current", "err.password.current")
	}
	return nil
}

// setPassword stores a password hash and ends the user's sessions.
func (s *Service) setPassword(ctx context.Context, id int64, hash string) error {
	u, err := s.store.User(ctx, id)
	if err != nil {
		return err
	}
	u.PasswordHash = hash
	if err := s.store.UpdateUser(ctx, u); err != nil {
		return err
	}
	return s.store.DeleteUserSessions(ctx, id)
}

// hashPassword checks a new password and hashes it.
func (s *Service) hashPassword(ctx context.Context, password string) (string, error) {
	switch err := auth.CheckStrength(password); {
	case errors.Is(err, auth.ErrTooShort):
		return "", khabar.Invalid("password", "err.password.short", "min", auth.MinPasswordLength)
	case errors.Is(err, auth.ErrTooLong):
		return "", khabar.Invalid("password", "err.password.long", "max", auth.MaxPasswordBytes)
	case err != nil:
		return "", khabar.Invalid("password", "err.text.utf8")
	}
	return s.passwords.hash(ctx, password)
}

// canManage refuses unless the actor is the user or may manage users.
func canManage(actor *khabar.User, id int64) error {
	if actor != nil && actor.ID == id && id != 0 && !actor.Disabled {
		return nil
	}
	return allow(actor, khabar.ActManageUsers, khabar.Target{})
}

// EnableTwoStep turns on the second factor of user id with secret, once a
// code made from it proves that the user's app holds the same secret. The
// user themselves or an administrator may.
func (s *Service) EnableTwoStep(ctx context.Context, actor *khabar.User, id int64, secret, code string) error {
	if err := canManage(actor, id); err != nil {
		return err
	}
	secret = strings.TrimSpace(secret)
	if _, err := auth.TOTPCode(secret, s.now()); err != nil || len(secret) != 32 {
		return khabar.Invalid("secret", "err.totp.secret")
	}
	step, ok := auth.MatchTOTP(secret, code, s.now())
	if !ok {
		return khabar.Invalid("code", "err.totp.code")
	}
	return s.one(ctx, actor, func(ctx context.Context) (entry, error) {
		u, err := s.store.User(ctx, id)
		if err != nil {
			return entry{}, err
		}
		u.TOTPSecret = secret
		if err := s.store.UpdateUser(ctx, u); err != nil {
			return entry{}, err
		}
		// The code that proved the secret has been seen: it signs no one
		// in. A step recorded already (the second factor turned off and on
		// within a minute) keeps this one out just as well.
		if err := s.store.UseTOTPStep(ctx, id, step); err != nil && khabar.ErrorCode(err) != khabar.EConflict {
			return entry{}, err
		}
		return entry{action: "user.two_step_on", object: object("user", id), detail: u.Login}, nil
	})
}

// DisableTwoStep turns the second factor of user id off. Users turning off
// their own give their password, as for every change that weakens an
// account; an administrator turns off someone else's (a lost phone).
func (s *Service) DisableTwoStep(ctx context.Context, actor *khabar.User, id int64, current string) error {
	if err := canManage(actor, id); err != nil {
		return err
	}
	if actor.ID == id {
		if err := s.checkPassword(ctx, id, current); err != nil {
			return err
		}
	}
	return s.one(ctx, actor, func(ctx context.Context) (entry, error) {
		u, err := s.store.User(ctx, id)
		if err != nil {
			return entry{}, err
		}
		u.TOTPSecret = ""
		return entry{action: "user.two_step_off", object: object("user", id), detail: u.Login}, s.store.UpdateUser(ctx, u)
	})
}

// SetUILanguage saves the actor's choice of newsroom language.
func (s *Service) SetUILanguage(ctx context.Context, actor *khabar.User, tag string) error {
	if actor == nil || actor.ID == 0 {
		return khabar.Unauthorized("err.signed_out")
	}
	if _, ok := lang.Lookup(tag); !ok {
		return khabar.Invalid("lang", "err.lang.unknown", "lang", tag)
	}
	return s.change(ctx, actor, func(ctx context.Context) ([]entry, error) {
		u, err := s.store.User(ctx, actor.ID)
		if err != nil {
			return nil, err
		}
		u.UILang = tag
		return nil, s.store.UpdateUser(ctx, u)
	})
}

package sqlstore

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/khabarnews/khabar"
)

const userColumns = `id, login, email, slug, names, bio, role, languages, password_hash, totp_secret, ui_lang, disabled, created_at`

// CreateUser stores a new user and sets its id and creation time.
func (db *DB) CreateUser(ctx context.Context, u *khabar.User) error {
	if err := u.Validate(); err != nil {
		return err
	}
	u.CreatedAt = fromMillis(db.nowMillis())
	return db.inQuietTx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, db.q(`INSERT INTO users (login, email, slug, names, bio, role, languages, password_hash, totp_secret, ui_lang, disabled, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`),
			u.Login, u.Email, u.Slug, textJSON(u.Names), textJSON(u.Bio), string(u.Role), stringsJSON(u.Languages),
			u.PasswordHash, u.TOTPSecret, u.UILang, u.Disabled, millis(u.CreatedAt)).Scan(&u.ID)
		if isUniqueViolation(err) {
			return khabar.Invalid("login", "err.login.taken", "login", u.Login, "slug", u.Slug)
		}
		if err != nil {
			return fmt.Errorf("creating user: %w", err)
		}
		return nil
	})
}

// UpdateUser saves every field of a user.
func (db *DB) UpdateUser(ctx context.Context, u *khabar.User) error {
	if err := u.Validate(); err != nil {
		return err
	}
	return db.inTxOn(ctx, []string{khabar.UserTopic(u.ID)}, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, db.q(`UPDATE users SET login = ?, email = ?, slug = ?, names = ?, bio = ?, role = ?,
			languages = ?, password_hash = ?, totp_secret = ?, ui_lang = ?, disabled = ? WHERE id = ?`),
			u.Login, u.Email, u.Slug, textJSON(u.Names), textJSON(u.Bio), string(u.Role), stringsJSON(u.Languages),
			u.PasswordHash, u.TOTPSecret, u.UILang, u.Disabled, u.ID)
		if isUniqueViolation(err) {
			return khabar.Invalid("login", "err.login.taken", "login", u.Login, "slug", u.Slug)
		}
		if err != nil {
			return fmt.Errorf("updating user: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return khabar.NotFound("err.user.not_found")
		}
		return nil
	})
}

func (db *DB) userWhere(ctx context.Context, where string, arg any) (*khabar.User, error) {
	row := db.conn(ctx).QueryRowContext(ctx, db.q(`SELECT `+userColumns+` FROM users WHERE `+where), arg)
	u, err := scanUser(row)
	if err != nil {
		return nil, notFound(err, "err.user.not_found")
	}
	khabar.Depend(ctx, khabar.UserTopic(u.ID))
	return u, nil
}

// User returns the user with that id.
func (db *DB) User(ctx context.Context, id int64) (*khabar.User, error) {
	return db.userWhere(ctx, "id = ?", id)
}

// UserByLogin returns the user with that login.
func (db *DB) UserByLogin(ctx context.Context, login string) (*khabar.User, error) {
	return db.userWhere(ctx, "login = ?", login)
}

// UserBySlug returns the user with that slug.
func (db *DB) UserBySlug(ctx context.Context, slug string) (*khabar.User, error) {
	return db.userWhere(ctx, "slug = ?", slug)
}

// Users returns every user.
func (db *DB) Users(ctx context.Context) ([]khabar.User, error) {
	rows, err := db.conn(ctx).QueryContext(ctx, `SELECT `+userColumns+` FROM users ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("listing users: %w", err)
	}
	defer rows.Close()
	var out []khabar.User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, fmt.Errorf("listing users: %w", err)
		}
		out = append(out, *u)
	}
	return out, rows.Err()
}

func scanUser(row rowScanner) (*khabar.User, error) {
	var u khabar.User
	var role string
	var created int64
	err := row.Scan(&u.ID, &u.Login, &u.Email, &u.Slug, scanText{&u.Names}, scanText{&u.Bio}, &role,
		scanStrings{&u.Languages}, &u.PasswordHash, &u.TOTPSecret, &u.UILang, &u.Disabled, &created)
	if err != nil {
		return nil, err
	}
	u.Role = khabar.Role(role)
	u.CreatedAt = fromMillis(created)
	return &u, nil
}

// UseTOTPStep records the time step of a used two-step code; the WHERE makes
// the check and the record one statement, so two sign-ins racing with the
// same code cannot both pass.
func (db *DB) UseTOTPStep(ctx context.Context, userID, step int64) error {
	return db.inQuietTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, db.q(`UPDATE users SET totp_step = ? WHERE id = ? AND totp_step < ?`), step, userID, step)
		if err != nil {
			return fmt.Errorf("recording a two-step code: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return fmt.Errorf("recording a two-step code: %w", err)
		} else if n == 0 {
			return khabar.Conflict("code", "err.totp.used")
		}
		return nil
	})
}

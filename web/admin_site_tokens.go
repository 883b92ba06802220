package web

import (
	"crypto/rand"
	"encoding/base64"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/khabarnews/khabar"
)

// API tokens, made and revoked by their owner under My account; an
// administrator sees and revokes them on the user's page. A token's secret
// is shown once, in the response that made it, and only its hash is kept.

// siteTokenPrefix starts every secret, so that a leaked one is easy to
// recognise (in a log, a repository) as a Khabar token.
const siteTokenPrefix = "khb_"

// siteTokenNameMax is the longest token name, in characters.
const siteTokenNameMax = 100

// siteTokenRow is a token as a list shows it.
type siteTokenRow struct {
	khabar.APIToken
	Status string // "active", "expired" or "revoked"
}

// siteTokenRows adds each token's status at now.
func siteTokenRows(list []khabar.APIToken, now time.Time) []siteTokenRow {
	rows := make([]siteTokenRow, 0, len(list))
	for _, t := range list {
		status := "active"
		switch {
		case !t.RevokedAt.IsZero():
			status = "revoked"
		case !t.Usable(now):
			status = "expired"
		}
		rows = append(rows, siteTokenRow{APIToken: t, Status: status})
	}
	return rows
}

// siteUserTokens lists a user's tokens for their page under Users.
func (s *Server) siteUserTokens(r *http.Request, userID int64) ([]siteTokenRow, error) {
	list, err := s.store.APITokens(r.Context(), userID)
	if err != nil {
		return nil, err
	}
	return siteTokenRows(list, time.Now()), nil
}

// siteTokensData is the page of one's own tokens.
type siteTokensData struct {
	Tokens    []siteTokenRow
	Roles     []khabar.Role // what a new token may be given, strongest first
	Name      string        // the form as typed
	Role      khabar.Role
	Expires   string // yyyy-mm-dd
	MinExpiry string // tomorrow in the site's time zone, the earliest expiry
	Secret    string // a new token's secret, in the response that made it only
	Created   *khabar.APIToken
}

// NameMax is the longest name, for the field's maxlength.
func (siteTokensData) NameMax() int { return siteTokenNameMax }

// NameMaxText is NameMax in the interface's digits, for the hint.
func (siteTokensData) NameMaxText(v *adminView) string { return siteTokenNameMaxText(v) }

// siteTokensPage shows one's own tokens, with the form as typed (or empty)
// and, after a creation, the new secret; err is a form error to show.
func (s *Server) siteTokensPage(w http.ResponseWriter, r *http.Request, d siteTokensData, err error) error {
	v, verr := s.newAdminView(r, "mng.tokens", "account")
	if verr != nil {
		return verr
	}
	list, lerr := s.store.APITokens(r.Context(), v.User.ID)
	if lerr != nil {
		return lerr
	}
	now := time.Now()
	d.Tokens = siteTokenRows(list, now)
	d.Roles = khabar.TokenRoles(v.User.Role)
	if !slices.Contains(d.Roles, d.Role) && len(d.Roles) > 0 {
		d.Role = d.Roles[len(d.Roles)-1] // the least power is the safer default
	}
	y, m, day := now.In(v.Settings.Location()).Date()
	d.MinExpiry = time.Date(y, m, day+1, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
	v.Data = d
	if err != nil {
		return s.siteFormError(w, v, "site_tokens", err)
	}
	if d.Secret != "" {
		v.Notice = v.T("notice.mng.token_created")
	}
	return s.renderAdmin(w, http.StatusOK, "site_tokens", v)
}

func (s *Server) siteTokens(w http.ResponseWriter, r *http.Request) error {
	return s.siteTokensPage(w, r, siteTokensData{}, nil)
}

// siteTokenCreate makes a token. The secret goes into this response only
// (renderAdmin sends it with no-store), never into a URL, a log or the store.
func (s *Server) siteTokenCreate(w http.ResponseWriter, r *http.Request) error {
	u := userFrom(r.Context())
	st, err := s.store.Settings(r.Context())
	if err != nil {
		return err
	}
	d := siteTokensData{
		Name:    strings.TrimSpace(r.PostFormValue("name")),
		Role:    khabar.Role(r.PostFormValue("role")),
		Expires: strings.TrimSpace(r.PostFormValue("expires")),
	}
	t := &khabar.APIToken{UserID: u.ID, Name: d.Name, Role: d.Role}
	if err := siteTokenCheck(t, d.Expires, khabar.TokenRoles(u.Role), st.Location(), time.Now()); err != nil {
		return s.siteTokensPage(w, r, d, err)
	}
	secret, err := siteNewTokenSecret()
	if err != nil {
		return err
	}
	t.Prefix = secret[:12]
	t.TokenHash = hashToken(secret)
	if err := s.store.CreateAPIToken(r.Context(), t); err != nil {
		return s.siteTokensPage(w, r, d, err)
	}
	s.siteAudit(r, "token.create", siteObject("token", t.ID), siteTokenDetail(t, nil))
	return s.siteTokensPage(w, r, siteTokensData{Secret: secret, Created: t}, nil)
}

// siteTokenCheck checks a new token's name and role and sets its expiry
// from the date typed: the token works through that day, in the site's
// time zone, and the day must be after today.
func siteTokenCheck(t *khabar.APIToken, expires string, roles []khabar.Role, loc *time.Location, now time.Time) error {
	if t.Name == "" || utf8.RuneCountInString(t.Name) > siteTokenNameMax || !utf8.ValidString(t.Name) {
		return khabar.Invalid("token_name", "a token needs a name of at most %d characters", siteTokenNameMax)
	}
	if !slices.Contains(roles, t.Role) {
		return khabar.Invalid("token_role", "a token cannot have the role %q", t.Role)
	}
	if expires == "" {
		return nil
	}
	day, err := time.ParseInLocation(time.DateOnly, expires, loc)
	if err != nil {
		return khabar.Invalid("token_expires", "%q is not a date", expires)
	}
	y, m, d := now.In(loc).Date()
	if !day.After(time.Date(y, m, d, 0, 0, 0, 0, loc)) {
		return khabar.Invalid("token_expires", "the expiry date must be in the future")
	}
	t.ExpiresAt = day.AddDate(0, 0, 1) // midnight at the end of that day
	return nil
}

// siteNewTokenSecret makes a secret: the prefix and 32 random bytes.
func siteNewTokenSecret() (string, error) {
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return "", err
	}
	return siteTokenPrefix + base64.RawURLEncoding.EncodeToString(raw), nil
}

// siteTokenDetail describes a token in the audit log: its name and role,
// and whose it is when someone else's. Never the secret.
func siteTokenDetail(t *khabar.APIToken, owner *khabar.User) string {
	d := t.Name + " (" + string(t.Role) + ")"
	if owner != nil {
		d = owner.Login + ": " + d
	}
	return d
}

// siteTokenID reads the {token} of a path.
func siteTokenID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("token"), 10, 64)
	if err != nil || id <= 0 {
		return 0, khabar.Errorf(khabar.ENotFound, "no such token %q", r.PathValue("token"))
	}
	return id, nil
}

// siteTokenRevoke revokes one of the user's tokens; one of another user's
// is not found, as the store only looks among the owner's.
func (s *Server) siteTokenRevoke(r *http.Request, owner *khabar.User) error {
	id, err := siteTokenID(r)
	if err != nil {
		return err
	}
	list, err := s.store.APITokens(r.Context(), owner.ID)
	if err != nil {
		return err
	}
	i := slices.IndexFunc(list, func(t khabar.APIToken) bool { return t.ID == id })
	if i < 0 {
		return khabar.Errorf(khabar.ENotFound, "API token %d not found", id)
	}
	if !list[i].RevokedAt.IsZero() {
		return nil // revoked already: nothing changes, nothing to record
	}
	if err := s.store.RevokeAPIToken(r.Context(), owner.ID, id); err != nil {
		return err
	}
	var other *khabar.User
	if owner.ID != userFrom(r.Context()).ID {
		other = owner
	}
	s.siteAudit(r, "token.revoke", siteObject("token", id), siteTokenDetail(&list[i], other))
	return nil
}

func (s *Server) siteAccountTokenRevoke(w http.ResponseWriter, r *http.Request) error {
	if err := s.siteTokenRevoke(r, userFrom(r.Context())); err != nil {
		return err
	}
	seeOther(w, r, "/admin/account/tokens", "mng.token_revoked")
	return nil
}

func (s *Server) siteUserTokenRevoke(w http.ResponseWriter, r *http.Request) error {
	u, err := s.siteUser(r)
	if err != nil {
		return err
	}
	if err := s.siteTokenRevoke(r, u); err != nil {
		return err
	}
	seeOther(w, r, "/admin/users/"+r.PathValue("id"), "mng.token_revoked")
	return nil
}

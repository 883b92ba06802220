package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/newsroom"
)

// API tokens, made and revoked by their owner under My account; an
// administrator sees and revokes them on the user's page. A token's secret
// is shown once, in the response that made it, and only its hash is kept.

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
func (siteTokensData) NameMax() int { return khabar.MaxTokenNameRunes }

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
	d := siteTokensData{
		Name:    strings.TrimSpace(r.PostFormValue("name")),
		Role:    khabar.Role(r.PostFormValue("role")),
		Expires: strings.TrimSpace(r.PostFormValue("expires")),
	}
	secret, t, err := s.news.CreateToken(r.Context(), userFrom(r.Context()), newsroom.TokenInput{Name: d.Name, Role: d.Role, Expires: d.Expires})
	if khabar.ErrorCode(err) == khabar.EInvalid {
		return s.siteTokensPage(w, r, d, err)
	}
	if err != nil {
		return err
	}
	return s.siteTokensPage(w, r, siteTokensData{Secret: secret, Created: t}, nil)
}

// siteTokenID reads the {token} of a path.
func siteTokenID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("token"), 10, 64)
	if err != nil || id <= 0 {
		return 0, khabar.NotFound("err.token.not_found")
	}
	return id, nil
}

// siteTokenRevoke revokes one of owner's tokens; one of another user's is
// not found.
func (s *Server) siteTokenRevoke(r *http.Request, owner *khabar.User) error {
	id, err := siteTokenID(r)
	if err != nil {
		return err
	}
	return s.news.RevokeToken(r.Context(), userFrom(r.Context()), owner.ID, id)
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

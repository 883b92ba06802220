package web

import (
	"errors"
	"html/template"
	"net/http"
	"strings"
	"time"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/auth"
)

// One's own account, open to every newsroom user: the password, two-step
// login and signing out of every device. The two-step setup is shared with
// the administrators' user pages.

// siteAccountData is the account page.
type siteAccountData struct {
	U            khabar.User
	ActiveTokens int // API tokens that work now
}

// MinPassword is the shortest password allowed, for the hint.
func (d siteAccountData) MinPassword(v *adminView) string { return siteMinPassword(v) }

func (s *Server) siteAccount(w http.ResponseWriter, r *http.Request) error {
	v, err := s.newAdminView(r, "mng.account", "account")
	if err != nil {
		return err
	}
	if v.Data, err = s.siteAccountData(r, v.User); err != nil {
		return err
	}
	return s.renderAdmin(w, http.StatusOK, "site_account", v)
}

// siteAccountData gathers what the account page shows.
func (s *Server) siteAccountData(r *http.Request, u *khabar.User) (siteAccountData, error) {
	d := siteAccountData{U: *u}
	tokens, err := s.store.APITokens(r.Context(), u.ID)
	if err != nil {
		return d, err
	}
	now := time.Now()
	for _, t := range tokens {
		if t.Usable(now) {
			d.ActiveTokens++
		}
	}
	return d, nil
}

// siteAccountFail shows the account page again with an error.
func (s *Server) siteAccountFail(w http.ResponseWriter, r *http.Request, err error) error {
	v, verr := s.newAdminView(r, "mng.account", "account")
	if verr != nil {
		return verr
	}
	if v.Data, verr = s.siteAccountData(r, v.User); verr != nil {
		return verr
	}
	return s.siteFormError(w, v, "site_account", err)
}

// siteAccountPassword changes one's own password. Every other session
// ends; this browser gets a fresh one.
func (s *Server) siteAccountPassword(w http.ResponseWriter, r *http.Request) error {
	u := userFrom(r.Context())
	err := s.news.ChangePassword(r.Context(), u, r.PostFormValue("current"), r.PostFormValue("password"), r.PostFormValue("repeat"))
	if khabar.ErrorCode(err) == khabar.EInvalid {
		return s.siteAccountFail(w, r, err)
	}
	if err != nil {
		return err
	}
	if err := s.siteStartSession(w, r, u); err != nil {
		return err
	}
	seeOther(w, r, "/admin/account", "mng.password_changed")
	return nil
}

// siteStartSession signs this browser in again after its sessions were
// ended, with a new token as at login.
func (s *Server) siteStartSession(w http.ResponseWriter, r *http.Request, u *khabar.User) error {
	token, sess, err := s.news.StartSession(r.Context(), u)
	if err != nil {
		return err
	}
	s.setSessionCookie(w, r, token, sess.ExpiresAt)
	return nil
}

func (s *Server) siteAccountTwoStepStart(w http.ResponseWriter, r *http.Request) error {
	secret, err := auth.NewTOTPSecret()
	if err != nil {
		return err
	}
	return s.siteTwoStepPage(w, r, http.StatusOK, userFrom(r.Context()), secret, "/admin/account", "account", nil)
}

func (s *Server) siteAccountTwoStepConfirm(w http.ResponseWriter, r *http.Request) error {
	return s.siteTwoStepConfirm(w, r, userFrom(r.Context()), "/admin/account", "account")
}

// siteAccountTwoStepOff turns one's own second factor off; the password is
// asked for, as for every change that weakens the account.
func (s *Server) siteAccountTwoStepOff(w http.ResponseWriter, r *http.Request) error {
	u := userFrom(r.Context())
	err := s.news.DisableTwoStep(r.Context(), u, u.ID, r.PostFormValue("current"))
	if khabar.ErrorCode(err) == khabar.EInvalid {
		return s.siteAccountFail(w, r, err)
	}
	if err != nil {
		return err
	}
	seeOther(w, r, "/admin/account", "mng.two_step_off")
	return nil
}

// siteTwoStep is the setup page of a second factor: the new secret, to be
// typed or opened in an authenticator app, and a field for its first code.
type siteTwoStep struct {
	Who     khabar.User
	Self    bool
	Secret  string
	Grouped string       // the secret in groups of four, easier to copy by eye
	URL     template.URL // otpauth://…, which html/template would otherwise blank out
	Back    string
}

// Action is where the confirmation posts.
func (d siteTwoStep) Action() string { return d.Back + "/two-step" }

// siteTwoStepPage shows the setup page. The secret travels in a hidden
// field until confirmed, so nothing is saved before the user has proved,
// with a valid code, that their app holds the same secret.
func (s *Server) siteTwoStepPage(w http.ResponseWriter, r *http.Request, status int, u *khabar.User, secret, back, section string, err error) error {
	v, verr := s.newAdminView(r, "mng.two_step.setup", section)
	if verr != nil {
		return verr
	}
	var groups []string
	for i := 0; i < len(secret); i += 4 {
		groups = append(groups, secret[i:min(i+4, len(secret))])
	}
	issuer := v.Settings.SiteName.Get(v.Settings.DefaultLang, v.Settings.DefaultLang)
	if issuer == "" {
		issuer = "Khabar"
	}
	v.Data = siteTwoStep{Who: *u, Self: u.ID == v.User.ID, Secret: secret, Grouped: strings.Join(groups, " "),
		URL: template.URL(auth.TOTPURL(issuer, u.Login, secret)), Back: back} // built here from our own secret
	if err != nil {
		return s.siteFormError(w, v, "site_two_step", err)
	}
	return s.renderAdmin(w, status, "site_two_step", v)
}

// siteTwoStepConfirm saves the secret once a code made from it is valid;
// a damaged secret starts again with a fresh one.
func (s *Server) siteTwoStepConfirm(w http.ResponseWriter, r *http.Request, u *khabar.User, back, section string) error {
	secret := strings.TrimSpace(r.PostFormValue("secret"))
	err := s.news.EnableTwoStep(r.Context(), userFrom(r.Context()), u.ID, secret, r.PostFormValue("code"))
	var kerr *khabar.Error
	if errors.As(err, &kerr) && kerr.Code == khabar.EInvalid {
		if kerr.Field == "secret" {
			if secret, err = auth.NewTOTPSecret(); err != nil {
				return err
			}
		}
		return s.siteTwoStepPage(w, r, http.StatusBadRequest, u, secret, back, section, kerr)
	}
	if err != nil {
		return err
	}
	seeOther(w, r, back, "mng.two_step_on")
	return nil
}

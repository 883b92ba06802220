package web

import (
	"net/http"
	"slices"
	"strings"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/auth"
	"github.com/khabarnews/khabar/newsroom"
)

// Newsroom accounts, managed by administrators: who may log in, with which
// role, and into which languages a translator translates.

// siteRoles are offered in this order, most powerful first.
var siteRoles = []khabar.Role{khabar.RoleAdmin, khabar.RoleEditor, khabar.RoleAuthor, khabar.RoleTranslator}

// siteUserData is the user form: the values as stored or as typed.
type siteUserData struct {
	U        khabar.User
	Roles    []khabar.Role
	Self     bool   // editing one's own account: no role change, no disabling
	Password string // a generated password, shown once after a reset
	Tokens   []siteTokenRow
}

// MinPassword is the shortest password allowed, for the hint.
func (d siteUserData) MinPassword(v *adminView) string { return siteMinPassword(v) }

// HasLang reports whether the user translates into l, for checkboxes.
func (d siteUserData) HasLang(l string) bool { return slices.Contains(d.U.Languages, l) }

func (s *Server) siteUsers(w http.ResponseWriter, r *http.Request) error {
	v, err := s.newAdminView(r, "admin.users", "users")
	if err != nil {
		return err
	}
	list, err := s.store.Users(r.Context())
	if err != nil {
		return err
	}
	v.Data = list
	return s.renderAdmin(w, http.StatusOK, "site_users", v)
}

func (s *Server) siteUserNew(w http.ResponseWriter, r *http.Request) error {
	v, err := s.newAdminView(r, "mng.user.new", "users")
	if err != nil {
		return err
	}
	v.Data = siteUserData{U: khabar.User{Role: khabar.RoleAuthor}, Roles: siteRoles}
	return s.renderAdmin(w, http.StatusOK, "site_user_new", v)
}

// siteUserInput reads the fields the create and edit forms share; u is
// the account as saved (or new), for the form shown again on a mistake.
func siteUserInput(r *http.Request, u *khabar.User, st khabar.Settings) newsroom.UserInput {
	_ = r.ParseForm() // a broken body reads as an empty form
	in := newsroom.UserInput{Login: u.Login, Names: siteTexts(r, "name", st.Languages, u.Names), Bio: siteTexts(r, "bio", st.Languages, u.Bio),
		Email: strings.TrimSpace(r.PostFormValue("email")), Slug: strings.TrimSpace(r.PostFormValue("slug")),
		Role: khabar.Role(r.PostFormValue("role")), Languages: r.PostForm["languages"]}
	u.Names, u.Bio, u.Email, u.Slug, u.Role = in.Names, in.Bio, in.Email, in.Slug, in.Role
	var langs []string
	for _, l := range u.Languages {
		if !st.HasLang(l) {
			langs = append(langs, l)
		}
	}
	u.Languages = append(langs, in.Languages...)
	return in
}

func (s *Server) siteUserCreate(w http.ResponseWriter, r *http.Request) error {
	v, err := s.newAdminView(r, "mng.user.new", "users")
	if err != nil {
		return err
	}
	u := &khabar.User{Login: strings.TrimSpace(r.PostFormValue("login"))}
	in := siteUserInput(r, u, v.Settings)
	v.Data = siteUserData{U: *u, Roles: siteRoles}
	if _, err := s.news.CreateUser(r.Context(), v.User, in, r.PostFormValue("password")); err != nil {
		return s.siteFormError(w, v, "site_user_new", err)
	}
	seeOther(w, r, "/admin/users", "mng.user_created")
	return nil
}

// siteUser loads the user of the path.
func (s *Server) siteUser(r *http.Request) (*khabar.User, error) {
	id, err := siteID(r)
	if err != nil {
		return nil, err
	}
	return s.store.User(r.Context(), id)
}

func (s *Server) siteUserForm(w http.ResponseWriter, r *http.Request) error {
	u, err := s.siteUser(r)
	if err != nil {
		return err
	}
	v, err := s.newAdminView(r, "mng.user.edit", "users")
	if err != nil {
		return err
	}
	tokens, err := s.siteUserTokens(r, u.ID)
	if err != nil {
		return err
	}
	v.Data = siteUserData{U: *u, Roles: siteRoles, Self: u.ID == v.User.ID, Tokens: tokens}
	return s.renderAdmin(w, http.StatusOK, "site_user_edit", v)
}

func (s *Server) siteUserUpdate(w http.ResponseWriter, r *http.Request) error {
	u, err := s.siteUser(r)
	if err != nil {
		return err
	}
	v, err := s.newAdminView(r, "mng.user.edit", "users")
	if err != nil {
		return err
	}
	in := siteUserInput(r, u, v.Settings)
	tokens, err := s.siteUserTokens(r, u.ID)
	if err != nil {
		return err
	}
	v.Data = siteUserData{U: *u, Roles: siteRoles, Self: u.ID == v.User.ID, Tokens: tokens}
	if _, err := s.news.UpdateUser(r.Context(), v.User, u.ID, in); err != nil {
		return s.siteFormError(w, v, "site_user_edit", err)
	}
	seeOther(w, r, "/admin/users/"+r.PathValue("id"), "mng.saved")
	return nil
}

// siteUserDisable stops a user from logging in and ends their sessions at
// once; siteUserEnable lets them in again.
func (s *Server) siteUserDisable(w http.ResponseWriter, r *http.Request) error {
	return s.siteUserSetDisabled(w, r, true, "mng.user_disabled")
}

func (s *Server) siteUserEnable(w http.ResponseWriter, r *http.Request) error {
	return s.siteUserSetDisabled(w, r, false, "mng.user_enabled")
}

func (s *Server) siteUserSetDisabled(w http.ResponseWriter, r *http.Request, disabled bool, done string) error {
	u, err := s.siteUser(r)
	if err != nil {
		return err
	}
	if err := s.news.SetDisabled(r.Context(), userFrom(r.Context()), u.ID, disabled); err != nil {
		if khabar.ErrorCode(err) == khabar.EInvalid {
			return s.siteUserFormError(w, r, u, err)
		}
		return err
	}
	seeOther(w, r, "/admin/users/"+r.PathValue("id"), done)
	return nil
}

// siteUserFormError shows the user's page again with an error about one of
// its smaller forms (password, disable).
func (s *Server) siteUserFormError(w http.ResponseWriter, r *http.Request, u *khabar.User, err error) error {
	v, verr := s.newAdminView(r, "mng.user.edit", "users")
	if verr != nil {
		return verr
	}
	tokens, verr := s.siteUserTokens(r, u.ID)
	if verr != nil {
		return verr
	}
	v.Data = siteUserData{U: *u, Roles: siteRoles, Self: u.ID == v.User.ID, Tokens: tokens}
	return s.siteFormError(w, v, "site_user_edit", err)
}

// siteUserPassword sets a new password, typed by the administrator or, when
// left empty, generated and shown once. The user's sessions end.
func (s *Server) siteUserPassword(w http.ResponseWriter, r *http.Request) error {
	u, err := s.siteUser(r)
	if err != nil {
		return err
	}
	typed := r.PostFormValue("password")
	password, err := s.news.ResetPassword(r.Context(), userFrom(r.Context()), u.ID, typed)
	if khabar.ErrorCode(err) == khabar.EInvalid {
		return s.siteUserFormError(w, r, u, err)
	}
	if err != nil {
		return err
	}
	if u.ID == userFrom(r.Context()).ID {
		// Resetting one's own password must not log this browser out.
		if err := s.siteStartSession(w, r, u); err != nil {
			return err
		}
	}
	if typed != "" {
		seeOther(w, r, "/admin/users/"+r.PathValue("id"), "mng.password_reset")
		return nil
	}
	// Shown in this response only (no-store), never put in a URL.
	v, err := s.newAdminView(r, "mng.user.edit", "users")
	if err != nil {
		return err
	}
	v.Notice = v.T("notice.mng.password_reset")
	tokens, err := s.siteUserTokens(r, u.ID)
	if err != nil {
		return err
	}
	v.Data = siteUserData{U: *u, Roles: siteRoles, Self: u.ID == v.User.ID, Password: password, Tokens: tokens}
	return s.renderAdmin(w, http.StatusOK, "site_user_edit", v)
}

func (s *Server) siteUserTwoStepStart(w http.ResponseWriter, r *http.Request) error {
	u, err := s.siteUser(r)
	if err != nil {
		return err
	}
	secret, err := auth.NewTOTPSecret()
	if err != nil {
		return err
	}
	return s.siteTwoStepPage(w, r, http.StatusOK, u, secret, "/admin/users/"+r.PathValue("id"), "users", nil)
}

func (s *Server) siteUserTwoStepConfirm(w http.ResponseWriter, r *http.Request) error {
	u, err := s.siteUser(r)
	if err != nil {
		return err
	}
	return s.siteTwoStepConfirm(w, r, u, "/admin/users/"+r.PathValue("id"), "users")
}

func (s *Server) siteUserTwoStepOff(w http.ResponseWriter, r *http.Request) error {
	u, err := s.siteUser(r)
	if err != nil {
		return err
	}
	if err := s.news.DisableTwoStep(r.Context(), userFrom(r.Context()), u.ID, r.PostFormValue("current")); err != nil {
		if khabar.ErrorCode(err) == khabar.EInvalid {
			return s.siteUserFormError(w, r, u, err)
		}
		return err
	}
	seeOther(w, r, "/admin/users/"+r.PathValue("id"), "mng.two_step_off")
	return nil
}

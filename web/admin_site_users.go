package web

import (
	"net/http"
	"slices"
	"strings"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/auth"
	"github.com/khabarnews/khabar/lang"
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

// siteUserFields reads the fields the create and edit forms share.
func siteUserFields(r *http.Request, u *khabar.User, st khabar.Settings) {
	u.Names = siteTexts(r, "name", st.Languages, u.Names)
	u.Bio = siteTexts(r, "bio", st.Languages, u.Bio)
	u.Email = strings.TrimSpace(r.PostFormValue("email"))
	u.Slug = strings.TrimSpace(r.PostFormValue("slug"))
	u.Role = khabar.Role(r.PostFormValue("role"))
	// Languages the site does not publish in now have no checkbox; keep them.
	var langs []string
	for _, l := range u.Languages {
		if !st.HasLang(l) {
			langs = append(langs, l)
		}
	}
	u.Languages = langs
	for _, l := range r.PostForm["languages"] {
		if st.HasLang(l) && !slices.Contains(u.Languages, l) {
			u.Languages = append(u.Languages, l)
		}
	}
}

// siteUserSlug fills an empty author-page slug from the login, which is
// already a safe, unique word.
func siteUserSlug(u *khabar.User) {
	if u.Slug != "" {
		return
	}
	u.Slug = lang.Slugify(u.Login, "en", lang.SlugTranslit)
	if u.Slug == "" {
		u.Slug = u.Login
	}
}

// sitePassword checks a new password and hashes it; a weak one is an
// invalid "password" field.
func sitePassword(password string) (string, error) {
	if err := auth.CheckStrength(password); err != nil {
		return "", khabar.Invalid("password", "%s", err.Error())
	}
	return auth.Hash(password, auth.DefaultParams)
}

func (s *Server) siteUserCreate(w http.ResponseWriter, r *http.Request) error {
	v, err := s.newAdminView(r, "mng.user.new", "users")
	if err != nil {
		return err
	}
	u := &khabar.User{Login: strings.TrimSpace(r.PostFormValue("login"))}
	siteUserFields(r, u, v.Settings)
	v.Data = siteUserData{U: *u, Roles: siteRoles}
	siteUserSlug(u)
	if u.PasswordHash, err = sitePassword(r.PostFormValue("password")); err == nil {
		err = s.store.CreateUser(r.Context(), u)
	}
	if err != nil {
		return s.siteFormError(w, v, "site_user_new", err)
	}
	s.siteAudit(r, "user.create", siteObject("user", u.ID), u.Login+" ("+string(u.Role)+")")
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
	self := u.ID == v.User.ID
	was := u.Role
	siteUserFields(r, u, v.Settings)
	tokens, err := s.siteUserTokens(r, u.ID)
	if err != nil {
		return err
	}
	v.Data = siteUserData{U: *u, Roles: siteRoles, Self: self, Tokens: tokens}
	siteUserSlug(u)
	if self && u.Role != was {
		// The last administrator must not lock everyone out by mistake.
		err = khabar.Invalid("role_self", "you cannot change your own role")
	} else {
		err = s.store.UpdateUser(r.Context(), u)
	}
	if err != nil {
		return s.siteFormError(w, v, "site_user_edit", err)
	}
	detail := ""
	if u.Role != was {
		detail = string(was) + " → " + string(u.Role)
	}
	s.siteAudit(r, "user.update", siteObject("user", u.ID), detail)
	seeOther(w, r, "/admin/users/"+r.PathValue("id"), "mng.saved")
	return nil
}

// siteUserDisable stops a user from logging in and ends their sessions at
// once: a disabled account must not keep working in an open browser.
func (s *Server) siteUserDisable(w http.ResponseWriter, r *http.Request) error {
	u, err := s.siteUser(r)
	if err != nil {
		return err
	}
	if u.ID == userFrom(r.Context()).ID {
		return s.siteUserFormError(w, r, u, khabar.Invalid("disable_self", "you cannot disable your own account"))
	}
	u.Disabled = true
	if err := s.store.UpdateUser(r.Context(), u); err != nil {
		return err
	}
	if err := s.store.DeleteUserSessions(r.Context(), u.ID); err != nil {
		return err
	}
	s.siteAudit(r, "user.disable", siteObject("user", u.ID), u.Login)
	seeOther(w, r, "/admin/users/"+r.PathValue("id"), "mng.user_disabled")
	return nil
}

func (s *Server) siteUserEnable(w http.ResponseWriter, r *http.Request) error {
	u, err := s.siteUser(r)
	if err != nil {
		return err
	}
	u.Disabled = false
	if err := s.store.UpdateUser(r.Context(), u); err != nil {
		return err
	}
	s.siteAudit(r, "user.enable", siteObject("user", u.ID), u.Login)
	seeOther(w, r, "/admin/users/"+r.PathValue("id"), "mng.user_enabled")
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
// left empty, generated and shown once. The user's sessions end, since a
// reset usually means the old password is known to someone else.
func (s *Server) siteUserPassword(w http.ResponseWriter, r *http.Request) error {
	u, err := s.siteUser(r)
	if err != nil {
		return err
	}
	password := r.PostFormValue("password")
	generated := password == ""
	if generated {
		if password, err = auth.RandomPassword(16); err != nil {
			return err
		}
	}
	hash, err := sitePassword(password)
	if err != nil {
		return s.siteUserFormError(w, r, u, err)
	}
	u.PasswordHash = hash
	if err := s.store.UpdateUser(r.Context(), u); err != nil {
		return err
	}
	if err := s.store.DeleteUserSessions(r.Context(), u.ID); err != nil {
		return err
	}
	if u.ID == userFrom(r.Context()).ID {
		// Resetting one's own password must not log this browser out.
		if err := s.siteStartSession(w, r, u); err != nil {
			return err
		}
	}
	s.siteAudit(r, "user.password_reset", siteObject("user", u.ID), u.Login)
	if !generated {
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
	u.TOTPSecret = ""
	if err := s.store.UpdateUser(r.Context(), u); err != nil {
		return err
	}
	s.siteAudit(r, "user.two_step_off", siteObject("user", u.ID), u.Login)
	seeOther(w, r, "/admin/users/"+r.PathValue("id"), "mng.two_step_off")
	return nil
}

package web

import (
	"context"
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"time"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/newsroom"
)

const sessionCookie = "khabar_session"

// clientIP is the address a request comes from: the peer's, or, when the
// peer is one of Config.TrustedProxies (a load balancer, a CDN), the last
// address in X-Forwarded-For that is not a trusted proxy. Login and API
// limits count by it, so behind a proxy every reader must not look alike.
func (s *Server) clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	if len(s.cfg.TrustedProxies) == 0 || !s.trusted(host) {
		return host
	}
	hops := strings.Split(strings.Join(r.Header.Values("X-Forwarded-For"), ","), ",")
	for i := len(hops) - 1; i >= 0; i-- {
		hop := strings.TrimSpace(hops[i])
		if _, err := netip.ParseAddr(hop); err != nil {
			break // a malformed entry: trust nothing before it
		}
		if !s.trusted(hop) {
			return hop
		}
	}
	return host
}

func (s *Server) trusted(addr string) bool {
	a, err := netip.ParseAddr(addr)
	if err != nil {
		return false
	}
	for _, p := range s.cfg.TrustedProxies {
		if p.Contains(a.Unmap()) {
			return true
		}
	}
	return false
}

// requireUser lets a request through only with a valid session of an
// enabled user, whom it puts in the context; others go to the login page.
func (s *Server) requireUser(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u, err := s.sessionUser(r)
		if err != nil {
			if khabar.ErrorCode(err) != khabar.EUnauthorized {
				s.adminFail(w, r, err)
				return
			}
			if r.Method == http.MethodGet {
				http.Redirect(w, r, "/admin/login?next="+urlQueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
				return
			}
			s.adminFail(w, r, err)
			return
		}
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), userKey, u)))
	})
}

func (s *Server) sessionUser(r *http.Request) (*khabar.User, error) {
	token := ""
	if c, err := r.Cookie(sessionCookie); err == nil {
		token = c.Value
	}
	return s.news.SessionUser(r.Context(), token)
}

type loginData struct {
	Login, Next string
}

func (s *Server) loginPage(w http.ResponseWriter, r *http.Request) error {
	v, err := s.newAdminView(r, "admin.login", "")
	if err != nil {
		return err
	}
	v.Data = loginData{Next: safeNext(r.URL.Query().Get("next"))}
	return s.renderAdmin(w, http.StatusOK, "login", v)
}

// safeNext keeps a post-login redirect inside the newsroom.
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/admin/") || strings.HasPrefix(next, "//") || strings.Contains(next, "\\") {
		return "/admin/"
	}
	return next
}

// login signs a person in. The address's budget is taken before the form
// is read, the form is read within loginBodyBytes, and only then are the
// account's budgets taken (loginGuard).
func (s *Server) login(w http.ResponseWriter, r *http.Request) error {
	v, err := s.newAdminView(r, "admin.login", "")
	if err != nil {
		return err
	}
	v.Data = loginData{Next: "/admin/"}
	tooMany := func(wait time.Duration) error {
		secs := retrySeconds(wait)
		w.Header().Set("Retry-After", strconv.Itoa(secs))
		v.Error = v.T("login.too_many", "seconds", strconv.Itoa(secs))
		return s.renderAdmin(w, http.StatusTooManyRequests, "login", v)
	}
	addr, now := s.clientIP(r), time.Now()
	if ok, wait := s.logins.knock(addr, now); !ok {
		return tooMany(wait)
	}
	if err := setBodyLimit(w, r, loginBodyBytes); err != nil {
		return err
	}
	if err := readForm(r); err != nil {
		return err
	}
	login := khabar.CleanLine(r.PostForm.Get("login"))
	d := loginData{Login: login, Next: safeNext(r.PostForm.Get("next"))}
	v.Data = d
	attempt, ok, wait := s.logins.try(strings.ToLower(login), addr, now)
	if !ok {
		return tooMany(wait)
	}
	token, sess, _, err := s.news.SignIn(r.Context(), newsroom.Credentials{Login: login, Password: r.PostForm.Get("password"),
		Code: r.PostForm.Get("code"), From: addr})
	if khabar.ErrorCode(err) == khabar.EUnauthorized {
		v.Error = v.ErrorText(err)
		return s.renderAdmin(w, http.StatusUnauthorized, "login", v)
	}
	if err != nil {
		attempt.undo(time.Now())
		return err
	}
	attempt.succeeded(time.Now())
	s.setSessionCookie(w, r, token, sess.ExpiresAt)
	http.Redirect(w, r, d.Next, http.StatusSeeOther)
	return nil
}

// setSessionCookie gives the browser its session.
func (s *Server) setSessionCookie(w http.ResponseWriter, r *http.Request, token string, expires time.Time) {
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: token, Path: "/", Expires: expires,
		HttpOnly: true, Secure: s.secureCookies(r), SameSite: http.SameSiteLaxMode})
}

// secureCookies: cookies are Secure whenever the site is served over HTTPS.
func (s *Server) secureCookies(r *http.Request) bool {
	return r.TLS != nil || strings.HasPrefix(s.cfg.BaseURL, "https://")
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request) error {
	if c, err := r.Cookie(sessionCookie); err == nil {
		if err := s.news.SignOut(r.Context(), c.Value); err != nil {
			return err
		}
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true,
		Secure: s.secureCookies(r), SameSite: http.SameSiteLaxMode})
	http.Redirect(w, r, "/admin/login", http.StatusSeeOther)
	return nil
}

// logoutEverywhere ends every session of the user, on every device.
func (s *Server) logoutEverywhere(w http.ResponseWriter, r *http.Request) error {
	if err := s.news.SignOutEverywhere(r.Context(), userFrom(r.Context())); err != nil {
		return err
	}
	return s.logout(w, r)
}

// setUILanguage saves the user's choice of interface language.
func (s *Server) setUILanguage(w http.ResponseWriter, r *http.Request) error {
	tag := r.PostFormValue("lang")
	if !s.cat.Has(tag) {
		return khabar.Invalid("lang", "err.lang.unknown", "lang", tag)
	}
	if err := s.news.SetUILanguage(r.Context(), userFrom(r.Context()), tag); err != nil {
		return err
	}
	seeOther(w, r, safeNext(r.PostFormValue("next")), "")
	return nil
}

package web

import (
	"net/http"
	"net/url"
)

// adminRoutes lists the newsroom's URLs. Every state-changing request is
// checked by http.CrossOriginProtection, so a page on another site cannot
// post to the newsroom in a signed-in editor's name.
func (s *Server) adminRoutes() http.Handler {
	open := http.NewServeMux()
	open.Handle("GET /admin/login", s.adminHandle(s.loginPage))
	open.Handle("POST /admin/login", s.adminHandle(s.login))

	m := http.NewServeMux()
	m.Handle("GET /admin/{$}", s.adminHandle(s.dashboard))
	m.Handle("POST /admin/logout", s.adminHandle(s.logout))
	m.Handle("POST /admin/logout-everywhere", s.adminHandle(s.logoutEverywhere))
	m.Handle("POST /admin/ui-language", s.adminHandle(s.setUILanguage))
	s.storyRoutes(m)
	s.listRoutes(m)
	s.mediaRoutes(m)
	s.siteRoutes(m)
	s.moveRoutes(m)
	s.wireRoutes(m)
	s.newsletterAdminRoutes(m)
	s.channelRoutes(m)
	m.Handle("/admin/", s.adminHandle(notFound))
	open.Handle("/admin/", s.requireUser(routeBodies(m, adminBodyLimits, signedInBodyBytes, true, s.adminRefuse, m)))

	protected := http.NewCrossOriginProtection().Handler(open)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", adminContentSecurityPolicy)
		protected.ServeHTTP(w, r)
	})
}

// adminContentSecurityPolicy lets newsroom pages run Khabar's own scripts
// (the body editor, autosave) and show local previews of uploads; still
// nothing from another origin.
const adminContentSecurityPolicy = "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; font-src 'self'; " +
	"script-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'"

func urlQueryEscape(s string) string { return url.QueryEscape(s) }

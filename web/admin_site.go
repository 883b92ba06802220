package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/auth"
	"github.com/khabarnews/khabar/lang"
	"github.com/khabarnews/khabar/newsroom"
)

// The site's administration: sections, tags, sources, static pages, users,
// one's own account, settings and the audit log. Each area has its own
// admin_site_*.go file; this one holds the routes and what they share.
// Every identifier of these files starts with "site" so that it cannot
// collide with those of the other newsroom areas in this package.

// siteRoutes registers sections, tags, sources, pages, users, the account,
// settings and the audit log.
func (s *Server) siteRoutes(m *http.ServeMux) {
	tax := func(h handlerFunc) http.Handler { return s.siteHandle(khabar.ActManageTaxonomy, h) }
	m.Handle("GET /admin/sections", tax(s.siteSections))
	m.Handle("GET /admin/sections/new", tax(s.siteSectionForm))
	m.Handle("POST /admin/sections", tax(s.siteSectionSave))
	m.Handle("GET /admin/sections/{id}", tax(s.siteSectionForm))
	m.Handle("POST /admin/sections/{id}", tax(s.siteSectionSave))
	m.Handle("POST /admin/sections/{id}/move", tax(s.siteSectionMove))
	m.Handle("GET /admin/tags", tax(s.siteTags))
	m.Handle("GET /admin/tags/new", tax(s.siteTagForm))
	m.Handle("POST /admin/tags", tax(s.siteTagSave))
	m.Handle("GET /admin/tags/{id}", tax(s.siteTagForm))
	m.Handle("POST /admin/tags/{id}", tax(s.siteTagSave))
	m.Handle("GET /admin/sources", tax(s.siteSources))
	m.Handle("GET /admin/sources/new", tax(s.siteSourceForm))
	m.Handle("POST /admin/sources", tax(s.siteSourceSave))
	m.Handle("GET /admin/sources/{id}", tax(s.siteSourceForm))
	m.Handle("POST /admin/sources/{id}", tax(s.siteSourceSave))

	s.lexiconRoutes(m)

	pages := func(h handlerFunc) http.Handler { return s.siteHandle(khabar.ActManagePages, h) }
	m.Handle("GET /admin/pages", pages(s.sitePages))
	m.Handle("GET /admin/pages/new", pages(s.sitePageForm))
	m.Handle("POST /admin/pages", pages(s.sitePageSave))
	m.Handle("GET /admin/pages/{id}", pages(s.sitePageForm))
	m.Handle("POST /admin/pages/{id}", pages(s.sitePageSave))
	m.Handle("POST /admin/pages/{id}/move", pages(s.sitePageMove))

	users := func(h handlerFunc) http.Handler { return s.siteHandle(khabar.ActManageUsers, h) }
	m.Handle("GET /admin/users", users(s.siteUsers))
	m.Handle("GET /admin/users/new", users(s.siteUserNew))
	m.Handle("POST /admin/users", users(s.siteUserCreate))
	m.Handle("GET /admin/users/{id}", users(s.siteUserForm))
	m.Handle("POST /admin/users/{id}", users(s.siteUserUpdate))
	m.Handle("POST /admin/users/{id}/disable", users(s.siteUserDisable))
	m.Handle("POST /admin/users/{id}/enable", users(s.siteUserEnable))
	m.Handle("POST /admin/users/{id}/password", users(s.siteUserPassword))
	m.Handle("GET /admin/users/{id}/two-step", users(s.siteUserTwoStepStart))
	m.Handle("POST /admin/users/{id}/two-step", users(s.siteUserTwoStepConfirm))
	m.Handle("POST /admin/users/{id}/two-step/off", users(s.siteUserTwoStepOff))
	m.Handle("POST /admin/users/{id}/tokens/{token}/revoke", users(s.siteUserTokenRevoke))

	// Everyone signed in may look after their own account.
	own := func(h handlerFunc) http.Handler { return s.siteHandle("", h) }
	m.Handle("GET /admin/account", own(s.siteAccount))
	m.Handle("POST /admin/account/password", own(s.siteAccountPassword))
	m.Handle("GET /admin/account/two-step", own(s.siteAccountTwoStepStart))
	m.Handle("POST /admin/account/two-step", own(s.siteAccountTwoStepConfirm))
	m.Handle("POST /admin/account/two-step/off", own(s.siteAccountTwoStepOff))
	m.Handle("GET /admin/account/tokens", own(s.siteTokens))
	m.Handle("POST /admin/account/tokens", own(s.siteTokenCreate))
	m.Handle("POST /admin/account/tokens/{token}/revoke", own(s.siteAccountTokenRevoke))

	m.Handle("GET /admin/settings", s.siteHandle(khabar.ActManageSettings, s.siteSettings))
	m.Handle("POST /admin/settings", s.siteHandle(khabar.ActManageSettings, s.siteSettingsSave))
	m.Handle("GET /admin/audit", s.siteHandle(khabar.ActViewAudit, s.siteAuditLog))
}

// siteHandle checks the permission before the handler runs, so that a
// refused request changes nothing, and says "not allowed" in the
// interface language rather than the domain's English message.
func (s *Server) siteHandle(a khabar.Action, h handlerFunc) http.Handler {
	return s.adminHandle(func(w http.ResponseWriter, r *http.Request) error {
		if a != "" && !khabar.Can(userFrom(r.Context()), a, khabar.Target{}) {
			return newsroom.Refused(a)
		}
		return h(w, r)
	})
}

// siteObject names an audited object: "section/3".
func siteObject(kind string, id int64) string { return kind + "/" + strconv.FormatInt(id, 10) }

// siteID reads the {id} of a path; a malformed one is simply not found.
func siteID(r *http.Request) (int64, error) {
	raw := r.PathValue("id")
	if raw == "" {
		return 0, nil
	}
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || id <= 0 {
		return 0, khabar.NotFound("err.not_found")
	}
	return id, nil
}

// siteTexts reads one per-language text from inputs named prefix.LANG for
// each of langs, keeping what old has in other languages and in those the
// form did not show (a language taken off the site keeps its names for
// when it comes back).
func siteTexts(r *http.Request, prefix string, langs []string, old khabar.Text) khabar.Text {
	_ = r.ParseForm() // a broken body reads as an empty form
	t := khabar.Text{}
	for l, v := range old {
		t[l] = v
	}
	for _, l := range langs {
		values, shown := r.PostForm[prefix+"."+l]
		if !shown {
			continue
		}
		v := strings.TrimSpace(values[0])
		if v == "" {
			delete(t, l)
			continue
		}
		t[l] = v
	}
	return t
}

// siteFormError re-renders a form with the error, or fails the request when
// err is not about the input (the database is down …).
func (s *Server) siteFormError(w http.ResponseWriter, v *adminView, page string, err error) error {
	code := khabar.ErrorCode(err)
	if code != khabar.EInvalid && code != khabar.EConflict {
		return err
	}
	v.Error = v.ErrorText(err)
	return s.renderAdmin(w, statusOf(err), page, v)
}

// siteTokenNameMaxText is the longest token name, in the interface's digits.
func siteTokenNameMaxText(v *adminView) string {
	return lang.FormatInt(khabar.MaxTokenNameRunes, v.UI.Tag, lang.Digits(v.Settings.ArabicDigits))
}

// siteMinPassword is the shortest password allowed, in the interface's digits.
func siteMinPassword(v *adminView) string {
	return lang.FormatInt(auth.MinPasswordLength, v.UI.Tag, lang.Digits(v.Settings.ArabicDigits))
}

// ptr is the address of a form value, for inputs whose nil means "keep".
func ptr(s string) *string { return &s }

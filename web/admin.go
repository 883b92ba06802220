package web

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"time"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/i18n"
	"github.com/khabarnews/khabar/lang"
)

// The newsroom lives under /admin/. Each area registers its routes in its
// own file (admin_stories.go, admin_media.go, admin_site.go …); this file
// holds what they share: the signed-in user, the interface language, the
// layout and the error pages.

type ctxKey int

const userKey ctxKey = iota

// userFrom returns the signed-in user of a request under requireUser.
func userFrom(ctx context.Context) *khabar.User {
	u, _ := ctx.Value(userKey).(*khabar.User)
	return u
}

// adminTemplates are the newsroom's pages, each parsed with the admin
// layout; a page is any file in templates/admin/ other than layout.html
// and the pieces that several pages share, whose names start with
// "shared_".
type adminTemplates struct{ pages map[string]*template.Template }

func parseAdminTemplates(a *assets) (*adminTemplates, error) {
	funcs := template.FuncMap{
		"asset": a.url,
		"iso":   func(t time.Time) string { return t.UTC().Format(time.RFC3339) },
		"local": func(t time.Time) string {
			if t.IsZero() {
				return ""
			}
			return t.Format("2006-01-02T15:04")
		},
		"add": func(a, b int) int { return a + b },
		"dict": func(kv ...any) map[string]any {
			m := map[string]any{}
			for i := 0; i+1 < len(kv); i += 2 {
				m[fmt.Sprint(kv[i])] = kv[i+1]
			}
			return m
		},
		"has": func(list []int64, id int64) bool {
			for _, x := range list {
				if x == id {
					return true
				}
			}
			return false
		},
	}
	base, err := template.New("admin").Funcs(funcs).ParseFS(embedded, "templates/admin/layout.html")
	if err != nil {
		return nil, fmt.Errorf("parsing admin layout: %w", err)
	}
	shared, err := fs.Glob(embedded, "templates/admin/shared_*.html")
	if err != nil {
		return nil, err
	}
	if len(shared) > 0 {
		if _, err := base.ParseFS(embedded, shared...); err != nil {
			return nil, fmt.Errorf("parsing shared admin templates: %w", err)
		}
	}
	files, err := fs.Glob(embedded, "templates/admin/*.html")
	if err != nil {
		return nil, err
	}
	t := &adminTemplates{pages: map[string]*template.Template{}}
	for _, f := range files {
		name := strings.TrimSuffix(path.Base(f), ".html")
		if name == "layout" || strings.HasPrefix(name, "shared_") {
			continue
		}
		c, err := base.Clone()
		if err != nil {
			return nil, err
		}
		if _, err := c.ParseFS(embedded, f); err != nil {
			return nil, fmt.Errorf("parsing admin template %s: %w", name, err)
		}
		t.pages[name] = c
	}
	return t, nil
}

// adminView is what every newsroom page receives.
type adminView struct {
	UI       lang.Language // the interface language, the user's choice
	User     *khabar.User
	Settings khabar.Settings
	Title    string
	Section  string // which menu item is current
	Notice   string // a message after a successful action
	Error    string // a message about what went wrong, in the user's language
	Data     any
	cat      *i18n.Catalog
	Path     string
}

// T translates a newsroom string into the interface language.
func (v *adminView) T(key string, args ...string) string { return v.cat.T(v.UI.Tag, key, args...) }

// N translates a counted string.
func (v *adminView) N(key string, n int) string {
	return v.cat.N(v.UI.Tag, key, n, lang.FormatInt(n, v.UI.Tag, lang.Digits(v.Settings.ArabicDigits)))
}

// Can reports whether the user may do an action (to hide what they may not).
func (v *adminView) Can(a string) bool { return khabar.Can(v.User, khabar.Action(a), khabar.Target{}) }

// LangName names a content language in the interface language ("Arabic"
// in the English newsroom, «арабский» in the Russian one) where the
// catalogue has it, else by its own name.
func (v *adminView) LangName(tag string) string {
	if key := "language." + tag; v.cat.T(v.UI.Tag, key) != key {
		return v.T(key)
	}
	return v.NativeName(tag)
}

// NativeName names a language in itself (العربية, Русский), as a menu of
// interface languages does, so that each reader finds their own.
func (v *adminView) NativeName(tag string) string {
	if l, ok := lang.Lookup(tag); ok {
		return l.Name
	}
	return tag
}

// Forward and Back are arrows that point along the interface's reading
// direction ("Translations →" in English, «الترجمات ←» in Arabic) and
// against it.
func (v *adminView) Forward() string {
	if v.UI.Dir == lang.RTL {
		return "←"
	}
	return "→"
}

// Back is the arrow that points against the reading direction.
func (v *adminView) Back() string {
	if v.UI.Dir == lang.RTL {
		return "→"
	}
	return "←"
}

// LangDir is the direction of a content language, for dir attributes.
func (v *adminView) LangDir(tag string) string { return string(lang.Direction(tag)) }

// When formats a time in the interface language.
func (v *adminView) When(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	o := lang.DateOptions{Digits: lang.Digits(v.Settings.ArabicDigits), Months: lang.MonthNaming(v.Settings.ArabicMonths), Location: v.Settings.Location()}
	return lang.FormatDate(t, v.UI.Tag, o) + " " + lang.FormatTime(t, v.UI.Tag, o)
}

// Name is a per-language text in the interface language, or a fallback.
func (v *adminView) Name(t khabar.Text) string { return t.Get(v.UI.Tag, v.Settings.DefaultLang) }

// StatusName is a workflow status in the interface language.
func (v *adminView) StatusName(s khabar.Status) string { return v.T("status." + string(s)) }

// uiLanguage picks the newsroom language: the user's choice, else the browser's.
func (s *Server) uiLanguage(r *http.Request, u *khabar.User) lang.Language {
	tag := ""
	if u != nil && s.cat.Has(u.UILang) {
		tag = u.UILang
	}
	if tag == "" {
		tag = lang.Match(r.Header.Get("Accept-Language"), s.cat.Languages(), "en")
	}
	l, _ := lang.Lookup(tag)
	return l
}

// newAdminView prepares a newsroom page for the signed-in user.
func (s *Server) newAdminView(r *http.Request, title, section string) (*adminView, error) {
	st, err := s.store.Settings(r.Context())
	if err != nil {
		return nil, err
	}
	u := userFrom(r.Context())
	v := &adminView{UI: s.uiLanguage(r, u), User: u, Settings: st, Section: section, cat: s.cat, Path: r.URL.Path}
	v.Title = v.T(title)
	switch r.URL.Query().Get("done") {
	case "":
	default:
		v.Notice = v.T("notice." + r.URL.Query().Get("done"))
	}
	return v, nil
}

// renderAdmin writes a newsroom page; newsroom pages are never cached.
func (s *Server) renderAdmin(w http.ResponseWriter, status int, page string, v *adminView) error {
	t, ok := s.admin.pages[page]
	if !ok {
		return fmt.Errorf("no admin template %q", page)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", v); err != nil {
		return fmt.Errorf("rendering admin %s: %w", page, err)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, err := w.Write(buf.Bytes())
	return err
}

// adminHandle adapts a newsroom handler: errors become a page in the
// interface language that says what went wrong.
func (s *Server) adminHandle(h handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := h(w, r); err != nil {
			s.adminFail(w, r, err)
		}
	})
}

func (s *Server) adminFail(w http.ResponseWriter, r *http.Request, err error) {
	status := statusOf(err)
	s.recordRefusal(r, err)
	if status == http.StatusInternalServerError {
		if r.Context().Err() != nil {
			return
		}
		s.log.Error("newsroom request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	// The menu marks the area the failed page belongs to.
	area, _, _ := strings.Cut(strings.TrimPrefix(r.URL.Path, "/admin/"), "/")
	v, verr := s.newAdminView(r, "error.title", area)
	if verr != nil {
		http.Error(w, http.StatusText(status), status)
		return
	}
	v.Error = v.ErrorText(err)
	if err := s.renderAdmin(w, status, "error", v); err != nil {
		http.Error(w, http.StatusText(status), status)
	}
}

// ErrorText says err in the interface language, numbers in the site's
// digits (i18n.Catalog.Error: the one place errors become words).
func (v *adminView) ErrorText(err error) string {
	return v.cat.Error(v.UI.Tag, lang.Digits(v.Settings.ArabicDigits), err)
}

// statusOf maps an error code to its HTTP status; the one place that does.
func statusOf(err error) int {
	var ae *apiError
	if errors.As(err, &ae) {
		return ae.status
	}
	switch khabar.ErrorCode(err) {
	case khabar.ENotFound:
		return http.StatusNotFound
	case khabar.EInvalid:
		return http.StatusBadRequest
	case khabar.EConflict:
		return http.StatusConflict
	case khabar.EUnauthorized:
		return http.StatusUnauthorized
	case khabar.EForbidden:
		return http.StatusForbidden
	}
	return http.StatusInternalServerError
}

// seeOther redirects after a successful POST, so that reloading the page
// does not post again.
func seeOther(w http.ResponseWriter, r *http.Request, to, done string) {
	if done != "" {
		sep := "?"
		if strings.Contains(to, "?") {
			sep = "&"
		}
		to += sep + "done=" + done
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
}

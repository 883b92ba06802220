package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/lang"
	"github.com/khabarnews/khabar/newsroom"
)

// The audit log: who did what, when, newest first, with what each change
// changed; filtered by object, user, action and dates.

// siteAuditPageSize entries fit a screen or two without a slow page.
const siteAuditPageSize = 50

// siteAuditRow is one entry as the page shows it.
type siteAuditRow struct {
	khabar.AuditEntry
	Who     string // the user's name in the interface language; "" for the system
	Label   string // the action in words, or its raw key
	Link    string // where the object can be seen, if anywhere
	Object  string
	Changes []auditChangeRow
}

// siteAuditData is one page of the audit log and its filter.
type siteAuditData struct {
	Rows             []siteAuditRow
	Filter           auditFilterForm
	Users            []auditOption
	Actions          []auditOption
	Page, Pages      int
	Total            int
	PageText         string // Page and Pages in the interface's digits
	PagesText        string
	PrevURL, NextURL string
}

// auditFilterForm is the filter as typed, to show it again.
type auditFilterForm struct {
	Object, User, Action, From, To string
}

func (f auditFilterForm) Any() bool { return f != auditFilterForm{} }

// auditOption is one choice of a filter's select.
type auditOption struct {
	Value, Label string
	Selected     bool
}

func (s *Server) siteAuditLog(w http.ResponseWriter, r *http.Request) error {
	v, err := s.newAdminView(r, "admin.audit", "audit")
	if err != nil {
		return err
	}
	q := r.URL.Query()
	form := auditFilterForm{Object: strings.TrimSpace(q.Get("object")), User: q.Get("user"), Action: q.Get("action"),
		From: strings.TrimSpace(q.Get("from")), To: strings.TrimSpace(q.Get("to"))}
	page, _ := strconv.Atoi(q.Get("page"))
	page = max(page, 1)
	f, err := auditFilter(form, v.Settings.Location())
	if err != nil {
		v.Error = v.T("mng.audit.filter.bad_date")
	}
	f.Limit, f.Offset = siteAuditPageSize, (page-1)*siteAuditPageSize
	entries, total, err := s.store.AuditLog(r.Context(), f)
	if err != nil {
		return err
	}
	names, err := s.auditNames(r.Context(), v)
	if err != nil {
		return err
	}
	d := siteAuditData{Filter: form, Page: page, Total: total, Pages: max(1, (total+siteAuditPageSize-1)/siteAuditPageSize)}
	d.Users, d.Actions = auditUserOptions(v, names, form.User), auditActionOptions(v, form.Action)
	digits := lang.Digits(v.Settings.ArabicDigits)
	d.PageText, d.PagesText = lang.FormatInt(d.Page, v.UI.Tag, digits), lang.FormatInt(d.Pages, v.UI.Tag, digits)
	for _, e := range entries {
		row := siteAuditRow{AuditEntry: e, Who: names.users[e.UserID], Object: e.Object, Link: siteAuditLink(v, e.Object),
			Label: auditActionName(v, e.Action), Changes: names.changes(v, e.Changes)}
		row.Detail = auditDetail(v, e.Detail)
		if e.UserID != 0 && row.Who == "" {
			row.Who = "#" + strconv.FormatInt(e.UserID, 10)
		}
		if e.UserID == 0 && e.Action == "user.login_failed" {
			row.Who = v.T("mng.audit.not_signed_in")
		}
		d.Rows = append(d.Rows, row)
	}
	pageURL := func(n int) string {
		p := url.Values{}
		for k, x := range map[string]string{"object": form.Object, "user": form.User, "action": form.Action, "from": form.From, "to": form.To} {
			if x != "" {
				p.Set(k, x)
			}
		}
		if n > 1 {
			p.Set("page", strconv.Itoa(n))
		}
		if len(p) == 0 {
			return "/admin/audit"
		}
		return "/admin/audit?" + p.Encode()
	}
	if page > 1 {
		d.PrevURL = pageURL(page - 1)
	}
	if page < d.Pages {
		d.NextURL = pageURL(page + 1)
	}
	v.Data = d
	return s.renderAdmin(w, http.StatusOK, "site_audit", v)
}

// auditFilter reads the filter form. Dates are days in the site's time
// zone, both included; a date that cannot be read is left out, and the
// error says so.
func auditFilter(form auditFilterForm, loc *time.Location) (khabar.AuditFilter, error) {
	f := khabar.AuditFilter{Object: form.Object, Action: form.Action}
	switch form.User {
	case "":
	case "system":
		f.System = true
	default:
		f.UserID, _ = strconv.ParseInt(form.User, 10, 64)
	}
	var bad error
	if form.From != "" {
		d, err := time.ParseInLocation(time.DateOnly, form.From, loc)
		if err != nil {
			bad = err
		}
		f.From = d
	}
	if form.To != "" {
		d, err := time.ParseInLocation(time.DateOnly, form.To, loc)
		if err != nil {
			bad = err
		} else {
			f.To = d.AddDate(0, 0, 1)
		}
	}
	return f, bad
}

// auditActionName is an action in the interface language; an action the
// catalogue does not know (written by a newer version) shows as it is.
func auditActionName(v *adminView, action string) string {
	key := "mng.audit.action." + action
	if label := v.T(key); label != key {
		return label
	}
	return action
}

func auditUserOptions(v *adminView, names *auditNames, chosen string) []auditOption {
	out := []auditOption{{Value: "system", Label: v.T("mng.audit.system"), Selected: chosen == "system"}}
	for _, u := range names.list {
		id := strconv.FormatInt(u.ID, 10)
		out = append(out, auditOption{Value: id, Label: names.users[u.ID], Selected: chosen == id})
	}
	return out
}

func auditActionOptions(v *adminView, chosen string) []auditOption {
	var out []auditOption
	for _, g := range []string{"story", "version", "user"} {
		out = append(out, auditOption{Value: g + ".", Label: v.T("mng.audit.group." + g), Selected: chosen == g+"."})
	}
	for _, a := range newsroom.AuditActions() {
		out = append(out, auditOption{Value: a, Label: auditActionName(v, a), Selected: chosen == a})
	}
	return out
}

// auditNames are the names the log shows for the ids it holds, in the
// interface language.
type auditNames struct {
	list                     []khabar.User
	users, sections, sources map[int64]string
	tags                     map[int64]string
}

func (s *Server) auditNames(ctx context.Context, v *adminView) (*auditNames, error) {
	n := &auditNames{users: map[int64]string{}, sections: map[int64]string{}, sources: map[int64]string{}, tags: map[int64]string{}}
	var err error
	if n.list, err = s.store.Users(ctx); err != nil {
		return nil, err
	}
	for _, u := range n.list {
		if n.users[u.ID] = v.Name(u.Names); n.users[u.ID] == "" {
			n.users[u.ID] = u.Login
		}
	}
	sections, err := s.store.Sections(ctx)
	if err != nil {
		return nil, err
	}
	for _, x := range sections {
		n.sections[x.ID] = v.Name(x.Names)
	}
	sources, err := s.store.Sources(ctx)
	if err != nil {
		return nil, err
	}
	for _, x := range sources {
		n.sources[x.ID] = v.Name(x.Names)
	}
	tags, err := s.store.Tags(ctx)
	if err != nil {
		return nil, err
	}
	for _, x := range tags {
		n.tags[x.ID] = v.Name(x.Names)
	}
	return n, nil
}

// siteAuditLink is the newsroom page of an audited object: the story
// editor for a story version, the edit page for the rest, or the log of a
// whole story.
func siteAuditLink(v *adminView, object string) string {
	parts := strings.Split(object, "/")
	if len(parts) == 0 {
		return ""
	}
	if parts[0] == "settings" && v.Can(string(khabar.ActManageSettings)) {
		return "/admin/settings"
	}
	if len(parts) < 2 {
		return ""
	}
	if _, err := strconv.ParseInt(parts[1], 10, 64); err != nil {
		return ""
	}
	switch parts[0] {
	case "story":
		if len(parts) >= 3 && parts[2] != "" {
			return "/admin/stories/" + parts[1] + "/" + url.PathEscape(parts[2])
		}
		return "/admin/audit?" + url.Values{"object": {"story/" + parts[1]}}.Encode()
	case "user":
		if v.Can(string(khabar.ActManageUsers)) {
			return "/admin/users/" + parts[1]
		}
	case "section", "tag", "source":
		if v.Can(string(khabar.ActManageTaxonomy)) {
			return "/admin/" + parts[0] + "s/" + parts[1]
		}
	case "page":
		if v.Can(string(khabar.ActManagePages)) {
			return "/admin/pages/" + parts[1]
		}
	case "media":
		return "/admin/media/" + parts[1]
	}
	return ""
}

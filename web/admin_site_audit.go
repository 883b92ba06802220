package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/lang"
)

// The audit log: who did what, when, newest first.

// siteAuditPageSize entries fit a screen or two without a slow page.
const siteAuditPageSize = 50

// siteAuditRow is one entry as the page shows it.
type siteAuditRow struct {
	khabar.AuditEntry
	Who    string // the user's name in the interface language; "" for the system
	Label  string // the action in words, or its raw key
	Link   string // where the object can be seen, if anywhere
	Object string
}

// siteAuditData is one page of the audit log and its filter.
type siteAuditData struct {
	Rows             []siteAuditRow
	Object           string // the filter as typed
	Page, Pages      int
	Total            int
	PageText         string // Page and Pages in the interface's digits
	PagesText        string
	PrevURL, NextURL string
}

func (s *Server) siteAuditLog(w http.ResponseWriter, r *http.Request) error {
	v, err := s.newAdminView(r, "admin.audit", "audit")
	if err != nil {
		return err
	}
	object := strings.TrimSpace(r.URL.Query().Get("object"))
	page, _ := strconv.Atoi(r.URL.Query().Get("page"))
	page = max(page, 1)
	entries, total, err := s.store.AuditLog(r.Context(), object, siteAuditPageSize, (page-1)*siteAuditPageSize)
	if err != nil {
		return err
	}
	users, err := s.store.Users(r.Context())
	if err != nil {
		return err
	}
	names := map[int64]string{}
	for _, u := range users {
		names[u.ID] = v.Name(u.Names)
		if names[u.ID] == "" {
			names[u.ID] = u.Login
		}
	}
	d := siteAuditData{Object: object, Page: page, Total: total, Pages: max(1, (total+siteAuditPageSize-1)/siteAuditPageSize)}
	digits := lang.Digits(v.Settings.ArabicDigits)
	d.PageText, d.PagesText = lang.FormatInt(d.Page, v.UI.Tag, digits), lang.FormatInt(d.Pages, v.UI.Tag, digits)
	for _, e := range entries {
		row := siteAuditRow{AuditEntry: e, Who: names[e.UserID], Object: e.Object, Link: siteAuditLink(v, e.Object)}
		if e.UserID != 0 && row.Who == "" {
			row.Who = "#" + strconv.FormatInt(e.UserID, 10)
		}
		key := "mng.audit.action." + e.Action
		if row.Label = v.T(key); row.Label == key {
			row.Label = e.Action
		}
		d.Rows = append(d.Rows, row)
	}
	pageURL := func(n int) string {
		q := url.Values{}
		if object != "" {
			q.Set("object", object)
		}
		if n > 1 {
			q.Set("page", strconv.Itoa(n))
		}
		if len(q) == 0 {
			return "/admin/audit"
		}
		return "/admin/audit?" + q.Encode()
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
	}
	return ""
}

package web

import (
	"net/http"

	"github.com/khabarnews/khabar"
)

// dashboardData is the newsroom's front page: what needs the user's
// attention now.
type dashboardData struct {
	MyDrafts  []khabar.AdminRow
	InReview  []khabar.AdminRow
	Scheduled []khabar.AdminRow
	Published []khabar.AdminRow
	Gaps      []langGaps
}

type langGaps struct {
	Lang string
	Gaps []khabar.Gap
}

func (s *Server) dashboard(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	v, err := s.newAdminView(r, "admin.dashboard", "dashboard")
	if err != nil {
		return err
	}
	var d dashboardData
	list := func(f khabar.AdminFilter) []khabar.AdminRow {
		if err != nil {
			return nil
		}
		var rows []khabar.AdminRow
		f.Limit = 8
		rows, _, err = s.store.AdminList(ctx, f)
		return rows
	}
	d.MyDrafts = list(khabar.AdminFilter{Status: khabar.StatusDraft, AuthorID: v.User.ID})
	d.InReview = list(khabar.AdminFilter{Status: khabar.StatusReview})
	// The schedule the next due first; what went out, the last published
	// first: both by the publication time, not the last edit.
	d.Scheduled = list(khabar.AdminFilter{Status: khabar.StatusScheduled, Order: khabar.OrderSchedule})
	d.Published = list(khabar.AdminFilter{Status: khabar.StatusPublished, Order: khabar.OrderPublished})
	if err != nil {
		return err
	}
	for _, l := range v.Settings.Languages {
		if v.User.Role == khabar.RoleTranslator && !contains(v.User.Languages, l) {
			continue
		}
		gaps, err := s.store.TranslationGaps(ctx, l, 5)
		if err != nil {
			return err
		}
		d.Gaps = append(d.Gaps, langGaps{Lang: l, Gaps: gaps})
	}
	v.Data = d
	return s.renderAdmin(w, http.StatusOK, "dashboard", v)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

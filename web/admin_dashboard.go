package web

import (
	"net/http"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/newsroom"
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
		rows, _, err = s.store.AdminList(ctx, newsroom.ListScope(v.Settings, v.User, f))
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
		if err == nil {
			gaps, err = s.readableGaps(r, v.Settings, gaps)
		}
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

// readableGaps keeps the translation gaps whose original the user may
// read: with private drafts, an author's lists name no one else's drafts.
func (s *Server) readableGaps(r *http.Request, settings khabar.Settings, gaps []khabar.Gap) ([]khabar.Gap, error) {
	u := userFrom(r.Context())
	if !settings.PrivateDrafts || khabar.Can(u, khabar.ActReadVersion, khabar.Target{Private: true, Status: khabar.StatusDraft}) {
		return gaps, nil
	}
	var out []khabar.Gap
	for _, g := range gaps {
		st, err := s.store.Story(r.Context(), g.StoryID)
		if err != nil {
			return nil, err
		}
		vs, err := s.store.Versions(r.Context(), g.StoryID)
		if err != nil {
			return nil, err
		}
		for i := range vs {
			if vs[i].Lang == g.OriginalLang && newsroom.MayRead(settings, u, st, &vs[i]) {
				out = append(out, g)
			}
		}
	}
	return out, nil
}

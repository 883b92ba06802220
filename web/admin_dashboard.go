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
	Updates   []khabar.AdminRow // published versions with an update waiting
	Gaps      []langGaps
	Names     map[int64]string // who wrote the notes shown
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
	d.Updates = list(khabar.AdminFilter{Pending: true})
	if err != nil {
		return err
	}
	if d.Names, err = s.noteAuthors(r, v, d.MyDrafts, d.InReview, d.Scheduled, d.Published, d.Updates); err != nil {
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

// noteAuthors names the writers of the workflow notes the rows show.
func (s *Server) noteAuthors(r *http.Request, v *adminView, lists ...[]khabar.AdminRow) (map[int64]string, error) {
	names := map[int64]string{}
	for _, l := range lists {
		for _, row := range l {
			if row.NoteBy == 0 || row.Note == "" {
				continue
			}
			if _, ok := names[row.NoteBy]; ok {
				continue
			}
			u, err := s.store.User(r.Context(), row.NoteBy)
			if khabar.IsNotFound(err) {
				continue
			}
			if err != nil {
				return nil, err
			}
			names[row.NoteBy] = v.Name(u.Names)
		}
	}
	return names, nil
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

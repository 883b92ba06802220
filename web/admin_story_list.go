package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/lang"
	"github.com/khabarnews/khabar/newsroom"
)

// The story list: one row per story with its languages and where each
// stands, searched through the site's own analysers (drafts included), with
// bulk actions for editors (admin_story_bulk.go).

// storyListSize is how many stories one page of the list shows.
const storyListSize = 25

// storyListData is the story list with its filters as chosen.
type storyListData struct {
	Rows     []storyListRow
	Total    int
	Filter   khabar.AdminFilter
	Page     int
	Pages    int
	PageOf   string // "page 2 of 5", in the interface's digits
	Prev     string
	Next     string
	Sections []khabar.Section
	Users    []khabar.User
	Statuses []khabar.Status
	// Bulk is set when the user may apply bulk actions (an editor).
	Bulk bool
	Back string // this page, to come back to after a bulk action
}

// storyListRow is one story with the names its ids stand for.
type storyListRow struct {
	khabar.StoryRow
	Title    string // the original's
	Href     string // the original's editor
	Section  string
	Authors  []string
	Versions []versionCell
}

// versionCell is one language version in a row: its state, its time.
type versionCell struct {
	khabar.VersionState
	Href string
	// When is the publication time of a published or scheduled version,
	// in the interface language; WhenKey says which ("published", "for").
	When    string
	WhenKey string
}

// statusPending is the status filter's choice of the stories with an update
// waiting for review: published, and more.
const statusPending khabar.Status = "pending"

// storyStatuses are the statuses the list filters by, in workflow order.
var storyStatuses = []khabar.Status{khabar.StatusDraft, khabar.StatusReview, khabar.StatusScheduled,
	khabar.StatusPublished, khabar.StatusUnpublished, khabar.StatusArchived}

func (s *Server) storyList(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	v, err := s.newAdminView(r, "admin.stories", "stories")
	if err != nil {
		return err
	}
	q := r.URL.Query()
	d := storyListData{Page: 1, Statuses: storyStatuses, Bulk: mayBulk(v.User), Back: r.URL.RequestURI()}
	if q.Get("done") == "bulk" {
		stories, _ := strconv.Atoi(q.Get("stories"))
		versions, _ := strconv.Atoi(q.Get("versions"))
		v.Notice = v.N("notice.bulk.stories", stories)
		if versions > 0 {
			v.Notice += " " + v.N("notice.bulk.versions", versions)
		}
	}
	f := storyListFilter(q, v.Settings)
	if p, err := strconv.Atoi(q.Get("page")); err == nil && p > 1 && p < 100000 {
		d.Page = p
	}
	f.Limit, f.Offset = storyListSize, (d.Page-1)*storyListSize
	rows, total, err := s.store.StoryList(ctx, newsroom.ListScope(v.Settings, v.User, f))
	if err != nil {
		if khabar.ErrorCode(err) != khabar.EInvalid {
			return err
		}
		v.Error = v.ErrorText(err)
	}
	if d.Sections, err = s.store.Sections(ctx); err != nil {
		return err
	}
	if d.Users, err = s.store.Users(ctx); err != nil {
		return err
	}
	sections := map[int64]string{}
	for _, sec := range d.Sections {
		sections[sec.ID] = v.Name(sec.Names)
	}
	users := map[int64]string{}
	for _, u := range d.Users {
		users[u.ID] = v.Name(u.Names)
	}
	for _, row := range rows {
		d.Rows = append(d.Rows, storyListCells(v, row, sections, users))
	}
	d.Total, d.Filter = total, f
	d.Pages = max(1, (total+storyListSize-1)/storyListSize)
	link := func(page int) string {
		p := url.Values{}
		for _, k := range []string{"lang", "status", "section", "author", "q"} {
			if x := q.Get(k); x != "" {
				p.Set(k, x)
			}
		}
		if page > 1 {
			p.Set("page", strconv.Itoa(page))
		}
		if len(p) == 0 {
			return "/admin/stories"
		}
		return "/admin/stories?" + p.Encode()
	}
	digits := lang.Digits(v.Settings.ArabicDigits)
	d.PageOf = v.T("story.page.of", "n", lang.FormatInt(d.Page, v.UI.Tag, digits), "total", lang.FormatInt(d.Pages, v.UI.Tag, digits))
	if d.Page > 1 {
		d.Prev = link(d.Page - 1)
	}
	if d.Page < d.Pages {
		d.Next = link(d.Page + 1)
	}
	v.Data = d
	return s.renderAdmin(w, http.StatusOK, "stories", v)
}

// storyListFilter reads the list's filters; what it cannot use it ignores.
func storyListFilter(q url.Values, settings khabar.Settings) khabar.AdminFilter {
	f := khabar.AdminFilter{Query: strings.TrimSpace(q.Get("q"))}
	if l := q.Get("lang"); settings.HasLang(l) {
		f.Lang = l
	}
	switch st := khabar.Status(q.Get("status")); {
	case st == statusPending:
		f.Pending = true
	case st.Valid():
		f.Status = st
	}
	f.SectionID, _ = strconv.ParseInt(q.Get("section"), 10, 64)
	f.AuthorID, _ = strconv.ParseInt(q.Get("author"), 10, 64)
	return f
}

// storyListCells puts a story's ids into names and its versions into cells.
func storyListCells(v *adminView, row khabar.StoryRow, sections, users map[int64]string) storyListRow {
	out := storyListRow{StoryRow: row, Section: sections[row.SectionID], Href: editorPath(row.StoryID, row.OriginalLang)}
	for _, id := range row.AuthorIDs {
		out.Authors = append(out.Authors, users[id])
	}
	for i, ver := range row.Versions {
		if i == 0 {
			out.Title, out.Href = ver.Title, editorPath(row.StoryID, ver.Lang)
		}
		c := versionCell{VersionState: ver, Href: editorPath(row.StoryID, ver.Lang)}
		switch {
		case ver.Status == khabar.StatusScheduled && !ver.PublishedAt.IsZero():
			c.When, c.WhenKey = v.When(ver.PublishedAt), "story.list.scheduled_for"
		case ver.Status == khabar.StatusPublished && !ver.PublishedAt.IsZero():
			c.When, c.WhenKey = v.When(ver.PublishedAt), "story.list.published_at"
		}
		out.Versions = append(out.Versions, c)
	}
	return out
}

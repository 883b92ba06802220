package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/newsroom"
)

// Bulk actions of the story list: publish, unpublish, move to a section,
// add a tag. Each is asked for, shown for confirmation with the stories it
// touches, and applied by one newsroom call.

// mayBulk reports whether the list offers bulk actions to u: an editor's.
func mayBulk(u *khabar.User) bool { return khabar.Can(u, khabar.ActPublish, khabar.Target{}) }

// bulkData is the confirmation page of a bulk action.
type bulkData struct {
	Bulk     newsroom.Bulk
	Question string // "Publish these stories?"
	Explain  string
	Rows     []storyListRow
	Back     string
	Failed   bool
}

// storyBulk confirms a bulk action (the first post) or applies it (the
// post of the confirmation, with confirm=1).
func (s *Server) storyBulk(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	v, err := s.newAdminView(r, "story.bulk.title", "stories")
	if err != nil {
		return err
	}
	if !mayBulk(v.User) {
		return newsroom.Refused(khabar.ActPublish)
	}
	if err := readForm(r); err != nil { // within signedInBodyBytes (bodies.go)
		return err
	}
	back := bulkBack(r.PostFormValue("back"))
	b, err := s.readBulk(r)
	if err == nil && r.PostFormValue("confirm") == "1" {
		var res *newsroom.BulkResult
		if res, err = s.news.ApplyBulk(ctx, v.User, b); err == nil {
			sep := "?"
			if strings.Contains(back, "?") {
				sep = "&"
			}
			http.Redirect(w, r, back+sep+"done=bulk&stories="+strconv.Itoa(res.Stories)+"&versions="+strconv.Itoa(res.Versions), http.StatusSeeOther)
			return nil
		}
	}
	status := http.StatusOK
	d := bulkData{Bulk: b, Back: back}
	if err != nil {
		if c := khabar.ErrorCode(err); c != khabar.EInvalid && c != khabar.EForbidden && c != khabar.ENotFound {
			return err
		}
		s.recordRefusal(r, err)
		status, v.Error, d.Failed = statusOf(err), v.ErrorText(err), true
	}
	if err := s.fillBulk(r, v, &d); err != nil {
		return err
	}
	v.Data = d
	return s.renderAdmin(w, status, "stories_bulk", v)
}

// readBulk reads the bulk form: the stories ticked, the action, and the
// section or tag it needs (a tag by id, or by a name as typed without the
// picker's script).
func (s *Server) readBulk(r *http.Request) (newsroom.Bulk, error) {
	p := r.PostForm
	b := newsroom.Bulk{Action: newsroom.BulkAction(p.Get("action"))}
	for _, raw := range p["story"] {
		id, err := strconv.ParseInt(strings.TrimSpace(raw), 10, 64)
		if err != nil || id <= 0 {
			return b, khabar.Invalid("stories", "err.number", "value", raw)
		}
		b.StoryIDs = append(b.StoryIDs, id)
	}
	var err error
	if b.SectionID, err = formID(p.Get("section")); err != nil {
		return b, khabar.Invalid("section", "err.number", "value", p.Get("section"))
	}
	if b.TagID, err = formID(p.Get("tag")); err != nil {
		return b, khabar.Invalid("tag", "err.number", "value", p.Get("tag"))
	}
	if b.Action == newsroom.BulkAddTag && b.TagID == 0 {
		tags, err := s.store.Tags(r.Context())
		if err != nil {
			return b, err
		}
		ids, err := newsroom.FindTags(tags, []string{p.Get("tag_name")})
		if err != nil {
			return b, err
		}
		b.TagID = ids[0]
	}
	return b, nil
}

// fillBulk describes the action and lists the stories it touches.
func (s *Server) fillBulk(r *http.Request, v *adminView, d *bulkData) error {
	ctx := r.Context()
	b := d.Bulk
	switch b.Action {
	case newsroom.BulkSection:
		name := v.T("story.none_chosen")
		if b.SectionID != 0 {
			if sections, err := s.store.Sections(ctx); err == nil {
				for _, x := range sections {
					if x.ID == b.SectionID {
						name = v.Name(x.Names)
					}
				}
			}
		}
		d.Question, d.Explain = v.T("story.bulk.q.section"), v.T("story.bulk.explain.section", "section", name)
	case newsroom.BulkAddTag:
		name := ""
		if tags, err := s.store.Tags(ctx); err == nil {
			for _, x := range tags {
				if x.ID == b.TagID {
					name = v.Name(x.Names)
				}
			}
		}
		d.Question, d.Explain = v.T("story.bulk.q.tag"), v.T("story.bulk.explain.tag", "tag", name)
	case newsroom.BulkPublish, newsroom.BulkUnpublish:
		d.Question, d.Explain = v.T("story.bulk.q."+string(b.Action)), v.T("story.bulk.explain."+string(b.Action))
	}
	if len(b.StoryIDs) == 0 || len(b.StoryIDs) > newsroom.MaxBulk {
		return nil
	}
	users, err := s.store.Users(ctx)
	if err != nil {
		return err
	}
	names := map[int64]string{}
	for _, u := range users {
		names[u.ID] = v.Name(u.Names)
	}
	rows, _, err := s.store.StoryList(ctx, khabar.AdminFilter{IDs: b.StoryIDs, Limit: newsroom.MaxBulk})
	if err != nil {
		return err
	}
	for _, row := range rows {
		d.Rows = append(d.Rows, storyListCells(v, row, map[int64]string{}, names))
	}
	return nil
}

// bulkBack is where a bulk action returns to: the story list as it was
// filtered, never another site.
func bulkBack(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "" || u.Host != "" || u.Path != "/admin/stories" {
		return "/admin/stories"
	}
	q := u.Query()
	for _, k := range []string{"done", "stories", "versions"} {
		q.Del(k)
	}
	if len(q) == 0 {
		return u.Path
	}
	return u.Path + "?" + q.Encode()
}

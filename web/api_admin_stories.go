package web

import (
	"net/http"
	"strconv"
	"time"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/lang"
	"github.com/khabarnews/khabar/newsroom"
)

// apiAdminStory is a story as the newsroom sees it: every version in any
// status, with the revisions a change must name.
type apiAdminStory struct {
	ID           int64             `json:"id"`
	OriginalLang string            `json:"original_lang"`
	Revision     int64             `json:"revision"`
	SectionID    int64             `json:"section_id"`
	TagIDs       []int64           `json:"tag_ids"`
	SourceID     int64             `json:"source_id"`
	LeadMediaID  int64             `json:"lead_media_id"`
	AuthorIDs    []int64           `json:"author_ids"`
	Featured     bool              `json:"featured"`
	CreatedAt    time.Time         `json:"created_at"`
	UpdatedAt    time.Time         `json:"updated_at"`
	Versions     []apiAdminVersion `json:"versions"`
}

type apiAdminVersion struct {
	Lang            string        `json:"lang"`
	Dir             lang.Dir      `json:"dir"`
	Title           string        `json:"title"`
	Slug            string        `json:"slug"`
	Summary         string        `json:"summary"`
	BodyHTML        string        `json:"body_html"`
	Status          khabar.Status `json:"status"`
	Revision        int64         `json:"revision"`
	ContentRevision int64         `json:"content_revision"`
	// SyncedRevision is, for a translation, the content revision of the
	// original it was last brought up to date with; Outdated says that the
	// original's text changed since, and since the text an update waiting
	// for review was made against (khabar.Version.Outdated).
	SyncedRevision int64      `json:"synced_revision"`
	Outdated       bool       `json:"outdated"`
	PublishedAt    *time.Time `json:"published_at"` // the schedule time when scheduled
	UpdatedAt      time.Time  `json:"updated_at"`
	URL            string     `json:"url"` // the public page, live once published
}

func (s *Server) adminStoryJSON(st *khabar.Story, vs []khabar.Version) apiAdminStory {
	out := apiAdminStory{ID: st.ID, OriginalLang: st.OriginalLang, Revision: st.Revision, SectionID: st.SectionID,
		TagIDs: nonNil(st.TagIDs), SourceID: st.SourceID, LeadMediaID: st.LeadMediaID, AuthorIDs: nonNil(st.AuthorIDs),
		Featured: st.Featured, CreatedAt: st.CreatedAt.UTC(), UpdatedAt: st.UpdatedAt.UTC(), Versions: []apiAdminVersion{}}
	var orig *khabar.Version
	for i := range vs {
		if vs[i].Lang == st.OriginalLang {
			orig = &vs[i]
		}
	}
	for _, v := range vs {
		out.Versions = append(out.Versions, s.adminVersionJSON(&v, orig))
	}
	return out
}

func (s *Server) adminVersionJSON(v, orig *khabar.Version) apiAdminVersion {
	out := apiAdminVersion{Lang: v.Lang, Dir: lang.Direction(v.Lang), Title: v.Title, Slug: v.Slug, Summary: v.Summary,
		BodyHTML: v.Body, Status: v.Status, Revision: v.Revision, ContentRevision: v.ContentRevision,
		SyncedRevision: v.SyncedRevision, PublishedAt: optTime(v.PublishedAt), UpdatedAt: v.UpdatedAt.UTC(),
		URL: s.absURL(articlePath(v.Lang, v.StoryID, v.Slug))}
	if orig != nil {
		out.Outdated = v.Outdated(orig.Lang, orig.ContentRevision)
	}
	return out
}

func nonNil(ids []int64) []int64 {
	if ids == nil {
		return []int64{}
	}
	return ids
}

// storyAndVersions loads what apiAdminStory shows.
func (s *Server) storyAndVersions(r *http.Request, id int64) (apiAdminStory, error) {
	st, err := s.store.Story(r.Context(), id)
	if err != nil {
		return apiAdminStory{}, err
	}
	vs, err := s.store.Versions(r.Context(), id)
	if err != nil {
		return apiAdminStory{}, err
	}
	settings, err := s.store.Settings(r.Context())
	if err != nil {
		return apiAdminStory{}, err
	}
	// With private drafts, another author's unpublished versions are not
	// there for an author; a story with none left is not found.
	if vs = newsroom.Readable(settings, userFrom(r.Context()), st, vs); len(vs) == 0 {
		return apiAdminStory{}, khabar.NotFound("api.error.not_found")
	}
	return s.adminStoryJSON(st, vs), nil
}

// apiStoryCreate is the body of POST /api/v1/admin/stories: the story's
// first version (a draft) and its shared fields.
type apiStoryCreate struct {
	Lang        string  `json:"lang"`
	Title       string  `json:"title"`
	Slug        string  `json:"slug"`
	Summary     string  `json:"summary"`
	BodyHTML    string  `json:"body_html"`
	SectionID   int64   `json:"section_id"`
	TagIDs      []int64 `json:"tag_ids"`
	SourceID    int64   `json:"source_id"`
	LeadMediaID int64   `json:"lead_media_id"`
	AuthorIDs   []int64 `json:"author_ids"`
	Featured    bool    `json:"featured"`
}

func (s *Server) apiCreateStory(w http.ResponseWriter, r *http.Request) error {
	var in apiStoryCreate
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	if in.Lang == "" {
		return badRequest("missing_field", "lang")
	}
	u := userFrom(r.Context())
	st, _, err := s.news.CreateStory(r.Context(), u,
		newsroom.StoryInput{SectionID: in.SectionID, LeadMediaID: in.LeadMediaID, SourceID: in.SourceID, TagIDs: in.TagIDs,
			AuthorIDs: in.AuthorIDs, Featured: in.Featured},
		newsroom.VersionInput{Lang: in.Lang, Title: in.Title, Slug: in.Slug, Summary: in.Summary, Body: in.BodyHTML})
	if err != nil {
		return err
	}
	out, err := s.storyAndVersions(r, st.ID)
	if err != nil {
		return err
	}
	w.Header().Set("Location", s.absURL("/api/v1/admin/stories/"+strconv.FormatInt(st.ID, 10)))
	writeAPIJSON(w, http.StatusCreated, "application/json", out)
	return nil
}

func (s *Server) apiAdminStory(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	out, err := s.storyAndVersions(r, id)
	if err != nil {
		return err
	}
	writeAPIJSON(w, http.StatusOK, "application/json", out)
	return nil
}

// apiStoryPatch is the body of PATCH /api/v1/admin/stories/{id}: the shared
// fields to change (absent ones stay as they are) and the revision the
// change is based on. A zero id removes the section, source or image.
type apiStoryPatch struct {
	Revision    *int64   `json:"revision"`
	SectionID   *int64   `json:"section_id"`
	TagIDs      *[]int64 `json:"tag_ids"`
	SourceID    *int64   `json:"source_id"`
	LeadMediaID *int64   `json:"lead_media_id"`
	AuthorIDs   *[]int64 `json:"author_ids"`
	Featured    *bool    `json:"featured"`
}

func (s *Server) apiPatchStory(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var in apiStoryPatch
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	if in.Revision == nil {
		return badRequest("missing_field", "revision")
	}
	st, err := s.store.Story(r.Context(), id)
	if err != nil {
		return err
	}
	next := newsroom.StoryInput{SectionID: st.SectionID, LeadMediaID: st.LeadMediaID, SourceID: st.SourceID,
		TagIDs: st.TagIDs, AuthorIDs: st.AuthorIDs, Featured: st.Featured, BaseRevision: *in.Revision}
	set := func(dst *int64, v *int64) {
		if v != nil {
			*dst = *v
		}
	}
	set(&next.SectionID, in.SectionID)
	set(&next.LeadMediaID, in.LeadMediaID)
	set(&next.SourceID, in.SourceID)
	if in.TagIDs != nil {
		next.TagIDs = *in.TagIDs
	}
	if in.AuthorIDs != nil {
		if len(*in.AuthorIDs) == 0 {
			return invalidParams(invalidParam{"author_ids", "a story needs at least one author"})
		}
		next.AuthorIDs = *in.AuthorIDs
	}
	if in.Featured != nil {
		next.Featured = *in.Featured
	}
	if _, err := s.news.UpdateStory(r.Context(), userFrom(r.Context()), id, next); err != nil {
		return err
	}
	return s.apiAdminStory(w, r)
}

// apiVersionPut is the body of PUT /api/v1/admin/stories/{id}/versions/{lang}:
// the whole text of one language version. Revision 0 creates the version
// (a translation); otherwise it is the revision the edit is based on. A
// slug left out keeps the version's slug.
type apiVersionPut struct {
	Revision *int64 `json:"revision"`
	Title    string `json:"title"`
	Slug     string `json:"slug"`
	Summary  string `json:"summary"`
	BodyHTML string `json:"body_html"`
}

func (s *Server) apiPutVersion(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	l := r.PathValue("lang")
	var in apiVersionPut
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	if in.Revision == nil {
		return badRequest("missing_field", "revision")
	}
	v, err := s.news.SaveVersion(r.Context(), userFrom(r.Context()), id,
		newsroom.VersionInput{Lang: l, Title: in.Title, Slug: in.Slug, Summary: in.Summary, Body: in.BodyHTML, BaseRevision: *in.Revision})
	if err != nil {
		return err
	}
	return s.writeVersion(w, r, id, v, *in.Revision == 0)
}

// writeVersion answers with one version as now saved.
func (s *Server) writeVersion(w http.ResponseWriter, r *http.Request, id int64, v *khabar.Version, created bool) error {
	st, err := s.store.Story(r.Context(), id)
	if err != nil {
		return err
	}
	vs, err := s.store.Versions(r.Context(), id)
	if err != nil {
		return err
	}
	var orig *khabar.Version
	for i := range vs {
		if vs[i].Lang == st.OriginalLang {
			orig = &vs[i]
		}
		if vs[i].Lang == v.Lang {
			v = &vs[i]
		}
	}
	status := http.StatusOK
	if created {
		status = http.StatusCreated
		w.Header().Set("Location", s.absURL("/api/v1/admin/stories/"+strconv.FormatInt(id, 10)))
	}
	writeAPIJSON(w, status, "application/json", s.adminVersionJSON(v, orig))
	return nil
}

// apiStatusChange is the body of POST …/versions/{lang}/status: a move in
// the workflow (review, scheduled, published, unpublished, archived,
// draft), based on the revision the program last saw.
type apiStatusChange struct {
	Status    khabar.Status `json:"status"`
	Revision  *int64        `json:"revision"`
	PublishAt *time.Time    `json:"publish_at"` // for "scheduled"; for "published", the original publication time
}

func (s *Server) apiChangeStatus(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	l := r.PathValue("lang")
	var in apiStatusChange
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	switch {
	case in.Status == "":
		return badRequest("missing_field", "status")
	case in.Revision == nil:
		return badRequest("missing_field", "revision")
	case !in.Status.Valid():
		return invalidParams(invalidParam{"status", "one of draft, review, scheduled, published, unpublished, archived"})
	case in.Status == khabar.StatusScheduled && in.PublishAt == nil:
		return badRequest("missing_field", "publish_at")
	}
	var at time.Time
	if in.PublishAt != nil {
		at = *in.PublishAt
	}
	v, err := s.news.Transition(r.Context(), userFrom(r.Context()), id, l, in.Status, at, *in.Revision)
	if err != nil {
		return err
	}
	return s.writeVersion(w, r, id, v, false)
}

// apiConfirmTranslation is POST …/versions/{lang}/confirm: the translation
// is up to date with the original as it now is.
func (s *Server) apiConfirmTranslation(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	l := r.PathValue("lang")
	var in struct {
		Revision *int64 `json:"revision"`
	}
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	if in.Revision == nil {
		return badRequest("missing_field", "revision")
	}
	v, err := s.news.ConfirmTranslation(r.Context(), userFrom(r.Context()), id, l, *in.Revision)
	if err != nil {
		return err
	}
	return s.writeVersion(w, r, id, v, false)
}

// apiAdminStories is GET /api/v1/admin/stories: versions in any status, as
// the newsroom's list shows them, newest change first.
func (s *Server) apiAdminStories(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	st, err := s.store.Settings(ctx)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	f := khabar.AdminFilter{Lang: q.Get("lang"), Status: khabar.Status(q.Get("status")), Query: q.Get("q"), Limit: 50}
	var bad []invalidParam
	if f.Lang != "" && !st.HasLang(f.Lang) {
		bad = append(bad, invalidParam{"lang", "not one of this site's languages"})
	}
	if f.Status != "" && !f.Status.Valid() {
		bad = append(bad, invalidParam{"status", "one of draft, review, scheduled, published, unpublished, archived"})
	}
	page, err := pageParam(r)
	if err != nil {
		bad = append(bad, invalidParam{"page", "not a page number from 1"})
	}
	if len(bad) > 0 {
		return invalidParams(bad...)
	}
	f.Offset = (page - 1) * f.Limit
	rows, total, err := s.store.AdminList(ctx, newsroom.ListScope(st, userFrom(ctx), f))
	if err != nil {
		return err
	}
	type item struct {
		StoryID      int64         `json:"story_id"`
		Lang         string        `json:"lang"`
		Dir          lang.Dir      `json:"dir"`
		Title        string        `json:"title"`
		Status       khabar.Status `json:"status"`
		Revision     int64         `json:"revision"`
		OriginalLang string        `json:"original_lang"`
		Outdated     bool          `json:"outdated"`
		UpdatedAt    time.Time     `json:"updated_at"`
		APIURL       string        `json:"api_url"`
	}
	out := struct {
		Items []item `json:"items"`
		Total int    `json:"total"`
		Page  int    `json:"page"`
		Pages int    `json:"pages"`
	}{Items: []item{}, Total: total, Page: page, Pages: (total + f.Limit - 1) / f.Limit}
	for _, row := range rows {
		out.Items = append(out.Items, item{StoryID: row.StoryID, Lang: row.Lang, Dir: lang.Direction(row.Lang), Title: row.Title,
			Status: row.Status, Revision: row.Revision, OriginalLang: row.OriginalLang, Outdated: row.Outdated,
			UpdatedAt: row.UpdatedAt.UTC(), APIURL: s.absURL("/api/v1/admin/stories/" + strconv.FormatInt(row.StoryID, 10))})
	}
	writeAPIJSON(w, http.StatusOK, "application/json", out)
	return nil
}

package web

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/lang"
)

// The Content API: what readers see, for apps and partner sites. Every
// answer is public, cached like a page (strong ETag, 304, gzip, emptied by
// any change) and readable from other origins.

// apiSite is GET /api/v1/site.
type apiSite struct {
	Name        map[string]apiText `json:"name"`
	Tagline     map[string]apiText `json:"tagline"`
	Languages   []apiLanguage      `json:"languages"`
	DefaultLang string             `json:"default_lang"`
	TimeZone    string             `json:"time_zone"`
	URL         string             `json:"url"`
}

type apiLanguage struct {
	Tag     string   `json:"tag"`
	Name    string   `json:"name"` // in the language itself
	Dir     lang.Dir `json:"dir"`
	HomeURL string   `json:"home_url"`
	FeedURL string   `json:"feed_url"`
}

func (s *Server) apiSite(w http.ResponseWriter, r *http.Request) error {
	st, err := s.store.Settings(r.Context())
	if err != nil {
		return err
	}
	out := apiSite{Name: apiTexts(st.SiteName), Tagline: apiTexts(st.Tagline), DefaultLang: st.DefaultLang,
		TimeZone: st.TimeZone, URL: s.absURL("/")}
	for _, tag := range st.Languages {
		l, ok := lang.Lookup(tag)
		if !ok {
			l = lang.Language{Tag: tag, Name: tag, Dir: lang.Direction(tag)}
		}
		out.Languages = append(out.Languages, apiLanguage{Tag: tag, Name: l.Name, Dir: l.Dir,
			HomeURL: s.absURL("/" + tag + "/"), FeedURL: s.absURL("/" + tag + "/rss.xml")})
	}
	return writePublicJSON(w, out)
}

// writePublicJSON answers a Content API request. Lists change with every
// publication; a minute of caching in browsers and CDNs keeps them fresh
// enough, and the server's own cache is never stale.
func writePublicJSON(w http.ResponseWriter, v any) error {
	w.Header().Set("Cache-Control", publicCacheControl)
	writeAPIJSON(w, http.StatusOK, "application/json", v)
	return nil
}

type apiSection struct {
	ID       int64              `json:"id"`
	Slug     string             `json:"slug"`
	Name     map[string]apiText `json:"name"`
	Position int                `json:"position"`
	URLs     map[string]string  `json:"urls"` // the section's page in each language
}

func (s *Server) apiSectionOf(sec khabar.Section, langs []string) apiSection {
	out := apiSection{ID: sec.ID, Slug: sec.Slug, Name: apiTexts(sec.Names), Position: sec.Position, URLs: map[string]string{}}
	for _, l := range langs {
		out.URLs[l] = s.absURL("/" + l + "/section/" + url.PathEscape(sec.Slug))
	}
	return out
}

func (s *Server) apiSections(w http.ResponseWriter, r *http.Request) error {
	st, err := s.store.Settings(r.Context())
	if err != nil {
		return err
	}
	sections, err := s.store.Sections(r.Context())
	if err != nil {
		return err
	}
	out := struct {
		Items []apiSection `json:"items"`
	}{Items: []apiSection{}}
	for _, sec := range sections {
		out.Items = append(out.Items, s.apiSectionOf(sec, st.Languages))
	}
	return writePublicJSON(w, out)
}

type apiTag struct {
	ID      int64              `json:"id"`
	Slug    string             `json:"slug"`
	Name    map[string]apiText `json:"name"`
	Stories int                `json:"stories,omitempty"` // published stories with the tag
	URLs    map[string]string  `json:"urls"`
}

func (s *Server) apiTagOf(t khabar.Tag, langs []string) apiTag {
	out := apiTag{ID: t.ID, Slug: t.Slug, Name: apiTexts(t.Names), URLs: map[string]string{}}
	for _, l := range langs {
		out.URLs[l] = s.absURL("/" + l + "/tag/" + url.PathEscape(t.Slug))
	}
	return out
}

func (s *Server) apiTags(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	st, err := s.store.Settings(ctx)
	if err != nil {
		return err
	}
	tags, err := s.store.Tags(ctx)
	if err != nil {
		return err
	}
	counts, err := s.store.PublishedTagCounts(ctx)
	if err != nil {
		return err
	}
	out := struct {
		Items []apiTag `json:"items"`
	}{Items: []apiTag{}}
	for _, t := range tags {
		a := s.apiTagOf(t, st.Languages)
		a.Stories = counts[t.ID]
		out.Items = append(out.Items, a)
	}
	return writePublicJSON(w, out)
}

type apiPage struct {
	ID       int64                `json:"id"`
	Key      string               `json:"key"`
	Position int                  `json:"position"`
	Versions []apiPageTranslation `json:"versions"`
}

type apiPageTranslation struct {
	Lang      string    `json:"lang"`
	Dir       lang.Dir  `json:"dir"`
	Title     string    `json:"title"`
	Slug      string    `json:"slug"`
	BodyHTML  string    `json:"body_html"`
	URL       string    `json:"url"`
	UpdatedAt time.Time `json:"updated_at"`
}

// apiPages is GET /api/v1/pages?lang=: the static pages (about, contact …)
// in the footer's order, each in its languages or only in lang.
func (s *Server) apiPages(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	st, err := s.store.Settings(ctx)
	if err != nil {
		return err
	}
	only, err := langParam(r, st)
	if err != nil {
		return err
	}
	pages, err := s.store.Pages(ctx)
	if err != nil {
		return err
	}
	out := struct {
		Items []apiPage `json:"items"`
	}{Items: []apiPage{}}
	for _, p := range pages {
		a := apiPage{ID: p.ID, Key: p.Key, Position: p.Position, Versions: []apiPageTranslation{}}
		for _, l := range st.Languages {
			pv := p.Versions[l]
			if pv == nil || (only != "" && l != only) {
				continue
			}
			a.Versions = append(a.Versions, apiPageTranslation{Lang: l, Dir: lang.Direction(l), Title: pv.Title, Slug: pv.Slug,
				BodyHTML: pv.Body, URL: s.absURL("/" + l + "/page/" + url.PathEscape(pv.Slug)), UpdatedAt: pv.UpdatedAt.UTC()})
		}
		if len(a.Versions) > 0 {
			out.Items = append(out.Items, a)
		}
	}
	return writePublicJSON(w, out)
}

// langParam reads ?lang=, which must be one of the site's languages; ""
// when absent.
func langParam(r *http.Request, st khabar.Settings) (string, error) {
	l := r.URL.Query().Get("lang")
	if l != "" && !st.HasLang(l) {
		return "", invalidParams(invalidParam{"lang", "not one of this site's languages (" + strings.Join(st.Languages, ", ") + ")"})
	}
	return l, nil
}

// apiImage is a story's picture: its variants' absolute URLs and sizes,
// and its credit, caption and alternative text in each language.
type apiImage struct {
	ID       int64                      `json:"id"`
	Width    int                        `json:"width"`
	Height   int                        `json:"height"`
	URL      string                     `json:"url"` // the original
	Variants map[string]apiImageVariant `json:"variants"`
	Credit   map[string]apiText         `json:"credit"`
	Caption  map[string]apiText         `json:"caption"`
	Alt      map[string]apiText         `json:"alt"`
}

type apiImageVariant struct {
	URL    string `json:"url"`
	Width  int    `json:"width"`
	Height int    `json:"height"`
}

func (s *Server) apiImageOf(m *khabar.Media) *apiImage {
	if m == nil || m.Key == "" {
		return nil
	}
	out := &apiImage{ID: m.ID, Width: m.Width, Height: m.Height, URL: s.absURL(keyPath(m.Key)), Variants: map[string]apiImageVariant{},
		Credit: apiTexts(m.Credit), Caption: apiTexts(m.Caption), Alt: apiTexts(m.Alt)}
	for _, v := range m.Variants {
		out.Variants[v.Name] = apiImageVariant{URL: s.absURL(keyPath(v.Key)), Width: v.Width, Height: v.Height}
	}
	return out
}

// apiStoryItem is one published version in a list.
type apiStoryItem struct {
	StoryID     int64     `json:"story_id"`
	Lang        string    `json:"lang"`
	Dir         lang.Dir  `json:"dir"`
	Title       string    `json:"title"`
	Summary     string    `json:"summary"`
	URL         string    `json:"url"`
	APIURL      string    `json:"api_url"`
	Status      string    `json:"status"` // "published", or "withdrawn" in a changes list
	PublishedAt time.Time `json:"published_at"`
	UpdatedAt   time.Time `json:"updated_at"`
	SectionID   int64     `json:"section_id,omitempty"`
	Image       *apiImage `json:"image"`
}

type apiStoryList struct {
	Items []apiStoryItem `json:"items"`
	// NextCursor continues the list; null at its end. Next is the same as
	// a whole URL.
	NextCursor *string `json:"next_cursor"`
	Next       *string `json:"next"`
}

// apiCursor is the position a list continues from, opaque to clients.
type apiCursor struct {
	Mode    string `json:"m"` // "p" by publication, "u" by change
	At      int64  `json:"t"` // milliseconds
	StoryID int64  `json:"s"`
	Lang    string `json:"l"`
}

func (c apiCursor) encode() string {
	b, _ := json.Marshal(c)
	return base64.RawURLEncoding.EncodeToString(b)
}

func decodeCursor(s string) (apiCursor, bool) {
	var c apiCursor
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil || json.Unmarshal(b, &c) != nil || (c.Mode != "p" && c.Mode != "u") || c.StoryID <= 0 {
		return c, false
	}
	return c, true
}

// apiStories is GET /api/v1/stories: published versions, newest first, or
// with updated_since every version changed since then, oldest change first
// (withdrawn ones included, so that a copy can take them down).
func (s *Server) apiStories(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	st, err := s.store.Settings(ctx)
	if err != nil {
		return err
	}
	q, err := s.storyQuery(r, st)
	if err != nil {
		return err
	}
	list, err := s.store.VersionPage(ctx, q)
	if err != nil {
		return err
	}
	out := apiStoryList{Items: []apiStoryItem{}}
	for _, v := range list {
		item := apiStoryItem{StoryID: v.StoryID, Lang: v.Lang, Dir: lang.Direction(v.Lang), Title: v.Title, Summary: v.Summary,
			URL: s.absURL(articlePath(v.Lang, v.StoryID, v.Slug)), APIURL: s.absURL("/api/v1/stories/" + strconv.FormatInt(v.StoryID, 10)),
			Status: "published", PublishedAt: v.PublishedAt.UTC(), UpdatedAt: v.UpdatedAt.UTC(), SectionID: v.SectionID, Image: s.apiImageOf(v.Image)}
		if v.Status != khabar.StatusPublished {
			item.Status = "withdrawn"
		}
		out.Items = append(out.Items, item)
	}
	if len(list) == q.Limit {
		last := list[len(list)-1]
		c := apiCursor{Mode: "p", At: last.PublishedAt.UnixMilli(), StoryID: last.StoryID, Lang: last.Lang}
		if !q.UpdatedSince.IsZero() {
			c.Mode, c.At = "u", last.UpdatedAt.UnixMilli()
		}
		enc := c.encode()
		next := r.URL.Query()
		next.Set("cursor", enc)
		u := s.absURL("/api/v1/stories?" + next.Encode())
		out.NextCursor, out.Next = &enc, &u
	}
	return writePublicJSON(w, out)
}

// storyQuery reads the filters of GET /api/v1/stories, naming every bad one.
func (s *Server) storyQuery(r *http.Request, st khabar.Settings) (khabar.VersionQuery, error) {
	ctx := r.Context()
	v := r.URL.Query()
	q := khabar.VersionQuery{Limit: 20}
	var bad []invalidParam
	if l := v.Get("lang"); l != "" {
		if !st.HasLang(l) {
			bad = append(bad, invalidParam{"lang", "not one of this site's languages (" + strings.Join(st.Languages, ", ") + ")"})
		}
		q.Lang = l
	}
	if slug := v.Get("section"); slug != "" {
		sec, err := s.store.SectionBySlug(ctx, slug)
		if err != nil && !khabar.IsNotFound(err) {
			return q, err
		}
		if sec == nil {
			bad = append(bad, invalidParam{"section", "no section with this slug"})
		} else {
			q.SectionID = sec.ID
		}
	}
	if slug := v.Get("tag"); slug != "" {
		tag, err := s.store.TagBySlug(ctx, slug)
		if err != nil && !khabar.IsNotFound(err) {
			return q, err
		}
		if tag == nil {
			bad = append(bad, invalidParam{"tag", "no tag with this slug"})
		} else {
			q.TagID = tag.ID
		}
	}
	for _, p := range []struct {
		name string
		dst  *time.Time
	}{{"from", &q.From}, {"to", &q.To}, {"updated_since", &q.UpdatedSince}} {
		raw := v.Get(p.name)
		if raw == "" {
			continue
		}
		t, err := parseAPITime(raw, st.Location())
		if err != nil {
			bad = append(bad, invalidParam{p.name, "not a date (YYYY-MM-DD) or a time (RFC 3339, e.g. 2026-11-28T09:30:00Z)"})
		}
		*p.dst = t
	}
	if raw := v.Get("limit"); raw != "" {
		n, err := strconv.Atoi(raw)
		if err != nil || n < 1 || n > 100 {
			bad = append(bad, invalidParam{"limit", "not a number from 1 to 100"})
		}
		q.Limit = n
	}
	if raw := v.Get("cursor"); raw != "" {
		c, ok := decodeCursor(raw)
		wantMode := "p"
		if !q.UpdatedSince.IsZero() {
			wantMode = "u"
		}
		if !ok || c.Mode != wantMode {
			bad = append(bad, invalidParam{"cursor", "not a cursor of this list: pass next_cursor back with the same filters"})
		}
		q.After = &khabar.VersionKey{At: time.UnixMilli(c.At), StoryID: c.StoryID, Lang: c.Lang}
	}
	q.Withdrawn = !q.UpdatedSince.IsZero()
	if len(bad) > 0 {
		return q, invalidParams(bad...)
	}
	return q, nil
}

// parseAPITime reads a date (the start of that day in the site's time
// zone) or an RFC 3339 time.
func parseAPITime(s string, loc *time.Location) (time.Time, error) {
	if t, err := time.ParseInLocation("2006-01-02", s, loc); err == nil {
		return t, nil
	}
	return time.Parse(time.RFC3339, s)
}

// apiStory is GET /api/v1/stories/{id}: a story with each of its published
// language versions, which link to one another.
type apiStory struct {
	ID           int64             `json:"id"`
	OriginalLang string            `json:"original_lang"`
	Section      *apiSection       `json:"section"`
	Tags         []apiTag          `json:"tags"`
	Authors      []apiAuthor       `json:"authors"`
	Source       *apiSource        `json:"source"`
	Image        *apiImage         `json:"image"`
	Versions     []apiStoryVersion `json:"versions"`
}

type apiAuthor struct {
	ID   int64              `json:"id"`
	Slug string             `json:"slug"`
	Name map[string]apiText `json:"name"`
}

type apiSource struct {
	ID   int64              `json:"id"`
	Name map[string]apiText `json:"name"`
	URL  string             `json:"url,omitempty"`
}

type apiStoryVersion struct {
	Lang        string    `json:"lang"`
	Dir         lang.Dir  `json:"dir"`
	Title       string    `json:"title"`
	Slug        string    `json:"slug"`
	Summary     string    `json:"summary"`
	BodyHTML    string    `json:"body_html"`
	URL         string    `json:"url"`
	PublishedAt time.Time `json:"published_at"`
	UpdatedAt   time.Time `json:"updated_at"`
}

func (s *Server) apiStory(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	st, err := s.store.Settings(ctx)
	if err != nil {
		return err
	}
	only, err := langParam(r, st)
	if err != nil {
		return err
	}
	out := apiStory{ID: id, Tags: []apiTag{}, Authors: []apiAuthor{}, Versions: []apiStoryVersion{}}
	for _, l := range st.Languages {
		if only != "" && l != only {
			continue
		}
		a, err := s.store.Article(ctx, id, l)
		if khabar.IsNotFound(err) {
			continue
		}
		if err != nil {
			return err
		}
		if len(out.Versions) == 0 {
			s.fillStory(&out, a, st.Languages)
		}
		out.Versions = append(out.Versions, apiStoryVersion{Lang: l, Dir: lang.Direction(l), Title: a.Title, Slug: a.Slug,
			Summary: a.Summary, BodyHTML: a.Body, URL: s.absURL(articlePath(l, id, a.Slug)),
			PublishedAt: a.PublishedAt.UTC(), UpdatedAt: a.UpdatedAt.UTC()})
	}
	if len(out.Versions) == 0 {
		return khabar.NotFound("err.not_found")
	}
	return writePublicJSON(w, out)
}

// fillStory sets what the versions of a story share.
func (s *Server) fillStory(out *apiStory, a *khabar.Article, langs []string) {
	out.OriginalLang = a.Story.OriginalLang
	if a.Section != nil {
		sec := s.apiSectionOf(*a.Section, langs)
		out.Section = &sec
	}
	for _, t := range a.Tags {
		out.Tags = append(out.Tags, s.apiTagOf(t, langs))
	}
	for _, u := range a.Authors {
		out.Authors = append(out.Authors, apiAuthor{ID: u.ID, Slug: u.Slug, Name: apiTexts(u.Names)})
	}
	if a.Source != nil {
		out.Source = &apiSource{ID: a.Source.ID, Name: apiTexts(a.Source.Names), URL: a.Source.URL}
	}
	out.Image = s.apiImageOf(a.Image)
}

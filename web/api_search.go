package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/lang"
)

// apiPageSize is how many results a page of the search API holds.
const apiPageSize = 20

// apiSearchResponse is the body of GET /api/v1/search.
type apiSearchResponse struct {
	Query string `json:"query"`
	Lang  string `json:"lang"`
	Total int    `json:"total"`
	// More is true when there are more results than total, which is then
	// the most a search ranks.
	More    bool              `json:"more,omitempty"`
	Page    int               `json:"page"`
	Pages   int               `json:"pages"`
	Results []apiSearchResult `json:"results"`
}

type apiSearchResult struct {
	StoryID     int64     `json:"story_id"`
	Lang        string    `json:"lang"`
	Dir         lang.Dir  `json:"dir"`
	Title       string    `json:"title"`
	URL         string    `json:"url"`
	PublishedAt time.Time `json:"published_at"`
	// Section is the section's name in the result's language; null for a
	// story without one. SectionSlug is for the section filter.
	Section     *string `json:"section"`
	SectionSlug string  `json:"section_slug,omitempty"`
	SnippetHTML string  `json:"snippet_html"`
}

// apiSearch answers GET /api/v1/search?q=&lang=&section=&tag=&from=&to=&page=.
// lang is one of the site's languages, or "all" (the default): the answer's
// lang says which was searched. Unlike the page, it refuses what it cannot use, with a 400
// problem document that names each bad parameter.
func (s *Server) apiSearch(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	settings, err := s.store.Settings(ctx)
	if err != nil {
		return err
	}
	var bad []invalidParam
	query := r.URL.Query()
	tag := query.Get("lang")
	// Without a language the search is over every language: a program
	// searching an archive in three languages should not miss two.
	all := tag == "all" || tag == ""
	switch {
	case tag == "" || all:
		tag = settings.DefaultLang
	case !settings.HasLang(tag):
		bad = append(bad, invalidParam{"lang", "not one of this site's languages (" + strings.Join(settings.Languages, ", ") + ") or all"})
		tag = settings.DefaultLang
	}
	st, err := s.siteFor(ctx, tag)
	if err != nil {
		return err
	}
	p, badFilters, err := s.readSearchParams(r, st)
	if err != nil {
		return err
	}
	p.AllLangs = all
	reasons := map[string]string{
		"search.bad_section": "no such section",
		"search.bad_tag":     "no such tag",
		"search.bad_date":    "not a date in the form YYYY-MM-DD",
		"search.bad_range":   "before the from date",
	}
	for _, b := range badFilters {
		bad = append(bad, invalidParam{b.Name, reasons[b.Key]})
	}
	text := strings.TrimSpace(p.Text)
	switch n := utf8.RuneCountInString(p.Text); {
	case text == "":
		bad = append(bad, invalidParam{"q", "required: the words to search for"})
	case n > khabar.MaxQueryRunes:
		bad = append(bad, invalidParam{"q", "longer than " + strconv.Itoa(khabar.MaxQueryRunes) + " characters"})
	}
	if p.Page, err = pageParam(r); err != nil {
		bad = append(bad, invalidParam{"page", "not a page number from 1"})
	}
	if len(bad) > 0 {
		return invalidParams(bad...)
	}
	res, err := s.store.Search(ctx, p.query(st, apiPageSize))
	if err != nil {
		return err
	}
	out := apiSearchResponse{Query: p.Text, Lang: st.Lang.Tag, Total: res.Total, More: res.More, Page: p.Page,
		Pages: (res.Total + apiPageSize - 1) / apiPageSize, Results: []apiSearchResult{}}
	if all {
		out.Lang = "all"
	}
	sections, err := s.store.Sections(ctx)
	if err != nil {
		return err
	}
	for _, it := range res.Items {
		l, ok := lang.Lookup(it.Lang)
		if !ok {
			l = lang.Language{Tag: it.Lang, Dir: lang.LTR}
		}
		item := apiSearchResult{StoryID: it.StoryID, Lang: it.Lang, Dir: l.Dir, Title: it.Summary.Title,
			URL: s.absURL(articlePath(it.Lang, it.StoryID, it.Slug)), PublishedAt: it.PublishedAt.UTC(),
			SnippetHTML: string(highlightHTML(it.Snippet))}
		for _, sec := range sections {
			if sec.ID == it.SectionID {
				name := sec.Names.Get(it.Lang, settings.DefaultLang)
				item.Section, item.SectionSlug = &name, sec.Slug
			}
		}
		out.Results = append(out.Results, item)
	}
	// Results change as stories are published: a minute of caching spares
	// the database from a typeahead's repeated keystrokes without serving
	// stale news for long.
	w.Header().Set("Cache-Control", publicCacheControl)
	writeAPIJSON(w, http.StatusOK, "application/json", out)
	return nil
}

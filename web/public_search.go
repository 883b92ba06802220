package web

import (
	"errors"
	"html"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/lang"
)

// searchPageSize is how many results a page of search shows.
const searchPageSize = 10

// searchQuery names the query parameters of a search, on the page and in
// the API.
var searchQuery = []string{"q", "lang", "section", "tag", "from", "to", "page"}

// searchParams is a search request, read from the URL.
type searchParams struct {
	Text      string
	AllLangs  bool
	Section   string // slug, as given
	Tag       string // slug, as given
	From, To  string // YYYY-MM-DD, as given
	Page      int
	sectionID int64
	tagID     int64
	from, to  time.Time // [from, to) in the site's time zone
}

// paramError is one unusable parameter: its name, the value given and the
// catalogue key of the message about it.
type paramError struct {
	Name, Value, Key string
}

// readSearchParams reads the search parameters. Unusable filters are
// reported and left out rather than failing the request: the page shows
// the results without them and says why, the API refuses the request.
func (s *Server) readSearchParams(r *http.Request, st *site) (searchParams, []paramError, error) {
	v := r.URL.Query()
	p := searchParams{
		Text:     v.Get("q"),
		AllLangs: v.Get("lang") == "all",
		Section:  strings.TrimSpace(v.Get("section")),
		Tag:      strings.TrimSpace(v.Get("tag")),
		From:     strings.TrimSpace(v.Get("from")),
		To:       strings.TrimSpace(v.Get("to")),
	}
	var bad []paramError
	if p.Section != "" {
		sec, err := s.store.SectionBySlug(r.Context(), p.Section)
		switch {
		case khabar.IsNotFound(err):
			bad = append(bad, paramError{"section", p.Section, "search.bad_section"})
		case err != nil:
			return p, nil, err
		default:
			p.sectionID = sec.ID
		}
	}
	if p.Tag != "" {
		tag, err := s.store.TagBySlug(r.Context(), p.Tag)
		switch {
		case khabar.IsNotFound(err):
			bad = append(bad, paramError{"tag", p.Tag, "search.bad_tag"})
		case err != nil:
			return p, nil, err
		default:
			p.tagID = tag.ID
		}
	}
	var err error
	if p.from, err = parseDay(p.From, st.loc); err != nil {
		bad = append(bad, paramError{"from", p.From, "search.bad_date"})
	}
	if p.to, err = parseDay(p.To, st.loc); err != nil {
		bad = append(bad, paramError{"to", p.To, "search.bad_date"})
	} else if !p.to.IsZero() {
		p.to = p.to.AddDate(0, 0, 1) // the end date is included
	}
	if !p.from.IsZero() && !p.to.IsZero() && !p.from.Before(p.to) {
		bad = append(bad, paramError{"to", p.To, "search.bad_range"})
		p.from, p.to = time.Time{}, time.Time{}
	}
	return p, bad, nil
}

// parseDay reads a YYYY-MM-DD date as the start of that day in loc; "" is
// the zero time.
func parseDay(s string, loc *time.Location) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.ParseInLocation("2006-01-02", s, loc)
	if err != nil || t.Year() < 1900 || t.Year() > 9999 {
		return time.Time{}, errors.New("not a date")
	}
	return t, nil
}

// query is the store query for these parameters on one page.
func (p searchParams) query(st *site, limit int) khabar.SearchQuery {
	q := khabar.SearchQuery{Text: p.Text, Langs: []string{st.Lang.Tag}, SectionID: p.sectionID, TagID: p.tagID,
		From: p.from, To: p.to, Limit: limit, Offset: (p.Page - 1) * limit}
	if p.AllLangs {
		for _, l := range st.Languages {
			if l != st.Lang.Tag {
				q.Langs = append(q.Langs, l)
			}
		}
	}
	return q
}

// url is the search page for these parameters with some changed.
func (p searchParams) url(tag string, change func(v url.Values)) string {
	v := url.Values{}
	set := func(k, val string) {
		if val != "" {
			v.Set(k, val)
		}
	}
	set("q", p.Text)
	set("section", p.Section)
	set("tag", p.Tag)
	set("from", p.From)
	set("to", p.To)
	if p.AllLangs {
		v.Set("lang", "all")
	}
	if change != nil {
		change(v)
	}
	if len(v) == 0 {
		return "/" + tag + "/search"
	}
	return "/" + tag + "/search?" + v.Encode()
}

// searchData is what the search page shows.
type searchData struct {
	searchParams
	// State is what the page says: "start" (no query yet), "long",
	// "nonsense" (nothing searchable), "none" or "results".
	State    string
	Message  string
	Notices  []string
	Total    int
	More     bool // more than Total: see khabar.SearchResults
	Items    []searchItem
	Pager    pager
	Latest   []khabar.Summary
	Sections []sectionOption
	// AllURL and UnfilteredURL retry a fruitless search more broadly; ""
	// when that is what was searched.
	AllURL, UnfilteredURL string
}

type sectionOption struct {
	Slug, Name string
	Selected   bool
}

// searchItem is one result as the page shows it.
type searchItem struct {
	khabar.SearchResult
	Lang    lang.Language
	Other   bool // in another language than the page
	URL     string
	Title   template.HTML
	Snippet template.HTML
}

// highlightHTML escapes highlighted text and marks its matches.
func highlightHTML(hs []khabar.Highlight) template.HTML {
	var b strings.Builder
	for _, h := range hs {
		if h.Match {
			b.WriteString("<mark>")
		}
		b.WriteString(html.EscapeString(h.Text))
		if h.Match {
			b.WriteString("</mark>")
		}
	}
	return template.HTML(b.String()) // safe: every piece of text is escaped above
}

// searchPage is /{lang}/search: results, or help when there is nothing to
// search for. It never fails over what the reader typed.
func (s *Server) searchPage(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	st, err := s.siteFor(ctx, r.PathValue("lang"))
	if err != nil {
		return err
	}
	v, err := s.newView(r, st, "/"+st.Lang.Tag+"/search")
	if err != nil {
		return err
	}
	p, bad, err := s.readSearchParams(r, st)
	if err != nil {
		return err
	}
	if p.Page, err = pageParam(r); err != nil {
		return err
	}
	d := &searchData{searchParams: p}
	for _, b := range bad {
		d.Notices = append(d.Notices, v.T(b.Key, "value", b.Value))
	}
	if d.Sections, err = s.sectionOptions(r, v, p.Section); err != nil {
		return err
	}
	text := strings.TrimSpace(p.Text)
	v.Title = v.T("search.label")
	switch n := utf8.RuneCountInString(p.Text); {
	case text == "":
		d.State, d.Message = "start", v.T("search.start")
	case n > khabar.MaxQueryRunes:
		d.State = "long"
		d.Message = v.T("search.too_long", "n", v.Num(n), "max", v.Num(khabar.MaxQueryRunes))
	default:
		v.Title = v.T("search.results_for", "query", text)
		if err := s.runSearch(r, v, d); err != nil {
			return err
		}
	}
	if d.State != "results" {
		if d.Latest, _, err = s.store.ListArticles(ctx, khabar.ListFilter{Lang: st.Lang.Tag, Limit: 6, NoTotal: true}); err != nil {
			return err
		}
	}
	v.Canonical, v.Alternates = "", nil
	v.Meta = append(v.Meta, metaTag{Name: "robots", Content: "noindex"})
	v.Data = d
	v.NoSiteSearch = true
	return s.render(w, http.StatusOK, "search", v)
}

// runSearch searches and fills the results, or the reason there are none.
func (s *Server) runSearch(r *http.Request, v *view, d *searchData) error {
	res, err := s.store.Search(r.Context(), d.query(v.site, searchPageSize))
	switch {
	case khabar.ErrorCode(err) == khabar.EInvalid:
		d.State, d.Message = "nonsense", v.T("search.nonsense", "query", d.Text)
		return nil
	case err != nil:
		return err
	case res.Empty:
		d.State, d.Message = "nonsense", v.T("search.nonsense", "query", strings.TrimSpace(d.Text))
		return nil
	}
	d.Total, d.More = res.Total, res.More
	if d.Total == 0 {
		d.State, d.Message = "none", v.T("search.none", "query", strings.TrimSpace(d.Text))
		if !d.AllLangs && len(v.Languages) > 1 {
			d.AllURL = d.url(v.Lang.Tag, func(q url.Values) { q.Set("lang", "all") })
		}
		if d.sectionID != 0 || d.tagID != 0 || !d.from.IsZero() || !d.to.IsZero() {
			d.UnfilteredURL = searchParams{Text: d.Text, AllLangs: d.AllLangs}.url(v.Lang.Tag, nil)
		}
		return nil
	}
	if len(res.Items) == 0 {
		return khabar.NotFound("err.page_number.not_found")
	}
	d.State = "results"
	for _, it := range res.Items {
		l, ok := lang.Lookup(it.Lang)
		if !ok {
			l = lang.Language{Tag: it.Lang, Name: it.Lang, Dir: lang.LTR}
		}
		d.Items = append(d.Items, searchItem{SearchResult: it, Lang: l, Other: it.Lang != v.Lang.Tag,
			URL: articlePath(it.Lang, it.StoryID, it.Slug), Title: highlightHTML(it.Title), Snippet: highlightHTML(it.Snippet)})
	}
	d.Pager = searchPager(d.searchParams, v.Lang.Tag, d.Total)
	if d.Page > 1 {
		v.Title += " — " + v.T("pager.page", "n", v.Num(d.Page), "total", v.Num(d.Pager.Pages))
	}
	return nil
}

// searchPager links the pages of results, keeping the query and filters.
func searchPager(p searchParams, tag string, total int) pager {
	pg := pager{Page: p.Page, Pages: max(1, (total+searchPageSize-1)/searchPageSize)}
	link := func(n int) string {
		return p.url(tag, func(v url.Values) {
			if n > 1 {
				v.Set("page", strconv.Itoa(n))
			}
		})
	}
	if p.Page > 1 {
		pg.Prev = link(p.Page - 1)
	}
	if p.Page < pg.Pages {
		pg.Next = link(p.Page + 1)
	}
	return pg
}

// sectionOptions lists the sections for the filter, in the page language.
func (s *Server) sectionOptions(r *http.Request, v *view, selected string) ([]sectionOption, error) {
	sections, err := s.store.Sections(r.Context())
	if err != nil {
		return nil, err
	}
	out := make([]sectionOption, 0, len(sections))
	for _, sec := range sections {
		out = append(out, sectionOption{Slug: sec.Slug, Name: v.Name(sec.Names), Selected: sec.Slug == selected})
	}
	return out, nil
}

package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/lang"
	"github.com/khabarnews/khabar/newsroom"
)

// The wire desk in the newsroom: the inbox of each language, one item, and
// the feeds the sources are polled at. Identifiers of this file start with
// "wire".

func (s *Server) wireRoutes(m *http.ServeMux) {
	use := func(h handlerFunc) http.Handler { return s.siteHandle(khabar.ActUseWire, h) }
	m.Handle("GET /admin/wire", use(s.wireInbox))
	m.Handle("GET /admin/wire/items/{id}", use(s.wireItemPage))
	m.Handle("POST /admin/wire/items/{id}/use", use(s.wireUse))
	m.Handle("POST /admin/wire/seen", use(s.wireSeen))
	feeds := func(h handlerFunc) http.Handler { return s.siteHandle(khabar.ActManageWire, h) }
	m.Handle("GET /admin/wire/feeds", feeds(s.wireFeeds))
	m.Handle("GET /admin/wire/feeds/new", feeds(s.wireFeedForm))
	m.Handle("POST /admin/wire/feeds", feeds(s.wireFeedSave))
	m.Handle("GET /admin/wire/feeds/{id}", feeds(s.wireFeedForm))
	m.Handle("POST /admin/wire/feeds/{id}", feeds(s.wireFeedSave))
	m.Handle("POST /admin/wire/feeds/{id}/delete", feeds(s.wireFeedDelete))
}

// wirePageSize is how many items one page of the inbox shows.
const wirePageSize = 30

// wireInboxData is one page of a language's inbox with its filters.
type wireInboxData struct {
	Filter  khabar.WireFilter
	Items   []wireRow
	Total   int
	Sources []khabar.Source
	Unseen  map[string]int
	Tabs    []wireTab
	Prev    string
	Next    string
	PageOf  string
	Back    string // this page, for the forms that return to it
}

// wireRow is an item with its source's name.
type wireRow struct {
	khabar.WireItem
	Source string
}

// wireTab is the inbox of one language, with its unseen count.
type wireTab struct {
	Lang, Href string
	Unseen     string
	Current    bool
}

func (s *Server) wireInbox(w http.ResponseWriter, r *http.Request) error {
	v, err := s.newAdminView(r, "wire.inbox", "wire")
	if err != nil {
		return err
	}
	q := r.URL.Query()
	f := khabar.WireFilter{Lang: q.Get("lang"), Seen: q.Get("seen"), Query: strings.TrimSpace(q.Get("q")), Limit: wirePageSize}
	if !v.Settings.HasLang(f.Lang) {
		f.Lang = v.Settings.Languages[0]
		if v.Settings.HasLang(v.UI.Tag) {
			f.Lang = v.UI.Tag
		}
	}
	if f.Seen != "seen" && f.Seen != "unseen" {
		f.Seen = ""
	}
	f.SourceID, _ = strconv.ParseInt(q.Get("source"), 10, 64)
	page, _ := strconv.Atoi(q.Get("page"))
	page = max(page, 1)
	f.Offset = (page - 1) * wirePageSize
	items, total, err := s.store.WireItems(r.Context(), f)
	if err != nil {
		return err
	}
	d := &wireInboxData{Filter: f, Total: total, Back: r.URL.RequestURI()}
	if d.Sources, err = s.store.Sources(r.Context()); err != nil {
		return err
	}
	names := map[int64]string{}
	for _, src := range d.Sources {
		names[src.ID] = v.Name(src.Names)
	}
	for _, it := range items {
		d.Items = append(d.Items, wireRow{WireItem: it, Source: names[it.SourceID]})
	}
	if d.Unseen, err = s.store.UnseenWire(r.Context()); err != nil {
		return err
	}
	digits := lang.Digits(v.Settings.ArabicDigits)
	for _, l := range v.Settings.Languages {
		tab := wireTab{Lang: l, Href: "/admin/wire?lang=" + l, Current: l == f.Lang}
		if n := d.Unseen[l]; n > 0 {
			tab.Unseen = lang.FormatInt(n, v.UI.Tag, digits)
		}
		d.Tabs = append(d.Tabs, tab)
	}
	pages := max(1, (total+wirePageSize-1)/wirePageSize)
	link := func(p int) string {
		u := *r.URL
		vals := u.Query()
		vals.Set("page", strconv.Itoa(p))
		u.RawQuery = vals.Encode()
		return u.RequestURI()
	}
	if page > 1 {
		d.Prev = link(page - 1)
	}
	if page < pages {
		d.Next = link(page + 1)
	}
	d.PageOf = v.T("story.page.of", "n", lang.FormatInt(page, v.UI.Tag, digits), "total", lang.FormatInt(pages, v.UI.Tag, digits))
	v.Data = d
	return s.renderAdmin(w, http.StatusOK, "wire_inbox", v)
}

// wireItemData is one item, its text in paragraphs.
type wireItemData struct {
	Item       khabar.WireItem
	Source     string
	Feed       string
	Summary    []string
	Body       []string
	CanUse     bool
	InboxHref  string
	StoryHref  string
	ArrivedAgo string
}

func (s *Server) wireItemPage(w http.ResponseWriter, r *http.Request) error {
	id, err := siteID(r)
	if err != nil {
		return err
	}
	it, err := s.store.WireItem(r.Context(), id)
	if err != nil {
		return err
	}
	v, err := s.newAdminView(r, "wire.item", "wire")
	if err != nil {
		return err
	}
	v.Title = it.Title
	d := &wireItemData{Item: *it, Summary: paragraphs(it.Summary), Body: paragraphs(it.Body),
		CanUse: it.StoryID == 0 && khabar.Can(v.User, khabar.ActCreateStory, khabar.Target{}), InboxHref: "/admin/wire?lang=" + it.Lang}
	if it.StoryID != 0 {
		d.StoryHref = "/admin/stories/" + strconv.FormatInt(it.StoryID, 10) + "/" + it.Lang
	}
	sources, err := s.store.Sources(r.Context())
	if err != nil {
		return err
	}
	if src, err := findByID(sources, it.SourceID, func(x *khabar.Source) int64 { return x.ID }, "err.source.not_found"); err == nil {
		d.Source = v.Name(src.Names)
	}
	v.Data = d
	return s.renderAdmin(w, http.StatusOK, "wire_item", v)
}

// paragraphs splits plain text at its blank lines.
func paragraphs(text string) []string {
	var out []string
	for _, p := range strings.Split(text, "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// wireUse makes a draft from an item and opens it in the editor.
func (s *Server) wireUse(w http.ResponseWriter, r *http.Request) error {
	id, err := siteID(r)
	if err != nil {
		return err
	}
	v, err := s.newAdminView(r, "wire.item", "wire")
	if err != nil {
		return err
	}
	story, ver, err := s.news.UseWireItem(r.Context(), v.User, id, s.wireNote(r, id, v.UI.Tag))
	if err != nil {
		return err
	}
	seeOther(w, r, "/admin/stories/"+strconv.FormatInt(story.ID, 10)+"/"+ver.Lang, "wire_used")
	return nil
}

// wireNote is the reminder a draft's quotation starts with, in the
// language of the draft (which is the item's), naming the agency and the
// time of the item.
func (s *Server) wireNote(r *http.Request, id int64, ui string) string {
	it, err := s.store.WireItem(r.Context(), id)
	if err != nil {
		return s.cat.T(ui, "wire.draft.note", "source", "", "time", "")
	}
	l := it.Lang
	if !s.cat.Has(l) {
		l = ui
	}
	source := ""
	if sources, err := s.store.Sources(r.Context()); err == nil {
		for _, src := range sources {
			if src.ID == it.SourceID {
				source = src.Names.Get(l, "")
			}
		}
	}
	st, err := s.store.Settings(r.Context())
	if err != nil {
		return s.cat.T(l, "wire.draft.note", "source", source, "time", "")
	}
	o := lang.DateOptions{Digits: lang.Digits(st.ArabicDigits), Months: lang.MonthNaming(st.ArabicMonths), Location: st.Location()}
	when := lang.FormatDate(it.PublishedAt, l, o) + " " + lang.FormatTime(it.PublishedAt, l, o)
	return s.cat.T(l, "wire.draft.note", "source", source, "time", when)
}

// wireSeen marks the items ticked on an inbox page seen or unseen.
func (s *Server) wireSeen(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return khabar.Invalid("ids", "err.form")
	}
	var ids []int64
	for _, raw := range r.PostForm["id"] {
		if id, err := strconv.ParseInt(raw, 10, 64); err == nil && id > 0 {
			ids = append(ids, id)
		}
	}
	seen := r.PostFormValue("seen") != "0"
	if _, err := s.news.MarkWireSeen(r.Context(), userFrom(r.Context()), ids, seen); err != nil {
		return err
	}
	back := r.PostFormValue("back")
	if u, err := url.Parse(back); err != nil || u.Host != "" || !strings.HasPrefix(u.Path, "/admin/wire") {
		back = "/admin/wire"
	}
	seeOther(w, r, back, "")
	return nil
}

// wireFeedRow is a feed in the list, with its source and its state in
// words.
type wireFeedRow struct {
	khabar.WireFeed
	Source   string
	State    string
	Bad      bool
	Minutes  string
	ItemsNum string
}

func (s *Server) wireFeeds(w http.ResponseWriter, r *http.Request) error {
	v, err := s.newAdminView(r, "wire.feeds", "wire")
	if err != nil {
		return err
	}
	feeds, err := s.store.WireFeeds(r.Context())
	if err != nil {
		return err
	}
	sources, err := s.store.Sources(r.Context())
	if err != nil {
		return err
	}
	digits := lang.Digits(v.Settings.ArabicDigits)
	var rows []wireFeedRow
	for _, f := range feeds {
		row := wireFeedRow{WireFeed: f, State: wireState(v, f), Bad: f.Status != "" && f.Status != khabar.WireOK,
			Minutes: lang.FormatInt(int(f.Interval/time.Minute), v.UI.Tag, digits), ItemsNum: lang.FormatInt(f.Items, v.UI.Tag, digits)}
		if src, err := findByID(sources, f.SourceID, func(x *khabar.Source) int64 { return x.ID }, ""); err == nil {
			row.Source = v.Name(src.Names)
		}
		rows = append(rows, row)
	}
	v.Data = rows
	return s.renderAdmin(w, http.StatusOK, "wire_feeds", v)
}

// wireState says what the last poll of a feed found, in the interface
// language.
func wireState(v *adminView, f khabar.WireFeed) string {
	if f.Paused {
		return v.T("wire.state.paused")
	}
	if f.Status == "" {
		return v.T("wire.state.new")
	}
	if f.Status == khabar.WireTooLarge {
		n, _ := strconv.ParseInt(f.Detail, 10, 64)
		return v.ErrorText(khabar.NewError(khabar.EInvalid, "", "err.wire.too_large", "size", khabar.Bytes(n)))
	}
	return v.T("wire.state."+f.Status, "detail", f.Detail)
}

// wireFeedForm is the form of one feed.
type wireFeedForm struct {
	ID       int64
	SourceID int64
	URL      string
	Lang     string
	Minutes  int
	Paused   bool
	Sources  []khabar.Source
	State    string
	Feed     *khabar.WireFeed
}

func (f wireFeedForm) Action() string {
	if f.ID == 0 {
		return "/admin/wire/feeds"
	}
	return "/admin/wire/feeds/" + strconv.FormatInt(f.ID, 10)
}

func (s *Server) wireFeedForm(w http.ResponseWriter, r *http.Request) error {
	id, err := siteID(r)
	if err != nil {
		return err
	}
	v, err := s.newAdminView(r, siteTitle(id, "wire.feed.new", "wire.feed.edit"), "wire")
	if err != nil {
		return err
	}
	form := wireFeedForm{Minutes: int(khabar.DefaultWireInterval / time.Minute), Lang: v.Settings.Languages[0]}
	if id != 0 {
		f, err := s.store.WireFeed(r.Context(), id)
		if err != nil {
			return err
		}
		form = wireFeedForm{ID: f.ID, SourceID: f.SourceID, URL: f.URL, Lang: f.Lang, Minutes: int(f.Interval / time.Minute),
			Paused: f.Paused, State: wireState(v, *f), Feed: f}
	} else if src, err := strconv.ParseInt(r.URL.Query().Get("source"), 10, 64); err == nil {
		form.SourceID = src
	}
	if form.Sources, err = s.store.Sources(r.Context()); err != nil {
		return err
	}
	v.Data = form
	return s.renderAdmin(w, http.StatusOK, "wire_feed_edit", v)
}

func (s *Server) wireFeedSave(w http.ResponseWriter, r *http.Request) error {
	id, err := siteID(r)
	if err != nil {
		return err
	}
	v, err := s.newAdminView(r, siteTitle(id, "wire.feed.new", "wire.feed.edit"), "wire")
	if err != nil {
		return err
	}
	_ = r.ParseForm()
	source, _ := strconv.ParseInt(r.PostFormValue("source"), 10, 64)
	minutes, err := strconv.Atoi(strings.TrimSpace(r.PostFormValue("minutes")))
	if err != nil {
		minutes = -1 // refused by the newsroom with the allowed range
	}
	interval := time.Duration(minutes) * time.Minute
	u, l, paused := strings.TrimSpace(r.PostFormValue("url")), r.PostFormValue("lang"), r.PostFormValue("paused") == "1"
	form := wireFeedForm{ID: id, SourceID: source, URL: u, Lang: l, Minutes: minutes, Paused: paused}
	if form.Sources, err = s.store.Sources(r.Context()); err != nil {
		return err
	}
	v.Data = form
	in := newsroom.WireFeedInput{SourceID: &source, URL: &u, Lang: &l, Interval: &interval, Paused: &paused}
	if _, err := s.news.SaveWireFeed(r.Context(), v.User, id, in); err != nil {
		return s.siteFormError(w, v, "wire_feed_edit", err)
	}
	seeOther(w, r, "/admin/wire/feeds", "mng.saved")
	return nil
}

func (s *Server) wireFeedDelete(w http.ResponseWriter, r *http.Request) error {
	id, err := siteID(r)
	if err != nil {
		return err
	}
	if err := s.news.DeleteWireFeed(r.Context(), userFrom(r.Context()), id); err != nil {
		return err
	}
	seeOther(w, r, "/admin/wire/feeds", "wire_feed_deleted")
	return nil
}

package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/lang"
	"github.com/khabarnews/khabar/newsroom"
)

// The wire desk through the Admin API: the inbox, an item made into a
// draft, items marked seen, and the feeds.

// apiWireItem is an item of the inbox; its texts are in the feed's
// language.
type apiWireItem struct {
	ID          int64     `json:"id"`
	Source      int64     `json:"source"`
	Feed        *int64    `json:"feed"`
	Lang        string    `json:"lang"`
	Dir         string    `json:"dir"`
	GUID        string    `json:"guid"`
	Link        string    `json:"link"`
	Title       string    `json:"title"`
	Summary     string    `json:"summary"`
	Body        string    `json:"body"`
	Author      string    `json:"author"`
	Image       string    `json:"image"`
	PublishedAt time.Time `json:"published_at"`
	ArrivedAt   time.Time `json:"arrived_at"`
	Seen        bool      `json:"seen"`
	Story       *int64    `json:"story"`
}

func apiWireItemOf(it khabar.WireItem) apiWireItem {
	out := apiWireItem{ID: it.ID, Source: it.SourceID, Lang: it.Lang, Dir: string(lang.Direction(it.Lang)), GUID: it.GUID, Link: it.Link,
		Title: it.Title, Summary: it.Summary, Body: it.Body, Author: it.Author, Image: it.ImageURL,
		PublishedAt: it.PublishedAt.UTC(), ArrivedAt: it.ArrivedAt.UTC(), Seen: it.Seen}
	if it.FeedID != 0 {
		out.Feed = &it.FeedID
	}
	if it.StoryID != 0 {
		out.Story = &it.StoryID
	}
	return out
}

func (s *Server) apiWireItems(w http.ResponseWriter, r *http.Request) error {
	if !khabar.Can(userFrom(r.Context()), khabar.ActUseWire, khabar.Target{}) {
		return khabar.Forbidden("err.forbidden.wire")
	}
	q := r.URL.Query()
	f := khabar.WireFilter{Lang: q.Get("lang"), Seen: q.Get("seen"), Query: strings.TrimSpace(q.Get("q")), Limit: 50}
	if err := s.apiCheckLang(r, "lang", f.Lang); err != nil {
		return err
	}
	var bad []invalidParam
	if f.Seen != "" && f.Seen != "seen" && f.Seen != "unseen" {
		bad = append(bad, invalidParam{"seen", "seen or unseen"})
	}
	for _, p := range []struct {
		name string
		dst  *int
		max  int
	}{{"limit", &f.Limit, 200}, {"offset", &f.Offset, 1 << 30}} {
		if v := q.Get(p.name); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 || n > p.max || (p.name == "limit" && n == 0) {
				bad = append(bad, invalidParam{p.name, "a whole number from " + map[bool]string{true: "1", false: "0"}[p.name == "limit"] + " to " + strconv.Itoa(p.max)})
				continue
			}
			*p.dst = n
		}
	}
	if v := q.Get("source"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n <= 0 {
			bad = append(bad, invalidParam{"source", "a source's id"})
		}
		f.SourceID = n
	}
	if len(bad) > 0 {
		return invalidParams(bad...)
	}
	items, total, err := s.store.WireItems(r.Context(), f)
	if err != nil {
		return err
	}
	out := make([]apiWireItem, len(items))
	for i, it := range items {
		out[i] = apiWireItemOf(it)
	}
	writeAPIJSON(w, http.StatusOK, "application/json", map[string]any{"items": out, "total": total})
	return nil
}

// apiWireUse makes a draft of an item and answers with the new story.
func (s *Server) apiWireUse(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	st, _, err := s.news.UseWireItem(r.Context(), userFrom(r.Context()), id, s.wireNote(r, id, s.apiMessageLang(r)))
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

// apiSeenInput marks items seen or unseen.
type apiSeenInput struct {
	IDs  []int64 `json:"ids"`
	Seen *bool   `json:"seen"`
}

func (s *Server) apiWireSeen(w http.ResponseWriter, r *http.Request) error {
	var in apiSeenInput
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	if in.Seen == nil {
		return badRequest("missing_field", "seen")
	}
	n, err := s.news.MarkWireSeen(r.Context(), userFrom(r.Context()), in.IDs, *in.Seen)
	if err != nil {
		return err
	}
	writeAPIJSON(w, http.StatusOK, "application/json", map[string]int{"changed": n})
	return nil
}

// apiWireFeed is a feed and what its polls found.
type apiWireFeed struct {
	ID              int64      `json:"id"`
	Source          int64      `json:"source"`
	URL             string     `json:"url"`
	Lang            string     `json:"lang"`
	IntervalMinutes int        `json:"interval_minutes"`
	Paused          bool       `json:"paused"`
	Status          string     `json:"status"`
	Detail          string     `json:"detail"`
	CheckedAt       *time.Time `json:"checked_at"`
	OKAt            *time.Time `json:"ok_at"`
	NextAt          *time.Time `json:"next_at"`
	Failures        int        `json:"failures"`
	Items           int        `json:"items"`
}

func apiWireFeedOf(f khabar.WireFeed) apiWireFeed {
	return apiWireFeed{ID: f.ID, Source: f.SourceID, URL: f.URL, Lang: f.Lang, IntervalMinutes: int(f.Interval / time.Minute), Paused: f.Paused,
		Status: f.Status, Detail: f.Detail, CheckedAt: optTime(f.CheckedAt), OKAt: optTime(f.OKAt), NextAt: optTime(f.NextAt),
		Failures: f.Failures, Items: f.Items}
}

func (s *Server) apiWireFeeds(w http.ResponseWriter, r *http.Request) error {
	if !khabar.Can(userFrom(r.Context()), khabar.ActManageWire, khabar.Target{}) {
		return khabar.Forbidden("err.forbidden.wire_feeds")
	}
	feeds, err := s.store.WireFeeds(r.Context())
	if err != nil {
		return err
	}
	out := make([]apiWireFeed, len(feeds))
	for i, f := range feeds {
		out[i] = apiWireFeedOf(f)
	}
	writeAPIJSON(w, http.StatusOK, "application/json", map[string]any{"items": out})
	return nil
}

// apiWireFeedInput creates or changes a feed; absent fields keep what is
// saved (on a new feed: every 5 minutes, not paused).
type apiWireFeedInput struct {
	Source          *int64  `json:"source"`
	URL             *string `json:"url"`
	Lang            *string `json:"lang"`
	IntervalMinutes *int    `json:"interval_minutes"`
	Paused          *bool   `json:"paused"`
}

func (in apiWireFeedInput) newsroom() newsroom.WireFeedInput {
	out := newsroom.WireFeedInput{SourceID: in.Source, URL: in.URL, Lang: in.Lang, Paused: in.Paused}
	if in.IntervalMinutes != nil {
		d := time.Duration(*in.IntervalMinutes) * time.Minute
		out.Interval = &d
	}
	return out
}

func (s *Server) apiCreateWireFeed(w http.ResponseWriter, r *http.Request) error {
	var in apiWireFeedInput
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	f, err := s.news.SaveWireFeed(r.Context(), userFrom(r.Context()), 0, in.newsroom())
	if err != nil {
		return err
	}
	w.Header().Set("Location", s.absURL("/api/v1/admin/wire/feeds/"+strconv.FormatInt(f.ID, 10)))
	writeAPIJSON(w, http.StatusCreated, "application/json", apiWireFeedOf(*f))
	return nil
}

func (s *Server) apiPatchWireFeed(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var in apiWireFeedInput
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	f, err := s.news.SaveWireFeed(r.Context(), userFrom(r.Context()), id, in.newsroom())
	if err != nil {
		return err
	}
	writeAPIJSON(w, http.StatusOK, "application/json", apiWireFeedOf(*f))
	return nil
}

func (s *Server) apiDeleteWireFeed(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if err := s.news.DeleteWireFeed(r.Context(), userFrom(r.Context()), id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

package web

import (
	"net/http"
	"strconv"
	"time"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/newsroom"
)

// Newsletters through the Admin API: issues sent and their messages'
// fate, a digest of chosen stories, and (for administrators) the
// subscribers' export and deletion.

// apiSubscriber is a subscriber with their consent.
type apiSubscriber struct {
	ID             int64      `json:"id"`
	Email          string     `json:"email"`
	Lang           string     `json:"lang"`
	Status         string     `json:"status"`
	Consent        string     `json:"consent"`
	ConsentAt      time.Time  `json:"consent_at"`
	ConfirmedAt    *time.Time `json:"confirmed_at"`
	UnsubscribedAt *time.Time `json:"unsubscribed_at"`
}

func apiSubscriberOf(s khabar.Subscriber) apiSubscriber {
	return apiSubscriber{ID: s.ID, Email: s.Email, Lang: s.Lang, Status: string(s.Status), Consent: s.Consent,
		ConsentAt: s.ConsentAt.UTC(), ConfirmedAt: optTime(s.ConfirmedAt), UnsubscribedAt: optTime(s.UnsubscribedAt)}
}

func (s *Server) apiSubscribers(w http.ResponseWriter, r *http.Request) error {
	f := letterFilter(r.URL.Query())
	if f.Lang != "" {
		if err := s.apiCheckLang(r, "lang", f.Lang); err != nil {
			return err
		}
	}
	list, err := s.news.ExportSubscribers(r.Context(), userFrom(r.Context()), f)
	if err != nil {
		return err
	}
	out := make([]apiSubscriber, len(list))
	for i, sub := range list {
		out[i] = apiSubscriberOf(sub)
	}
	writeAPIJSON(w, http.StatusOK, "application/json", map[string]any{"items": out})
	return nil
}

func (s *Server) apiDeleteSubscriber(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if err := s.news.DeleteSubscriber(r.Context(), userFrom(r.Context()), id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// apiIssue is an issue with its stories and how many of its messages are
// in each state.
type apiIssue struct {
	ID        int64           `json:"id"`
	Lang      string          `json:"lang"`
	Kind      string          `json:"kind"`
	Subject   string          `json:"subject"`
	Day       string          `json:"day,omitempty"`
	CreatedAt time.Time       `json:"created_at"`
	Stories   []apiIssueStory `json:"stories"`
	Messages  map[string]int  `json:"messages"`
	Queued    *int            `json:"queued,omitempty"`
}

type apiIssueStory struct {
	ID    int64  `json:"id"`
	Title string `json:"title"`
	URL   string `json:"url"`
}

func (s *Server) apiIssueOf(is khabar.Issue) apiIssue {
	out := apiIssue{ID: is.ID, Lang: is.Lang, Kind: is.Kind, Subject: is.Subject, Day: is.Day, CreatedAt: is.CreatedAt.UTC(),
		Stories: []apiIssueStory{}, Messages: map[string]int{}}
	for _, st := range is.Stories {
		out.Stories = append(out.Stories, apiIssueStory{ID: st.StoryID, Title: st.Title, URL: s.absURL(st.Path)})
	}
	for st, n := range is.Counts {
		out.Messages[string(st)] = n
	}
	return out
}

func (s *Server) apiIssues(w http.ResponseWriter, r *http.Request) error {
	if !khabar.Can(userFrom(r.Context()), khabar.ActSendNewsletter, khabar.Target{}) {
		return khabar.Forbidden("err.forbidden.newsletter")
	}
	l := r.URL.Query().Get("lang")
	if err := s.apiCheckLang(r, "lang", l); err != nil {
		return err
	}
	list, err := s.store.Issues(r.Context(), l, 50)
	if err != nil {
		return err
	}
	out := make([]apiIssue, len(list))
	for i, is := range list {
		out[i] = s.apiIssueOf(is)
	}
	writeAPIJSON(w, http.StatusOK, "application/json", map[string]any{"items": out})
	return nil
}

// apiIssueInput is a digest to send: stories published in the language,
// in the order the issue shows them.
type apiIssueInput struct {
	Lang    string  `json:"lang"`
	Stories []int64 `json:"stories"`
	Subject string  `json:"subject"`
}

func (s *Server) apiSendIssue(w http.ResponseWriter, r *http.Request) error {
	var in apiIssueInput
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	if err := s.apiCheckLang(r, "lang", in.Lang); err != nil {
		return err
	}
	is, n, err := s.news.SendDigest(r.Context(), userFrom(r.Context()), newsroom.DigestInput{Lang: in.Lang, StoryIDs: in.Stories, Subject: in.Subject})
	if err != nil {
		return err
	}
	out := s.apiIssueOf(*is)
	out.Queued = &n
	out.Messages[string(khabar.MailQueued)] = n
	w.Header().Set("Location", s.absURL("/api/v1/admin/newsletter/issues?lang="+is.Lang+"#"+strconv.FormatInt(is.ID, 10)))
	writeAPIJSON(w, http.StatusCreated, "application/json", out)
	return nil
}

// apiCheckLang refuses a language parameter the site does not have.
func (s *Server) apiCheckLang(r *http.Request, name, l string) error {
	st, err := s.store.Settings(r.Context())
	if err != nil {
		return err
	}
	if !st.HasLang(l) {
		return invalidParams(invalidParam{name, "not one of this site's languages"})
	}
	return nil
}

package web

import (
	"encoding/csv"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/lang"
	"github.com/khabarnews/khabar/newsroom"
)

// The newsletters in the newsroom: each language's subscribers counted,
// its daily digest's hour, a digest of chosen stories, the issues sent and
// how their messages fared; the subscribers themselves (their export and
// deletion) for administrators. Identifiers of this file start with
// "letter".

func (s *Server) newsletterAdminRoutes(m *http.ServeMux) {
	m.Handle("GET /admin/newsletter", s.adminHandle(s.letterPage))
	m.Handle("POST /admin/newsletter/send", s.siteHandle(khabar.ActSendNewsletter, s.letterSend))
	m.Handle("POST /admin/newsletter/daily", s.siteHandle(khabar.ActManageChannels, s.letterDaily))
	subs := func(h handlerFunc) http.Handler { return s.siteHandle(khabar.ActManageSubscribers, h) }
	m.Handle("GET /admin/newsletter/subscribers", subs(s.letterSubscribers))
	m.Handle("POST /admin/newsletter/subscribers/export", subs(s.letterExport))
	m.Handle("POST /admin/newsletter/subscribers/{id}/delete", subs(s.letterDelete))
}

// letterCanSee reports whether a user has any business on the newsletter
// page.
func letterCanSee(u *khabar.User) bool {
	for _, a := range []khabar.Action{khabar.ActSendNewsletter, khabar.ActManageSubscribers, khabar.ActManageChannels} {
		if khabar.Can(u, a, khabar.Target{}) {
			return true
		}
	}
	return false
}

// letterData is one language's newsletter page.
type letterData struct {
	Lang                             string
	Tabs                             []wireTab
	Confirmed, Pending, Unsubscribed string
	Daily                            khabar.Newsletter
	Hours                            []letterHour
	Stories                          []khabar.Summary
	Issues                           []letterIssue
	Chosen                           map[int64]bool
	Subject                          string
}

type letterHour struct {
	Value    int
	Label    string
	Selected bool
}

// letterIssue is an issue with its counts in words.
type letterIssue struct {
	khabar.Issue
	Title   string
	Stories string
	Counts  []letterCount
}

type letterCount struct {
	Status khabar.MailStatus
	Text   string
}

func (s *Server) letterPage(w http.ResponseWriter, r *http.Request) error {
	v, err := s.newAdminView(r, "letter.title", "newsletter")
	if err != nil {
		return err
	}
	if !letterCanSee(v.User) {
		v.Error = v.T("mng.forbidden")
		return s.renderAdmin(w, http.StatusForbidden, "error", v)
	}
	l := r.URL.Query().Get("lang")
	if !v.Settings.HasLang(l) {
		l = v.Settings.Languages[0]
	}
	d, err := s.letterData(r, v, l)
	if err != nil {
		return err
	}
	v.Data = d
	return s.renderAdmin(w, http.StatusOK, "newsletter", v)
}

func (s *Server) letterData(r *http.Request, v *adminView, l string) (*letterData, error) {
	ctx := r.Context()
	digits := lang.Digits(v.Settings.ArabicDigits)
	num := func(n int) string { return lang.FormatInt(n, v.UI.Tag, digits) }
	counts, err := s.store.SubscriberCounts(ctx)
	if err != nil {
		return nil, err
	}
	d := &letterData{Lang: l, Daily: khabar.Newsletter{Lang: l, DailyHour: 7}, Chosen: map[int64]bool{}}
	for _, tag := range v.Settings.Languages {
		d.Tabs = append(d.Tabs, wireTab{Lang: tag, Href: "/admin/newsletter?lang=" + tag, Current: tag == l, Unseen: num(counts[tag][khabar.SubscriberConfirmed])})
	}
	d.Confirmed, d.Pending, d.Unsubscribed = num(counts[l][khabar.SubscriberConfirmed]), num(counts[l][khabar.SubscriberPending]), num(counts[l][khabar.SubscriberUnsubscribed])
	letters, err := s.store.Newsletters(ctx)
	if err != nil {
		return nil, err
	}
	for _, n := range letters {
		if n.Lang == l {
			d.Daily = n
		}
	}
	for h := range 24 {
		d.Hours = append(d.Hours, letterHour{Value: h, Label: lang.LocalizeDigits(strconv.Itoa(h)+":00", v.UI.Tag, digits), Selected: h == d.Daily.DailyHour})
	}
	if d.Stories, _, err = s.store.ListArticles(ctx, khabar.ListFilter{Lang: l, Limit: 30, NoTotal: true}); err != nil {
		return nil, err
	}
	issues, err := s.store.Issues(ctx, l, 20)
	if err != nil {
		return nil, err
	}
	for _, is := range issues {
		li := letterIssue{Issue: is, Title: is.Subject, Stories: v.N("letter.stories", len(is.Stories))}
		if li.Title == "" {
			li.Title = v.T("letter.kind." + is.Kind)
		}
		for _, st := range []khabar.MailStatus{khabar.MailSent, khabar.MailQueued, khabar.MailSending, khabar.MailFailed, khabar.MailUncertain, khabar.MailSkipped} {
			if n := is.Counts[st]; n > 0 {
				li.Counts = append(li.Counts, letterCount{Status: st, Text: v.T("letter.status."+string(st), "n", num(n))})
			}
		}
		d.Issues = append(d.Issues, li)
	}
	return d, nil
}

func (s *Server) letterSend(w http.ResponseWriter, r *http.Request) error {
	v, err := s.newAdminView(r, "letter.title", "newsletter")
	if err != nil {
		return err
	}
	_ = r.ParseForm()
	in := newsroom.DigestInput{Lang: r.PostFormValue("lang"), Subject: r.PostFormValue("subject")}
	for _, raw := range r.PostForm["story"] {
		if id, err := strconv.ParseInt(raw, 10, 64); err == nil {
			in.StoryIDs = append(in.StoryIDs, id)
		}
	}
	_, n, err := s.news.SendDigest(r.Context(), v.User, in)
	if err != nil {
		if !v.Settings.HasLang(in.Lang) {
			return err
		}
		d, derr := s.letterData(r, v, in.Lang)
		if derr != nil {
			return derr
		}
		d.Subject = in.Subject
		for _, id := range in.StoryIDs {
			d.Chosen[id] = true
		}
		v.Data = d
		return s.siteFormError(w, v, "newsletter", err)
	}
	to := "/admin/newsletter?" + url.Values{"lang": {in.Lang}, "queued": {strconv.Itoa(n)}}.Encode()
	seeOther(w, r, to, "letter_sent")
	return nil
}

func (s *Server) letterDaily(w http.ResponseWriter, r *http.Request) error {
	_ = r.ParseForm()
	hour, err := strconv.Atoi(r.PostFormValue("hour"))
	if err != nil {
		hour = -1
	}
	n := khabar.Newsletter{Lang: r.PostFormValue("lang"), Daily: r.PostFormValue("daily") == "1", DailyHour: hour}
	if err := s.news.SaveNewsletter(r.Context(), userFrom(r.Context()), n); err != nil {
		return err
	}
	seeOther(w, r, "/admin/newsletter?lang="+url.QueryEscape(n.Lang), "mng.saved")
	return nil
}

// letterSubscriberData is a page of the subscribers with its filter.
type letterSubscriberData struct {
	Filter   khabar.SubscriberFilter
	Rows     []letterSubscriber
	Total    string
	Prev     string
	Next     string
	Statuses []khabar.SubscriberStatus
}

type letterSubscriber struct {
	khabar.Subscriber
	Since, Confirmed string
}

const letterPageSize = 50

func (s *Server) letterSubscribers(w http.ResponseWriter, r *http.Request) error {
	v, err := s.newAdminView(r, "letter.subscribers", "newsletter")
	if err != nil {
		return err
	}
	q := r.URL.Query()
	f := letterFilter(q)
	page, _ := strconv.Atoi(q.Get("page"))
	page = max(page, 1)
	f.Limit, f.Offset = letterPageSize, (page-1)*letterPageSize
	list, total, err := s.store.Subscribers(r.Context(), f)
	if err != nil {
		return err
	}
	d := &letterSubscriberData{Filter: f, Total: v.N("letter.subscribers.count", total),
		Statuses: []khabar.SubscriberStatus{khabar.SubscriberConfirmed, khabar.SubscriberPending, khabar.SubscriberUnsubscribed}}
	for _, sub := range list {
		d.Rows = append(d.Rows, letterSubscriber{Subscriber: sub, Since: v.When(sub.ConsentAt), Confirmed: v.When(sub.ConfirmedAt)})
	}
	link := func(p int) string {
		vals := r.URL.Query()
		vals.Set("page", strconv.Itoa(p))
		return "/admin/newsletter/subscribers?" + vals.Encode()
	}
	if page > 1 {
		d.Prev = link(page - 1)
	}
	if page*letterPageSize < total {
		d.Next = link(page + 1)
	}
	v.Data = d
	return s.renderAdmin(w, http.StatusOK, "newsletter_subscribers", v)
}

// letterFilter reads the subscribers' filter from a query or a form.
func letterFilter(q url.Values) khabar.SubscriberFilter {
	f := khabar.SubscriberFilter{Lang: q.Get("lang"), Status: khabar.SubscriberStatus(q.Get("status")), Query: strings.TrimSpace(q.Get("q"))}
	switch f.Status {
	case khabar.SubscriberConfirmed, khabar.SubscriberPending, khabar.SubscriberUnsubscribed:
	default:
		f.Status = ""
	}
	return f
}

// letterExport downloads the subscribers a filter selects, with their
// consent, as CSV or JSON.
func (s *Server) letterExport(w http.ResponseWriter, r *http.Request) error {
	_ = r.ParseForm()
	list, err := s.news.ExportSubscribers(r.Context(), userFrom(r.Context()), letterFilter(r.PostForm))
	if err != nil {
		return err
	}
	name := "subscribers-" + time.Now().UTC().Format("20060102-150405")
	w.Header().Set("Cache-Control", "no-store")
	if r.PostFormValue("format") == "json" {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.Header().Set("Content-Disposition", `attachment; filename="`+name+`.json"`)
		out := make([]apiSubscriber, len(list))
		for i, sub := range list {
			out[i] = apiSubscriberOf(sub)
		}
		return json.NewEncoder(w).Encode(out)
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`.csv"`)
	cw := csv.NewWriter(w)
	cw.Write([]string{"id", "email", "lang", "status", "consent", "consent_at", "confirmed_at", "unsubscribed_at"})
	for _, sub := range list {
		cw.Write([]string{strconv.FormatInt(sub.ID, 10), csvSafe(sub.Email), sub.Lang, string(sub.Status), csvSafe(sub.Consent),
			rfc3339(sub.ConsentAt), rfc3339(sub.ConfirmedAt), rfc3339(sub.UnsubscribedAt)})
	}
	cw.Flush()
	return cw.Error()
}

// csvSafe keeps a spreadsheet from reading a cell as a formula.
func csvSafe(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

func rfc3339(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

func (s *Server) letterDelete(w http.ResponseWriter, r *http.Request) error {
	id, err := siteID(r)
	if err != nil {
		return err
	}
	if err := s.news.DeleteSubscriber(r.Context(), userFrom(r.Context()), id); err != nil {
		return err
	}
	back := r.PostFormValue("back")
	if u, err := url.Parse(back); err != nil || u.Host != "" || !strings.HasPrefix(u.Path, "/admin/newsletter/subscribers") {
		back = "/admin/newsletter/subscribers"
	}
	seeOther(w, r, back, "letter_deleted")
	return nil
}

package web

import (
	"bytes"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/lang"
	"github.com/khabarnews/khabar/newsroom"
)

// The newsletter's public pages, in the reader's language: the form that
// subscribes, the page that confirms (the link of the confirmation email),
// and the page that ends a subscription or deletes it (the link in every
// issue; a mail program's one-click button posts to the same address, RFC
// 8058). A link's GET only shows a button: mail scanners follow links,
// and a click on their behalf must not confirm or end anything.

func (s *Server) newsletterRoutes(m *http.ServeMux, cacheRoutes map[string]cacheRoute) {
	// The links' pages read their token: the page cache must not drop it
	// (they are never cached: they are one reader's).
	for _, p := range []string{"GET /{lang}/newsletter/confirm", "GET /{lang}/newsletter/unsubscribe"} {
		cacheRoutes[p] = cacheRoute{query: []string{"t"}}
	}
	// The form is refused from other sites' pages. The links' buttons are
	// not: their token is what allows them, and a mail program may post
	// the one-click unsubscription from anywhere.
	m.Handle("GET /{lang}/newsletter", s.handle(s.newsletterForm))
	m.Handle("POST /{lang}/newsletter", http.NewCrossOriginProtection().Handler(s.handle(s.newsletterSubscribe)))
	m.Handle("GET /{lang}/newsletter/confirm", s.handle(s.newsletterConfirmPage))
	m.Handle("POST /{lang}/newsletter/confirm", s.handle(s.newsletterConfirm))
	m.Handle("GET /{lang}/newsletter/unsubscribe", s.handle(s.newsletterUnsubscribePage))
	m.Handle("POST /{lang}/newsletter/unsubscribe", s.handle(s.newsletterUnsubscribe))
}

// newsletterData is what the newsletter page shows at one step.
type newsletterData struct {
	// Step is "form", "check", "confirm", "confirmed", "unsubscribe",
	// "unsubscribed", "forgotten" or "invalid".
	Step    string
	Email   string
	Error   string
	Consent string
	Token   string
	Sub     *khabar.Subscriber
	Since   string // when the reader subscribed, in their language
}

// newsletterConsent is the consent the form shows, and what is kept of it.
func (s *Server) newsletterConsent(v *view) string {
	return v.T("newsletter.consent", "site", v.SiteName())
}

// newsletterView prepares the page of a step.
func (s *Server) newsletterView(r *http.Request) (*view, error) {
	st, err := s.siteFor(r.Context(), r.PathValue("lang"))
	if err != nil {
		return nil, err
	}
	v, err := s.newView(r, st, "/"+st.Lang.Tag+"/newsletter")
	if err != nil {
		return nil, err
	}
	v.Title = v.T("newsletter.title")
	return v, nil
}

func (s *Server) newsletterForm(w http.ResponseWriter, r *http.Request) error {
	v, err := s.newsletterView(r)
	if err != nil {
		return err
	}
	v.Data = &newsletterData{Step: "form", Consent: s.newsletterConsent(v)}
	return s.render(w, http.StatusOK, "newsletter", v)
}

func (s *Server) newsletterSubscribe(w http.ResponseWriter, r *http.Request) error {
	v, err := s.newsletterView(r)
	if err != nil {
		return err
	}
	d := &newsletterData{Step: "form", Consent: s.newsletterConsent(v), Email: strings.TrimSpace(r.PostFormValue("email"))}
	v.Data = d
	if ok, _ := s.subscribeLimiter.allow(s.clientIP(r), time.Now()); !ok {
		d.Error = v.T("newsletter.slow_down")
		return s.renderPrivate(w, http.StatusTooManyRequests, "newsletter", v)
	}
	in := newsroom.SubscribeInput{Email: d.Email, Lang: v.Lang.Tag, Consent: d.Consent, Agreed: r.PostFormValue("agree") == "1"}
	if err := s.news.Subscribe(r.Context(), in); err != nil {
		if khabar.ErrorCode(err) != khabar.EInvalid {
			return err
		}
		d.Error = s.cat.Error(v.Lang.Tag, lang.Digits(v.ArabicDigits), err)
		return s.renderPrivate(w, http.StatusBadRequest, "newsletter", v)
	}
	d.Step = "check"
	return s.renderPrivate(w, http.StatusOK, "newsletter", v)
}

// newsletterLink shows the page of a link from an email, or says that the
// link is no longer valid.
func (s *Server) newsletterLink(w http.ResponseWriter, r *http.Request, step string) error {
	v, err := s.newsletterView(r)
	if err != nil {
		return err
	}
	token := r.URL.Query().Get("t")
	d := &newsletterData{Step: step, Token: token}
	v.Data = d
	sub, err := s.news.SubscriptionByToken(r.Context(), token)
	if khabar.IsNotFound(err) || (err == nil && sub.Lang != v.Lang.Tag) {
		d.Step = "invalid"
		return s.renderPrivate(w, http.StatusNotFound, "newsletter", v)
	}
	if err != nil {
		return err
	}
	d.Sub, d.Since = sub, v.Date(sub.ConsentAt)
	if step == "confirm" && sub.Status == khabar.SubscriberConfirmed {
		d.Step = "confirmed"
	}
	if step == "confirm" && sub.Status == khabar.SubscriberUnsubscribed {
		d.Step = "invalid"
		return s.renderPrivate(w, http.StatusNotFound, "newsletter", v)
	}
	return s.renderPrivate(w, http.StatusOK, "newsletter", v)
}

func (s *Server) newsletterConfirmPage(w http.ResponseWriter, r *http.Request) error {
	return s.newsletterLink(w, r, "confirm")
}

func (s *Server) newsletterUnsubscribePage(w http.ResponseWriter, r *http.Request) error {
	return s.newsletterLink(w, r, "unsubscribe")
}

func (s *Server) newsletterConfirm(w http.ResponseWriter, r *http.Request) error {
	v, err := s.newsletterView(r)
	if err != nil {
		return err
	}
	token := r.URL.Query().Get("t")
	d := &newsletterData{Step: "confirmed"}
	v.Data = d
	sub, err := s.news.ConfirmSubscription(r.Context(), token)
	if khabar.IsNotFound(err) {
		d.Step = "invalid"
		return s.renderPrivate(w, http.StatusNotFound, "newsletter", v)
	}
	if err != nil {
		return err
	}
	d.Sub = sub
	return s.renderPrivate(w, http.StatusOK, "newsletter", v)
}

// newsletterUnsubscribe ends a subscription: the page's button, or a mail
// program's one-click POST (List-Unsubscribe=One-Click), which gets the
// same answer; with forget=1 it deletes the subscription's data instead.
func (s *Server) newsletterUnsubscribe(w http.ResponseWriter, r *http.Request) error {
	v, err := s.newsletterView(r)
	if err != nil {
		return err
	}
	token := r.URL.Query().Get("t")
	d := &newsletterData{Step: "unsubscribed"}
	v.Data = d
	if r.PostFormValue("forget") == "1" {
		err = s.news.ForgetSubscription(r.Context(), token)
		d.Step = "forgotten"
	} else {
		d.Sub, err = s.news.Unsubscribe(r.Context(), token)
	}
	if khabar.IsNotFound(err) {
		d.Step = "invalid"
		return s.renderPrivate(w, http.StatusNotFound, "newsletter", v)
	}
	if err != nil {
		return err
	}
	return s.renderPrivate(w, http.StatusOK, "newsletter", v)
}

// renderPrivate writes a page meant for one reader (it carries their
// link's secret, or answers their form): never stored by a cache, never
// indexed.
func (s *Server) renderPrivate(w http.ResponseWriter, status int, kind string, v *view) error {
	t, ok := s.tmpl.pages[kind]
	if !ok {
		return fmt.Errorf("no template %q", kind)
	}
	v.Meta = append(v.Meta, metaTag{Name: "robots", Content: "noindex, nofollow"})
	v.Canonical, v.Alternates = "", nil
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", v); err != nil {
		return fmt.Errorf("rendering %s: %w", kind, err)
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Language", v.Lang.Tag)
	h.Set("Cache-Control", "no-store")
	h.Set("Referrer-Policy", "no-referrer") // the address carries the reader's secret
	w.WriteHeader(status)
	_, err := w.Write(buf.Bytes())
	return err
}

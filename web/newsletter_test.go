package web_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/i18n"
	"github.com/khabarnews/khabar/newsletter"
	"github.com/khabarnews/khabar/newsletter/mailpittest"
)

// sender is the site's outbox sender, handing messages to Mailpit.
func (s *site) sender(mp *mailpittest.Server) *newsletter.Sender {
	s.t.Helper()
	cat, err := i18n.Load()
	s.must(err)
	comp, err := newsletter.NewComposer(cat, s.srv.URL, "news@khabar.test")
	s.must(err)
	return &newsletter.Sender{Queue: s.store, Settings: s.store, Composer: comp, Node: "test",
		Mailer: &newsletter.SMTP{Addr: mp.SMTP, Security: "none", Timeout: 10 * time.Second},
		Log:    slog.New(slog.NewTextHandler(io.Discard, nil))}
}

func (s *site) sendMail(snd *newsletter.Sender) int {
	s.t.Helper()
	n, err := snd.SendDue(context.Background())
	s.must(err)
	return n
}

var linkRe = regexp.MustCompile(`https?://[^\s<>"]+`)

// linkIn finds the link of the message's text that has path in it.
func linkIn(t *testing.T, text, path string) string {
	t.Helper()
	for _, l := range linkRe.FindAllString(text, -1) {
		if strings.Contains(l, path) {
			return l
		}
	}
	t.Fatalf("no %s link in:\n%s", path, text)
	return ""
}

// subscribe signs an address up on the site's Arabic form and confirms it
// from the mailbox, as a reader does.
func (s *site) subscribe(mp *mailpittest.Server, snd *newsletter.Sender, email string) {
	s.t.Helper()
	t := s.t
	reader := s.browser()
	r := reader.do("POST", "/ar/newsletter", url.Values{"email": {email}, "agree": {"1"}}).want(t, http.StatusOK, "subscribing")
	if !strings.Contains(r.body, "تحقّق من بريدك") {
		t.Fatalf("the form's answer does not say to check the mailbox:\n%.2000s", r.body)
	}
	if n := s.sendMail(snd); n != 1 {
		t.Fatalf("sent %d messages after a subscription, want the confirmation", n)
	}
	msgs := mp.Wait(email, 1, 10*time.Second)
	m := mp.Message(msgs[0].ID)
	if !strings.Contains(m.Subject, "أكّد اشتراكك") || m.ListUnsubscribe.Header != "" {
		t.Errorf("confirmation message: subject %q, List-Unsubscribe %q", m.Subject, m.ListUnsubscribe.Header)
	}
	link := linkIn(t, m.Text, "/ar/newsletter/confirm")
	u, _ := url.Parse(link)
	page := reader.do("GET", u.RequestURI(), nil).want(t, http.StatusOK, "the confirmation link")
	if sub, _ := s.store.SubscriberByEmail(context.Background(), email, "ar"); sub.Status != khabar.SubscriberPending {
		t.Fatalf("following the link alone (as a mail scanner does) confirmed the subscription")
	}
	if !strings.Contains(page.body, "أؤكد اشتراكي") || page.header.Get("Cache-Control") != "no-store" {
		t.Fatalf("the confirmation page: %s\n%.2000s", page.header.Get("Cache-Control"), page.body)
	}
	reader.do("POST", u.RequestURI(), url.Values{}).want(t, http.StatusOK, "confirming")
}

// TestNewsletterSubscribeDigestUnsubscribe: a reader subscribes on the
// Arabic site, confirms from Mailpit, receives an editor's digest (HTML
// right to left, a plain-text part, RFC 8058 headers), unsubscribes with
// the one-click POST a mail program makes, and receives nothing after it,
// while another subscriber still does.
func TestNewsletterSubscribeDigestUnsubscribe(t *testing.T) {
	mp := mailpittest.Start(t)
	s := newSite(t)
	snd := s.sender(mp)
	s.subscribe(mp, snd, "nadia@example.org")
	s.subscribe(mp, snd, "omar@example.org")

	_, editor := s.signedIn("letter-editor", khabar.RoleEditor)
	summit, column := strconv.FormatInt(s.ids["summit"], 10), strconv.FormatInt(s.ids["column"], 10)
	editor.do("POST", "/admin/newsletter/send", url.Values{"lang": {"ar"}, "story": {summit, column}}).want(t, http.StatusSeeOther, "sending a digest")
	if n := s.sendMail(snd); n != 2 {
		t.Fatalf("sent %d messages of the digest, want one per subscriber", n)
	}
	if n := s.sendMail(snd); n != 0 {
		t.Fatalf("the outbox sent %d messages again", n)
	}
	got := mp.Wait("nadia@example.org", 2, 10*time.Second)
	m := mp.Message(got[0].ID)
	for _, want := range []string{`<html lang="ar" dir="rtl">`, "بوتين يستضيف قمة غير رسمية", "عمود: الاقتصاد في 2024", `dir="rtl"`} {
		if !strings.Contains(m.HTML, want) {
			t.Errorf("the digest's HTML lacks %q", want)
		}
	}
	if strings.Contains(m.HTML, "ZgotmplZ") {
		t.Errorf("the HTML has a value its template refused:\n%s", m.HTML)
	}
	if !strings.Contains(m.Text, "بوتين يستضيف قمة غير رسمية") || !strings.Contains(m.Text, "/ar/news/"+summit+"-") || strings.Contains(m.Text, "<") {
		t.Errorf("the plain-text part:\n%s", m.Text)
	}
	if m.From.Name != "مجموعة الحوار" || !strings.Contains(m.Subject, "مجموعة الحوار") {
		t.Errorf("from %+v, subject %q", m.From, m.Subject)
	}
	if m.ListUnsubscribe.HeaderPost != "List-Unsubscribe=One-Click" || len(m.ListUnsubscribe.Links) != 1 || m.ListUnsubscribe.Errors != "" {
		t.Fatalf("List-Unsubscribe: %+v", m.ListUnsubscribe)
	}

	// The one-click unsubscription, as a mail program posts it: no
	// cookie, from another site, the body RFC 8058 prescribes.
	req, err := http.NewRequest("POST", m.ListUnsubscribe.Links[0], strings.NewReader("List-Unsubscribe=One-Click"))
	s.must(err)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", "https://mail.example.com")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	res, err := http.DefaultClient.Do(req)
	s.must(err)
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK || !strings.Contains(string(body), "أُلغي اشتراكك") {
		t.Fatalf("one-click unsubscription = %d\n%.1500s", res.StatusCode, body)
	}
	sub, err := s.store.SubscriberByEmail(context.Background(), "nadia@example.org", "ar")
	s.must(err)
	if sub.Status != khabar.SubscriberUnsubscribed || sub.UnsubscribedAt.IsZero() || !strings.Contains(sub.Consent, "أرغب في تلقي النشرة") {
		t.Fatalf("subscriber after unsubscribing: %+v", sub)
	}

	editor.do("POST", "/admin/newsletter/send", url.Values{"lang": {"ar"}, "story": {column}}).want(t, http.StatusSeeOther, "sending a second digest")
	if n := s.sendMail(snd); n != 1 {
		t.Fatalf("sent %d messages of the second digest, want Omar's only", n)
	}
	mp.Wait("omar@example.org", 3, 10*time.Second)
	if n := len(mp.To("nadia@example.org")); n != 2 {
		t.Fatalf("Nadia has %d messages after unsubscribing, want the 2 from before", n)
	}
	page := editor.do("GET", "/admin/newsletter?lang=ar", nil, "Accept-Language", "en").want(t, http.StatusOK, "the newsletter page")
	if !strings.Contains(page.body, "1 sent") || !strings.Contains(page.body, "2 sent") {
		t.Errorf("the issues' counts are not shown:\n%.4000s", page.body)
	}
}

// TestNewsletterPublicPages: bad input on the form changes nothing and
// says why, a stranger's link says it no longer works, a reader deletes
// their own data, and the form answers the same whether or not the
// address is subscribed.
func TestNewsletterPublicPages(t *testing.T) {
	s := newSite(t)
	reader := s.browser()
	form := s.page("/ru/newsletter")
	if !strings.Contains(form.body, `lang="ru"`) || !strings.Contains(form.body, "на русском языке") {
		t.Fatalf("the Russian form:\n%.2000s", form.body)
	}
	for _, c := range []struct {
		form url.Values
		want string
	}{
		{url.Values{"email": {"not an address"}, "agree": {"1"}}, "На такой адрес нельзя отправить письмо"},
		{url.Values{"email": {"reader@example.org"}}, "Отметьте, что вы хотите получать рассылку"},
		{url.Values{"email": {"x@example.org\r\nBcc: y@example.org"}, "agree": {"1"}}, "На такой адрес нельзя отправить письмо"},
	} {
		r := reader.do("POST", "/ru/newsletter", c.form).want(t, http.StatusBadRequest, "a bad form")
		if !strings.Contains(r.body, c.want) {
			t.Errorf("%v: the page does not say %q", c.form, c.want)
		}
	}
	if list, _, _ := s.store.Subscribers(context.Background(), khabar.SubscriberFilter{}); len(list) != 0 {
		t.Fatalf("bad forms stored %+v", list)
	}
	ok := reader.do("POST", "/ru/newsletter", url.Values{"email": {"reader@Example.ORG"}, "agree": {"1"}}).want(t, http.StatusOK, "subscribing")
	again := reader.do("POST", "/ru/newsletter", url.Values{"email": {"reader@example.org"}, "agree": {"1"}}).want(t, http.StatusOK, "subscribing again")
	if strings.ReplaceAll(ok.body, "Example.ORG", "example.org") != again.body {
		t.Errorf("the second answer differs from the first: it tells that the address is known")
	}
	sub, err := s.store.SubscriberByEmail(context.Background(), "reader@example.org", "ru")
	s.must(err)
	if sub.Email != "reader@example.org" {
		t.Errorf("stored address %q, want the domain in lower case", sub.Email)
	}
	s.get("/ru/newsletter/unsubscribe?t=forged").want(t, http.StatusNotFound, "a forged link")
	s.get("/ar/newsletter/unsubscribe?t="+url.QueryEscape(sub.Token)).want(t, http.StatusNotFound, "a link under another language")
	page := s.get("/ru/newsletter/unsubscribe?t="+url.QueryEscape(sub.Token)).want(t, http.StatusOK, "the unsubscribe page")
	if !strings.Contains(page.body, "reader@example.org") || !strings.Contains(page.body, "Удалить мой адрес") || !strings.Contains(page.body, "noindex") {
		t.Fatalf("the unsubscribe page:\n%.3000s", page.body)
	}
	gone := reader.do("POST", "/ru/newsletter/unsubscribe?t="+url.QueryEscape(sub.Token), url.Values{"forget": {"1"}}).want(t, http.StatusOK, "deleting")
	if !strings.Contains(gone.body, "Ваши данные удалены") {
		t.Errorf("the page after deleting:\n%.2000s", gone.body)
	}
	if _, err := s.store.SubscriberByEmail(context.Background(), "reader@example.org", "ru"); !khabar.IsNotFound(err) {
		t.Fatalf("the subscriber is still there: %v", err)
	}
	s.get("/ru/newsletter/confirm?t="+url.QueryEscape(sub.Token)).want(t, http.StatusNotFound, "the confirmation link after deleting")
}

// Package newsletter makes and sends the newsletters' messages: the
// confirmation of a subscription and the issues, each an HTML part laid out
// in the reader's direction (right to left in Arabic) with a plain-text
// part beside it, in the language of the newsletter, with the one-click
// unsubscription of RFC 8058. Messages leave from the outbox (Sender),
// through an SMTP server (SMTP).
package newsletter

import (
	"bytes"
	"embed"
	"fmt"
	htmltemplate "html/template"
	"net/url"
	"strings"
	texttemplate "text/template"
	"time"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/i18n"
	"github.com/khabarnews/khabar/lang"
)

//go:embed templates
var templates embed.FS

// Composer makes messages.
type Composer struct {
	cat     *i18n.Catalog
	baseURL string
	from    string // the sender's address, without a name
	html    *htmltemplate.Template
	text    *texttemplate.Template
}

// NewComposer parses the templates (failing fast on a broken one); links
// point to baseURL, and messages come from the address from.
func NewComposer(cat *i18n.Catalog, baseURL, from string) (*Composer, error) {
	if _, err := khabar.NormalizeEmail(from); err != nil {
		return nil, fmt.Errorf("the newsletter's sender %q is not an address", from)
	}
	c := &Composer{cat: cat, baseURL: strings.TrimSuffix(baseURL, "/"), from: from}
	var err error
	if c.html, err = htmltemplate.New("mail").ParseFS(templates, "templates/mail.html"); err != nil {
		return nil, fmt.Errorf("parsing the mail template: %w", err)
	}
	if c.text, err = texttemplate.New("mail").ParseFS(templates, "templates/mail.txt"); err != nil {
		return nil, fmt.Errorf("parsing the mail template: %w", err)
	}
	return c, nil
}

// view is what the templates show.
type view struct {
	Lang, Dir, Align string
	// Font is a font-family list, trusted: it is written here.
	Font                   htmltemplate.CSS
	Site, Subject, Heading string
	Why                    string
	HomeURL                string
	ConfirmURL             string
	UnsubscribeURL         string
	Stories                []storyView
	cat                    *i18n.Catalog
}

type storyView struct {
	Title, Summary, URL, Image, ImageAlt, Date string
}

// T says a catalogue string in the message's language.
func (v *view) T(key string, args ...string) string { return v.cat.T(v.Lang, key, args...) }

// UnsubscribeURL is where a subscriber's one-click unsubscription goes:
// the List-Unsubscribe address, and the link in every issue's footer.
func (c *Composer) UnsubscribeURL(s *khabar.Subscriber) string {
	return c.baseURL + "/" + s.Lang + "/newsletter/unsubscribe?t=" + url.QueryEscape(s.Token)
}

// ConfirmURL is the link of the confirmation message.
func (c *Composer) ConfirmURL(s *khabar.Subscriber) string {
	return c.baseURL + "/" + s.Lang + "/newsletter/confirm?t=" + url.QueryEscape(s.Token)
}

// Compose makes the message of an outbox job, with the site's settings.
func (c *Composer) Compose(j *khabar.MailJob, st khabar.Settings, now time.Time) (*Message, error) {
	sub := j.Subscriber
	if sub == nil || (j.Kind == khabar.MailIssue && j.Issue == nil) {
		return nil, fmt.Errorf("message %d: nothing to make it from", j.ID)
	}
	l := sub.Lang
	o := lang.DateOptions{Digits: lang.Digits(st.ArabicDigits), Months: lang.MonthNaming(st.ArabicMonths), Location: st.Location()}
	v := &view{Lang: l, Dir: string(lang.Direction(l)), Align: "left", Font: "Georgia, 'Noto Serif', 'DejaVu Serif', serif",
		Site: st.SiteName.Get(l, st.DefaultLang), HomeURL: c.baseURL + "/" + l + "/", cat: c.cat}
	if v.Dir == string(lang.RTL) {
		v.Align, v.Font = "right", "'Noto Naskh Arabic', 'Amiri', 'Geeza Pro', Tahoma, 'Arial', sans-serif"
	}
	m := &Message{From: c.from, To: sub.Email, Lang: l,
		MessageID: fmt.Sprintf("<khabar.%d.%d@%s>", j.ID, sub.ID, domainOf(c.from))}
	switch j.Kind {
	case khabar.MailConfirm:
		v.Subject = v.T("mail.confirm.subject", "site", v.Site)
		v.ConfirmURL = c.ConfirmURL(sub)
	case khabar.MailIssue:
		is := j.Issue
		day := lang.FormatDate(is.CreatedAt, l, o)
		v.Subject = is.Subject
		if v.Subject == "" {
			v.Subject = v.T("mail.issue.subject."+is.Kind, "site", v.Site, "date", day)
		}
		v.Heading = day
		v.UnsubscribeURL = c.UnsubscribeURL(sub)
		v.Why = v.T("mail.footer.why", "site", v.Site, "date", lang.FormatDate(sub.ConsentAt, l, o))
		for _, s := range is.Stories {
			sv := storyView{Title: s.Title, Summary: s.Summary, URL: c.baseURL + s.Path, ImageAlt: s.ImageAlt, Date: lang.FormatDate(s.PublishedAt, l, o)}
			if s.ImagePath != "" {
				sv.Image = c.baseURL + s.ImagePath
			}
			v.Stories = append(v.Stories, sv)
		}
		m.ListID = fmt.Sprintf("%s <%s.newsletter.%s>", v.Site, l, domainOf(c.from))
		m.Unsubscribe = v.UnsubscribeURL
	default:
		return nil, fmt.Errorf("message %d: unknown kind %q", j.ID, j.Kind)
	}
	m.FromName, m.Subject = v.Site, v.Subject
	var html, text bytes.Buffer
	if err := c.html.ExecuteTemplate(&html, "mail", v); err != nil {
		return nil, fmt.Errorf("making message %d: %w", j.ID, err)
	}
	if err := c.text.ExecuteTemplate(&text, "mail", v); err != nil {
		return nil, fmt.Errorf("making message %d: %w", j.ID, err)
	}
	m.HTML, m.Text = html.String(), text.String()
	m.Date = now
	return m, nil
}

func domainOf(addr string) string {
	_, d, _ := strings.Cut(addr, "@")
	return d
}

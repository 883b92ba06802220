package newsroom

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/markup"
)

// What an audit entry says changed: each field from → to, in a form the
// log can show in any interface language (see khabar.AuditChange).

// auditTextRunes bounds a text kept in the log: enough to recognise a
// headline, not a copy of the story.
const auditTextRunes = 120

// changes collects the fields a use case changed.
type changes []khabar.AuditChange

// text records a changed text, shortened.
func (c *changes) text(field, from, to string) {
	if from != to {
		*c = append(*c, khabar.AuditChange{Field: field, From: shorten(from), To: shorten(to)})
	}
}

// words records a changed body by its length in words: the revisions
// show the text itself.
func (c *changes) words(field, from, to string) {
	if from != to {
		*c = append(*c, khabar.AuditChange{Field: field, From: strconv.Itoa(wordCount(from)), To: strconv.Itoa(wordCount(to))})
	}
}

// id records a changed reference (a section, an image …); 0 is none.
func (c *changes) id(field string, from, to int64) {
	if from != to {
		*c = append(*c, khabar.AuditChange{Field: field, From: idText(from), To: idText(to)})
	}
}

// ids records a changed list of references, in its order.
func (c *changes) ids(field string, from, to []int64) {
	if !slices.Equal(from, to) {
		*c = append(*c, khabar.AuditChange{Field: field, From: joinIDs(from), To: joinIDs(to)})
	}
}

// flag records a changed yes/no.
func (c *changes) flag(field string, from, to bool) {
	if from != to {
		*c = append(*c, khabar.AuditChange{Field: field, From: strconv.FormatBool(from), To: strconv.FormatBool(to)})
	}
}

// time records a changed time, as RFC 3339 in UTC ("" for none).
func (c *changes) time(field string, from, to time.Time) {
	if !from.Equal(to) {
		*c = append(*c, khabar.AuditChange{Field: field, From: timeText(from), To: timeText(to)})
	}
}

// texts records each language of a per-language text that changed, as
// field.lang ("caption.ru").
func (c *changes) texts(field string, from, to khabar.Text) {
	langs := map[string]bool{}
	for l := range from {
		langs[l] = true
	}
	for l := range to {
		langs[l] = true
	}
	for _, l := range sortedKeys(langs) {
		c.text(field+"."+l, from[l], to[l])
	}
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func shorten(s string) string {
	s = khabar.CleanLine(s)
	if utf8.RuneCountInString(s) <= auditTextRunes {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:auditTextRunes-1])) + "…"
}

func wordCount(html string) int { return len(strings.Fields(markup.PlainText(html))) }

func idText(id int64) string {
	if id == 0 {
		return ""
	}
	return strconv.FormatInt(id, 10)
}

func joinIDs(ids []int64) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = strconv.FormatInt(id, 10)
	}
	return strings.Join(parts, ",")
}

func timeText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// versionChanges are the fields of a version's text that a save changes.
func versionChanges(cur *khabar.Version, next *khabar.Version) changes {
	var c changes
	var old khabar.Version
	if cur != nil {
		old = *cur
	}
	c.text("title", old.Title, next.Title)
	c.text("slug", old.Slug, next.Slug)
	c.text("summary", old.Summary, next.Summary)
	c.words("body", old.Body, next.Body)
	return c
}

// storyChanges are the shared fields of a story that a change changes.
func storyChanges(old, next *khabar.Story) changes {
	var c changes
	c.id("section", old.SectionID, next.SectionID)
	c.ids("tags", old.TagIDs, next.TagIDs)
	c.ids("authors", old.AuthorIDs, next.AuthorIDs)
	c.id("lead_image", old.LeadMediaID, next.LeadMediaID)
	c.id("source", old.SourceID, next.SourceID)
	c.flag("featured", old.Featured, next.Featured)
	return c
}

// Refusal is an attempt the newsroom turned down, as the audit log keeps
// it: what was asked (a method and a path, or an API operation) and the
// message key of the reason.
type Refusal struct {
	What   string // "POST /admin/stories/12/ar"
	Reason string // "err.forbidden.publish"
	From   string // the address it came from
}

// RecordRefusal writes a refused attempt of actor (a forbidden action, a
// forged address) to the audit log, so that an administrator sees who
// tried what. It is its own transaction: the refused change, if any, was
// never made.
func (s *Service) RecordRefusal(ctx context.Context, actor *khabar.User, r Refusal) error {
	detail := khabar.CleanLine(r.What)
	if r.From != "" {
		detail += " · " + khabar.CleanLine(r.From)
	}
	e := entry{action: "access.refused", object: "access", detail: shorten(detail),
		changes: []khabar.AuditChange{{Field: "reason", To: shorten(r.Reason)}}}
	if actor != nil {
		e.object = object("user", actor.ID)
	}
	return s.change(ctx, actor, func(ctx context.Context) ([]entry, error) { return []entry{e}, nil })
}

// recordFailedLogin writes a failed login to the audit log: for a known
// account, against it; for an unknown one, with the login that was typed.
// Never the password.
func (s *Service) recordFailedLogin(ctx context.Context, u *khabar.User, login, from string) {
	e := entry{action: "user.login_failed", object: "login", detail: shorten(from),
		changes: []khabar.AuditChange{{Field: "login", To: shorten(login)}}}
	if u != nil {
		e.object, e.changes = object("user", u.ID), nil
	}
	err := s.change(ctx, nil, func(ctx context.Context) ([]entry, error) { return []entry{e}, nil })
	if err != nil {
		s.log.Warn("recording a failed login", "login", login, "err", err)
	}
}

// AuditActions are the actions the newsroom writes to the audit log, for
// the log's filter and the names it shows them by.
func AuditActions() []string {
	return []string{
		"story.create", "story.update", "story.import",
		"version.save", "version.restore", "version.translate", "version.confirm",
		"version.draft", "version.review", "version.scheduled", "version.published", "version.unpublished", "version.archived",
		"version.propose", "version.publish_update", "version.discard_update", "version.expiry", "version.correct",
		"media.upload", "media.edit", "media.variants", "search.reindex",
		"section.create", "section.update", "section.move", "tag.create", "tag.update", "source.create", "source.update",
		"page.create", "page.update", "page.move",
		"user.create", "user.update", "user.disable", "user.enable", "user.password_reset", "user.password_change",
		"user.two_step_on", "user.two_step_off", "user.login", "user.login_failed", "user.logout_everywhere",
		"settings.save", "token.create", "token.revoke", "lexicon.create", "lexicon.update", "lexicon.delete", "access.refused",
		"archive.restore", "media.restore", "version.import", "redirect.create", "redirect.update", "redirect.delete",
		"wire.feed.create", "wire.feed.update", "wire.feed.delete", "wire.use", "wire.seen", "wire.unseen",
		"subscriber.subscribe", "subscriber.confirm", "subscriber.unsubscribe", "subscriber.forget", "subscriber.delete",
		"subscribers.export", "newsletter.settings", "newsletter.send", "newsletter.daily", "channel.save", "channel.post",
	}
}

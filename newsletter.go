package khabar

import (
	"context"
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"
)

// Newsletters: readers subscribe to a language's newsletter by email, with
// double opt-in; the newsroom sends digests of chosen stories, or a daily
// digest goes out on its own; every message leaves from an outbox that
// survives restarts and never sends one message twice to one subscriber.

// SubscriberStatus is where a subscription stands.
type SubscriberStatus string

// Subscription states: pending (asked, not yet confirmed by the link in the
// confirmation email), confirmed (receives the newsletter), unsubscribed.
const (
	SubscriberPending      SubscriberStatus = "pending"
	SubscriberConfirmed    SubscriberStatus = "confirmed"
	SubscriberUnsubscribed SubscriberStatus = "unsubscribed"
)

// Subscriber is one address subscribed to one language's newsletter. A
// reader of two languages is two subscribers.
type Subscriber struct {
	ID     int64
	Email  string // as the reader wrote it, its domain lower-cased
	Lang   string
	Status SubscriberStatus
	// Token is the secret in the links of the reader's emails (confirm,
	// unsubscribe): whoever holds it may act on this subscription only.
	Token string
	// Consent is what the reader agreed to, word for word as the form
	// showed it, and ConsentAt when they did (the form was sent);
	// ConfirmedAt is when they confirmed it from their mailbox.
	Consent        string
	ConsentAt      time.Time
	ConfirmedAt    time.Time
	UnsubscribedAt time.Time
	// ConfirmSentAt is when the last confirmation email was queued, so
	// that a form sent again and again does not flood a mailbox.
	ConfirmSentAt time.Time
}

// MaxEmailBytes bounds an address (RFC 5321 allows 254).
const MaxEmailBytes = 254

// NormalizeEmail checks an address a reader typed and returns it in the
// form it is kept in: a bare address (no display name), its domain
// lower-cased (the local part is the mail server's business).
func NormalizeEmail(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", Invalid("email", "err.email.required")
	}
	if !utf8.ValidString(s) || len(s) > MaxEmailBytes || strings.ContainsAny(s, "<>\"\r\n\t ,;") {
		return "", Invalid("email", "err.email.invalid")
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || a.Name != "" {
		return "", Invalid("email", "err.email.invalid")
	}
	local, domain, ok := strings.Cut(s, "@")
	if !ok || local == "" || !strings.Contains(domain, ".") || strings.HasPrefix(domain, ".") || strings.HasSuffix(domain, ".") {
		return "", Invalid("email", "err.email.invalid")
	}
	return local + "@" + strings.ToLower(domain), nil
}

// Newsletter is one language's newsletter settings: whether a daily digest
// goes out, and at which hour of the site's time zone.
type Newsletter struct {
	Lang      string
	Daily     bool
	DailyHour int // 0–23
}

// Issue kinds.
const (
	IssueDigest = "digest" // stories an editor chose
	IssueDaily  = "daily"  // the day's stories, sent on schedule
)

// Issue is one newsletter as sent: its stories are kept as they were when
// it was made, so that every subscriber gets the same.
type Issue struct {
	ID        int64
	Lang      string
	Kind      string
	Subject   string
	Stories   []IssueStory
	Day       string // the site's date of a daily issue (2026-11-28), "" for a digest
	CreatedAt time.Time
	CreatedBy int64 // 0 for the scheduler
	Counts    MailCounts
}

// IssueStory is a story as an issue shows it; Path and ImagePath are paths
// of the site (the message makes them absolute).
type IssueStory struct {
	StoryID     int64     `json:"story"`
	Title       string    `json:"title"`
	Summary     string    `json:"summary,omitempty"`
	Path        string    `json:"path"`
	ImagePath   string    `json:"image,omitempty"`
	ImageAlt    string    `json:"image_alt,omitempty"`
	PublishedAt time.Time `json:"published_at"`
}

// MaxIssueStories bounds the stories of one issue.
const MaxIssueStories = 30

// MailStatus is where one message of the outbox stands.
type MailStatus string

// Outbox states. A message is claimed (sending) before it is handed to the
// mail server and marked sent once the server accepted it. A message still
// sending when its claim ran out (the sender died in between) is uncertain:
// the server may have accepted it, so it is not sent again (at most once).
const (
	MailQueued    MailStatus = "queued"
	MailSending   MailStatus = "sending"
	MailSent      MailStatus = "sent"
	MailFailed    MailStatus = "failed"    // refused for good by the mail server
	MailUncertain MailStatus = "uncertain" // may or may not have been accepted; never resent
	MailSkipped   MailStatus = "skipped"   // the reader unsubscribed before it left
)

// Mail kinds.
const (
	MailConfirm = "confirm" // the double opt-in link
	MailIssue   = "issue"   // an issue of the newsletter
)

// MailCounts counts an issue's messages by status.
type MailCounts map[MailStatus]int

// MailJob is one message of the outbox: one kind, to one subscriber.
type MailJob struct {
	ID           int64
	Kind         string
	SubscriberID int64
	IssueID      int64 // 0 for a confirmation
	Status       MailStatus
	Attempts     int
	NextAt       time.Time
	SentAt       time.Time
	Error        string
	// Subscriber and Issue are filled by ClaimMail: what the message is
	// made from.
	Subscriber *Subscriber
	Issue      *Issue
}

// MailResult is what became of a claimed message.
type MailResult struct {
	ID int64
	// Status is MailSent, MailFailed, MailUncertain, or MailQueued to try
	// again at NextAt.
	Status MailStatus
	NextAt time.Time
	Error  string
}

// SubscriberFilter selects subscribers; zero fields do not filter.
type SubscriberFilter struct {
	Lang   string
	Status SubscriberStatus
	Query  string // part of the address
	Limit  int    // 0: all
	Offset int
}

// NewsletterService reads subscribers, the newsletters' settings and
// issues.
type NewsletterService interface {
	Subscribers(ctx context.Context, f SubscriberFilter) ([]Subscriber, int, error)
	Subscriber(ctx context.Context, id int64) (*Subscriber, error)
	SubscriberByToken(ctx context.Context, token string) (*Subscriber, error)
	SubscriberByEmail(ctx context.Context, email, lang string) (*Subscriber, error)
	// SubscriberCounts counts subscribers by language and status.
	SubscriberCounts(ctx context.Context) (map[string]map[SubscriberStatus]int, error)
	// Newsletters returns the settings of every language that has any.
	Newsletters(ctx context.Context) ([]Newsletter, error)
	// Issues returns a language's issues, newest first, with counts.
	Issues(ctx context.Context, lang string, limit int) ([]Issue, error)
	Issue(ctx context.Context, id int64) (*Issue, error)
	// LastIssue returns the newest issue of a kind in lang; ENotFound
	// when there is none.
	LastIssue(ctx context.Context, lang, kind string) (*Issue, error)
}

// MailQueue is what the sender of package newsletter needs: messages to
// send, one at a time, each claimed by one node.
type MailQueue interface {
	// ClaimMail returns a message due to be sent, claimed by node until
	// lease runs out and marked sending; nil when none is due. Messages
	// whose claim ran out while sending become uncertain; messages to a
	// subscriber no longer in the state they were meant for are skipped.
	ClaimMail(ctx context.Context, node string, lease time.Duration) (*MailJob, error)
	// FinishMail records what became of a message node claimed; nothing
	// is written when the claim was lost.
	FinishMail(ctx context.Context, node string, r MailResult) error
}

package newsletter_test

import (
	"bufio"
	"context"
	"io"
	"log/slog"
	"net"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/i18n"
	"github.com/khabarnews/khabar/newsletter"
	"github.com/khabarnews/khabar/newsletter/mailpittest"
	"github.com/khabarnews/khabar/sqlstore"
)

var ctx = context.Background()

type clock struct{ now time.Time }

func (c *clock) Now() time.Time { return c.now }

// outbox is a store with subscribers and an issue queued for them.
type outbox struct {
	path  string
	db    *sqlstore.DB
	clock *clock
	issue *khabar.Issue
}

func newOutbox(t testing.TB, emails ...string) *outbox {
	t.Helper()
	o := &outbox{path: filepath.Join(t.TempDir(), "khabar.db"), clock: &clock{now: time.Date(2026, 11, 28, 7, 0, 0, 0, time.UTC)}}
	o.open(t)
	for _, e := range emails {
		sub := &khabar.Subscriber{Email: e, Lang: "ru", Status: khabar.SubscriberConfirmed, Token: "t-" + e, Consent: "да", ConsentAt: o.clock.now}
		must(t, o.db.CreateSubscriber(ctx, sub))
	}
	o.issue = &khabar.Issue{Lang: "ru", Kind: khabar.IssueDigest, Stories: []khabar.IssueStory{{StoryID: 1, Title: "Саммит СНГ", Path: "/ru/news/1-sammit", PublishedAt: o.clock.now}}}
	must(t, o.db.CreateIssue(ctx, o.issue))
	if n, err := o.db.QueueIssue(ctx, o.issue.ID); err != nil || n != len(emails) {
		t.Fatalf("queued %d, %v", n, err)
	}
	return o
}

// open (re)opens the store: a restart of the node.
func (o *outbox) open(t testing.TB) {
	t.Helper()
	db, err := sqlstore.OpenSQLite(ctx, o.path, sqlstore.WithClock(o.clock.Now))
	must(t, err)
	o.db = db
	t.Cleanup(func() { db.Close() })
}

func (o *outbox) sender(t testing.TB, addr, node string) *newsletter.Sender {
	t.Helper()
	cat, err := i18n.Load()
	must(t, err)
	comp, err := newsletter.NewComposer(cat, "https://khabar.test", "news@khabar.test")
	must(t, err)
	return &newsletter.Sender{Queue: o.db, Settings: o.db, Composer: comp, Node: node, Now: o.clock.Now,
		Mailer: &newsletter.SMTP{Addr: addr, Security: "none", Timeout: 5 * time.Second},
		Log:    slog.New(slog.NewTextHandler(io.Discard, nil))}
}

func (o *outbox) counts(t testing.TB) khabar.MailCounts {
	t.Helper()
	is, err := o.db.Issue(ctx, o.issue.ID)
	must(t, err)
	return is.Counts
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// TestSenderSurvivesRestart: messages queued before a restart are sent
// after it, each once.
func TestSenderSurvivesRestart(t *testing.T) {
	mp := mailpittest.Start(t)
	o := newOutbox(t, "a@example.org", "b@example.org")
	o.db.Close()
	o.open(t) // the node restarts before anything was sent
	n, err := o.sender(t, mp.SMTP, "node-2").SendDue(ctx)
	must(t, err)
	if n != 2 {
		t.Fatalf("sent %d after the restart, want 2", n)
	}
	if n, _ := o.sender(t, mp.SMTP, "node-3").SendDue(ctx); n != 0 {
		t.Fatalf("another node sent %d again", n)
	}
	for _, e := range []string{"a@example.org", "b@example.org"} {
		if got := mp.Wait(e, 1, 5*time.Second); len(got) != 1 || got[0].Subject == "" {
			t.Errorf("%s received %+v", e, got)
		}
	}
	if c := o.counts(t); c[khabar.MailSent] != 2 {
		t.Errorf("counts = %v", c)
	}
}

// TestSenderPutOffAndRefused: a 451 puts the message off and it goes out
// later, once; a 550 refuses it for good.
func TestSenderPutOffAndRefused(t *testing.T) {
	mp := mailpittest.Start(t)
	o := newOutbox(t, "later@example.org")
	snd := o.sender(t, mp.SMTP, "node-1")
	mp.Fail(451)
	if n, err := snd.SendDue(ctx); err != nil || n != 0 {
		t.Fatalf("sent %d, %v while the server says 451", n, err)
	}
	if c := o.counts(t); c[khabar.MailQueued] != 1 {
		t.Fatalf("after a 451: %v", c)
	}
	mp.Fail(0)
	if n, _ := snd.SendDue(ctx); n != 0 {
		t.Fatal("a put-off message was tried again before its time")
	}
	o.clock.now = o.clock.now.Add(2 * time.Minute)
	if n, err := snd.SendDue(ctx); err != nil || n != 1 {
		t.Fatalf("after the wait: sent %d, %v", n, err)
	}
	mp.Wait("later@example.org", 1, 5*time.Second)

	o2 := newOutbox(t, "never@example.org")
	mp.Fail(550)
	defer mp.Fail(0)
	if n, _ := o2.sender(t, mp.SMTP, "node-1").SendDue(ctx); n != 0 {
		t.Fatal("a refused message counts as sent")
	}
	o2.clock.now = o2.clock.now.Add(24 * time.Hour)
	o2.sender(t, mp.SMTP, "node-1").SendDue(ctx)
	if c := o2.counts(t); c[khabar.MailFailed] != 1 || len(mp.To("never@example.org")) != 0 {
		t.Fatalf("after a 550: %v", c)
	}
}

// TestSenderAtMostOnce: a message whose sender died while handing it over,
// and one whose server went silent after the whole message, are never
// sent again: each may have been accepted.
func TestSenderAtMostOnce(t *testing.T) {
	mp := mailpittest.Start(t)
	o := newOutbox(t, "crash@example.org")
	// A node claims the message and dies before it records the outcome.
	j, err := o.db.ClaimMail(ctx, "dead-node", time.Minute)
	must(t, err)
	if j == nil {
		t.Fatal("nothing to claim")
	}
	o.clock.now = o.clock.now.Add(5 * time.Minute)
	if n, _ := o.sender(t, mp.SMTP, "node-2").SendDue(ctx); n != 0 {
		t.Fatal("a message in the hands of a dead node was sent again")
	}
	if c := o.counts(t); c[khabar.MailUncertain] != 1 || len(mp.To("crash@example.org")) != 0 {
		t.Fatalf("after the crash: %v", c)
	}

	silent := silentServer(t)
	o2 := newOutbox(t, "silent@example.org")
	if n, _ := o2.sender(t, silent, "node-1").SendDue(ctx); n != 0 {
		t.Fatal("a message without the server's answer counts as sent")
	}
	o2.clock.now = o2.clock.now.Add(24 * time.Hour)
	if n, _ := o2.sender(t, mp.SMTP, "node-1").SendDue(ctx); n != 0 {
		t.Fatal("a message that may have been accepted was sent again")
	}
	if c := o2.counts(t); c[khabar.MailUncertain] != 1 {
		t.Fatalf("after the silent server: %v", c)
	}
}

// silentServer speaks SMTP until the end of the message, then hangs up
// without answering: the client cannot know whether it was accepted.
func silentServer(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	must(t, err)
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				r := bufio.NewReader(c)
				io.WriteString(c, "220 silent ESMTP\r\n")
				data := false
				for {
					line, err := r.ReadString('\n')
					if err != nil {
						return
					}
					switch {
					case data && line == ".\r\n":
						return // the message is whole: hang up
					case data:
					case strings.HasPrefix(line, "EHLO"):
						io.WriteString(c, "250 silent\r\n")
					case strings.HasPrefix(line, "DATA"):
						data = true
						io.WriteString(c, "354 go on\r\n")
					default:
						io.WriteString(c, "250 ok\r\n")
					}
				}
			}()
		}
	}()
	return ln.Addr().String()
}

func TestMessageBytes(t *testing.T) {
	m := &newsletter.Message{From: "news@khabar.test", FromName: "«Хабар»", To: "a@example.org", Subject: "Новости дня",
		Date: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC), MessageID: "<x@khabar.test>", Unsubscribe: "https://khabar.test/ru/newsletter/unsubscribe?t=abc",
		ListID: "«Хабар» <ru.newsletter.khabar.test>", Text: "Строка\nвторая", HTML: "<p>Строка</p>"}
	b, err := m.Bytes()
	must(t, err)
	s := string(b)
	for _, want := range []string{"List-Unsubscribe: <https://khabar.test/ru/newsletter/unsubscribe?t=abc>\r\n",
		"List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n", "Subject: =?utf-8?b?", "multipart/alternative", "text/plain; charset=utf-8", "text/html; charset=utf-8"} {
		if !strings.Contains(s, want) {
			t.Errorf("message lacks %q:\n%s", want, s)
		}
	}
	if strings.Contains(strings.ReplaceAll(s, "\r\n", ""), "\n") {
		t.Error("a line ends without CR")
	}
}

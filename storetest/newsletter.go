package storetest

import (
	"testing"
	"time"

	"github.com/khabarnews/khabar"
)

// testNewsletter covers subscribers, issues and the outbox: an issue is
// queued once per confirmed subscriber, each message is claimed by one
// node, a reader who unsubscribed gets nothing still queued, and a message
// whose sender died while sending is never sent again.
func testNewsletter(t *testing.T, open Opener) {
	clock := newClock()
	s := open(t, clock.Now)
	sub := func(email, lang string, st khabar.SubscriberStatus) *khabar.Subscriber {
		t.Helper()
		x := &khabar.Subscriber{Email: email, Lang: lang, Status: st, Token: "tok-" + email + "-" + lang,
			Consent: "I want the newsletter", ConsentAt: clock.now}
		must(t, s.CreateSubscriber(ctx, x))
		return x
	}
	nadia := sub("nadia@example.org", "ar", khabar.SubscriberConfirmed)
	omar := sub("omar@example.org", "ar", khabar.SubscriberConfirmed)
	pending := sub("new@example.org", "ar", khabar.SubscriberPending)
	sub("nadia@example.org", "ru", khabar.SubscriberConfirmed) // another language, another subscriber

	t.Run("Subscribers", func(t *testing.T) {
		dup := &khabar.Subscriber{Email: "Nadia@EXAMPLE.org", Lang: "ar", Status: khabar.SubscriberPending, Token: "other"}
		wantCode(t, s.CreateSubscriber(ctx, dup), khabar.EConflict)
		got, err := s.SubscriberByEmail(ctx, "NADIA@example.org", "ar")
		must(t, err)
		if got.ID != nadia.ID || got.Email != "nadia@example.org" || got.Consent != "I want the newsletter" || !got.ConsentAt.Equal(clock.now) {
			t.Fatalf("by address: %+v", got)
		}
		byToken, err := s.SubscriberByToken(ctx, pending.Token)
		must(t, err)
		if byToken.ID != pending.ID {
			t.Fatalf("by token: %+v", byToken)
		}
		_, err = s.SubscriberByToken(ctx, "")
		wantCode(t, err, khabar.ENotFound)
		list, total, err := s.Subscribers(ctx, khabar.SubscriberFilter{Lang: "ar", Query: "_"})
		must(t, err)
		if total != 0 || len(list) != 0 {
			t.Errorf("a LIKE wildcard in the query matched %d", total)
		}
		list, total, err = s.Subscribers(ctx, khabar.SubscriberFilter{Lang: "ar", Status: khabar.SubscriberConfirmed, Limit: 1})
		must(t, err)
		if total != 2 || len(list) != 1 || list[0].ID != nadia.ID {
			t.Errorf("confirmed Arabic subscribers: %d, %+v", total, list)
		}
		counts, err := s.SubscriberCounts(ctx)
		must(t, err)
		if counts["ar"][khabar.SubscriberConfirmed] != 2 || counts["ar"][khabar.SubscriberPending] != 1 || counts["ru"][khabar.SubscriberConfirmed] != 1 {
			t.Errorf("counts = %v", counts)
		}
		must(t, s.SaveNewsletter(ctx, khabar.Newsletter{Lang: "ar", Daily: true, DailyHour: 7}))
		must(t, s.SaveNewsletter(ctx, khabar.Newsletter{Lang: "ar", Daily: true, DailyHour: 8}))
		wantCode(t, s.SaveNewsletter(ctx, khabar.Newsletter{Lang: "ar", DailyHour: 24}), khabar.EInvalid)
		ns, err := s.Newsletters(ctx)
		must(t, err)
		if len(ns) != 1 || !ns[0].Daily || ns[0].DailyHour != 8 {
			t.Errorf("newsletters = %+v", ns)
		}
	})

	issue := &khabar.Issue{Lang: "ar", Kind: khabar.IssueDigest, Subject: "موجز اليوم", CreatedBy: 1,
		Stories: []khabar.IssueStory{{StoryID: 1, Title: "عنوان", Path: "/ar/news/1-x", PublishedAt: clock.now}}}
	t.Run("Issues", func(t *testing.T) {
		must(t, s.QueueConfirm(ctx, pending.ID))
		must(t, s.CreateIssue(ctx, issue))
		n, err := s.QueueIssue(ctx, issue.ID)
		must(t, err)
		if n != 2 {
			t.Fatalf("queued %d messages, want one per confirmed Arabic subscriber", n)
		}
		if n, _ := s.QueueIssue(ctx, issue.ID); n != 0 {
			t.Fatalf("queueing the issue again added %d messages", n)
		}
		daily := &khabar.Issue{Lang: "ar", Kind: khabar.IssueDaily, Subject: "x", Day: "2023-12-26"}
		must(t, s.CreateIssue(ctx, daily))
		wantCode(t, s.CreateIssue(ctx, &khabar.Issue{Lang: "ar", Kind: khabar.IssueDaily, Subject: "y", Day: "2023-12-26"}), khabar.EConflict)
		wantCode(t, s.CreateIssue(ctx, &khabar.Issue{Lang: "ar", Kind: "weekly"}), khabar.EInvalid)
		last, err := s.LastIssue(ctx, "ar", khabar.IssueDaily)
		must(t, err)
		if last.ID != daily.ID || last.Day != "2023-12-26" {
			t.Errorf("last daily = %+v", last)
		}
		got, err := s.Issue(ctx, issue.ID)
		must(t, err)
		if got.Subject != "موجز اليوم" || len(got.Stories) != 1 || got.Stories[0].Path != "/ar/news/1-x" || got.Counts[khabar.MailQueued] != 2 {
			t.Errorf("issue = %+v", got)
		}
	})

	t.Run("Outbox", func(t *testing.T) {
		// Omar unsubscribes before his message leaves: it is skipped.
		omar.Status, omar.UnsubscribedAt = khabar.SubscriberUnsubscribed, clock.now
		must(t, s.UpdateSubscriber(ctx, omar))

		claimed := map[int64]*khabar.MailJob{}
		for range 5 {
			j, err := s.ClaimMail(ctx, "node-a", time.Minute)
			must(t, err)
			if j == nil {
				break
			}
			if claimed[j.ID] != nil {
				t.Fatalf("message %d claimed twice", j.ID)
			}
			claimed[j.ID] = j
		}
		if len(claimed) != 2 {
			t.Fatalf("claimed %d messages, want the confirmation and Nadia's issue", len(claimed))
		}
		var confirm, toNadia *khabar.MailJob
		for _, j := range claimed {
			switch {
			case j.Kind == khabar.MailConfirm && j.Subscriber.ID == pending.ID:
				confirm = j
			case j.Kind == khabar.MailIssue && j.Subscriber.ID == nadia.ID && j.Issue != nil && j.Issue.Subject == "موجز اليوم":
				toNadia = j
			}
		}
		if confirm == nil || toNadia == nil || toNadia.Status != khabar.MailSending || toNadia.Attempts != 1 {
			t.Fatalf("claimed %+v", claimed)
		}
		if j, _ := s.ClaimMail(ctx, "node-b", time.Minute); j != nil {
			t.Fatalf("a claimed message was claimed again: %+v", j)
		}
		// The confirmation is refused for now: it waits and comes back.
		must(t, s.FinishMail(ctx, "node-a", khabar.MailResult{ID: confirm.ID, Status: khabar.MailQueued, NextAt: clock.now.Add(time.Minute), Error: "451 try later"}))
		// A node that lost its claim changes nothing.
		must(t, s.FinishMail(ctx, "node-b", khabar.MailResult{ID: toNadia.ID, Status: khabar.MailSent}))
		// node-a dies while handing Nadia's message over: when its lease
		// runs out the message is uncertain, and is not sent again.
		clock.now = clock.now.Add(2 * time.Minute)
		again, err := s.ClaimMail(ctx, "node-b", time.Minute)
		must(t, err)
		if again == nil || again.ID != confirm.ID || again.Attempts != 2 {
			t.Fatalf("after the wait, claimed %+v; want the confirmation again", again)
		}
		must(t, s.FinishMail(ctx, "node-b", khabar.MailResult{ID: again.ID, Status: khabar.MailSent}))
		if j, _ := s.ClaimMail(ctx, "node-b", time.Minute); j != nil {
			t.Fatalf("claimed %+v; the outbox should be done", j)
		}
		got, err := s.Issue(ctx, issue.ID)
		must(t, err)
		if got.Counts[khabar.MailUncertain] != 1 || got.Counts[khabar.MailSkipped] != 1 || got.Counts[khabar.MailSent] != 0 {
			t.Errorf("counts = %v", got.Counts)
		}
		wantCode(t, s.DeleteSubscriber(ctx, nadia.ID), "")
		wantCode(t, s.DeleteSubscriber(ctx, nadia.ID), khabar.ENotFound)
		got, err = s.Issue(ctx, issue.ID)
		must(t, err)
		if got.Counts[khabar.MailUncertain] != 0 {
			t.Errorf("a deleted subscriber's messages are kept: %v", got.Counts)
		}
	})
}

package newsroom_test

import (
	"sync"
	"testing"
	"time"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/newsroom"
)

func (e *env) publishedStory(t *testing.T, l, title string) *khabar.Story {
	t.Helper()
	st, v, err := e.svc.CreateStory(ctx, e.editor, newsroom.StoryInput{}, newsroom.VersionInput{Lang: l, Title: title, Body: "<p>نص.</p>"})
	must(t, err)
	_, err = e.svc.Transition(ctx, e.editor, st.ID, l, khabar.StatusPublished, time.Time{}, v.Revision)
	must(t, err)
	return st
}

func (e *env) confirmed(t *testing.T, email, l string) *khabar.Subscriber {
	t.Helper()
	must(t, e.svc.Subscribe(ctx, newsroom.SubscribeInput{Email: email, Lang: l, Consent: "نعم", Agreed: true}))
	sub, err := e.store.SubscriberByEmail(ctx, email, l)
	must(t, err)
	_, err = e.svc.ConfirmSubscription(ctx, sub.Token)
	must(t, err)
	return sub
}

func TestSubscriptionSteps(t *testing.T) {
	e := newEnv(t)
	must(t, e.svc.Subscribe(ctx, newsroom.SubscribeInput{Email: "r@example.org", Lang: "ar", Consent: "أرغب", Agreed: true}))
	code(t, e.svc.Subscribe(ctx, newsroom.SubscribeInput{Email: "r@example.org", Lang: "xx", Consent: "x", Agreed: true}), khabar.EInvalid)
	code(t, e.svc.Subscribe(ctx, newsroom.SubscribeInput{Email: "r@example.org", Lang: "ar", Consent: "أرغب"}), khabar.EInvalid)
	sub, err := e.store.SubscriberByEmail(ctx, "r@example.org", "ar")
	must(t, err)
	if sub.Status != khabar.SubscriberPending || sub.Consent != "أرغب" || !sub.ConsentAt.Equal(e.clock.now) {
		t.Fatalf("after subscribing: %+v", sub)
	}
	// The form sent again at once queues no second confirmation; later it
	// does.
	must(t, e.svc.Subscribe(ctx, newsroom.SubscribeInput{Email: "r@example.org", Lang: "ar", Consent: "أرغب", Agreed: true}))
	e.clock.now = e.clock.now.Add(11 * time.Minute)
	must(t, e.svc.Subscribe(ctx, newsroom.SubscribeInput{Email: "R@EXAMPLE.org", Lang: "ar", Consent: "أرغب", Agreed: true}))
	confirms := 0
	for {
		j, err := e.store.ClaimMail(ctx, "n", time.Minute)
		must(t, err)
		if j == nil {
			break
		}
		confirms++
	}
	if confirms != 2 {
		t.Errorf("%d confirmations queued, want 2 (one per ten minutes)", confirms)
	}
	_, err = e.svc.ConfirmSubscription(ctx, "forged")
	code(t, err, khabar.ENotFound)
	got, err := e.svc.ConfirmSubscription(ctx, sub.Token)
	must(t, err)
	if got.Status != khabar.SubscriberConfirmed || got.ConfirmedAt.IsZero() {
		t.Fatalf("after confirming: %+v", got)
	}
	if _, err := e.svc.Unsubscribe(ctx, sub.Token); err != nil {
		t.Fatal(err)
	}
	_, err = e.svc.ConfirmSubscription(ctx, sub.Token)
	code(t, err, khabar.ENotFound) // an old confirmation link does not undo the unsubscription
	log, _, err := e.store.AuditLog(ctx, khabar.AuditFilter{Object: "subscriber/", Limit: 10})
	must(t, err)
	for _, a := range []string{"subscriber.subscribe", "subscriber.confirm", "subscriber.unsubscribe"} {
		if !hasAudit(log, a) {
			t.Errorf("no %s in the audit log", a)
		}
	}
	for _, a := range log {
		if a.Detail == "r@example.org" || a.Object == "r@example.org" {
			t.Errorf("the audit log keeps the address: %+v", a)
		}
	}

	_, err = e.svc.ExportSubscribers(ctx, e.editor, khabar.SubscriberFilter{})
	code(t, err, khabar.EForbidden)
	list, err := e.svc.ExportSubscribers(ctx, e.admin, khabar.SubscriberFilter{Lang: "ar"})
	must(t, err)
	if len(list) != 1 || list[0].Consent != "أرغب" {
		t.Fatalf("export = %+v", list)
	}
	code(t, e.svc.DeleteSubscriber(ctx, e.editor, sub.ID), khabar.EForbidden)
	must(t, e.svc.DeleteSubscriber(ctx, e.admin, sub.ID))
	if _, err := e.store.Subscriber(ctx, sub.ID); !khabar.IsNotFound(err) {
		t.Fatalf("deleted subscriber: %v", err)
	}
}

func TestSendDigest(t *testing.T) {
	e := newEnv(t)
	summit := e.publishedStory(t, "ar", "قمة في موسكو")
	draft, _, err := e.svc.CreateStory(ctx, e.editor, newsroom.StoryInput{}, newsroom.VersionInput{Lang: "ar", Title: "مسودة"})
	must(t, err)
	e.confirmed(t, "a@example.org", "ar")
	e.confirmed(t, "b@example.org", "ru")

	_, _, err = e.svc.SendDigest(ctx, e.author, newsroom.DigestInput{Lang: "ar", StoryIDs: []int64{summit.ID}})
	code(t, err, khabar.EForbidden)
	_, _, err = e.svc.SendDigest(ctx, e.editor, newsroom.DigestInput{Lang: "ar", StoryIDs: []int64{summit.ID, draft.ID}})
	code(t, err, khabar.EInvalid)
	_, _, err = e.svc.SendDigest(ctx, e.editor, newsroom.DigestInput{Lang: "ar"})
	code(t, err, khabar.EInvalid)
	if list, _ := e.store.Issues(ctx, "ar", 10); len(list) != 0 {
		t.Fatalf("refused digests left issues: %+v", list)
	}
	is, n, err := e.svc.SendDigest(ctx, e.editor, newsroom.DigestInput{Lang: "ar", StoryIDs: []int64{summit.ID}, Subject: " موجز "})
	must(t, err)
	if n != 1 || is.Subject != "موجز" || len(is.Stories) != 1 || is.Stories[0].Title != "قمة في موسكو" {
		t.Fatalf("digest = %+v, %d queued", is, n)
	}
}

// TestDailyDigestOnce: the daily issue is made once a day at its hour,
// with the day's stories, however many nodes try at once.
func TestDailyDigestOnce(t *testing.T) {
	e := newEnv(t)
	e.clock.now = time.Date(2026, 11, 28, 5, 0, 0, 0, time.UTC)
	e.publishedStory(t, "ru", "Утренняя сводка")
	e.confirmed(t, "r@example.org", "ru")
	code(t, e.svc.SaveNewsletter(ctx, e.editor, khabar.Newsletter{Lang: "ru", Daily: true, DailyHour: 7}), khabar.EForbidden)
	code(t, e.svc.SaveNewsletter(ctx, e.admin, khabar.Newsletter{Lang: "ru", Daily: true, DailyHour: 25}), khabar.EInvalid)
	must(t, e.svc.SaveNewsletter(ctx, e.admin, khabar.Newsletter{Lang: "ru", Daily: true, DailyHour: 7}))
	if n, err := e.svc.DailyDigestsDue(ctx); err != nil || n != 0 {
		t.Fatalf("before its hour: %d, %v", n, err)
	}
	e.clock.now = e.clock.now.Add(2 * time.Hour)
	var wg sync.WaitGroup
	made := make(chan int, 4)
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			n, err := e.svc.DailyDigestsDue(ctx)
			if err != nil {
				t.Error(err)
			}
			made <- n
		}()
	}
	wg.Wait()
	close(made)
	total := 0
	for n := range made {
		total += n
	}
	issues, err := e.store.Issues(ctx, "ru", 10)
	must(t, err)
	if total != 1 || len(issues) != 1 || issues[0].Day != "2026-11-28" || len(issues[0].Stories) != 1 || issues[0].Counts[khabar.MailQueued] != 1 {
		t.Fatalf("made %d; issues %+v", total, issues)
	}
	e.clock.now = e.clock.now.Add(time.Hour)
	if n, _ := e.svc.DailyDigestsDue(ctx); n != 0 {
		t.Fatal("a second daily issue the same day")
	}
	// Next day: nothing new was published, so the issue is made but sends
	// nothing.
	e.clock.now = e.clock.now.Add(24 * time.Hour)
	if n, _ := e.svc.DailyDigestsDue(ctx); n != 1 {
		t.Fatal("no daily issue the next day")
	}
	issues, _ = e.store.Issues(ctx, "ru", 10)
	if len(issues[0].Stories) != 0 || len(issues[0].Counts) != 0 {
		t.Errorf("a day without news: %+v", issues[0])
	}
}

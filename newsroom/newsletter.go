package newsroom

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/auth"
)

// Newsletters: a reader's subscription (asked on the site, confirmed from
// the mailbox, ended by one click), the newsroom's digests, and the
// subscribers' data, which is theirs: exported and deleted on request.
// The readers' own steps are recorded in the audit log as the system's,
// without their address.

// confirmEvery is how soon a second confirmation may go to an address that
// has not confirmed yet: a form sent again and again must not flood a
// mailbox.
const confirmEvery = 10 * time.Minute

// SubscribeInput is a reader's request to receive a language's newsletter.
type SubscribeInput struct {
	Email string
	Lang  string
	// Consent is the text the reader agreed to, as the form showed it;
	// Agreed is whether they ticked it.
	Consent string
	Agreed  bool
}

// Subscribe records a reader's request and queues the confirmation email
// (double opt-in). Whatever the address's state, the answer is the same,
// so that the form does not tell who subscribes: an address already
// confirmed gets nothing, one waiting for its confirmation gets another
// after confirmEvery.
func (s *Service) Subscribe(ctx context.Context, in SubscribeInput) error {
	email, err := khabar.NormalizeEmail(in.Email)
	if err != nil {
		return err
	}
	consent := khabar.CleanLine(in.Consent)
	if !in.Agreed || !khabar.Visible(consent) {
		return khabar.Invalid("consent", "err.newsletter.consent")
	}
	return s.change(ctx, nil, func(ctx context.Context) ([]entry, error) {
		settings, err := s.store.Settings(ctx)
		if err != nil {
			return nil, err
		}
		if !settings.HasLang(in.Lang) {
			return nil, khabar.Invalid("lang", "err.lang.unknown", "lang", in.Lang)
		}
		now := s.now()
		sub, err := s.store.SubscriberByEmail(ctx, email, in.Lang)
		switch {
		case khabar.IsNotFound(err):
			token, err := auth.NewToken("")
			if err != nil {
				return nil, err
			}
			sub = &khabar.Subscriber{Email: email, Lang: in.Lang, Status: khabar.SubscriberPending, Token: token}
		case err != nil:
			return nil, err
		case sub.Status == khabar.SubscriberConfirmed:
			return nil, nil
		case sub.Status == khabar.SubscriberPending && now.Sub(sub.ConfirmSentAt) < confirmEvery:
			return nil, nil
		}
		sub.Status, sub.Consent, sub.ConsentAt, sub.ConfirmSentAt = khabar.SubscriberPending, consent, now, now
		if sub.ID == 0 {
			err = s.store.CreateSubscriber(ctx, sub)
		} else {
			err = s.store.UpdateSubscriber(ctx, sub)
		}
		if err != nil {
			return nil, err
		}
		if err := s.store.QueueConfirm(ctx, sub.ID); err != nil {
			return nil, err
		}
		return []entry{{action: "subscriber.subscribe", object: object("subscriber", sub.ID), detail: sub.Lang}}, nil
	})
}

// ConfirmSubscription confirms the subscription whose token a reader
// brought from the confirmation email. Confirming twice is harmless; a
// subscription ended since needs a new request (and new consent).
func (s *Service) ConfirmSubscription(ctx context.Context, token string) (*khabar.Subscriber, error) {
	var sub *khabar.Subscriber
	err := s.change(ctx, nil, func(ctx context.Context) ([]entry, error) {
		var err error
		if sub, err = s.store.SubscriberByToken(ctx, token); err != nil {
			return nil, khabar.NotFound("err.subscriber.link")
		}
		switch sub.Status {
		case khabar.SubscriberConfirmed:
			return nil, nil
		case khabar.SubscriberUnsubscribed:
			return nil, khabar.NotFound("err.subscriber.link")
		}
		sub.Status, sub.ConfirmedAt = khabar.SubscriberConfirmed, s.now()
		return []entry{{action: "subscriber.confirm", object: object("subscriber", sub.ID), detail: sub.Lang}}, s.store.UpdateSubscriber(ctx, sub)
	})
	if err != nil {
		return nil, err
	}
	return sub, nil
}

// SubscriptionByToken returns the subscription a link's token names, for
// the pages that confirm and end it.
func (s *Service) SubscriptionByToken(ctx context.Context, token string) (*khabar.Subscriber, error) {
	sub, err := s.store.SubscriberByToken(ctx, token)
	if khabar.IsNotFound(err) {
		return nil, khabar.NotFound("err.subscriber.link")
	}
	return sub, err
}

// Unsubscribe ends the subscription whose token a reader brought (the
// link in every issue, or a mail program's one-click button): nothing
// still queued for it leaves. Unsubscribing twice is harmless.
func (s *Service) Unsubscribe(ctx context.Context, token string) (*khabar.Subscriber, error) {
	var sub *khabar.Subscriber
	err := s.change(ctx, nil, func(ctx context.Context) ([]entry, error) {
		var err error
		if sub, err = s.store.SubscriberByToken(ctx, token); err != nil {
			return nil, khabar.NotFound("err.subscriber.link")
		}
		if sub.Status == khabar.SubscriberUnsubscribed {
			return nil, nil
		}
		sub.Status, sub.UnsubscribedAt = khabar.SubscriberUnsubscribed, s.now()
		return []entry{{action: "subscriber.unsubscribe", object: object("subscriber", sub.ID), detail: sub.Lang}}, s.store.UpdateSubscriber(ctx, sub)
	})
	if err != nil {
		return nil, err
	}
	return sub, nil
}

// ForgetSubscription deletes, at the reader's request, everything kept
// about the subscription whose token they brought.
func (s *Service) ForgetSubscription(ctx context.Context, token string) error {
	return s.one(ctx, nil, func(ctx context.Context) (entry, error) {
		sub, err := s.store.SubscriberByToken(ctx, token)
		if err != nil {
			return entry{}, khabar.NotFound("err.subscriber.link")
		}
		return entry{action: "subscriber.forget", object: object("subscriber", sub.ID), detail: sub.Lang}, s.store.DeleteSubscriber(ctx, sub.ID)
	})
}

// DeleteSubscriber deletes a subscriber and every message to them, for an
// administrator acting on a reader's request.
func (s *Service) DeleteSubscriber(ctx context.Context, actor *khabar.User, id int64) error {
	if err := allow(actor, khabar.ActManageSubscribers, khabar.Target{}); err != nil {
		return err
	}
	return s.one(ctx, actor, func(ctx context.Context) (entry, error) {
		sub, err := s.store.Subscriber(ctx, id)
		if err != nil {
			return entry{}, err
		}
		return entry{action: "subscriber.delete", object: object("subscriber", id), detail: sub.Lang}, s.store.DeleteSubscriber(ctx, id)
	})
}

// ExportSubscribers returns the subscribers a filter selects, with their
// consent, for an administrator; the export is in the audit log.
func (s *Service) ExportSubscribers(ctx context.Context, actor *khabar.User, f khabar.SubscriberFilter) ([]khabar.Subscriber, error) {
	if err := allow(actor, khabar.ActManageSubscribers, khabar.Target{}); err != nil {
		return nil, err
	}
	var list []khabar.Subscriber
	err := s.one(ctx, actor, func(ctx context.Context) (entry, error) {
		var err error
		f.Limit, f.Offset = 0, 0
		if list, _, err = s.store.Subscribers(ctx, f); err != nil {
			return entry{}, err
		}
		what := strings.TrimSpace(f.Lang + " " + string(f.Status))
		return entry{action: "subscribers.export", object: "subscribers", detail: strconv.Itoa(len(list)) + " " + what}, nil
	})
	return list, err
}

// SaveNewsletter sets whether a language's daily digest goes out, and at
// which hour of the site's time zone.
func (s *Service) SaveNewsletter(ctx context.Context, actor *khabar.User, n khabar.Newsletter) error {
	if err := allow(actor, khabar.ActManageChannels, khabar.Target{}); err != nil {
		return err
	}
	return s.one(ctx, actor, func(ctx context.Context) (entry, error) {
		settings, err := s.store.Settings(ctx)
		if err != nil {
			return entry{}, err
		}
		if !settings.HasLang(n.Lang) {
			return entry{}, khabar.Invalid("lang", "err.lang.unknown", "lang", n.Lang)
		}
		if n.DailyHour < 0 || n.DailyHour > 23 {
			return entry{}, khabar.Invalid("daily_hour", "err.newsletter.hour")
		}
		detail := "daily off"
		if n.Daily {
			detail = "daily at " + strconv.Itoa(n.DailyHour) + ":00"
		}
		return entry{action: "newsletter.settings", object: "newsletter/" + n.Lang, detail: detail}, s.store.SaveNewsletter(ctx, n)
	})
}

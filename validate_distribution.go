package khabar

// Validate checks a subscriber as an archive brings it back: an address
// as NormalizeEmail keeps it, a known state, the token of its links and
// the consent it gave.
func (s *Subscriber) Validate() error {
	email, err := NormalizeEmail(s.Email)
	if err != nil {
		return err
	}
	if email != s.Email {
		return Invalid("email", "err.email.invalid")
	}
	if s.Lang == "" {
		return Invalid("lang", "err.lang.unknown", "lang", s.Lang)
	}
	switch s.Status {
	case SubscriberPending, SubscriberConfirmed, SubscriberUnsubscribed:
	default:
		return Invalid("status", "err.subscriber.status")
	}
	if s.Token == "" || len(s.Token) > 128 || checkText("token", s.Token) != nil {
		return Invalid("token", "err.subscriber.token")
	}
	if !Visible(s.Consent) || s.ConsentAt.IsZero() || checkText("consent", s.Consent) != nil {
		return Invalid("consent", "err.subscriber.consent")
	}
	if s.Status == SubscriberConfirmed && s.ConfirmedAt.IsZero() {
		return Invalid("confirmed_at", "err.subscriber.status")
	}
	return nil
}

// Validate checks a newsletter's settings.
func (n Newsletter) Validate() error {
	if n.Lang == "" || n.DailyHour < 0 || n.DailyHour > 23 {
		return Invalid("daily_hour", "err.newsletter.hour")
	}
	return nil
}

// Validate checks a channel post as an archive brings it back.
func (p *ChannelPost) Validate() error {
	if p.StoryID <= 0 || p.Lang == "" || p.ChatID == "" || p.MessageID < 0 || p.Revision < 0 || p.PostedRevision < 0 {
		return Invalid("channel_post", "err.channel.post")
	}
	if err := (Channel{Lang: p.Lang, ChatID: p.ChatID}).Validate(); err != nil {
		return err
	}
	okWant := p.Want == WantPost || p.Want == WantDelete
	okState := false
	switch p.State {
	case PostQueued, PostSending, PostPosted, PostDeleted, PostUncertain, PostFailed:
		okState = true
	}
	okOp := p.Op == "" || p.Op == OpPost || p.Op == OpEdit || p.Op == OpDelete
	if !okWant || !okState || !okOp {
		return Invalid("channel_post", "err.channel.post")
	}
	return nil
}

package newsletter

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/khabarnews/khabar"
)

// Mailer hands a message to a mail server; *SMTP is one. An error should
// be a *SendError that says whether the message may have been taken.
type Mailer interface {
	Send(ctx context.Context, from, to string, msg []byte) error
}

// Sender sends the outbox's messages. Each is claimed and marked sending
// in the database before it is handed to the mail server, and marked sent
// once the server accepted it, so a message is sent at most once: if this
// node dies in between, the message becomes uncertain and is never sent
// again (a reader never gets an issue twice; a message in flight at the
// moment of a crash may be lost). A stop by the operator waits for the
// message in flight to be handed over.
type Sender struct {
	Queue    khabar.MailQueue
	Settings khabar.SettingsService
	Mailer   Mailer
	Composer *Composer
	// Node names this process in the claims it makes.
	Node string
	// Timeout bounds one message; the claim lasts longer.
	Timeout time.Duration
	// MaxAttempts is how often a message the server put off (4xx, no
	// connection) is tried before it counts as failed (default 8).
	MaxAttempts int
	Now         khabar.Clock
	Log         *slog.Logger
}

func (s *Sender) timeout() time.Duration {
	if s.Timeout > 0 {
		return s.Timeout
	}
	return time.Minute
}

func (s *Sender) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

func (s *Sender) log() *slog.Logger {
	if s.Log != nil {
		return s.Log
	}
	return slog.Default()
}

// SendDue sends the messages that are due until none is or ctx ends, and
// returns how many the server accepted.
func (s *Sender) SendDue(ctx context.Context) (int, error) {
	sent := 0
	for ctx.Err() == nil {
		j, err := s.Queue.ClaimMail(ctx, s.Node, 2*s.timeout()+time.Minute)
		if err != nil || j == nil {
			return sent, err
		}
		// Once claimed, the message is handed over and its outcome
		// recorded even if the node is being stopped: a stop in the
		// middle would leave it uncertain.
		r := s.send(context.WithoutCancel(ctx), j)
		if err := s.Queue.FinishMail(context.WithoutCancel(ctx), s.Node, r); err != nil {
			return sent, err
		}
		if r.Status == khabar.MailSent {
			sent++
		}
	}
	return sent, nil
}

// send makes and sends one message and says what became of it.
func (s *Sender) send(ctx context.Context, j *khabar.MailJob) khabar.MailResult {
	r := khabar.MailResult{ID: j.ID}
	st, err := s.Settings.Settings(ctx)
	if err != nil {
		return s.later(j, r, err)
	}
	m, err := s.Composer.Compose(j, st, s.now())
	if err != nil {
		r.Status, r.Error = khabar.MailFailed, err.Error()
		return r
	}
	data, err := m.Bytes()
	if err != nil {
		r.Status, r.Error = khabar.MailFailed, err.Error()
		return r
	}
	ctx, cancel := context.WithTimeout(ctx, s.timeout())
	defer cancel()
	err = s.Mailer.Send(ctx, m.From, m.To, data)
	if err == nil {
		r.Status = khabar.MailSent
		return r
	}
	var se *SendError
	switch {
	case errors.As(err, &se) && se.Outcome == Refused:
		r.Status, r.Error = khabar.MailFailed, err.Error()
		s.log().Warn("the mail server refused a message", "message", j.ID, "kind", j.Kind, "err", err)
	case errors.As(err, &se) && se.Outcome == NotSent:
		return s.later(j, r, err)
	default:
		r.Status, r.Error = khabar.MailUncertain, err.Error()
		s.log().Warn("a message may or may not have been accepted; it is not sent again", "message", j.ID, "err", err)
	}
	return r
}

// later puts a message back for another try, later each time, until it has
// had its attempts.
func (s *Sender) later(j *khabar.MailJob, r khabar.MailResult, err error) khabar.MailResult {
	most := s.MaxAttempts
	if most <= 0 {
		most = 8
	}
	r.Error = err.Error()
	if j.Attempts >= most {
		r.Status = khabar.MailFailed
		s.log().Warn("a message failed after its last attempt", "message", j.ID, "attempts", j.Attempts, "err", err)
		return r
	}
	wait := time.Minute << min(j.Attempts-1, 6) // 1, 2, 4 … 64 minutes
	r.Status, r.NextAt = khabar.MailQueued, s.now().Add(wait)
	s.log().Info("a message waits for another try", "message", j.ID, "attempt", j.Attempts, "next", r.NextAt, "err", err)
	return r
}

// Run sends what is due every interval until ctx ends.
func (s *Sender) Run(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if n, err := s.SendDue(ctx); err != nil && ctx.Err() == nil {
			s.log().Error("sending the newsletters", "err", err)
		} else if n > 0 {
			s.log().Info("newsletter messages sent", "messages", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

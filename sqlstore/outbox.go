package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/khabarnews/khabar"
)

// The mail outbox. A message is claimed and marked sending in one
// committed transaction before it is handed to the mail server: a sender
// that dies after that leaves it sending, and when its claim runs out it
// becomes uncertain instead of being sent again. Each message is sent at
// most once; what may be lost is a message in flight when a node dies.

// ClaimMail implements khabar.MailQueue.
func (db *DB) ClaimMail(ctx context.Context, node string, lease time.Duration) (*khabar.MailJob, error) {
	var job *khabar.MailJob
	err := db.inQuietTx(ctx, func(tx *sql.Tx) error {
		now := db.nowMillis()
		_, err := tx.ExecContext(ctx, db.q(`UPDATE mail_outbox SET status = ?, error = ?, lease_node = '', lease_until = 0
			WHERE status = ? AND lease_until < ?`),
			string(khabar.MailUncertain), "the sender stopped while handing it to the mail server", string(khabar.MailSending), now)
		if err != nil {
			return fmt.Errorf("finding lost messages: %w", err)
		}
		for range 100 { // messages to skip are few; bound the loop anyway
			id, err := db.nextMail(ctx, tx, now)
			if errors.Is(err, errNoMail) {
				return nil
			}
			if err != nil {
				return err
			}
			if id == 0 {
				continue // skipped, or another node was first
			}
			job, err = scanMailJob(tx.QueryRowContext(ctx, db.q(`UPDATE mail_outbox SET status = ?, lease_node = ?, lease_until = ?,
				attempts = attempts + 1 WHERE id = ? AND status = ? RETURNING `+mailColumns),
				string(khabar.MailSending), node, now+lease.Milliseconds(), id, string(khabar.MailQueued)))
			if errors.Is(err, sql.ErrNoRows) {
				job = nil
				continue
			}
			if err != nil {
				return fmt.Errorf("claiming a message: %w", err)
			}
			return db.fillMailJob(ctx, tx, job)
		}
		return nil
	})
	return job, err
}

// nextMail returns the next message due, or 0 after skipping one whose
// subscriber is no longer in the state it was meant for (an issue to a
// reader who unsubscribed, a confirmation to one already confirmed).
func (db *DB) nextMail(ctx context.Context, tx *sql.Tx, now int64) (int64, error) {
	var id int64
	var kind string
	var status khabar.SubscriberStatus
	err := tx.QueryRowContext(ctx, db.q(`SELECT m.id, m.kind, s.status FROM mail_outbox m JOIN subscribers s ON s.id = m.subscriber_id
		WHERE m.status = ? AND m.next_at <= ? ORDER BY m.next_at, m.id LIMIT 1`), string(khabar.MailQueued), now).Scan(&id, &kind, &status)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, errNoMail
	}
	if err != nil {
		return 0, fmt.Errorf("finding a message to send: %w", err)
	}
	if (kind == khabar.MailIssue && status == khabar.SubscriberConfirmed) || (kind == khabar.MailConfirm && status == khabar.SubscriberPending) {
		return id, nil
	}
	_, err = tx.ExecContext(ctx, db.q(`UPDATE mail_outbox SET status = ? WHERE id = ? AND status = ?`),
		string(khabar.MailSkipped), id, string(khabar.MailQueued))
	if err != nil {
		return 0, fmt.Errorf("skipping a message: %w", err)
	}
	return 0, nil
}

const mailColumns = `id, kind, subscriber_id, COALESCE(issue_id, 0), status, attempts, next_at, sent_at, error`

func scanMailJob(r rowScanner) (*khabar.MailJob, error) {
	var j khabar.MailJob
	var next, sent int64
	if err := r.Scan(&j.ID, &j.Kind, &j.SubscriberID, &j.IssueID, &j.Status, &j.Attempts, &next, &sent, &j.Error); err != nil {
		return nil, err
	}
	j.NextAt, j.SentAt = millisTime(next), millisTime(sent)
	return &j, nil
}

// fillMailJob reads what a message is made from.
func (db *DB) fillMailJob(ctx context.Context, tx *sql.Tx, j *khabar.MailJob) error {
	var err error
	j.Subscriber, err = scanSubscriber(tx.QueryRowContext(ctx, db.q(`SELECT `+subscriberColumns+` FROM subscribers WHERE id = ?`), j.SubscriberID))
	if err != nil {
		return fmt.Errorf("reading a message's subscriber: %w", err)
	}
	if j.IssueID != 0 {
		j.Issue, err = scanIssue(tx.QueryRowContext(ctx, db.q(`SELECT `+issueColumns+` FROM newsletter_issues WHERE id = ?`), j.IssueID))
		if err != nil {
			return fmt.Errorf("reading a message's issue: %w", err)
		}
	}
	return nil
}

// FinishMail implements khabar.MailQueue.
func (db *DB) FinishMail(ctx context.Context, node string, r khabar.MailResult) error {
	switch r.Status {
	case khabar.MailSent, khabar.MailFailed, khabar.MailUncertain, khabar.MailQueued:
	default:
		return fmt.Errorf("finishing a message: status %q", r.Status)
	}
	return db.inQuietTx(ctx, func(tx *sql.Tx) error {
		var sent int64
		if r.Status == khabar.MailSent {
			sent = db.nowMillis()
		}
		_, err := tx.ExecContext(ctx, db.q(`UPDATE mail_outbox SET status = ?, next_at = ?, error = ?, sent_at = ?, lease_node = '', lease_until = 0
			WHERE id = ? AND lease_node = ? AND status = ?`),
			string(r.Status), timeMillis(r.NextAt), r.Error, sent, r.ID, node, string(khabar.MailSending))
		if err != nil {
			return fmt.Errorf("finishing a message: %w", err)
		}
		return nil
	})
}

var errNoMail = errors.New("no mail due")

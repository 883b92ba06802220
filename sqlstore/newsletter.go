package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/khabarnews/khabar"
)

// Subscribers, the newsletters' settings and issues. Nothing here is on a
// public page of the site: the writes are quiet.

const subscriberColumns = `id, email, lang, status, token, consent, consent_at, confirmed_at, unsubscribed_at, confirm_sent_at`

func scanSubscriber(r rowScanner) (*khabar.Subscriber, error) {
	var s khabar.Subscriber
	var consent, confirmed, unsub, sent int64
	if err := r.Scan(&s.ID, &s.Email, &s.Lang, &s.Status, &s.Token, &s.Consent, &consent, &confirmed, &unsub, &sent); err != nil {
		return nil, err
	}
	s.ConsentAt, s.ConfirmedAt, s.UnsubscribedAt, s.ConfirmSentAt = millisTime(consent), millisTime(confirmed), millisTime(unsub), millisTime(sent)
	return &s, nil
}

// emailKey is what two spellings of one address share.
func emailKey(email string) string { return strings.ToLower(email) }

func (db *DB) subscriber(ctx context.Context, where string, args ...any) (*khabar.Subscriber, error) {
	s, err := scanSubscriber(db.conn(ctx).QueryRowContext(ctx, db.q(`SELECT `+subscriberColumns+` FROM subscribers WHERE `+where), args...))
	if err != nil {
		return nil, notFound(err, "err.subscriber.not_found")
	}
	return s, nil
}

// Subscriber implements khabar.NewsletterService.
func (db *DB) Subscriber(ctx context.Context, id int64) (*khabar.Subscriber, error) {
	return db.subscriber(ctx, "id = ?", id)
}

// SubscriberByToken implements khabar.NewsletterService.
func (db *DB) SubscriberByToken(ctx context.Context, token string) (*khabar.Subscriber, error) {
	if token == "" {
		return nil, khabar.NotFound("err.subscriber.not_found")
	}
	return db.subscriber(ctx, "token = ?", token)
}

// SubscriberByEmail implements khabar.NewsletterService.
func (db *DB) SubscriberByEmail(ctx context.Context, email, lang string) (*khabar.Subscriber, error) {
	return db.subscriber(ctx, "email_key = ? AND lang = ?", emailKey(email), lang)
}

// Subscribers implements khabar.NewsletterService.
func (db *DB) Subscribers(ctx context.Context, f khabar.SubscriberFilter) ([]khabar.Subscriber, int, error) {
	conds, args := []string{"1 = 1"}, []any{}
	if f.Lang != "" {
		conds, args = append(conds, "lang = ?"), append(args, f.Lang)
	}
	if f.Status != "" {
		conds, args = append(conds, "status = ?"), append(args, string(f.Status))
	}
	if q := strings.TrimSpace(f.Query); q != "" {
		conds, args = append(conds, `email_key LIKE ? ESCAPE '\'`), append(args, "%"+likeEscape(strings.ToLower(q))+"%")
	}
	where := strings.Join(conds, " AND ")
	var total int
	if err := db.conn(ctx).QueryRowContext(ctx, db.q(`SELECT COUNT(*) FROM subscribers WHERE `+where), args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("counting subscribers: %w", err)
	}
	query := `SELECT ` + subscriberColumns + ` FROM subscribers WHERE ` + where + ` ORDER BY id`
	if f.Limit > 0 {
		query += ` LIMIT ? OFFSET ?`
		args = append(args, f.Limit, max(f.Offset, 0))
	}
	rows, err := db.conn(ctx).QueryContext(ctx, db.q(query), args...)
	if err != nil {
		return nil, 0, fmt.Errorf("listing subscribers: %w", err)
	}
	defer rows.Close()
	var out []khabar.Subscriber
	for rows.Next() {
		s, err := scanSubscriber(rows)
		if err != nil {
			return nil, 0, fmt.Errorf("listing subscribers: %w", err)
		}
		out = append(out, *s)
	}
	return out, total, rows.Err()
}

// SubscriberCounts implements khabar.NewsletterService.
func (db *DB) SubscriberCounts(ctx context.Context) (map[string]map[khabar.SubscriberStatus]int, error) {
	rows, err := db.conn(ctx).QueryContext(ctx, `SELECT lang, status, COUNT(*) FROM subscribers GROUP BY lang, status`)
	if err != nil {
		return nil, fmt.Errorf("counting subscribers: %w", err)
	}
	defer rows.Close()
	out := map[string]map[khabar.SubscriberStatus]int{}
	for rows.Next() {
		var l string
		var st khabar.SubscriberStatus
		var n int
		if err := rows.Scan(&l, &st, &n); err != nil {
			return nil, err
		}
		if out[l] == nil {
			out[l] = map[khabar.SubscriberStatus]int{}
		}
		out[l][st] = n
	}
	return out, rows.Err()
}

// CreateSubscriber implements khabar.Writer.
func (db *DB) CreateSubscriber(ctx context.Context, s *khabar.Subscriber) error {
	if s.Token == "" || s.Lang == "" || s.Status == "" {
		return khabar.Invalid("subscriber", "err.subscriber.incomplete")
	}
	return db.inQuietTx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, db.q(`INSERT INTO subscribers (email, email_key, lang, status, token, consent, consent_at,
			confirmed_at, unsubscribed_at, confirm_sent_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`),
			s.Email, emailKey(s.Email), s.Lang, string(s.Status), s.Token, s.Consent, timeMillis(s.ConsentAt),
			timeMillis(s.ConfirmedAt), timeMillis(s.UnsubscribedAt), timeMillis(s.ConfirmSentAt)).Scan(&s.ID)
		if isUniqueViolation(err) {
			return khabar.Conflict("email", "err.subscriber.exists")
		}
		if err != nil {
			return fmt.Errorf("adding a subscriber: %w", err)
		}
		return nil
	})
}

// UpdateSubscriber implements khabar.Writer.
func (db *DB) UpdateSubscriber(ctx context.Context, s *khabar.Subscriber) error {
	return db.inQuietTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, db.q(`UPDATE subscribers SET status = ?, token = ?, consent = ?, consent_at = ?, confirmed_at = ?,
			unsubscribed_at = ?, confirm_sent_at = ? WHERE id = ?`),
			string(s.Status), s.Token, s.Consent, timeMillis(s.ConsentAt), timeMillis(s.ConfirmedAt), timeMillis(s.UnsubscribedAt),
			timeMillis(s.ConfirmSentAt), s.ID)
		if err != nil {
			return fmt.Errorf("saving a subscriber: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return khabar.NotFound("err.subscriber.not_found")
		}
		return nil
	})
}

// DeleteSubscriber implements khabar.Writer.
func (db *DB) DeleteSubscriber(ctx context.Context, id int64) error {
	return db.inQuietTx(ctx, func(tx *sql.Tx) error {
		// The outbox rows go first: SQLite cascades only with its foreign
		// keys on, and the rows hold the address's messages.
		if _, err := tx.ExecContext(ctx, db.q(`DELETE FROM mail_outbox WHERE subscriber_id = ?`), id); err != nil {
			return fmt.Errorf("deleting a subscriber's messages: %w", err)
		}
		res, err := tx.ExecContext(ctx, db.q(`DELETE FROM subscribers WHERE id = ?`), id)
		if err != nil {
			return fmt.Errorf("deleting a subscriber: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return khabar.NotFound("err.subscriber.not_found")
		}
		return nil
	})
}

// Newsletters implements khabar.NewsletterService.
func (db *DB) Newsletters(ctx context.Context) ([]khabar.Newsletter, error) {
	rows, err := db.conn(ctx).QueryContext(ctx, `SELECT lang, daily, daily_hour FROM newsletters ORDER BY lang`)
	if err != nil {
		return nil, fmt.Errorf("reading newsletters: %w", err)
	}
	defer rows.Close()
	var out []khabar.Newsletter
	for rows.Next() {
		var n khabar.Newsletter
		if err := rows.Scan(&n.Lang, &n.Daily, &n.DailyHour); err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

// SaveNewsletter implements khabar.Writer.
func (db *DB) SaveNewsletter(ctx context.Context, n khabar.Newsletter) error {
	if n.Lang == "" || n.DailyHour < 0 || n.DailyHour > 23 {
		return khabar.Invalid("daily_hour", "err.newsletter.hour")
	}
	return db.inQuietTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, db.q(`INSERT INTO newsletters (lang, daily, daily_hour) VALUES (?, ?, ?)
			ON CONFLICT (lang) DO UPDATE SET daily = excluded.daily, daily_hour = excluded.daily_hour`), n.Lang, n.Daily, n.DailyHour)
		if err != nil {
			return fmt.Errorf("saving a newsletter: %w", err)
		}
		return nil
	})
}

const issueColumns = `id, lang, kind, subject, stories, day, created_at, created_by`

func scanIssue(r rowScanner) (*khabar.Issue, error) {
	var is khabar.Issue
	var stories string
	var created int64
	if err := r.Scan(&is.ID, &is.Lang, &is.Kind, &is.Subject, &stories, &is.Day, &created, &is.CreatedBy); err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(stories), &is.Stories); err != nil {
		return nil, fmt.Errorf("reading the stories of issue %d: %w", is.ID, err)
	}
	is.CreatedAt = millisTime(created)
	return &is, nil
}

// CreateIssue implements khabar.Writer.
func (db *DB) CreateIssue(ctx context.Context, is *khabar.Issue) error {
	if is.Lang == "" || (is.Kind != khabar.IssueDigest && is.Kind != khabar.IssueDaily) || len(is.Stories) > khabar.MaxIssueStories {
		return khabar.Invalid("issue", "err.issue.invalid")
	}
	stories, err := json.Marshal(is.Stories)
	if err != nil {
		return err
	}
	if is.Stories == nil {
		stories = []byte("[]")
	}
	return db.inQuietTx(ctx, func(tx *sql.Tx) error {
		now := db.now()
		err := tx.QueryRowContext(ctx, db.q(`INSERT INTO newsletter_issues (lang, kind, subject, stories, day, created_at, created_by)
			VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`), is.Lang, is.Kind, is.Subject, string(stories), is.Day, now.UnixMilli(), is.CreatedBy).Scan(&is.ID)
		if isUniqueViolation(err) {
			return khabar.Conflict("day", "err.issue.daily_exists")
		}
		if err != nil {
			return fmt.Errorf("creating an issue: %w", err)
		}
		is.CreatedAt = millisTime(now.UnixMilli())
		return nil
	})
}

// Issue implements khabar.NewsletterService.
func (db *DB) Issue(ctx context.Context, id int64) (*khabar.Issue, error) {
	is, err := scanIssue(db.conn(ctx).QueryRowContext(ctx, db.q(`SELECT `+issueColumns+` FROM newsletter_issues WHERE id = ?`), id))
	if err != nil {
		return nil, notFound(err, "err.issue.not_found")
	}
	if is.Counts, err = db.mailCounts(ctx, id); err != nil {
		return nil, err
	}
	return is, nil
}

// LastIssue implements khabar.NewsletterService.
func (db *DB) LastIssue(ctx context.Context, lang, kind string) (*khabar.Issue, error) {
	is, err := scanIssue(db.conn(ctx).QueryRowContext(ctx, db.q(`SELECT `+issueColumns+` FROM newsletter_issues
		WHERE lang = ? AND kind = ? ORDER BY created_at DESC, id DESC LIMIT 1`), lang, kind))
	if err != nil {
		return nil, notFound(err, "err.issue.not_found")
	}
	return is, nil
}

// Issues implements khabar.NewsletterService.
func (db *DB) Issues(ctx context.Context, lang string, limit int) ([]khabar.Issue, error) {
	if limit <= 0 || limit > 200 {
		limit = 20
	}
	rows, err := db.conn(ctx).QueryContext(ctx, db.q(`SELECT `+issueColumns+` FROM newsletter_issues WHERE lang = ?
		ORDER BY created_at DESC, id DESC LIMIT ?`), lang, limit)
	if err != nil {
		return nil, fmt.Errorf("listing issues: %w", err)
	}
	var out []khabar.Issue
	for rows.Next() {
		is, err := scanIssue(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, *is)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i := range out {
		if out[i].Counts, err = db.mailCounts(ctx, out[i].ID); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (db *DB) mailCounts(ctx context.Context, issueID int64) (khabar.MailCounts, error) {
	rows, err := db.conn(ctx).QueryContext(ctx, db.q(`SELECT status, COUNT(*) FROM mail_outbox WHERE issue_id = ? GROUP BY status`), issueID)
	if err != nil {
		return nil, fmt.Errorf("counting an issue's messages: %w", err)
	}
	defer rows.Close()
	out := khabar.MailCounts{}
	for rows.Next() {
		var st khabar.MailStatus
		var n int
		if err := rows.Scan(&st, &n); err != nil {
			return nil, err
		}
		out[st] = n
	}
	return out, rows.Err()
}

// QueueIssue implements khabar.Writer.
func (db *DB) QueueIssue(ctx context.Context, issueID int64) (int, error) {
	var n int64
	err := db.inQuietTx(ctx, func(tx *sql.Tx) error {
		now := db.nowMillis()
		res, err := tx.ExecContext(ctx, db.q(`INSERT INTO mail_outbox (kind, subscriber_id, issue_id, status, next_at, created_at)
			SELECT ?, s.id, i.id, ?, ?, ? FROM newsletter_issues i JOIN subscribers s ON s.lang = i.lang AND s.status = ?
			WHERE i.id = ? ON CONFLICT DO NOTHING`),
			khabar.MailIssue, string(khabar.MailQueued), now, now, string(khabar.SubscriberConfirmed), issueID)
		if err != nil {
			return fmt.Errorf("queueing an issue: %w", err)
		}
		n, _ = res.RowsAffected()
		return nil
	})
	return int(n), err
}

// QueueConfirm implements khabar.Writer.
func (db *DB) QueueConfirm(ctx context.Context, subscriberID int64) error {
	return db.inQuietTx(ctx, func(tx *sql.Tx) error {
		now := db.nowMillis()
		_, err := tx.ExecContext(ctx, db.q(`INSERT INTO mail_outbox (kind, subscriber_id, status, next_at, created_at) VALUES (?, ?, ?, ?, ?)`),
			khabar.MailConfirm, subscriberID, string(khabar.MailQueued), now, now)
		if isForeignKeyViolation(err) {
			return khabar.NotFound("err.subscriber.not_found")
		}
		if err != nil {
			return fmt.Errorf("queueing a confirmation: %w", err)
		}
		return nil
	})
}

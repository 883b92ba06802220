-- Newsletters per language. A subscriber is one address in one language,
-- with the consent it gave (the words shown, and when) and its
-- confirmation from the mailbox (double opt-in). Issues keep their stories
-- as sent. mail_outbox holds every message to send, one row per message
-- and subscriber (an issue reaches a subscriber once: the unique index),
-- claimed by one node (lease_node until lease_until, milliseconds) and
-- marked sending before it is handed to the mail server.
CREATE TABLE subscribers (
    id              INTEGER PRIMARY KEY,
    email           TEXT    NOT NULL,
    email_key       TEXT    NOT NULL,
    lang            TEXT    NOT NULL,
    status          TEXT    NOT NULL,
    token           TEXT    NOT NULL UNIQUE,
    consent         TEXT    NOT NULL,
    consent_at      INTEGER NOT NULL,
    confirmed_at    INTEGER NOT NULL DEFAULT 0,
    unsubscribed_at INTEGER NOT NULL DEFAULT 0,
    confirm_sent_at INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX subscribers_email ON subscribers(email_key, lang);
CREATE INDEX subscribers_lang ON subscribers(lang, status);

CREATE TABLE newsletters (
    lang       TEXT    PRIMARY KEY,
    daily      INTEGER NOT NULL DEFAULT 0,
    daily_hour INTEGER NOT NULL DEFAULT 7
);

CREATE TABLE newsletter_issues (
    id         INTEGER PRIMARY KEY,
    lang       TEXT    NOT NULL,
    kind       TEXT    NOT NULL,
    subject    TEXT    NOT NULL,
    stories    TEXT    NOT NULL,
    day        TEXT    NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,
    created_by INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX newsletter_issues_day ON newsletter_issues(lang, day) WHERE day <> '';
CREATE INDEX newsletter_issues_lang ON newsletter_issues(lang, kind, created_at);

CREATE TABLE mail_outbox (
    id            INTEGER PRIMARY KEY,
    kind          TEXT    NOT NULL,
    subscriber_id INTEGER NOT NULL REFERENCES subscribers(id) ON DELETE CASCADE,
    issue_id      INTEGER REFERENCES newsletter_issues(id),
    status        TEXT    NOT NULL,
    attempts      INTEGER NOT NULL DEFAULT 0,
    next_at       INTEGER NOT NULL,
    lease_node    TEXT    NOT NULL DEFAULT '',
    lease_until   INTEGER NOT NULL DEFAULT 0,
    sent_at       INTEGER NOT NULL DEFAULT 0,
    error         TEXT    NOT NULL DEFAULT '',
    created_at    INTEGER NOT NULL
);
CREATE UNIQUE INDEX mail_outbox_once ON mail_outbox(issue_id, subscriber_id);
CREATE INDEX mail_outbox_due ON mail_outbox(status, next_at);
CREATE INDEX mail_outbox_subscriber ON mail_outbox(subscriber_id);

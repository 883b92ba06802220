-- Telegram channels, one per language, and what each should show of each
-- story: a post to make, to edit, or to delete. A post with something to
-- do is queued; a sender claims it (lease_node until lease_until,
-- milliseconds) and marks what it is doing (op) before it asks Telegram,
-- so that a first post whose sender died is known to be uncertain and is
-- never posted twice.
CREATE TABLE channels (
    lang      TEXT    PRIMARY KEY,
    chat_id   TEXT    NOT NULL,
    auto_post BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE TABLE channel_posts (
    story_id        BIGINT  NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    lang            TEXT    NOT NULL,
    chat_id         TEXT    NOT NULL,
    message_id      BIGINT  NOT NULL DEFAULT 0,
    photo           BOOLEAN NOT NULL DEFAULT FALSE,
    want            TEXT    NOT NULL,
    state           TEXT    NOT NULL,
    op              TEXT    NOT NULL DEFAULT '',
    revision        BIGINT  NOT NULL DEFAULT 0,
    posted_revision BIGINT  NOT NULL DEFAULT 0,
    attempts        BIGINT  NOT NULL DEFAULT 0,
    next_at         BIGINT  NOT NULL DEFAULT 0,
    lease_node      TEXT    NOT NULL DEFAULT '',
    lease_until     BIGINT  NOT NULL DEFAULT 0,
    error           TEXT    NOT NULL DEFAULT '',
    posted_at       BIGINT  NOT NULL DEFAULT 0,
    updated_at      BIGINT  NOT NULL,
    PRIMARY KEY (story_id, lang)
);
CREATE INDEX channel_posts_due ON channel_posts(state, next_at);
CREATE INDEX channel_posts_lang ON channel_posts(lang, updated_at);

-- The newsroom: sessions, the audit log, translation sync and media variants.

CREATE TABLE sessions (
    token_hash TEXT    PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE audit_log (
    id      INTEGER PRIMARY KEY,
    at      INTEGER NOT NULL,
    user_id INTEGER NOT NULL DEFAULT 0,
    action  TEXT    NOT NULL,
    object  TEXT    NOT NULL,
    detail  TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_object ON audit_log(object, id);

-- The revision of the original version a translation was last brought up
-- to date with; a newer original revision means the translation is outdated.
-- The revision at which the title, summary or body last changed: a
-- translation is outdated only when the original's text changed, not when
-- the original was merely published or scheduled.
ALTER TABLE versions ADD COLUMN content_revision INTEGER NOT NULL DEFAULT 0;
UPDATE versions SET content_revision = revision;

ALTER TABLE versions ADD COLUMN synced_revision INTEGER NOT NULL DEFAULT 0;

-- The title folded to lower case by Khabar (SQLite's LOWER knows only
-- ASCII), for the newsroom's title filter.
ALTER TABLE versions ADD COLUMN title_fold TEXT NOT NULL DEFAULT '';
UPDATE versions SET title_fold = LOWER(title);

ALTER TABLE users ADD COLUMN totp_secret TEXT NOT NULL DEFAULT '';
-- The language of the newsroom's own interface, the user's choice.
ALTER TABLE users ADD COLUMN ui_lang TEXT NOT NULL DEFAULT '';

CREATE TABLE media_variants (
    media_id INTEGER NOT NULL REFERENCES media(id) ON DELETE CASCADE,
    name     TEXT    NOT NULL,
    key      TEXT    NOT NULL,
    width    INTEGER NOT NULL,
    height   INTEGER NOT NULL,
    PRIMARY KEY (media_id, name)
);

-- The Admin API: tokens that programs use to act for a user, and a revision
-- on each story's shared fields (section, tags, image, source, authors), so
-- that a change based on an older state is refused instead of overwriting.
CREATE TABLE api_tokens (
    id           INTEGER PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name         TEXT    NOT NULL,
    role         TEXT    NOT NULL,
    prefix       TEXT    NOT NULL,
    token_hash   TEXT    NOT NULL UNIQUE,
    created_at   INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL DEFAULT 0,
    last_used_at INTEGER NOT NULL DEFAULT 0,
    revoked_at   INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX api_tokens_user ON api_tokens(user_id);

ALTER TABLE stories ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;
-- "What changed since": versions by the time they last changed.
CREATE INDEX versions_updated ON versions(updated_at, story_id);

-- The editorial desk: notes that go with workflow moves, updates of a live
-- version that wait beside it for an editor, scheduled unpublishing, the
-- note readers see on a withdrawn article, and corrections.

-- The note of the workflow move that brought a version to its status ("the
-- figures in paragraph 3 need a source"), and who wrote it; every revision
-- keeps the note of its move.
ALTER TABLE versions ADD COLUMN note TEXT NOT NULL DEFAULT '';
ALTER TABLE versions ADD COLUMN note_by INTEGER NOT NULL DEFAULT 0;
ALTER TABLE revisions ADD COLUMN note TEXT NOT NULL DEFAULT '';

-- A change of a published version saved without going live: its text is the
-- revision numbered pending_revision (0: none), made against the original's
-- revision pending_synced.
ALTER TABLE versions ADD COLUMN pending_revision INTEGER NOT NULL DEFAULT 0;
ALTER TABLE versions ADD COLUMN pending_synced INTEGER NOT NULL DEFAULT 0;
ALTER TABLE revisions ADD COLUMN pending INTEGER NOT NULL DEFAULT 0;

-- When the scheduler takes a published version down again (NULL: never).
ALTER TABLE versions ADD COLUMN expires_at INTEGER;
CREATE INDEX versions_expiring ON versions(expires_at) WHERE expires_at IS NOT NULL;

-- What readers of a withdrawn article are told, besides that it was withdrawn.
ALTER TABLE versions ADD COLUMN withdrawal_note TEXT NOT NULL DEFAULT '';

-- Corrections and updates of published versions, shown on the article, in
-- its structured data and in the feeds.
CREATE TABLE corrections (
    id       INTEGER PRIMARY KEY,
    story_id INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    lang     TEXT    NOT NULL,
    kind     TEXT    NOT NULL,
    note     TEXT    NOT NULL,
    at       INTEGER NOT NULL,
    user_id  INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX corrections_version ON corrections(story_id, lang, at);

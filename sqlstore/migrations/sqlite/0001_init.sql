-- Khabar's first schema. Times are Unix milliseconds (UTC); texts that exist
-- per language are JSON objects keyed by language tag.

CREATE TABLE sections (
    id       INTEGER PRIMARY KEY,
    slug     TEXT    NOT NULL UNIQUE,
    names    TEXT    NOT NULL,
    position INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE tags (
    id    INTEGER PRIMARY KEY,
    slug  TEXT NOT NULL UNIQUE,
    names TEXT NOT NULL
);

CREATE TABLE sources (
    id    INTEGER PRIMARY KEY,
    names TEXT NOT NULL,
    url   TEXT NOT NULL DEFAULT ''
);

CREATE TABLE media (
    id         INTEGER PRIMARY KEY,
    key        TEXT    NOT NULL UNIQUE,
    mime       TEXT    NOT NULL,
    width      INTEGER NOT NULL,
    height     INTEGER NOT NULL,
    size       INTEGER NOT NULL,
    credit     TEXT    NOT NULL,
    caption    TEXT    NOT NULL,
    alt        TEXT    NOT NULL,
    created_at INTEGER NOT NULL
);

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    login         TEXT    NOT NULL UNIQUE,
    email         TEXT    NOT NULL DEFAULT '',
    slug          TEXT    NOT NULL UNIQUE,
    names         TEXT    NOT NULL,
    bio           TEXT    NOT NULL,
    role          TEXT    NOT NULL,
    languages     TEXT    NOT NULL,
    password_hash TEXT    NOT NULL DEFAULT '',
    disabled      INTEGER NOT NULL DEFAULT 0,
    created_at    INTEGER NOT NULL
);

CREATE TABLE stories (
    id            INTEGER PRIMARY KEY,
    section_id    INTEGER REFERENCES sections(id),
    lead_media_id INTEGER REFERENCES media(id),
    source_id     INTEGER REFERENCES sources(id),
    original_lang TEXT    NOT NULL,
    featured      INTEGER NOT NULL DEFAULT 0,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
);
CREATE INDEX stories_section ON stories(section_id);

CREATE TABLE story_tags (
    story_id INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    tag_id   INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    PRIMARY KEY (story_id, tag_id)
);
CREATE INDEX story_tags_tag ON story_tags(tag_id, story_id);

CREATE TABLE story_authors (
    story_id INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    user_id  INTEGER NOT NULL REFERENCES users(id),
    position INTEGER NOT NULL,
    PRIMARY KEY (story_id, user_id)
);
CREATE INDEX story_authors_user ON story_authors(user_id, story_id);

-- One row per story and language: the current state of that version.
CREATE TABLE versions (
    story_id     INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    lang         TEXT    NOT NULL,
    title        TEXT    NOT NULL,
    slug         TEXT    NOT NULL,
    summary      TEXT    NOT NULL,
    body         TEXT    NOT NULL,
    status       TEXT    NOT NULL,
    published_at INTEGER,
    updated_at   INTEGER NOT NULL,
    revision     INTEGER NOT NULL,
    PRIMARY KEY (story_id, lang)
);
CREATE INDEX versions_published ON versions(lang, status, published_at DESC);

-- Every save of a version, never deleted.
CREATE TABLE revisions (
    story_id   INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    lang       TEXT    NOT NULL,
    number     INTEGER NOT NULL,
    title      TEXT    NOT NULL,
    slug       TEXT    NOT NULL,
    summary    TEXT    NOT NULL,
    body       TEXT    NOT NULL,
    status     TEXT    NOT NULL,
    user_id    INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (story_id, lang, number)
);

CREATE TABLE pages (
    id       INTEGER PRIMARY KEY,
    key      TEXT    NOT NULL UNIQUE,
    position INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE page_versions (
    page_id    INTEGER NOT NULL REFERENCES pages(id) ON DELETE CASCADE,
    lang       TEXT    NOT NULL,
    title      TEXT    NOT NULL,
    slug       TEXT    NOT NULL,
    body       TEXT    NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (page_id, lang),
    UNIQUE (lang, slug)
);

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- Full-text search. Khabar analyses text in Go (package analysis) and the
-- database only indexes and ranks the terms it is given, so that SQLite and
-- PostgreSQL answer a query alike.

-- One row per language version in the index; its id is the row of
-- search_fts that holds the version's terms. pending marks a version whose
-- terms are not written yet: the versions that existed before this
-- migration (Khabar indexes them, in Go, on the first search) and those
-- waiting for "khabar reindex".
CREATE TABLE search_docs (
    id       INTEGER PRIMARY KEY,
    story_id INTEGER NOT NULL,
    lang     TEXT    NOT NULL,
    pending  INTEGER NOT NULL DEFAULT 0,
    UNIQUE (story_id, lang),
    FOREIGN KEY (story_id, lang) REFERENCES versions (story_id, lang) ON DELETE CASCADE
);
CREATE INDEX search_docs_pending ON search_docs (id) WHERE pending = 1;

-- Oldest first, so that row ids grow with publication, as they do for
-- versions saved from now on.
INSERT INTO search_docs (story_id, lang, pending)
    SELECT story_id, lang, 1 FROM versions ORDER BY COALESCE(published_at, updated_at), story_id, lang;

-- The terms, space-separated. *_terms hold each word's first term (its
-- stem) in order, for phrases; *_alts the word's other forms (the unstemmed
-- word, a second stem), which single words match too. The ascii tokenizer
-- splits on spaces and ASCII punctuation only and folds nothing but ASCII
-- case, which the terms no longer have: it leaves Khabar's terms as they
-- are. The apostrophe is a token character, as in Khabar's English terms
-- (o'neill). No content is stored: snippets are cut from the versions
-- table.
CREATE VIRTUAL TABLE search_fts USING fts5 (
    title_terms, title_alts, body_terms, body_alts,
    content = '', contentless_delete = 1,
    tokenize = "ascii tokenchars ''''"
);

-- Every term the index holds, and in how many versions it was written
-- (counted each time a version is indexed, never decremented: an
-- over-count, good enough for what it serves). Search expands a word being
-- typed into its most frequent completions here, rather than through FTS5
-- prefix queries, which read every posting of every completion; and it
-- estimates from the counts whether ranking a query by bm25 is affordable.
CREATE TABLE search_terms (
    term TEXT    PRIMARY KEY,
    docs INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TRIGGER search_docs_delete AFTER DELETE ON search_docs BEGIN
    DELETE FROM search_fts WHERE rowid = old.id;
END;

-- What a search checks for each candidate, without reading the version row.
CREATE INDEX versions_search ON versions (story_id, lang, status, published_at);

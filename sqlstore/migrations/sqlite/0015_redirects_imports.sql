-- Moving a site in: redirects from the addresses its pages had before (a
-- moved site keeps its links and its search ranking), the records of what
-- each imported item became here (so that importing the same file again
-- updates instead of duplicating), and the site's own identity, which its
-- archives carry.

CREATE TABLE redirects (
    id         INTEGER PRIMARY KEY,
    from_path  TEXT    NOT NULL UNIQUE,
    story_id   INTEGER REFERENCES stories(id) ON DELETE CASCADE,
    page_id    INTEGER REFERENCES pages(id) ON DELETE CASCADE,
    lang       TEXT    NOT NULL DEFAULT '',
    to_url     TEXT    NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL
);
CREATE INDEX redirects_story ON redirects(story_id);

CREATE TABLE import_records (
    source    TEXT    NOT NULL,
    kind      TEXT    NOT NULL,
    source_id TEXT    NOT NULL,
    target_id INTEGER NOT NULL,
    lang      TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (source, kind, source_id)
);

INSERT INTO settings (key, value) VALUES ('site_id', lower(hex(randomblob(16))));

-- Versions a bulk import wrote without their search terms, in the index's
-- order already (pending = 3): IndexSearch writes their terms in large
-- ordered batches, with nothing to move or replace; a search finds them
-- waiting, as it finds those never indexed (pending = 1).
CREATE INDEX search_docs_imported ON search_docs (id) WHERE pending = 3;

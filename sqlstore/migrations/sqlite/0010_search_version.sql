-- Which analyser wrote the search index. Khabar analyses text in Go
-- (package analysis), so an upgrade that changes the analysis leaves the
-- index holding the old terms: at start-up a store whose recorded version
-- is not its own marks every version stale (search_docs.pending = 2) and
-- writes their terms again in the background, while searches go on over
-- the old terms. A database that already holds an index gets the unknown
-- version '' here; one without gets its version when it is first opened.
CREATE TABLE search_meta (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
INSERT INTO search_meta (name, value) SELECT 'analyser', '' WHERE EXISTS (SELECT 1 FROM search_docs);

-- pending = 1: never indexed, a search waits for it; pending = 2: indexed
-- by another analyser, rewritten in the background.
CREATE INDEX search_docs_stale ON search_docs (id) WHERE pending > 0;

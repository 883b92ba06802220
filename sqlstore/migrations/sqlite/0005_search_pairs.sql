-- Phrases found through pairs of adjacent stems: the full-text table of
-- 0003_search.sql gains title_pairs and body_pairs, each two adjacent stems
-- of a field as one term (stem·stem), so that a phrase of common words is a
-- lookup of a rare term rather than a read of every posting of its words.
-- The ascii tokenizer keeps the · inside the token: it is not ASCII.
--
-- An FTS5 table cannot gain columns: it is made anew, empty, and every
-- version is marked for indexing again, which Khabar does in Go on the
-- first search after the upgrade (or "khabar reindex" does beforehand).
-- The term counts start afresh with it.
DROP TABLE search_fts;
CREATE VIRTUAL TABLE search_fts USING fts5 (
    title_terms, title_alts, body_terms, body_alts, title_pairs, body_pairs,
    content = '', contentless_delete = 1,
    tokenize = "ascii tokenchars ''''"
);
UPDATE search_docs SET pending = 1;
DELETE FROM search_terms;

-- The site's own search lexicon: entries that the newsroom adds to the one
-- Khabar ships (package analysis). words holds the members, one a line;
-- class is one of analysis.Classes. The analyser's version recorded in
-- search_meta includes the lexicon's content, so that a node that sees it
-- change loads the lexicon again.
CREATE TABLE search_lexicon (
    id         INTEGER PRIMARY KEY,
    lang       TEXT   NOT NULL,
    class      TEXT   NOT NULL,
    words      TEXT   NOT NULL,
    updated_at BIGINT NOT NULL
);

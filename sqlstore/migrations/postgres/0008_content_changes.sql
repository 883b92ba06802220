-- What each content generation touched: the topics of its write (a story,
-- a section's list in one language, the settings …), so that every node's
-- page cache drops exactly the pages that show the change. Only recent
-- generations are kept; a node that falls further behind drops everything.
CREATE TABLE content_changes (
    gen    BIGINT PRIMARY KEY,
    topics TEXT   NOT NULL
);

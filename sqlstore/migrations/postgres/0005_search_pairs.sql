-- Nothing for PostgreSQL: SQLite's 0005 adds an index of adjacent stem pairs
-- to its full-text table, and PostgreSQL answers phrases from the tsvector's
-- positions. This step keeps both dialects' migration numbers in step.
SELECT 1;

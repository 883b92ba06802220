-- How many published versions each list holds (a language, a section, a tag
-- or an author in one language, a month of the archive), kept up to date by
-- the writes that change them, so that totals are read, not counted.
CREATE TABLE list_counts (
    list TEXT COLLATE "C" PRIMARY KEY,
    n    BIGINT NOT NULL
);

-- A version published with a time still ahead is scheduled: the scheduler
-- publishes it then, so that the counts above learn of it.
UPDATE versions SET status = 'scheduled'
 WHERE status = 'published' AND published_at > (EXTRACT(EPOCH FROM now()) * 1000)::BIGINT;

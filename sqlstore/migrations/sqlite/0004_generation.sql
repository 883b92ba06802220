-- A counter that every write transaction increments: page caches on every
-- node compare it with the value their pages were rendered at, so that no
-- reader sees a page older than the last change.
CREATE TABLE content_generation (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n  BIGINT  NOT NULL
);
INSERT INTO content_generation (id, n) VALUES (1, 0);

-- Which changes the shared caches in front of the site (Varnish, a CDN) have
-- been told to purge: each change once, by the node that wrote it (which
-- claims it in the write's transaction) or, if that node died before it
-- could, by another once the claim (purge_node until purge_until, in
-- milliseconds) has lapsed. Changes recorded before are history.
ALTER TABLE content_changes ADD COLUMN purge_node TEXT NOT NULL DEFAULT '';
ALTER TABLE content_changes ADD COLUMN purge_until BIGINT NOT NULL DEFAULT 0;
ALTER TABLE content_changes ADD COLUMN purged INTEGER NOT NULL DEFAULT 0;
UPDATE content_changes SET purged = TRUE;
CREATE INDEX content_changes_unpurged ON content_changes (gen) WHERE purged = FALSE;

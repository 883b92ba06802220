-- The wire desk: the feeds of the agencies a source stands for, polled on
-- a schedule by one node at a time (lease_node holds a feed until
-- lease_until, in milliseconds), and the items they bring, once each: an
-- item whose feed id (guid) or address (link) the source already has is
-- the same item.
CREATE TABLE wire_feeds (
    id            INTEGER PRIMARY KEY,
    source_id     INTEGER NOT NULL REFERENCES sources(id),
    url           TEXT    NOT NULL UNIQUE,
    lang          TEXT    NOT NULL,
    interval_s    INTEGER NOT NULL,
    paused        INTEGER NOT NULL DEFAULT 0,
    status        TEXT    NOT NULL DEFAULT '',
    detail        TEXT    NOT NULL DEFAULT '',
    checked_at    INTEGER NOT NULL DEFAULT 0,
    ok_at         INTEGER NOT NULL DEFAULT 0,
    failures      INTEGER NOT NULL DEFAULT 0,
    next_at       INTEGER NOT NULL DEFAULT 0,
    etag          TEXT    NOT NULL DEFAULT '',
    last_modified TEXT    NOT NULL DEFAULT '',
    items         INTEGER NOT NULL DEFAULT 0,
    lease_node    TEXT    NOT NULL DEFAULT '',
    lease_until   INTEGER NOT NULL DEFAULT 0,
    created_at    INTEGER NOT NULL
);
CREATE INDEX wire_feeds_source ON wire_feeds(source_id);
CREATE INDEX wire_feeds_due ON wire_feeds(next_at);

CREATE TABLE wire_items (
    id           INTEGER PRIMARY KEY,
    feed_id      INTEGER REFERENCES wire_feeds(id) ON DELETE SET NULL,
    source_id    INTEGER NOT NULL REFERENCES sources(id),
    lang         TEXT    NOT NULL,
    guid         TEXT    NOT NULL DEFAULT '',
    link         TEXT    NOT NULL DEFAULT '',
    title        TEXT    NOT NULL,
    summary      TEXT    NOT NULL DEFAULT '',
    body         TEXT    NOT NULL DEFAULT '',
    author       TEXT    NOT NULL DEFAULT '',
    image_url    TEXT    NOT NULL DEFAULT '',
    published_at INTEGER NOT NULL,
    arrived_at   INTEGER NOT NULL,
    seen         INTEGER NOT NULL DEFAULT 0,
    story_id     INTEGER REFERENCES stories(id) ON DELETE SET NULL,
    used_by      INTEGER NOT NULL DEFAULT 0,
    used_at      INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX wire_items_guid ON wire_items(source_id, guid) WHERE guid <> '';
CREATE UNIQUE INDEX wire_items_link ON wire_items(source_id, link) WHERE link <> '';
CREATE INDEX wire_items_inbox ON wire_items(lang, published_at, id);
CREATE INDEX wire_items_arrived ON wire_items(arrived_at);
CREATE INDEX wire_items_feed ON wire_items(feed_id);
CREATE INDEX wire_items_story ON wire_items(story_id);

-- The analysed words of each item's title and summary (package analysis),
-- so that the inbox is searched as the site is.
CREATE TABLE wire_terms (
    term    TEXT    NOT NULL,
    item_id INTEGER NOT NULL REFERENCES wire_items(id) ON DELETE CASCADE,
    PRIMARY KEY (term, item_id)
);
CREATE INDEX wire_terms_item ON wire_terms(item_id);

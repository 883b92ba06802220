-- Lists of published versions read only the index: with the story id in
-- it, a page of the newest versions (and the count of a section's) never
-- reads the versions' rows, which hold the bodies.
CREATE INDEX versions_list ON versions(lang, status, published_at DESC, story_id DESC);
DROP INDEX versions_published;
-- The scheduler asks every few seconds whether anything is due: a small
-- index of the scheduled versions answers without a pass over the table.
CREATE INDEX versions_scheduled ON versions(published_at) WHERE status = 'scheduled';
-- The front page's lead is the newest featured story: few stories are
-- featured, so the search starts from them (see LatestFeatured).
CREATE INDEX stories_featured ON stories(id) WHERE featured = TRUE;

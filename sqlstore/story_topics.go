package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"slices"

	"github.com/khabarnews/khabar"
)

// storyState is what of a story decides which public pages show it.
type storyState struct {
	section, media, source int64
	featured               bool
	tags, authors          []int64 // sorted: the lists the story is in
	// linkOrder is the tags' and authors' order as pages show them.
	linkOrder string
	versions  map[string]versionState // by language
}

type versionState struct {
	published bool
	at        int64 // published_at
	// withdrawn: unpublished or archived after being published; the
	// Content API's changes list it.
	withdrawn bool
}

// sameLists reports whether a and b sit in the same lists: section, tags,
// authors and the front page's featured slot.
func (a storyState) sameLists(b storyState) bool {
	return a.section == b.section && a.featured == b.featured && slices.Equal(a.tags, b.tags) && slices.Equal(a.authors, b.authors)
}

func (db *DB) readStoryState(ctx context.Context, tx *sql.Tx, id int64) (storyState, error) {
	st := storyState{versions: map[string]versionState{}}
	var section, media, source sql.NullInt64
	err := tx.QueryRowContext(ctx, db.q(`SELECT section_id, lead_media_id, source_id, featured FROM stories WHERE id = ?`), id).
		Scan(&section, &media, &source, &st.featured)
	if err == sql.ErrNoRows {
		return st, nil
	}
	if err != nil {
		return st, fmt.Errorf("reading story: %w", err)
	}
	st.section, st.media, st.source = section.Int64, media.Int64, source.Int64
	if st.tags, err = db.queryIDs(ctx, tx, `SELECT tag_id FROM story_tags WHERE story_id = ? ORDER BY position`, id); err != nil {
		return st, err
	}
	if st.authors, err = db.queryIDs(ctx, tx, `SELECT user_id FROM story_authors WHERE story_id = ? ORDER BY position`, id); err != nil {
		return st, err
	}
	st.linkOrder = fmt.Sprint(st.tags, st.authors)
	slices.Sort(st.tags)
	slices.Sort(st.authors)
	rows, err := tx.QueryContext(ctx, db.q(`SELECT lang, status, COALESCE(published_at, 0) FROM versions WHERE story_id = ?`), id)
	if err != nil {
		return st, fmt.Errorf("reading versions: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var lang, status string
		var v versionState
		if err := rows.Scan(&lang, &status, &v.at); err != nil {
			return st, fmt.Errorf("reading versions: %w", err)
		}
		v.published = status == string(khabar.StatusPublished)
		v.withdrawn = v.at != 0 && (status == string(khabar.StatusUnpublished) || status == string(khabar.StatusArchived))
		st.versions[lang] = v
	}
	return st, rows.Err()
}

// storyChanged moves the list counts by a change of story id from before
// to after in the languages langs (nil: every language), and returns the
// topics it touched: none when no version was or is published or
// withdrawn (drafts are on no public page). A version withdrawn before or
// after the change touches its notice of withdrawal (410, GoneTopic).
//
// A change of what the story says touches the story alone: its own pages,
// and the version's topic in the lists that show it. A change of where it
// stands (published or withdrawn, its date, section, tags, authors,
// featured) also touches every list it was or is in, and the stories just
// before and after its new place, whose "previous" and "next" links now
// lead to it.
func (db *DB) storyChanged(ctx context.Context, tx *sql.Tx, id int64, before, after storyState, langs []string) ([]string, error) {
	if langs == nil {
		for l := range before.versions {
			langs = append(langs, l)
		}
		for l := range after.versions {
			if _, ok := before.versions[l]; !ok {
				langs = append(langs, l)
			}
		}
	}
	if before.anyPublished() || after.anyPublished() {
		zone, err := db.siteZone(ctx, tx, db.d.forShare)
		if err != nil {
			return nil, err
		}
		d := countDelta{}
		d.story(before, after, langs, zone)
		if err := db.applyCounts(ctx, tx, d); err != nil {
			return nil, err
		}
	}
	sameLists := before.sameLists(after)
	ts := topicSet{}
	for _, lang := range langs {
		b, a := before.versions[lang], after.versions[lang]
		if b.withdrawn || a.withdrawn {
			ts.add(khabar.GoneTopic(id, lang))
		}
		if !b.published && !a.published {
			if b.withdrawn || a.withdrawn {
				ts.add(khabar.TopicWithdrawn)
			}
			continue
		}
		ts.add(khabar.StoryTopic(id), khabar.VersionTopic(id, lang), khabar.TopicStories, khabar.SearchTopic(lang))
		moved := b.published != a.published || b.at != a.at
		if !moved && sameLists {
			continue
		}
		for _, st := range []storyState{before, after} {
			ts.add(st.lists(lang)...)
			// And every larger set of its tags: an article whose related
			// stories share k tags with it takes a story with these k tags.
			for k := 2; k <= min(len(st.tags), khabar.MaxTagSet); k++ {
				khabar.TagSets(st.tags, k, func(set []int64) { ts.add(khabar.TagSetTopic(set, lang)) })
			}
		}
		if moved && a.published {
			ns, err := db.neighbours(ctx, tx, id, lang, a.at)
			if err != nil {
				return nil, err
			}
			for _, n := range ns {
				ts.add(khabar.NeighboursTopic(n, lang))
			}
		}
	}
	return ts.list(), nil
}

// neighbours returns the stories published in lang just before and just
// after (at, id): the ones whose previous and next links lead there.
func (db *DB) neighbours(ctx context.Context, tx *sql.Tx, id int64, lang string, at int64) ([]int64, error) {
	var out []int64
	for _, q := range []string{
		`SELECT story_id FROM versions WHERE status = 'published' AND lang = ? AND published_at <= ?
			AND (published_at < ? OR story_id < ?) ORDER BY published_at DESC, story_id DESC LIMIT 1`,
		`SELECT story_id FROM versions WHERE status = 'published' AND lang = ? AND published_at >= ?
			AND (published_at > ? OR story_id > ?) ORDER BY published_at ASC, story_id ASC LIMIT 1`,
	} {
		var n int64
		err := tx.QueryRowContext(ctx, db.q(q), lang, at, at, id).Scan(&n)
		if err == sql.ErrNoRows {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("reading neighbours: %w", err)
		}
		out = append(out, n)
	}
	return out, nil
}

// lockStory keeps other transactions from changing a story (on PostgreSQL)
// until this one ends, so that what it reads as the story's state before
// its write is still true when it commits: two writes of one story at once
// would otherwise both count from the same "before".
func (db *DB) lockStory(ctx context.Context, tx *sql.Tx, id int64) error {
	if db.d.forUpdate == "" {
		return nil
	}
	rows, err := tx.QueryContext(ctx, db.q(`SELECT id FROM stories WHERE id = ?`+db.d.forUpdate), id)
	if err != nil {
		return fmt.Errorf("locking story: %w", err)
	}
	return rows.Close()
}

// storyChange runs write, a change of story id, and returns the topics it
// touched in langs (nil: every language).
func (db *DB) storyChange(ctx context.Context, tx *sql.Tx, id int64, langs []string, write func() error) ([]string, error) {
	if err := db.lockStory(ctx, tx, id); err != nil {
		return nil, err
	}
	before, err := db.readStoryState(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if err := write(); err != nil {
		return nil, err
	}
	after, err := db.readStoryState(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if langs == nil && len(before.versions) > 0 && before.sameLists(after) && before.linkOrder == after.linkOrder &&
		before.media == after.media && before.source == after.source {
		return nil, nil // the shared fields were saved unchanged
	}
	return db.storyChanged(ctx, tx, id, before, after, langs)
}

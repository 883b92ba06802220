package sqlstore

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/khabarnews/khabar"
)

// Related stories: what an article page lists under "read also".

// Related returns published versions that share the most tags with a story,
// topped up with the latest of its section when tags give too few.
func (db *DB) Related(ctx context.Context, storyID int64, lang string, limit int) ([]khabar.Summary, error) {
	list, err := db.relatedByTags(ctx, storyID, lang, limit)
	if err == nil && khabar.Collecting(ctx) {
		err = db.dependOnRelated(ctx, storyID, lang, list, limit)
	}
	if err != nil || len(list) >= limit {
		return list, err
	}
	var section int64
	if err := db.conn(ctx).QueryRowContext(ctx, db.q(`SELECT COALESCE(section_id, 0) FROM stories WHERE id = ?`), storyID).Scan(&section); err != nil || section == 0 {
		return list, nil
	}
	exclude := []int64{storyID}
	for _, s := range list {
		exclude = append(exclude, s.StoryID)
	}
	more, _, err := db.ListArticles(ctx, khabar.ListFilter{Lang: lang, SectionID: section, Exclude: exclude, Limit: limit - len(list), NoTotal: true})
	return append(list, more...), err
}

// relatedByTags ranks the published versions in lang that share tags with
// a story: most tags shared first, then newest. The stories sharing one tag
// are thousands in a large archive and are never ranked one by one: those
// sharing two or more are few and ranked on indexes, and the places left
// go to the newest of each tag's own list, merged.
func (db *DB) relatedByTags(ctx context.Context, storyID int64, lang string, limit int) ([]khabar.Summary, error) {
	list, err := db.relatedBySeveralTags(ctx, storyID, lang, limit)
	if err != nil || len(list) >= limit {
		return list, err
	}
	tags, err := db.queryIDs(ctx, db.conn(ctx), `SELECT tag_id FROM story_tags WHERE story_id = ?`, storyID)
	if err != nil {
		return nil, err
	}
	// Every story sharing two tags or more is in list by now: the rest
	// share exactly one, and rank by date alone.
	exclude := []int64{storyID}
	for _, s := range list {
		exclude = append(exclude, s.StoryID)
	}
	var ones []khabar.Summary
	need := limit - len(list)
	for _, t := range tags {
		more, _, err := db.ListArticles(ctx, khabar.ListFilter{Lang: lang, TagID: t, Exclude: exclude, Limit: need, NoTotal: true})
		if err != nil {
			return nil, err
		}
		ones = append(ones, more...)
	}
	slices.SortFunc(ones, func(a, b khabar.Summary) int {
		if c := b.PublishedAt.Compare(a.PublishedAt); c != 0 {
			return c
		}
		return cmp.Compare(b.StoryID, a.StoryID)
	})
	return append(list, ones[:min(need, len(ones))]...), nil
}

// relatedBySeveralTags ranks the published versions in lang that share two
// tags or more with a story. It reads the story ids and counts from the
// tag index, their dates from the list index, and the versions of the
// chosen few last: a plan SQLite would not find for one query.
func (db *DB) relatedBySeveralTags(ctx context.Context, storyID int64, lang string, limit int) ([]khabar.Summary, error) {
	rows, err := db.conn(ctx).QueryContext(ctx, db.q(`SELECT o.story_id, COUNT(*) FROM story_tags t
		JOIN story_tags o ON o.tag_id = t.tag_id AND o.story_id <> t.story_id
		WHERE t.story_id = ? GROUP BY o.story_id HAVING COUNT(*) >= 2`), storyID)
	if err != nil {
		return nil, fmt.Errorf("reading related stories: %w", err)
	}
	shared := map[int64]int{}
	var ids []any
	for rows.Next() {
		var id int64
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			rows.Close()
			return nil, fmt.Errorf("reading related stories: %w", err)
		}
		shared[id] = n
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(ids) == 0 {
		return nil, err
	}
	type cand struct {
		id, at int64
	}
	var cands []cand
	rows, err = db.conn(ctx).QueryContext(ctx, db.q(`SELECT story_id, published_at FROM versions
		WHERE lang = ? AND status = 'published' AND published_at <= ? AND story_id IN (`+placeholders(len(ids))+`)`),
		append([]any{lang, db.nowMillis()}, ids...)...)
	if err != nil {
		return nil, fmt.Errorf("reading related stories: %w", err)
	}
	for rows.Next() {
		var c cand
		if err := rows.Scan(&c.id, &c.at); err != nil {
			rows.Close()
			return nil, fmt.Errorf("reading related stories: %w", err)
		}
		cands = append(cands, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	slices.SortFunc(cands, func(a, b cand) int {
		if c := cmp.Compare(shared[b.id], shared[a.id]); c != 0 {
			return c
		}
		if c := cmp.Compare(b.at, a.at); c != 0 {
			return c
		}
		return cmp.Compare(b.id, a.id)
	})
	cands = cands[:min(limit, len(cands))]
	if len(cands) == 0 {
		return nil, nil
	}
	chosen := make([]any, 0, len(cands)+1)
	chosen = append(chosen, lang)
	for _, c := range cands {
		chosen = append(chosen, c.id)
	}
	list, err := db.summaries(ctx, `SELECT `+summaryColumns+` FROM versions v JOIN stories s ON s.id = v.story_id
		WHERE v.lang = ? AND v.story_id IN (`+placeholders(len(cands))+`)`, chosen...)
	if err != nil {
		return nil, err
	}
	rank := map[int64]int{}
	for i, c := range cands {
		rank[c.id] = i
	}
	slices.SortFunc(list, func(a, b khabar.Summary) int { return cmp.Compare(rank[a.StoryID], rank[b.StoryID]) })
	return list, nil
}

// dependOnRelated records which publications could change a story's
// related stories. They are ranked by how many tags they share with it,
// then newest first, so a story published later takes a place when it
// shares at least as many tags as the last one in the list: the topics of
// the sets of that many of the story's tags (any tag while the list is
// not full).
func (db *DB) dependOnRelated(ctx context.Context, storyID int64, lang string, list []khabar.Summary, limit int) error {
	tags, err := db.queryIDs(ctx, db.conn(ctx), `SELECT tag_id FROM story_tags WHERE story_id = ? ORDER BY tag_id`, storyID)
	if err != nil || len(tags) == 0 {
		return err
	}
	k := 1
	if len(list) >= limit {
		ids := []any{storyID}
		for _, s := range list {
			ids = append(ids, s.StoryID)
		}
		err := db.conn(ctx).QueryRowContext(ctx, db.q(`SELECT MIN(n) FROM (SELECT COUNT(*) AS n FROM story_tags t
			JOIN story_tags o ON o.tag_id = t.tag_id WHERE t.story_id = ? AND o.story_id IN (`+placeholders(len(list))+`)
			GROUP BY o.story_id) shared`), ids...).Scan(&k)
		if err != nil {
			return fmt.Errorf("reading related stories: %w", err)
		}
		k = max(1, min(k, khabar.MaxTagSet))
	}
	if len(tags) > 0 {
		khabar.TagSets(tags, min(k, len(tags)), func(set []int64) { khabar.Depend(ctx, khabar.TagSetTopic(set, lang)) })
	}
	return nil
}

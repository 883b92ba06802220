package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/khabarnews/khabar"
)

// The newsroom's site administration needs a few things the public site
// does not: editing sources, counting a tag's stories, and moving an item
// one place up or down a menu in one step.

// UpdateSource saves a source's names and address.
func (db *DB) UpdateSource(ctx context.Context, s *khabar.Source) error {
	if err := s.Validate(); err != nil {
		return err
	}
	return db.inTxOn(ctx, []string{khabar.SourceTopic(s.ID)}, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, db.q(`UPDATE sources SET names = ?, url = ? WHERE id = ?`), textJSON(s.Names), s.URL, s.ID)
		if err != nil {
			return fmt.Errorf("updating source: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return khabar.NotFound("err.source.not_found")
		}
		return nil
	})
}

// TagStoryCounts returns how many stories carry each tag, drafts included
// (the newsroom's count); tags on no story are absent from the map.
func (db *DB) TagStoryCounts(ctx context.Context) (map[int64]int, error) {
	return db.tagCounts(ctx, `SELECT tag_id, COUNT(*) FROM story_tags GROUP BY tag_id`)
}

// PublishedTagCounts returns how many stories with each tag are published
// in at least one language, from the kept counts.
func (db *DB) PublishedTagCounts(ctx context.Context) (map[int64]int, error) {
	khabar.Depend(ctx, khabar.TopicStories)
	return db.tagCounts(ctx, `SELECT CAST(SUBSTR(list, 3) AS BIGINT), n FROM list_counts WHERE list >= 'tc' AND list < 'td' AND n > 0`)
}

func (db *DB) tagCounts(ctx context.Context, query string) (map[int64]int, error) {
	rows, err := db.conn(ctx).QueryContext(ctx, query)
	if err != nil {
		return nil, fmt.Errorf("counting tagged stories: %w", err)
	}
	defer rows.Close()
	out := map[int64]int{}
	for rows.Next() {
		var id int64
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return nil, fmt.Errorf("counting tagged stories: %w", err)
		}
		out[id] = n
	}
	return out, rows.Err()
}

// MoveSection moves a section delta places in the menu (-1 up, +1 down)
// and renumbers every section 1, 2, 3 …, so that equal or sparse positions
// left by hand edits cannot make a move do nothing.
func (db *DB) MoveSection(ctx context.Context, id int64, delta int) error {
	return db.inTxOn(ctx, []string{khabar.TopicSite}, func(tx *sql.Tx) error {
		return db.move(ctx, tx, "sections", id, delta, khabar.NotFound("err.section.not_found"))
	})
}

// MovePage moves a static page delta places in the footer menu, like
// MoveSection.
func (db *DB) MovePage(ctx context.Context, id int64, delta int) error {
	return db.inTxOn(ctx, []string{khabar.TopicSite}, func(tx *sql.Tx) error {
		return db.move(ctx, tx, "pages", id, delta, khabar.NotFound("err.page.not_found"))
	})
}

// move reorders the rows of table (which has id and position columns).
// table is always one of the constants above, never user input; missing
// is the error when id is not in it.
func (db *DB) move(ctx context.Context, tx *sql.Tx, table string, id int64, delta int, missing error) error {
	what := strings.TrimSuffix(table, "s")
	rows, err := tx.QueryContext(ctx, `SELECT id, position FROM `+table+` ORDER BY position, id`)
	if err != nil {
		return fmt.Errorf("moving %s: %w", what, err)
	}
	var ids []int64
	old := map[int64]int{}
	for rows.Next() {
		var rid int64
		var pos int
		if err := rows.Scan(&rid, &pos); err != nil {
			rows.Close()
			return fmt.Errorf("moving %s: %w", what, err)
		}
		ids = append(ids, rid)
		old[rid] = pos
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("moving %s: %w", what, err)
	}
	at := -1
	for i, rid := range ids {
		if rid == id {
			at = i
		}
	}
	if at < 0 {
		return missing
	}
	to := min(max(at+delta, 0), len(ids)-1)
	ids[at], ids[to] = ids[to], ids[at]
	for i, rid := range ids {
		if old[rid] == i+1 {
			continue
		}
		if _, err := tx.ExecContext(ctx, db.q(`UPDATE `+table+` SET position = ? WHERE id = ?`), i+1, rid); err != nil {
			return fmt.Errorf("moving %s: %w", what, err)
		}
	}
	return nil
}

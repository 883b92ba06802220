package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/khabarnews/khabar"
)

// How many published versions each list holds — a language, a section, a
// tag or an author in one language, a month of the archive — is kept in
// table list_counts by the writes that change it, in their transaction, so
// that a page's total and the archive's months are one indexed read
// instead of a pass over the whole archive (DESIGN.md §7). The keys are
// the lists' topics (khabar.ListTopic …), plus tagStoriesKey and
// monthKey. A published version counts from the moment it is published,
// also when its publication time is still ahead.

// countedKey marks a database whose counts have been made; its count is
// the content generation they were made at.
const countedKey = "#counted"

// tagStoriesKey counts the stories with a tag published in any language.
func tagStoriesKey(tag int64) string { return "tc" + strconv.FormatInt(tag, 10) }

// monthPrefix is the start of the keys of lang's archive months in zone.
func monthPrefix(zone *time.Location, lang string) string {
	return "am:" + zone.String() + ":" + lang + ":"
}

func monthKey(zone *time.Location, lang string, at int64) string {
	return monthPrefix(zone, lang) + fromMillis(at).In(zone).Format("2006-01")
}

// countDelta is how much a write moves each count.
type countDelta map[string]int

// story adds the moves of a story's change from before to after in langs
// (nil: every language).
func (d countDelta) story(before, after storyState, langs []string, zone *time.Location) {
	if langs == nil {
		langs = slices.Collect(maps.Keys(after.versions))
		for l := range before.versions {
			if _, ok := after.versions[l]; !ok {
				langs = append(langs, l)
			}
		}
	}
	for _, lang := range langs {
		if v := before.versions[lang]; v.published {
			for _, k := range before.countKeys(lang, v, zone) {
				d[k]--
			}
		}
		if v := after.versions[lang]; v.published {
			for _, k := range after.countKeys(lang, v, zone) {
				d[k]++
			}
		}
	}
	for _, st := range []struct {
		state storyState
		n     int
	}{{before, -1}, {after, 1}} {
		if st.state.anyPublished() {
			for _, t := range st.state.tags {
				d[tagStoriesKey(t)] += st.n
			}
		}
	}
}

// countKeys are the lists a published version of the story is in.
func (st storyState) countKeys(lang string, v versionState, zone *time.Location) []string {
	return append(st.lists(lang), monthKey(zone, lang, v.at))
}

// lists are the topics of the lists the story is in, in lang: the
// language's, its section's, each tag's and each author's.
func (st storyState) lists(lang string) []string {
	keys := []string{khabar.ListTopic(lang)}
	if st.section != 0 {
		keys = append(keys, khabar.SectionListTopic(st.section, lang))
	}
	for _, t := range st.tags {
		keys = append(keys, khabar.TagListTopic(t, lang))
	}
	for _, u := range st.authors {
		keys = append(keys, khabar.AuthorListTopic(u, lang))
	}
	return keys
}

func (st storyState) anyPublished() bool {
	for _, v := range st.versions {
		if v.published {
			return true
		}
	}
	return false
}

// apply writes the moves.
func (db *DB) applyCounts(ctx context.Context, tx *sql.Tx, d countDelta) error {
	keys := make([]string, 0, len(d))
	for k, n := range d {
		if n != 0 {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys) // the same order in every transaction: no deadlock between two
	for _, k := range keys {
		_, err := tx.ExecContext(ctx, db.q(`INSERT INTO list_counts (list, n) VALUES (?, ?)
			ON CONFLICT (list) DO UPDATE SET n = list_counts.n + excluded.n`), k, d[k])
		if err != nil {
			return fmt.Errorf("counting: %w", err)
		}
	}
	return nil
}

// siteZone is the site's time zone, which the archive's months are in.
// lock is appended to the query: a story write reads it for share, so
// that a change of zone (which counts the months again) waits for it.
func (db *DB) siteZone(ctx context.Context, q queryer, lock string) (*time.Location, error) {
	s := khabar.DefaultSettings()
	rows, err := q.QueryContext(ctx, `SELECT value FROM settings WHERE key = 'site'`+lock)
	if err != nil {
		return nil, fmt.Errorf("reading settings: %w", err)
	}
	defer rows.Close()
	if rows.Next() {
		var raw string
		if err := rows.Scan(&raw); err != nil {
			return nil, fmt.Errorf("reading settings: %w", err)
		}
		if err := json.Unmarshal([]byte(raw), &s); err != nil {
			return nil, fmt.Errorf("reading settings: %w", err)
		}
	}
	return s.Location(), rows.Err()
}

// recount makes every count again from the versions (after an upgrade, a
// bulk copy, or a change of the site's time zone).
func (db *DB) recount(ctx context.Context, tx *sql.Tx) error {
	const published = `v.status = 'published'`
	for _, q := range []string{
		`DELETE FROM list_counts`,
		`INSERT INTO list_counts (list, n) SELECT 'l:' || v.lang, COUNT(*) FROM versions v WHERE ` + published + ` GROUP BY v.lang`,
		`INSERT INTO list_counts (list, n) SELECT 'ls' || CAST(s.section_id AS TEXT) || ':' || v.lang, COUNT(*)
			FROM versions v JOIN stories s ON s.id = v.story_id WHERE ` + published + ` AND s.section_id IS NOT NULL GROUP BY s.section_id, v.lang`,
		`INSERT INTO list_counts (list, n) SELECT 'lt' || CAST(t.tag_id AS TEXT) || ':' || v.lang, COUNT(*)
			FROM versions v JOIN story_tags t ON t.story_id = v.story_id WHERE ` + published + ` GROUP BY t.tag_id, v.lang`,
		`INSERT INTO list_counts (list, n) SELECT 'lu' || CAST(a.user_id AS TEXT) || ':' || v.lang, COUNT(*)
			FROM versions v JOIN story_authors a ON a.story_id = v.story_id WHERE ` + published + ` GROUP BY a.user_id, v.lang`,
		`INSERT INTO list_counts (list, n) SELECT 'tc' || CAST(t.tag_id AS TEXT), COUNT(*) FROM story_tags t
			WHERE EXISTS (SELECT 1 FROM versions v WHERE v.story_id = t.story_id AND ` + published + `) GROUP BY t.tag_id`,
	} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("counting: %w", err)
		}
	}
	zone, err := db.siteZone(ctx, tx, "")
	if err != nil {
		return err
	}
	months := countDelta{}
	rows, err := tx.QueryContext(ctx, `SELECT v.lang, v.published_at FROM versions v WHERE `+published)
	if err != nil {
		return fmt.Errorf("counting: %w", err)
	}
	for rows.Next() {
		var lang string
		var at int64
		if err := rows.Scan(&lang, &at); err != nil {
			rows.Close()
			return fmt.Errorf("counting: %w", err)
		}
		months[monthKey(zone, lang, at)]++
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("counting: %w", err)
	}
	var gen int64
	if err := tx.QueryRowContext(ctx, `SELECT n FROM content_generation WHERE id = 1`).Scan(&gen); err != nil {
		return fmt.Errorf("counting: %w", err)
	}
	months[countedKey] = int(gen)
	return db.applyCounts(ctx, tx, months)
}

// Recount makes every count again; migrate-db runs it after copying.
func (db *DB) Recount(ctx context.Context) error {
	return db.inTx(ctx, func(tx *sql.Tx) error { return db.recount(ctx, tx) })
}

// checkCounts makes the counts of a database that has none yet (one made
// before list_counts existed), or that was written since without keeping
// them: by a node of an older Khabar during a rolling upgrade, whose
// writes raise the generation but record no change. It runs at start-up,
// under the migration lock, and reads two numbers when nothing is amiss.
func (db *DB) checkCounts(ctx context.Context) error {
	var countedAt, gen int64
	err := db.write.QueryRowContext(ctx, db.q(`SELECT
		COALESCE((SELECT n FROM list_counts WHERE list = ?), -1), (SELECT n FROM content_generation WHERE id = 1)`),
		countedKey).Scan(&countedAt, &gen)
	if err != nil {
		return fmt.Errorf("reading counts: %w", err)
	}
	if countedAt >= 0 {
		from := max(countedAt, gen-keptChangeRows)
		var recorded int64
		if err := db.write.QueryRowContext(ctx, db.q(`SELECT COUNT(*) FROM content_changes WHERE gen > ?`), from).Scan(&recorded); err != nil {
			return fmt.Errorf("reading counts: %w", err)
		}
		if recorded == gen-from {
			return nil
		}
	}
	return db.inQuietTx(ctx, func(tx *sql.Tx) error { return db.recount(ctx, tx) })
}

// listCount reads one count.
func (db *DB) listCount(ctx context.Context, key string) (int, error) {
	var n int
	err := db.conn(ctx).QueryRowContext(ctx, db.q(`SELECT n FROM list_counts WHERE list = ?`), key).Scan(&n)
	if err == sql.ErrNoRows {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("counting articles: %w", err)
	}
	return n, nil
}

// archiveMonthCounts reads lang's archive months in zone from the counts,
// newest first; ok is false when there are none to read.
func (db *DB) archiveMonthCounts(ctx context.Context, lang string, zone *time.Location) (out []khabar.MonthCount, ok bool, err error) {
	prefix := monthPrefix(zone, lang)
	// The keys of one prefix are a range of the primary key (byte order:
	// ";" follows ":").
	rows, err := db.conn(ctx).QueryContext(ctx, db.q(`SELECT list, n FROM list_counts WHERE list >= ? AND list < ? ORDER BY list DESC`),
		prefix, strings.TrimSuffix(prefix, ":")+";")
	if err != nil {
		return nil, false, fmt.Errorf("reading archive: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var key string
		var n int
		if err := rows.Scan(&key, &n); err != nil {
			return nil, false, fmt.Errorf("reading archive: %w", err)
		}
		ok = true
		month, err := time.Parse("2006-01", strings.TrimPrefix(key, prefix))
		if err != nil || n <= 0 {
			continue
		}
		out = append(out, khabar.MonthCount{Year: month.Year(), Month: month.Month(), Count: n})
	}
	return out, ok, rows.Err()
}

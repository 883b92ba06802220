package sqlstore

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/analysis"
)

// StoryList lists stories for the newsroom, one row each with all its
// versions: the last changed first, or with a query the best match first.
func (db *DB) StoryList(ctx context.Context, f khabar.AdminFilter) ([]khabar.StoryRow, int, error) {
	if f.Limit <= 0 || f.Limit > 200 {
		f.Limit = 50
	}
	f.Offset = max(f.Offset, 0)
	where, args := storyListWhere(f)
	var ranked []int64
	if q := strings.TrimSpace(f.Query); q != "" {
		if utf8.RuneCountInString(q) > khabar.MaxQueryRunes {
			return nil, 0, khabar.Invalid("q", "err.query.too_long", "max", khabar.MaxQueryRunes)
		}
		var err error
		if ranked, err = db.storiesMatching(ctx, q, f.Lang); err != nil {
			return nil, 0, err
		}
		if len(ranked) == 0 {
			return nil, 0, nil
		}
		where += ` AND s.id IN (` + placeholders(len(ranked)) + `)`
		for _, id := range ranked {
			args = append(args, id)
		}
	}
	total, err := db.storyCount(ctx, f, ranked != nil, where, args)
	if err != nil {
		return nil, 0, err
	}
	query := `SELECT s.id, s.original_lang, COALESCE(s.section_id, 0), s.updated_at FROM stories s` + where
	if ranked == nil {
		query += ` ORDER BY s.updated_at DESC, s.id DESC LIMIT ? OFFSET ?`
		args = append(args, f.Limit, f.Offset)
	}
	out, err := db.storyRows(ctx, query, args...)
	if err != nil {
		return nil, 0, err
	}
	if ranked != nil {
		// The matches are few (at most maxCandidates): ordered and paged
		// here, by the rank the search gave them.
		rank := map[int64]int{}
		for i, id := range ranked {
			rank[id] = i
		}
		slices.SortFunc(out, func(a, b khabar.StoryRow) int { return cmp.Compare(rank[a.StoryID], rank[b.StoryID]) })
		out = out[min(f.Offset, len(out)):min(f.Offset+f.Limit, len(out))]
	}
	if err := db.fillStoryRows(ctx, out); err != nil {
		return nil, 0, err
	}
	return out, total, nil
}

// storyCount counts the stories of a list. Filtered by language and status
// alone, it counts the distinct stories of the versions' index (lang,
// status, …) in one pass: a lookup per story over a large archive costs
// ten times as much.
func (db *DB) storyCount(ctx context.Context, f khabar.AdminFilter, searched bool, where string, args []any) (int, error) {
	query := `SELECT COUNT(*) FROM stories s` + where
	if !searched && f.SectionID == 0 && f.AuthorID == 0 && len(f.IDs) == 0 && (f.Lang != "" || f.Status != "" || f.Pending) {
		conds, vargs := versionConds(f)
		query, args = `SELECT COUNT(DISTINCT story_id) FROM versions v WHERE `+conds, vargs
	}
	var total int
	if err := db.conn(ctx).QueryRowContext(ctx, db.q(query), args...).Scan(&total); err != nil {
		return 0, fmt.Errorf("counting stories: %w", err)
	}
	return total, nil
}

// versionConds writes the conditions of the filters on a story's versions
// v: its language, its status, an update waiting for review.
func versionConds(f khabar.AdminFilter) (string, []any) {
	var conds []string
	var args []any
	if f.Lang != "" {
		conds = append(conds, `v.lang = ?`)
		args = append(args, f.Lang)
	}
	if f.Status != "" {
		conds = append(conds, `v.status = ?`)
		args = append(args, string(f.Status))
	}
	if f.Pending {
		conds = append(conds, `v.pending_revision <> 0`)
	}
	return strings.Join(conds, ` AND `), args
}

// storyListWhere writes the WHERE clause of the filters on stories s.
func storyListWhere(f khabar.AdminFilter) (string, []any) {
	var b strings.Builder
	var args []any
	b.WriteString(` WHERE 1 = 1`)
	// A lookup per story, in the order of the list: a page of the last
	// changed stops after its 25 (the count is made another way, see
	// storyCount).
	if conds, vargs := versionConds(f); conds != "" {
		b.WriteString(` AND EXISTS (SELECT 1 FROM versions v WHERE v.story_id = s.id AND ` + conds + `)`)
		args = append(args, vargs...)
	}
	if f.SectionID != 0 {
		b.WriteString(` AND s.section_id = ?`)
		args = append(args, f.SectionID)
	}
	if f.AuthorID != 0 {
		b.WriteString(` AND s.id IN (SELECT story_id FROM story_authors WHERE user_id = ?)`)
		args = append(args, f.AuthorID)
	}
	if len(f.IDs) > 0 {
		b.WriteString(` AND s.id IN (` + placeholders(len(f.IDs)) + `)`)
		for _, id := range f.IDs {
			args = append(args, id)
		}
	}
	return b.String(), args
}

func (db *DB) storyRows(ctx context.Context, query string, args ...any) ([]khabar.StoryRow, error) {
	rows, err := db.conn(ctx).QueryContext(ctx, db.q(query), args...)
	if err != nil {
		return nil, fmt.Errorf("listing stories: %w", err)
	}
	defer rows.Close()
	var out []khabar.StoryRow
	for rows.Next() {
		var r khabar.StoryRow
		var updated int64
		if err := rows.Scan(&r.StoryID, &r.OriginalLang, &r.SectionID, &updated); err != nil {
			return nil, fmt.Errorf("listing stories: %w", err)
		}
		r.UpdatedAt = fromMillis(updated)
		out = append(out, r)
	}
	return out, rows.Err()
}

// fillStoryRows reads the versions and authors of a page of stories, two
// queries for the page.
func (db *DB) fillStoryRows(ctx context.Context, out []khabar.StoryRow) error {
	if len(out) == 0 {
		return nil
	}
	byID := map[int64]*khabar.StoryRow{}
	ids := make([]any, len(out))
	for i := range out {
		byID[out[i].StoryID] = &out[i]
		ids[i] = out[i].StoryID
	}
	in := `(` + placeholders(len(ids)) + `)`
	rows, err := db.conn(ctx).QueryContext(ctx, db.q(`SELECT v.story_id, v.lang, v.title, v.status, v.published_at, v.updated_at,
		v.synced_revision, v.pending_revision, v.pending_synced, COALESCE(o.content_revision, 0) FROM versions v JOIN stories s ON s.id = v.story_id
		LEFT JOIN versions o ON o.story_id = v.story_id AND o.lang = s.original_lang
		WHERE v.story_id IN `+in+` ORDER BY v.story_id, v.lang`), ids...)
	if err != nil {
		return fmt.Errorf("listing story versions: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var v khabar.VersionState
		var id, updated, original int64
		var sync khabar.Version
		var status string
		var published sql.NullInt64
		if err := rows.Scan(&id, &v.Lang, &v.Title, &status, &published, &updated, &sync.SyncedRevision,
			&sync.PendingRevision, &sync.PendingSynced, &original); err != nil {
			return fmt.Errorf("listing story versions: %w", err)
		}
		r := byID[id]
		v.Status, v.PublishedAt, v.UpdatedAt = khabar.Status(status), fromNullMillis(published), fromMillis(updated)
		sync.Lang = v.Lang
		v.Outdated, v.Pending = sync.Outdated(r.OriginalLang, original), sync.UpdateWaiting()
		if v.Lang == r.OriginalLang {
			r.Versions = append([]khabar.VersionState{v}, r.Versions...)
		} else {
			r.Versions = append(r.Versions, v)
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	rows.Close()
	authors, err := db.conn(ctx).QueryContext(ctx, db.q(`SELECT story_id, user_id FROM story_authors WHERE story_id IN `+in+
		` ORDER BY story_id, position`), ids...)
	if err != nil {
		return fmt.Errorf("listing story authors: %w", err)
	}
	defer authors.Close()
	for authors.Next() {
		var id, user int64
		if err := authors.Scan(&id, &user); err != nil {
			return fmt.Errorf("listing story authors: %w", err)
		}
		byID[id].AuthorIDs = append(byID[id].AuthorIDs, user)
	}
	return authors.Err()
}

// storiesMatching returns the stories with a version whose words match the
// query, in any status, best match first: the search index ranks them as
// the site's search does, in lang or in every language of the site. A
// query that is a number also finds the story with that number, first.
func (db *DB) storiesMatching(ctx context.Context, text, lang string) ([]int64, error) {
	var out []int64
	if id, err := strconv.ParseInt(text, 10, 64); err == nil && id > 0 {
		var found int64
		err := db.conn(ctx).QueryRowContext(ctx, db.q(`SELECT id FROM stories WHERE id = ?`), id).Scan(&found)
		if err == nil {
			out = append(out, found)
		} else if err != sql.ErrNoRows {
			return nil, fmt.Errorf("finding story %d: %w", id, err)
		}
	}
	langs := []string{lang}
	if lang == "" {
		st, err := db.Settings(ctx)
		if err != nil {
			return nil, err
		}
		langs = st.Languages
	}
	if err := db.syncLexicon(ctx, db.conn(ctx)); err != nil {
		return nil, err
	}
	analyzers := make([]analysis.Analyzer, len(langs))
	for i, l := range langs {
		analyzers[i] = db.analyzer(l)
	}
	pq := analysis.ParseQuery(text, analyzers...)
	if pq.Empty() {
		return out, nil
	}
	if pending, err := db.hasPending(ctx); err != nil {
		return nil, err
	} else if pending {
		if err := db.indexPending(ctx, false, nil); err != nil {
			return nil, err
		}
	}
	s := db.search()
	if s.dictionary {
		var err error
		if pq, err = db.expandPrefixes(ctx, pq); err != nil {
			return nil, err
		}
	}
	keys, err := db.searchCandidates(ctx, s, khabar.SearchQuery{Text: text, Langs: langs}, pq, true)
	if err != nil {
		return nil, err
	}
	for _, k := range keys {
		if !slices.Contains(out, k.storyID) {
			out = append(out, k.storyID)
		}
	}
	return out, nil
}

package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/khabarnews/khabar"
)

// Reader queries: only published versions whose publication time has come.

const summaryColumns = `v.story_id, v.lang, v.title, v.slug, v.summary, v.published_at, v.updated_at, s.section_id, s.lead_media_id`

const publishedFrom = ` FROM versions v JOIN stories s ON s.id = v.story_id
	WHERE v.status = 'published' AND v.published_at <= ?`

// summaries scans summary rows and attaches their lead images in one query.
func (db *DB) summaries(ctx context.Context, query string, args ...any) ([]khabar.Summary, error) {
	return db.summaryRows(ctx, false, query, args...)
}

// summaryRows is summaries for queries that may also select v.status,
// after summaryColumns.
func (db *DB) summaryRows(ctx context.Context, withStatus bool, query string, args ...any) ([]khabar.Summary, error) {
	rows, err := db.conn(ctx).QueryContext(ctx, db.q(query), args...)
	if err != nil {
		return nil, fmt.Errorf("listing articles: %w", err)
	}
	defer rows.Close()
	var out []khabar.Summary
	var mediaIDs []int64
	for rows.Next() {
		s := khabar.Summary{Status: khabar.StatusPublished}
		var published, updated int64
		var section, media sql.NullInt64
		dest := []any{&s.StoryID, &s.Lang, &s.Title, &s.Slug, &s.Summary, &published, &updated, &section, &media}
		if withStatus {
			dest = append(dest, &s.Status)
		}
		if err := rows.Scan(dest...); err != nil {
			return nil, fmt.Errorf("listing articles: %w", err)
		}
		s.PublishedAt, s.UpdatedAt, s.SectionID = fromMillis(published), fromMillis(updated), section.Int64
		if media.Valid {
			s.Image = &khabar.Media{ID: media.Int64}
			mediaIDs = append(mediaIDs, media.Int64)
		}
		out = append(out, s)
		khabar.Depend(ctx, khabar.VersionTopic(s.StoryID, s.Lang))
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	if len(mediaIDs) == 0 {
		return out, nil
	}
	media, err := db.mediaByIDs(ctx, mediaIDs)
	if err != nil {
		return nil, err
	}
	for i := range out {
		if out[i].Image != nil {
			khabar.Depend(ctx, khabar.MediaTopic(out[i].Image.ID))
			out[i].Image = media[out[i].Image.ID]
		}
	}
	return out, nil
}

func (db *DB) mediaByIDs(ctx context.Context, ids []int64) (map[int64]*khabar.Media, error) {
	ids = dedupe(ids)
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	rows, err := db.conn(ctx).QueryContext(ctx, db.q(`SELECT `+mediaColumns+` FROM media WHERE id IN (`+placeholders(len(ids))+`)`), args...)
	if err != nil {
		return nil, fmt.Errorf("reading media: %w", err)
	}
	defer rows.Close()
	out := map[int64]*khabar.Media{}
	for rows.Next() {
		m, err := scanMedia(rows)
		if err != nil {
			return nil, fmt.Errorf("reading media: %w", err)
		}
		out[m.ID] = m
	}
	return out, rows.Err()
}

func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}

// listWhere turns a filter into the conditions after publishedFrom; an
// empty Lang selects every language.
func listWhere(f khabar.ListFilter) (string, []any) {
	var b strings.Builder
	var args []any
	if f.Lang != "" {
		b.WriteString(` AND v.lang = ?`)
		args = append(args, f.Lang)
	}
	if f.SectionID != 0 {
		b.WriteString(` AND s.section_id = ?`)
		args = append(args, f.SectionID)
	}
	if f.TagID != 0 {
		b.WriteString(` AND v.story_id IN (SELECT story_id FROM story_tags WHERE tag_id = ?)`)
		args = append(args, f.TagID)
	}
	if f.AuthorID != 0 {
		b.WriteString(` AND v.story_id IN (SELECT story_id FROM story_authors WHERE user_id = ?)`)
		args = append(args, f.AuthorID)
	}
	if !f.From.IsZero() {
		b.WriteString(` AND v.published_at >= ?`)
		args = append(args, millis(f.From))
	}
	if !f.To.IsZero() {
		b.WriteString(` AND v.published_at < ?`)
		args = append(args, millis(f.To))
	}
	if len(f.Exclude) > 0 {
		b.WriteString(` AND v.story_id NOT IN (` + placeholders(len(f.Exclude)) + `)`)
		for _, id := range f.Exclude {
			args = append(args, id)
		}
	}
	return b.String(), args
}

// ListArticles returns one page of published versions and how many match.
func (db *DB) ListArticles(ctx context.Context, f khabar.ListFilter) ([]khabar.Summary, int, error) {
	if f.Lang == "" {
		return nil, 0, khabar.Invalid("lang", "err.lang.required")
	}
	if f.Limit <= 0 || f.Limit > 200 {
		f.Limit = 20
	}
	khabar.Depend(ctx, listTopics(f)...)
	where, args := listWhere(f)
	args = append([]any{db.nowMillis()}, args...)
	total := -1
	if !f.NoTotal {
		var err error
		if key, ok := countedList(f); ok {
			total, err = db.listCount(ctx, key)
		} else {
			err = db.conn(ctx).QueryRowContext(ctx, db.q(`SELECT COUNT(*)`+publishedFrom+where), args...).Scan(&total)
		}
		if err != nil {
			return nil, 0, fmt.Errorf("counting articles: %w", err)
		}
		if total == 0 || f.Offset >= total {
			return nil, total, nil
		}
	}
	list, err := db.summaries(ctx, `SELECT `+summaryColumns+publishedFrom+where+
		` ORDER BY v.published_at DESC, v.story_id DESC LIMIT ? OFFSET ?`, append(args, f.Limit, f.Offset)...)
	return list, total, err
}

// countedList returns the key of the count that is the total of f, when
// f selects one whole list (no dates, nothing excluded).
func countedList(f khabar.ListFilter) (string, bool) {
	ts := listTopics(f)
	if len(ts) != 1 || !f.From.IsZero() || !f.To.IsZero() || len(f.Exclude) > 0 {
		return "", false
	}
	return ts[0], true
}

// listTopics names the lists a filter selects from.
func listTopics(f khabar.ListFilter) []string {
	var ts []string
	if f.SectionID != 0 {
		ts = append(ts, khabar.SectionListTopic(f.SectionID, f.Lang))
	}
	if f.TagID != 0 {
		ts = append(ts, khabar.TagListTopic(f.TagID, f.Lang))
	}
	if f.AuthorID != 0 {
		ts = append(ts, khabar.AuthorListTopic(f.AuthorID, f.Lang))
	}
	if ts == nil {
		ts = []string{khabar.ListTopic(f.Lang)}
	}
	return ts
}

// LatestFeatured returns the newest featured published version in lang.
func (db *DB) LatestFeatured(ctx context.Context, lang string) (*khabar.Summary, error) {
	khabar.Depend(ctx, khabar.ListTopic(lang))
	// Featured stories are few: starting from them (CROSS JOIN fixes
	// SQLite's join order) costs a look at each, where starting from the
	// newest versions costs a pass over every version that is not. The
	// literal TRUE matches the partial index stories_featured.
	list, err := db.summaries(ctx, `SELECT `+summaryColumns+` FROM stories s CROSS JOIN versions v
		WHERE s.featured = TRUE AND v.story_id = s.id AND v.lang = ? AND v.status = 'published' AND v.published_at <= ?
		ORDER BY v.published_at DESC, v.story_id DESC LIMIT 1`, lang, db.nowMillis())
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, khabar.NotFound("err.story.not_found")
	}
	return &list[0], nil
}

// Adjacent returns the published versions just before and after a story in
// the same language.
func (db *DB) Adjacent(ctx context.Context, storyID int64, lang string) (prev, next *khabar.Summary, err error) {
	khabar.Depend(ctx, khabar.StoryTopic(storyID), khabar.NeighboursTopic(storyID, lang))
	var at int64
	err = db.conn(ctx).QueryRowContext(ctx, db.q(`SELECT published_at FROM versions WHERE story_id = ? AND lang = ? AND status = 'published'`),
		storyID, lang).Scan(&at)
	if err != nil {
		return nil, nil, notFound(err, "err.article.not_found")
	}
	now := db.nowMillis()
	// Each query names its range of published_at alone (the OR after it
	// is redundant with it), so that the index starts at the story instead
	// of at the newest version.
	from := ` FROM versions v JOIN stories s ON s.id = v.story_id WHERE v.status = 'published' AND v.lang = ?`
	older, err := db.summaries(ctx, `SELECT `+summaryColumns+from+` AND v.published_at <= ?
		AND (v.published_at < ? OR (v.published_at = ? AND v.story_id < ?))
		ORDER BY v.published_at DESC, v.story_id DESC LIMIT 1`, lang, min(at, now), at, at, storyID)
	if err != nil {
		return nil, nil, err
	}
	newer, err := db.summaries(ctx, `SELECT `+summaryColumns+from+` AND v.published_at BETWEEN ? AND ?
		AND (v.published_at > ? OR (v.published_at = ? AND v.story_id > ?))
		ORDER BY v.published_at ASC, v.story_id ASC LIMIT 1`, lang, at, now, at, at, storyID)
	if err != nil {
		return nil, nil, err
	}
	if len(older) > 0 {
		prev = &older[0]
	}
	if len(newer) > 0 {
		next = &newer[0]
	}
	return prev, next, nil
}

// Article returns a published version with everything its page shows.
func (db *DB) Article(ctx context.Context, storyID int64, lang string) (*khabar.Article, error) {
	khabar.Depend(ctx, khabar.StoryTopic(storyID))
	row := db.conn(ctx).QueryRowContext(ctx, db.q(`SELECT `+versionColumns+` FROM versions
		WHERE story_id = ? AND lang = ? AND status = 'published' AND published_at <= ?`), storyID, lang, db.nowMillis())
	v, err := scanVersion(row)
	if err != nil {
		return nil, notFound(err, "err.article.not_found")
	}
	story, err := db.Story(ctx, storyID)
	if err != nil {
		return nil, err
	}
	a := &khabar.Article{Version: *v, Story: *story}
	if err := db.fillArticle(ctx, a); err != nil {
		return nil, err
	}
	return a, nil
}

func (db *DB) fillArticle(ctx context.Context, a *khabar.Article) error {
	s := a.Story
	if s.SectionID != 0 {
		var sec khabar.Section
		err := db.conn(ctx).QueryRowContext(ctx, db.q(`SELECT id, slug, names, position FROM sections WHERE id = ?`), s.SectionID).
			Scan(&sec.ID, &sec.Slug, scanText{&sec.Names}, &sec.Position)
		if err != nil {
			return notFound(err, "err.section.not_found")
		}
		a.Section = &sec
		khabar.Depend(ctx, khabar.TopicSite)
	}
	if s.LeadMediaID != 0 {
		m, err := db.Media(ctx, s.LeadMediaID)
		if err != nil {
			return err
		}
		a.Image = m
	}
	if s.SourceID != 0 {
		var src khabar.Source
		err := db.conn(ctx).QueryRowContext(ctx, db.q(`SELECT id, names, url FROM sources WHERE id = ?`), s.SourceID).
			Scan(&src.ID, scanText{&src.Names}, &src.URL)
		if err != nil {
			return notFound(err, "err.source.not_found")
		}
		a.Source = &src
		khabar.Depend(ctx, khabar.SourceTopic(src.ID))
	}
	rows, err := db.conn(ctx).QueryContext(ctx, db.q(`SELECT t.id, t.slug, t.names FROM story_tags st JOIN tags t ON t.id = st.tag_id
		WHERE st.story_id = ? ORDER BY st.position`), s.ID)
	if err != nil {
		return fmt.Errorf("reading tags: %w", err)
	}
	for rows.Next() {
		var t khabar.Tag
		if err := rows.Scan(&t.ID, &t.Slug, scanText{&t.Names}); err != nil {
			rows.Close()
			return fmt.Errorf("reading tags: %w", err)
		}
		a.Tags = append(a.Tags, t)
		khabar.Depend(ctx, khabar.TagTopic(t.ID))
	}
	rows.Close()
	for _, id := range s.AuthorIDs {
		u, err := db.User(ctx, id)
		if err != nil {
			return err
		}
		u.PasswordHash, u.TOTPSecret = "", "" // never carried into a page
		a.Authors = append(a.Authors, *u)
	}
	if a.Translations, err = db.translations(ctx, s.ID, a.Lang); err != nil {
		return err
	}
	a.Corrections, err = db.Corrections(ctx, s.ID, a.Lang)
	return err
}

// translations lists the other published language versions of a story.
func (db *DB) translations(ctx context.Context, storyID int64, except string) ([]khabar.Translation, error) {
	rows, err := db.conn(ctx).QueryContext(ctx, db.q(`SELECT lang, title, slug, status FROM versions
		WHERE story_id = ? AND lang <> ? AND status = 'published' AND published_at <= ? ORDER BY lang`), storyID, except, db.nowMillis())
	if err != nil {
		return nil, fmt.Errorf("reading translations: %w", err)
	}
	defer rows.Close()
	var out []khabar.Translation
	for rows.Next() {
		var t khabar.Translation
		var status string
		if err := rows.Scan(&t.Lang, &t.Title, &t.Slug, &status); err != nil {
			return nil, fmt.Errorf("reading translations: %w", err)
		}
		t.Status = khabar.Status(status)
		out = append(out, t)
	}
	return out, rows.Err()
}

// AllPublished calls fn for each published version with the other
// languages it is published in, newest first.
func (db *DB) AllPublished(ctx context.Context, fn func(khabar.Summary, []khabar.Translation) error) error {
	khabar.Depend(ctx, khabar.TopicStories)
	list, err := db.summaries(ctx, `SELECT `+summaryColumns+publishedFrom+` ORDER BY v.published_at DESC, v.story_id DESC, v.lang`, db.nowMillis())
	if err != nil {
		return err
	}
	byStory := map[int64][]khabar.Translation{}
	for _, s := range list {
		byStory[s.StoryID] = append(byStory[s.StoryID], khabar.Translation{Lang: s.Lang, Title: s.Title, Slug: s.Slug, Status: khabar.StatusPublished})
	}
	for _, s := range list {
		var others []khabar.Translation
		for _, t := range byStory[s.StoryID] {
			if t.Lang != s.Lang {
				others = append(others, t)
			}
		}
		if err := fn(s, others); err != nil {
			return err
		}
	}
	return nil
}

// ArchiveMonths counts published versions in lang per month of loc, newest first.
func (db *DB) ArchiveMonths(ctx context.Context, lang string, loc *time.Location) ([]khabar.MonthCount, error) {
	khabar.Depend(ctx, khabar.ListTopic(lang))
	if out, ok, err := db.archiveMonthCounts(ctx, lang, loc); ok || err != nil {
		return out, err
	}
	// Not counted in this zone: every publication time is read.
	rows, err := db.conn(ctx).QueryContext(ctx, db.q(`SELECT v.published_at`+publishedFrom+` AND v.lang = ? ORDER BY v.published_at DESC`), db.nowMillis(), lang)
	if err != nil {
		return nil, fmt.Errorf("reading archive: %w", err)
	}
	defer rows.Close()
	var out []khabar.MonthCount
	for rows.Next() {
		var ms int64
		if err := rows.Scan(&ms); err != nil {
			return nil, fmt.Errorf("reading archive: %w", err)
		}
		t := fromMillis(ms).In(loc)
		if n := len(out); n > 0 && out[n-1].Year == t.Year() && out[n-1].Month == t.Month() {
			out[n-1].Count++
			continue
		}
		out = append(out, khabar.MonthCount{Year: t.Year(), Month: t.Month(), Count: 1})
	}
	return out, rows.Err()
}

// VersionPage lists versions for the Content API with keyset pagination.
func (db *DB) VersionPage(ctx context.Context, q khabar.VersionQuery) ([]khabar.Summary, error) {
	khabar.Depend(ctx, khabar.TopicStories)
	if q.Withdrawn {
		khabar.Depend(ctx, khabar.TopicWithdrawn)
	}
	if q.Limit <= 0 || q.Limit > 100 {
		q.Limit = 20
	}
	var b strings.Builder
	args := []any{db.nowMillis()}
	b.WriteString(`SELECT ` + summaryColumns + `, v.status FROM versions v JOIN stories s ON s.id = v.story_id
		WHERE ((v.status = 'published' AND v.published_at <= ?)`)
	if q.Withdrawn {
		b.WriteString(` OR (v.status IN ('unpublished', 'archived') AND v.published_at IS NOT NULL)`)
	}
	b.WriteString(`)`)
	where, more := listWhere(khabar.ListFilter{Lang: q.Lang, SectionID: q.SectionID, TagID: q.TagID, From: q.From, To: q.To})
	b.WriteString(where)
	args = append(args, more...)
	// Ties on the time are broken by story and language, so that the key
	// names one place in the order.
	order, cmp := `v.published_at DESC, v.story_id DESC, v.lang DESC`, `(v.published_at, v.story_id, v.lang) < (?, ?, ?)`
	if !q.UpdatedSince.IsZero() {
		b.WriteString(` AND v.updated_at >= ?`)
		args = append(args, millis(q.UpdatedSince))
		order, cmp = `v.updated_at, v.story_id, v.lang`, `(v.updated_at, v.story_id, v.lang) > (?, ?, ?)`
	}
	if q.After != nil {
		b.WriteString(` AND ` + cmp)
		args = append(args, millis(q.After.At), q.After.StoryID, q.After.Lang)
	}
	b.WriteString(` ORDER BY ` + order + ` LIMIT ?`)
	return db.summaryRows(ctx, true, b.String(), append(args, q.Limit)...)
}

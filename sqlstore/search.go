package sqlstore

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/analysis"
	"github.com/khabarnews/khabar/markup"
)

// Search sizes: a page is at most maxSearchLimit results; a snippet is
// about snippetRunes long.
const (
	maxSearchLimit = 100
	snippetRunes   = 220
)

// Search finds published, due versions matching q: analysed in Go, matched
// and ranked by the index, filtered by joining the versions table (status
// and time are read at query time, so publishing needs no reindexing), and
// given snippets cut from the stored text.
func (db *DB) Search(ctx context.Context, q khabar.SearchQuery) (*khabar.SearchResults, error) {
	for _, l := range q.Langs {
		khabar.Depend(ctx, khabar.SearchTopic(l))
	}
	if len(q.Langs) == 0 {
		return nil, khabar.Invalid("lang", "err.search.lang")
	}
	if utf8.RuneCountInString(q.Text) > khabar.MaxQueryRunes {
		return nil, khabar.Invalid("q", "err.query.too_long", "max", khabar.MaxQueryRunes)
	}
	if q.Limit <= 0 || q.Limit > maxSearchLimit {
		q.Limit = maxSearchLimit
	}
	q.Offset = max(q.Offset, 0)
	s := db.search()
	if err := db.syncLexicon(ctx, db.conn(ctx)); err != nil {
		return nil, err
	}
	analyzers := make([]analysis.Analyzer, len(q.Langs))
	for i, l := range q.Langs {
		analyzers[i] = db.analyzer(l)
	}
	pq := analysis.ParseQuery(q.Text, analyzers...)
	if pq.Empty() {
		return &khabar.SearchResults{Empty: true}, nil
	}
	if pending, err := db.hasPending(ctx); err != nil {
		return nil, err
	} else if pending {
		if err := db.indexPending(ctx, false, nil); err != nil {
			return nil, err
		}
	}
	if s.dictionary {
		var err error
		if pq, err = db.expandPrefixes(ctx, pq); err != nil {
			return nil, err
		}
	}
	keys, err := db.searchCandidates(ctx, s, q, pq, false)
	if err != nil {
		return nil, err
	}
	res := &khabar.SearchResults{Total: len(keys)}
	if len(keys) > maxCandidates {
		res.Total, res.More = maxCandidates, true
		keys = keys[:maxCandidates]
	}
	if q.Offset >= len(keys) {
		return res, nil
	}
	keys = keys[q.Offset:min(q.Offset+q.Limit, len(keys))]
	if res.Items, err = db.searchResults(ctx, keys, pq); err != nil {
		return nil, err
	}
	return res, nil
}

// maxCandidates bounds the matches one search ranks. Ranking all matches
// costs a pass over all of them: for a word in every other story, a
// hundred thousand rows, a hundred milliseconds. So a search takes the
// newest maxCandidates visible matches (the index gives them newest first
// and stops there) and reports that there are more. A query with fewer
// matches, most of them, is ranked whole; one with more is a query for a
// common word, whose reader is best served by the best of recent stories.
const maxCandidates = 200

// bm25Budget is the most postings (see postings) a search reads to rank by
// bm25, which counts the documents of every query term over the whole
// index, whatever the candidates: about 0.1 µs a posting, then 4 µs a
// candidate. Above it, a search ranks by title match and recency alone.
const bm25Budget = 20000

// searchKey names one version found, with what orders it.
type searchKey struct {
	rowid     int64
	storyID   int64
	lang      string
	published int64
	score     float64
	inTitle   bool
}

// searchCandidates returns up to maxCandidates+1 visible matches, best
// first: those with a query word in their title before the others, then by
// bm25 when the query is cheap enough to rank (bm25Budget), then the
// newest first.
//
// With drafts set, versions in any status are candidates: the newsroom
// finds its drafts by the words the site's search would find them by.
func (db *DB) searchCandidates(ctx context.Context, s *searchSQL, q khabar.SearchQuery, pq analysis.Query, drafts bool) ([]searchKey, error) {
	rank := true
	if s.dictionary {
		cost, err := db.postings(ctx, pq)
		if err != nil {
			return nil, err
		}
		rank = cost <= bm25Budget
	}
	where, args := db.searchWhere(s, q, pq, drafts)
	cols := `d.id, d.story_id, d.lang, COALESCE(v.published_at, 0)`
	if rank {
		cols += `, ` + s.rank
	}
	inTitleColumn := s.titleMatches == "" && s.inTitle != ""
	if inTitleColumn {
		cols += `, ` + s.inTitle
	}
	rows, err := db.conn(ctx).QueryContext(ctx, db.q(`SELECT `+cols+where+` ORDER BY `+s.newest+` LIMIT ?`), append(args, maxCandidates+1)...)
	if err != nil {
		return nil, fmt.Errorf("searching: %w", err)
	}
	defer rows.Close()
	var keys []searchKey
	for rows.Next() {
		var k searchKey
		var inTitle float64
		dest := []any{&k.rowid, &k.storyID, &k.lang, &k.published}
		if rank {
			dest = append(dest, &k.score)
		}
		if inTitleColumn {
			dest = append(dest, &inTitle)
		}
		if err := rows.Scan(dest...); err != nil {
			return nil, fmt.Errorf("searching: %w", err)
		}
		k.inTitle = inTitle < 0
		keys = append(keys, k)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("searching: %w", err)
	}
	rows.Close()
	if len(keys) == 0 {
		return nil, nil
	}
	if s.titleMatches != "" {
		if err := db.markTitleMatches(ctx, s, pq, keys); err != nil {
			return nil, err
		}
	}
	// A match in the title comes before a match in the body only: bm25
	// alone cannot promise it, since its term frequencies saturate (a
	// title weight of 4 is worth barely twice a body match) and a rare
	// form of the word in a body, such as the very plural searched for,
	// outscores its common stem in a title. The sort is stable: equals
	// stay newest first, as the index gave them.
	slices.SortStableFunc(keys, func(a, b searchKey) int {
		if a.inTitle != b.inTitle {
			if a.inTitle {
				return -1
			}
			return 1
		}
		return cmp.Compare(a.score, b.score)
	})
	return keys, nil
}

// markTitleMatches sets inTitle on the candidates whose title holds a query
// word: one more pass of the index over the candidates' range of rows,
// matching titles only.
func (db *DB) markTitleMatches(ctx context.Context, s *searchSQL, pq analysis.Query, keys []searchKey) error {
	// Keys are newest (highest) first, as the index gave them.
	rows, err := db.conn(ctx).QueryContext(ctx, db.q(s.titleMatches), s.titleExpr(pq), keys[len(keys)-1].rowid, keys[0].rowid)
	if err != nil {
		return fmt.Errorf("searching titles: %w", err)
	}
	defer rows.Close()
	inTitle := map[int64]bool{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return fmt.Errorf("searching titles: %w", err)
		}
		inTitle[id] = true
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("searching titles: %w", err)
	}
	for i := range keys {
		keys[i].inTitle = inTitle[keys[i].rowid]
	}
	return nil
}

// searchWhere writes the FROM and WHERE clauses of a search: the match,
// visibility (unless drafts), languages and filters.
func (db *DB) searchWhere(s *searchSQL, q khabar.SearchQuery, pq analysis.Query, drafts bool) (string, []any) {
	var b strings.Builder
	if q.SectionID != 0 && s.fromSection != "" {
		b.WriteString(s.fromSection)
	} else {
		b.WriteString(s.from)
	}
	b.WriteString(` WHERE ` + s.match)
	args := []any{s.expr(pq)}
	if !drafts {
		b.WriteString(` AND v.status = 'published' AND v.published_at <= ?`)
		args = append(args, db.nowMillis())
	}
	b.WriteString(` AND d.lang IN (` + placeholders(len(q.Langs)) + `)`)
	for _, l := range q.Langs {
		args = append(args, l)
	}
	// Section and tag are looked up for each row the index gives, rather
	// than as IN (SELECT …) sets: building the set of a section's stories
	// costs more (ten milliseconds for a section of twelve thousand) than
	// checking the rows a search reads.
	switch {
	case q.SectionID != 0 && s.fromSection != "":
		b.WriteString(` AND s.section_id = ?`)
		args = append(args, q.SectionID)
	case q.SectionID != 0:
		b.WriteString(` AND (SELECT s.section_id FROM stories s WHERE s.id = d.story_id) = ?`)
		args = append(args, q.SectionID)
	}
	if q.TagID != 0 {
		b.WriteString(` AND (SELECT 1 FROM story_tags t WHERE t.story_id = d.story_id AND t.tag_id = ?) IS NOT NULL`)
		args = append(args, q.TagID)
	}
	if !q.From.IsZero() {
		b.WriteString(` AND v.published_at >= ?`)
		args = append(args, millis(q.From))
		if s.rowid != "" { // the rows before From are not even read
			b.WriteString(` AND ` + s.rowid + ` >= ?`)
			args = append(args, millis(q.From)*docSlots)
		}
	}
	if !q.To.IsZero() {
		b.WriteString(` AND v.published_at < ?`)
		args = append(args, millis(q.To))
		if s.rowid != "" {
			b.WriteString(` AND ` + s.rowid + ` < ?`)
			args = append(args, millis(q.To)*docSlots+docSpill)
		}
	}
	return b.String(), args
}

// searchResults reads the versions of a page of results and cuts their
// snippets.
func (db *DB) searchResults(ctx context.Context, keys []searchKey, pq analysis.Query) ([]khabar.SearchResult, error) {
	// The stories and languages of the page, each as a plain IN list (the
	// rows of other pairs, if any, are left out below): a list of
	// (story, language) rows would have PostgreSQL guess its types.
	var ids, langs []any
	for _, k := range keys {
		ids = append(ids, k.storyID)
		if !slices.Contains(langs, any(k.lang)) {
			langs = append(langs, k.lang)
		}
	}
	rows, err := db.conn(ctx).QueryContext(ctx, db.q(`SELECT `+summaryColumns+`, v.body FROM versions v JOIN stories s ON s.id = v.story_id
		WHERE v.story_id IN (`+placeholders(len(ids))+`) AND v.lang IN (`+placeholders(len(langs))+`) AND v.status = 'published'`),
		append(ids, langs...)...)
	if err != nil {
		return nil, fmt.Errorf("reading search results: %w", err)
	}
	defer rows.Close()
	type found struct {
		khabar.Summary
		body string
	}
	byKey := map[versionKey]*found{}
	var mediaIDs []int64
	for rows.Next() {
		var f found
		var published, updated int64
		var section, media sql.NullInt64
		if err := rows.Scan(&f.StoryID, &f.Lang, &f.Title, &f.Slug, &f.Summary.Summary, &published, &updated, &section, &media, &f.body); err != nil {
			return nil, fmt.Errorf("reading search results: %w", err)
		}
		f.PublishedAt, f.UpdatedAt, f.SectionID = fromMillis(published), fromMillis(updated), section.Int64
		if media.Valid {
			f.Image = &khabar.Media{ID: media.Int64}
			mediaIDs = append(mediaIDs, media.Int64)
		}
		byKey[versionKey{f.StoryID, f.Lang}] = &f
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	var media map[int64]*khabar.Media
	if len(mediaIDs) > 0 {
		if media, err = db.mediaByIDs(ctx, mediaIDs); err != nil {
			return nil, err
		}
	}
	out := make([]khabar.SearchResult, 0, len(keys))
	var bodies []string
	for _, k := range keys {
		f := byKey[versionKey{k.storyID, k.lang}]
		if f == nil {
			continue // unpublished between the two queries: gone from this page
		}
		if f.Image != nil {
			f.Image = media[f.Image.ID]
		}
		out = append(out, khabar.SearchResult{Summary: f.Summary, Score: k.score})
		bodies = append(bodies, f.body)
	}
	// Each snippet analyses a whole text: cut them side by side.
	var wg sync.WaitGroup
	for i := range out {
		wg.Go(func() {
			r := &out[i]
			a := db.analyzer(r.Lang)
			r.Title = highlights(analysis.Highlight(a, r.Summary.Title, pq))
			// From the summary or the body, never both: they say the
			// same thing.
			body := markup.PlainText(bodies[i])
			r.Snippet = highlights(analysis.SnippetOf(a, []string{r.Summary.Summary, body}, pq, snippetRunes))
		})
	}
	wg.Wait()
	return out, nil
}

// versionKey names a version.
type versionKey struct {
	storyID int64
	lang    string
}

func highlights(fs []analysis.Fragment) []khabar.Highlight {
	out := make([]khabar.Highlight, len(fs))
	for i, f := range fs {
		out[i] = khabar.Highlight{Text: f.Text, Match: f.Match}
	}
	return out
}
